"""The config file: strict, with errors naming the file, the line and the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from tuinews.config import load_config, parse_config
from tuinews.errors import ConfigError
from tuinews.models import FullText

GOOD = """\
language = "vi"
page_size = 25
refresh_minutes = 15
fulltext = "never"

[keymap]
"headlines.next-page" = "]"

[[category]]
name = "Trong nước"

  [[category.feed]]
  url = "https://example.vn/thoi-su.rss"
  title = "Thời sự"
  fulltext = "always"
  refresh_minutes = 60

  [[category.feed]]
  url = "https://example.vn/kinh-te.rss"
  enabled = false

[[category]]
name = "Cổng tỉnh"

  [[category.feed]]
  title = "Tin mới nhất"
  [category.feed.scrape]
  url = "https://portal.example.vn/tin-moi-nhat"
  item = "div.news-item"
  title = "a.title"
  date = "span.date"
  max_pages = 3
"""


def test_a_good_config_reads_into_typed_settings(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(GOOD, "utf-8")
    cfg = load_config(path)
    assert (cfg.language, cfg.page_size, cfg.refresh_minutes) == ("vi", 25, 15)
    assert cfg.keymap == {"headlines.next-page": "]"}
    assert [c.name for c in cfg.categories] == ["Trong nước", "Cổng tỉnh"]
    first, second, portal = cfg.feeds()
    assert (first.title, first.fulltext, first.refresh_minutes) == ("Thời sự", FullText.ALWAYS, 60)
    assert cfg.fulltext == FullText.NEVER and second.fulltext is None  # the default applies
    assert second.enabled is False
    assert portal.kind == "scrape" and portal.url == "https://portal.example.vn/tin-moi-nhat"
    assert all(f.origin == "config" for f in cfg.feeds())


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    cfg = load_config(tmp_path / "nope.toml")
    assert cfg.page_size == 50 and cfg.categories == []


@pytest.mark.parametrize(
    ("text", "line", "key", "reason"),
    [
        ("page_size = 20\npage_sise = 30\n", 2, "page_sise", "unknown key"),
        ('page_size = "many"\n', 1, "page_size", "whole number"),
        ("page_size = 0\n", 1, "page_size", "between"),
        ('language = "fr"\n', 1, "language", '"vi" or "en"'),
        (
            '[[category]]\nname = "A"\n  [[category.feed]]\n  url = "ftp://x.vn/f"\n',
            4,
            "category.feed.url",
            "not an http(s) URL",
        ),
        (
            '[[category]]\nname = "A"\n  [[category.feed]]\n  url = "https://x.vn/a"\n'
            '  [[category.feed]]\n  url = "https://x.vn/b"\n  colour = "red"\n',
            7,
            "category.feed.colour",
            "unknown key",
        ),
        (
            '[[category]]\nname = "A"\n  [[category.feed]]\n  url = "https://x.vn/a"\n'
            '  fulltext = "sometimes"\n',
            5,
            "category.feed.fulltext",
            "auto",
        ),
        (
            '[[category]]\n  [[category.feed]]\n  url = "https://x.vn/a"\n',
            1,
            "category.name",
            "needs a name",
        ),
        ('timezone = "Mars/Olympus"\n', 1, "timezone", "unknown time zone"),
    ],
)
def test_errors_name_file_line_and_key(
    tmp_path: Path, text: str, line: int, key: str, reason: str
) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text, "utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    err = info.value
    assert (err.file, err.line, err.key) == (str(path), line, key)
    assert reason in str(err)
    assert str(err).startswith(f"{path}:{line}: {key}: ")
    assert "\n" not in str(err)


def test_invalid_toml_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('page_size = 20\nlanguage = "vi\n', "utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert info.value.line == 2 and "invalid TOML" in str(info.value)


def test_duplicate_feed_is_an_error() -> None:
    text = (
        '[[category]]\nname = "A"\n  [[category.feed]]\n  url = "https://x.vn/a"\n'
        '[[category]]\nname = "B"\n  [[category.feed]]\n  url = "https://x.vn/a"\n'
    )
    with pytest.raises(ConfigError, match="listed twice"):
        parse_config(text)


def test_the_readme_sample_config_is_valid() -> None:
    import re

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")
    blocks = re.findall(r"```toml\n(.*?)```", readme, re.S)
    assert blocks, "the README shows a sample config"
    for block in blocks:
        cfg = parse_config(block)
        assert cfg.categories
