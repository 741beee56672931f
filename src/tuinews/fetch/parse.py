"""Feed bytes to :class:`~tuinews.models.ParsedFeed`: the only module that imports feed parsers.

``parse_feed(body, url=..., content_type=...)`` takes the response bytes and headers; no parser
is ever given a URL (``fastfeedparser.parse`` and ``feedparser.parse`` both fetch when handed a
string that looks like one). The order:

1. **JSON Feed** 1.0/1.1 (a JSON content type, or a body starting with ``{``): a small parser of
   our own on :mod:`json`, with a size cap.
2. **fastfeedparser** for RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 (lxml and a native extractor).
3. **feedparser** only for what fastfeedparser rejects, or when it visibly lost items of a
   malformed feed, and only for bodies up to :data:`FEEDPARSER_MAX_BYTES` (it needs ~100x the
   time and far more memory).

Before any XML parser sees the bytes, :func:`_prepare_xml` makes them safe and regular:

* The prolog is reduced to a plain XML declaration: a DOCTYPE (and with it every ENTITY
  declaration: billion laughs, quadratic blowup, external entities), comments and processing
  instructions before the root element are removed, so no entity is ever defined, expanded,
  resolved or fetched. Bytes with ``<!ENTITY`` anywhere never reach feedparser, whose own
  DOCTYPE filter keeps "safe" entities of any size (2.9 GB on a 140 KB quadratic blowup).
* Terminal escape sequences (ESC, or ``&#27;``, with their CSI/OSC/DCS payload) are cut out
  whole; the XML parsers would otherwise drop the ESC and leave ``[31m`` or an OSC 52 payload
  behind as visible text. Other C0 controls, raw or as character references (``&#0;``),
  and references to surrogates or past U+10FFFF go too: XML forbids them, and one of them
  sends libxml2 into a recovery that garbles every escaped HTML body of the feed
  (:func:`tuinews.text.sanitize.clean_xml_bytes`).
* Named HTML entities that XML does not define (``&eacute;``, ``&nbsp;``) become character
  references and bare ``&`` become ``&amp;`` (outside CDATA), because the recovering parser
  silently drops them: "Café" would read "Caf", ``?w=1&h=0`` would lose ``&h``.
* UTF-16/32 and ISO-2022 are transcoded to UTF-8; a charset from the Content-Type header is
  used when the document declares none and is not valid UTF-8.

What fastfeedparser drops (xml:base, ``type="xhtml"`` titles, content:encoded in RSS 1.0) is
read from a second, lxml-only pass when the bytes show the feed needs it.

Each entry:

* ``title``: HTML-ish text made plain, at most :data:`TITLE_MAX` characters; without one, the
  first words of the summary. An item with no title, no link and no guid is dropped.
* ``link``: absolute (xml:base, else the feed URL), http(s) only. ``guid``: "" when the feed
  has none or it is the link itself (the store falls back to the link: the same key).
* ``summary``: the description/summary as Markdown without image lines. ``content``:
  content:encoded / atom:content as Markdown, "" when the feed has only a summary, unless
  that description holds more than :data:`LONG_DESCRIPTION` characters (the whole article);
  with content present the summary is cut to about :data:`SUMMARY_MAX`, and an entry with
  content but no summary gets the content's first :data:`DERIVED_SUMMARY_MAX` characters.
* ``image_url``/``image_caption``: media:content, media:thumbnail or an image enclosure, else
  the first image of the content (or summary) with its figcaption or alt text.

Every string that leaves is cleaned by :mod:`tuinews.text.sanitize` (NFC, no control
characters or escape sequences, no bidi overrides); HTML bodies become Markdown through
:mod:`tuinews.fetch.htmlmd`; dates go through :func:`tuinews.text.dates.parse_feed_date` on the
feed's raw date text, so a date without a zone is read as +07:00; a date more than a day
ahead or before 1970-01-02 counts as no date (see :func:`_date`).
"""

from __future__ import annotations

import html
import html.entities
import io
import json
import re
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urljoin

from tuinews.errors import ParseError
from tuinews.fetch.htmlmd import convert_html, html_to_text, looks_like_html
from tuinews.i18n import _
from tuinews.models import ParsedEntry, ParsedFeed
from tuinews.text.dates import parse_feed_date
from tuinews.text.html import fast_text, has_hidden_parts, html_words, visible_longer_than
from tuinews.text.sanitize import (
    clean_block,
    clean_line,
    clean_markup,
    clean_xml_bytes,
    xml_yields_clean_text,
)

__all__ = [
    "DEFAULT_MAX_ITEMS",
    "FEEDPARSER_MAX_BYTES",
    "JSON_MAX_BYTES",
    "discover_feed_links",
    "load_parsers",
    "parse_feed",
]

DEFAULT_MAX_ITEMS = 5000
"""Entries kept per feed (the first ones in document order)."""
FEEDPARSER_MAX_BYTES = 1024 * 1024
"""Largest body handed to the feedparser fallback (it reads ~0.2-0.4 MB/s, fastfeedparser ~200)."""
JSON_MAX_BYTES = 32 * 1024 * 1024
"""Largest JSON Feed parsed (json.loads holds the whole document as Python objects)."""

