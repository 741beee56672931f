"""Article page → clean Markdown plus metadata; the only module that imports trafilatura.

One call, :func:`extract_article`, turns the bytes of an article page into what the cache
keeps for offline reading: the article's own text as Markdown and the metadata the page
has (title, author, publication date, lead image and its caption). The page is parsed
once with lxml; metadata is read from that tree, the body is found either by a site rule's
CSS selector or by trafilatura (given the same tree, so the HTML is not parsed again), and
the result is rendered to Markdown here rather than by trafilatura, so that captions,
links and furniture can be handled the way a Vietnamese news reader needs.

The Markdown
    Paragraphs separated by a blank line; ``##``/``###``/``####`` headings; ``-`` and ``1.``
    lists; ``>`` quotes; tables as GFM pipe tables (single-column layout tables become
    paragraphs); ``**bold**``, ``*italic*``; links as ``[text](absolute URL)`` (http/https
    only). Images are never shown (a terminal cannot draw them); an image with a caption
    becomes, in place, a paragraph of its own::

        [Ảnh: <caption>](<absolute image URL>)

    i.e. a Markdown link whose text starts with ``Ảnh:`` ("photo:"); :data:`CAPTION_RE`
    matches it. An image without a caption is left out.

Furniture
    Related-news boxes, share/print/text-size controls, tag lists, pagers, "Tin mới nhất" /
    "Tin liên quan" / "Xem thêm" sections and runs of other headlines with their dates are
    removed, first from the HTML (by class names and attributes, never touching the block
    that holds most of the page's running prose) and then from the Markdown (by what the
    lines say). The byline at the end of the body stays.

Dates
    JSON-LD ``datePublished``, then ``article:published_time`` and similar ``<meta>``, then
    ``<time datetime>``, then the first visible Vietnamese date near the title (day first).
    Comments are dropped by the parser and ``data-*`` attributes are never read, so the
    month-first dates scripts leave there cannot be misread.

Statuses
    ``OK``; ``LISTING`` for a home or section page (many headline links, no article markers,
    no block of running prose); ``FAILED`` when too little text is found; ``NOT_HTML``;
    ``TOO_LARGE``.
"""

from __future__ import annotations

import html as htmllib
import json
import logging
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import etree
from lxml import html as lxml_html

from tuinews.fetch.htmldecode import decode_html
from tuinews.i18n import _
from tuinews.models import BodyStatus
from tuinews.text.dates import VN_TZ, find_vn_date, parse_iso_or_vn
from tuinews.text.fold import fold
from tuinews.text.sanitize import clean_block, clean_line

__all__ = [
    "CAPTION_PREFIX",
    "CAPTION_RE",
    "MAX_PAGE_BYTES",
    "MIN_BODY_CHARS",
    "Extracted",
    "css_to_xpath",
    "extract_article",
    "format_extracted",
]

CAPTION_PREFIX = "Ảnh"
"""The word that starts an image-caption paragraph: ``[Ảnh: caption](url)``."""
CAPTION_RE = re.compile(r"^\[Ảnh: (?P<caption>(?:\\.|[^\]\\])+)\]\((?P<url>[^()\s]+)\)$", re.M)
"""Matches a caption paragraph of the extracted Markdown (caption text is Markdown-escaped)."""
MAX_PAGE_BYTES = 8 * 1024 * 1024
"""Pages larger than this are not parsed (``TOO_LARGE``); the fetcher has its own cap too."""
MIN_BODY_CHARS = 200
"""Less article text than this (without markup) is ``FAILED``: a video page, a paywall…"""

# -- results ---------------------------------------------------------------------------------


@dataclass(slots=True)
class Extracted:
    """What :func:`extract_article` found on one page; all text is clean (NFC, no controls)."""

    status: BodyStatus
    """OK, FAILED, LISTING, NOT_HTML or TOO_LARGE."""
    markdown: str = ""
    """The article's own text as Markdown (see the module docstring), "" unless OK."""
    error: str = ""
    """One-line reason when the status is not OK."""
    title: str = ""
    author: str = ""
    published: datetime | None = None
    """Publication time in UTC, when the page states it."""
    image_url: str = ""
    """Absolute URL of the lead image."""
    image_caption: str = ""


# -- small helpers ---------------------------------------------------------------------------

_WS = re.compile(r"[ \t\r\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_ZERO_WIDTH = re.compile("[\u200b\ufeff\u00ad]")


def _drop_zero_width(text: str) -> str:
    # A regex only when needed: this runs on every text node of big pages.
    if "\u200b" in text or "\ufeff" in text or "\u00ad" in text:
        return _ZERO_WIDTH.sub("", text)
    return text


def _norm(text: str | None) -> str:
    """Collapse all whitespace to single spaces and strip (for comparisons and one-liners)."""
    if not text:
        return ""
    return " ".join(_drop_zero_width(text).split())


def _unescape(text: str) -> str:
    """Undo HTML entities, twice: several CMSs escape JSON-LD text once too often."""
    for _attempt in range(2):
        if "&" not in text:
            break
        text = htmllib.unescape(text)
    return text


def _text(el: Any) -> str:
    return _norm(el.text_content()) if el is not None else ""


def _http_url(raw: str | None, base: str) -> str:
    """An absolute http(s) URL made from ``raw`` against ``base``, or "" if it is not one."""
    if not raw:
        return ""
    raw = raw.strip()
    if not raw or raw.startswith(("#", "data:", "javascript:", "mailto:", "tel:", "about:")):
        return ""
    try:
        url = urljoin(base, raw) if base else raw
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return ""
    return clean_line(url, max_len=2000).replace(" ", "%20")


def _site_key(host: str) -> str:
    """The registrable part of a host ("baochinhphu.vn", "dienbien.gov.vn")."""
    labels = host.lower().split(".")
    if labels and labels[0] == "www":
        labels = labels[1:]
    if len(labels) >= 3 and labels[-2] in ("com", "gov", "org", "edu", "net", "ac", "info", "int"):
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


# -- CSS selectors ---------------------------------------------------------------------------


def css_to_xpath(selector: str) -> str:
    """The XPath for a CSS selector of a site rule (``body = "div.detail-content"``).

    Config code can call this to validate a rule when it is loaded.

    Args:
        selector: A CSS 3 selector (cssselect's HTML dialect: tag names are
            case-insensitive; ``:contains()`` is available).

    Returns:
        An XPath expression selecting the same elements of an HTML tree.

    Raises:
        ValueError: the selector is empty or not valid CSS, or uses a pseudo-element.
    """
    from cssselect import HTMLTranslator, SelectorError

    try:
        return str(HTMLTranslator().css_to_xpath(selector.strip()))
    except SelectorError as exc:
        raise ValueError(
            _("bad CSS selector {selector}: {error}", selector=repr(selector), error=exc)
        ) from exc


# -- parsing ---------------------------------------------------------------------------------

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_NOT_HTML_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b")
_FEED_START = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b", re.S | re.I
)
_HTML_TYPES = ("text/html", "application/xhtml+xml", "text/xml", "application/xml", "text/plain")
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Numeric references to C0 controls (tab, LF and CR excepted) and DEL. References to
# 0x80-0x9F are read as windows-1252 by HTML parsers, so they are not controls.
_CONTROL_REF = re.compile(
    r"&#([xX]0*(?:[0-8bBcCeEfF]|1[0-9a-fA-F]|7[fF])(?![0-9a-fA-F])"
    r"|0*(?:[0-8]|1[1-2]|1[4-9]|2[0-9]|3[01]|127)(?![0-9]));?"
)
_local = threading.local()


def _parser() -> Any:
    """One lxml parser per thread: parser objects must not be shared between threads."""
    parser = getattr(_local, "parser", None)
    if parser is None:
        # Comments and processing instructions are dropped at parse time: dates inside
        # comments are month first and must never be read.
        parser = lxml_html.HTMLParser(
            remove_comments=True, remove_pis=True, collect_ids=False, default_doctype=False
        )
        _local.parser = parser
    return parser


