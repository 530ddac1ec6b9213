"""Import time of the generated package vs the Stainless `clearstreet` SDK.

Each import runs in a fresh interpreter; the bare interpreter's start-up is
subtracted. Target: ours <= 0.5x clearstreet.

Both packages are imported as a user gets them, byte-compiled: clearstreet
from site-packages (pip compiled it at install), ours from a copy of
generated/ compiled with compileall. Without that, PYTHONDONTWRITEBYTECODE
(set on this machine) makes every import of generated/ compile from source.
"""

from __future__ import annotations

import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPEAT = 15


def wall_ms(code: str, path: str) -> float:
    times = []
    env = {**os.environ, "PYTHONPATH": path}
    for _ in range(REPEAT):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    generated = Path(__file__).resolve().parent.parent / "generated" / "python" / "clear_street"
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(generated, Path(tmp) / "clear_street")
        compileall.compile_dir(str(Path(tmp) / "clear_street"), quiet=1)
        bare = wall_ms("pass", tmp)
        results = {name: wall_ms(f"import {name}", tmp) - bare for name in ("httpx", "clear_street", "clearstreet")}
    print(f"import time over a bare interpreter ({bare:.0f} ms), median of {REPEAT}")
    for name, ms in results.items():
        print(f"  {name:14} {ms:7.1f} ms")
    print(f"  ratio clear_street / clearstreet {results['clear_street'] / results['clearstreet']:6.3f}  (goal <= 0.5)")


if __name__ == "__main__":
    main()
