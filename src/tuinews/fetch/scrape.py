"""Listing pages without a feed: per-site CSS selector rules → articles, with pagination.

A *rule* is a plain dict (from the config, a bundled TOML file or the cache as JSON) with the
keys of :data:`tuinews.config.SCRAPE_KEYS`:

``url``
    The first listing page.
``item``
    A CSS selector for one news item (``div.news-list div.news-item``). Required.
``title``
    Selector, inside the item, of the element whose text is the title. Required.
``link``
    Selector of the link; by default the title element's own ``href``, else the first
    ``a[href]`` inside it, else the link around it.
``date`` / ``date_format``
    Selector of the date; its ``datetime`` attribute, text or ``title`` attribute (the first
    that parses) is read with :func:`tuinews.text.dates.parse_vn_date`, ``date_format`` being
    the hint (a strptime format, ``"dmy"`` or ``"mdy"``; ``"unix"`` for epoch seconds).
    Without a ``date`` key the date is looked for in the item's text (and cut out of the
    title when the title ends with it, as portals write ``Title(30/09/2019 9:19 CH)``);
    ``date = ""`` says the listing shows no dates, so nothing is guessed.
``summary``
    Selector of a short text shown under the title.
``next`` / ``page_url``
    How to reach the next listing page: the ``href`` of the ``next`` selector's element, or a
    URL template whose ``{page}`` is replaced by 2, 3, … (page 1 being ``url``).
``max_pages``
    How many listing pages one refresh follows (default 3).
``name``, ``encoding``, ``body``
    The source's display name, a charset that overrides the page's own declaration, and the
    article-body selector (used by the full-text step, not here).

Every selector may end with ``@attribute`` to read an attribute instead of the text
(``span.time@title``); a bare ``@data-publishtime`` reads the item element itself.

Policy for imperfect items, so one odd item never costs the whole listing:

* no title, no link, or a link that is not an http(s) page (``javascript:``, ``mailto:``):
  the item is skipped and reported as a problem;
* a date that is present but cannot be parsed: the item is **kept** with ``published=None``
  (the store then uses the fetch time and the article page may supply the real date later)
  and reported as a problem;
* an item without a date element (featured items often lack one): kept, undated, not a
  problem.

:func:`scrape_listing` raises :class:`~tuinews.errors.FetchError` only when the first page
yields nothing usable (the item selector matches nothing, no item has a title and link, or
no date parses at all), so a broken rule is a clear per-source error while the articles
already cached stay.
"""

from __future__ import annotations

import asyncio
import functools
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit, urlunsplit

from tuinews.config import SCRAPE_KEYS, check_url, type_name
from tuinews.errors import FetchError, HTTPStatusError
from tuinews.fetch.client import FetchSettings, HostLimiter, get
from tuinews.fetch.htmldecode import decode_html, resolve_charset
from tuinews.i18n import _
from tuinews.models import ParsedEntry, ParsedFeed
from tuinews.text.dates import find_vn_date, parse_vn_date
from tuinews.text.sanitize import clean_line

if TYPE_CHECKING:
    import httpx

__all__ = [
    "DEFAULT_MAX_PAGES",
    "ListingPage",
    "PageReport",
    "ScrapeResult",
    "check_rule",
    "page_canonical_url",
    "parse_listing",
    "rule_label",
    "scrape",
    "scrape_listing",
    "scrape_offline",
]

DEFAULT_MAX_PAGES = 3
MAX_ITEMS_PER_PAGE = 1000
"""More matches than this means the item selector is too broad; the rest are ignored."""
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"

VN_TIME = timezone(timedelta(hours=7), "ICT")
"""Vietnam time (no daylight saving), for showing parsed dates."""

