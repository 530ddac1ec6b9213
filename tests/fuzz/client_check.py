"""Byte-compile, import and construct generated clients, in a fresh interpreter (contract.py runs it).

    python client_check.py REQUEST.json RESULTS.jsonl

REQUEST holds a list of {"key", "root", "package"}; for each, in order, one line
{"key", "problems"} is appended to RESULTS as soon as that client is done, so a crash
or hang on one client still leaves the earlier answers, and says which one it was on.

Each client: every `.py` file under its root byte-compiles (nothing written); the package
and all its modules import with the root on sys.path, printing nothing; its client class
(the one class of `<package>._client` built on SyncAPIClient) constructs with
`base_url="http://127.0.0.1:9"` and an API key, and closes; and each decoder of a response
type (`decode_*`, `Model.from_json`) given a few JSON values either decodes them or raises
the client's ResponseValidationError, never anything else (a recursive type that decodes
itself forever raises RecursionError).

Standalone on purpose: it imports nothing from the repository.
"""

from __future__ import annotations

import contextlib
import importlib
import inspect
import io
import json
import pkgutil
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

BASE_URL = "http://127.0.0.1:9"  # a closed port: nothing is sent while constructing, and nothing could be
SAMPLES: tuple[object, ...] = (None, True, 0, 1.5, "x", [], [None], [{}], {}, {"a": None}, {"data": []})


def _where(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return ""
    last = frames[-1]
    return f" (at {Path(last.filename).name}:{last.lineno})"


def _describe(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text[:300]}{_where(exc)}"


def _client_class(package: ModuleType, name: str) -> type[Any]:
    module = sys.modules.get(f"{name}._client")
    found = [
        obj
        for obj in vars(module or package).values()
        if inspect.isclass(obj)
        and obj.__module__ == f"{name}._client"
        and any(base.__name__ == "SyncAPIClient" for base in obj.__mro__[1:])
    ]
    if len(found) != 1:
        raise LookupError(f"expected one client class built on SyncAPIClient in {name}._client, found {found}")
    return found[0]


def _decoders(modules: list[ModuleType]) -> list[tuple[str, Callable[[object], object]]]:
    out: list[tuple[str, Callable[[object], object]]] = []
    for module in modules:
        if ".types." not in module.__name__:
            continue
        for attr in getattr(module, "__all__", []):
            obj = getattr(module, attr, None)
            if attr.startswith("decode_") and callable(obj):
                out.append((f"{module.__name__}.{attr}", obj))
            elif inspect.isclass(obj) and callable(getattr(obj, "from_json", None)):
                out.append((f"{module.__name__}.{attr}.from_json", getattr(obj, "from_json")))  # noqa: B009
    return out


def _exercise(decoders: list[tuple[str, Callable[[object], object]]]) -> list[str]:
    problems: list[str] = []
    for name, decode in decoders:
        for sample in SAMPLES:
            try:
                decode(sample)
            except Exception as exc:  # noqa: BLE001 - anything but the client's own error is a bug
                if any(cls.__name__ == "ResponseValidationError" for cls in type(exc).__mro__):
                    continue
                problems.append(f"decoder {name}({sample!r}) raised {_describe(exc)}")
                break
    return problems


def check(root: Path, package: str) -> list[str]:
    problems: list[str] = []
    for path in sorted(root.rglob("*.py")):
        try:
            compile(path.read_bytes(), str(path), "exec", dont_inherit=True)
        except (SyntaxError, ValueError, UnicodeDecodeError) as exc:
            problems.append(f"does not byte-compile: {path.relative_to(root).as_posix()}: {_describe(exc)}")
    if problems:
        return problems
    printed = io.StringIO()
    sys.path.insert(0, str(root))
    step = f"import {package}"
    try:
        with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
            top = importlib.import_module(package)
            modules = [top]
            for info in pkgutil.walk_packages(top.__path__, f"{package}."):
                step = f"import {info.name}"
                modules.append(importlib.import_module(info.name))
            step = "find the client class"
            cls = _client_class(top, package)
            step = f"construct {cls.__name__}"
            options: dict[str, Any] = {"base_url": BASE_URL}
            if "api_key" in inspect.signature(cls).parameters:
                options["api_key"] = "sk-fuzz"
            cls(**options).close()
            step = "decode"
            problems += _exercise(_decoders(modules))
    except BaseException as exc:  # noqa: BLE001 - SystemExit and the like are failures of the client too
        problems.append(f"{step} failed: {_describe(exc)}")
    finally:
        sys.path.remove(str(root))
        for name in [m for m in sys.modules if m == package or m.startswith(f"{package}.")]:
            del sys.modules[name]
    if printed.getvalue():
        problems.append(f"printed while importing or constructing: {printed.getvalue()[:200]!r}")
    return problems


def main(argv: list[str]) -> int:
    request, results = Path(argv[1]), Path(argv[2])
    for item in json.loads(request.read_text(encoding="utf-8")):
        problems = check(Path(item["root"]), item["package"])
        with results.open("a", encoding="utf-8") as out:
            out.write(json.dumps({"key": item["key"], "problems": problems}) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
