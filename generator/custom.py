"""The user's code in a generated folder: kept through regeneration, and told apart from drift.

SDK teams add to generated clients: a helper on a resource, a workaround for a
server quirk, a file of their own. `generate` keeps all of it. An edited
generated file is merged three ways (`merge.py`): the base is the file as sdkgen
last generated it, "yours" is the file on disk, and the new render is the
other side. A conflict is written with markers, never dropped: the run goes on,
lists each one as `path:line`, keeps the user's whole file beside it as
`<path>.custom`, and exits 1.

The base of the merge, first found of:
  1. the new render itself, when the spec change left that file alone;
  2. `.sdkgen/base/<path>`, stored by the run that first kept an edit in it;
  3. git: the newest committed version of the file whose sha256 is the one
     `.sdkgen/manifest` records, when the folder is in a git work tree.
An edit made since the last run, to a file the spec change also rewrites, in a
folder outside git, has no base: the whole file is one conflict.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from .manifest import BASE, CONFLICT_COPY, MANIFEST, KeepList, Manifest, is_record, sha256
from .merge import has_conflict_markers, merge3, split_lines
from .write import HEADER_MARK

GIT_SECONDS = 10  # per git call; a stuck git only loses that base
GIT_HISTORY = 50  # commits of one file searched for its base


@dataclass
class Plan:
    """What `generate` writes: `files` are new bytes, `carried` paths are moved over from the old folder."""

    files: dict[str, bytes] = field(default_factory=dict)
    carried: set[str] = field(default_factory=set)
    custom: list[tuple[str, str]] = field(default_factory=list)  # (path, "edited" | "added" | "kept")
    conflicts: list[str] = field(default_factory=list)  # "path:line: why"
    manifest: Manifest = field(default_factory=Manifest)


def _git(folder: Path, *args: str) -> bytes | None:
    try:
        done = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, timeout=GIT_SECONDS, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def base_from_git(output: Path, path: str, want: str) -> bytes | None:
    """The newest version of `path` in the index or history of the output's git repository whose
    sha256 is `want`: the file as sdkgen wrote it, committed before it was edited."""
    target = output / path
    top = _git(target.parent if target.parent.is_dir() else output, "rev-parse", "--show-toplevel")
    if top is None:
        return None
    root = Path(top.decode("utf-8", "surrogateescape").strip())
    try:
        name = target.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return None
    commits = _git(root, "log", f"-n{GIT_HISTORY}", "--format=%H", "--", name) or b""
    for revision in [""] + commits.decode().split():  # "" is the index
        blob = _git(root, "show", f"{revision}:{name}")
        if blob is not None and sha256(blob) == want:
            return blob
    return None


def _decode(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


class _Planner:
    def __init__(self, fresh: dict[str, bytes], disk: dict[str, bytes], output: Path, old: Manifest) -> None:
        self.fresh, self.disk, self.output, self.old = fresh, disk, output, old
        self.plan = Plan()
        self.plan.manifest.generated = {path: sha256(data) for path, data in fresh.items()}

    def base_of(self, path: str, new: bytes) -> bytes | None:
        want = self.old.generated.get(path)
        if want is None:
            return None
        if sha256(new) == want:
            return new
        stored = self.disk.get(BASE + path)
        if stored is not None and sha256(stored) == want:
            return stored
        return base_from_git(self.output, path, want)

    def conflict(self, path: str, line: int, why: str, mine: bytes) -> None:
        self.plan.conflicts.append(f"{path}:{line}: {why}")
        self.plan.files[path + CONFLICT_COPY] = mine
        self.plan.manifest.conflicts[path] = sha256(mine)

    def whole(self, path: str, mine: bytes, new: bytes, why: str) -> None:
        """One conflict over the whole file: both versions, marked."""
        whole = b"<<<<<<< yours\n" + mine + (b"" if mine.endswith(b"\n") else b"\n")
        whole += b"=======\n" + new + (b"" if new.endswith(b"\n") else b"\n") + b">>>>>>> generated\n"
        self.plan.files[path] = whole
        self.plan.files[BASE + path] = new  # the next merge's base
        self.conflict(path, 1, why, mine)

    def edited(self, path: str, mine: bytes, new: bytes) -> None:
        """A generated file the user changed: merged, or written as a conflict."""
        self.plan.files[BASE + path] = new  # the next merge's base, whatever happens now
        base = self.base_of(path, new)
        texts = [_decode(part) for part in (base or b"", mine, new)]
        if base is None or None in texts:
            self.whole(
                path, mine, new, "no base to merge with: the whole file" if base is None else "not text: the whole file"
            )
            return
        base_text, mine_text, new_text = (text or "" for text in texts)
        merged = merge3(base_text, mine_text, new_text)
        data = merged.text.encode("utf-8")
        self.plan.files[path] = data
        for line in merged.conflicts:
            self.plan.conflicts.append(f"{path}:{line}: your edit and the spec change meet here")
        if merged.conflicts:
            self.plan.files[path + CONFLICT_COPY] = mine
            self.plan.manifest.conflicts[path] = sha256(mine)
        elif data != new:
            self.plan.custom.append((path, "edited"))
            self.plan.manifest.custom[path] = sha256(data)
        else:
            del self.plan.files[BASE + path]  # the spec change took the edit's place: nothing custom is left

    def unresolved(self, path: str, mine: bytes, new: bytes) -> bool:
        """Still holding last run's conflict markers: left as it is, and still a conflict."""
        text = _decode(mine)
        if path not in self.old.conflicts or text is None or not has_conflict_markers(text):
            return False
        # Its markers hold the render the conflict was made against: that stays the base (and its
        # hash the recorded one), so a spec change since is merged in once the user resolves it.
        self.plan.carried.add(path)
        if BASE + path in self.disk:
            self.plan.carried.add(BASE + path)
            self.plan.manifest.generated[path] = self.old.generated.get(path, sha256(new))
        copy = self.disk.get(path + CONFLICT_COPY)
        if copy is not None:
            self.plan.carried.add(path + CONFLICT_COPY)
        self.plan.manifest.conflicts[path] = self.old.conflicts[path]
        line = next(i for i, text in enumerate(split_lines(text), 1) if text.startswith("<<<<<<< "))
        self.plan.conflicts.append(f"{path}:{line}: still holds conflict markers")
        return True

    def run(self, keep: KeepList) -> Plan:
        plan, old = self.plan, self.old
        copies = {path + CONFLICT_COPY: sha for path, sha in old.conflicts.items()}
        for path in sorted(set(self.fresh) | set(self.disk)):
            if is_record(path):
                if path in self.disk and not path.startswith(BASE) and path != MANIFEST:
                    plan.carried.add(path)
                continue
            mine, new = self.disk.get(path), self.fresh.get(path)
            if keep.matches(path):
                if mine is not None:
                    plan.carried.add(path)
                    plan.custom.append((path, "kept"))
                continue
            if mine is not None and copies.get(path) == sha256(mine):
                continue  # the user's side of last run's conflict, now resolved: done with
            if new is not None:
                was = old.generated.get(path)
                if mine is None or mine == new or (was is not None and sha256(mine) == was):
                    plan.files[path] = new
                elif self.unresolved(path, mine, new):
                    pass
                elif was is None:  # a file of the user's where the spec now generates one
                    self.whole(path, mine, new, "the spec now generates a file where yours is: the whole file")
                else:
                    self.edited(path, mine, new)
            elif path in old.generated and sha256(mine or b"") != old.generated[path]:
                plan.carried.add(path)  # the spec dropped a file the user had changed: theirs now
                plan.manifest.custom[path] = sha256(mine or b"")
                plan.conflicts.append(f"{path}:1: the spec no longer generates this file; your version is kept")
            elif path not in old.generated and mine is not None:
                plan.carried.add(path)
                plan.custom.append((path, "added"))
                plan.manifest.custom[path] = sha256(mine)
        return plan