TITLE_MAX = 1000
"""Longest title kept, in characters (longer ones end with an ellipsis)."""
LONG_DESCRIPTION = 1500
"""A description with more text than this is the full article: it also becomes the content."""
SUMMARY_MAX = 1000
"""Summaries are cut to about this many characters when the content holds the full text."""
SUMMARY_SCAN = 6_000
"""Characters of a description's HTML read for its summary text."""
_FIRST_SCAN = 2_500
"""Characters of a description's HTML read first: usually enough to tell a whole article."""
DERIVED_SUMMARY_MAX = 500
"""An entry with content but no summary gets the content's beginning, about this long."""
FUTURE_SLACK = timedelta(days=1)
"""A date further ahead than this is not believed (clocks and zones are often a little off)."""
EARLIEST_DATE = datetime(1970, 1, 2, tzinfo=UTC)
"""A date before this is a placeholder, not a publication date."""
_URL_MAX = 4000
_AUTHOR_MAX = 300
_GUID_MAX = 1000
_DATE_MAX = 200
_FALLBACK_TITLE_CHARS = 100

_ATOM_NS = ("{http://www.w3.org/2005/Atom}", "{http://purl.org/atom/ns#}")
_RSS1_NS = "{http://purl.org/rss/1.0/}"
_CONTENT_ENCODED = "{http://purl.org/rss/1.0/modules/content/}encoded"

# -- byte-level preparation -----------------------------------------------------------------

_WS_BYTES = b" \t\r\n"
# A clean prolog: an optional BOM and XML declaration and nothing else. Anything more (DOCTYPE,
# comments, other processing instructions) is rebuilt away.
_CLEAN_DECL = re.compile(
    rb"""<\?xml\s+version\s*=\s*["'][0-9.]{1,5}["']"""
    rb"""(?:\s+encoding\s*=\s*["'][A-Za-z][A-Za-z0-9._-]{0,39}["'])?"""
    rb"""(?:\s+standalone\s*=\s*["'](?:yes|no)["'])?\s*\?>"""
)
_DECL_ENCODING = re.compile(rb"""encoding\s*=\s*["']([A-Za-z][A-Za-z0-9._-]{0,39})["']""")
# Inside a DOCTYPE: quoted literals, comments and PIs are skipped whole, brackets and ">" count.
_DOCTYPE_TOKEN = re.compile(rb"""\"[^\"]*\"|'[^']*'|<!--.*?-->|<\?.*?\?>|[\[\]>]""", re.DOTALL)
# Where a document starts when junk (a PHP warning, a browser banner) comes first.
_DOC_START = re.compile(rb"<\?xml|<(?:rss|feed|rdf:RDF|RDF|channel)[\s>]", re.IGNORECASE)
_ROOT_NAME = re.compile(rb"<([A-Za-z_][A-Za-z0-9_.:-]{0,100})")
# Any "&" that does not start one of XML's five entities or a character reference.
_BAD_AMP = re.compile(
    rb"&(?!(?:amp|lt|gt|quot|apos|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});)"
    rb"(?:([A-Za-z][A-Za-z0-9]{0,31});)?"
)
_ITEM_TAG = re.compile(rb"<(?:item|entry)[\s>/]")
_NEEDS_LXML = re.compile(rb"xml:base|xhtml")
"""What fastfeedparser misses (see _lxml_fixups); a regular expression finds it three times
faster than ``in`` on big documents."""


@dataclass(slots=True)
class _Prepared:
    data: bytes
    root: str
    """Local name of the root element, lower case ("" when none was found)."""
    doctype_html: bool = False
    clean_text: bool = False
    """UTF-8 that no control or bidi character can come out of (see xml_yields_clean_text)."""


def _transcode(body: bytes, content_type: str | None) -> bytes:
    """UTF-16/32 to UTF-8, and the header's charset when the document names none and needs it."""
    head = body[:4]
    codec = ""
    if head.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        codec = "utf-32"
    elif head.startswith((b"\xff\xfe", b"\xfe\xff")):
        codec = "utf-16"
    elif head[:2] in (b"<\x00", b"\x00<") and head[2:4] != b"\x00\x00":
        codec = "utf-16-le" if head[:1] == b"<" else "utf-16-be"
    else:
        declared = _DECL_ENCODING.search(body, 0, 200)
        if declared and declared.group(1).lower().startswith(b"iso-2022"):
            # Escape-based encodings: decoded here, before escape sequences are cut out.
            codec = declared.group(1).decode("ascii").lower().replace("-", "_")
    if codec:
        try:
            text = body.decode(codec, "replace").lstrip("\ufeff")
        except LookupError:
            return body
        return _utf8_declaration(text.encode("utf-8", "replace"))
    if content_type and b"encoding" not in body[:200] and not body.startswith(b"\xef\xbb\xbf"):
        m = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9._-]{1,40})", content_type)
        charset = m.group(1).lower() if m else ""
        if charset and charset not in ("utf-8", "utf8", "us-ascii", "ascii"):
            try:
                body.decode("utf-8")
            except UnicodeDecodeError:
                try:
                    return _utf8_declaration(body.decode(charset, "replace").encode("utf-8"))
                except LookupError:
                    pass  # a charset Python lacks (VISCII): lxml may still know it
    return body


