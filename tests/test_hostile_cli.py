"""`tuinews fetch` as a subprocess against every hostile server at once, then the CLI's output.

One module-scoped run: an OPML import with hostile titles, a config naming every broken
server, the whole hostile corpus, good feeds, a scrape feed of a hostile listing and a feed
whose article pages are hostile too. The fetch must end on its own within the limits, hold
less than 300 MB, report one line per failed feed, store only safe text; afterwards no CLI
command prints an escape sequence, a control character or a bidi override.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.feedgen import rss
from tests.hostile import corpus as hc
from tests.hostile.checks import TreeRSS, assert_output_safe, scan_database
from tests.hostile.server import (
    GIB,
    HostileServer,
    brotli_bomb,
    compressed,
    drip,
    endless,
    error_status,
    gzip_bomb,
    hang_after_headers,
    raw,
    redirect,
    reset_mid_body,
    static,
    zlib_bomb,
)

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="peak memory from Linux rusage")

MAX_BYTES = 5_000_000
TOTAL_TIMEOUT = 2
PEAK_LIMIT_MB = 300


@dataclass
class Run:
    data: Path
    env: dict[str, str]
    server: HostileServer
    returncode: int
    stdout: bytes
    stderr: bytes
    import_out: bytes
    seconds: float
    peak_mb: float
    """Largest resident set of the fetch process or any of its children (rusage)."""
    tree_peak_mb: float
    """Largest sum over the fetch process and its children at one moment (sampled)."""
    broken: dict[str, str]
    """Feed URL → a word its error line must hold."""
    good: list[str]


def _broken(srv: HostileServer) -> dict[str, str]:
    body = rss(30).encode()
    routes = {
        "/drip": (drip(body, 1.0), "timed out"),
        "/hang": (hang_after_headers(30), "timeout"),
        "/reset": (reset_mid_body(body * 5, 3000), "reset"),
        "/500": (error_status(500), "HTTP 500"),
        "/503": (error_status(503, retry_after="120"), "HTTP 503"),
        "/500-escapes": (
            raw(b"HTTP/1.1 500 \x1b]52;c;AAAA\x07Bad\r\nContent-Length: 0\r\n\r\n"),
            "HTTP 500 Bad",
        ),
        "/loop": (redirect("/loop2"), "redirect loop"),
        "/loop2": (redirect("/loop"), "redirect loop"),
        "/cross": (redirect("http://127.0.0.2:9/none"), "connection refused"),
        "/bad-port": (redirect("http://127.0.0.1:99999/"), "invalid URL"),
        "/html": (static(b"<html><body>x</body></html>", content_type="text/html"), "HTML"),
        "/big-length": (endless(200_000_000, framing="length"), "too large"),
        "/big-close": (endless(200_000_000, framing="close"), "too large"),
        "/big-chunked": (endless(200_000_000, framing="chunked"), "too large"),
        "/gzip-bomb": (compressed(gzip_bomb(GIB), "gzip"), "too large"),
        "/deflate-bomb": (compressed(zlib_bomb(GIB), "deflate"), "too large"),
        "/br-bomb": (compressed(brotli_bomb(GIB), "br"), "too large"),
        "/br-bomb-nolength": (compressed(brotli_bomb(GIB), "br", length=False), "too large"),
    }
    urls = {p: srv.route(p, b) for p, (b, _word) in routes.items()}
    return {urls[p]: word for p, (_b, word) in routes.items() if p != "/loop2"}


def _article_feed(srv: HostileServer) -> str:
    """A good feed whose article pages are all hostile (fetched in the full-text phase)."""
    pages = {
        "/page/escapes": static(hc.hostile_page(), content_type="text/html; charset=utf-8"),
        "/page/drip": drip(hc.hostile_page(), 1.0),
        "/page/hang": hang_after_headers(30),
        "/page/reset": reset_mid_body(hc.hostile_page(), 500),
        "/page/bomb": compressed(gzip_bomb(GIB), "gzip"),
        "/page/big": endless(200_000_000, framing="close"),
        "/page/binary": static(bytes(range(256)) * 100, content_type="application/octet-stream"),
    }
    items = []
    for path, behaviour in pages.items():
        items.append(
            {
                "title": "Trang " + path,
                "guid": path,
                "link": srv.route(path, behaviour),
                "pubDate": "Sun, 01 Mar 2026 10:00:00 +0700",
                "description": "Tóm tắt ngắn.",
            }
        )
    return srv.route("/articles.rss", static(rss(items).encode()))


def _config(
    broken: dict[str, str], corpus: list[str], good: list[str], articles: str, listing: str
) -> str:
    lines = [
        f"max_bytes = {MAX_BYTES}",
        f"total_timeout = {TOTAL_TIMEOUT}",
        "read_timeout = 1",
        "connect_timeout = 1",
        "concurrency = 32",
        "per_host = 16",
        "max_retry_after = 60",
        'fulltext = "never"',
        "body_concurrency = 8",
    ]

    def category(name: str, urls: list[str], extra: str = "") -> None:
        lines.append(f'[[category]]\nname = "{name}"')
        for url in urls:
            lines.append(f'[[category.feed]]\nurl = "{url}"{extra}')

    category("Hỏng", list(broken))
    category("Kho độc", corpus)
    category("Tốt", good)
    category("Trang", [articles], '\nfulltext = "always"')
    lines.append(
        '[[category]]\nname = "Cào"\n[[category.feed]]\ntitle = "Danh sách"\n'
        f'[category.feed.scrape]\nurl = "{listing}"\nitem = "li.item"\ntitle = "a"\n'
        'date = "span.d"'
    )
    return "\n".join(lines) + "\n"


def _opml(base: str) -> bytes:
    esc = hc.char_refs(hc.ALL_ESCAPES)
    return (
        '<?xml version="1.0"?>\n<opml version="2.0"><head><title>x</title></head><body>\n'
        f'<outline text="{esc}Nhóm">\n'
        f'  <outline text="{esc}[bold]Tên[/" xmlUrl="{base}/opml-good.rss"/>\n'
        '  <outline text="bad" xmlUrl="file:///etc/passwd"/>\n'
        '  <outline text="js" xmlUrl="javascript:alert(1)"/>\n'
        f'  <outline text="{hc.char_refs(hc.RTL_TITLE)}" xmlUrl="{base}/opml-rtl.rss"/>\n'
        "</outline>\n</body></opml>\n"
    ).encode()


def cli(run_env: dict[str, str], *args: str, stdin: bytes | None = None) -> tuple[int, bytes]:
    """Run the CLI; returns the exit code and stdout+stderr as bytes."""
    p = subprocess.run(
        [sys.executable, "-m", "tuinews", *args],
        env=run_env,
        input=stdin,
        capture_output=True,
        timeout=60,
    )
    return p.returncode, p.stdout + p.stderr


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Run]:
    tmp = tmp_path_factory.mktemp("hostile-cli")
    srv = HostileServer()
    try:
        broken = _broken(srv)
        cases = hc.corpus(srv.url("/x"))
        corpus = [
            srv.route("/c/" + c.name, static(c.body, content_type=c.content_type)) for c in cases
        ]
        corpus.append(srv.route("/c/many", static(hc.compact_many_items(100_000))))
        good = [
            srv.route(f"/good{i}.rss", static(rss(10, prefix=f"g{i}").encode())) for i in (1, 2)
        ]
        srv.route("/opml-good.rss", static(rss(3, prefix="o").encode()))
        srv.route("/opml-rtl.rss", static(rss(2, prefix="r").encode()))
        articles = _article_feed(srv)
        listing = srv.route(
            "/listing", static(hc.hostile_listing(srv.base), content_type="text/html")
        )
        config = tmp / "config.toml"
        config.write_text(_config(broken, corpus, good, articles, listing), "utf-8")
        opml = tmp / "subs.opml"
        opml.write_bytes(_opml(srv.base))
        data = tmp / "data"
        env = {
            **os.environ,
            "TUINEWS_CONFIG": str(config),
            "TUINEWS_DATA_DIR": str(data),
            "LANG": "C.UTF-8",
            "TZ": "Asia/Ho_Chi_Minh",
        }
        code, import_out = cli(env, "import", str(opml))
        assert code == 0, import_out

        started = time.monotonic()
        with (tmp / "out").open("wb") as out, (tmp / "err").open("wb") as err:
            proc = subprocess.Popen(
                [sys.executable, "-m", "tuinews", "fetch"], env=env, stdout=out, stderr=err
            )
            tree = TreeRSS(proc.pid)
            # wait4: this child's own rusage, its largest descendant included (ru_maxrss is
            # the peak of the largest single process, in KiB on Linux).
            _pid, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.monotonic() - started
        tree_peak = tree.stop()
        yield Run(
            data=data,
            env=env,
            server=srv,
            returncode=proc.returncode,
            stdout=(tmp / "out").read_bytes(),
            stderr=(tmp / "err").read_bytes(),
            import_out=import_out,
            seconds=seconds,
            peak_mb=usage.ru_maxrss / 1024,
            tree_peak_mb=tree_peak / 1024,
            broken=broken,
            good=good,
        )
    finally:
        srv.close()


@pytest.mark.slow
def test_fetch_gives_up_on_time_in_little_memory(run: Run) -> None:
    print(
        f"\nhostile fetch: {run.seconds:.1f} s, peak RSS {run.peak_mb:.0f} MB (largest process), "
        f"{run.tree_peak_mb:.0f} MB (process tree, sampled)"
    )
    assert b"Traceback" not in run.stderr + run.stdout
    assert run.returncode == 1, (run.stdout, run.stderr)
    # Two phases (feeds, then pages), each bounded by the total timeout; plus start-up.
    assert run.seconds < 4 * TOTAL_TIMEOUT + 8, run.seconds
    assert run.peak_mb < PEAK_LIMIT_MB, run.peak_mb
    assert run.tree_peak_mb < PEAK_LIMIT_MB, run.tree_peak_mb


@pytest.mark.slow
def test_each_broken_feed_is_one_error_line_and_the_rest_succeed(run: Run) -> None:
    lines = run.stdout.decode("utf-8").splitlines()
    errors = [ln for ln in lines if ln.startswith("  ✗ ")]
    for url, word in run.broken.items():
        mine = [ln for ln in errors if f"<{url}>:" in ln]
        assert len(mine) == 1, (url, mine)
        assert word in mine[0], (url, mine[0])
    assert lines[-1].endswith(" s") and "feeds fetched" in lines[-1]
    code, out = cli(run.env, "feeds", "list", "--json")
    assert code == 0
    import json

    feeds = {f["url"]: f for f in json.loads(out.decode())}
    for url in run.good:
        assert feeds[url]["articles"] == 10 and not feeds[url]["last_error"]
    for url in run.broken:
        assert feeds[url]["last_error"], url
    many = next(f for u, f in feeds.items() if u.endswith("/c/many"))
    assert many["articles"] == 5000 and not many["last_error"]  # the first 5000 of 100,000


@pytest.mark.slow
def test_nothing_stored_holds_a_control_character(run: Run) -> None:
    assert scan_database(run.data / "tuinews.db") > 1000


@pytest.mark.slow
def test_the_external_entity_targets_were_never_asked(run: Run) -> None:
    assert run.server.requests("/x") == []


@pytest.mark.slow
@pytest.mark.parametrize(
    "args",
    [
        ("feeds", "list"),
        ("feeds", "list", "--json"),
        ("articles", "--with-body", "--limit", "400"),
        ("articles", "--with-body", "--json", "--limit", "400"),
        ("search", "RED"),
        ("search", "click", "--with-body"),
        ("search", "gnp"),
        ("stats",),
        ("export",),
    ],
    ids=lambda a: "-".join(a).replace("--", ""),
)
def test_cli_output_of_the_hostile_cache_is_terminal_safe(run: Run, args: tuple[str, ...]) -> None:
    code, out = cli(run.env, *args)
    assert code in (0, 1), out
    assert b"Traceback" not in out
    assert len(out) > 20
    assert_output_safe(out, " ".join(args))


@pytest.mark.slow
def test_markup_is_printed_literally(run: Run) -> None:
    for name in ("escapes-raw", "escapes-refs", "escapes-json"):
        code, out = cli(run.env, "articles", "--feed", run.server.url("/c/" + name))
        assert code == 0, out
        text = out.decode()
        for markup in hc.MARKUP:
            assert markup in text, (name, markup)


@pytest.mark.slow
def test_fetch_and_import_messages_are_terminal_safe(run: Run) -> None:
    assert_output_safe(run.stdout + run.stderr, "fetch")
    assert_output_safe(run.import_out, "import")
    text = run.import_out.decode()
    assert "xmlUrl 'file:///etc/passwd'" in text and "javascript:alert(1)" in text
    assert "Imported 2 feeds" in text


@pytest.mark.slow
def test_extract_and_rules_test_print_no_escapes(run: Run, tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(hc.hostile_page())
    rule = tmp_path / "rule.toml"
    listing = run.server.url("/listing")
    rule.write_text(f'url = "{listing}"\nitem = "li.item"\ntitle = "a"\ndate = "span.d"\n')
    listing_file = tmp_path / "listing.html"
    listing_file.write_bytes(hc.hostile_listing(run.server.base))
    for args in (
        ("extract", str(page)),
        ("extract", str(page), "--format", "text"),
        ("extract", str(page), "--format", "json"),
        ("extract", run.server.url("/page/escapes")),
        ("extract", run.server.url("/500-escapes")),
        ("extract", run.server.url("/gzip-bomb")),
        ("rules", "test", listing, "--rule", str(rule)),
        ("rules", "test", str(listing_file), "--rule", str(rule)),
        ("rules", "test", run.server.url("/500-escapes"), "--rule", str(rule)),
    ):
        code, out = cli(run.env, *args)
        assert b"Traceback" not in out, (args, out[-2000:])
        assert out.strip(), args
        assert_output_safe(out, " ".join(args))
    code, out = cli(
        run.env, "extract", "-", "--url", "http://127.0.0.1:9/", stdin=hc.hostile_page()
    )
    assert_output_safe(out, "extract -")
