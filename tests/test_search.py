"""Search: folding rules, the query language, and results over a real cache."""

from __future__ import annotations

import sqlite3
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from tuinews.i18n import dates, set_language
from tuinews.models import FeedSpec, ParsedEntry, View, ViewKind
from tuinews.store import Store, search
from tuinews.store.db import connect
from tuinews.store.search import (
    compile_query,
    exact_contains,
    exact_index_text,
    parse_query,
    tone_placements,
)
from tuinews.text.fold import fold, index_text
from tuinews.text.html import html_words

VN = timezone(timedelta(hours=7))

# -- folding ------------------------------------------------------------------------------------

_VOWELS = "aăâeêioôơuưy"
_TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
VIETNAMESE_LETTERS = sorted(
    {unicodedata.normalize("NFC", v + t) for v in _VOWELS for t in _TONES}
    | set("đbcdghklmnpqrstvx")
)
"""Every lower-case letter of Vietnamese, tone marks included (134 vowels, 17 consonants)."""


def test_every_vietnamese_letter_folds_to_ascii() -> None:
    assert len(VIETNAMESE_LETTERS) == 12 * 6 + 17
    for letter in VIETNAMESE_LETTERS + [c.upper() for c in VIETNAMESE_LETTERS]:
        folded = fold(letter)
        assert folded.isascii() and folded.isalpha() and folded == folded.lower(), letter
        assert fold(unicodedata.normalize("NFD", letter)) == folded


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Điện Biên", "dien bien"),
        ("ĐẢNG ỦY", "dang uy"),
        ("đđĐĐ", "dddd"),
        ("hoá", "hóa"),  # old and new tone placement
        ("thuỷ", "thủy"),
        ("Khoẻ", "khỏe"),
        ("quý", "qúy"),
        (unicodedata.normalize("NFD", "Nguyễn Thị Hường"), "nguyen thi huong"),
        ("Ðà Nẵng", "da nang"),  # U+00D0 ETH, sometimes typed for Đ
    ],
)
def test_fold_equates(a: str, b: str) -> None:
    assert fold(a) == fold(b)


def test_fold_keeps_distinct_words_apart_and_leaves_other_text() -> None:
    assert fold("Huế") != fold("Hà")
    assert fold("COVID-19, 2026!") == "covid-19, 2026!"
    assert fold("") == fold(None) == ""


def test_index_tokenizer_agrees_with_fold_on_every_letter() -> None:
    """The FTS5 tokenizer folds the index; :func:`fold` folds the query: they must agree."""
    conn = sqlite3.connect(":memory:")
    conn.execute(
        "CREATE VIRTUAL TABLE t USING fts5 (x, tokenize = 'unicode61 remove_diacritics 2')"
    )
    words = [f"t{letter}n" for letter in VIETNAMESE_LETTERS]
    words += [w.upper() for w in words] + ["Nghiêng", "ĐƯỜNG", "thuở", "khuỷu", "Nguyễn"]
    for rowid, word in enumerate(words, 1):
        conn.execute("INSERT INTO t (rowid, x) VALUES (?, ?)", (rowid, index_text(word)))
    for rowid, word in enumerate(words, 1):
        hits = [
            r[0] for r in conn.execute("SELECT rowid FROM t WHERE t MATCH ?", (f'"{fold(word)}"',))
        ]
        assert rowid in hits, word
    conn.close()


def test_tone_placements() -> None:
    assert tone_placements("hoá") == {"hoá", "hóa"}
    assert tone_placements("thủy") == {"thủy", "thuỷ"}
    assert tone_placements("Nẵng") == {"Nẵng"}
    assert tone_placements("Da") == {"Da"}
    assert tone_placements(unicodedata.normalize("NFD", "khoẻ")) == {"khoẻ", "khỏe"}


