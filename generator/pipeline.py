"""The stages in order: load, validate, resolve, build, render, format.

`render_spec` never touches the output folder; `generate` and `check` in
cli.py decide whether to write (write.py) or compare.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from . import TEMPLATES
from .builder import build_model
from .config import Config, load_config
from .errors import Diagnostic, Diagnostics, GenerationError, Location
from .format import Scratch, format_files
from .ir import ClientModel
from .load import load_document
from .render import render
from .resolve import Resolver
from .validate import (
    BackgroundValidation,
    in_background,
    precheck,
    record,
    remembered_errors,
    schema_errors,
    validation_key,
)
from .verdict import relative_to_parent, text_sha256


@dataclass
class Rendered:
    files: dict[str, str]
    model: ClientModel
    warnings: list[Diagnostic]
    hashes: dict[str, str]
    targets: tuple[str, ...] | None = None  # None: the Python client alone, at the top
    # The formatted Python files on disk, for write_tree to move into place; cleanup() when done.
    scratch: Scratch | None = None


@dataclass
class Built:
    model: ClientModel
    spec_files: dict[str, str]  # path relative to the spec's folder -> text
    hashes: dict[str, str]  # the same paths (and the config) -> sha256 of their bytes
    warnings: list[Diagnostic]
    config: Config = field(default_factory=Config)
    # Still running when build_spec(..., background=True) handed the validation to a child.
    pending: BackgroundValidation | None = None
    diags: Diagnostics | None = None

    def finish_validation(self) -> None:
        """Raise the spec's validation errors, if a background validation found any."""
        if self.pending is not None and self.diags is not None:
            self.pending.report(self.diags)
            self.pending = None
            self.diags.raise_if_errors()

    def cancel_validation(self) -> None:
        if self.pending is not None:
            self.pending.cancel()
            self.pending = None


def build_spec(spec: Path, output: Path, background: bool = False, lenient: bool = False) -> Built:
    """Stages 1-4: load, validate, resolve, build the intermediate model.

    With `background`, a big spec's schema validation runs in a child process
    while the model is built (and, in render_spec, rendered); the caller must
    then call `finish_validation()` before using the result for anything that
    lasts, or `cancel_validation()`.

    With `lenient` (or `validation: lenient` in the config), a violation local to
    one schema, parameter, media type or example is a warning and is read the
    nearest valid way (README, "Lenient mode"); everything else stays an error.
    """
    doc = load_document(spec)
    diags = Diagnostics()
    resolver = Resolver(doc, diags)

    def locate(file: str, pointer: str) -> Location:
        found = resolver.document_by_name(file)
        return found.locate(pointer) if found is not None else Location(file, pointer)

    diags.locate = locate
    config, config_doc = load_config(spec, diags)
    version = precheck(doc, diags, resolver)
    diags.raise_if_errors()
    lenient = lenient or config.validation == "lenient"
    pending = None
    key = validation_key((source.text for source in resolver.documents), version) if version else None
    known = remembered_errors(key) if key is not None else None
    # Lenient builds need the violations first: the builder reads those places differently.
    if version is not None and known is None and background and in_background() and not lenient:
        pending = BackgroundValidation(doc, version, key)
    elif version is not None:
        record(doc, diags, known if known is not None else schema_errors(doc, version, key), lenient)
        diags.raise_if_errors()
    try:
        display = relative_to_parent(spec, output)
        model = build_model(resolver, config, diags, display, output.resolve().name, config_doc)
        diags.raise_if_errors()
    except Exception:
        # An invalid spec can trip the builder: its validation errors say why, so they come first.
        if pending is not None:
            pending.report(diags)
            if diags.errors:
                raise GenerationError(diags.errors) from None
        raise
    except BaseException:  # interrupted: the validation's answer is not wanted
        if pending is not None:
            pending.cancel()
        raise
    root = doc.path.resolve().parent
    spec_files: dict[str, str] = {}
    hashes: dict[str, str] = {}
    for source in resolver.documents:
        try:
            rel = source.path.resolve().relative_to(root).as_posix()
        except ValueError:  # a $ref outside the spec's folder: not copied, but an input all the same
            hashes[Path(os.path.relpath(source.path.resolve(), root)).as_posix()] = text_sha256(source.text)
            continue
        spec_files[rel] = source.text
        hashes[rel] = text_sha256(source.text)
    if config_doc is not None:
        hashes[config_doc.path.name] = text_sha256(config_doc.text)
    return Built(model, spec_files, hashes, diags.warnings, config, pending, diags)


def render_spec(
    spec: Path, output: Path, templates: Path = TEMPLATES, lenient: bool = False, keep_formatted: bool = False
) -> Rendered:
    """Stages 1-6. With `keep_formatted`, the formatted Python files stay on disk in
    `Rendered.scratch` for `write_tree` (the caller then calls its `cleanup()`)."""
    built = build_spec(spec, output, background=True, lenient=lenient)
    scratch = Scratch() if keep_formatted else None
    try:
        rendered = render(built.model, templates, built.spec_files, built.hashes, built.config, built.diags)
        files = format_files(rendered, scratch)
        built.finish_validation()
    except BaseException:
        if scratch is not None:
            scratch.cleanup()
        built.cancel_validation()
        raise
    warnings = built.diags.warnings if built.diags is not None else built.warnings  # the targets' naming, too
    return Rendered(files, built.model, warnings, built.hashes, built.config.targets, scratch)
