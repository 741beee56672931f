"""The bundled demo: generated site, loopback server and demo config.

A module-scoped server is fetched with ``urllib.request`` over 127.0.0.1 only.
"""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
import tomllib
import unicodedata
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from tuinews.demo import demo_config_toml
from tuinews.demo import words_en as en
from tuinews.demo import words_vi as vi
from tuinews.demo.content import EN_NUMBERS, VI_NUMBERS, Filler, Writer, en_context, vi_context
from tuinews.demo.server import DemoServer, accepts_gzip, etag_matches
from tuinews.demo.site import DemoSite, build_site

NOW = datetime(2025, 10, 20, 9, 30, tzinfo=UTC)
ATOM = "{http://www.w3.org/2005/Atom}"
RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
RSS1 = "{http://purl.org/rss/1.0/}"
DC = "{http://purl.org/dc/elements/1.1/}"
PORTAL_DATE = re.compile(r"^\d{2}/\d{2}/\d{4} (?:[1-9]|1[0-2]):[0-5]\d (?:SA|CH)$")
POSTED = re.compile(r"Đăng ngày \d{2} - \d{2} - \d{4}")


# ---------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes


def fetch(url: str, headers: dict[str, str] | None = None, method: str = "GET") -> Response:
    assert urlsplit(url).hostname == "127.0.0.1", url
    request = urllib.request.Request(url, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as resp:
            return Response(resp.status, dict(resp.headers.items()), resp.read())
    except urllib.error.HTTPError as err:
        return Response(err.code, dict(err.headers.items()), err.read())


@dataclass
class Element:
    tag: str
    classes: set[str]
    attrs: dict[str, str]
    children: list[Element] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def walk(self) -> Iterator[Element]:
        for child in self.children:
            yield child
            yield from child.walk()

    def select(self, tag: str, cls: str | None = None) -> list[Element]:
        return [el for el in self.walk() if el.tag == tag and (cls is None or cls in el.classes)]


class Tree(HTMLParser):
    """A forgiving HTML tree, enough to test CSS-selector-style lookups."""

    VOID = frozenset({"img", "br", "meta", "link", "input", "hr", "source", "wbr"})

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", set(), {})
        self._stack = [self.root]
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        el = Element(tag, set(values.get("class", "").split()), values)
        self._stack[-1].children.append(el)
        if tag not in self.VOID:
            self._stack.append(el)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self._stack) - 1, 0, -1):
            if self._stack[i].tag == tag:
                del self._stack[i:]
                return

    def handle_data(self, data: str) -> None:
        for el in self._stack:
            el.parts.append(data)

    def select(self, tag: str, cls: str | None = None) -> list[Element]:
        return self.root.select(tag, cls)


def feed_entries(fmt: str, body: bytes) -> list[tuple[str, str, str]]:
    """(title, link, date text) of every entry of a feed document."""
    if fmt == "jsonfeed":
        doc = json.loads(body)
        assert doc["version"] == "https://jsonfeed.org/version/1.1"
        return [(i["title"], i["url"], i["date_published"]) for i in doc["items"]]
    root = ET.fromstring(body)
    if fmt == "rss2":
        assert root.tag == "rss" and root.get("version") == "2.0"
        return [
            (i.findtext("title", ""), i.findtext("link", ""), i.findtext("pubDate", ""))
            for i in root.iter("item")
        ]
    if fmt == "atom":
        assert root.tag == f"{ATOM}feed"
        out = []
        for entry in root.iter(f"{ATOM}entry"):
            link = entry.find(f"{ATOM}link[@rel='alternate']")
            assert link is not None
            out.append(
                (
                    entry.findtext(f"{ATOM}title", ""),
                    link.get("href", ""),
                    entry.findtext(f"{ATOM}published", ""),
                )
            )
        return out
    assert fmt == "rss1"
    assert root.tag == f"{RDF}RDF"
    return [
        (i.findtext(f"{RSS1}title", ""), i.findtext(f"{RSS1}link", ""), i.findtext(f"{DC}date", ""))
        for i in root.iter(f"{RSS1}item")
    ]


