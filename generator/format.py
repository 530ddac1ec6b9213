"""Stage 6: format generated Python with ruff, and Java with google-java-format.

Each formatter's exact version is pinned (ruff in pyproject.toml,
google-java-format in package.json): it decides the bytes of every file, and
the drift check compares bytes.

Python: `ruff format` formats every file of a render in one process, in well
under a second for GitHub's 8,000 files (black took most of a cold run). The
templates render code that ruff and black format alike; the few statements
where the two still differ (over-long names) then go through black, one
statement at a time (`settle_long_lines`). black stays the reference: `tests/e2e/test_black_stable.py` and the
corpus test check that black leaves every generated file byte for byte as it is.

Java: one JVM formats them all; its output is kept by content hash in the
machine-local cache (`cache.py`; SDKGEN_CACHE=0 turns it off). An entry is only
ever the formatter's own output for exactly that input, so it cannot change what
is written.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import os
import re
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

from .cache import read_entry, write_entry
from .errors import Diagnostic, GenerationError, Location
from .java import formatter as java_formatter

LINE_LENGTH = 100
TARGET = "py310"  # the oldest Python the generated clients support
RUFF = [
    *("format", "--isolated", "--no-cache", "--quiet"),
    *("--line-length", str(LINE_LENGTH), "--target-version", TARGET),
]
FORMAT_CACHE = "format"
JAVA_SALT = f"google-java-format {java_formatter.VERSION}\0header on one line\0"


def _key(text: str, salt: str) -> str:
    return hashlib.sha256((salt + text).encode("utf-8", "surrogatepass")).hexdigest()


def ruff_binary() -> str:
    """The pinned ruff: the `ruff` wheel's binary, in the scripts folder of the environment its
    package is installed in (or this Python's), else one on PATH."""
    folders = [sysconfig.get_path("scripts"), str(Path(sys.executable).parent)]
    spec = importlib.util.find_spec("ruff")
    if spec is not None and spec.origin:  # <prefix>/lib/pythonX.Y/site-packages/ruff/__init__.py
        folders.append(str(Path(spec.origin).parents[4] / "bin"))
    for folder in folders:
        candidate = Path(folder) / ("ruff.exe" if os.name == "nt" else "ruff")
        if candidate.is_file():
            return str(candidate)
    # Not one found on PATH: ruff's version decides the bytes, and only the pinned one is known to agree with black.
    raise GenerationError(
        [Diagnostic("error", Location("python"), "the pinned ruff is not installed", "pip install sdkgen")]
    )


class Scratch:
    """Formatted files already on disk, which `write_tree` moves into place instead of writing again.

    ruff formats files, so every Python file of a render is written once for it; creating a file
    is the dear part of writing one (on some file systems ten times a rename). Only files whose
    bytes are exactly the returned text are offered; the rest are written as usual.
    """

    def __init__(self) -> None:
        self._folder = tempfile.TemporaryDirectory(prefix="sdkgen-py-")
        self.root = Path(self._folder.name)
        self.files: dict[str, Path] = {}  # output path -> its formatted file here

    def cleanup(self) -> None:
        self.files.clear()
        self._folder.cleanup()


def format_python(texts: list[str], names: list[str] | None = None, scratch: Scratch | None = None) -> list[str]:
    """The texts, formatted by ruff, in the same order; `names` (their paths) name a failure.

    With `scratch` (and `names`), the formatted files stay in it for `write_tree`.
    """
    if not texts:
        return []
    with contextlib.ExitStack() as stack:
        if scratch is None:
            folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="sdkgen-py-")))
        else:
            folder = Path(tempfile.mkdtemp(dir=scratch.root))
        paths = [folder / f"f{i}.py" for i in range(len(texts))]
        for path, text in zip(paths, texts, strict=True):
            path.write_text(text, encoding="utf-8")
        result = subprocess.run([ruff_binary(), *RUFF, str(folder)], capture_output=True, text=True)
        if result.returncode != 0:
            first = (result.stderr or result.stdout).strip().splitlines()[:1] or ["no output"]
            which = re.search(r"f(\d+)\.py", first[0])
            where = names[int(which.group(1))] if names and which else "python"
            raise GenerationError(
                [
                    Diagnostic(
                        "error",
                        Location(where),
                        f"internal error: a rendered file is not valid Python ({first[0]})",
                        "please report this with the spec that caused it",
                    )
                ]
            )
        out: list[str] = []
        for index, path in enumerate(paths):
            text = path.read_bytes().decode("utf-8")
            if "\r" in text:  # read as text mode would: universal newlines
                text = text.replace("\r\n", "\n").replace("\r", "\n")
            elif scratch is not None and names is not None:
                scratch.files[names[index]] = path
            out.append(text)
        return out


