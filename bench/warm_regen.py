"""Regeneration after a one-operation change to GitHub's spec, against a cold run of the same spec.

    bench/run warm_regen.py

Cold: an empty cache (SDKGEN_CACHE_DIR in a temporary folder) and no output
folder. Warm: `GET /meta`'s summary changed and a query parameter added, then
generated into the folder the cold run wrote, with the cache it filled. Then a line
added by hand to a resource module and the same spec generated again (the
validation's verdict is remembered by content), and once more with nothing
changed (answered from the folder's hashes, as `check` is). Last, the size of
the folder's record (`.sdkgen/`) beside the whole output.
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


def summary(m: Measured) -> str:
    return next(line for line in reversed(m.output.splitlines()) if line.startswith("generated "))


def size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


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
        meta = next(out.rglob("meta.py"))
        meta.write_text(meta.read_text(encoding="utf-8") + "\n# ours\n", encoding="utf-8")
        same = generate(spec, out, cache)
        nothing = generate(spec, out, cache)
        record, whole = size(out / ".sdkgen"), size(out)
        print("GitHub's spec")
        print(f"  cold (empty cache and output)        {cold.seconds:8.1f} s  {cold.peak_mb:6.0f} MB peak   {summary(cold)}")
        print(f"  warm (GET /meta changed)             {warm.seconds:8.1f} s  {warm.peak_mb:6.0f} MB peak   {summary(warm)}")
        print(f"  ratio warm / cold                    {warm.seconds / cold.seconds:8.3f}  (goal <= 0.1)")
        print(f"  same spec, a hand edit recorded      {same.seconds:8.1f} s  {same.peak_mb:6.0f} MB peak   {summary(same)}")
        print(f"  ratio same spec / cold               {same.seconds / cold.seconds:8.3f}")
        print(f"  nothing changed since                {nothing.seconds:8.1f} s  {nothing.peak_mb:6.0f} MB peak   {summary(nothing)}")
        print(f"  ratio nothing changed / cold         {nothing.seconds / cold.seconds:8.3f}")
        print(f"  .sdkgen/ record                      {record / 1e6:8.2f} MB of {whole / 1e6:.1f} MB output ({record / whole:.1%})")


if __name__ == "__main__":
    main()
