"""The hostile corpus through the parser and into a store: bounded, clean, sensible."""

from __future__ import annotations

import time
import tracemalloc
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.hostile import corpus as hc
from tests.hostile.checks import scan_database
from tuinews.errors import ParseError
from tuinews.fetch.parse import DEFAULT_MAX_ITEMS, parse_feed
from tuinews.models import FeedSpec, ParsedFeed, View, ViewKind
from tuinews.store import Store
from tuinews.text.sanitize import clean_xml_bytes, is_safe

CASES = hc.corpus()
LINE_FIELDS = ("title", "link", "guid", "author", "image_url", "image_caption")
BLOCK_FIELDS = ("summary", "content", "content_html", "content_text")


def assert_parsed_safe(feed: ParsedFeed) -> None:
    assert is_safe(feed.title) and is_safe(feed.link)
    for e in feed.entries:
        for name in LINE_FIELDS:
            assert is_safe(getattr(e, name)), (name, getattr(e, name)[:100])
        for name in BLOCK_FIELDS:
            assert is_safe(getattr(e, name), block=True), (name, getattr(e, name)[:100])
        for name in ("title", "summary"):
            # Nothing of an escape sequence's payload is left as text.
            value = getattr(e, name)
            for leftover in ("[31m", "52;c;", "]8;;", "Gf=100", "+q544e", "cm0gLXJm"):
                assert leftover not in value, (name, value[:200])
        assert e.link == "" or e.link.startswith(("http://", "https://"))


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_hostile_document_is_parsed_or_refused_in_bounded_time_and_memory(
    case: hc.Case,
) -> None:
    tracemalloc.start()
    started = time.perf_counter()
    try:
        result: ParsedFeed | ParseError = parse_feed(
            case.body, url="https://h.example/feed", content_type=case.content_type
        )
    except ParseError as exc:
        result = exc
    finally:
        took = time.perf_counter() - started
        _size, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert took < 5, took
    assert peak < max(80 * len(case.body), 60_000_000), peak
    if isinstance(result, ParseError):
        assert case.expect in ("error", "either"), (case.name, str(result))
        message = str(result)
        assert message and "\n" not in message and is_safe(message) and len(message) < 300
        assert case.reason in message
        return
    assert case.expect in ("ok", "either"), case.name
    assert len(result.entries) >= case.min_items, (case.name, len(result.entries))
    assert_parsed_safe(result)


def test_escapes_in_every_field_leave_the_text_around_them() -> None:
    for doc in (
        hc.rss_doc(hc.escape_items("r")),
        hc.rss_doc(hc.escape_items("r"), encode="refs"),
        hc.atom_doc(hc.escape_items("r")),
        hc.json_doc(hc.escape_items("r")),
    ):
        feed = parse_feed(doc.encode(), url="https://h.example/")
        titles = {e.guid or e.link: e for e in feed.entries}
        csi = next(e for e in feed.entries if e.title.startswith("r csi"))
        assert csi.title == "r csi AREDB", feed.parser
        osc = next(e for e in feed.entries if e.title.startswith("r osc52 "))
        assert osc.title == "r osc52 AB" and "Tóm tắt" in osc.summary
        bidi = next(e for e in feed.entries if e.title.startswith("r bidi"))
        assert bidi.title == "r bidi Agnp.exeB"
        # Markup and the RTL title arrive as plain text.
        assert {m for m in hc.MARKUP} <= {e.title for e in feed.entries}
        rtl = next(e for e in feed.entries if e.title.startswith("RTL"))
        assert rtl.title == "RTL override: txt.exe and isolate"
        links = next(e for e in feed.entries if e.title == "r hostile links")
        assert links.link == ""  # javascript: is not a link
        assert titles


def test_one_bad_character_reference_does_not_garble_the_other_items() -> None:
    items = [
        hc.Item(title=f"t{i}", guid=f"g{i}", content=f"<p>Nội dung {i}</p><p>hai</p>")
        for i in range(3)
    ]
    for bad in ("&#0;", "&#x1;", "&#12;", "&#xFFFE;", "&#1114112;", "&#xD800;", "\x00", "\x0c"):
        doc = hc.rss_doc(items, feed_title="F", encode="refs").replace(
            "<title>F</title>", f"<title>F{bad}</title>"
        )
        feed = parse_feed(doc.encode(), url="https://h.example/")
        assert [e.content_html for e in feed.entries] == [
            f"<p>Nội dung {i}</p><p>hai</p>" for i in range(3)
        ], bad
    assert clean_xml_bytes(b"a&#9;b&#10;c&#13;d&#x20;&#65;&#1114111;") == (
        b"a&#9;b&#10;c&#13;d&#x20;&#65;&#1114111;"
    )
    assert clean_xml_bytes(b'<a href="x&#27;"/><b>\x1b[31mred</b>') == b'<a href="x"/><b>red</b>'