# The first line of a module-level annotated assignment (`NAME: Annotation = ...`).
_ANNOTATED = re.compile(r"[A-Za-z_]\w*: ")
# How a continuation line of a module-level statement starts: indented, or closing a bracket.
_CONTINUED = (" ", "]", ")", "}")


def _apart(lines: list[str]) -> list[tuple[int, int]]:
    """Where ruff may have left code that black formats otherwise: (start, end) line ranges.

    The one place they part (all 198 files of Stripe's 11,006 where they do): an annotated
    assignment at module level with an over-long line in it, where black wraps the annotation or
    the value in parentheses and ruff does not. Other over-long lines (long names, strings,
    docstrings) both leave as they are; in a big spec most files have some, so sending every such
    file through black took most of a run. The tests hold every generated file to black, so a new
    kind of divergence fails there, not silently.
    """
    ranges: list[tuple[int, int]] = []
    in_docstring = False
    index = 0
    while index < len(lines):
        line = lines[index]
        end = index + 1
        if not in_docstring and _ANNOTATED.match(line):
            while end < len(lines) and lines[end].startswith(_CONTINUED):
                end += 1
            if any(len(text.rstrip("\n")) > LINE_LENGTH for text in lines[index:end]):
                ranges.append((index, end))
        for text in lines[index:end]:
            if text.count('"""') % 2:
                in_docstring = not in_docstring
        index = end
    return ranges


def _apart_in(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    """`text`'s lines and `_apart`'s ranges in them; no lines at all when no line is over-long."""
    lines = text.splitlines(keepends=True)
    if max(map(len, lines), default=0) <= LINE_LENGTH:
        return [], []
    return lines, _apart(lines)


def settle_long_lines(texts: list[str]) -> list[str]:
    """black on the statements ruff left where the two part ways (`_apart`), in the few files that
    have one.

    Long names cause them: 198 of Stripe's 11,006 files, 4 of GitHub's 8,583, none in most specs.
    black formats a module-level statement the same alone as in its file, and a statement is a few
    lines where a file can be thousands (black took seconds on one of GitHub's resource modules).
    A statement black cannot read alone sends its whole file through black. black is imported
    only when a file needs it.
    """
    found = [_apart_in(t) for t in texts]
    if not any(ranges for _, ranges in found):
        return texts
    import black
    from black.mode import TargetVersion
    from black.parsing import InvalidInput

    mode = black.Mode(target_versions={TargetVersion[TARGET.upper()]}, line_length=LINE_LENGTH)

    def settle(text: str, lines: list[str], ranges: list[tuple[int, int]]) -> str:
        try:
            for start, end in reversed(ranges):
                lines[start:end] = [black.format_str("".join(lines[start:end]), mode=mode)]
        except InvalidInput:
            return black.format_str(text, mode=mode)
        return "".join(lines)

    return [settle(t, lines, ranges) if ranges else t for t, (lines, ranges) in zip(texts, found, strict=True)]


def format_files(files: dict[str, str], scratch: Scratch | None = None) -> dict[str, str]:
    """Every file formatted; with `scratch`, the Python files also stay on disk for `write_tree`."""
    out: dict[str, str] = {}
    python: list[str] = []
    java: list[tuple[str, str, str]] = []  # (path, key, text)
    for path, text in sorted(files.items()):
        if path.endswith(".py"):
            python.append(path)
        elif path.endswith(".java"):
            key = _key(text, JAVA_SALT)
            cached = read_entry(FORMAT_CACHE, key)
            if cached is not None:
                out[path] = cached
            else:
                java.append((path, key, text))
        else:
            out[path] = text if text.endswith("\n") else text + "\n"
    ruffed = format_python([files[p] for p in python], python, scratch)
    for path, before, formatted in zip(python, ruffed, settle_long_lines(ruffed), strict=True):
        out[path] = formatted
        if formatted is not before and scratch is not None:
            scratch.files.pop(path, None)  # settled by black: the file on disk is ruff's
    for (path, key, _), formatted in zip(java, java_formatter.format_java([t for _, _, t in java]), strict=True):
        write_entry(FORMAT_CACHE, key, formatted)
        out[path] = formatted
    return dict(sorted(out.items()))
