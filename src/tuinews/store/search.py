"""The search language, compiled to SQL over the folded FTS5 index.

Syntax (the help screen and the search box list the first eight lines, from
``tuinews.ui.screens.search.syntax_lines``)::

    dien bien            every word must match; diacritics and case are ignored
    "le hoi hoa"         a phrase: these words, next to each other, in this order
    -covid               leave out articles with this word (-"a phrase": with this phrase)
    feed:vnexpress       only feeds whose name or address contains this
    category:"the gioi"  only categories whose name contains this
    unread  starred      only unread / only starred articles
    since:2026-01-01     published on or after this day (in the display time zone)
    =Điện Biên           leading "=": words must match with their diacritics, as typed
    du lich*             a word that starts so
    -feed:x -category:x  leave out a feed / a category (feeds with no category stay)
    since:31/01/2026     the same, written day/month/year (also 2026-01 for a month)
    -since:2026-01-01    published before this day

Folding (:func:`tuinews.text.fold.fold`): ``dien bien`` finds "Điện Biên", ``dang uy``
finds "Đảng ủy", ``hoá`` finds "hóa" and ``thuỷ`` "thủy" (old and new tone placement),
NFC and NFD input are the same. Key names are case-insensitive (``cat:`` is short for
``category:``); a word with a colon that is not a key (``10:30``, ``https://…``) is searched
as words; FTS5 operators typed by the user (``NOT``, ``NEAR``, quotes) are only words.

Junk is never an error: an unbalanced quote runs to the end of the query, a lone ``-`` or
``"`` and empty quotes are ignored, and a query with nothing left to search for matches
nothing. Only a ``since:`` that is not a date is reported (:attr:`Query.errors`, in the
language in force), and the rest of the query still runs.

"=" mode: case is still ignored, and so is where the tone mark sits (``=hoá`` finds "hóa"),
but ``=Đà`` finds neither "Da" nor "Dạ" nor "Đào", and ``=Da`` finds only "Da". The folded
index narrows the rows; then either the exact index (:data:`EXACT_TABLE`, when the store
keeps one: ``compile_query(…, exact_index=True)``) or the SQL function ``contains_exact``
(:func:`exact_contains`) on each candidate's text decides.

The SQL is shaped for a large cache (80,000 articles: < 100 ms a query; "=" on common words
only with the exact index; see ``scripts/search_bench.py``): the index's rowids are tested
as a set (``+a.id IN``) while the rows come in time order from a (published, id) index, so
the newest page stops early and a count never reads the large article rows; exclusions go
into the same MATCH; and there is always a range on ``published``, which lets SQLite read
the unread, starred, feed and category filters from their partial or composite indexes.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from tuinews.i18n import _
from tuinews.i18n.dates import start_of_day
from tuinews.text.fold import fold, nfc

_WORD = re.compile(r"[^\W_]+")
"""A word as the FTS5 tokenizer sees one: letters and digits ("_" separates)."""
_KEY = re.compile(r"([^\W\d_]\w*):")
_KEYS = {"feed": "feed", "category": "category", "cat": "category", "since": "since"}
_ISO_DAY = re.compile(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?")
_VN_DAY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")

_MIN_TIME = -(2**63)

EXACT_TABLE = "articles_fts_exact"
"""The optional index for "=" searches: words with their diacritics (case folded), no
positions. Its schema is :data:`EXACT_SCHEMA`; a row holds :func:`exact_index_text`."""
EXACT_SCHEMA = (
    f"CREATE VIRTUAL TABLE {EXACT_TABLE} USING fts5 (text, content = '', detail = none, "
    "tokenize = 'unicode61 remove_diacritics 0')"
)
_FTS = "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?"
_EXACT_FTS = f"SELECT rowid FROM {EXACT_TABLE} WHERE {EXACT_TABLE} MATCH ?"
_BODY = (
    "CASE WHEN a.body != '' THEN a.body WHEN a.content != '' THEN a.content ELSE a.content_html END"
)
"""The text the index holds for the body (see ``store._index_body``)."""


@dataclass(slots=True)
class Query:
    """A parsed search query."""

    words: list[str] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)
    """Words and phrases to leave out."""
    feeds: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    excluded_feeds: list[str] = field(default_factory=list)
    excluded_categories: list[str] = field(default_factory=list)
    unread: bool = False
    starred: bool = False
    since: datetime | None = None
    before: datetime | None = None
    """From ``-since:``: published before this instant."""
    exact: bool = False
    """Leading "=": words and phrases must match with their diacritics as typed."""
    exact_terms: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Compiled:
    """SQL conditions (on ``articles a``) and their arguments."""

    conditions: list[str]
    args: list[Any]


def _tokens(text: str) -> list[tuple[bool, str | None, str, bool]]:
    """``(negated, key, value, quoted)`` for each token of the query text."""
    out: list[tuple[bool, str | None, str, bool]] = []
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        neg = text[i] == "-"
        if neg:
            i += 1
        key: str | None = None
        m = _KEY.match(text, i)
        if m and m.group(1).lower() in _KEYS:
            key = _KEYS[m.group(1).lower()]
            i = m.end()
        if i < n and text[i] == '"':
            end = text.find('"', i + 1)
            end = n if end < 0 else end
            out.append((neg, key, text[i + 1 : end], True))
            i = end + 1
            continue
        start = i
        while i < n and not text[i].isspace():
            i += 1
        out.append((neg, key, text[start:i], False))
    return out


def _day(value: str) -> date | None:
    """A day written ``2026-01-31``, ``2026-01`` or the Vietnamese way ``31/1/2026``."""
    try:
        if m := _ISO_DAY.fullmatch(value):
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3) or 1))
        if m := _VN_DAY.fullmatch(value):
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        return None
    return None


def parse_query(text: str) -> Query:
    """Parse the search box's text into a :class:`Query`."""
    q = Query()
    text = nfc(text.strip())
    if text.startswith("="):
        q.exact = True
        text = text[1:]
    for neg, key, value, quoted in _tokens(text):
        value = value.strip()
        if key == "since":
            day = _day(value)
            try:
                start = start_of_day(day) if day is not None else None
                stamp = int(start.timestamp()) if start is not None else None
            except (OverflowError, ValueError, OSError):  # year 1 or 9999 in some zones
                start = stamp = None
            if start is None or stamp is None:
                q.errors.append(
                    _(
                        "since: wants a date like 2026-01-31 or 31/01/2026, not “{value}”",
                        value=value,
                    )
                )
            elif neg:
                q.before = start
            else:
                q.since = start
            continue
        if not _WORD.search(fold(value)):
            continue  # nothing searchable: a lone "-", empty quotes, punctuation
        if key == "feed":
            (q.excluded_feeds if neg else q.feeds).append(value)
            continue
        if key == "category":
            (q.excluded_categories if neg else q.categories).append(value)
            continue
        if not quoted and not neg and value.lower() in ("unread", "starred"):
            setattr(q, value.lower(), True)
            continue
        if neg:
            q.excluded.append(value)
        elif quoted:
            q.phrases.append(value)
        else:
            q.words.append(value)
        if q.exact and not neg:
            q.exact_terms.append(value)
    return q


