"""The generator's input contract, property-based (tests/fuzz/, CONTRIBUTING.md "Fuzzing the input contract").

For any input file, `generate` either writes a Python client that byte-compiles, imports and
constructs, or exits 2 with every error located (`file:line:col: /pointer: message`) and the
output folder byte for byte as it was; never a crash, a hang, a stray process or a temp file.

Here a fixed list of seeds (each one mutated spec, tests/fuzz/mutate.py) and the reproducers in
tests/fuzz/found/ are checked, the same inputs every run, in about a minute; `./dev fuzz`
searches further and saves what fails; a new failure class gets a small reproducer in
tests/fuzz/found/, listed below with what it once broke.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import ROOT
from ..fuzz.contract import EARLIER_RENDER, Input, check_inputs, check_stderr, classify
from ..fuzz.mutate import make_case

FOUND = ROOT / "tests" / "fuzz" / "found"

# The failure classes this harness has found, each named once: every pinned seed and every
# reproducer in tests/fuzz/found/ once hit the class it is listed under, and must keep passing.
SEGFAULT = "deep YAML nesting (~25,000 levels) crashed the YAML loader"
RECURSIVE_BODY = "a recursive request body schema: internal error RecursionError"
LONG_NAME = "a 300-character path segment or operationId: internal error OSError File name too long"
HANG = "validator hang on Expr/Wrapper (oneOf of itself under allOf), its child surviving SIGTERM"
SURROGATE = "a lone surrogate in a schema description or the API title: the client failed to import"
ONEOF_SELF = "A: {oneOf: [{$ref: A}]} accepted (anyOf [A, ...] too): its decoder recursed forever"
VALIDATOR_CRASH = "a validator crash (KeyError, ValueError, TypeError) reported unlocated at 1:1: /"
EMPTY = "an empty file reported without line:col"
JSON_DEPTH = "JSON nested past the recursion limit reported without line:col"
YAML_READER = "a control character in YAML reported without line:col (yaml.ReaderError has no mark)"
NEWLINE_KEY = "a newline in a key (a schema's name) split the error line: pointers printed unescaped"
INLINE_SELF_REF = "an inline schema that is a $ref to itself, in a request body, was not refused"

# Seeds 0-29 as they come, then seeds a search found reaching one class each.
SEEDS = list(range(30)) + [45, 9028, 9060, 9111]
PINNED_SEEDS: dict[int, str] = {
    11: ONEOF_SELF,
    21: EMPTY,
    45: VALIDATOR_CRASH,
    9028: LONG_NAME,
    9060: RECURSIVE_BODY,
    9111: SURROGATE,
}
FOUND_CLASSES: dict[str, str] = {
    "anyof_self_first.yaml": ONEOF_SELF,
    "empty.yaml": EMPTY,
    "expr_wrapper_hang.yaml": HANG,
    "json_deep_nesting.json": JSON_DEPTH,
    "inline_self_ref_request.yaml": INLINE_SELF_REF,
    "lone_surrogate_description.json": SURROGATE,
    "lone_surrogate_title.json": SURROGATE,
    "long_operation_id.yaml": LONG_NAME,
    "long_path.yaml": LONG_NAME,
    "newline_in_schema_name.yaml": NEWLINE_KEY,
    "oneof_self.yaml": ONEOF_SELF,
    "path_template_stray_brace.yaml": VALIDATOR_CRASH,
    "path_template_unclosed.yaml": VALIDATOR_CRASH,
    "recursive_request_body.yaml": RECURSIVE_BODY,
    "validator_keyerror.yaml": VALIDATOR_CRASH,
    "validator_typeerror.yaml": VALIDATOR_CRASH,
    "yaml_control_character.yaml": YAML_READER,
    "yaml_deep_nesting.yaml": SEGFAULT,
}


def _found() -> list[Path]:
    return sorted(p for p in FOUND.iterdir() if p.suffix in (".yaml", ".json") and not p.name.endswith(".sdkgen.yaml"))


def _params() -> list[object]:
    params: list[object] = [pytest.param(f"seed {seed}", id=f"seed-{seed}") for seed in SEEDS]
    params += [pytest.param(f"found {path.name}", id=f"found-{path.name}") for path in _found()]
    return params


def _input(key: str) -> tuple[Input, str]:
    """The input a parameter names, and how to describe it in a failure."""
    kind, _, name = key.partition(" ")
    if kind == "seed":
        case = make_case(int(name))
        return case.as_input(), f"{case.description}\nagain: ./dev fuzz --cases 1 --seed {case.seed}"
    path = FOUND / name
    return Input.from_file(path), f"{path.relative_to(ROOT)}\nagain: ./dev fuzz --replay {path.relative_to(ROOT)}"


@pytest.fixture(scope="module")
def outcomes(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """key -> violations of every input selected in this run, checked together: each client
    then imports in one interpreter for the lot."""
    keys = []
    for item in request.session.items:
        callspec = getattr(item, "callspec", None)
        if isinstance(item, pytest.Function) and item.module is request.module and callspec is not None:
            if "key" in callspec.params:
                keys.append(str(callspec.params["key"]))
    inputs = [_input(key)[0] for key in keys]
    return check_inputs(inputs, tmp_path_factory.mktemp("contract"))


@pytest.mark.parametrize("key", _params())
def test_input_keeps_the_contract(key: str, outcomes: dict[str, list[str]]) -> None:
    violations = outcomes[_input(key)[0].key]
    described = _input(key)[1]
    assert not violations, f"{described}\nclass: {classify(violations)}\n" + "\n".join(f"- {v}" for v in violations)


def test_every_reproducer_is_listed() -> None:
    """A file added to tests/fuzz/found/ is run here, and says what it once broke."""
    assert set(FOUND_CLASSES) == {p.name for p in _found()}
    assert set(PINNED_SEEDS) <= set(SEEDS)


def test_the_checker_tells_located_errors_from_the_rest() -> None:
    """What counts as a located line, on made-up stderr: so a passing case means something."""
    spec = Path("case.yaml")
    good = "case.yaml:3:5: /paths/~1x: invalid OpenAPI: 'x' is not of type 'object'\n"
    warning = "case.yaml:1:1: /info: warning[name-collision]: renamed\n"
    config = "case.sdkgen.yaml:2:1: /resources/x: unknown operationId\n"
    assert check_stderr(spec, good + warning + config) == ([], [warning.strip()], 2)
    for bad in ("case.yaml: /: file is empty", "case.yaml:3: /x: no column", "other.yaml:1:1: /: elsewhere", "boom"):
        assert check_stderr(spec, bad)[0], bad
    crash = "case.yaml:1:1: /: invalid OpenAPI: KeyError: 'name'"
    assert classify(check_stderr(spec, crash)[0]) == "validator crash at /"
    assert b"File generated by sdkgen" in EARLIER_RENDER["pyproject.toml"][:300]  # generate may replace it


def test_a_seed_names_one_input() -> None:
    """Same seed, same bytes, same description: a failure's seed reproduces it."""
    for seed in (0, 7, 12345):
        assert make_case(seed) == make_case(seed)
    assert len({make_case(seed).mutant.data for seed in range(20)}) > 15


FUZZ_CODE = ["tests/fuzz", "tests/e2e/test_input_contract.py"]


@pytest.mark.parametrize(
    "command",
    [
        ["mypy", "--strict", *FUZZ_CODE],
        ["black", "--check", "--quiet", *FUZZ_CODE],
        ["ruff", "check", "--quiet", *FUZZ_CODE],
    ],
    ids=["mypy", "black", "ruff"],
)
def test_the_harness_meets_the_code_bar(command: list[str]) -> None:
    """The harness is held to what tests/e2e/test_generator_quality.py holds generator/ to."""
    result = subprocess.run([sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
