"""The store: identity of articles, reading state, pages, counts, search, retention."""

from __future__ import annotations

import sqlite3
import unicodedata
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tuinews.errors import StoreError, StoreVersionError
from tuinews.models import BodyStatus, FeedSpec, ParsedEntry, View, ViewKind
from tuinews.store import Store

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def entries(n: int, *, prefix: str = "Tin", start: int = 0) -> list[ParsedEntry]:
    return [
        ParsedEntry(
            title=f"{prefix} {i}",
            guid=f"{prefix}-{i}",
            link=f"http://example.test/{prefix}/{i}",
            published=T0 - timedelta(minutes=i),
            content="nội dung " * 200,
        )
        for i in range(start, start + n)
    ]


def test_refetch_never_duplicates_and_keeps_reading_state(store: Store) -> None:
    fid = store.upsert_feed(FeedSpec(url="http://example.test/feed"))
    first = store.store_entries(fid, entries(10))
    assert first.new == 10
    page = store.headlines_page(View(ViewKind.FEED, feed_id=fid), 1, page_size=5)
    store.set_read([page.items[0].id])
    store.set_starred(page.items[1].id, True)
    again = store.store_entries(fid, entries(10))
    assert (again.new, again.updated, again.unchanged) == (0, 0, 10)
    assert store.totals() == (10, 9, 1)
    art = store.article(page.items[0].id)
    assert art is not None and art.read


def test_changed_article_updated_in_place_keeps_state(store: Store) -> None:
    fid = store.upsert_feed(FeedSpec(url="http://example.test/feed"))
    store.store_entries(fid, entries(3))
    aid = store.headlines_page(View(ViewKind.ALL), 1).items[0].id
    store.set_read([aid])
    changed = entries(3)
    changed[0].title = "Tin 0 (cập nhật)"
    res = store.store_entries(fid, changed)
    assert (res.new, res.updated) == (0, 1)
    art = store.article(aid)
    assert art is not None and art.title == "Tin 0 (cập nhật)" and art.read
    assert [r.title for r in store.search("cap nhat")] == ["Tin 0 (cập nhật)"]


def test_new_articles_get_their_own_ids_and_index_rows(store: Store) -> None:
    # New articles go in with one statement and their ids are worked out, not read back
    # one by one; after an id at the very top SQLite picks ids at random instead.
    fid = store.upsert_feed(FeedSpec(url="http://example.test/feed"))
    other = store.upsert_feed(FeedSpec(url="http://example.test/other"))
    for round_, feed in enumerate((fid, other, fid)):
        if round_ == 2:
            with store._write() as conn:
                conn.execute(
                    "INSERT INTO articles (feed_id, guid, title, published, fetched, hash) "
                    "VALUES (?, 'top', 'Top', 0, 0, '')",
                    (other,),
                )
                conn.execute("UPDATE articles SET id = ? WHERE guid = 'top'", (2**63 - 1,))
        batch = entries(5, prefix=f"Lũ{round_}", start=round_ * 10)
        result = store.store_entries(feed, batch)
        assert result.new == 5 and result.new_ids is not None
        for aid, entry in zip(result.new_ids, batch, strict=True):
            article = store.article(aid)
            assert article is not None
            assert (article.title, article.feed_id) == (entry.title, feed)
            assert [r.id for r in store.search(f'"{entry.title}"')] == [aid]


def test_identity_falls_back_to_link_then_title_and_date(store: Store) -> None:
    fid = store.upsert_feed(FeedSpec(url="http://example.test/feed"))
    no_guid = [
        ParsedEntry(title="A", link="http://example.test/a", published=T0),
        ParsedEntry(title="B", published=T0),
        ParsedEntry(title="B", published=T0),  # the same item twice in one document
        ParsedEntry(title="B", published=T0 - timedelta(days=1)),
    ]
    assert store.store_entries(fid, no_guid).new == 3
    assert store.store_entries(fid, no_guid).new == 0
    assert store.totals()[0] == 3


def test_duplicate_guids_in_one_document_keep_the_first(store: Store) -> None:
    fid = store.upsert_feed(FeedSpec(url="http://example.test/feed"))
    dup = [
        ParsedEntry(title="first", guid="same", published=T0),
        ParsedEntry(title="second", guid="same", published=T0),
    ]
    assert store.store_entries(fid, dup).new == 1
    assert [r.title for r in store.headlines_page(View(ViewKind.ALL)).items] == ["first"]


def test_missing_date_uses_first_seen_and_stays_put(store: Store) -> None:
    fid = store.upsert_feed(FeedSpec(url="http://example.test/feed"))
    store.store_entries(fid, [ParsedEntry(title="undated", guid="u")])
    first = store.headlines_page(View(ViewKind.ALL)).items[0].published
    store.store_entries(fid, [ParsedEntry(title="undated, edited", guid="u")])
    assert store.headlines_page(View(ViewKind.ALL)).items[0].published == first