def _utf8_declaration(data: bytes) -> bytes:
    """Make the XML declaration (if any) say UTF-8, which the bytes now are."""
    m = _DECL_ENCODING.search(data, 0, 200)
    if m and data.lstrip().startswith(b"<?xml"):
        return data[: m.start(1)] + b"utf-8" + data[m.end(1) :]
    return data


def _doctype_end(data: bytes, start: int) -> int:
    """Index just past the DOCTYPE declaration that begins at ``start``."""
    in_subset = False
    for m in _DOCTYPE_TOKEN.finditer(data, start + 9):
        tok = m.group()
        if tok == b"[":
            in_subset = True
        elif tok == b"]":
            in_subset = False
        elif tok == b">" and not in_subset:
            return m.end()
    raise _not_a_feed(_("unterminated DOCTYPE declaration"))


def _not_a_feed(reason: str) -> ParseError:
    """The error for a body that is no feed, saying why (in the language in force)."""
    return ParseError(_("not a feed: {reason}", reason=reason))


def _prepare_xml(body: bytes, content_type: str | None) -> _Prepared:
    """Reduce the prolog to an XML declaration and neutralise escapes and stray entities.

    Raises:
        ParseError: When no root element can be found.
    """
    data = _transcode(body, content_type)
    n = len(data)
    i = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    decl = b""
    dirty = i > 0
    doctype_html = False
    skipped_junk = False
    while True:
        while i < n and data[i] in _WS_BYTES:
            i += 1
        if i >= n:
            raise _not_a_feed(_("no XML element found"))
        if data.startswith(b"<?", i):
            end = data.find(b"?>", i + 2)
            if end < 0:
                raise _not_a_feed(_("unterminated processing instruction"))
            m = _CLEAN_DECL.match(data, i)
            if m and not decl and m.end() == end + 2:
                decl = m.group()
            else:
                dirty = True
            i = end + 2
        elif data.startswith(b"<!--", i):
            end = data.find(b"-->", i + 4)
            if end < 0:
                raise _not_a_feed(_("unterminated comment"))
            i, dirty = end + 3, True
        elif data[i : i + 9].upper() == b"<!DOCTYPE":
            doctype_html = data[i + 9 : i + 20].lstrip().lower().startswith(b"html")
            i, dirty = _doctype_end(data, i), True
        elif (m := _ROOT_NAME.match(data, i)) is not None:
            root = m.group(1).decode("ascii").lower()
            break
        elif not skipped_junk and (m := _DOC_START.search(data, i, i + 65536)) is not None:
            i, dirty, skipped_junk = m.start(), True, True
        else:
            raise _not_a_feed(_("the response is neither XML nor JSON"))
    if dirty:
        # Rebuild: the declaration's encoding survives, nothing else of the prolog does.
        enc = _DECL_ENCODING.search(decl) if decl else None
        new_decl = b'<?xml version="1.0"'
        if enc:
            new_decl += b' encoding="' + enc.group(1) + b'"'
        data = new_decl + b"?>\n" + data[i:]
    data = clean_xml_bytes(data)
    if _BAD_AMP.search(data):
        data = _fix_ampersands(data)
    declared = _DECL_ENCODING.search(data, 0, 200)
    utf8 = declared is None or declared.group(1).lower() in (b"utf-8", b"utf8")
    clean_text = utf8 and xml_yields_clean_text(data)
    return _Prepared(data, root.rsplit(":", 1)[-1], doctype_html, clean_text)


def _entity_replacement(m: re.Match[bytes]) -> bytes:
    name = m.group(1)
    if name is None:
        return b"&amp;"
    chars = html.entities.html5.get(name.decode("ascii") + ";")
    if chars is None:
        # Unknown: shown literally rather than silently dropped.
        return b"&amp;" + name + b";"
    return "".join(f"&#{ord(c)};" for c in chars).encode("ascii")


def _fix_ampersands(data: bytes) -> bytes:
    """Repair "&" outside CDATA sections (inside them it is already literal text)."""
    out: list[bytes] = []
    pos, n = 0, len(data)
    while pos < n:
        start = data.find(b"<![CDATA[", pos)
        stop = n if start < 0 else start
        out.append(_BAD_AMP.sub(_entity_replacement, data[pos:stop]))
        if start < 0:
            break
        end = data.find(b"]]>", start + 9)
        end = n if end < 0 else end + 3
        out.append(data[start:end])
        pos = end
    return b"".join(out)


# -- HTML pages ------------------------------------------------------------------------------

_LINK_TAG = re.compile(rb"<link\b[^>]{0,2000}>", re.IGNORECASE)
_ATTR = re.compile(rb"""([A-Za-z_:][A-Za-z0-9_:.-]*)\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+)""")
_FEED_TYPES = (
    b"application/rss+xml",
    b"application/atom+xml",
    b"application/feed+json",
    b"application/rdf+xml",
    b"application/json",
)


def discover_feed_links(body: bytes, *, url: str) -> list[str]:
    """The feeds an HTML page advertises with ``<link rel="alternate" type="…rss+xml">``.

    Args:
        body: The page's bytes (only the first 512 KB are read).
        url: The page's address, to resolve relative hrefs.

    Returns:
        Absolute http(s) URLs in page order, without duplicates.
    """
    found: list[str] = []
    for tag in _LINK_TAG.finditer(body, 0, 512 * 1024):
        attrs = {k.lower(): v.strip(b"\"'") for k, v in _ATTR.findall(tag.group())}
        rel = attrs.get(b"rel", b"").lower().split()
        kind = attrs.get(b"type", b"").lower().strip()
        href = attrs.get(b"href")
        if b"alternate" not in rel or kind not in _FEED_TYPES or not href:
            continue
        link = _absolute(html.unescape(href.decode("utf-8", "replace")), url)
        if link and link not in found:
            found.append(link)
    return found


