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

:func:`clean_xml_bytes` does the same to XML bytes before any parser sees them (feeds, OPML).
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
# Lone surrogates too (a JSON feed can hold "\\ud800"): they are no text, and no UTF-8.
_BAD_BLOCK = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_BAD_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
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
    if "  " in text or "\xa0" in text:
        text = _SPACES.sub(" ", text)
    text = text.strip()
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
    text = strip_controls(text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    text = _MANY_BLANK_LINES.sub("\n\n", text).strip()
    if len(text) > max_len:
        text = text[:max_len]
    return text


def clean_markup(text: str | None, *, max_len: int = 2_000_000, checked: bool = False) -> str:
    """Safe HTML source to store: no controls or escapes, NFC; spacing left as it is.

    Like :func:`clean_block` without the blank-line pass, which means nothing in HTML and
    would cost a scan of every body on every fetch.

    Args:
        checked: ``text`` comes from a document :func:`xml_yields_clean_text` accepted, so
            it holds no control, escape or bidi character: only NFC is seen to.
    """
    if not text:
        return ""
    if not checked:
        text = strip_controls(text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text[:max_len] if len(text) > max_len else text


def strip_controls(text: str) -> str:
    """``text`` without escape sequences, controls (but tab, LF, CR) and bidi controls."""
    if _BAD_BLOCK.search(text):
        return _BAD_BLOCK.sub("", _strip_sequences(text))
    return text


def _line_char(m: re.Match[str]) -> str:
    # Line breaks and tabs become spaces so words do not run together; the rest goes.
    return " " if m.group(0) in "\n\t\r" else ""


def is_safe(text: str, *, block: bool = False) -> bool:
    """True when ``text`` has no control character (but newline/tab in blocks), bidi control
    or lone surrogate."""
    allowed = "\n\t" if block else ""
    for ch in text:
        o = ord(ch)
        if (o < 0x20 or 0x7F <= o < 0xA0) and ch not in allowed:
            return False
        if 0xD800 <= o <= 0xDFFF:
            return False
        if ch in _BIDI:
            return False
    return True


# -- XML bytes ----------------------------------------------------------------------------------

_XML_ESC_START = re.compile(rb"\x1b|&#0*27;|&#[xX]0*1[bB];")
# A 7-bit escape sequence in raw bytes, the ESC raw or as a character reference. Nothing that
# ends markup is taken after the ESC ("<", "&", quotes, ">"): an ESC at the end of an
# attribute value must not eat its closing quote. Nor a line break (line numbers hold).
_XML_ESC_SEQUENCE = re.compile(
    rb"(?:\x1b|&#0*27;|&#[xX]0*1[bB];)"
    rb"(?:[\]PX^_][^\x07\x1b\n<&\"'>]*(?:\x07|\x1b\\|&#0*7;)?"
    rb"|\[[\x20\x21\x23-\x25\x28-\x3b\x3d\x3f]*[\x40-\x7e]?"
    rb"|[\x20\x21\x23-\x25\x28-\x3b\x3d\x3f-\x7e])?"
)
# C0 controls XML 1.0 forbids, raw.
_XML_RAW_C0_BYTES = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])
# Character references to what XML 1.0 forbids: C0 controls but tab/LF/CR (these go), and
# surrogates, U+FFFE/U+FFFF and past U+10FFFF (these become U+FFFD).
_XML_BAD_CHAR_REF = re.compile(
    rb"&#(?:0*(?P<c0>[0-8]|1[1-24-9]|2[0-9]|3[01])"
    rb"|[xX]0*(?P<c0x>[0-8]|[bBcCeEfF]|1[0-9a-fA-F])"
    rb"|0*(?:5529[6-9]|55[3-9][0-9]{2}|56[0-9]{3}|57[0-2][0-9]{2}|573[0-3][0-9]|5734[0-3]"
    rb"|6553[45]|111411[2-9]|11141[2-9][0-9]|1114[2-9][0-9]{2}|111[5-9][0-9]{3}"
    rb"|11[2-9][0-9]{4}|1[2-9][0-9]{5}|[2-9][0-9]{6})"
    rb"|[xX]0*(?:[dD][89a-fA-F][0-9a-fA-F]{2}|[fF]{3}[eEfF]|1[1-9a-fA-F][0-9a-fA-F]{4}"
    rb"|[2-9a-fA-F][0-9a-fA-F]{5}));"
)


