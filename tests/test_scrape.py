"""Scrape rules: listing pages without a feed, bundled rules and `tuinews rules`.

Three groups:

* the bundled rules against the real listing pages saved in ../shared/realworld/vn/listing
  (skipped when that folder is absent);
* a provincial-portal layout written for these tests, served by the loopback server, through
  ``scrape``/``scrape_listing`` with a real client, and once through the store;
* ``rules_command`` (list, test FILE, test URL) with a small fake CLI context.
"""

from __future__ import annotations

import argparse
import io
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.conftest import LoopbackServer
from tests.realworld import manifest_items, require_realworld
from tuinews.errors import FetchError, HTTPStatusError
from tuinews.fetch.client import FetchSettings, HostLimiter, make_client
from tuinews.fetch.htmldecode import decode_html
from tuinews.fetch.rules import bundled_rule, bundled_rules, rule_for_url, rules_command
from tuinews.fetch.scrape import (
    VN_TIME,
    check_rule,
    parse_listing,
    scrape,
    scrape_listing,
    scrape_offline,
)

FIXTURES = Path(__file__).parent / "fixtures" / "scrape"
HTML = "text/html; charset=utf-8"
SETTINGS = FetchSettings(connect_timeout=5, read_timeout=5, total_timeout=10, per_host=4)


def vn(dt: datetime | None) -> str | None:
    """A UTC instant as Vietnam-time ISO text (what `rules test` prints)."""
    return dt.astimezone(VN_TIME).isoformat() if dt is not None else None


# -- (a) bundled rules against the saved real pages -------------------------------------------


@dataclass(frozen=True)
class Expected:
    rule: str
    page: str
    """The manifest id of the saved listing page."""
    count: int
    first: str
    last: str
    dated: int
    first_date: str | None = None
    """The first dated item's date, in Vietnam time."""
    last_date: str | None = None


REAL = [
    Expected(
        "baochinhphu-chinh-sach-moi",
        "baochinhphu-section-2026",
        24,
        "Mỗi giáo viên mầm non không kiêm nhiệm quá 2 nhiệm vụ",
        "Quy định giám sát thi công Đề án thăm dò khoáng sản",
        # The featured box: one dated lead, five undated companions; the stream is dated.
        dated=19,
        first_date="2026-03-05T15:34:00+07:00",
        last_date="2026-01-15T15:38:00+07:00",
    ),
    Expected(
        "cafef-thi-truong-chung-khoan",
        "cafef-section-2026",
        21,
        "Tập đoàn Hoa Sen đặt kế hoạch lợi nhuận sau thuế lên tới 600 tỷ đồng trong NĐTC "
        "2025 - 2026",
        "Lịch sự kiện và tin vắn chứng khoán ngày 6/3/2026",
        dated=21,
        first_date="2026-03-07T10:22:00+07:00",
        last_date="2026-03-06T05:00:00+07:00",
    ),
    Expected(
        "vnexpress-kinh-doanh",
        "vnexpress-section-2026",
        50,
        "Giá vàng thế giới tăng mạnh, dầu thô vượt 90 USD",
        "Căng thẳng eo biển Hormuz có nguy cơ đe dọa kinh tế châu Á",
        # Top story and featured items carry no time; the stream carries epoch seconds.
        dated=41,
        first_date="2026-03-06T16:30:49+07:00",
        last_date="2026-03-04T05:00:00+07:00",
    ),
    Expected(
        "dantri-kinh-doanh",
        "dantri-section-2026",
        20,
        "Giá vàng giảm, vẫn cao hơn thế giới gần 20 triệu đồng/lượng",
        "ACV kinh doanh ra sao dưới thời Chủ tịch Vũ Thế Phiệt?",
        dated=0,
    ),
    Expected(
        "nld-kinh-te",
        "nld-section-2026",
        24,
        "Những sai sót hộ kinh doanh thường gặp khi thực hiện quy định mới về thuế",
        "Người dân có nhiều nhà cho thuê, cách tính và nộp thuế thế nào?",
        dated=0,
    ),
    Expected(
        "vietnamnet-kinh-doanh",
        "vietnamnet-section-2026",
        31,
        "Cổ phiếu FLC được giao dịch trở lại",
        "Giá vàng thế giới lại suy giảm, tuột mốc 5.100 USD/ounce",
        dated=0,
    ),
    Expected(
        "baodautu-tai-chinh-chung-khoan",
        "baodautu-section-2026",
        13,
        "Xử phạt Giám đốc tài chính Tập đoàn Tiên Sơn Thanh Hoá vì thao túng cổ phiếu",
        "Taseco Land có thể hoàn tất chuyển nhượng trung tâm thương mại Landmark 55 trong năm 2026",
        dated=0,
    ),
]


