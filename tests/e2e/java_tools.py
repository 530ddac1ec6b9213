"""Compile and run the generated Java client with the jars its pom pins: javac, the JUnit console, Prism.

Jars come from Maven Central through Maven's local repository (~/.m2), as the
generated `pom.xml` (generator/java/maven.py) pins them; `./dev` fetches them
once, so a test only asks Maven where they are. Results of the generated JUnit
suite are kept in RESULTS so the run's summary can print a plain
`java: N passed, N failed` line.
"""

from __future__ import annotations

import functools
import os
import re
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.java.maven import MAVEN

from ..conftest import OUTPUT, ROOT

# Scopes, not jars: `classpath(*RUNTIME_JARS)` is the client's runtime classpath, with TEST_JARS its test one.
RUNTIME_JARS = ("runtime",)
TEST_JARS = ("test",)
POM = OUTPUT / "java" / "pom.xml"
REPOSITORY = Path(os.environ.get("MAVEN_REPOSITORY", Path.home() / ".m2" / "repository"))
JUNIT = MAVEN.version("junit.version")
CONSOLE = REPOSITORY / "org/junit/platform/junit-platform-console-standalone" / JUNIT / f"junit-platform-console-standalone-{JUNIT}.jar"
JAVAC = ["javac", "--release", "17", "-Xlint:all", "-Werror", "-encoding", "UTF-8"]
MVN = ["mvn", "-B", "-q", "--no-transfer-progress"]
PRISM = ROOT / "node_modules" / ".bin" / "prism"
RESULTS: dict[str, int] = {}


@functools.cache
def _jars(scope: str) -> tuple[str, ...]:
    """The jars of the generated pom's `scope` classpath, as Maven resolves them (from ~/.m2 once fetched)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "classpath.txt"
        command = [*MVN, "-f", str(POM), "dependency:build-classpath", f"-Dmdep.outputFile={out}", f"-DincludeScope={scope}"]
        result = subprocess.run(command, capture_output=True, text=True, timeout=600)
        if result.returncode != 0:
            raise RuntimeError("mvn dependency:build-classpath failed: " + (result.stdout + result.stderr)[-2000:])
        return tuple(out.read_text().strip().split(os.pathsep))


def classpath(*scopes: str, extra: tuple[Path, ...] = ()) -> str:
    """The runtime classpath (the test one when TEST_JARS is among `scopes`), then `extra`."""
    jars = _jars("test" if "test" in scopes else "runtime")
    return os.pathsep.join([*jars, *(str(p) for p in extra)])


def missing_jars() -> list[str]:
    """What the Java tests lack: empty once `./dev setup` has fetched the jars and the JUnit console."""
    missing = [] if CONSOLE.exists() else [CONSOLE.name]
    try:
        classpath(*TEST_JARS)
    except RuntimeError as e:
        missing.append(str(e))
    return missing


def mvn(project: Path, *goals: str, env: dict[str, str] | None = None, timeout: int = 900) -> subprocess.CompletedProcess[str]:
    """`mvn -B <goals>` in `project` (not quiet: its test counts are read from the output)."""
    command = ["mvn", "-B", "--no-transfer-progress", *goals]
    return subprocess.run(command, cwd=project, capture_output=True, text=True, env=env, timeout=timeout)


def javac(sources: list[Path], out: Path, cp: str) -> subprocess.CompletedProcess[str]:
    out.mkdir(parents=True, exist_ok=True)
    argfile = out.parent / f"{out.name}-sources.txt"
    argfile.write_text("\n".join(str(s) for s in sources) + "\n")
    return subprocess.run([*JAVAC, "-d", str(out), "-cp", cp, f"@{argfile}"], capture_output=True, text=True)


def junit(classes: Path, cp: str, env: dict[str, str], package: str | None = None) -> tuple[dict[str, int], str]:
    """Run every test class under `classes` (or in `package`); the console's counts by kind, and its output."""
    select = ["--select-package", package] if package else ["--scan-class-path", str(classes)]
    command = ["java", "-jar", str(CONSOLE), "execute", "--class-path", cp, *select]
    command += ["--disable-banner", "--disable-ansi-colors", "--details=tree"]
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)
    counts = {m.group(2): int(m.group(1)) for m in re.finditer(r"\[\s+(\d+) tests (\w+)\s*\]", result.stdout)}
    return counts, result.stdout + result.stderr


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def prism(spec: Path) -> Iterator[tuple[str, Path]]:
    """Prism mocking `spec` on a free loopback port: (base URL, its log file)."""
    port = _free_port()
    log = Path(tempfile.mkstemp(prefix="prism-", suffix=".log")[1])
    with log.open("wb") as sink:
        process = subprocess.Popen([str(PRISM), "mock", "--host", "127.0.0.1", "--port", str(port), str(spec)], stdout=sink, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 60
            while True:
                if process.poll() is not None:
                    raise RuntimeError("Prism exited: " + log.read_text()[-2000:])
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise RuntimeError("Prism did not start within 60 s") from None
                    time.sleep(0.1)
            yield f"http://127.0.0.1:{port}", log
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
