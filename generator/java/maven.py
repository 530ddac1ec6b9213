"""What the generated Java client's `pom.xml` pins: its dependencies and build plugins, from Maven Central.

One table, so a version is bumped in one place. Each is the newest release that
resolved with its dependencies on the day it was pinned, for Java 17 and the
Maven 3.8 that Debian ships. OkHttp 5 publishes its JVM jar as `okhttp-jvm`: Maven
cannot read the Gradle metadata that points `okhttp` at it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Dependency:
    group: str
    artifact: str
    version: str  # the name of the pom property that holds the version
    scope: str = ""


@dataclass(frozen=True)
class Plugin:
    artifact: str  # in org.apache.maven.plugins
    version: str


@dataclass(frozen=True)
class MavenBuild:
    versions: tuple[tuple[str, str], ...]
    dependencies: tuple[Dependency, ...]
    plugins: tuple[Plugin, ...]

    def version(self, prop: str) -> str:
        return dict(self.versions)[prop]


MAVEN = MavenBuild(
    versions=(
        ("jackson.version", "2.23.0"),
        ("okhttp.version", "5.5.1"),
        ("junit.version", "6.1.3"),
    ),
    dependencies=(
        Dependency("com.fasterxml.jackson.core", "jackson-databind", "jackson.version"),
        Dependency("com.squareup.okhttp3", "okhttp-jvm", "okhttp.version"),
        Dependency("org.junit.jupiter", "junit-jupiter", "junit.version", "test"),
    ),
    plugins=(
        Plugin("maven-clean-plugin", "3.5.0"),
        Plugin("maven-resources-plugin", "3.5.0"),
        Plugin("maven-compiler-plugin", "3.16.0"),
        Plugin("maven-surefire-plugin", "3.6.1"),
        Plugin("maven-jar-plugin", "3.5.1"),
        Plugin("maven-source-plugin", "3.4.0"),
        Plugin("maven-javadoc-plugin", "3.12.0"),
        Plugin("maven-install-plugin", "3.2.0"),
        Plugin("maven-deploy-plugin", "3.2.0"),
        Plugin("maven-dependency-plugin", "3.11.0"),
    ),
)
