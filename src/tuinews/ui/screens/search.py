"""The search box: one line of the search language, with a reminder of its syntax."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tuinews.i18n import _
from tuinews.ui.bindings import N_, translate_bindings


def syntax_lines() -> list[tuple[str, str]]:
    """The search language, as (example, meaning) pairs (shared with the help screen)."""
    return [
        ("dien bien", _("every word must match; accents and case are ignored")),
        ("du lich*", _("words that start so")),
        ('"le hoi hoa"', _("a phrase")),
        ("-covid", _("leave out articles with this word")),
        ("feed:vnexpress", _("only feeds whose name or address contains this")),
        ('category:"the gioi"', _("only this category")),
        ("-feed:x -category:x", _("leave out a feed / a category")),
        ("unread  starred", _("only unread / only starred articles")),
        ("since:2026-01-01", _("published on or after this day")),
        ("since:31/01/2026", _("the same, written day/month/year")),
        ("=Điện Biên", _("leading =: accents must match exactly as typed")),
    ]


class SearchDialog(ModalScreen[str | None]):
    """Ask for a query; dismisses with it (stripped), or None.

    Args:
        initial: The text to start from (the current search).
        blink: Blink the cursor (off in tests and screenshots).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Cancel"), id="search.cancel"),
    ]

    def __init__(self, initial: str = "", *, blink: bool = True) -> None:
        super().__init__()
        translate_bindings(self)
        self._initial = initial
        self._blink = blink

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-search"):
            yield Static(Content.styled(_("Search the cache"), "bold"), classes="dialog-title")
            field = Input(
                value=self._initial, placeholder=_('words, "a phrase", -word…'), id="query"
            )
            field.cursor_blink = self._blink
            yield field
            with Grid(classes="syntax-grid dialog-hint"):
                for example, meaning in syntax_lines():
                    yield Static(Content.styled(example, "bold $text-accent"))
                    yield Static(Content(meaning))

    def on_mount(self) -> None:
        self.query_one("#query", Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        """Close without searching."""
        self.dismiss(None)
