"""A one-line number prompt: jump to page N, open link N."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tuinews.i18n import _
from tuinews.ui.bindings import N_, translate_bindings


class NumberPrompt(ModalScreen[int | None]):
    """Ask for a whole number between ``low`` and ``high``; dismisses with it, or None.

    Args:
        title: What the number is for.
        low: Smallest accepted number.
        high: Largest accepted number.
        blink: Blink the cursor (off in tests and screenshots).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Cancel"), id="prompt.cancel"),
    ]

    def __init__(self, title: str, *, low: int, high: int, blink: bool = True) -> None:
        super().__init__()
        translate_bindings(self)
        self._title = title
        self._low = low
        self._high = high
        self._blink = blink

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-small"):
            yield Static(Content.styled(self._title, "bold"), classes="dialog-title")
            field = Input(
                placeholder=_("{low}–{high}", low=self._low, high=self._high),
                type="integer",
                id="number",
            )
            field.cursor_blink = self._blink
            yield field
            yield Static(Content(_("Enter: go · Escape: cancel")), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#number", Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        try:
            value = int(event.value.strip())
        except ValueError:
            self.notify(_("Type a number."), severity="warning")
            return
        if not self._low <= value <= self._high:
            self.notify(
                _("Type a number from {low} to {high}.", low=self._low, high=self._high),
                severity="warning",
            )
            return
        self.dismiss(value)

    def action_cancel(self) -> None:
        """Close without a number."""
        self.dismiss(None)
