"""Article extraction (tuinews.fetch.extract) and page decoding (tuinews.fetch.htmldecode).

Two kinds of material:

* real Vietnamese pages from ../shared/realworld/vn (skipped when absent): for each article
  page, what a reader checks — the lead and the last paragraph are there, the page's
  navigation and related-news titles are not, the date is the page's own (its JSON-LD);
  every listing page is recognised as one;
* small pages written for these tests in tests/fixtures/extract/, among them one in the
  layout of the provincial portal page the project started from (../shared/seed/).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import unicodedata
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from tests.realworld import manifest_items, require_realworld
from tuinews.fetch import extract as extract_mod
from tuinews.fetch import htmldecode
from tuinews.fetch.extract import (
    CAPTION_RE,
    Extracted,
    css_to_xpath,
    extract_article,
    format_extracted,
)
from tuinews.fetch.htmldecode import decode_html, resolve_charset
from tuinews.models import BodyStatus
from tuinews.text.sanitize import is_safe

FIXTURES = Path(__file__).parent / "fixtures" / "extract"
PORTAL_URL = (
    "https://dienbien.gov.vn/portal/Pages/2019-5-4/VPUB--Quan-tam-cong-tac-xay-dung-Dang.aspx"
)
NEWS_URL = "https://baomau.vn/ho-kinh-doanh-can-biet-gi-ve-hoa-don-dien-tu-20260307080153.htm"
LEGACY_URL = "http://huyen.example.gov.vn/thong-bao/lich-tiep-cong-dan-thang-3-2026.html"
FILLER = (
    "Đoạn văn dài về tin tức địa phương, có đủ chữ để vượt ngưỡng tối thiểu của trình trích "
    "xuất bài viết, kể cả khi trang chỉ có vài đoạn ngắn. "
)
# Three different paragraphs (the same paragraph twice in a row counts once).
PARAS = f"<p>{FILLER}Một.</p><p>{FILLER}Hai.</p><p>{FILLER}Ba.</p>"

_LINK = re.compile(r"\[((?:\\.|[^\]\\])*)\]\([^()\s]*\)")


def plain(markdown: str) -> str:
    """What a reader sees of the Markdown: link texts, no emphasis or heading marks."""
    text = _LINK.sub(lambda m: m.group(1), markdown)
    text = re.sub(r"\*\*|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])", "", text)
    text = re.sub(r"^(?:#{1,6} |> )", "", text, flags=re.M)
    return text.replace("\\[", "[").replace("\\]", "]")


def paragraphs(ex: Extracted) -> list[str]:
    """The body's paragraphs as plain text, image captions left out."""
    blocks = [b for b in ex.markdown.split("\n\n") if not CAPTION_RE.fullmatch(b)]
    return [plain(b) for b in blocks]


def at(iso: str) -> datetime:
    return datetime.fromisoformat(iso).astimezone(UTC)


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def page(body: str, head: str = "", title: str = "Tin thử nghiệm") -> str:
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title>{head}"
        f"</head><body><article><h1>{title}</h1>{body}</article></body></html>"
    )


# -- real pages ------------------------------------------------------------------------------

