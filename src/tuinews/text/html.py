"""Plain text out of HTML at C speed (regular expressions only, no parser).

For the search index and for length decisions on thousands of feed bodies per fetch, where
building a tree and walking it in Python would cost ten times more. Display goes through the
real converter (:mod:`tuinews.fetch.htmlmd`); this is only ever indexed or measured.
"""

from __future__ import annotations

import html
import re

from tuinews.text.sanitize import strip_controls

_DROP = re.compile(
    r"<(script|style|template|noscript|iframe|svg|math)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I
)
_BLOCK = re.compile(
    r"<(?:br|/?(?:p|div|li|h[1-6]|tr|td|th|blockquote|figure|figcaption|ul|ol|table|section|"
    r"article|pre|dd|dt|header|footer))\b[^>]*>",
    re.I,
)
_TAG = re.compile(r"<[^>]*>")
# Spelt out case by case rather than with re.I, so that the scan can jump from "<" to "<".
_DROP_HINT = re.compile(
    r"<(?:!--|(?:[sS](?:[cC][rR][iI][pP][tT]|[tT][yY][lL][eE]|[vV][gG])"
    r"|[tT][eE][mM][pP][lL][aA][tT][eE]|[nN][oO][sS][cC][rR][iI][pP][tT]"
    r"|[iI][fF][rR][aA][mM][eE]|[mM][aA][tT][hH])\b)"
)


def fast_text(markup: str, *, limit: int | None = None) -> str:
    """The words of an HTML fragment, one block per line (entities decoded).

    Args:
        markup: HTML (or plain text, returned stripped).
        limit: Read only about this many characters of ``markup`` (enough for a summary).
    """
    if not markup:
        return ""
    if has_hidden_parts(markup):
        # Before any cut: a script cut in half would no longer be recognised as one.
        markup = _DROP.sub(" ", markup)
    if limit is not None and len(markup) > limit:
        markup = markup[:limit]
        lt = markup.rfind("<")
        if lt > markup.rfind(">"):
            markup = markup[:lt]  # a tag cut in half
    if "<" not in markup and "&" not in markup:
        return markup.strip()
    text = _BLOCK.sub("\n", markup)
    text = _TAG.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def html_words(markup: str) -> str:
    """The words of an HTML body for the search index and length checks (cheapest form).

    Tags become spaces and entities are decoded; line structure and spacing are not kept
    (the index ignores them), and the rare script or style in a feed body is indexed as
    words rather than searched for: this runs over every body of every fetch.
    """
    if not markup:
        return ""
    text = _TAG.sub(" ", markup)
    if "&" not in text:
        return text
    # A numeric reference can name a control or bidi character ("&#8238;"): those go.
    refs = "&#" in text
    text = html.unescape(text)
    return strip_controls(text) if refs else text


def has_hidden_parts(markup: str) -> bool:
    """Whether HTML has parts that are never shown (comments, scripts, styles, templates...)."""
    return _DROP_HINT.search(markup) is not None


def visible_length(words: str) -> int:
    """Characters of ``words`` (from :func:`html_words`) that are not spaces or line breaks."""
    spaces = sum(words.count(c) for c in " \n\t\r\xa0")
    return len(words) - spaces


def visible_longer_than(words: str, limit: int) -> bool:
    """``visible_length(words) > limit``, mostly decided on a prefix (bodies run long)."""
    if len(words) <= limit:
        return False
    head = words[: 2 * limit]
    return visible_length(head) > limit or (
        len(head) < len(words) and visible_length(words) > limit
    )
