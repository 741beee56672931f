"""The headline list (date, source, title), its pager bar and its title line.

Rows are cut to the pane's width in terminal cells: the date and source columns keep
their width whatever the title holds (CJK, emoji, combining marks). Unread rows are bold,
read rows dimmed, starred rows carry ``★``; in a search, the matched words are marked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.strip import Strip
from textual.widgets import Static

from tuinews.i18n import _
from tuinews.i18n.dates import format_short
from tuinews.models import Feed, HeadlineRow, Page
from tuinews.ui.bindings import N_, translate_bindings
from tuinews.ui.text import fit, fit_pieces, format_count, match_spans
from tuinews.ui.widgets.row_list import Piece, RowList

DATE_WIDTH = 12
"""Cells of the date column (``04/05 09:19``, ``28 Feb 17:30``, ``4 May 2019``)."""
COMPACT_DATE_WIDTH = 6
"""Cells of the date column in a narrow list (``09:19``, ``04/05``, ``4 May``, ``2019``)."""
WIDE_LIST = 72
"""From this many cells the list shows full dates."""
MIN_TITLE = 24
"""The source column is dropped before the title gets narrower than this."""


class HeadlineList(RowList):
    """The middle pane: one page of headlines."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", N_("Down"), show=False, id="headlines.cursor-down"),
        Binding("up,k", "cursor_up", N_("Up"), show=False, id="headlines.cursor-up"),
        Binding("home", "cursor_home", N_("First row"), show=False, id="headlines.first-row"),
        Binding("end", "cursor_end", N_("Last row"), show=False, id="headlines.last-row"),
        Binding("enter,right,l", "choose", N_("Read"), show=False, id="headlines.open"),
        Binding(
            "left,h", "screen.focus_tree", N_("To the feeds"), show=False, id="headlines.to-tree"
        ),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "headline-list--unread",
        "headline-list--read",
        "headline-list--date",
        "headline-list--source",
        "headline-list--star",
        "headline-list--dot",
        "headline-list--match",
        "headline-list--empty",
    }

    DEFAULT_CSS = """
    HeadlineList > .headline-list--unread { color: $text; text-style: bold; }
    HeadlineList > .headline-list--read { color: $text-muted; }
    HeadlineList > .headline-list--date { color: $text-muted; }
    HeadlineList > .headline-list--source { color: $text-secondary; }
    HeadlineList > .headline-list--star { color: $text-warning; }
    HeadlineList > .headline-list--dot { color: $text-accent; }
    HeadlineList > .headline-list--match { background: $warning 35%; text-style: bold; }
    HeadlineList > .headline-list--empty { color: $text-muted; text-style: italic; }
    """

    @dataclass
    class Chosen(Message):
        """A headline was chosen: read it."""

        headlines: HeadlineList
        row: HeadlineRow

        @property
        def control(self) -> HeadlineList:
            """The list."""
            return self.headlines

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        translate_bindings(self)
        self._rows: list[HeadlineRow] = []
        self._terms: tuple[tuple[str, bool], ...] = ()
        self._show_source = True
        self._empty = ""

    # -- data -------------------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        """Rows on this page."""
        return len(self._rows)

    @property
    def rows(self) -> list[HeadlineRow]:
        """The rows shown."""
        return self._rows

    @property
    def current(self) -> HeadlineRow | None:
        """The row under the cursor."""
        if 0 <= self.cursor < len(self._rows):
            return self._rows[self.cursor]
        return None

    def show_rows(
        self,
        rows: list[HeadlineRow],
        *,
        focus_id: int | None = None,
        keep_cursor: bool = False,
        show_source: bool = True,
        terms: tuple[tuple[str, bool], ...] = (),
        empty: str = "",
    ) -> None:
        """Show a page of rows.

        Args:
            rows: The rows.
            focus_id: Put the cursor on this article when it is here.
            keep_cursor: Keep the cursor on the article it was on (else on the same row).
            show_source: Show the source column (not needed inside one feed).
            terms: Search terms to mark in titles.
            empty: What to say when there are no rows.
        """
        previous = self.current.id if self.current else None
        self._rows = rows
        self._show_source = show_source
        self._terms = terms
        self._empty = empty
        want = focus_id if focus_id is not None else (previous if keep_cursor else None)
        cursor = 0
        if want is not None:
            found = self.index_of(want)
            if found is not None:
                cursor = found
            elif keep_cursor:
                cursor = self.cursor
        elif keep_cursor:
            cursor = self.cursor
        self.rows_changed(cursor)

    def index_of(self, article_id: int) -> int | None:
        """The row index of an article on this page."""
        return next((i for i, r in enumerate(self._rows) if r.id == article_id), None)

    def update_row(self, row: HeadlineRow) -> None:
        """Replace the row of the same article (read/starred changed)."""
        index = self.index_of(row.id)
        if index is not None:
            self._rows[index] = row
            self._version += 1
            self._cache.clear()
            self.refresh_line(index)

    def select_id(self, article_id: int) -> bool:
        """Move the cursor to an article on this page; False when it is not here."""
        index = self.index_of(article_id)
        if index is None:
            return False
        self.move_cursor(index)
        return True

    def chosen(self, index: int) -> None:
        self.post_message(self.Chosen(self, self._rows[index]))

    # -- drawing ----------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        """Draw screen line ``y`` (a note on the first line when the page is empty)."""
        if not self._rows and y == 0 and self._empty:
            width = self.scrollable_content_region.width
            style = self.rich_style + self.get_component_rich_style(
                "headline-list--empty", partial=True
            )
            return Strip([Segment(fit(" " + self._empty, width), style)])
        return super().render_line(y)

    def render_row(self, index: int, width: int, base: Style) -> list[Piece]:
        row = self._rows[index]
        style = self.get_component_rich_style
        text_style = style(
            "headline-list--read" if row.read else "headline-list--unread", partial=True
        )
        mark: Piece
        if row.starred:
            mark = ("★", style("headline-list--star", partial=True))
        elif not row.read:
            mark = ("•", style("headline-list--dot", partial=True))
        else:
            mark = (" ", None)
        date_style = style("headline-list--date", partial=True)
        pieces: list[Piece] = [(" ", None), mark, (" ", None)]
        used = 3
        if width >= WIDE_LIST:
            pieces.append((fit(format_short(row.published), DATE_WIDTH), date_style))
            pieces.append((" ", None))
            used += DATE_WIDTH + 1
        elif width - used >= COMPACT_DATE_WIDTH + MIN_TITLE:
            pieces.append(
                (fit(format_short(row.published, compact=True), COMPACT_DATE_WIDTH), date_style)
            )
            pieces.append((" ", None))
            used += COMPACT_DATE_WIDTH + 1
        source_width = max(8, min(18, (width - used) // 4))
        if self._show_source and width - used - source_width - 1 >= MIN_TITLE:
            pieces.append(
                (fit(row.feed_title, source_width), style("headline-list--source", partial=True))
            )
            pieces.append((" ", None))
            used += source_width + 1
        title_width = max(0, width - used - 1)
        pieces.extend(self._title_pieces(row.title, title_width, text_style))
        pieces.append((" ", None))
        return pieces

    def _title_pieces(self, title: str, width: int, text_style: Style) -> list[Piece]:
        """The title cut to ``width`` cells, with search matches marked."""
        spans = match_spans(title, self._terms) if self._terms else []
        if not spans:
            return [(fit(title, width), text_style)]
        match_style = text_style + self.get_component_rich_style(
            "headline-list--match", partial=True
        )
        pieces: list[Piece] = []
        at = 0
        for start, end in spans:
            if start > at:
                pieces.append((title[at:start], text_style))
            pieces.append((title[start:end], match_style))
            at = end
        if at < len(title):
            pieces.append((title[at:], text_style))
        return fit_pieces(pieces, width, text_style)


class PagerBar(Static):
    """``« ‹ 1 2 3 4 5 … 17 › »  page 3 of 17``; numbers are clickable."""

    DEFAULT_CSS = """
    PagerBar { height: 1; background: $panel; color: $text-muted; padding: 0 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self._page: Page | None = None
        self._unread_only = False

    def show_page(self, page: Page | None, *, unread_only: bool = False) -> None:
        """Draw the bar for ``page``."""
        self._page = page
        self._unread_only = unread_only
        self.refresh()

    def render(self) -> Content:
        """The bar, fitted to the width it has now."""
        page = self._page
        if page is None:
            return Content("")
        return pager_content(
            page.number,
            page.total_pages,
            page.total_items,
            unread_only=self._unread_only,
            width=self.content_region.width or 60,
        )


def page_window(current: int, total: int, spread: int = 2) -> list[int | None]:
    """The page numbers to show: first, last, and ``spread`` on each side of ``current``;
    None where numbers are left out.

    >>> page_window(9, 17)
    [1, None, 7, 8, 9, 10, 11, None, 17]
    """
    if total <= 2 * spread + 5:
        return list(range(1, total + 1))
    lo = max(2, current - spread)
    hi = min(total - 1, current + spread)
    if current - spread <= 2:
        hi = max(hi, 2 * spread + 3)
    if current + spread >= total - 1:
        lo = min(lo, total - 2 * spread - 2)
    out: list[int | None] = [1]
    if lo > 2:
        out.append(None)
    out.extend(range(lo, hi + 1))
    if hi < total - 1:
        out.append(None)
    out.append(total)
    return out


def pager_content(
    number: int, total: int, items: int, *, unread_only: bool = False, width: int = 80
) -> Content:
    """The pager bar's text (every piece of it is ours: numbers and UI strings)."""
    label = _("page {n}/{total}", n=number, total=total)
    info = _("{count} articles", count=format_count(items))
    if unread_only:
        info = _("{count} unread", count=format_count(items))
    tail = f"  {label} · {info}"
    spread = 2
    while True:
        parts: list[Content] = []
        prev_ok, next_ok = number > 1, number < total
        parts.append(_nav("«", 1, prev_ok))
        parts.append(_nav("‹", number - 1, prev_ok))
        for n in page_window(number, total, spread):
            if n is None:
                parts.append(Content("…"))
            elif n == number:
                parts.append(Content.styled(f" {n} ", "reverse bold"))
            else:
                parts.append(_nav(str(n), n, True))
        parts.append(_nav("›", number + 1, next_ok))
        parts.append(_nav("»", total, next_ok))
        bar = Content(" ").join(parts)
        if bar.cell_length + len(tail) <= width - 2 or spread == 0:
            break
        spread -= 1
    if bar.cell_length + len(tail) > width - 2:
        tail = f"  {label}"
    if bar.cell_length + len(tail) > width - 2:
        # Too narrow for numbers: arrows around "page/total" only.
        return Content(" ").join(
            [
                _nav("«", 1, number > 1),
                _nav("‹", number - 1, number > 1),
                Content.styled(f"{number}/{total}", "bold"),
                _nav("›", number + 1, number < total),
                _nav("»", total, number < total),
            ]
        )
    return Content.assemble(bar, (tail, "dim"))


def _nav(text: str, target: int, enabled: bool) -> Content:
    if not enabled:
        return Content.styled(text, "dim")
    return Content.from_markup(f"[@click=screen.goto_page({target})]{text}[/]")


class ViewHeader(Static):
    """The line above the list: what is shown, how many, and a failed feed's error."""

    DEFAULT_CSS = """
    ViewHeader { height: 1; background: $panel; padding: 0 1; }
    """

    def show(
        self,
        title: str,
        *,
        total: int,
        unread: int,
        unread_only: bool,
        feed: Feed | None = None,
        show_unread: bool = True,
    ) -> None:
        """Describe the view.

        Args:
            title: The view's name (a feed title, "Unread", "Search: …").
            total: Articles in it.
            unread: Unread articles in it.
            unread_only: Read articles are hidden.
            feed: The feed shown, when it is one (its error is mentioned).
            show_unread: Say how many are unread (not for searches and Starred).
        """
        parts: list[Content | tuple[str, str] | str] = [(title, "bold")]
        if show_unread:
            counts = _(
                "{unread} unread of {total}", unread=format_count(unread), total=format_count(total)
            )
        else:
            counts = _("{count} articles", count=format_count(total))
        parts.append(("  " + counts, "dim"))
        if unread_only:
            parts.append(("  · " + _("read hidden"), "italic $text-warning"))
        if feed is not None and feed.last_error:
            parts.append(("  ! " + _("last fetch failed (e: details)"), "bold $text-error"))
        elif feed is not None and feed.warning:
            parts.append(("  ! " + _("problems in the last fetch (e: details)"), "$text-warning"))
        elif feed is not None and not feed.enabled:
            parts.append(("  – " + _("disabled"), "$text-disabled"))
        self.update(Content.assemble(*parts))