def _html_page_error(body: bytes, url: str) -> ParseError:
    links = discover_feed_links(body, url=url)
    if links:
        return _not_a_feed(_("got an HTML page (it names a feed: {url})", url=links[0]))
    return _not_a_feed(_("got an HTML page"))


# -- strings ---------------------------------------------------------------------------------

_EMAIL_NAME = re.compile(r"^\S+@\S+\s+\((.+)\)$")
_IMAGE_EXT = re.compile(r"\.(?:jpe?g|png|gif|webp|avif)(?:[?#]|$)", re.IGNORECASE)
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)\s]*\)")
_IMAGE_LINE = re.compile(r"^\[Ảnh(?::[^\n]*\]|\]\([^\n]*\))$")


def _str(value: Any) -> str:
    """A feed value as a string ("" for None and for what is not text)."""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""


def _absolute(ref: str, base: str) -> str:
    """``ref`` resolved against ``base``, cleaned; "" unless it is http(s)."""
    ref = clean_line(ref, max_len=_URL_MAX + 1)
    if not ref or len(ref) > _URL_MAX:
        return ""
    if not ref.lower().startswith(("http://", "https://")):
        if not base:
            return ""
        try:
            ref = urljoin(base, ref)
        except ValueError:
            return ""
    if not ref.lower().startswith(("http://", "https://")):
        return ""
    return ref.replace(" ", "%20")


def _clean_title(raw: str) -> str:
    """Feed titles are HTML-ish in practice: tags stripped, entities decoded, one line."""
    if not raw:
        return ""
    if "<" in raw and looks_like_html(raw):
        raw = html_to_text(raw).replace("\n", " ")
    elif "&" in raw:
        raw = html.unescape(raw)
    return clean_line(raw.replace("\u00a0", " "), max_len=TITLE_MAX)


def _clean_author(raw: str) -> str:
    raw = clean_line(html.unescape(raw) if "&" in raw else raw, max_len=_AUTHOR_MAX)
    m = _EMAIL_NAME.match(raw)
    return m.group(1).strip() if m else raw


def _date(raw: str, now: datetime) -> datetime | None:
    """A feed date, or None when it is missing, unreadable or not believable.

    Not believable: more than :data:`FUTURE_SLACK` ahead of ``now`` (a year-9999 date would
    pin its article to the top of every list for good) or before :data:`EARLIEST_DATE` (the
    zero dates of broken feeds: 0001-01-01, 1900-01-01, 1970-01-01 and 1969-12-31 from a
    timestamp 0 shown in a negative zone). The store then dates the article when first seen.
    """
    raw = raw.strip()
    if not raw or len(raw) > _DATE_MAX:
        return None
    try:
        when = parse_feed_date(clean_line(raw))
    except (ValueError, OverflowError, TypeError, IndexError):
        return None
    if when is None or when < EARLIEST_DATE or when > now + FUTURE_SLACK:
        return None
    return when


def _trim(markdown: str, limit: int) -> str:
    """Cut Markdown to about ``limit`` characters at a paragraph or word end, with "…"."""
    if len(markdown) <= limit:
        return markdown
    cut = markdown.rfind("\n\n", 0, limit)
    if cut < limit // 2:
        cut = markdown.rfind(" ", 0, limit)
    if cut < limit // 2:
        cut = limit
    return markdown[:cut].rstrip() + "…"


def _without_images(markdown: str) -> str:
    if "[Ảnh" not in markdown:
        return markdown
    blocks = [b for b in markdown.split("\n\n") if not _IMAGE_LINE.match(b)]
    return "\n\n".join(blocks)


def _first_words(markdown: str) -> str:
    text = _MD_LINK.sub(r"\1", _without_images(markdown))
    text = text.replace("\n", " ").replace("\\", "").replace("**", "")
    text = " ".join(text.split())
    if len(text) <= _FALLBACK_TITLE_CHARS:
        return text
    cut = text.rfind(" ", 0, _FALLBACK_TITLE_CHARS)
    return text[: cut if cut > 20 else _FALLBACK_TITLE_CHARS].rstrip(",;:-") + "…"


# -- entries ---------------------------------------------------------------------------------


@dataclass(slots=True)
class _Raw:
    """One entry as a parser gave it, before cleaning: the same shape for every parser."""

    title: str = ""
    link: str = ""
    guid: str = ""
    author: str = ""
    summary: str = ""
    """HTML or text of the description/summary ("" when the feed had none)."""
    content: str = ""
    """HTML or text of content:encoded / atom:content ("" when the feed had none)."""
    content_is_text: bool = False
    published: str = ""
    updated: str = ""
    base: str = ""
    """The address relative references resolve against (xml:base, else the feed URL)."""
    images: list[tuple[str, str]] = field(default_factory=list)
    """Image URLs with captions from media:content/thumbnail and image enclosures."""


