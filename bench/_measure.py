"""Run a command and measure it: wall time, and the peak memory of its whole process tree.

Peak memory is the largest sum of proportional set sizes (PSS: a page shared
by forked workers counts once, split between them) over the command and all
its descendants (black's worker processes, opc's ruff), sampled from /proc
every 100 ms. getrusage() would report only the largest single process.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Measured:
    seconds: float
    peak_mb: float
    returncode: int
    output: str


def _pss_kb(pid: int) -> int:
    """Proportional set size: pages shared by forked workers are counted once, not per process."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii", errors="replace") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _tree_rss_kb(root: int) -> int:
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/status", encoding="ascii", errors="replace") as handle:
                fields = dict(line.split(":", 1) for line in handle if ":" in line)
        except OSError:
            continue
        pid = int(entry)
        children.setdefault(int(fields.get("PPid", "0").strip() or 0), []).append(pid)
        rss[pid] = int(fields.get("VmRSS", "0 kB").split()[0])
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += _pss_kb(pid) or rss.get(pid, 0)  # smaps only for the tree: it is not cheap
        stack.extend(children.get(pid, []))
    return total


def run(cmd: list[str], *, cwd: Path = ROOT, env: dict[str, str] | None = None) -> Measured:
    start = time.perf_counter()
    process = subprocess.Popen(cmd, cwd=cwd, env={**os.environ, **(env or {})}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss_kb(process.pid))
            done.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = process.communicate()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    return Measured(seconds, peak / 1024, process.returncode, output)


def python_lines(folder: Path) -> int:
    return sum(p.read_text(encoding="utf-8", errors="replace").count("\n") for p in folder.rglob("*.py"))


def ours_python() -> str:
    python = ROOT / ".venv" / "bin" / "python"
    if not python.exists():
        raise SystemExit("run ./dev setup first: the generator is run from .venv")
    return str(python)


def bench_bin(name: str) -> str:
    return str(ROOT / "bench" / ".venv" / "bin" / name)


def tail(text: str, lines: int = 3) -> str:
    return "\n".join("      " + line for line in text.strip().splitlines()[-lines:])