def saved_listing(page_id: str) -> tuple[str, dict[str, Any]]:
    """The decoded saved page and its manifest entry (skips when absent)."""
    root = require_realworld()
    item = next((i for i in manifest_items("listing") if i["id"] == page_id), None)
    if item is None or not (root / item["file"]).is_file():
        pytest.skip(f"saved listing {page_id} not found")
    return decode_html((root / item["file"]).read_bytes()), item


def test_every_bundled_rule_is_tested_against_a_saved_page() -> None:
    assert sorted(e.rule for e in REAL) == sorted(bundled_rules())
    assert len(bundled_rules()) >= 5


@pytest.mark.parametrize("exp", REAL, ids=[e.rule for e in REAL])
def test_bundled_rule_on_saved_page(exp: Expected) -> None:
    html, item = saved_listing(exp.page)
    rule = bundled_rule(exp.rule)
    assert rule is not None
    site = urlsplit(rule["url"]).hostname
    assert site == urlsplit(item["source_url"]).hostname

    page = parse_listing(html, rule, page_url=rule["url"])

    assert page.problems == []
    titles = [e.title for e in page.entries]
    assert len(titles) == exp.count
    assert (titles[0], titles[-1]) == (exp.first, exp.last)
    assert len(set(titles)) == len(titles)
    for e in page.entries:
        parts = urlsplit(e.link)
        assert parts.scheme == "https" and parts.hostname == site, e.link
        assert not parts.fragment
        assert e.guid == e.link
        assert e.title == e.title.strip() and "\xa0" not in e.title
    dated = [e for e in page.entries if e.published is not None]
    assert len(dated) == exp.dated
    if exp.dated:
        assert all(e.published.tzinfo == UTC for e in dated)  # type: ignore[union-attr]
        assert (vn(dated[0].published), vn(dated[-1].published)) == (exp.first_date, exp.last_date)
    else:
        # This listing prints no dates: items still come through, undated, nothing guessed.
        assert rule["date"] == ""
        assert all(e.published is None for e in page.entries)


def test_saved_pages_give_the_next_listing_page() -> None:
    html, _ = saved_listing("vnexpress-section-2026")
    rule = bundled_rule("vnexpress-kinh-doanh")
    assert rule is not None
    assert parse_listing(html, rule, page_url=rule["url"]).next_url == (
        "https://vnexpress.net/kinh-doanh-p2"
    )
    html, _ = saved_listing("vietnamnet-section-2026")
    rule = bundled_rule("vietnamnet-kinh-doanh")
    assert rule is not None
    # The pager's next item after the active one (the site numbers pages from 0).
    assert parse_listing(html, rule, page_url=rule["url"]).next_url == (
        "https://vietnamnet.vn/kinh-doanh-page1"
    )
    html, _ = saved_listing("baochinhphu-section-2026")
    rule = bundled_rule("baochinhphu-chinh-sach-moi")
    assert rule is not None
    assert parse_listing(html, rule, page_url=rule["url"]).next_url == (
        "https://baochinhphu.vn/timelinelist/1021119/2.htm"
    )


def test_real_page_without_rule_reports_what_matched_nothing() -> None:
    html, _ = saved_listing("dantri-home-2019")
    rule = bundled_rule("dantri-kinh-doanh")
    assert rule is not None
    result = scrape_offline(html, rule, page_url="https://dantri.com.vn/")
    assert result.entries == []
    why = result.failure()
    assert why is not None and "matched nothing on https://dantri.com.vn/" in why


# -- rules as data ----------------------------------------------------------------------------


def test_bundled_rules_are_valid_and_copies() -> None:
    from tuinews.config import SCRAPE_KEYS

    rules = bundled_rules()
    for name, rule in rules.items():
        assert set(rule) <= SCRAPE_KEYS
        assert check_rule(rule) == rule
        assert rule["name"], name
    rules["vnexpress-kinh-doanh"]["item"] = "changed"
    again = bundled_rule("vnexpress-kinh-doanh")
    assert again is not None and again["item"] != "changed"
    assert bundled_rule("no-such-rule") is None


def test_bundled_rule_usable_from_the_config(tmp_path: Path) -> None:
    from tuinews.config import parse_config

    cfg = parse_config(
        '[[category]]\nname = "Kinh tế"\n'
        '[[category.feed]]\nscrape = "cafef-thi-truong-chung-khoan"\n'
    )
    (spec,) = cfg.feeds()
    assert spec.kind == "scrape" and spec.url == "https://cafef.vn/thi-truong-chung-khoan.chn"
    assert json.loads(spec.scrape)["item"] == "div.tlitem.box-category-item"


