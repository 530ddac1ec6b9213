"""What a render of given inputs gave, remembered so `check` can answer without rendering.

A render is a pure function of the spec's files, its config, where the output
sits relative to the spec, `--lenient`, and the generator itself (its code,
templates and formatters: `cache.fingerprint`). After a render, the digest of
its files' sha256s is kept in the machine-local cache under a key made of all
of those. `check` hashes the same inputs again; when the cache holds a digest
for them equal to the one of the folder's manifest, the manifest's `generated`
hashes are what a render would give, and comparing the folder's files with them
is the whole check. A hand edit or a stale file is still caught: every file on
disk is hashed. Without a remembered render (a new machine, another sdkgen)
`check` renders, as it always did.
"""

from __future__ import annotations

import json
import os
import tomllib
from dataclasses import asdict, dataclass
from pathlib import Path

from .cache import fingerprint, key_of, read_entry, write_entry
from .config import config_path_for

KIND = "render"
PROVENANCE = "PROVENANCE.toml"


def relative_to_parent(path: Path, output: Path) -> str:
    """`path` as seen from the folder that holds `output`.

    Generated headers name the spec this way, so the bytes do not depend on
    the directory the generator was run from.
    """
    return Path(os.path.relpath(path.resolve(), output.resolve().parent)).as_posix()


def text_sha256(text: str) -> str:
    """Of the text with LF line ends, so a CRLF checkout records the same."""
    from .manifest import sha256

    return sha256(text.replace("\r\n", "\n").encode("utf-8"))


@dataclass(frozen=True)
class Verdict:
    manifest: str  # Manifest.digest() of the render's files
    operations: int
    types: int
    files: int
    warnings: tuple[str, ...]  # as printed, one line each


def render_key(spec: Path, output: Path, lenient: bool, inputs: dict[str, str]) -> str:
    parts = [fingerprint(), relative_to_parent(spec, output), output.resolve().name, str(lenient)]
    parts += [f"{name}={sha}" for name, sha in sorted(inputs.items())]
    return key_of(*parts)


def remember(key: str, verdict: Verdict) -> None:
    write_entry(KIND, key, json.dumps(asdict(verdict), sort_keys=True))


def recall(key: str) -> Verdict | None:
    text = read_entry(KIND, key)
    if text is None:
        return None
    try:
        data = json.loads(text)
        return Verdict(
            str(data["manifest"]),
            int(data["operations"]),
            int(data["types"]),
            int(data["files"]),
            tuple(str(w) for w in data["warnings"]),
        )
    except (ValueError, KeyError, TypeError):
        return None


def recorded_inputs(output: Path) -> dict[str, str] | None:
    """The spec files and config the folder was rendered from (PROVENANCE.toml), by sha256."""
    try:
        table = tomllib.loads((output / PROVENANCE).read_text(encoding="utf-8"))["provenance"]["sha256"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return {str(k): str(v) for k, v in table.items()} if isinstance(table, dict) else None


def current_inputs(spec: Path, recorded: dict[str, str]) -> dict[str, str] | None:
    """The sha256s of the same inputs as they are now; None when one is gone or a config appeared.

    Only the files recorded are hashed: another file could join only through a `$ref` written in
    one of them, which would change that file's hash.
    """
    config = config_path_for(spec)
    if config.is_file() != (config.name in recorded):
        return None
    now: dict[str, str] = {}
    for name in recorded:
        try:
            now[name] = text_sha256((spec.parent / name).read_bytes().decode("utf-8-sig"))
        except (OSError, UnicodeDecodeError):
            return None
    return now