def _not_html_reason(raw: bytes, content_type: str | None) -> str:
    media = (content_type or "").split(";", 1)[0].strip().lower()
    if media and media not in _HTML_TYPES and not media.endswith("+xml"):
        if media != "application/octet-stream":
            return _("not an HTML page ({type})", type=clean_line(media, max_len=60))
    head = raw[:1024].lstrip()
    if head.startswith(_NOT_HTML_MAGIC) or head[:1] in (b"{", b"["):
        return _("not an HTML page ({type})", type=_("binary or JSON content"))
    return ""


# -- metadata --------------------------------------------------------------------------------

_ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "reviewnewsarticle",
        "backgroundnewsarticle",
        "blogposting",
        "liveblogposting",
        "techarticle",
        "scholarlyarticle",
        "report",
        "socialmediaposting",
    }
)
_DATE_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "date",
    "dc.date.issued",
    "dc.date",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
    "published_time",
)
_AUTHOR_META = (
    "article:author",
    "dable:author",
    "author",
    "dc.creator",
    "sailthru.author",
    "parsely-author",
    "twitter:creator",
)
_JSONLD_DATE_RE = re.compile(r'"datePublished"\s*:\s*"([^"]{6,40})"')
_JSONLD_HEADLINE_RE = re.compile(r'"headline"\s*:\s*"((?:\\.|[^"\\]){3,500})"')


@dataclass(slots=True)
class _Meta:
    title: str = ""
    author: str = ""
    published: datetime | None = None
    image_url: str = ""
    description: str = ""
    site_name: str = ""
    article_markers: bool = False


def _meta_tags(root: Any) -> dict[str, str]:
    """First non-empty ``content`` of each ``<meta>`` keyed by lower-case property/name."""
    found: dict[str, str] = {}
    for el in root.iter("meta"):
        key = el.get("property") or el.get("name") or el.get("itemprop")
        content = el.get("content")
        if key and content and content.strip():
            found.setdefault(key.strip().lower(), content.strip())
    return found


def _jsonld_objects(root: Any) -> Iterator[dict[str, Any]]:
    """Every JSON-LD object of the page, with ``@graph`` and lists flattened."""
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        raw = (script.text or "").strip()
        if not raw:
            continue
        try:
            data = json.loads(raw, strict=False)
        except ValueError:
            # Sloppy JSON (trailing commas, stray text) is common; keep what a regex can find.
            date = _JSONLD_DATE_RE.search(raw)
            head = _JSONLD_HEADLINE_RE.search(raw)
            if date or head:
                yield {
                    "@type": "Article" if '"NewsArticle"' in raw or '"Article"' in raw else "",
                    "datePublished": date.group(1) if date else "",
                    "headline": head.group(1) if head else "",
                }
            continue
        stack: list[Any] = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack[:0] = item
            elif isinstance(item, dict):
                yield item
                graph = item.get("@graph")
                if isinstance(graph, list):
                    stack.extend(graph)


def _types(obj: dict[str, Any]) -> set[str]:
    t = obj.get("@type")
    names = t if isinstance(t, list) else [t]
    return {str(n).lower() for n in names if n}


def _jsonld_names(value: Any, *, people_only: bool) -> list[str]:
    """Names of the authors in a JSON-LD ``author`` value (string, object or list)."""
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        if isinstance(item, str):
            names.append(item)
        elif isinstance(item, dict):
            if people_only and _types(item) & {"organization", "newsmediaorganization"}:
                continue
            name = item.get("name")
            if isinstance(name, str):
                names.append(name)
    return [n for n in (clean_line(_unescape(n), max_len=200) for n in names) if n]


def _parse_date_value(value: str | None) -> datetime | None:
    """A machine-readable date (ISO, RFC 822) or, failing that, a day-first Vietnamese one."""
    if not value:
        return None
    try:
        return parse_iso_or_vn(value.strip())
    except (ValueError, OverflowError):
        return None


_PUBLICATION_WORDS = re.compile(r"^báo\s|\b(?:online|news|vccorp|tạp chí|cổng thông tin)\b")


def _looks_like_site(name: str, meta: _Meta, host: str) -> bool:
    """True when an "author" is really the publication or an account, not a person.

    ``VnExpress``, ``NLD.COM.VN``, ``Báo Dân trí``, ``baotuoitre``, a URL or an @handle.
    """
    folded = fold(name)
    compact = folded.replace(" ", "")
    if not compact or "/" in name or "@" in name:
        return True
    if " " not in name.strip() and ("." in name or name.islower()):
        return True
    site = fold(meta.site_name).replace(" ", "")
    if compact in site or compact in host.replace(".", ""):
        return True
    # "Báo …" (newspaper) but not the given name "Bảo": compare with the marks kept.
    return bool(_PUBLICATION_WORDS.search(name.casefold()))


def _read_metadata(root: Any, url: str) -> _Meta:
    """Title, author, date, image and description from ``<meta>``, JSON-LD and ``<time>``."""
    meta = _Meta()
    tags = _meta_tags(root)
    host = (urlsplit(url).hostname or "") if url else ""
    meta.site_name = _norm(tags.get("og:site_name", ""))
    articles = [o for o in _jsonld_objects(root) if _types(o) & _ARTICLE_TYPES]
    meta.article_markers = bool(
        articles
        or "article:published_time" in tags
        # One such element: a home page marks up every teaser with its own datePublished.
        or len(root.xpath("//*[@itemprop='articleBody']")) == 1
        or len(
            root.xpath(
                "//*[@itemprop='datePublished']"
                "[normalize-space(@content) or normalize-space(@datetime) or normalize-space(.)]"
            )
        )
        == 1
    )

    headline = ""
    for obj in articles:
        if not headline and isinstance(obj.get("headline"), str):
            headline = obj["headline"]
        if meta.published is None and isinstance(obj.get("datePublished"), str):
            meta.published = _parse_date_value(_unescape(obj["datePublished"]))
        if not meta.author and obj.get("author"):
            names = [
                n
                for n in _jsonld_names(obj["author"], people_only=True)
                if not _looks_like_site(n, meta, host)
            ]
            meta.author = ", ".join(dict.fromkeys(names))
        if not meta.image_url:
            image = obj.get("image")
            if isinstance(image, list) and image:
                image = image[0]
            if isinstance(image, dict):
                image = image.get("url")
            if isinstance(image, str):
                meta.image_url = _http_url(_unescape(image), url)
        if not meta.description and isinstance(obj.get("description"), str):
            meta.description = _norm(_unescape(obj["description"]))

    h1 = root.find(".//h1")
    title_tag = root.find(".//title")
    for candidate in (
        tags.get("og:title"),
        headline,
        tags.get("twitter:title"),
        _text(h1),
        _strip_site_suffix(_text(title_tag), meta.site_name),
    ):
        title = clean_line(_unescape(candidate or ""), max_len=500)
        if title:
            meta.title = title
            break

    if meta.published is None:
        for key in _DATE_META:
            if key in tags:
                meta.published = _parse_date_value(tags[key])
                if meta.published is not None:
                    break
    if meta.published is None:
        for el in root.iter("time"):
            # Only the machine-readable attribute: data-* attributes are never read.
            meta.published = _parse_date_value(el.get("datetime"))
            if meta.published is not None:
                break

    if not meta.author:
        for key in _AUTHOR_META:
            value = tags.get(key, "")
            names = [clean_line(n, max_len=200) for n in re.split(r"[;|]", _unescape(value))]
            names = [n for n in names if n and not _looks_like_site(n, meta, host)]
            if names:
                meta.author = ", ".join(dict.fromkeys(names))
                break

    if not meta.image_url:
        for key in ("og:image", "og:image:url", "og:image:secure_url", "twitter:image"):
            meta.image_url = _http_url(tags.get(key), url)
            if meta.image_url:
                break
    if not meta.description:
        for key in ("og:description", "description", "twitter:description"):
            if tags.get(key):
                meta.description = _norm(_unescape(tags[key]))
                break
    return meta


def _strip_site_suffix(title: str, site: str) -> str:
    """``"Giá vàng giảm | Báo Dân trí"`` → ``"Giá vàng giảm"``."""
    for sep in (" | ", " – ", " — ", " - "):
        head, found, tail = title.rpartition(sep)
        if found and head and (sep == " | " or (site and tail.casefold() in site.casefold())):
            return head
    return title


