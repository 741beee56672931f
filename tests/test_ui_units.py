"""The UI's pure parts: cell fitting, search marks, the pager window, links, the catalog."""

from __future__ import annotations

import ast
import unicodedata
from pathlib import Path

import pytest
from rich.cells import cell_len

from tuinews.i18n import catalog
from tuinews.ui.browser import browser_command, is_web_url
from tuinews.ui.data import CAPTION_MARK, prepare_body
from tuinews.ui.text import display_line, fit, fit_pieces, match_spans, search_terms
from tuinews.ui.widgets.headline_list import page_window, pager_content

UI = Path(__file__).resolve().parents[1] / "src" / "tuinews" / "ui"


@pytest.mark.parametrize(
    "text",
    [
        "Thủ tướng chủ trì hội nghị",
        "中文标题 漢字テスト",
        "emoji 👨‍👩‍👧 🇻🇳 ❤️ here",
        unicodedata.normalize("NFD", "Điện Biên Phủ"),
        "",
    ],
)
@pytest.mark.parametrize("width", [1, 2, 5, 9, 10, 30])
def test_fit_is_exact_in_cells(text: str, width: int) -> None:
    shown = fit(display_line(text), width)
    assert cell_len(shown) == width


def test_fit_marks_a_cut() -> None:
    assert fit("abcdef", 4) == "abc…"
    assert fit("ab", 4) == "ab  "
    assert fit("漢字漢字", 5) == "漢字…"
    assert fit("漢字漢字", 4) == "漢 …"  # a wide character never straddles the edge


def test_display_line_removes_controls_and_normalises() -> None:
    assert display_line("a\x1b[31mred\x1b[0m\x07 b") == "ared b"
    assert display_line(unicodedata.normalize("NFD", "Điện")) == "Điện"


def test_fit_pieces() -> None:
    pieces = [("ab", 1), ("cd", 2), ("ef", 3)]
    assert fit_pieces(pieces, 8, 0) == [*pieces, ("  ", 0)]
    assert fit_pieces(pieces, 4, 0) == [("ab", 1), ("c", 2), ("…", 2)]


def test_search_marks_fold_diacritics() -> None:
    title = "Điện Biên: lễ hội hoa ban ở Điện Biên Phủ"
    spans = match_spans(title, search_terms("dien bien"))
    assert [title[s:e] for s, e in spans] == ["Điện", "Biên", "Điện", "Biên"]
    assert match_spans("Hoá học", search_terms("hóa")) == [(0, 3)]
    nfd = unicodedata.normalize("NFD", "Điện Biên")
    assert [nfd[s:e] for s, e in match_spans(nfd, search_terms("bien"))] == [
        unicodedata.normalize("NFD", "Biên")
    ]
    # Whole words only, unless the term ends in *.
    assert match_spans("Biên bản", search_terms("bie")) == []
    assert match_spans("Biên bản", search_terms("bie*")) == [(0, 4)]
    assert match_spans("x", search_terms("-x unread feed:x")) == []


def test_page_window() -> None:
    assert page_window(1, 5) == [1, 2, 3, 4, 5]
    assert page_window(1, 17) == [1, 2, 3, 4, 5, 6, 7, None, 17]
    assert page_window(9, 17) == [1, None, 7, 8, 9, 10, 11, None, 17]
    assert page_window(17, 17) == [1, None, 11, 12, 13, 14, 15, 16, 17]
    assert page_window(3, 5000) == [1, 2, 3, 4, 5, 6, 7, None, 5000]


def test_pager_fits_its_width() -> None:
    for width in (30, 50, 80, 120):
        bar = pager_content(2500, 5000, 250_000, width=width)
        assert bar.cell_length <= width
        assert "2500" in bar.plain


def test_links_are_numbered_and_captions_marked() -> None:
    body = (
        "Xem [trang chủ](https://a.vn/) và [chi \\[tiết\\]](https://a.vn/x) rồi "
        "[trang chủ](https://a.vn/) <https://b.vn/y>.\n\n"
        "[Ảnh: Quang cảnh \\*hội nghị\\*](https://a.vn/p.jpg)\n\n"
        "[Ảnh: Chỉ chú thích]\n\n"
        "[Ảnh](https://a.vn/no-caption.jpg)\n\n"
        "![Ảnh vệ tinh](https://a.vn/sat.png)\n\n"
        "```\n[not](https://code.example/)\n```"
    )
    markdown, links = prepare_body(body)
    assert links == ["https://a.vn/", "https://a.vn/x", "https://b.vn/y"]
    assert "[trang chủ](https://a.vn/) \\[1\\]" in markdown
    assert "(https://a.vn/x) \\[2\\]" in markdown
    assert markdown.count("\\[1\\]") == 2
    assert "<https://b.vn/y> \\[3\\]" in markdown
    assert f"*{CAPTION_MARK} Quang cảnh \\*hội nghị\\**" in markdown
    assert f"*{CAPTION_MARK} Chỉ chú thích*" in markdown
    assert "no-caption" not in markdown
    assert f"*{CAPTION_MARK} Ảnh vệ tinh*" in markdown
    assert "[not](https://code.example/)\n" in markdown  # code is left alone


def test_only_web_urls_open() -> None:
    assert is_web_url("https://vnexpress.net/a.html")
    assert is_web_url("http://127.0.0.1:8080/")
    for bad in (
        "file:///etc/passwd",
        "javascript:alert(1)",
        "https://",
        "ftp://x/",
        "https://a b/",
        "https://a/\x1b[31m",
        "",
    ):
        assert not is_web_url(bad)


def test_browser_command_never_uses_a_shell() -> None:
    env = {"BROWSER": "definitely-not-installed-x:echo --new %s"}
    cmd = browser_command("https://a.vn/$(rm -rf ~);x", env)
    assert cmd is not None
    assert cmd.argv[0] == "echo" and cmd.argv[-1] == "https://a.vn/$(rm -rf ~);x"
    assert cmd.argv == ["echo", "--new", "https://a.vn/$(rm -rf ~);x"]
    assert not cmd.console


def _ui_msgids() -> set[str]:
    ids: set[str] = set()
    for path in UI.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("_", "N_")
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                ids.add(node.args[0].value)
    return ids


def test_every_ui_string_has_a_vietnamese_translation() -> None:
    ids = _ui_msgids()
    assert len(ids) > 100
    missing = sorted(i for i in ids if i not in catalog("vi"))
    assert not missing, missing


def test_translations_keep_their_placeholders() -> None:
    import re

    vi = catalog("vi")
    for msgid in _ui_msgids():
        wanted = set(re.findall(r"\{(\w+)\}", msgid))
        assert set(re.findall(r"\{(\w+)\}", vi[msgid])) == wanted, msgid
