"""The output folder's record (`.sdkgen/manifest`) and the user's keep list (`.sdkgen-keep`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.manifest import KEEP, KeepList, Manifest, sha256


def test_the_manifest_reads_back_what_it_wrote_in_one_order() -> None:
    manifest = Manifest(
        generated={"b.py": sha256(b"b"), "a.py": sha256(b"a")},
        custom={"a.py": sha256(b"a2"), "mine.txt": sha256(b"m")},
        conflicts={"b.py": sha256(b"b2")},
    )
    text = manifest.text("# header")
    assert text.splitlines()[:3] == ["# header", text.splitlines()[1], f"generated {sha256(b'a')} a.py"]
    assert Manifest.parse(text) == manifest
    shuffled = Manifest(dict(reversed(manifest.generated.items())), manifest.custom, manifest.conflicts)
    assert shuffled.text("# header") == text


def test_the_digest_covers_the_generated_lines_alone() -> None:
    one = Manifest(generated={"a.py": sha256(b"a")})
    assert one.digest() == Manifest(generated={"a.py": sha256(b"a")}, custom={"x": sha256(b"x")}).digest()
    assert one.digest() != Manifest(generated={"a.py": sha256(b"b")}).digest()
    assert one.digest() != Manifest(generated={"b.py": sha256(b"a")}).digest()


@pytest.mark.parametrize(
    "text", ["generated abc a.py\n", "kept " + "0" * 64 + " a.py\n", "generated " + "0" * 64 + "\n"]
)
def test_a_manifest_sdkgen_did_not_write_is_not_trusted(text: str) -> None:
    assert Manifest.parse(text) is None


def test_any_path_survives_on_one_line() -> None:
    paths = ["docs/my notes.md", "a\nb.txt", "bad\udcff.py", '"quoted', "plain.py"]
    manifest = Manifest(custom={path: sha256(path.encode("utf-8", "surrogateescape")) for path in paths})
    text = manifest.text("#")
    assert len(text.encode("utf-8").splitlines()) == 2 + len(paths)
    assert Manifest.parse(text) == manifest


@pytest.mark.parametrize(
    ("pattern", "path", "expected"),
    [
        ("helpers.py", "python/pkg/helpers.py", True),  # no slash: a name at any depth
        ("helpers.py", "python/pkg/helpers.pyc", False),
        ("python/pkg/*.py", "python/pkg/a.py", True),
        ("python/pkg/*.py", "python/pkg/sub/a.py", False),  # * stays inside a folder
        ("python/**/a.py", "python/pkg/sub/a.py", True),
        ("python/**/a.py", "python/a.py", True),
        ("**/types/x.py", "python/c/types/x.py", True),
        ("custom/", "python/custom/a.py", True),  # a folder, everything in it
        ("custom/", "python/custom", False),
        ("python/pkg", "python/pkg/a.py", True),
        ("python/pk?", "python/pkg/a.py", True),
        ("python/pk?", "python/pk/a.py", False),
        ("a[1].py", "a[1].py", True),  # brackets are literal
    ],
)
def test_keep_patterns_read_as_gitignore_does(pattern: str, path: str, expected: bool) -> None:
    assert KeepList((pattern,)).matches(path) is expected


def test_the_keep_file_skips_comments_and_blank_lines(tmp_path: Path) -> None:
    (tmp_path / KEEP).write_text("# mine\n\n  python/x.py  \n")
    keep = KeepList.read(tmp_path)
    assert keep.patterns == ("python/x.py",)
    assert KeepList.read(tmp_path / "missing").matches("python/x.py") is False