# Read off each page by hand: its lead (sapo) and last paragraph, titles of its menus and
# related/latest-news boxes, and its own date (JSON-LD datePublished; "+07:00" where the page
# gives no zone).
REAL: dict[str, dict[str, Any]] = {
    "baochinhphu-2026": {
        "lead": "(Chinhphu.vn) - Tháng 3/2026 có nhiều chính sách mới có hiệu lực",
        "last": "Đồng bào dân tộc thiểu số ở các xã đặc biệt khó khăn theo quy định của pháp luật.",
        "inside": [
            "Nghị định số 51/2026/NĐ-CP ngày 02/02/2026",
            "Từ ngày 1/3/2026, theo quy định mới của Ngân hàng Nhà nước",
        ],
        "absent": [
            "Chính sách mới có hiệu lực từ tháng 2/2026",
            "Châu Âu: Nhiều chính sách mới có hiệu lực năm 2026",
            "Chính sách mới có hiệu lực từ tháng 1/2026",
            "Tham khảo thêm",
            "Tải ứng dụng",
            "BÁO ĐIỆN TỬ CHÍNH PHỦ",
            "Biển Việt Nam",
            "Nông thôn mới",
        ],
        "published": "2026-03-01T09:51:00+07:00",
    },
    "cafef-2026": {
        "lead": "“Sau tháng 9/2026, dòng vốn thụ động (passive) ETF tham chiếu theo FTSE Emerging",
        "last": "do sự thay đổi về thời điểm chốt dữ liệu của FTSE.",
        "inside": ["Danh sách các cổ phiếu dự kiến được phân bổ vào chỉ số FTSE Emerging All-cap"],
        "absent": [
            "Một cổ phiếu trên HOSE bất ngờ “trần cứng” 10 phiên",
            "VinaCapital: Bất kỳ nhịp sụt giảm đáng kể nào của VN-Index",
            "Tăng vốn điều lệ lên hơn 1.100 tỷ đồng, F88",
            "CÙNG CHUYÊN MỤC",
            "Copy link",
            "Lấy link",
            "Từ Khóa",
            "SMART MONEY",
            "KINH TẾ SỐ",
        ],
        "published": "2026-03-07T00:01:00+07:00",
    },
    "dantri-2026": {
        "lead": "(Dân trí) - Giá vàng trong nước tiếp tục giảm, xuống mức 183,8 triệu đồng/lượng",
        "last": "Tỷ giá USD tại Sở giao dịch Ngân hàng Nhà nước mua vào - bán ra tiếp tục tăng nhẹ",
        "inside": ["Đồng USD duy trì đà tăng"],
        "absent": [
            "Lịch sử Quốc hội Việt Nam",
            "Đăng kiểm ô tô từ 1/3",
            "Người Việt tại Israel và các nước vùng Vịnh",
            "Sắp xếp các đơn vị hành chính",
            "Nóng trên mạng",
            "Học tập Bác",
            "Chợ online",
        ],
        "published": "2026-03-07T08:07:18+07:00",
    },
    "nld-2026": {
        "lead": "(NLĐO)- Không ít hộ kinh doanh chưa quen với việc quản lý dữ liệu",
        "last": "nhưng tổng mức trừ không vượt quá 500 triệu đồng/năm.",
        "inside": ["Chính phủ vừa ban hành Nghị định 68/2026/NĐ-CP"],
        "absent": [
            "Hộ kinh doanh phải kê khai tất cả tài khoản nhận tiền bán hàng từ ngày 5-3",
            "Chính phủ quy định chi tiết ngưỡng doanh thu miễn các loại thuế",
            "VCCI có đề xuất mới về hoá đơn điện tử của hộ kinh doanh",
            "ĐẶT MUA BÁO",
            "Lý tưởng sống",
            "Tin độc quyền",
            "Đăng xuất",
        ],
        "published": "2026-03-07T08:06:00+07:00",
    },
    "plo-phap-luat-2025": {
        "lead": "(PLO)- VKSND khu vực 7 - TP.HCM đã kháng nghị tòa bộ bản án sơ thẩm",
        "last": "Hợp đồng thế chấp cùng lập ngày 25-11-2020 là không đúng.",
        "inside": ["Kháng nghị cho rằng cấp sơ thẩm đã giải quyết quá phạm vi yêu cầu khởi kiện"],
        "absent": [
            "Phán quyết của tòa vụ vay ngân hàng mua biệt thự: Kinh nghiệm pháp lý",
            "Mua nhà hình thành trong tương lai: Nhận diện rủi ro",
            "Nobel Hòa bình 2025 gọi tên nhà hoạt động Venezuela",
            "Đừng bỏ lỡ",
            "Đèn trên biển",
            "Kỷ nguyên số",
        ],
        "published": "2025-10-09T17:55:47+07:00",
    },
    "tuoitre-2026": {
        "lead": "Xung đột ở khu vực Trung Đông khiến các shop hoa ghi nhận tình trạng hoa",
        "last": "dù nhược điểm là rau củ tươi nên không thể bảo quản lâu như hoa.",
        "inside": ['Hoa nội địa có "té nước theo mưa"?'],
        "absent": [
            "Xung đột ở Trung Đông khiến xuất khẩu Việt lao đao vì phụ phí của logistics",
            "Xuất khẩu ứng phó thế nào với chiến sự Trung Đông?",
            "Đến siêu thị dịp 8-3: Trao món quà nhỏ, gửi lời yêu lớn",
            "50 năm thành lập báo Tuổi Trẻ",
            "Tuổi Trẻ Sao",
            "Rao vặt",
            "Tin đã lưu",
            "Đọc tiếp",
        ],
        # JSON-LD says 08:01:00; the meta tag's 08:01:53 is the same minute.
        "published": "2026-03-07T08:01:00+07:00",
    },
    "vnexpress-2026": {
        "lead": "Trung Quốc, Nhật Bản, Thái Lan hạn chế xuất khẩu nhiên liệu, Ấn Độ tăng mua",
        "last": "nhằm phục vụ nhập khẩu trong bối cảnh thị trường thế giới biến động mạnh.",
        "inside": ["Hạn chế xuất khẩu nhiên liệu", "Hà Thu"],
        "absent": ["Trở lại Kinh doanh", "Ngày hỗn loạn", "Thương vong", "Danh mục"],
        # The page shows "Thứ bảy, 7/3/2026, 00:05 (GMT+7)".
        "published": "2026-03-07T00:05:00+07:00",
    },
}


@pytest.fixture(scope="module")
def real_results() -> dict[str, tuple[dict[str, Any], Extracted]]:
    root = require_realworld()
    results = {}
    for item in manifest_items("article"):
        raw = (root / item["file"]).read_bytes()
        ex = extract_article(raw, url=item["source_url"] or "", content_type="text/html")
        results[item["id"]] = (item, ex)
    return results


