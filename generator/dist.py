"""`build`: the generated clients as their users install them.

- Python: a wheel and an sdist, with `python -m build`, without isolation, from
  the pinned setuptools the generator installs, so it needs no network once
  `./dev` has set things up.
- Java: the jar with its sources and javadoc jars, with `mvn -B package` on a
  copy of the client (the output folder gets no `target/`); Maven takes the
  pinned jars from ~/.m2, or Maven Central the first time. Tests are not run
  here: they need the mock server (`mvn verify` runs them).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .errors import Diagnostic, GenerationError, Location


def build_distributions(output: Path, dist: Path) -> list[Path]:
    """A wheel and an sdist of the Python client in `output`, built from a copy: setuptools leaves a
    `build/` folder in the tree it builds, which must not land in the user's client folder."""
    dist.mkdir(parents=True, exist_ok=True)
    before = set(dist.iterdir())
    with tempfile.TemporaryDirectory(prefix="sdkgen-wheel-") as tmp:
        project = Path(tmp) / output.name
        shutil.copytree(output, project, ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__", ".sdkgen"))
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
                str(project),
            ],
            capture_output=True,
            text=True,
        )
    if result.returncode != 0:
        tail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no output"]
        raise GenerationError([Diagnostic("error", Location(output.as_posix()), f"python -m build failed: {tail[0]}")])
    return sorted(set(dist.iterdir()) - before)


def build_jars(java: Path, dist: Path) -> list[Path]:
    """The Java client in `java` packaged: its jar, sources jar and javadoc jar, copied into `dist`."""
    dist.mkdir(parents=True, exist_ok=True)
    if shutil.which("mvn") is None:
        raise GenerationError([Diagnostic("error", Location(java.as_posix()), "mvn not found: install Maven 3.8+")])
    with tempfile.TemporaryDirectory(prefix="sdkgen-jar-") as tmp:
        project = Path(tmp) / "java"
        shutil.copytree(java, project, ignore=shutil.ignore_patterns("target", ".sdkgen"))
        command = ["mvn", "-B", "-q", "--no-transfer-progress", "-Dstyle.color=never", "package", "-DskipTests"]
        result = subprocess.run(command, cwd=project, capture_output=True, text=True)
        if result.returncode != 0:
            lines = [line for line in (result.stdout + result.stderr).splitlines() if "ERROR" in line] or ["no output"]
            raise GenerationError([Diagnostic("error", Location(java.as_posix()), f"mvn package failed: {lines[0]}")])
        built = []
        for jar in sorted((project / "target").glob("*.jar")):
            shutil.copy2(jar, dist / jar.name)
            built.append(dist / jar.name)
    return built