# Controls and bidi characters in an article body, in every form a UTF-8 document can carry
# them: raw, as a numeric reference, and as a reference inside escaped HTML.
_BODY_CONTROLS = {
    "DEL raw": "\x7f",
    "C1 raw": "\x85",
    "C1 ref": "&#133;",
    "C1 hex ref": "&#x8A;",
    "bidi raw": "\u202e",
    "isolate raw": "\u2067",
    "bidi ref": "&#8238;",
    "bidi hex ref": "&#X202e;",
    "bidi escaped ref": "&amp;#x202E;",
    "bidi padded ref": "&#00008238;",
}


@pytest.mark.parametrize("name", list(_BODY_CONTROLS))
def test_a_control_in_one_body_of_a_clean_utf8_feed_is_removed(name: str) -> None:
    # Bodies skip their own scan when the document as a whole holds no such character: one
    # anywhere must send every body through it.
    bad = _BODY_CONTROLS[name]
    body = "<p>Lũ quét ở Điện Biên" + "x" * 1500 + "</p>"
    items = [hc.Item(title=f"t{i}", guid=f"g{i}", content=body) for i in range(3)]
    for cdata in (True, False):  # in CDATA a reference stays text; escaped, XML decodes it
        doc = hc.rss_doc(items, feed_title="F", cdata=cdata).replace(
            "Lũ quét", "Lũ" + bad + "quét", 1
        )
        assert ("Lũ" + bad + "quét") in doc, name
        _assert_body_clean(doc, name)


def _assert_body_clean(doc: str, name: str) -> None:
    feed = parse_feed(doc.encode(), url="https://h.example/")
    assert feed.parser == "fastfeedparser"
    assert len(feed.entries) == 3
    assert_parsed_safe(feed)
    for e in feed.entries:
        assert "Lũ" in e.content_html and "quét ở Điện Biên" in e.content_html, name
        # A reference that stays one (inside escaped HTML) is harmless text until it is
        # turned into Markdown, where the converter cleans what it decodes.
        assert "\u202e" not in e.content_html and "\x85" not in e.content_html


def test_a_c1_byte_in_a_latin1_feed_is_removed_from_the_body() -> None:
    # In ISO-8859-1 the byte 0x85 is the control U+0085, which no UTF-8 scan can see.
    body = "<p>Caf\xe9 " + "x" * 1500 + "\x85end</p>"
    items = [hc.Item(title="t", guid="g", content=body)]
    doc = hc.rss_doc(
        items, feed_title="F", declaration='<?xml version="1.0" encoding="iso-8859-1"?>'
    )
    feed = parse_feed(doc.encode("latin-1"), url="https://h.example/")
    assert_parsed_safe(feed)
    assert "Café" in feed.entries[0].content_html and "end" in feed.entries[0].content_html


def test_lone_surrogates_in_a_json_feed_are_dropped_and_it_is_stored(tmp_path: Path) -> None:
    # JSON may escape half a character ("\\ud800"); such a string has no UTF-8 form, and
    # before, storing it failed the whole feed.
    body = (
        b'{"version": "https://jsonfeed.org/version/1.1", "title": "T\\ud800in",'
        b' "items": [{"id": "1", "title": "L\\udc00\\u0169 qu\\u00e9t",'
        b' "authors": [{"name": "A\\ud83d"}],'
        b' "content_html": "<p>\\u0110i\\u1ec7n\\ud800 Bi\\u00ean</p>' + b"x" * 2000 + b'"}]}'
    )
    feed = parse_feed(body, url="https://h.example/feed.json")
    assert_parsed_safe(feed)
    e = feed.entries[0]
    assert (feed.title, e.title, e.author) == ("Tin", "Lũ quét", "A")
    assert e.content_html.startswith("<p>Điện Biên</p>")
    with Store(tmp_path / "c.db") as store:
        fid = store.upsert_feed(FeedSpec(url="https://h.example/feed.json"))
        assert store.store_entries(fid, feed.entries).new == 1
        (row,) = store.headlines_page(View(ViewKind.ALL), 1, page_size=5).items
        article = store.article(row.id)
        assert article is not None and article.title == "Lũ quét"
        assert article.body.startswith("Điện Biên")