def test_pages_keyset_numbers_and_edges(store: Store) -> None:
    fid = store.upsert_feed(FeedSpec(url="http://example.test/feed", category="Trong nước"))
    store.store_entries(fid, entries(103))
    view = View(ViewKind.FEED, feed_id=fid)
    p1 = store.headlines_page(view, 1, page_size=10)
    assert (p1.number, p1.total_pages, p1.total_items) == (1, 11, 103)
    assert [r.title for r in p1.items] == [f"Tin {i}" for i in range(10)]
    assert p1.has_next and not p1.has_prev
    p2 = store.headlines_page(view, 2, page_size=10, near=p1)
    assert p2.items[0].title == "Tin 10"
    back = store.headlines_page(view, 1, page_size=10, near=p2)
    assert back.items == p1.items
    last = store.headlines_page(view, 11, page_size=10)
    assert [r.title for r in last.items] == ["Tin 100", "Tin 101", "Tin 102"]
    assert not last.has_next
    mid = store.headlines_page(view, 7, page_size=10)
    assert mid.items[0].title == "Tin 60"
    assert store.headlines_page(view, 99, page_size=10).number == 11
    # Every view pages the same way.
    cat_id = store.categories()[0].id
    assert (
        store.headlines_page(View(ViewKind.CATEGORY, category_id=cat_id), 7, page_size=10).items
        == mid.items
    )


def test_page_queries_use_an_index_range_not_a_scan(store: Store) -> None:
    """The cost of a page does not grow with the cache: each view reads one index range."""
    fid = store.upsert_feed(FeedSpec(url="http://example.test/feed", category="C"))
    store.store_entries(fid, entries(50))
    store.analyze()
    views = [
        (View(ViewKind.ALL), False),
        (View(ViewKind.ALL), True),
        (View(ViewKind.UNREAD), False),
        (View(ViewKind.STARRED), False),
        (View(ViewKind.FEED, feed_id=fid), False),
        (View(ViewKind.FEED, feed_id=fid), True),
        (View(ViewKind.CATEGORY, category_id=store.categories()[0].id), False),
        (View(ViewKind.CATEGORY, category_id=store.categories()[0].id), True),
    ]
    for view, unread in views:
        plan = " | ".join(store.explain_page_query(view, unread_only=unread))
        assert "SEARCH a USING" in plan, (view, plan)
        assert "TEMP B-TREE" not in plan, (view, plan)


def test_pending_pages_are_found_without_reading_every_article(store: Store) -> None:
    fid = store.upsert_feed(FeedSpec(url="http://example.test/feed"))
    store.store_entries(fid, entries(50), body_status_for_new=BodyStatus.FEED)
    store.store_entries(fid, entries(3, prefix="p"), body_status_for_new=BodyStatus.PENDING)
    store.analyze()
    for by_feed in (False, True):
        plan = " | ".join(store.explain_pending_query(by_feed=by_feed))
        assert "articles_body_todo" in plan, plan
    assert len(store.pending_bodies()) == 3
    assert len(store.pending_bodies(feed_ids=[fid])) == 3


def test_unread_counts_per_feed_and_category_and_mark_all(store: Store) -> None:
    a = store.upsert_feed(FeedSpec(url="http://example.test/a", category="Kinh tế"))
    b = store.upsert_feed(FeedSpec(url="http://example.test/b", category="Kinh tế"))
    c = store.upsert_feed(FeedSpec(url="http://example.test/c", category="Thế giới"))
    store.store_entries(a, entries(5, prefix="a"))
    store.store_entries(b, entries(7, prefix="b"))
    store.store_entries(c, entries(2, prefix="c"))
    cats = {x.name: (x.unread, x.total) for x in store.categories()}
    assert cats == {"Kinh tế": (12, 12), "Thế giới": (2, 2)}
    assert store.mark_all_read(View(ViewKind.FEED, feed_id=b)) == 7
    cats = {x.name: (x.unread, x.total) for x in store.categories()}
    assert cats["Kinh tế"] == (5, 12)
    feed_b = store.feed(b)
    assert feed_b is not None and feed_b.unread == 0
    unread = store.headlines_page(View(ViewKind.UNREAD), 1, page_size=100)
    assert unread.total_items == 7 and all(not r.read for r in unread.items)


def test_next_unread_walks_older(store: Store) -> None:
    fid = store.upsert_feed(FeedSpec(url="http://example.test/feed"))
    store.store_entries(fid, entries(4))
    rows = store.headlines_page(View(ViewKind.ALL)).items
    store.set_read([rows[1].id])
    nxt = store.next_unread(View(ViewKind.ALL), rows[0].id)
    assert nxt is not None and nxt.id == rows[2].id
    prev = store.prev_unread(View(ViewKind.ALL), rows[2].id)
    assert prev is not None and prev.id == rows[0].id