@pytest.mark.parametrize(
    ("haystack", "needle", "found"),
    [
        ("Thành phố Đà Nẵng", "Đà", True),
        ("THÀNH PHỐ ĐÀ NẴNG", "đà nẵng", True),  # case ignored
        ("Ngành da giày", "Đà", False),
        ("Dạ tiệc", "Đà", False),
        ("Anh Đào kể", "Đà", False),  # whole words only
        ("Công trình hóa chất", "hoá", True),  # tone placement ignored
        ("Công trình hóa chất", "hoá chất", True),
        ("Đà-Nẵng", "Đà Nẵng", True),  # separators are loose, as in the index
        ("Nẵng Đà", "Đà Nẵng", False),  # order kept
        ("<p>Đà</p>", "Đà", True),
        ("", "Đà", False),
        (None, "Đà", False),
    ],
)
def test_exact_contains(haystack: str | None, needle: str, found: bool) -> None:
    assert exact_contains(haystack, needle) is found


# -- parsing ------------------------------------------------------------------------------------


def test_parse_words_phrases_exclusions() -> None:
    q = parse_query('dien bien "le hoi hoa" -covid -"tai nan" du*')
    assert q.words == ["dien", "bien", "du*"]
    assert q.phrases == ["le hoi hoa"]
    assert q.excluded == ["covid", "tai nan"]
    assert not q.exact and q.errors == []


def test_parse_keys() -> None:
    q = parse_query('Feed:vnexpress -feed:"tuoi tre" CATEGORY:"the gioi" -cat:xe unread starred')
    assert q.feeds == ["vnexpress"] and q.excluded_feeds == ["tuoi tre"]
    assert q.categories == ["the gioi"] and q.excluded_categories == ["xe"]
    assert q.unread and q.starred and q.words == []
    assert parse_query('"unread" -starred').phrases == ["unread"]  # quoted: a word to find
    assert parse_query('"unread" -starred').excluded == ["starred"]
    assert parse_query("10:30 https://x.vn").words == ["10:30", "https://x.vn"]


@pytest.fixture
def vietnam_time() -> Iterator[None]:
    dates.set_timezone("Asia/Ho_Chi_Minh")
    yield
    dates.set_timezone(None)


@pytest.mark.usefixtures("vietnam_time")
def test_parse_since_in_the_display_zone() -> None:
    midnight = datetime(2026, 1, 31, tzinfo=VN)
    for text in ("since:2026-01-31", "since:31/01/2026", "since:31/1/2026", "SINCE:31.1.2026"):
        assert parse_query(text).since == midnight, text
    assert parse_query("since:2026-02").since == datetime(2026, 2, 1, tzinfo=VN)
    assert parse_query("-since:2026-01-31").before == midnight


def test_parse_since_junk_is_reported_in_the_language_in_force() -> None:
    q = parse_query("since:hôm-qua dien")
    assert q.since is None and q.words == ["dien"]
    assert q.errors == ["since: wants a date like 2026-01-31 or 31/01/2026, not “hôm-qua”"]
    assert parse_query("since:2026-02-30").errors  # no such day
    set_language("vi")
    try:
        assert parse_query("since:x").errors[0].startswith("since: cần một ngày")
    finally:
        set_language("en")


@pytest.mark.parametrize(
    "junk", ["", "   ", "-", '"', '""', '-""', "- -", "=", "==", "*", "feed:", '"  "', "…", "-- !"]
)
def test_junk_matches_nothing_without_errors(junk: str) -> None:
    q = parse_query(junk)
    assert (q.words, q.phrases, q.excluded, q.feeds, q.errors) == ([], [], [], [], [])
    assert compile_query(junk).conditions == ["0"]


def test_unbalanced_quote_runs_to_the_end() -> None:
    q = parse_query('kinh te "dien bien phu')
    assert q.words == ["kinh", "te"] and q.phrases == ["dien bien phu"]


def test_exact_mode() -> None:
    q = parse_query("  =Đà Nẵng -Dạ")
    assert q.exact and q.words == ["Đà", "Nẵng"] and q.excluded == ["Dạ"]
    assert q.exact_terms == ["Đà", "Nẵng"]
    q = parse_query(unicodedata.normalize("NFD", '="Điện Biên" hoá'))
    assert q.exact_terms == ["Điện Biên", "hoá"]  # NFC from here on
    assert not parse_query("Đà =Nẵng").exact


