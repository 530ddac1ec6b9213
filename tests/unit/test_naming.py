"""The identifier rule of generator/naming.py, and each target's naming service that applies it."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import naming
from generator.errors import Diagnostic
from generator.ir import ClientModel, EnumDecl, ModelDecl
from generator.java.names import JavaNames
from generator.pipeline import build_spec
from generator.python import identifiers, reserved
from generator.python.identifiers import PythonNames


@pytest.mark.parametrize(
    ("text", "snake", "pascal", "upper"),
    [
        ("instrumentID", "instrument_id", "InstrumentId", "INSTRUMENT_ID"),
        ("HTTPServer", "http_server", "HttpServer", "HTTP_SERVER"),
        ("v1", "v1", "V1", "V1"),
        ("int64Value", "int64_value", "Int64Value", "INT64_VALUE"),
        ("dark-blue", "dark_blue", "DarkBlue", "DARK_BLUE"),
        ("light green", "light_green", "LightGreen", "LIGHT_GREEN"),
        ("1st", "n_1st", "N1st", "V_1ST"),
        ("Crème brûlée", "creme_brulee", "CremeBrulee", "CREME_BRULEE"),
        ("class", "class", "Class", "CLASS"),
        ("", "value", "Model", "EMPTY"),
        ('"""', "value", "Model", "EMPTY"),
    ],
)
def test_styles(text: str, snake: str, pascal: str, upper: str) -> None:
    assert naming.snake(text) == snake
    assert naming.pascal(text) == pascal
    assert naming.upper(text) == upper


def test_reserved_names_get_a_trailing_underscore() -> None:
    assert naming.snake("timeout", reserved={"timeout"}) == "timeout_"
    assert naming.pascal("none") == "None", "the neutral rule reserves nothing"
    assert identifiers.pascal("none") == "None_", "Python reserves its keywords"
    assert identifiers.snake("class") == "class_"


def _named(spec: Path, out: Path) -> tuple[ClientModel, PythonNames, list[Diagnostic]]:
    """The model of `spec`, its Python names, and every warning: the builder's and the naming service's."""
    built = build_spec(spec, out)
    assert built.diags is not None
    warn = lambda file, pointer, message: built.diags.warn("name-collision", file, pointer, message)  # noqa: E731
    names = PythonNames(built.model, warn)
    return built.model, names, built.diags.warnings


def test_collisions_are_numbered_by_sorted_source_text() -> None:
    forward = naming.dedupe([("upper", "UPPER"), ("UPPER", "UPPER"), ("Upper", "UPPER")])
    backward = naming.dedupe([("Upper", "UPPER"), ("UPPER", "UPPER"), ("upper", "UPPER")])
    assert forward == backward == {"UPPER": "UPPER", "Upper": "UPPER_2", "upper": "UPPER_3"}


def test_numbering_skips_names_already_taken() -> None:
    result = naming.dedupe([("a", "x"), ("b", "x"), ("c", "x_2")])
    assert sorted(result.values()) == ["x", "x_2", "x_3"]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("instrumentID", ["instrument", "id"]),
        ("HTTPServer", ["http", "server"]),
        ("getV2Items", ["get", "v2", "items"]),
        ("int64", ["int64"]),
        ("x-request-id", ["x", "request", "id"]),
        ("Crème  brûlée!", ["creme", "brulee"]),
        ("100 items", ["100", "items"]),
        ("Łódź", ["odz"]),  # Ł has no ASCII decomposition: dropped
        ("日本", []),
    ],
)
def test_words_split_at_non_alphanumerics_and_camel_case(text: str, words: list[str]) -> None:
    assert naming.words(text) == words


def test_a_python_package_never_shadows_the_standard_library_or_httpx() -> None:
    for taken in ("email", "json", "typing", "httpx"):
        assert taken in reserved.PACKAGE
        assert naming.snake(taken, reserved=reserved.PACKAGE) == taken + "_"
    assert naming.snake("Acme", reserved=reserved.PACKAGE) == "acme"


def test_fallbacks_and_digit_prefixes_per_style() -> None:
    assert naming.snake("", fallback="field") == "field"
    assert naming.pascal("***", fallback="Schema") == "Schema"
    assert (naming.snake("2fa"), naming.pascal("2fa"), naming.upper("2fa")) == ("n_2fa", "N2fa", "V_2FA")
    assert naming.numbered("name", 3) == "name_3"


