"""Spec text (CommonMark-ish markdown) as the HTML inside a `/** ... */` comment.

Paragraphs, bullet and numbered lists, headings (as bold paragraphs), block
quotes (as paragraphs), fenced and indented code blocks, `code`, **bold**,
*emphasis*, [links](https://...) and <https://...> autolinks. Everything else
the text holds is text: HTML in it is escaped, never passed through.

Whatever the text, the result is ASCII, cannot end the comment (`*/`), start a
block or inline tag (`@`), or hold a Unicode escape javac would read (a
backslash); non-ASCII characters are character references. The HTML it writes
is balanced, so `javadoc -Xdoclint:all` accepts it.
"""

from __future__ import annotations

import re

__all__ = ["escape", "markdown"]


def escape(text: object) -> str:
    """Plain text for inside a comment, and inside an HTML element of one: no markdown read."""
    out: list[str] = []
    for c in str(text).replace("\r\n", "\n").replace("\r", "\n"):
        code = ord(c)
        if c in "&<>@\\*":
            out.append(f"&#{code};")
        elif c == "\n":
            out.append("\n")
        elif code < 0x20 or code == 0x7F or 0xD800 <= code <= 0xDFFF:
            out.append(" ")
        elif code < 0x80:
            out.append(c)
        else:
            out.append(f"&#{code};")
    return "".join(out)


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_BULLET = re.compile(r"^ {0,3}[-*+][ \t]+(.*)$")
_NUMBER = re.compile(r"^ {0,3}\d{1,9}[.)][ \t]+(.*)$")
_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)[ \t#]*$")
_RULE = re.compile(r"^ {0,3}([-*_])([ \t]*\1){2,}[ \t]*$")
_QUOTE = re.compile(r"^ {0,3}> ?")
_URL = re.compile(r"^(https?://|mailto:)[^\s<>\"'`]+$", re.IGNORECASE)


def markdown(text: object) -> str:
    """The HTML of markdown `text`, for a Javadoc comment (lines joined by `\\n`)."""
    lines = str(text).replace("\r\n", "\n").replace("\r", "\n").expandtabs(4).strip("\n").split("\n")
    blocks: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        fence = _FENCE.match(line)
        if fence:
            end = i + 1
            while end < len(lines) and not lines[end].strip().startswith(fence.group(1)):
                end += 1
            blocks.append(_pre(lines[i + 1 : end]))
            i = end + 1
            continue
        if line.startswith("    ") and not blocks:
            end = i
            while end < len(lines) and (lines[end].startswith("    ") or not lines[end].strip()):
                end += 1
            blocks.append(_pre([x[4:] for x in lines[i:end]]))
            i = end
            continue
        if _RULE.match(line):
            i += 1
            continue
        heading = _HEADING.match(line)
        if heading:
            blocks.append("<p><b>" + _inline(heading.group(1)) + "</b>")
            i += 1
            continue
        if _BULLET.match(line) or _NUMBER.match(line):
            i = _list(lines, i, blocks)
            continue
        paragraph = []
        while i < len(lines) and lines[i].strip() and not _starts_block(lines[i]):
            paragraph.append(_QUOTE.sub("", lines[i]).strip())
            i += 1
        if not paragraph:  # a line that only looks like a block's start
            paragraph.append(lines[i].strip())
            i += 1
        body = _inline("\n".join(paragraph))
        blocks.append(body if not blocks else "<p>" + body)
    if blocks and blocks[0].startswith("<p>"):
        blocks[0] = blocks[0][3:]
    return "\n".join(blocks)


def _starts_block(line: str) -> bool:
    return bool(_FENCE.match(line) or _BULLET.match(line) or _NUMBER.match(line) or _HEADING.match(line))


def _list(lines: list[str], i: int, blocks: list[str]) -> int:
    ordered = bool(_NUMBER.match(lines[i])) and not _BULLET.match(lines[i])
    marker = _NUMBER if ordered else _BULLET
    items: list[list[str]] = []
    while i < len(lines):
        line = lines[i]
        found = marker.match(line) or (_BULLET.match(line) if line.startswith("  ") else None)
        if found:
            items.append([found.group(1).strip()])
        elif line.strip() and items and (line.startswith(" ") or not _starts_block(line)):
            items[-1].append(line.strip())
        elif not line.strip() and i + 1 < len(lines) and marker.match(lines[i + 1]):
            pass  # a loose list: the blank line between items
        else:
            break
        i += 1
    tag = "ol" if ordered else "ul"
    body = "\n".join(f"<li>{_inline(chr(10).join(item))}</li>" for item in items)
    blocks.append(f"<{tag}>\n{body}\n</{tag}>")
    return i


def _pre(code: list[str]) -> str:
    text = "\n".join(code)
    safe = (
        all(0x20 <= ord(c) < 0x7F or c == "\n" for c in text)
        and not any(c in text for c in "@\\")
        and "*/" not in text
        and _balanced(text)
        and text.strip()
    )
    if safe:
        return "<pre>{@code\n" + text + "\n}</pre>"
    return "<pre>" + escape(text) + "</pre>"


def _balanced(text: str) -> bool:
    depth = 0
    for c in text:
        depth += {"{": 1, "}": -1}.get(c, 0)
        if depth < 0:
            return False
    return depth == 0


_CODE = re.compile(r"(`+)(.+?)\1", re.DOTALL)
_LINK = re.compile(r"\[([^\[\]\n]+)\]\(\s*<?([^()\s<>]+)>?(?:\s+\"[^\"\n]*\")?\s*\)")
_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^\s<>]+)>", re.IGNORECASE)
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", re.DOTALL)
_EM = re.compile(
    r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])|(?<![\w_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])", re.DOTALL
)
_HOLE = re.compile("\x00(\\d+)\x00")