def test_every_real_article_has_expectations(
    real_results: dict[str, tuple[dict[str, Any], Extracted]],
) -> None:
    assert sorted(real_results) == sorted(REAL)


@pytest.mark.parametrize("page_id", sorted(REAL))
def test_real_article(
    page_id: str, real_results: dict[str, tuple[dict[str, Any], Extracted]]
) -> None:
    item, ex = real_results[page_id]
    want = REAL[page_id]
    assert ex.status == BodyStatus.OK, ex.error
    paras = paragraphs(ex)
    text = "\n\n".join(paras)
    # The lead opens the body (after any caption), the last paragraph closes it (a byline
    # or source line may follow).
    assert any(p.startswith(want["lead"]) for p in paras[:2]), paras[:2]
    assert any(want["last"] in p for p in paras[-2:]), paras[-2:]
    for snippet in want["inside"]:
        assert snippet in text
    for snippet in want["absent"]:
        assert snippet not in text, snippet
    assert ex.published == at(want["published"])
    assert ex.title
    assert is_safe(ex.markdown, block=True) and unicodedata.is_normalized("NFC", ex.markdown)
    # What the source repository's own tests assert about the page, where it has any.
    expected = item.get("expected") or {}
    if "title" in expected:
        assert ex.title == expected["title"]
    if "published_at" in expected:
        assert ex.published == at(expected["published_at"])
    for snippet in expected.get("body_contains", []):
        assert snippet in text
    if "lead" in expected:
        assert paras[0] == expected["lead"]
    if "first_paragraph_startswith" in expected:
        assert any(p.startswith(expected["first_paragraph_startswith"]) for p in paras[:3])
    if "image_caption" in expected:
        assert ex.image_caption == expected["image_caption"]


def test_real_article_images_and_authors(
    real_results: dict[str, tuple[dict[str, Any], Extracted]],
) -> None:
    _, vne = real_results["vnexpress-2026"]
    assert vne.author == "Hà Thu"  # the byline closing the body
    assert "[Ảnh: Công nhân đi qua các ống dẫn dầu tại một nhà máy lọc dầu ở Vũ Hán" in vne.markdown
    _, dantri = real_results["dantri-2026"]
    assert dantri.author == "Tri Túc"  # JSON-LD Person
    assert "Tri Túc" not in dantri.markdown  # the author's avatar is not a picture of the story
    _, tuoitre = real_results["tuoitre-2026"]
    assert tuoitre.author == "NHẬT XUÂN, NGHI VŨ"
    assert tuoitre.image_caption.startswith("Theo cửa hàng hoa, một bó hoa hồng")
    for _, ex in real_results.values():
        assert ex.image_url.startswith("https://")
        for m in CAPTION_RE.finditer(ex.markdown):
            assert m["url"].startswith("https://")


@pytest.mark.parametrize("item", manifest_items("listing"), ids=lambda i: i["id"])
def test_real_listing_pages_are_listings(item: dict[str, Any]) -> None:
    root = require_realworld()
    ex = extract_article((root / item["file"]).read_bytes(), url=item["source_url"] or "")
    assert ex.status == BodyStatus.LISTING, ex.error
    assert ex.markdown == ""


# -- the portal layout of the seed page ------------------------------------------------------


@pytest.fixture(scope="module")
def portal() -> Extracted:
    return extract_article(
        fixture("portal-article.html"), url=PORTAL_URL, content_type="text/html; charset=utf-8"
    )


def test_portal_article_body(portal: Extracted) -> None:
    assert portal.status == BodyStatus.OK, portal.error
    paras = paragraphs(portal)
    assert paras[0].startswith("Dienbien.gov.vn - Nghị quyết Đại hội đại biểu toàn quốc")
    assert paras[-1] == "Lan Phương"  # the byline stays
    assert "góp phần giữ vững ổn định chính trị trên địa bàn" in paras[0]
    assert any("thông tin giả mạo, sai sự thật" in p for p in paras)
    # The caption, in place, right under the lead.
    blocks = portal.markdown.split("\n\n")
    assert blocks[1] == (
        "[Ảnh: Cuộc họp Chi bộ tại bản Yên Sơn, xã Thanh Yên, huyện Điện Biên.]"
        "(https://dienbien.gov.vn/PublishingImages/2019/05/chi-bo-yen-son.jpg)"
    )


def test_portal_article_leaves_out_the_furniture(portal: Extracted) -> None:
    text = plain(portal.markdown)
    for furniture in (
        "Tin mới nhất",
        "Hội nghị giao ban định kỳ giữa Bộ CHQS tỉnh Điện Biên",
        "Tập huấn công tác quản lý nhà nước về tôn giáo",
        "Hội nghị tiếp xúc tri sau kỳ họp thứ 7",
        "30/09/2019",
        "9:19 CH",
        "<<",
        "&lt;",
        "100%",
        "A+",
        "Đăng ngày",
        "In bài viết",
        "Chỉ đạo điều hành",
        "Công khai gửi nhận văn bản",
        "Tình hình giải quyết hồ sơ",
        "Trang chủ",
        "Cổng thông tin điện tử tỉnh Điện Biên",
    ):
        assert furniture not in text, furniture
    assert not re.search(r"(?m)^[\s<>.\d]+$", text)  # no pager line


