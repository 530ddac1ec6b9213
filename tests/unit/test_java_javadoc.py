"""generator/java/javadoc.py: spec markdown as the HTML of a Javadoc comment, never breaking out of it."""

from __future__ import annotations

import re

import pytest

from generator.escape import javadoc, javatext
from generator.java.javadoc import markdown


def test_paragraphs_the_first_without_a_tag() -> None:
    assert markdown("Lists positions.\n\nEach one\nonce.") == "Lists positions.\n<p>Each one\nonce."


def test_bullet_and_numbered_lists() -> None:
    assert markdown("Kinds:\n\n- one\n- two\n  more") == "Kinds:\n<ul>\n<li>one</li>\n<li>two\nmore</li>\n</ul>"
    assert markdown("1. first\n2) second") == "<ol>\n<li>first</li>\n<li>second</li>\n</ol>"
    assert markdown("* a\n+ b") == "<ul>\n<li>a</li>\n<li>b</li>\n</ul>"


def test_inline_code_bold_emphasis_and_links() -> None:
    text = "Use `a<b>` with **care** and *style*, [the docs](https://example.com/x?a=1&b=2) or <https://e.org>."
    assert markdown(text) == (
        "Use <code>a&#60;b&#62;</code> with <b>care</b> and <em>style</em>, "
        '<a href="https://example.com/x?a=1&amp;b=2">the docs</a> or <a href="https://e.org">https://e.org</a>.'
    )


def test_a_link_target_is_a_uri_javadoc_accepts_and_cannot_end_the_comment() -> None:
    """`@` in a URL (GitHub's `enterprise-server@3.9` links) must not be an entity: javadoc's doclint
    rejects `&#64;` in an href as an invalid URI, which fails the javadoc jar."""
    html = markdown("[JWT](https://docs.github.com/enterprise-server@3.9/apps/x#jwt) [c](https://e.org/a*/b)")
    assert '<a href="https://docs.github.com/enterprise-server%403.9/apps/x#jwt">JWT</a>' in html
    assert '<a href="https://e.org/a%2A/b">c</a>' in html and "*/" not in html


def test_underscores_inside_words_and_lone_stars_stay_text() -> None:
    assert markdown("snake_case_name, 5 * 3 and _em_") == "snake_case_name, 5 &#42; 3 and <em>em</em>"


def test_a_link_that_is_not_http_keeps_only_its_text() -> None:
    assert markdown("[click](javascript:alert) and [rel](/v1/x)") == "click and rel"


def test_fenced_code_is_a_pre_block() -> None:
    assert markdown('Example:\n\n```json\n{"a": [1]}\n```') == 'Example:\n<pre>{@code\n{"a": [1]}\n}</pre>'


def test_fenced_code_that_code_tags_cannot_hold_is_escaped_instead() -> None:
    for code in ["@Override", "a */ b", "}{", "\\u0022", "caf\u00e9", "x < y & z"]:
        html = markdown(f"```\n{code}\n```")
        assert html.startswith("<pre>")
        if any(c in code for c in "@\\\u00e9") or "*/" in code or code == "}{":
            assert "{@code" not in html


def test_headings_and_raw_html_are_text() -> None:
    assert markdown("# Title\n\n<b onclick=x>hi</b>") == "<b>Title</b>\n<p>&#60;b onclick=x&#62;hi&#60;/b&#62;"


def test_javatext_reads_no_markdown() -> None:
    assert javatext("**a** <b> @x */") == "&#42;&#42;a&#42;&#42; &#60;b&#62; &#64;x &#42;/"


HOSTILE = [
    "*/ class Evil { } /*",
    "**/**",
    "`*/`",
    "```\n*/\n```",
    "[x](https://a.b/*/)",
    "<https://a.b/*/>",
    "@Deprecated\n@param x",
    "- @return nothing",
    "{@code x} {@link Y} {@inheritDoc}",
    "\\u002a\\u002f \\u000a",
    "\u2028 \u0085 \r\n \r \x00 \x1b \ud800",
    "` unclosed ** and * and [ and ](",
    "```\nnever closed */",
    "<!-- --> <![CDATA[ ]]> &amp; &#42;",
    "    indented */ code @x",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_cannot_leave_the_comment(text: str) -> None:
    for html in (javadoc(text), javatext(text)):
        assert "*/" not in html
        assert "@" not in html.replace("{@code\n", "")
        assert "\\" not in html
        assert all(c == "\n" or 0x20 <= ord(c) < 0x7F for c in html)
        assert not re.search(r"\{@(?!code\n)", html), "no inline tag but the converter's own"
        for tag in ("ul", "ol", "li", "pre", "code", "b", "em", "a"):
            assert html.count(f"<{tag}>") + html.count(f"<{tag} ") == html.count(f"</{tag}>"), (tag, html)
