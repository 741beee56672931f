"""Checks shared by the hostile tests: safe stored text, safe terminal output, peak memory."""

from __future__ import annotations

import os
import re
import sqlite3
import threading
from pathlib import Path

from tuinews.text.sanitize import is_safe

# What must never reach a terminal: C0 controls but newline/tab/CR, DEL, C1 (as UTF-8),
# and the bidi embedding/override/isolate controls (as UTF-8).
_UNSAFE_OUTPUT = re.compile(
    rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]"
)
LINE_COLUMNS = frozenset({"title", "link", "guid", "author", "url", "etag", "name", "site_url"})


def unsafe_output(data: bytes) -> list[bytes]:
    """The offending pieces of terminal output (with some context); [] when it is clean."""
    found = [data[max(0, m.start() - 20) : m.end() + 20] for m in _UNSAFE_OUTPUT.finditer(data)]
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        found.append(b"invalid UTF-8: " + str(exc).encode())
    return found


def assert_output_safe(data: bytes, what: str = "output") -> None:
    bad = unsafe_output(data)
    assert not bad, (what, bad[:5])


def scan_database(path: Path) -> int:
    """Assert every text value in every table of the SQLite file at ``path`` is safe.

    Newline and tab are allowed in bodies, nowhere in one-line columns. Returns how many
    values were checked. Read through a plain connection, not the store: this is the file.
    """
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    checked = 0
    try:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE "
                "'%VIRTUAL TABLE%' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%'"
            )
        ]
        for table in tables:
            cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
            for row in conn.execute(f"SELECT * FROM {table}"):
                for col, value in zip(cols, row, strict=True):
                    if isinstance(value, bytes):
                        value = value.decode("utf-8", "replace")
                    if not isinstance(value, str):
                        continue
                    checked += 1
                    block = col not in LINE_COLUMNS
                    assert is_safe(value, block=block), (table, col, value[:200])
    finally:
        conn.close()
    return checked


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _tree(pid: int) -> list[int]:
    pids = [pid]
    i = 0
    while i < len(pids):
        p = pids[i]
        i += 1
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children", encoding="ascii") as fh:
                    pids.extend(int(c) for c in fh.read().split())
        except OSError:
            continue
    return pids


class TreeRSS:
    """Samples the summed resident memory of a process and its descendants (Linux /proc)."""

    def __init__(self, pid: int, interval: float = 0.02) -> None:
        self.pid = pid
        self.interval = interval
        self.peak_kb = 0
        self.available = os.path.exists(f"/proc/{pid}/status")
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            total = sum(_rss_kb(p) for p in _tree(self.pid))
            self.peak_kb = max(self.peak_kb, total)
            self._stop.wait(self.interval)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak_kb
