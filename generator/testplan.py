"""The generated tests, planned from the intermediate model.

One test per operation and documented response (each named example its own
test), run against Prism started from the spec and selected with its
`Prefer: code=..., example=...` header; plus MockTransport tests of what a
mock server cannot show (retry sequences, dropped connections).

Assertions are written here, as lines of Python built only from identifiers
and `render.pyliteral`, so spec values cannot inject code; the templates only
lay the lines out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import naming
from .ir import (
    ClientModel,
    DateTimeType,
    EnumDecl,
    ListType,
    MapType,
    ModelDecl,
    NullableType,
    Operation,
    STATUS_ERRORS,
    RefType,
    Response,
    SpecValue,
    TypeInfo,
)
from .render import pyliteral

MAX_ITEMS = 5  # list items whose fields are asserted one by one


def error_class(status: int) -> str:
    return STATUS_ERRORS.get(status) or ("InternalServerError" if status >= 500 else "APIStatusError")


@dataclass
class ResponseTest:
    name: str
    operation: Operation
    status: str
    prefer: str
    exception: str | None = None
    message: SpecValue | None = None
    lines: list[str] = field(default_factory=list)


@dataclass
class TransportTest:
    operation: Operation
    status: int
    body: SpecValue | None  # None: a body-less success


@dataclass
class OperationTests:
    operation: Operation
    module: str
    responses: list[ResponseTest]
    transport: TransportTest | None


def _enum_member(decl: EnumDecl, value: Any) -> str | None:
    for member in decl.members:
        if member.value == value and type(member.value) is type(value):
            return member.py_name
    return None


def value_assertions(t: TypeInfo, value: Any, expr: str) -> list[str]:
    """Assertions that `expr` holds the decoded form of the JSON `value`."""
    c = t.canonical()
    if value is None:
        return [f"assert {expr} is None"]
    if isinstance(c, NullableType):
        return value_assertions(c.inner, value, expr)
    if isinstance(c, RefType) and isinstance(c.decl, ModelDecl) and isinstance(value, dict):
        lines = [f"assert isinstance({expr}, types.{c.decl.name})"]
        for prop in c.decl.properties:
            if prop.wire_name in value:
                lines += value_assertions(prop.type, value[prop.wire_name], f"{expr}.{prop.py_name}")
        return lines
    if isinstance(c, RefType) and isinstance(c.decl, EnumDecl):
        member = _enum_member(c.decl, value)
        if member is not None:
            return [f"assert {expr} is types.{c.decl.name}.{member}"]
        return [f"assert {expr} == {pyliteral(value)}"]
    if isinstance(c, MapType) and isinstance(value, dict):
        lines = [f"assert len({expr}) == {len(value)}"]
        for key in list(value)[:MAX_ITEMS]:
            lines += value_assertions(c.value, value[key], f"{expr}[{pyliteral(str(key))}]")
        return lines
    if isinstance(c, ListType) and isinstance(value, list):
        lines = [f"assert len({expr}) == {len(value)}"]
        for i, item in enumerate(value[:MAX_ITEMS]):
            lines += value_assertions(c.item, item, f"{expr}[{i}]")
        return lines
    if isinstance(c, DateTimeType) or isinstance(c, RefType):
        return [f"assert {expr} is not None"]
    return [f"assert {expr} == {pyliteral(value)}"]


def _error_message(body: Any) -> Any:
    if isinstance(body, dict):
        error = body.get("error")
        if isinstance(error, dict) and isinstance(error.get("message"), str):
            return error["message"]
        if isinstance(error, str):
            return error
        if isinstance(body.get("message"), str):
            return body["message"]
    return None


def _batch_lines(response: Response, value: Any) -> list[str]:
    t = response.type.canonical() if response.type else None
    if not (isinstance(t, RefType) and isinstance(t.decl, ModelDecl) and t.decl.batch):
        return []
    batch = t.decl.batch
    lines = [f"assert response.is_partial is {response.partial}"]
    rows = value.get(batch.data.wire_name) if isinstance(value, dict) else None
    if batch.rejected_field is None or not isinstance(rows, list):
        return lines
    key = batch.rejected_field.wire_name
    rejected = [i for i, row in enumerate(rows) if isinstance(row, dict) and row.get(key) in batch.rejected_values]
    accepted = [i for i in range(len(rows)) if i not in rejected]
    data = f"response.{batch.data.py_name}"
    lines.append(f"assert response.rejected == [{', '.join(f'{data}[{i}]' for i in rejected)}]")
    lines.append(f"assert response.accepted == [{', '.join(f'{data}[{i}]' for i in accepted)}]")
    return lines


def _response_tests(op: Operation) -> list[ResponseTest]:
    tests: list[ResponseTest] = []
    for response in op.responses:
        if response.status == "2XX":
            status = 200  # Prism answers a range with its first code
        elif not response.status.isdigit():
            continue  # `default` has no code to ask Prism for
        else:
            status = int(response.status)
        examples: list[tuple[str | None, SpecValue | None]] = list(response.examples) or [(None, None)]
        for example_name, example in examples:
            suffix = f"_{naming.snake(example_name)}" if example_name else ""
            # Prism splits Prefer on commas: a name holding one cannot be asked for.
            usable = example_name is not None and "," not in example_name and example_name.isascii()
            prefer = f"code={status}" + (f", example={example_name}" if usable else "")
            test = ResponseTest(f"test_{op.py_name}_{status}{suffix}", op, response.status, prefer)
            value = example.value if example is not None else None
            if status >= 400:
                test.exception = error_class(status)
                message = _error_message(value)
                test.message = SpecValue(message) if message is not None else None
            elif response.is_success:
                if response.type is not None and example is not None:
                    test.lines = value_assertions(response.type, value, "response")
                    test.lines += _batch_lines(response, value)
                elif response.type is None:
                    test.lines = ["assert response is None"]
                elif response.content != "json":
                    test.lines = [f"assert isinstance(response, {'str' if response.content == 'text' else 'bytes'}) and len(response) > 0"]
                else:
                    test.lines = ["assert response is not None"]
            else:
                continue
            tests.append(test)
    keys = [f"{t.status}\x00{i}" for i, t in enumerate(tests)]
    names = naming.dedupe(zip(keys, (t.name for t in tests)))
    for key, t in zip(keys, tests):
        t.name = names[key]
    return tests


def _transport_test(op: Operation) -> TransportTest | None:
    for response in op.success_responses:
        status = 200 if response.status in ("2XX", "default") else int(response.status) if response.status.isdigit() else None
        if status is None:
            continue
        if response.type is None:
            return TransportTest(op, status, None)
        return TransportTest(op, status, response.examples[0][1] if response.examples else response.placeholder)
    return None


def plan(model: ClientModel) -> list[OperationTests]:
    out = []
    modules = naming.dedupe(
        (op.operation_id, "test_" + "_".join(op.resource + (op.py_name,))) for op in model.operations
    )
    for op in model.operations:
        out.append(OperationTests(op, modules[op.operation_id], _response_tests(op), _transport_test(op)))
    return out