def plan_regeneration(
    fresh: dict[str, str],
    disk: dict[str, bytes],
    output: Path,
    old: Manifest | None,
    keep: KeepList,
    discard: bool = False,
) -> Plan:
    """Everything `generate` writes into `output`, with the user's code kept.

    Without a manifest (a folder from before sdkgen kept one, or whose manifest was lost), a
    generated file on disk is replaced, and a file without sdkgen's header that the spec does
    not generate is the user's, kept and recorded. With `discard` (`--discard-custom`) only the
    files `.sdkgen-keep` lists are kept.
    """
    encoded = {path: text.encode("utf-8") for path, text in fresh.items()}
    if old is not None and not discard:
        return _Planner(encoded, disk, output, old).run(keep)
    plan = _Planner(encoded, {}, output, Manifest()).run(keep)
    for path, data in disk.items():
        if path in encoded and not keep.matches(path):
            continue
        if is_record(path):
            if not path.startswith(BASE) and path != MANIFEST:
                plan.carried.add(path)
        elif keep.matches(path):
            plan.carried.add(path)
            plan.custom.append((path, "kept"))
        elif not discard and HEADER_MARK not in data[:300]:
            plan.carried.add(path)
            plan.custom.append((path, "added"))
            plan.manifest.custom[path] = sha256(data)
    return plan


@dataclass
class State:
    """How a folder stands against the generated text it should hold."""

    custom: list[tuple[str, str]] = field(default_factory=list)  # (path, "edited" | "added" | "kept")
    drift: list[tuple[str, str]] = field(default_factory=list)  # (path, "added" | "removed" | "changed" | ...)

    @property
    def clean(self) -> bool:
        return not self.drift


def classify(pristine: dict[str, str], disk: dict[str, str], old: Manifest | None, keep: KeepList) -> State:
    """`pristine` and `disk` map paths to sha256s. A file differing from its generated text is
    custom code when the manifest records exactly these bytes, and drift otherwise: an edit not
    yet recorded by `generate`, or a generated text that changed since (a stale folder)."""
    state = State()
    recorded = old or Manifest()
    for path in sorted(set(pristine) | set(disk) | set(recorded.custom)):
        if is_record(path):
            continue
        mine, new = disk.get(path), pristine.get(path)
        if keep.matches(path):
            if mine is not None:
                state.custom.append((path, "kept"))
            continue
        if path in recorded.conflicts or path.removesuffix(CONFLICT_COPY) in recorded.conflicts:
            state.drift.append((path, "conflict"))
        elif new is not None and mine is None:
            state.drift.append((path, "added"))  # generated, missing on disk
        elif new is not None:
            if mine == new:
                continue
            if recorded.custom.get(path) == mine and recorded.generated.get(path) == new:
                state.custom.append((path, "edited"))
            else:
                state.drift.append((path, "changed"))
        elif mine is not None and recorded.custom.get(path) == mine and path not in recorded.generated:
            state.custom.append((path, "added"))
        elif mine is not None:
            state.drift.append((path, "removed"))  # on disk, not generated
        else:
            state.drift.append((path, "missing"))  # recorded as the user's, gone from disk
    return state
