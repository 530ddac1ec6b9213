"""`build`: a wheel and an sdist of a generated client, with `python -m build`.

Built without isolation, from the pinned setuptools the generator installs,
so packaging needs no network once `./dev` has set things up.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .errors import Diagnostic, GenerationError, Location


def build_distributions(output: Path, dist: Path) -> list[Path]:
    dist.mkdir(parents=True, exist_ok=True)
    before = set(dist.iterdir())
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--no-isolation",
            "--sdist",
            "--wheel",
            "--outdir",
            str(dist.resolve()),
            str(output.resolve()),
        ],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        tail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no output"]
        raise GenerationError([Diagnostic("error", Location(output.as_posix()), f"python -m build failed: {tail[0]}")])
    return sorted(set(dist.iterdir()) - before)