def _fts_term(text: str) -> str:
    """An FTS5 string (a phrase when several words) for ``text``; ``word*`` is a prefix."""
    tokens = _WORD.findall(fold(text))
    if not tokens:
        return ""
    star = "*" if text.endswith("*") else ""
    return '"' + " ".join(tokens) + '"' + star


def exact_index_text(title: str, summary: str, body_text: str) -> str:
    """What :data:`EXACT_TABLE` holds for an article: its texts as stored (NFC), one column;
    ``body_text`` is the same text the folded index gets for the body, before folding."""
    return f"{title}\n{summary}\n{body_text}"


# -- exact ("=") matching ---------------------------------------------------------------------

_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
"""Vietnamese tone marks (grave, acute, tilde, hook above, dot below), as combining marks."""
_VOWELS = frozenset("aeiouy")


def tone_placements(word: str) -> set[str]:
    """``word`` (NFC) with its one tone mark on each vowel in turn: ``hoá`` → {hoá, hóa}.

    Old and new Vietnamese spelling put the tone of ``oa``, ``oe``, ``uy`` on different
    vowels; both spellings (and the rarer misplacements) are the same word to a reader.
    A word with no tone mark, or with more than one, is only itself.
    """
    decomposed = unicodedata.normalize("NFD", word)
    tones = [c for c in decomposed if c in _TONES]
    if len(tones) != 1:
        return {nfc(word)}
    base = nfc("".join(c for c in decomposed if c not in _TONES))
    out = {nfc(word)}
    for i, ch in enumerate(base):
        if unicodedata.normalize("NFD", ch)[0].lower() in _VOWELS:
            out.add(nfc(base[: i + 1] + tones[0] + base[i + 1 :]))
    return out


@lru_cache(maxsize=256)
def _exact_pattern(needle: str) -> re.Pattern[str] | None:
    words = _WORD.findall(nfc(needle))
    if not words:
        return None
    parts = [
        "(?:" + "|".join(re.escape(p) for p in sorted(tone_placements(w), key=len)) + ")"
        for w in words
    ]
    end = "" if needle.endswith("*") else r"(?!\w)"
    return re.compile(r"(?<!\w)" + r"[\W_]+".join(parts) + end, re.IGNORECASE)


def exact_contains(haystack: str | None, needle: str | None) -> bool:
    """Whether ``needle``'s words occur in ``haystack`` as whole words, in order, with the
    same diacritics: case and tone placement (``hoá``/``hóa``) ignored, separators loose;
    a ``needle`` ending in ``*`` may end inside a word.

    The SQL function ``contains_exact`` of "=" searches. ``haystack`` is NFC (the store
    keeps every text so).
    """
    if not haystack or not needle:
        return False
    pattern = _exact_pattern(needle)
    return pattern is not None and pattern.search(haystack) is not None


