"""The search language, compiled to SQL over the folded FTS5 index.

Syntax (documented in the help screen)::

    dien bien            every word must match (diacritics and case ignored)
    "le hoi hoa"         a phrase
    -covid               exclude a word (or -"a phrase")
    feed:vnexpress       the feed's title or URL contains this (folded)
    category:"the gioi"  the category's name contains this (folded)
    unread  starred      only unread / only starred articles
    since:2026-01-01     published on or after this day (UTC+7)
    =Điện Biên           leading "=": words with diacritics must match exactly as typed

Words are folded (:func:`tuinews.text.fold.fold`) so ``dien bien`` finds "Điện Biên" and
``hoá`` finds "hóa"; the index holds folded text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

from tuinews.text.fold import fold, nfc

_TOKEN = re.compile(r'(-?)(?:(\w+):)?(?:"([^"]*)"?|(\S+))')
_WORD = re.compile(r"\w+", re.UNICODE)
_VN = timezone(timedelta(hours=7))


@dataclass(slots=True)
class Query:
    """A parsed search query."""

    words: list[str] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)
    feeds: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    unread: bool = False
    starred: bool = False
    since: datetime | None = None
    exact: bool = False
    """Leading "=": terms with diacritics must match them as typed."""
    exact_terms: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Compiled:
    """SQL conditions (on ``articles a``) and their arguments."""

    conditions: list[str]
    args: list[Any]


def parse_query(text: str) -> Query:
    """Parse the search box's text into a :class:`Query`."""
    q = Query()
    text = nfc(text.strip())
    if text.startswith("="):
        q.exact = True
        text = text[1:]
    for m in _TOKEN.finditer(text):
        neg, key, quoted, bare = m.group(1), m.group(2), m.group(3), m.group(4)
        value = quoted if quoted is not None else (bare or "")
        if key is not None:
            k = key.lower()
            if k == "feed":
                q.feeds.append(value)
                continue
            if k in ("category", "cat"):
                q.categories.append(value)
                continue
            if k == "since":
                try:
                    q.since = datetime.fromisoformat(value).replace(tzinfo=_VN)
                except ValueError:
                    q.errors.append(f"since: wants a date like 2026-01-01, not {value!r}")
                continue
            # Not a known key: the colon was part of the text.
            value = f"{key}:{value}"
        if quoted is None and not neg and value.lower() in ("unread", "starred"):
            setattr(q, value.lower(), True)
            continue
        if not _WORD.search(fold(value)):
            continue
        if neg:
            q.excluded.append(value)
        elif quoted is not None:
            q.phrases.append(value)
        else:
            q.words.append(value)
        if q.exact and not neg and fold(value) != value.lower():
            q.exact_terms.append(value)
    return q


def _fts_term(text: str, *, prefix_ok: bool = True) -> str:
    tokens = _WORD.findall(fold(text))
    if not tokens:
        return ""
    star = ""
    if prefix_ok and text.endswith("*"):
        star = "*"
    return '"' + " ".join(tokens) + '"' + star


def compile_query(text: str) -> Compiled:
    """SQL conditions selecting the articles that match ``text``."""
    q = parse_query(text)
    conds: list[str] = []
    args: list[Any] = []
    positives = [t for t in (_fts_term(w) for w in q.words + q.phrases) if t]
    if positives:
        conds.append("a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
        args.append(" AND ".join(positives))
    for ex in q.excluded:
        term = _fts_term(ex)
        if term:
            conds.append("a.id NOT IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
            args.append(term)
    for term in q.exact_terms:
        conds.append(
            "(contains_exact(a.title, ?) OR contains_exact(a.summary, ?) "
            "OR contains_exact(a.body, ?) OR contains_exact(a.content, ?))"
        )
        args.extend([term] * 4)
    for f in q.feeds:
        conds.append(
            "a.feed_id IN (SELECT id FROM feeds WHERE instr(fold(title), ?) OR instr(url, ?))"
        )
        args.extend([fold(f), f])
    for c in q.categories:
        conds.append(
            "a.feed_id IN (SELECT f.id FROM feeds f JOIN categories c ON c.id = f.category_id "
            "WHERE instr(fold(c.name), ?))"
        )
        args.append(fold(c))
    if q.unread:
        conds.append("a.read = 0")
    if q.starred:
        conds.append("a.starred = 1")
    if q.since is not None:
        conds.append("a.published >= ?")
        args.append(int(q.since.timestamp()))
    if not conds:
        conds.append("0")  # an empty query matches nothing
    return Compiled(conds, args)
