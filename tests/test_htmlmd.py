"""HTML → Markdown/text for feed bodies: structure, links, images, escaping, junk, speed."""

from __future__ import annotations

import random
import time
import unicodedata

import pytest

from tests.realworld import manifest_items, require_realworld
from tuinews.fetch.htmlmd import convert_html, html_to_markdown, html_to_text, looks_like_html
from tuinews.text.sanitize import is_safe

BASE = "https://bao.example.vn/thoi-su/bai-viet.html"


def md(html: str, **kw: object) -> str:
    return html_to_markdown(html, base_url=BASE, **kw)  # type: ignore[arg-type]


# -- structure -------------------------------------------------------------------------------


def test_paragraphs_and_headings() -> None:
    out = md("<h1>Tiêu đề</h1><p>Đoạn một.</p><div>Đoạn hai.</div><h4>Nhỏ <b>đậm</b></h4>")
    assert out == "## Tiêu đề\n\nĐoạn một.\n\nĐoạn hai.\n\n### Nhỏ đậm"


def test_nested_lists_and_ordered_start() -> None:
    out = md(
        "<ul><li>a<ul><li>b</li><li>c</li></ul></li><li>d</li></ul>"
        "<ol start='3'><li>x</li><li>y</li></ol>"
    )
    assert out == "- a\n  - b\n  - c\n- d\n\n3. x\n4. y"


def test_list_item_with_paragraphs_is_indented() -> None:
    assert md("<ol><li><p>một</p><p>hai</p></li></ol>") == "1. một\n\n   hai"


def test_quotes_nest() -> None:
    assert md("<blockquote><p>q1</p><blockquote>q2</blockquote></blockquote>") == (
        "> q1\n>\n> > q2"
    )


def test_bold_em_code_sparingly() -> None:
    out = md(
        "<p><b>đậm</b> <em>nghiêng</em> <code>x = 1</code> <b>a<b>b</b></b> Việt<em>Nam</em></p>"
    )
    assert out == "**đậm** _nghiêng_ `x = 1` **ab** Việt*Nam*"


def test_br_is_hard_break_and_double_br_new_paragraph() -> None:
    assert md("dòng 1<br>dòng 2<br><br>đoạn 2") == "dòng 1  \ndòng 2\n\nđoạn 2"


def test_pre_is_fenced_and_kept() -> None:
    out = md("<pre>  def f():\n      return 1<br>x ``` y</pre>")
    assert out == "````\n  def f():\n      return 1\nx ``` y\n````"


def test_tables_become_rows() -> None:
    out = md(
        "<table><tr><th>a</th><th>b</th><th>c</th></tr><tr><td>1</td><td>2</td>"
        "<td>3</td></tr></table>"
    )
    assert out == "a | b | c  \n1 | 2 | 3"


def test_single_cell_layout_table_keeps_paragraphs() -> None:
    assert md("<table><tr><td><p>một</p><p>hai</p></td></tr></table>") == "một\n\nhai"


def test_dropped_elements() -> None:
    out = md(
        "<p>trước</p><script>alert(1)</script><style>p{}</style>"
        "<iframe src='https://x/'>iframe</iframe><form><input value='v'>"
        "<button>Gửi</button></form><noscript>ns</noscript><p>sau</p>"
    )
    assert out == "trước\n\nsau"


def test_entities_and_whitespace() -> None:
    out = md("<p>  AT&amp;T &nbsp;&nbsp; caf&eacute;\n\n  x\u200by &#7897;</p>")
    assert out == "AT&T café xy ộ"


# -- links -------------------------------------------------------------------------------------


def test_links_resolved_and_unsafe_ones_plain() -> None:
    out = md(
        '<p><a href="/a?x=1&amp;y=2">tương đối</a> <a href="https://b.vn/">tuyệt đối</a> '
        '<a href="javascript:alert(1)">js</a> <a href="data:text/html,x">data</a> '
        '<a href="#top">neo</a> <a href="mailto:a@b.vn">thư</a> <a>trống</a> '
        '<a href="/p (1).html">ngoặc</a></p>'
    )
    assert out == (
        "[tương đối](https://bao.example.vn/a?x=1&y=2) [tuyệt đối](https://b.vn/) js data neo "
        "[thư](mailto:a@b.vn) trống [ngoặc](https://bao.example.vn/p%20%281%29.html)"
    )


