"""The generated tests, planned from the intermediate model, as data.

One test per operation and documented response (each named example its own
test; in Python, a row of its resource's table), run against Prism started from the spec and selected with its
`Prefer: code=..., example=...` header; plus MockTransport tests of what a
mock server cannot show (retry sequences, dropped connections).

A test's assertions are `Check`s: a kind, a path from the response to the
value checked (model properties by their wire names, batch helpers, list
indexes, map keys from the spec) and the expected value. Test names are
neutral snake_case words; each target spells them, and every member a path
names, its own way. Java's templates lay them out
one by one, escaping every spec value, so nothing a spec says can become code.
Python's tests are tables (generator/python/files.py: `test_modules`): a
row per response, whose success is held against the body the server sent
by a checker in the generated conftest, strictly where `exact` vouches for
the documented body.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from . import naming
from .ir import (
    ClientModel,
    DateTimeType,
    Decl,
    EnumDecl,
    EnumMember,
    ListType,
    MapType,
    ModelDecl,
    NullableType,
    Operation,
    Property,
    RefType,
    Response,
    SpecValue,
    TypeInfo,
    error_class_for,
)
from .kinds import CheckKind, Content, StepKind

MAX_ITEMS = 5  # list items whose fields are asserted one by one


@dataclass(frozen=True)
class Step:
    """One step from a value to a part of it: a member, `[index]` or `[key]`.

    An attr step into a model's property names the model (`owner`, its
    declaration name) and the property's wire name, so that each target
    finds the member it named; `optional` says the property may be absent or
    null. A step to a batch helper (`is_partial`, `rejected`, `accepted`) has
    its `name` and no owner.
    """

    kind: StepKind
    name: str = ""
    index: int = 0
    key: SpecValue | None = None
    owner: str = ""
    wire: str = ""
    optional: bool = False


Path = tuple[Step, ...]


@dataclass(frozen=True)
class Check:
    """One assertion about the value at `path` from the response.

    kinds: is_none, not_none, equals (`value`), length (`length`), instance
    (of `types.<type_name>`), member (is the member of enum `type_name` whose value is `value`),
    flag (is `flag`), rows (equals the rows of `rows_path` at `indices`),
    nonempty_text and nonempty_bytes (is a non-empty text or bytes).
    """

    kind: CheckKind
    path: Path = ()
    value: SpecValue | None = None
    length: int = 0
    type_name: str = ""
    flag: bool = False
    rows_path: Path = ()
    indices: tuple[int, ...] = ()


@dataclass
class ResponseTest:
    name: str
    operation: Operation
    status: str
    prefer: str
    exception: str | None = None
    message: SpecValue | None = None
    # A success: its response, and the documented example its checks are made from.
    response: Response | None = None
    example: SpecValue | None = None
    # The body holds only what its type describes (see `exact`), so a language that checks the
    # decoded result against the body it came from may insist on known members and no extra keys.
    exact: bool = False
    # Why the test cannot pass against Prism, decided here: it is generated skipped, with this reason.
    skip: str | None = None

    @cached_property
    def checks(self) -> list[Check]:
        """A success's checks, field by field; made on first use (Python's tables do not use them)."""
        if self.response is None:
            return []
        if self.response.type is not None and self.example is not None:
            return value_checks(self.response.type, self.example.value) + self.batch_checks
        return [_nothing_else(self.response)]

    @cached_property
    def batch_checks(self) -> list[Check]:
        """Of the checks, a batch's: `is_partial`, and which rows are rejected and accepted."""
        if self.response is None or self.response.type is None or self.example is None:
            return []
        return _batch_checks(self.response, self.example.value)

    @property
    def body(self) -> SpecValue | None:
        """The documented body of a success, for a language that reads a result it has no type for
        (a union, free-form JSON) as JSON: it compares the whole value instead of field by field."""
        return self.example if self.response is not None and self.response.content is Content.JSON else None

    @property
    def expects_nothing(self) -> bool:
        """A success without a body, or a JSON null: the result is nothing (`checks` is `is_none` alone)."""
        if self.response is None:
            return False
        if self.response.type is None:
            return True
        return self.example is not None and self.example.value is None and not self.batch_checks


@dataclass
class TransportTest:
    """An operation's retry checks over a mock transport: the status its success answers with."""

    operation: Operation
    status: int


@dataclass
class OperationTests:
    operation: Operation
    responses: list[ResponseTest]
    transport: TransportTest | None


def _attr(name: str) -> Step:
    return Step(StepKind.ATTR, name=name)


