"""The command line, as a user (or cron) runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import LoopbackServer
from tests.feedgen import rss
from tuinews.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_locate_prints_overridden_paths(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "locate")
    assert code == 0
    assert f"config: {tmp_path / 'config.toml'}" in out
    assert f"cache:  {tmp_path / 'data' / 'tuinews.db'}" in out


def test_subscribe_fetch_list_search_as_a_user(
    capsys: pytest.CaptureFixture[str], server: LoopbackServer
) -> None:
    items = [
        {
            "title": "Điện Biên đón 1 triệu khách",
            "guid": "1",
            "link": "http://example.test/1",
            "description": "Tỉnh Điện Biên",
            "pubDate": "Sun, 01 Mar 2026 10:00:00 +0700",
            "author": "Lan Phương",
        },
        {
            "title": "Hà Nội mưa lớn",
            "guid": "2",
            "link": "http://example.test/2",
            "description": "Thời tiết",
            "pubDate": "Sat, 28 Feb 2026 10:00:00 +0700",
        },
    ]
    url = server.set("/feed.rss", rss(items))
    assert run(capsys, "feeds", "add", url, "--category", "Trong nước")[0] == 0
    code, out, err = run(capsys, "fetch", "--no-fulltext")
    assert code == 0, err
    assert "1 feeds fetched, 2 new articles, 0 failed" in out

    code, out, _ = run(capsys, "feeds", "list", "--json")
    feeds = json.loads(out)
    assert [(f["url"], f["category"], f["articles"], f["unread"]) for f in feeds] == [
        (url, "Trong nước", 2, 2)
    ]
    assert feeds[0]["last_success"] and feeds[0]["last_error"] is None

    code, out, _ = run(capsys, "search", "dien bien", "--json")
    hits = json.loads(out)
    assert code == 0 and [h["title"] for h in hits] == ["Điện Biên đón 1 triệu khách"]
    assert hits[0]["published"] == "2026-03-01T03:00:00+00:00"
    assert hits[0]["feed_url"] == url and hits[0]["author"] == "Lan Phương"
    assert hits[0]["read"] is False and hits[0]["starred"] is False

    code, out, _ = run(capsys, "articles", "--feed", url, "--with-body", "--json")
    arts = json.loads(out)
    assert [a["title"] for a in arts] == ["Điện Biên đón 1 triệu khách", "Hà Nội mưa lớn"]
    assert arts[0]["body"] == "Tỉnh Điện Biên"

    code, _, err = run(capsys, "search", "khong co gi")
    assert code == 1

    assert run(capsys, "feeds", "remove", url)[0] == 0
    code, out, _ = run(capsys, "feeds", "list", "--json")
    assert json.loads(out) == []


def test_fetch_exit_code_and_error_lines(
    capsys: pytest.CaptureFixture[str], server: LoopbackServer
) -> None:
    good = server.set("/ok.rss", rss(1))
    bad = server.url("/missing.rss")
    run(capsys, "feeds", "add", good)
    run(capsys, "feeds", "add", bad)
    code, out, err = run(capsys, "fetch", "--no-fulltext")
    assert code == 1
    assert f"<{bad}>: HTTP 404 Not Found" in out
    assert "2 feeds fetched, 1 new articles, 1 failed" in out
    code, out, _ = run(capsys, "fetch", "--json", "--no-fulltext")
    data = json.loads(out)
    statuses = {f["url"]: f["status"] for f in data["feeds"]}
    assert statuses == {good: "unchanged", bad: "skipped"}  # backing off after the 404


def test_usage_and_config_errors_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "feeds", "add", "not a url")
    assert code == 2 and err.count("\n") == 1 and err.startswith("tuinews: ")
    (tmp_path / "config.toml").write_text("page_size = -1\n", "utf-8")
    code, _, err = run(capsys, "feeds", "list")
    assert code == 2
    assert (
        err.strip()
        == f"tuinews: {tmp_path / 'config.toml'}:1: page_size: must be between 1 and 1000, not -1"
    )
    code, _, err = run(capsys, "fetch", "--bogus")
    assert code == 2


def test_import_export_round_trip(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    urls = tmp_path / "urls"
    urls.write_text(
        'https://a.vn/rss "Thời sự" ~"Báo A"\n"exec:rm -rf /" x\nhttps://b.vn/rss kinh-te\n',
        "utf-8",
    )
    code, out, err = run(capsys, "import", str(urls))
    assert code == 0 and "Imported 2 feeds" in out
    assert "refused exec:" in err
    out_file = tmp_path / "subs.opml"
    assert run(capsys, "export", str(out_file))[0] == 0
    text = out_file.read_text("utf-8")
    assert 'xmlUrl="https://a.vn/rss"' in text and 'title="Thời sự"' in text
    (tmp_path / "data2").mkdir()
    code, out, _ = run(capsys, "--data-dir", str(tmp_path / "data2"), "import", str(out_file))
    code, out, _ = run(capsys, "--data-dir", str(tmp_path / "data2"), "feeds", "list", "--json")
    assert sorted((f["url"], f["category"], f["title"]) for f in json.loads(out)) == [
        ("https://a.vn/rss", "Thời sự", "Báo A"),
        ("https://b.vn/rss", "kinh-te", ""),
    ]


def test_not_a_database_is_one_line_and_untouched(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "data" / "tuinews.db"
    db.parent.mkdir(parents=True)
    db.write_bytes(b"garbage" * 100)
    code, _, err = run(capsys, "feeds", "list")
    assert code == 1 and "not an SQLite database" in err and err.count("\n") == 1
    assert db.read_bytes() == b"garbage" * 100


def test_python_dash_m_and_help(tmp_path: Path) -> None:
    env = {**os.environ, "TUINEWS_DATA_DIR": str(tmp_path / "d")}
    out = subprocess.run(
        [sys.executable, "-m", "tuinews", "--help"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    for cmd in ("fetch", "feeds", "import", "export", "articles", "search", "locate", "demo"):
        assert cmd in out.stdout
    out = subprocess.run(
        [sys.executable, "-m", "tuinews", "fetch", "--help"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert "--due" in out.stdout and "--force" in out.stdout


def test_due_only_fetches_feeds_whose_period_passed(
    capsys: pytest.CaptureFixture[str], server: LoopbackServer, tmp_path: Path
) -> None:
    hourly = server.set("/hourly.rss", rss(2, prefix="h"))
    always = server.set("/always.rss", rss(2, prefix="a"))
    (tmp_path / "config.toml").write_text(
        "refresh_minutes = 60\n"
        '[[category]]\nname = "Tin"\n'
        f'  [[category.feed]]\n  url = "{hourly}"\n'
        f'  [[category.feed]]\n  url = "{always}"\n  refresh_minutes = 0\n',
        "utf-8",
    )
    code, out, _ = run(capsys, "fetch", "--due", "--json", "--no-fulltext")
    assert code == 0
    assert {f["url"]: f["status"] for f in json.loads(out)["feeds"]} == {
        hourly: "new",
        always: "new",
    }
    code, out, _ = run(capsys, "fetch", "--due", "--json", "--no-fulltext")
    assert {f["url"]: f["status"] for f in json.loads(out)["feeds"]} == {
        hourly: "skipped",
        always: "unchanged",
    }
    code, out, _ = run(capsys, "fetch", "--feed", hourly, "--json", "--no-fulltext")
    assert [f["url"] for f in json.loads(out)["feeds"]] == [hourly]
    assert server.statuses("/hourly.rss") == [200, 304]
