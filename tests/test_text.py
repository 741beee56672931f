"""Sanitising untrusted text and folding Vietnamese for search."""

from __future__ import annotations

import unicodedata

import pytest

from tuinews.text.fold import fold
from tuinews.text.sanitize import clean_block, clean_line, is_safe

HOSTILE = [
    ("CSI colour", "a\x1b[31mred\x1b[0m", "ared"),
    ("OSC 52 clipboard", "x\x1b]52;c;cm0gLXJmIH4=\x07y", "xy"),
    ("OSC 8 link", "\x1b]8;;file:///etc/passwd\x1b\\click\x1b]8;;\x1b\\", "click"),
    ("DCS", "a\x1bPq#0;2;0;0;0\x1b\\b", "ab"),
    ("APC", "a\x1b_Gf=100;AAAA\x1b\\b", "ab"),
    ("bare ESC", "a\x1bcb", "ab"),
    ("8-bit CSI", "a\x9b31mb", "ab"),
    ("C1 NEL", "a\x85b", "ab"),
    ("NUL and BEL", "a\x00b\x07c", "abc"),
    ("bidi override", "abc\u202edcba\u202c", "abcdcba"),
    ("bidi isolate", "\u2067x\u2069", "x"),
    ("unterminated OSC", "safe\x1b]0;title without end", "safe"),
    ("DEL", "a\x7fb", "ab"),
]


@pytest.mark.parametrize(("name", "raw", "want"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_escape_sequences_and_controls_never_survive(name: str, raw: str, want: str) -> None:
    assert clean_line(raw) == want
    assert is_safe(clean_line(raw)) and is_safe(clean_block(raw), block=True)


def test_lines_and_blocks() -> None:
    assert clean_line("  Tin\tmới\n  nhất  ") == "Tin mới nhất"
    assert clean_block("a\r\n\r\n\r\n\r\nb\tc") == "a\n\nb\tc"
    assert clean_line("x" * 50, max_len=10) == "x" * 9 + "…"


def test_nfc_normalised() -> None:
    nfd = unicodedata.normalize("NFD", "Điện Biên Phủ")
    assert clean_line(nfd) == "Điện Biên Phủ" and unicodedata.is_normalized("NFC", clean_line(nfd))


def test_markup_is_left_as_text() -> None:
    assert clean_line("[bold]x[/") == "[bold]x[/"


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Điện Biên", "dien bien"),
        ("ĐẢNG ỦY", "dang uy"),
        ("hoá", "hoa"),
        ("hóa", "hoa"),
        ("thuỷ", "thuy"),
        ("thủy", "thuy"),
        (unicodedata.normalize("NFD", "Nguyễn Thị Hằng"), "nguyen thi hang"),
        ("Cần Thơ 2026", "can tho 2026"),
    ],
)
def test_vietnamese_folding(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_hidden_parts_are_seen_in_any_letter_case() -> None:
    from tuinews.text.html import has_hidden_parts

    hidden = [
        "<!-- note -->",
        "<!--x",
        "<script>x</script>",
        "<SCRIPT src=a>",
        "<Style>",
        "<sVg width=1>",
        "<template>",
        "<NoScript>",
        "<iframe/>",
        "<math>",
        "<svg>",
    ]
    for markup in hidden:
        assert has_hidden_parts("<p>Tin</p>" + markup), markup
    shown = [
        "<p>x</p>",
        "<scripts>",
        "<styles>",
        "< script>",
        "&lt;script&gt;",
        "<span>",
        "<s>gạch</s>",
        "<mathematics>",
        "<!- x ->",
        "<i>frame</i>",
    ]
    for markup in shown:
        assert not has_hidden_parts("<p>Tin</p>" + markup), markup


def test_visible_longer_than_agrees_with_visible_length() -> None:
    import random

    from tuinews.text.html import visible_length, visible_longer_than

    rng = random.Random(7)
    for _ in range(2000):
        n = rng.randrange(0, 400)
        words = "".join(rng.choice("ab \n\t\xa0đ") for _ in range(n))
        limit = rng.randrange(0, 200)
        assert visible_longer_than(words, limit) == (visible_length(words) > limit), (words, limit)
