"""Python's file plan: which files a Python client has, and what each template is given.

Templates list the imports a module *may* need between `#:optional-imports`
markers; `prune_imports` keeps the ones the module uses, since pyright's
strict mode rejects unused imports and deciding use here keeps that
bookkeeping out of the templates.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from .. import naming
from ..escape import ident, pyliteral, pystr
from ..ir import STATUS_ERRORS, ClientModel, Decl, Operation, Resource, model_of
from ..kinds import CheckKind, Content
from ..testplan import ResponseTest, plan
from .identifiers import PythonNames, Warn
from .names import PythonSpelling, tuple_source

# render.header: (model, comment style) -> the one-line header every generated file starts with.
Header = Callable[[ClientModel, str], str]


_BLOCK = re.compile(r"^#:optional-imports\n(.*?)^#:end-optional-imports\n", re.S | re.M)


_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# Comments and string literals (any prefix; triple quotes before single), in one pass.
_NOT_CODE = re.compile(
    r"#[^\n]*"
    r"|(?P<prefix>[rRbBuUfF]{0,2})"
    r"(?P<body>\"\"\"(?:\\.|[^\\])*?\"\"\"|'''(?:\\.|[^\\])*?'''|\"(?:\\.|[^\"\\\n])*\"|'(?:\\.|[^'\\\n])*')",
    re.S,
)
_CODE_STRING_BEFORE = re.compile(r"\bcast\(\s*$")


def _names_used(source: str) -> set[str]:
    """Every identifier in `source`'s code, plus the names inside strings that are code.

    Strings that are code: f-strings, a type alias's forward references, `cast("T", x)`, and the quoted
    field types of a functional `TypedDict(...)` (quoted because that form
    evaluates its types at import time, before the imports at the bottom).
    Comments and all other strings (docstrings, spec text) are blanked first,
    so a word in a description never keeps an import alive. One regex pass:
    this runs on every generated file (tokenize took 35 s of a warm run on
    GitHub's spec).
    """

    def blank(match: re.Match[str]) -> str:
        body = match.group("body")
        if body is None:
            return ""  # a comment
        if "f" in match.group("prefix").lower():
            return body
        before = source[max(0, match.start() - 40) : match.start()]
        if _CODE_STRING_BEFORE.search(before):
            return body
        line = source[source.rfind("\n", 0, match.start()) + 1 : match.start()]
        if "TypeAlias =" in line:
            return body  # a forward reference in a type alias: Union["A", List["B"]]
        if before.endswith(": ") and "TypedDict(" in line:
            return body  # a field type in a functional TypedDict
        return '""'

    return set(_IDENTIFIER.findall(_NOT_CODE.sub(blank, source)))


def prune_imports(source: str) -> str:
    """Keep only the candidate imports the module uses.

    Templates list what a module *may* need between `#:optional-imports`
    markers; pyright's strict mode rejects unused imports, and deciding use
    here keeps that bookkeeping out of the templates. Use is decided on
    tokens, so a name in a docstring or comment does not count.
    """
    match = _BLOCK.search(source)
    if match is None:
        return source
    # Several blocks: prune the first, then the rest of the file.
    rest = prune_imports(source[match.end() :])
    source = source[: match.end()] + rest
    used_names = _names_used(source[: match.start()] + source[match.end() :])
    kept: list[str] = []
    for line in match.group(1).splitlines():
        if not line.strip():
            continue
        m = re.match(r"^from (\S+) import (.+)$", line)
        if m:
            names = [n.strip() for n in m.group(2).split(",") if n.strip()]
            used = [n for n in names if n.split(" as ")[-1] in used_names]
            if used:
                kept.append(f"from {m.group(1)} import {', '.join(used)}")
            continue
        m = re.match(r"^import (\S+)(?: as (\S+))?$", line)
        if m and (m.group(2) or m.group(1)) in used_names:
            kept.append(line)
    stdlib = [k for k in kept if not k.startswith("from .")]
    local = [k for k in kept if k.startswith("from .")]
    block = "\n".join(stdlib) + ("\n\n" if stdlib and local else "") + "\n".join(local)
    return source[: match.start()] + (block + "\n" if block else "") + source[match.end() :]


def _imports(py: PythonSpelling, decls: list[Decl], exclude: Decl | None = None) -> list[tuple[str, list[str]]]:
    by_module: dict[str, set[str]] = {}
    for ref in decls:
        if ref is not exclude:
            by_module.setdefault(py.module(ref), set()).update(py.exported_names(ref))
    return [(m, sorted(n)) for m, n in sorted(by_module.items())]


def _pages(py: PythonSpelling, operations: list[Operation]) -> list[str]:
    """The page classes these operations return (sync and async)."""
    return [name for op in operations if op.pagination is not None for name in py.page_exports(op)]


def _page_types(op: Operation) -> list[Decl]:
    """What an operation's page classes name: the response they extend, their items' type."""
    assert op.pagination is not None
    response = op.pagination.response
    return (response.decls() if response else []) + op.pagination.item_type.decls()


@dataclass(frozen=True)
class Row:
    """One row of a generated test table: `Kind(<call function>, <arguments>...)`, each
    argument already Python source (spec text escaped). conftest.py names the test after the
    call and the status (and example) Prism is asked for."""

    function: str
    arguments: tuple[str, ...] = ()


@dataclass
class TestModule:
    """The generated tests of one resource: each operation's example call, and its rows."""

    module: str
    resource: Resource
    cases: list[Row]
    paged: list[Row]
    retries: list[Row]


def call_function(py: PythonSpelling, op: Operation) -> str:
    """The test module's function that makes an operation's documented example call."""
    return ident(f"call_{py.method(op)}")


def _case(py: PythonSpelling, op: Operation, t: ResponseTest) -> Row:
    args = [pystr(t.prefer)]
    call = call_function(py, op)
    if t.skip is not None:
        return Row(call, (*args, f"skip={pystr(t.skip)}"))
    if t.exception:
        args.append(f"error=sdk.{ident(t.exception)}")
        if t.message is not None:
            args.append(f"message={pyliteral(t.message.value)}")
        return Row(call, tuple(args))
    assert t.response is not None  # a success
    if t.expects_nothing:
        return Row(call, (*args, 'content="none"'))
    if t.response.content is not Content.JSON:
        return Row(call, (*args, f"content={pystr(t.response.content)}"))
    returns = py.result_class(t.response.type, paged=op.pagination is not None)
    if returns is not None:
        args.append(f"returns={returns}")
    if t.exact:
        args.append("exact=True")
    args += [f"partial={c.flag}" for c in t.batch_checks if c.kind is CheckKind.FLAG]
    rows = [c for c in t.batch_checks if c.kind is CheckKind.ROWS]  # `rejected`, then `accepted`
    envelope = model_of(t.response.type)
    if rows and envelope is not None and envelope.batch is not None:
        args.append(f"rows={pystr(py.attr(envelope.batch.data))}")
        args += [f"{c.path[-1].name}={tuple_source(map(str, c.indices))}" for c in rows]
    return Row(call, tuple(args))


def test_modules(model: ClientModel, py: PythonSpelling) -> list[TestModule]:
    """One test module per resource that has operations: `tests/test_<resource path>.py`."""
    by_op = {id(t.operation): t for t in plan(model)}
    resources = [r for r in model.root.walk() if r.operations]
    modules = naming.dedupe(
        ("/".join(r.path), "test_" + ("_".join(py.names.path(r.path)) or "client")) for r in resources
    )
    out: list[TestModule] = []
    for resource in resources:
        ops = [by_op[id(op)] for op in resource.operations]
        cases = [_case(py, tests.operation, t) for tests in ops for t in tests.responses]
        paged = [
            Row(call_function(py, op), (f"(pages.{ident(py.page_class(op))}, pages.{ident(py.page_class(op, True))})",))
            for op in resource.operations
            if op.pagination is not None
        ]
        retries = [
            Row(call_function(py, t.operation), (str(t.transport.status), f"retry_safe={t.operation.retry_safe}"))
            for t in ops
            if t.transport is not None
        ]
        out.append(TestModule(modules["/".join(resource.path)], resource, cases, paged, retries))
    return out


def _resource_file(py: PythonSpelling, resource: Resource) -> str:
    base = "/".join((py.names.package, "resources") + py.names.path(resource.path))
    return base + "/__init__.py" if resource.children else base + ".py"


def render_files(
    model: ClientModel,
    env: jinja2.Environment,
    header: Header,
    spec_files: dict[str, str],
    root: str,
    warn: Warn | None = None,
) -> dict[str, str]:
    """Relative path -> file text, for every file of the Python client package.

    `root` is where the package lands, as the README's install command names it.

    `spec_files` (path relative to the spec's folder -> text) are copied under
    tests/spec/, so the generated tests can start a mock server on their own.

    `warn(file, pointer, message)` hears of each Python name that had to be numbered.
    """
    names = PythonNames(model, warn)
    py = PythonSpelling(names)
    env.globals["py"] = py
    pkg = names.package
    files: dict[str, str] = {}
    base_ctx: dict[str, Any] = {
        "model": model,
        "package": pkg,
        "client_class": names.client_class,
        "project_name": model.project_name,
        "base_url": model.base_url,
        "header": header(model, "#"),
        "root": root,
        "status_errors": STATUS_ERRORS,
    }

    def emit(template: str, out: str, **ctx: Any) -> None:
        text = env.get_template(template).render({**base_ctx, **ctx})
        if out.endswith(".py"):
            text = prune_imports(text)
        files[out] = text

    resources = model.root.walk()[1:]
    packages = [pkg, f"{pkg}.types"]
    if resources:
        packages.append(f"{pkg}.resources")
    packages += sorted(".".join((pkg, "resources") + names.path(r.path)) for r in resources if r.children)
    emit("package/pyproject.toml.jinja", "pyproject.toml", packages=packages)
    emit("package/README.md.jinja", "README.md", header=header(model, "md"))
    emit("package/py.typed.jinja", f"{pkg}/py.typed")
    for name in ("_base_client", "_exceptions", "_logs", "_models", "_prepare", "_response", "_streaming", "_types"):
        emit(f"runtime/{name}.py.jinja", f"{pkg}/{name}.py")
    paginated = [op for op in model.operations if op.pagination is not None]
    if paginated:
        emit("runtime/_pagination.py.jinja", f"{pkg}/_pagination.py")
        types = [t for op in paginated for t in _page_types(op)]
        emit("package/pages.py.jinja", f"{pkg}/pages.py", operations=paginated, imports=_imports(py, types))
    emit("package/_version.py.jinja", f"{pkg}/_version.py")
    emit("package/__init__.py.jinja", f"{pkg}/__init__.py")
    emit(
        "package/_client.py.jinja",
        f"{pkg}/_client.py",
        resource=model.root,
        imports=_imports(py, [d for op in model.root.operations for d in op.decls()]),
        pages=_pages(py, model.root.operations),
    )
    emit("package/types_init.py.jinja", f"{pkg}/types/__init__.py")
    for decl in model.decls:
        emit(
            "package/types_module.py.jinja",
            f"{pkg}/types/{py.module(decl)}.py",
            decl=decl,
            imports=_imports(py, decl.refs(), exclude=decl),
        )
    for rel, text in sorted(spec_files.items()):
        text = text.replace("\r\n", "\n")  # as PROVENANCE.toml hashes it: a CRLF checkout renders the same
        if rel.endswith((".yaml", ".yml")):
            text = header(model, "#") + "\n" + text
        files[f"tests/spec/{rel}"] = text if text.endswith("\n") else text + "\n"
    spec_file = Path(model.spec_display).name
    emit("package/tests/conftest.py.jinja", "tests/conftest.py", spec_file=spec_file)
    for module in test_modules(model, py):
        emit("package/tests/test_resource.py.jinja", f"tests/{module.module}.py", tests=module)
    if resources:
        emit("package/resources_init.py.jinja", f"{pkg}/resources/__init__.py")
    for resource in resources:
        emit(
            "package/resource_module.py.jinja",
            _resource_file(py, resource),
            resource=resource,
            # A package (__init__.py) sits one level deeper than a module.
            up="." * (len(resource.path) + (2 if resource.children else 1)),
            imports=_imports(py, [d for op in resource.operations for d in op.decls()]),
            pages=_pages(py, resource.operations),
        )
    return files
