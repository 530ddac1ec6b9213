"""What the builder decides so that generated tests can pass against a validating mock server.

- `Operation.accept` names every form the operation documents, errors' included;
- `Operation.unmet_security` lists the schemes the client's one credential does not meet;
- `Operation.example_refused` says why the example call breaks its own schemas, and
  `Response.broken_examples` which documented answers break theirs.

The test plan (generator/testplan.py) turns the last three into skipped tests with the reason.
"""

from __future__ import annotations

from typing import Any

from generator.ir import ClientModel
from generator.testplan import plan

from .spec import build, content, ref, returning, spec

THING = {"type": "object", "required": ["name"], "properties": {"id": {"type": "string", "readOnly": True}, "name": {"type": "string"}}}


def model(paths: dict[str, Any], **top: Any) -> ClientModel:
    return build(spec(paths, {"Thing": THING}, **top)).model


def test_accept_names_the_error_forms_too() -> None:
    errors = {"400": {"description": "bad", "content": content({"type": "object"}, "application/problem+json")}}
    xml = {"404": {"description": "no", "content": content({"type": "object"}, "application/xml")}}
    plain = returning(ref("Thing"))
    problem = {"responses": {**plain["responses"], **errors}}
    other = {"responses": {**plain["responses"], **xml}}
    ops = model({"/a": {"get": plain}, "/b": {"get": problem}, "/c": {"get": other}}).operations
    assert [op.accept for op in ops] == [None, "application/json, application/problem+json", "application/json, application/xml"]


def test_a_scheme_the_client_cannot_send_is_unmet() -> None:
    schemes = {
        "bearer": {"type": "http", "scheme": "bearer"},
        "basic": {"type": "http", "scheme": "basic"},
        "oauth": {"type": "oauth2", "flows": {"implicit": {"authorizationUrl": "https://x.test/a", "scopes": {}}}},
        "query_key": {"type": "apiKey", "in": "query", "name": "key"},
    }
    paths = {
        "/open": {"get": returning(ref("Thing"), security=[])},
        "/bearer": {"get": returning(ref("Thing"))},  # the document's: bearer
        "/oauth": {"get": returning(ref("Thing"), security=[{"oauth": []}])},  # a bearer token on the wire
        "/either": {"get": returning(ref("Thing"), security=[{"basic": []}, {"bearer": []}])},
        "/both": {"get": returning(ref("Thing"), security=[{"bearer": [], "query_key": []}])},
        "/basic": {"get": returning(ref("Thing"), security=[{"basic": []}, {"query_key": []}])},
    }
    built = model(paths, components={"schemas": {"Thing": THING}, "securitySchemes": schemes}, security=[{"bearer": []}])
    unmet = {op.path: op.unmet_security for op in built.operations}
    assert unmet == {"/open": (), "/bearer": (), "/oauth": (), "/either": (), "/both": ("query_key",), "/basic": ("basic",)}
    tests = {t.operation.path: t.responses for t in plan(built)}
    assert tests["/basic"][0].skip is not None and "(basic)" in tests["/basic"][0].skip
    assert tests["/bearer"][0].skip is None


def test_an_example_call_that_breaks_its_schema_is_refused() -> None:
    def body(example: Any, version: str = "3.1.0") -> str | None:
        op = {"requestBody": {"content": {"application/json": {"schema": ref("Thing"), "example": example}}}, **returning(ref("Thing"))}
        built = build(spec({"/things": {"post": op}}, {"Thing": THING}, version=version)).model
        return built.operations[0].example_refused

    assert body({"name": "ok"}) is None
    assert body({"name": 5}) is not None and "['name']" in str(body({"name": 5}))
    assert "read-only" in str(body({"name": "ok", "id": "x"}))  # a server drops readOnly fields from requests
    assert "read-only" in str(body({"name": "ok", "id": "x"}, version="3.0.3"))


def test_a_oneof_matched_twice_is_refused_whatever_the_discriminator_says() -> None:
    same = {"type": "object", "properties": {"kind": {"type": "string"}}}
    union = {"oneOf": [ref("A"), ref("B")], "discriminator": {"propertyName": "kind", "mapping": {"a": "#/components/schemas/A"}}}
    op = {"requestBody": {"content": {"application/json": {"schema": union, "example": {"kind": "a"}}}}, **returning(ref("A"))}
    built = build(spec({"/things": {"post": op}}, {"A": same, "B": same})).model
    assert "valid under each of" in str(built.operations[0].example_refused)
    (only,) = [t for t in plan(built)[0].responses if t.status == "200"]
    assert only.skip is not None and only.skip.startswith("Prism refuses the documented example call (422)")


