"""Build the intermediate model of a small spec written as a Python dict: no render, no subprocess.

`build(doc)` runs what `sdkgen generate` runs before rendering (load, check,
resolve, build: `generator.pipeline.build_spec`) on `doc`, written as JSON to
a temporary folder with its config (`<stem>.sdkgen.yaml`) beside it, and
returns the model with the warnings collected on the way. A spec the
generator refuses raises `GenerationError`; `errors(doc)` returns its
diagnostics. `parts(doc)` gives the builder's own objects (context, schemas,
examples) for the functions the model does not show directly.

Validation against the OpenAPI schema (openapi-spec-validator) is nine
tenths of a build's time and is not what these tests test, so it runs only
where a test asks (`validate=True`; lenient builds always do, since they read
its findings), or for every build when SDKGEN_UNIT_VALIDATE=1: run the unit
tests so once after writing one, to check its spec is valid OpenAPI.

The helpers find declarations by where they come from (`Decl.source`, the
spec pointer) and operations by method and path: facts of the spec, not
identifiers a target language's naming service makes.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
import yaml

from generator import pipeline
from generator.builder.context import Context
from generator.builder.examples import Examples
from generator.builder.schemas import Schemas
from generator.config import load_config
from generator.errors import Diagnostic, Diagnostics, GenerationError, Location
from generator.ir import ClientModel, Decl, Operation
from generator.load import load_document
from generator.resolve import Resolver, Target

JSON = "application/json"


# ------------------------------------------------------------ writing specs


def spec(
    paths: dict[str, Any] | None = None, schemas: dict[str, Any] | None = None, version: str = "3.1.0", **top: Any
) -> dict[str, Any]:
    """A valid OpenAPI document: `paths`, `components.schemas`, and any other top-level keys."""
    doc: dict[str, Any] = {"openapi": version, "info": {"title": "Unit API", "version": "1.0"}, "paths": paths or {}}
    if schemas:
        doc["components"] = {"schemas": schemas}
    doc.update(top)
    return doc


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def content(schema: Any, media: str = JSON) -> dict[str, Any]:
    return {media: {"schema": schema}}


def returning(schema: Any, status: str = "200", media: str = JSON, **op: Any) -> dict[str, Any]:
    """An operation whose one response has `schema` as its body."""
    return {"responses": {status: {"description": "ok", "content": content(schema, media)}}, **op}


def query(name: str, schema: Any, **more: Any) -> dict[str, Any]:
    return {"name": name, "in": "query", "schema": schema, **more}


# ------------------------------------------------------------ building


@dataclass
class Built:
    model: ClientModel
    warnings: list[Diagnostic]

    def decl(self, pointer: str) -> Decl:
        """The declaration built from the schema at `pointer` of the spec."""
        found = [d for d in self.model.decls if d.source.partition("#")[2] == pointer]
        assert len(found) == 1, f"{len(found)} declarations from {pointer}: {[d.source for d in self.model.decls]}"
        return found[0]

    def component(self, name: str) -> Decl:
        return self.decl(f"/components/schemas/{name}")

    def op(self, method: str, path: str) -> Operation:
        (found,) = [op for op in self.model.operations if (op.method, op.path) == (method, path)]
        return found

    def warned(self, code: str) -> list[tuple[str, str]]:
        """(pointer, message) of each warning with this code, in the order they were made."""
        return [(w.location.pointer, w.message) for w in self.warnings if w.code == code]


@contextmanager
def _written(doc: dict[str, Any], config: dict[str, Any] | None) -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="sdkgen-unit-") as folder:
        path = Path(folder) / "openapi.json"
        path.write_text(json.dumps(doc, indent=2), encoding="utf-8")
        if config is not None:
            (Path(folder) / "openapi.sdkgen.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
        yield path


VALIDATE_ALL = os.environ.get("SDKGEN_UNIT_VALIDATE") == "1"


def build(
    doc: dict[str, Any], config: dict[str, Any] | None = None, lenient: bool = False, validate: bool = False
) -> Built:
    with _written(doc, config) as path, ExitStack() as stack:
        if not (validate or lenient or VALIDATE_ALL):
            stack.enter_context(mock.patch.object(pipeline, "schema_errors", lambda doc, version, key=None: []))
            stack.enter_context(mock.patch.object(pipeline, "remembered_errors", lambda key: None))
        built = pipeline.build_spec(path, path.parent / "out", lenient=lenient)
    return Built(built.model, built.warnings)


def errors(doc: dict[str, Any], config: dict[str, Any] | None = None) -> list[Diagnostic]:
    """The errors that make the generator refuse `doc` (the test fails if it does not)."""
    with pytest.raises(GenerationError) as refused:
        build(doc, config)
    return refused.value.diagnostics


@dataclass
class Parts:
    ctx: Context
    schemas: Schemas
    examples: Examples

    def at(self, pointer: str) -> Target:
        return self.ctx.root(pointer)


def parts(doc: dict[str, Any], config: dict[str, Any] | None = None) -> Parts:
    """The builder's context, schema registry and example maker over `doc` (not validated, nothing built)."""
    with _written(doc, config) as path:
        diags = Diagnostics()
        resolver = Resolver(load_document(path), diags)

        def locate(file: str, pointer: str) -> Location:  # as build_spec does: with line and column
            found = resolver.document_by_name(file)
            return found.locate(pointer) if found is not None else Location(file, pointer)

        diags.locate = locate
        loaded_config, config_doc = load_config(path, diags)
        ctx = Context(resolver, loaded_config, diags, config_doc)
    schemas = Schemas(ctx, on_model=lambda _: None)
    return Parts(ctx, schemas, Examples(schemas))
