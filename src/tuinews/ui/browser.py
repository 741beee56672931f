"""Opening a link in the user's browser: http(s) only, never through a shell.

``$BROWSER`` (a ``:``-separated list of commands, ``%s`` standing for the URL) wins;
otherwise the desktop's opener when there is a desktop (``open`` on macOS, ``xdg-open``
under X11/Wayland). Over a bare SSH session there is none, and the caller copies the link
instead. Console browsers (lynx, w3m…) need the terminal, so the caller runs them with
the app suspended. No Textual import.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from dataclasses import dataclass
from pathlib import PurePath
from urllib.parse import urlsplit

CONSOLE_BROWSERS = frozenset(
    {"lynx", "w3m", "links", "links2", "elinks", "browsh", "carbonyl", "www-browser"}
)


@dataclass(slots=True, frozen=True)
class BrowserCommand:
    """How to open one URL."""

    argv: list[str]
    console: bool
    """The browser runs in this terminal: suspend the app while it runs."""


def is_web_url(url: str) -> bool:
    """True for an absolute http(s) URL with a host and no spaces or control characters."""
    if not url or any(ord(c) < 0x21 or c == "\x7f" for c in url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def browser_command(url: str, environ: dict[str, str] | None = None) -> BrowserCommand | None:
    """The command that opens ``url``, or None when this machine has no way to.

    Args:
        url: An http(s) URL (check it with :func:`is_web_url` first).
        environ: The environment to read (default: ``os.environ``).
    """
    env = os.environ if environ is None else environ
    for entry in env.get("BROWSER", "").split(os.pathsep):
        try:
            argv = shlex.split(entry)
        except ValueError:
            continue
        if not argv or shutil.which(argv[0]) is None:
            continue
        if any("%s" in arg for arg in argv[1:]):
            argv = [argv[0], *(arg.replace("%s", url) for arg in argv[1:])]
        else:
            argv.append(url)
        return BrowserCommand(argv, PurePath(argv[0]).name in CONSOLE_BROWSERS)
    if sys.platform == "darwin" and shutil.which("open"):
        return BrowserCommand(["open", url], False)
    if (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")) and shutil.which("xdg-open"):
        return BrowserCommand(["xdg-open", url], False)
    return None
