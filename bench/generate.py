"""Cold generation of a big real spec: ours vs openapi-python-client 0.29.1, same machine, same run.

    bench/run generate.py github    # <= 0.5x opc's wall time and <= 0.5x its peak memory; <= its lines
    bench/run generate.py stripe    # <= 0.25x opc's time with literal enums
    bench/run generate.py gitbook   # any corpus spec id: <= 1.0x opc

Ours runs the CLI a user runs (`python -m generator generate`) with the
formatting cache off (SDKGEN_CACHE=0): cold. The peer runs
`openapi-python-client generate --meta none` with its default post hooks (ruff
check --fix, ruff format); for Stripe also with `literal_enums: true`, because
its default mode crashes on that spec. Also printed: the lines each emits.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from _measure import ROOT, Measured, bench_bin, ours_python, python_lines, run, tail

sys.path.insert(0, str(ROOT))
from tests.e2e import corpus  # noqa: E402  (the corpus pins each spec by version and sha256)

# opc's default post hooks call `ruff`: the pinned one in bench/.venv.
PEER_ENV = {"PATH": f"{Path(bench_bin('ruff')).parent}:{os.environ['PATH']}"}
GOALS = {"github": ("wall", 0.5), "stripe": ("wall", 0.25)}


def ours(spec: Path, out: Path, lenient: bool = False) -> Measured:
    command = [ours_python(), "-m", "generator", "generate", str(spec), "--output", str(out)]
    return run(command + (["--lenient"] if lenient else []), env={"SDKGEN_CACHE": "0"})


def peer(spec: Path, out: Path, config: Path | None = None) -> Measured:
    cmd = [bench_bin("openapi-python-client"), "generate", "--path", str(spec), "--meta", "none", "--output-path", str(out)]
    if config is not None:
        cmd += ["--config", str(config)]
    return run(cmd, env=PEER_ENV)


PROFILE_SHARE = """
import pstats, sys
stats = pstats.Stats(sys.argv[1])
total = max(v[3] for v in stats.stats.values())
deepcopy = max((v[3] for k, v in stats.stats.items() if k[2] == "deepcopy"), default=0.0)
print(f"{deepcopy:.1f} {total:.1f}")
"""


def peer_deepcopy_share(spec: Path, out: Path, config: Path, folder: Path) -> tuple[float, float]:
    """(seconds in copy.deepcopy, total seconds) of opc's literal-enum run under cProfile."""
    profile = folder / "opc.prof"
    cmd = [bench_bin("python"), "-m", "cProfile", "-o", str(profile), bench_bin("openapi-python-client"), "generate",
           "--path", str(spec), "--meta", "none", "--output-path", str(out), "--config", str(config)]
    run(cmd, env=PEER_ENV)
    result = subprocess.run([bench_bin("python"), "-c", PROFILE_SHARE, str(profile)], capture_output=True, text=True, check=True)
    deepcopy, total = (float(x) for x in result.stdout.split())
    return deepcopy, total


def show(name: str, m: Measured, out: Path) -> None:
    status = "ok" if m.returncode == 0 else f"FAILED (exit {m.returncode})"
    lines = python_lines(out) if out.exists() else 0
    print(f"  {name:34} {m.seconds:8.1f} s  {m.peak_mb:7.0f} MB peak  {lines:9,} lines  {status}")
    if m.returncode != 0:
        print(tail(m.output))


def main() -> None:
    which = sys.argv[1] if len(sys.argv) > 1 else "github"
    entry = next(s for s in corpus.SPECS if s.id == which)
    spec = corpus.spec_path(entry)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print(f"cold generation of {which} ({spec.name}), 2 cores")
        results: dict[str, Measured] = {}
        results["ours"] = ours(spec, folder / "ours", entry.lenient)
        show("ours" + (" (--lenient)" if entry.lenient else ""), results["ours"], folder / "ours")
        results["opc"] = peer(spec, folder / "opc")
        show("openapi-python-client 0.29.1", results["opc"], folder / "opc")
        reference = "opc"
        if which == "stripe":
            config = folder / "literal.yaml"
            config.write_text("literal_enums: true\n")
            results["opc-literal"] = peer(spec, folder / "opc-literal", config)
            show("openapi-python-client, literal enums", results["opc-literal"], folder / "opc-literal")
            reference = "opc-literal"
            deepcopy, total = peer_deepcopy_share(spec, folder / "opc-profiled", config, folder)
            print(f"  opc literal enums under cProfile: {deepcopy:.0f} s of {total:.0f} s in copy.deepcopy")
        if (folder / "ours").exists() and (folder / reference).exists():
            ours_lines, peer_lines = python_lines(folder / "ours"), python_lines(folder / reference)
            print(f"  ratio ours / {reference} lines emitted  {ours_lines / peer_lines:8.2f}  (goal <= 1.0 for github)")
        base = results[reference]
        if base.returncode == 0 and results["ours"].returncode == 0:
            kind, goal = GOALS.get(which, ("wall", 1.0))  # every corpus spec of 50+ operations: <= 1.0x
            print(f"  ratio ours / {reference} wall time     {results['ours'].seconds / base.seconds:8.2f}  (goal <= {goal})")
            print(f"  ratio ours / {reference} peak memory   {results['ours'].peak_mb / base.peak_mb:8.2f}" + ("  (goal <= 0.5)" if which == "github" else ""))


if __name__ == "__main__":
    main()
