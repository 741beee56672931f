"""The TOML configuration: typed, strict, documented.

Where it is: :func:`tuinews.paths.config_file` (``TUINEWS_CONFIG`` overrides). A missing
file is an empty config. Unknown keys, wrong types and bad URLs are :class:`ConfigError`
naming the file, the line (where it can be found) and the key::

    language = "vi"            # "vi" or "en"; unset: from LANG/LC_ALL, else English
    page_size = 50             # headlines per page
    refresh_minutes = 30       # background refresh period (0 = only on demand)
    concurrency = 8            # feeds fetched at once
    per_host = 2               # at most this many requests to one host at once
    connect_timeout = 10       # seconds
    read_timeout = 20          # seconds between bytes
    total_timeout = 60         # seconds for a whole response
    max_bytes = 20_000_000     # body cap, after decompression
    max_retry_after = 21600    # a server's Retry-After is honoured up to this many seconds
    keep_per_feed = 1000       # retention: newest N per feed (starred always kept)
    fulltext = "auto"          # default full-text policy: auto | always | never
    body_concurrency = 4       # article pages fetched at once
    max_body_attempts = 3      # a failed extraction is retried this many times
    timezone = "Asia/Ho_Chi_Minh"   # for dates shown; unset: the system's

    [keymap]                   # binding id = keys
    "headlines.next-page" = "]"

    [[category]]
    name = "Trong nước"
      [[category.feed]]
      url = "https://example.vn/rss/thoi-su.rss"
      title = "Thời sự"        # optional: the feed's own title otherwise
      fulltext = "auto"        # optional, per feed
      refresh_minutes = 60     # optional, per feed
      enabled = true           # optional
      [[category.feed]]
      title = "Cổng TTĐT tỉnh"
      scrape = "dienbien-vpub" # a bundled rule (`tuinews rules list`), or an inline table:
      # [category.feed.scrape]  url, item, title, link, date, date_format, summary,
      #                         next | page_url, max_pages, body
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tuinews.errors import ConfigError
from tuinews.i18n import _
from tuinews.models import FeedSpec, FullText
from tuinews.text.sanitize import clean_line


@dataclass(slots=True)
class CategoryConfig:
    """A category and its feeds, in the order of the file."""

    name: str
    feeds: list[FeedSpec] = field(default_factory=list)


@dataclass(slots=True)
class Config:
    """Every setting, with its default."""

    path: Path | None = None
    """The file this came from (None: defaults only)."""
    language: str | None = None
    """"vi" or "en"; None: from the locale."""
    page_size: int = 50
    refresh_minutes: int = 30
    concurrency: int = 8
    per_host: int = 2
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0
    max_bytes: int = 20_000_000
    max_retry_after: float = 6 * 3600.0
    keep_per_feed: int = 1000
    fulltext: FullText = FullText.AUTO
    body_concurrency: int = 4
    max_body_attempts: int = 3
    timezone: str | None = None
    user_agent: str = ""
    keymap: dict[str, str] = field(default_factory=dict)
    categories: list[CategoryConfig] = field(default_factory=list)

    def feeds(self) -> list[FeedSpec]:
        """Every declared feed, in file order."""
        return [f for c in self.categories for f in c.feeds]


_INT_KEYS = {
    "page_size": (1, 1000),
    "refresh_minutes": (0, 60 * 24 * 30),
    "concurrency": (1, 64),
    "per_host": (1, 16),
    "max_bytes": (1024, 2_000_000_000),
    "keep_per_feed": (10, 10_000_000),
    "body_concurrency": (1, 64),
    "max_body_attempts": (1, 100),
}
_FLOAT_KEYS = {
    "connect_timeout": (0.1, 600.0),
    "read_timeout": (0.1, 3600.0),
    "total_timeout": (0.1, 36000.0),
    "max_retry_after": (0.0, 30 * 86400.0),
}
_STR_KEYS = {"language", "fulltext", "timezone", "user_agent"}
_FEED_KEYS = {"url", "title", "fulltext", "refresh_minutes", "enabled", "scrape"}
SCRAPE_KEYS = {
    "url",
    "item",
    "title",
    "link",
    "date",
    "date_format",
    "summary",
    "next",
    "page_url",
    "max_pages",
    "body",
    "name",
    "encoding",
}
_SCRAPE_REQUIRED = ("url", "item", "title")


def check_url(url: object, *, what: str = "url") -> str:
    """Return ``url`` if it is an absolute http(s) URL with a host, else raise ValueError.

    The message is in the language in force (``what`` names a key and is not translated).
    """
    if not isinstance(url, str) or not url.strip():
        raise ValueError(_("{what} must be a non-empty string", what=what))
    url = url.strip()
    if any(ord(c) < 0x20 or c in " \x7f" for c in url):
        raise ValueError(
            _("{what} {url} contains spaces or control characters", what=what, url=repr(url))
        )
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(_("{what} {url} is not an http(s) URL", what=what, url=repr(url)))
    return url


def type_name(value: object) -> str:
    """The kind of a TOML value, for "must be …, not {type}" messages (the Python name in
    English: ``str``, ``list``; a word of the language in force otherwise)."""
    name = type(value).__name__
    names = {
        "str": _("str"),
        "int": _("int"),
        "float": _("float"),
        "bool": _("bool"),
        "list": _("list"),
        "dict": _("dict"),
        "datetime": _("datetime"),
        "date": _("date"),
        "time": _("time"),
    }
    return names.get(name, name)


class _Locator:
    """Finds the line of a key in the TOML text (tomllib gives no positions)."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()

    def line(self, key: str, *, table: str | None = None, index: int = 0) -> int | None:
        start = 0
        if table is not None:
            header = re.compile(r"^\s*\[\[\s*" + re.escape(table) + r"\s*\]\]")
            seen = -1
            for i, text in enumerate(self.lines):
                if header.match(text):
                    seen += 1
                    if seen == index:
                        start = i
                        break
            else:
                return None
        pattern = re.compile(r'^\s*"?' + re.escape(key) + r'"?\s*=')
        for i in range(start, len(self.lines)):
            if pattern.match(self.lines[i]):
                return i + 1
        return start + 1 if table is not None else None


