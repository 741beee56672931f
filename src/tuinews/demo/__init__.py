"""The bundled demo: generated Vietnamese and English news served from 127.0.0.1.

``tuinews demo`` starts :class:`~tuinews.demo.server.DemoServer` (which builds the site
with :func:`~tuinews.demo.site.build_site` for its real base URL), writes the config from
:func:`demo_config_toml` into a demo directory and opens the app on it. All content is
written for tuinews by code in this package; people, figures and events are fictional.

Importing this package is cheap: it uses the standard library only and loads the site and
server modules on first use of their names.
"""

from __future__ import annotations

import importlib
import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tuinews.demo.server import DemoServer, serve
    from tuinews.demo.site import DemoFeed, DemoFile, DemoSite, build_site

__all__ = [
    "DemoFeed",
    "DemoFile",
    "DemoServer",
    "DemoSite",
    "build_site",
    "demo_config_toml",
    "serve",
]

_LAZY = {
    "DemoServer": "tuinews.demo.server",
    "serve": "tuinews.demo.server",
    "DemoFeed": "tuinews.demo.site",
    "DemoFile": "tuinews.demo.site",
    "DemoSite": "tuinews.demo.site",
    "build_site": "tuinews.demo.site",
}


def __getattr__(name: str) -> Any:
    """Load the server and site modules when one of their names is first used."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


def _toml_str(text: str) -> str:
    """A TOML basic string (JSON string syntax is a subset TOML accepts)."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def _toml_value(value: str | int) -> str:
    return str(value) if isinstance(value, int) else _toml_str(value)


def demo_config_toml(base_url: str, site: DemoSite) -> str:
    """The demo's config file: every demo feed and scrape rule, grouped by category.

    Args:
        base_url: Origin of the running demo server, e.g. ``http://127.0.0.1:41234``.
        site: The site it serves (its feeds and categories).

    Returns:
        TOML text for the config loader.
    """
    base = base_url.rstrip("/")
    lines = [
        "# tuinews demo configuration: generated, served from " + base,
        'language = "vi"',
        "page_size = 40",
        "refresh_minutes = 30",
    ]
    for category in site.categories:
        lines += ["", "[[category]]", f"name = {_toml_str(category)}"]
        for feed in site.feeds:
            if feed.category != category:
                continue
            lines += ["", "  [[category.feed]]"]
            if feed.kind == "feed":
                lines += [
                    f"  url = {_toml_str(base + feed.path)}",
                    f"  title = {_toml_str(feed.title)}",
                    f"  fulltext = {_toml_str(feed.fulltext)}",
                ]
                continue
            lines += [
                f"  title = {_toml_str(feed.title)}",
                "  [category.feed.scrape]",
                f"  url = {_toml_str(base + feed.path)}",
            ]
            for key, value in feed.scrape.items():
                if key == "page_url" and isinstance(value, str):
                    value = base + value
                lines.append(f"  {key} = {_toml_value(value)}")
    return "\n".join(lines) + "\n"
