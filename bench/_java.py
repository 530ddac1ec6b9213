"""Java-side helpers for the Java benchmarks: the pinned peer jar, Maven, and counting Java lines.

The peer, OpenAPI Generator's CLI, is one jar on Maven Central. It is fetched with
Maven (`dependency:copy`, through ~/.m2) into bench/.java/ (git-ignored), pinned by
version and sha256, and checked before every use.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from _measure import ROOT

FOLDER = ROOT / "bench" / ".java"
PEER_VERSION = "7.25.0"
PEER_SHA256 = "41ce4f6b07f196676439d710759fa1ced7a08066d06ff1bf314681470289efae"
PEER_ARTIFACT = f"org.openapitools:openapi-generator-cli:{PEER_VERSION}"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def mvn() -> str:
    found = shutil.which("mvn")
    if found is None:
        raise SystemExit("the Java benchmarks need Maven (mvn) and a JDK 17 on PATH")
    return found


def peer_jar() -> Path:
    """openapi-generator-cli's jar, fetched once, refused unless its sha256 is the pinned one."""
    jar = FOLDER / f"openapi-generator-cli-{PEER_VERSION}.jar"
    if not jar.exists():
        FOLDER.mkdir(parents=True, exist_ok=True)
        fetched = subprocess.run(
            [mvn(), "-B", "-q", "dependency:copy", f"-Dartifact={PEER_ARTIFACT}", f"-DoutputDirectory={FOLDER}"],
            cwd=FOLDER, capture_output=True, text=True,
        )
        if fetched.returncode != 0:
            why = fetched.stdout[-3000:] + fetched.stderr[-2000:]
            raise SystemExit(f"mvn dependency:copy {PEER_ARTIFACT} failed:\n{why}")
    actual = _sha256(jar)
    if actual != PEER_SHA256:
        jar.unlink()
        raise SystemExit(f"{jar.name}: sha256 {actual}, pinned {PEER_SHA256}; removed")
    return jar


@dataclass
class Lines:
    main: int
    tests: int

    @property
    def total(self) -> int:
        return self.main + self.tests


def java_lines(folder: Path) -> Lines:
    """Lines of every .java file under `folder`; those under a src/test/ folder apart."""
    main = tests = 0
    for path in folder.rglob("*.java"):
        count = path.read_text(encoding="utf-8", errors="replace").count("\n")
        if "test" in path.relative_to(folder).parts[:2]:
            tests += count
        else:
            main += count
    return Lines(main, tests)


def classpath(pom_folder: Path, scope: str = "runtime") -> list[Path]:
    """The jars of the pom in `pom_folder` for `scope` (runtime; test: all), as Maven resolves them (downloading)."""
    listing = pom_folder.parent / f"{pom_folder.name}-{scope}-classpath.txt"
    command = [mvn(), "-B", "-q", "dependency:build-classpath", f"-DincludeScope={scope}"]
    command.append(f"-Dmdep.outputFile={listing}")
    result = subprocess.run(command, cwd=pom_folder, capture_output=True, text=True)
    if result.returncode != 0:
        why = result.stdout[-3000:] + result.stderr[-2000:]
        raise SystemExit(f"mvn dependency:build-classpath failed in {pom_folder}:\n{why}")
    text = listing.read_text().strip()
    return sorted(Path(p) for p in text.split(":")) if text else []
