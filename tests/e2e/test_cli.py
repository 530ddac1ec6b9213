"""The CLI as a user and CI run it: generate, check, exit codes, bad input."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.write import read_tree

from ..conftest import ROOT, SPEC


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True)


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    """A copy of the repository's spec/ and generated/ to break freely."""
    shutil.copytree(ROOT / "spec", tmp_path / "spec")
    shutil.copytree(ROOT / "generated", tmp_path / "generated", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    return tmp_path


def test_check_passes_on_main() -> None:
    result = run("check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("up to date: spec/openapi.yaml: 1 operations")


def test_check_fails_with_a_diff_after_a_hand_edit(workdir: Path) -> None:
    target = workdir / "generated" / "python" / "clear_street" / "_client.py"
    target.write_text(target.read_text() + "# a hand edit\n")
    result = run("check", cwd=workdir)
    assert result.returncode == 1
    assert "+++ b/generated/python/clear_street/_client.py" in result.stdout
    assert "-# a hand edit" in result.stdout
    assert "drift: changed: generated/python/clear_street/_client.py" in result.stderr


def test_check_reports_added_and_removed_files(workdir: Path) -> None:
    (workdir / "generated" / "stray.py").write_text("x = 1\n")
    (workdir / "generated" / "python" / "clear_street" / "py.typed").unlink()
    result = run("check", cwd=workdir)
    assert result.returncode == 1
    assert "drift: removed: generated/stray.py" in result.stderr
    assert "drift: added: generated/python/clear_street/py.typed" in result.stderr


def test_generate_into_a_new_folder_then_check_is_clean(tmp_path: Path) -> None:
    out = tmp_path / "client"
    result = run("generate", str(SPEC), "--output", str(out))
    assert result.returncode == 0, result.stderr
    assert re.search(r"generated .*openapi.yaml: 1 operations, \d+ types, \d+ files written, 0 unchanged", result.stdout)
    assert (out / "python" / "clear_street" / "py.typed").exists()
    again = run("check", str(SPEC), "--output", str(out))
    assert again.returncode == 0, again.stdout + again.stderr


def test_generate_reports_unchanged_files_on_a_second_run(workdir: Path) -> None:
    result = run("generate", cwd=workdir)
    assert result.returncode == 0
    assert " 0 files written" in result.stdout


def _break(spec: Path, old: str, new: str) -> None:
    text = spec.read_text()
    assert old in text
    spec.write_text(text.replace(old, new, 1))


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # a dangling $ref: reported where the $ref is
        (
            "$ref: '#/components/schemas/ApiError'",
            "$ref: '#/components/schemas/Nope'",
            r"^spec/openapi\.yaml:\d+:\d+: /components/schemas/PositionInstructionBatchResponse/properties/error/\$ref: \$ref '#/components/schemas/Nope' points at nothing",
        ),
        # a schema-invalid document: reported with pointer and line
        (
            "      type: integer\n          description: The HTTP status code",
            "      type: integre\n          description: The HTTP status code",
            r"^spec/openapi\.yaml:\d+:\d+: /components/schemas/ApiError/properties/code/type: invalid OpenAPI",
        ),
        # invalid YAML: line and column
        ("openapi: 3.1.0", "openapi: [3.1.0", r"^spec/openapi\.yaml:\d+:\d+: /: invalid YAML"),
        # Swagger 2.0
        ("openapi: 3.1.0", "swagger: '2.0'", r"^spec/openapi\.yaml:1:1: /swagger: Swagger 2\.0 is not supported"),
    ],
    ids=["dangling-ref", "schema-invalid", "invalid-yaml", "swagger-2"],
)
def test_bad_spec_exits_2_with_one_located_line_and_leaves_output_untouched(workdir: Path, old: str, new: str, expected: str) -> None:
    before = read_tree(workdir / "generated")
    _break(workdir / "spec" / "openapi.yaml", old, new)
    for command in ("generate", "check"):
        result = run(command, cwd=workdir)
        assert result.returncode == 2, result.stdout + result.stderr
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, result.stderr
        assert re.match(expected, lines[0]), lines[0]
        assert "Traceback" not in result.stderr
    assert read_tree(workdir / "generated") == before


def test_unknown_config_key_is_an_error(workdir: Path) -> None:
    config = workdir / "spec" / "openapi.sdkgen.yaml"
    config.write_text(config.read_text() + "pakage_name: typo\n")
    result = run("generate", cwd=workdir)
    assert result.returncode == 2
    assert re.match(r"^spec/openapi\.sdkgen\.yaml:\d+:\d+: /pakage_name: unknown config key 'pakage_name'", result.stderr)


def test_missing_spec_file_exits_2(tmp_path: Path) -> None:
    result = run("generate", str(tmp_path / "nope.yaml"), "--output", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "file not found" in result.stderr
    assert not (tmp_path / "out").exists()


def test_help_shows_defaults_and_exit_codes() -> None:
    result = run("check", "--help")
    assert result.returncode == 0
    assert "default: generated" in result.stdout
    assert "exit codes: 0 up to date (custom code listed), 1 drift, 2 bad input" in result.stdout


def test_console_script_is_installed() -> None:
    script = Path(sys.executable).parent / "sdkgen"
    result = subprocess.run([str(script), "check"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_rejected_rows_config_must_name_real_enum_values(workdir: Path) -> None:
    config = workdir / "spec" / "openapi.sdkgen.yaml"
    config.write_text(config.read_text().replace("values: [REJECTED, ENGINE_REJECTED]", "values: [REJECTED, DENIED]"))
    result = run("check", cwd=workdir)
    assert result.returncode == 2
    assert re.match(r"^spec/openapi\.sdkgen\.yaml:\d+:\d+: /batch/rejected_rows/values: \['DENIED'\] are not values of PositionInstructionStatus", result.stderr), result.stderr


def test_generate_refuses_a_folder_it_did_not_write(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "main.py").write_text("print('mine')\n")
    result = run("generate", str(SPEC), "--output", str(project))
    assert result.returncode == 2
    assert "refusing to write here: it holds files sdkgen did not write" in result.stderr
    assert (project / "main.py").read_text() == "print('mine')\n"


def test_generate_refuses_a_folder_holding_the_spec(workdir: Path) -> None:
    result = run("generate", "spec/openapi.yaml", "--output", "spec", cwd=workdir)
    assert result.returncode == 2
    assert "refusing to write here: it contains openapi.yaml" in result.stderr
    assert (workdir / "spec" / "openapi.yaml").exists()


def test_regenerating_keeps_the_users_build_folders_and_normal_permissions(workdir: Path) -> None:
    out = workdir / "generated"
    (out / "dist").mkdir()
    (out / "dist" / "client.whl").write_text("wheel")
    (out / ".venv").mkdir()
    result = run("generate", cwd=workdir)
    assert result.returncode == 0, result.stderr
    assert (out / "dist" / "client.whl").read_text() == "wheel"
    assert (out / ".venv").is_dir()
    assert out.stat().st_mode & 0o777 == 0o777 & ~_umask()
    assert run("check", cwd=workdir).returncode == 0  # ignored folders are not drift


def _umask() -> int:
    import os

    mask = os.umask(0)
    os.umask(mask)
    return mask
