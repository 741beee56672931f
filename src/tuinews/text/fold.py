"""Vietnamese folding for search.

``fold("Điện Biên")`` gives ``"dien bien"``: NFC/NFD input alike, lower case, every
combining mark removed (so old and new tone placement, ``hoá``/``hóa``, fold the same),
``đ``/``Đ`` → ``d``. The search index holds folded text and queries are folded the same way.

:data:`FOLD_VERSION` changes whenever the output of :func:`fold` changes; the store
rebuilds its index when it sees a new version.
"""

from __future__ import annotations

import unicodedata

FOLD_VERSION = 1

_TABLE: dict[int, int | None] = {c: None for c in range(0x0300, 0x0370)}  # combining marks
_TABLE.update({ord("đ"): ord("d"), ord("Đ"): ord("d"), ord("ð"): ord("d"), ord("Ð"): ord("d")})


def fold(text: str | None) -> str:
    """Fold ``text`` for diacritic-insensitive Vietnamese search."""
    if not text:
        return ""
    return unicodedata.normalize("NFD", text).translate(_TABLE).lower()


def index_text(text: str | None) -> str:
    """Text as the search index receives it: only đ/Đ (and the look-alike ð/Ð) → d.

    The FTS5 tokenizer (``unicode61 remove_diacritics 2``) folds case and every mark that
    decomposes, which is all of Vietnamese but đ; doing that part in C is ~10x cheaper than
    :func:`fold` on whole article bodies. Queries use :func:`fold`, which agrees with it.
    """
    if not text:
        return ""
    return text.replace("đ", "d").replace("Đ", "D").replace("ð", "d").replace("Ð", "D")


def nfc(text: str) -> str:
    """NFC form of ``text`` (exact, diacritic-sensitive comparisons use this)."""
    return unicodedata.normalize("NFC", text)