def load_config(path: Path | None = None) -> Config:
    """Read and validate the config file; a missing file gives the defaults.

    Raises:
        ConfigError: naming the file, line and key of the first problem.
    """
    from tuinews.paths import config_file

    path = path if path is not None else config_file()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Config()
    except OSError as exc:
        raise ConfigError(
            _("cannot read: {error}", error=exc.strerror or exc), file=str(path)
        ) from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(_("not UTF-8 text"), file=str(path)) from exc
    return parse_config(text, path=path)


def parse_config(text: str, *, path: Path | None = None) -> Config:
    """Validate config text (see the module docstring for the schema)."""
    fname = str(path) if path else "<config>"
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        raise ConfigError(
            _("invalid TOML: {error}", error=exc),
            file=fname,
            line=int(m.group(1)) if m else None,
        ) from exc
    loc = _Locator(text)

    def err(msg: str, key: str, *, table: str | None = None, index: int = 0) -> ConfigError:
        leaf = key.rsplit(".", 1)[-1]
        return ConfigError(msg, file=fname, line=loc.line(leaf, table=table, index=index), key=key)

    cfg = Config(path=path)
    for key, value in data.items():
        if key in _INT_KEYS:
            lo, hi = _INT_KEYS[key]
            if isinstance(value, bool) or not isinstance(value, int):
                raise err(_("must be a whole number, not {type}", type=type_name(value)), key)
            if not lo <= value <= hi:
                raise err(
                    _("must be between {lo} and {hi}, not {value}", lo=lo, hi=hi, value=value), key
                )
            setattr(cfg, key, value)
        elif key in _FLOAT_KEYS:
            lo_f, hi_f = _FLOAT_KEYS[key]
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise err(_("must be a number of seconds, not {type}", type=type_name(value)), key)
            if not lo_f <= float(value) <= hi_f:
                raise err(
                    _("must be between {lo} and {hi}, not {value}", lo=lo_f, hi=hi_f, value=value),
                    key,
                )
            setattr(cfg, key, float(value))
        elif key in _STR_KEYS:
            if not isinstance(value, str):
                raise err(_("must be a string, not {type}", type=type_name(value)), key)
            if key == "language":
                if value not in ("vi", "en"):
                    raise err(_('must be "vi" or "en", not {value}', value=repr(value)), key)
                cfg.language = value
            elif key == "fulltext":
                try:
                    cfg.fulltext = _policy(value)
                except ValueError as exc:
                    raise err(str(exc), key) from None
            elif key == "timezone":
                try:
                    _check_tz(value)
                except ValueError as exc:
                    raise err(str(exc), key) from None
                cfg.timezone = value
            elif key == "user_agent":
                if not (value.isascii() and value.isprintable()):
                    raise err(_("must be printable ASCII (it is sent in every request)"), key)
                cfg.user_agent = value
            else:
                setattr(cfg, key, value)
        elif key == "keymap":
            if not isinstance(value, dict):
                raise err(_("must be a table of binding id = keys"), key)
            for bid, keys in value.items():
                if not isinstance(keys, str) or not keys.strip():
                    raise err(_('keys must be a non-empty string like "j,down"'), f"keymap.{bid}")
                cfg.keymap[str(bid)] = keys
        elif key == "category":
            if not isinstance(value, list):
                raise err(_("must be an array of tables ({table})", table="[[category]]"), key)
            feed_index = 0
            for ci, cat in enumerate(value):
                if not isinstance(cat, dict):
                    raise err(_("must be a table"), key)
                cc, feed_index = _category(cat, ci, feed_index, err, cfg)
                cfg.categories.append(cc)
        else:
            raise err(_("unknown key"), key)
    seen: dict[str, str] = {}
    for spec in cfg.feeds():
        if spec.url in seen:
            raise ConfigError(
                _("feed {url} is listed twice", url=spec.url),
                file=fname,
                line=loc.line("url", table=None) if False else None,
                key="category.feed.url",
            )
        seen[spec.url] = spec.category
    return cfg


