"""Command line: `python -m generator generate|check [SPEC] [--output DIR]`.

Exit codes: 0 success (check: up to date), 1 drift (check only), 2 bad input
(spec, config or arguments). Problems print one line each, as
`file:line:col: /json/pointer: message`, with no traceback unless --debug.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
import time
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .config import config_path_for
from .diff import diff_specs
from .dist import build_distributions
from .errors import GenerationError
from .pipeline import Rendered, render_spec
from .render import PROVENANCE
from .validate import LENIENT
from .write import check_output_is_ours, compare_tree, write_tree

EXIT_OK, EXIT_DRIFT, EXIT_BAD_INPUT = 0, 1, 2
DEFAULT_SPEC_DIR = Path("spec")
DEFAULT_OUTPUT = Path("generated")


class UsageError(Exception):
    pass


def default_spec() -> Path:
    """The one OpenAPI file in ./spec (config files `*.sdkgen.yaml` aside)."""
    if not DEFAULT_SPEC_DIR.is_dir():
        raise UsageError("no SPEC given and there is no ./spec folder; run from the repository root or pass SPEC")
    candidates = sorted(
        p
        for p in DEFAULT_SPEC_DIR.iterdir()
        if p.suffix in (".yaml", ".yml", ".json") and not p.name.endswith(".sdkgen.yaml")
    )
    if len(candidates) != 1:
        names = ", ".join(p.name for p in candidates) or "none"
        raise UsageError(f"expected exactly one spec in ./spec, found {names}; pass SPEC")
    return candidates[0]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description="Generate a typed Python client package from an OpenAPI 3.0/3.1 description.",
        epilog="exit codes: 0 ok, 1 drift (check), 2 bad input",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for name, help_text, codes in (
        (
            "generate",
            "render SPEC into DIR (atomically: a failed run leaves DIR untouched)",
            "0 generated, 2 bad input",
        ),
        (
            "check",
            "compare DIR with a fresh render of SPEC; print a diff of what drifted",
            "0 up to date, 1 drift, 2 bad input",
        ),
        (
            "build",
            "build a wheel and an sdist of DIR (which must be up to date) into --dist",
            "0 built, 1 DIR drifted, 2 bad input or build failure",
        ),
    ):
        p = sub.add_parser(
            name,
            help=help_text,
            description=help_text,
            formatter_class=argparse.ArgumentDefaultsHelpFormatter,
            epilog=f"exit codes: {codes}",
        )
        p.add_argument(
            "spec", nargs="?", type=Path, default=None, help="the OpenAPI file; without it, the one file in ./spec"
        )
        p.add_argument("--output", "-o", type=Path, default=DEFAULT_OUTPUT, help="the client package folder")
        p.add_argument("--debug", action="store_true", help="show tracebacks")
        p.add_argument(
            "--lenient",
            action="store_true",
            help="report violations local to one schema, parameter, media type or example as warnings,"
            " read them the nearest valid way, and generate (README, 'Lenient mode')",
        )
        if name == "build":
            p.add_argument("--dist", type=Path, default=Path("dist"), help="where the wheel and sdist go")
    help_text = "classify every change from OLD to NEW by its effect on the generated client"
    p = sub.add_parser(
        "diff",
        help=help_text,
        description=help_text,
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
        epilog="exit codes: 0 nothing breaking, 1 breaking changes, 2 bad input",
    )
    p.add_argument("old", type=Path, help="the earlier spec")
    p.add_argument("new", type=Path, help="the later spec")
    p.add_argument("--format", choices=("text", "json"), default="text", help="one line per change, or a JSON list")
    p.add_argument("--debug", action="store_true", help="show tracebacks")
    return parser


def _failed(exc: Exception, args: argparse.Namespace, where: Path | None) -> int:
    """Report a failure in one line per problem (no traceback unless --debug); exit 2.

    Anything unexpected is a bug of ours met on this input: still one line,
    and never exit 1, which `check` and `diff` use for a real answer.
    """
    if args.debug:
        raise exc
    if isinstance(exc, GenerationError):
        for diagnostic in exc.diagnostics:
            print(diagnostic.format(), file=sys.stderr)
    elif isinstance(exc, UsageError):
        print(f"error: {exc}", file=sys.stderr)
    else:
        name = where.as_posix() if where is not None else "spec"
        print(
            f"{name}: internal error: {type(exc).__name__}: {exc}"
            " (run with --debug for the traceback, and please report it)",
            file=sys.stderr,
        )
    return EXIT_BAD_INPUT


def _diff(args: argparse.Namespace) -> int:
    try:
        changes = diff_specs(args.old, args.new)
    except Exception as exc:
        return _failed(exc, args, args.new)
    if args.format == "json":
        print(json.dumps([c.as_json() for c in changes], indent=2))
    else:
        for change in changes:
            print(change.line())
        breaking = sum(c.breaking for c in changes)
        print(f"{len(changes)} changes, {breaking} breaking", file=sys.stderr)
    return EXIT_DRIFT if any(c.breaking for c in changes) else EXIT_OK


def _stale_inputs(output: Path, rendered: Rendered) -> list[str]:
    """One line per input whose sha256 differs from what the output records."""
    try:
        recorded = tomllib.loads((output / PROVENANCE).read_text())["provenance"]["sha256"]
    except (OSError, ValueError, KeyError, TypeError):
        return []  # no readable record: the file diff below says the rest
    current = rendered.hashes
    lines = []
    for name in sorted(set(recorded) | set(current)):
        if recorded.get(name) != current.get(name):
            was, now = str(recorded.get(name, "none"))[:12], str(current.get(name, "none"))[:12]
            lines.append(
                f"drift: {name} changed since {output.as_posix()} was rendered from it "
                f"(sha256 {was}... recorded, {now}... now): regenerate"
            )
    return lines


def _summary(verb: str, rendered: Rendered, spec: Path, seconds: float, extra: str) -> str:
    model = rendered.model
    degraded = sum(w.code == LENIENT for w in rendered.warnings)
    read = f", {degraded} {'place' if degraded == 1 else 'places'} read leniently" if degraded else ""
    return (
        f"{verb} {spec.as_posix()}: {len(model.operations)} operations, {len(model.decls)} types, "
        f"{extra}, {len(rendered.warnings)} warnings{read}, {seconds:.2f}s"
    )


class Terminated(SystemExit):
    """SIGTERM or SIGHUP arrived: unwind, so temporary folders go and the validator child is stopped."""


@contextmanager
def _exit_on_termination() -> Iterator[None]:
    """While the body runs, SIGTERM and SIGHUP unwind like an exception instead of killing the
    process where it stands, which would leave a half-written temporary folder and a validator
    child behind. The handlers before are put back afterwards (tests call `main` in-process)."""
    names = [name for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: Any) -> None:
        raise Terminated(128 + signum)

    previous = {name: signal.signal(getattr(signal, name), stop) for name in names}
    try:
        yield
    finally:
        for name, handler in previous.items():
            signal.signal(getattr(signal, name), handler)


def main(argv: list[str] | None = None) -> int:
    # Schemas nest and $ref chains run deep in real specs; the walks recurse.
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 20000))
    with _exit_on_termination():
        return _main(argv)


def _main(argv: list[str] | None) -> int:
    args = _parser().parse_args(argv)
    started = time.perf_counter()
    rendered: Rendered | None = None
    if args.command == "diff":
        return _diff(args)
    try:
        spec = args.spec if args.spec is not None else default_spec()
        rendered = render_spec(spec, args.output, lenient=args.lenient, keep_formatted=args.command == "generate")
        for warning in rendered.warnings:
            print(warning.format(), file=sys.stderr)
        if args.command == "generate":
            check_output_is_ours(args.output, [spec, config_path_for(spec)])
            report = write_tree(rendered.files, args.output, rendered.scratch)
            extra = f"{report.written} files written, {report.unchanged} unchanged, {report.removed} removed"
            print(_summary("generated", rendered, spec, time.perf_counter() - started, extra))
            return EXIT_OK
        stale = _stale_inputs(args.output, rendered)
        drift = compare_tree(rendered.files, args.output)
        if args.command == "build" and drift.clean and not stale:
            python_root = args.output / "python" if rendered.targets else args.output
            built = build_distributions(python_root, args.dist)
            for path in built:
                print(f"built {path.as_posix()}")
            names = ", ".join(p.name for p in built)
            print(
                f"built {args.output.as_posix()} into {args.dist.as_posix()}: {names},"
                f" {time.perf_counter() - started:.2f}s"
            )
            return EXIT_OK
        if drift.clean and not stale:
            print(
                _summary("up to date:", rendered, spec, time.perf_counter() - started, f"{len(rendered.files)} files")
            )
            return EXIT_OK
        for line in stale:
            print(line, file=sys.stderr)
        sys.stdout.write(drift.diff)
        for label, paths in (("added", drift.added), ("removed", drift.removed), ("changed", drift.changed)):
            for rel in paths:
                print(f"drift: {label}: {args.output.as_posix()}/{rel}", file=sys.stderr)
        print(
            f"drift: {args.output.as_posix()} differs from a fresh render of {spec.as_posix()}; "
            f"run `python -m generator generate {spec.as_posix()} --output {args.output.as_posix()}`",
            file=sys.stderr,
        )
        return EXIT_DRIFT
    except Exception as exc:
        return _failed(exc, args, args.spec)
    finally:
        if rendered is not None and rendered.scratch is not None:
            rendered.scratch.cleanup()


if __name__ == "__main__":
    sys.exit(main())
