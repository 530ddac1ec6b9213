"""Stage 2: check that the document is an OpenAPI 3.0/3.1 description.

The heavy lifting is openapi-spec-validator's. What this module adds is
*where*: the validator's keyword checks report paths relative to the schema
they were checking, so each keyword validator is wrapped to stamp the absolute
location of the node it was given onto the errors it yields. Every error then
becomes a located diagnostic instead of an exception.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator
from openapi_spec_validator.validation.validators import SpecValidator

from .errors import Diagnostics, join_pointer
from .load import SourceDocument
from .resolve import Resolver

_LOCATED = "_sdkgen_parts"


def _locating(cls: type) -> type:
    """A subclass of keyword validator `cls` that records where each error arose."""

    def __call__(self: Any, node: Any, *args: Any, **kwargs: Any) -> Iterator[Any]:
        parts = tuple(getattr(node, "parts", ()) or ())
        for err in cls.__call__(self, node, *args, **kwargs):
            if not hasattr(err, _LOCATED):
                setattr(err, _LOCATED, parts + tuple(getattr(err, "path", ()) or ()))
            yield err

    return type(cls.__name__, (cls,), {"__call__": __call__})


def _with_locations(base: type[SpecValidator]) -> type[SpecValidator]:
    wrapped = {name: _locating(cls) for name, cls in base.keyword_validators.items()}
    return type(base.__name__, (base,), {"keyword_validators": wrapped})


_V30 = _with_locations(OpenAPIV30SpecValidator)
_V31 = _with_locations(OpenAPIV31SpecValidator)


def openapi_version(doc: SourceDocument, diags: Diagnostics) -> str | None:
    """The `openapi` version string, or None after recording why it is unusable."""
    data = doc.data
    if not isinstance(data, Mapping):
        diags.error(doc.name, "", "not an OpenAPI document: the top level must be a mapping")
        return None
    if "swagger" in data:
        diags.error(
            doc.name,
            "/swagger",
            f"Swagger {data.get('swagger')} is not supported; only OpenAPI 3.0 and 3.1 are",
            hint="convert it first, e.g. with the swagger2openapi converter",
        )
        return None
    version = data.get("openapi")
    if not isinstance(version, str):
        diags.error(doc.name, "", "not an OpenAPI document: there is no `openapi` version field")
        return None
    if not (version.startswith("3.0") or version.startswith("3.1")):
        diags.error(doc.name, "/openapi", f"OpenAPI {version} is not supported; only 3.0.x and 3.1.x are")
        return None
    return version


def check_operation_ids(doc: SourceDocument, diags: Diagnostics) -> None:
    """Duplicate operationIds, each reported where it is (the validator says only which)."""
    first: dict[str, str] = {}
    paths = doc.data.get("paths")
    for path, item in (paths.items() if isinstance(paths, Mapping) else []):
        if not isinstance(item, Mapping):
            continue
        for method, op in item.items():
            if isinstance(op, Mapping) and isinstance(op.get("operationId"), str):
                pointer = join_pointer("/paths", str(path), str(method), "operationId")
                op_id = op["operationId"]
                if op_id in first:
                    diags.error(doc.name, pointer, f"duplicate operationId {op_id!r}", hint=f"first used at {first[op_id]}")
                else:
                    first[op_id] = pointer


def validate(doc: SourceDocument, diags: Diagnostics, resolver: Resolver) -> None:
    """Record every validation error of `doc` in `diags`.

    Dangling `$ref`s are found first, by our resolver, because the validator
    stops at the first one with an exception that says nothing of where it
    was.
    """
    version = openapi_version(doc, diags)
    if version is None:
        return
    before = len(diags.errors)
    check_operation_ids(doc, diags)
    resolver.check_all()
    if len(diags.errors) == before:
        resolver.check_allof_cycles()
    if len(diags.errors) > before:
        return
    validator_cls = _V31 if version.startswith("3.1") else _V30
    validator = validator_cls(doc.data, base_uri=doc.path.resolve().as_uri())
    seen: set[tuple[str, str]] = set()
    try:
        for err in validator.iter_errors():
            parts = getattr(err, _LOCATED, None)
            if parts is None:
                parts = tuple(getattr(err, "absolute_path", ()) or ())
            pointer = join_pointer("", *parts)
            message = str(getattr(err, "message", err))
            if len(message) > 300:
                message = message[:297] + "..."
            if (pointer, message) in seen:
                continue
            seen.add((pointer, message))
            diags.error(doc.name, pointer, f"invalid OpenAPI: {message}")
    except RecursionError:
        diags.error(doc.name, "", "the document nests or refers to itself too deeply to validate")
    except Exception as exc:  # the validator raises on e.g. unresolvable refs
        diags.error(doc.name, "", f"invalid OpenAPI: {type(exc).__name__}: {str(exc)[:200]}")
