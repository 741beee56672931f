"""Hostile feeds, generated on the fly.

Each :class:`Case` is one document with what a sensible outcome is: ``"ok"`` (stored, with
``min_items`` entries at least), ``"error"`` (refused with a reason containing ``reason``) or
``"either"`` (both are defensible, but never a crash or a hang).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from xml.sax.saxutils import escape

# -- payloads ----------------------------------------------------------------------------------

ESCAPES: dict[str, str] = {
    "csi": "\x1b[31mRED\x1b[0m\x1b[2J\x1b[H",
    "osc52": "\x1b]52;c;cm0gLXJmIH4K\x07",
    "osc52-st": "\x1b]52;p;Y3VybCBldmls\x1b\\",
    "osc8": "\x1b]8;;file:///etc/passwd\x1b\\click\x1b]8;;\x1b\\",
    "osc-title": "\x1b]0;pwned\x07",
    "dcs": "\x1bP+q544e\x1b\\",
    "apc": "\x1b_Gf=100,a=T;AAAA\x1b\\",
    "bare-esc": "\x1bc\x1b",
    "c1": "\x9b31m\x9d52;c;QUFBQQ==\x9c\x85\x90q\x9c",
    "nul-bel-del": "\x00\x07\x08\x7f\x0b\x0c",
    "bidi": "\u202egnp.exe\u202c\u202a\u202b\u202d\u2066\u2067\u2068\u2069",
}
"""Escape sequences and control characters, each in every field of a feed."""

MARKUP = (
    "[bold]x[/",
    "[link=file:///etc/passwd]y[/link]",
    "[@click=app.quit]z[/]",
    "[red on white]styled[/red on white]",
)
"""Rich/Textual markup that must be shown literally."""

RTL_TITLE = "\u202eRTL override: txt.exe\u202c and \u2067isolate\u2069"
ALL_ESCAPES = "".join(ESCAPES.values())


def char_refs(text: str) -> str:
    """``text`` with every control character written as an XML character reference."""
    return "".join(
        f"&#{ord(c)};" if ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 or c in "\u202e\u2066" else c
        for c in escape(text)
    )


def raw_xml(text: str) -> str:
    """``text`` escaped for XML but with its control characters left raw (invalid XML)."""
    return escape(text)


# -- feed builders -----------------------------------------------------------------------------


@dataclass
class Item:
    title: str = ""
    link: str = ""
    guid: str | None = None
    author: str = ""
    description: str = ""
    content: str = ""
    date: str = ""


def rss_doc(
    items: list[Item],
    *,
    feed_title: str = "Hostile feed",
    encode: str = "escape",
    declaration: str = '<?xml version="1.0" encoding="UTF-8"?>',
    cdata: bool = True,
) -> str:
    """An RSS 2.0 document; ``encode`` is "escape" (raw controls), "refs" or "cdata"."""
    enc = char_refs if encode == "refs" else raw_xml
    out = [
        declaration,
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">',
        f"<channel><title>{enc(feed_title)}</title><link>http://h.test/</link>",
    ]
    for it in items:
        out.append("<item>")
        if it.title:
            out.append(f"<title>{enc(it.title)}</title>")
        if it.link:
            out.append(f"<link>{enc(it.link)}</link>")
        if it.guid is not None:
            out.append(f'<guid isPermaLink="false">{enc(it.guid)}</guid>')
        if it.author:
            out.append(f"<dc:creator>{enc(it.author)}</dc:creator>")
        if it.description:
            out.append(f"<description>{enc(it.description)}</description>")
        if it.content:
            if cdata and encode != "refs":
                out.append(f"<content:encoded><![CDATA[{it.content}]]></content:encoded>")
            else:
                out.append(f"<content:encoded>{enc(it.content)}</content:encoded>")
        if it.date:
            out.append(f"<pubDate>{enc(it.date)}</pubDate>")
        out.append("</item>")
    out.append("</channel></rss>")
    return "\n".join(out)


def atom_doc(items: list[Item], *, feed_title: str = "Hostile atom") -> str:
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"<title>{char_refs(feed_title)}</title><id>urn:h</id><updated>2026-03-01T00:00:00Z"
        "</updated>",
    ]
    for i, it in enumerate(items):
        out.append(
            f"<entry><title>{char_refs(it.title)}</title>"
            f'<link href="{char_refs(it.link)}"/><id>{char_refs(it.guid or f"urn:e{i}")}</id>'
            f"<author><name>{char_refs(it.author)}</name></author>"
            f"<updated>{it.date or '2026-03-01T00:00:00Z'}</updated>"
            f"<summary>{char_refs(it.description)}</summary>"
            f'<content type="html">{char_refs(it.content)}</content></entry>'
        )
    out.append("</feed>")
    return "\n".join(out)


def json_doc(items: list[Item], *, feed_title: str = "Hostile JSON") -> str:
    return json.dumps(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": feed_title,
            "home_page_url": "http://h.test/\x1b]52;c;AAAA\x07",
            "items": [
                {
                    "id": it.guid or f"j{i}",
                    "url": it.link,
                    "title": it.title,
                    "summary": it.description,
                    "content_html": it.content,
                    "date_published": it.date or "2026-03-01T00:00:00Z",
                    "authors": [{"name": it.author}],
                }
                for i, it in enumerate(items)
            ],
        }
    )


def escape_items(prefix: str) -> list[Item]:
    """One item per escape kind, with the escape in every field, plus markup and RTL titles."""
    items = [
        Item(
            title=f"{prefix} {name} A{seq}B",
            link=f"http://h.test/{prefix}/{name}?q={seq}",
            guid=f"{prefix}-{name}{seq}",
            author=f"Tác giả{seq} {name}",
            description=f"Tóm tắt {seq} {name}\n\tdòng hai",
            content=f"<p>Nội dung {seq} {name}</p><p>{seq}đoạn &amp;#27;[31m hai</p>",
            date=f"Sun, 01 Mar 2026 10:{i:02d}:00 +0700",
        )
        for i, (name, seq) in enumerate(ESCAPES.items())
    ]
    for j, markup in enumerate(MARKUP):
        items.append(
            Item(
                title=markup,
                link=f"http://h.test/{prefix}/markup/{j}",
                guid=f"{prefix}-markup-{j}",
                author=markup,
                description=markup,
                content=f"<p>{escape(markup)}</p>",
                date=f"Sun, 01 Mar 2026 09:{j:02d}:00 +0700",
            )
        )
    items.append(
        Item(
            title=RTL_TITLE,
            link=f"http://h.test/{prefix}/rtl",
            guid=f"{prefix}-rtl",
            description=RTL_TITLE,
            date="Sun, 01 Mar 2026 08:00:00 +0700",
        )
    )
    items.append(
        Item(
            title=f"{prefix} hostile links",
            link="javascript:alert(1)",
            guid=f"{prefix}-links",
            content=(
                '<p><a href="javascript:alert(1)">js</a> <a href="file:///etc/passwd">file</a> '
                '<a href="data:text/html,<script>x</script>">data</a> '
                '<a href="http://h.test/ok">ok</a></p>'
            ),
        )
    )
    return items


# -- entity attacks ----------------------------------------------------------------------------


def billion_laughs() -> bytes:
    ents = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{(f"&lol{i - 1};" if i > 1 else "&lol;") * 10}">' for i in range(1, 10)
    ]
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE rss [\n'
        + "\n".join(ents)
        + '\n]>\n<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title>'
        "<guid>bl</guid><description>&lol9;&lol9;</description></item></channel></rss>"
    ).encode()


def quadratic_blowup() -> bytes:
    big = "A" * 50_000
    items = "".join(
        f"<item><title>t{i}</title><guid>q{i}</guid><description>{'&a;' * 50}</description></item>"
        for i in range(40)
    )
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY a "{big}">]>\n'
        f'<rss version="2.0"><channel><title>q</title>{items}</channel></rss>'
    ).encode()


def external_entities(http_url: str) -> bytes:
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE rss [\n'
        '<!ENTITY passwd SYSTEM "file:///etc/passwd">\n'
        f'<!ENTITY remote SYSTEM "{http_url}">\n'
        f'<!ENTITY % param SYSTEM "{http_url}?param"> %param;\n'
        "]>\n"
        '<rss version="2.0"><channel><title>&remote;</title><item><title>x&passwd;y</title>'
        "<guid>xxe</guid><description>&remote;</description></item></channel></rss>"
    ).encode()


def external_dtd(http_url: str) -> bytes:
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE rss SYSTEM "{http_url}?dtd">\n'
        '<rss version="2.0"><channel><title>t</title><item><title>dtd</title><guid>d</guid>'
        "</item></channel></rss>"
    ).encode()


def xinclude(http_url: str) -> bytes:
    return (
        '<?xml version="1.0"?>\n<rss version="2.0" xmlns:xi="http://www.w3.org/2001/XInclude">'
        f'<channel><title>t</title><item><title>xi<xi:include href="{http_url}?xi" '
        'parse="text"/></title><guid>xi</guid></item>'
        '<item><title>xi2<xi:include href="file:///etc/passwd" parse="text"/></title>'
        "<guid>xi2</guid></item></channel></rss>"
    ).encode()


# -- sizes and counts --------------------------------------------------------------------------


def many_items(n: int) -> bytes:
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>many</title>'
    ]
    parts.extend(
        f"<item><title>i{i}</title><link>http://h.test/m/{i}</link><guid>m{i}</guid>"
        f"<pubDate>Sun, 01 Mar 2026 10:00:{i % 60:02d} +0700</pubDate></item>"
        for i in range(n)
    )
    parts.append("</channel></rss>")
    return "".join(parts).encode()


def enormous_title(size: int = 1_000_000) -> bytes:
    """A 1 MB title (with spaces: the worst case for text cleaning), big feed title and author."""
    words = ("Tiêu đề " * (size // 10))[:size]
    return rss_doc(
        [
            Item(
                title=words,
                link="http://h.test/big",
                guid="big",
                author="A" * (size // 10),
                description="D " * (size // 10),
            )
        ],
        feed_title="F" * (size // 4),
    ).encode()


# -- the corpus ----------------------------------------------------------------------------------


@dataclass
class Case:
    name: str
    body: bytes
    content_type: str = "application/rss+xml"
    expect: str = "ok"
    """"ok", "error" or "either"."""
    min_items: int = 1
    reason: str = ""


def corpus(http_url: str = "http://127.0.0.1:9/x") -> list[Case]:
    """Every hostile document; ``http_url`` is where external entities point (must stay unasked)."""
    good = [Item(title=f"ok {i}", link=f"http://h.test/ok/{i}", guid=f"ok{i}") for i in range(3)]
    utf8 = rss_doc(good + [Item(title="Tiếng Việt đầy đủ", guid="vi")]).encode()
    cases = [
        Case("escapes-raw", rss_doc(escape_items("raw"), feed_title=ALL_ESCAPES).encode()),
        Case(
            "escapes-refs",
            rss_doc(escape_items("ref"), feed_title=ALL_ESCAPES + "Feed", encode="refs").encode(),
        ),
        Case(
            "escapes-cdata",
            rss_doc(
                [
                    Item(
                        title="cdata",
                        guid="cd",
                        content=f"<p>{ALL_ESCAPES}x&#27;[31m&#x9b;&#155;&#0;</p>",
                        description="",
                    )
                ]
            ).encode(),
        ),
        Case("escapes-atom", atom_doc(escape_items("atom"), feed_title=ALL_ESCAPES).encode()),
        Case(
            "escapes-json",
            json_doc(escape_items("json"), feed_title=ALL_ESCAPES).encode(),
            content_type="application/feed+json",
        ),
        Case(
            "escapes-8bit-c1-latin1",
            rss_doc(
                [Item(title="A\x9b2JB\x9d52;c;AAAA\x07C", guid="l1")],
                declaration='<?xml version="1.0" encoding="ISO-8859-1"?>',
            ).encode("latin-1", "replace"),
        ),
        Case("malformed-unclosed", utf8[: len(utf8) // 2 + 7], expect="either", min_items=0),
        Case(
            "malformed-garbage-tags",
            b"<rss><channel><title>x</title><item><title>a</titl><guid>g</guid></item>"
            b"<item><<<>>><title>b</title></item></channel>",
            expect="either",
            min_items=0,
        ),
        Case(
            "malformed-mismatched-nesting",
            b'<?xml version="1.0"?><rss version="2.0"><channel><title>n</title>'
            + b"<item><title><b>bold</title></b><guid>n1</guid></item>" * 3
            + b"</channel></rss>",
            expect="either",
            min_items=0,
        ),
        Case("not-xml-binary", bytes(range(256)) * 40, expect="error"),
        Case("empty", b"", expect="error", reason="empty"),
        Case("whitespace", b" \r\n\t " * 1000, expect="error", reason="empty"),
        Case(
            "html-page",
            b"<!DOCTYPE html><html><head><title>Home</title></head><body><p>hi</p></body></html>",
            content_type="text/html",
            expect="error",
            reason="HTML",
        ),
        Case("bom-utf8", b"\xef\xbb\xbf" + utf8),
        Case("bom-utf8-twice", b"\xef\xbb\xbf\xef\xbb\xbf" + utf8, expect="either", min_items=0),
        Case(
            "bom-utf16le",
            b"\xff\xfe" + utf8.decode().replace('"UTF-8"', '"UTF-16"').encode("utf-16-le"),
        ),
        Case(
            "bom-utf8-declares-utf16",
            b"\xef\xbb\xbf" + utf8.replace(b'"UTF-8"', b'"UTF-16"'),
            expect="either",
            min_items=0,
        ),
        Case(
            "charset-missing-latin1",
            rss_doc(
                good + [Item(title="Café", guid="cafe")], declaration="<?xml version='1.0'?>"
            ).encode("latin-1"),
            content_type="application/rss+xml",
        ),
        Case(
            "charset-wrong-header",
            utf8.replace(b' encoding="UTF-8"', b""),
            content_type="application/rss+xml; charset=windows-1258",
        ),
        Case(
            "charset-bogus-name",
            utf8.replace(b'"UTF-8"', b'"x-no-such-charset"'),
            content_type="text/xml; charset=x-bogus\x1b[31m",
            expect="either",
            min_items=0,
        ),
        Case(
            "charset-declared-utf8-is-cp1252",
            rss_doc(good + [Item(title="“quoted” – dash", guid="q")]).encode("cp1252"),
        ),
        Case(
            "invalid-utf8",
            utf8.replace(b"Ti\xe1\xba\xbfng", b"Ti\xff\xfe\xc3(\xed\xa0\x80ng"),
        ),
        Case(
            "utf8-overlong-nul",
            utf8.replace(b"ok 1", b"ok\xc0\x80 1"),
            expect="either",
            min_items=0,
        ),
        Case("billion-laughs", billion_laughs(), expect="either", min_items=0),
        Case("quadratic-blowup", quadratic_blowup(), expect="either", min_items=0),
        Case("external-entities", external_entities(http_url), expect="either", min_items=0),
        Case("external-dtd", external_dtd(http_url), expect="either", min_items=0),
        Case("xinclude", xinclude(http_url), expect="either", min_items=0),
        Case("enormous-title", enormous_title()),
        Case(
            "guids-missing-and-duplicate",
            rss_doc(
                [
                    Item(title="no guid a", link="http://h.test/a"),
                    Item(title="no guid a again", link="http://h.test/a"),
                    Item(title="dup 1", guid="dup"),
                    Item(title="dup 2", guid="dup"),
                    Item(title="only a title"),
                    Item(title="only a title"),
                    Item(description="neither title nor link nor guid"),
                    Item(title="", guid=""),
                ]
            ).encode(),
        ),
        Case(
            "dates-extreme",
            rss_doc(
                [
                    Item(title="future 9999", guid="d9999", date="Fri, 31 Dec 9999 23:59:59 +0000"),
                    Item(title="future iso", guid="diso", date="9999-12-31T23:59:59-12:00"),
                    Item(title="next year", guid="dnext", date="Mon, 01 Mar 2100 10:00:00 +0700"),
                    Item(title="before 1970", guid="d1969", date="Wed, 31 Dec 1969 23:59:59 GMT"),
                    Item(title="year 1", guid="d0001", date="0001-01-01T00:00:00Z"),
                    Item(title="year 1900", guid="d1900", date="Mon, 01 Jan 1900 00:00:00 GMT"),
                    Item(title="bad date", guid="dbad", date="not a date \x1b[31m"),
                    Item(title="huge year", guid="dhuge", date="99999999-01-01T00:00:00Z"),
                    Item(title="normal", guid="dnorm", date="Sun, 01 Mar 2026 10:00:00 +0700"),
                ]
            ).encode(),
        ),
    ]
    return cases


def expected_markup_titles() -> tuple[str, ...]:
    return MARKUP


def compact_many_items(n: int) -> bytes:
    """``n`` items in as few bytes as a feed allows (100,000 items: about 3.3 MB)."""
    parts = [b'<?xml version="1.0"?><rss version="2.0"><channel><title>many</title>']
    parts.extend(b"<item><title>%d</title></item>" % i for i in range(n))
    parts.append(b"</channel></rss>")
    return b"".join(parts)


# -- HTML pages (full text, extract, scrape) ------------------------------------------------------


def hostile_page(title: str = "Bài viết") -> bytes:
    """An article page with escapes and markup in its title, metadata, text and links."""
    esc = ALL_ESCAPES
    paragraphs = "".join(
        f"<p>Đoạn {i}: {escape(seq)} văn bản đủ dài để được giữ lại, "
        f"với [bold]markup[/ và [@click=app.quit]z[/] "
        + "chữ " * 40
        + "&#27;[2J &#x9b;31m &#155; &#0; &#8238;</p>"
        for i, seq in enumerate(ESCAPES.values())
    )
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{escape(title + esc)}</title>"
        f"<meta name='author' content='{escape(esc)}Tác giả'>"
        f"<meta property='og:title' content='{escape(title + esc)}'>"
        "<meta property='article:published_time' content='9999-12-31T00:00:00Z'>"
        f"</head><body><article><h1>{escape(title + esc)}</h1>{paragraphs}"
        "<p><a href='javascript:alert(1)'>js link</a> <a href='file:///etc/passwd'>file</a> "
        "<a href='data:text/html,x'>data</a> <a href='http://127.0.0.1:9/ok'>ok</a></p>"
        f"<figure><img src='http://127.0.0.1:9/a.jpg' alt='{escape(esc)}'>"
        f"<figcaption>{escape(esc)} chú thích</figcaption></figure>"
        "</article></body></html>"
    ).encode()


def hostile_listing(base: str) -> bytes:
    """A listing page for a scrape rule (``li.item a``) with hostile titles and links."""
    rows = [
        f"<li class='item'><a href='{base}/a/{name}'>{escape(name + seq)} tin</a>"
        f"<span class='d'>01/03/2026 10:00</span></li>"
        for name, seq in ESCAPES.items()
    ]
    rows += [
        f"<li class='item'><a href='{base}/a/m{i}'>{escape(m)}</a></li>"
        for i, m in enumerate(MARKUP)
    ]
    rows.append("<li class='item'><a href='javascript:alert(1)'>js</a></li>")
    rows.append(f"<li class='item'><a href='{base}/a/rtl'>{escape(RTL_TITLE)}</a></li>")
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>Danh sách</title></head><body>"
        f"<ul>{''.join(rows)}</ul></body></html>"
    ).encode()