def parse_date(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return parsedate_to_datetime(text)


# ---------------------------------------------------------------------------------------
# fixtures
# ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[str, DemoSite]]:
    server = DemoServer(lambda base: build_site(base, now=NOW))
    with server as base_url:
        yield base_url, server.site
    assert server.errors == []


@pytest.fixture(scope="module")
def base_url(served: tuple[str, DemoSite]) -> str:
    return served[0]


@pytest.fixture(scope="module")
def site(served: tuple[str, DemoSite]) -> DemoSite:
    return served[1]


@pytest.fixture(scope="module")
def entries(base_url: str, site: DemoSite) -> dict[str, list[tuple[str, str, str]]]:
    out = {}
    for feed in site.feeds:
        if feed.kind == "feed":
            resp = fetch(base_url + feed.path)
            assert resp.status == 200, feed.path
            body = resp.body
            if feed.path in site.nfd_paths:
                body = unicodedata.normalize("NFC", body.decode()).encode()
            out[feed.key] = feed_entries(feed.format, body)
    return out


# ---------------------------------------------------------------------------------------
# content and counts
# ---------------------------------------------------------------------------------------


def test_counts_and_formats(site: DemoSite) -> None:
    assert len(site.categories) >= 3
    assert {f.category for f in site.feeds} == set(site.categories)
    real_feeds = [f for f in site.feeds if f.kind == "feed"]
    assert len(real_feeds) >= 8
    assert {f.format for f in real_feeds} == {"rss2", "atom", "rss1", "jsonfeed"}
    assert any(f.format == "rss2" and f.full_content for f in real_feeds)
    assert any(f.format == "rss2" and not f.full_content for f in real_feeds)
    assert [f.format for f in site.feeds if f.kind == "scrape"] == ["html", "html"]
    assert len(site.articles) >= 300
    assert all(a.path in site.files for a in site.articles)
    assert len({a.path for a in site.articles}) == len(site.articles)
    assert len({a.title for a in site.articles}) == len(site.articles)
    english = [a for a in site.articles if a.lang == "en"]
    assert 30 <= len(english) < len(site.articles) / 3


def test_every_feed_parses_and_every_link_resolves(
    base_url: str, site: DemoSite, entries: dict[str, list[tuple[str, str, str]]]
) -> None:
    links = [link for rows in entries.values() for _, link, _ in rows]
    assert len(links) == len(set(links)) >= 300
    for link in links:
        assert link.startswith(base_url + "/")
        resp = fetch(link)
        assert resp.status == 200, link
        assert resp.headers["Content-Type"] == "text/html; charset=utf-8"
    by_path = {a.path: a for a in site.articles}
    for rows in entries.values():
        for title, link, _ in rows:
            assert by_path[urlsplit(link).path].title == title


def test_feed_dates_use_all_forms_and_fall_in_the_last_60_days(
    base_url: str, site: DemoSite, entries: dict[str, list[tuple[str, str, str]]]
) -> None:
    texts = [date for rows in entries.values() for _, _, date in rows]
    assert any(t.endswith("+0700") for t in texts)
    assert any(t.endswith("GMT") for t in texts)
    assert any(t.endswith("Z") for t in texts)
    assert any(t.endswith("+07:00") for t in texts)
    end = site.built_for
    assert end == datetime(2025, 10, 20, tzinfo=end.tzinfo)
    assert end.utcoffset() == timedelta(hours=7)
    for text in texts:
        when = parse_date(text)
        assert end - timedelta(days=61) < when < end, text
    spread = {parse_date(t).date() for t in texts}
    assert len(spread) > 40
    for rows in entries.values():
        dates = [parse_date(d) for _, _, d in rows]
        assert dates == sorted(dates, reverse=True)


def test_tricky_titles_arrive_literally(
    base_url: str, entries: dict[str, list[tuple[str, str, str]]]
) -> None:
    titles = {t for rows in entries.values() for t, _, _ in rows}
    markup = [t for t in titles if "[bold]x[/" in t]
    assert len(markup) == 1 and "[link=file:///etc]y" in markup[0]
    escaped = [t for t in titles if "&" in t and "<Nghị quyết>" in t]
    assert len(escaped) == 1
    raw = fetch(base_url + "/feeds/thoi-su.rss").body.decode()
    assert "Hỏi &amp; đáp" in raw and "&lt;Nghị quyết&gt;" in raw
    wide = [t for t in titles if "日本" in t and "한국" in t and "🚀" in t]
    assert len(wide) == 1


def test_text_is_nfc_except_the_nfd_feed(base_url: str, site: DemoSite) -> None:
    assert site.nfd_paths == {"/feeds/dong-bang-song-cuu-long.rss"}
    for path, file in site.files.items():
        text = file.body.decode("utf-8")
        if path in site.nfd_paths:
            assert not unicodedata.is_normalized("NFC", text)
            assert unicodedata.is_normalized("NFD", text)
            assert "Đồng bằng sông Cửu Long" in unicodedata.normalize("NFC", text)
        else:
            assert unicodedata.is_normalized("NFC", text), path
    served_nfd = fetch(base_url + "/feeds/dong-bang-song-cuu-long.rss").body.decode()
    assert "Cu\u031b\u0309u Long" in served_nfd  # ử decomposed: u + horn + hook above
    ET.fromstring(served_nfd.encode())


def test_vietnamese_text_has_diacritics(site: DemoSite) -> None:
    vietnamese = [a for a in site.articles if a.lang == "vi"]
    places = " ".join(a.place for a in vietnamese)
    for name in ("Điện Biên", "Lai Châu", "Sơn La", "Đà Nẵng", "Cần Thơ"):
        assert name in places
    sample = " ".join(a.title + a.lead for a in vietnamese[:50])
    assert (
        sum(ch in "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệịỉĩọỏốồổỗộớờởỡợụủũứừửữựỳỵỷỹ" for ch in sample) > 200
    )


def test_article_pages_carry_furniture_and_metadata(site: DemoSite) -> None:
    news = [a for a in site.articles if not a.portal_category]
    with_meta = with_ld = 0
    for art in news:
        html = site.files[art.path].body.decode()
        tree = Tree(html)
        assert tree.select("nav", "main-menu"), art.path
        assert tree.select("ol", "breadcrumb")
        assert tree.select("div", "share-bar")
        assert tree.select("section", "related") and tree.select("aside", "sidebar")
        assert tree.select("footer", "site-footer")
        body = tree.select("div", "article-body") or tree.select("div", "story-content")
        assert len(body) == 1
        figures = body[0].select("figure")
        assert figures and figures[0].select("img") and figures[0].select("figcaption")
        assert body[0].select("h2") and len(body[0].select("p")) >= 5
        last = body[0].children[-1]
        assert last.tag == "p" and last.classes & {"author", "byline"}
        assert last.text.strip() == art.author
        metas = {m.attrs.get("property"): m.attrs.get("content") for m in tree.select("meta")}
        if "article:published_time" in metas:
            with_meta += 1
            assert parse_date(metas["article:published_time"] or "") == art.published
        for script in tree.select("script"):
            if script.attrs.get("type") == "application/ld+json":
                with_ld += 1
                data = json.loads(script.text)
                assert data["@type"] == "NewsArticle"
                assert data["headline"] == art.title
                assert parse_date(data["datePublished"]) == art.published
        h1 = tree.select("h1")
        assert len(h1) == 1 and h1[0].text == art.title
    assert with_meta > 0.8 * len(news) and with_ld > 0.75 * len(news)
    assert with_meta < len(news) and with_ld < len(news)


def test_markup_like_title_is_escaped_in_html(site: DemoSite) -> None:
    art = next(a for a in site.articles if "[bold]x[/" in a.title)
    html = site.files[art.path].body.decode()
    assert "<h1>Newsroom note: the text [bold]x[/ and [link=file:///etc]y" in html
    art = next(a for a in site.articles if "<Nghị quyết>" in a.title)
    html = site.files[art.path].body.decode()
    assert "<Nghị quyết>" not in html and "&lt;Nghị quyết&gt;" in html


def test_internal_links_and_images_resolve(site: DemoSite) -> None:
    for path, file in site.files.items():
        if not file.content_type.startswith("text/html"):
            continue
        tree = Tree(file.body.decode())
        for el in tree.root.walk():
            target = el.attrs.get("href") if el.tag in ("a", "link") else None
            if el.tag in ("img", "script"):
                target = el.attrs.get("src")
            if not target or target.startswith(("#", "https://")):
                continue
            resolved = urlsplit(urljoin(site.base_url + path, target))
            assert resolved.netloc == urlsplit(site.base_url).netloc, (path, target)
            key = resolved.path + (f"?{resolved.query}" if resolved.query else "")
            assert key in site.files, (path, target)


# ---------------------------------------------------------------------------------------
# the portal
# ---------------------------------------------------------------------------------------


def read_listing(base_url: str, url: str) -> tuple[list[dict[str, str]], str | None]:
    resp = fetch(url)
    assert resp.status == 200, url
    tree = Tree(resp.body.decode())
    lists = tree.select("div", "news-list")
    assert len(lists) == 1
    items = []
    for item in lists[0].select("div", "news-item"):
        (title,) = item.select("a", "title")
        (date,) = item.select("span", "date")
        (summary,) = item.select("p", "summary")
        items.append(
            {
                "title": title.text,
                "link": urljoin(url, title.attrs["href"]),
                "date": date.text,
                "summary": summary.text,
            }
        )
    nexts = tree.select("a", "next")
    assert len(nexts) <= 1
    return items, urljoin(url, nexts[0].attrs["href"]) if nexts else None


def test_portal_listing_paginates_with_next_links(base_url: str, site: DemoSite) -> None:
    feed = next(f for f in site.feeds if f.key == "portal-latest")
    url: str | None = base_url + feed.path
    pages = []
    while url is not None:
        items, url = read_listing(base_url, url)
        pages.append(items)
    assert len(pages) >= 4
    assert all(10 <= len(p) <= 15 for p in pages[:-1]) and 1 <= len(pages[-1]) <= 15
    items = [i for p in pages for i in p]
    assert len(items) == feed.article_count == len({i["link"] for i in items})
    for item in items:
        assert item["title"].startswith("VPUB - ")
        assert PORTAL_DATE.match(item["date"]), item["date"]
        assert 40 < len(item["summary"]) <= 225
    assert {i["date"][-2:] for i in items} == {"SA", "CH"}
    query = fetch(base_url + "/portal/tin-moi-nhat?page=2").body
    assert query == fetch(base_url + "/portal/tin-moi-nhat/page-2.html").body


def test_portal_page_url_rule_reaches_max_pages(base_url: str, site: DemoSite) -> None:
    feed = next(f for f in site.feeds if f.key == "portal-chi-dao")
    pattern = str(feed.scrape["page_url"])
    for page in range(1, int(feed.scrape["max_pages"]) + 1):
        items, _ = read_listing(base_url, base_url + pattern.format(page=page))
        assert len(items) == 10
        assert all(i["title"].startswith("VPUB - ") for i in items)


def test_portal_article_page_has_the_seed_shape(base_url: str, site: DemoSite) -> None:
    portal = [a for a in site.articles if a.portal_category]
    assert len(portal) >= 40
    for art in portal[:12]:
        html = fetch(base_url + art.path).body.decode()
        tree = Tree(html)
        (h1,) = tree.select("h1")
        assert h1.text.startswith("VPUB - ")
        assert POSTED.search(tree.select("span", "post-date")[0].text)
        assert tree.select("span", "size")[0].text == "100%"
        (content,) = tree.select("div", "article-content")
        paragraphs = [p.text for p in content.children if p.tag == "p"]
        assert paragraphs[0].startswith("Sonlam.gov.vn - ")
        assert content.children[1].select("img")
        assert "\n" not in paragraphs[2] and len(paragraphs[2]) < 120  # the caption line
        assert paragraphs[-1] == art.author
        latest = tree.select("div", "latest-news")[0]
        assert latest.select("h3")[0].text == "Tin mới nhất"
        rows = [li.text for li in latest.select("li")]
        assert rows and all(
            re.search(r"\(\d{2}/\d{2}/\d{4} \d{1,2}:\d{2} (SA|CH)\)$", r) for r in rows
        )
        pager = latest.select("div", "pager")[0].text
        assert re.sub(r"\s+", " ", pager).strip() == "<< < 1 2 3 4 5 ... > >>"
        for label in (
            "Chỉ đạo điều hành",
            "Công khai gửi nhận văn bản",
            "Tình hình giải quyết hồ sơ",
        ):
            assert label in tree.select("div", "portal-categories")[0].text


# ---------------------------------------------------------------------------------------
# the server
# ---------------------------------------------------------------------------------------


def test_conditional_requests_answer_304(base_url: str, site: DemoSite) -> None:
    url = base_url + "/feeds/giao-duc.atom"
    first = fetch(url)
    assert first.status == 200
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    again = fetch(url, {"If-None-Match": etag})
    assert again.status == 304 and again.body == b"" and again.headers["ETag"] == etag
    assert fetch(url, {"If-None-Match": f'"nope", W/{etag}'}).status == 304
    assert fetch(url, {"If-None-Match": '"nope"'}).status == 200
    assert fetch(url, {"If-Modified-Since": modified}).status == 304
    earlier = parsedate_to_datetime(modified) - timedelta(seconds=1)
    assert fetch(url, {"If-Modified-Since": format_datetime(earlier, usegmt=True)}).status == 200
    # If-None-Match wins over If-Modified-Since.
    assert fetch(url, {"If-None-Match": '"nope"', "If-Modified-Since": modified}).status == 200
    zipped = fetch(url, {"Accept-Encoding": "gzip"})
    assert zipped.headers["ETag"] != etag
    assert fetch(url, {"If-None-Match": zipped.headers["ETag"]}).status == 304
    assert parsedate_to_datetime(modified) == site.files["/feeds/giao-duc.atom"].last_modified


def test_gzip_when_asked(base_url: str) -> None:
    url = base_url + "/feeds/thoi-su.rss"
    plain = fetch(url)
    assert "Content-Encoding" not in plain.headers
    zipped = fetch(url, {"Accept-Encoding": "br, gzip;q=0.8"})
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert zipped.headers["Vary"] == "Accept-Encoding"
    assert int(zipped.headers["Content-Length"]) == len(zipped.body) < len(plain.body) / 3
    assert gzip.decompress(zipped.body) == plain.body
    refused = fetch(url, {"Accept-Encoding": "gzip;q=0"})
    assert "Content-Encoding" not in refused.headers and refused.body == plain.body


def test_content_types_and_404(base_url: str, site: DemoSite) -> None:
    expected = {
        "rss2": ("application/rss+xml", "text/xml"),
        "atom": ("application/atom+xml",),
        "rss1": ("application/rdf+xml",),
        "jsonfeed": ("application/feed+json",),
        "html": ("text/html",),
    }
    for feed in site.feeds:
        resp = fetch(base_url + feed.path, method="HEAD")
        assert resp.status == 200 and resp.body == b""
        kind, _, params = resp.headers["Content-Type"].partition(";")
        assert kind in expected[feed.format] and params.strip() == "charset=utf-8"
        assert int(resp.headers["Content-Length"]) == len(site.files[feed.path].body)
    for file in site.files.values():
        assert file.content_type.endswith("; charset=utf-8")
    missing = fetch(base_url + "/articles/no-such-article.html")
    assert missing.status == 404
    assert missing.headers["Content-Type"] == "text/html; charset=utf-8"
    assert fetch(base_url + "/").body == site.files["/index.html"].body
    assert fetch(base_url + "/portal/").body == site.files["/portal/index.html"].body


def test_server_binds_a_free_loopback_port_and_stops() -> None:
    seen: list[str] = []

    def factory(base: str) -> DemoSite:
        seen.append(base)
        return build_site(base, now=NOW)

    server = DemoServer(factory)
    with server as base:
        assert seen == [base]
        host, _, port = base.removeprefix("http://").partition(":")
        assert host == "127.0.0.1" and int(port) > 0
        assert server.site.base_url == base
        assert fetch(base + "/robots.txt").status == 200
        with pytest.raises(RuntimeError):
            server.start()
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(base + "/robots.txt", timeout=2)
    with pytest.raises(RuntimeError):
        _ = server.base_url


def test_server_serves_a_prebuilt_site(site: DemoSite) -> None:
    with DemoServer(site) as base:
        assert fetch(base + "/feeds/y-te.json").body == site.files["/feeds/y-te.json"].body


def test_header_helpers() -> None:
    assert accepts_gzip("gzip, deflate")
    assert accepts_gzip("deflate, GZIP;q=0.5")
    assert accepts_gzip("*")
    assert not accepts_gzip(None)
    assert not accepts_gzip("gzip;q=0")
    assert not accepts_gzip("br, deflate")
    assert etag_matches("*", '"a"')
    assert etag_matches('"b", W/"a"', '"a"')
    assert etag_matches('"a-gz"', '"a"')
    assert not etag_matches('"b"', '"a"')


# ---------------------------------------------------------------------------------------
# determinism, config, packaging
# ---------------------------------------------------------------------------------------


def test_output_is_deterministic_per_day(site: DemoSite) -> None:
    again = build_site(site.base_url, now=NOW)
    assert again.files.keys() == site.files.keys()
    assert all(again.files[p] == f for p, f in site.files.items())
    later_same_day = build_site(site.base_url, now=datetime(2025, 10, 20, 16, 0, tzinfo=UTC))
    assert later_same_day.files == site.files  # 23:00 in Vietnam, same day
    next_day = build_site(site.base_url, now=NOW + timedelta(days=1))
    assert next_day.files["/feeds/thoi-su.rss"] != site.files["/feeds/thoi-su.rss"]
    assert [a.title for a in next_day.articles][:50] == [a.title for a in site.articles][:50]
    other = build_site("http://127.0.0.1:1", now=NOW)
    assert b"http://127.0.0.1:1/articles/" in other.files["/feeds/thoi-su.rss"].body
    naive = build_site(site.base_url, now=NOW.replace(tzinfo=None))
    assert naive.files == site.files
    assert build_site(site.base_url).built_for.utcoffset() == timedelta(hours=7)


def test_demo_config_toml(base_url: str, site: DemoSite) -> None:
    config = tomllib.loads(demo_config_toml(base_url, site))
    assert config["language"] == "vi"
    assert config["page_size"] == 40 and config["refresh_minutes"] == 30
    assert [c["name"] for c in config["category"]] == site.categories
    feeds = [f for c in config["category"] for f in c["feed"]]
    assert len(feeds) == len(site.feeds)
    for entry in feeds:
        if "scrape" in entry:
            rule = entry["scrape"]
            assert set(rule) >= {"url", "item", "title", "link", "date", "summary", "max_pages"}
            assert ("next" in rule) != ("page_url" in rule)
            assert rule["body"] == "div.article-content"
            url = rule["url"]
        else:
            assert entry["fulltext"] in ("auto", "always", "never")
            url = entry["url"]
        assert url.startswith(base_url + "/")
        assert fetch(url, method="HEAD").status == 200
    assert {f["title"] for f in feeds} == {f.title for f in site.feeds}


def test_every_template_fills() -> None:
    writer = Writer()
    when = datetime(2025, 1, 15, 8, 0, tzinfo=UTC)
    for region, provinces in vi.REGIONS.items():
        for topic, data in vi.TOPICS.items():
            ctx = vi_context(
                writer.rng, topic=topic, region=region, province=provinces[0], when=when
            )
            fill = Filler(writer.rng, ctx, VI_NUMBERS)
            for templates in (*data.values(), vi.GENERIC, vi.LIST_INTROS):
                for template in templates:
                    text = fill(template)
                    assert "{" not in text and ",," not in text, text
                    assert text.lstrip("“")[0].isupper(), text
    for data in en.TOPICS.values():
        fill = Filler(writer.rng, en_context(writer.rng, when=when), EN_NUMBERS)
        for templates in (*data.values(), en.GENERIC):
            for template in templates:
                assert "{" not in fill(template)


def test_import_is_cheap_and_source_is_small() -> None:
    code = (
        "import sys, tuinews.demo\n"
        "heavy = ('textual', 'httpx', 'lxml', 'feedparser', 'trafilatura', 'tuinews.demo.')\n"
        "print(sorted(m for m in sys.modules if m.startswith(heavy)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    package = Path(__import__("tuinews.demo").demo.__file__).parent
    assert sum(p.stat().st_size for p in package.glob("*.py")) < 300_000