def test_rule_for_url_matches_host() -> None:
    found = rule_for_url("https://www.vnexpress.net/kinh-doanh/chung-khoan")
    assert found is not None and found[0] == "vnexpress-kinh-doanh"
    found = rule_for_url("http://baodautu.vn/tai-chinh-chung-khoan-d6")
    assert found is not None and found[0] == "baodautu-tai-chinh-chung-khoan"
    assert rule_for_url("https://example.org/") is None


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        (
            {"url": "https://x.vn/", "item": "li", "title": "a", "colour": "red"},
            "unknown key 'colour'",
        ),
        ({"url": "https://x.vn/", "item": "li"}, "needs 'title'"),
        ({"url": "ftp://x.vn/", "item": "li", "title": "a"}, "not an http(s) URL"),
        ({"url": "https://x.vn/", "item": "li[", "title": "a"}, "item: invalid CSS selector"),
        (
            {"url": "https://x.vn/", "item": "li", "title": "a", "page_url": "/p/2"},
            "{page} placeholder",
        ),
        ({"url": "https://x.vn/", "item": "li", "title": "a", "max_pages": 0}, "max_pages"),
        ({"url": "https://x.vn/", "item": "li", "title": 3}, "title must be a string"),
        (
            {"url": "https://x.vn/", "item": "li", "title": "a", "encoding": "tcvn3"},
            "unsupported encoding 'tcvn3'",
        ),
        ({"url": "https://x.vn/", "item": "li", "title": "@title"}, "title needs a CSS selector"),
    ],
)
def test_check_rule_rejects(rule: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError) as info:
        check_rule(rule)
    assert message in str(info.value)


# -- parse_listing on small pages --------------------------------------------------------------

BASE = "https://portal.example.vn/tin-moi-nhat"


def listing(items: str, extra: str = "") -> str:
    return f"<html><head><title>Tin mới nhất</title>{extra}</head><body>{items}</body></html>"


def test_seed_style_title_dates_are_cut_out() -> None:
    html = (FIXTURES / "portal-tin-moi-nhat.html").read_text("utf-8")
    rule = check_rule(
        {"url": BASE, "item": "ul.list-news li", "title": "a", "next": "div.pager a.next"}
    )
    page = parse_listing(html, rule, page_url="https://congthongtin.thunghiem.example/tin-moi-nhat")
    got = [(e.title, vn(e.published)) for e in page.entries]
    assert got == [
        ("VPUB - Họp Ban Chỉ đạo chuyển đổi số tỉnh", "2019-09-30T21:19:00+07:00"),
        ("Sở Nông nghiệp - Kế hoạch phòng chống thiên tai năm 2020", "2019-09-30T08:05:00+07:00"),
        ("UBND tỉnh - Công bố thủ tục hành chính mới", "2019-09-29T16:30:00+07:00"),
        ("VPUB - Hướng dẫn nộp hồ sơ trực tuyến(ngày không rõ)", None),
        ("Sở Nội vụ - Thông báo tuyển dụng công chức", "2019-09-27T00:00:00+07:00"),
    ]
    host = "https://congthongtin.thunghiem.example"
    assert [e.link for e in page.entries][:3] == [
        f"{host}/tin-tuc/vpub-hop-ban-chi-dao-1201.html",
        f"{host}/tin-tuc/so-nn-ke-hoach-phong-chong-thien-tai-1200.html",
        # The "#binh-luan" fragment is dropped: the same page, the same guid.
        f"{host}/tin-tuc/ubnd-cong-bo-thu-tuc-hanh-chinh-1199.html",
    ]
    assert page.problems == [
        'item 4 "VPUB - Lịch công tác tuần (29/09/2019 7:00 SA)": link is javascript:, not a page'
    ]
    assert page.next_url == f"{host}/tin-moi-nhat?page=2"
    assert page.title == "Tin mới nhất - Cổng thông tin điện tử tỉnh Thử Nghiệm"


def test_a_date_that_belongs_to_the_title_stays() -> None:
    html = listing(
        '<li><a href="/a">Sửa đổi quy định nhập khẩu từ 10/4/2026</a></li>'
        '<li><a href="/b">Lịch công tác | 10/4/2026</a></li>'
    )
    rule = check_rule({"url": BASE, "item": "li", "title": "a"})
    page = parse_listing(html, rule, page_url=BASE)
    assert [(e.title, vn(e.published)) for e in page.entries] == [
        ("Sửa đổi quy định nhập khẩu từ 10/4/2026", None),
        ("Lịch công tác", "2026-04-10T00:00:00+07:00"),
    ]


def test_date_next_to_the_title_found_without_a_selector() -> None:
    html = listing(
        '<div class="it"><a href="x/1">Tin một</a><p class="s">Hạn chót 01/01/2030</p>'
        "<em>Cập nhật lúc 08:16 ngày 7/3/2026</em></div>"
    )
    rule = check_rule({"url": BASE, "item": "div.it", "title": "a", "summary": "p.s"})
    (e,) = parse_listing(html, rule, page_url=BASE).entries
    # The summary's date is not the item's date.
    assert (e.title, e.summary, vn(e.published)) == (
        "Tin một",
        "Hạn chót 01/01/2030",
        "2026-03-07T08:16:00+07:00",
    )
    assert e.link == "https://portal.example.vn/x/1"


