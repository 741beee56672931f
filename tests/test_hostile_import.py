"""Hostile OPML, urls and config files: refused line by line, never run, never fetched."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile.checks import assert_output_safe
from tests.hostile.server import HostileServer
from tuinews.config import load_config
from tuinews.errors import ConfigError
from tuinews.opml import parse_newsboat_urls, parse_opml, read_subscriptions
from tuinews.text.sanitize import is_safe

ESC = "&#27;]52;c;cm0gLXJmIH4=&#7;&#27;[31m&#x9b;2J&#0;&#8238;"

HOSTILE_OPML = f"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>{ESC}t</title></head><body>
<outline text="{ESC}Nhóm [bold]x[/">
<outline text="good 1" xmlUrl="https://a.example/1.rss"/>
<outline text="passwd" xmlUrl="file:///etc/passwd"/>
<outline text="js" xmlUrl="javascript:alert(1)"/>
<outline text="data" xmlUrl="data:application/rss+xml,&lt;rss/&gt;"/>
<outline text="exec" xmlUrl="exec:rm -rf ~"/>
<outline text="filter" xmlUrl="filter:/bin/sh:https://a.example/x"/>
<outline text="relative" xmlUrl="/feed.rss"/>
<outline text="spaces" xmlUrl="https://a.example/a b"/>
<outline text="{ESC}good 2 [@click=app.quit]z[/]" xmlUrl="https://a.example/2.rss"/>
<outline text="ctl" xmlUrl="https://a.example/&#27;[2J"/>
<outline text="shell" xmlUrl="https://a.example/$(touch%20/tmp/pwned)"/>
</outline>
</body></opml>
""".encode()
REFUSED_LINES = (5, 6, 7, 8, 9, 10, 11)


