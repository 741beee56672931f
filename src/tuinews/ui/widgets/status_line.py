"""The status line: refresh progress, offline state, last refresh, unread total."""

from __future__ import annotations

from datetime import datetime

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from tuinews.i18n import _
from tuinews.i18n.dates import format_time
from tuinews.ui.text import format_count


class StatusLine(Static):
    """One line at the bottom, above the footer."""

    DEFAULT_CSS = """
    StatusLine { height: 1; background: $boost; color: $text-muted; padding: 0 1; }
    """

    activity: reactive[str] = reactive("")
    """What runs now ("Refreshing 12/40 feeds…"), or the last outcome ("5 new")."""
    offline: reactive[bool] = reactive(False)
    """The last refresh found no network."""
    last_refresh: reactive[datetime | None] = reactive(None)
    """When the last refresh ended."""
    unread: reactive[int] = reactive(0)
    """Unread articles in the whole cache."""
    busy: reactive[bool] = reactive(False)
    """A refresh is running."""

    def render(self) -> Content:
        """Left: activity or offline notice; right: unread total and last refresh."""
        left: list[tuple[str, str] | str] = []
        if self.busy:
            left.append(("⟳ ", "bold $text-accent"))
        if self.offline and not self.busy:
            left.append((_("Offline: reading from the cache"), "bold $text-warning"))
            if self.activity:
                left.append("  ")
        if self.activity:
            left.append(self.activity)
        right = _("{count} unread", count=format_count(self.unread))
        if self.last_refresh is not None:
            right += " · " + _("updated {time}", time=format_time(self.last_refresh))
        left_content = Content.assemble(*left)
        width = self.content_region.width or 80
        gap = max(1, width - left_content.cell_length - len(right))
        if left_content.cell_length + len(right) + 1 > width:
            return left_content
        return Content.assemble(left_content, " " * gap, right)
