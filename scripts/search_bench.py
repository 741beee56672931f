"""Search latency on a large cache, and the size the search index adds to it.

    .venv/bin/python scripts/search_bench.py build CORPUS_DIR DB      # parse a bench corpus
    .venv/bin/python scripts/search_bench.py run DB [--runs 5] [--query Q ...]

``build`` fills a new cache from a ``gen_feeds.py`` corpus without a server: the OPML's
feeds are subscribed (folders become categories), each feed file is parsed with
``parse_feed`` (in worker processes) and stored with ``Store.store_entries``, as a fetch
would. ``run`` times what the reader does for a search: ``Store.headlines_page`` on the
search view (the count for "page X of Y", then the first page of 50) and, separately,
``Store.search(q, limit=50)`` (the CLI). Each query runs ``--runs`` times after one warm-up;
a query's figure is its median. It prints a table (query, hits, page ms, search ms), the
median and worst over the queries, and the index size (``dbstat``, else an estimate from
the file size with and without the index rows).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

QUERIES = [
    "ha noi",  # common words, diacritics left out
    "viet nam",  # very common
    "kinh tế",  # with diacritics
    '"dien bien"',  # phrase
    '"thi truong chung khoan"',  # longer phrase
    "giao duc -dai hoc",  # exclusion
    'cong nghe -"tri tue"',  # phrase exclusion
    "feed:0007",  # feed filter alone (URL part)
    "bat dong san feed:thoi",  # words + feed filter (title)
    "category:atom the thao",  # category filter
    "since:2024-05-25",  # date alone
    "ngan hang since:2024-05-01",  # words + date
    "unread y te",  # unread filter
    "=Đà Nẵng",  # exact mode, common
    "=Huế",  # exact mode, short word
    "xylophone",  # in no article
    "quantum",  # rare (English)
    "the",  # English stop word, very common in the English feeds
    "moi truong bien dao nong nghiep",  # many words
    "du lich*",  # prefix
]
"""Mixed queries: common and rare words, phrases, exclusions, filters, exact mode."""


def _parse_one(job: tuple[str, str]) -> tuple[str, list[Any], str]:
    from tuinews.fetch.parse import parse_feed

    url, path = job
    try:
        feed = parse_feed(Path(path).read_bytes(), url=url)
    except Exception as exc:  # a broken file is reported, not fatal
        return url, [], f"{type(exc).__name__}: {exc}"
    return url, feed.entries, ""


def build(corpus: Path, db: Path) -> None:
    """Fill a new cache at ``db`` from the corpus's OPML and feed files."""
    from tuinews.opml import read_subscriptions
    from tuinews.store import Store

    if db.exists():
        sys.exit(f"{db} exists; remove it first")
    subs = read_subscriptions(corpus / "feeds.opml")
    store = Store(db, keep_per_feed=100_000)
    ids = dict(zip([s.url for s in subs.feeds], store.sync_feeds(subs.feeds), strict=True))
    jobs = [(s.url, str(corpus / "feeds" / s.url.rsplit("/", 1)[-1])) for s in subs.feeds]
    t0 = time.perf_counter()
    n = 0
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        for i, (url, entries, error) in enumerate(pool.map(_parse_one, jobs, chunksize=8)):
            if error:
                print(f"{url}: {error}", file=sys.stderr)
                continue
            n += store.store_entries(ids[url], entries).new
            if i % 200 == 0:
                print(f"{i}/{len(jobs)} feeds, {n} articles", file=sys.stderr)
    store.analyze()
    store.close()
    print(f"{n} articles from {len(jobs)} feeds in {time.perf_counter() - t0:.0f} s")


def _ms(fn: Any, runs: int) -> tuple[float, Any]:
    out = fn()  # warm-up
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        out = fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), out