def _media_images(items: Any, *, captions: bool) -> list[tuple[str, str]]:
    """Image URLs (with captions when asked) of media:content/thumbnail items, either parser."""
    out: list[tuple[str, str]] = []
    for media in items or []:
        if isinstance(media, dict) and _is_image(
            media.get("medium"), media.get("type"), media.get("url")
        ):
            caption = ""
            if captions:
                caption = _plain_caption(_str(media.get("description")) or _str(media.get("title")))
            out.append((_str(media.get("url")), caption))
    return out


def _enclosure_images(links: Any) -> list[tuple[str, str]]:
    """Image enclosures among an entry's links (``rel="enclosure"``), either parser."""
    return [
        (_str(lnk.get("href")), "")
        for lnk in links or []
        if isinstance(lnk, dict)
        and lnk.get("rel") == "enclosure"
        and _is_image(None, lnk.get("type"), lnk.get("href"))
    ]


_IMG = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*[\"']([^\"'>]+)", re.I)
_FIGCAPTION = re.compile(r"<figcaption\b[^>]*>(.*?)</figcaption>", re.I | re.S)


def _first_image(markup: str, base: str) -> tuple[str, str]:
    """The first image of a content fragment and its figure caption (regex, no parse)."""
    m = _IMG.search(markup)
    if not m:
        return "", ""
    url = _absolute(html.unescape(m.group(1)), base)
    cap = _FIGCAPTION.search(markup, m.end())
    caption = clean_line(fast_text(cap.group(1)), max_len=500) if cap else ""
    return url, caption


def _summary_text(markup: str) -> str:
    """A summary as plain text (images and markup gone), from HTML or text."""
    if not markup:
        return ""
    # A summary is cut to SUMMARY_MAX characters; reading past a few times that (some feeds
    # put the whole article here) only decides that it is long, and the first part of the
    # HTML is usually enough to decide it (more HTML never means less text).
    if not looks_like_html(markup):
        return clean_block(markup)
    text = fast_text(markup, limit=_FIRST_SCAN)
    if len(text) <= LONG_DESCRIPTION and len(markup) > _FIRST_SCAN:
        text = fast_text(markup, limit=SUMMARY_SCAN)
    return clean_block(text)


def _whole_article(markup: str, checked: bool) -> tuple[str, str] | None:
    """A description that is plainly the whole article: (its cleaned HTML, its words).

    Plainly: HTML with more than :data:`LONG_DESCRIPTION` visible characters, spaces not
    counted, and nothing hidden (comments, scripts) whose words would count. Deciding so
    takes the words the index needs anyway; other descriptions go the summary's way.
    """
    if len(markup) <= LONG_DESCRIPTION or not looks_like_html(markup) or has_hidden_parts(markup):
        return None
    cleaned = clean_markup(markup, checked=checked)
    words = html_words(cleaned)
    return (cleaned, words) if visible_longer_than(words, LONG_DESCRIPTION) else None


def _build_entry(raw: _Raw, feed_url: str, *, checked: bool = False) -> ParsedEntry | None:
    """One cleaned entry, or None for a husk.

    ``checked``: the strings come from a document :func:`xml_yields_clean_text` accepted.
    """
    base = raw.base or feed_url
    link = _absolute(raw.link, base)
    guid = clean_line(raw.guid, max_len=_GUID_MAX)
    if guid and guid in (raw.link.strip(), link):
        # fastfeedparser fills a missing guid with the link; the store's fallback is the
        # same key, so "" is both honest and equivalent.
        guid = ""

    # Content HTML is kept as (sanitised) HTML and turned into Markdown only when read:
    # converting every body of every fetch in Python would cost ten times the parsing.
    content_html = ""
    content_md = ""
    if raw.content and raw.content_is_text:
        escaped = html.escape(raw.content).replace("\n\n", "<p>").replace("\n", "<br>")
        content_md = convert_html(escaped, base_url=base).markdown
    elif raw.content and raw.base and raw.base != feed_url:
        # xml:base: relative links resolve against an address the reader will not know,
        # so this (rare) body is converted now.
        content_md = convert_html(raw.content, base_url=base).markdown
    elif raw.content:
        content_html = raw.content
    whole = None if content_html or content_md else _whole_article(raw.summary, checked)
    if whole is not None:
        # The description is the whole article: it is the content, and a cut of it the summary.
        content_html, content_text = whole
        summary_text = ""
    else:
        summary_text = _summary_text(raw.summary)
        if not (content_html or content_md) and len(summary_text) > LONG_DESCRIPTION:
            content_html = raw.summary  # (markup-heavy, or with hidden parts)
            summary_text = ""
        content_html = clean_markup(content_html, checked=checked)
        content_text = html_words(content_html) if content_html else content_md
    if content_text and not summary_text:
        if content_html and has_hidden_parts(content_html):
            # The index's words keep a script's text; a summary must not.
            lead = clean_block(fast_text(content_html, limit=SUMMARY_SCAN))
        else:
            lead = content_text
        summary_md = _trim(_without_images(lead), DERIVED_SUMMARY_MAX)
    else:
        summary_md = _trim(summary_text, SUMMARY_MAX)
    if summary_text and content_text.strip() == summary_text.strip():
        # Some feeds repeat the summary as "content": it is no full text.
        content_html = content_md = content_text = ""

    title = _clean_title(raw.title)
    if not (title or link or guid):
        # Nothing to show in a list or to tell it apart by: real feeds carry such husks
        # ("<title/><description>No Description</description>").
        return None
    if not title:
        title = _first_words(summary_md or content_md)

    image_url, image_caption = "", ""
    for url, caption in raw.images:
        image_url = _absolute(url, base)
        if image_url:
            image_caption = clean_line(caption, max_len=500)
            break
    if not image_url:
        image_url, image_caption = _first_image(content_html or raw.content or raw.summary, base)

    now = datetime.now(UTC)
    published = _date(raw.published, now)
    updated = _date(raw.updated, now)
    return ParsedEntry(
        title=title,
        link=link,
        guid=guid,
        author=_clean_author(raw.author),
        summary=summary_md,
        content=content_md,
        content_html=content_html,
        content_text=content_text,
        published=published or updated,
        updated=updated,
        image_url=image_url,
        image_caption=image_caption,
    )


