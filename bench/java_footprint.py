"""Runtime dependency footprint of the generated Java client vs openai-java's and anthropic-java's.

    bench/run java_footprint.py

The footprint is the sum of the sizes of the jars on a pom's runtime classpath, as
`mvn dependency:build-classpath -DincludeScope=runtime` resolves it (Maven downloads
what ~/.m2 lacks; the plugin's property is `includeScope`: `-Dmdep.includeScope` is
ignored and brings the test scope along). Printed apart: the SDK's own jars (the
peers' artifacts of their own groupId; ours, generated/java's main sources compiled
with javac and packed with `jar`) and the third-party jars it pulls in. Own jars grow
with the API (OpenAI's has hundreds of operations, spec/ one), so the third-party sum
is the comparable figure.

Ours: generated/java/pom.xml, as pinned (Maven Central: okhttp-jvm, jackson-databind).
Peers: a throwaway pom depending on
com.openai:openai-java 4.105.0, and one on com.anthropic:anthropic-java 3.16.0.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from _java import classpath
from _measure import ROOT

PEERS = [("com.openai", "openai-java", "4.105.0"), ("com.anthropic", "anthropic-java", "3.16.0")]

THROWAWAY = """<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId>
  <artifactId>footprint</artifactId>
  <version>0</version>
  <dependencies>
    <dependency><groupId>{0}</groupId><artifactId>{1}</artifactId><version>{2}</version></dependency>
  </dependencies>
</project>
"""


def own_jar(jars: list[Path], folder: Path) -> Path:
    """generated/java's main sources compiled against `jars` and packed into one jar."""
    sources = sorted(str(p) for p in (ROOT / "generated" / "java" / "src" / "main").rglob("*.java"))
    (folder / "sources.txt").write_text("\n".join(sources) + "\n")
    classes, jar = folder / "classes", folder / "clear-street-java.jar"
    cp = ":".join(str(j) for j in jars)
    command = ["javac", "--release", "17", "-Xlint:all", "-encoding", "UTF-8", "-d", str(classes), "-cp", cp]
    compiled = subprocess.run([*command, f"@{folder / 'sources.txt'}"], capture_output=True, text=True)
    if compiled.returncode != 0:
        raise SystemExit(f"javac failed on generated/java against {[j.name for j in jars]}:\n{compiled.stderr[-3000:]}")
    warnings = [line for line in compiled.stderr.splitlines() if "warning:" in line]
    for line in warnings[:5]:
        print(f"    javac -Xlint:all: {line.removeprefix(str(ROOT) + '/')}")
    subprocess.run(["jar", "--create", "--file", str(jar), "-C", str(classes), "."], check=True)
    return jar


def measure(label: str, pom: str, folder: Path, own_group: str | None) -> Footprint:
    folder.mkdir(parents=True)
    (folder / "pom.xml").write_text(pom)
    jars = classpath(folder, "runtime")
    repository = Path.home() / ".m2" / "repository"
    if own_group is None:
        own, third = [own_jar(jars, folder)], jars
    else:
        prefix = repository / own_group.replace(".", "/")
        own = [j for j in jars if j.is_relative_to(prefix)]
        third = [j for j in jars if not j.is_relative_to(prefix)]
    result = Footprint(own, third)
    print(f"  {label}")
    print(f"    own jars     {result.own_mb:7.2f} MB  {len(own):3} jars")
    names = ", ".join(j.name.removesuffix(".jar") for j in third)
    print(f"    third-party  {result.third_mb:7.2f} MB  {len(third):3} jars: {names}")
    print(f"    total        {result.own_mb + result.third_mb:7.2f} MB  {len(own) + len(third):3} jars")
    return result


@dataclass
class Footprint:
    own: list[Path]
    third: list[Path]

    @property
    def own_mb(self) -> float:
        return sum(j.stat().st_size for j in self.own) / 1e6

    @property
    def third_mb(self) -> float:
        return sum(j.stat().st_size for j in self.third) / 1e6

    @property
    def total_mb(self) -> float:
        return self.own_mb + self.third_mb


def main() -> None:
    ours_pom = (ROOT / "generated" / "java" / "pom.xml").read_text()
    print("runtime classpath of each pom (mvn dependency:build-classpath -DincludeScope=runtime), jar sizes summed")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        rows: dict[str, Footprint] = {}
        rows["ours"] = measure("ours (generated/java/pom.xml)", ours_pom, folder / "ours", None)
        for group, artifact, version in PEERS:
            pom = THROWAWAY.format(group, artifact, version)
            rows[artifact] = measure(f"{artifact} {version}", pom, folder / artifact, group)
        ours = rows["ours"]
        for _group, artifact, _version in PEERS:
            peer = rows[artifact]
            print(
                f"  ratio ours / {artifact:15} third-party {ours.third_mb / peer.third_mb:5.2f} of the MB, "
                f"{len(ours.third) / len(peer.third):5.2f} of the jars; "
                f"total {ours.total_mb / peer.total_mb:5.3f} of the MB"
            )


if __name__ == "__main__":
    sys.exit(main())