def _inline(text: str) -> str:
    """One block's text: code spans and links set aside, the rest escaped, then emphasis."""
    held: list[str] = []

    def hold(html: str) -> str:
        held.append(html)
        return f"\x00{len(held) - 1}\x00"

    text = text.replace("\x00", " ")
    text = _CODE.sub(lambda m: hold("<code>" + escape(m.group(2).strip() or m.group(2)) + "</code>"), text)
    text = _AUTOLINK.sub(lambda m: hold(_link(m.group(1), escape(m.group(1)))), text)
    text = _LINK.sub(lambda m: hold(_link(m.group(2), _emphasis(_escape_text(m.group(1))))), text)
    text = _emphasis(_escape_text(text))
    while _HOLE.search(text):  # a link's label may hold a code span
        text = _HOLE.sub(lambda m: held[int(m.group(1))], text)
    return text


def _escape_text(text: str) -> str:
    """`escape`, but leaving `*` and `_` for emphasis (and the placeholders alone)."""
    return "".join(c if c in "*\x00" else escape(c) for c in text)


def _emphasis(text: str) -> str:
    text = _STRONG.sub(lambda m: f"<b>{m.group(2)}</b>", text)
    text = _EM.sub(lambda m: f"<em>{m.group(1) or m.group(2)}</em>", text)
    return text.replace("*", "&#42;")


def _link(url: str, label: str) -> str:
    if not _URL.match(url):
        return label
    return f'<a href="{_href(url)}">{label}</a>'


_HREF_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:/?#[]!$'()+,;=%")


def _href(url: str) -> str:
    """A link target javadoc's URI check accepts: `&` as `&amp;`, anything else unsafe percent-encoded
    (`@`, which could start a tag, and `*`, which could end the comment, included)."""
    out = []
    for c in url:
        if c in _HREF_SAFE:
            out.append(c)
        elif c == "&":
            out.append("&amp;")
        else:
            out.extend(f"%{b:02X}" for b in c.encode("utf-8"))
    return "".join(out)
