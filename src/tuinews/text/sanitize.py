"""Make untrusted text safe to store and to show in a terminal.

Every string that comes from a feed, a page, an OPML file or a server passes through
:func:`clean_line` (titles, names, URLs: one line) or :func:`clean_block` (bodies: newlines
and tabs kept). Both NFC-normalise and remove

* escape sequences: CSI (``ESC [`` … final byte, and the 8-bit ``0x9B``), OSC
  (``ESC ]`` … BEL/ST, which carries OSC 52 clipboard writes and OSC 8 links), DCS, SOS,
  PM, APC (``ESC P|X|^|_`` … ST) and any other ``ESC x`` pair;
* every remaining C0 and C1 control character and DEL;
* bidirectional embedding, override and isolate controls (U+202A–U+202E,
  U+2066–U+2069), which could reorder how a title is displayed.
"""

from __future__ import annotations

import re
import unicodedata

# A string-terminated sequence: OSC, DCS, SOS, PM, APC, in 7-bit (ESC x) or 8-bit form,
# ended by BEL, ST (ESC \ or 0x9C) or the end of the text (an unterminated one is dropped
# whole: its payload was never meant to be shown).
_STRING_SEQ = r"(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c|$)"
# CSI: ESC [ or 0x9B, parameter and intermediate bytes, one final byte.
_CSI_SEQ = r"(?:\x1b\[|\x9b)[\x20-\x3f]*[\x40-\x7e]?"
# Any other escape: ESC followed by one intermediate-or-final character.
_ESC_PAIR = r"\x1b[\x20-\x7e]?"
_SEQUENCES = re.compile(f"{_STRING_SEQ}|{_CSI_SEQ}|{_ESC_PAIR}")

_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# Anything that needs work: escapes, C0 (but tab/LF/CR), DEL, C1, bidi controls. One C-speed
# search decides; clean text (nearly all of it) costs a single scan.
_BAD_BLOCK = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_BAD_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile(r"[ \u00a0]{2,}")
_MANY_BLANK_LINES = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")


def _strip_sequences(text: str) -> str:
    if "\x1b" in text or _C1_INTRO.search(text):
        return _SEQUENCES.sub("", text)
    return text


_C1_INTRO = re.compile("[\x90-\x9f]")


def clean_line(text: str | None, *, max_len: int = 2000) -> str:
    """One line of safe text: no controls, no escapes, single spaces, NFC, at most ``max_len``.

    Args:
        text: Untrusted text, or None.
        max_len: Longer text is cut and ends with an ellipsis.

    Returns:
        The cleaned text ("" for None).
    """
    if not text:
        return ""
    if _BAD_LINE.search(text):
        text = _BAD_LINE.sub(_line_char, _strip_sequences(text))
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    text = _SPACES.sub(" ", text).strip()
    if len(text) > max_len:
        text = text[: max_len - 1].rstrip() + "…"
    return text


def clean_block(text: str | None, *, max_len: int = 2_000_000) -> str:
    """Multi-line safe text: like :func:`clean_line` but keeps newlines and tabs.

    Runs of blank lines collapse to one blank line.
    """
    if not text:
        return ""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _BAD_BLOCK.search(text):
        text = _BAD_BLOCK.sub("", _strip_sequences(text))
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    text = _MANY_BLANK_LINES.sub("\n\n", text).strip()
    if len(text) > max_len:
        text = text[:max_len]
    return text


def clean_markup(text: str | None, *, max_len: int = 2_000_000) -> str:
    """Safe HTML source to store: no controls or escapes, NFC; spacing left as it is.

    Like :func:`clean_block` without the blank-line pass, which means nothing in HTML and
    would cost a scan of every body on every fetch.
    """
    if not text:
        return ""
    if _BAD_BLOCK.search(text):
        text = _BAD_BLOCK.sub("", _strip_sequences(text))
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text[:max_len] if len(text) > max_len else text


def _line_char(m: re.Match[str]) -> str:
    # Line breaks and tabs become spaces so words do not run together; the rest goes.
    return " " if m.group(0) in "\n\t\r" else ""


def is_safe(text: str, *, block: bool = False) -> bool:
    """True when ``text`` has no control character (but newline/tab in blocks) or bidi control."""
    allowed = "\n\t" if block else ""
    for ch in text:
        o = ord(ch)
        if (o < 0x20 or 0x7F <= o < 0xA0) and ch not in allowed:
            return False
        if ch in _BIDI:
            return False
    return True
