"""Stage 7: put the rendered files on disk, all or nothing.

Files are written into a temporary folder beside the output, which is then
swapped in with two renames. A run that fails before the swap leaves the
old output exactly as it was; the old folder is removed only after the new
one is in place.
"""

from __future__ import annotations

import difflib
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

# Folders a user's tools create inside the output that are not ours to judge.
IGNORED_DIRS = frozenset({"__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache", "build", "dist", "node_modules"})


@dataclass
class WriteReport:
    written: int
    unchanged: int
    removed: int


def read_tree(root: Path) -> dict[str, bytes]:
    """Every file under root that the generator owns, by relative posix path."""
    out: dict[str, bytes] = {}
    if not root.is_dir():
        return out
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in IGNORED_DIRS and not d.endswith(".egg-info"))
        for name in sorted(filenames):
            full = Path(dirpath) / name
            out[full.relative_to(root).as_posix()] = full.read_bytes()
    return out


def write_tree(files: dict[str, str], output: Path) -> WriteReport:
    encoded = {path: text.encode("utf-8") for path, text in files.items()}
    old = read_tree(output)
    unchanged = sum(1 for p, b in encoded.items() if old.get(p) == b)
    removed = sum(1 for p in old if p not in encoded)
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".sdkgen-tmp-{output.name}-", dir=output.parent))
    try:
        for path, data in sorted(encoded.items()):
            target = tmp / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        backup = None
        if output.exists():
            backup = Path(tempfile.mkdtemp(prefix=f".sdkgen-old-{output.name}-", dir=output.parent))
            backup.rmdir()
            os.rename(output, backup)
        try:
            os.rename(tmp, output)
        except OSError:
            if backup is not None:
                os.rename(backup, output)
            raise
        if backup is not None:
            shutil.rmtree(backup, ignore_errors=True)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return WriteReport(written=len(encoded) - unchanged, unchanged=unchanged, removed=removed)


@dataclass
class Drift:
    added: list[str]  # in a fresh render, missing on disk
    removed: list[str]  # on disk, not in a fresh render
    changed: list[str]
    diff: str

    @property
    def clean(self) -> bool:
        return not (self.added or self.removed or self.changed)


def compare_tree(files: dict[str, str], output: Path, max_lines: int = 400) -> Drift:
    disk = read_tree(output)
    fresh = {p: t.encode("utf-8") for p, t in files.items()}
    added = sorted(p for p in fresh if p not in disk)
    removed = sorted(p for p in disk if p not in fresh)
    changed = sorted(p for p in fresh if p in disk and disk[p] != fresh[p])
    lines: list[str] = []
    for path in changed + added + removed:
        before = disk.get(path, b"").decode("utf-8", "replace").splitlines(keepends=True)
        after = fresh.get(path, b"").decode("utf-8", "replace").splitlines(keepends=True)
        label = f"{output.as_posix()}/{path}"
        lines.extend(difflib.unified_diff(before, after, fromfile=f"a/{label}", tofile=f"b/{label}"))
    if len(lines) > max_lines:
        hidden = len(lines) - max_lines
        lines = lines[:max_lines] + [f"... {hidden} more diff lines not shown\n"]
    diff = "".join(line if line.endswith("\n") else line + "\n" for line in lines)
    return Drift(added, removed, changed, diff)
