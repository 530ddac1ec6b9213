"""Cold generation of a Java client: ours vs OpenAPI Generator 7.25.0 (`-g java`), same machine, same run.

    bench/run java_generate.py                      # spec/openapi.yaml
    bench/run java_generate.py petstore train-travel github
    bench/run java_generate.py --runs 3 spec        # each pair three times (default two)

Ours runs the CLI a user runs (`python -m generator generate`) on a copy of the spec
whose config says `targets: [java]` (for spec/, its own config with only the target
changed), formatting cache off (SDKGEN_CACHE=0), `--lenient` where the corpus says so.
The peer runs `java -jar openapi-generator-cli.jar generate -g java --library
okhttp-gson` (its default Java library), with `--skip-validate-spec` only where the
corpus reads the spec leniently. Each pair runs `--runs` times, alternating; printed:
wall time, peak memory (PSS of the process tree), lines of Java emitted (generated
tests apart), and whether the last output of each compiles: ours with
`mvn -B -q -o package -DskipTests` (online if its pom's jars are not all in ~/.m2;
if Maven fails, also with `javac --release 17 -Xlint:all -Werror` and its pom's
jars), the peer's with `mvn -B -q package -DskipTests` on the pom it emits,
downloading. Where `package` fails, it runs again with `-Dmaven.test.skip=true`,
to tell the client from its generated tests.
"""

from __future__ import annotations

import re
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from _java import PEER_VERSION, Lines, classpath, java_lines, mvn, peer_jar
from _measure import ROOT, Measured, ours_python, run, tail

sys.path.insert(0, str(ROOT))
from tests.e2e import corpus  # noqa: E402  (the corpus pins each spec by version and sha256)

PEER = f"openapi-generator {PEER_VERSION}"


def prepare(which: str, folder: Path) -> tuple[Path, bool]:
    """A copy of the spec, next to a config that renders Java alone; and whether it is read leniently."""
    folder.mkdir(parents=True)
    if which == "spec":
        source, lenient = ROOT / "spec" / "openapi.yaml", False
        config = (ROOT / "spec" / "openapi.sdkgen.yaml").read_text()
        config, n = re.subn(r"(?m)^targets:.*$", "targets: [java]", config)
        if n != 1:
            raise SystemExit("spec/openapi.sdkgen.yaml: expected one `targets:` line")
    else:
        entry = next((s for s in corpus.SPECS if s.id == which), None)
        if entry is None:
            raise SystemExit(f"{which}: not a corpus id ({', '.join(s.id for s in corpus.SPECS)}) nor `spec`")
        source, lenient, config = corpus.spec_path(entry), entry.lenient, "targets: [java]\n"
    spec = folder / source.name
    shutil.copy(source, spec)
    spec.with_name(spec.stem + ".sdkgen.yaml").write_text(config)
    return spec, lenient


def ours(spec: Path, out: Path, lenient: bool) -> Measured:
    command = [ours_python(), "-m", "generator", "generate", str(spec), "--output", str(out)]
    return run(command + (["--lenient"] if lenient else []), env={"SDKGEN_CACHE": "0"})


def peer(spec: Path, out: Path, lenient: bool) -> Measured:
    command = ["java", "-jar", str(peer_jar()), "generate", "-g", "java", "--library", "okhttp-gson"]
    command += ["-i", str(spec), "-o", str(out)]
    return run(command + (["--skip-validate-spec"] if lenient else []))


def errors(output: str, count: int = 4) -> str:
    """The first `count` lines Maven or javac marked as errors, without colour codes."""
    plain = re.sub(r"\x1b\[[0-9;]*m", "", output).splitlines()
    marked = [line for line in plain if "[ERROR]" in line or "error:" in line][:count] or plain[-count:]
    return "\n".join("      " + line.strip() for line in marked)


def compiles(project: Path, offline: bool) -> tuple[str, float]:
    """('ok' or why not, seconds) of `mvn package -DskipTests` in `project` (tests compiled, not run)."""
    if not (project / "pom.xml").exists():
        return "no pom.xml", 0.0
    base = [mvn(), "-B", "-q", "package", "-DskipTests"]
    if offline:
        m = run([*base, "-o"], cwd=project)
        if m.returncode == 0:
            return "ok (offline)", m.seconds
        if "offline mode" not in m.output:
            return f"FAILED (exit {m.returncode})\n{errors(m.output)}", m.seconds
    m = run(base, cwd=project)
    where = "online: its pom's jars are not all in ~/.m2" if offline else "downloading its dependencies"
    if m.returncode == 0:
        return f"ok ({where})", m.seconds
    # Whether the client itself compiles when its generated tests do not: skip compiling them.
    main = run([*base, "-Dmaven.test.skip=true"], cwd=project)
    alone = "without its tests (-Dmaven.test.skip=true): " + ("ok" if main.returncode == 0 else "FAILED too")
    return f"FAILED (exit {m.returncode}, {where}); {alone}\n{errors(m.output)}", m.seconds


