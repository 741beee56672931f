"""Feed documents of the demo: RSS 2.0, Atom 1.0, RSS 1.0 (RDF) and JSON Feed 1.1.

Text goes into XML escaped (``&amp;``, ``&lt;``) or inside CDATA sections, never raw, so a
title such as ``Hỏi & đáp: <Nghị quyết>`` arrives at a parser exactly as written.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Final
from xml.sax.saxutils import escape, quoteattr

from tuinews.demo.content import VN_TZ, Article
from tuinews.demo.pages import body_html, e

NS_ATOM: Final = "http://www.w3.org/2005/Atom"
NS_CONTENT: Final = "http://purl.org/rss/1.0/modules/content/"
NS_DC: Final = "http://purl.org/dc/elements/1.1/"
NS_RDF: Final = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
NS_RSS1: Final = "http://purl.org/rss/1.0/"
NS_MEDIA: Final = "http://search.yahoo.com/mrss/"
JSON_FEED_VERSION: Final = "https://jsonfeed.org/version/1.1"


@dataclass(frozen=True, slots=True)
class FeedInfo:
    """Channel-level data of one feed.

    Attributes:
        key: Short identifier, used in tag URIs.
        title: Feed title.
        description: One-line description.
        home: Absolute URL of the feed's web page.
        self_url: Absolute URL of the feed itself.
        lang: Language tag (``vi``, ``en``).
        publisher: Site name, used as the feed author.
        logo: Absolute URL of the site logo.
    """

    key: str
    title: str
    description: str
    home: str
    self_url: str
    lang: str
    publisher: str
    logo: str


def rfc822(dt: datetime, *, gmt: bool) -> str:
    """RFC 822 date: ``Sun, 19 Oct 2025 04:06:00 GMT`` or ``… 11:06:00 +0700``."""
    if gmt:
        return format_datetime(dt.astimezone(UTC), usegmt=True)
    return format_datetime(dt.astimezone(VN_TZ))


def rfc3339(dt: datetime, *, zulu: bool) -> str:
    """RFC 3339 date: ``2025-10-19T04:06:00Z`` or ``2025-10-19T11:06:00+07:00``."""
    if zulu:
        return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return dt.astimezone(VN_TZ).isoformat(timespec="seconds")


def cdata(text: str) -> str:
    """Wrap text in a CDATA section (splitting any ``]]>`` it contains)."""
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _tag_uri(info: FeedInfo, art: Article) -> str:
    return f"tag:tuinews.demo,2019:{info.key}:{art.id}"


def _newest(arts: Sequence[Article]) -> datetime:
    return max(a.updated for a in arts)


def rss2(
    info: FeedInfo,
    arts: Sequence[Article],
    *,
    base: str,
    full: bool,
    gmt: bool,
    cdata_text: bool = False,
) -> str:
    """An RSS 2.0 document.

    Args:
        info: Channel data.
        arts: Items, newest first.
        base: Base URL for links and images.
        full: Add ``content:encoded`` with the whole article; otherwise the description is
            the only text (a summary), and readers must fetch the page.
        gmt: Dates in ``GMT`` instead of ``+0700``.
        cdata_text: Put titles and descriptions in CDATA (descriptions then carry a
            thumbnail link, as many Vietnamese sites do).

    Returns:
        The XML text.
    """
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<rss version="2.0" xmlns:content="{NS_CONTENT}" xmlns:dc="{NS_DC}"'
        f' xmlns:atom="{NS_ATOM}" xmlns:media="{NS_MEDIA}">',
        "<channel>",
        f"<title>{escape(info.title)}</title>",
        f"<link>{escape(info.home)}</link>",
        f"<description>{escape(info.description)}</description>",
        f"<language>{'vi-VN' if info.lang == 'vi' else 'en-US'}</language>",
        f"<lastBuildDate>{rfc822(_newest(arts), gmt=gmt)}</lastBuildDate>",
        "<generator>tuinews demo</generator>",
        "<ttl>30</ttl>",
        f'<atom:link href={quoteattr(info.self_url)} rel="self" type="application/rss+xml"/>',
        f"<image><url>{escape(info.logo)}</url><title>{escape(info.title)}</title>"
        f"<link>{escape(info.home)}</link></image>",
    ]
    for art in arts:
        link = base + art.path
        if cdata_text:
            title = cdata(art.title)
            thumb = (
                f'<a href="{e(link)}"><img src="{e(base + art.image)}" width="130" height="73"'
                f' alt="{e(art.title)}"></a>'
            )
            description = cdata(thumb + e(art.lead))
            guid = f'<guid isPermaLink="true">{escape(link)}</guid>'
        else:
            title = escape(art.title)
            description = escape(art.lead)
            guid = f'<guid isPermaLink="false">{escape(_tag_uri(info, art))}</guid>'
        out += [
            "<item>",
            f"<title>{title}</title>",
            f"<link>{escape(link)}</link>",
            guid,
            f"<pubDate>{rfc822(art.published, gmt=gmt)}</pubDate>",
            f"<dc:creator>{escape(art.author)}</dc:creator>",
            f"<category>{escape(art.section)}</category>",
            f"<description>{description}</description>",
        ]
        if full:
            out.append(f"<content:encoded>{cdata(body_html(art, base=base))}</content:encoded>")
        out.append(
            f'<media:content url={quoteattr(base + art.image)} medium="image"'
            ' type="image/svg+xml"/>'
        )
        out.append("</item>")
    out += ["</channel>", "</rss>"]
    return "\n".join(out) + "\n"


def atom(info: FeedInfo, arts: Sequence[Article], *, base: str, full: bool, zulu: bool) -> str:
    """An Atom 1.0 document.

    Args:
        info: Feed data.
        arts: Entries, newest first.
        base: Base URL for links and images.
        full: Add ``<content type="html">`` with the whole article (else summary only).
        zulu: Dates in UTC with ``Z`` instead of ``+07:00``.

    Returns:
        The XML text.
    """
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="{NS_ATOM}" xml:lang="{info.lang}">',
        f'<title type="text">{escape(info.title)}</title>',
        f'<subtitle type="text">{escape(info.description)}</subtitle>',
        f'<link rel="alternate" type="text/html" href={quoteattr(info.home)}/>',
        f'<link rel="self" type="application/atom+xml" href={quoteattr(info.self_url)}/>',
        f"<id>tag:tuinews.demo,2019:{info.key}</id>",
        f"<updated>{rfc3339(_newest(arts), zulu=zulu)}</updated>",
        f"<author><name>{escape(info.publisher)}</name></author>",
        '<generator uri="https://example.invalid/tuinews">tuinews demo</generator>',
        f"<icon>{escape(info.logo)}</icon>",
    ]
    for art in arts:
        link = base + art.path
        out += [
            "<entry>",
            f'<title type="text">{escape(art.title)}</title>',
            f'<link rel="alternate" type="text/html" href={quoteattr(link)}/>',
            f"<id>{escape(_tag_uri(info, art))}</id>",
            f"<published>{rfc3339(art.published, zulu=zulu)}</published>",
            f"<updated>{rfc3339(art.updated, zulu=zulu)}</updated>",
            f"<author><name>{escape(art.author)}</name></author>",
            f"<category term={quoteattr(art.topic)} label={quoteattr(art.section)}/>",
            f'<summary type="text">{escape(art.lead)}</summary>',
        ]
        if full:
            out.append(f'<content type="html">{escape(body_html(art, base=base))}</content>')
        out.append(
            f'<link rel="enclosure" type="image/svg+xml" href={quoteattr(base + art.image)}/>'
        )
        out.append("</entry>")
    out.append("</feed>")
    return "\n".join(out) + "\n"


def rss1(info: FeedInfo, arts: Sequence[Article], *, base: str) -> str:
    """An RSS 1.0 (RDF) document: summaries only, Dublin Core dates in ``+07:00``.

    Args:
        info: Channel data.
        arts: Items, newest first.
        base: Base URL for links.

    Returns:
        The XML text.
    """
    links = [base + a.path for a in arts]
    seq = "\n".join(f"<rdf:li rdf:resource={quoteattr(link)}/>" for link in links)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<rdf:RDF xmlns:rdf="{NS_RDF}" xmlns="{NS_RSS1}" xmlns:dc="{NS_DC}">',
        f"<channel rdf:about={quoteattr(info.self_url)}>",
        f"<title>{escape(info.title)}</title>",
        f"<link>{escape(info.home)}</link>",
        f"<description>{escape(info.description)}</description>",
        f"<dc:language>{info.lang}</dc:language>",
        f"<dc:date>{rfc3339(_newest(arts), zulu=False)}</dc:date>",
        f"<dc:publisher>{escape(info.publisher)}</dc:publisher>",
        f"<items><rdf:Seq>\n{seq}\n</rdf:Seq></items>",
        "</channel>",
    ]
    for art, link in zip(arts, links, strict=True):
        out += [
            f"<item rdf:about={quoteattr(link)}>",
            f"<title>{escape(art.title)}</title>",
            f"<link>{escape(link)}</link>",
            f"<description>{escape(art.lead)}</description>",
            f"<dc:date>{rfc3339(art.published, zulu=False)}</dc:date>",
            f"<dc:creator>{escape(art.author)}</dc:creator>",
            f"<dc:subject>{escape(art.section)}</dc:subject>",
            "</item>",
        ]
    out.append("</rdf:RDF>")
    return "\n".join(out) + "\n"


def json_feed(info: FeedInfo, arts: Sequence[Article], *, base: str) -> str:
    """A JSON Feed 1.1 document with full HTML content and UTC (``Z``) dates.

    Args:
        info: Feed data.
        arts: Items, newest first.
        base: Base URL for links and images.

    Returns:
        The JSON text.
    """
    items = []
    for art in arts:
        items.append(
            {
                "id": _tag_uri(info, art),
                "url": base + art.path,
                "title": art.title,
                "summary": art.lead,
                "content_html": body_html(art, base=base),
                "image": base + art.image,
                "date_published": rfc3339(art.published, zulu=True),
                "date_modified": rfc3339(art.updated, zulu=True),
                "authors": [{"name": art.author}],
                "tags": list(art.tags),
                "language": art.lang,
            }
        )
    doc = {
        "version": JSON_FEED_VERSION,
        "title": info.title,
        "home_page_url": info.home,
        "feed_url": info.self_url,
        "description": info.description,
        "icon": info.logo,
        "language": info.lang,
        "authors": [{"name": info.publisher}],
        "items": items,
    }
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
