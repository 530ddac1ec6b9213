"""Spec text never breaks or injects generated code.

tests/fixtures/hostile/openapi.yaml puts quotes, triple quotes, backslashes,
Jinja syntax, newlines, `*/` and code into every place spec text can reach.
The rendered client must compile, import without side effects and keep each
text's exact value.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import jinja2
import pytest

from generator.ir import SpecText
from generator.pipeline import render_spec
from generator.escape import UnescapedSpecText, docstring, pystr
from generator.render import make_environment
from generator.write import write_tree

from ..conftest import FIXTURES


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("hostile") / "client"
    write_tree(render_spec(FIXTURES / "hostile" / "openapi.yaml", out).files, out)
    return out


def test_every_file_compiles(hostile: Path) -> None:
    for path in hostile.rglob("*.py"):
        compile(path.read_text(), str(path), "exec")


def test_import_has_no_side_effects_and_keeps_exact_values(hostile: Path, tmp_path: Path) -> None:
    script = r'''
import hostile
from hostile.types import Evil, EvilKind
values = [m.value for m in EvilKind]
assert values == ['"""', "\\", "{{x}}", "a\nb", "print('x')"], values
evil = Evil.from_json({"first-name": "f", 'x"y': "q", "import": "i", "kind": "{{x}}"})
assert evil.first_name == "f" and evil.x_y == "q" and evil.import_ == "i"
assert evil.kind == "{{x}}"
assert evil.to_dict() == {"first-name": "f", 'x"y': "q", "import": "i", "kind": "{{x}}"}
doc = hostile.resources.x.XResource.do_it_import_os.__doc__
assert "__import__('os').system('echo pwned')" in doc and "{{ 7*7 }}" in doc, doc
'''
    result = subprocess.run([sys.executable, "-c", script], cwd=hostile, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "" and "pwned" not in result.stderr


def test_printing_spec_text_without_a_filter_is_refused() -> None:
    env = make_environment()
    with pytest.raises(UnescapedSpecText):
        env.from_string("{{ text }}").render(text=SpecText('"""'))
    assert eval(env.from_string("{{ text|pystr }}").render(text=SpecText('"""'))) == '"""'  # noqa: S307


def test_strict_undefined_catches_template_typos() -> None:
    with pytest.raises(jinja2.UndefinedError):
        make_environment().from_string("{{ nope }}").render()


@pytest.mark.parametrize("text", ['"""', "\\", 'end"', "a\x00b", "\x07", "\u2028", "'''", "\\N{BELL}"])
def test_filters_round_trip_through_python(text: str) -> None:
    assert eval(pystr(text)) == text  # noqa: S307 - the point of the test
    body = docstring(text)
    compiled = eval(f'"""{body} """')  # noqa: S307
    assert compiled == text.replace("\r\n", "\n").strip() + " "
