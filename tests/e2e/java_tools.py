"""Compile and run the generated Java client with Debian's jars: javac, the JUnit console, Prism.

Jars come from Debian's packages (libjackson2-databind-java, libokhttp-java,
junit5) in /usr/share/java, which `./dev` installs; nothing Java-side is
downloaded. Results of the generated JUnit suite are kept in RESULTS so the
run's summary can print a plain `java: N passed, N failed` line.
"""

from __future__ import annotations

import re
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..conftest import ROOT

SHARE = Path("/usr/share/java")
RUNTIME_JARS = ("jackson-databind", "jackson-core", "jackson-annotations", "okhttp", "okio")
TEST_JARS = ("junit-jupiter-api", "apiguardian-api", "opentest4j", "junit-platform-commons")
CONSOLE = SHARE / "junit-platform-console-standalone.jar"
JAVAC = ["javac", "--release", "17", "-Xlint:all", "-Werror", "-encoding", "UTF-8"]
PRISM = ROOT / "node_modules" / ".bin" / "prism"
RESULTS: dict[str, int] = {}


def classpath(*names: str, extra: tuple[Path, ...] = ()) -> str:
    return ":".join([*(str(SHARE / f"{n}.jar") for n in names), *(str(p) for p in extra)])


def missing_jars() -> list[str]:
    return [n for n in RUNTIME_JARS + TEST_JARS if not (SHARE / f"{n}.jar").exists()]


def javac(sources: list[Path], out: Path, cp: str) -> subprocess.CompletedProcess[str]:
    out.mkdir(parents=True, exist_ok=True)
    argfile = out.parent / f"{out.name}-sources.txt"
    argfile.write_text("\n".join(str(s) for s in sources) + "\n")
    return subprocess.run([*JAVAC, "-d", str(out), "-cp", cp, f"@{argfile}"], capture_output=True, text=True)


def junit(classes: Path, cp: str, env: dict[str, str], package: str | None = None) -> tuple[dict[str, int], str]:
    """Run every test class under `classes` (or in `package`); the console's counts by kind, and its output."""
    select = ["--select-package", package] if package else ["--scan-class-path", str(classes)]
    command = ["java", "-jar", str(CONSOLE), "--class-path", cp, *select]
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