def test_a_documented_answer_that_breaks_its_schema_is_known() -> None:
    broken = {"description": "ok", "content": {"application/json": {"schema": ref("Thing"), "examples": {"good": {"value": {"name": "a"}}, "bad": {"value": {"id": "1"}}}}}}
    built = model({"/things": {"get": {"responses": {"200": broken}}}})
    response = built.operations[0].responses[0]
    assert list(response.broken_examples) == ["bad"] and "'name' is a required property" in response.broken_examples["bad"]
    skips = {t.name: t.skip for t in plan(built)[0].responses}
    assert skips["test_get_things_200_good"] is None
    assert skips["test_get_things_200_bad"] is not None and skips["test_get_things_200_bad"].startswith("Prism would send the documented example")


def test_a_parameter_whose_text_matches_a_oneof_twice_is_refused() -> None:
    def path_param(schema: Any) -> str | None:
        param = {"name": "id", "in": "path", "required": True, "schema": schema, "example": 1}
        built = build(spec({"/things/{id}": {"get": returning(ref("Thing"), parameters=[param])}}, {"Thing": THING})).model
        return built.operations[0].example_refused

    assert path_param({"type": "integer"}) is None
    assert path_param({"oneOf": [{"type": "string"}, {"type": "boolean"}]}) is None  # "1" is no boolean
    # Sent as text, `1` reads as an integer and as a string: a oneOf of both refuses it.
    assert "valid under each of" in str(path_param({"oneOf": [{"type": "integer"}, {"type": "string"}]}))


def test_an_answer_built_from_a_schema_that_contains_itself_is_skipped() -> None:
    def skips(required: list[str]) -> list[str | None]:
        planet = {"type": "object", "required": required, "properties": {"id": {"type": "integer"}, "moons": {"type": "array", "items": ref("Moon")}}}
        moon = {"type": "object", "properties": {"planet": ref("Planet")}}
        built = build(spec({"/planet": {"get": returning(ref("Planet"))}}, {"Planet": planet, "Moon": moon})).model
        return [t.skip for t in plan(built)[0].responses]

    assert skips([]) == [None]  # Prism stops at the cycle, but nothing required is left out
    (skip,) = skips(["id"])
    assert skip is not None and "Planet contains itself" in skip


def test_a_parameter_is_read_as_text() -> None:
    """`"42"` documented for an integer query parameter goes out as `42`: nothing refuses it."""
    param = {"name": "limit", "in": "query", "schema": {"type": "integer", "enum": [42, 43]}, "example": "42"}
    built = build(spec({"/things": {"get": returning(ref("Thing"), parameters=[param])}}, {"Thing": THING})).model
    assert built.operations[0].example_refused is None


def test_an_answer_without_examples_is_judged_by_the_schemas_own_example() -> None:
    """With no documented example, Prism sends the schema's own one (for a list, one item built from
    its items' example): when that breaks the schema, the test is skipped."""

    def skips(item_example: Any) -> list[str | None]:
        thing = {**THING, "example": item_example}
        built = build(spec({"/things": {"get": returning({"type": "array", "items": ref("Thing")})}}, {"Thing": thing})).model
        return [t.skip for t in plan(built)[0].responses]

    assert skips({"name": "a"}) == [None]
    (skip,) = skips({"id": "1"})
    assert skip is not None and "the schema's example" in skip and "'name' is a required property" in skip


def test_a_schema_the_check_cannot_read_is_taken_as_fine() -> None:
    """`type: 'null'` is no 3.0 type (lenient mode reads it): the check cannot tell, and says nothing."""
    thing = {"type": "object", "properties": {"gone": {"anyOf": [{"type": "string"}, {"type": "null"}]}}, "example": {"gone": None}}
    doc = spec({"/things": {"get": returning({"type": "array", "items": ref("Thing")})}}, {"Thing": thing}, version="3.0.3")
    built = build(doc, lenient=True).model
    assert built.operations[0].responses[0].broken_examples == {}