# -- page analysis ---------------------------------------------------------------------------

_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "ul",
        "ol",
        "li",
        "table",
        "tr",
        "td",
        "th",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "figure",
        "header",
        "footer",
        "aside",
        "nav",
        "form",
        "dl",
        "dd",
        "dt",
        "pre",
        "center",
    }
)
_PROSE_CANDIDATES = ("p", "div", "span", "td", "li", "h2", "blockquote", "section")
_ARTICLE_URL = re.compile(r"\d{5,}|(?:[^/\-]+-){3,}[^/]*$")


@dataclass(slots=True)
class _Layout:
    """What a cheap look at the page says about its shape."""

    headline_links: int = 0
    """Distinct links whose text looks like a headline (5+ words)."""
    prose_parent: Any = None
    """The element holding the most running prose in direct child blocks."""
    prose_chars: int = 0
    prose_blocks: int = 0
    protected: set[Any] = field(default_factory=set)
    """``prose_parent`` and its ancestors: furniture removal never touches them. (Elements,
    not ``id()``s: lxml makes proxy objects on demand, and a freed proxy's id is reused.)"""


def _analyse_layout(root: Any) -> _Layout:
    """Count headline links and find the biggest cluster of prose blocks under one parent.

    A news article keeps its paragraphs side by side in one container; a listing page has
    one teaser paragraph per item, each in its own box. That difference, more than any
    marker, tells the two apart.
    """
    layout = _Layout()
    hrefs: set[str] = set()
    for a in root.iter("a"):
        href = a.get("href")
        if href and not href.startswith(("#", "javascript:")):
            words = a.text_content().split()
            if len(words) >= 5 and sum(map(len, words)) >= 20:
                hrefs.add(href)
    layout.headline_links = len(hrefs)

    chars: dict[Any, int] = {}
    counts: dict[Any, int] = {}
    for el in root.iter(*_PROSE_CANDIDATES):
        if el.tag != "p" and any(isinstance(c.tag, str) and c.tag in _BLOCK_TAGS for c in el):
            continue
        text = _text(el)
        if len(text) < 40:
            continue
        linked = sum(len(_text(a)) for a in el.iter("a"))
        if linked * 2 > len(text) or any(anc.tag == "a" for anc in el.iterancestors()):
            continue
        parent = el.getparent()
        if parent is None:
            continue
        chars[parent] = chars.get(parent, 0) + len(text)
        counts[parent] = counts.get(parent, 0) + 1
    if chars:
        best = max(chars, key=lambda p: chars[p])
        layout.prose_parent = best
        layout.prose_chars = chars[best]
        layout.prose_blocks = counts[best]
        layout.protected = {best, *best.iterancestors()}
    return layout


def _is_listing(meta: _Meta, layout: _Layout, url: str) -> bool:
    """A home or section page: headline links, no article markers, no run of prose."""
    if meta.article_markers or layout.headline_links < 10:
        return False
    score = 0
    if layout.prose_chars >= 1500 and layout.prose_blocks >= 3:
        score += 2
    elif layout.prose_chars >= 600:
        score += 1
    path = urlsplit(url).path if url else ""
    if _ARTICLE_URL.search(path.rstrip("/").rsplit("/", 1)[-1] if path else ""):
        score += 1
    return score < 2


# -- lead paragraph and visible date ---------------------------------------------------------

_LEAD_CLASS = re.compile(r"sapo|lead|summary|chapeau|tom-?tat|desc|intro|excerpt", re.I)


def _find_lead(root: Any, description: str) -> str:
    """The page's lead paragraph (sapo), which usually sits outside the body container.

    It is the element whose text begins like the page's description (``og:description``
    is usually a copy of the sapo, sometimes cut short); failing that, a short element
    whose class says "sapo"/"lead"/"summary".
    """
    desc = _norm(description)
    words = desc.split()
    if len(words) >= 8:
        # Middle words: the "(Dân trí) -" prefix is often in its own <span>.
        probe = " ".join(words[3:9])
        prefix = desc[:30].casefold()
        for node in root.xpath("//body//text()[contains(., $p)]", p=probe):
            el = node.getparent()
            while el is not None and el.tag in ("a", "b", "strong", "em", "i", "span", "font"):
                el = el.getparent()
            if el is None or el.tag in ("title", "script", "style", "body", "html"):
                continue
            text = _text(el)
            if text.casefold().startswith(prefix) and len(text) <= max(3 * len(desc), 1500):
                return text
    for el in root.iter("p", "h2", "div", "span", "strong"):
        if _LEAD_CLASS.search(el.get("class") or ""):
            text = _text(el)
            if 60 <= len(text) <= 1200:
                return text
    return ""


_DATE_CLASS = re.compile(r"date|time|ngay|publish|posted|post-info|meta|byline", re.I)


def _visible_date(root: Any, title: str) -> datetime | None:
    """The first Vietnamese date written near the title, else in a date-ish element."""

    def first_date(text: str) -> datetime | None:
        found = find_vn_date(text)
        return found[0] if found is not None else None

    anchor = root.find(".//h1")
    if anchor is None and title:
        hits = root.xpath("//body//*[normalize-space(.)=$t]", t=title)
        anchor = hits[-1] if hits else None
    if anchor is not None:
        # Text nodes joined with spaces: "10:00" and the next paragraph must stay apart.
        after = " ".join(anchor.xpath("following::text()[position() <= 60]"))[:600]
        before = " ".join(anchor.xpath("preceding::text()[position() <= 20]"))[-300:]
        for window in (after, before):
            dt = first_date(_norm(window))
            if dt is not None:
                return dt
    for el in root.iter("span", "div", "p", "time", "li"):
        if _DATE_CLASS.search(f"{el.get('class') or ''} {el.get('id') or ''}"):
            text = _text(el)
            if 6 <= len(text) <= 200:
                dt = first_date(text)
                if dt is not None:
                    return dt
    return None


# -- cleaning the tree before the body is taken ----------------------------------------------