def test_empty_date_means_no_guessing() -> None:
    html = listing('<li><a href="/a">Tin (30/09/2019 9:19 CH)</a></li>')
    rule = check_rule({"url": BASE, "item": "li", "title": "a", "date": ""})
    (e,) = parse_listing(html, rule, page_url=BASE).entries
    assert (e.title, e.published) == ("Tin (30/09/2019 9:19 CH)", None)


def test_date_attributes_hints_and_relative_dates() -> None:
    now = datetime(2026, 3, 7, 3, 0, tzinfo=UTC)  # 10:00 in Vietnam
    html = listing(
        '<div class="i" data-ts="1772789449"><a href="/1">Một</a>'
        '<time datetime="2026-03-01T09:00:00+07:00">hôm trước</time>'
        '<span class="us" title="3/2/2026 1:05:00 PM">2 tháng 3</span>'
        '<span class="rel">5 phút trước</span></div>'
    )
    base = {"url": BASE, "item": "div.i", "title": "a"}

    def date_of(**kw: str) -> str | None:
        (e,) = parse_listing(html, check_rule({**base, **kw}), page_url=BASE, now=now).entries
        return vn(e.published)

    assert date_of(date="time") == "2026-03-01T09:00:00+07:00"  # datetime="" first
    assert date_of(date="span.us") == "2026-02-03T13:05:00+07:00"  # title attr, day first
    assert date_of(date="span.us@title", date_format="mdy") == "2026-03-02T13:05:00+07:00"
    assert date_of(date="@data-ts", date_format="unix") == "2026-03-06T16:30:49+07:00"
    assert date_of(date="span.rel") == "2026-03-07T09:55:00+07:00"
    assert date_of(date="span.rel", date_format="%d/%m/%Y") == "2026-03-07T09:55:00+07:00"


def test_link_selector_base_href_and_bad_links() -> None:
    html = listing(
        '<div class="i"><h3>Có link riêng</h3><a class="more" href="bai/1.html">Xem</a></div>'
        '<div class="i"><h3>Link mailto</h3><a class="more" href="mailto:a@b.vn">Xem</a></div>'
        '<div class="i"><h3>Không có link</h3></div>'
        '<div class="i"><h3> </h3><a class="more" href="bai/4.html">Xem</a></div>'
        '<div class="i"><h3>Có link riêng</h3><a class="more" href="bai/1.html#top">Xem</a></div>',
        extra='<base href="https://cdn.portal.example.vn/tin/">',
    )
    rule = check_rule({"url": BASE, "item": "div.i", "title": "h3", "link": "a.more"})
    page = parse_listing(html, rule, page_url=BASE)
    assert [e.link for e in page.entries] == ["https://cdn.portal.example.vn/tin/bai/1.html"]
    assert page.duplicates == 1
    assert page.problems == [
        'item 2 "Link mailto": link is mailto:, not a page',
        "item 3 \"Không có link\": link selector 'a.more' matched nothing",
        "item 4: no title",
    ]


def test_link_defaults_to_the_link_around_the_title() -> None:
    html = listing(
        '<div class="card"><a href="/x"><h3>Tiêu đề</h3><img data-src="/i.jpg"></a></div>'
    )
    rule = check_rule({"url": BASE, "item": "div.card", "title": "h3"})
    (e,) = parse_listing(html, rule, page_url=BASE).entries
    assert (e.link, e.image_url) == (
        "https://portal.example.vn/x",
        "https://portal.example.vn/i.jpg",
    )


def test_page_text_is_cleaned() -> None:
    html = listing(
        '<li><a href="/a">Tin\x1b[31m đỏ\x1b]52;c;ZXZpbA==\x07 \u202eđảo</a>'
        "<p>Tóm\ttắt\n  dài</p></li>"
    )
    rule = check_rule({"url": BASE, "item": "li", "title": "a", "summary": "p"})
    (e,) = parse_listing(html, rule, page_url=BASE).entries
    assert (e.title, e.summary) == ("Tin đỏ đảo", "Tóm tắt dài")


def test_xhtml_page_with_xml_declaration() -> None:
    html = (
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0'
        ' Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><body><ul>'
        '<li><a href="/a.aspx?ItemID=7">Thông báo (07/03/2026 10:00 SA)</a></li>'
        "</ul></body></html>"
    )
    rule = check_rule({"url": BASE, "item": "ul li", "title": "a"})
    (e,) = parse_listing(html, rule, page_url=BASE).entries
    assert (e.title, e.link, vn(e.published)) == (
        "Thông báo",
        "https://portal.example.vn/a.aspx?ItemID=7",
        "2026-03-07T10:00:00+07:00",
    )


