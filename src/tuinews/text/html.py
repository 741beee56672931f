"""Plain text out of HTML at C speed (regular expressions only, no parser).

For the search index and for length decisions on thousands of feed bodies per fetch, where
building a tree and walking it in Python would cost ten times more. Display goes through the
real converter (:mod:`tuinews.fetch.htmlmd`); this is only ever indexed or measured.
"""

from __future__ import annotations

import html
import re

_DROP = re.compile(
    r"<(script|style|template|noscript|iframe|svg|math)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I
)
_BLOCK = re.compile(
    r"<(?:br|/?(?:p|div|li|h[1-6]|tr|td|th|blockquote|figure|figcaption|ul|ol|table|section|"
    r"article|pre|dd|dt|header|footer))\b[^>]*>",
    re.I,
)
_TAG = re.compile(r"<[^>]*>")
_HSPACE = re.compile(r"[ \t\u00a0\r\f\v]+")
_NL = re.compile(r"\s*\n\s*")


def fast_text(markup: str) -> str:
    """The words of an HTML fragment, one block per line (entities decoded)."""
    if not markup:
        return ""
    if "<" not in markup and "&" not in markup:
        return markup.strip()
    text = _DROP.sub(" ", markup)
    text = _BLOCK.sub("\n", text)
    text = _TAG.sub("", text)
    text = html.unescape(text)
    text = _HSPACE.sub(" ", text)
    return _NL.sub("\n", text).strip()


_DROP_HINTS = (
    "<!--",
    "<script",
    "<style",
    "<SCRIPT",
    "<STYLE",
    "<template",
    "<noscript",
    "<iframe",
    "<svg",
    "<math",
)


def html_words(markup: str) -> str:
    """The words of an HTML body for the search index and length checks (cheapest form).

    Tags become spaces and entities are decoded; line structure and spacing are not kept
    (the index ignores them), which makes this several times faster than :func:`fast_text`.
    """
    if not markup:
        return ""
    if any(hint in markup for hint in _DROP_HINTS):
        markup = _DROP.sub(" ", markup)
    text = _TAG.sub(" ", markup)
    return html.unescape(text) if "&" in text else text
