"""Tests for tuinews.text.dates: feed dates, Vietnamese page dates, relative forms, finding."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from tuinews.text.dates import (
    VN_TZ,
    find_vn_date,
    parse_feed_date,
    parse_iso_or_vn,
    parse_us_date,
    parse_vn_date,
)


def vn(year: int, month: int, day: int, hour: int = 0, minute: int = 0, sec: int = 0) -> datetime:
    """The UTC instant of a Vietnam wall-clock time (what zone-less dates mean)."""
    return datetime(year, month, day, hour, minute, sec, tzinfo=VN_TZ).astimezone(UTC)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0, sec: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, sec, tzinfo=UTC)


def assert_utc(got: datetime | None, expected: datetime) -> None:
    assert got is not None
    assert got.utcoffset() == timedelta(0)
    assert got == expected


# Saturday 7 March 2026, 10:00 in Vietnam: the reference for relative forms.
NOW = vn(2026, 3, 7, 10, 0)


def test_vn_tz_is_plus_seven() -> None:
    assert VN_TZ.utcoffset(None) == timedelta(hours=7)


# ---------------------------------------------------------------------------------------------
# parse_feed_date
# ---------------------------------------------------------------------------------------------

FEED_CASES = [
    # RFC 822 / 2822
    ("Sat, 18 Feb 2017 13:00:00 +0700", utc(2017, 2, 18, 6)),
    ("Sat, 18 Feb 2017 06:00:00 GMT", utc(2017, 2, 18, 6)),
    ("Sat, 18 Feb 2017 06:00:00 UT", utc(2017, 2, 18, 6)),
    ("Sat, 18 Feb 2017 01:00:00 EST", utc(2017, 2, 18, 6)),
    ("Fri, 17 Feb 2017 22:00:00 PST", utc(2017, 2, 18, 6)),
    ("Sat, 18 Feb 2017 13:00 +0700", utc(2017, 2, 18, 6)),  # no seconds
    ("18 Feb 2017 13:00:00 +0700", utc(2017, 2, 18, 6)),  # no weekday
    ("Mon, 18 Feb 2017 13:00:00 +0700", utc(2017, 2, 18, 6)),  # wrong weekday
    ("sat, 18 feb 2017 13:00:00 +0700", utc(2017, 2, 18, 6)),  # lower case
    ("Sat, 18 Feb 17 13:00:00 +0700", utc(2017, 2, 18, 6)),  # two-digit year
    ("Thu, 18 Feb 99 13:00:00 +0700", utc(1999, 2, 18, 6)),
    ("Sat, 18 Feb 2017 13:00:00", utc(2017, 2, 18, 6)),  # no zone: Vietnam
    ("Sat, 18 Feb 2017 13:00:00 +07:00", utc(2017, 2, 18, 6)),
    ("Sat, 18 Feb 2017 13:00:00 ICT", utc(2017, 2, 18, 6)),
    ("Sat, 18 Feb 2017 13:00:00 -0000", utc(2017, 2, 18, 13)),
    ("Sat, 18 Feb 2017 13:00:00 +0700 (ICT)", utc(2017, 2, 18, 6)),
    ("  Sat, 18 Feb 2017 13:00:00 +0700\n", utc(2017, 2, 18, 6)),
    ("Saturday, 18-Feb-17 06:00:00 GMT", utc(2017, 2, 18, 6)),  # RFC 850
    ("Sat, 18 Feb 2017 1:00 PM +0700", utc(2017, 2, 18, 6)),
    ("Sat, 18 Feb 2017 23:59:60 GMT", utc(2017, 2, 18, 23, 59, 59)),  # leap second
    # RFC 3339 / ISO 8601
    ("2017-02-18T06:00:00Z", utc(2017, 2, 18, 6)),
    ("2017-02-18T06:00Z", utc(2017, 2, 18, 6)),
    ("2017-02-18T13:00:00+07:00", utc(2017, 2, 18, 6)),
    ("2017-02-18T13:00:00.123456+07:00", utc(2017, 2, 18, 6) + timedelta(microseconds=123456)),
    ("2017-02-18 13:00:00", utc(2017, 2, 18, 6)),  # space, no zone
    ("2017-02-18", vn(2017, 2, 18)),  # date only: Vietnamese midnight
    ("2024-06-01 12:00:00 +0700", utc(2024, 6, 1, 5)),
    ("2025-10-09T17:55:47+0700", utc(2025, 10, 9, 10, 55, 47)),
    ("2017-02-18t06:00:00z", utc(2017, 2, 18, 6)),
    ("2017/02/18 13:00", utc(2017, 2, 18, 6)),
    ("2017-02-18T06:00:00 GMT", utc(2017, 2, 18, 6)),
    ("2017-02-17T24:00:00Z", utc(2017, 2, 18)),
    # real-world sloppiness
    ("Sun Mar 01 2026 09:51:10 GMT+0700 (Indochina Time)", utc(2026, 3, 1, 2, 51, 10)),
    ("Sun Mar  1 09:51:10 2026", utc(2026, 3, 1, 2, 51, 10)),
    ("March 1, 2026 9:51 AM", utc(2026, 3, 1, 2, 51)),
    ("1 March 2026 21:51 +07:00", utc(2026, 3, 1, 14, 51)),
]


@pytest.mark.parametrize(("text", "expected"), FEED_CASES)
def test_parse_feed_date(text: str, expected: datetime) -> None:
    assert_utc(parse_feed_date(text), expected)


@pytest.mark.parametrize(
    "text",
    [
        None,
        "",
        "   ",
        "hello",
        "Sat, 31 Feb 2017 13:00:00 GMT",
        "Sat, 18 Feb 2017 25:00:00 GMT",
        "2017-02-30",
        "Sat, 18 Foo 2017 13:00:00 GMT",
        "Feb 2017",
        "Sat, 18 Feb 2017 13:00:00 +9900",
        "0001-01-01",  # shifting to UTC would leave the datetime range
        "07/03/2026",  # numeric day-first is a page format, not a feed format
    ],
)
def test_parse_feed_date_rejects(text: str | None) -> None:
    assert parse_feed_date(text) is None


def test_parse_feed_date_many_calls() -> None:
    """20k varied feed dates round-trip (a sanity loop, not a benchmark)."""
    start = datetime(2015, 1, 1, tzinfo=UTC)
    for i in range(5_000):
        t = start + timedelta(seconds=i * 93_217)
        for text in (
            format_datetime(t, usegmt=True),
            format_datetime(t.astimezone(VN_TZ)),
            t.strftime("%Y-%m-%dT%H:%M:%SZ"),
            t.astimezone(VN_TZ).isoformat(timespec="seconds"),
        ):
            assert parse_feed_date(text) == t, text


# ---------------------------------------------------------------------------------------------
# parse_vn_date: absolute dates
# ---------------------------------------------------------------------------------------------

VN_CASES = [
    # CH is PM: 21:19 in Vietnam, 14:19 UTC.
    ("30/09/2019 9:19 CH", utc(2019, 9, 30, 14, 19)),
    ("30/09/2019 9:19 SA", vn(2019, 9, 30, 9, 19)),
    ("30/09/2019 12:00 CH", vn(2019, 9, 30, 12)),  # noon
    ("30/09/2019 12:05 SA", vn(2019, 9, 30, 0, 5)),  # just after midnight
    ("07/03/2026", vn(2026, 3, 7)),
    ("7/3/2026", vn(2026, 3, 7)),
    ("07-03-2026", vn(2026, 3, 7)),
    ("07 - 03 - 2026", vn(2026, 3, 7)),
    ("07.03.2026", vn(2026, 3, 7)),
    ("07/03/26", vn(2026, 3, 7)),
    ("07/03/2026 08:01", vn(2026, 3, 7, 8, 1)),
    ("07/03/2026 08:01:53", vn(2026, 3, 7, 8, 1, 53)),
    ("7/3/2026 9h30", vn(2026, 3, 7, 9, 30)),
    ("7/3/2026 09g30", vn(2026, 3, 7, 9, 30)),
    ("7/3/2026 9 giờ", vn(2026, 3, 7, 9)),
    ("07/03/2026 8:00 tối", vn(2026, 3, 7, 20)),
    ("08:01 07/03/2026", vn(2026, 3, 7, 8, 1)),
    ("07/03/2026 08:01 GMT+7", vn(2026, 3, 7, 8, 1)),
    ("07/03/2026 08:01 (GMT+7)", vn(2026, 3, 7, 8, 1)),
    ("07/03/2026 08:01 GMT+07:00", vn(2026, 3, 7, 8, 1)),
    ("07/03/2026 08:01 UTC+7", vn(2026, 3, 7, 8, 1)),
    ("07/03/2026 10:01 GMT+9", vn(2026, 3, 7, 8, 1)),
    ("07/03/2026 01:01 GMT", vn(2026, 3, 7, 8, 1)),
    ("Thứ bảy, 7/3/2026, 00:05 (GMT+7)", vn(2026, 3, 7, 0, 5)),
    ("Thứ Bảy, 07/03/2026", vn(2026, 3, 7)),
    ("Thứ 7, 07/03/2026", vn(2026, 3, 7)),
    ("T7, 07/03/2026 - 08:07", vn(2026, 3, 7, 8, 7)),
    ("thứ hai, 02/03/2026", vn(2026, 3, 2)),
    ("THỨ HAI, 02/03/2026", vn(2026, 3, 2)),
    ("Chủ nhật, 01/03/2026 - 09:51", vn(2026, 3, 1, 9, 51)),
    ("CN, 01/03/2026", vn(2026, 3, 1)),
    ("Đăng ngày 04 - 05 - 2019", vn(2019, 5, 4)),
    ("Ngày đăng: 04/05/2019", vn(2019, 5, 4)),
    ("Ngày 04/05/2019", vn(2019, 5, 4)),
    ("Cập nhật: 07/03/2026 08:01", vn(2026, 3, 7, 8, 1)),
    ("Cập nhật lúc 08:01 07/03/2026", vn(2026, 3, 7, 8, 1)),
    ("07/03/2026 lúc 08:01", vn(2026, 3, 7, 8, 1)),
    ("lúc 9h30 ngày 7/3/2026", vn(2026, 3, 7, 9, 30)),
    ("18:53 , 06/03/2026", vn(2026, 3, 6, 18, 53)),
    ("07-03-2026 - 00:01 AM |", vn(2026, 3, 7, 0, 1)),
    ("(30/09/2019 9:19 CH)", vn(2019, 9, 30, 21, 19)),
    ("7 tháng 3 năm 2026", vn(2026, 3, 7)),
    ("Thứ Bảy, 07 tháng 3, 2026 08:00", vn(2026, 3, 7, 8)),
    # ISO and RFC go through parse_feed_date
    ("2026-03-07 08:07", vn(2026, 3, 7, 8, 7)),
    ("2026-03-07T01:07:00Z", vn(2026, 3, 7, 8, 7)),
    ("Sat, 07 Mar 2026 08:07:00 +0700", vn(2026, 3, 7, 8, 7)),
]


@pytest.mark.parametrize(("text", "expected"), VN_CASES)
def test_parse_vn_date(text: str, expected: datetime) -> None:
    assert_utc(parse_vn_date(text, now=NOW), expected)


@pytest.mark.parametrize(
    "text",
    [
        "Thứ bảy, 7/3/2026, 00:05 (GMT+7)",
        "Đăng ngày 04 - 05 - 2019",
        "Chủ nhật, 01/03/2026 - 09:51",
        "Cập nhật lúc 08:01 07/03/2026",
        "Hôm qua 08:16",
        "5 phút trước",
    ],
)
def test_parse_vn_date_accepts_nfd(text: str) -> None:
    nfd = unicodedata.normalize("NFD", text)
    assert nfd != text
    assert parse_vn_date(nfd, now=NOW) == parse_vn_date(text, now=NOW) is not None


@pytest.mark.parametrize(
    "text",
    [
        None,
        "",
        "   ",
        "garbage",
        "31/02/2026",
        "29/02/2025",
        "30/13/2026",
        "00/03/2026",
        "07/03/2026 24:30",
        "07/03/2026 9:75",
        "07/03/2026 13:00 SA",
        "hôm nay 25:00",
        "5 phút",  # a duration, not a date
        "Thứ bảy",
        "Giá vàng hôm nay 6/3/2026",  # a title: use find_vn_date
    ],
)
def test_parse_vn_date_rejects(text: str | None) -> None:
    assert parse_vn_date(text, now=NOW) is None


# ---------------------------------------------------------------------------------------------
# parse_vn_date: relative forms
# ---------------------------------------------------------------------------------------------

RELATIVE_CASES = [
    ("5 phút trước", NOW - timedelta(minutes=5)),
    ("30 giây trước", NOW - timedelta(seconds=30)),
    ("2 giờ trước", NOW - timedelta(hours=2)),
    ("2 tiếng trước", NOW - timedelta(hours=2)),
    ("khoảng 2 giờ trước", NOW - timedelta(hours=2)),
    ("cách đây 30 phút", NOW - timedelta(minutes=30)),
    ("3 ngày trước", NOW - timedelta(days=3)),
    ("1 tuần trước", NOW - timedelta(weeks=1)),
    ("2 tháng trước", vn(2026, 1, 7, 10)),
    ("1 năm trước", vn(2025, 3, 7, 10)),
    ("Cập nhật: 5 phút trước", NOW - timedelta(minutes=5)),
    ("vừa xong", NOW),
    ("Vừa mới", NOW),
    ("Hôm qua 08:16", vn(2026, 3, 6, 8, 16)),
    ("08:16 hôm qua", vn(2026, 3, 6, 8, 16)),
    ("Hôm qua, lúc 23:59", vn(2026, 3, 6, 23, 59)),
    ("hôm nay 07:30", vn(2026, 3, 7, 7, 30)),
    ("Hôm kia", vn(2026, 3, 5)),
]


@pytest.mark.parametrize(("text", "expected"), RELATIVE_CASES)
def test_parse_vn_date_relative(text: str, expected: datetime) -> None:
    assert_utc(parse_vn_date(text, now=NOW), expected)


def test_relative_day_follows_the_vietnamese_calendar() -> None:
    # 18:00 UTC on 6 March is already 01:00 on 7 March in Vietnam.
    now = utc(2026, 3, 6, 18)
    assert_utc(parse_vn_date("Hôm qua 08:16", now=now), vn(2026, 3, 6, 8, 16))


def test_relative_month_clamps_to_month_end() -> None:
    assert_utc(parse_vn_date("1 tháng trước", now=vn(2026, 3, 31, 10)), vn(2026, 2, 28, 10))


def test_naive_now_is_vietnam_time() -> None:
    naive = datetime(2026, 3, 7, 10, 0)
    assert_utc(parse_vn_date("5 phút trước", now=naive), NOW - timedelta(minutes=5))


def test_default_now_is_current_time() -> None:
    got = parse_vn_date("vừa xong")
    assert got is not None
    assert abs(got - datetime.now(UTC)) < timedelta(minutes=1)


# ---------------------------------------------------------------------------------------------
# hints
# ---------------------------------------------------------------------------------------------

HINT_CASES = [
    ("03/04/2026", None, vn(2026, 4, 3)),
    ("03/04/2026", "dmy", vn(2026, 4, 3)),
    ("03/04/2026", "mdy", vn(2026, 3, 4)),
    ("03/04/2026", "MDY", vn(2026, 3, 4)),
    ("03/04/2026", "%m/%d/%Y", vn(2026, 3, 4)),
    ("25/12/2026", "mdy", vn(2026, 12, 25)),  # cannot be month first: the default guess
    ("07/03/2026", "%Y-%m-%d", vn(2026, 3, 7)),  # the format does not fit: the default guess
    ("07-03-2026", "%d-%m-%Y", vn(2026, 3, 7)),
    ("Ngày 07/03/2026", "Ngày %d/%m/%Y", vn(2026, 3, 7)),
    ("Đăng ngày 03/04/2026 9:19 CH (GMT+7)", "%m/%d/%Y %I:%M %p", vn(2026, 3, 4, 21, 19)),
    ("Thứ hai, 03/04/2026 10:00 GMT+9", "%m/%d/%Y %H:%M", vn(2026, 3, 4, 8)),
    ("2026/03/04 09:00 +0900", "%Y/%m/%d %H:%M %z", utc(2026, 3, 4, 0)),
]


@pytest.mark.parametrize(("text", "hint", "expected"), HINT_CASES)
def test_parse_vn_date_hint(text: str, hint: str | None, expected: datetime) -> None:
    assert_utc(parse_vn_date(text, hint=hint), expected)


# ---------------------------------------------------------------------------------------------
# parse_us_date and parse_iso_or_vn
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("11/15/2019", vn(2019, 11, 15)),
        ("3/4/2026 9:05 PM", vn(2026, 3, 4, 21, 5)),
        ("3/4/2026 12:00 AM", vn(2026, 3, 4)),
        ("03/04/2026 10:20:30", vn(2026, 3, 4, 10, 20, 30)),
        ("2026-03-04T09:05:00Z", utc(2026, 3, 4, 9, 5)),
    ],
)
def test_parse_us_date(text: str, expected: datetime) -> None:
    assert_utc(parse_us_date(text), expected)


@pytest.mark.parametrize("text", [None, "", "25/12/2026", "nothing"])
def test_parse_us_date_rejects(text: str | None) -> None:
    assert parse_us_date(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-07T08:07:00+07:00", vn(2026, 3, 7, 8, 7)),
        ("Sat, 07 Mar 2026 08:07:00 +0700", vn(2026, 3, 7, 8, 7)),
        ("07/03/2026 08:07", vn(2026, 3, 7, 8, 7)),
        ("5 phút trước", NOW - timedelta(minutes=5)),
    ],
)
def test_parse_iso_or_vn(text: str, expected: datetime) -> None:
    assert_utc(parse_iso_or_vn(text, now=NOW), expected)


@pytest.mark.parametrize("text", [None, "", "nonsense", "31/02/2026"])
def test_parse_iso_or_vn_rejects(text: str | None) -> None:
    assert parse_iso_or_vn(text, now=NOW) is None


# ---------------------------------------------------------------------------------------------
# find_vn_date
# ---------------------------------------------------------------------------------------------


def test_find_vn_date_in_seed_listing_line() -> None:
    line = "VPUB - Hội nghị trực tuyến toàn quốc về công tác tuyên giáo(30/09/2019 9:19 CH)"
    found = find_vn_date(line)
    assert found is not None
    dt, start, end = found
    assert_utc(dt, vn(2019, 9, 30, 21, 19))
    # The brackets go with the date, so cutting it leaves a clean title.
    assert line[start:end] == "(30/09/2019 9:19 CH)"
    assert end == len(line)
    assert line[:start] == "VPUB - Hội nghị trực tuyến toàn quốc về công tác tuyên giáo"


FIND_CASES = [
    ("Đăng ngày 04 - 05 - 2019\n100%", "Đăng ngày 04 - 05 - 2019", vn(2019, 5, 4)),
    ("a 06/03/2026 b 07/03/2026", "06/03/2026", vn(2026, 3, 6)),
    ("x 31/02/2026 y 01/03/2026", "01/03/2026", vn(2026, 3, 1)),  # skips the impossible one
    ("Giá vàng hôm nay 6/3/2026 biến động mạnh", "6/3/2026", vn(2026, 3, 6)),
    ("Tin mới (5 phút trước)", "(5 phút trước)", NOW - timedelta(minutes=5)),
    ("Bình luận · Hôm qua 08:16", "Hôm qua 08:16", vn(2026, 3, 6, 8, 16)),
    ('<time datetime="2026-03-07 08:07">', "2026-03-07 08:07", vn(2026, 3, 7, 8, 7)),
    ("Thứ bảy, 07/03/2026 - 08:07 Giá vàng", "Thứ bảy, 07/03/2026 - 08:07", vn(2026, 3, 7, 8, 7)),
    ("07/03/2026 08:06 GMT+7 Tin", "07/03/2026 08:06 GMT+7", vn(2026, 3, 7, 8, 6)),
    ("Cập nhật 07/03/2026 08:40:59 | X", "Cập nhật 07/03/2026 08:40:59", vn(2026, 3, 7, 8, 40, 59)),
]


@pytest.mark.parametrize(("text", "span", "expected"), FIND_CASES)
def test_find_vn_date(text: str, span: str, expected: datetime) -> None:
    found = find_vn_date(text, now=NOW)
    assert found is not None
    dt, start, end = found
    assert text[start:end] == span
    assert_utc(dt, expected)


def test_find_vn_date_offsets_index_nfd_input() -> None:
    text = unicodedata.normalize("NFD", "Tiêu đề Thứ bảy, 7/3/2026, 00:05 (GMT+7) còn lại")
    found = find_vn_date(text)
    assert found is not None
    dt, start, end = found
    assert_utc(dt, vn(2026, 3, 7, 0, 5))
    assert unicodedata.normalize("NFC", text[start:end]) == "Thứ bảy, 7/3/2026, 00:05 (GMT+7)"
    assert unicodedata.normalize("NFC", text[end:]) == " còn lại"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Giá vàng hôm nay",  # a phrase, not a timestamp
        "3 ngày trước khi bầu cử",  # "three days before the election"
        "tỉ số 1-0-26",
        '<img src="/2026/3/6/hkd-1.jpg">',
        "Không có ngày tháng nào",
    ],
)
def test_find_vn_date_none(text: str) -> None:
    assert find_vn_date(text, now=NOW) is None


@pytest.mark.parametrize(
    "text",
    [
        "Đăng ngày " * 2_000,
        "07/03/2026" + " " * 20_000 + "x",
        "Sat, 18 Feb 2017 13:00:00 GMT" + " " * 20_000 + "x",
        "1 - " * 5_000,
        "(GMT+7 " * 2_000,
    ],
)
def test_pathological_input_finishes(text: str) -> None:
    """Long runs of lead words or whitespace must not make the regexes backtrack for ages."""
    parse_feed_date(text)
    parse_vn_date(text, now=NOW, hint="%d/%m/%Y %H:%M")
    find_vn_date(text, now=NOW)