def javac_compiles(project: Path) -> tuple[str, float]:
    """javac --release 17 -Xlint:all -Werror on every source under src/, with the jars of its pom (test scope)."""
    sources = sorted(str(p) for p in (project / "src").rglob("*.java"))
    argfile = project.parent / f"{project.name}-sources.txt"
    argfile.write_text("\n".join(sources) + "\n")
    jars = ":".join(str(p) for p in classpath(project, "test"))
    classes = project.parent / f"{project.name}-classes"
    command = ["javac", "--release", "17", "-Xlint:all", "-Werror", "-encoding", "UTF-8", "-d", str(classes)]
    m = run([*command, "-cp", jars, f"@{argfile}"])
    if m.returncode == 0 and not m.output.strip():
        return f"ok ({len(sources)} files, no warning)", m.seconds
    return f"FAILED (exit {m.returncode})\n{errors(m.output)}", m.seconds


def show(name: str, runs: list[Measured], lines: Lines) -> None:
    times = ", ".join(f"{m.seconds:.1f}" for m in runs)
    memory = ", ".join(f"{m.peak_mb:.0f}" for m in runs)
    print(f"  {name:30} {times:>14} s  {memory:>10} MB peak  {lines.total:9,} lines ({lines.tests:,} in tests)")
    for m in runs:
        if m.returncode != 0:
            print(f"    FAILED (exit {m.returncode})\n{tail(m.output, 5)}")
            break


def bench(which: str, rounds: int, folder: Path) -> None:
    spec, lenient = prepare(which, folder / "spec")
    flag = " --lenient" if lenient else ""
    print(f"cold Java generation of {which} ({spec.name}){flag}, {rounds} runs each, alternating")
    mine: list[Measured] = []
    theirs: list[Measured] = []
    for _ in range(rounds):
        for out in (folder / "ours", folder / "peer"):
            shutil.rmtree(out, ignore_errors=True)
        mine.append(ours(spec, folder / "ours", lenient))
        theirs.append(peer(spec, folder / "peer", lenient))
    ours_project, peer_project = folder / "ours" / "java", folder / "peer"
    ours_lines, peer_lines = java_lines(ours_project), java_lines(peer_project)
    show("ours" + (" (--lenient)" if lenient else ""), mine, ours_lines)
    show(PEER + " okhttp-gson", theirs, peer_lines)
    ok_mine = all(m.returncode == 0 for m in mine)
    ok_theirs = all(m.returncode == 0 for m in theirs)
    if ok_mine:
        status, seconds = compiles(ours_project, offline=True)
        print(f"  ours compiles:  {status}  [{seconds:.1f} s]")
        if not status.startswith("ok"):
            status, seconds = javac_compiles(ours_project)
            print(f"  ours with javac --release 17 -Xlint:all -Werror and its pom's jars:  {status}  [{seconds:.1f} s]")
    if ok_theirs:
        status, seconds = compiles(peer_project, offline=False)
        print(f"  peer compiles:  {status}  [{seconds:.1f} s]")
    if ok_mine and ok_theirs:
        ratios = [a.seconds / b.seconds for a, b in zip(mine, theirs, strict=True)]
        memory = [a.peak_mb / b.peak_mb for a, b in zip(mine, theirs, strict=True)]
        each = ", ".join(f"{r:.2f}" for r in ratios)
        print(f"  ratio ours / peer wall time     {statistics.median(ratios):6.2f}  (each run: {each})")
        each = ", ".join(f"{r:.2f}" for r in memory)
        print(f"  ratio ours / peer peak memory   {statistics.median(memory):6.2f}  (each run: {each})")
        lines, main = ours_lines.total / peer_lines.total, ours_lines.main / peer_lines.main
        print(f"  ratio ours / peer Java lines    {lines:6.2f}  (without tests: {main:.2f})")


def main() -> None:
    args = sys.argv[1:]
    rounds = 2
    if args[:1] == ["--runs"]:
        rounds, args = int(args[1]), args[2:]
    for which in args or ["spec"]:
        with tempfile.TemporaryDirectory() as tmp:
            bench(which, rounds, Path(tmp))


if __name__ == "__main__":
    main()
