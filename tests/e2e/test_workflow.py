"""Workflow commands: diff (breaking-change check), provenance in check, build (packaging)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from ..conftest import ROOT, SPEC

OP = "/v1/accounts/{account_id}/positions/instructions"


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True)


def changed_spec(tmp_path: Path, edit: Any) -> Path:
    spec = yaml.safe_load(SPEC.read_text())
    edit(spec)
    folder = tmp_path / "new"
    folder.mkdir(exist_ok=True)
    (folder / "openapi.yaml").write_text(yaml.safe_dump(spec, sort_keys=False))
    shutil.copy(SPEC.with_name("openapi.sdkgen.yaml"), folder / "openapi.sdkgen.yaml")
    return folder / "openapi.yaml"


def schemas(spec: dict[str, Any]) -> dict[str, Any]:
    return spec["components"]["schemas"]


CASES: list[tuple[str, Any, str]] = [
    ("removed-operation", lambda s: s["paths"].pop(OP), r"^BREAKING /paths/~1v1~1accounts~1\{account_id\}~1positions~1instructions/post: operation 'submit_position_instructions' \(POST .*\) removed$"),
    ("removed-field", lambda s: schemas(s)["PositionInstruction"]["properties"].pop("symbol"), r"^BREAKING /components/schemas/PositionInstruction/properties/symbol: field removed$"),
    ("removed-enum-value", lambda s: schemas(s)["PositionInstructionStatus"]["enum"].remove("UNKNOWN"), r"^BREAKING /components/schemas/PositionInstructionStatus/enum: enum value 'UNKNOWN' of PositionInstructionStatus removed$"),
    ("new-required-field", lambda s: (schemas(s)["PositionInstructionRequest"]["properties"].update(account_type={"type": "string"}), schemas(s)["PositionInstructionRequest"]["required"].append("account_type")), r"^BREAKING /components/schemas/PositionInstructionRequest/properties/account_type: new required field$"),
    ("new-required-parameter", lambda s: s["paths"][OP]["post"]["parameters"].append({"name": "dry_run", "in": "query", "required": True, "schema": {"type": "boolean"}}), r"^BREAKING .*/post/parameters: new required parameter 'query dry_run'$"),
    ("narrowed-type", lambda s: schemas(s)["PositionInstruction"]["properties"]["account_id"].update(type="string"), r"^BREAKING /components/schemas/PositionInstruction/properties/account_id: type changed from int to str$"),
    ("response-field-made-optional", lambda s: schemas(s)["PositionInstruction"]["required"].remove("symbol"), r"^BREAKING /components/schemas/PositionInstruction/properties/symbol: response field made optional$"),
]


@pytest.mark.parametrize(("name", "edit", "expected"), CASES, ids=[c[0] for c in CASES])
def test_diff_reports_breaking_changes(name: str, edit: Any, expected: str, tmp_path: Path) -> None:
    import re

    result = run("diff", str(SPEC), str(changed_spec(tmp_path, edit)))
    assert result.returncode == 1, result.stdout + result.stderr
    assert any(re.match(expected, line) for line in result.stdout.splitlines()), result.stdout


def test_removed_parameter_is_breaking(tmp_path: Path) -> None:
    old = changed_spec(tmp_path, lambda s: s["paths"][OP]["post"]["parameters"].append({"name": "dry_run", "in": "query", "schema": {"type": "boolean"}}))
    result = run("diff", str(old), str(SPEC))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "BREAKING /paths/~1v1~1accounts~1{account_id}~1positions~1instructions/post/parameters: parameter 'query dry_run' removed"
    ]


def test_additions_are_not_breaking(tmp_path: Path) -> None:
    def add(spec: dict[str, Any]) -> None:
        schemas(spec)["PositionInstructionStatus"]["enum"].append("QUEUED")
        schemas(spec)["PositionInstruction"]["properties"]["venue"] = {"type": "string"}
        spec["paths"]["/v1/health"] = {"get": {"operationId": "health", "tags": ["positions"], "responses": {"200": {"description": "ok"}}}}

    result = run("diff", str(SPEC), str(changed_spec(tmp_path, add)), "--format", "json")
    assert result.returncode == 0, result.stdout + result.stderr
    changes = json.loads(result.stdout)
    assert {c["message"] for c in changes} >= {"enum value 'QUEUED' of PositionInstructionStatus added", "field added"}
    assert all(c["breaking"] is False for c in changes)
    assert all(set(c) == {"breaking", "pointer", "message"} for c in changes)


def test_diff_of_a_spec_with_itself_is_empty() -> None:
    result = run("diff", str(SPEC), str(SPEC))
    assert (result.returncode, result.stdout) == (0, "")


def test_diff_on_a_bad_spec_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("swagger: '2.0'\n")
    assert run("diff", str(SPEC), str(bad)).returncode == 2


def test_check_names_a_spec_changed_since_rendering(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "spec", tmp_path / "spec")
    shutil.copytree(ROOT / "generated", tmp_path / "generated", ignore=shutil.ignore_patterns("__pycache__"))
    spec = tmp_path / "spec" / "openapi.yaml"
    spec.write_text(spec.read_text().replace("Options symbol (OSI) for display.", "Options symbol (OSI), for display."))
    result = run("check", cwd=tmp_path)
    assert result.returncode == 1
    first = result.stderr.splitlines()[0]
    assert first.startswith("drift: openapi.yaml changed since generated was rendered from it (sha256 ")
    assert "generated/PROVENANCE.toml" in result.stderr


def test_provenance_records_the_spec_hash_and_generator_version() -> None:
    import hashlib
    import tomllib

    record = tomllib.loads((ROOT / "generated" / "PROVENANCE.toml").read_text())["provenance"]
    assert record["generator"].startswith("sdkgen ")
    assert record["sha256"]["openapi.yaml"] == hashlib.sha256(SPEC.read_bytes()).hexdigest()


def test_build_makes_a_wheel_with_only_its_runtime_dependencies_and_the_java_jars(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    shutil.copytree(ROOT / "generated", tmp_path / "generated", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "spec", tmp_path / "spec")
    result = run("build", "--dist", str(dist), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    wheels = sorted(dist.glob("clear_street-*.whl"))
    sdists = sorted(dist.glob("clear_street-*.tar.gz"))
    assert len(wheels) == 1 and len(sdists) == 1, list(dist.iterdir())
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    install = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(wheels[0])], capture_output=True, text=True)
    assert install.returncode == 0, install.stderr
    frozen = subprocess.run([str(python), "-m", "pip", "freeze"], capture_output=True, text=True).stdout.lower()
    assert "clear-street" in frozen and "httpx" in frozen
    assert not any(name in frozen for name in ("pydantic", "black", "jinja2", "pyyaml"))
    smoke = subprocess.run(
        [str(python), "-c", "from clear_street import ClearStreet; c = ClearStreet(api_key='k'); print(type(c).__name__, c.v1.positions.submit_position_instructions.__name__)"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert smoke.stdout.strip() == "ClearStreet submit_position_instructions", smoke.stderr
    import zipfile

    names = zipfile.ZipFile(wheels[0]).namelist()
    assert "clear_street/py.typed" in names and not any(n.startswith("tests/") for n in names)
    # The same command packages the Java client with Maven: its jar, sources and javadoc, and no target/ left behind.
    jars = {jar.name: zipfile.ZipFile(jar).namelist() for jar in dist.glob("clear-street-java-*.jar")}
    assert sorted(jars) == sorted(f"clear-street-java-0.1.0{s}.jar" for s in ("", "-javadoc", "-sources")), sorted(jars)
    assert "com/clear_street/api/client/ClearStreetClient.class" in jars["clear-street-java-0.1.0.jar"]
    assert not any(n.endswith("Test.class") for n in jars["clear-street-java-0.1.0.jar"])
    assert "com/clear_street/api/client/ClearStreetClient.java" in jars["clear-street-java-0.1.0-sources.jar"]
    assert "index.html" in jars["clear-street-java-0.1.0-javadoc.jar"]
    assert not (tmp_path / "generated" / "java" / "target").exists()
    assert not (tmp_path / "generated" / "python" / "build").exists()  # built from a copy


def test_build_refuses_a_drifted_client(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "generated", tmp_path / "generated", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "spec", tmp_path / "spec")
    (tmp_path / "generated" / "python" / "clear_street" / "_version.py").write_text("__version__ = 'hacked'\n")
    result = run("build", "--dist", str(tmp_path / "dist"), cwd=tmp_path)
    assert result.returncode == 1
    assert not (tmp_path / "dist").exists()


def test_progress_shows_on_a_terminal_only(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from generator.progress import Progress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("CI", raising=False)
    tty = Terminal()
    progress = Progress("formatting", 60, tty)
    for _ in range(60):
        progress.advance()
    progress.close()
    assert "formatting: 60/60 files" in tty.getvalue()
    pipe = io.StringIO()
    quiet = Progress("formatting", 60, pipe)
    quiet.advance()
    quiet.close()
    assert pipe.getvalue() == ""
    monkeypatch.setenv("CI", "true")
    ci = Terminal()
    Progress("formatting", 60, ci).advance()
    assert ci.getvalue() == ""


def test_pre_commit_hook_runs_the_check() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    (hook,) = hooks
    assert hook["entry"] == "sdkgen check" and hook["pass_filenames"] is False
    script = Path(sys.executable).parent / "sdkgen"
    result = subprocess.run([str(script), "check", *hook["args"]], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_an_installed_sdkgen_renders(tmp_path: Path) -> None:
    """Not only the editable checkout: a wheel of the generator carries its templates."""
    import sysconfig

    dist = tmp_path / "dist"
    source = tmp_path / "source"  # a copy: building writes build/ beside pyproject.toml
    for name in ("generator", "templates"):
        shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    built = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--wheel", "--outdir", str(dist), str(source)],
        capture_output=True, text=True, cwd=tmp_path,
    )
    assert built.returncode == 0, built.stderr[-2000:]
    (wheel,) = dist.glob("sdkgen-*.whl")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--disable-pip-version-check", str(wheel)], check=True)
    # Dependencies from this venv's site-packages (PYTHONPATH skips its .pth files,
    # so the editable checkout cannot stand in for the wheel).
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": sysconfig.get_paths()["purelib"]}
    where = subprocess.run([str(python), "-c", "import generator; print(generator.__file__)"], env=env, cwd=tmp_path, capture_output=True, text=True)
    assert str(venv) in where.stdout, where.stdout + where.stderr
    result = subprocess.run([str(venv / "bin" / "sdkgen"), "check", "spec/openapi.yaml", "--output", "generated"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_gives_black_s_output_and_java_is_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import black

    from generator import format as fmt

    sources = {f"pkg/m{i}.py": f"x = {{ 'a':{i} }}\ndef f( y ):\n  return y\n" for i in range(5)}
    sources["README.md"] = "# no newline"
    sources["J.java"] = "class J { int f( ) { return 1 ; } }\n"
    mode = black.Mode(target_versions={black.TargetVersion.PY310}, line_length=fmt.LINE_LENGTH)
    expected = {p: black.format_str(t, mode=mode) for p, t in sources.items() if p.endswith(".py")}
    monkeypatch.setenv("SDKGEN_CACHE_DIR", str(tmp_path / "cache"))
    cold = fmt.format_files(sources)
    assert {p: cold[p] for p in expected} == expected  # ruff formats; black is the reference
    assert cold["README.md"] == "# no newline\n"
    assert cold["J.java"] == "class J {\n  int f() {\n    return 1;\n  }\n}\n"
    # Warm: a poisoned Java formatter would show if the cache were not used.
    monkeypatch.setattr(fmt.java_formatter, "format_java", lambda texts: ["poisoned"] * len(texts))
    assert fmt.format_files(sources) == cold
    monkeypatch.setenv("SDKGEN_CACHE", "0")
    assert fmt.format_files({"J.java": "class J {}"}) == {"J.java": "poisoned"}


def test_formatted_files_are_moved_into_place_not_written_again(tmp_path: Path) -> None:
    """ruff's formatted files are moved into the output as they are; black-settled ones are written."""
    from generator import format as fmt
    from generator.write import read_tree, write_tree

    long_alias = f"from typing import TypeAlias, Union\n{'A' * 90}R: TypeAlias = Union[\n    str,\n    \"{'B' * 96}\",\n]\n"
    sources = {"pkg/a.py": "x = {'a':1}\n", "pkg/b.py": "def f( y ):\n  return y\n", "pkg/long.py": long_alias, "README.md": "# r"}
    scratch = fmt.Scratch()
    files = fmt.format_files(sources, scratch)
    assert sorted(scratch.files) == ["pkg/a.py", "pkg/b.py"]  # pkg/long.py was settled by black
    offered = dict(scratch.files)
    write_tree(files, tmp_path / "out", scratch)
    assert all(not path.exists() for path in offered.values())  # moved, not copied
    assert scratch.files == {}
    write_tree(files, tmp_path / "plain")  # no scratch: every file written
    assert read_tree(tmp_path / "out") == read_tree(tmp_path / "plain") == {p: t.encode() for p, t in files.items()}
    for path in files:
        assert (tmp_path / "out" / path).stat().st_mode == (tmp_path / "plain" / path).stat().st_mode
    scratch.cleanup()
    assert not scratch.root.exists()