_FURNITURE_WORDS = frozenset(
    {
        "relate",
        "related",
        "relates",
        "relation",
        "lienquan",
        "tinlienquan",
        "share",
        "sharing",
        "social",
        "socials",
        "print",
        "comment",
        "comments",
        "binhluan",
        "pagination",
        "paging",
        "pager",
        "breadcrumb",
        "breadcrumbs",
        "banner",
        "ads",
        "adv",
        "advert",
        "adverts",
        "advertisement",
        "quangcao",
        "qc",
        "tags",
        "tag",
        "keyword",
        "keywords",
        "tukhoa",
        "fontsize",
        "toolbar",
        "othernews",
        "tinkhac",
        "mostview",
        "mostread",
        "xemnhieu",
        "docnhieu",
        "newsletter",
        "subscribe",
        "popup",
        "modal",
        "cookie",
        "cookies",
        "rating",
        "menu",
        "navbar",
        "navigation",
        "copylink",
        "btncopy",
        "linksource",
        "audio",
        "player",
        "donate",
    }
)
_FURNITURE_TOKENS = ("font-size", "text-size", "box-category", "link-source", "btn-copy")
# One search per element over its class and id: a furniture word as a whole word of a class
# name ("article-relate", "box_share") or a whole name; the site's own header and footer
# ("footer", "footer__middle", "header-top") but not an article's ("detail-footer" may hold
# the byline).
_FURNITURE_RE = re.compile(
    r"(?:^|[\s_-])(?:"
    + "|".join(sorted(_FURNITURE_WORDS, key=len, reverse=True))
    + r")(?=$|[\s_-])"
    r"|(?:^|\s)(?:"
    + "|".join(re.escape(t) for t in _FURNITURE_TOKENS)
    + r"|footer|header|site-footer)"
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_DROP_TAGS = ("nav", "aside", "button", "input", "select", "textarea", "iframe", "form")
_BOX_TAGS = (
    "div",
    "section",
    "article",
    "ul",
    "ol",
    "p",
    "table",
    "figure",
    "footer",
    "header",
    *_DROP_TAGS,
)


def _is_hidden(el: Any) -> bool:
    return el.get("hidden") is not None or bool(_HIDDEN_STYLE.search(el.get("style") or ""))


def _is_furniture(el: Any) -> bool:
    kind = el.get("type") or ""
    if "Related" in kind or "related" in (el.get("data-source") or ""):
        return True
    names = f"{el.get('class') or ''} {el.get('id') or ''}".strip()
    return bool(names) and _FURNITURE_RE.search(names.lower()) is not None


def _remove_furniture(root: Any, layout: _Layout) -> None:
    """Drop boxes that are never article text (related news, share bars, ads, tags…).

    Nothing in ``layout.protected`` goes: that keeps, for one, the ``<form>`` in which
    ASP.NET portals wrap the whole page.
    """
    doomed = []
    protected, prose = layout.protected, layout.prose_parent
    # Boxes only: an inline element (<a class="cms-relate">, <span class="tag">) inside a
    # sentence carries words of the sentence.
    for el in root.iter(*_BOX_TAGS):
        if el in protected:
            continue
        if el.tag in _DROP_TAGS or _is_furniture(el):
            doomed.append(el)
        elif _is_hidden(el) and (prose is None or prose not in el.iterancestors()):
            # Hidden boxes (modals, promos) go, but not hidden parts of the article itself:
            # some sites fold the end of the text behind a "Xem thêm" button.
            doomed.append(el)
    for el in doomed:
        # An ancestor may already be gone; dropping a detached subtree is harmless.
        el.drop_tree()


_LAZY_SRC = ("data-src", "data-original", "data-lazy-src", "data-srcset", "src")
_CAPTION_CLASS = re.compile(r"caption|chu-?thich|image-?desc|photo-?desc|img-?desc|desc", re.I)
_IMG_NUMBER = re.compile(r"(?:ảnh|hình|photo|image)\s*\d+\.?$", re.I)
_FILENAME = re.compile(r"\.(?:jpe?g|png|gif|webp|bmp|svg)$", re.I)
_FIG_OPEN, _FIG_MID, _FIG_CLOSE = "⟦tuinews-fig⟧", "⟦tuinews-cap⟧", "⟦/tuinews-fig⟧"
_FIG_RE = re.compile(
    re.escape(_FIG_OPEN) + r"(.*?)" + re.escape(_FIG_MID) + r"(.*?)" + re.escape(_FIG_CLOSE),
    re.S,
)


def _img_src(img: Any, base: str) -> str:
    for attr in _LAZY_SRC:
        value = img.get(attr)
        if value:
            value = value.strip().split(",")[0].split()[0] if attr.endswith("srcset") else value
            src = _http_url(value, base)
            if src:
                return src
    return ""


def _alt_caption(img: Any, title: str) -> str:
    """An image's alt/title text when it reads like a caption, not a filename or title copy."""
    for attr in ("alt", "title"):
        text = _norm(img.get(attr))
        folded = text.casefold()
        if (
            len(text.split()) >= 3
            and not _IMG_NUMBER.search(text)
            and not _FILENAME.search(text)
            and not (title and title.casefold() in folded)
        ):
            return text
    return ""


def _is_centered(el: Any) -> bool:
    style = (el.get("style") or "").replace(" ", "").lower()
    return (
        (el.get("align") or "").lower() == "center"
        or "text-align:center" in style
        or el.tag == "center"
    )


def _is_caption_block(el: Any) -> bool:
    """A short paragraph that, right under an image, reads as its caption."""
    if not isinstance(el.tag, str) or el.tag not in ("p", "div", "span", "em", "i", "center"):
        return False
    text = _text(el)
    if not (2 <= len(text) <= 300) or el.find(".//img") is not None:
        return False
    if _CAPTION_CLASS.search(el.get("class") or ""):
        return True
    if _is_centered(el):
        return True
    # Wholly italic: <p><em>…</em></p>.
    italic = "".join(_text(i) for i in el.iter("em", "i"))
    return el.tag in ("em", "i") or len(italic) >= 0.9 * len(text)


def _marker(src: str, caption: str) -> str:
    return f"{_FIG_OPEN}{src}{_FIG_MID}{caption}{_FIG_CLOSE}"


def _replace_with_marker(el: Any, src: str, caption: str) -> None:
    p = lxml_html.Element("p")
    p.text = _marker(src, caption)
    p.tail = el.tail
    parent = el.getparent()
    if parent is not None:
        parent.replace(el, p)


def _mark_images(root: Any, base: str, title: str) -> None:
    """Turn each picture and its caption into one marker paragraph the renderer recognises.

    trafilatura keeps text but loses what is a caption, so the caption (and the image URL)
    travel through it as text between markers. Handles ``<figure>``/``<figcaption>``,
    one-image "picture" tables, and the portal layout: an image-only paragraph followed by
    a centred or italic one-line paragraph.
    """
    for fig in list(root.iter("figure")):
        img = fig.find(".//img")
        if img is None:
            continue
        cap_el = fig.find(".//figcaption")
        if cap_el is None:
            for el in fig.iter():
                if (
                    isinstance(el.tag, str)
                    and el is not fig
                    and _CAPTION_CLASS.search(el.get("class") or "")
                ):
                    cap_el = el
                    break
        caption = _text(cap_el) if cap_el is not None else ""
        _replace_with_marker(fig, _img_src(img, base), caption or _alt_caption(img, title))

    for table in list(root.iter("table")):
        imgs = table.findall(".//img")
        if len(imgs) != 1 or len(table.findall(".//tr")) > 3:
            continue
        text = _text(table)
        if len(text) > 400:
            continue
        _replace_with_marker(table, _img_src(imgs[0], base), text or _alt_caption(imgs[0], title))

    for img in list(root.iter("img")):
        holder = img.getparent()
        # Climb to the block that holds only this picture (through <a>, <span>, <strong>).
        while holder is not None and holder.tag in ("a", "span", "strong", "b", "em", "i"):
            holder = holder.getparent()
        if holder is None or holder.tag not in ("p", "div", "center") or _text(holder):
            continue
        if len(holder.findall(".//img")) != 1:
            continue
        nxt = holder.getnext()
        caption = ""
        if nxt is not None and _is_caption_block(nxt):
            caption = _text(nxt)
            nxt.drop_tree()
        src = _img_src(img, base)
        if src:
            _replace_with_marker(holder, src, caption or _alt_caption(img, title))


_BYLINE_CLASS = re.compile(r"author|byline|tac-?gia|writer|reporter", re.I)


def _keep_bylines(layout: _Layout) -> None:
    """Let a byline inside the article's own text survive trafilatura.

    trafilatura discards every element classed "author"/"byline"; inside the block of
    running prose such an element is the byline that closes the article, which a reader
    expects to see ("Lan Phương", "MINH ANH").
    """
    if layout.prose_parent is None:
        return
    for el in layout.prose_parent.iter():
        if not isinstance(el.tag, str):
            continue
        for attr in ("class", "id"):
            value = el.get(attr)
            if value and _BYLINE_CLASS.search(value):
                del el.attrib[attr]


def _absolutise_links(root: Any, base: str) -> None:
    """Make link targets absolute; a link that is not http(s) keeps its text only."""
    for a in root.iter("a"):
        href = _http_url(a.get("href"), base)
        if href:
            a.set("href", href)
        elif "href" in a.attrib:
            del a.attrib["href"]


# -- Markdown rendering ----------------------------------------------------------------------

(
    _K_SKIP,
    _K_INLINE,
    _K_BR,
    _K_IMG,
    _K_LINK,
    _K_BOLD,
    _K_ITALIC,
    _K_CODE,
    _K_BLOCK,
    _K_HEAD,
    _K_LIST,
    _K_ITEM,
    _K_QUOTE,
    _K_TABLE,
    _K_PRE,
) = range(15)
_KINDS: dict[str, int] = {
    **dict.fromkeys(
        (
            "script",
            "style",
            "noscript",
            "template",
            "svg",
            "iframe",
            "video",
            "audio",
            "object",
            "embed",
            "canvas",
            "button",
            "input",
            "select",
            "textarea",
            "nav",
            "aside",
            "map",
            "area",
            "source",
            "track",
            "link",
            "meta",
            "head",
            "title",
            "hr",
            "picture",
        ),
        _K_SKIP,
    ),
    "br": _K_BR,
    "lb": _K_BR,
    "img": _K_IMG,
    "graphic": _K_IMG,
    "a": _K_LINK,
    "ref": _K_LINK,
    "b": _K_BOLD,
    "strong": _K_BOLD,
    **dict.fromkeys(("i", "em", "cite", "dfn"), _K_ITALIC),
    **dict.fromkeys(("code", "kbd", "samp", "tt"), _K_CODE),
    **dict.fromkeys(
        (
            "span",
            "font",
            "u",
            "small",
            "big",
            "sup",
            "sub",
            "abbr",
            "time",
            "label",
            "mark",
            "q",
            "s",
            "strike",
            "del",
            "ins",
            "bdi",
            "bdo",
            "data",
            "var",
            "wbr",
            "nobr",
            "hi",
        ),
        _K_INLINE,
    ),
    **dict.fromkeys(("h1", "h2", "h3", "h4", "h5", "h6", "head"), _K_HEAD),
    **dict.fromkeys(("ul", "ol", "list", "dl"), _K_LIST),
    **dict.fromkeys(("li", "item", "dt", "dd"), _K_ITEM),
    "blockquote": _K_QUOTE,
    "quote": _K_QUOTE,
    "table": _K_TABLE,
    "pre": _K_PRE,
}
_HI_KIND = {"#b": _K_BOLD, "#i": _K_ITALIC, "#t": _K_CODE}
_LINE_START_ESCAPE = re.compile(r"^(#{1,6}\s|>)", re.M)
_MD_LINK = re.compile(r"\[((?:\\.|[^\]\\])*)\]\(([^()\s]*)\)")


def _kind(el: Any) -> int:
    tag = el.tag
    if not isinstance(tag, str):
        return _K_SKIP  # comments, processing instructions, entities
    if tag == "hi":
        return _HI_KIND.get(el.get("rend") or "", _K_INLINE)
    return _KINDS.get(tag.lower(), _K_BLOCK)


def _escape_link_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def _link_target(url: str) -> str:
    return url.replace("(", "%28").replace(")", "%29").replace(" ", "%20")


def _wrap(inner: str, mark: str) -> str:
    """``mark`` around the non-blank part of ``inner``, spaces kept outside the markers."""
    core = inner.strip()
    if not core or core == mark or _FIG_OPEN in core:
        return inner
    lead = inner[: len(inner) - len(inner.lstrip())]
    trail = inner[len(inner.rstrip()) :]
    return f"{lead}{mark}{core}{mark}{trail}"


class _Renderer:
    """Renders an lxml subtree to Markdown blocks; reads HTML and trafilatura's XML alike."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.images: list[tuple[str, str]] = []
        """(url, caption) of every captioned image rendered, in order."""
        self._marks: list[str] = []

    # inline content

    def inline(self, el: Any) -> str:
        kind = _kind(el)
        if kind in (_K_SKIP, _K_IMG):
            return ""
        if kind == _K_BR:
            return "\n"
        inner = self._inline_children(el, kind)
        if kind == _K_BOLD:
            return self._styled(inner, "**")
        if kind == _K_ITALIC:
            return self._styled(inner, "*")
        if kind == _K_CODE:
            return _wrap(inner, "`") if "`" not in inner else inner
        if kind == _K_LINK:
            href = el.get("href") if el.tag == "a" else el.get("target")
            url = _http_url(href, self.base)
            text = _norm(inner)
            if not url or not text or _FIG_OPEN in text:
                return inner
            return f"[{_escape_link_text(text)}]({_link_target(url)})"
        if kind in (_K_BLOCK, _K_HEAD, _K_ITEM, _K_QUOTE, _K_TABLE, _K_LIST, _K_PRE):
            return f" {inner} "  # a block inside inline content: keep words apart
        return inner

    def _styled(self, inner: str, mark: str) -> str:
        if mark in self._marks:
            return inner  # already inside the same emphasis
        return _wrap(inner, mark)

    def _inline_children(self, el: Any, kind: int) -> str:
        mark = {_K_BOLD: "**", _K_ITALIC: "*"}.get(kind)
        if mark:
            self._marks.append(mark)
        try:
            parts = [el.text or ""]
            for child in el:
                parts.append(self.inline(child))
                parts.append(child.tail or "")
            return "".join(parts)
        finally:
            if mark:
                self._marks.pop()

    # blocks

    def blocks(self, el: Any) -> list[str]:
        """The Markdown blocks of ``el``'s content (its text, children and their tails)."""
        out: list[str] = []
        buf: list[str] = [el.text or ""]
        for child in el:
            kind = _kind(child)
            if kind in (_K_INLINE, _K_BR, _K_IMG, _K_LINK, _K_BOLD, _K_ITALIC, _K_CODE):
                buf.append(self.inline(child))
            elif kind != _K_SKIP:
                self._flush(buf, out)
                buf = []
                out.extend(self.block(child, kind))
            buf.append(child.tail or "")
        self._flush(buf, out)
        return out

    def block(self, el: Any, kind: int) -> list[str]:
        if kind == _K_HEAD:
            text = _norm(" ".join(self.blocks(el))).replace("**", "")
            if not text:
                return []
            if len(text) > 160:  # a lead paragraph styled as a heading is not a heading
                return [text]
            level = (el.get("rend") or el.tag or "h2")[-1:]
            hashes = {"1": "##", "2": "##", "3": "###"}.get(level, "####")
            return [f"{hashes} {text}"]
        if kind == _K_LIST:
            return self._list(el)
        if kind == _K_ITEM:  # an item outside a list
            return self._item(el, "- ")
        if kind == _K_QUOTE:
            inner = self.blocks(el)
            if not inner:
                return []
            lines = "\n\n".join(inner).split("\n")
            return ["\n".join(f"> {line}" if line else ">" for line in lines)]
        if kind == _K_TABLE:
            return self._table(el)
        if kind == _K_PRE:
            code = "".join(el.itertext()).strip("\n")
            return [f"```\n{code}\n```"] if code.strip() else []
        return self.blocks(el)

    def _list(self, el: Any) -> list[str]:
        ordered = el.tag == "ol" or el.get("rend") == "ol"
        items: list[str] = []
        number = 0
        for child in el:
            kind = _kind(child)
            if kind == _K_SKIP:
                continue
            if kind == _K_ITEM:
                number += 1
                marker = f"{number}. " if ordered else "- "
                items.extend(self._item(child, marker))
            else:
                items.extend(self.block(child, kind) if kind >= _K_BLOCK else [])
        return ["\n".join(items)] if items else []

    def _item(self, el: Any, marker: str) -> list[str]:
        inner = self.blocks(el)
        if not inner:
            return []
        pad = " " * len(marker)
        lines = "\n".join(inner).split("\n")
        return [marker + lines[0]] + [pad + line for line in lines[1:]]

    def _table(self, el: Any) -> list[str]:
        grid = [
            [c for c in row if isinstance(c.tag, str) and c.tag in ("td", "th", "cell")]
            for row in el.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr|./row")
        ]
        cells_blocks = [[self.blocks(cell) for cell in row] for row in grid]
        width = max((len(row) for row in grid), default=0)
        # A layout table (portals are built of them) holds paragraphs, not values: its
        # cells are read one after the other.
        if width <= 1 or any(
            len(blocks) > 1
            or any(len(b) > 300 or b.startswith(("#", "- ", "> ", "|")) for b in blocks)
            for row in cells_blocks
            for blocks in row
        ):
            return [b for row in cells_blocks for blocks in row for b in blocks]
        rows: list[list[str]] = []
        for blocks_row in cells_blocks:
            cells = [_norm(" ".join(blocks)).replace("|", "\\|") for blocks in blocks_row]
            if any(cells):
                rows.append(cells)
        if not rows:
            return []
        rows = [r + [""] * (width - len(r)) for r in rows]
        lines = ["| " + " | ".join(rows[0]) + " |", "|" + " --- |" * width]
        lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
        return ["\n".join(lines)]

    def _flush(self, buf: list[str], out: list[str]) -> None:
        text = "".join(buf)
        if not text.strip():
            return
        pos = 0
        for m in _FIG_RE.finditer(text):
            self._paragraph(text[pos : m.start()], out)
            src, caption = _norm(m.group(1)), clean_line(m.group(2), max_len=500)
            if src and caption:
                self.images.append((src, caption))
                out.append(f"[{CAPTION_PREFIX}: {_escape_link_text(caption)}]({_link_target(src)})")
            pos = m.end()
        self._paragraph(text[pos:], out)

    @staticmethod
    def _paragraph(text: str, out: list[str]) -> None:
        lines = [_WS.sub(" ", _drop_zero_width(line)).strip() for line in text.split("\n")]
        para = "\n".join(line for line in lines if line).replace("****", "")
        if para.strip("*` "):
            out.append(_LINE_START_ESCAPE.sub(r"\\\1", para))


# -- Markdown post-processing ----------------------------------------------------------------

_CUT_HEADINGS = re.compile(
    r"(?:(?:tin|bài|bài viết|tin bài|video|ảnh|tin tức)\s+(?:mới nhất|mới|liên quan|"
    r"cùng chuyên mục|cùng chủ đề|cùng loại|cùng sự kiện|khác|đã đưa|nổi bật|xem nhiều|"
    r"đọc nhiều|tiêu điểm|mới cập nhật|đáng chú ý)"
    r"|(?:các|những)\s+(?:tin|bài|bài viết)\s+(?:khác|liên quan|mới|đã đưa|cùng chuyên mục)"
    r"|xem thêm|đọc thêm|có thể bạn quan tâm|bạn có thể quan tâm|có thể bạn chưa đọc"
    r"|cùng chuyên mục|đọc nhiều nhất|xem nhiều nhất|tin đọc nhiều|tin xem nhiều|"
    r"other news|related(?: news| articles| stories)?|read more|more news)\s*:?",
    re.I,
)
_FURNITURE_PHRASES = (
    r"in bài(?: viết)?|bản in|in trang|print|chia sẻ(?: bài viết)?|share|gửi bài|gửi email|"
    r"gửi e-mail|email|e-mail|lưu(?: bài| tin| bài viết)?|theo dõi|bình luận|copy link|"
    r"lấy link!?|sao chép(?: liên kết| link)?|facebook|zalo|twitter|tweet|linkedin|messenger|"
    r"quay lại|trở về|trở lại|về đầu trang|lên đầu trang|đầu trang|nghe(?: bài| đọc)?|"
    r"tải ứng dụng|phóng to|thu nhỏ|cỡ chữ|kích thước chữ|font chữ|"
    r"a\s?[-+]|\d{2,3}\s?%|thích|like|tweet|google\+?|\+|-"
)
_FURNITURE_LINE = re.compile(rf"(?:(?:{_FURNITURE_PHRASES})\s*[:|·•/,]?\s*)+", re.I)
_PAGER_LINE = re.compile(
    r"(?:trang\s*:?\s*)?(?:(?:<<|>>|<|>|«|»|‹|›|\.{2,3}|…|\d{1,4}|đầu|cuối|trước|sau|tiếp|"
    r"trang đầu|trang cuối|trang trước|trang sau|next|prev|previous|first|last)\s*[|]?\s*){2,}",
    re.I,
)
_TAGS_LINE = re.compile(r"(?:từ khóa|từ khoá|tags?|chủ đề|keywords?)\s*:.{0,300}", re.I | re.S)
_DATED_TAIL = re.compile(
    r"[(\[]\s*\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4}[^)\]]{0,30}[)\]]\s*$"
    r"|\s[-–|]\s*\d{1,2}/\d{1,2}/\d{4}(?:\s+\d{1,2}:\d{2})?\s*$"
)
_MD_MARKS = re.compile(r"\*\*|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])|`")
_MD_PREFIX = re.compile(r"^(?:#{1,6} |> ?|[-*+] |\d+[.)] |\\)", re.M)
_SENTENCE_END = re.compile(r"[.!?…:;\"”»)]\s*$")


def _plain(block: str) -> str:
    """A block's text without Markdown: link texts only, no emphasis or line prefixes."""
    text = _MD_LINK.sub(lambda m: m.group(1), block)
    text = _MD_MARKS.sub("", text)
    text = _MD_PREFIX.sub("", text)
    return _norm(text.replace("\\[", "[").replace("\\]", "]"))


def _link_share(block: str, plain: str) -> float:
    if not plain:
        return 0.0
    linked = sum(len(_norm(m.group(1))) for m in _MD_LINK.finditer(block))
    return min(1.0, linked / len(plain))


# Text-size controls: "A- A A+", "A A+" (a lone "A" may be a list item).
_FONT_SIZE_LINE = re.compile(r"(?:a\s?[-+]?\s*){2,4}", re.I)


def _is_furniture_line(plain: str) -> bool:
    if len(plain) > 120:
        return False
    return bool(
        _FURNITURE_LINE.fullmatch(plain)
        or _FONT_SIZE_LINE.fullmatch(plain)
        or _PAGER_LINE.fullmatch(plain)
        or _TAGS_LINE.fullmatch(plain)
    )


def _is_date_line(plain: str) -> bool:
    """A line that is only a date: "Đăng ngày 04 - 05 - 2019", "Thứ bảy, 07/03/2026 - 08:07"."""
    if len(plain) > 80 or not any(ch.isdigit() for ch in plain):
        return False
    found = find_vn_date(plain)
    if found is None:
        return False
    rest = plain[: found[1]] + plain[found[2] :]
    return len(rest.strip(" ,.:;|-–()[]")) <= 3


def _is_caption(block: str) -> bool:
    return block.startswith(f"[{CAPTION_PREFIX}: ")


def _is_headline_like(block: str, plain: str) -> bool:
    """A line of a list of other articles: a link, a dated title, a thumbnail."""
    if _is_caption(block) or _link_share(block, plain) >= 0.6:
        return True
    lines = block.split("\n")
    if len(lines) > 1 and all(_is_headline_like(line, _plain(line)) for line in lines):
        return True
    if len(plain) <= 250 and _DATED_TAIL.search(plain):
        return True
    return len(plain) <= 120 and not _SENTENCE_END.search(plain)


def _is_prose(block: str, plain: str) -> bool:
    return len(plain) >= 200 and _link_share(block, plain) < 0.5 and not _is_caption(block)


def _same_site_article_link(url: str, site: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    if site and _site_key(parts.hostname or "") != site:
        return False
    tail = parts.path.rstrip("/").rsplit("/", 1)[-1]
    return bool(_ARTICLE_URL.search(tail))


_LINK_ONLY_PREFIX = re.compile(r"^(?:xem thêm|đọc thêm|tin liên quan|>>|»|\W)*", re.I)


def _is_related_link(block: str, plain: str, site: str) -> bool:
    """A paragraph that is nothing but a link to another article of the same site."""
    links = list(_MD_LINK.finditer(block))
    if not links or _is_caption(block):
        return False
    rest = _MD_LINK.sub("", block)
    rest = _LINK_ONLY_PREFIX.sub("", _MD_MARKS.sub("", rest)).strip(" :-–*_")
    if rest or len(plain) < 15:
        return False
    return all(_same_site_article_link(m.group(2), site) for m in links)


def _postprocess(blocks: list[str], *, title: str, site: str) -> list[str]:
    """Remove page furniture from rendered blocks without cutting article text."""
    # Lines first: a text-size control or share bar can share a block with real text.
    cleaned = []
    for block in blocks:
        if "\n" in block and not block.startswith("|"):
            block = "\n".join(
                line for line in block.split("\n") if not _is_furniture_line(_plain(line))
            )
        if block.strip():
            cleaned.append(block)
    blocks = cleaned
    plains = [_plain(b) for b in blocks]
    # Dated lines after the last paragraph of prose are other headlines; inside the text
    # only when they are links (a list of decrees with their dates is content).
    last_prose = max(
        (
            k
            for k, b in enumerate(blocks)
            if len(plains[k]) >= 80
            and _link_share(b, plains[k]) < 0.5
            and not _is_caption(b)
            and not _DATED_TAIL.search(plains[k])
        ),
        default=-1,
    )

    def headline_with_date(line: str, plain: str, index: int) -> bool:
        if len(plain) > 250 or not _DATED_TAIL.search(plain):
            return False
        return index > last_prose or _link_share(line, plain) >= 0.5

    kept: list[tuple[str, str]] = []
    i = 0
    while i < len(blocks):
        block, plain = blocks[i], plains[i]
        if not plain:
            i += 1
            continue
        if _CUT_HEADINGS.fullmatch(plain) or (
            len(plain) <= 60
            and _CUT_HEADINGS.match(plain)
            and _link_share(block, plain) == 0
            and not _SENTENCE_END.search(plain)
        ):
            j = i + 1
            while j < len(blocks) and (
                not plains[j]
                or _is_headline_like(blocks[j], plains[j])
                or _is_furniture_line(plains[j])
            ):
                j += 1
            if not any(_is_prose(blocks[k], plains[k]) for k in range(j, len(blocks))):
                break  # a related/latest-news section that runs to the end of the page
            i = j
            continue
        if _is_furniture_line(plain) or _is_related_link(block, plain, site):
            i += 1
            continue
        # Runs of other headlines with their dates: "VPUB - … (30/09/2019 9:19 CH)".
        if headline_with_date(block, plain, i):
            j = i
            while j < len(blocks) and headline_with_date(blocks[j], plains[j], j):
                j += 1
            if j - i >= 2:
                i = j
                continue
        lines = block.split("\n")
        if len(lines) >= 2 and all(headline_with_date(ln, _plain(ln), i) for ln in lines):
            i += 1  # a list of dated headlines
            continue
        if kept and kept[-1][1] == plain:
            i += 1  # the same text twice in a row (caption repeated as a paragraph)
            continue
        if (
            kept
            and _is_caption(kept[-1][0])
            and _plain(kept[-1][0]) == f"{CAPTION_PREFIX}: {plain}"
        ):
            i += 1
            continue
        kept.append((block, plain))
        i += 1

    # The title repeated at the top of the body, and datelines ("Đăng ngày 04 - 05 - 2019")
    # near either end: the date is metadata, shown apart from the text.
    folded_title = title.casefold()
    while kept and kept[0][1].casefold() == folded_title:
        kept.pop(0)
    edges = [n for n in range(len(kept)) if n < 3 or n >= len(kept) - 3]
    for n in edges:
        block = kept[n][0]
        if _is_date_line(kept[n][1]):
            kept[n] = ("", "")
        elif "\n" in block and not block.startswith("|"):
            lines = [line for line in block.split("\n") if not _is_date_line(_plain(line))]
            kept[n] = ("\n".join(lines), _plain("\n".join(lines)))
    kept = [(b, p) for b, p in kept if p]
    # Trailing furniture: thumbnails and lone links after the last words of the article.
    while kept and (
        _is_caption(kept[-1][0])
        and len(kept) > 1
        and not _is_prose(*kept[-2])
        and _link_share(*kept[-2]) >= 0.6
    ):
        kept.pop()
    return [b for b, _share in kept]


def _insert_lead(blocks: list[str], lead: str) -> list[str]:
    """Put the page's lead paragraph first unless the body already has it."""
    lead = clean_line(lead, max_len=3000)
    if len(lead) < 40:
        return blocks
    probe = lead[:60].casefold()
    for i, block in enumerate(blocks[:6]):
        plain = _plain(block).casefold()
        if plain.startswith(probe) or probe in plain:
            if block.startswith("#"):  # a sapo styled as a heading
                blocks[i] = _LINE_START_ESCAPE.sub(r"\\\1", lead)
            return blocks
    body_text = " ".join(_plain(b) for b in blocks).casefold()
    if probe in body_text:
        return blocks
    return [_LINE_START_ESCAPE.sub(r"\\\1", lead), *blocks]


# -- trafilatura -----------------------------------------------------------------------------

_traf_lock = threading.Lock()
_bare_extraction: Callable[..., Any] | None = None


def _trafilatura() -> Callable[..., Any]:
    """Import trafilatura on first use (it costs ~0.3 s), quieten its logger, return it."""
    global _bare_extraction
    if _bare_extraction is None:
        with _traf_lock:
            if _bare_extraction is None:
                from trafilatura import bare_extraction

                # It logs every page it gives up on at WARNING; our caller reports that.
                logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
                _bare_extraction = bare_extraction
    return _bare_extraction


def _trafilatura_body(root: Any, url: str) -> Any:
    bare_extraction = _trafilatura()
    doc = bare_extraction(
        root,
        url=url or None,
        output_format="xml",  # skips its text serialisation: we render the tree ourselves
        include_formatting=True,
        include_links=True,
        include_images=False,  # pictures travel as caption markers (see _mark_images)
        include_tables=True,
        include_comments=False,
        with_metadata=False,
        deduplicate=False,
    )
    return None if doc is None else doc.body


# -- public API ------------------------------------------------------------------------------


def _byline(blocks: list[str]) -> str:
    """An author name closing the body ("Lan Phương", "**Hà Thu** *(tổng hợp)*")."""
    for block in reversed(blocks[-3:]):
        plain = re.sub(r"\s*\([^)]*\)\s*$", "", _plain(block)).strip(" -–/.")
        words = plain.split()
        if (
            1 <= len(words) <= 6
            and len(plain) <= 50
            and not any(ch.isdigit() for ch in plain)
            and all(w[:1].isupper() for w in words)
            and "[" not in block
        ):
            return plain
    return ""


def _choose_image(meta: _Meta, images: list[tuple[str, str]]) -> tuple[str, str]:
    """The lead image: ``og:image`` with its caption when the body shows it, else the first
    captioned picture of the body, else ``og:image`` alone."""

    def stem(u: str) -> str:
        name = urlsplit(u).path.rsplit("/", 1)[-1].lower()
        return name.split(".", 1)[0]

    if meta.image_url:
        og = stem(meta.image_url)
        for src, caption in images:
            body = stem(src)
            n = min(len(og), len(body), 20)
            if n >= 8 and og[:n] == body[:n]:
                return meta.image_url, caption
    if images:
        return images[0]
    return meta.image_url, ""


def extract_article(
    html: bytes | str,
    *,
    url: str,
    content_type: str | None = None,
    body_selector: str | None = None,
) -> Extracted:
    """Extract an article page's text as Markdown, with its metadata.

    Args:
        html: The page as fetched (bytes, decoded here) or already decoded text.
        url: The page's address: links and images are made absolute against it (or against
            the page's ``<base href>``), and it helps tell articles from listings.
        content_type: The HTTP ``Content-Type`` header, for the media type and charset.
        body_selector: A CSS selector from a site rule naming the element(s) that hold the
            article body; when it matches, trafilatura is not used and nothing outside the
            matches is added (name the lead too, e.g. ``"h2.sapo, div.content"``). When it
            matches nothing the automatic extraction runs instead.

    Returns:
        An :class:`Extracted`; its ``status`` says whether ``markdown`` holds an article.
        Invalid input never raises; a bad ``body_selector`` gives ``FAILED``.
    """
    size = len(html.encode("utf-8", "replace") if isinstance(html, str) else html)
    if size > MAX_PAGE_BYTES:
        return Extracted(
            BodyStatus.TOO_LARGE,
            error=_(
                "page too large ({size} KiB > {limit} KiB)",
                size=size // 1024,
                limit=MAX_PAGE_BYTES // 1024,
            ),
        )
    if isinstance(html, bytes):
        reason = _not_html_reason(html, content_type)
        if reason:
            return Extracted(BodyStatus.NOT_HTML, error=reason)
        text = decode_html(html, content_type)
    else:
        text = html
    if _FEED_START.match(text[:4096]):
        return Extracted(BodyStatus.NOT_HTML, error=_("a feed document, not an HTML page"))
    if "<" not in text[:4096]:
        return Extracted(BodyStatus.NOT_HTML, error=_("no HTML markup"))
    if _CONTROL_REF.search(text):
        # "&#27;[31m" is an escape sequence too; make it one so the cleaning below sees it.
        text = _CONTROL_REF.sub(
            lambda m: chr(int(m[1][1:], 16) if m[1][0] in "xX" else int(m[1])), text
        )
    if _CONTROLS.search(text):
        # libxml2 stops at a NUL, lxml refuses control characters in trees it builds, and
        # an escape sequence split over text nodes could no longer be recognised: clean
        # the whole page first (rare, so the cost is fine).
        text = clean_block(text, max_len=len(text) + 1)
    try:
        root = lxml_html.document_fromstring(_XML_DECL.sub("", text, count=1), parser=_parser())
    except (etree.ParserError, ValueError) as exc:
        return Extracted(
            BodyStatus.FAILED,
            error=clean_line(_("unparsable HTML: {error}", error=exc), max_len=200),
        )

    base_el = root.find(".//base[@href]")
    base = _http_url(base_el.get("href"), url) if base_el is not None else ""
    base = base or url
    meta = _read_metadata(root, base)
    result = Extracted(
        BodyStatus.FAILED,
        title=meta.title,
        author=meta.author,
        published=meta.published,
        image_url=meta.image_url,
    )
    etree.strip_elements(root, "script", "style", "noscript", "template", "svg", with_tail=False)

    selected: list[Any] = []
    if body_selector:
        try:
            selected = root.xpath(css_to_xpath(body_selector))
        except (ValueError, etree.XPathError) as exc:
            result.error = clean_line(
                _("bad body selector {selector}: {error}", selector=repr(body_selector), error=exc),
                max_len=300,
            )
            return result
        selected = [el for el in selected if isinstance(getattr(el, "tag", None), str)]
        # Nested matches would repeat text: keep the outermost ones.
        chosen = set(selected)
        selected = [el for el in selected if not any(a in chosen for a in el.iterancestors())]

    layout = _analyse_layout(root)
    if not selected and _is_listing(meta, layout, url):
        result.status = BodyStatus.LISTING
        result.error = _(
            "a listing page ({n} headline links, no article text)", n=layout.headline_links
        )
        return result
    lead = "" if selected else _find_lead(root, meta.description)
    if result.published is None:
        result.published = _visible_date(root, meta.title)

    for el in selected:  # a site rule's choice is never furniture, nor are its containers
        layout.protected.update((el, *el.iterancestors()))
    _remove_furniture(root, layout)
    _keep_bylines(layout)
    _absolutise_links(root, base)
    _mark_images(root, base, meta.title)

    renderer = _Renderer(base)
    if selected:
        blocks = [b for el in selected for b in renderer.block(el, _K_BLOCK)]
    else:
        body = _trafilatura_body(root, url)
        blocks = renderer.blocks(body) if body is not None else []

    blocks = _postprocess(
        blocks, title=meta.title, site=_site_key(urlsplit(base).hostname or "") if base else ""
    )
    if lead:
        blocks = _insert_lead(blocks, lead)
    markdown = clean_block("\n\n".join(blocks))
    plain_len = sum(len(_plain(b)) for b in blocks if not _is_caption(b))
    if plain_len < MIN_BODY_CHARS:
        result.error = (
            _("too little article text ({n} characters)", n=plain_len)
            if plain_len
            else _("no article text found")
        )
        return result

    result.status = BodyStatus.OK
    result.markdown = markdown
    if not result.author:
        result.author = clean_line(_byline(blocks), max_len=200)
    url_, caption = _choose_image(meta, renderer.images)
    result.image_url, result.image_caption = url_, clean_line(caption, max_len=500)
    return result


# -- output for the CLI ----------------------------------------------------------------------


def _markdown_to_text(markdown: str) -> str:
    """Plain text for a terminal or a pipe: no link targets, no emphasis or heading marks."""
    out = []
    for block in markdown.split("\n\n"):
        lines = block.split("\n")
        if lines[0].startswith("|") and len(lines) >= 2 and set(lines[1]) <= set("| -:"):
            rows = [lines[0], *lines[2:]]
            out.append(
                "\n".join(" | ".join(c.strip() for c in r.strip("|").split(" | ")) for r in rows)
            )
            continue
        text = CAPTION_RE.sub(lambda m: f"[{CAPTION_PREFIX}: {m['caption']}]", block)
        text = _MD_LINK.sub(lambda m: m.group(1), text)
        text = _MD_MARKS.sub("", text)
        text = re.sub(r"^#{1,6} ", "", text, flags=re.M)
        text = re.sub(r"^> ?", "  ", text, flags=re.M)
        text = re.sub(r"\\([\\\[\]#>|])", r"\1", text)
        out.append(text)
    return "\n\n".join(out)


def _header_lines(ex: Extracted) -> list[str]:
    info = []
    if ex.author:
        info.append(ex.author)
    if ex.published is not None:
        local = ex.published.astimezone(VN_TZ)
        # A page that gives only a day ("Đăng ngày 04 - 05 - 2019") gets no invented time.
        shown = (
            "%d/%m/%Y"
            if (local.hour, local.minute, local.second) == (0, 0, 0)
            else ("%d/%m/%Y %H:%M (GMT+7)")
        )
        info.append(local.strftime(shown))
    return info


def _status_label(status: BodyStatus) -> str:
    """A body status as ``tuinews extract`` shows it (its value in English)."""
    labels = {
        BodyStatus.PENDING: _("pending"),
        BodyStatus.FEED: _("feed"),
        BodyStatus.FAILED: _("failed"),
        BodyStatus.SKIPPED: _("skipped"),
        BodyStatus.TOO_LARGE: _("too-large"),
        BodyStatus.NOT_HTML: _("not-html"),
        BodyStatus.LISTING: _("listing"),
    }
    return labels.get(status, str(status))


def format_extracted(ex: Extracted, fmt: str) -> str:
    """Render an extraction for ``tuinews extract``.

    Args:
        ex: The result of :func:`extract_article`.
        fmt: ``"text"`` (plain text with a title header), ``"markdown"`` (the stored Markdown
            under a ``#`` title and a metadata line) or ``"json"`` (every field; dates in ISO
            8601, UTC).

    Returns:
        The text to print (no trailing newline).

    Raises:
        ValueError: ``fmt`` is not one of the three.
    """
    if fmt == "json":
        data: dict[str, Any] = {
            "status": str(ex.status),
            "error": ex.error,
            "title": ex.title,
            "author": ex.author,
            "published": ex.published.astimezone(UTC).isoformat() if ex.published else None,
            "image_url": ex.image_url,
            "image_caption": ex.image_caption,
            "markdown": ex.markdown,
        }
        return json.dumps(data, ensure_ascii=False, indent=2)
    if fmt not in ("text", "markdown"):
        raise ValueError(_("unknown format {format} (text, markdown, json)", format=repr(fmt)))
    parts: list[str] = []
    info = " · ".join(_header_lines(ex))
    status = (
        "" if ex.status == BodyStatus.OK else f"[{_status_label(ex.status)}] {ex.error}".strip()
    )
    if fmt == "markdown":
        if ex.title:
            parts.append(f"# {ex.title}")
        if info:
            parts.append(f"*{info}*")
        if ex.image_url and ex.image_caption and ex.image_caption not in ex.markdown:
            parts.append(
                f"[{CAPTION_PREFIX}: {_escape_link_text(ex.image_caption)}]"
                f"({_link_target(ex.image_url)})"
            )
        if status:
            parts.append(status)
        if ex.markdown:
            parts.append(ex.markdown)
    else:
        if ex.title:
            parts.append(f"{ex.title}\n{'=' * min(len(ex.title), 78)}")
        if info:
            parts.append(info)
        if status:
            parts.append(status)
        if ex.markdown:
            parts.append(_markdown_to_text(ex.markdown))
    return "\n\n".join(parts)