def test_item_selector_matching_nothing_is_a_problem() -> None:
    rule = check_rule({"url": BASE, "item": "div.news-item", "title": "a"})
    page = parse_listing(listing("<p>Trang bảo trì</p>"), rule, page_url=BASE)
    assert page.entries == [] and page.matched == 0
    assert page.problems == [f"item selector 'div.news-item' matched nothing on {BASE}"]
    # An empty body is the same case, not a crash.
    assert parse_listing("", rule, page_url=BASE).matched == 0


# -- (b) a portal served on the loopback server ------------------------------------------------


def portal_item(n: int, date: str) -> str:
    return (
        f'<div class="news-item"><a class="title" href="/tin-tuc/bai-{n}.html">'
        f"VPUB - Bài số {n}</a>"
        f'<span class="date">{date}</span><p class="summary">Tóm tắt bài {n}.</p></div>'
    )


def portal_page(items: list[str], next_href: str | None) -> str:
    pager = f'<a class="next" href="{next_href}">&gt;</a>' if next_href else ""
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Tin mới nhất</title></head>"
        f'<body><div class="news-list">{"".join(items)}</div>'
        f'<div class="pager"><a href="/tin?page=1">1</a>{pager}</div></body></html>'
    )


def numbered(first: int, count: int, *, day: int = 30) -> list[str]:
    """Items ``first`` down to ``first - count + 1``, newest first, an hour apart (CH)."""
    return [
        portal_item(n, f"{day}/09/2019 {1 + (first - n) % 11}:19 CH")
        for n in range(first, first - count, -1)
    ]


def portal_rule(server: LoopbackServer, **kw: Any) -> dict[str, Any]:
    rule: dict[str, Any] = {
        "name": "Cổng TTĐT thử nghiệm",
        "url": server.url("/tin"),
        "item": "div.news-list div.news-item",
        "title": "a.title",
        "date": "span.date",
        "summary": "p.summary",
        "next": "div.pager a.next",
        "max_pages": 5,
    }
    rule.update(kw)
    return rule


def serve_three_pages(server: LoopbackServer) -> None:
    server.set("/tin", portal_page(numbered(12, 4), "/tin?page=2"), content_type=HTML)
    server.set("/tin?page=2", portal_page(numbered(8, 4, day=29), "?page=3"), content_type=HTML)
    server.set("/tin?page=3", portal_page(numbered(4, 4, day=28), None), content_type=HTML)


async def run_scrape(rule: dict[str, Any], **kw: Any) -> Any:
    async with make_client(SETTINGS) as client:
        return await scrape(client, rule, SETTINGS, HostLimiter(4), **kw)


async def run_listing(rule: dict[str, Any], **kw: Any) -> Any:
    async with make_client(SETTINGS) as client:
        return await scrape_listing(client, rule, SETTINGS, HostLimiter(4), **kw)


async def test_pagination_across_three_pages(server: LoopbackServer) -> None:
    serve_three_pages(server)
    rule = portal_rule(server)
    feed = await run_listing(rule)
    assert feed.parser == "scrape"
    assert (feed.title, feed.link) == ("Cổng TTĐT thử nghiệm", rule["url"])
    assert [e.title for e in feed.entries] == [f"VPUB - Bài số {n}" for n in range(12, 0, -1)]
    first = feed.entries[0]
    assert first.link == first.guid == server.url("/tin-tuc/bai-12.html")
    assert first.summary == "Tóm tắt bài 12."
    assert vn(first.published) == "2019-09-30T13:19:00+07:00"
    assert vn(feed.entries[-1].published) == "2019-09-28T16:19:00+07:00"

    result = await run_scrape(rule)
    assert [p.url for p in result.pages] == [
        server.url(p) for p in ("/tin", "/tin?page=2", "/tin?page=3")
    ]
    assert [(p.items, p.new) for p in result.pages] == [(4, 4)] * 3
    assert result.stop_reason == "page 3 links to no next page"
    assert result.problems == [] and result.failure() is None


async def test_page_url_template(server: LoopbackServer) -> None:
    serve_three_pages(server)
    rule = portal_rule(server, page_url="/tin?page={page}")
    del rule["next"]
    result = await run_scrape(rule)
    assert len(result.entries) == 12
    # Page 4 is past the end: the server answers 404, which ends the listing quietly.
    assert result.stop_reason == "page 4 does not exist (HTTP 404)"
    assert result.problems == []


async def test_max_pages_is_respected(server: LoopbackServer) -> None:
    serve_three_pages(server)
    result = await run_scrape(portal_rule(server, max_pages=2))
    assert len(result.entries) == 8 and len(result.pages) == 2
    assert result.stop_reason == "reached the page limit (2)"
    assert server.statuses("/tin?page=3") == []
    feed = await run_listing(portal_rule(server), max_pages=1)
    assert len(feed.entries) == 4
    # Without max_pages anywhere the default is 3.
    rule = portal_rule(server)
    del rule["max_pages"]
    assert len((await run_scrape(rule)).pages) == 3


