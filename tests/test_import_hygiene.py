"""Heavy imports stay where they belong (checked in a fresh interpreter)."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("textual", "httpx", "lxml", "trafilatura", "feedparser", "fastfeedparser")


def loaded_after(code: str) -> set[str]:
    probe = (
        f"{code}\nimport sys, json\n"
        f"print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r})))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return {m.split(".")[0] for m in json.loads(out.stdout.strip().splitlines()[-1])}


def test_core_imports_no_ui_and_no_parsers() -> None:
    code = (
        "import tuinews, tuinews.cli, tuinews.config, tuinews.store, tuinews.models, "
        "tuinews.text.sanitize, tuinews.text.fold, tuinews.text.dates, tuinews.paths, "
        "tuinews.opml, tuinews.i18n, tuinews.fetch.refresh, tuinews.fetch.client"
    )
    assert loaded_after(code) == set()


def test_cli_help_does_not_load_heavy_modules() -> None:
    code = (
        "import contextlib, io\nfrom tuinews.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n    main(['--help'])"
    )
    assert loaded_after(code) == set()


def test_only_the_parse_module_imports_the_feed_parsers() -> None:
    assert {"feedparser", "fastfeedparser"} & loaded_after("import tuinews.fetch.extract") == set()
    assert "trafilatura" not in loaded_after("import tuinews.fetch.parse")


def test_feed_workers_load_no_event_loop_or_http_client() -> None:
    """A worker imports tuinews.fetch.ingest: each module it pulls in is paid per worker."""
    probe = (
        "import sys, tuinews.fetch.ingest\n"
        "print(sorted(m for m in ('asyncio', 'ssl', 'httpx', 'tuinews.fetch.client', "
        "'tuinews.fetch.refresh') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
