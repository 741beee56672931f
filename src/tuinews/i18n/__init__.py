"""UI and CLI strings in Vietnamese and English, and the language choice.

Strings are written in English in the code as ``_("…")``; ``vi.po`` beside this file maps
each to Vietnamese (a translator edits that file, not the code). The language is the
config's ``language``, else the locale (``LC_ALL``/``LC_MESSAGES``/``LANG`` starting with
``vi``), else English. Placeholders use ``{name}`` and are filled after translation.

argparse's own words ("usage:", "options", its error messages) are translated from
``argparse-vi.po`` once :func:`translate_argparse` has run (the CLI does it).
``tests/test_i18n.py`` keeps both catalogs complete and their placeholders matching.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

SUPPORTED = ("en", "vi")
_current: str | None = None


def language_from_env() -> str:
    """The language the locale asks for ("vi" or "en")."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var, "")
        if value:
            return "vi" if value.lower().startswith("vi") else "en"
    return "en"


def set_language(lang: str | None) -> str:
    """Choose the language (None: from the locale); returns the one in force."""
    global _current
    _current = lang if lang in SUPPORTED else language_from_env()
    return _current


def language() -> str:
    """The language in force."""
    return _current if _current is not None else set_language(None)


def _unquote(s: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(s):
        ch = s[i]
        if ch == "\\" and i + 1 < len(s):
            nxt = s[i + 1]
            out.append({"n": "\n", "t": "\t", '"': '"', "\\": "\\"}.get(nxt, nxt))
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def parse_po(text: str) -> dict[str, str]:
    """The msgid → msgstr pairs of a .po file (empty translations are left out)."""
    entries: dict[str, str] = {}
    msgid: list[str] | None = None
    msgstr: list[str] | None = None
    current: list[str] | None = None

    def flush() -> None:
        if msgid is not None and msgstr is not None:
            key = "".join(msgid)
            value = "".join(msgstr)
            if key and value:
                entries[key] = value

    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("msgid "):
            flush()
            msgid, msgstr = [_unquote(line[6:].strip()[1:-1])], None
            current = msgid
        elif line.startswith("msgstr "):
            msgstr = [_unquote(line[7:].strip()[1:-1])]
            current = msgstr
        elif line.startswith('"') and current is not None:
            current.append(_unquote(line[1:-1]))
    flush()
    return entries


@cache
def catalog(lang: str) -> dict[str, str]:
    """The translations for ``lang`` (English: none, the msgids are English)."""
    if lang == "en":
        return {}
    path = Path(__file__).with_name(f"{lang}.po")
    try:
        return parse_po(path.read_text("utf-8"))
    except OSError:
        return {}


def _(msgid: str, /, **values: object) -> str:
    """Translate ``msgid`` into the language in force and fill its ``{placeholders}``."""
    text = catalog(language()).get(msgid, msgid)
    if values:
        try:
            return text.format(**values)
        except (KeyError, IndexError, ValueError):
            return msgid.format(**values)
    return text


# -- argparse ---------------------------------------------------------------------------------


@cache
def argparse_catalog(lang: str) -> dict[str, str]:
    """Translations of Python's argparse messages for ``lang`` (``argparse-{lang}.po``)."""
    if lang == "en":
        return {}
    path = Path(__file__).with_name(f"argparse-{lang}.po")
    try:
        return parse_po(path.read_text("utf-8"))
    except OSError:
        return {}


def _argparse_gettext(message: str) -> str:
    return argparse_catalog(language()).get(message, message)


def _argparse_ngettext(singular: str, plural: str, n: int) -> str:
    return _argparse_gettext(singular if n == 1 else plural)


def translate_argparse() -> None:
    """Make argparse speak the language in force (looked up each time a text is needed).

    argparse fetches every text it prints through the module-level names ``_`` and
    ``ngettext`` it imports from :mod:`gettext`; rebinding those two is its translation
    hook short of compiled ``.mo`` files installed for the whole process. English is
    argparse's own text, unchanged.
    """
    import argparse

    setattr(argparse, "_", _argparse_gettext)  # noqa: B010 - no attribute in the stubs
    setattr(argparse, "ngettext", _argparse_ngettext)  # noqa: B010