def _char_ref_replacement(m: re.Match[bytes]) -> bytes:
    # A control character goes (clean_line would drop it anyway); an impossible one is U+FFFD.
    return b"" if m.group("c0") or m.group("c0x") else b"&#xFFFD;"


def clean_xml_bytes(data: bytes) -> bytes:
    """XML (UTF-8 or an ASCII-compatible encoding) made safe for a recovering parser.

    * Terminal escape sequences, raw or written as character references (``&#27;[31m``),
      are cut out whole: a parser would drop the ESC and leave ``[31m`` or an OSC 52 payload
      behind as visible text.
    * Then every C0 control XML 1.0 forbids goes, raw or as a reference (``&#0;``), and a
      reference to a surrogate, U+FFFE/U+FFFF or past U+10FFFF becomes U+FFFD. One of them
      anywhere sends libxml2 into a recovery that loses text: fastfeedparser then reads every
      escaped HTML body of the feed without its tags' ``<`` ("<p>text</p>" as "ptext/p"),
      and an OPML outline with one in an attribute disappears.

    Clean input (nearly all of it) costs three C-speed scans and no copy.
    """
    # memchr-speed checks first: these run over every byte of every feed fetched ("#" is
    # rare in feeds, "&" is in every escaped tag).
    refs = b"#" in data and b"&#" in data
    if (refs or b"\x1b" in data) and _XML_ESC_START.search(data):
        data = _XML_ESC_SEQUENCE.sub(b"", data)
    without_c0 = data.translate(None, _XML_RAW_C0_BYTES)
    if len(without_c0) != len(data):
        data = without_c0
    if refs and _XML_BAD_CHAR_REF.search(data):
        data = _XML_BAD_CHAR_REF.sub(_char_ref_replacement, data)
    return data


# What could still become a character clean_markup removes, once clean_xml_bytes is done:
# DEL and C1 controls and bidi controls, raw in UTF-8 or as a numeric reference. A reference
# counts wherever it stands, "&amp;#x202E;" included: a parser or a later HTML pass may
# decode it.
_UTF8_C1 = re.compile(rb"\xc2[\x80-\x9f]")
_UTF8_BIDI = re.compile(rb"\xe2(?:\x80[\xaa-\xae]|\x81[\xa6-\xa9])")
_BAD_NUMBER_REF = re.compile(
    rb"#(?:0*(?:12[7-9]|1[3-5][0-9]|823[4-8]|829[4-7])"
    rb"|[xX]0*(?:7[fF]|[89][0-9a-fA-F]|202[a-eA-E]|206[6-9]));"
)


def xml_yields_clean_text(data: bytes) -> bool:
    """Whether no string parsed from these UTF-8 XML bytes can hold a character that
    :func:`clean_markup` removes, so that its per-string scan can be skipped.

    ``data`` must have been through :func:`clean_xml_bytes` (no C0 control, raw or as a
    reference, no escape sequence is left) and be read as UTF-8, where a byte that is not
    valid UTF-8 becomes U+FFFD. A document in a single-byte encoding must not come here:
    in ISO-8859-1 a lone byte 0x85 is the control U+0085. A few C-speed scans of the
    document replace one regular-expression scan of every body in it.
    """
    if b"\x7f" in data or b"\x1b" in data:
        return False
    if b"\xc2" in data and _UTF8_C1.search(data):
        return False
    if b"\xe2" in data and _UTF8_BIDI.search(data):
        return False
    return not (b"#" in data and _BAD_NUMBER_REF.search(data))