async def test_a_page_seen_before_stops_pagination(server: LoopbackServer) -> None:
    serve_three_pages(server)
    server.set("/tin?page=3", portal_page(numbered(4, 4, day=28), "/tin"), content_type=HTML)
    result = await run_scrape(portal_rule(server, max_pages=10))
    assert len(result.pages) == 3 and len(result.entries) == 12
    assert result.stop_reason == "page 4 would be a page seen before"
    assert len(server.statuses("/tin")) == 1


async def test_a_page_with_no_new_items_stops_pagination(server: LoopbackServer) -> None:
    serve_three_pages(server)
    # A portal that ignores the page parameter: page 2 repeats page 1.
    server.set("/tin?page=2", portal_page(numbered(12, 4), "?page=3"), content_type=HTML)
    result = await run_scrape(portal_rule(server))
    assert len(result.entries) == 4
    assert [(p.items, p.new) for p in result.pages] == [(4, 4), (4, 0)]
    assert result.stop_reason == "page 2 had no new items"
    assert server.statuses("/tin?page=3") == []


async def test_changed_first_page_keeps_guids(server: LoopbackServer) -> None:
    serve_three_pages(server)
    rule = portal_rule(server, max_pages=1)
    before = await run_listing(rule)
    # Two new items on top push two old ones off the first page.
    server.set(
        "/tin", portal_page(numbered(14, 2) + numbered(12, 2), "/tin?page=2"), content_type=HTML
    )
    after = await run_listing(rule)
    assert [e.title for e in after.entries][:2] == ["VPUB - Bài số 14", "VPUB - Bài số 13"]
    old = {e.title: e.guid for e in before.entries}
    for e in after.entries[2:]:
        assert e.guid == old[e.title]


async def test_broken_page_without_items_is_a_clear_error(server: LoopbackServer) -> None:
    server.set(
        "/tin", "<html><body><h1>Hệ thống đang bảo trì</h1></body></html>", content_type=HTML
    )
    with pytest.raises(FetchError) as info:
        await run_listing(portal_rule(server))
    assert str(info.value) == (
        "rule Cổng TTĐT thử nghiệm: selector 'div.news-list div.news-item' matched nothing on "
        f"{server.url('/tin')}"
    )


async def test_server_error_is_a_clear_error(server: LoopbackServer) -> None:
    server.set("/tin", "oops", status=500, content_type="text/plain")
    with pytest.raises(HTTPStatusError) as info:
        await run_listing(portal_rule(server))
    assert info.value.status == 500
    assert str(info.value).startswith(f"rule Cổng TTĐT thử nghiệm: {server.url('/tin')}: HTTP 500")


async def test_later_page_failing_keeps_earlier_items(server: LoopbackServer) -> None:
    serve_three_pages(server)
    server.set("/tin?page=2", "oops", status=500, content_type="text/plain")
    result = await run_scrape(portal_rule(server))
    assert len(result.entries) == 4
    assert result.stop_reason == "page 2 could not be fetched"
    assert result.problems == [
        f"page 2 ({server.url('/tin?page=2')}): HTTP 500 Internal Server Error"
    ]
    assert len((await run_listing(portal_rule(server))).entries) == 4


async def test_unparseable_date_is_reported_and_item_kept(server: LoopbackServer) -> None:
    items = numbered(12, 4)
    items[1] = portal_item(11, "Đang cập nhật")
    server.set("/tin", portal_page(items, None), content_type=HTML)
    result = await run_scrape(portal_rule(server))
    assert result.problems == [
        'page 1: item 2 "VPUB - Bài số 11": unparseable date "Đang cập nhật"'
    ]
    feed = await run_listing(portal_rule(server))
    assert [e.published is None for e in feed.entries] == [False, True, False, False]


async def test_every_date_failing_is_an_error(server: LoopbackServer) -> None:
    server.set(
        "/tin", portal_page([portal_item(n, "sắp có") for n in (3, 2, 1)], None), content_type=HTML
    )
    with pytest.raises(FetchError, match=r'no date could be parsed on .*unparseable date "sắp có"'):
        await run_listing(portal_rule(server))
    rule = portal_rule(server, date="span.ngay-dang")
    with pytest.raises(FetchError, match=r"date selector 'span.ngay-dang' matched nothing"):
        await run_listing(rule)


async def test_rule_encoding_overrides_the_page(server: LoopbackServer) -> None:
    page = portal_page(numbered(2, 2), None).replace("<meta charset='utf-8'>", "")
    # UTF-8 bytes that the server labels Cyrillic: only the rule's encoding reads them right.
    server.set("/tin", page, content_type="text/html; charset=windows-1251")
    wrong = await run_listing(portal_rule(server))
    assert wrong.entries[0].summary != "Tóm tắt bài 2."
    feed = await run_listing(portal_rule(server, encoding="utf-8"))
    assert [e.title for e in feed.entries] == ["VPUB - Bài số 2", "VPUB - Bài số 1"]
    assert feed.entries[0].summary == "Tóm tắt bài 2."


