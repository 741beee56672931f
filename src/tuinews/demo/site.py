"""Build the whole demo site in memory: feeds, article pages, portal listings, assets.

:func:`build_site` is pure: the same base URL and the same day give the same bytes. Three
sites share one origin:

* ``/`` — *Tin Nhanh*, a Vietnamese newspaper with eight feeds in four formats;
* ``/en/`` — *Vietnam Morning Post*, an English one with two feeds;
* ``/portal/`` — the office portal of the (fictional) Sơn Lâm province People's
  Committee, which has no feed at all: its paginated listings are scraped.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Final, Literal

from tuinews.demo import feeds as fd
from tuinews.demo import pages
from tuinews.demo import words_en as en
from tuinews.demo import words_vi as vi
from tuinews.demo.content import Article, Writer, anchor_day, slugify, vn_int

HTML: Final = "text/html; charset=utf-8"
CSS: Final = "text/css; charset=utf-8"
SVG: Final = "image/svg+xml; charset=utf-8"
TEXT: Final = "text/plain; charset=utf-8"
RSS: Final = "application/rss+xml; charset=utf-8"
ATOM: Final = "application/atom+xml; charset=utf-8"
RDF: Final = "application/rdf+xml; charset=utf-8"
JSON_FEED: Final = "application/feed+json; charset=utf-8"
XML: Final = "text/xml; charset=utf-8"

PORTAL_LATEST_PER_PAGE: Final = 12
PORTAL_CATEGORY_PER_PAGE: Final = 10
PORTAL_ARTICLES: Final = 64


@dataclass(frozen=True, slots=True)
class DemoFile:
    """One file the demo server serves.

    Attributes:
        body: The bytes sent.
        content_type: ``Content-Type`` header value, with a charset for text.
        last_modified: Aware UTC time for ``Last-Modified``, whole seconds.
        etag: Strong entity tag (quoted), derived from the body.
    """

    body: bytes
    content_type: str
    last_modified: datetime
    etag: str = field(init=False)

    def __post_init__(self) -> None:
        """Compute the entity tag from the body."""
        digest = hashlib.sha256(self.body).hexdigest()[:24]
        object.__setattr__(self, "etag", f'"{digest}"')


@dataclass(frozen=True, slots=True)
class DemoFeed:
    """One subscription of the demo config.

    Attributes:
        key: Short identifier.
        category: Category name in the config.
        title: Feed title.
        path: Site path of the feed document, or of the first listing page for scrapes.
        kind: ``feed`` (a feed document) or ``scrape`` (listing pages read with CSS rules).
        format: ``rss2``, ``atom``, ``rss1``, ``jsonfeed`` or ``html``.
        language: ``vi`` or ``en``.
        fulltext: The config's ``fulltext`` option (``auto``, ``always``, ``never``).
        full_content: Whether the feed itself carries whole articles.
        article_count: Articles reachable from it (all listing pages for scrapes).
        scrape: Selector rule for scrapes (``url`` is implied by ``path``; ``page_url``, when
            present, is a site path with ``{page}``); empty for feeds.
    """

    key: str
    category: str
    title: str
    path: str
    kind: Literal["feed", "scrape"]
    format: str
    language: str
    fulltext: str = "auto"
    full_content: bool = False
    article_count: int = 0
    scrape: dict[str, str | int] = field(default_factory=dict)


@dataclass(slots=True)
class DemoSite:
    """The built site.

    Attributes:
        base_url: Origin the absolute links point at, without a trailing slash.
        built_for: Midnight (UTC+7) of the day the content is dated for.
        files: Path (with ``?query`` for a few aliases) to file.
        feeds: Subscriptions, in config order.
        categories: Category names, in config order.
        articles: Every article, each with a page at ``article.path``.
        nfd_paths: Paths of the files deliberately written in NFD (decomposed) Unicode.
    """

    base_url: str
    built_for: datetime
    files: dict[str, DemoFile]
    feeds: list[DemoFeed]
    categories: list[str]
    articles: list[Article]
    nfd_paths: frozenset[str] = frozenset()

    def url(self, path: str) -> str:
        """Absolute URL of a site path."""
        return self.base_url + path


@dataclass(frozen=True, slots=True)
class _Spec:
    key: str
    category: str
    title: str
    description: str
    path: str
    fmt: str
    lang: str
    count: int
    topics: tuple[str, ...]
    regions: tuple[str, ...] = ()
    full: bool = False
    dates: str = "local"  # local (+0700 / +07:00) or utc (GMT / Z)
    cdata: bool = False
    nfd: bool = False
    content_type: str = RSS
    fulltext: str = "auto"


_ALL_REGIONS: Final = ("mien_bac", "tay_bac", "mien_trung", "dbscl", "mien_nam")
_VI_TOPICS: Final = tuple(t for t in vi.TOPICS if t != "van_phong")

TRONG_NUOC: Final = "Trong nước"
DIA_PHUONG: Final = "Địa phương"
PORTAL_CATEGORY: Final = "Cổng thông tin tỉnh"
ENGLISH: Final = "English"

SPECS: Final[tuple[_Spec, ...]] = (
    _Spec(
        "thoi-su", TRONG_NUOC, "Thời sự", "Tin thời sự trong nước (tin mô phỏng)",
        "/feeds/thoi-su.rss", "rss2", "vi", 36,
        ("chinh_quyen", "thien_tai", "giao_thong", "van_hoa", "y_te", "giao_duc"),
        _ALL_REGIONS, full=True,
    ),
    _Spec(
        "kinh-te", TRONG_NUOC, "Kinh tế", "Kinh tế, đầu tư, thị trường (tin mô phỏng)",
        "/feeds/kinh-te.rss", "rss2", "vi", 32, ("kinh_te", "nong_nghiep"), _ALL_REGIONS,
        dates="utc", cdata=True, fulltext="always",
    ),
    _Spec(
        "giao-thong", TRONG_NUOC, "Giao thông", "Hạ tầng và an toàn giao thông (tin mô phỏng)",
        "/feeds/giao-thong.rdf", "rss1", "vi", 30, ("giao_thong",), _ALL_REGIONS,
        content_type=RDF,
    ),
    _Spec(
        "giao-duc", TRONG_NUOC, "Giáo dục", "Giáo dục và đào tạo (tin mô phỏng)",
        "/feeds/giao-duc.atom", "atom", "vi", 30, ("giao_duc",), _ALL_REGIONS, full=True,
        dates="utc", content_type=ATOM,
    ),
    _Spec(
        "y-te", TRONG_NUOC, "Sức khỏe", "Y tế và sức khỏe cộng đồng (tin mô phỏng)",
        "/feeds/y-te.json", "jsonfeed", "vi", 30, ("y_te",), _ALL_REGIONS, full=True,
        dates="utc", content_type=JSON_FEED, fulltext="never",
    ),
    _Spec(
        "tay-bac", DIA_PHUONG, "Tây Bắc", "Tin các tỉnh Tây Bắc (tin mô phỏng)",
        "/feeds/tay-bac.atom", "atom", "vi", 32, _VI_TOPICS, ("tay_bac",), content_type=ATOM,
    ),
    _Spec(
        "mien-trung", DIA_PHUONG, "Miền Trung - Tây Nguyên",
        "Tin các tỉnh miền Trung và Tây Nguyên (tin mô phỏng)", "/feeds/mien-trung.xml",
        "rss2", "vi", 32, _VI_TOPICS, ("mien_trung", "mien_nam"), full=True, dates="utc",
        content_type=XML,
    ),
    _Spec(
        "dbscl", DIA_PHUONG, "Đồng bằng sông Cửu Long",
        "Tin các tỉnh Đồng bằng sông Cửu Long (tin mô phỏng, Unicode dạng NFD)",
        "/feeds/dong-bang-song-cuu-long.rss", "rss2", "vi", 30,
        ("nong_nghiep", "kinh_te", "thien_tai", "giao_thong", "van_hoa"), ("dbscl",), nfd=True,
    ),
    _Spec(
        "en-top", ENGLISH, "Vietnam Morning Post - Top stories",
        "Top stories from Vietnam (simulated news)", "/en/feeds/top-stories.rss", "rss2", "en",
        30, ("transport", "tourism", "environment", "economy"), full=True, dates="utc",
    ),
    _Spec(
        "en-business", ENGLISH, "Vietnam Morning Post - Business & Tech",
        "Business and technology (simulated news)", "/en/feeds/business.atom", "atom", "en", 28,
        ("economy", "tech"), full=True, dates="utc", content_type=ATOM,
    ),
)  # fmt: skip

# Hand-written titles that exercise escaping, markup injection and wide characters:
# (feed key, position, topic, title).
SPECIAL_TITLES: Final[tuple[tuple[str, int, str, str], ...]] = (
    (
        "thoi-su", 2, "chinh_quyen",
        "Hỏi & đáp: cử tri quan tâm gì ở dự thảo <Nghị quyết> sắp xếp thôn, tổ dân phố",
    ),
    (
        "en-top", 3, "economy",
        "Newsroom note: the text [bold]x[/ and [link=file:///etc]y in this headline is literal",
    ),
    (
        "en-business", 1, "tech",
        "Da Nang app tops charts in Japan (日本) and Korea (한국) 🚀🇻🇳 as start-ups go global",
    ),
)  # fmt: skip

PORTAL_LATEST_TITLE: Final = "VPUB tỉnh Sơn Lâm - Tin mới nhất"
PORTAL_CHIDAO_TITLE: Final = "VPUB tỉnh Sơn Lâm - Chỉ đạo điều hành"
_CHIDAO_TOPICS: Final = ("chinh_quyen", "thien_tai")
_NEWS_TOPICS: Final = ("van_phong", "van_phong", "kinh_te", "van_hoa", "nong_nghiep", "y_te")


def _vi_outlet(specs: list[_Spec]) -> pages.Outlet:
    menu = [("/index.html", "Trang chủ")]
    menu += [(f"/chuyen-muc/{s.key}.html", s.title) for s in specs if s.lang == "vi"]
    menu.append(("/portal/index.html", "Cổng TTĐT tỉnh"))
    return pages.Outlet(vi.NEWS_SITE_NAME, vi.NEWS_SITE_TAGLINE, "/index.html", "vi", tuple(menu))


def _en_outlet(specs: list[_Spec]) -> pages.Outlet:
    menu = [("/en/index.html", "Home")]
    menu += [
        (f"/en/section/{s.key}.html", s.title.split(" - ")[-1]) for s in specs if s.lang == "en"
    ]
    return pages.Outlet(
        en.NEWS_SITE_NAME, en.NEWS_SITE_TAGLINE, "/en/index.html", "en", tuple(menu)
    )


def _section_path(spec: _Spec) -> str:
    if spec.lang == "en":
        return f"/en/section/{spec.key}.html"
    return f"/chuyen-muc/{spec.key}.html"


class _Builder:
    def __init__(self, base_url: str, now: datetime | None) -> None:
        self.base = base_url.rstrip("/")
        self.anchor = anchor_day(now)
        self.writer = Writer()
        self.files: dict[str, DemoFile] = {}
        self.articles: list[Article] = []
        self.by_feed: dict[str, list[Article]] = {}
        self.nfd: set[str] = set()

    # -- helpers -------------------------------------------------------------------------

    def add(self, path: str, text: str, content_type: str, modified: datetime) -> None:
        stamp = modified.astimezone(UTC).replace(microsecond=0)
        self.files[path] = DemoFile(text.encode("utf-8"), content_type, stamp)

    def _number(self, art: Article, prefix: str) -> None:
        art.id = 1000 + len(self.articles)
        art.path = f"{prefix}/{slugify(art.title)}-{art.id}.html"
        self.articles.append(art)

    # -- content -------------------------------------------------------------------------

    def write_feed_articles(self, spec: _Spec) -> list[Article]:
        rng = self.writer.rng
        specials = {
            pos: (topic, title) for key, pos, topic, title in SPECIAL_TITLES if key == spec.key
        }
        arts: list[Article] = []
        for i, when in enumerate(self.writer.dates(self.anchor, spec.count)):
            topic = rng.choice(spec.topics)
            title: str | None = None
            if i in specials:
                topic, title = specials[i]
            if spec.lang == "en":
                art = self.writer.en_article(topic=topic, when=when, title=title)
                self._number(art, "/en/articles")
            else:
                region = rng.choice(spec.regions)
                province = rng.choice(vi.REGIONS[region])
                art = self.writer.vi_article(
                    topic=topic, region=region, province=province, when=when, title=title
                )
                self._number(art, "/articles")
            art.feed_key = spec.key
            arts.append(art)
        self.by_feed[spec.key] = arts
        return arts

    def write_portal_articles(self) -> list[Article]:
        rng = self.writer.rng
        arts: list[Article] = []
        for i, when in enumerate(self.writer.dates(self.anchor, PORTAL_ARTICLES)):
            chidao = i % 2 == 0
            topic = rng.choice(_CHIDAO_TOPICS if chidao else _NEWS_TOPICS)
            art = self.writer.vi_article(
                topic=topic, region="tay_bac", province=vi.PORTAL_PROVINCE, when=when, portal=True
            )
            art.portal_category = "chi-dao-dieu-hanh" if chidao else "tin-tuc-su-kien"
            art.feed_key = "portal"
            self._number(art, "/portal/tin-tuc")
            arts.append(art)
        return arts

    # -- rendering -----------------------------------------------------------------------

    def render_feed(self, spec: _Spec, arts: list[Article], outlet: pages.Outlet) -> None:
        info = fd.FeedInfo(
            key=spec.key,
            title=spec.title if spec.lang == "en" else f"{spec.title} - {outlet.name}",
            description=spec.description,
            home=self.base + _section_path(spec),
            self_url=self.base + spec.path,
            lang=spec.lang,
            publisher=outlet.name,
            logo=self.base + outlet.logo,
        )
        utc = spec.dates == "utc"
        if spec.fmt == "rss2":
            text = fd.rss2(
                info, arts, base=self.base, full=spec.full, gmt=utc, cdata_text=spec.cdata
            )
        elif spec.fmt == "atom":
            text = fd.atom(info, arts, base=self.base, full=spec.full, zulu=utc)
        elif spec.fmt == "rss1":
            text = fd.rss1(info, arts, base=self.base)
        else:
            text = fd.json_feed(info, arts, base=self.base)
        if spec.nfd:
            text = unicodedata.normalize("NFD", text)
            self.nfd.add(spec.path)
        self.add(spec.path, text, spec.content_type, max(a.updated for a in arts))

    def render_news_pages(
        self, spec: _Spec, arts: list[Article], outlet: pages.Outlet, pool: list[Article]
    ) -> None:
        rng = self.writer.rng
        latest = sorted(pool, key=lambda a: a.published, reverse=True)[:7]
        for i, art in enumerate(arts):
            related = [a for a in arts[max(0, i - 2) : i + 3] if a is not art][:4]
            popular = rng.sample([a for a in pool if a is not art], 5)
            html = pages.news_article_page(
                art,
                outlet=outlet,
                base=self.base,
                section_path=_section_path(spec),
                section_label=spec.title.split(" - ")[-1],
                related=related,
                latest=[a for a in latest if a is not art][:6],
                popular=popular,
                with_meta=art.id % 10 != 7,
                with_json_ld=art.id % 7 != 3,
            )
            self.add(art.path, html, HTML, art.updated)
        self.add(
            _section_path(spec),
            pages.section_page(
                outlet=outlet,
                base=self.base,
                path=_section_path(spec),
                label=spec.title.split(" - ")[-1],
                arts=arts,
            ),
            HTML,
            max(a.updated for a in arts),
        )

    def render_portal(self, arts: list[Article]) -> None:
        pages_latest = -(-len(arts) // PORTAL_LATEST_PER_PAGE)
        for art in arts:
            latest = [a for a in arts if a is not art][:15]
            html = pages.portal_article_page(
                art, base=self.base, latest=latest, listing_pages=pages_latest
            )
            self.add(art.path, html, HTML, art.published)
        listings = [("tin-moi-nhat", "Tin mới nhất", arts, PORTAL_LATEST_PER_PAGE)]
        for slug, label in vi.PORTAL_CATEGORIES[:2]:
            members = [a for a in arts if a.portal_category == slug]
            listings.append((slug, label, members, PORTAL_CATEGORY_PER_PAGE))
        for slug, label, members, per_page in listings:
            last = -(-len(members) // per_page)
            for page in range(1, last + 1):
                chunk = members[(page - 1) * per_page : page * per_page]
                path = f"/portal/{slug}/page-{page}.html"
                html = pages.portal_listing_page(
                    base=self.base,
                    path=path,
                    heading=label,
                    items=chunk,
                    page=page,
                    last=last,
                    pager_href=f"/portal/{slug}/page-{{page}}.html",
                )
                self.add(path, html, HTML, max(a.published for a in chunk))
                self.files[f"/portal/{slug}?page={page}"] = self.files[path]
            self.files[f"/portal/{slug}"] = self.files[f"/portal/{slug}/page-1.html"]
        self.add(
            "/portal/index.html",
            pages.portal_home_page(
                base=self.base,
                latest=arts[:10],
                intro="Cổng thông tin điện tử của Văn phòng UBND tỉnh Sơn Lâm, một tỉnh hư cấu"
                " dùng cho bản trình diễn của tuinews. Trang không có RSS: các trang danh sách"
                " tin được đọc bằng quy tắc bộ chọn CSS.",
            ),
            HTML,
            arts[0].published,
        )
        self._portal_tables(arts)

    def _portal_tables(self, arts: list[Article]) -> None:
        rng = self.writer.rng
        agencies = [
            "Sở Tài chính", "Sở Nội vụ", "Sở Xây dựng", "Sở Y tế", "Sở Giáo dục và Đào tạo",
            "Sở Nông nghiệp và Môi trường", "Sở Công Thương", "Sở Khoa học và Công nghệ",
        ]  # fmt: skip
        docs = []
        for i, art in enumerate(arts[:20]):
            number = f"{rng.randint(100, 4999)}/UBND-{rng.choice(('KT', 'TH', 'VX', 'NC'))}"
            docs.append(
                (
                    str(i + 1),
                    number,
                    f"{art.published:%d/%m/%Y}",
                    rng.choice(agencies),
                    art.title.removeprefix("VPUB - "),
                )
            )
        self.add(
            "/portal/cong-khai-gui-nhan-van-ban.html",
            pages.portal_table_page(
                base=self.base,
                path="/portal/cong-khai-gui-nhan-van-ban.html",
                heading="Công khai gửi nhận văn bản",
                columns=("STT", "Số ký hiệu", "Ngày ban hành", "Nơi nhận", "Trích yếu"),
                rows=docs,
            ),
            HTML,
            arts[0].published,
        )
        stats = []
        for agency in agencies:
            received = rng.randint(200, 5000)
            on_time = received - rng.randint(0, received // 40)
            stats.append(
                (
                    agency,
                    vn_int(received),
                    vn_int(on_time),
                    vn_int(received - on_time),
                    f"{100 * on_time / received:.1f}%".replace(".", ","),
                )
            )
        self.add(
            "/portal/tinh-hinh-giai-quyet-ho-so.html",
            pages.portal_table_page(
                base=self.base,
                path="/portal/tinh-hinh-giai-quyet-ho-so.html",
                heading="Tình hình giải quyết hồ sơ",
                columns=("Cơ quan", "Tiếp nhận", "Đúng hạn", "Quá hạn", "Tỷ lệ đúng hạn"),
                rows=stats,
            ),
            HTML,
            self.anchor,
        )
        self.add(
            "/portal/gioi-thieu.html",
            pages.portal_table_page(
                base=self.base,
                path="/portal/gioi-thieu.html",
                heading="Giới thiệu",
                columns=("Mục", "Nội dung"),
                rows=(
                    ("Tên cơ quan", "Văn phòng UBND tỉnh Sơn Lâm (hư cấu)"),
                    ("Chức năng", "Tham mưu, tổng hợp, giúp UBND tỉnh chỉ đạo, điều hành."),
                    ("Địa chỉ", "Số 1 đường Trung Tâm, phường Sơn Lâm, tỉnh Sơn Lâm"),
                ),
            ),
            HTML,
            self.anchor,
        )

    def render_assets(self) -> None:
        self.add("/static/site.css", pages.SITE_CSS, CSS, self.anchor)
        self.add("/static/portal.css", pages.PORTAL_CSS, CSS, self.anchor)
        self.add("/static/logo.svg", pages.LOGO_SVG, SVG, self.anchor)
        self.add("/static/quoc-huy.svg", pages.EMBLEM_SVG, SVG, self.anchor)
        self.add("/robots.txt", "User-agent: *\nAllow: /\n", TEXT, self.anchor)
        labels = list(vi.TOPIC_LABELS.values()) + list(en.TOPIC_LABELS.values())
        for label in labels:
            for variant in (1, 2, 3):
                self.add(
                    f"/images/{slugify(label)}-{variant}.svg",
                    pages.placeholder_svg(label, variant),
                    SVG,
                    self.anchor,
                )


def build_site(base_url: str, *, now: datetime | None = None) -> DemoSite:
    """Build every file of the demo site for ``base_url``.

    Args:
        base_url: Origin the feeds and pages link to, e.g. ``http://127.0.0.1:8123``.
        now: The moment to date the content for; only its day (in UTC+7) matters. Naive
            means UTC; None means the current time. Articles fall in the 60 days before.

    Returns:
        The site; identical bytes for the same ``base_url`` and day.
    """
    b = _Builder(base_url, now)
    specs = list(SPECS)
    vi_outlet, en_outlet = _vi_outlet(specs), _en_outlet(specs)
    written = [(spec, b.write_feed_articles(spec)) for spec in specs]
    portal = b.write_portal_articles()
    vi_pool = [a for a in b.articles if a.lang == "vi" and not a.portal_category]
    en_pool = [a for a in b.articles if a.lang == "en"]
    for spec, arts in written:
        outlet = en_outlet if spec.lang == "en" else vi_outlet
        b.render_feed(spec, arts, outlet)
        b.render_news_pages(spec, arts, outlet, en_pool if spec.lang == "en" else vi_pool)
    b.render_portal(portal)
    b.render_assets()

    feeds = [
        DemoFeed(
            key=spec.key,
            category=spec.category,
            title=spec.title,
            path=spec.path,
            kind="feed",
            format=spec.fmt,
            language=spec.lang,
            fulltext=spec.fulltext,
            full_content=spec.full,
            article_count=len(arts),
        )
        for spec, arts in written
    ]
    chidao = [a for a in portal if a.portal_category == "chi-dao-dieu-hanh"]
    feeds += [
        DemoFeed(
            key="portal-latest",
            category=PORTAL_CATEGORY,
            title=PORTAL_LATEST_TITLE,
            path="/portal/tin-moi-nhat/page-1.html",
            kind="scrape",
            format="html",
            language="vi",
            article_count=len(portal),
            scrape=_scrape_rule(next_link=True),
        ),
        DemoFeed(
            key="portal-chi-dao",
            category=PORTAL_CATEGORY,
            title=PORTAL_CHIDAO_TITLE,
            path="/portal/chi-dao-dieu-hanh/page-1.html",
            kind="scrape",
            format="html",
            language="vi",
            article_count=len(chidao),
            scrape=_scrape_rule(next_link=False),
        ),
    ]
    categories = [TRONG_NUOC, DIA_PHUONG, PORTAL_CATEGORY, ENGLISH]
    _home_pages(b, vi_outlet, en_outlet, feeds, vi_pool, en_pool)
    return DemoSite(
        base_url=b.base,
        built_for=b.anchor,
        files=b.files,
        feeds=feeds,
        categories=categories,
        articles=b.articles,
        nfd_paths=frozenset(b.nfd),
    )


def _scrape_rule(*, next_link: bool) -> dict[str, str | int]:
    rule: dict[str, str | int] = {
        "item": "div.news-list div.news-item",
        "title": "a.title",
        "link": "a.title",
        "date": "span.date",
        "date_format": "%d/%m/%Y %I:%M %p",
        "summary": "p.summary",
    }
    if next_link:
        rule["next"] = "a.next"
    else:
        rule["page_url"] = "/portal/chi-dao-dieu-hanh/page-{page}.html"
    rule["max_pages"] = 3
    rule["body"] = "div.article-content"
    return rule


def _home_pages(
    b: _Builder,
    vi_outlet: pages.Outlet,
    en_outlet: pages.Outlet,
    feeds: list[DemoFeed],
    vi_pool: list[Article],
    en_pool: list[Article],
) -> None:
    def newest(pool: list[Article]) -> list[Article]:
        return sorted(pool, key=lambda a: a.published, reverse=True)[:20]

    listed = [(f.path, f.title, f.format) for f in feeds]
    b.add(
        "/index.html",
        pages.home_page(
            outlet=vi_outlet,
            base=b.base,
            feeds=listed,
            latest=newest(vi_pool),
            intro="Đây là dữ liệu trình diễn đi kèm tuinews, phục vụ qua 127.0.0.1, không cần"
            " mạng. Mọi tin bài do chương trình tự sinh; nhân vật, số liệu đều là hư cấu.",
        ),
        HTML,
        max(a.updated for a in vi_pool),
    )
    b.add(
        "/en/index.html",
        pages.home_page(
            outlet=en_outlet,
            base=b.base,
            feeds=[row for row in listed if row[0].startswith("/en/")],
            latest=newest(en_pool),
            intro="Demo content bundled with tuinews, served from 127.0.0.1 with no network."
            " Every story is generated; people and figures are fictional.",
        ),
        HTML,
        max(a.updated for a in en_pool),
    )