def test_dates_far_ahead_or_before_1970_count_as_unknown() -> None:
    case = next(c for c in CASES if c.name == "dates-extreme")
    feed = parse_feed(case.body, url="https://h.example/")
    dates = {e.guid: e.published for e in feed.entries}
    assert dates["dnorm"] == datetime(2026, 3, 1, 3, 0, tzinfo=UTC)
    for guid in ("d9999", "diso", "dnext", "d1969", "d0001", "d1900", "dbad", "dhuge"):
        assert dates[guid] is None, guid
    soon = (datetime.now(UTC) + timedelta(hours=12)).strftime("%a, %d %b %Y %H:%M:%S +0000")
    later = (datetime.now(UTC) + timedelta(days=3)).strftime("%a, %d %b %Y %H:%M:%S +0000")
    doc = hc.rss_doc(
        [hc.Item(title="a", guid="a", date=soon), hc.Item(title="b", guid="b", date=later)]
    )
    a, b = parse_feed(doc.encode(), url="https://h.example/").entries
    assert a.published is not None and b.published is None  # a little ahead is believed


def test_a_future_date_never_pins_an_article_to_the_top(tmp_path: Path) -> None:
    case = next(c for c in CASES if c.name == "dates-extreme")
    with Store(tmp_path / "c.db") as store:
        (fid,) = store.sync_feeds([FeedSpec(url="https://h.example/feed")])
        before = int(time.time())
        store.store_entries(fid, parse_feed(case.body, url="https://h.example/").entries)
        rows = store.headlines_page(View(ViewKind.ALL), 1, page_size=50).items
        now = datetime.now(UTC) + timedelta(seconds=1)
        assert all(r.published <= now for r in rows)
        assert all(r.published.timestamp() >= 86400 for r in rows)  # nothing before 1970-01-02
        undated = [r for r in rows if r.title != "normal"]
        assert all(r.published.timestamp() >= before for r in undated)  # dated when first seen


def test_a_hundred_thousand_items_are_capped_and_stored_in_bounded_time(tmp_path: Path) -> None:
    body = hc.many_items(100_000)
    started = time.perf_counter()
    feed = parse_feed(body, url="https://h.example/")
    assert time.perf_counter() - started < 10
    assert len(feed.entries) == DEFAULT_MAX_ITEMS
    assert feed.entries[0].guid == "m0" and feed.entries[-1].guid == f"m{DEFAULT_MAX_ITEMS - 1}"
    with Store(tmp_path / "c.db", keep_per_feed=1000) as store:
        (fid,) = store.sync_feeds([FeedSpec(url="https://h.example/feed")])
        started = time.perf_counter()
        result = store.store_entries(fid, feed.entries)
        assert time.perf_counter() - started < 15
        assert result.new == DEFAULT_MAX_ITEMS
        # Again: nothing new, nothing twice.
        again = store.store_entries(fid, feed.entries)
        assert again.new == 0 and store.totals()[0] == DEFAULT_MAX_ITEMS


def test_enormous_fields_are_cut(tmp_path: Path) -> None:
    feed = parse_feed(hc.enormous_title(), url="https://h.example/")
    (e,) = feed.entries
    assert len(e.title) <= 1000 and e.title.endswith("…")
    assert len(feed.title) <= 1000 and len(e.author) <= 300
    assert len(e.summary) <= 1100


def test_missing_and_duplicate_guids_are_stored_once_each(tmp_path: Path) -> None:
    case = next(c for c in CASES if c.name == "guids-missing-and-duplicate")
    with Store(tmp_path / "c.db") as store:
        (fid,) = store.sync_feeds([FeedSpec(url="https://h.example/feed")])
        entries = parse_feed(case.body, url="https://h.example/").entries
        for _ in range(3):
            store.store_entries(fid, entries)
        titles = sorted(
            r.title for r in store.headlines_page(View(ViewKind.ALL), 1, page_size=50).items
        )
        # One per identity: the link for "a", the guid for "dup", the title for the rest.
        assert titles == ["dup 1", "no guid a", "only a title"]
        dups = (
            store._conn()
            .execute("SELECT COUNT(*) FROM articles GROUP BY feed_id, guid HAVING COUNT(*) > 1")
            .fetchall()
        )
        assert dups == []
        assert scan_database(tmp_path / "c.db") > 0


def test_the_whole_corpus_stored_leaves_no_control_character_in_the_file(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    with Store(db) as store:
        for case in CASES:
            url = f"https://h.example/{case.name}"
            (fid,) = store.sync_feeds([FeedSpec(url=url)])
            try:
                feed = parse_feed(case.body, url=url, content_type=case.content_type)
            except ParseError as exc:
                store.record_failure(fid, str(exc))
                continue
            store.store_entries(fid, feed.entries, success={"title": feed.title})
    assert scan_database(db) > 500