def test_a_namespace_numbers_later_claims_and_reports_each_rename() -> None:
    renamed: list[tuple[str, str]] = []
    names = naming.Namespace(on_rename=lambda proposed, given: renamed.append((proposed, given)))
    assert [names.claim("Thing"), names.claim("Thing"), names.claim("Other"), names.claim("Thing")] == [
        "Thing",
        "Thing_2",
        "Other",
        "Thing_3",
    ]
    assert renamed == [("Thing", "Thing_2"), ("Thing", "Thing_3")]


def test_a_namespace_compares_by_its_key_and_skips_reserved_names() -> None:
    names = naming.Namespace(reserved={"List"}, keys=naming.snake)
    assert names.claim("ThingOwner") == "ThingOwner"
    assert names.claim("Thing_Owner") == "Thing_Owner_2"  # same module name, thing_owner
    assert names.claim("List") == "List_"
    names.reserve("Page")
    assert names.claim("Page") == "Page_2"


COLLIDING_SPEC = """
openapi: 3.1.0
info: {title: Collide API, version: "1"}
paths:
  /a:
    get:
      operationId: getA
      tags: [things]
      parameters:
        - {name: page-size, in: query, schema: {type: integer}}
        - {name: page_size, in: query, schema: {type: integer}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  user-name: {type: string}
                  user_name: {type: string}
                  inner: {type: object, properties: {x: {type: string}}}
  /b:
    get:
      operationId: get_a
      tags: [things]
      responses:
        "200": {description: ok}
components:
  schemas:
    GetAResponse:
      type: object
      properties:
        id: {type: string}
"""


def test_every_collision_gets_the_numbered_suffix_and_a_warning(tmp_path: Path) -> None:
    """Types, properties, parameters and operations collide by one rule (naming.py, rule 5)."""
    spec = tmp_path / "collide.yaml"
    spec.write_text(COLLIDING_SPEC)
    model, names, warnings = _named(spec, tmp_path / "out")
    types = {d.name for d in model.decls}
    # The component keeps its key's name; the inline response that would share it is numbered.
    assert {"GetAResponse", "GetAResponse_2"} <= types
    (op_a,) = [op for op in model.operations if op.path == "/a"]
    (op_b,) = [op for op in model.operations if op.path == "/b"]
    assert {names.method(op_a), names.method(op_b)} == {"get_a", "get_a_2"}
    assert sorted(names.argument(op_a, (p.location, p.wire_name)) for p in op_a.parameters) == [
        "page_size",
        "page_size_2",
    ]
    response = next(d for d in model.decls if d.name == "GetAResponse_2")
    assert isinstance(response, ModelDecl)
    assert sorted(names.attribute(p) for p in response.properties) == ["inner", "user_name", "user_name_2"]
    collisions = [w for w in warnings if w.code == "name-collision"]
    messages = " | ".join(w.message for w in collisions)
    for renamed in ("GetAResponse_2", "get_a_2", "page_size_2", "user_name_2"):
        assert f"named {renamed!r}" in messages, messages
    assert all(w.location.pointer for w in collisions), "every collision names where it happened"


ARGUMENTS_SPEC = """
openapi: 3.1.0
info: {title: Args API, version: "1"}
paths:
  /things:
    post:
      operationId: makeThing
      parameters:
        - {name: limit, in: query, schema: {type: integer}}
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [limit]
              properties:
                limit: {type: string}
      responses:
        "204": {description: made}
"""


def test_a_body_field_and_a_parameter_share_one_namespace(tmp_path: Path) -> None:
    """Keyword arguments of one method collide by rule 5 too: numbered, with a located warning."""
    spec = tmp_path / "args.yaml"
    spec.write_text(ARGUMENTS_SPEC)
    model, python, warnings = _named(spec, tmp_path / "out")
    (op,) = model.operations
    assert op.body is not None and op.body.fields is not None
    keys = [(p.location, p.wire_name) for p in op.parameters] + [("body", f.wire_name) for f in op.body.fields]
    names = {(key[0], python.argument(op, key)) for key in keys}
    # "limit\x00body" sorts before "limit\x00query": the body field keeps the name.
    assert names == {("body", "limit"), ("query", "limit_2")}
    (warning,) = [w for w in warnings if w.code == "name-collision"]
    assert "argument 'limit in query'" in warning.message and "named 'limit_2'" in warning.message
    assert warning.location.pointer == "/paths/~1things/post/parameters/0"