_SELECTOR_KEYS = ("item", "title", "link", "date", "summary", "next", "body")
_STRING_KEYS = SCRAPE_KEYS - {"max_pages"}
# "selector@attr": the attribute name is what XML allows; a trailing "@x" inside a quoted
# attribute value (a[href*="@x"]) ends with a quote or bracket and so never matches.
_ATTR_SUFFIX = re.compile(r"^(?P<css>.*?)\s*@(?P<attr>[A-Za-z_:][-\w:.]*)$", re.DOTALL)
_NON_PAGE_SCHEMES = ("javascript:", "mailto:", "tel:", "data:", "about:")
# A date cut from a title must be set off from it: in brackets, after a dash or pipe, or
# carry a time. "Quy định … từ 10/4/2026" ends with a date that is part of the sentence.
_SEPARATOR_BEFORE = re.compile(r"[-|–—:]\s*$")
_SEPARATOR_AFTER = re.compile(r"^\s*[-|–—:]")
_TITLE_TRIM = " \t-–—|:,.()[]"
_REST_TRIM = " \t-–—|:,"
_HAS_CLOCK = re.compile(r"\d\s*(?::|h|g)\s*\d|\d\s*(?:sa|ch|am|pm)\b", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_SKIP_TEXT_TAGS = frozenset({"script", "style", "noscript", "template"})
_IMG_ATTRS = ("data-src", "data-original", "data-lazy-src", "src")
_SRCSET_ATTRS = ("data-srcset", "srcset")


# -- rules ------------------------------------------------------------------------------------


def _split_selector(spec: str) -> tuple[str, str | None]:
    """Split ``"css@attr"`` into its CSS part and attribute name (None: the text)."""
    m = _ATTR_SUFFIX.match(spec.strip())
    if m is None:
        return spec.strip(), None
    return m["css"].strip(), m["attr"]


@functools.lru_cache(maxsize=512)
def _xpath(css: str) -> str:
    """The XPath of a CSS selector (cached as text: compiled XPath objects stay per call, so
    the scrape can run in any thread).

    Raises:
        ValueError: the selector is not valid CSS.
    """
    from cssselect import SelectorError
    from lxml.cssselect import CSSSelector

    try:
        return str(CSSSelector(css, translator="html").path)
    except SelectorError as exc:
        raise ValueError(
            _("invalid CSS selector {selector}: {error}", selector=repr(css), error=exc)
        ) from None


def check_rule(rule: object, *, what: str = "", selectors: bool = True) -> dict[str, Any]:
    """Validate a scrape rule and return a copy of it.

    Checks the key set (the one the config accepts), value types, the listing URL, the
    ``{page}`` placeholder and that every selector is valid CSS.

    Args:
        rule: The rule as read from TOML or JSON.
        what: How to name the rule in error messages (default: "rule", translated).
        selectors: Also compile the selectors. Compiling imports lxml; reading the config
            (which happens even for ``--help``) skips it and leaves it to the scrape.

    Returns:
        A new dict with the same keys; string values are stripped.

    Raises:
        ValueError: with a one-line message naming the key (in the language in force).
    """
    what = what or _("rule")
    if not isinstance(rule, dict):
        raise ValueError(
            _("{what} must be a table of keys, not {type}", what=what, type=type_name(rule))
        )
    out: dict[str, Any] = {}
    for key, value in rule.items():
        if key not in SCRAPE_KEYS:
            known = ", ".join(sorted(SCRAPE_KEYS))
            raise ValueError(
                _(
                    "{what}: unknown key {key} (known: {known})",
                    what=what,
                    key=repr(key),
                    known=known,
                )
            )
        if key == "max_pages":
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 100:
                raise ValueError(
                    _("{what}: max_pages must be a whole number from 1 to 100", what=what)
                )
            out[key] = value
        elif not isinstance(value, str):
            raise ValueError(
                _(
                    "{what}: {key} must be a string, not {type}",
                    what=what,
                    key=key,
                    type=type_name(value),
                )
            )
        else:
            out[key] = value.strip()
    for key in ("url", "item", "title"):
        if not out.get(key):
            raise ValueError(_("{what}: a scrape rule needs {key}", what=what, key=repr(key)))
    out["url"] = check_url(out["url"], what=f"{what}: url")
    if "page_url" in out and "{page}" not in out["page_url"]:
        raise ValueError(
            _("{what}: page_url needs a {marker} placeholder", what=what, marker="{page}")
        )
    if out.get("encoding") and resolve_charset(out["encoding"]) is None:
        raise ValueError(
            _(
                "{what}: unknown or unsupported encoding {encoding}",
                what=what,
                encoding=repr(out["encoding"]),
            )
        )
    for key in _SELECTOR_KEYS if selectors else ():
        spec = out.get(key)
        if not spec:
            continue
        css, attr = _split_selector(spec)
        if not css:
            if key in ("item", "title", "body"):
                raise ValueError(
                    _(
                        "{what}: {key} needs a CSS selector, not only @{attr}",
                        what=what,
                        key=key,
                        attr=attr,
                    )
                )
            continue
        try:
            _xpath(css)
        except ValueError as exc:
            raise ValueError(f"{what}: {key}: {exc}") from None
    return out


def rule_label(rule: dict[str, Any]) -> str:
    """How a rule is named in messages: its name, else its listing URL's host."""
    name = str(rule.get("name") or "").strip()
    if name:
        return clean_line(name, max_len=80)
    return urlsplit(str(rule.get("url", ""))).hostname or _("scrape rule")


# -- one page ---------------------------------------------------------------------------------


@dataclass(slots=True)
class ListingPage:
    """What one listing page gave (the result of :func:`parse_listing`)."""

    url: str
    entries: list[ParsedEntry] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    """One line per problem: which item and why."""
    next_url: str | None = None
    title: str = ""
    """The page's ``<title>``."""
    matched: int = 0
    """Elements the item selector matched (before skipping bad ones)."""
    dated: int = 0
    """Entries whose date was parsed."""
    date_failures: int = 0
    """Items whose date text was present but could not be parsed."""
    date_missing: int = 0
    """Items whose date selector matched nothing (kept undated)."""
    duplicates: int = 0
    """Items skipped because an earlier item on the page had the same link."""
    bad_date: str = ""
    """What the first unparseable date problem says (``unparseable date "…"``)."""


def _parse_document(html: str) -> Any:
    import lxml.html
    from lxml import etree

    # lxml refuses text that still declares an encoding; XHTML portals start with one.
    html = _XML_DECLARATION.sub("", html, count=1)
    try:
        return lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        # An empty body or one lxml refuses: an empty document, so "matched nothing".
        return lxml.html.document_fromstring("<html><body></body></html>")


def _select(root: Any, css: str) -> list[Any]:
    return [el for el in root.xpath(_xpath(css)) if isinstance(getattr(el, "tag", None), str)]


def _first(root: Any, spec: str) -> tuple[Any, str | None] | None:
    """The first element ``spec`` selects under ``root`` (or root itself for ``@attr``)."""
    css, attr = _split_selector(spec)
    if not css:
        return root, attr
    found = _select(root, css)
    return (found[0], attr) if found else None


def _text(el: Any) -> str:
    # split/join also folds the single no-break spaces portals put between words.
    return " ".join(clean_line(el.text_content(), max_len=2000).split())


def _value(el: Any, attr: str | None) -> str:
    """The element's text, or the named attribute."""
    if attr is None:
        return _text(el)
    return " ".join(clean_line(el.get(attr) or "", max_len=2000).split())


def _base_url(doc: Any, page_url: str) -> str:
    """The URL relative links resolve against: ``<base href>`` when the page sets one."""
    for base in doc.xpath("//head/base[@href]")[:1]:
        href = str(base.get("href") or "").strip()
        if href:
            resolved = urljoin(page_url, href)
            if urlsplit(resolved).scheme in ("http", "https"):
                return resolved
    return page_url


def _resolve(href: str, base: str) -> tuple[str | None, str]:
    """An absolute http(s) URL without its fragment, or (None, why not)."""
    href = href.strip()
    if not href:
        return None, _("empty link")
    low = href.lower().replace(" ", "")
    if low.startswith(_NON_PAGE_SCHEMES):
        return None, _("link is {scheme}:, not a page", scheme=low.split(":", 1)[0])
    if href.startswith("#"):
        return None, _("link points inside the listing page")
    url = urljoin(base, href)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None, _("not an http(s) link: {link}", link=repr(clean_line(href, max_len=80)))
    # The fragment names a place in the page, not another page: without it the guid stays
    # the same when a listing links "#comments" one day and the bare page the next.
    return clean_line(urlunsplit(parts._replace(fragment="")), max_len=2000), ""


def _href_of(el: Any, item: Any) -> str | None:
    """The link of a title element: its own href, a link inside it, or the link around it."""
    if el.get("href"):
        return str(el.get("href"))
    inner = el.xpath(".//a[@href]")
    if inner:
        return str(inner[0].get("href"))
    node = el.getparent()
    while node is not None:
        if node.tag == "a" and node.get("href"):
            return str(node.get("href"))
        if node is item:
            break
        node = node.getparent()
    return None


def _text_outside(root: Any, skip: list[Any]) -> str:
    """The text of ``root`` without the subtrees in ``skip`` (title, summary) and scripts."""
    parts: list[str] = []

    def walk(el: Any) -> None:
        if el.text and el.tag not in _SKIP_TEXT_TAGS:
            parts.append(el.text)
        for child in el:
            if isinstance(child.tag, str) and not any(child is s for s in skip):
                walk(child)
            if child.tail:
                parts.append(child.tail)

    if not any(root is s for s in skip):
        walk(root)
    return clean_line(" ".join(parts), max_len=4000)


def _unix(value: str) -> datetime | None:
    """Epoch seconds (or milliseconds) from a ``data-*`` attribute."""
    digits = value.strip()
    if not digits.isdigit():
        return None
    n = int(digits)
    if n > 10**11:  # milliseconds
        n //= 1000
    try:
        dt = datetime.fromtimestamp(n, UTC)
    except (OverflowError, OSError, ValueError):
        return None
    return dt if 1990 <= dt.year <= 2100 else None


def _parse_date(text: str, hint: str | None, now: datetime | None) -> datetime | None:
    if not text:
        return None
    if hint and hint.strip().lower() == "unix":
        return _unix(text)
    return parse_vn_date(text, now=now, hint=hint or None)


def _date_candidates(el: Any, attr: str | None) -> list[str]:
    """What a date element may hold, most machine-readable first."""
    if attr is not None:
        out = [clean_line(el.get(attr) or "", max_len=200)]
    else:
        out = [clean_line(el.get("datetime") or "", max_len=200), _text(el)[:200]]
        out += [clean_line(el.get(name) or "", max_len=200) for name in ("title", "content")]
    return [c for c in out if c]


def _cut_title_date(title: str, now: datetime | None) -> tuple[str, datetime | None]:
    """Take a date set off at the end (or start) of a title out of it.

    Only a date the title merely carries is cut: one in brackets (``Title(30/09/2019 9:19
    CH)``), after a dash, pipe or colon (``Title - 30/09/2019``) or with a clock time. A date
    that ends a sentence (``Quy định mới từ 10/4/2026``) is part of the title and stays.
    """
    found = find_vn_date(title, now=now)
    if found is None:
        return title, None
    dt, start, end = found
    before, date_text, after = title[:start], title[start:end], title[end:]
    if not after.strip(_TITLE_TRIM):
        rest = before
        set_off = bool(_SEPARATOR_BEFORE.search(before))
    elif not before.strip(_TITLE_TRIM):
        rest = after
        set_off = bool(_SEPARATOR_AFTER.match(after))
    else:
        return title, None
    bracketed = date_text.startswith(("(", "["))
    if not (bracketed or set_off or _HAS_CLOCK.search(date_text)):
        return title, None
    rest = clean_line(rest.strip(_REST_TRIM))
    return (rest, dt) if rest else (title, None)


def _image_of(item: Any, base: str) -> str:
    """The item's picture: the first ``img``/``source`` URL that is not an inline placeholder
    (lazy-loading pages put the real address in ``data-src`` or ``data-srcset``)."""
    for img in item.xpath(".//img | .//source"):
        candidates = [img.get(a) or "" for a in _IMG_ATTRS if img.tag == "img"]
        for a in _SRCSET_ATTRS:
            srcset = (img.get(a) or "").strip()
            if srcset:
                candidates.append(srcset.split(",")[0].split()[0])
        for cand in candidates:
            cand = cand.strip()
            if not cand or cand.lower().startswith("data:"):
                continue
            url, _why = _resolve(cand, base)
            if url:
                return url
    return ""


def _next_page(doc: Any, rule: dict[str, Any], page_url: str, base: str, number: int) -> str | None:
    """The next listing page: the ``next`` link's target, else the ``page_url`` template."""
    nxt = rule.get("next")
    if nxt:
        hit = _first(doc, nxt)
        if hit is not None:
            el, attr = hit
            href = el.get(attr) if attr else _href_of(el, None)
            if href:
                url, _why = _resolve(str(href), base)
                if url and url != page_url:
                    return url
        # No usable "next" link on this page: the listing ends here, unless a template
        # also says where page N+1 is.
    template = rule.get("page_url")
    if template:
        url, _why = _resolve(template.replace("{page}", str(number + 1)), rule["url"])
        return url
    return None


def _label(index: int, title: str) -> str:
    """How a problem line names an item: its position and the start of its title."""
    short = clean_line(title, max_len=60)
    return (
        _('item {index} "{title}"', index=index, title=short)
        if short
        else _("item {index}", index=index)
    )


def parse_listing(
    html: str,
    rule: dict[str, Any],
    *,
    page_url: str,
    now: datetime | None = None,
    page_number: int = 1,
) -> ListingPage:
    """Apply a rule to one listing page (pure: no I/O).

    Args:
        html: The decoded page.
        rule: A rule (see the module docstring); trusted to have passed :func:`check_rule`.
        page_url: The page's own URL, for resolving relative links.
        now: Reference instant for relative dates ("5 phút trước").
        page_number: Which listing page this is (1 = ``rule["url"]``), for ``page_url``
            templates.

    Returns:
        The entries (links absolute, titles and summaries cleaned, dates in UTC), one problem
        line per item that could not be used, and the next page's URL.
    """
    doc = _parse_document(html)
    base = _base_url(doc, page_url)
    titles = doc.xpath("//title")
    page = ListingPage(url=page_url, title=_text(titles[0]) if titles else "")
    page.next_url = _next_page(doc, rule, page_url, base, page_number)

    items = _select(doc, rule["item"])
    page.matched = len(items)
    if not items:
        page.problems.append(
            _(
                "item selector {selector} matched nothing on {url}",
                selector=repr(rule["item"]),
                url=page_url,
            )
        )
        return page
    if len(items) > MAX_ITEMS_PER_PAGE:
        page.problems.append(
            _(
                "item selector {selector} matched {n} elements; only the first {limit} are read "
                "(is it too broad?)",
                selector=repr(rule["item"]),
                n=len(items),
                limit=MAX_ITEMS_PER_PAGE,
            )
        )
        items = items[:MAX_ITEMS_PER_PAGE]

    date_spec: str | None = rule.get("date")
    hint: str | None = rule.get("date_format") or None
    seen: set[str] = set()
    for index, item in enumerate(items, 1):
        hit = _first(item, rule["title"])
        title_el = hit[0] if hit else None
        title = _value(title_el, hit[1]) if hit else ""
        if not title and title_el is not None:
            title = clean_line(title_el.get("title") or "", max_len=2000)
        if not title:
            why = (
                _("no title")
                if hit
                else _("title selector {selector} matched nothing", selector=repr(rule["title"]))
            )
            page.problems.append(f"{_label(index, '')}: {why}")
            continue

        if rule.get("link"):
            link_hit = _first(item, rule["link"])
            if link_hit is None:
                page.problems.append(
                    f"{_label(index, title)}: "
                    + _("link selector {selector} matched nothing", selector=repr(rule["link"]))
                )
                continue
            el, attr = link_hit
            href = el.get(attr) if attr else _href_of(el, item)
        else:
            href = _href_of(title_el, item) if title_el is not None else None
        if not href:
            page.problems.append(f"{_label(index, title)}: " + _("no link"))
            continue
        link, why = _resolve(str(href), base)
        if link is None:
            page.problems.append(f"{_label(index, title)}: {why}")
            continue
        if link in seen:
            page.duplicates += 1
            continue
        seen.add(link)

        summary_el = None
        summary = ""
        if rule.get("summary"):
            s_hit = _first(item, rule["summary"])
            if s_hit is not None:
                summary_el = s_hit[0]
                summary = _value(*s_hit)

        published: datetime | None = None
        if date_spec is None:
            # No date selector: portals put the date in the title or next to it.
            title, published = _cut_title_date(title, now)
            if published is None:
                skip = [e for e in (title_el, summary_el) if e is not None]
                found = find_vn_date(_text_outside(item, skip), now=now)
                published = found[0] if found else None
        elif date_spec:
            d_hit = _first(item, date_spec)
            if d_hit is None:
                page.date_missing += 1
            else:
                texts = _date_candidates(*d_hit)
                for text in texts:
                    published = _parse_date(text, hint, now)
                    if published is not None:
                        break
                if published is None and texts:
                    page.date_failures += 1
                    shown = clean_line(texts[0], max_len=60)
                    why = _('unparseable date "{date}"', date=shown)
                    page.bad_date = page.bad_date or why
                    page.problems.append(f"{_label(index, title)}: {why}")
                elif published is None:
                    page.date_missing += 1
        if published is not None:
            page.dated += 1
        page.entries.append(
            ParsedEntry(
                title=title,
                link=link,
                guid=link,
                summary=summary if summary != title else "",
                published=published,
                image_url=_image_of(item, base),
            )
        )
    if not page.entries:
        page.problems.append(
            _(
                "none of the {n} items matched by {selector} had a title and a link",
                n=len(items),
                selector=repr(rule["item"]),
            )
        )
    elif date_spec and page.dated == 0 and page.date_failures == 0:
        page.problems.append(
            _(
                "date selector {selector} matched nothing on {url}",
                selector=repr(date_spec),
                url=page_url,
            )
        )
    return page


def page_canonical_url(html: str) -> str | None:
    """The page's own address as it states it (``link rel=canonical`` or ``og:url``)."""
    doc = _parse_document(html)
    for xp in ("//link[@rel='canonical']/@href", "//meta[@property='og:url']/@content"):
        for value in doc.xpath(xp):
            try:
                return check_url(clean_line(str(value), max_len=2000))
            except ValueError:
                continue
    return None


# -- many pages -------------------------------------------------------------------------------


@dataclass(slots=True)
class PageReport:
    """One listing page a scrape followed."""

    number: int
    url: str
    items: int = 0
    new: int = 0
    """Entries not seen on an earlier page of the same run."""
    problems: list[str] = field(default_factory=list)
    error: str = ""
    """Why the page could not be read (then ``items`` is 0)."""


@dataclass(slots=True)
class ScrapeResult:
    """Everything one scrape found: entries, the pages followed and every problem."""

    rule: dict[str, Any]
    entries: list[ParsedEntry] = field(default_factory=list)
    pages: list[PageReport] = field(default_factory=list)
    first: ListingPage | None = None
    """The first page's full details (what decides whether the rule works at all)."""
    stop_reason: str = ""
    """Why pagination stopped."""
    next_url: str | None = None
    """The page that would come next (offline scrapes do not follow it)."""

    @property
    def name(self) -> str:
        """The rule's label."""
        return rule_label(self.rule)

    @property
    def problems(self) -> list[str]:
        """Every problem, each prefixed with its page number."""
        out: list[str] = []
        for p in self.pages:
            if p.error:
                out.append(_("page {n} ({url}): {error}", n=p.number, url=p.url, error=p.error))
            out.extend(_("page {n}: {problem}", n=p.number, problem=line) for line in p.problems)
        return out

    @property
    def title(self) -> str:
        """The rule's name, else the first page's ``<title>``."""
        name = clean_line(str(self.rule.get("name") or ""), max_len=200)
        return name or (self.first.title if self.first else "")

    def failure(self) -> str | None:
        """Why the rule found nothing usable, as one line; None when it works."""
        page = self.first
        url = self.rule["url"]
        label = _("rule {name}", name=self.name)
        selector = repr(self.rule["item"])
        if page is None:
            return f"{label}: " + _("nothing was read from {url}", url=url)
        if page.matched == 0:
            return f"{label}: " + _(
                "selector {selector} matched nothing on {url}", selector=selector, url=page.url
            )
        if not page.entries:
            detail = f" ({page.problems[0]})" if page.problems else ""
            none = _(
                "none of the {n} items matched by {selector} on {url} had a title and a link",
                n=page.matched,
                selector=selector,
                url=page.url,
            )
            return f"{label}: {none}{detail}"
        date_spec = self.rule.get("date")
        if date_spec and page.dated == 0:
            if page.date_failures:
                return f"{label}: " + _(
                    "no date could be parsed on {url} ({example})",
                    url=page.url,
                    example=page.bad_date,
                )
            return f"{label}: " + _(
                "date selector {selector} matched nothing on {url}",
                selector=repr(date_spec),
                url=page.url,
            )
        return None

    def feed(self) -> ParsedFeed:
        """The entries as a :class:`ParsedFeed` (parser ``"scrape"``)."""
        return ParsedFeed(
            title=self.title, link=self.rule["url"], entries=list(self.entries), parser="scrape"
        )


def _content_type(rule: dict[str, Any], header: str) -> str:
    encoding = rule.get("encoding")
    return f"text/html; charset={encoding}" if encoding else header


def _with_context(exc: FetchError, prefix: str) -> FetchError:
    """The same kind of error with the rule and page in front (status kept for backoff)."""
    message = f"{prefix}{exc}"
    if isinstance(exc, HTTPStatusError):
        return HTTPStatusError(message, exc.status, exc.retry_after)
    return type(exc)(message)


def _resolve_limit(rule: dict[str, Any], max_pages: int | None) -> int:
    limit = max_pages if max_pages is not None else rule.get("max_pages", DEFAULT_MAX_PAGES)
    return max(1, int(limit))


async def scrape(
    client: httpx.AsyncClient,
    rule: dict[str, Any],
    settings: FetchSettings,
    hosts: HostLimiter,
    *,
    max_pages: int | None = None,
    now: datetime | None = None,
) -> ScrapeResult:
    """Fetch a listing and follow its pagination; report every page and problem.

    Pagination stops at ``max_pages`` (else the rule's, else 3), at a page seen before, at a
    page with no new items, or where no next page is given. A later page that fails ends
    pagination and is reported; the first page failing raises.

    Args:
        client: The shared HTTP client.
        rule: The scrape rule (validated here).
        settings: Request limits.
        hosts: The per-host politeness limiter.
        max_pages: Overrides the rule's ``max_pages``.
        now: Reference instant for relative dates.

    Returns:
        The result, even when the rule found nothing (see :meth:`ScrapeResult.failure`).

    Raises:
        FetchError: the rule is invalid or the first page could not be fetched.
    """
    try:
        rule = check_rule(rule)
    except ValueError as exc:
        raise FetchError(_("invalid scrape rule: {error}", error=exc)) from None
    limit = _resolve_limit(rule, max_pages)
    result = ScrapeResult(rule=rule)
    seen_urls: set[str] = set()
    guids: set[str] = set()
    url: str | None = rule["url"]
    number = 1
    while url is not None:
        seen_urls.add(url)
        report = PageReport(number=number, url=url)
        try:
            async with hosts(url):
                resp = await get(client, url, settings, accept=PAGE_ACCEPT)
        except FetchError as exc:
            if number == 1:
                label = _("rule {name}", name=result.name)
                raise _with_context(exc, f"{label}: {url}: ") from exc
            if isinstance(exc, HTTPStatusError) and exc.status in (404, 410):
                # A page_url template past the last page: the listing simply ends.
                result.stop_reason = _(
                    "page {n} does not exist (HTTP {status})", n=number, status=exc.status
                )
            else:
                report.error = clean_line(str(exc), max_len=300)
                result.pages.append(report)
                result.stop_reason = _("page {n} could not be fetched", n=number)
            break
        seen_urls.add(resp.url)
        html = decode_html(resp.body, _content_type(rule, resp.content_type))
        # lxml and the date grammar are CPU work: keep them off the event loop.
        page = await asyncio.to_thread(
            parse_listing, html, rule, page_url=resp.url, now=now, page_number=number
        )
        new = [e for e in page.entries if e.guid not in guids]
        guids.update(e.guid for e in new)
        result.entries.extend(new)
        report.items, report.new, report.problems = len(page.entries), len(new), page.problems
        result.pages.append(report)
        if number == 1:
            result.first = page
        result.next_url = page.next_url
        if number > 1 and page.matched == 0:
            # Past the last page, many portals answer 200 with an empty list: an end, not
            # a fault of the rule (the first page shows whether the selector works).
            report.problems = []
            result.stop_reason = _("page {n} lists no items", n=number)
            break
        if number > 1 and not new:
            result.stop_reason = _("page {n} had no new items", n=number)
            break
        if number == 1 and not page.entries:
            result.stop_reason = _("the first page gave no items")
            break
        if page.next_url is None:
            result.stop_reason = _("page {n} links to no next page", n=number)
            break
        if page.next_url in seen_urls:
            result.stop_reason = _("page {n} would be a page seen before", n=number + 1)
            break
        if number >= limit:
            result.stop_reason = _("reached the page limit ({limit})", limit=limit)
            break
        url = page.next_url
        number += 1
    return result


def scrape_offline(
    html: str, rule: dict[str, Any], *, page_url: str | None = None, now: datetime | None = None
) -> ScrapeResult:
    """Apply a rule to a saved page (no pagination: the next page is only reported).

    Raises:
        ValueError: the rule is invalid.
    """
    rule = check_rule(rule)
    url = page_url or rule["url"]
    page = parse_listing(html, rule, page_url=url, now=now)
    result = ScrapeResult(rule=rule, entries=list(page.entries), first=page, next_url=page.next_url)
    result.pages.append(
        PageReport(
            number=1,
            url=url,
            items=len(page.entries),
            new=len(page.entries),
            problems=page.problems,
        )
    )
    result.stop_reason = _("a saved page: pagination is not followed")
    return result


async def scrape_listing(
    client: httpx.AsyncClient,
    rule: dict[str, Any],
    settings: FetchSettings,
    hosts: HostLimiter,
    *,
    max_pages: int | None = None,
) -> ParsedFeed:
    """Scrape a listing into a feed (what a refresh stores).

    Args:
        client: The shared HTTP client.
        rule: The scrape rule.
        settings: Request limits.
        hosts: The per-host politeness limiter.
        max_pages: Overrides the rule's ``max_pages`` (default 3).

    Returns:
        ``ParsedFeed(title=rule name or page title, link=listing URL, entries,
        parser="scrape")``.

    Raises:
        FetchError: the first page could not be fetched, or the rule found nothing usable on
            it ("rule X: selector 'div.news-item' matched nothing on URL"), or no date on it
            could be parsed.
    """
    result = await scrape(client, rule, settings, hosts, max_pages=max_pages)
    why = result.failure()
    if why is not None:
        raise FetchError(clean_line(why, max_len=500))
    return result.feed()