def test_portal_article_metadata(portal: Extracted) -> None:
    assert portal.title == (
        "VPUB - Quan tâm công tác xây dựng Đảng trong thực hiện nhiệm vụ công tác tuyên giáo"
    )
    assert portal.published == at("2019-05-04T00:00:00+07:00")  # "Đăng ngày 04 - 05 - 2019"
    assert portal.author == "Lan Phương"
    assert portal.image_url == "https://dienbien.gov.vn/PublishingImages/2019/05/chi-bo-yen-son.jpg"
    assert portal.image_caption == "Cuộc họp Chi bộ tại bản Yên Sơn, xã Thanh Yên, huyện Điện Biên."


def test_seed_page_text_furniture_rules() -> None:
    """The text of the seed page itself: the Markdown rules alone remove its furniture."""
    seed = Path(__file__).resolve().parents[2] / "shared" / "seed" / "portal-article.txt"
    if not seed.is_file():
        pytest.skip(f"seed page not found at {seed}")
    blocks = [b.strip() for b in seed.read_text("utf-8").split("\n\n") if b.strip()]
    title = blocks[0]
    kept = extract_mod._postprocess(blocks, title=title, site="dienbien.gov.vn")
    # Title; date and 100%; then the article, from the lead to the byline, is kept whole;
    # "Tin mới nhất", its 20 dated titles, the pager and the categories go.
    assert blocks[2].startswith("Dienbien.gov.vn - Nghị quyết")
    assert blocks[3].startswith("Cuộc họp Chi bộ tại")
    assert blocks[10].replace("\xa0", " ") == "Lan Phương"
    assert kept == blocks[2:11]


def test_portal_listing_is_a_listing() -> None:
    ex = extract_article(
        fixture("portal-listing.html"), url="https://dienbien.gov.vn/portal/Pages/tin-tuc.aspx"
    )
    assert ex.status == BodyStatus.LISTING
    assert "listing" in ex.error and ex.markdown == ""


# -- a news article with the usual furniture -------------------------------------------------


@pytest.fixture(scope="module")
def news() -> Extracted:
    return extract_article(fixture("news-article.html"), url=NEWS_URL)


def test_news_article_structure(news: Extracted) -> None:
    assert news.status == BodyStatus.OK, news.error
    md = news.markdown
    # The sapo, outside the body container, comes first; the byline last.
    assert md.startswith("(BM) - Từ ngày 1-6, hộ kinh doanh có doanh thu từ 1 tỉ đồng")
    assert md.endswith("**MINH ANH**")
    assert "\n\n## Ba bước chuẩn bị\n\n" in md
    assert (
        "1. Đăng ký sử dụng hóa đơn điện tử khởi tạo từ máy tính tiền.\n"
        "2. Cài đặt phần mềm bán hàng có kết nối dữ liệu với cơ quan thuế.\n"
        "3. Thử xuất hóa đơn và đối chiếu doanh thu cuối ngày."
    ) in md
    assert '\n\n> "Chúng tôi khuyến khích hộ kinh doanh chuẩn bị sớm' in md
    assert (
        "| Doanh thu năm | Hóa đơn | Kê khai |\n| --- | --- | --- |\n"
        "| Dưới 500 triệu đồng | Không bắt buộc | Thông báo doanh thu |\n"
        "| Từ 1 tỉ đồng | Máy tính tiền | Theo quý |"
    ) in md
    # Relative links made absolute; a javascript: link keeps its text only.
    assert "[hóa đơn điện tử](https://baomau.vn/chu-de/hoa-don-dien-tu.htm)" in md
    assert "Xem chi tiết tại trang" in md and "javascript" not in md
    # A lazy-loaded picture with its caption, in place.
    assert (
        "[Ảnh: Nhân viên một cửa hàng tiện lợi xuất hóa đơn từ máy tính tiền - Ảnh: MINH ANH]"
        "(https://baomau.vn/anh/2026/03/07/may-tinh-tien.jpg)"
    ) in md


def test_news_article_leaves_out_the_furniture(news: Extracted) -> None:
    text = plain(news.markdown)
    for furniture in (
        "Hộ kinh doanh phải kê khai tài khoản ngân hàng",  # "Xem thêm:" inline link
        "Tin liên quan",
        "Cách kê khai, nộp thuế cho hộ kinh doanh",
        "Tin cùng chuyên mục",
        "Giá vàng hôm nay giảm mạnh",
        "Bình luận",
        "Bạn đọc Lê Hoa",
        "Từ khóa",
        "Facebook",
        "Zalo",
        "In bài",
        "Đăng nhập",
        "Giấy phép số",
        "Hộ kinh doanh cần biết gì về hóa đơn điện tử từ tháng 6",  # the title
    ):
        assert furniture not in text, furniture


