"""The machine-local cache: answers worked out once, kept by the content they came from.

It lives in $SDKGEN_CACHE_DIR, else $XDG_CACHE_HOME/sdkgen, else ~/.cache/sdkgen
(SDKGEN_CACHE=0 turns it off). An entry is only ever a pure function of its key,
so a hit cannot change what is written, and a lost or corrupt entry only costs
time. Two kinds live here: google-java-format's output (`format.py`), and what a
render of given inputs by this very generator produced (`verdict.py`), which lets
`check` answer without rendering.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from functools import cache
from importlib import metadata
from pathlib import Path

from . import TEMPLATES, __version__


def cache_root() -> Path | None:
    """The cache folder, or None when SDKGEN_CACHE=0."""
    if os.environ.get("SDKGEN_CACHE", "1") == "0":
        return None
    explicit = os.environ.get("SDKGEN_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sdkgen"


def key_of(*parts: str) -> str:
    """A cache key: the sha256 of the parts, kept apart by NUL."""
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def read_entry(kind: str, key: str) -> str | None:
    root = cache_root()
    if root is None:
        return None
    try:
        return (root / kind / key[:2] / key).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def write_entry(kind: str, key: str, text: str) -> None:
    """Store atomically (a reader never sees half an entry); a cache that cannot be written is only slower."""
    root = cache_root()
    if root is None:
        return
    folder = root / kind / key[:2]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(tmp, folder / key)
        except OSError:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        pass


def _tool_version(name: str) -> str:
    try:
        return f"{name} {metadata.version(name)}"
    except metadata.PackageNotFoundError:
        return f"{name} none"


@cache
def fingerprint() -> str:
    """What decides the bytes a render gives for given inputs: this generator's own code and
    templates, and the formatters (their versions; a google-java-format jar named by
    SDKGEN_GOOGLE_JAVA_FORMAT, its bytes). Two runs with the same fingerprint and the same
    inputs render the same bytes (the output is deterministic), so an answer kept under it holds.
    """
    from .java import formatter  # google-java-format's version is a constant there

    here = Path(__file__).resolve().parent
    digest = hashlib.sha256(f"sdkgen {__version__}\0{formatter.VERSION}\0".encode())
    for name in ("ruff", "black", "jinja2", "openapi-spec-validator"):
        digest.update(_tool_version(name).encode() + b"\0")
    jar = os.environ.get("SDKGEN_GOOGLE_JAVA_FORMAT")  # a jar of the user's choosing: its bytes decide
    if jar:
        try:
            digest.update(hashlib.sha256(Path(jar).read_bytes()).digest())
        except OSError:
            digest.update(b"unreadable jar\0")
    for root in (here, TEMPLATES):
        for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            if path.suffix in (".pyc", ".pyo"):
                continue
            digest.update(path.relative_to(root).as_posix().encode("utf-8", "surrogateescape") + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()
