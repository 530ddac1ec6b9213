"""Golden files: what the generator renders, byte for byte.

- `generated/` must equal a fresh render of `spec/` (the drift check).
- Each folder in tests/fixtures/ holds a small spec for one construct and,
  under `expected/`, the files it renders. The runtime core
  (`_base_client.py`, `_exceptions.py`, `_logs.py`, `_models.py`,
  `_prepare.py`, `_response.py`, `_streaming.py`, `_types.py`) is checked through
  `generated/`, so fixtures leave it out. `_base_client.py`, `_models.py`
  and `_types.py` differ between specs only by the features they use (held
  below); the others also carry the package's names (its error class, its
  logger and the environment variable that turns logging on).

Golden files change only with `pytest --update-golden`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.manifest import read_manifest, sha256
from generator.pipeline import render_spec
from generator.write import compare_tree, read_tree, write_tree

from ..conftest import FIXTURES, OUTPUT, SPEC

RUNTIME = (
    "_base_client.py",
    "_exceptions.py",
    "_logs.py",
    "_models.py",
    "_prepare.py",
    "_response.py",
    "_streaming.py",
    "_types.py",
)
FIXTURE_NAMES = sorted(p.name for p in FIXTURES.iterdir() if (p / "openapi.yaml").exists())


def spec_dependent(files: dict[str, str]) -> dict[str, str]:
    return {path: text for path, text in files.items() if not path.endswith(RUNTIME)}


def test_generated_equals_fresh_render_of_spec() -> None:
    rendered = render_spec(SPEC, OUTPUT)
    drift = compare_tree(rendered.files, OUTPUT)
    assert drift.clean, "generated/ has drifted from spec/; run ./dev generate\n" + drift.diff


def test_generated_records_the_hashes_of_that_render() -> None:
    """`check` trusts the manifest's hashes when this machine rendered the same inputs: they must be the render's."""
    manifest = read_manifest(OUTPUT)
    assert manifest is not None, "generated/.sdkgen/manifest is missing; run ./dev generate"
    rendered = render_spec(SPEC, OUTPUT).files
    assert manifest.generated == {path: sha256(text.encode("utf-8")) for path, text in rendered.items()}
    assert not manifest.custom and not manifest.conflicts


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_fixture_renders_its_golden_files(name: str, update_golden: bool) -> None:
    folder = FIXTURES / name
    expected = folder / "expected"
    files = spec_dependent(render_spec(folder / "openapi.yaml", expected).files)
    if update_golden:
        write_tree(files, expected)
        pytest.skip("golden files rewritten")
    on_disk = read_tree(expected)
    assert on_disk, f"no golden files for {name}; run pytest --update-golden once and review them"
    drift = compare_tree(files, expected)
    assert drift.clean, f"{name} renders differently from its golden files:\n{drift.diff}"


def test_the_client_core_holds_no_value_of_one_api(tmp_path: Path) -> None:
    """`_base_client.py` (and `_models.py`, `_types.py`) is the same for every spec with the same
    features: names, environment variables, base URL, authentication, request-id places and client
    defaults belong to the client classes in `_client.py`. Here a spec differs from spec/ in all
    of those, and in nothing its operations do."""
    spec = SPEC.read_text().replace("https://api.clearstreet.io", "https://sandbox.example.com/v2")
    spec = spec.replace("title: Clear Street API", "title: Other API").replace("BearerAuth", "KeyAuth")
    spec = spec.replace("type: http\n      scheme: bearer", "type: apiKey\n      in: header\n      name: X-Api-Key")
    config = SPEC.with_suffix(".sdkgen.yaml").read_text().replace("targets: [python, java]", "targets: [python]")
    for old, new in [("clear_street", "other"), ("ClearStreet", "Other"), ("clear-street", "other-api")]:
        config = config.replace(f": {old}\n", f": {new}\n")
    config = config.replace("env_prefix: CLEAR_STREET", "env_prefix: OTHER").replace("x-request-id", "x-trace-id")
    config = config.replace("[metadata, request_id]", "[meta, trace]")
    config = config.replace("max_retries: 2", "max_retries: 5").replace("timeout: 60", "timeout: 30")
    config = config.replace("connect_timeout: 5", "connect_timeout: 2").replace("max_retry_after: 60", "max_retry_after: 9")
    (tmp_path / "other.yaml").write_text(spec)
    (tmp_path / "other.sdkgen.yaml").write_text(config)
    files = render_spec(tmp_path / "other.yaml", tmp_path / "out").files
    client = files["python/other/_client.py"]
    assert "class Other(SyncAPIClient)" in client and "X-Api-Key" in client and "OTHER_API_KEY" in client
    for name in ("_base_client.py", "_models.py", "_types.py"):
        ours = (OUTPUT / "python" / "clear_street" / name).read_text()
        theirs = files[f"python/other/{name}"]
        # The first line is the header, which names the spec.
        assert theirs.split("\n", 1)[1] == ours.split("\n", 1)[1], name


def test_render_is_deterministic_across_runs_and_working_directories(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = render_spec(SPEC, OUTPUT).files
    monkeypatch.chdir(tmp_path)
    second = render_spec(SPEC, OUTPUT).files
    assert first == second
    for path, text in first.items():
        assert str(Path.cwd()) not in text and "/work/" not in text, f"{path} holds an absolute path"


def test_every_generated_file_starts_with_the_header() -> None:
    for path, data in read_tree(OUTPUT).items():
        first = data.decode().splitlines()[0]
        assert "generated by sdkgen" in first.lower() and "python -m generator generate" in first, path
