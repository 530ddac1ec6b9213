"""The client's own facts: its names, its base URL and how it authenticates."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from .. import naming
from ..errors import join_pointer
from ..resolve import Target
from .context import Context


@dataclass(frozen=True)
class ClientNames:
    title: str
    package: str
    project_name: str
    version: str
    client_class: str
    env_prefix: str


def names(ctx: Context) -> ClientNames:
    """From the config, else from `info.title` (a trailing "API" dropped) by the naming rule.

    The package is neutral snake_case words: a target escapes what its language reserves
    (Python: a standard library module's name)."""
    config = ctx.config
    info = ctx.root("/info")
    title = str(info.get("title") or ctx.doc.path.stem)
    base_title = re.sub(r"(?i)[\s_-]*api$", "", title.strip()) or title
    package = config.package_name or naming.snake(base_title, fallback="client")
    return ClientNames(
        title=title,
        package=package,
        project_name=config.project_name or package.replace("_", "-"),
        version=config.package_version or str(info.get("version") or "0.0.0"),
        client_class=config.client_class or naming.pascal(base_title, fallback="Client"),
        env_prefix=config.env_prefix or naming.upper(package),
    )


def base_url(ctx: Context) -> str:
    """The first server's URL with its variables' defaults; empty unless it is absolute."""
    server = ctx.root("/servers").child(0)
    if not isinstance(server.node, Mapping):
        return ""
    url = str(server.get("url") or "")
    variables = server.get("variables") or {}
    for name, var in variables.items() if isinstance(variables, Mapping) else ():
        if isinstance(var, Mapping) and "default" in var:
            url = url.replace("{" + str(name) + "}", str(var["default"]))
    return url.rstrip("/") if url.startswith(("http://", "https://")) else ""


def auth(ctx: Context) -> tuple[str, str]:
    """(header, scheme): a bearer token, or an API key in a header; bearer when neither is declared."""
    schemes = sorted(ctx.components("securitySchemes").items())
    for _, scheme in schemes:
        if not isinstance(scheme, Mapping):
            continue
        if scheme.get("type") == "http" and str(scheme.get("scheme", "")).lower() == "bearer":
            return "Authorization", "Bearer"
        if scheme.get("type") == "apiKey" and scheme.get("in") == "header" and isinstance(scheme.get("name"), str):
            return scheme["name"], ""
    for name, _ in schemes:
        ctx.diags.warn(
            "unsupported-auth",
            ctx.doc.name,
            join_pointer("/components/securitySchemes", name),
            "only bearer tokens and API keys in a header are supported;"
            " the client sends `Authorization: Bearer <api_key>`",
        )
    return "Authorization", "Bearer"


def unmet_security(ctx: Context, op: Target, sent: tuple[str, str]) -> tuple[str, ...]:
    """The security schemes an operation requires that the client's one credential does not meet.

    `sent` is what the client sends, (header, scheme) as `auth` chose it. A
    requirement is met when every scheme in it is: a bearer token meets `http
    bearer`, `oauth2` and `openIdConnect` (each a bearer token on the wire); a key in
    a header meets `apiKey` in that header. An operation is fine when any of its
    requirements is met, or it has none (its own `security`, else the document's).
    Otherwise the schemes of its first requirement are returned, sorted.
    """
    requirements = op.get("security", ctx.root().get("security"))
    if not isinstance(requirements, list) or not requirements:
        return ()
    schemes = ctx.components("securitySchemes")
    unmet: tuple[str, ...] = ()
    for requirement in requirements:
        if not isinstance(requirement, Mapping):
            return ()  # unreadable: nothing to hold the client to
        missing = tuple(sorted(str(name) for name in requirement if not _meets(schemes.get(name), sent)))
        if not missing:
            return ()
        unmet = unmet or missing
    return unmet


def _meets(scheme: object, sent: tuple[str, str]) -> bool:
    header, prefix = sent
    if not isinstance(scheme, Mapping):
        return True  # an unknown scheme: not ours to judge
    kind = scheme.get("type")
    if kind == "http":
        return str(scheme.get("scheme", "")).lower() == "bearer" and prefix == "Bearer"
    if kind in ("oauth2", "openIdConnect"):
        return header.lower() == "authorization" and prefix == "Bearer"
    if kind == "apiKey":
        return scheme.get("in") == "header" and str(scheme.get("name", "")).lower() == header.lower() and not prefix
    return False