def test_news_article_metadata(news: Extracted) -> None:
    # JSON-LD headline with entities; the og:title wins and is the same text.
    assert news.title == "Hộ kinh doanh cần biết gì về hóa đơn điện tử từ tháng 6"
    assert news.author == "Minh Anh"  # the JSON-LD Person; the Organization is not an author
    assert news.published == at("2026-03-07T08:01:53+07:00")
    assert news.image_url == "https://baomau.vn/anh/2026/03/07/may-tinh-tien-1200x630.jpg"
    assert news.image_caption.startswith("Nhân viên một cửa hàng tiện lợi")


def test_inline_elements_keep_their_words() -> None:
    # plo.vn classes its in-text links "cms-relate"; a class name never removes words.
    body = (
        f"<p>{FILLER}Năng lực <a class='cms-relate' href='/tai-chinh/'>tài chính</a> "
        f"của ông S.</p><p>{FILLER}Về <span class='tag'>thẻ</span> và "
        f"<em class='share'>chia sẻ</em>.</p><p>{FILLER}Ba.</p>"
    )
    ex = extract_article(page(body), url="https://plo.vn/x-post874715.html")
    assert "Năng lực [tài chính](https://plo.vn/tai-chinh/) của ông S." in ex.markdown
    assert "Về thẻ và *chia sẻ*." in ex.markdown


def test_dated_lines_inside_the_text_are_content() -> None:
    decrees = (
        "<p>Các văn bản mới:</p><ul><li>Quyết định số 12/QĐ-UBND (12/03/2019)</li>"
        "<li>Kế hoạch số 34/KH-UBND (15/03/2019)</li></ul>"
        "<p>Nghị định 01/2019/NĐ-CP (02/01/2019)</p><p>Thông tư 05/2019/TT-BTC (09/01/2019)</p>"
    )
    ex = extract_article(page(PARAS + decrees + PARAS.replace("Một", "Bốn")), url=NEWS_URL)
    text = plain(ex.markdown)
    for line in (
        "Quyết định số 12/QĐ-UBND (12/03/2019)",
        "Kế hoạch số 34/KH-UBND (15/03/2019)",
        "Nghị định 01/2019/NĐ-CP (02/01/2019)",
        "Thông tư 05/2019/TT-BTC (09/01/2019)",
    ):
        assert line in text


def test_quotes_lists_and_line_breaks() -> None:
    body = (
        f"<p>{FILLER}</p><blockquote><p>Một.</p><blockquote><p>Hai.</p></blockquote>"
        "</blockquote><ul><li>A<ul><li>A1</li></ul></li><li>B</li></ul>"
        f"<p>Dòng một<br>dòng hai</p><p>{FILLER}Ba.</p>"
    )
    # trafilatura flattens nested quotes; a site rule's selector keeps the page's structure.
    md = extract_article(page(body), url=NEWS_URL).markdown
    assert "> Một.\n>\n> Hai." in md
    assert "- A\n  - A1\n- B" in md
    assert "Dòng một\ndòng hai" in md
    md = extract_article(page(body), url=NEWS_URL, body_selector="article").markdown
    assert "> Một.\n>\n> > Hai." in md
    assert "- A\n  - A1\n- B" in md
    assert "Dòng một\ndòng hai" in md


@pytest.mark.parametrize(
    ("head", "author"),
    [
        ("<meta name='author' content='Báo Dân trí'>", ""),
        (
            "<meta name='author' content='VnExpress'><meta property='og:site_name' "
            "content='vnexpress.net'>",
            "",
        ),
        ("<meta property='article:author' content='baotuoitre'>", ""),
        ("<meta property='article:author' content='https://facebook.com/x'>", ""),
        ("<meta name='dable:author' content='Nguyễn Bảo Anh;Lê Hoa'>", "Nguyễn Bảo Anh, Lê Hoa"),
    ],
)
def test_author_is_a_person_not_the_publication(head: str, author: str) -> None:
    ex = extract_article(page(PARAS, head), url=NEWS_URL)
    assert ex.author == author


# -- dates -----------------------------------------------------------------------------------

DATED_BODY = (
    "<!-- cập nhật 03/08/2026 09:15 -->"
    "<div class='meta' data-date='03/08/2026 09:15' data-modified='12/01/2025'>"
    "<span class='time' data-time='03/08/2026'>{visible}</span></div>"
    f"{PARAS}"
)


@pytest.mark.parametrize(
    ("visible", "expected"),
    [
        ("Thứ bảy, 7/3/2026, 00:05 (GMT+7)", "2026-03-07T00:05:00+07:00"),
        ("07/03/2026 08:01 GMT+7", "2026-03-07T08:01:00+07:00"),
        ("Đăng ngày 04 - 05 - 2019", "2019-05-04T00:00:00+07:00"),
        ("Cập nhật: 30/09/2019 9:19 CH", "2019-09-30T21:19:00+07:00"),
        ("Thứ bảy, 07/03/2026 - 08:07", "2026-03-07T08:07:00+07:00"),
    ],
)
def test_visible_dates_are_day_first(visible: str, expected: str) -> None:
    ex = extract_article(page(DATED_BODY.format(visible=visible)), url="https://a.vn/x-123456.htm")
    assert ex.status == BodyStatus.OK, ex.error
    assert ex.published == at(expected)
    assert visible not in ex.markdown  # a dateline is metadata, not body text


