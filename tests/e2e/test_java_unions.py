"""Unions in the Java client (oneOf / anyOf as variant classes), against a real server.

The `ZOO` spec below is rendered with the Java target and compiled with `-Xlint:all -Werror`;
tests/java/UnionScenarios.java drives it against tests/servers/scripted_server.py, which answers
each call with the body it is scripted with. A discriminated union (`Animal`) decodes the variant
its tag names and no other; an untagged one (`Pet`) takes the variant whose required properties
are present, the one with more first; primitives go by their JSON type (`Label`); a value no
variant matches decodes without error and reaches the visitor's `unknown`; each writes back the
variant's JSON.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from generator.pipeline import render_spec
from generator.write import write_tree

from ..conftest import TESTS
from ..servers.scripted_server import ScriptedServer
from .java_tools import RUNTIME_JARS, classpath, javac, missing_jars

ZOO = """\
openapi: 3.0.3
info: {title: Zoo, version: '1'}
paths:
  /animals:
    post:
      operationId: describeAnimal
      requestBody:
        required: true
        content: {application/json: {schema: {$ref: '#/components/schemas/Animal'}}}
      responses:
        '200':
          description: the animal, as the zoo knows it
          content: {application/json: {schema: {$ref: '#/components/schemas/Animal'}}}
  /enclosures:
    post:
      operationId: inspectEnclosure
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                label: {$ref: '#/components/schemas/Label'}
                residents: {type: array, items: {$ref: '#/components/schemas/Pet'}}
      responses:
        '200':
          description: ok
          content: {application/json: {schema: {$ref: '#/components/schemas/Enclosure'}}}
components:
  schemas:
    Animal:
      description: The tag alone says which; mapping names one, the other is its schema's name.
      oneOf:
        - $ref: '#/components/schemas/Lion'
        - $ref: '#/components/schemas/Snake'
      discriminator: {propertyName: type, mapping: {big_cat: '#/components/schemas/Lion'}}
    Lion:
      type: object
      required: [type, mane]
      properties: {type: {type: string}, mane: {type: boolean}}
    Snake:
      type: object
      required: [type]
      properties: {type: {type: string}, length: {type: number}}
    Pet:
      description: No tag; told apart by their required properties.
      anyOf:
        - $ref: '#/components/schemas/Cat'
        - $ref: '#/components/schemas/Dog'
    Cat:
      type: object
      required: [meows]
      properties: {meows: {type: boolean}}
    Dog:
      type: object
      required: [barks, name]
      properties: {barks: {type: boolean}, name: {type: string}}
    Label:
      oneOf:
        - {type: string}
        - {type: integer}
        - {type: array, items: {type: string}}
    Enclosure:
      type: object
      required: [residents]
      properties:
        residents: {type: array, items: {$ref: '#/components/schemas/Pet'}}
        keeper:
          nullable: true
          oneOf: [{type: string}, {type: integer}]
        labels: {type: object, additionalProperties: {$ref: '#/components/schemas/Label'}}
"""

JSON = {"Content-Type": "application/json"}


@pytest.fixture(scope="module")
def zoo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The zoo spec's folder, its Java client rendered into out/java."""
    folder = tmp_path_factory.mktemp("java-unions")
    (folder / "openapi.yaml").write_text(ZOO)
    (folder / "openapi.sdkgen.yaml").write_text("targets: [java]\n")
    write_tree(render_spec(folder / "openapi.yaml", folder / "out").files, folder / "out")
    return folder


@pytest.fixture(scope="module")
def classpath_(zoo: Path) -> str:
    """The zoo client and UnionScenarios, compiled with every lint as an error."""
    assert not missing_jars(), f"missing Debian jars {missing_jars()} in /usr/share/java: run ./dev setup"
    folder = zoo
    classes = folder / "classes"
    sources = sorted((folder / "out" / "java" / "src" / "main" / "java").rglob("*.java"))
    result = javac(sources, classes, classpath(*RUNTIME_JARS))
    assert result.returncode == 0 and result.stderr == "", result.stdout + result.stderr
    scenarios = folder / "scenarios"
    result = javac([TESTS / "java" / "UnionScenarios.java"], scenarios, classpath(*RUNTIME_JARS, extra=(classes,)))
    assert result.returncode == 0 and result.stderr == "", result.stdout + result.stderr
    return classpath(*RUNTIME_JARS, extra=(classes, scenarios))


def run(cp: str, scenario: str, *bodies: Any) -> tuple[list[dict[str, Any]], list[Any]]:
    """Each body is answered to one call; returns what each call printed, and each request body sent."""
    replies = [(200, JSON, json.dumps(body).encode()) for body in bodies]
    with ScriptedServer(*replies) as server:
        command = ["java", "-cp", cp, "UnionScenarios", scenario, server.base_url, str(len(bodies))]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)
        sent = [json.loads(body) if body else None for body in server.received]
    assert result.returncode == 0, result.stdout + result.stderr
    return [json.loads(line) for line in result.stdout.strip().splitlines()], sent


