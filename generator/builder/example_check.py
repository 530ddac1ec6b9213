"""Does an operation's documented example call match its own schemas?

A mock server that validates requests (Prism) refuses a call whose body or
parameters break the schemas they are sent under, so a generated test built
on such an example could only fail. The builder asks here once per operation
and the test plan skips those tests, saying why. Request validation is
OpenAPI's own: a 3.0 body may not carry `readOnly` properties.

A `$ref` this check cannot follow (into another file), or a schema it cannot
read (a spec read leniently), means "cannot tell": the example is taken as fine.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import quote

from ..ir import WHOLE_BODY, ArgumentKey, Parameter, SpecValue
from ..kinds import Location
from ..resolve import Target

_ROOT = "urn:sdkgen:spec"


def refusal(
    version: str,
    params: list[Parameter],
    param_schemas: list[Target],
    body_schema: Target | None,
    body_fields: bool,
    args: list[tuple[ArgumentKey, SpecValue]],
) -> str | None:
    """Why a validating server refuses the example call, or None when it would not (or cannot tell)."""
    values = {key: value.value for key, value in args}
    for param, schema in zip(params, param_schemas, strict=True):
        key = (param.location, param.wire_name)
        if key in values:
            value = values[key]
            if isinstance(value, (str, bool, int, float)):
                problem = _violation(version, schema, _text_of(value), write=False, text=True)
            else:
                problem = _violation(version, schema, value, write=False)
            if problem is not None:
                return f"its {param.location} parameter {param.wire_name!r} {problem}"
    if body_schema is None:
        return None
    if body_fields:
        instance: Any = {wire: value for (location, wire), value in values.items() if location is Location.BODY}
    elif WHOLE_BODY in values:
        instance = values[WHOLE_BODY]
    else:
        return None
    problem = _violation(version, body_schema, instance, write=True)
    return f"its body {problem}" if problem is not None else None


def response_problem(version: str, schema: Target, example: Any) -> str | None:
    """How a documented response example breaks its own schema, or None. A mock server sends it as
    it is, so a test that decodes it strictly could only fail."""
    problem = _violation(version, schema, example, write=False)
    return f"the documented example {problem}" if problem is not None else None


def schema_example(deref: Callable[[Target], Target], schema: Target, depth: int = 0) -> Any | None:
    """The answer a mock server builds from a schema with no documented example: the schema's own
    `example` (or first `examples` entry), or for a list of items, one item built so; else None."""
    node = deref(schema).node
    if not isinstance(node, Mapping) or depth > 20:
        return None
    if "example" in node:
        return node["example"]
    if isinstance(node.get("examples"), list) and node["examples"]:
        return node["examples"][0]
    if node.get("type") == "array" and isinstance(node.get("items"), Mapping):
        item = schema_example(deref, deref(schema).child("items"), depth + 1)
        return [item] if item is not None else None
    return None


def _wire(value: bool | int | float) -> str:
    """A scalar parameter as the client sends it."""
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def _violation(version: str, schema: Target, instance: Any, write: bool, text: bool = False) -> str | None:
    """The first way `instance` breaks `schema` (as a request), or None.

    `text`: `instance` is a scalar parameter's text as sent. A mock server reads it as every type
    it can pass for (`1` is an integer and a string; so a `oneOf` of both refuses it), and an
    `enum` or `const` by its text."""
    import openapi_schema_validator as oas  # here: only a build that checks examples pays for the import
    from referencing import Registry
    from referencing.jsonschema import DRAFT4, DRAFT202012

    if not isinstance(schema.doc.data, Mapping) or isinstance(instance, bytes):
        return None
    spec = DRAFT4 if version.startswith("3.0") else DRAFT202012
    registry: Registry[Any] = Registry().with_resource(_ROOT, spec.create_resource(schema.doc.data))
    if spec is DRAFT4:
        validator_class: Any = _as_prism(oas.OAS30WriteValidator if write else oas.OAS30Validator, write=False)
    else:
        validator_class = _as_prism(oas.OAS31Validator, write=write)
    if text:
        validator_class = _reading_text(validator_class)
    try:
        validator = validator_class({"$ref": f"{_ROOT}#{quote(schema.pointer, safe='/~')}"}, registry=registry)
        error = next(iter(validator.iter_errors(instance)), None)
    except Exception:  # an unresolvable $ref, a type a spec read leniently misspells: cannot tell
        return None
    if error is None:
        return None
    where = "".join(f"[{part!r}]" for part in error.absolute_path)
    return f"breaks its schema{' at ' + where if where else ''}: {error.message[:200]}"


def _as_prism(base: Any, write: bool) -> Any:
    """`base` as a validating mock server applies it: `oneOf` and `anyOf` by plain JSON Schema
    (a `discriminator` does not pick the variant), and, with `write`, a `readOnly` property
    refused in a request (3.0's write validator already does so)."""
    import importlib

    jsonschema: Any = importlib.import_module("jsonschema")  # untyped
    draft4 = "draft-04" in str(base.META_SCHEMA.get("$schema"))
    plain = (jsonschema.Draft4Validator if draft4 else jsonschema.Draft202012Validator).VALIDATORS

    def ignored(validator: Any, value: Any, instance: Any, schema: Any) -> Any:
        return iter(())

    keywords = {"oneOf": plain["oneOf"], "anyOf": plain["anyOf"], "discriminator": ignored}

    def read_only(validator: Any, value: Any, instance: Any, schema: Any) -> Any:
        if value is True:
            yield jsonschema.ValidationError("is read-only, so a request may not carry it")

    if write:
        keywords["readOnly"] = read_only
    return jsonschema.validators.extend(base, keywords)


def _reading_text(base: Any) -> Any:
    """`base`, with a string instance passing for every scalar type its text can be read as."""
    import importlib

    jsonschema: Any = importlib.import_module("jsonschema")  # untyped
    typed = base.VALIDATORS["type"]

    def type_from_text(validator: Any, types: Any, instance: Any, schema: Any) -> Any:
        kinds = [types] if isinstance(types, str) else list(types) if isinstance(types, list) else []
        if isinstance(instance, str) and any(_reads_as(instance, kind) for kind in kinds):
            return
        yield from typed(validator, types, instance, schema)

    def enum_from_text(validator: Any, values: Any, instance: Any, schema: Any) -> Any:
        if not isinstance(values, list) or not any(_text_of(v) == instance for v in values):
            yield jsonschema.ValidationError(f"{instance!r} is not one of {values!r}")

    def const_from_text(validator: Any, value: Any, instance: Any, schema: Any) -> Any:
        if _text_of(value) != instance:
            yield jsonschema.ValidationError(f"{value!r} was expected")

    return jsonschema.validators.extend(
        base, {"type": type_from_text, "enum": enum_from_text, "const": const_from_text}
    )


def _text_of(value: Any) -> Any:
    """A JSON scalar as a parameter's text; anything else as it is."""
    return _wire(value) if isinstance(value, (bool, int, float)) else value


def _reads_as(text: str, kind: str) -> bool:
    if kind in ("string", "array", "object"):
        return True  # how text splits into items or fields depends on the style: taken as it reads
    if kind == "integer":
        return text.lstrip("-").isdigit()
    if kind == "number":
        try:
            float(text)
        except ValueError:
            return False
        return True
    return kind == "boolean" and text in ("true", "false")