def test_relative_link_without_base_is_plain() -> None:
    assert html_to_markdown('<a href="/x">chữ</a>') == "chữ"


def test_link_text_brackets_escaped_and_no_emphasis_inside() -> None:
    assert md('<a href="/x">[Video] <b>đậm</b></a>') == (
        "[\\[Video\\] đậm](https://bao.example.vn/x)"
    )


def test_link_around_heading() -> None:
    assert md('<a href="/x"><h3>Tin</h3></a>') == "### [Tin](https://bao.example.vn/x)"


# -- images ----------------------------------------------------------------------------------


def test_figure_with_caption() -> None:
    conv = convert_html(
        '<figure><img src="/i/a.jpg" alt="alt"><figcaption>Chú <b>thích</b>. Ảnh: TTXVN'
        "</figcaption></figure><p>Sau.</p>",
        base_url=BASE,
    )
    assert conv.markdown == "[Ảnh: Chú thích. Ảnh: TTXVN]\n\nSau."
    assert conv.image_url == "https://bao.example.vn/i/a.jpg"
    assert conv.image_caption == "Chú thích. Ảnh: TTXVN"


def test_images_alt_url_pixel_icon_lazy() -> None:
    out = md(
        '<p>a<img src="b.jpg">c</p><img src="c.jpg" alt="Mô tả">'
        '<img src="t.gif" width="1" height="1"><p>x<img src="e.png" alt=":)" width="16" '
        'height="16">y</p><img src="data:image/gif;base64,AAAA" data-src="/lazy.jpg">'
        '<img src="javascript:x">'
    )
    assert out == (
        "a\n\n[Ảnh](https://bao.example.vn/thoi-su/b.jpg)\n\nc\n\n[Ảnh: Mô tả]\n\nx:)y\n\n"
        "[Ảnh](https://bao.example.vn/lazy.jpg)"
    )


def test_portal_photo_table_becomes_caption() -> None:
    out = md(
        '<table class="tplCaption"><tr><td><img src="/i.jpg" alt="x"></td></tr>'
        '<tr><td><p class="Image">Người dân xếp hàng. Ảnh: <em>Ngọc Thành</em></p></td></tr>'
        "</table><p>Tiếp.</p>"
    )
    assert out == "[Ảnh: Người dân xếp hàng. Ảnh: Ngọc Thành]\n\nTiếp."


def test_images_can_be_left_out_but_first_is_reported() -> None:
    conv = convert_html(
        '<a href="/x"><img src="/t.jpg"></a></br>Tóm tắt.', base_url=BASE, images=False
    )
    assert conv.markdown == "Tóm tắt."
    assert conv.image_url == "https://bao.example.vn/t.jpg"


# -- escaping ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p># không phải tiêu đề</p>", "\\# không phải tiêu đề"),
        ("<p>&gt; không phải trích dẫn</p>", "\\> không phải trích dẫn"),
        ("<p>- không phải danh sách</p>", "\\- không phải danh sách"),
        ("<p>2024. Năm bản lề</p>", "2024\\. Năm bản lề"),
        ("<p>---</p>", "\\---"),
        ("<p>```</p>", "\\`\\`\\`"),
        ("<p>a *b* `c` &lt;script&gt;</p>", "a \\*b\\* \\`c\\` \\<script>"),
        ("<p>[bold]x[/</p>", "[bold]x[/"),
        ("<p>#hashtag 1.5 triệu</p>", "#hashtag 1.5 triệu"),
    ],
)
def test_text_cannot_become_markdown(html: str, expected: str) -> None:
    assert md(html) == expected


def test_plain_text_passes_through() -> None:
    text = "Dòng một\nDòng hai\n\n# Đoạn hai\n- gạch"
    assert not looks_like_html(text)
    assert md(text) == "Dòng một\nDòng hai\n\n\\# Đoạn hai\n\\- gạch"
    assert html_to_text(text) == "Dòng một\nDòng hai\n# Đoạn hai\n- gạch"


def test_html_to_text_one_paragraph_per_line() -> None:
    html = (
        '<h2>Tiêu đề</h2><p>Đoạn <b>một</b> <a href="/x">liên kết</a>.</p>'
        '<figure><img src="a.jpg"><figcaption>chú thích</figcaption></figure>'
        "<ul><li>mục</li></ul><p># giữ nguyên</p>"
    )
    assert html_to_text(html) == "Tiêu đề\nĐoạn một liên kết.\nmục\n# giữ nguyên"