@pytest.fixture
def no_commands(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to start a process fails the test."""

    def boom(*args: object, **kw: object) -> None:
        raise AssertionError(f"tried to run a command: {args!r}")

    monkeypatch.setattr(subprocess, "Popen", boom)
    for name in ("system", "popen", "execv", "execve", "execvp", "posix_spawn", "fork"):
        monkeypatch.setattr(os, name, boom, raising=False)


def test_hostile_opml_refuses_bad_urls_by_line_and_keeps_the_good(no_commands: None) -> None:
    res = parse_opml(HOSTILE_OPML, name="h.opml")
    urls = [f.url for f in res.feeds]
    assert "https://a.example/1.rss" in urls and "https://a.example/2.rss" in urls
    assert "https://a.example/$(touch%20/tmp/pwned)" in urls  # a URL, stored, never run
    for f in res.feeds:
        assert f.url.startswith("https://") and is_safe(f.url)
        assert is_safe(f.title) and is_safe(f.category)
    assert not any("\x1b" in p or "[2J" in f.url for p in res.problems for f in res.feeds)
    lines = sorted(int(p.split(":")[1]) for p in res.problems)
    assert lines == list(REFUSED_LINES), res.problems
    for p in res.problems:
        assert p.startswith("h.opml:") and is_safe(p)
    titles = {f.url: f.title for f in res.feeds}
    assert titles["https://a.example/2.rss"] == "good 2 [@click=app.quit]z[/]"
    assert {f.category for f in res.feeds} == {"Nhóm [bold]x[/"}
    assert not Path("/tmp/pwned").exists()


def test_urls_file_never_runs_a_command(no_commands: None, tmp_path: Path) -> None:
    text = (
        '"exec:touch /tmp/pwned"\n'
        "filter:/bin/sh -c 'touch /tmp/pwned':https://a.example/x\n"
        "EXEC:touch /tmp/pwned\n"
        "https://a.example/ok\n"
        '"query:all:title =~ \\".*\\""\n'
        "`touch /tmp/pwned`\n"
        "$(touch /tmp/pwned)\n"
        'https://a.example/ok2 "\x1b]52;c;AAAA\x07cat" ~"\x1b[31mTên"\n'
        "file:///etc/passwd\n"
        "'unbalanced\n"
    )
    path = tmp_path / "urls"
    path.write_text(text, "utf-8")
    res = read_subscriptions(path)
    assert [f.url for f in res.feeds] == ["https://a.example/ok", "https://a.example/ok2"]
    assert res.feeds[1].title == "Tên" and res.feeds[1].category == "cat"
    lines = [int(re.match(rf"{re.escape(str(path))}:(\d+): ", p)[1]) for p in res.problems]  # type: ignore[index]
    assert lines == [1, 2, 3, 5, 6, 7, 9, 10], res.problems
    assert all(is_safe(p) for p in res.problems)
    assert not Path("/tmp/pwned").exists()
    assert parse_newsboat_urls("exec:x\n").feeds == []


def test_opml_bombs_and_external_entities_are_never_expanded_or_fetched() -> None:
    with HostileServer() as srv:
        trap = srv.url("/x")
        lol = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 9))
        evil = (
            '<?xml version="1.0"?>\n<!DOCTYPE opml [<!ENTITY l0 "lol">' + lol + "\n"
            f'<!ENTITY ext SYSTEM "{trap}"><!ENTITY file SYSTEM "file:///etc/passwd">'
            f'<!ENTITY % p SYSTEM "{trap}?p"> %p;]>\n'
            '<opml version="2.0"><body>\n'
            '<outline text="&l8;&ext;&file;" xmlUrl="https://a.example/f"/>\n'
            '<outline text="ok" xmlUrl="https://a.example/g"/>\n'
            "</body></opml>"
        ).encode()
        res = parse_opml(evil, name="e.opml")
        assert srv.requests() == []
    assert [f.url for f in res.feeds] == ["https://a.example/f", "https://a.example/g"]
    assert len(res.feeds[0].title) < 100 and "root:" not in res.feeds[0].title


def test_a_broken_opml_still_imports_the_outlines_around_the_break() -> None:
    broken = (
        b'<?xml version="1.0"?>\n<opml version="2.0"><body>\n'
        b'<outline text="a" xmlUrl="https://a.example/a"/>\n'
        b'<outline text="b" xmlUrl="https://a.example/b" <<< broken\n'
        b'<outline text="c" xmlUrl="https://a.example/c"/>\n'
        b"<outline text='d' xmlUrl='https://a.example/d'>\n"
        b"</body></opml>\n"
    )
    res = parse_opml(broken, name="b.opml")
    urls = [f.url for f in res.feeds]
    assert "https://a.example/a" in urls and "https://a.example/c" in urls
    assert res.problems and res.problems[0].startswith("b.opml:4:"), res.problems


def cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = {
        **os.environ,
        "TUINEWS_CONFIG": str(tmp_path / "config.toml"),
        "TUINEWS_DATA_DIR": str(tmp_path / "data"),
    }
    return subprocess.run(
        [sys.executable, "-m", "tuinews", *args], env=env, capture_output=True, timeout=60
    )


def test_cli_import_reports_each_refusal_on_one_line_and_imports_the_rest(tmp_path: Path) -> None:
    opml = tmp_path / "h.opml"
    opml.write_bytes(HOSTILE_OPML)
    p = cli(tmp_path, "import", str(opml))
    assert p.returncode == 0, p.stderr
    assert_output_safe(p.stdout + p.stderr)
    err = p.stderr.decode().splitlines()
    assert len(err) == len(REFUSED_LINES)
    for line, number in zip(err, REFUSED_LINES, strict=True):
        assert line.startswith(f"tuinews: {opml}:{number}: "), line
    assert b"Imported 4 feeds" in p.stdout
    listed = cli(tmp_path, "feeds", "list")
    assert_output_safe(listed.stdout + listed.stderr)
    assert b"good 2 [@click=app.quit]z[/]" in listed.stdout


@pytest.mark.parametrize(
    ("config", "where"),
    [
        ("page_size = 20\nbogus_key = 1\n", ":2: bogus_key: unknown key"),
        ('page_size = "many"\n', ":1: page_size: must be a whole number"),
        ("max_bytes = 10\n", ":1: max_bytes: must be between"),
        ("max_retry_after = -5\n", ":1: max_retry_after: must be between"),
        (
            '[[category]]\nname = "A"\n[[category.feed]]\nurl = "https://a.example/1"\n'
            '[[category.feed]]\nurl = "file:///etc/passwd"\n',
            ":6: category.feed.url: url 'file:///etc/passwd' is not an http(s) URL",
        ),
        (
            '[[category]]\nname = "A"\n[[category.feed]]\nurl = "https://a.example/1"\nspeed = 3\n',
            ":5: category.feed.speed: unknown key",
        ),
        ('language = "vi"\n[keymap\n', ":2"),
        ('"\\u001b]52;c;AAAA\\u0007evil" = 1\n', "unknown key"),
        ('user_agent = "x"\ntimezone = "Mars/Olympus"\n', ":2: timezone: unknown time zone"),
    ],
    ids=[
        "unknown",
        "type",
        "range",
        "retry-range",
        "feed-url",
        "feed-key",
        "toml",
        "escape-key",
        "timezone",
    ],
)
def test_bad_config_names_file_line_and_key_in_one_line(
    tmp_path: Path, config: str, where: str
) -> None:
    path = tmp_path / "config.toml"
    path.write_text(config, "utf-8")
    with pytest.raises(ConfigError):
        load_config(path)
    p = cli(tmp_path, "feeds", "list")
    assert p.returncode == 2
    assert_output_safe(p.stdout + p.stderr)
    err = p.stderr.decode()
    assert err.count("\n") == 1 and b"Traceback" not in p.stderr, err
    assert err.startswith(f"tuinews: {path}") and where in err, err


def test_config_titles_and_names_are_cleaned_and_the_user_agent_checked(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        '[[category]]\nname = "\\u001b]52;c;AAAA\\u0007Tin \\u202etức"\n'
        '[[category.feed]]\nurl = "https://a.example/1"\n'
        'title = "\\u001b[31mĐỏ\\u001b[0m [bold]x[/"\n',
        "utf-8",
    )
    cfg = load_config(path)
    (spec,) = cfg.feeds()
    assert spec.category == "Tin tức" and spec.title == "Đỏ [bold]x[/"
    path.write_text('user_agent = "tuinews\\r\\nX-Evil: 1"\n', "utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert info.value.line == 1 and info.value.key == "user_agent"
