"""The feed tree: All / Unread / Starred, a search entry, then categories with their feeds.

Rows are drawn to the pane's width: indentation, a fold marker for categories, the title
cut in cells, and the unread count right-aligned. A feed whose last fetch failed carries a
``!`` mark (its error is one key away, ``e``); a disabled feed is dimmed.

A feed's row is the feed itself (from :class:`~tuinews.ui.data.TreeData`); its
:class:`TreeEntry` is made only when the row is drawn or looked at, so thousands of feeds
cost no object each beyond their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from rich.style import Style
from textual.binding import Binding, BindingType
from textual.message import Message

from tuinews.i18n import _
from tuinews.models import Feed, View, ViewKind
from tuinews.ui.bindings import N_, translate_bindings
from tuinews.ui.data import TreeData
from tuinews.ui.text import crop, fit, format_count
from tuinews.ui.widgets.row_list import Piece, RowList


@dataclass(slots=True, frozen=True)
class TreeEntry:
    """One row of the tree."""

    key: str
    """Stable identity across reloads: ``all``, ``unread``, ``starred``, ``search``,
    ``cat:<id>``, ``feed:<id>``."""
    view: View
    label: str
    depth: int = 0
    count: int = 0
    """The number shown on the right (unread, or starred for Starred)."""
    bold: bool = False
    folder: bool = False
    expanded: bool = True
    error: bool = False
    disabled: bool = False
    feed: Feed | None = None


class FeedTree(RowList):
    """The left pane: where to read from."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", N_("Down"), show=False, id="tree.cursor-down"),
        Binding("up,k", "cursor_up", N_("Up"), show=False, id="tree.cursor-up"),
        Binding("home", "cursor_home", N_("First entry"), show=False, id="tree.first"),
        Binding("end", "cursor_end", N_("Last entry"), show=False, id="tree.last"),
        Binding("pagedown", "cursor_page_down", N_("Page down"), show=False, id="tree.page-down"),
        Binding("pageup", "cursor_page_up", N_("Page up"), show=False, id="tree.page-up"),
        Binding("enter,right,l", "choose", N_("Open"), show=False, id="tree.open"),
        Binding("space", "toggle_folder", N_("Fold category"), show=False, id="tree.fold"),
        Binding("left,h", "collapse", N_("Fold / parent"), show=False, id="tree.parent"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "feed-tree--count",
        "feed-tree--unread",
        "feed-tree--read",
        "feed-tree--folder",
        "feed-tree--error",
        "feed-tree--disabled",
        "feed-tree--search",
    }

    DEFAULT_CSS = """
    FeedTree > .feed-tree--count { color: $text-accent; }
    FeedTree > .feed-tree--unread { text-style: bold; }
    FeedTree > .feed-tree--read { color: $text-muted; }
    FeedTree > .feed-tree--folder { text-style: bold; color: $text-primary; }
    FeedTree > .feed-tree--error { color: $text-error; text-style: bold; }
    FeedTree > .feed-tree--disabled { color: $text-disabled; }
    FeedTree > .feed-tree--search { color: $text-warning; text-style: bold; }
    """

    @dataclass
    class ViewHighlighted(Message):
        """The cursor moved onto an entry: show its headlines."""

        tree: FeedTree
        view: View

        @property
        def control(self) -> FeedTree:
            """The tree."""
            return self.tree

    @dataclass
    class ViewChosen(Message):
        """An entry was chosen (Enter): show its headlines and move to the list."""

        tree: FeedTree
        view: View

        @property
        def control(self) -> FeedTree:
            """The tree."""
            return self.tree

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        translate_bindings(self)
        self._data: TreeData | None = None
        self._rows: list[TreeEntry | Feed] = []
        """The rows shown: an entry for the fixed rows and categories, the feed for a feed."""
        self._collapsed: set[str] = set()
        self._search: str | None = None
        self._search_count: int | None = None
        self._announced: View | None = None

    # -- data -------------------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        """Entries shown."""
        return len(self._rows)

    @property
    def data(self) -> TreeData | None:
        """The last data shown."""
        return self._data

    @property
    def entry(self) -> TreeEntry | None:
        """The entry under the cursor."""
        if 0 <= self.cursor < len(self._rows):
            return self._entry(self.cursor)
        return None

    def feed(self, feed_id: int | None) -> Feed | None:
        """A feed of the tree by id."""
        if self._data is None or feed_id is None:
            return None
        return next((f for f in self._data.feeds if f.id == feed_id), None)

    def feed_ids(self) -> list[int] | None:
        """The ids of every feed in the tree (None before the first data)."""
        if self._data is None:
            return None
        return [f.id for f in self._data.feeds]

    def _entry(self, index: int) -> TreeEntry:
        row = self._rows[index]
        if isinstance(row, Feed):
            return self._feed_entry(row, 0 if row.category_id is None else 1)
        return row

    def _index_of(self, key: str) -> int | None:
        if key.startswith("feed:"):
            feed_id = int(key.removeprefix("feed:"))
            return next(
                (i for i, r in enumerate(self._rows) if isinstance(r, Feed) and r.id == feed_id),
                None,
            )
        return next(
            (i for i, r in enumerate(self._rows) if isinstance(r, TreeEntry) and r.key == key),
            None,
        )

    def update_data(self, data: TreeData) -> None:
        """Show new data; the cursor stays on the same entry."""
        self._data = data
        self._rebuild()

    def set_search(self, query: str | None, count: int | None = None) -> None:
        """Show (or remove, with None) the "Search: …" entry."""
        self._search = query
        self._search_count = count
        self._rebuild()

    def set_search_count(self, count: int) -> None:
        """The number of results of the search entry."""
        if self._search is not None and count != self._search_count:
            self._search_count = count
            self._rebuild()

    def _rebuild(self) -> None:
        current = self.entry.key if self.entry else None
        self._rows = self._build()
        cursor = None
        if current is not None:
            cursor = self._index_of(current)
        self.rows_changed(cursor)

    def _build(self) -> list[TreeEntry | Feed]:
        data = self._data
        total, unread, starred = (data.total, data.unread, data.starred) if data else (0, 0, 0)
        entries: list[TreeEntry | Feed] = [
            TreeEntry("all", View(ViewKind.ALL), _("All"), count=unread, bold=bool(unread)),
            TreeEntry(
                "unread", View(ViewKind.UNREAD), _("Unread"), count=unread, bold=bool(unread)
            ),
            TreeEntry("starred", View(ViewKind.STARRED), _("Starred"), count=starred),
        ]
        if self._search is not None:
            entries.append(
                TreeEntry(
                    "search",
                    View(ViewKind.SEARCH, query=self._search),
                    _("Search: {query}", query=self._search),
                    count=self._search_count or 0,
                )
            )
        if data is None:
            return entries
        by_cat: dict[int | None, list[Feed]] = {}
        for f in data.feeds:
            by_cat.setdefault(f.category_id, []).append(f)
        for cat in data.categories:
            feeds = by_cat.get(cat.id, [])
            key = f"cat:{cat.id}"
            expanded = key not in self._collapsed
            entries.append(
                TreeEntry(
                    key,
                    View(ViewKind.CATEGORY, category_id=cat.id),
                    cat.name,
                    count=cat.unread,
                    bold=bool(cat.unread),
                    folder=True,
                    expanded=expanded,
                    error=any(f.last_error for f in feeds) and not expanded,
                )
            )
            if expanded:
                entries.extend(feeds)
        entries.extend(by_cat.get(None, []))
        return entries

    @staticmethod
    def _feed_entry(feed: Feed, depth: int) -> TreeEntry:
        return TreeEntry(
            f"feed:{feed.id}",
            View(ViewKind.FEED, feed_id=feed.id),
            feed.display_title,
            depth=depth,
            count=feed.unread,
            bold=bool(feed.unread),
            error=bool(feed.last_error or feed.warning),
            disabled=not feed.enabled,
            feed=feed,
        )

    # -- selection --------------------------------------------------------------------------

    def select_view(self, view: View, *, quiet: bool = True) -> None:
        """Put the cursor on the entry of ``view`` (unfolding its category if needed).

        Args:
            view: The view to show as current.
            quiet: Do not announce it (the caller loads the view itself).
        """
        if quiet:
            self._announced = view
        key = _key_of(view)
        if key is None:
            return
        if key.startswith("feed:") and self._data is not None:
            feed = self.feed(view.feed_id)
            if feed is not None and f"cat:{feed.category_id}" in self._collapsed:
                self._collapsed.discard(f"cat:{feed.category_id}")
                self._rows = self._build()
                self.rows_changed()
        index = self._index_of(key)
        if index is not None:
            self.move_cursor(index)

    def highlighted(self, index: int) -> None:
        view = self._entry(index).view
        if view != self._announced:
            self._announced = view
            self.post_message(self.ViewHighlighted(self, view))

    def chosen(self, index: int) -> None:
        entry = self._entry(index)
        self._announced = entry.view
        self.post_message(self.ViewChosen(self, entry.view))

    def action_toggle_folder(self) -> None:
        """Fold or unfold the category under the cursor."""
        entry = self.entry
        if entry is None or not entry.folder:
            return
        if entry.key in self._collapsed:
            self._collapsed.discard(entry.key)
        else:
            self._collapsed.add(entry.key)
        self._rebuild()

    def action_collapse(self) -> None:
        """Fold the category under the cursor, or go to the category of the feed."""
        entry = self.entry
        if entry is None:
            return
        if entry.folder and entry.expanded:
            self.action_toggle_folder()
        elif entry.depth > 0:
            for i in range(self.cursor - 1, -1, -1):
                row = self._rows[i]
                if isinstance(row, TreeEntry) and row.folder:
                    self.move_cursor(i)
                    break

    # -- drawing ----------------------------------------------------------------------------

    def render_row(self, index: int, width: int, base: Style) -> list[Piece]:
        entry = self._entry(index)
        style = self.get_component_rich_style
        pieces: list[Piece] = [(" " + "  " * entry.depth, None)]
        used = cell_len(pieces[0][0])
        if entry.folder:
            pieces.append(
                ("▾ " if entry.expanded else "▸ ", style("feed-tree--folder", partial=True))
            )
            used += 2
        count = format_count(entry.count) if entry.count else ""
        right = f" {count} " if count else " "
        mark = ""
        if entry.error:
            mark = "! "
        elif entry.disabled:
            mark = "– "
        avail = max(0, width - used - cell_len(right) - cell_len(mark))
        if entry.key == "search":
            label_style = style("feed-tree--search", partial=True)
        elif entry.folder:
            label_style = style("feed-tree--folder", partial=True)
        elif entry.disabled:
            label_style = style("feed-tree--disabled", partial=True)
        elif entry.bold:
            label_style = style("feed-tree--unread", partial=True)
        else:
            label_style = style("feed-tree--read", partial=True)
        if mark:
            mark_style = style(
                "feed-tree--error" if entry.error else "feed-tree--disabled", partial=True
            )
            pieces.append((mark, mark_style))
        pieces.append((fit(entry.label, avail), label_style))
        pieces.append((crop(right, width - used - avail), style("feed-tree--count", partial=True)))
        return pieces


def _key_of(view: View) -> str | None:
    if view.kind == ViewKind.FEED:
        return f"feed:{view.feed_id}"
    if view.kind == ViewKind.CATEGORY:
        return f"cat:{view.category_id}"
    return {
        ViewKind.ALL: "all",
        ViewKind.UNREAD: "unread",
        ViewKind.STARRED: "starred",
        ViewKind.SEARCH: "search",
    }.get(view.kind)
