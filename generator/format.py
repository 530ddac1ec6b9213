"""Stage 6: format generated Python with black, in-process, and Java with google-java-format.

black's exact version is pinned in pyproject.toml: it decides the bytes of
every file, and the drift check compares bytes.

black is most of the time a big spec takes (GitHub's: about 320 s of 390 s
on one core), so two things keep it off the critical path:

- a cache keyed by sha256(black version, mode, input text): a regeneration
  re-formats only the files whose rendered text changed. It lives in
  $SDKGEN_CACHE_DIR, else $XDG_CACHE_HOME/sdkgen, else ~/.cache/sdkgen;
  SDKGEN_CACHE=0 turns it off. A cache entry is only ever black's own output
  for exactly that input, so it cannot change what is written.
- the misses are formatted in parallel, one process per core.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from concurrent.futures import ProcessPoolExecutor
from importlib.metadata import version
from pathlib import Path

import black
from black.mode import TargetVersion

from .errors import Diagnostic, GenerationError, Location
from .java import formatter as java_formatter
from .progress import Progress

BLACK_VERSION = version("black")

MODE = black.Mode(target_versions={TargetVersion.PY310}, line_length=100)
PARALLEL_FROM = 8  # fewer files than this: a pool costs more than it saves (measured: bench/check_time.py)


def _cache_dir() -> Path | None:
    if os.environ.get("SDKGEN_CACHE", "1") == "0":
        return None
    explicit = os.environ.get("SDKGEN_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sdkgen" / "black"


def _key(text: str, salt: str = f"{BLACK_VERSION}\0{MODE!r}\0") -> str:
    return hashlib.sha256((salt + text).encode("utf-8", "surrogatepass")).hexdigest()


JAVA_SALT = f"google-java-format {java_formatter.VERSION}\0header on one line\0"


def _read(cache: Path | None, key: str) -> str | None:
    if cache is None:
        return None
    try:
        return (cache / key[:2] / key).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _write(cache: Path | None, key: str, text: str) -> None:
    if cache is None:
        return
    folder = cache / key[:2]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, folder / key)
    except OSError:
        pass  # a cache that cannot be written is only slower


def _format_one(text: str) -> tuple[str, str | None]:
    """(formatted text, None) or (input, error). Top-level: runs in worker processes."""
    try:
        return black.format_str(text, mode=MODE), None
    except Exception as exc:  # black raises InvalidInput and friends
        return text, (str(exc).splitlines() or [type(exc).__name__])[0]


def format_files(files: dict[str, str]) -> dict[str, str]:
    cache = _cache_dir()
    out: dict[str, str] = {}
    misses: list[tuple[str, str, str]] = []  # (path, key, text)
    java: list[tuple[str, str, str]] = []
    for path, text in sorted(files.items()):
        if path.endswith(".java"):
            key = _key(text, JAVA_SALT)
            cached = _read(cache, key)
            if cached is not None:
                out[path] = cached
            else:
                java.append((path, key, text))
            continue
        if not path.endswith(".py"):
            out[path] = text if text.endswith("\n") else text + "\n"
            continue
        key = _key(text)
        cached = _read(cache, key)
        if cached is not None:
            out[path] = cached
        else:
            misses.append((path, key, text))
    for (path, key, _), formatted in zip(java, java_formatter.format_java([t for _, _, t in java]), strict=True):
        _write(cache, key, formatted)
        out[path] = formatted
    progress = Progress("formatting", len(misses))
    texts = [text for _, _, text in misses]
    workers = min(os.cpu_count() or 1, 8)
    if len(misses) >= PARALLEL_FROM and workers > 1:
        # Longest first, in small chunks, so no worker is left with the one big file at the end.
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        chunk = max(1, min(32, len(texts) // (workers * 8)))
        by_index: dict[int, tuple[str, str | None]] = {}
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for i, result in zip(order, pool.map(_format_one, [texts[i] for i in order], chunksize=chunk), strict=True):
                by_index[i] = result
                progress.advance()
        results = [by_index[i] for i in range(len(texts))]
    else:
        results = []
        for text in texts:
            results.append(_format_one(text))
            progress.advance()
    progress.close()
    for (path, key, _), (formatted, error) in zip(misses, results, strict=True):
        if error is not None:
            raise GenerationError(
                [
                    Diagnostic(
                        "error",
                        Location(path),
                        f"internal error: the rendered file is not valid Python ({error})",
                        "please report this with the spec that caused it",
                    )
                ]
            )
        _write(cache, key, formatted)
        out[path] = formatted
    return dict(sorted(out.items()))
