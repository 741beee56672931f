"""Feed HTML to terminal Markdown (and to plain text), fast and never raising.

Feed items carry HTML written by strangers: CMS output, Word pastes, lazy-loaded images,
layout tables. :func:`html_to_markdown` turns it into the small Markdown dialect the article
view renders, and :func:`html_to_text` into plain text for summaries and snippets.

What the Markdown holds:

* paragraphs separated by a blank line; ``<br>`` becomes a hard break (two spaces and a
  newline), two ``<br>`` in a row a new paragraph;
* ``##`` headings (h1, h2) and ``###`` (h3-h6);
* ``-`` and ``1.`` lists, nested by indentation; ``>`` quotes; fenced ``<pre>`` blocks;
* ``**bold**``, ``_em_`` and ```code``` (never nested, never inside headings or links);
* ``[text](absolute-url)`` links: relative URLs are resolved against ``base_url``; anything but
  http, https and mailto (``javascript:``, ``data:``, ``file:``, a bare ``#anchor``) stays plain
  text;
* every image on its own line as ``[Ảnh: caption]`` (the figcaption, else the alt text), or
  ``[Ảnh](url)`` when it has neither; tracking pixels are dropped, small icons keep their alt
  text inline;
* tables as text rows ``a | b | c``; a table holding one image and a short text is the
  portal idiom for a captioned photo and becomes an image line.

Scripts, styles, iframes, forms, media players and navigation are dropped. Text taken from the
page is escaped where it would otherwise turn into Markdown structure: a paragraph that starts
with ``#``, ``>``, ``-`` or ``2024.`` stays a paragraph, and ``*``, backticks and tag-like ``<``
are backslash-escaped. Everything leaves through :func:`~tuinews.text.sanitize.clean_block`.

The walk is one :func:`lxml.etree.iterwalk` pass over libxml2's HTML tree, so deep nesting
cannot exhaust Python's stack, and no HTML, however broken, makes these functions raise.
"""

from __future__ import annotations

import html as _html
import re
import threading
from typing import NamedTuple
from urllib.parse import urljoin

from lxml import etree

from tuinews.text.sanitize import clean_block, clean_line

__all__ = [
    "HtmlConversion",
    "convert_html",
    "html_to_markdown",
    "html_to_text",
    "looks_like_html",
]

IMAGE_LABEL = "Ảnh"
"""The word that introduces an image line (Vietnamese for "photo")."""

# A tag, an end tag or a comment: enough to tell markup from prose that merely holds "<".
_HTML_HINT = re.compile(
    r"<(?:[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>|/[A-Za-z][A-Za-z0-9:-]*\s*>|!--)"
)
_TAG_LIKE = re.compile(r"</?[A-Za-z][^<>]*>|<!--.*?-->", re.DOTALL)
_INVISIBLE_ELEMENTS = re.compile(
    r"<(script|style|noscript|iframe|template|svg|head|title)\b.*?</\1\s*>", re.DOTALL | re.I
)
_WS = re.compile(r"\s+")
_SPACES = re.compile(r" {2,}")
_BLANK_LINES = re.compile(r"\n[ \t]*\n")
# Characters that make Markdown of running text: escaped with a backslash.
_INLINE_SPECIAL = re.compile(r"[\\`*]|<(?=[A-Za-z/!?])|&(?=#?[A-Za-z0-9]+;)")
_LINK_TEXT_SPECIAL = re.compile(r"[\[\]]")
# The start of a line that Markdown would read as a block: heading, quote, list item, fence,
# thematic break or setext underline. The marker gets a backslash.
_BLOCK_START = re.compile(
    r"(?:#{1,6}(?=\s|$)|>|[-+*](?=\s|$)|`{3,}|~{3,}|(?:[-_*=]\s*){3,}$|={2,}\s*$)"
)
_ORDERED_START = re.compile(r"(\d{1,9})([.)])(?=\s|$)")
_OUR_LIST_ITEM = re.compile(r"(?:-|\d{1,9}\.) ")
_MD_MARKUP = re.compile(r"\\(?=[^\sA-Za-z0-9])|\*\*|(?<!\w)_|_(?!\w)")
# Zero-width characters that only get in the way in a terminal (ZWJ stays: emoji need it).
_INVISIBLE = re.compile("[\u200b\ufeff\u00ad]")
_URL_NEEDS_CLEANING = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_URL_MD_UNSAFE = str.maketrans({" ": "%20", "(": "%28", ")": "%29", "<": "%3C", ">": "%3E"})
_SAFE_LINK_SCHEMES = ("http://", "https://", "mailto:")

# Element kinds; every tag not listed is transparent (its text flows into the paragraph).
_DROP, _BLOCK, _HEADING, _LIST, _ITEM, _QUOTE, _PRE, _BR, _HR = range(9)
_IMG, _TABLE, _ROW, _CELL, _FIGURE, _CAPTION, _BOLD, _EM, _CODE, _LINK = range(9, 19)
_KINDS: dict[str, int] = {
    **dict.fromkeys(
        "script style noscript iframe frame frameset form input button select option "
        "textarea object embed applet audio video source track canvas svg math template "
        "head title meta link base nav dialog map area param".split(),
        _DROP,
    ),
    **dict.fromkeys(
        "p div section article header footer main aside address center dl dt dd details "
        "summary hgroup body html fieldset legend caption".split(),
        _BLOCK,
    ),
    **dict.fromkeys("h1 h2 h3 h4 h5 h6".split(), _HEADING),
    **dict.fromkeys("ul ol menu dir".split(), _LIST),
    "li": _ITEM,
    "blockquote": _QUOTE,
    **dict.fromkeys("pre listing xmp plaintext".split(), _PRE),
    "br": _BR,
    "hr": _HR,
    "img": _IMG,
    "table": _TABLE,
    "tr": _ROW,
    **dict.fromkeys(("td", "th"), _CELL),
    "figure": _FIGURE,
    "figcaption": _CAPTION,
    **dict.fromkeys(("b", "strong"), _BOLD),
    **dict.fromkeys(("i", "em"), _EM),
    **dict.fromkeys(("code", "kbd", "samp", "tt"), _CODE),
    "a": _LINK,
}
# Frames are pushed for these: each collects its own blocks, finished at the end tag.
_FRAME_KINDS = frozenset({_LIST, _ITEM, _QUOTE, _TABLE, _ROW, _CELL, _FIGURE})
_SPAN_KINDS = frozenset({_BOLD, _EM, _CODE, _LINK})
_WHOLE = frozenset({_DROP, _PRE, _CAPTION})
# A table with one image and at most this much text is a captioned photo.
_PHOTO_TABLE_MAX_TEXT = 400
# Images whose declared width and height are both at most these are pixels or icons.
_PIXEL_MAX = 2
_ICON_MAX = 40


class HtmlConversion(NamedTuple):
    """The result of :func:`convert_html`."""

    markdown: str
    """The converted, cleaned Markdown ("" for empty input)."""
    image_url: str
    """The first image's absolute http(s) URL, or ""."""
    image_caption: str
    """Its figcaption or alt text, or ""."""


class _Span:
    """An open inline element: where its text starts in the paragraph, and how to wrap it."""

    __slots__ = ("kind", "start", "href")

    def __init__(self, kind: int, start: int, href: str) -> None:
        self.kind = kind
        self.start = start
        self.href = href


class _Frame:
    """A container being rendered: its finished blocks and its paragraph in progress."""

    __slots__ = (
        "kind",
        "blocks",
        "pieces",
        "spans",
        "heading",
        "ordered",
        "counter",
        "cells",
        "lines",
        "images",
        "caption",
    )

    def __init__(self, kind: int) -> None:
        self.kind = kind
        self.blocks: list[str] = []
        self.pieces: list[str] = []
        self.spans: list[_Span] = []
        self.heading = 0
        self.ordered = False
        self.counter = 1
        self.cells: list[list[str]] = []
        self.lines: list[str] = []
        self.images: list[tuple[str, str]] = []
        self.caption = ""


class _Renderer:
    """One conversion: a stack of frames fed by the start/end events of the tree walk."""

    def __init__(self, base_url: str, markdown: bool, images: bool) -> None:
        self.base_url = base_url
        self.md = markdown
        self.images = images
        self.stack = [_Frame(_BLOCK)]
        self.first_image: tuple[str, str] | None = None

    # -- text and paragraphs ------------------------------------------------------------

    def text(self, s: str | None) -> None:
        if not s:
            return
        # str.split() is several times faster than a regex on the many short text nodes.
        core = " ".join(s.split())
        if not core:
            self.stack[-1].pieces.append(" ")
            return
        if self.md and ("*" in core or "`" in core or "\\" in core or "<" in core or "&" in core):
            core = _INLINE_SPECIAL.sub(r"\\\g<0>", core)
        if s[0].isspace():
            core = " " + core
        if s[-1].isspace():
            core += " "
        self.stack[-1].pieces.append(core)

    def _wrap(self, frame: _Frame, span: _Span, outer: list[_Span]) -> None:
        """Replace the pieces the span covers by their Markdown (or leave them plain).

        ``outer`` are the spans still open around this one: emphasis is never nested and never
        put inside a heading or a link text, where it is only noise.
        """
        pieces = frame.pieces
        kind = span.kind
        if kind == _DROP or span.start >= len(pieces) or not self.md:
            return
        content = "".join(pieces[span.start :])
        del pieces[span.start :]
        core = content.strip()
        if not core:
            pieces.append(content)
            return
        lead = " " if content[0].isspace() else ""
        trail = " " if content[-1].isspace() else ""
        inside = {s.kind for s in outer}
        if kind == _LINK and _LINK not in inside:
            core = _LINK_TEXT_SPECIAL.sub(r"\\\g<0>", core.replace("\n", " "))
            out = f"[{core}]({span.href})"
        elif kind == _CODE and _CODE not in inside:
            out = f"`{core}`"
        elif frame.heading or kind in inside or _LINK in inside or kind == _LINK:
            out = core
        elif kind == _BOLD:
            out = f"**{core}**"
        elif not lead and span.start and pieces[span.start - 1][-1:].isalnum():
            # "_" does not work inside a word ("Việt_Nam_"); "*" does.
            out = f"*{core}*"
        else:
            out = f"_{core}_"
        pieces.append(lead + out + trail)

    def flush(self, frame: _Frame | None = None) -> None:
        """End the paragraph in progress: close (and keep open) its spans, emit its block."""
        frame = frame or self.stack[-1]
        spans = frame.spans
        if frame.pieces:
            for i in range(len(spans) - 1, -1, -1):
                self._wrap(frame, spans[i], spans[:i])
        for span in spans:
            span.start = 0
        if not frame.pieces:
            return
        text = "".join(frame.pieces)
        frame.pieces.clear()
        if "  " in text:
            text = _SPACES.sub(" ", text)
        lines = [line.strip() for line in text.split("\n")] if "\n" in text else [text.strip()]
        lines = [line for line in lines if line]
        if not lines:
            return
        if self.md:
            lines = [_escape_block_start(line) for line in lines]
            if frame.heading:
                block = "#" * frame.heading + " " + " ".join(lines)
            else:
                block = "  \n".join(lines)
        else:
            block = "\n".join(lines)
        frame.blocks.append(block)

    def add_block(self, block: str) -> None:
        frame = self.stack[-1]
        self.flush(frame)
        if block:
            frame.blocks.append(block)

    # -- element events -----------------------------------------------------------------

    def start(self, kind: int, el: etree._Element) -> None:
        frame = self.stack[-1]
        if kind == _BLOCK:
            self.flush(frame)
        elif kind in _SPAN_KINDS:
            href = self._link_href(el) if kind == _LINK else ""
            if kind == _LINK and not href:
                kind = _DROP  # an inert span: pushed so that its end event pops it
            frame.spans.append(_Span(kind, len(frame.pieces), href))
        elif kind == _BR:
            if frame.pieces and frame.pieces[-1] == "\n":
                frame.pieces.pop()
                self.flush(frame)  # <br><br>: a paragraph break
            else:
                frame.pieces.append("\n")
        elif kind == _HEADING:
            self.flush(frame)
            frame.heading = 2 if el.tag in ("h1", "h2") else 3
        elif kind in _FRAME_KINDS:
            self.flush(frame)
            new = _Frame(kind)
            if kind == _LIST:
                new.ordered = el.tag == "ol"
                start = el.get("start")
                if start and start.isdigit() and len(start) < 9:
                    new.counter = int(start)
            self.stack.append(new)
        elif kind == _IMG:
            self.image(el)
        elif kind == _HR:
            self.add_block("---" if self.md else "")
        elif kind == _PRE:
            self.pre(el)

    def end(self, kind: int, el: etree._Element) -> None:
        frame = self.stack[-1]
        if kind == _BLOCK:
            self.flush(frame)
        elif kind in _SPAN_KINDS:
            if frame.spans:
                span = frame.spans.pop()
                self._wrap(frame, span, frame.spans)
        elif kind == _HEADING:
            self.flush(frame)
            frame.heading = 0
        elif kind in _FRAME_KINDS and len(self.stack) > 1 and frame.kind == kind:
            self.flush(frame)
            self.stack.pop()
            self._finish(frame, self.stack[-1])

    def _finish(self, frame: _Frame, parent: _Frame) -> None:
        """Fold a finished container into its parent."""
        kind = frame.kind
        blocks = frame.blocks
        if kind == _ITEM:
            if parent.kind == _LIST:
                marker = f"{parent.counter}." if parent.ordered else "-"
            else:
                marker = "-"
            if not blocks:
                return
            if parent.kind == _LIST:
                parent.counter += 1
            if not self.md:
                parent.blocks.append("\n".join(blocks))
                return
            body = blocks[0]
            for block in blocks[1:]:
                body += ("\n" if _OUR_LIST_ITEM.match(block) else "\n\n") + block
            pad = " " * (len(marker) + 1)
            lines = body.split("\n")
            item = (
                marker
                + " "
                + lines[0]
                + "".join("\n" + (pad + line if line else "") for line in lines[1:])
            )
            parent.blocks.append(item)
        elif kind == _LIST:
            if blocks:
                parent.blocks.append("\n".join(blocks))
        elif kind == _QUOTE:
            if not self.md:
                parent.blocks.extend(blocks)
            elif blocks:
                text = "\n\n".join(blocks)
                parent.blocks.append(
                    "\n".join("> " + line if line else ">" for line in text.split("\n"))
                )
        elif kind == _CELL:
            if parent.kind == _ROW:
                parent.cells.append(blocks)
            else:
                parent.blocks.extend(blocks)
        elif kind == _ROW:
            cells = [c for c in frame.cells if c]
            if blocks:
                cells.append(blocks)
            target = parent if parent.kind == _TABLE else None
            if len(cells) == 1:
                # A one-cell row is layout: its paragraphs stay paragraphs.
                if target is not None:
                    self._table_lines(target)
                    target.blocks.extend(cells[0])
                else:
                    parent.blocks.extend(cells[0])
            elif cells:
                row = " | ".join(" ".join(b.replace("  \n", " ") for b in c) for c in cells)
                if target is not None:
                    target.lines.append(row)
                else:
                    parent.blocks.append(row)
        elif kind == _TABLE:
            self._table_lines(frame)
            text = " ".join(frame.blocks)
            if len(frame.images) == 1 and len(text) <= _PHOTO_TABLE_MAX_TEXT:
                url, alt = frame.images[0]
                caption = _plain(text) or alt
                self._emit_image(parent, url, caption)
            else:
                parent.blocks.extend(frame.blocks)
                for url, alt in frame.images:
                    self._emit_image(parent, url, alt)
        elif kind == _FIGURE:
            caption = frame.caption
            if frame.images:
                if caption:
                    self._emit_image(parent, frame.images[0][0], caption)
                else:
                    for url, alt in frame.images:
                        self._emit_image(parent, url, alt)
            elif caption and self.md and self.images:
                # A figure whose image was unusable (or a video): its caption still reads.
                parent.blocks.append(self._escape_text(caption))
            parent.blocks.extend(frame.blocks)

    def _table_lines(self, table: _Frame) -> None:
        if table.lines:
            table.blocks.append(("  \n" if self.md else "\n").join(table.lines))
            table.lines = []

    # -- images, links, preformatted text -------------------------------------------------

    def image(self, el: etree._Element) -> None:
        width, height = _dimension(el.get("width")), _dimension(el.get("height"))
        alt = _squash(el.get("alt") or el.get("title") or "")
        if width is not None and height is not None:
            if width <= _PIXEL_MAX and height <= _PIXEL_MAX:
                return
            if width <= _ICON_MAX and height <= _ICON_MAX:
                if alt:
                    self.text(alt)
                return
        url = self._image_src(el)
        if not url and not alt:
            return
        for frame in reversed(self.stack):
            if frame.kind in (_FIGURE, _TABLE):
                frame.images.append((url, alt))
                return
        frame = self.stack[-1]
        self.flush(frame)
        self._emit_image(frame, url, alt)

    def _emit_image(self, frame: _Frame, url: str, caption: str) -> None:
        """Add an image line to ``frame`` (``caption`` is plain text) and note the first image."""
        caption = clean_line(caption, max_len=500)
        if self.first_image is None and url:
            self.first_image = (url, caption)
        if not (self.md and self.images):
            return
        if caption:
            escaped = _LINK_TEXT_SPECIAL.sub(r"\\\g<0>", _INLINE_SPECIAL.sub(r"\\\g<0>", caption))
            line = f"[{IMAGE_LABEL}: {escaped}]"
        elif url:
            line = f"[{IMAGE_LABEL}]({url.translate(_URL_MD_UNSAFE)})"
        else:
            return
        frame.blocks.append(line)

    def _image_src(self, el: etree._Element) -> str:
        src = (el.get("src") or "").strip()
        if not src or src.startswith("data:") or "placeholder" in src or "blank." in src:
            # Lazy-loading pages keep the real address in a data attribute.
            for attr in ("data-src", "data-original", "data-lazy-src", "data-srcset"):
                value = (el.get(attr) or "").strip()
                if value:
                    src = value.split()[0] if attr == "data-srcset" else value
                    break
        return self._absolute(src, ("http://", "https://"))

    def _link_href(self, el: etree._Element) -> str:
        href = (el.get("href") or "").strip()
        if not href or href.startswith("#"):
            return ""
        url = self._absolute(href, _SAFE_LINK_SCHEMES)
        return url.translate(_URL_MD_UNSAFE)

    def _absolute(self, ref: str, schemes: tuple[str, ...]) -> str:
        ref = ref.strip()
        if _URL_NEEDS_CLEANING.search(ref):
            # Rare; the whole output goes through clean_block anyway, this keeps URLs whole.
            ref = clean_line(ref, max_len=4000)
        if not ref or ref.lower().startswith(("javascript:", "data:", "vbscript:")):
            return ""
        if ref.startswith("//") and not self.base_url:
            ref = "https:" + ref
        if self.base_url and not ref.startswith(("http://", "https://")):
            # urljoin is slow; most feed links are absolute already.
            try:
                ref = urljoin(self.base_url, ref)
            except ValueError:
                return ""
        url = ref
        return url if url.lower().startswith(schemes) else ""

    def caption(self, el: etree._Element) -> None:
        """A figcaption: plain text for the enclosing figure's image line."""
        text = _squash(etree.tostring(el, method="text", encoding="unicode", with_tail=False))
        if not text:
            return
        frame = self.stack[-1]
        if frame.kind == _FIGURE:
            frame.caption = (frame.caption + " " + text).strip()
        else:
            self.add_block(self._escape_text(text))

    def _escape_text(self, text: str) -> str:
        if not self.md:
            return text
        return _escape_block_start(_INLINE_SPECIAL.sub(r"\\\g<0>", text))

    def pre(self, el: etree._Element) -> None:
        for br in el.iter("br"):
            br.tail = "\n" + (br.tail or "")
        text = etree.tostring(el, method="text", encoding="unicode", with_tail=False)
        text = text.replace("\r\n", "\n").strip("\n")
        if not text.strip():
            return
        if not self.md:
            self.add_block(text)
            return
        longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
        fence = "`" * max(3, longest + 1)
        self.add_block(f"{fence}\n{text}\n{fence}")

    def result(self) -> str:
        root = self.stack[0]
        # Unclosed frames (impossible with libxml2's tree, cheap to handle) fold in order.
        while len(self.stack) > 1:
            frame = self.stack.pop()
            self.flush(frame)
            self._finish(frame, self.stack[-1])
        self.flush(root)
        return ("\n\n" if self.md else "\n").join(root.blocks)


def _escape_block_start(line: str) -> str:
    """Backslash-escape a line start that Markdown would read as structure."""
    first = line[0]
    if first in "#>-+*`~_=" and _BLOCK_START.match(line):
        return "\\" + line
    if first.isdigit():
        m = _ORDERED_START.match(line)
        if m:
            return m.group(1) + "\\" + line[m.end(1) :]
    return line


def _dimension(value: str | None) -> int | None:
    if not value:
        return None
    value = value.strip().removesuffix("px")
    return int(value) if value.isdigit() and len(value) < 7 else None


def _squash(text: str) -> str:
    return _WS.sub(" ", text).strip()


def _plain(markdown: str) -> str:
    """Paragraph Markdown of ours back to plain words (for a photo table's caption)."""
    text = _MD_MARKUP.sub("", markdown.replace("  \n", " "))
    return _squash(text)


class _Parsers(threading.local):
    """libxml2 parsers are not thread-safe: one per thread."""

    def __init__(self) -> None:
        self.html = etree.HTMLParser(
            encoding="utf-8",
            remove_comments=True,
            remove_pis=True,
            no_network=True,
            collect_ids=False,
            compact=True,
            default_doctype=False,
            # Without it libxml2 gives up below 256 levels of nesting and keeps nothing of
            # what follows; the walk itself is iterative, so depth costs nothing here.
            huge_tree=True,
        )


_PARSERS = _Parsers()


def looks_like_html(s: str) -> bool:
    """True when ``s`` holds something like an HTML tag or comment (not just a stray "<").

    Args:
        s: Any text.

    Returns:
        Whether it should go through the HTML converter rather than be treated as prose.
    """
    return bool(s) and "<" in s and _HTML_HINT.search(s) is not None


def _convert(html: str, base_url: str, markdown: bool, images: bool) -> HtmlConversion:
    if not html or not html.strip():
        return HtmlConversion("", "", "")
    if not looks_like_html(html):
        return HtmlConversion(_convert_plain(html, markdown), "", "")
    if "\x00" in html:
        html = html.replace("\x00", "")  # libxml2 would turn it into U+FFFD
    renderer = _Renderer(base_url, markdown, images)
    try:
        parser = _PARSERS.html
        root = etree.fromstring(html.encode("utf-8", "replace"), parser)
        if any("depth" in err.message for err in parser.error_log):
            # Nesting deeper than libxml2 builds: the tree stops there. Keep all the words.
            root = None
        if root is not None:
            walker = etree.iterwalk(root, events=("start", "end"))
            for event, el in walker:
                tag = el.tag
                if not isinstance(tag, str):
                    # A comment or processing instruction that survived: only its tail counts.
                    if event == "end":
                        renderer.text(el.tail)
                    else:
                        walker.skip_subtree()
                    continue
                kind = _KINDS.get(tag, -1)
                if event == "start":
                    if kind == _DROP or kind == _PRE or kind == _CAPTION:
                        # Whole-subtree elements: nothing inside is walked.
                        walker.skip_subtree()
                        if kind == _PRE:
                            renderer.pre(el)
                        elif kind == _CAPTION:
                            renderer.caption(el)
                        continue
                    if kind >= 0:
                        renderer.start(kind, el)
                    renderer.text(el.text)
                else:
                    if kind >= 0 and kind not in _WHOLE:
                        renderer.end(kind, el)
                    renderer.text(el.tail)
        text = renderer.result()
        if not text:
            text = _escape_plain(_strip_tags(html), markdown)
    except Exception:  # noqa: BLE001 - junk HTML must never stop a feed; keep its words
        text = _escape_plain(_strip_tags(html), markdown)
    text = clean_block(_INVISIBLE.sub("", text))
    image = renderer.first_image or ("", "")
    return HtmlConversion(text, image[0], image[1])


def _strip_tags(html: str) -> str:
    """Words of an HTML document by regular expressions: the fallback when lxml fails."""
    html = _INVISIBLE_ELEMENTS.sub(" ", html)
    return _WS.sub(" ", _html.unescape(_TAG_LIKE.sub(" ", html))).strip()


def _escape_plain(text: str, markdown: bool) -> str:
    if not markdown or not text:
        return text
    return _escape_block_start(_INLINE_SPECIAL.sub(r"\\\g<0>", text))


def _convert_plain(text: str, markdown: bool) -> str:
    """Prose without tags: paragraphs (blank-line separated) and lines kept."""
    if "&" in text:
        text = _html.unescape(text)
    text = _INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    paragraphs = []
    for para in _BLANK_LINES.split(text):
        lines = [
            _SPACES.sub(" ", line.replace("\t", " ").replace("\u00a0", " ")).strip()
            for line in para.split("\n")
        ]
        lines = [line for line in lines if line]
        if not lines:
            continue
        if markdown:
            lines = [_escape_block_start(_INLINE_SPECIAL.sub(r"\\\g<0>", line)) for line in lines]
        paragraphs.append("\n".join(lines))
    return clean_block(("\n\n" if markdown else "\n").join(paragraphs))


def convert_html(html: str, *, base_url: str = "", images: bool = True) -> HtmlConversion:
    """Convert feed HTML to Markdown and report its first image.

    Args:
        html: HTML (a fragment or a page) or plain text; junk is fine.
        base_url: The address relative links and images are resolved against.
        images: Whether image lines appear in the Markdown (summaries leave them out; the first
            image is reported either way).

    Returns:
        The Markdown and the first image's URL and caption.
    """
    return _convert(html, base_url, True, images)


def html_to_markdown(html: str, *, base_url: str = "", images: bool = True) -> str:
    """Convert feed HTML (or plain text) to terminal Markdown; never raises.

    Args:
        html: HTML (a fragment or a page) or plain text; junk is fine.
        base_url: The address relative links and images are resolved against.
        images: Whether to keep ``[Ảnh: …]`` image lines.

    Returns:
        Cleaned Markdown (NFC, no control characters), "" for empty input.
    """
    return _convert(html, base_url, True, images).markdown


def html_to_text(html: str) -> str:
    """Convert feed HTML (or plain text) to plain text, one paragraph per line; never raises.

    Args:
        html: HTML (a fragment or a page) or plain text; junk is fine.

    Returns:
        Cleaned text without markup, images or link targets.
    """
    return _convert(html, "", False, False).markdown
