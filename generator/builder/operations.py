"""Operations: parameters, bodies, responses, return types and outcome tables.

The paths are walked in sorted order, methods in a fixed order, so the
operations (and every name numbered on a collision) never depend on the
order of keys in the file. An operation's outcome table says how each
success status is read; when the spec declares no success at all, the table
holds one bodiless `2XX` outcome, so the templates never invent one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from .. import naming
from ..ir import (
    AnyType,
    Body,
    BytesType,
    MapType,
    NullableType,
    Operation,
    Outcome,
    Parameter,
    Property,
    Response,
    TypeInfo,
    Where,
    model_of,
)
from ..kinds import PARAMETER_LOCATIONS, Content, Encoding, Location, ParameterStyle
from ..resolve import Target
from . import example_check, rules, shapes
from .examples import Examples
from .schemas import STR, Schemas
from .streaming import streaming

# The styles each location allows (Parameter Object, "style").
_STYLES: dict[Location, tuple[ParameterStyle, ...]] = {
    Location.PATH: ("simple", "label", "matrix"),
    Location.HEADER: ("simple",),
    Location.QUERY: ("form", "spaceDelimited", "pipeDelimited", "deepObject"),
    Location.COOKIE: ("form",),
}
_LOCATION_ORDER = {location: i for i, location in enumerate(PARAMETER_LOCATIONS)}


class Operations:
    def __init__(self, schemas: Schemas, examples: Examples) -> None:
        self.schemas = schemas
        self.examples = examples
        self.ctx = schemas.ctx

    def build(self) -> list[tuple[Operation, Target]]:
        """Every operation of the spec with its node, paths sorted, methods in a fixed order.

        `Operation.pointer` is where the operation sits under `/paths` of the
        root document, even when its path item is a `$ref`.
        """
        out: list[tuple[Operation, Target]] = []
        paths = self.ctx.root("/paths")
        for path in sorted(paths.node) if isinstance(paths.node, Mapping) else []:
            item = self.ctx.deref(paths.child(path))
            for method in shapes.HTTP_METHODS:
                if isinstance(item.get(method), Mapping):
                    op = item.child(method)
                    pointer = paths.child(path, method).pointer
                    out.append((self._operation(path, method, op, item, pointer), op))
        return out

    # ------------------------------------------------------------ one operation

    def _operation(self, path: str, method: str, op: Target, item: Target, pointer: str) -> Operation:
        op_id = operation_id(path, method, op)
        op_name = naming.pascal(op_id, fallback="Operation")
        found = self._parameters([item.child("parameters"), op.child("parameters")], op_name)
        params = [param for param, _ in found]
        body_found = self._body(op.child("requestBody"), op_name)
        body = body_found[0] if body_found is not None else None
        responses = self._responses(op.child("responses"), op_name)
        stream = streaming(self.schemas, op_id, op_name, op, body, responses)
        for r in responses:
            model = model_of(r.type) if r.is_success else None
            if model is not None:
                model.is_result = True
        example_args = self.examples.call_arguments(op, params, body)
        refused = example_check.refusal(
            str(self.ctx.root().get("openapi", "")),
            params,
            [shapes.schema_of(node) for _, node in found],
            (
                body_found[1]
                if body_found is not None and body is not None and body.encoding in (Encoding.JSON, Encoding.FORM)
                else None
            ),
            body is not None and body.fields is not None,
            example_args,
        )
        return Operation(
            pointer=pointer,
            example_args=example_args,
            example_refused=refused,
            body_plan=rules.body_plan(body),
            operation_id=op_id,
            method=method,
            path=path,
            resource=(),
            summary=shapes.text(op.get("summary")),
            description=shapes.text(op.get("description")),
            parameters=params,
            body=body,
            responses=responses,
            return_type=self._return_type(op, op_name, responses),
            outcomes=outcomes(responses),
            deprecated=op.get("deprecated") is True,
            streaming=stream,
        )

    def _return_type(self, op: Target, op_name: str, responses: list[Response]) -> TypeInfo | None:
        """The one success type; a union when there are several; Optional when a success has no body."""
        success: list[TypeInfo] = []
        for r in responses:
            if r.is_success and r.type is not None and r.type.canonical() not in success:
                success.append(r.type.canonical())
        if not success:
            return None
        result = success[0] if len(success) == 1 else self.schemas.declare_union(op_name + "Response", op, success)
        if not isinstance(result, NullableType) and any(r.is_success and r.type is None for r in responses):
            return NullableType(result)  # e.g. 201 with a body, 204 without
        return result

    # ------------------------------------------------------------ parameters

    def _parameters(self, lists: list[Target], op_name: str) -> list[tuple[Parameter, Target]]:
        """Path-level then operation-level parameters (the latter override by name and location),
        path first, then query, header and cookie, required before optional."""
        by_key: dict[tuple[str, Location], Target] = {}
        for listed in lists:
            for i in range(len(listed.node) if isinstance(listed.node, list) else 0):
                param = self.ctx.deref(listed.child(i))
                name, given = param.get("name"), param.get("in")
                location = next((place for place in PARAMETER_LOCATIONS if place == given), None)
                if not isinstance(name, str) or location is None:
                    continue
                if location is Location.HEADER and name.lower() in shapes.IGNORED_HEADERS:
                    continue  # the spec says these SHALL be ignored: the body and auth decide them
                by_key[(name, location)] = param
        out = [(self._parameter(name, location, param, op_name), param) for (name, location), param in by_key.items()]
        return sorted(out, key=lambda found: (_LOCATION_ORDER[found[0].location], not found[0].required))

    def _parameter(self, name: str, location: Location, param: Target, op_name: str) -> Parameter:
        required = location is Location.PATH or param.get("required") is True
        t = self.schemas.type_of(shapes.schema_of(param), op_name + naming.pascal(name, fallback="Param"))
        style, explode = self._style(param, location)
        if location is Location.QUERY and param.get("allowReserved") is True:
            # Both clients percent-encode every reserved character (`/`, `?`, `&`, ...) in a query value.
            message = "allowReserved is not supported: reserved characters in the value are sent percent-encoded"
            self.ctx.warn("unsupported-parameter-style", param.child("allowReserved"), message)
        description = shapes.text(param.get("description"))
        example = self.examples.of_parameter(param, required)
        where = Where(param.doc.name, param.pointer)
        return Parameter(name, location, t, required, description, example, style, explode, where)

    def _style(self, param: Target, location: Location) -> tuple[ParameterStyle, bool]:
        """The parameter's `style` and `explode`, with the spec's defaults per location."""
        default: ParameterStyle = "form" if location in (Location.QUERY, Location.COOKIE) else "simple"
        given = param.get("style", default)
        style = next((allowed for allowed in _STYLES[location] if allowed == given), None)
        if style is None:
            message = f"style {given!r} is not supported for {location} parameters; sent as {default!r}"
            self.ctx.warn("unsupported-parameter-style", param.child("style"), message)
            style = default
        return style, param.get("explode", style == "form") is True

    # ------------------------------------------------------------ bodies

    def _body(self, raw: Target, op_name: str) -> tuple[Body, Target] | None:
        """The request body and where its schema is; an object body's fields become arguments."""
        request = self.ctx.deref(raw)
        if raw.node is None or not isinstance(request.node, Mapping):
            return None
        media = shapes.choose_media(request.child("content"), shapes.REQUEST_ENCODINGS)
        if media is None:
            return None
        ctype, media_node, encoding = media
        required = request.get("required") is True
        schema = shapes.schema_of(media_node)
        if encoding.is_raw:
            return Body(ctype, required, None, BytesType() if encoding is Encoding.BINARY else STR, encoding), schema
        t = self.schemas.type_of(schema, op_name + "Body")
        model = model_of(t)
        if model is not None and model.properties:
            where = Where(schema.doc.name, schema.pointer)
            fields = [Property(p.wire_name, p.type, p.required, p.description, where) for p in model.properties]
            return Body(ctype, required, fields, None, encoding), schema
        if encoding is not Encoding.JSON and not isinstance(t.canonical(), (MapType, AnyType)):
            message = f"a {ctype} body must be an object; it is taken as a mapping of fields"
            self.ctx.warn("unsupported-body", schema, message)
            t = MapType(AnyType())
        return Body(ctype, required, None, t, encoding), schema

    # ------------------------------------------------------------ responses

    def _responses(self, responses: Target, op_name: str) -> list[Response]:
        keys = {str(k): k for k in (responses.node if isinstance(responses.node, Mapping) else {})}
        out = [
            self._response(status, self.ctx.deref(responses.child(keys[status])), op_name)
            for status in sorted(keys, key=lambda s: (s == "default", s))
        ]
        found = [r for r in out if r is not None]
        if not any(r.is_success for r in found):
            for r in found:
                if r.status == "default":
                    r.is_success = True
        return found

    def _response(self, status: str, response: Target, op_name: str) -> Response | None:
        if not isinstance(response.node, Mapping):
            return None
        description = shapes.text(response.get("description"))
        result = Response(status, None, False, description, is_success=status.startswith("2"))
        media = shapes.choose_media(response.child("content"), shapes.RESPONSE_ENCODINGS)
        if media is None:
            return result
        ctype, media_node, encoding = media
        result.content_type = ctype
        if encoding is not Encoding.JSON:
            result.content = Content.TEXT if encoding is Encoding.TEXT else Content.BYTES
            result.type = STR if encoding is Encoding.TEXT else BytesType()
            return result
        result.examples = self.examples.of_media(media_node)
        schema = shapes.schema_of(media_node)
        version = str(self.ctx.root().get("openapi", ""))
        for name, example in result.examples:
            problem = example_check.response_problem(version, schema, example.value)
            if problem is not None:
                result.broken_examples[name] = problem
        if not result.examples:
            # Without one, a mock server sends the schema's own example (a list, its items' one).
            built = example_check.schema_example(self.ctx.deref, schema)
            problem = example_check.response_problem(version, schema, built) if built is not None else None
            if problem is not None:
                result.broken_examples[None] = problem.replace("the documented example", "the schema's example", 1)
        kind = "Response" if status.startswith("2") else "Error"
        hint = op_name + kind + (naming.pascal(status) if status != "200" else "")
        result.type = self.schemas.type_of(schema, hint)
        result.partial = status.startswith("2") and rules.is_partial(response, schema, result.type, self.schemas)
        return result


def operation_id(path: str, method: str, op: Target) -> str:
    """The operationId; without one, the HTTP method and the literal path segments."""
    op_id = op.get("operationId")
    if isinstance(op_id, str) and op_id:
        return op_id
    words = [w for w in re.split(r"[/{}]+", path) if w and not path.count("{" + w + "}")]
    return "_".join([method, *words]) or method


def outcomes(responses: list[Response]) -> list[Outcome]:
    """How each success status is read; one bodiless `2XX` when the spec declares none."""
    table = [
        Outcome(r.status, r.type.canonical() if r.type else None, r.partial, r.content)
        for r in responses
        if r.is_success
    ]
    return table or [Outcome("2XX", None, False, Content.JSON)]
