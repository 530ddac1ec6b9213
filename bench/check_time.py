"""`python -m generator check` with nothing changed: goal, under a second.

    bench/run check_time.py            # spec/ (Python and Java clients)
    bench/run check_time.py github     # a spec of tests/e2e/corpus.py, generated first

Remembered: the machine's cache holds this generator's render of the same
inputs (after any `generate` or `check` here), so `check` compares the folder's
files with the hashes of its `.sdkgen/manifest` and renders nothing. Peer: the
same `check` with SDKGEN_CACHE=0, which renders the spec and compares every
file, as on a machine that never rendered it. Median of 5 runs each, whole
process included.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

from _measure import ROOT, ours_python, run, tail

sys.path.insert(0, str(ROOT))
from tests.e2e import corpus  # noqa: E402


def median_seconds(args: list[str], env: dict[str, str]) -> float:
    times = []
    for _ in range(5):
        m = run([ours_python(), "-m", "generator", "check", *args], env=env)
        if m.returncode != 0:
            raise SystemExit(f"check failed:\n{tail(m.output, 5)}")
        times.append(m.seconds)
    return statistics.median(times)


def report(label: str, args: list[str], env: dict[str, str]) -> None:
    remembered = median_seconds(args, env)
    rendering = median_seconds(args, {**env, "SDKGEN_CACHE": "0"})
    print(f"python -m generator check on {label} (median of 5)")
    print(f"  remembered render  {remembered:6.2f} s  (goal < 1 s)")
    print(f"  rendering          {rendering:6.2f} s")
    print(f"  ratio              {remembered / rendering:6.3f}")


def main() -> None:
    if len(sys.argv) < 2:
        report("spec/", [], {})
        return
    spec = next(s for s in corpus.SPECS if s.id == sys.argv[1])
    with tempfile.TemporaryDirectory() as tmp:
        out, cache = Path(tmp) / "out", {"SDKGEN_CACHE_DIR": str(Path(tmp) / "cache")}
        flags = ["--lenient"] if spec.lenient else []
        args = [str(corpus.spec_path(spec)), "--output", str(out), *flags]
        m = run([ours_python(), "-m", "generator", "generate", *args], env=cache)
        if m.returncode != 0:
            raise SystemExit(f"generate failed:\n{tail(m.output, 5)}")
        report(f"{spec.id}'s client", args, cache)


if __name__ == "__main__":
    main()
