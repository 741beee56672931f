"""Disk trouble: a cache that is not SQLite, from a newer version, corrupt, read-only or full.

Each through the real CLI in a subprocess: one line on stderr, no traceback, a non-zero exit,
and the file as it was (byte for byte where nothing could be written; with everything
committed before intact where the disk filled up mid-run).
"""

from __future__ import annotations

import hashlib
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.feedgen import rss
from tests.hostile.server import HostileServer, static
from tuinews.models import View, ViewKind
from tuinews.store import Store

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions and limits")

COMMANDS = (("fetch", "--no-fulltext"), ("articles",), ("feeds", "list"), ("search", "Bài"))


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def cli(
    data: Path, *args: str, preexec: Callable[[], None] | None = None
) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "TUINEWS_DATA_DIR": str(data),
        "TUINEWS_CONFIG": str(data.parent / "config.toml"),
        "LANG": "C.UTF-8",
    }
    return subprocess.run(
        [sys.executable, "-m", "tuinews", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=preexec,
    )


def assert_one_line_error(p: subprocess.CompletedProcess[str], *words: str) -> None:
    assert p.returncode != 0, (p.stdout, p.stderr)
    assert "Traceback" not in p.stderr + p.stdout
    lines = p.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("tuinews: "), p.stderr
    for word in words:
        assert word in lines[0], (word, lines[0])


@pytest.fixture
def feeds() -> Iterator[list[str]]:
    with HostileServer() as srv:
        yield [srv.route(f"/f{i}.rss", static(rss(20, prefix=f"f{i}").encode())) for i in range(3)]


@pytest.fixture
def cache(tmp_path: Path, feeds: list[str]) -> Path:
    """A data folder with a cache of two fetched feeds (a third subscribed, not fetched)."""
    data = tmp_path / "data"
    for url in feeds[:2]:
        assert cli(data, "feeds", "add", url).returncode == 0
    assert cli(data, "fetch", "--no-fulltext").returncode == 0
    assert cli(data, "feeds", "add", feeds[2]).returncode == 0
    with Store(data / "tuinews.db") as store:
        rows = store.headlines_page(View(ViewKind.ALL), 1, page_size=100).items
        store.set_read([r.id for r in rows[:7]])
        store.set_starred(rows[10].id, True)
    return data


def state(db: Path) -> tuple[int, set[int], set[int]]:
    with Store(db) as store:
        assert store.integrity_ok()
        rows = store.headlines_page(View(ViewKind.ALL), 1, page_size=1000).items
        return (
            len(rows),
            {r.id for r in rows if r.read},
            {r.id for r in rows if r.starred},
        )


def test_a_file_that_is_not_sqlite_is_refused_untouched(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    db = data / "tuinews.db"
    db.write_bytes(b"%PDF-1.7 important document\n" + os.urandom(20000))
    before = sha(db)
    for args in COMMANDS:
        assert_one_line_error(cli(data, *args), "not an SQLite database", "untouched")
    assert sha(db) == before
    assert sorted(p.name for p in data.iterdir()) == ["tuinews.db"]


def test_a_cache_from_a_newer_version_is_refused_untouched(cache: Path) -> None:
    db = cache / "tuinews.db"
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA user_version = 999")
    conn.close()
    before = sha(db)
    for args in COMMANDS:
        assert_one_line_error(cli(cache, *args), "newer tuinews", "untouched")
    assert sha(db) == before


def test_a_corrupt_cache_is_one_line_and_untouched(cache: Path) -> None:
    db = cache / "tuinews.db"
    raw = bytearray(db.read_bytes())
    page = 4096
    for i in range(page * 2, len(raw), page * 3):  # garbage over some pages, header intact
        raw[i : i + 512] = os.urandom(512)
    db.write_bytes(bytes(raw))
    before = sha(db)
    failed = 0
    for args in COMMANDS:
        p = cli(cache, *args)
        assert "Traceback" not in p.stdout + p.stderr
        if p.returncode != 0:  # what does not touch a broken page may still work
            assert_one_line_error(p)
            failed += 1
    assert failed
    assert sha(db) == before


def _make_read_only(path: Path) -> Callable[[], None]:
    """Make ``path`` (a folder) and its files unwritable, even for root; returns the undo."""
    files = [path, *path.iterdir()]
    if os.geteuid() != 0:
        for f in files:
            f.chmod(0o555 if f.is_dir() else 0o444)
        return lambda: [f.chmod(0o755 if f.is_dir() else 0o644) for f in files]  # type: ignore[func-returns-value]
    # root ignores permission bits; the immutable attribute binds root too (ext2/3/4, xfs…).
    chattr = shutil.which("chattr")
    if chattr is None:
        pytest.skip("running as root without chattr: cannot make a folder read-only")
    done: list[Path] = []
    for f in files:
        if subprocess.run([chattr, "+i", str(f)], capture_output=True).returncode != 0:
            for g in done:
                subprocess.run([chattr, "-i", str(g)], capture_output=True)
            pytest.skip("this filesystem has no immutable attribute: cannot test read-only")
        done.append(f)
    return lambda: [subprocess.run([chattr, "-i", str(f)], check=True) for f in done]  # type: ignore[func-returns-value]


def test_a_read_only_data_folder_is_one_line_and_untouched(cache: Path) -> None:
    db = cache / "tuinews.db"
    before = sha(db)
    undo = _make_read_only(cache)
    try:
        probe = cache / "probe"
        with pytest.raises(OSError):
            probe.write_text("x")
        for args in (("fetch", "--no-fulltext"), ("feeds", "add", "https://a.example/x")):
            assert_one_line_error(cli(cache, *args), str(db))
        for args in COMMANDS[1:]:
            p = cli(cache, *args)
            # Reading may work or not (WAL needs its -shm file); it never writes or crashes.
            if p.returncode != 0:
                assert_one_line_error(p, str(db))
        assert sha(db) == before
    finally:
        undo()
    assert sha(db) == before
    assert state(db)[0] == 40


def _disk_full(limit: int) -> Callable[[], None]:
    def apply() -> None:
        # RLIMIT_FSIZE: a write past ``limit`` bytes of any file fails (EFBIG; a write that
        # crosses it is cut short, which SQLite reports as SQLITE_FULL): the disk is full as
        # far as this process can tell. SIGXFSZ would kill it instead: ignored.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


@pytest.mark.parametrize("limit", [40_000, 120_000])
def test_a_full_disk_is_one_line_and_loses_nothing(cache: Path, limit: int) -> None:
    db = cache / "tuinews.db"
    before = state(db)
    assert db.stat().st_size > limit  # the checkpoint cannot write either
    p = cli(cache, "fetch", "--no-fulltext", preexec=_disk_full(limit))
    out = p.stdout + p.stderr
    assert p.returncode != 0 and "Traceback" not in out, out
    assert "cannot write the cache" in out, out
    errors = [ln for ln in out.splitlines() if "cannot write the cache" in ln]
    assert errors and all(len(ln) < 400 for ln in errors)
    # Everything committed before is still there, with its reading state.
    count, read, starred = state(db)
    assert (count, read, starred) == before
    # And once there is room again, the run completes.
    again = cli(cache, "fetch", "--no-fulltext", "--force")
    assert again.returncode == 0, again.stdout + again.stderr
    assert state(db)[0] == 60
