"""Every fixture spec also renders a Java client: the IR is language-neutral, not shaped for one spec.

Each fixture in tests/fixtures/ is rendered with `targets: [python, java]`; all the
Java clients (and their generated tests) must compile with `-Xlint:all -Werror`, which
for `hostile` also shows that spec text cannot break Java source; and each generated
JUnit suite must pass against Prism started from its spec (all but `hostile`, whose
path Prism itself refuses, as for the Python suites).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from contextlib import ExitStack
from pathlib import Path

import pytest

from generator.pipeline import render_spec
from generator.write import write_tree

from ..conftest import FIXTURES
from .java_tools import RUNTIME_JARS, TEST_JARS, classpath, javac, junit, missing_jars, prism

NAMES = sorted(p.name for p in FIXTURES.iterdir() if (p / "openapi.yaml").exists())
NO_PRISM = {"hostile"}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """fixture name -> its spec folder, with the Java client rendered into out/java."""
    root = tmp_path_factory.mktemp("java-fixtures")
    out: dict[str, Path] = {}
    for name in NAMES:
        folder = root / name
        shutil.copytree(FIXTURES / name, folder, ignore=shutil.ignore_patterns("expected"))
        config = folder / "openapi.sdkgen.yaml"
        config.write_text((config.read_text() if config.exists() else "") + "\ntargets: [python, java]\n")
        write_tree(render_spec(folder / "openapi.yaml", folder / "out").files, folder / "out")
        out[name] = folder
    return out


@pytest.fixture(scope="module")
def compiled(rendered: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    assert not missing_jars(), f"missing Java jars {missing_jars()}: run ./dev setup"
    sources = sorted(s for folder in rendered.values() for s in (folder / "out" / "java" / "src").rglob("*.java"))
    classes = tmp_path_factory.mktemp("java-fixture-classes") / "classes"
    result = javac(sources, classes, classpath(*RUNTIME_JARS, *TEST_JARS))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr == "", result.stderr
    return classes


def test_every_fixture_renders_a_java_client_that_compiles_without_warnings(
    rendered: dict[str, Path], compiled: Path
) -> None:
    for name, folder in rendered.items():
        assert any((folder / "out" / "java" / "src" / "test").rglob("*Test.java")), name
    assert any(compiled.rglob("*.class"))


def test_every_fixtures_java_client_has_doclint_clean_javadoc(rendered: dict[str, Path], tmp_path: Path) -> None:
    """Every public member is documented, with its @param and @return, and the spec's markdown
    (hostile's included) becomes HTML javadoc accepts: `javadoc -Xdoclint:all` warns of nothing."""
    for name in ("hostile", "operations", "pagination", "unions"):
        sources = sorted(str(s) for s in (rendered[name] / "out" / "java" / "src" / "main").rglob("*.java"))
        argfile = tmp_path / f"{name}-sources.txt"
        argfile.write_text("\n".join(sources) + "\n")
        command = ["javadoc", "-Xdoclint:all", "-quiet", "-Xmaxwarns", "10000", "-d", str(tmp_path / name)]
        command += ["-cp", classpath(*RUNTIME_JARS), f"@{argfile}"]
        result = subprocess.run(command, capture_output=True, text=True)
        output = result.stdout + result.stderr
        found = [line for line in output.splitlines() if re.search(r"\.java:\d+: (warning|error)", line)]
        assert result.returncode == 0 and not found, f"{name}:\n" + "\n".join(found[:40])


def test_every_fixtures_generated_java_suite_passes_against_prism(rendered: dict[str, Path], compiled: Path) -> None:
    cp = classpath(*RUNTIME_JARS, extra=(compiled,))
    with ExitStack() as stack:
        servers = {
            name: stack.enter_context(prism(rendered[name] / "openapi.yaml")) for name in NAMES if name not in NO_PRISM
        }
        for name, (base_url, log) in servers.items():
            sources = sorted((rendered[name] / "out" / "java" / "src" / "test").rglob("*.java"))
            # Each fixture's client has a package of its own, com.<package>.api.
            package = ".".join(re.search(r"^package ([\w.]+);", sources[0].read_text(), re.M).group(1).split(".")[:3])  # type: ignore[union-attr]
            counts, output = junit(compiled, cp, {**os.environ, "TEST_API_BASE_URL": base_url}, package)
            expected = sum(s.read_text().count("@Test") for s in sources)
            # A test the generator knows Prism cannot serve is generated @Disabled, with its reason.
            disabled = sum(s.read_text().count("@Disabled(") for s in sources)
            passed = counts.get("successful")
            assert counts.get("failed") == 0 and passed == expected - disabled > 0, f"{name}:\n{output}"
            assert counts.get("skipped", 0) == disabled, f"{name}:\n{output}"
            flagged = [line for line in log.read_text().splitlines() if "Violation: request" in line]
            assert not flagged, f"{name}: Prism flagged a request as off-spec:\n" + "\n".join(flagged)


CROSS_PACKAGE = """
openapi: 3.0.3
info: {title: Cross, version: '1'}
paths:
  /accounts/{id}:
    get:
      operationId: getUser
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        '200':
          description: ok
          content: {application/json: {schema: {$ref: '#/components/schemas/User'}, example: {name: a}}}
  /teams/{id}:
    get:
      operationId: getTeam
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
        # Examples their schemas do not admit (as GitHub's spec has): fitted to the type in Java.
        - {name: limit, in: query, schema: {type: integer}, example: "42"}
        - {name: owner, in: query, schema: {type: array, items: {type: string}}, example: "owner[]=octocat"}
      responses:
        '200':
          description: ok
          content: {application/json: {schema: {$ref: '#/components/schemas/Team'}, example: {owner: {name: a}}}}
  /teams/{id}/setup:
    put:
      operationId: setUpTeam
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Team'}
            example: {motto: null, owner: {name: c}}
      responses:
        '200':
          description: free-form
          content: {application/json: {schema: {}, example: {done: true}}}
        '202':
          description: accepted, still setting up
          content: {application/json: {schema: {$ref: '#/components/schemas/Team'}, example: {owner: {name: b}}}}
components:
  schemas:
    User: {type: object, properties: {name: {type: string}}}
    Team:
      type: object
      properties: {owner: {$ref: '#/components/schemas/User'}, motto: {type: string, nullable: true}}
"""


def test_generated_tests_of_shared_models_and_untyped_results_compile_and_pass(tmp_path: Path) -> None:
    """The teams test checks the owner's class, and User lives in the accounts package (first used
    there); setUpTeam's result is the union of free-form JSON and Team, a JsonNode in Java, which
    its tests compare whole."""
    (tmp_path / "openapi.yaml").write_text(CROSS_PACKAGE)
    (tmp_path / "openapi.sdkgen.yaml").write_text("targets: [python, java]\n")
    write_tree(render_spec(tmp_path / "openapi.yaml", tmp_path / "out").files, tmp_path / "out")
    sources = sorted((tmp_path / "out" / "java" / "src").rglob("*.java"))
    team_test = next(s for s in sources if s.name.startswith("Team") and s.name.endswith("Test.java"))
    user = next(s for s in sources if "/models/accounts/" in s.as_posix() and "Response" in s.name)
    assert f"assertInstanceOf({user.stem}.class" in team_test.read_text()
    setup_test = next(s for s in sources if s.name.endswith("SetUpTeamTest.java")).read_text()
    assert 'assertEquals(Json.parse("{\\"owner\\": {\\"name\\": \\"b\\"}}"), response);' in setup_test
    result = javac(sources, tmp_path / "classes", classpath(*RUNTIME_JARS, *TEST_JARS))
    assert result.returncode == 0, result.stdout + result.stderr
    cp = classpath(*RUNTIME_JARS, extra=(tmp_path / "classes",))
    with prism(tmp_path / "openapi.yaml") as (base_url, _):
        counts, output = junit(tmp_path / "classes", cp, {**os.environ, "TEST_API_BASE_URL": base_url}, "com.cross.api")
    expected = sum(s.read_text().count("@Test") for s in sources if "/src/test/" in s.as_posix())
    assert counts.get("failed") == 0 and counts.get("successful") == expected > 0, output


def test_an_enum_of_a_thousand_values_compiles_and_maps_each_value(tmp_path: Path) -> None:
    """An enum's lookup is a switch and a loop (javac's time grows with the square of a
    Map.ofEntries call's entries); every listed value maps to its constant, any other is kept."""
    values = [f"value-{i:04d}" for i in range(1000)]
    spec = {
        "openapi": "3.0.3",
        "info": {"title": "Big enum", "version": "1"},
        "paths": {"/c": {"get": {"operationId": "getColor", "responses": {"200": {"description": "ok", "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/Color"}}}}}}}},
        "components": {"schemas": {"Color": {"type": "string", "enum": values}}},
    }
    (tmp_path / "openapi.yaml").write_text(json.dumps(spec))
    (tmp_path / "openapi.sdkgen.yaml").write_text("targets: [java]\n")
    write_tree(render_spec(tmp_path / "openapi.yaml", tmp_path / "out").files, tmp_path / "out")
    sources = sorted((tmp_path / "out" / "java" / "src" / "main").rglob("*.java"))
    color = next(s for s in sources if s.name == "Color.java")
    package = re.search(r"^package ([\w.]+);", color.read_text(), re.M).group(1)  # type: ignore[union-attr]
    constants = [f"VALUE_{i:04d}" for i in range(1000)]
    check = tmp_path / "check" / "CheckEnum.java"
    check.parent.mkdir()
    c = color.stem
    fail = "throw new AssertionError"
    lines = [f'    if ({c}.of("{v}") != {c}.{k}) {fail}("{v}");' for v, k in zip(values, constants, strict=True)]
    lines.append(f'    if ({c}.of("other").value() != {c}.Value._UNKNOWN) {fail}("other");')
    lines.append(f'    if ({c}.of("value-0999").known() != {c}.Known.VALUE_0999) {fail}("known");')
    head = f"import {package}.{c};\n\npublic class CheckEnum {{\n  public static void main(String[] args) {{\n"
    check.write_text(head + "\n".join(lines) + '\n    System.out.println("mapped");\n  }\n}\n')
    classes = tmp_path / "classes"
    result = javac([*sources, check], classes, classpath(*RUNTIME_JARS))
    assert result.returncode == 0 and result.stderr == "", result.stdout + result.stderr
    java = ["java", "-cp", classpath(*RUNTIME_JARS, extra=(classes,)), "CheckEnum"]
    run = subprocess.run(java, capture_output=True, text=True)
    assert run.stdout.strip() == "mapped", run.stdout + run.stderr