def test_a_field_named_like_a_page_method_is_renamed(tmp_path: Path) -> None:
    """A page extends its response model: a field may not hide has_next_page() (naming rule 4)."""
    spec = tmp_path / "pages.yaml"
    spec.write_text(
        "openapi: 3.1.0\ninfo: {title: P, version: '1'}\npaths:\n  /x:\n    get:\n      operationId: listX\n"
        "      parameters: [{name: offset, in: query, schema: {type: integer}}]\n      responses:\n        '200':\n"
        "          description: ok\n          content:\n            application/json:\n              schema:\n"
        "                type: object\n                properties:\n                  data: {type: array, items: {type: string}}\n"
        "                  has_next_page: {type: boolean}\n"
    )
    model, names, _ = _named(spec, tmp_path / "out")
    (op,) = model.operations
    assert op.pagination is not None and op.pagination.style == "offset"
    response = next(d for d in model.decls if isinstance(d, ModelDecl))
    assert sorted(names.attribute(p) for p in response.properties) == ["data", "has_next_page_"]


CROSS_RESERVED = Path(__file__).parent.parent / "fixtures" / "reserved" / "openapi.yaml"


def test_each_language_escapes_only_its_own_reserved_words(tmp_path: Path) -> None:
    """The model holds wire names; Python and Java each escape what they reserve, and nothing else."""
    model, python, _ = _named(CROSS_RESERVED, tmp_path / "out")
    java = JavaNames(model, "com.reserved.api")
    none = next(d for d in model.decls if d.name == "None")
    mode = next(d for d in model.decls if d.name == "Mode")
    assert isinstance(none, ModelDecl) and isinstance(mode, EnumDecl)
    assert python.cls(none) == "None_"  # a Python keyword
    assert java.cls(none).name == "None"  # a plain Java name
    attributes = {p.wire_name: python.attribute(p) for p in none.properties}
    accessors = {f.wire: f.name for f in java.fields(none)}
    assert attributes == {
        "mro": "mro",
        "class": "class_",
        "default": "default",
        "record": "record",
        "yield": "yield_",
        "mode": "mode",
    }
    assert accessors == {
        "mro": "mro",
        "class": "class_",
        "default": "default_",
        "record": "record_",
        "yield": "yield_",
        "mode": "mode",
    }
    # `mro` is a member of every Python enum class, and of no Java one.
    assert {str(m.value): python.member(m) for m in mode.members}["mro"] == "MRO_"
    assert {str(m.value): java.constant_of(m) for m in mode.members}["mro"] == "MRO"


def test_a_request_type_named_like_a_schema_is_numbered(tmp_path: Path) -> None:
    """`FunctionTool`'s request type would be `FunctionToolParam`, a schema's name: it is numbered, with a warning."""
    model, python, warnings = _named(CROSS_RESERVED, tmp_path / "out")
    tool = next(d for d in model.decls if d.name == "FunctionTool")
    schema = next(d for d in model.decls if d.name == "FunctionToolParam")
    assert python.cls(schema) == "FunctionToolParam"
    assert python.param_type(tool) == "FunctionToolParam_2"
    assert python.param_type(schema) == "FunctionToolParamParam"
    (warning,) = [w for w in warnings if "request type of 'FunctionTool'" in w.message]
    assert warning.location.pointer == "/components/schemas/FunctionTool" and warning.location.line is not None


def test_a_name_too_long_for_a_file_is_shortened_the_same_way_every_time() -> None:
    long = "x" * 300
    short = naming.snake(long)
    assert len(short) == naming.MAX_LENGTH and short == naming.snake(long)
    assert short.startswith("x" * 90) and naming.snake(long + "y") != short  # a difference past the cut stays
    assert naming.pascal("word " * 80) != naming.pascal("word " * 81)
    assert naming.snake("short_name") == "short_name"
