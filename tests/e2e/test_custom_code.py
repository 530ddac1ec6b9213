"""Regeneration that keeps the user's code: real sequences of `generate` and `check` through the CLI.

spec/ is version 1. Version 2 changes one schema's description, which rewrites a line near the top
of that model's Python module and of its Java class. The user's code goes elsewhere in the same
files (kept), on the very line version 2 rewrites (a conflict), into files of their own (kept), or
into a file `.sdkgen-keep` lists (never touched).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from typing import Any
from pathlib import Path

import pytest

from generator import cli
from generator.manifest import CONFLICT_COPY, MANIFEST, Manifest

from ..conftest import ROOT

PY_MODEL = "python/clear_street/types/response_metadata.py"
JAVA_MODEL = "java/src/main/java/com/clear_street/api/models/v1/positions/ResponseMetadata.java"
V1_TEXT = "Metadata attached to every response."
V2_TEXT = "Metadata attached to every response, for tracing."
PY_HELPER = '\n\ndef short_id(meta: ResponseMetadata) -> str:\n    """Our support desk quotes the first 8 characters."""\n    return meta.request_id[:8]\n'
JAVA_HELPER = "  /** Our support desk quotes the first 8 characters. */\n  public String shortId() {\n    return requestId.substring(0, 8);\n  }\n"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True)


@pytest.fixture(scope="module")
def rendered_v1(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """spec/ and a fresh render of it in `out/`, made once; each test works on a copy."""
    root = tmp_path_factory.mktemp("v1")
    shutil.copytree(ROOT / "spec", root / "spec")
    result = run("generate", "--output", "out", cwd=root)
    assert result.returncode == 0, result.stderr
    yield root


@pytest.fixture
def work(rendered_v1: Path, tmp_path: Path) -> Path:
    shutil.copytree(rendered_v1, tmp_path / "w")
    return tmp_path / "w"


def to_v2(work: Path) -> None:
    spec = work / "spec" / "openapi.yaml"
    text = spec.read_text()
    assert text.count(V1_TEXT) == 1
    spec.write_text(text.replace(V1_TEXT, V2_TEXT))


def add_helpers(work: Path) -> None:
    """Code far from the line version 2 changes: a function after the model, a method in the class."""
    py = work / "out" / PY_MODEL
    py.write_text(py.read_text() + PY_HELPER)
    java = work / "out" / JAVA_MODEL
    text = java.read_text()
    anchor = "  /**\n   * Identifier of this request, for support.\n"
    assert text.count(anchor) == 1
    java.write_text(text.replace(anchor, JAVA_HELPER + "\n" + anchor))


def test_edits_are_recorded_then_kept_through_a_spec_change(work: Path) -> None:
    add_helpers(work)
    unrecorded = run("check", "--output", "out", cwd=work)
    assert unrecorded.returncode == 1, unrecorded.stdout
    assert f"drift: changed: out/{PY_MODEL}" in unrecorded.stderr
    assert "+def short_id" not in unrecorded.stdout and "-def short_id" in unrecorded.stdout

    recorded = run("generate", "--output", "out", cwd=work)
    assert recorded.returncode == 0, recorded.stderr
    assert f"custom: edited: out/{PY_MODEL}" in recorded.stdout
    assert f"custom: edited: out/{JAVA_MODEL}" in recorded.stdout
    assert (work / "out" / ".sdkgen" / "base" / PY_MODEL).read_text().count(V1_TEXT) == 1

    check = run("check", "--output", "out", cwd=work)
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.startswith("up to date, with custom code in 2 files:")

    to_v2(work)
    stale = run("check", "--output", "out", cwd=work)
    assert stale.returncode == 1
    assert "openapi.yaml changed since out was rendered from it" in stale.stderr

    regenerated = run("generate", "--output", "out", cwd=work)
    assert regenerated.returncode == 0, regenerated.stderr
    py, java = (work / "out" / PY_MODEL).read_text(), (work / "out" / JAVA_MODEL).read_text()
    assert V2_TEXT in py and V1_TEXT not in py and py.endswith(PY_HELPER)
    assert "for tracing" in java and JAVA_HELPER in java
    assert run("check", "--output", "out", cwd=work).returncode == 0


def test_an_edit_on_a_line_the_spec_change_rewrites_is_a_located_conflict(work: Path) -> None:
    py = work / "out" / PY_MODEL
    mine = py.read_text().replace(V1_TEXT, "Metadata; see our runbook.")
    py.write_text(mine)
    assert run("generate", "--output", "out", cwd=work).returncode == 0  # recorded
    to_v2(work)

    result = run("generate", "--output", "out", cwd=work)
    assert result.returncode == 1
    line = next(i for i, text in enumerate(py.read_text().splitlines(), 1) if text.startswith("<<<<<<< "))
    assert f"conflict: out/{PY_MODEL}:{line}: your edit and the spec change meet here" in result.stderr
    text = py.read_text()
    assert "Metadata; see our runbook." in text and V2_TEXT in text and "=======\n" in text
    copy = work / "out" / (PY_MODEL + CONFLICT_COPY)
    assert copy.read_text() == mine  # neither side is lost
    assert run("check", "--output", "out", cwd=work).returncode == 1  # unresolved

    again = run("generate", "--output", "out", cwd=work)
    assert again.returncode == 1 and "still holds conflict markers" in again.stderr
    assert py.read_text() == text

    resolved = mine.replace("Metadata; see our runbook.", "Metadata, for tracing; see our runbook.")
    py.write_text(resolved)
    done = run("generate", "--output", "out", cwd=work)
    assert done.returncode == 0, done.stderr
    assert py.read_text() == resolved and not copy.exists()
    check = run("check", "--output", "out", cwd=work)
    assert check.returncode == 0 and f"custom: edited: out/{PY_MODEL}" in check.stdout


def test_files_the_user_adds_are_kept(work: Path) -> None:
    helper = work / "out" / "python" / "clear_street" / "lib" / "helpers.py"
    helper.parent.mkdir()
    helper.write_text("ANSWER = 42\n")
    helper.chmod(0o755)
    java = work / "out" / "java" / "src" / "main" / "java" / "com" / "clear_street" / "api" / "Extra.java"
    java.write_bytes(b"class Extra {}\n")
    assert run("check", "--output", "out", cwd=work).returncode == 1  # not recorded yet
    to_v2(work)
    result = run("generate", "--output", "out", cwd=work)
    assert result.returncode == 0, result.stderr
    assert helper.read_text() == "ANSWER = 42\n" and helper.stat().st_mode & 0o777 == 0o755
    assert java.read_bytes() == b"class Extra {}\n"
    check = run("check", "--output", "out", cwd=work)
    assert check.returncode == 0, check.stderr
    assert "custom: added: out/python/clear_street/lib/helpers.py" in check.stdout


def test_a_file_the_keep_list_names_is_never_rewritten(work: Path) -> None:
    (work / "out" / ".sdkgen-keep").write_text("# ours\n**/types/response_metadata.py\n")
    py = work / "out" / PY_MODEL
    py.write_text("# our own model\n")
    to_v2(work)
    result = run("generate", "--output", "out", cwd=work)
    assert result.returncode == 0, result.stderr
    assert py.read_text() == "# our own model\n"
    assert "for tracing" in (work / "out" / JAVA_MODEL).read_text()  # not listed: regenerated
    check = run("check", "--output", "out", cwd=work)
    assert check.returncode == 0 and f"custom: kept: out/{PY_MODEL}" in check.stdout
    discarded = run("generate", "--output", "out", "--discard-custom", cwd=work)
    assert discarded.returncode == 0 and py.read_text() == "# our own model\n"


def test_discard_custom_writes_the_pristine_render(work: Path, rendered_v1: Path) -> None:
    add_helpers(work)
    (work / "out" / "python" / "mine.txt").write_text("notes\n")
    assert run("generate", "--output", "out", cwd=work).returncode == 0
    result = run("generate", "--output", "out", "--discard-custom", cwd=work)
    assert result.returncode == 0, result.stderr
    assert not (work / "out" / "python" / "mine.txt").exists()
    for path in (PY_MODEL, JAVA_MODEL, MANIFEST):
        assert (work / "out" / path).read_bytes() == (rendered_v1 / "out" / path).read_bytes(), path
    check = run("check", "--output", "out", cwd=work)
    assert check.returncode == 0 and check.stdout.startswith("up to date:")


def test_an_unrecorded_edit_merges_on_git_history_and_is_one_conflict_without_it(work: Path) -> None:
    """Edited and regenerated at once: the base is the version committed to git; outside git there is none."""
    plain = work.parent / "plain"
    shutil.copytree(work, plain)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run(["git", "init", "-q"], cwd=work, check=True)
    subprocess.run([*git, "add", "-A"], cwd=work, check=True)
    subprocess.run([*git, "commit", "-qm", "v1"], cwd=work, check=True)
    for folder in (work, plain):
        add_helpers(folder)
        to_v2(folder)

    merged = run("generate", "--output", "out", cwd=work)
    assert merged.returncode == 0, merged.stderr
    py = (work / "out" / PY_MODEL).read_text()
    assert V2_TEXT in py and py.endswith(PY_HELPER)

    alone = run("generate", "--output", "out", cwd=plain)
    assert alone.returncode == 1
    assert f"conflict: out/{PY_MODEL}:1: no base to merge with: the whole file" in alone.stderr
    text = (plain / "out" / PY_MODEL).read_text()
    assert text.startswith("<<<<<<< yours\n") and PY_HELPER in text and V2_TEXT in text


def test_check_and_generate_answer_from_hashes_when_this_generator_rendered_the_same_inputs(
    work: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """No render at all: the manifest's hashes stand for one, because a render of these exact inputs
    by this exact generator was remembered; `generate` then has nothing to write. A hand edit is
    still caught."""
    monkeypatch.setenv("SDKGEN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(work)
    monkeypatch.setattr(sys, "setrecursionlimit", lambda limit: None)  # main's raise would outlive the test
    assert cli.main(["generate", "--output", "out"]) == 0
    manifest = Manifest.parse((work / "out" / MANIFEST).read_text())
    assert manifest is not None and PY_MODEL in manifest.generated

    from generator.pipeline import render_spec

    renders: list[object] = []

    def counted(*args: Any, **kwargs: Any) -> Any:
        renders.append(args)
        return render_spec(*args, **kwargs)

    monkeypatch.setattr("generator.pipeline.render_spec", counted)
    assert cli.main(["check", "--output", "out"]) == 0
    before = (work / "out" / MANIFEST).stat().st_mtime_ns
    assert cli.main(["generate", "--output", "out"]) == 0  # nothing to write, so nothing rendered
    assert (work / "out" / MANIFEST).stat().st_mtime_ns == before
    assert renders == []
    add_helpers(work)
    assert cli.main(["check", "--output", "out"]) == 1  # caught from hashes; rendered for the diff
    assert len(renders) == 1


def test_build_folders_and_linked_folders_at_any_depth_are_left_alone(work: Path) -> None:
    build = work / "out" / "python" / "build" / "lib"
    build.mkdir(parents=True)
    (build / "x.py").write_text("built\n")
    shared = work / "shared"
    shared.mkdir()
    (shared / "notes.md").write_text("ours\n")
    link = work / "out" / "java" / "vendored"
    link.symlink_to(shared, target_is_directory=True)
    assert run("check", "--output", "out", cwd=work).returncode == 0  # neither is drift
    to_v2(work)
    assert run("generate", "--output", "out", cwd=work).returncode == 0
    assert (build / "x.py").read_text() == "built\n"
    assert link.is_symlink() and (link / "notes.md").read_text() == "ours\n"


def test_a_file_a_ref_reaches_outside_the_spec_folder_is_an_input_too(tmp_path: Path) -> None:
    """Changing it makes the folder stale, even when this machine remembers a render of the rest."""
    (tmp_path / "common").mkdir()
    (tmp_path / "api").mkdir()
    shared = tmp_path / "common" / "thing.yaml"
    shared.write_text("type: object\nproperties:\n  name: {type: string}\n")
    spec = tmp_path / "api" / "openapi.yaml"
    spec.write_text(
        'openapi: 3.0.3\ninfo: {title: Things, version: "1"}\npaths:\n  /thing:\n    get:\n      operationId: getThing\n'
        "      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n"
        "              schema: {$ref: '../common/thing.yaml'}\n"
    )
    assert run("generate", str(spec), "--output", "out", cwd=tmp_path).returncode == 0
    assert run("check", str(spec), "--output", "out", cwd=tmp_path).returncode == 0
    shared.write_text(shared.read_text() + "  size: {type: integer}\n")
    stale = run("check", str(spec), "--output", "out", cwd=tmp_path)
    assert stale.returncode == 1
    assert "../common/thing.yaml changed since out was rendered" in stale.stderr


def test_a_crlf_checkout_of_the_spec_renders_the_same_bytes(work: Path, rendered_v1: Path) -> None:
    for name in ("openapi.yaml", "openapi.sdkgen.yaml"):
        path = work / "spec" / name
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    shutil.rmtree(work / "out")
    assert run("generate", "--output", "out", cwd=work).returncode == 0
    for path in sorted((rendered_v1 / "out").rglob("*")):
        if path.is_file():
            assert (work / "out" / path.relative_to(rendered_v1 / "out")).read_bytes() == path.read_bytes(), path
