"""Keeping the user's code: the regeneration plan and the three answers of `check`, on plain folders."""

from __future__ import annotations

from pathlib import Path

from generator.custom import classify, plan_regeneration
from generator.manifest import BASE, CONFLICT_COPY, KeepList, Manifest, sha256

V1 = "a\nb\nc\nd\ne\nf\n"
V2 = "a\nB\nc\nd\ne\nf\n"  # the spec change rewrites line 2


def h(text: str) -> str:
    return sha256(text.encode())


def plan(fresh: dict[str, str], disk: dict[str, str], old: Manifest | None, tmp: Path, keep: KeepList = KeepList()):  # type: ignore[no-untyped-def]
    return plan_regeneration(fresh, {p: t.encode() for p, t in disk.items()}, tmp, old, keep)


def test_an_untouched_file_takes_the_new_render(tmp_path: Path) -> None:
    result = plan({"m.py": V2}, {"m.py": V1}, Manifest(generated={"m.py": h(V1)}), tmp_path)
    assert result.files["m.py"] == V2.encode() and not result.custom and not result.conflicts
    assert result.manifest.generated == {"m.py": h(V2)}


def test_an_edit_away_from_the_change_is_merged_from_the_stored_base(tmp_path: Path) -> None:
    mine = V1.replace("e\n", "e\nmy line\n")
    disk = {"m.py": mine, BASE + "m.py": V1}
    result = plan({"m.py": V2}, disk, Manifest(generated={"m.py": h(V1)}, custom={"m.py": h(mine)}), tmp_path)
    assert result.files["m.py"] == V2.replace("e\n", "e\nmy line\n").encode()
    assert result.custom == [("m.py", "edited")] and not result.conflicts
    assert result.files[BASE + "m.py"] == V2.encode()  # the next merge's base
    assert result.manifest.custom == {"m.py": sha256(result.files["m.py"])}


def test_an_edit_on_the_changed_line_is_a_conflict_with_both_sides_kept(tmp_path: Path) -> None:
    mine = V1.replace("b\n", "mine\n")
    disk = {"m.py": mine, BASE + "m.py": V1}
    result = plan({"m.py": V2}, disk, Manifest(generated={"m.py": h(V1)}), tmp_path)
    assert result.conflicts == ["m.py:2: your edit and the spec change meet here"]
    assert "<<<<<<< yours\nmine\n=======\nB\n>>>>>>> generated\n" in result.files["m.py"].decode()
    assert result.files["m.py" + CONFLICT_COPY] == mine.encode()
    assert result.manifest.conflicts == {"m.py": h(mine)}


def test_without_a_base_the_whole_file_is_one_conflict(tmp_path: Path) -> None:
    mine = V1 + "mine\n"
    result = plan({"m.py": V2}, {"m.py": mine}, Manifest(generated={"m.py": h(V1)}), tmp_path)
    assert result.conflicts == ["m.py:1: no base to merge with: the whole file"]
    assert result.files["m.py"] == f"<<<<<<< yours\n{mine}=======\n{V2}>>>>>>> generated\n".encode()


def test_when_the_spec_leaves_a_file_alone_the_render_is_its_base(tmp_path: Path) -> None:
    mine = V1 + "mine\n"
    result = plan({"m.py": V1}, {"m.py": mine}, Manifest(generated={"m.py": h(V1)}), tmp_path)
    assert result.files["m.py"] == mine.encode() and result.custom == [("m.py", "edited")]


def test_added_kept_and_dropped_files(tmp_path: Path) -> None:
    old = Manifest(generated={"m.py": h(V1), "gone.py": h("x\n"), "edited_gone.py": h("y\n")})
    disk = {"m.py": V1, "gone.py": "x\n", "edited_gone.py": "y2\n", "mine.py": "z\n", "k.py": "k\n", ".sdkgen-keep": "k.py\n"}
    result = plan({"m.py": V2, "k.py": "generated\n"}, disk, old, tmp_path, KeepList(("k.py",)))
    assert "gone.py" not in result.files and "gone.py" not in result.carried  # removed by the spec
    assert {"edited_gone.py", "mine.py", "k.py", ".sdkgen-keep"} <= result.carried
    assert "k.py" not in result.files  # never written
    assert ("mine.py", "added") in result.custom and ("k.py", "kept") in result.custom
    assert result.conflicts == ["edited_gone.py:1: the spec no longer generates this file; your version is kept"]


def test_without_a_manifest_only_the_keep_list_is_the_users(tmp_path: Path) -> None:
    disk = {"m.py": V1 + "edit\n", "stray.py": "s\n", "k.py": "k\n"}
    result = plan({"m.py": V2}, disk, None, tmp_path, KeepList(("k.py",)))
    assert result.files["m.py"] == V2.encode() and result.carried == {"k.py"}


def test_check_tells_the_three_states_apart() -> None:
    pristine = {"m.py": h(V1), "n.py": h("n\n")}
    recorded = Manifest(generated=dict(pristine), custom={"m.py": h("edit\n"), "mine.py": h("z\n")})
    same = classify(pristine, dict(pristine), Manifest(generated=dict(pristine)), KeepList())
    assert same.clean and not same.custom
    custom = classify(pristine, {**pristine, "m.py": h("edit\n"), "mine.py": h("z\n")}, recorded, KeepList())
    assert custom.clean and custom.custom == [("m.py", "edited"), ("mine.py", "added")]
    unrecorded = classify(pristine, {**pristine, "m.py": h("other\n"), "x.py": h("x\n")}, recorded, KeepList())
    assert unrecorded.drift == [("m.py", "changed"), ("mine.py", "missing"), ("x.py", "removed")]
    stale = classify({**pristine, "m.py": h(V2)}, {**pristine, "m.py": h("edit\n"), "mine.py": h("z\n")}, recorded, KeepList())
    assert stale.drift == [("m.py", "changed")]  # recorded against a render that is no longer the spec's
    kept = classify(pristine, {**pristine, "n.py": h("mine\n")}, None, KeepList(("n.py",)))
    assert kept.clean and kept.custom == [("n.py", "kept")]