def test_a_discriminated_union_decodes_the_variant_its_tag_names(classpath_: str) -> None:
    lion = {"type": "big_cat", "mane": True}
    snake = {"type": "Snake", "length": 2.5}
    out, sent = run(classpath_, "animal", lion, snake)
    assert sent[0] == {"type": "big_cat", "mane": True}, "a union request body is its variant's JSON"
    seen = [(o["visited"], o["is_lion"], o["is_snake"], o["as_lion"]) for o in out]
    assert seen == [("lion mane=true", True, False, "ok"), ("snake length=2.5", False, True, "threw")]
    for answered, printed in zip((lion, snake), out, strict=True):
        assert printed["written"] == answered and printed["raw"] == answered
        assert printed["equal_to_itself_rebuilt"] is True
        assert printed["default_unknown"] == "returned"


def test_the_tag_decides_alone_and_an_unmatched_value_reaches_unknown(classpath_: str) -> None:
    """`big_cat` without a mane would decode as a Snake (whose one required property is there), but
    the tag names Lion, so no other variant is tried: it is unknown. So is a tag no variant has."""
    maneless = {"type": "big_cat", "length": 3}
    bird = {"type": "bird", "wings": 2}
    out, _ = run(classpath_, "animal", maneless, bird, [1, 2])
    for answered, printed in zip((maneless, bird, [1, 2]), out, strict=True):
        assert printed["visited"] == "unknown " + json.dumps(answered, separators=(",", ":"))
        assert (printed["is_lion"], printed["is_snake"], printed["as_lion"]) == (False, False, "threw")
        assert printed["written"] == answered and printed["raw"] == answered, "an unknown value is written as it came"
        assert printed["default_unknown"] == "threw", "a visitor that does not override unknown() throws"


def test_untagged_variants_go_by_required_properties_and_json_type(classpath_: str) -> None:
    enclosure = {
        "residents": [
            {"meows": True},
            {"barks": True, "name": "Rex"},
            {"barks": True, "name": "Both", "meows": True},
            {"barks": True},
        ],
        "keeper": 42,
        "labels": {"a": "north", "b": 7, "c": ["x", "y"]},
    }
    out, sent = run(classpath_, "enclosure", enclosure, {**enclosure, "keeper": None}, {**enclosure, "keeper": "Ann"})
    assert sent[0] == {
        "label": ["north", "east"],
        "residents": [{"barks": True, "name": "Rex"}, {"meows": False}],
    }
    # Dog needs two properties, Cat one: a value with all three is a Dog; one with only `barks` is neither.
    assert out[0]["residents"] == ["cat", "dog Rex", "dog Both", 'unknown {"barks":true}']
    assert out[0]["labels"] == {"a": "string north", "b": "long 7", "c": "strings x+y"}
    assert [o["keeper"] for o in out] == ["long 42", "none", "string Ann"]
    assert out[0]["written"] == enclosure
    assert out[0]["keeper_of_long"] == "7"


def test_the_readmes_visitor_example_compiles_and_runs(zoo: Path, classpath_: str, tmp_path: Path) -> None:
    """The README's Unions example, its method put in a class as written, visits a decoded value."""
    readme = (zoo / "out" / "java" / "README.md").read_text()
    block = next(b for b in re.findall(r"```java\n(.*?)```", readme, re.S) if ".Visitor<String>()" in b)
    imports = "".join(line + "\n" for line in block.splitlines() if line.startswith("import "))
    body = "".join(line + "\n" for line in block.splitlines() if not line.startswith("import "))
    main = (
        "  public static void main(String[] args) {\n"
        "    for (String arg : args) System.out.println(describe(Animal.fromJson(Json.parse(arg), \"$\")));\n"
        "  }\n"
    )
    source = tmp_path / "Main.java"
    source.write_text(f"{imports}import com.zoo.api.core.Json;\n\npublic class Main {{\n{body}\n{main}}}\n")
    compiled = javac([source], tmp_path / "classes", classpath_)
    assert compiled.returncode == 0 and compiled.stderr == "", compiled.stdout + compiled.stderr
    values = ['{"type": "Snake", "length": 1}', '{"type": "bird"}']
    command = ["java", "-cp", f"{classpath_}:{tmp_path / 'classes'}", "Main", *values]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == [
        "Snake: Snake{type=Snake, length=1.0, additionalProperties={}}",
        'not a variant this client knows: {"type":"bird"}',
    ]
