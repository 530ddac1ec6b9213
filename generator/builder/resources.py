"""The resource tree: where each operation hangs (`client.v1.positions.submit`).

An operation's resource path comes from the config (`resources`), else from
a leading `/vN/` path segment and the first tag (or, without tags, the first
literal path segment). Operations are named uniquely within their resource,
and never like one of its child resources; both collisions are numbered and
warned about by naming rule 5.
"""

from __future__ import annotations

import re

from .. import naming
from ..errors import join_pointer
from ..ir import Operation, Resource
from ..python import reserved
from ..resolve import Target
from .context import Context


def resource_path(ctx: Context, op: Operation, node: Target) -> tuple[str, ...]:
    configured = ctx.config.resources.get(op.operation_id)
    if configured is not None:
        return tuple(naming.snake(p, reserved=reserved.CLIENT) for p in configured.split(".") if p)
    segments = [s for s in op.path.split("/") if s]
    out: list[str] = []
    if segments and re.fullmatch(r"v\d+(\.\d+)?", segments[0]):
        out.append(naming.snake(segments.pop(0)))
    tags = node.get("tags")
    if isinstance(tags, list) and tags and isinstance(tags[0], str):
        out.append(naming.snake(tags[0], reserved=reserved.CLIENT))
    else:
        literal = [s for s in segments if not s.startswith("{")]
        if literal:
            out.append(naming.snake(literal[0], reserved=reserved.CLIENT))
    return tuple(out)


def place(ctx: Context, found: list[tuple[Operation, Target]]) -> None:
    """Give each operation its resource path, and a name unique within that resource."""
    by_resource: dict[tuple[str, ...], list[tuple[Operation, Target]]] = {}
    for op, node in found:
        op.resource = resource_path(ctx, op, node)
        by_resource.setdefault(op.resource, []).append((op, node))
    for members in by_resource.values():
        where = {op.operation_id: node for op, node in members}
        renamed = ctx.dedupe([(op.operation_id, op.py_name) for op, _ in members], where.__getitem__, "operation")
        for op, _ in members:
            op.py_name = renamed[op.operation_id]
    known = {op.operation_id for op, _ in found}
    for op_id in sorted(set(ctx.config.resources) - known):
        # A warning: a spec that drops an operation should still diff and generate.
        message = f"no operation has the operationId {op_id!r}"
        ctx.config_warning("unused-config", join_pointer("/resources", op_id), message)


def tree(ctx: Context, operations: list[Operation], client_class: str) -> Resource:
    """The client (the root) and its resources, each holding its operations."""
    root = Resource((), client_class)
    for op in operations:
        node = root
        for i, segment in enumerate(op.resource):
            if segment not in node.children:
                class_name = naming.pascal(segment, fallback="Default") + "Resource"
                node.children[segment] = Resource(op.resource[: i + 1], class_name)
            node = node.children[segment]
        node.operations.append(op)
    _separate_operations_from_children(ctx, root)
    return root


def _separate_operations_from_children(ctx: Context, node: Resource) -> None:
    """An operation may not share its name with a child resource of the same node."""
    taken = set(node.children) | reserved.RESOURCE
    for op in node.operations:
        if op.py_name in taken:
            n = 2
            while naming.numbered(op.py_name, n) in taken or any(
                o.py_name == naming.numbered(op.py_name, n) for o in node.operations
            ):
                n += 1
            new = naming.numbered(op.py_name, n)
            message = f"operation {op.operation_id!r} would be named {op.py_name!r} like a resource"
            message += f"; it is named {new!r}"
            ctx.diags.warn("name-collision", ctx.doc.name, op.pointer, message)
            op.py_name = new
        taken.add(op.py_name)
    for child in node.children.values():
        _separate_operations_from_children(ctx, child)
