"""How spec text becomes identifiers: the one rule every target's naming service applies.

1. Text is folded to ASCII (NFKD, accents dropped) and split into words at
   every character that is not a letter or digit and at camelCase
   boundaries: ``instrumentID`` -> ``instrument``, ``id``; ``HTTPServer`` ->
   ``http``, ``server``. Digits stay with the letters before them (``v1``,
   ``int64``).
2. The words are joined in the requested style: ``snake_case``,
   ``PascalCase``, ``camelCase`` or ``UPPER_CASE``; which style names what is
   each language's choice (Python: snake_case modules, functions, attributes
   and parameters, PascalCase classes, UPPER_CASE enum members).
3. A name that is empty gets the caller's fallback (``value``, ``field``...).
   A name that starts with a digit is prefixed: ``n_`` (snake), ``N``
   (Pascal), ``n`` (camel), ``V_`` (upper).
4. A word the target language reserves where the name is used (a keyword, a
   client argument, an imported module, a runtime method) gets a trailing
   underscore. Each target passes its own reserved words
   (generator/python/reserved.py, generator/java/names.py); this module
   reserves none, so a name the model holds is never escaped for one
   language in another.
5. Names that still collide in one namespace (the types of a package, the
   fields of a model, the members of an enum, the arguments of a method, the
   operations and children of a resource) are numbered ``_2``, ``_3``... and
   each renamed source gets a ``name-collision`` warning. Where the whole
   namespace is known up front (`dedupe`) the numbers follow the order the
   source texts sort in; where names are met one at a time (`Namespace`,
   inline schemas named from where they sit) they follow the builder's fixed
   walk of the spec (components by key, then paths sorted). Either way the
   result never depends on the order of keys in the file.
6. A name longer than `MAX_LENGTH` characters keeps its first characters and
   ends in eight hex digits of its full spelling's SHA-256 (`bounded`): names
   become file names, and file systems refuse names over 255 bytes. The same
   long name is always shortened the same way, and two that differ only past
   the cut still differ.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable

_WORD = re.compile(r"[A-Z]+(?=[A-Z][a-z])[0-9]*|[A-Z]?[a-z]+[0-9]*|[A-Z]+[0-9]*|[0-9]+[a-z]*")


def words(text: str) -> list[str]:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return [w.lower() for w in _WORD.findall(ascii_text)]


# Far over any name a person writes; a file name with a suffix added stays far under 255 bytes.
MAX_LENGTH = 100


def bounded(name: str, limit: int = MAX_LENGTH) -> str:
    """`name`, or, when it is longer than `limit`, its start and a hash of all of it."""
    if len(name) <= limit:
        return name
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]
    head = name[: limit - len(digest) - 1]
    return f"{head}_{digest}" if "_" in name or name.islower() else f"{head}{digest.upper()}"


def _finish(name: str, prefix: str, fallback: str, reserved: Iterable[str]) -> str:
    if not name:
        name = fallback
    if name[0].isdigit():
        name = prefix + name
    name = bounded(name)
    reserved_set = frozenset(reserved)
    while name in reserved_set:
        name += "_"
    return name


def snake(text: str, *, fallback: str = "value", reserved: Iterable[str] = ()) -> str:
    return _finish("_".join(words(text)), "n_", fallback, reserved)


def pascal(text: str, *, fallback: str = "Model", reserved: Iterable[str] = ()) -> str:
    return _finish("".join(w[:1].upper() + w[1:] for w in words(text)), "N", fallback, reserved)


def camel(text: str, *, fallback: str = "value", reserved: Iterable[str] = ()) -> str:
    parts = words(text)
    return _finish(
        "".join([parts[0], *(w[:1].upper() + w[1:] for w in parts[1:])]) if parts else "", "n", fallback, reserved
    )


def upper(text: str, *, fallback: str = "EMPTY", reserved: Iterable[str] = ()) -> str:
    return _finish("_".join(words(text)).upper(), "V_", fallback, reserved)


def enum_member(value: str | int, reserved: Iterable[str] = ()) -> str:
    """An enum member's name: its value in UPPER_CASE; an integer's `VALUE_<n>` (`VALUE_MINUS_<n>`)."""
    if isinstance(value, int):
        return upper(f"value_{value}" if value >= 0 else f"value_minus_{-value}")
    return upper(str(value), fallback="EMPTY", reserved=reserved)


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
            while numbered(name, n) in taken:
                n += 1
            result[source] = numbered(name, n)
            taken.add(numbered(name, n))
    return result


def dedupe_reported(
    proposed: list[tuple[str, str]],
    report: Callable[[str, str], None],
    what: str,
    shown: Callable[[str], str] = str,
) -> dict[str, str]:
    """`dedupe`, calling `report(source, message)` for each source that was renamed (rule 5's warning)."""
    result = dedupe(proposed)
    first = dict(proposed)
    for source, name in sorted(result.items()):
        if name != first[source]:
            message = f"{what} {shown(source)!r} would be named {first[source]!r} like another"
            report(source, message + f"; it is named {name!r}")
    return result


def keep_apart(
    names: dict[str, str], order: Iterable[str], taken: Iterable[str], report: Callable[[str, str, str], None]
) -> dict[str, str]:
    """`names` (source -> name, unique among themselves) kept off the names in `taken`, which another
    kind of member holds first (a resource's children before its operations): a source whose name is
    taken is numbered past every name in use, and `report(source, name, new)` is called (rule 5)."""
    used = set(taken)
    out: dict[str, str] = {}
    for source in order:
        name = names[source]
        if name in used:
            n = 2
            while numbered(name, n) in used or numbered(name, n) in names.values():
                n += 1
            report(source, name, numbered(name, n))
            name = numbered(name, n)
        used.add(name)
        out[source] = name
    return out


def escape(name: str, reserved: Iterable[str]) -> str:
    """`name` with a trailing underscore for each time it is reserved (rule 4)."""
    reserved_set = frozenset(reserved)
    while name in reserved_set:
        name += "_"
    return name


def numbered(name: str, n: int) -> str:
    """The `n`th holder of a colliding name (rule 5): `name_2`, `name_3`..."""
    return f"{name}_{n}"


class Namespace:
    """Names handed out one at a time, each unique in this namespace (rule 5).

    `keys` maps a name to what must also be unique (a class name to its
    module's name), so two names that differ only where the key folds them
    together still collide. `on_rename(proposed, given)` reports a collision.
    """

    def __init__(
        self,
        reserved: Iterable[str] = (),
        keys: Callable[[str], str] = lambda name: name,
        on_rename: Callable[[str, str], None] | None = None,
    ) -> None:
        self._reserved = frozenset(reserved)
        self._keys = keys
        self._taken: set[str] = set()
        self._on_rename = on_rename

    def reserve(self, name: str) -> None:
        """Mark a name as taken without handing it out (names given by `dedupe`)."""
        self._taken.add(self._keys(name))

    def claim(self, proposed: str) -> str:
        while proposed in self._reserved:
            proposed += "_"
        name, n = proposed, 2
        while self._keys(name) in self._taken:
            name, n = numbered(proposed, n), n + 1
        self._taken.add(self._keys(name))
        if name != proposed and self._on_rename is not None:
            self._on_rename(proposed, name)
        return name
