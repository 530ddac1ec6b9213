"""Command line: `python -m generator generate|check|build|diff [SPEC] [--output DIR]`.

Exit codes: 0 success (check: up to date, with or without custom code), 1 an
answer the user must act on (check: drift; generate: conflicts with their code;
diff: breaking changes), 2 bad input (spec, config or arguments). Problems
print one line each, as `file:line:col: /json/pointer: message`, with no
traceback unless --debug.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .config import config_path_for
from .custom import State, classify, plan_regeneration
from .errors import GenerationError, printable
from .manifest import CONFLICT_COPY, MANIFEST, KeepList, read_manifest, sha256
from .verdict import Verdict, current_inputs, recall, recorded_inputs, remember, render_key
from .write import check_output_is_ours, compare_tree, read_tree, write_tree

if TYPE_CHECKING:  # the pipeline is imported when a command renders: `check` often need not
    from .pipeline import Rendered

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
            "render SPEC into DIR, keeping your code in it (atomically: a failed run leaves DIR untouched)",
            "0 generated, 1 generated with conflicts to resolve, 2 bad input",
        ),
        (
            "check",
            "compare DIR with a fresh render of SPEC, your recorded code aside; print a diff of what drifted",
            "0 up to date (custom code listed), 1 drift, 2 bad input",
        ),
        (
            "build",
            "package DIR (which must be up to date) into --dist: a wheel and an sdist, and the Java jars",
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
        if name == "generate":
            p.add_argument(
                "--discard-custom",
                action="store_true",
                help="write the pristine render: drop edits and added files (those .sdkgen-keep lists stay)",
            )
        if name == "build":
            p.add_argument("--dist", type=Path, default=Path("dist"), help="where the wheel, sdist and jars go")
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
    from .diff import diff_specs

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
    recorded = recorded_inputs(output)
    if recorded is None:
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


def _verdict(rendered: Rendered, pristine: dict[str, str]) -> Verdict:
    from .manifest import Manifest

    model = rendered.model
    warnings = tuple(w.format() for w in rendered.warnings)
    return Verdict(
        Manifest(generated=pristine).digest(), len(model.operations), len(model.decls), len(pristine), warnings
    )


def _summary(verb: str, verdict: Verdict, spec: Path, seconds: float, extra: str) -> str:
    from .validate import LENIENT

    degraded = sum(f"warning[{LENIENT}]" in line for line in verdict.warnings)
    read = f", {degraded} {'place' if degraded == 1 else 'places'} read leniently" if degraded else ""
    return (
        f"{verb} {spec.as_posix()}: {verdict.operations} operations, {verdict.types} types, "
        f"{extra}, {len(verdict.warnings)} warnings{read}, {seconds:.2f}s"
    )


def _hash_tree(output: Path) -> dict[str, str]:
    return {path: sha256(data) for path, data in read_tree(output).items()}


def _quick_check(spec: Path, output: Path, lenient: bool) -> tuple[State, Verdict] | None:
    """The folder's state from hashes alone, when this generator rendered the same inputs before
    (`verdict.py`) and the folder's manifest holds that render; else None, and `check` renders."""
    manifest = read_manifest(output)
    recorded = recorded_inputs(output)
    if manifest is None or recorded is None:
        return None
    inputs = current_inputs(spec, recorded)
    if inputs is None or inputs != recorded:
        return None
    verdict = recall(render_key(spec, output, lenient, inputs))
    if verdict is None or verdict.manifest != manifest.digest():
        return None
    return classify(manifest.generated, _hash_tree(output), manifest, KeepList.read(output)), verdict


def _print_custom(state: State, output: Path) -> None:
    for path, how in state.custom:
        print(f"custom: {how}: {printable(output.as_posix())}/{printable(path)}")


def _answer(verb: str, state: State, verdict: Verdict, spec: Path, started: float, output: Path, extra: str) -> int:
    """The warnings a render gave, the summary line, and the files holding the user's code; exit 0."""
    for line in verdict.warnings:
        print(line, file=sys.stderr)
    print(_summary(verb, verdict, spec, time.perf_counter() - started, extra))
    _print_custom(state, output)
    return EXIT_OK


def _up_to_date(state: State, verdict: Verdict, spec: Path, started: float, output: Path) -> int:
    verb = f"up to date, with custom code in {len(state.custom)} files:" if state.custom else "up to date:"
    return _answer(verb, state, verdict, spec, started, output, f"{verdict.files} files")


def _nothing_to_write(state: State, verdict: Verdict, spec: Path, started: float, output: Path) -> int:
    """`generate` on a folder `check` finds up to date: the render would write the same bytes, and
    every edit in it is recorded already, so nothing is rendered and nothing written."""
    extra = f"0 files written, {verdict.files} unchanged, 0 removed"
    if state.custom:
        extra += f", custom code kept in {len(state.custom)}"
    return _answer("generated", state, verdict, spec, started, output, extra)