def _exact_sql(term: str) -> tuple[str, list[str]]:
    """The per-row exact test (no exact index): title, summary or body has ``term``."""
    return (
        f"(contains_exact(a.title, ?) OR contains_exact(a.summary, ?) "
        f"OR contains_exact({_BODY}, ?))",
        [term] * 3,
    )


def _exact_fts(term: str) -> str:
    """An FTS5 expression for :data:`EXACT_TABLE`: each word of ``term`` in any of its tone
    placements (that index keeps no positions, so a phrase is its words; the folded index
    checks their order)."""
    words = _WORD.findall(nfc(term).lower())
    star = "*" if term.endswith("*") else ""
    groups = []
    for i, w in enumerate(words):
        tail = star if i == len(words) - 1 else ""
        spellings = sorted(tone_placements(w))
        groups.append("(" + " OR ".join(f'"{v}"{tail}' for v in spellings) + ")")
    return " AND ".join(groups)


# -- compiling ----------------------------------------------------------------------------------


def compile_query(text: str, *, unread_only: bool = False, exact_index: bool = False) -> Compiled:
    """SQL conditions selecting the articles that match ``text``.

    Args:
        text: The query.
        unread_only: Add the unread filter (as ``unread`` in the query does).
        exact_index: The cache has :data:`EXACT_TABLE`: "=" searches use it instead of
            testing each candidate row's text (which reads every matching article).
    """
    q = parse_query(text)
    conds: list[str] = []
    args: list[Any] = []
    positives = [t for t in (_fts_term(w) for w in q.words + q.phrases) if t]
    negatives = [t for t in (_fts_term(w) for w in q.excluded) if t]
    exact_match: list[str] = []
    if q.exact:
        # Exclusions are exact too: a row is left out only if it has the words as typed.
        for term, ex in zip(negatives, q.excluded, strict=True):
            if exact_index and len(_WORD.findall(ex)) == 1:
                exact_match.append(f" NOT {_exact_fts(ex)}")
                continue
            if exact_index:
                test, test_args = f"+a.id IN ({_EXACT_FTS})", [_exact_fts(ex)]
            else:
                test, test_args = _exact_sql(ex)
            conds.append(f"(+a.id NOT IN ({_FTS}) OR NOT {test})")
            args.extend([term, *test_args])
        negatives = []
    if positives:
        # The rowids are tested as a set ("+" keeps SQLite from looking each one up in the
        # table and sorting): the rows come in time order from an index, so the newest page
        # stops early and a count never reads the article rows.
        match = "(" + " AND ".join(positives) + ")" + "".join(f" NOT {t}" for t in negatives)
        conds.append(f"+a.id IN ({_FTS})")
        args.append(match)
    elif negatives:
        conds.append(f"+a.id NOT IN ({_FTS})")
        args.append(" OR ".join(negatives))
    if exact_index and q.exact_terms:
        conds.append(f"+a.id IN ({_EXACT_FTS})")
        args.append(
            "(" + " AND ".join(_exact_fts(t) for t in q.exact_terms) + ")" + "".join(exact_match)
        )
    elif exact_match:
        conds.append(f"+a.id NOT IN ({_EXACT_FTS})")
        args.append(" OR ".join(m.removeprefix(" NOT ") for m in exact_match))
    for value, negated in [(f, False) for f in q.feeds] + [(f, True) for f in q.excluded_feeds]:
        op = "NOT IN" if negated else "IN"
        conds.append(
            f"a.feed_id {op} (SELECT id FROM feeds WHERE instr(fold(title), ?) "
            "OR instr(lower(url), ?))"
        )
        args.extend([fold(value), value.lower()])
    for value in q.categories:
        conds.append("a.category_id IN (SELECT id FROM categories WHERE instr(fold(name), ?))")
        args.append(fold(value))
    for value in q.excluded_categories:
        conds.append(
            "(a.category_id IS NULL OR a.category_id NOT IN "
            "(SELECT id FROM categories WHERE instr(fold(name), ?)))"
        )
        args.append(fold(value))
    if q.before is not None:
        conds.append("a.published < ?")
        args.append(int(q.before.timestamp()))
    if q.unread or unread_only:
        conds.append("a.read = 0")
    if q.starred:
        conds.append("a.starred = 1")
    if not exact_index:
        for term in q.exact_terms:  # last: the costliest test runs on the fewest rows
            test, test_args = _exact_sql(term)
            conds.append(test)
            args.extend(test_args)
    if not conds and q.since is None:
        return Compiled(["0"], [])  # nothing to search for matches nothing
    # Always a range on the time: it lets SQLite read the unread, starred, feed and category
    # filters from their (published, id) indexes instead of counting over the article rows.
    conds.append("a.published >= ?")
    args.append(int(q.since.timestamp()) if q.since is not None else _MIN_TIME)
    return Compiled(conds, args)