def test_looks_like_html() -> None:
    assert looks_like_html("a <b>c</b>") and looks_like_html("x<br/>") and looks_like_html("</p>")
    assert not looks_like_html("1 < 2 > 0")
    assert not looks_like_html("x<y") and not looks_like_html("")


def test_controls_escapes_bidi_stripped_and_nfc() -> None:
    nfd = unicodedata.normalize("NFD", "Tiếng Việt")
    out = md(f"<p>{nfd} \x1b[31mđỏ\x1b[0m \x1b]52;c;aGk=\x07x \u202eđảo\u202c \u0085 \x00</p>")
    assert out == "Tiếng Việt đỏ x đảo"
    assert is_safe(out, block=True)


# -- junk and size -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "junk",
    [
        "",
        " ",
        "<",
        ">",
        "<<<>>>",
        "</p></p></div>",
        "<a href='",
        "<img src=",
        "<!--",
        "<![CDATA[x",
        "&#0;&#xD800;&#x110000;&bogus;",
        "\x00\x01\x02",
        "<p>\udcff</p>",
        "<?xml version='1.0' encoding='latin-1'?><p>x</p>",
        "<meta charset='utf-16'><p>ộ</p>",
        "<table><td>x<tr><li>y</table></li>",
        "<pre>",
        "<b><i>x</b></i>",
        "<svg><p>x</svg>",
    ],
)
def test_never_raises_on_junk(junk: str) -> None:
    for fn in (md, html_to_text):
        out = fn(junk)
        assert isinstance(out, str) and is_safe(out, block=True)


def test_deep_nesting_keeps_words() -> None:
    html = "<p>trước</p>" + "<div>" * 100_000 + "sâu" + "</div>" * 100_000 + "<p>sau</p>"
    assert md(html).split() == ["trước", "sâu", "sau"]
    assert md("<ul><li>" * 5000 + "x").strip("- \n") == "x"


def test_random_fragments_never_raise() -> None:
    rng = random.Random(7)
    parts = [
        "<p>",
        "</p>",
        "<b>",
        "</i>",
        "<a href='/x'>",
        "</a>",
        "<li>",
        "<ul>",
        "<table>",
        "<td>",
        "<br>",
        "<img src='a.jpg' alt='b'>",
        "<figure>",
        "<figcaption>",
        "<pre>",
        "&amp;",
        "&",
        "<",
        "Việt",
        " ",
        "\n",
        "#",
        "> ",
        "*",
        "`",
        "\x1b[1m",
        "<h2>",
    ]
    for _ in range(300):
        html = "".join(rng.choice(parts) for _ in range(rng.randint(1, 60)))
        out = md(html)
        assert is_safe(out, block=True)


def test_throughput_is_reasonable() -> None:
    body = (
        "<p class='lead'><strong>Mở đầu bài viết với nội dung dài.</strong></p>"
        "<figure><img src='/a.jpg' alt='x'><figcaption>Chú thích ảnh.</figcaption></figure>"
        + "<p>Đoạn văn có <a href='/lien-ket.html'>liên kết</a> và <em>nhấn mạnh</em>. "
        + "Nội dung tiếng Việt " * 20
        + "</p>" * 1
    ) * 8
    size = len(body.encode()) * 200
    start = time.perf_counter()
    for _ in range(200):
        md(body)
    rate = size / (time.perf_counter() - start) / 1e6
    # A loose floor for a shared CI machine: the bench measures ~5-8 MB/s on this kind of body.
    assert rate > 0.5, f"{rate:.2f} MB/s"


# -- real pages ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "item", manifest_items("article") + manifest_items("listing"), ids=lambda i: i["id"]
)
def test_realworld_pages_convert_cleanly(item: dict[str, object]) -> None:
    root = require_realworld()
    raw = (root / str(item["file"])).read_bytes()
    html = raw.decode("utf-8", "replace")
    out = md(html)
    assert out and is_safe(out, block=True)
    assert "<script" not in out.lower()
    text = html_to_text(html)
    assert text and is_safe(text, block=True)
    assert "\n\n" not in text
