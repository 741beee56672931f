"""Dates as each language writes them, in the user's time zone.

Vietnamese: ``Thứ Hai, 04/05/2019 09:19`` and relative ``vừa xong``, ``5 phút trước``,
``hôm qua``; English: ``Mon 4 May 2019 09:19``, ``just now``, ``5 min ago``, ``yesterday``.

Two seams keep output deterministic in tests and screenshots:

* :func:`set_timezone` chooses the zone dates are shown in (the config's ``timezone``;
  ``None`` means the system's);
* :func:`set_clock` replaces "now" for relative forms and for "today" in short dates.

Pure standard library: the CLI and the UI both use it; it must not import Textual.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, tzinfo

from tuinews.i18n import language

__all__ = [
    "format_date",
    "format_datetime",
    "format_relative",
    "format_short",
    "format_time",
    "now",
    "set_clock",
    "set_timezone",
    "start_of_day",
    "to_local",
]

_VI_WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")
_EN_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_EN_MONTHS = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)

_zone: tzinfo | None = None
"""The display zone; None: the system's local zone."""
_clock: Callable[[], datetime] | None = None
"""Replaces the current time (tests, screenshots); None: the real clock."""


def set_timezone(name: str | None) -> None:
    """Show dates in the IANA zone ``name`` (e.g. ``"Asia/Ho_Chi_Minh"``); None: the system's.

    An unknown name falls back to the system zone (the config loader already rejects them).
    """
    global _zone
    if not name:
        _zone = None
        return
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError  # (only when a zone is set)

    try:
        _zone = ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        _zone = None


def set_clock(clock: Callable[[], datetime] | None) -> None:
    """Replace the current time with ``clock()`` (an aware datetime); None: the real clock."""
    global _clock
    _clock = clock


def now() -> datetime:
    """The current instant (aware, UTC), from the clock seam when one is set."""
    current = _clock() if _clock is not None else datetime.now(UTC)
    if current.tzinfo is None:
        current = current.replace(tzinfo=UTC)
    return current.astimezone(UTC)


def to_local(dt: datetime) -> datetime:
    """``dt`` in the display zone (a naive ``dt`` is taken as UTC)."""
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(_zone) if _zone is not None else dt.astimezone()


def start_of_day(day: date) -> datetime:
    """Midnight at the start of ``day`` in the display zone (aware)."""
    midnight = datetime(day.year, day.month, day.day)
    return midnight.replace(tzinfo=_zone) if _zone is not None else midnight.astimezone()


def _lang(lang: str | None) -> str:
    return lang if lang in ("vi", "en") else language()


def format_time(dt: datetime) -> str:
    """``09:19`` (24-hour clock, both languages)."""
    return f"{to_local(dt):%H:%M}"


def format_date(dt: datetime, *, lang: str | None = None) -> str:
    """The day alone: ``04/05/2019`` (vi) or ``4 May 2019`` (en)."""
    local = to_local(dt)
    if _lang(lang) == "vi":
        return f"{local:%d/%m/%Y}"
    return f"{local.day} {_EN_MONTHS[local.month - 1]} {local.year}"


def format_datetime(dt: datetime, *, lang: str | None = None) -> str:
    """Weekday, day and time: ``Thứ Hai, 04/05/2019 09:19`` or ``Mon 4 May 2019 09:19``."""
    local = to_local(dt)
    if _lang(lang) == "vi":
        return f"{_VI_WEEKDAYS[local.weekday()]}, {local:%d/%m/%Y %H:%M}"
    return (
        f"{_EN_WEEKDAYS[local.weekday()]} {local.day} {_EN_MONTHS[local.month - 1]} "
        f"{local.year} {local:%H:%M}"
    )


def format_short(dt: datetime, *, lang: str | None = None, compact: bool = False) -> str:
    """A short date for list columns (at most 12 cells; 6 when ``compact``).

    Today: ``09:19``; this year: ``04/05 09:19`` / ``4 May 09:19``; older: the day alone.
    Compact: ``09:19`` today, ``04/05`` / ``4 May`` this year, else the year.
    """
    local = to_local(dt)
    today = to_local(now()).date()
    if local.date() == today:
        return f"{local:%H:%M}"
    if compact:
        if local.year != today.year:
            return str(local.year)
        if _lang(lang) == "vi":
            return f"{local:%d/%m}"
        return f"{local.day} {_EN_MONTHS[local.month - 1]}"
    if local.year == today.year:
        if _lang(lang) == "vi":
            return f"{local:%d/%m %H:%M}"
        return f"{local.day} {_EN_MONTHS[local.month - 1]} {local:%H:%M}"
    return format_date(dt, lang=lang)


def format_relative(dt: datetime, *, lang: str | None = None) -> str:
    """How long ago: ``vừa xong``/``just now``, ``5 phút trước``/``5 min ago``, ``3 giờ
    trước``/``3 hours ago``, ``hôm qua``/``yesterday``, ``4 ngày trước``/``4 days ago``,
    ``2 tuần trước``/``2 weeks ago``.

    Returns:
        The phrase, or "" for dates in the future or more than four weeks old (show the
        absolute date instead).
    """
    vi = _lang(lang) == "vi"
    current = now()
    delta = current - (dt if dt.tzinfo else dt.replace(tzinfo=UTC))
    if delta < timedelta(minutes=-1):
        return ""
    seconds = max(0, int(delta.total_seconds()))
    if seconds < 60:
        return "vừa xong" if vi else "just now"
    if seconds < 3600:
        m = seconds // 60
        return f"{m} phút trước" if vi else f"{m} min ago"
    days = (to_local(current).date() - to_local(dt).date()).days
    if days == 0 or seconds < 6 * 3600:
        h = seconds // 3600
        if vi:
            return f"{h} giờ trước"
        return "1 hour ago" if h == 1 else f"{h} hours ago"
    if days == 1:
        return "hôm qua" if vi else "yesterday"
    if days < 7:
        return f"{days} ngày trước" if vi else f"{days} days ago"
    if days < 29:
        w = days // 7
        if vi:
            return f"{w} tuần trước"
        return "1 week ago" if w == 1 else f"{w} weeks ago"
    return ""