async def test_invalid_rule_is_a_fetch_error(server: LoopbackServer) -> None:
    with pytest.raises(FetchError, match="invalid scrape rule: .*item: invalid CSS selector"):
        await run_listing(portal_rule(server, item="div[["))


async def test_refresh_into_the_store_twice(server: LoopbackServer, store: Any) -> None:
    from tuinews.fetch.refresh import RefreshOptions, refresh_all
    from tuinews.models import FeedSpec

    serve_three_pages(server)
    rule = portal_rule(server)
    store.upsert_feed(FeedSpec(url=rule["url"], kind="scrape", scrape=json.dumps(rule)))
    opts = RefreshOptions(fulltext=False)

    report = await refresh_all(store, store.feeds(), SETTINGS, options=opts)
    assert [(o.status, o.new, o.error) for o in report.outcomes] == [("new", 12, "")]
    (feed,) = store.feeds()
    assert feed.display_title == "Cổng TTĐT thử nghiệm"
    arts = list(store.articles(feed_url=rule["url"], limit=100))
    assert len(arts) == 12
    read_guid = server.url("/tin-tuc/bai-10.html")
    store.set_read([a.id for a in arts if a.guid == read_guid])

    server.set(
        "/tin", portal_page(numbered(13, 1) + numbered(12, 4), "/tin?page=2"), content_type=HTML
    )
    report = await refresh_all(store, store.feeds(), SETTINGS, options=opts)
    assert [(o.status, o.new) for o in report.outcomes] == [("new", 1)]
    arts = list(store.articles(feed_url=rule["url"], limit=100))
    assert len(arts) == 13 and len({a.guid for a in arts}) == 13
    assert [a.guid for a in arts if a.read] == [read_guid]
    assert store.totals()[:2] == (13, 12)

    # A broken listing is a per-feed error; the cached items stay.
    server.set("/tin", "<html><body>Lỗi</body></html>", content_type=HTML)
    report = await refresh_all(store, store.feeds(), SETTINGS, options=opts)
    (outcome,) = report.outcomes
    assert outcome.status == "error" and "matched nothing" in outcome.error
    assert store.totals()[:2] == (13, 12)
    (feed,) = store.feeds()
    assert "matched nothing" in feed.last_error


async def test_unreadable_items_are_a_warning_on_the_source(
    server: LoopbackServer, store: Any
) -> None:
    from tuinews.fetch.refresh import RefreshOptions, refresh_all
    from tuinews.models import FeedSpec

    items = numbered(12, 4)
    items[1] = portal_item(11, "Đang cập nhật")
    server.set("/tin", portal_page(items, None), content_type=HTML)
    rule = portal_rule(server)
    store.upsert_feed(FeedSpec(url=rule["url"], kind="scrape", scrape=json.dumps(rule)))
    opts = RefreshOptions(fulltext=False)
    (outcome,) = (await refresh_all(store, store.feeds(), SETTINGS, options=opts)).outcomes
    # The source worked (no error, no backoff) but says what it could not read.
    assert (outcome.status, outcome.new, outcome.error) == ("new", 4, "")
    assert outcome.warning.startswith("problems: 1, the first: page 1: item 2")
    (feed,) = store.feeds()
    assert feed.warning == outcome.warning and feed.last_error == "" and feed.error_count == 0
    # Fixed upstream: the warning goes away.
    server.set("/tin", portal_page(numbered(12, 4), None), content_type=HTML)
    await refresh_all(store, store.feeds(), SETTINGS, options=opts)
    assert store.feeds()[0].warning == ""


# -- (c) rules_command ------------------------------------------------------------------------


class FakeCtx:
    """What rules_command needs of the CLI context."""

    def __init__(
        self,
        rules_cmd: str,
        target: str | None = None,
        *,
        rule: str | None = None,
        pages: int | None = None,
    ) -> None:
        self.args = argparse.Namespace(rules_cmd=rules_cmd, target=target, rule=rule, pages=pages)

    def settings(self) -> FetchSettings:
        return SETTINGS


def run_rules(ctx: FakeCtx) -> tuple[int, str]:
    out = io.StringIO()
    code = rules_command(ctx, out)
    return code, out.getvalue()


def test_rules_list() -> None:
    code, text = run_rules(FakeCtx("list"))
    assert code == 0
    for name, rule in bundled_rules().items():
        assert name in text and rule["url"] in text and rule["name"] in text
    assert "vnexpress.net" in text
    assert text.rstrip().endswith(
        f'{len(bundled_rules())} bundled rules. Use one in the config with scrape = "NAME".'
    )


