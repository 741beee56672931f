"""A focusable list of one-line rows drawn with the line API (the base of the tree and list).

Each row is rendered for the exact width on screen by the subclass (:meth:`RowList.render_row`),
so columns are computed in cells at paint time and a resize needs no rebuild. Only the rows
on screen are drawn, and drawn rows are cached until the data, the width, the cursor or the
focus changes.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

Piece = tuple[str, Style | None]
"""A run of text and its style (None: the row's style)."""


class RowList(ScrollView, can_focus=True):
    """A vertical list of rows with a cursor.

    Subclasses implement :attr:`row_count` and :meth:`render_row`, and add their bindings;
    the cursor actions here (``cursor_up`` …) are what those bindings call.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"row-list--cursor", "row-list--cursor-blurred"}

    DEFAULT_CSS = """
    RowList {
        background: $surface;
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 1;
    }
    RowList > .row-list--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: $block-cursor-text-style;
    }
    RowList > .row-list--cursor-blurred {
        background: $block-cursor-blurred-background;
        color: $block-cursor-blurred-foreground;
        text-style: $block-cursor-blurred-text-style;
    }
    """

    cursor: reactive[int] = reactive(0, init=False)
    """Index of the row under the cursor."""

    def __init__(
        self,
        *,
        name: str | None = None,
        id: str | None = None,  # noqa: A002
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._cache: LRUCache[tuple[int, int, bool, bool, int], Strip] = LRUCache(256)
        self._version = 0

    # -- for subclasses ---------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        """How many rows there are."""
        return 0

    def render_row(self, index: int, width: int, base: Style) -> list[Piece]:
        """The pieces of row ``index``, exactly ``width`` cells long in total.

        Args:
            index: The row.
            width: Cells available.
            base: The widget's own style (background and colour).
        """
        return []

    def rows_changed(self, cursor: int | None = None) -> None:
        """Call after the rows changed: resizes, repaints, and moves the cursor to ``cursor``."""
        self._version += 1
        self._cache.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, self.row_count)
        target = self.cursor if cursor is None else cursor
        target = max(0, min(target, self.row_count - 1))
        if target != self.cursor:
            self.cursor = target
        else:
            self._scroll_to_cursor()
        self.refresh()

    def highlighted(self, index: int) -> None:
        """Called when the cursor lands on ``index`` (by key, click or code)."""

    def chosen(self, index: int) -> None:
        """Called when row ``index`` is chosen (Enter, or a click on the cursor row)."""

    # -- rendering --------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        """Draw screen line ``y``."""
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if index < 0 or index >= self.row_count:
            return Strip.blank(width, base)
        selected = index == self.cursor
        key = (index, width, selected, self.has_focus, self._version)
        strip = self._cache.get(key)
        if strip is None:
            pieces = self.render_row(index, width, base)
            if selected:
                name = "row-list--cursor" if self.has_focus else "row-list--cursor-blurred"
                overlay = self.get_component_rich_style(name, partial=True)
                segments = [
                    Segment(text, base + (style or Style()) + overlay) for text, style in pieces
                ]
            else:
                segments = [Segment(text, base + (style or Style())) for text, style in pieces]
            strip = Strip(segments).adjust_cell_length(width, base)
            self._cache[key] = strip
        return strip

    def notify_style_update(self) -> None:
        """Styles changed (theme, focus classes): drop the drawn rows."""
        super().notify_style_update()
        self._cache.clear()

    def _on_resize(self, event: events.Resize) -> None:
        self._cache.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, self.row_count)
        self._scroll_to_cursor()

    def _on_focus(self, event: events.Focus) -> None:
        self.refresh()

    def _on_blur(self, event: events.Blur) -> None:
        self.refresh()

    # -- the cursor -------------------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_line(old)
        self.refresh_line(new)
        self._scroll_to_cursor()
        if 0 <= new < self.row_count:
            self.highlighted(new)

    def _scroll_to_cursor(self) -> None:
        # Before the first layout the widget has no height, and scrolling then would push
        # the first rows out of view for good; _on_resize scrolls once the size is known.
        if self.row_count and self.scrollable_content_region.height > 0:
            self.scroll_to_region(
                Region(0, self.cursor, 1, 1), animate=False, force=True, immediate=True
            )

    def move_cursor(self, index: int) -> None:
        """Put the cursor on ``index`` (clamped)."""
        if self.row_count:
            self.cursor = max(0, min(index, self.row_count - 1))

    def action_cursor_down(self) -> None:
        """One row down."""
        self.move_cursor(self.cursor + 1)

    def action_cursor_up(self) -> None:
        """One row up."""
        self.move_cursor(self.cursor - 1)

    def action_cursor_home(self) -> None:
        """The first row."""
        self.move_cursor(0)

    def action_cursor_end(self) -> None:
        """The last row."""
        self.move_cursor(self.row_count - 1)

    def action_cursor_page_down(self) -> None:
        """One screenful down."""
        self.move_cursor(self.cursor + max(1, self.scrollable_content_region.height - 1))

    def action_cursor_page_up(self) -> None:
        """One screenful up."""
        self.move_cursor(self.cursor - max(1, self.scrollable_content_region.height - 1))

    def action_choose(self) -> None:
        """Choose the row under the cursor."""
        if 0 <= self.cursor < self.row_count:
            self.chosen(self.cursor)

    async def _on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = self.scroll_offset.y + offset.y
        if not 0 <= index < self.row_count:
            return
        if index == self.cursor or event.chain > 1:
            self.cursor = index
            self.chosen(index)
        else:
            self.cursor = index
