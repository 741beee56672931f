"""A yes/no question in a small dialog."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from tuinews.i18n import _
from tuinews.ui.bindings import N_, translate_bindings


class ConfirmDialog(ModalScreen[bool]):
    """Ask a question; dismisses with True for yes.

    Args:
        question: The question (build it with ``Content`` when it holds feed text).
        yes: The label of the button that confirms.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", N_("Yes"), id="confirm.yes"),
        Binding("n,escape", "answer(False)", N_("No"), id="confirm.no"),
    ]

    def __init__(self, question: Content, *, yes: str | None = None) -> None:
        super().__init__()
        translate_bindings(self)
        self._question = question
        self._yes = yes or _("Yes")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self._question, classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button(Content(self._yes), variant="warning", id="yes")
                yield Button(Content(_("Cancel")), id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        """Close with ``answer``."""
        self.dismiss(answer)