def test_rules_test_file_with_rule_file() -> None:
    code, text = run_rules(
        FakeCtx(
            "test",
            str(FIXTURES / "portal-tin-moi-nhat.html"),
            rule=str(FIXTURES / "portal-rule.toml"),
        )
    )
    assert code == 1  # the javascript: link is a problem
    lines = text.splitlines()
    assert lines[0] == "Rule portal-rule.toml (Cổng TTĐT tỉnh Thử Nghiệm – Tin mới nhất)"
    assert "   1. 2019-09-30T21:19:00+07:00  VPUB - Họp Ban Chỉ đạo chuyển đổi số tỉnh" in lines
    assert (
        "                                 https://congthongtin.thunghiem.example/tin-tuc/"
        "vpub-hop-ban-chi-dao-1201.html"
    ) in lines
    assert (
        "   4. (no date)                  VPUB - Hướng dẫn nộp hồ sơ trực tuyến(ngày không rõ)"
        in lines
    )
    assert (
        "      next page (not followed offline): "
        "https://congthongtin.thunghiem.example/tin-moi-nhat?page=2"
    ) in lines
    assert "Problems (1):" in lines
    assert (
        '  page 1: item 4 "VPUB - Lịch công tác tuần (29/09/2019 7:00 SA)": link is '
        "javascript:, not a page"
    ) in lines
    assert lines[-1] == "Summary: 5 items (4 dated) from 1 page, 1 problem."


def test_rules_test_saved_real_page_with_bundled_rule() -> None:
    root = require_realworld()
    path = root / "listing" / "cafef-section-2026.html"
    if not path.is_file():
        pytest.skip("saved cafef listing not found")
    code, text = run_rules(FakeCtx("test", str(path), rule="cafef-thi-truong-chung-khoan"))
    assert code == 0
    assert "   1. 2026-03-07T10:22:00+07:00  Tập đoàn Hoa Sen đặt kế hoạch lợi nhuận" in text
    assert text.splitlines()[-1] == "Summary: 21 items (21 dated) from 1 page, 0 problems."
    # Without --rule the page's canonical address picks the rule.
    code, auto = run_rules(FakeCtx("test", str(path)))
    assert (code, auto) == (0, text)


def test_rules_test_output_is_sanitised(tmp_path: Path) -> None:
    page = tmp_path / "evil.html"
    page.write_text(listing('<li><a href="/a">Tin\x1b]0;pwned\x07 giả\x1b[2J</a></li>'), "utf-8")
    rule = tmp_path / "r.json"
    rule.write_text(json.dumps({"url": BASE, "item": "li", "title": "a", "date": ""}), "utf-8")
    code, text = run_rules(FakeCtx("test", str(page), rule=str(rule)))
    assert code == 0
    assert "\x1b" not in text and "\x07" not in text
    assert "   1. (no date)                  Tin giả" in text


def test_rules_test_live_url_follows_pages(server: LoopbackServer, tmp_path: Path) -> None:
    serve_three_pages(server)
    rule_file = tmp_path / "portal.toml"
    rule_file.write_text(
        "\n".join(
            f"{k} = {json.dumps(v, ensure_ascii=False)}" for k, v in portal_rule(server).items()
        ),
        "utf-8",
    )
    code, text = run_rules(FakeCtx("test", server.url("/tin"), rule=str(rule_file), pages=2))
    assert code == 0
    lines = text.splitlines()
    assert "Pages followed (2):" in lines
    assert f"   1. {server.url('/tin')} — 4 items, 4 new" in lines
    assert f"   2. {server.url('/tin?page=2')} — 4 items, 4 new" in lines
    assert "      stopped: reached the page limit (2)" in lines
    assert "   1. 2019-09-30T13:19:00+07:00  VPUB - Bài số 12" in lines
    assert lines[-1] == "Summary: 8 items (8 dated) from 2 pages, 0 problems."

    server.set("/tin", "down", status=503, content_type="text/plain")
    code, text = run_rules(FakeCtx("test", server.url("/tin"), rule=str(rule_file)))
    assert code == 1
    assert f"error: rule Cổng TTĐT thử nghiệm: {server.url('/tin')}: HTTP 503" in text


@pytest.mark.parametrize(
    ("ctx", "message"),
    [
        (FakeCtx("test", "khong-co-rule-nay"), "is not a bundled rule"),
        (FakeCtx("test", "https://example.org/tin"), "no bundled rule for example.org"),
        (FakeCtx("test", "https://example.org/tin", rule="khong-co"), "no rule named 'khong-co'"),
        (FakeCtx("test", "vnexpress-kinh-doanh", rule="dantri-kinh-doanh"), "--rule goes with"),
        (FakeCtx("test", "vnexpress-kinh-doanh", pages=0), "--pages must be from 1 to 100"),
        (FakeCtx("test", str(FIXTURES / "portal-tin-moi-nhat.html")), "no bundled rule fits"),
    ],
)
def test_rules_test_usage_errors(ctx: FakeCtx, message: str) -> None:
    code, text = run_rules(ctx)
    assert code == 2
    assert text.startswith("error: ") and message in text