def _property(owner: ModelDecl, prop: Property) -> Step:
    optional = not prop.required or isinstance(prop.type.canonical(), NullableType)
    return Step(StepKind.ATTR, owner=owner.name, wire=prop.wire_name, optional=optional)


def _enum_member(decl: EnumDecl, value: Any) -> EnumMember | None:
    for member in decl.members:
        if member.value == value and type(member.value) is type(value):
            return member
    return None


def value_checks(t: TypeInfo, value: Any, path: Path = ()) -> list[Check]:
    """Checks that the value at `path` holds the decoded form of the JSON `value`."""
    c = t.canonical()
    if value is None:
        return [Check(CheckKind.IS_NONE, path)]
    if isinstance(c, NullableType):
        return value_checks(c.inner, value, path)
    if isinstance(c, RefType) and isinstance(c.decl, ModelDecl) and isinstance(value, dict):
        checks = [Check(CheckKind.INSTANCE, path, type_name=c.decl.name)]
        for prop in c.decl.properties:
            if prop.wire_name in value:
                checks += value_checks(prop.type, value[prop.wire_name], (*path, _property(c.decl, prop)))
        return checks
    if isinstance(c, RefType) and isinstance(c.decl, EnumDecl):
        member = _enum_member(c.decl, value)
        if member is not None:
            return [Check(CheckKind.MEMBER, path, value=SpecValue(member.value), type_name=c.decl.name)]
        return [Check(CheckKind.EQUALS, path, value=SpecValue(value))]
    if isinstance(c, MapType) and isinstance(value, dict):
        checks = [Check(CheckKind.LENGTH, path, length=len(value))]
        for key in list(value)[:MAX_ITEMS]:
            checks += value_checks(c.value, value[key], (*path, Step(StepKind.KEY, key=SpecValue(str(key)))))
        return checks
    if isinstance(c, ListType) and isinstance(value, list):
        checks = [Check(CheckKind.LENGTH, path, length=len(value))]
        for i, item in enumerate(value[:MAX_ITEMS]):
            checks += value_checks(c.item, item, (*path, Step(StepKind.INDEX, index=i)))
        return checks
    if isinstance(c, (DateTimeType, RefType)):
        return [Check(CheckKind.NOT_NONE, path)]
    return [Check(CheckKind.EQUALS, path, value=SpecValue(value))]


def exact(t: TypeInfo, value: Any, in_field: bool = False) -> bool:
    """Whether the JSON `value` holds only what `t` describes: every key of an object a
    property of its model, every enum value a member.

    Below a union, which variant decodes is the runtime's choice, so the spec cannot vouch for
    its keys: a union in a model's field is left out (the generated checker relaxes below a field
    whose annotation is a union), and one outside any field (the response itself, or its items)
    makes the whole body inexact.
    """
    c = t.canonical()
    if value is None:
        return True
    if isinstance(c, NullableType):
        return exact(c.inner, value, in_field)
    if isinstance(c, RefType) and isinstance(c.decl, ModelDecl):
        if not isinstance(value, dict):
            return False
        props = {p.wire_name: p for p in c.decl.properties}
        return all(k in props and exact(props[k].type, v, True) for k, v in value.items())
    if isinstance(c, RefType) and isinstance(c.decl, EnumDecl):
        return _enum_member(c.decl, value) is not None
    if isinstance(c, MapType):
        return isinstance(value, dict) and all(exact(c.value, v, in_field) for v in value.values())
    if isinstance(c, ListType):
        return isinstance(value, list) and all(exact(c.item, v, in_field) for v in value)
    return in_field or not isinstance(c, RefType)  # what is left of RefType is a union


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


def _batch_checks(response: Response, value: Any) -> list[Check]:
    t = response.type.canonical() if response.type else None
    if not (isinstance(t, RefType) and isinstance(t.decl, ModelDecl) and t.decl.batch):
        return []
    batch = t.decl.batch
    checks = [Check(CheckKind.FLAG, (_attr("is_partial"),), flag=response.partial)]
    rows = value.get(batch.data.wire_name) if isinstance(value, dict) else None
    if batch.rejected_field is None or not isinstance(rows, list):
        return checks
    key = batch.rejected_field.wire_name
    rejected = [i for i, row in enumerate(rows) if isinstance(row, dict) and row.get(key) in batch.rejected_values]
    accepted = [i for i in range(len(rows)) if i not in rejected]
    data = (_property(t.decl, batch.data),)
    checks.append(Check(CheckKind.ROWS, (_attr("rejected"),), rows_path=data, indices=tuple(rejected)))
    checks.append(Check(CheckKind.ROWS, (_attr("accepted"),), rows_path=data, indices=tuple(accepted)))
    return checks


