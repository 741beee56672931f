"""Small feed documents written for the tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from xml.sax.saxutils import escape

BASE = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def rss(
    items: list[dict[str, str]] | int,
    *,
    title: str = "Báo thử nghiệm",
    link: str = "http://example.test/",
    prefix: str = "Bài",
    body: str = "",
) -> str:
    """An RSS 2.0 document; ``items`` is a count or dicts of title/guid/link/description/…"""
    if isinstance(items, int):
        items = [
            {
                "title": f"{prefix} số {i}",
                "guid": f"{prefix}-{i}",
                "link": f"http://example.test/{prefix}/{i}.html",
                "pubDate": (BASE - timedelta(hours=i)).strftime("%a, %d %b %Y %H:%M:%S +0000"),
                "content": body or f"<p>Nội dung đầy đủ của {prefix} {i}. " + "Chữ " * 400 + "</p>",
            }
            for i in range(items)
        ]
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">',
        f"<channel><title>{escape(title)}</title><link>{escape(link)}</link>",
    ]
    for it in items:
        parts.append("<item>")
        for key in ("title", "link", "guid", "pubDate", "description", "author"):
            if key in it:
                parts.append(f"<{key}>{escape(it[key])}</{key}>")
        if "content" in it:
            parts.append(f"<content:encoded><![CDATA[{it['content']}]]></content:encoded>")
        parts.append("</item>")
    parts.append("</channel></rss>")
    return "\n".join(parts)
