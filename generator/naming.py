"""How spec text becomes Python identifiers. This is the documented rule.

1. Text is folded to ASCII (NFKD, accents dropped) and split into words at
   every character that is not a letter or digit and at camelCase
   boundaries: ``instrumentID`` -> ``instrument``, ``id``; ``HTTPServer`` ->
   ``http``, ``server``. Digits stay with the letters before them (``v1``,
   ``int64``).
2. The words are joined in the requested style: ``snake_case`` for modules,
   functions, attributes and parameters; ``PascalCase`` for classes;
   ``UPPER_CASE`` for enum members.
3. A name that is empty gets the caller's fallback (``value``, ``field``...).
   A name that starts with a digit is prefixed: ``n_`` (snake), ``N``
   (Pascal), ``V_`` (upper).
4. A Python keyword, or a name reserved where it is used (a client argument,
   an imported module, a runtime method), gets a trailing underscore. For
   the package itself the reserved names are the standard library's
   top-level modules (``stdlib_modules.txt``) and ``httpx``: a spec titled
   "Email API" gives ``email_``, which cannot shadow ``import email``.
5. Names that still collide in one namespace are numbered ``_2``, ``_3``...
   in the order their source text sorts, so the result never depends on the
   order of keys in the file.
"""

from __future__ import annotations

import keyword
from pathlib import Path
import re
import unicodedata
from collections.abc import Iterable

_WORD = re.compile(r"[A-Z]+(?=[A-Z][a-z])[0-9]*|[A-Z]?[a-z]+[0-9]*|[A-Z]+[0-9]*|[0-9]+[a-z]*")

RESERVED = frozenset(keyword.kwlist) | frozenset({"self", "cls"})

# Names a generated package must not take: importing it would shadow these.
PACKAGE_RESERVED = frozenset(
    line.strip()
    for line in (Path(__file__).parent / "stdlib_modules.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
) | frozenset({"httpx"})


def words(text: str) -> list[str]:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return [w.lower() for w in _WORD.findall(ascii_text)]


def _finish(name: str, prefix: str, fallback: str, reserved: Iterable[str]) -> str:
    if not name:
        name = fallback
    if name[0].isdigit():
        name = prefix + name
    reserved_set = RESERVED | frozenset(reserved)
    while name in reserved_set:
        name += "_"
    return name


def snake(text: str, *, fallback: str = "value", reserved: Iterable[str] = ()) -> str:
    return _finish("_".join(words(text)), "n_", fallback, reserved)


def pascal(text: str, *, fallback: str = "Model", reserved: Iterable[str] = ()) -> str:
    return _finish("".join(w[:1].upper() + w[1:] for w in words(text)), "N", fallback, reserved)


def upper(text: str, *, fallback: str = "EMPTY", reserved: Iterable[str] = ()) -> str:
    return _finish("_".join(words(text)).upper(), "V_", fallback, reserved)


def dedupe(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Map each source text to a unique identifier.

    `pairs` is (source text, proposed identifier). Sources that propose the
    same identifier are numbered in the sorted order of their source text.
    """
    by_name: dict[str, list[str]] = {}
    for source, name in pairs:
        by_name.setdefault(name, []).append(source)
    taken = set(by_name)
    result: dict[str, str] = {}
    for name in sorted(by_name):
        sources = sorted(set(by_name[name]))
        result[sources[0]] = name
        n = 2
        for source in sources[1:]:
            while f"{name}_{n}" in taken:
                n += 1
            result[source] = f"{name}_{n}"
            taken.add(f"{name}_{n}")
    return result
