"""Generator settings: `<spec stem>.sdkgen.yaml`, next to the spec.

Every key is optional; without a file, names come from the spec by the rule
in README.md ("Naming"). Unknown keys are errors, never silently ignored.
"""

from __future__ import annotations

import keyword
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import Diagnostics, GenerationError, join_pointer
from .load import SourceDocument, load_document


@dataclass(frozen=True)
class RejectedRows:
    field: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class RequestSchema:
    """How rows of one request schema are prepared before the first attempt."""

    idempotency_key: str | None = None
    positive_integer_strings: tuple[str, ...] = ()


@dataclass(frozen=True)
class StreamingRule:
    """How one operation streams, where the spec does not say (or says wrongly).

    `off` keeps the operation from streaming. `event` names the component
    schema of one event's `data`; `field` names the boolean body field that
    asks for the stream ("" when every call streams; None: the default, `stream`).
    """

    off: bool = False
    event: str | None = None
    field: str | None = None


@dataclass(frozen=True)
class Config:
    package_name: str | None = None
    client_class: str | None = None
    project_name: str | None = None
    package_version: str | None = None
    env_prefix: str | None = None
    # operationId -> dotted resource path, e.g. "v1.positions"
    resources: Mapping[str, str] = field(default_factory=dict)
    # Batch envelopes get helpers when the partial-batch rule finds them, or
    # for every model with these fields when `batch` is configured.
    batch_configured: bool = False
    batch_data_field: str = "data"
    batch_error_field: str = "error"
    batch_rejected_rows: RejectedRows | None = None
    request_id_header: str = "x-request-id"
    request_id_body_path: tuple[str, ...] = ("metadata", "request_id")
    # schema name -> preparation rules
    requests: Mapping[str, RequestSchema] = field(default_factory=dict)
    # Languages to render, each into <output>/<language>/; None: Python alone, into <output>.
    targets: tuple[str, ...] | None = None
    # operationId (or "default") -> pagination settings (generator/builder/pagination.py).
    pagination: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    # operationId -> how it streams (generator/builder/streaming.py).
    streaming: Mapping[str, StreamingRule] = field(default_factory=dict)
    # "strict" (the default) or "lenient": what --lenient does (README, "Lenient mode").
    validation: str = "strict"
    # The Java client's base package; None: com.<package_name>.api.
    java_package: str | None = None
    # The generated client's defaults.
    max_retries: int = 2
    timeout: float = 60.0
    connect_timeout: float = 5.0
    max_retry_after: float = 60.0


# The languages the generator renders (generator/<language>/, templates/<language>/).
LANGUAGES = ("python", "java")

# key -> (type description, checker)
_STR = ("a string", lambda v: isinstance(v, str) and v != "")
_IDENT = ("a Python identifier", lambda v: isinstance(v, str) and v.isidentifier() and not keyword.iskeyword(v))
_TOP: dict[str, tuple[str, Any]] = {
    "package_name": ("a lowercase Python identifier", lambda v: _IDENT[1](v) and v == v.lower()),
    "client_class": _IDENT,
    "project_name": (
        "a distribution name (letters, digits, '.', '_', '-')",
        lambda v: isinstance(v, str) and re.fullmatch(r"[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?", v) is not None,
    ),
    "env_prefix": (
        "an UPPER_CASE name",
        lambda v: isinstance(v, str) and re.fullmatch(r"[A-Z][A-Z0-9_]*", v) is not None,
    ),
    "package_version": _STR,
    "resources": (
        "a mapping of operationId to dotted resource path",
        lambda v: isinstance(v, Mapping) and all(isinstance(k, str) and isinstance(x, str) for k, x in v.items()),
    ),
    "batch": ("a mapping", lambda v: isinstance(v, Mapping)),
    "request_id": ("a mapping", lambda v: isinstance(v, Mapping)),
    "client": ("a mapping", lambda v: isinstance(v, Mapping)),
    "requests": (
        "a mapping of schema name to request rules",
        lambda v: isinstance(v, Mapping) and all(isinstance(x, Mapping) for x in v.values()),
    ),
    "pagination": (
        "a mapping of operationId (or `default`) to pagination settings",
        lambda v: isinstance(v, Mapping) and all(isinstance(x, Mapping) for x in v.values()),
    ),
    "streaming": (
        "a mapping of operationId to `off` or to streaming settings",
        lambda v: isinstance(v, Mapping) and all(x == "off" or isinstance(x, Mapping) for x in v.values()),
    ),
    "validation": ("strict or lenient", lambda v: v in ("strict", "lenient")),
    "java_package": (
        "a Java package name (lower-case dotted identifiers)",
        lambda v: isinstance(v, str) and re.fullmatch(r"[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)+", v) is not None,
    ),
    "targets": (
        f"a list of languages, each once, from: {', '.join(LANGUAGES)}",
        lambda v: isinstance(v, list) and v and len(set(map(str, v))) == len(v) and all(x in LANGUAGES for x in v),
    ),
}
_NUMBER = ("a number above zero", lambda v: isinstance(v, (int, float)) and not isinstance(v, bool) and v > 0)
_CLIENT: dict[str, tuple[str, Any]] = {
    "max_retries": ("a whole number, 0 or more", lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 0),
    "timeout": _NUMBER,
    "connect_timeout": _NUMBER,
    "max_retry_after": _NUMBER,
}
_REQUEST_SCHEMA: dict[str, tuple[str, Any]] = {
    "idempotency_key": _STR,
    "positive_integer_strings": (
        "a list of field names",
        lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
    ),
}
_BATCH: dict[str, tuple[str, Any]] = {
    "data_field": _STR,
    "error_field": _STR,
    "rejected_rows": (
        "a mapping with `field` and `values`",
        lambda v: isinstance(v, Mapping)
        and set(v) == {"field", "values"}
        and isinstance(v["field"], str)
        and isinstance(v["values"], list)
        and all(isinstance(x, str) for x in v["values"]),
    ),
}
_PAGINATION: dict[str, tuple[str, Any]] = {
    "style": (
        "one of cursor, cursor_from_item, offset, page, link, none",
        lambda v: v in ("cursor", "cursor_from_item", "offset", "page", "link", "none"),
    ),
    **{key: _STR for key in ("items", "cursor_param", "next_cursor", "has_more", "cursor_field")},
    **{key: _STR for key in ("offset_param", "page_param")},
}
_STREAMING: dict[str, tuple[str, Any]] = {
    "event": _STR,
    "field": (
        "a body field name, or null when every call streams",
        lambda v: v is None or isinstance(v, str) and v != "",
    ),
}
_REQUEST_ID: dict[str, tuple[str, Any]] = {
    "header": _STR,
    "body_path": ("a list of keys", lambda v: isinstance(v, list) and v and all(isinstance(x, str) for x in v)),
}


