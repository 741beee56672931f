"""Dates as each language writes them (tuinews.i18n.dates), with a fixed clock and zone."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from tuinews.i18n import dates

NOW = datetime(2026, 3, 7, 10, 30, tzinfo=UTC)  # 17:30 on Saturday in Hà Nội


@pytest.fixture(autouse=True)
def fixed_clock() -> Iterator[None]:
    dates.set_clock(lambda: NOW)
    dates.set_timezone("Asia/Ho_Chi_Minh")
    yield
    dates.set_clock(None)
    dates.set_timezone(None)


def test_full_dates() -> None:
    dt = datetime(2019, 5, 4, 2, 19, tzinfo=UTC)  # 09:19 in Vietnam, a Saturday
    assert dates.format_datetime(dt, lang="vi") == "Thứ Bảy, 04/05/2019 09:19"
    assert dates.format_datetime(dt, lang="en") == "Sat 4 May 2019 09:19"
    monday = datetime(2019, 5, 6, 2, 19, tzinfo=UTC)
    assert dates.format_datetime(monday, lang="vi") == "Thứ Hai, 06/05/2019 09:19"
    sunday = datetime(2019, 5, 5, 2, 19, tzinfo=UTC)
    assert dates.format_datetime(sunday, lang="vi") == "Chủ Nhật, 05/05/2019 09:19"
    assert dates.format_date(dt, lang="vi") == "04/05/2019"
    assert dates.format_date(dt, lang="en") == "4 May 2019"


def test_the_zone_moves_the_day() -> None:
    late = datetime(2026, 3, 6, 20, 0, tzinfo=UTC)  # already Saturday 03:00 in Vietnam
    assert dates.format_datetime(late, lang="en") == "Sat 7 Mar 2026 03:00"
    dates.set_timezone("UTC")
    assert dates.format_datetime(late, lang="en") == "Fri 6 Mar 2026 20:00"


@pytest.mark.parametrize(
    ("ago", "vi", "en"),
    [
        (timedelta(seconds=20), "vừa xong", "just now"),
        (timedelta(minutes=5), "5 phút trước", "5 min ago"),
        (timedelta(hours=1, minutes=2), "1 giờ trước", "1 hour ago"),
        (timedelta(hours=3), "3 giờ trước", "3 hours ago"),
        (timedelta(hours=20), "hôm qua", "yesterday"),
        (timedelta(days=3), "3 ngày trước", "3 days ago"),
        (timedelta(days=15), "2 tuần trước", "2 weeks ago"),
        (timedelta(days=90), "", ""),
        (timedelta(minutes=-30), "", ""),
    ],
)
def test_relative(ago: timedelta, vi: str, en: str) -> None:
    assert dates.format_relative(NOW - ago, lang="vi") == vi
    assert dates.format_relative(NOW - ago, lang="en") == en


def test_short_dates_for_columns() -> None:
    assert dates.format_short(NOW - timedelta(hours=2), lang="vi") == "15:30"
    assert dates.format_short(datetime(2026, 1, 2, 1, 5, tzinfo=UTC), lang="vi") == "02/01 08:05"
    assert dates.format_short(datetime(2026, 1, 2, 1, 5, tzinfo=UTC), lang="en") == "2 Jan 08:05"
    assert dates.format_short(datetime(2024, 12, 31, tzinfo=UTC), lang="en") == "31 Dec 2024"
    assert dates.format_short(NOW - timedelta(hours=2), lang="en", compact=True) == "15:30"
    assert dates.format_short(datetime(2026, 1, 2, tzinfo=UTC), lang="vi", compact=True) == "02/01"
    assert dates.format_short(datetime(2026, 1, 2, tzinfo=UTC), lang="en", compact=True) == "2 Jan"
    assert dates.format_short(datetime(2025, 1, 2, tzinfo=UTC), lang="en", compact=True) == "2025"
    for lang in ("vi", "en"):
        for days in range(0, 800, 7):
            assert len(dates.format_short(NOW - timedelta(days=days), lang=lang)) <= 12


def test_system_zone_when_unset() -> None:
    dates.set_timezone(None)
    dt = datetime(2026, 3, 7, 10, 30, tzinfo=UTC)
    assert dates.to_local(dt) == dt.astimezone()
    dates.set_timezone("Not/AZone")
    assert dates.to_local(dt) == dt.astimezone()