def test_search_folds_vietnamese(store: Store) -> None:
    fid = store.upsert_feed(FeedSpec(url="http://example.test/feed"))
    nfc = "Thủy điện Lai Châu"
    store.store_entries(
        fid,
        [
            ParsedEntry(title="Điện Biên đón khách", guid="1", published=T0),
            ParsedEntry(
                title="Đảng ủy tỉnh họp", guid="2", published=T0, summary="Hội nghị ở Sơn La"
            ),
            ParsedEntry(title=nfc, guid="3", published=T0, content="Công trình hoá chất"),
            ParsedEntry(title="Tin thế giới", guid="4", published=T0, content="dien bien phu"),
        ],
    )

    def titles(q: str) -> set[str]:
        return {r.title for r in store.search(q)}

    assert titles("dien bien") == {"Điện Biên đón khách", "Tin thế giới"}
    assert titles("ĐIỆN BIÊN") == titles("dien bien")
    assert titles("dang uy") == {"Đảng ủy tỉnh họp"}
    assert titles("son la") == {"Đảng ủy tỉnh họp"}
    assert titles("thuy dien") == {nfc}
    assert titles(unicodedata.normalize("NFD", "thủy điện")) == {nfc}  # NFD query
    assert titles("thuỷ điện") == {nfc}  # old tone placement
    assert titles("hóa chất") == titles("hoá chất") == {nfc}
    assert titles('"bien don"') == {"Điện Biên đón khách"}
    assert titles("dien bien -phu") == {"Điện Biên đón khách"}
    assert titles("=Điện Biên") == {"Điện Biên đón khách"}


def test_retention_keeps_newest_and_starred(tmp_path: Path) -> None:
    s = Store(tmp_path / "r.db", keep_per_feed=10)
    fid = s.upsert_feed(FeedSpec(url="http://example.test/feed"))
    s.store_entries(fid, entries(10, start=10))  # Tin 10..19 (older)
    oldest = s.headlines_page(View(ViewKind.ALL), 1, page_size=50).items[-1]
    s.set_starred(oldest.id, True)
    res = s.store_entries(fid, entries(10))  # Tin 0..9 (newer)
    assert res.new == 10 and res.removed == 9
    titles = [r.title for r in s.headlines_page(View(ViewKind.ALL), 1, page_size=50).items]
    assert titles == [f"Tin {i}" for i in range(10)] + [oldest.title]
    assert [r.title for r in s.search("tin 12")] == []  # dropped from the index too
    assert s.integrity_ok()
    s.close()


def test_body_status_and_page_metadata_fill_gaps(store: Store) -> None:
    fid = store.upsert_feed(FeedSpec(url="http://example.test/feed"))
    store.store_entries(
        fid,
        [ParsedEntry(title="ngắn", guid="1", link="http://example.test/1", summary="Tóm tắt")],
        needs_page=lambda e: True,
    )
    pend = store.pending_bodies()
    assert [p.link for p in pend] == ["http://example.test/1"]
    store.store_body(pend[0].id, status=BodyStatus.FAILED, error="HTTP 500")
    art = store.article(pend[0].id)
    assert art is not None and art.body == "Tóm tắt" and art.body_status == "failed"
    when = datetime(2019, 5, 4, 2, 0, tzinfo=UTC)
    store.store_body(
        pend[0].id,
        status=BodyStatus.OK,
        markdown="Toàn văn bài Quảng Ninh",
        author="Lan Phương",
        published=when,
    )
    art = store.article(pend[0].id)
    assert art is not None
    assert (art.body, art.author, art.published) == ("Toàn văn bài Quảng Ninh", "Lan Phương", when)
    assert [r.id for r in store.search("quang ninh")] == [art.id]
    assert store.pending_bodies() == []


def test_not_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    bad = tmp_path / "tuinews.db"
    bad.write_bytes(b"this is not a database at all" * 10)
    before = bad.read_bytes()
    with pytest.raises(StoreError, match="not an SQLite database"):
        Store(bad)
    assert bad.read_bytes() == before


def test_newer_schema_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "tuinews.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreVersionError, match="newer tuinews"):
        Store(path)
    assert path.read_bytes() == before


def test_generation_moves_on_every_commit_from_any_connection(tmp_path: Path) -> None:
    a = Store(tmp_path / "g.db")
    b = Store(tmp_path / "g.db")
    g0 = a.generation()
    fid = b.upsert_feed(FeedSpec(url="http://example.test/feed"))
    b.store_entries(fid, entries(1))
    assert a.generation() > g0
    a.close()
    b.close()


def test_an_older_cache_is_upgraded_in_place(tmp_path: Path) -> None:
    from tuinews.store import migrations
    from tuinews.store.db import connect, transaction

    path = tmp_path / "old.db"
    conn = connect(path)
    with transaction(conn):
        migrations.MIGRATIONS[0][1](conn)  # the first release's schema only
        conn.execute("PRAGMA user_version = 1")
        conn.execute("INSERT INTO feeds (url, title, created) VALUES ('http://a.test/f', 'A', 0)")
    conn.close()
    s = Store(path)
    assert migrations.schema_version(s._conn()) == len(migrations.MIGRATIONS)
    (feed,) = s.feeds()
    assert (feed.url, feed.title, feed.warning) == ("http://a.test/f", "A", "")
    # Step 3: the search index merges its segments in bigger steps.
    automerge = s._conn().execute("SELECT v FROM articles_fts_config WHERE k = 'automerge'")
    assert automerge.fetchone() == (16,)
    assert s.integrity_ok()
    s.close()