def _nothing_else(response: Response) -> Check:
    """The one check of a success without an example: no body, a non-empty text, or some value."""
    if response.type is None:
        return Check(CheckKind.IS_NONE)
    if response.content is not Content.JSON:
        return Check(CheckKind.NONEMPTY_TEXT if response.content is Content.TEXT else CheckKind.NONEMPTY_BYTES)
    return Check(CheckKind.NOT_NONE)


def _response_tests(op: Operation) -> list[ResponseTest]:
    tests: list[ResponseTest] = []
    for response in op.responses:
        if response.status == "2XX":
            status = 200  # Prism answers a range with its first code
        elif not response.status.isdigit():
            continue  # `default` has no code to ask Prism for
        else:
            status = int(response.status)
        if status < 400 and not response.is_success:
            continue
        examples: list[tuple[str | None, SpecValue | None]] = list(response.examples) or [(None, None)]
        for example_name, example in examples:
            suffix = f"_{naming.snake(example_name)}" if example_name else ""
            # Prism splits Prefer on commas: a name holding one cannot be asked for.
            usable = example_name is not None and "," not in example_name and example_name.isascii()
            prefer = f"code={status}" + (f", example={example_name}" if usable else "")
            name = f"test_{naming.snake(op.operation_id, fallback='call')}_{status}{suffix}"
            test = ResponseTest(name, op, response.status, prefer)
            if status >= 400:
                test.exception = error_class_for(status)
                message = _error_message(example.value if example is not None else None)
                test.message = SpecValue(message) if message is not None else None
            else:
                test.response, test.example = response, example
                if op.streams_always:
                    test.skip = "Prism cannot serve an event stream (text/event-stream)"
                # Without an example Prism can be asked for, it sends the first in the document's
                # order, which need not be the one these checks were made from.
                sent = usable or len(examples) == 1
                documented = response.type is not None and example is not None and exact(response.type, example.value)
                test.exact = sent and documented
                # Prism sends the example asked for, else the first documented one.
                sent_name = example_name if usable or len(examples) == 1 else examples[0][0]
                if sent_name in response.broken_examples:
                    test.skip = f"Prism would send {response.broken_examples[sent_name]}"
                cut = _cut_cycle(response.type) if example is None else None
                if cut is not None:
                    test.skip = (
                        f"Prism builds this answer from the schema and stops where {cut} contains itself,"
                        " without its required fields"
                    )
            if op.example_refused is not None and status != 422:
                test.skip = f"Prism refuses the documented example call (422): {op.example_refused}"
            if op.unmet_security and status != 401:
                schemes = ", ".join(op.unmet_security)
                test.skip = (
                    f"Prism answers 401: the client does not send the credentials the operation requires ({schemes})"
                )
            tests.append(test)
    keys = [f"{t.status}\x00{i}" for i, t in enumerate(tests)]
    names = naming.dedupe(zip(keys, (t.name for t in tests), strict=True))
    for key, t in zip(keys, tests, strict=True):
        t.name = names[key]
    return tests


def _cut_cycle(t: TypeInfo | None) -> str | None:
    """A model the type reaches again inside itself that has required fields, by its name, or None.

    Without a documented example a mock server builds the body from the schema, and at such a
    cycle it stops: the model nested in itself comes without its required fields. One depth-first
    walk: a reference back to a model still being walked closes a cycle.
    """
    if t is None:
        return None
    state: dict[str, bool] = {}  # name -> still being walked (True) or done (False)
    for root in t.decls():
        stack: list[tuple[Decl, Iterator[Decl]]] = [(root, iter(root.refs()))] if root.name not in state else []
        if stack:
            state[root.name] = True
        while stack:
            decl, refs = stack[-1]
            nxt = next(refs, None)
            if nxt is None:
                state[decl.name] = False
                stack.pop()
            elif state.get(nxt.name) is True:
                if isinstance(nxt, ModelDecl) and any(p.required for p in nxt.properties):
                    return nxt.name
            elif nxt.name not in state:
                state[nxt.name] = True
                stack.append((nxt, iter(nxt.refs())))
    return None


def _transport_test(op: Operation) -> TransportTest | None:
    for response in op.success_responses:
        if response.status in ("2XX", "default"):
            return TransportTest(op, 200)
        if response.status.isdigit():
            return TransportTest(op, int(response.status))
    return None


def plan(model: ClientModel) -> list[OperationTests]:
    return [OperationTests(op, _response_tests(op), _transport_test(op)) for op in model.operations]