def test_fts_match_is_always_quoted() -> None:
    """Operators and quotes typed by the user never reach FTS5 as syntax."""
    c = compile_query('NOT AND OR NEAR(a b) x"y col:z -"q')
    assert c.args[0] == (
        '("not" AND "and" AND "or" AND "near a" AND "b" AND "x y" AND "col z") NOT "q"'
    )


# -- results over a real cache --------------------------------------------------------------------


@dataclass
class Cache:
    store: Store
    path: Path
    ids: dict[str, int]
    """Article key → id."""

    def keys(self, query: str) -> set[str]:
        by_id = {v: k for k, v in self.ids.items()}
        return {by_id[r.id] for r in self.store.search(query, limit=1000)}

    def sql_keys(self, query: str, conn: sqlite3.Connection, **kw: bool) -> set[str]:
        c = compile_query(query, **kw)
        rows = conn.execute(
            f"SELECT a.id FROM articles a WHERE {' AND '.join(c.conditions)}", c.args
        )
        by_id = {v: k for k, v in self.ids.items()}
        return {by_id[r[0]] for r in rows}


def _at(y: int, m: int, d: int, h: int = 9) -> datetime:
    return datetime(y, m, d, h, tzinfo=VN).astimezone(UTC)


HTML = "<p>Công trình <b>hóa chất</b> và thuỷ lợi ở Lai Châu</p>"
ARTICLES = {
    # key: (feed, title, summary, html, published)
    "dienbien": ("vne", "Điện Biên đón khách du lịch", "Tỉnh Điện Biên", "", _at(2026, 3, 1)),
    "danguy": ("vne", "Đảng ủy tỉnh họp bàn kinh tế", "Hội nghị ở Sơn La", "", _at(2026, 2, 1, 0)),
    "thuydien": ("vne", "Thủy điện Lai Châu", "", HTML, _at(2025, 12, 31)),
    "dalat": ("tt", "Lễ hội hoa Đà Lạt", "Mùa hoa dã quỳ", "", _at(2026, 1, 15)),
    "dagiay": ("tt", "Da giày xuất khẩu tăng", "Ngành da giày", "", _at(2026, 1, 10)),
    "datiec": ("tt", "Dạ tiệc từ thiện", "Một đêm dạ hội", "", _at(2026, 1, 5)),
    "covid": ("en", "Covid news roundup", "COVID-19 cases in Da Nang", "", _at(2026, 1, 2)),
    "danang": (
        "vne",
        "Cầu Rồng phun lửa",
        "",
        "<p>Thành phố <i>Đà Nẵng</i> về đêm</p>",
        _at(2026, 3, 2),
    ),
    "dao": ("tt", "Anh Đào kể chuyện", "Dạ, thưa ông", "", _at(2026, 1, 3)),
    "biengioi": ("vne", "Biên giới Điện Biên", "Bảo vệ biên cương", "", _at(2026, 1, 20)),
}
FEEDS = {
    "vne": FeedSpec(
        url="https://vnexpress.net/rss/thoi-su.rss",
        title="VnExpress – Thời sự",
        category="Trong nước",
    ),
    "tt": FeedSpec(
        url="https://tuoitre.vn/rss/the-gioi.rss", title="Tuổi Trẻ – Thế giới", category="Thế giới"
    ),
    "en": FeedSpec(url="https://example.org/en.xml", title="World News"),
}