# -- fastfeedparser --------------------------------------------------------------------------

_ffp_lock = threading.Lock()
_ffp_module: Any = None


def _raw_date(value: str) -> str | None:
    """Stand-in for fastfeedparser's date parser: the feed's own text, untouched."""
    return value.strip() or None


def _fastfeedparser() -> Any:
    """Import fastfeedparser once, set up to hand back dates as the feed wrote them.

    fastfeedparser turns every date into a UTC ISO string itself, reading a date without a
    zone as UTC and "04/05/2019" the American way. Our date parser needs the raw text (no zone
    means +07:00, Vietnamese day-first forms), so its module-level date function, which both
    its lxml path and its native extractor call, is replaced by :func:`_raw_date`. This module
    is the only user of fastfeedparser in the process. Should a release rename the function,
    parsing still works and dates come back as UTC ISO strings, which parse_feed_date reads.
    """
    global _ffp_module
    with _ffp_lock:
        if _ffp_module is None:
            import fastfeedparser
            import fastfeedparser.main as ffp_main

            if callable(getattr(ffp_main, "_parse_date", None)):
                ffp_main._parse_date = _raw_date
            _ffp_module = fastfeedparser
    return _ffp_module


def load_parsers() -> None:
    """Import fastfeedparser (and lxml) now rather than on the first feed."""
    _fastfeedparser()


def _from_fastfeedparser(
    doc: Any, feed_url: str, max_items: int
) -> tuple[dict[str, Any], list[_Raw]]:
    feed = doc.get("feed") or {}
    detail = feed.get("title_detail") or {}
    feed_base = _absolute(_str(detail.get("base")), feed_url) or feed_url
    raws: list[_Raw] = []
    for e in (doc.get("entries") or [])[:max_items]:
        description = _str(e.get("description"))
        contents = e.get("content") or []
        content = ""
        content_type = ""
        content_base = ""
        if contents and isinstance(contents[0], dict):
            content = _str(contents[0].get("value"))
            content_type = _str(contents[0].get("type")).lower()
            content_base = _str(contents[0].get("base"))
        if content.strip() == description:
            # Made up from the RSS description: the feed has no separate content.
            content = ""
        guid = _str(e.get("id"))
        published = _str(e.get("published"))
        if published and published.strip() == guid.strip():
            published = ""  # fastfeedparser tries a non-URL guid as a date
        images = _media_images(e.get("media_content"), captions=True)
        for enc in e.get("enclosures") or []:
            if isinstance(enc, dict) and _is_image(None, enc.get("type"), enc.get("url")):
                images.append((_str(enc.get("url")), ""))
        images += _enclosure_images(e.get("links"))
        raws.append(
            _Raw(
                title=_str(e.get("title")),
                link=_entry_link(e),
                guid=guid,
                author=_str(e.get("author")),
                summary=description,
                content=content,
                content_is_text=content_type in ("text", "text/plain"),
                published=published,
                updated=_str(e.get("updated")),
                base=_absolute(content_base, feed_base) or feed_base,
                images=images,
            )
        )
    meta = {
        "title": _str(feed.get("title")),
        "link": _feed_link(feed),
        "base": feed_base,
    }
    return meta, raws


def _entry_link(e: Any) -> str:
    for lnk in e.get("links") or []:
        if isinstance(lnk, dict) and lnk.get("rel") in (None, "alternate") and lnk.get("href"):
            kind = _str(lnk.get("type"))
            if not kind or "html" in kind:
                return _str(lnk.get("href"))
    return _str(e.get("link"))


def _feed_link(feed: Any) -> str:
    for lnk in feed.get("links") or []:
        if isinstance(lnk, dict) and lnk.get("rel") == "alternate" and lnk.get("href"):
            return _str(lnk.get("href"))
    return _str(feed.get("link"))


def _is_image(medium: Any, kind: Any, url: Any) -> bool:
    if medium == "image" or _str(kind).lower().startswith("image/"):
        return True
    return not medium and not kind and bool(_IMAGE_EXT.search(_str(url)))


def _plain_caption(caption: str) -> str:
    return html_to_text(caption).replace("\n", " ") if caption else ""


# -- lxml pass for what fastfeedparser drops: xml:base, xhtml titles, RSS 1.0 content --------


