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
_C0 = "".join(chr(c) for c in range(0x20))
_C1 = "".join(chr(c) for c in range(0x7F, 0xA0))

# Lines: every control goes; newline/tab/CR become a space so words do not run together.
_LINE_TABLE = str.maketrans(
    {**{c: None for c in _C0 + _C1 + _BIDI}, "\n": " ", "\t": " ", "\r": " "}
)
# Blocks: newline and tab stay, CR goes (CRLF becomes LF).
_BLOCK_TABLE = str.maketrans({c: None for c in _C0 + _C1 + _BIDI if c not in "\n\t"})
_SPACES = re.compile(r"[ \u00a0]{2,}")
_MANY_BLANK_LINES = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")


def _strip_sequences(text: str) -> str:
    if "\x1b" in text or any("\x90" <= ch <= "\x9f" for ch in text):
        return _SEQUENCES.sub("", text)
    return text


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
    text = _strip_sequences(text).translate(_LINE_TABLE)
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
    text = _strip_sequences(text).replace("\r\n", "\n").translate(_BLOCK_TABLE)
    text = unicodedata.normalize("NFC", text)
    text = _MANY_BLANK_LINES.sub("\n\n", text).strip()
    if len(text) > max_len:
        text = text[:max_len]
    return text


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
