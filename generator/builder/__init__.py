"""Stage 4: turn the resolved OpenAPI document into the intermediate model (generator/ir.py).

A thin orchestrator over one module per job, in the order they run:

- `schemas`: component schemas first (they keep their keys' names), then
  every schema met on the way, each turned into a type once;
- `rules`: config rules applied to each model as it is built, request
  plans, and the partial-batch rule;
- `operations` (with `examples` and `streaming`): parameters, bodies,
  responses, outcome tables, event streams, example calls;
- `resources`: where each operation hangs;
- `pagination`: which operations return pages, and how a page leads to the next;
- `client`: the client's names, base URL and authentication.

Problems are recorded as located diagnostics; an unsupported construct
becomes a named warning and the nearest faithful type, never a crash and
never a dropped operation.
"""

from __future__ import annotations

from .. import naming
from ..config import Config
from ..errors import Diagnostics
from ..ir import ClientModel, Decl, Operation, SpecText
from ..load import SourceDocument
from ..resolve import Resolver
from . import client, resources, rules, shapes
from .context import Context
from .examples import Examples
from .operations import Operations
from .pagination import Paginations
from .schemas import Schemas


def build_model(
    resolver: Resolver,
    config: Config,
    diags: Diagnostics,
    spec_display: str,
    output_display: str,
    config_doc: SourceDocument | None = None,
) -> ClientModel:
    ctx = Context(resolver, config, diags, config_doc)
    request_rules = rules.RequestRules(ctx)
    schemas = Schemas(ctx, on_model=request_rules.apply)
    schemas.declare_components()
    found = Operations(schemas, Examples(schemas)).build()
    operations = [op for op, _ in found]
    resources.place(ctx, found)
    pages = Paginations(schemas)
    for op, node in found:
        pages.attach(op, node, naming.pascal(op.operation_id, fallback="Operation"))
    pages.report_unused(operations)
    request_rules.report_unused()
    _mark_request_decls(operations)
    rules.attach_batch_helpers(schemas.decls, operations, ctx)
    names = client.names(ctx)
    auth_header, auth_scheme = client.auth(ctx)
    for op, node in found:
        op.unmet_security = client.unmet_security(ctx, node, (auth_header, auth_scheme))
    return ClientModel(
        package=names.package,
        project_name=names.project_name,
        version=names.version,
        client_class=names.client_class,
        env_prefix=names.env_prefix,
        title=SpecText(names.title),
        description=shapes.text(ctx.root("/info").get("description")),
        base_url=client.base_url(ctx),
        auth_header=auth_header,
        auth_scheme=auth_scheme,
        request_id_header=config.request_id_header,
        request_id_body_path=config.request_id_body_path,
        max_retries=config.max_retries,
        timeout=config.timeout,
        connect_timeout=config.connect_timeout,
        max_retry_after=config.max_retry_after,
        decls=sorted(schemas.decls, key=lambda d: d.name),
        operations=operations,
        root=resources.tree(operations),
        spec_display=spec_display,
        output_display=output_display,
        source_name=ctx.doc.name,
        package_configured=config.package_name is not None,
    )


def _mark_request_decls(operations: list[Operation]) -> None:
    """Declarations a caller passes in, and those they refer to, get request-side types."""
    pending: list[Decl] = [decl for op in operations for decl in op.request_decls()]
    while pending:
        decl = pending.pop()
        if not decl.used_in_request:
            decl.used_in_request = True
            pending.extend(decl.refs())
