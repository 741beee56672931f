"""Feed and page dates: RFC 822/2822, RFC 3339/ISO 8601 and the dates of Vietnamese pages.

Every public function returns an aware ``datetime`` in UTC, or ``None`` when the text holds no
usable date. A date written without a zone is read as Vietnam time (+07:00): that is what
Vietnamese feeds and portals mean when they leave the zone out. Numeric dates are day first
(Vietnamese convention) unless the caller says otherwise (``hint="mdy"``, :func:`parse_us_date`).

Shapes handled (examples, not a grammar):

- feeds, :func:`parse_feed_date`: ``Sat, 18 Feb 2017 13:00:00 +0700``, ``18 feb 17 13:00 GMT``,
  ``2024-06-01T12:00:00Z``, ``2024-06-01 12:00:00 +0700``, ``2024-06-01``,
  ``Sun Mar 01 2026 09:51:10 GMT+0700 (Indochina Time)``, ``March 1, 2026 9:51 AM``;
- pages, :func:`parse_vn_date` and :func:`find_vn_date`: ``30/09/2019 9:19 CH``,
  ``Đăng ngày 04 - 05 - 2019``, ``Thứ bảy, 7/3/2026, 00:05 (GMT+7)``, ``08:01 07/03/2026``,
  ``lúc 9h30 ngày 7/3/2026``, ``7 tháng 3 năm 2026``, ``Hôm qua 08:16``, ``5 phút trước``.

The module is pure (no I/O) and imports only the standard library, because the feed parser calls
:func:`parse_feed_date` for every item of every refresh.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from datetime import UTC, datetime, timedelta, timezone

__all__ = [
    "VN_TZ",
    "find_vn_date",
    "parse_feed_date",
    "parse_iso_or_vn",
    "parse_us_date",
    "parse_vn_date",
]

VN_TZ = timezone(timedelta(hours=7), "ICT")

_HOUR = 3600

# Zone names a feed may carry. RFC 2822 section 4.3 lists the North American ones; ICT
# (Indochina Time) is added because Vietnamese feeds write it.
_ZONE_NAMES: dict[str, int] = {
    "z": 0,
    "ut": 0,
    "utc": 0,
    "gmt": 0,
    "est": -5 * _HOUR,
    "edt": -4 * _HOUR,
    "cst": -6 * _HOUR,
    "cdt": -5 * _HOUR,
    "mst": -7 * _HOUR,
    "mdt": -6 * _HOUR,
    "pst": -8 * _HOUR,
    "pdt": -7 * _HOUR,
    "ict": 7 * _HOUR,
}

_MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTHS: dict[str, int] = {name[:3]: i for i, name in enumerate(_MONTH_NAMES, 1)}
_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Words the textual fallback may skip without giving up on the string.
_FILLER_WORDS = frozenset({"at", "on", "of", "the", "st", "nd", "rd", "th", "t"})

# Shared tzinfo objects: building a timezone per call would cost more than the parse itself.
_TZ_CACHE: dict[int, timezone] = {0: UTC, 7 * _HOUR: VN_TZ}

# Stripped from both ends before a whole field is matched: listings wrap dates in brackets,
# pipes and dashes ("(30/09/2019 9:19 CH)", "07-03-2026 - 00:01 AM |").
_JUNK = " \t\r\n\f\v\xa0\u3000()[]|,.;:-\u2013\u2014\u2022\u00b7"


# --------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------


def _tz(offset: int) -> timezone:
    """Return a cached fixed-offset tzinfo for ``offset`` seconds east of UTC."""
    tz = _TZ_CACHE.get(offset)
    if tz is None:
        tz = _TZ_CACHE[offset] = timezone(timedelta(seconds=offset))
    return tz


def _build(
    year: int,
    month: int,
    day: int,
    hour: int = 0,
    minute: int = 0,
    second: int = 0,
    micro: int = 0,
    offset: int | None = None,
) -> datetime:
    """Build the UTC datetime for local fields at ``offset`` (None means Vietnam time).

    Raises:
        ValueError: the fields name no real instant (31 February, 25 o'clock).
    """
    next_day = False
    if hour == 24 and minute == 0 and second == 0 and micro == 0:
        # ISO 8601 allows 24:00 for the end of a day; datetime does not.
        hour, next_day = 0, True
    if second == 60:
        # RFC 2822/3339 allow a leap second; datetime does not, and one second is noise here.
        second = 59
    tz = VN_TZ if offset is None else _tz(offset)
    dt = datetime(year, month, day, hour, minute, second, micro, tzinfo=tz)
    if next_day:
        dt += timedelta(days=1)
    return dt.astimezone(UTC)


def _year(digits: str) -> int:
    """Read a year; two digits follow RFC 2822 section 4.3 (00-49 → 20xx, 50-99 → 19xx)."""
    year = int(digits)
    if len(digits) == 2:
        year += 2000 if year < 50 else 1900
    return year


def _month(word: str) -> int | None:
    """Month number for an English month name or abbreviation (any case), else None."""
    w = word.lower().rstrip(".")
    month = _MONTHS.get(w[:3])
    if month is None or not (_MONTH_NAMES[month - 1].startswith(w) or w == "sept"):
        return None
    return month


def _is_weekday(word: str) -> bool:
    """True for an English weekday name or abbreviation ("sat", "Tues", "Thursday")."""
    w = word.lower()
    if w in {"tues", "thur", "thurs"}:
        return True
    return len(w) >= 2 and any(name.startswith(w) for name in _WEEKDAY_NAMES)


def _days_in_month(year: int, month: int) -> int:
    """Number of days in ``month`` of ``year`` (Gregorian), without importing calendar."""
    if month == 2:
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return 29 if leap else 28
    return 30 if month in (4, 6, 9, 11) else 31


_ZONE_RE = re.compile(
    r"\(?\s*+(?P<name>[a-z]{1,5})?\s*+"
    r"(?:(?P<sign>[+-])\s*+(?P<hh>\d{1,2})(?::?(?P<mm>\d{2}))?)?"
    r"\s*+\)?\s*+(?:\([^()]*\))?\s*+",
    re.IGNORECASE,
)


def _zone_offset(text: str) -> int | None:
    """Seconds east of UTC for a zone suffix, or None when there is none.

    Accepts ``+0700``, ``+07:00``, ``+7``, ``GMT``, ``GMT+7``, ``(GMT+07:00)``, ``UTC+7`` and a
    trailing comment such as ``(Indochina Time)``. Unknown alphabetic zones count as UTC, as RFC
    2822 section 4.3 asks.

    Raises:
        ValueError: the text is not a zone, or the offset is out of range.
    """
    if not text:
        return None
    # Fast path for the "+0700" that most RSS feeds write.
    if len(text) == 5 and text[0] in "+-" and text[1:].isdigit():
        hours, minutes = int(text[1:3]), int(text[3:])
        if hours > 14 or minutes > 59:
            raise ValueError(f"zone offset out of range: {text!r}")
        offset = hours * _HOUR + minutes * 60
        return -offset if text[0] == "-" else offset
    named = _ZONE_NAMES.get(text.lower())
    if named is not None:
        return named
    m = _ZONE_RE.fullmatch(" ".join(text.split()))
    if m is None:
        raise ValueError(f"not a zone: {text!r}")
    name, sign = m["name"], m["sign"]
    if name is None and sign is None:
        return None  # only a comment, e.g. "(Indochina Time)"
    base = 0
    if name is not None:
        lowered = name.lower()
        if lowered in {"am", "pm", "a", "p"}:
            # "1:00 PM +0700": a clock marker, not a zone; the textual fallback reads it.
            raise ValueError(f"not a zone: {text!r}")
        base = _ZONE_NAMES.get(lowered, 0)
    if sign is None:
        return base
    hours, minutes = int(m["hh"]), int(m["mm"] or 0)
    if hours > 14 or minutes > 59:
        raise ValueError(f"zone offset out of range: {text!r}")
    offset = hours * _HOUR + minutes * 60
    return base + (-offset if sign == "-" else offset)


# --------------------------------------------------------------------------------------------
# Feed dates
# --------------------------------------------------------------------------------------------

_RFC822_RE = re.compile(
    r"(?:[a-z]{2,9}\.?\s*+(?:,\s*+)?)?"  # weekday: ignored, feeds often get it wrong
    r"(?P<d>\d{1,2})(?:\s*+-\s*+|\s++)(?P<mon>[a-z]{3,9})\.?(?:\s*+[-,]\s*+|\s++)"
    r"(?P<y>\d{4}|\d{2})"
    r"(?:(?:\s*+,\s*+|\s++)(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:[.,]\d+)?)?)?"
    r"\s*+(?P<tail>.*)",
    re.IGNORECASE | re.DOTALL,
)

_LOOSE_ISO_RE = re.compile(
    r"(?P<y>\d{4})[-/.](?P<mo>\d{1,2})[-/.](?P<d>\d{1,2})"
    r"(?:(?:t|\s*+,\s*+|\s++)(?P<h>\d{1,2})[:h](?P<mi>\d{2})"
    r"(?::(?P<s>\d{2})(?:[.,](?P<f>\d+))?)?)?"
    r"\s*+(?P<tail>.*)",
    re.IGNORECASE | re.DOTALL,
)

_TOKEN_RE = re.compile(
    r"(?P<paren>\([^()]*\))"
    r"|(?P<th>\d{1,2}):(?P<tm>\d{2})(?::(?P<ts>\d{2})(?:[.,]\d+)?)?"
    r"|(?P<off>[+-]\d{1,2}(?::?\d{2})?)(?!\d)"
    r"|(?P<num>\d+)"
    r"|(?P<word>[^\W\d_]+)",
)


def _parse_rfc822(text: str) -> datetime | None:
    """RFC 822/2822 and near misses; None when the shape does not fit.

    ``email.utils.parsedate_tz`` is not used: it reports a missing or unparsed zone (and
    ``+07:00``) as UTC, which would shift zone-less Vietnamese dates by seven hours, and a
    compiled regex is about three times faster.
    """
    m = _RFC822_RE.match(text)
    if m is None:
        return None
    month = _month(m["mon"])
    if month is None:
        return None
    try:
        offset = _zone_offset(m["tail"])
    except ValueError:
        return None  # let the textual fallback try (e.g. "1:00 PM +0700")
    return _build(
        _year(m["y"]),
        month,
        int(m["d"]),
        int(m["h"] or 0),
        int(m["mi"] or 0),
        int(m["s"] or 0),
        0,
        offset,
    )


def _parse_loose_iso(text: str) -> datetime | None:
    """Year-first dates ``fromisoformat`` refuses ("2024/06/01 12:00", "…T12:00:00 GMT")."""
    m = _LOOSE_ISO_RE.match(text)
    if m is None:
        return None
    try:
        offset = _zone_offset(m["tail"])
    except ValueError:
        return None
    micro = int((m["f"] + "000000")[:6]) if m["f"] else 0
    return _build(
        int(m["y"]),
        int(m["mo"]),
        int(m["d"]),
        int(m["h"] or 0),
        int(m["mi"] or 0),
        int(m["s"] or 0),
        micro,
        offset,
    )


def _parse_textual(text: str) -> datetime | None:
    """Last resort for English dates in any order: asctime, JavaScript ``Date.toString()``,
    ``March 1, 2026 9:51 AM``. A month name, a day and a year are required; any unknown word
    makes the string garbage.
    """
    day = month = year = None
    clock: tuple[int, int, int] | None = None
    meridiem: str | None = None
    zone_base: int | None = None
    offset: int | None = None
    numbers: list[str] = []
    for tok in _TOKEN_RE.finditer(text):
        if tok["paren"] is not None:
            continue  # a comment such as "(Indochina Time)"
        if tok["th"] is not None:
            if clock is not None:
                return None
            clock = (int(tok["th"]), int(tok["tm"]), int(tok["ts"] or 0))
        elif tok["off"] is not None:
            if clock is None and zone_base is None:
                # Before any time a sign is only a dash: "05-Mar-2024".
                numbers.append(tok["off"][1:].replace(":", ""))
            else:
                shift = _zone_offset(tok["off"])
                offset = (zone_base or 0) + (shift or 0)
        elif tok["num"] is not None:
            numbers.append(tok["num"])
        else:
            word = tok["word"].lower()
            if (found := _month(word)) is not None and len(word) >= 3:
                if month is not None:
                    return None
                month = found
            elif word in {"am", "pm", "a", "p"}:
                meridiem = word[0]
            elif word in _ZONE_NAMES:
                zone_base = _ZONE_NAMES[word]
                offset = zone_base
            elif not (_is_weekday(word) or word in _FILLER_WORDS):
                return None
    for digits in numbers:
        value = int(digits)
        if len(digits) == 4 and year is None:
            year = value
        elif len(digits) <= 2 and day is None and 1 <= value <= 31:
            day = value
        elif len(digits) == 2 and year is None:
            year = _year(digits)
        else:
            return None
    if day is None or month is None or year is None:
        return None
    hour, minute, second = clock or (0, 0, 0)
    if meridiem is not None:
        hour = _meridiem(hour, "am" if meridiem == "a" else "pm")
    return _build(year, month, day, hour, minute, second, 0, offset)


def parse_feed_date(text: str | None) -> datetime | None:
    """Parse the date of a feed item or channel.

    Tries, cheapest first: ``datetime.fromisoformat`` (RFC 3339 and most ISO 8601, including a
    space for ``T`` and ``+0700``), an RFC 822/2822 regex (named zones, missing seconds or
    weekday, wrong weekday, any case, two-digit years), loose year-first forms
    (``2024/06/01 12:00``, ``…T12:00:00 GMT``) and finally English dates in any order
    (``Sun Mar 01 2026 09:51:10 GMT+0700 (Indochina Time)``).

    Args:
        text: The raw date text, or None.

    Returns:
        The instant in UTC; a date with no zone is read as +07:00. None when the text is empty,
        not a date, or names an impossible date (31 February).
    """
    if not text:
        return None
    s = text.strip()
    if not s:
        return None
    try:
        if len(s) >= 8 and s[:4].isdigit():
            try:
                iso = datetime.fromisoformat(s)
            except ValueError:
                dt = _parse_loose_iso(s)
            else:
                if iso.tzinfo is None:
                    iso = iso.replace(tzinfo=VN_TZ)
                return iso.astimezone(UTC)
        else:
            dt = _parse_rfc822(s)
        if dt is None:
            dt = _parse_textual(s)
        return dt
    except (ValueError, OverflowError):
        return None


# --------------------------------------------------------------------------------------------
# Vietnamese page dates
# --------------------------------------------------------------------------------------------

# All patterns below run on NFC text with IGNORECASE (no lower-casing), so that match offsets
# stay valid in the caller's string.
# Whitespace runs use possessive quantifiers (\s*+, Python 3.11): what follows never starts with
# whitespace, and giving none back keeps long runs in scraped pages from backtracking.
_WEEKDAY = r"(?:thứ\s*+(?:hai|ba|tư|năm|sáu|bảy|bẩy|[2-7])|chủ\s*+nhật|cn|t[2-7])"
# Single words only ("Ngày đăng" is "ngày" + "đăng"): overlapping alternatives would let a
# run of lead words match in exponentially many ways.
_LEAD_WORD = r"(?:đăng(?:\s++tải)?|cập\s++nhật|xuất\s++bản|thời\s++gian|ngày|lúc|vào)"
_LEAD_ITEM = rf"(?<!\w)(?:{_LEAD_WORD}|{_WEEKDAY})(?!\w)\s*+(?:[:,|\-–—]\s*+)?"
# Between date and time: punctuation, then "lúc" (at), "ngày" (on), "vào lúc"...
_SEP = r"\s*+(?:[,|\-–—·•]\s*+)*+(?:(?:vào|lúc|ngày)(?!\w)\s*+(?::\s*+)?){0,2}"
_MERIDIEM = r"sa|ch|am|pm|sáng|chiều|tối"


def _time_pattern(p: str) -> str:
    """A clock time (``08:01``, ``08:01:53``, ``9h30``, ``09g30``, ``9 giờ``, ``9:19 CH``).

    Python forbids a group name twice in one pattern, so each place a time may appear gets
    its own prefix ``p``.
    """
    return (
        rf"(?<![\d:])(?P<{p}h>\d{{1,2}})"
        rf"(?::(?P<{p}mi>\d{{2}})(?::(?P<{p}s>\d{{2}}))?"
        rf"|\s*+(?:h|g|giờ)\s*+(?P<{p}mj>\d{{1,2}})?(?:\s*+(?:phút|p))?)"
        rf"(?:\s*+(?P<{p}ap>{_MERIDIEM}))?(?!\w)"
    )


def _zone_pattern(p: str) -> str:
    """A zone decoration: ``GMT+7``, ``(GMT+7)``, ``UTC+07:00``, ``GMT``, ``+07:00``."""
    return (
        rf"(?P<{p}z>\(?\s*+(?:(?<!\w)(?:gmt|utc|ict)(?:\s*+[+-]\s*+\d{{1,2}}(?::?\d{{2}})?)?"
        rf"|[+-]\d{{2}}:?\d{{2}})(?!\d)\s*+\)?)"
    )


_DATE = (
    r"(?:(?<![\d.,/-])(?P<d>\d{1,2})\s*+(?P<sep>[/.-])\s*+(?P<mo>\d{1,2})\s*+(?P=sep)\s*+"
    r"(?P<y>\d{4}|\d{2})(?!\d)(?![/.-]\d)"
    r"|(?<!\d)(?P<td>\d{1,2})\s++tháng\s++(?P<tmo>\d{1,2})(?:\s*+,\s*+|\s++năm\s++|\s++)"
    r"(?P<ty>\d{4})(?!\d))"
)
_ABSOLUTE = (
    rf"(?:{_time_pattern('b_')}(?:\s*+{_zone_pattern('b_')})?{_SEP}"
    rf"(?:{_WEEKDAY}(?!\w)\s*+(?:[,|\-–—]\s*+)?(?:ngày(?!\w)\s*+)?)?)?"
    rf"{_DATE}"
    rf"(?:{_SEP}{_time_pattern('a_')})?"
    rf"(?:\s*+{_zone_pattern('a_')})?"
)
_ISO = (
    r"(?P<iso>(?<![\w/.-])\d{4}-\d{2}-\d{2}"
    r"(?:[t ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s?(?:z|[+-]\d{2}(?::?\d{2})?))?)?)(?![\w:])"
)
_UNITS = r"giây|phút|giờ|tiếng|ngày|tuần|tháng|năm"
_AGO = (
    r"(?:(?<!\w)(?P<ago_pre>cách\s++đây)\s++)?(?:(?<!\w)khoảng\s++)?"
    rf"(?<![\d.,:/])(?P<ago_n>\d{{1,9}})\s*+(?P<ago_unit>{_UNITS})(?!\w)"
    r"(?:\s*+(?P<ago_post>trước)(?!\w))?"
)
_JUST = r"(?<!\w)(?P<just>vừa\s++(?:xong|mới))(?!\w)"
_REL_DAY = (
    rf"(?:{_time_pattern('r1_')}{_SEP})?"
    r"(?<!\w)(?P<rday>hôm\s++(?:nay|qua|kia))(?!\w)"
    rf"(?:{_SEP}{_time_pattern('r2_')})?"
)
# Every match starts with a digit or at the start of one of a few words (ngày, đăng, cập nhật,
# chủ nhật, cách đây, xuất bản, thứ, lúc, vừa, khoảng, hôm). Saying so up front lets a search
# skip other positions cheaply: three times faster over a whole page, same matches.
_FIRST = r"(?:(?=\d)|(?<!\w)(?=[nđcxtlvkh]))"
# At most four lead items ("Cập nhật lúc: Thứ bảy, ngày"): a cap keeps a page full of
# "ngày" from costing quadratic time.
_VN_PATTERN = rf"{_FIRST}(?:{_LEAD_ITEM}){{0,4}}(?:{_ISO}|{_ABSOLUTE}|{_AGO}|{_JUST}|{_REL_DAY})"

_UNIT_SECONDS: dict[str, int] = {
    "giây": 1,
    "phút": 60,
    "giờ": _HOUR,
    "tiếng": _HOUR,
    "ngày": 24 * _HOUR,
    "tuần": 7 * 24 * _HOUR,
}
_DAYS_BACK: dict[str, int] = {"nay": 0, "qua": 1, "kia": 2}
_AM_WORDS = frozenset({"sa", "am", "sáng"})

# Only named zones: a bare "-2026" in "07-03-2026" must not be read as an offset.
_NAMED_ZONE_RE = re.compile(
    r"(?:\(\s*+)?(?<!\w)(?:gmt|utc|ict)(?:\s*+[+-]\s*+\d{1,2}(?::?\d{2})?)?(?!\d)\s*+\)?",
    re.IGNORECASE,
)
_MERIDIEM_RE = re.compile(rf"(\d)\s*+({_MERIDIEM})(?!\w)", re.IGNORECASE)
_WORD_NEXT_RE = re.compile(r"\s*+\w")


@functools.cache
def _vn_re() -> re.Pattern[str]:
    """The Vietnamese page-date pattern, compiled on first use.

    Compiling it takes a few milliseconds; the feed path never needs it, so importing this
    module stays cheap.
    """
    return re.compile(_VN_PATTERN, re.IGNORECASE)


@functools.cache
def _leads_re() -> re.Pattern[str]:
    """Lead words and weekday at the start of a field, peeled off before a strptime hint."""
    return re.compile(rf"(?:{_LEAD_ITEM}){{1,4}}", re.IGNORECASE)


def _meridiem(hour: int, marker: str) -> int:
    """Apply an AM/PM marker (``SA``/``CH``, ``sáng``/``chiều``/``tối`` too) to ``hour``.

    12 SA is midnight and 12 CH is noon. A 24-hour clock with a PM word ("14:00 chiều") is
    accepted as written, since portals do print that.

    Raises:
        ValueError: the hour cannot carry the marker ("13:00 SA").
    """
    is_am = marker.lower() in _AM_WORDS
    if 1 <= hour <= 12:
        if is_am:
            return 0 if hour == 12 else hour
        return 12 if hour == 12 else hour + 12
    if hour == 0 and is_am:
        return 0
    if 12 < hour < 24 and not is_am:
        return hour
    raise ValueError(f"hour {hour} with {marker!r}")


def _clock(m: re.Match[str], p: str) -> tuple[int, int, int] | None:
    """Hour, minute and second of the time captured under prefix ``p``, or None if absent.

    Raises:
        ValueError: the time is impossible (24:30, 9:75, 13:00 SA).
    """
    h = m[p + "h"]
    if h is None:
        return None
    hour = int(h)
    minutes = m[p + "mi"] or m[p + "mj"]
    minute = int(minutes) if minutes else 0
    second = int(m[p + "s"]) if m[p + "s"] else 0
    marker = m[p + "ap"]
    if marker:
        hour = _meridiem(hour, marker)
    if hour > 23 or minute > 59 or second > 59:
        raise ValueError(f"no such time: {m[0]!r}")
    return hour, minute, second


def _now_utc(now: datetime | None) -> datetime:
    """The reference instant for relative dates in UTC; a naive ``now`` is Vietnam time."""
    if now is None:
        return datetime.now(UTC)
    if now.tzinfo is None:
        now = now.replace(tzinfo=VN_TZ)
    return now.astimezone(UTC)


def _ago(count: int, unit: str, now: datetime) -> datetime:
    """``now`` minus ``count`` units; months and years move on the Vietnamese calendar."""
    seconds = _UNIT_SECONDS.get(unit)
    if seconds is not None:
        return now - timedelta(seconds=count * seconds)
    months = count if unit == "tháng" else 12 * count
    local = now.astimezone(VN_TZ)
    year, month0 = divmod(local.year * 12 + local.month - 1 - months, 12)
    month = month0 + 1
    day = min(local.day, _days_in_month(year, month))
    return local.replace(year=year, month=month, day=day).astimezone(UTC)


def _from_match(m: re.Match[str], now: datetime | None, order: str) -> datetime | None:
    """Turn a match of :func:`_vn_re` into a UTC instant; None when it names no real date."""
    try:
        if m["iso"]:
            return parse_feed_date(m["iso"])
        if m["ago_unit"]:
            if not (m["ago_pre"] or m["ago_post"]):
                return None  # "5 phút" alone is a duration, not a date
            return _ago(int(m["ago_n"]), m["ago_unit"].lower(), _now_utc(now))
        if m["just"]:
            return _now_utc(now)
        if m["rday"]:
            clock = _clock(m, "r1_") or _clock(m, "r2_") or (0, 0, 0)
            back = _DAYS_BACK[m["rday"].split()[-1].lower()]
            day = _now_utc(now).astimezone(VN_TZ).date() - timedelta(days=back)
            return _build(day.year, day.month, day.day, *clock)
        if m["d"]:
            day_n, month_n, year = int(m["d"]), int(m["mo"]), _year(m["y"])
            if order == "mdy":
                day_n, month_n = month_n, day_n
        else:
            day_n, month_n, year = int(m["td"]), int(m["tmo"]), int(m["ty"])
        clock = _clock(m, "b_") or _clock(m, "a_") or (0, 0, 0)
        zone = m["b_z"] or m["a_z"]
        return _build(year, month_n, day_n, *clock, 0, _zone_offset(zone) if zone else None)
    except (ValueError, OverflowError):
        return None


def _nfc(text: str) -> str:
    """NFC form of ``text``: pages and old encodings (windows-1258) often arrive decomposed."""
    return unicodedata.normalize("NFC", text)


def _parse_vn_grammar(text: str, now: datetime | None, order: str) -> datetime | None:
    """Read a whole field (already NFC) with the Vietnamese grammar; None when it does not fit."""
    m = _vn_re().fullmatch(text.strip(_JUNK))
    return None if m is None else _from_match(m, now, order)


def _parse_with_format(text: str, fmt: str) -> datetime | None:
    """Apply a strptime format, first to the text without decorations, then to the text itself.

    Decorations are the lead words and weekday at the start and a ``GMT+7`` zone anywhere; the
    zone applies when the format itself reads none. ``SA``/``CH`` become ``AM``/``PM`` for %p.
    """
    core = text
    lead = _leads_re().match(core)
    if lead is not None:
        core = core[lead.end() :]
    offset: int | None = None
    zone = _NAMED_ZONE_RE.search(core)
    if zone is not None:
        try:
            offset = _zone_offset(zone.group().strip())
        except ValueError:
            pass  # out-of-range offset: leave the text alone, the format may still fit
        else:
            core = core[: zone.start()] + " " + core[zone.end() :]

    def _ampm(m: re.Match[str]) -> str:
        return m[1] + (" AM" if m[2].lower() in _AM_WORDS else " PM")

    core = " ".join(_MERIDIEM_RE.sub(_ampm, core).split()).strip(_JUNK)
    # strptime reads a space in the format as any whitespace run, so collapsing runs changes
    # nothing but the cost of long ones.
    for candidate in (core, " ".join(text.split())):
        try:
            dt = datetime.strptime(candidate, fmt)
        except ValueError:
            continue
        try:
            if dt.tzinfo is None:
                dt = dt.replace(tzinfo=VN_TZ if offset is None else _tz(offset))
            return dt.astimezone(UTC)
        except OverflowError:
            return None
    return None


def parse_vn_date(
    text: str | None, *, now: datetime | None = None, hint: str | None = None
) -> datetime | None:
    """Parse the visible date of a Vietnamese page or portal (the whole field).

    Reads ``dd/mm/yyyy``, ``d/m/yyyy``, ``dd-mm-yyyy``, ``dd - mm - yyyy``, ``dd.mm.yyyy`` and
    ``d tháng m năm yyyy``, with an optional time before or after (``08:01``, ``08:01:53``,
    ``9h30``, ``09g30``, ``9:19 CH``), a zone (``GMT+7``, ``(GMT+7)``, ``UTC+07:00``), a weekday
    (``Thứ hai``, ``Thứ 2``, ``T2``, ``Chủ nhật``, ``CN``) and lead words (``Đăng ngày``,
    ``Ngày đăng:``, ``Cập nhật lúc``, ``lúc``). Relative forms count from ``now``: ``5 phút
    trước``, ``cách đây 2 giờ``, ``vừa xong``, ``hôm nay 10:00``, ``Hôm qua 08:16``,
    ``hôm kia`` (a day with no time means its midnight). ISO and RFC dates go to
    :func:`parse_feed_date`. Any case, NFC or NFD.

    Args:
        text: The date field, e.g. ``"Thứ bảy, 7/3/2026, 00:05 (GMT+7)"``.
        now: Reference instant for relative forms (default: the current time; a naive value is
            read as +07:00).
        hint: ``"dmy"`` (default) or ``"mdy"`` for numeric order, or a strptime format such as
            ``"%d/%m/%Y %H:%M"`` applied (after stripping lead words, weekday and zone) before
            any guessing. When the hint does not fit the text, the default guess is used.

    Returns:
        The instant in UTC (zone-less means +07:00), or None for garbage and impossible dates
        such as ``31/02/2026``.
    """
    if not text:
        return None
    s = _nfc(text).strip()
    if not s:
        return None
    order = "dmy"
    if hint:
        named = hint.strip().lower()
        if named in {"dmy", "mdy"}:
            order = named
        else:
            dt = _parse_with_format(s, hint)
            if dt is not None:
                return dt
    if order == "mdy":
        dt = _parse_vn_grammar(s, now, "mdy")
        if dt is not None:
            return dt
    dt = _parse_vn_grammar(s, now, "dmy")
    if dt is not None:
        return dt
    return parse_feed_date(s)


def parse_us_date(text: str | None) -> datetime | None:
    """Parse a month-first date (``m/d/yyyy [h:mm[:ss] [AM|PM]]``), e.g. from a ``data-*``
    attribute or an HTML comment the caller knows to be US style.

    Args:
        text: The date text.

    Returns:
        The instant in UTC (zone-less means +07:00), or None. There is no day-first retry:
        ``25/12/2026`` is not a US date.
    """
    if not text:
        return None
    s = _nfc(text).strip()
    if not s:
        return None
    return _parse_vn_grammar(s, None, "mdy") or parse_feed_date(s)


def parse_iso_or_vn(text: str | None, *, now: datetime | None = None) -> datetime | None:
    """Try feed formats (ISO, RFC 822), then Vietnamese page formats, for fields of unknown kind.

    Args:
        text: The date text.
        now: Reference instant for relative Vietnamese forms.

    Returns:
        The instant in UTC, or None.
    """
    dt = parse_feed_date(text)
    if dt is not None or not text:
        return dt
    return _parse_vn_grammar(_nfc(text), now, "dmy")


def _nfc_with_offsets(text: str) -> tuple[str, list[int] | None, list[int] | None]:
    """NFC form of ``text`` plus, when it differs, where each of its characters came from.

    Each base character and its combining marks are normalised as a unit, so every output
    character maps to the [start, end) range of its unit in ``text``.
    """
    norm = _nfc(text)
    if norm == text:
        return text, None, None
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        piece = _nfc(text[i:j])
        parts.append(piece)
        starts.extend([i] * len(piece))
        ends.extend([j] * len(piece))
        i = j
    return "".join(parts), starts, ends


def _plausible_in_running_text(m: re.Match[str], text: str) -> bool:
    """Reject matches that are ordinary words inside a title rather than dates.

    "Giá vàng hôm nay" (today's gold price) and "3 ngày trước khi…" (three days before…) are
    phrases, not timestamps; a bare two-digit year is too easily a score or a fraction.
    """
    if m["y"] is not None and len(m["y"]) == 2:
        return False
    if m["rday"] is not None and m["r1_h"] is None and m["r2_h"] is None:
        return False
    if (m["ago_unit"] or m["just"]) and _WORD_NEXT_RE.match(text, m.end()):
        return False
    return True


def find_vn_date(text: str, *, now: datetime | None = None) -> tuple[datetime, int, int] | None:
    """Find the first date in longer text, such as a listing line or a title.

    Recognises what :func:`parse_vn_date` does (day first) plus ISO ``yyyy-mm-dd[ hh:mm]``. In
    running text a relative day needs a time ("hôm qua 08:16", not "hôm nay"), "N phút
    trước" must end the phrase, and years need four digits.

    Args:
        text: Any text, NFC or NFD.
        now: Reference instant for relative forms.

    Returns:
        ``(utc_datetime, start, end)`` with ``text[start:end]`` the date as written, including
        lead words and weekday, and the brackets when they enclose exactly the date (so that
        cutting it out of ``"Hội nghị (30/09/2019 9:19 CH)"`` leaves ``"Hội nghị "``); or None.
    """
    if not text:
        return None
    norm, starts, ends = _nfc_with_offsets(text)
    pos = 0
    pattern = _vn_re()
    while (m := pattern.search(norm, pos)) is not None:
        pos = m.start() + 1
        if not _plausible_in_running_text(m, norm):
            continue
        dt = _from_match(m, now, "dmy")
        if dt is None:
            continue
        start, end = m.start(), m.end()
        while end > start and norm[end - 1].isspace():
            end -= 1
        before, after = start - 1, end
        while before >= 0 and norm[before].isspace():
            before -= 1
        while after < len(norm) and norm[after].isspace():
            after += 1
        if before >= 0 and after < len(norm) and norm[before] + norm[after] in ("()", "[]"):
            start, end = before, after + 1
        if starts is None or ends is None:
            return dt, start, end
        return dt, starts[start], ends[end - 1]
    return None
