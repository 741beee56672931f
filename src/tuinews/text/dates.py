"""Feed and page dates (stub: replaced by the full parser)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

VN_TZ = timezone(timedelta(hours=7), "ICT")


def parse_feed_date(text: str | None) -> datetime | None:
    """Parse an RFC 822 or RFC 3339 date; zone-less means +07:00; returns UTC."""
    if not text:
        return None
    text = text.strip()
    dt: datetime | None
    try:
        dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            dt = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=VN_TZ)
    return dt.astimezone(UTC)
