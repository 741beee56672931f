"""The help screen: every key (as the keymap has it now), its binding id, the search syntax."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from tuinews.i18n import _
from tuinews.ui.bindings import N_, keys_display, translate_bindings
from tuinews.ui.screens.search import syntax_lines


def binding_rows(
    bindings: Sequence[BindingType], keymap: Mapping[str, str], show: Callable[[Binding], str]
) -> list[tuple[str, str, str]]:
    """``(keys, description, id)`` for each binding with an id, keys taken from ``keymap``.

    Args:
        bindings: A class's ``BINDINGS``.
        keymap: Binding id → keys, as the user configured them.
        show: ``App.get_key_display``, to write keys the way the footer does.
    """
    return [
        (keys_display(b, keymap, show), _(b.description), b.id)
        for b in bindings
        if isinstance(b, Binding) and b.id and b.description
    ]


class HelpScreen(ModalScreen[None]):
    """Keys by pane, then the search language.

    Args:
        groups: ``(title, rows)`` pairs; rows from :func:`binding_rows`.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "close", N_("Close"), id="help.close"),
    ]

    def __init__(self, groups: list[tuple[str, list[tuple[str, str, str]]]]) -> None:
        super().__init__()
        translate_bindings(self)
        self._groups = groups

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body", classes="dialog dialog-help"):
            yield Static(
                Content.styled(_("tuinews: keys"), "bold $text-primary"), classes="dialog-title"
            )
            for title, rows in self._groups:
                yield Static(Content.styled(title, "bold $text-secondary"), classes="help-heading")
                with Grid(classes="keys-grid"):
                    for keys, description, binding_id in rows:
                        yield Static(Content.styled(keys, "bold $text-accent"))
                        yield Static(Content(description))
                        yield Static(Content.styled(binding_id, "dim"), classes="binding-id")
            yield Static(
                Content.styled(_("Search (/)"), "bold $text-secondary"), classes="help-heading"
            )
            with Grid(classes="syntax-grid"):
                for example, meaning in syntax_lines():
                    yield Static(Content.styled(example, "bold $text-accent"))
                    yield Static(Content(meaning))
            yield Static(
                Content.styled(
                    _(
                        "Any key can be changed in the config file, e.g. "
                        '[keymap] "headlines.next-page" = "]".'
                    ),
                    "dim italic",
                ),
                classes="help-note",
            )
            yield Static(Content.styled(_("Escape closes this help."), "dim"), classes="help-note")

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)
