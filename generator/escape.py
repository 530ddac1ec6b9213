"""How spec text is written into generated files: one filter per context.

Every piece of text copied from a spec reaches a generated file through one
of these functions, chosen by where it lands (a docstring, a string literal, a
comment, Markdown, TOML). Each returns text that cannot close its context or
inject code, whatever the input. The renderer registers them as Jinja filters
and refuses to print spec text that has not passed one (`render._finalize`).
"""

from __future__ import annotations

import json
import keyword
import re
from collections.abc import Iterable

from .ir import SpecValue
from .java.javadoc import escape, markdown

_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# Control characters other than newline and tab, DEL, and lone surrogates.
_DOC_UNSAFE = re.compile("[\\x00-\\x08\\x0b-\\x1f\\x7f\\ud800-\\udfff]")


class UnescapedSpecText(Exception):
    """Spec text reached a template's output without an escaping filter."""


def _escape_char(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xD800 <= code <= 0xDFFF:
        # Not a character: an escape would put it back in `__doc__`, which cannot then be
        # encoded (class creation fails). Its escape's text, shown as text, says what was there.
        return f"\\\\u{code:04x}"
    return f"\\x{code:02x}" if code < 256 else f"\\u{code:04x}"


def docstring(text: object) -> str:
    """Text that is safe between triple double quotes, on any input.

    Backslashes are doubled, quotes that could close the string are escaped,
    and control characters other than newline and tab are written as escapes.
    """
    s = str(text).replace("\r\n", "\n").replace("\r", "\n").strip()
    s = s.replace("\\", "\\\\").replace('"', '\\"')
    s = _DOC_UNSAFE.sub(_escape_char, s)
    s = s.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    # A final quote is spelled \x22: black puts a space before the closing quotes after a
    # quote, ruff does not, and generated files must be stable under both.
    return s[:-2] + "\\x22" if s.endswith('\\"') else s


def pystr(text: object) -> str:
    """A Python string literal with this exact value, in ASCII.

    repr() always yields a valid literal; backslashreplace then spells any
    non-ASCII character as an escape with the same meaning inside it.
    (json.dumps would not do: it writes astral characters as surrogate
    pairs, which Python reads as two lone surrogates.)
    """
    return repr(str(text)).encode("ascii", "backslashreplace").decode("ascii")


def comment(text: object) -> str:
    """One line of text for after a `#`."""
    return " ".join(str(text).split()).encode("ascii", "backslashreplace").decode("ascii")


def _utf8(text: str) -> str:
    """Lone surrogates (possible in JSON) cannot be written as UTF-8."""
    return text.encode("utf-8", "replace").decode("utf-8")


def md(text: object) -> str:
    """Text for Markdown: HTML is shown, not interpreted; table cells stay cells."""
    return _utf8(str(text)).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")


def toml(text: object) -> str:
    """A TOML basic string with this value."""
    out = []
    for c in _utf8(str(text)):
        if c in '"\\':
            out.append("\\" + c)
        elif ord(c) < 32 or ord(c) == 127:
            out.append(f"\\u{ord(c):04x}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def ident(text: object) -> str:
    """An identifier made by the naming rule, checked: anything else is refused."""
    value = str(text)
    if not _IDENT.match(value):
        raise UnescapedSpecText(f"{value!r} is not an identifier")
    return value


def all_identifiers(values: Iterable[object]) -> bool:
    return all(_IDENT.match(str(v)) and not keyword.iskeyword(str(v)) for v in values)


def pyliteral(value: object) -> str:
    """A JSON value from the spec as a Python literal with the same value."""
    data = value.value if isinstance(value, SpecValue) else value
    if isinstance(data, dict):
        return "{" + ", ".join(f"{pyliteral(str(k))}: {pyliteral(v)}" for k, v in data.items()) + "}"
    if isinstance(data, list):
        return "[" + ", ".join(pyliteral(v) for v in data) + "]"
    if isinstance(data, str):
        return pystr(data)
    if isinstance(data, bytes):
        return repr(bytes(data))
    if isinstance(data, bool) or data is None:
        return repr(data)
    if isinstance(data, int):
        return str(int(data))
    if isinstance(data, float) and data == data and data not in (float("inf"), float("-inf")):
        return repr(float(data))
    return "None"


# Java: javac reads `\\uXXXX` escapes before anything else, anywhere in a file,
# so a backslash from the spec is always doubled (a doubled one can no longer
# start an escape), and nothing is written as `\\uXXXX` that could mean a quote,
# a backslash or a line end.
_JAVA_SIMPLE = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def javastr(text: object) -> str:
    """A Java string literal with this exact value, in ASCII.

    Control characters are octal escapes; other non-ASCII characters are
    `\\uXXXX` escapes (surrogate pairs above U+FFFF), which javac reads as the
    characters themselves and which can never be a quote or a line end.
    """
    out = []
    for c in str(text):
        code = ord(c)
        if c in _JAVA_SIMPLE:
            out.append(_JAVA_SIMPLE[c])
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\{code:03o}")
        elif code < 0x80:
            out.append(c)
        elif code > 0xFFFF:
            high, low = 0xD800 + ((code - 0x10000) >> 10), 0xDC00 + ((code - 0x10000) & 0x3FF)
            out.append(f"\\u{high:04x}\\u{low:04x}")
        else:
            out.append(f"\\u{code:04x}")
    return '"' + "".join(out) + '"'


def javadoc(text: object) -> str:
    """Spec text (markdown) as the HTML of a `/** ... */` comment (generator/java/javadoc.py)."""
    return markdown(str(text).strip())


def javatext(text: object) -> str:
    """Plain text inside a `/** ... */` comment or an HTML element of one, no markdown read."""
    return escape(str(text))


def javacomment(text: object) -> str:
    """One line for after `//`: ASCII, with backslashes doubled so none starts a Unicode escape."""
    return comment(text).replace("\\", "\\\\")


def xml(text: object) -> str:
    """Text for an XML element or attribute value."""
    s = _utf8(str(text))
    s = "".join(c if c in "\t\n\r" or ord(c) >= 0x20 else " " for c in s)
    return (
        s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace("'", "&apos;")
    )


def javajson(value: object) -> str:
    """A Java string literal holding a spec value as JSON text, for `Json.parse(...)`."""
    data = value.value if isinstance(value, SpecValue) else value
    return javastr(json.dumps(data, sort_keys=True, ensure_ascii=True))


FILTERS = {
    "pyliteral": pyliteral,
    "docstring": docstring,
    "pystr": pystr,
    "comment": comment,
    "md": md,
    "toml": toml,
    "ident": ident,
    "all_identifiers": all_identifiers,
    "javastr": javastr,
    "javadoc": javadoc,
    "javatext": javatext,
    "javacomment": javacomment,
    "javajson": javajson,
    "xml": xml,
}
