"""Print the README's key table from the app's own bindings (ids, keys, descriptions).

.venv/bin/python scripts/keys.py
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from textual.binding import Binding

import tuinews.ui as ui


def main() -> None:
    """Print one Markdown row per binding id, in the order the classes declare them."""
    seen: set[str] = set()
    print("| binding id (for `[keymap]`) | keys | does |")
    print("|---|---|---|")
    for info in pkgutil.walk_packages(ui.__path__, "tuinews.ui."):
        module = importlib.import_module(info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != info.name:
                continue
            for b in getattr(cls, "BINDINGS", None) or []:
                if isinstance(b, Binding) and b.id and b.id not in seen:
                    seen.add(b.id)
                    keys = b.key.replace("right_square_bracket", "]").replace(
                        "left_square_bracket", "["
                    )
                    keys = keys.replace("question_mark", "?").replace("slash", "/")
                    keys = keys.replace("colon", ":").replace(",", " ")
                    print(f"| `{b.id}` | `{keys}` | {b.description} |")


if __name__ == "__main__":
    main()
