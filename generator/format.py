"""Stage 6: format generated Python with black, in-process.

black's exact version is pinned in pyproject.toml: it decides the bytes of
every file, and the drift check compares bytes.
"""

from __future__ import annotations

import black

from .errors import Diagnostic, GenerationError, Location
from .progress import Progress

MODE = black.Mode(target_versions={black.TargetVersion.PY310}, line_length=100)


def format_files(files: dict[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    progress = Progress("formatting", len(files))
    for path, text in sorted(files.items()):
        progress.advance()
        if path.endswith(".py"):
            try:
                text = black.format_str(text, mode=MODE)
            except Exception as exc:  # black raises InvalidInput and friends
                first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                raise GenerationError(
                    [Diagnostic("error", Location(path), f"internal error: the rendered file is not valid Python ({first})", "please report this with the spec that caused it")]
                ) from exc
        elif not text.endswith("\n"):
            text += "\n"
        out[path] = text
    progress.close()
    return out