def _policy(value: object) -> FullText:
    try:
        return FullText(str(value))
    except ValueError:
        raise ValueError(
            _('must be "auto", "always" or "never", not {value}', value=repr(value))
        ) from None


def _check_tz(value: str) -> None:
    from zoneinfo import ZoneInfo

    try:
        ZoneInfo(value)
    except Exception:
        raise ValueError(_("unknown time zone {value}", value=repr(value))) from None


def _category(
    cat: dict[str, Any], ci: int, feed_index: int, err: Any, cfg: Config
) -> tuple[CategoryConfig, int]:
    name = cat.get("name")
    if not isinstance(name, str) or not name.strip():
        raise err(_("every [[category]] needs a name"), "category.name", table="category", index=ci)
    # Names and titles reach the screen: the same cleaning as text from a feed.
    cc = CategoryConfig(name=clean_line(name, max_len=200))
    if not cc.name:
        raise err(_("every [[category]] needs a name"), "category.name", table="category", index=ci)
    for key in cat:
        if key not in ("name", "feed"):
            raise err(_("unknown key"), f"category.{key}", table="category", index=ci)
    feeds = cat.get("feed", [])
    if not isinstance(feeds, list):
        raise err(
            _("must be an array of tables ({table})", table="[[category.feed]]"),
            "category.feed",
            table="category",
            index=ci,
        )
    for f in feeds:
        where = {"table": "category.feed", "index": feed_index}
        feed_index += 1
        if not isinstance(f, dict):
            raise err(_("must be a table"), "category.feed", **where)
        for key in f:
            if key not in _FEED_KEYS:
                raise err(_("unknown key"), f"category.feed.{key}", **where)
        spec = FeedSpec(url="", category=cc.name, origin="config")
        if "scrape" in f:
            rule = _scrape_rule(f["scrape"], err, where)
            spec.kind = "scrape"
            spec.scrape = json.dumps(rule, ensure_ascii=False, sort_keys=True)
            spec.url = rule["url"]
            if "url" in f:
                raise err(
                    _("give the listing URL inside scrape, not both"), "category.feed.url", **where
                )
        else:
            try:
                spec.url = check_url(f.get("url"))
            except ValueError as exc:
                raise err(str(exc), "category.feed.url", **where) from None
        if "title" in f:
            if not isinstance(f["title"], str):
                raise err(_("must be a string"), "category.feed.title", **where)
            spec.title = clean_line(f["title"], max_len=1000)
        if "fulltext" in f:
            try:
                spec.fulltext = _policy(f["fulltext"])
            except ValueError as exc:
                raise err(str(exc), "category.feed.fulltext", **where) from None
        if "refresh_minutes" in f:
            v = f["refresh_minutes"]
            if isinstance(v, bool) or not isinstance(v, int) or v < 0:
                raise err(
                    _("must be a whole number of minutes"),
                    "category.feed.refresh_minutes",
                    **where,
                )
            spec.refresh_minutes = v
        if "enabled" in f:
            if not isinstance(f["enabled"], bool):
                raise err(_("must be true or false"), "category.feed.enabled", **where)
            spec.enabled = f["enabled"]
        cc.feeds.append(spec)
    return cc, feed_index


def _scrape_rule(value: object, err: Any, where: dict[str, Any]) -> dict[str, Any]:
    if isinstance(value, str):
        from tuinews.fetch.rules import bundled_rule

        rule = bundled_rule(value)
        if rule is None:
            raise err(
                _(
                    "no bundled scrape rule named {name} (see `tuinews rules list`)",
                    name=repr(value),
                ),
                "category.feed.scrape",
                **where,
            )
        return dict(rule)
    if not isinstance(value, dict):
        raise err(_("must be a rule name or a table"), "category.feed.scrape", **where)
    for key, v in value.items():
        if key not in SCRAPE_KEYS:
            raise err(_("unknown key"), f"category.feed.scrape.{key}", **where)
        if key == "max_pages":
            if isinstance(v, bool) or not isinstance(v, int) or not 1 <= v <= 100:
                raise err(
                    _("must be a whole number from 1 to 100"),
                    "category.feed.scrape.max_pages",
                    **where,
                )
        elif not isinstance(v, str):
            raise err(_("must be a string"), f"category.feed.scrape.{key}", **where)
    for key in _SCRAPE_REQUIRED:
        if key not in value:
            raise err(
                _("a scrape rule needs {key}", key=repr(key)),
                f"category.feed.scrape.{key}",
                **where,
            )
    try:
        check_url(value["url"], what="scrape.url")
    except ValueError as exc:
        raise err(str(exc), "category.feed.scrape.url", **where) from None
    if "page_url" in value and "{page}" not in str(value["page_url"]):
        raise err(
            _("page_url needs a {marker} placeholder", marker="{page}"),
            "category.feed.scrape.page_url",
            **where,
        )
    return dict(value)