def config_path_for(spec: Path) -> Path:
    return spec.with_name(spec.stem + ".sdkgen.yaml")


def _check(
    data: Mapping[str, Any], schema: dict[str, tuple[str, Any]], doc: SourceDocument, pointer: str, diags: Diagnostics
) -> None:
    for key in data:
        where = join_pointer(pointer, str(key))
        if key not in schema:
            known = ", ".join(sorted(schema))
            diags.error_at(doc.locate(where), f"unknown config key {key!r}", hint=f"known keys here: {known}")
            continue
        description, ok = schema[key]
        if not ok(data[key]):
            diags.error_at(doc.locate(where), f"config key {key!r} must be {description}")


def load_config(spec: Path, diags: Diagnostics) -> tuple[Config, SourceDocument | None]:
    path = config_path_for(spec)
    if not path.exists():
        return Config(), None
    doc = load_document(path)
    data = doc.data
    if data is None:
        return Config(), doc
    if not isinstance(data, Mapping):
        diags.error_at(doc.locate(""), "the config file must be a mapping")
        raise GenerationError(diags.errors)
    _check(data, _TOP, doc, "", diags)
    batch = data.get("batch") or {}
    request_id = data.get("request_id") or {}
    if isinstance(batch, Mapping):
        _check(batch, _BATCH, doc, "/batch", diags)
    if isinstance(request_id, Mapping):
        _check(request_id, _REQUEST_ID, doc, "/request_id", diags)
    client = data.get("client") or {}
    if isinstance(client, Mapping):
        _check(client, _CLIENT, doc, "/client", diags)
    pagination = data.get("pagination") or {}
    if isinstance(pagination, Mapping):
        for name, rules in pagination.items():
            if isinstance(rules, Mapping):
                _check(rules, _PAGINATION, doc, join_pointer("/pagination", str(name)), diags)
    streaming = data.get("streaming") or {}
    if isinstance(streaming, Mapping):
        for name, rules in streaming.items():
            if isinstance(rules, Mapping):
                _check(rules, _STREAMING, doc, join_pointer("/streaming", str(name)), diags)
    requests = data.get("requests") or {}
    if isinstance(requests, Mapping):
        for name, rules in requests.items():
            if isinstance(rules, Mapping):
                _check(rules, _REQUEST_SCHEMA, doc, f"/requests/{name}", diags)
    diags.raise_if_errors()
    rejected = batch.get("rejected_rows")
    return (
        Config(
            package_name=data.get("package_name"),
            client_class=data.get("client_class"),
            project_name=data.get("project_name"),
            package_version=data.get("package_version"),
            env_prefix=data.get("env_prefix"),
            resources=dict(data.get("resources") or {}),
            batch_configured="batch" in data,
            batch_data_field=batch.get("data_field", "data"),
            batch_error_field=batch.get("error_field", "error"),
            batch_rejected_rows=RejectedRows(rejected["field"], tuple(rejected["values"])) if rejected else None,
            request_id_header=request_id.get("header", "x-request-id"),
            request_id_body_path=tuple(request_id.get("body_path", ("metadata", "request_id"))),
            targets=tuple(data["targets"]) if "targets" in data else None,
            java_package=data.get("java_package"),
            validation=data.get("validation", "strict"),
            pagination={str(k): dict(v) for k, v in (data.get("pagination") or {}).items()},
            streaming={str(k): _streaming_rule(v) for k, v in streaming.items()},
            max_retries=client.get("max_retries", 2),
            timeout=float(client.get("timeout", 60.0)),
            connect_timeout=float(client.get("connect_timeout", 5.0)),
            max_retry_after=float(client.get("max_retry_after", 60.0)),
            requests={
                str(name): RequestSchema(
                    rules.get("idempotency_key"), tuple(rules.get("positive_integer_strings") or ())
                )
                for name, rules in requests.items()
            },
        ),
        doc,
    )


def _streaming_rule(value: Any) -> StreamingRule:
    """`off`, or a mapping: `field: null` means every call streams; no `field`, the default switch."""
    if value == "off":
        return StreamingRule(off=True)
    switch = value.get("field")
    if "field" in value and switch is None:
        switch = ""
    return StreamingRule(event=value.get("event"), field=switch)