class _XmlParsers(threading.local):
    """A recovering, non-resolving, non-fetching lxml parser per thread."""

    def __init__(self) -> None:
        from lxml import etree

        self.parser = etree.XMLParser(
            recover=True,
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            huge_tree=False,
            remove_comments=True,
            remove_pis=True,
        )


_XML_PARSERS: _XmlParsers | None = None


def _lxml_fixups(
    data: bytes, feed_url: str, raws: list[_Raw], total: int, meta: dict[str, Any]
) -> None:
    """Apply xml:base, read xhtml titles and RSS 1.0 content:encoded, from an lxml tree.

    fastfeedparser ignores xml:base, returns "" for ``type="xhtml"`` titles and leaves out
    content:encoded in RSS 1.0 (RDF) items. This pass runs only when the bytes call for it, and
    only maps its entries onto fastfeedparser's (``total`` of them before the item cap) when
    both found the same number, in document order.
    """
    global _XML_PARSERS
    from lxml import etree

    if _XML_PARSERS is None:
        _XML_PARSERS = _XmlParsers()
    try:
        root = etree.fromstring(data, _XML_PARSERS.parser, base_url=feed_url or None)
    except (etree.XMLSyntaxError, ValueError):
        return
    if root is None:
        return
    feed_base = _str(root.base) or feed_url
    meta["base"] = _absolute(feed_base, feed_url) or meta["base"]
    entries = [
        el for el in root.iter(*(ns + "entry" for ns in _ATOM_NS), "item", _RSS1_NS + "item")
    ]
    if len(entries) != total:
        return
    for el, raw in zip(entries, raws, strict=False):
        base = _absolute(_str(el.base), feed_url)
        content_base = base
        for child in el:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            local = tag.rsplit("}", 1)[-1]
            if local == "content":
                content_base = _absolute(_str(child.base), feed_url) or base
            elif local == "title" and not raw.title and child.get("type") == "xhtml":
                raw.title = " ".join("".join(child.itertext()).split())
            elif tag == _CONTENT_ENCODED and not raw.content and child.text:
                raw.content, raw.content_is_text = child.text, False
        if content_base:
            raw.base = content_base
        if base and raw.link and not raw.link.lower().startswith(("http://", "https://")):
            raw.link = _absolute(raw.link, base)


# -- feedparser (fallback) -------------------------------------------------------------------


def _from_feedparser(
    data: bytes, feed_url: str, content_type: str | None, max_items: int
) -> tuple[dict[str, Any], list[_Raw]] | None:
    """Parse with feedparser; None when it finds no feed either."""
    import feedparser

    result = feedparser.parse(
        io.BytesIO(data),
        # No content-location: feedparser would resolve guids against it as if they were
        # URLs. Links are resolved here, against xml:base or the feed URL.
        response_headers={"content-type": content_type or "application/xml"},
        resolve_relative_uris=False,
        sanitize_html=False,
    )
    entries = result.get("entries") or []
    feed = result.get("feed") or {}
    if not entries and not result.get("version") and not feed.get("title"):
        return None
    raws: list[_Raw] = []
    for e in entries[:max_items]:
        contents = e.get("content") or []
        content = ""
        content_type_ = ""
        base = ""
        if contents and isinstance(contents[0], dict):
            content = _str(contents[0].get("value"))
            content_type_ = _str(contents[0].get("type")).lower()
            base = _str(contents[0].get("base"))
        summary = _str(e.get("summary"))
        if summary and summary.strip() == content.strip():
            summary = ""
        detail = e.get("title_detail") or {}
        base = base or _str(detail.get("base")) or feed_url
        media = list(e.get("media_content") or []) + list(e.get("media_thumbnail") or [])
        images = _media_images(media, captions=False) + _enclosure_images(e.get("links"))
        raws.append(
            _Raw(
                title=_str(e.get("title")),
                link=_entry_link(e),
                guid=_str(e.get("id")),
                author=_str(e.get("author")),
                summary=summary,
                content=content,
                content_is_text=content_type_ == "text/plain" and bool(contents),
                published=_str(e.get("published")),
                # dict.get: FeedParserDict maps a missing "updated" to "published".
                updated=_str(dict.get(e, "updated")),
                base=_absolute(base, feed_url) or feed_url,
                images=images,
            )
        )
    meta = {"title": _str(feed.get("title")), "link": _feed_link(feed), "base": feed_url}
    return meta, raws


# -- JSON Feed -------------------------------------------------------------------------------


