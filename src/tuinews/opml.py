"""Subscriptions in and out: OPML 1.0/2.0 and newsboat's ``urls`` file.

Reading never runs anything and never fetches anything: OPML is parsed with entity
resolution and network access off; newsboat's ``exec:`` and ``filter:`` sources (which run
commands) and ``query:`` feeds are refused with a reason. A bad entry is reported with its
line and the rest still imports.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from xml.sax.saxutils import quoteattr

from tuinews.config import check_url
from tuinews.errors import ConfigError
from tuinews.i18n import _
from tuinews.models import FeedSpec
from tuinews.text.sanitize import clean_line, clean_xml_bytes

_DOCTYPE = re.compile(rb"<!DOCTYPE[^\[>]*(\[.*?\]\s*)?>", re.S | re.I)


@dataclass(slots=True)
class ImportResult:
    """The feeds found in a file and the problems with the rest of it."""

    feeds: list[FeedSpec] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    """One line each: ``file:line: reason``."""


def read_subscriptions(path: Path) -> ImportResult:
    """Read an OPML file or a newsboat ``urls`` file (told apart by content)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(
            _("cannot read: {error}", error=exc.strerror or exc), file=str(path)
        ) from exc
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<"):
        return parse_opml(data, name=str(path))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(_("neither OPML nor a UTF-8 urls file"), file=str(path)) from exc
    return parse_newsboat_urls(text, name=str(path))


def parse_opml(data: bytes, *, name: str = "<opml>") -> ImportResult:
    """Feeds of an OPML document; folders become categories (nested: the innermost)."""
    from lxml import etree

    # The DTD goes before parsing: entity declarations are how XML bombs and external
    # entities get in, and OPML never needs them.
    data = _DOCTYPE.sub(lambda m: b"\n" * m.group(0).count(b"\n"), data, count=1)
    # Escape sequences and the controls XML forbids (``&#27;`` in a title) go before parsing:
    # the recovering parser would drop the whole outline they sit in. Line breaks stay, so
    # line numbers in problems still match the file.
    data = clean_xml_bytes(data)
    result = ImportResult()

    def parser(recover: bool) -> object:
        return etree.XMLParser(
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            huge_tree=False,
            recover=recover,
        )

    try:
        root = etree.fromstring(data, parser(False))
    except etree.XMLSyntaxError as exc:
        where = f"{name}:{exc.lineno}" if exc.lineno else name
        detail = clean_line(exc.msg, max_len=200)  # libxml2's words (English)
        try:
            root = etree.fromstring(data, parser(True))
        except etree.XMLSyntaxError:
            root = None
        if root is None or not len(root):
            raise ConfigError(
                _("not valid OPML: {error}", error=detail),
                file=name,
                line=exc.lineno or None,
            ) from exc
        result.problems.append(f"{where}: " + _("{error} (read what could be read)", error=detail))
    if root is None or not isinstance(root.tag, str) or root.tag.lower() != "opml":
        raise ConfigError(_("not an OPML document (no <opml> root)"), file=name)
    body = next((c for c in root if isinstance(c.tag, str) and c.tag.lower() == "body"), None)
    if body is None:
        raise ConfigError(_("OPML without a <body>"), file=name)
    seen: set[str] = set()

    def walk(node: object, category: str) -> None:
        for child in node:  # type: ignore[attr-defined]
            if not isinstance(child.tag, str) or child.tag.lower() != "outline":
                continue
            attrs = {k.lower(): v for k, v in child.attrib.items()}
            label = clean_line(attrs.get("title") or attrs.get("text") or "", max_len=200)
            url = attrs.get("xmlurl")
            if url is None:
                walk(child, label or category)
                continue
            try:
                url = check_url(url, what="xmlUrl")
            except ValueError as exc:
                result.problems.append(f"{name}:{child.sourceline}: {clean_line(str(exc))}")
                continue
            if url in seen:
                continue
            seen.add(url)
            title = "" if label == url else label
            result.feeds.append(FeedSpec(url=url, title=title, category=category))
            if len(child):
                walk(child, category)

    walk(body, "")
    return result


def parse_newsboat_urls(text: str, *, name: str = "urls") -> ImportResult:
    """Feeds of a newsboat ``urls`` file: the first tag is the category, ``~Name`` the title."""
    result = ImportResult()
    seen: set[str] = set()
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        try:
            parts = shlex.split(line, comments=True)
        except ValueError as exc:
            result.problems.append(
                f"{name}:{lineno}: " + _("cannot read this line ({error})", error=exc)
            )
            continue
        if not parts:
            continue
        url, tags = parts[0], parts[1:]
        scheme = url.split(":", 1)[0].lower()
        if scheme in ("exec", "filter"):
            result.problems.append(
                f"{name}:{lineno}: "
                + _("refused {scheme}: source (it would run a command)", scheme=scheme)
            )
            continue
        if scheme == "query":
            result.problems.append(
                f"{name}:{lineno}: " + _("skipped query: feed (use search instead)")
            )
            continue
        try:
            url = check_url(url)
        except ValueError as exc:
            result.problems.append(f"{name}:{lineno}: {clean_line(str(exc))}")
            continue
        if url in seen:
            continue
        seen.add(url)
        title = ""
        category = ""
        for tag in tags:
            if tag.startswith("~"):
                title = clean_line(tag[1:], max_len=200)
            elif tag.startswith("!"):
                continue
            elif not category:
                category = clean_line(tag, max_len=200)
        result.feeds.append(FeedSpec(url=url, title=title, category=category))
    return result


def write_opml(feeds: list[tuple[str, str, str]], *, title: str = "tuinews subscriptions") -> str:
    """OPML 2.0 text for (category, title, url) triples; categories become folders."""
    now = datetime.now(UTC).strftime("%a, %d %b %Y %H:%M:%S GMT")
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        "  <head>",
        f"    <title>{_text(title)}</title>",
        f"    <dateCreated>{now}</dateCreated>",
        "  </head>",
        "  <body>",
    ]
    by_cat: dict[str, list[tuple[str, str]]] = {}
    for cat, feed_title, url in feeds:
        by_cat.setdefault(cat, []).append((feed_title, url))
    for cat, items in by_cat.items():
        indent = "    "
        if cat:
            out.append(f"    <outline text={quoteattr(cat)} title={quoteattr(cat)}>")
            indent = "      "
        for feed_title, url in items:
            label = feed_title or url
            out.append(
                f'{indent}<outline type="rss" text={quoteattr(label)} '
                f"title={quoteattr(label)} xmlUrl={quoteattr(url)}/>"
            )
        if cat:
            out.append("    </outline>")
    out += ["  </body>", "</opml>", ""]
    return "\n".join(out)


def _text(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
