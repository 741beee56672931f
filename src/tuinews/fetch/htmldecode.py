"""Turn the bytes of a fetched page into text, honouring the page's declared encoding.

The order follows what browsers do (the WHATWG encoding sniffing rules, simplified):

1. a byte-order mark (UTF-8, UTF-16 LE/BE) wins over everything;
2. then the ``charset=`` parameter of the HTTP ``Content-Type`` header;
3. then a ``<meta charset>`` or ``<meta http-equiv="Content-Type" content="…; charset=…">``
   in the first 4 KB (comments skipped);
4. else UTF-8, falling back to a legacy single-byte code page only when the bytes are clearly
   not UTF-8: windows-1258 when they look like Vietnamese, windows-1252 otherwise.

Two deliberate departures from the browser rules, both for Vietnamese sites:

* Servers often send a default ``charset=ISO-8859-1`` for pages that are really UTF-8. A
  page labelled latin-1/windows-1252/ASCII whose bytes are valid UTF-8 and contain non-ASCII
  text is read as UTF-8: real Western single-byte text almost never forms valid multi-byte
  UTF-8 sequences, while the mislabelled case is common.
* VISCII (RFC 1456), still found on old Vietnamese pages, has no Python codec; it is decoded
  here with its own table. TCVN3 (VN3) is not supported: its fonts-as-encoding scheme has
  several incompatible variants, and a page declaring it is read as if undeclared.

Windows-1258 stores tone marks as combining characters, so text decoded from it (or from
VISCII) is normalised to NFC; UTF-8 text is returned as sent, since checking a whole page
costs more than decoding it and every string taken from the page is NFC-cleaned anyway.
Decoding never raises: invalid bytes become U+FFFD.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

__all__ = ["decode_html", "resolve_charset"]

# How far into the document a <meta> charset declaration is looked for. Browsers stop at
# 1024 bytes; Vietnamese portals often put long <script>/<link> runs first, so look further.
META_SCAN_BYTES = 4096

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# VISCII (RFC 1456): ASCII except six C0 positions, plus 128 letters in 0x80-0xFF.
_VISCII_C0 = {0x02: "Ẳ", 0x05: "Ẵ", 0x06: "Ẫ", 0x14: "Ỷ", 0x19: "Ỹ", 0x1E: "Ỵ"}
_VISCII_HIGH = (
    "ẠẮẰẶẤẦẨẬẼẸẾỀỂỄỆỐ"  # 0x80
    "ỒỔỖỘỢỚỜỞỊỎỌỈỦŨỤỲ"  # 0x90
    "Õắằặấầẩậẽẹếềểễệố"  # 0xA0
    "ồổỗỠƠộờởịỰỨỪỬơớƯ"  # 0xB0
    "ÀÁÂÃẢĂẳẵÈÉÊẺÌÍĨỳ"  # 0xC0
    "ĐứÒÓÔạỷừửÙÚỹỵÝỡư"  # 0xD0
    "àáâãảăữẫèéêẻìíĩỉ"  # 0xE0
    "đựòóôõỏọụùúũủýợỮ"  # 0xF0
)
_VISCII_TABLE = "".join(_VISCII_C0.get(i, chr(i)) for i in range(128)) + _VISCII_HIGH

# Labels browsers treat specially (WHATWG "Encodings" table, the part that matters here).
# Anything else goes through Python's own alias table.
_LABELS = {
    "utf8": "utf-8",
    "utf-8": "utf-8",
    "unicode-1-1-utf-8": "utf-8",
    "x-unicode20utf8": "utf-8",
    # Browsers decode all of these as windows-1252 (a superset of latin-1 and ASCII).
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "iso_8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "windows-1252": "cp1252",
    "cp1252": "cp1252",
    "x-cp1252": "cp1252",
    "windows-1258": "cp1258",
    "cp1258": "cp1258",
    "x-cp1258": "cp1258",
    "viscii": "viscii",
    "csviscii": "viscii",
    "viscii1.1-1": "viscii",
    "x-viet-viscii": "viscii",
    "utf-16": "utf-16-le",
    "utf-16le": "utf-16-le",
    "utf-16-le": "utf-16-le",
    "utf-16be": "utf-16-be",
    "utf-16-be": "utf-16-be",
}
# Single-byte labels under which a page that is valid UTF-8 is read as UTF-8 (see above).
_MISLABEL_PRONE = frozenset({"cp1252"})

_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([^"';,\s]+)""", re.IGNORECASE)
_META_CHARSET = re.compile(
    rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:\-]+)""", re.IGNORECASE
)
_COMMENT = re.compile(rb"<!--.*?(?:-->|$)", re.DOTALL)

# windows-1258 bytes of the five combining tone marks (grave, acute, tilde, hook, dot below).
_CP1258_TONES = frozenset(b"\xcc\xec\xde\xd2\xf2")


def resolve_charset(label: str | None) -> str | None:
    """Map a charset label from a header or a page to a codec name, or None when unknown.

    Args:
        label: A label such as ``"UTF-8"``, ``"windows-1258"``, ``"VISCII"``.

    Returns:
        A Python codec name, ``"viscii"`` (decoded by this module), or None for an empty,
        unknown or unsupported label (TCVN3, ``x-user-defined``…).
    """
    if not label:
        return None
    name = label.strip().strip("\"'").lower()
    if name in _LABELS:
        return _LABELS[name]
    if "tcvn" in name or name in ("vn3", "x-user-defined"):
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _header_charset(content_type: str | None) -> str | None:
    if not content_type:
        return None
    match = _HEADER_CHARSET.search(content_type)
    return match.group(1) if match else None


def _meta_charset(body: bytes) -> str | None:
    head = _COMMENT.sub(b"", body[:META_SCAN_BYTES])
    match = _META_CHARSET.search(head)
    return match.group(1).decode("ascii", "replace") if match else None


def _decode_with(body: bytes, codec: str) -> str:
    if codec == "viscii":
        return codecs.charmap_decode(body, "replace", _VISCII_TABLE)[0]
    return body.decode(codec, "replace")


def _looks_vietnamese_cp1258(body: bytes) -> bool:
    """True when legacy bytes carry windows-1258 tone marks after letters, as Vietnamese does."""
    tones = 0
    prev = 0
    for byte in body:
        # A tone mark follows a vowel: an ASCII letter or a windows-1258 letter (>= 0xC0).
        if byte in _CP1258_TONES and (0x41 <= prev <= 0x7A or prev >= 0xC0):
            tones += 1
            if tones >= 3:
                return True
        prev = byte
    return False


def _sniff(body: bytes) -> tuple[str, str]:
    """Decode undeclared bytes: UTF-8 unless it fails badly, then a legacy code page.

    Returns:
        The text and the codec used.
    """
    try:
        return body.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    text = body.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    high = sum(1 for byte in body if byte >= 0x80)
    # A few broken bytes in an otherwise UTF-8 page (a truncated multi-byte character, one
    # pasted latin-1 word) are not worth switching code pages for.
    if high and bad / high < 0.05:
        return text, "utf-8"
    codec = "cp1258" if _looks_vietnamese_cp1258(body) else "cp1252"
    return body.decode(codec, "replace"), codec


def _is_utf8_with_non_ascii(body: bytes) -> bool:
    if body.isascii():
        return False
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def decode_html(body: bytes, content_type: str | None = None) -> str:
    """Decode a fetched HTML page.

    Args:
        body: The raw bytes, as received (after content-encoding such as gzip).
        content_type: The HTTP ``Content-Type`` header, if any.

    Returns:
        The page text (NFC when it came from windows-1258 or VISCII); undecodable bytes
        become U+FFFD.
    """
    text: str | None = None
    codec_name: str | None = None
    for bom, codec in _BOMS:
        if body.startswith(bom):
            text = body[len(bom) :].decode(codec, "replace")
            break
    if text is None:
        codec_name = resolve_charset(_header_charset(content_type))
        if codec_name is None:
            meta = resolve_charset(_meta_charset(body))
            # A page whose <meta> could be read as ASCII is not UTF-16, whatever it says.
            codec_name = "utf-8" if meta in ("utf-16-le", "utf-16-be") else meta
        if codec_name in _MISLABEL_PRONE and _is_utf8_with_non_ascii(body):
            codec_name = "utf-8"
        if codec_name:
            text = _decode_with(body, codec_name)
        else:
            text, codec_name = _sniff(body)
    # See the module docstring for why only the legacy code pages are normalised here.
    if codec_name in ("cp1258", "viscii") and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text