def test_dates_in_data_attributes_and_comments_are_never_read() -> None:
    # Only month-first dates in a comment and data-* attributes: nothing is read, and
    # certainly not 3 August 2026.
    ex = extract_article(page(DATED_BODY.format(visible="")), url="https://a.vn/x-123456.htm")
    assert ex.status == BodyStatus.OK, ex.error
    assert ex.published is None
    # The same with the comment right after the title and nothing else near it.
    body = f"<!-- Ngày đăng: 03/08/2026 09:15 -->{PARAS}"
    assert extract_article(page(body), url="https://a.vn/x-123456.htm").published is None


def test_date_sources_in_order() -> None:
    body = DATED_BODY.format(visible="01/01/2020 10:00")
    jsonld = (
        '<script type=\'application/ld+json\'>{"@type": "NewsArticle", '
        '"datePublished": "2026-03-07T08:01:00+07:00"}</script>'
    )
    meta = "<meta property='article:published_time' content='2026-03-06T10:00:00+07:00'>"
    time_el = "<time datetime='2026-03-05T09:00:00+07:00'>hôm qua</time>"
    url = "https://a.vn/x-123456.htm"
    assert extract_article(page(body, jsonld + meta), url=url).published == at(
        "2026-03-07T08:01:00+07:00"
    )
    assert extract_article(page(body, meta), url=url).published == at("2026-03-06T10:00:00+07:00")
    assert extract_article(page(time_el + body), url=url).published == at(
        "2026-03-05T09:00:00+07:00"
    )
    assert extract_article(page(body), url=url).published == at("2020-01-01T10:00:00+07:00")
    # A zone-less machine date is Vietnam time.
    zoneless = "<meta property='article:published_time' content='2026-03-07T00:01:00'>"
    assert extract_article(page(body, zoneless), url=url).published == at(
        "2026-03-07T00:01:00+07:00"
    )


# -- encodings -------------------------------------------------------------------------------

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def to_cp1258(text: str) -> bytes:
    """Encode as windows-1258 does: base letters precomposed, tone marks combining."""
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        base = "".join(c for c in parts if c not in _TONES)
        out.append(unicodedata.normalize("NFC", base) + "".join(c for c in parts if c in _TONES))
    return "".join(out).encode("cp1258")


def to_viscii(text: str) -> bytes:
    table = {ch: i for i, ch in enumerate(htmldecode._VISCII_TABLE)}
    return bytes(table[ch] for ch in unicodedata.normalize("NFC", text))


def legacy_source(charset: str | None) -> str:
    src = (FIXTURES / "legacy-article.html").read_text("utf-8")
    meta = '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
    assert meta in src
    replacement = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
    return src.replace(meta, replacement if charset else "")


def check_legacy(ex: Extracted) -> None:
    assert ex.status == BodyStatus.OK, ex.error
    assert ex.title == "Thông báo lịch tiếp công dân tháng 3 năm 2026"
    assert ex.markdown.startswith("Thực hiện quy định về tiếp công dân, Ủy ban nhân dân huyện")
    assert "khiếu nại, tố cáo, kiến nghị, phản ánh" in ex.markdown
    assert unicodedata.is_normalized("NFC", ex.markdown)
    assert "\ufffd" not in ex.markdown
    assert ex.published == at("2026-03-02T14:30:00+07:00")


def test_windows_1258_from_the_http_header() -> None:
    raw = to_cp1258(legacy_source(None))
    check_legacy(
        extract_article(raw, url=LEGACY_URL, content_type="text/html; charset=windows-1258")
    )


def test_windows_1258_from_meta_charset() -> None:
    raw = to_cp1258(legacy_source("windows-1258"))
    check_legacy(extract_article(raw, url=LEGACY_URL, content_type="text/html"))


def test_windows_1258_undeclared_is_sniffed() -> None:
    check_legacy(extract_article(to_cp1258(legacy_source(None)), url=LEGACY_URL))


def test_viscii_from_meta_charset() -> None:
    raw = to_viscii(legacy_source("VISCII"))
    check_legacy(extract_article(raw, url=LEGACY_URL, content_type="text/html"))


def test_bom_wins_over_declarations() -> None:
    src = legacy_source("windows-1252")
    ex = extract_article(
        b"\xef\xbb\xbf" + src.encode("utf-8"),
        url=LEGACY_URL,
        content_type="text/html; charset=iso-8859-1",
    )
    check_legacy(ex)
    utf16 = b"\xff\xfe" + src.encode("utf-16-le")
    check_legacy(extract_article(utf16, url=LEGACY_URL, content_type="text/html"))