@pytest.fixture
def cache(tmp_path: Path, vietnam_time: None) -> Iterator[Cache]:
    path = tmp_path / "search.db"
    store = Store(path)
    feed_ids = dict(zip(FEEDS, store.sync_feeds(list(FEEDS.values())), strict=True))
    ids: dict[str, int] = {}
    for key, (feed, title, summary, html, published) in ARTICLES.items():
        entry = ParsedEntry(
            title=title,
            guid=key,
            link=f"https://example.test/{key}",
            summary=summary,
            content_html=html,
            content_text=html_words(html) if html else "",
            published=published,
        )
        res = store.store_entries(feed_ids[feed], [entry])
        assert res.new_ids
        ids[key] = res.new_ids[0]
    try:
        yield Cache(store, path, ids)
    finally:
        store.close()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("dien bien", {"dienbien", "biengioi"}),
        ("ĐIỆN BIÊN", {"dienbien", "biengioi"}),
        (unicodedata.normalize("NFD", "điện biên"), {"dienbien", "biengioi"}),
        ("dang uy", {"danguy"}),
        ("son la", {"danguy"}),  # in the summary
        ("hoá chất", {"thuydien"}),  # in the HTML body only; old tone placement
        ("hóa chất", {"thuydien"}),
        ("thủy", {"thuydien"}),
        ("thuy loi", {"thuydien"}),
        ("Ðà Lạt", {"dalat"}),  # typed with U+00D0
        ('"bien gioi"', {"biengioi"}),
        ('"gioi bien"', set()),  # a phrase keeps its order
        ('"dien bien', {"dienbien", "biengioi"}),  # unbalanced quote
        ("- dien", {"dienbien", "thuydien", "biengioi"}),  # a lone "-" is ignored
        ("dien bien -du", {"biengioi"}),
        ('dien bien -"du lich"', {"biengioi"}),
        ('dien bien -"lich du"', {"dienbien", "biengioi"}),
        ("-covid -da -dien -hoa", {"danguy"}),  # only exclusions
        ("ki*", {"danguy"}),  # prefix
        ("covid-19", {"covid"}),
        ("feed:vnexpress", {"dienbien", "danguy", "thuydien", "danang", "biengioi"}),
        ('feed:"tuoi tre"', {"dalat", "dagiay", "datiec", "dao"}),
        ("feed:EXAMPLE.org", {"covid"}),  # in the address
        ("da -feed:vnexpress", {"dalat", "dagiay", "datiec", "covid", "dao"}),
        ('category:"the gioi" da', {"dalat", "dagiay", "datiec", "dao"}),
        ("cat:trong dien", {"dienbien", "thuydien", "biengioi"}),
        ('-category:"the gioi" da', {"danang", "covid"}),  # keeps feeds with no category
        ("since:2026-02-01", {"dienbien", "danguy", "danang"}),  # midnight is included
        ("since:1/3/2026", {"dienbien", "danang"}),
        ("dien -since:2026-01-01", {"thuydien"}),
        ("dien since:2026-01-01 -since:2026-02-01", {"biengioi"}),
        ("since:junk", set()),
        ("xylophone", set()),
        ("", set()),
    ],
)
def test_search_results(cache: Cache, query: str, expected: set[str]) -> None:
    assert cache.keys(query) == expected


def test_unread_and_starred(cache: Cache) -> None:
    cache.store.set_read([cache.ids["dienbien"], cache.ids["dalat"]])
    cache.store.set_starred(cache.ids["dalat"], True)
    cache.store.set_starred(cache.ids["biengioi"], True)
    assert cache.keys("dien bien unread") == {"biengioi"}
    assert cache.keys("starred") == {"dalat", "biengioi"}
    assert cache.keys("starred unread") == {"biengioi"}
    assert cache.keys("starred hoa") == {"dalat"}
    assert cache.keys("da unread feed:tuoi") == {"dagiay", "datiec", "dao"}


def test_pages_and_counts_agree(cache: Cache) -> None:
    cache.store.set_read([cache.ids["dienbien"]])
    for query in ("da", "dien bien", "-covid", "feed:vnexpress unread", "since:2026-01-01"):
        view = View(ViewKind.SEARCH, query=query)
        hits = [r.id for r in cache.store.search(query, limit=1000)]
        page = cache.store.headlines_page(view, 1, page_size=2)
        assert page.total_items == len(hits), query
        assert [r.id for r in page.items] == hits[:2], query  # newest first
        if len(hits) > 2:
            rest = cache.store.headlines_page(view, 2, page_size=2, near=page)
            assert [r.id for r in rest.items] == hits[2:4], query
        unread = cache.store.headlines_page(view, 1, page_size=100, unread_only=True)
        assert [r.id for r in unread.items] == [i for i in hits if i != cache.ids["dienbien"]]


