"""`diff OLD NEW`: what a spec change does to users of the generated client.

Both specs go through stages 1-4 and the two intermediate models are
compared, so a change is judged by its effect on the Python API, not on the
YAML: reordering, renaming a `$ref` target that keeps its shape, or editing a
description changes nothing a caller sees.

Breaking: a removed operation, parameter, field, schema or enum value; a new
required request field or parameter; an optional one made required; a type
narrowed or changed; a response field made optional or nullable.
Everything added is non-breaking.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import join_pointer
from .ir import ClientModel, Decl, EnumDecl, ModelDecl, NullableType, Operation, Property, TypeInfo
from .pipeline import build_spec
from .python.identifiers import PythonNames
from .python.names import PythonSpelling


@dataclass(frozen=True)
class Change:
    breaking: bool
    pointer: str
    message: str

    def line(self) -> str:
        return f"{'BREAKING' if self.breaking else 'non-breaking'} {self.pointer or '/'}: {self.message}"

    def as_json(self) -> dict[str, object]:
        return {"breaking": self.breaking, "pointer": self.pointer, "message": self.message}


def _ops(model: ClientModel) -> dict[tuple[str, str], Operation]:
    return {(op.method, op.path): op for op in model.operations}


def _response_decls(model: ClientModel) -> set[str]:
    """Names of declarations reachable from what operations return."""
    pending: list[Decl] = [d for op in model.operations for r in op.success_responses if r.type for d in r.type.decls()]
    seen: set[str] = set()
    while pending:
        decl = pending.pop()
        if decl.name not in seen:
            seen.add(decl.name)
            pending.extend(decl.refs())
    return seen


def _nullable(t: TypeInfo) -> bool:
    return isinstance(t.canonical(), NullableType)


def _spelling(model: ClientModel) -> PythonSpelling:
    """How the model reads in Python: the API whose changes are reported."""
    return PythonSpelling(PythonNames(model))


def _core(t: TypeInfo, py: PythonSpelling) -> str:
    c = t.canonical()
    return py.annotation(c.inner if isinstance(c, NullableType) else c)


def _type_change(
    old: TypeInfo, new: TypeInfo, pointer: str, request: bool, response: bool, py: tuple[PythonSpelling, PythonSpelling]
) -> list[Change]:
    old_core, new_core = _core(old, py[0]), _core(new, py[1])
    if old_core != new_core:
        return [Change(True, pointer, f"type changed from {old_core} to {new_core}")]
    out = []
    if request and _nullable(old) and not _nullable(new):
        out.append(Change(True, pointer, "no longer accepts null (narrowed)"))
    if response and not _nullable(old) and _nullable(new):
        out.append(Change(True, pointer, "may now be null in responses"))
    if not out and _nullable(old) != _nullable(new):
        out.append(Change(False, pointer, "nullability widened"))
    return out


def _fields(
    old: list[Property],
    new: list[Property],
    base: str,
    request: bool,
    response: bool,
    what: str,
    py: tuple[PythonSpelling, PythonSpelling],
    keyed: bool = True,
) -> list[Change]:
    """Compare two field lists. `keyed`: each field has its own pointer under
    `base` (object properties); else (parameters, a list) the name goes in the message."""
    out: list[Change] = []
    olds = {p.wire_name: p for p in old}
    news = {p.wire_name: p for p in new}

    def at(name: str) -> tuple[str, str]:
        return (join_pointer(base, name), what) if keyed else (base, f"{what} {name!r}")

    for name in sorted(olds.keys() - news.keys()):
        pointer, label = at(name)
        out.append(Change(True, pointer, f"{label} removed"))
    for name in sorted(news.keys() - olds.keys()):
        pointer, label = at(name)
        required = news[name].required and request
        out.append(Change(required, pointer, f"new required {label}" if required else f"{label} added"))
    for name in sorted(olds.keys() & news.keys()):
        o, n = olds[name], news[name]
        pointer, label = at(name)
        if request and not o.required and n.required:
            out.append(Change(True, pointer, f"optional {label} made required"))
        if response and o.required and not n.required:
            out.append(Change(True, pointer, f"response {label} made optional"))
        if (request and o.required and not n.required) and not response:
            out.append(Change(False, pointer, f"required {label} made optional"))
        out.extend(_type_change(o.type, n.type, pointer, request, response, py))
    return out


def compare(old: ClientModel, new: ClientModel) -> list[Change]:
    changes: list[Change] = []
    py = (_spelling(old), _spelling(new))
    old_ops, new_ops = _ops(old), _ops(new)
    for key in sorted(old_ops.keys() - new_ops.keys()):
        op = old_ops[key]
        changes.append(Change(True, op.pointer, f"operation {op.operation_id!r} ({key[0].upper()} {key[1]}) removed"))
    for key in sorted(new_ops.keys() - old_ops.keys()):
        op = new_ops[key]
        changes.append(Change(False, op.pointer, f"operation {op.operation_id!r} ({key[0].upper()} {key[1]}) added"))
    for key in sorted(old_ops.keys() & new_ops.keys()):
        o, n = old_ops[key], new_ops[key]
        old_call, new_call = py[0].call_path(o), py[1].call_path(n)
        if old_call != new_call:
            changes.append(Change(True, n.pointer, f"method renamed from {old_call} to {new_call}"))
        params = join_pointer(n.pointer, "parameters")
        changes += _fields(
            [Property(f"{p.location} {p.wire_name}", p.type, p.required) for p in o.parameters],
            [Property(f"{p.location} {p.wire_name}", p.type, p.required) for p in n.parameters],
            params,
            True,
            False,
            "parameter",
            py,
            keyed=False,
        )
        body = join_pointer(n.pointer, "requestBody")
        if o.body and n.body is None:
            changes.append(Change(True, body, "request body removed"))
        elif n.body and o.body is None:
            changes.append(
                Change(n.body.required, body, "new required request body" if n.body.required else "request body added")
            )
        elif o.body and n.body:
            if n.body.required and not o.body.required:
                changes.append(Change(True, body, "optional request body made required"))
            if o.body.fields is not None and n.body.fields is not None:
                changes += _fields(o.body.fields, n.body.fields, body, True, False, "body field", py, keyed=False)
            elif o.body.fields is not None or n.body.fields is not None:
                changes.append(
                    Change(True, body, "request body changed between an object of fields and a single value")
                )
            elif o.body.whole is not None and n.body.whole is not None:
                changes += _type_change(o.body.whole, n.body.whole, body, True, False, py)
        old_status = {r.status for r in o.responses}
        new_status = {r.status for r in n.responses}
        for status in sorted(new_status - old_status):
            changes.append(Change(False, join_pointer(n.pointer, "responses", status), "response added"))
        for status in sorted(old_status - new_status):
            breaking = status.startswith("2")
            changes.append(Change(breaking, join_pointer(n.pointer, "responses", status), "response removed"))
        old_return, new_return = py[0].return_annotation(o), py[1].return_annotation(n)
        if old_return != new_return:
            changes.append(Change(True, n.pointer, f"return type changed from {old_return} to {new_return}"))
    changes += _compare_decls(old, new, py)
    return changes


def _compare_decls(old: ClientModel, new: ClientModel, py: tuple[PythonSpelling, PythonSpelling]) -> list[Change]:
    changes: list[Change] = []
    olds = {d.name: d for d in old.decls}
    news = {d.name: d for d in new.decls}
    returned = _response_decls(old) | _response_decls(new)

    def where(d: Decl) -> str:
        return d.where.pointer

    for name in sorted(olds.keys() - news.keys()):
        changes.append(Change(True, where(olds[name]), f"type {name} removed"))
    for name in sorted(news.keys() - olds.keys()):
        changes.append(Change(False, where(news[name]), f"type {name} added"))
    for name in sorted(olds.keys() & news.keys()):
        o, n = olds[name], news[name]
        base = where(n)
        if type(o) is not type(n):
            changes.append(Change(True, base, f"type {name} changed from {o.kind} to {n.kind}"))
            continue
        if isinstance(o, EnumDecl) and isinstance(n, EnumDecl):
            ov, nv = {str(m.value) for m in o.members}, {str(m.value) for m in n.members}
            for value in sorted(ov - nv):
                changes.append(Change(True, join_pointer(base, "enum"), f"enum value {value!r} of {name} removed"))
            for value in sorted(nv - ov):
                changes.append(Change(False, join_pointer(base, "enum"), f"enum value {value!r} of {name} added"))
        elif isinstance(o, ModelDecl) and isinstance(n, ModelDecl):
            request = o.used_in_request or n.used_in_request
            response = name in returned
            props = join_pointer(base, "properties")
            changes += _fields(o.properties, n.properties, props, request, response, "field", py)
        elif isinstance(o, Decl) and isinstance(n, Decl):
            o_refs = sorted(d.name for d in o.refs())
            n_refs = sorted(d.name for d in n.refs())
            if o_refs != n_refs:
                changes.append(Change(True, base, f"type {name} changed"))
    return changes


def diff_specs(old: Path, new: Path) -> list[Change]:
    out = Path(".sdkgen-diff")  # never written: only names the output in headers
    return compare(build_spec(old, out).model, build_spec(new, out).model)


__all__ = ["Change", "compare", "diff_specs"]