def test_decode_html_rules() -> None:
    text = "Tiếng Việt có dấu"
    # A server's default latin-1 label on a UTF-8 page.
    assert decode_html(text.encode(), "text/html; charset=ISO-8859-1") == text
    # Unknown labels fall back to the next source, then to UTF-8.
    assert decode_html(text.encode(), "text/html; charset=x-klingon") == text
    assert decode_html(b'<meta charset="bogus">' + text.encode(), None).endswith(text)
    # A <meta> that says UTF-16 on an ASCII-readable page is wrong.
    assert decode_html(b'<meta charset="utf-16">' + text.encode(), None).endswith(text)
    # Comments do not declare anything.
    raw = b'<!-- <meta charset="windows-1258"> -->' + text.encode()
    assert decode_html(raw, None).endswith(text)
    # Invalid bytes never raise.
    assert (
        decode_html(b"abc\xff\xfe\x80def", "text/html; charset=utf-8") == "abc\ufffd\ufffd\ufffddef"
    )
    assert "Caf\xe9" in decode_html(b"<p>Caf\xe9 au lait</p>", None)
    assert decode_html(b"", None) == ""
    assert resolve_charset("VISCII") == "viscii"
    assert resolve_charset("latin1") == "cp1252"
    assert resolve_charset("TCVN3") is None
    assert resolve_charset(" 'UTF-8' ") == "utf-8"


@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        ("vi-windows-1258.txt", "text/plain; charset=windows-1258"),
        ("vi-windows-1258.txt", None),
        ("vi-viscii.txt", "text/plain; charset=viscii"),
        ("vi-utf-8.txt", None),
    ],
)
def test_real_encoding_samples(name: str, content_type: str | None) -> None:
    root = require_realworld() / "encodings"
    expected = (root / "vi-utf-8.txt").read_bytes().decode("utf-8")
    decoded = decode_html((root / name).read_bytes(), content_type)
    assert decoded == unicodedata.normalize("NFC", expected)


# -- hostile and odd input -------------------------------------------------------------------


def test_control_characters_and_escape_sequences_are_stripped() -> None:
    html = (
        "<html><head><title>Tin \x1b[31mđỏ\x1b[0m hôm nay</title>"
        "<meta property='og:title' content='Tin \x1b]52;c;ZWNobyBoaQ==\x07đỏ hôm nay'>"
        '<script type=\'application/ld+json\'>{"@type": "NewsArticle", "author": '
        '{"@type": "Person", "name": "Lê\\u001b[2J Văn\\u202e Bình"}}</script>'
        "</head><body><article><h1>Tin đỏ hôm nay</h1>"
        f"<p>Mở đầu \x1b[2J\x1b]0;pwned\x07{FILLER}\x00 kết thúc \u009b31m đoạn một.</p>"
        f"<p>{FILLER} chuông\x07 và \x1bP1;2|payload\x1b\\DCS, \u202eđảo chiều.</p>"
        f"<p>{FILLER} tham chiếu &#27;[1m đậm &#x1B;]8;;http://evil/&#7;liên kết\x7f.</p>"
        "</article></body></html>"
    )
    for data in (html, html.encode("utf-8")):
        ex = extract_article(data, url="https://a.vn/tin-do-hom-nay-123456.htm")
        assert ex.status == BodyStatus.OK, ex.error
        assert ex.title == "Tin đỏ hôm nay"
        assert ex.author == "Lê Văn Bình"
        assert ex.markdown.startswith("Mở đầu Đoạn văn dài")
        assert "kết thúc đoạn một." in ex.markdown
        assert "chuông và DCS, đảo chiều." in ex.markdown
        assert "tham chiếu đậm liên kết." in ex.markdown
        for leftover in ("[31m", "[2J", "]0;", "pwned", "payload", "52;c", "]8;;", "http://evil"):
            assert leftover not in ex.markdown
        for fmt in ("text", "markdown", "json"):
            assert is_safe(format_extracted(ex, fmt), block=True)


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", "application/pdf"),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", None),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "image/png"),
        (b'{"title": "not a page"}', "application/json"),
        (b'<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>', "text/xml"),
        (b"just some text, no markup at all", None),
    ],
)
def test_not_html(data: bytes, content_type: str | None) -> None:
    ex = extract_article(data, url="https://a.vn/x", content_type=content_type)
    assert ex.status == BodyStatus.NOT_HTML
    assert ex.error and "\n" not in ex.error


def test_too_large(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extract_mod, "MAX_PAGE_BYTES", 1000)
    ex = extract_article(page(f"<p>{FILLER * 20}</p>"), url="https://a.vn/x")
    assert ex.status == BodyStatus.TOO_LARGE
    assert "too large" in ex.error


@pytest.mark.parametrize(
    "html",
    [
        page("<p>Ngắn.</p>"),
        page("<div class='video-player'></div>"),
        "<html><body></body></html>",
        "<html>",
    ],
)
def test_almost_no_text_fails_with_a_reason(html: str) -> None:
    ex = extract_article(html, url="https://a.vn/x-123456.htm")
    assert ex.status == BodyStatus.FAILED
    assert ex.error and "\n" not in ex.error
    assert ex.markdown == ""