def test_exact_mode_with_the_current_contains_exact(cache: Cache) -> None:
    assert cache.keys("=Đà") >= {"dalat", "danang"}
    assert cache.keys("=Đà").isdisjoint({"dagiay", "datiec", "covid"})  # not "Da", "Dạ"
    assert cache.keys("=Da") == {"dagiay", "covid"}  # not "Đà", "Dạ", "dã"
    assert cache.keys("=Dạ") == {"datiec", "dao"}
    assert cache.keys("=Đà Nẵng") == {"danang"}  # in the HTML body only
    assert cache.keys("=Điện Biên -du") == {"biengioi"}
    assert cache.keys("=dien") == set()


EXACT_CASES = [
    ("=Đà", {"dalat", "danang"}),  # not "Đào", though its article has "Dạ"
    ("=đà", {"dalat", "danang"}),
    ("=ĐÀ NẴNG", {"danang"}),
    ("=Da", {"dagiay", "covid"}),
    ("=hoá", {"thuydien"}),  # the text has "hóa"
    ("=thuỷ lợi", {"thuydien"}),
    ('="Điện Biên"', {"dienbien", "biengioi"}),
    ('="Biên Điện"', set()),
    ("=Đà -Lạt", {"danang"}),
    ("=Đà -Dạ", {"dalat", "danang"}),
    ("=Dạ -Đào", {"datiec"}),
    ('=-"Đà Lạt" -Dạ -covid', {"danguy", "thuydien", "dagiay", "danang", "dienbien", "biengioi"}),
    ("=Đà feed:vnexpress", {"danang"}),
    ("=Lạ*", {"dalat"}),
]


@pytest.mark.parametrize(("query", "expected"), EXACT_CASES)
def test_exact_mode_with_the_exact_index(cache: Cache, query: str, expected: set[str]) -> None:
    conn = connect(cache.path)
    conn.execute(search.EXACT_SCHEMA)
    rows = conn.execute("SELECT id, title, summary, content_html FROM articles").fetchall()
    for aid, title, summary, html in rows:
        text = exact_index_text(title, summary, html_words(html) if html else "")
        conn.execute(f"INSERT INTO {search.EXACT_TABLE} (rowid, text) VALUES (?, ?)", (aid, text))
    assert cache.sql_keys(query, conn, exact_index=True) == expected
    conn.close()


@pytest.mark.parametrize(("query", "expected"), EXACT_CASES)
def test_exact_mode_row_by_row_with_exact_contains(
    cache: Cache, query: str, expected: set[str]
) -> None:
    """Without the exact index, each candidate row is tested with :func:`exact_contains`."""
    conn = connect(cache.path)
    conn.create_function("contains_exact", 2, exact_contains, deterministic=True)
    assert cache.sql_keys(query, conn) == expected
    conn.close()


def test_exact_mode_whole_words_and_tone_placement_through_the_store(cache: Cache) -> None:
    assert cache.keys("=Đà") == {"dalat", "danang"}
    assert cache.keys("=hoá") == {"thuydien"}


def test_common_search_is_read_in_time_order_without_a_sort(cache: Cache) -> None:
    plan = " | ".join(cache.store.explain_page_query(View(ViewKind.SEARCH, query="dien bien")))
    assert "TEMP B-TREE" not in plan and "USING INTEGER PRIMARY KEY" not in plan, plan


def test_help_lists_the_syntax_the_module_documents() -> None:
    from tuinews.ui.screens.search import syntax_lines

    doc = search.__doc__ or ""
    for example, _meaning in syntax_lines():
        assert example in doc, example
        assert compile_query(example).conditions != ["0"], example
