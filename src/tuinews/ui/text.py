"""Text helpers for the screen: cell-exact fitting, search-match spans, numbers.

Column widths are counted in terminal cells with :mod:`rich.cells` (the same rules Textual
renders with), so CJK and emoji (two cells) and combining marks (none) never push a
column out of line. Pure functions, no Textual import.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import TypeVar

from rich.cells import cell_len, set_cell_size

from tuinews.i18n import language
from tuinews.store.search import exact_contains, parse_query
from tuinews.text.fold import fold, nfc
from tuinews.text.sanitize import clean_line

ELLIPSIS = "…"
S = TypeVar("S")


def display_line(text: str | None, *, max_len: int = 2000) -> str:
    """One safe display line: no controls or escapes, NFC (so NFD input measures right)."""
    return clean_line(text, max_len=max_len)


def fit(text: str, width: int) -> str:
    """``text`` cut or padded to exactly ``width`` cells, with ``…`` when it was cut."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, width - 1) + ELLIPSIS


def fit_pieces(pieces: list[tuple[str, S]], width: int, pad: S) -> list[tuple[str, S]]:
    """Styled pieces of text cut or padded to exactly ``width`` cells (``…`` when cut).

    Args:
        pieces: Runs of text with their styles, in order.
        width: Cells to fill.
        pad: The style of padding (the ellipsis takes the style of the piece it cuts).
    """
    total = sum(cell_len(t) for t, _s in pieces)
    if total <= width:
        return [*pieces, (" " * (width - total), pad)] if total < width else list(pieces)
    out: list[tuple[str, S]] = []
    limit = max(0, width - 1)
    used = 0
    last = pad
    for text, style in pieces:
        last = style
        w = cell_len(text)
        if used + w <= limit:
            out.append((text, style))
            used += w
            continue
        out.append((set_cell_size(text, limit - used), style))
        break
    if width > 0:
        out.append((ELLIPSIS, last))
    return out


def crop(text: str, width: int) -> str:
    """``text`` cut to at most ``width`` cells (with ``…`` when cut), never padded."""
    if cell_len(text) <= width:
        return text
    return fit(text, width)


def format_count(n: int) -> str:
    """A count with the language's thousands separator: ``1.234`` (vi) or ``1,234`` (en)."""
    text = f"{n:,}"
    return text.replace(",", ".") if language() == "vi" else text


class SearchTerms(tuple[tuple[str, bool], ...]):
    """The folded terms of a query, each with whether it is a prefix (``word*``), and, for an
    exact ("=") query, the terms as typed (:attr:`exact`, one per folded term)."""

    exact: tuple[str, ...] = ()


@lru_cache(maxsize=64)
def search_terms(query: str) -> tuple[tuple[str, bool], ...]:
    """The folded terms a query matches in text, each with whether it is a prefix (``word*``).

    For a query with a leading ``=`` the result is a :class:`SearchTerms` that also keeps the
    terms as typed, so that :func:`match_spans` marks only what the search itself matched.
    """
    q = parse_query(query)
    out: list[tuple[str, bool]] = []
    typed: list[str] = []
    for term in [*q.words, *q.phrases]:
        prefix = term.endswith("*")
        folded = " ".join(fold(term.rstrip("*")).split())
        if folded:
            out.append((folded, prefix))
            typed.append(term)
    terms = SearchTerms(out)
    if q.exact:
        terms.exact = tuple(typed)
    return terms


def _folded_with_owners(text: str) -> tuple[str, list[int]]:
    """``fold(text)`` character by character, with the index in ``text`` of each output char."""
    chars: list[str] = []
    owners: list[int] = []
    for i, ch in enumerate(text):
        f = fold(ch)
        chars.append(f)
        owners.extend([i] * len(f))
    return "".join(chars), owners


def _is_word(ch: str) -> bool:
    return ch.isalnum() or unicodedata.category(ch) == "Mn"


def match_spans(text: str, terms: tuple[tuple[str, bool], ...]) -> list[tuple[int, int]]:
    """Where the search ``terms`` occur in ``text`` as whole words: ``(start, end)`` indexes.

    Matching is on folded text (no diacritics, no case), like the search itself, so
    ``dien bien`` marks "Điện Biên". Terms of an exact ("=") query (a :class:`SearchTerms`
    from :func:`search_terms`) mark only words with the diacritics as typed, as the search
    matches them (:func:`tuinews.store.search.exact_contains`): ``=Đà`` marks "Đà", not "Da".
    """
    if not terms or not text:
        return []
    folded, owners = _folded_with_owners(text)
    exact = terms.exact if isinstance(terms, SearchTerms) else ()
    spans: list[tuple[int, int]] = []
    for index, (term, prefix) in enumerate(terms):
        typed = exact[index] if index < len(exact) else ""
        start = folded.find(term)
        while start != -1:
            end = start + len(term)
            before_ok = start == 0 or not _is_word(folded[start - 1])
            after_ok = prefix or end == len(folded) or not _is_word(folded[end])
            if before_ok and after_ok:
                if prefix:
                    while end < len(folded) and _is_word(folded[end]):
                        end += 1
                s, e = owners[start], owners[end - 1] + 1
                while e < len(text) and unicodedata.category(text[e]) == "Mn":
                    e += 1  # the marks of the last letter (NFD text) belong to the match
                if not typed or exact_contains(nfc(text[s:e]), typed):
                    spans.append((s, e))
            start = folded.find(term, start + 1)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged
