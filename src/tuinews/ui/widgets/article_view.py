"""The article pane: a header (title, source, author, date, link), the body, the links.

The body is the cached Markdown rendered by Textual's ``Markdown`` widget, which builds
styled text from parsed tokens and never reads feed text as markup. Links carry their
number (``[1]``) in the text and are listed after it; image captions are marked lines.
Reading width is a toggle: a centred column of about 76 cells, or the pane's full width.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Markdown, Static

from tuinews.i18n import _
from tuinews.i18n.dates import format_datetime, format_relative
from tuinews.models import Article, BodyStatus
from tuinews.ui.bindings import N_, translate_bindings
from tuinews.ui.data import ArticleDoc

_UNAVAILABLE = {
    BodyStatus.FAILED,
    BodyStatus.TOO_LARGE,
    BodyStatus.NOT_HTML,
    BodyStatus.LISTING,
    BodyStatus.SKIPPED,
}


class ArticleView(VerticalScroll):
    """The right pane: the article being read."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "screen.leave_article", N_("Back"), id="article.close"),
        Binding("down,j", "scroll_down", N_("Scroll down"), show=False, id="article.down"),
        Binding("up,k", "scroll_up", N_("Scroll up"), show=False, id="article.up"),
        Binding("space", "page_down", N_("Page down"), show=False, id="article.page-down"),
        Binding("b", "page_up", N_("Page up"), show=False, id="article.page-up"),
        Binding("g,home", "scroll_home", N_("Top"), show=False, id="article.top"),
        Binding("G,end", "scroll_end", N_("Bottom"), show=False, id="article.bottom"),
        Binding(
            "left,h", "screen.leave_article", N_("Back to the list"), show=False, id="article.back"
        ),
    ]

    narrow: reactive[bool] = reactive(True)
    """Read in a centred column rather than the full width."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        translate_bindings(self)
        self.doc: ArticleDoc | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="article-column"):
            yield Static(id="article-header")
            yield Static(id="article-notice")
            yield Markdown(id="article-body", open_links=False)
            yield Static(id="article-links")

    def watch_narrow(self, narrow: bool) -> None:
        self.set_class(narrow, "-narrow-text")

    @property
    def article(self) -> Article | None:
        """The article shown."""
        return self.doc.article if self.doc else None

    def show_placeholder(self, content: Content) -> None:
        """Show a note instead of an article."""
        self.doc = None
        self.query_one("#article-header", Static).update(content)
        self.query_one("#article-notice", Static).update("")
        self.query_one("#article-notice", Static).display = False
        self.query_one("#article-links", Static).update("")
        self.query_one("#article-body", Markdown).display = False
        self.remove_class("-has-article")

    async def show(self, doc: ArticleDoc, *, keep_scroll: bool = False) -> None:
        """Show an article.

        Args:
            doc: The prepared article.
            keep_scroll: Stay where the reader was (the same article, reloaded).
        """
        self.doc = doc
        self.add_class("-has-article")
        self.query_one("#article-header", Static).update(header_content(doc.article))
        notice = notice_content(doc.article)
        notice_widget = self.query_one("#article-notice", Static)
        notice_widget.update(notice or "")
        notice_widget.display = notice is not None
        body = self.query_one("#article-body", Markdown)
        body.display = True
        await body.update(doc.markdown or "")
        self.query_one("#article-links", Static).update(links_content(doc.links))
        if not keep_scroll:
            self.scroll_home(animate=False, immediate=True)

    def refresh_header(self, article: Article) -> None:
        """Redraw the header after the article's state changed (starred, read)."""
        if self.doc is not None and self.doc.article.id == article.id:
            self.query_one("#article-header", Static).update(header_content(article))


def header_content(article: Article) -> Content:
    """Title, source · author, date · how long ago, link; feed text only as plain text."""
    parts: list[Content | tuple[str, str] | str] = []
    if article.starred:
        parts.append(("★ ", "$text-warning"))
    parts.append((article.title or _("(untitled)"), "bold $text-primary"))
    parts.append("\n")
    parts.append((article.feed_title, "bold $text-secondary"))
    if article.author:
        parts.append((" · " + article.author, "italic"))
    parts.append("\n")
    when = format_datetime(article.published)
    ago = format_relative(article.published)
    parts.append((when + (f" · {ago}" if ago else ""), "$text-muted"))
    if article.link:
        parts.append("\n")
        parts.append((article.link, "underline $text-muted"))
    return Content.assemble(*parts)


def notice_content(article: Article) -> Content | None:
    """A line saying why the full text is missing, or None."""
    status = article.body_status
    if status == BodyStatus.PENDING:
        text = _("The full text has not been fetched yet; this is the feed's summary.")
    elif status in _UNAVAILABLE:
        reason = article.body_error or status
        text = _(
            "Full text unavailable ({reason}); this is the feed's summary. x: try again.",
            reason=reason,
        )
    else:
        return None
    return Content.styled(text, "italic $text-warning")


def links_content(links: list[str]) -> Content:
    """The numbered list of the article's links."""
    if not links:
        return Content("")
    lines: list[Content] = [Content.styled(_("Links (f: open link N)"), "bold")]
    for n, url in enumerate(links, 1):
        lines.append(Content.assemble((f"[{n}] ", "bold $text-accent"), (url, "$text-muted")))
    return Content("\n").join(lines)
