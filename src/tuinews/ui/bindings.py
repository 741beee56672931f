"""Binding helpers: translatable descriptions and the keymap's known ids.

Binding descriptions are written in English inside ``BINDINGS`` and marked with :func:`N_`
so that a translator finds them; :func:`translate_bindings` swaps in the translation when a
node is built (the language is chosen at run time, after the classes were defined).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from tuinews.i18n import _

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from textual.binding import Binding
    from textual.dom import DOMNode


def N_(msgid: str) -> str:  # noqa: N802 - the gettext convention for "translate later"
    """Mark ``msgid`` for translation without translating it now."""
    return msgid


def translate_bindings(node: DOMNode) -> None:
    """Translate the descriptions and tooltips of ``node``'s own bindings in place.

    Textual copies a class's ``BINDINGS`` into each instance's binding map when the node is
    created; this rewrites that copy, so it must be called from ``__init__`` after
    ``super().__init__()``.
    """
    bindings_map = node._bindings  # the per-instance copy; there is no public setter
    for key, bindings in bindings_map.key_to_bindings.items():
        bindings_map.key_to_bindings[key] = [_translated(b) for b in bindings]


def _translated(binding: Binding) -> Binding:
    return replace(
        binding,
        description=_(binding.description) if binding.description else "",
        tooltip=_(binding.tooltip) if binding.tooltip else "",
    )


def keys_display(
    binding: Binding, keymap: Mapping[str, str], show: Callable[[Binding], str]
) -> str:
    """The keys of ``binding`` as the user has them (keymap first), written like the footer.

    Args:
        binding: The binding.
        keymap: Binding id → keys, from the config.
        show: ``App.get_key_display``.
    """
    keys = keymap.get(binding.id, binding.key) if binding.id else binding.key
    shown = [
        show(replace(binding, key=k.strip(), key_display=None))
        for k in keys.split(",")
        if k.strip()
    ]
    return " ".join(shown)