# -- site rules ------------------------------------------------------------------------------


def test_body_selector_takes_the_named_element() -> None:
    ex = extract_article(
        fixture("legacy-article.html"), url=LEGACY_URL, body_selector="div.noidung"
    )
    check_legacy(ex)
    assert ex.markdown.endswith("*Văn phòng HĐND và UBND huyện*")
    assert "Trang chủ" not in ex.markdown


def test_body_selector_inside_furniture_like_containers() -> None:
    # The rule names the body; class names around it ("sidebar-share") do not remove it.
    src = (FIXTURES / "legacy-article.html").read_text("utf-8")
    src = src.replace(
        '<div class="noidung">',
        '<div class="box-share"><div class="noidung"><figure><img src="/anh/lich.jpg">'
        "<figcaption>Trụ sở tiếp công dân huyện</figcaption></figure>",
    )
    # ...and a longer run of prose elsewhere, so that only the rule marks the body.
    other = "".join(f"<p>{FILLER}Đoạn {n}.</p>" for n in range(8))
    src = src.replace("</div>\n</body>", f"</div></div><div class='gioithieu'>{other}</div></body>")
    src = src.replace("Văn phòng HĐND", '<a href="/van-phong/">Văn phòng</a> HĐND')
    ex = extract_article(src, url=LEGACY_URL, body_selector=".noidung")
    assert ex.markdown.startswith(
        "[Ảnh: Trụ sở tiếp công dân huyện](http://huyen.example.gov.vn/anh/lich.jpg)"
    )
    assert "[Văn phòng](http://huyen.example.gov.vn/van-phong/) HĐND" in ex.markdown


def test_body_selector_matching_nothing_falls_back() -> None:
    ex = extract_article(
        fixture("legacy-article.html"), url=LEGACY_URL, body_selector="div.khong-co"
    )
    check_legacy(ex)


def test_bad_body_selector_fails() -> None:
    ex = extract_article(fixture("legacy-article.html"), url=LEGACY_URL, body_selector="div[")
    assert ex.status == BodyStatus.FAILED
    assert "selector" in ex.error


@pytest.mark.parametrize(
    ("selector", "matches"),
    [
        ("div.noidung", ["noidung"]),
        ("#main .a", ["a1"]),
        ("div#main > p.a", ["a1"]),
        ("[data-x]", ["b"]),
        ("p[data-x='1']", ["b"]),
        ("p[class^=a], p[class$=z]", ["a1", "abc", "cz"]),
        ("p[class*='bc']", ["abc"]),
    ],
)
def test_css_to_xpath(selector: str, matches: list[str]) -> None:
    from lxml import html as lxml_html

    doc = lxml_html.document_fromstring(
        "<html><body><div class='noidung' id='x'></div><div id='main'>"
        "<p class='a' id='a1'></p><p class='abc' id='abc'></p></div>"
        "<p data-x='1' id='b'></p><p class='cz' id='cz'></p></body></html>"
    )
    found = [el.get("id") for el in doc.xpath(css_to_xpath(selector))]
    assert sorted(found) == sorted("x" if m == "noidung" else m for m in matches)


@pytest.mark.parametrize("selector", ["", "   ", "div[", "> p", "p::first-line"])
def test_css_to_xpath_rejects(selector: str) -> None:
    with pytest.raises(ValueError):
        css_to_xpath(selector)


# -- output for the CLI and the module's cost -------------------------------------------------


def test_format_extracted(news: Extracted) -> None:
    data = json.loads(format_extracted(news, "json"))
    assert data["status"] == "ok"
    assert data["published"] == "2026-03-07T01:01:53+00:00"
    assert data["author"] == "Minh Anh"
    assert data["markdown"] == news.markdown
    md = format_extracted(news, "markdown")
    assert md.startswith(
        "# Hộ kinh doanh cần biết gì về hóa đơn điện tử từ tháng 6\n\n"
        "*Minh Anh · 07/03/2026 08:01 (GMT+7)*"
    )
    text = format_extracted(news, "text")
    assert "](" not in text and "**" not in text and "## " not in text
    assert "[Ảnh: Nhân viên một cửa hàng tiện lợi" in text
    assert "Ba bước chuẩn bị\n\n1. Đăng ký" in text
    assert "Doanh thu năm | Hóa đơn | Kê khai" in text
    listing = Extracted(BodyStatus.LISTING, error="a listing page", title="Tin tức")
    assert "[listing] a listing page" in format_extracted(listing, "text")
    assert json.loads(format_extracted(listing, "json"))["published"] is None
    with pytest.raises(ValueError):
        format_extracted(news, "html")


def test_importing_extract_does_not_import_trafilatura() -> None:
    code = (
        "import sys, tuinews.fetch.extract, tuinews.fetch.htmldecode; "
        "print('trafilatura' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
