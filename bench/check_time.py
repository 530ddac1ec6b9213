"""`python -m generator check` on spec/: target, under a second.

    bench/run check_time.py

Warm: the format cache holds google-java-format's output for spec/'s Java
client (the usual case after `generate` ran once on the machine). Cold:
SDKGEN_CACHE=0, a JVM formats every Java file. Python files are formatted by
ruff on every run either way. Median of 5 runs each, whole process included.
"""

from __future__ import annotations

import statistics

from _measure import ours_python, run


def median_seconds(env: dict[str, str]) -> float:
    times = []
    for _ in range(5):
        m = run([ours_python(), "-m", "generator", "check"], env=env)
        if m.returncode != 0:
            raise SystemExit(f"check failed:\n{m.output}")
        times.append(m.seconds)
    return statistics.median(times)


def main() -> None:
    warm = median_seconds({})
    cold = median_seconds({"SDKGEN_CACHE": "0"})
    print("python -m generator check on spec/ (median of 5)")
    print(f"  format cache       {warm:6.2f} s  (goal < 1 s)")
    print(f"  no format cache    {cold:6.2f} s  (goal < 1 s)")


if __name__ == "__main__":
    main()
