"""Import time of the generated package vs the Stainless `clearstreet` SDK.

Each import runs in a fresh interpreter; the bare interpreter's start-up is
subtracted. Goal (issue 7): ours <= 0.5x clearstreet.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

REPEAT = 15


def wall_ms(code: str) -> float:
    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    bare = wall_ms("pass")
    results = {name: wall_ms(f"import {name}") - bare for name in ("httpx", "clear_street", "clearstreet")}
    print(f"import time over a bare interpreter ({bare:.0f} ms), median of {REPEAT}")
    for name, ms in results.items():
        print(f"  {name:14} {ms:7.1f} ms")
    print(f"  ratio clear_street / clearstreet {results['clear_street'] / results['clearstreet']:6.3f}  (goal <= 0.5)")


if __name__ == "__main__":
    main()
