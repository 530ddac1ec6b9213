"""Warm regeneration after a one-operation change to GitHub's spec: goal 3, <= 0.1x our cold time.

    bench/run warm_regen.py

Cold: a fresh black cache (SDKGEN_CACHE_DIR in a temp folder) and an empty
output folder. Warm: one operation's summary and one new query parameter
changed in the spec, regenerated into the same folder with the cache the cold
run filled: only the files whose rendered text changed are formatted again.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from _measure import ROOT, Measured, ours_python, run, tail

sys.path.insert(0, str(ROOT))
from tests.e2e import corpus  # noqa: E402


def generate(spec: Path, out: Path, cache: Path) -> Measured:
    m = run([ours_python(), "-m", "generator", "generate", str(spec), "--output", str(out)], env={"SDKGEN_CACHE_DIR": str(cache)})
    if m.returncode != 0:
        print(tail(m.output, 5))
        raise SystemExit(1)
    return m


def main() -> None:
    source = corpus.spec_path(next(s for s in corpus.SPECS if s.id == "github"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        spec, out, cache = folder / "api.github.com.json", folder / "out", folder / "cache"
        document = json.loads(source.read_text(encoding="utf-8"))
        spec.write_text(json.dumps(document), encoding="utf-8")
        cold = generate(spec, out, cache)
        operation = document["paths"]["/meta"]["get"]
        operation["summary"] = "Get GitHub meta information (changed)"
        operation.setdefault("parameters", []).append({"name": "verbose", "in": "query", "schema": {"type": "boolean"}})
        spec.write_text(json.dumps(document), encoding="utf-8")
        warm = generate(spec, out, cache)
        print("GitHub's spec, 2 cores")
        print(f"  cold (empty cache and output)        {cold.seconds:8.1f} s  {cold.peak_mb:6.0f} MB peak   {cold.output.strip().splitlines()[-1]}")
        print(f"  warm (GET /meta changed)             {warm.seconds:8.1f} s  {warm.peak_mb:6.0f} MB peak   {warm.output.strip().splitlines()[-1]}")
        print(f"  ratio warm / cold                    {warm.seconds / cold.seconds:8.3f}  (goal <= 0.1)")


if __name__ == "__main__":
    main()