def _rendered_hashes(rendered: Rendered) -> dict[str, str]:
    """Each rendered file's sha256, as the manifest records it."""
    return {path: sha256(text.encode("utf-8")) for path, text in rendered.files.items()}


def _generate(args: argparse.Namespace, spec: Path, rendered: Rendered, started: float) -> int:
    from .render import header

    check_output_is_ours(args.output, [spec, config_path_for(spec)])
    disk = read_tree(args.output)
    old = read_manifest(args.output)
    plan = plan_regeneration(rendered.files, disk, args.output, old, KeepList.read(args.output), args.discard_custom)
    plan.files[MANIFEST] = plan.manifest.text(header(rendered.model)).encode("utf-8")
    if rendered.scratch is not None:  # a merged file is not the formatted text waiting there
        for path, data in plan.files.items():
            if path in rendered.scratch.files and data != rendered.files[path].encode("utf-8"):
                del rendered.scratch.files[path]
    report = write_tree(plan.files, args.output, rendered.scratch, plan.carried, disk)
    verdict = _verdict(rendered, _rendered_hashes(rendered))
    remember(render_key(spec, args.output, args.lenient, rendered.hashes), verdict)
    extra = f"{report.written} files written, {report.unchanged} unchanged, {report.removed} removed"
    if plan.custom:
        extra += f", custom code kept in {len(plan.custom)}"
    if plan.conflicts:
        extra += f", {len(plan.conflicts)} conflicts"
    print(_summary("generated", verdict, spec, time.perf_counter() - started, extra))
    _print_custom(State(custom=plan.custom), args.output)
    for line in plan.conflicts:
        print(f"conflict: {printable(args.output.as_posix())}/{printable(line)}", file=sys.stderr)
    if plan.conflicts:
        print(
            f"conflict: resolve each one (your version of each file is beside it, as *{CONFLICT_COPY}), "
            "then run generate again to record the result",
            file=sys.stderr,
        )
        return EXIT_DRIFT
    return EXIT_OK


def _check(args: argparse.Namespace, spec: Path, rendered: Rendered, started: float) -> int:
    """`check` and `build` after a render: the folder against it, the user's recorded code aside."""
    from .dist import build_distributions, build_jars

    output = args.output
    pristine = _rendered_hashes(rendered)
    manifest = read_manifest(output)
    state = classify(pristine, _hash_tree(output), manifest, KeepList.read(output))
    stale = _stale_inputs(output, rendered)
    verdict = _verdict(rendered, pristine)
    if state.clean and not stale:
        if manifest is not None and manifest.generated == pristine:
            remember(render_key(spec, output, args.lenient, rendered.hashes), verdict)
        if args.command == "build":
            targets = rendered.targets or ("python",)
            built = []
            if "python" in targets:
                built += build_distributions(output / "python" if rendered.targets else output, args.dist)
            if "java" in targets:
                built += build_jars(output / "java", args.dist)
            for path in built:
                print(f"built {path.as_posix()}")
            names = ", ".join(p.name for p in built)
            print(
                f"built {output.as_posix()} into {args.dist.as_posix()}: {names}, {time.perf_counter() - started:.2f}s"
            )
            return EXIT_OK
        return _up_to_date(state, verdict, spec, started, output)
    for line in verdict.warnings:
        print(line, file=sys.stderr)
    accepted = {path for path, _ in state.custom}
    drift = compare_tree(rendered.files, output, skip=accepted)
    for line in stale:
        print(line, file=sys.stderr)
    sys.stdout.write(drift.diff)
    _print_custom(state, output)
    for rel, how in state.drift:
        print(f"drift: {how}: {printable(output.as_posix())}/{printable(rel)}", file=sys.stderr)
    print(
        f"drift: {output.as_posix()} differs from a fresh render of {spec.as_posix()}; "
        f"run `python -m generator generate {spec.as_posix()} --output {output.as_posix()}`",
        file=sys.stderr,
    )
    return EXIT_DRIFT


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
        if args.command in ("check", "generate") and not getattr(args, "discard_custom", False):
            quick = _quick_check(spec, args.output, args.lenient)
            if quick is not None and quick[0].clean and args.command == "check":
                return _up_to_date(quick[0], quick[1], spec, started, args.output)
            if quick is not None and quick[0].clean:
                return _nothing_to_write(quick[0], quick[1], spec, started, args.output)
        from .pipeline import render_spec

        rendered = render_spec(spec, args.output, lenient=args.lenient, keep_formatted=args.command == "generate")
        if args.command == "generate":
            for warning in rendered.warnings:
                print(warning.format(), file=sys.stderr)
            return _generate(args, spec, rendered, started)
        return _check(args, spec, rendered, started)
    except Exception as exc:
        return _failed(exc, args, args.spec)
    finally:
        if rendered is not None and rendered.scratch is not None:
            rendered.scratch.cleanup()


if __name__ == "__main__":
    sys.exit(main())