def _parse_json_feed(body: bytes, url: str, max_items: int) -> ParsedFeed:
    """JSON Feed 1.0/1.1 (https://jsonfeed.org/version/1.1)."""
    if len(body) > JSON_MAX_BYTES:
        raise ParseError(_("JSON feed too large ({size} MB)", size=len(body) // (1024 * 1024)))
    try:
        doc = json.loads(body)
    except (ValueError, RecursionError) as exc:
        raise _not_a_feed(_("invalid JSON ({error})", error=type(exc).__name__)) from None
    if not isinstance(doc, dict):
        raise _not_a_feed(_("JSON that is not a JSON Feed"))
    version = _str(doc.get("version"))
    if "jsonfeed.org/version/" not in version:
        raise _not_a_feed(_("JSON without a JSON Feed version"))
    items = doc.get("items")
    feed_link = _absolute(_str(doc.get("home_page_url")), url)
    parsed = ParsedFeed(title=_clean_title(_str(doc.get("title"))), link=feed_link, parser="json")
    for item in items[:max_items] if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        content_html = _str(item.get("content_html"))
        content_text = _str(item.get("content_text"))
        authors = item.get("authors")
        if not isinstance(authors, list):
            authors = [item.get("author")]
        names = [_str(a.get("name")) for a in authors if isinstance(a, dict)]
        image = _str(item.get("image")) or _str(item.get("banner_image"))
        raw = _Raw(
            title=_str(item.get("title")),
            link=_str(item.get("url")) or _str(item.get("external_url")),
            guid=_str(item.get("id")),
            author=", ".join(n for n in names if n),
            summary=_str(item.get("summary")),
            content=content_html or content_text,
            content_is_text=not content_html and bool(content_text),
            published=_str(item.get("date_published")),
            updated=_str(item.get("date_modified")),
            base=url,
            images=[(image, "")] if image else [],
        )
        entry = _build_entry(raw, url)
        if entry is not None:
            parsed.entries.append(entry)
    return parsed


# -- the entry point -------------------------------------------------------------------------


def _short(exc: BaseException) -> str:
    return clean_line(str(exc), max_len=160) or type(exc).__name__


def parse_feed(
    body: bytes,
    *,
    url: str,
    content_type: str | None = None,
    max_items: int = DEFAULT_MAX_ITEMS,
) -> ParsedFeed:
    """Parse a feed response into cleaned entries.

    Args:
        body: The response body (already decompressed and size-capped by the client).
        url: The feed's address: the base for relative links. Never fetched.
        content_type: The Content-Type header, if any (JSON detection, charset).
        max_items: Entries kept, the first ones in document order.

    Returns:
        The feed's title and link and its entries, each cleaned (see :class:`ParsedEntry`).

    Raises:
        ParseError: The body is empty, an HTML page, or no feed any parser can read; the
            message says which, in a few words.
    """
    if not body or not body.strip():
        raise ParseError(_("empty response: no feed"))
    max_items = max(0, max_items)
    head = body[:64].lstrip(b"\xef\xbb\xbf" + _WS_BYTES)
    kind = (content_type or "").split(";", 1)[0].strip().lower()
    if head.startswith(b"{") or (kind.endswith("json") and not head.startswith(b"<")):
        return _parse_json_feed(body, url, max_items)

    prepared = _prepare_xml(body, content_type)
    if prepared.root == "html" or prepared.doctype_html:
        raise _html_page_error(body, url)
    data = prepared.data

    ffp = _fastfeedparser()
    error: Exception | None = None
    doc: Any = None
    try:
        doc = ffp.parse(data)
    except ValueError as exc:
        if "HTML" in str(exc):
            raise _html_page_error(body, url) from None
        error = exc
    except Exception as exc:  # noqa: BLE001 - any fastfeedparser failure goes to the fallback
        error = exc

    parsed: tuple[dict[str, Any], list[_Raw]] | None = None
    parser_name = "fastfeedparser"
    if doc is not None:
        parsed = _from_fastfeedparser(doc, url, max_items)
        if _NEEDS_LXML.search(data) or (prepared.root == "rdf" and b"encoded" in data):
            _lxml_fixups(data, url, parsed[1], len(doc.get("entries") or []), parsed[0])
    # feedparser is the fallback for rejected feeds, and for malformed ones where
    # fastfeedparser's recovery visibly dropped items (it stops at the first broken one).
    lost_items = parsed is not None and _lost_items(data, len(parsed[1]), max_items)
    if (
        (parsed is None or lost_items)
        and len(data) <= FEEDPARSER_MAX_BYTES
        and (b"<!ENTITY" not in data)
    ):
        try:
            fallback = _from_feedparser(data, url, content_type, max_items)
        except Exception as exc:  # noqa: BLE001 - feedparser's own failures are a parse error
            fallback = None
            error = error or exc
        if fallback is not None and (parsed is None or len(fallback[1]) > len(parsed[1])):
            parsed, parser_name = fallback, "feedparser"
    if parsed is None:
        # A parser's own words (English) when it said why, else ours.
        reason = (
            _short(error) if error else _("unrecognised XML (root <{root}>)", root=prepared.root)
        )
        if len(data) > FEEDPARSER_MAX_BYTES:
            reason = _("{reason}; too large for the fallback parser", reason=reason)
        raise _not_a_feed(reason)

    meta, raws = parsed
    feed = ParsedFeed(
        title=_clean_title(meta["title"]),
        link=_absolute(meta["link"], meta["base"] or url),
        parser=parser_name,
    )
    # The check holds for what fastfeedparser and lxml make of UTF-8, not for feedparser's
    # own guesses at an encoding.
    checked = prepared.clean_text and parser_name == "fastfeedparser"
    for raw in raws:
        entry = _build_entry(raw, url, checked=checked)
        if entry is not None:
            feed.entries.append(entry)
    return feed


def _lost_items(data: bytes, found: int, max_items: int) -> bool:
    """Whether the document has more items than the parser gave (up to ``max_items``)."""
    if found >= max_items:
        return False
    # (The regular expression is faster than bytes.count of "<item" here.)
    return found < min(max_items, sum(1 for _m in _ITEM_TAG.finditer(data)))
