"""The resource tree: where each operation hangs (`client.v1.positions.submit`).

An operation's resource path comes from the config (`resources`), else from
a leading `/vN/` path segment and the first tag (or, without tags, the first
literal path segment). Segments are snake_case words by the naming rule;
each target names the resources and the operations in them its own way, and
keeps an operation's name apart from its resource's children.
"""

from __future__ import annotations

import re

from .. import naming
from ..errors import join_pointer
from ..ir import Operation, Resource
from ..resolve import Target
from .context import Context


def resource_path(ctx: Context, op: Operation, node: Target) -> tuple[str, ...]:
    configured = ctx.config.resources.get(op.operation_id)
    if configured is not None:
        return tuple(naming.snake(p) for p in configured.split(".") if p)
    segments = [s for s in op.path.split("/") if s]
    out: list[str] = []
    if segments and re.fullmatch(r"v\d+(\.\d+)?", segments[0]):
        out.append(naming.snake(segments.pop(0)))
    tags = node.get("tags")
    if isinstance(tags, list) and tags and isinstance(tags[0], str):
        out.append(naming.snake(tags[0]))
    else:
        literal = [s for s in segments if not s.startswith("{")]
        if literal:
            out.append(naming.snake(literal[0]))
    return tuple(out)


def place(ctx: Context, found: list[tuple[Operation, Target]]) -> None:
    """Give each operation its resource path."""
    for op, node in found:
        op.resource = resource_path(ctx, op, node)
    known = {op.operation_id for op, _ in found}
    for op_id in sorted(set(ctx.config.resources) - known):
        # A warning: a spec that drops an operation should still diff and generate.
        message = f"no operation has the operationId {op_id!r}"
        ctx.config_warning("unused-config", join_pointer("/resources", op_id), message)


def tree(operations: list[Operation]) -> Resource:
    """The client (the root) and its resources, each holding its operations."""
    root = Resource(())
    for op in operations:
        node = root
        for i, segment in enumerate(op.resource):
            if segment not in node.children:
                node.children[segment] = Resource(op.resource[: i + 1])
            node = node.children[segment]
        node.operations.append(op)
    return root
