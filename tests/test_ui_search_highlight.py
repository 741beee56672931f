"""Search marks in headlines: "=" queries mark only what the exact search matches."""

from __future__ import annotations

import unicodedata

from tuinews.store.search import exact_contains
from tuinews.ui.text import match_spans, search_terms

TITLE = "Đà Nẵng, Da Lat và Dạ hội ở Đào Viên"


def marked(text: str, query: str) -> list[str]:
    return [text[s:e] for s, e in match_spans(text, search_terms(query))]


def test_exact_marks_only_the_diacritics_as_typed() -> None:
    assert marked(TITLE, "=Đà") == ["Đà"]
    assert marked(TITLE, "=Da") == ["Da"]
    assert marked(TITLE, "=Dạ") == ["Dạ"]
    assert marked(TITLE, "=đà") == ["Đà"]  # case is still ignored
    # Without "=", diacritics are ignored as in the search: every "da" is marked.
    assert marked(TITLE, "Đà") == ["Đà", "Da", "Dạ"]
    assert marked(TITLE, "da") == ["Đà", "Da", "Dạ"]


def test_exact_marks_agree_with_the_search_test() -> None:
    words = ["Đà", "Da", "Dạ", "Đào", "Nẵng", "hội"]
    for query in words:
        for word in words:
            hit = bool(match_spans(word, search_terms("=" + query)))
            assert hit == exact_contains(word, query), (query, word)


def test_exact_tone_placement_phrases_and_prefixes() -> None:
    assert marked("Hoá học và hóa chất", "=hoá") == ["Hoá", "hóa"]  # old and new placement
    assert marked("Thuỷ điện, thủy lợi, Thụy Sĩ", "=thủy") == ["Thuỷ", "thủy"]
    text = "Điện Biên, Dien Bien và Điện Biên Phủ"
    assert marked(text, '="Điện Biên"') == ["Điện Biên", "Điện Biên"]
    assert marked("Đà Lạt, Đàng Ngoài, Đang", "=Đà*") == ["Đà", "Đàng"]
    assert marked(TITLE, "=Đà -Dạ") == ["Đà"]  # exclusions are never marked


def test_exact_marks_in_nfd_text_cover_the_whole_letter() -> None:
    nfd = unicodedata.normalize("NFD", TITLE)
    spans = match_spans(nfd, search_terms("=Đà"))
    assert [unicodedata.normalize("NFC", nfd[s:e]) for s, e in spans] == ["Đà"]
    assert match_spans(unicodedata.normalize("NFD", "Đà"), search_terms("da")) == [(0, 3)]


def test_terms_stay_plain_pairs_for_their_users() -> None:
    terms = search_terms("=Đà lat*")
    assert list(terms) == [("da", False), ("lat", True)]
    assert isinstance(terms, tuple)
    assert search_terms("=Đà") is search_terms("=Đà")  # cached per query
