"""`./dev fuzz`: search for inputs that break the generator's input contract (contract.py).

    ./dev fuzz [--budget SECONDS | --cases N] [--seed S] [--jobs J] [--timeout SECONDS]
    ./dev fuzz --replay FILE... [--lenient] [--inline-validation]

Cases are seeds S, S+1, ... (S random unless given, and printed); each is mutate.make_case(seed).
Every failing input is saved as .fuzz/failures/<seed>-<hash>.<yaml|json> (with its
.sdkgen.yaml when the case has one), beside a .txt of what was done and what broke;
one line a failure is printed, then the total. Exit 1 when anything failed.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shlex
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from .contract import GENERATE_TIMEOUT, ROOT, check_case, check_inputs, classify
from .mutate import Case, make_case

FAILURES = ROOT / ".fuzz" / "failures"
BATCH = 8  # cases whose clients one interpreter imports


def run_cases(
    seeds: list[int], folder: Path, jobs: int = 1, timeout: float = GENERATE_TIMEOUT
) -> dict[int, tuple[Case, list[str]]]:
    """seed -> (case, violations) for each seed, run in subfolders of `folder`."""
    made = [make_case(seed) for seed in seeds]
    found = check_inputs([case.as_input() for case in made], folder, jobs, timeout)
    return {case.seed: (case, found[case.as_input().key]) for case in made}


def save(case: Case, violations: list[str], folder: Path = FAILURES) -> Path:
    """The failing input, its config and a report, under `folder`; the input's path."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"{case.seed}-{hashlib.sha256(case.mutant.data).hexdigest()[:12]}"
    spec = case.write(folder, stem)
    shown = shlex.quote(os.path.relpath(spec, ROOT))
    env = "SDKGEN_BACKGROUND_VALIDATION=0 " if case.inline_validation else ""
    flag = " --lenient" if case.lenient else ""
    report = [
        f"class: {classify(violations)}",
        f"case: {case.description}",
        f"reproduce: {env}.venv/bin/python -m generator generate {shown} --output /tmp/fuzz-out{flag}",
        f"check:     ./dev fuzz --replay {shown}{flag}{' --inline-validation' if case.inline_validation else ''}",
        f"again:     ./dev fuzz --cases 1 --seed {case.seed}",
        "violations:",
        *(f"  - {v}" for v in violations),
    ]
    spec.with_suffix(".txt").write_text("\n".join(report) + "\n", encoding="utf-8", errors="backslashreplace")
    return spec


def _one_line(text: str, limit: int = 200) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


def search(first: int, budget: float | None, count: int | None, jobs: int, timeout: float) -> int:
    started = time.monotonic()
    done, failed = 0, 0
    classes: Counter[str] = Counter()
    print(f"fuzz: seeds from {first}, {f'{count} cases' if count is not None else f'{budget:.0f} s'}", flush=True)
    with tempfile.TemporaryDirectory(prefix="sdkgen-fuzz-") as scratch:
        while (count is None or done < count) and (budget is None or time.monotonic() - started < budget):
            size = min(BATCH, count - done) if count is not None else BATCH
            seeds = list(range(first + done, first + done + size))
            batch_folder = Path(scratch) / f"batch{done}"
            batch_folder.mkdir()
            for seed, (case, violations) in run_cases(seeds, batch_folder, jobs, timeout).items():
                if violations:
                    failed += 1
                    kind = classify(violations)
                    classes[kind] += 1
                    path = save(case, violations)
                    print(
                        f"FAIL seed {seed} [{kind}] {os.path.relpath(path, ROOT)}: {_one_line(violations[0])}",
                        flush=True,
                    )
            done += size
    seconds = time.monotonic() - started
    summary = ", ".join(f"{kind} {n}" for kind, n in classes.most_common())
    print(
        f"fuzz: {done} cases (seeds {first}-{first + done - 1}) in {seconds:.0f} s: {failed} failed"
        + (f" ({summary}); inputs and reports in {os.path.relpath(FAILURES, ROOT)}/" if failed else ""),
        flush=True,
    )
    return 1 if failed else 0


def replay(paths: list[Path], lenient: bool, inline_validation: bool, timeout: float) -> int:
    failed = 0
    for path in paths:
        with tempfile.TemporaryDirectory(prefix="sdkgen-fuzz-") as scratch:
            violations = check_case(
                path, Path(scratch) / "case", lenient=lenient, inline_validation=inline_validation, timeout=timeout
            )
        if violations:
            failed += 1
            print(f"FAIL {path} [{classify(violations)}]")
            for violation in violations:
                print(f"  - {_one_line(violation, 400)}")
        else:
            print(f"ok   {path}")
    print(f"fuzz: {len(paths)} replayed, {failed} failed")
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="./dev fuzz", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    limit = parser.add_mutually_exclusive_group()
    limit.add_argument("--budget", type=float, default=None, help="seconds to search (default 300)")
    limit.add_argument("--cases", type=int, default=None, help="how many cases to run")
    parser.add_argument("--seed", type=int, default=None, help="the first seed (default: random)")
    parser.add_argument("--jobs", type=int, default=1, help="generate runs at once (default 1)")
    parser.add_argument(
        "--timeout",
        type=float,
        default=GENERATE_TIMEOUT,
        help=f"the hang bound, seconds (default {GENERATE_TIMEOUT:.0f})",
    )
    parser.add_argument("--replay", type=Path, nargs="+", help="check these spec files instead of searching")
    parser.add_argument("--lenient", action="store_true", help="with --replay: pass --lenient")
    parser.add_argument("--inline-validation", action="store_true", help="with --replay: validate in-process")
    args = parser.parse_args(argv)
    if args.replay:
        return replay(args.replay, args.lenient, args.inline_validation, args.timeout)
    first = args.seed if args.seed is not None else int.from_bytes(os.urandom(3), "big")
    budget = args.budget if args.budget is not None or args.cases is not None else 300.0
    return search(first, budget, args.cases, args.jobs, args.timeout)


if __name__ == "__main__":
    sys.exit(main())