def index_bytes(db: Path, table: str = "articles_fts") -> tuple[int, str]:
    """Bytes the FTS index ``table`` (and every table named after it) takes, and how."""
    conn = sqlite3.connect(db)
    try:
        row = conn.execute(
            "SELECT SUM(pgsize) FROM dbstat WHERE name LIKE ? || '%'", (table,)
        ).fetchone()
        return int(row[0] or 0), "dbstat"
    except sqlite3.OperationalError:
        pass
    finally:
        conn.close()
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "copy.db"
        shutil.copyfile(db, copy)
        conn = sqlite3.connect(copy)
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("VACUUM")
        before = copy.stat().st_size
        conn.execute(f"INSERT INTO {table} ({table}) VALUES ('delete-all')")
        conn.commit()
        conn.execute("VACUUM")
        after = copy.stat().st_size
        conn.close()
    return before - after, "file size with and without the index rows (VACUUMed copies)"


def add_exact_index(db: Path) -> None:
    """Create and fill ``search.EXACT_TABLE`` (what the store would keep) if it is missing."""
    from tuinews.store import search
    from tuinews.text.html import html_words

    conn = sqlite3.connect(db)
    try:
        if conn.execute(
            "SELECT 1 FROM sqlite_master WHERE name = ?", (search.EXACT_TABLE,)
        ).fetchone():
            return
        t0 = time.perf_counter()
        conn.execute(search.EXACT_SCHEMA)
        rows = conn.execute("SELECT id, title, summary, body, content, content_html FROM articles")
        conn.executemany(
            f"INSERT INTO {search.EXACT_TABLE} (rowid, text) VALUES (?, ?)",
            (
                (aid, search.exact_index_text(t, s, b or c or (html_words(h) if h else "")))
                for aid, t, s, b, c, h in rows
            ),
        )
        conn.commit()
        print(f"exact index filled in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    finally:
        conn.close()


def run(db: Path, queries: list[str], runs: int, *, exact_index: bool = False) -> None:
    """Time every query and print the table and the summary."""
    from functools import partial

    from tuinews.models import View, ViewKind
    from tuinews.store import Store, search

    if exact_index:
        add_exact_index(db)
        search.compile_query = partial(search.compile_query, exact_index=True)
    store = Store(db)
    articles = store.totals()[0]
    print(f"cache: {db} ({articles} articles, {db.stat().st_size / 2**20:.0f} MiB)")
    print(f"{'query':<36} {'hits':>7} {'page ms':>8} {'search ms':>10}")
    page_times: list[float] = []
    search_times: list[float] = []
    for q in queries:
        view = View(ViewKind.SEARCH, query=q)
        page_ms, page = _ms(lambda v=view: store.headlines_page(v, 1, page_size=50), runs)
        search_ms, _rows = _ms(lambda q=q: store.search(q, limit=50), runs)
        page_times.append(page_ms)
        search_times.append(search_ms)
        print(f"{q:<36} {page.total_items:>7} {page_ms:>8.1f} {search_ms:>10.1f}")
    print(
        f"{'median':<36} {'':>7} {statistics.median(page_times):>8.1f} "
        f"{statistics.median(search_times):>10.1f}"
    )
    print(f"{'worst':<36} {'':>7} {max(page_times):>8.1f} {max(search_times):>10.1f}")
    store.close()
    size, how = index_bytes(db)
    total = db.stat().st_size
    if exact_index:
        exact, _how = index_bytes(db, search.EXACT_TABLE)
        if how == "dbstat":  # the LIKE pattern counted it in
            size -= exact
        print(f"exact index: {exact / 2**20:.1f} MiB")
    print(
        f"index: {size / 2**20:.1f} MiB of {total / 2**20:.1f} MiB "
        f"({100 * size / total:.0f}%), {how}"
    )


def main() -> None:
    """Command line."""
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build", help="fill a new cache from a gen_feeds.py corpus")
    b.add_argument("corpus", type=Path)
    b.add_argument("db", type=Path)
    r = sub.add_parser("run", help="time the queries")
    r.add_argument("db", type=Path)
    r.add_argument("--runs", type=int, default=5)
    r.add_argument("--query", action="append", help="instead of the built-in 20")
    r.add_argument(
        "--exact-index",
        action="store_true",
        help="add the index for '=' searches to the file (if missing) and use it",
    )
    args = p.parse_args()
    if args.cmd == "build":
        build(args.corpus, args.db)
    else:
        run(args.db, args.query or QUERIES, args.runs, exact_index=args.exact_index)


if __name__ == "__main__":
    main()
