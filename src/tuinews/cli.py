"""The command line: ``tuinews`` opens the reader; subcommands fetch, manage and query.

Exit codes: 0 success, 1 some feeds failed (fetch) or nothing found, 2 a usage or config
error. Errors are one line on stderr; a traceback only with ``--debug``. Textual is imported
only when the reader opens.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from tuinews import __version__
from tuinews.errors import ConfigError, TuinewsError
from tuinews.i18n import _, set_language, translate_argparse

EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_USAGE = 2


class UsageError(TuinewsError):
    """Wrong arguments (exit 2)."""


def _safe(text: object) -> str:
    from tuinews.text.sanitize import clean_line

    return clean_line(str(text), max_len=4000)


def _err(message: str) -> None:
    print(f"tuinews: {_safe(message)}", file=sys.stderr)


def _os_reason(exc: OSError) -> str:
    """Why a file operation failed, in the language in force where we know the reason."""
    import errno

    known = {
        errno.ENOENT: _("no such file or folder"),
        errno.EACCES: _("permission denied"),
        errno.EPERM: _("permission denied"),
        errno.EISDIR: _("is a folder"),
        errno.ENOTDIR: _("not a folder"),
        errno.ENOSPC: _("the disk is full"),
        errno.EROFS: _("read-only file system"),
    }
    return known.get(exc.errno or -1) or exc.strerror or str(exc)


# -- context ----------------------------------------------------------------------------------


class Context:
    """What most commands need: the config, the store and the fetch settings."""

    def __init__(self, args: argparse.Namespace) -> None:
        from tuinews import paths
        from tuinews.config import load_config

        self.args = args
        self.config_path = Path(args.config) if args.config else paths.config_file()
        self.config = load_config(self.config_path)
        self.data_dir = Path(args.data_dir) if args.data_dir else paths.data_dir()
        self._store: Any = None

    @property
    def store(self) -> Any:
        """The store, opened on first use, with the config's feeds synced in."""
        if self._store is None:
            from tuinews.paths import db_path
            from tuinews.store import Store

            # The reader reads a page at a time: a small page cache keeps its memory flat
            # however big the cache file (big writes happen in worker processes).
            reader = self.args.command in (None, "demo")
            self._store = Store(
                db_path(self.data_dir),
                keep_per_feed=self.config.keep_per_feed,
                cache_kib=2000 if reader else 16000,
            )
            specs = self.config.feeds()
            if specs:
                self._store.sync_feeds(specs)
        return self._store

    def settings(self) -> Any:
        """Fetch settings from the config (and ``--concurrency``)."""
        from tuinews.fetch.client import FetchSettings

        c = self.config
        concurrency = getattr(self.args, "concurrency", None) or c.concurrency
        settings = FetchSettings(
            concurrency=concurrency,
            per_host=c.per_host,
            connect_timeout=c.connect_timeout,
            read_timeout=c.read_timeout,
            total_timeout=c.total_timeout,
            max_bytes=c.max_bytes,
            max_retry_after=c.max_retry_after,
        )
        if c.user_agent:
            settings.user_agent = c.user_agent
        return settings

    def refresh_options(self, **kw: Any) -> Any:
        """Refresh options from the config."""
        from tuinews.fetch.refresh import RefreshOptions

        c = self.config
        return RefreshOptions(
            refresh_minutes=c.refresh_minutes,
            default_policy=c.fulltext,
            body_concurrency=c.body_concurrency,
            max_body_attempts=c.max_body_attempts,
            **kw,
        )

    def close(self) -> None:
        """Close the store."""
        if self._store is not None:
            self._store.close()


# -- commands ---------------------------------------------------------------------------------


def cmd_locate(ctx: Context, out: TextIO) -> int:
    from tuinews.paths import db_path

    rows = [
        (_("config:"), ctx.config_path),
        (_("data:"), ctx.data_dir),
        (_("cache:"), db_path(ctx.data_dir)),
    ]
    width = max(len(label) for label, _path in rows)
    for label, path in rows:
        print(f"{label:<{width}} {path}", file=out)
    return EXIT_OK


def _progress_printer(enabled: bool) -> Any:
    if not enabled:
        return None
    from tuinews.fetch.refresh import Progress

    def show(p: Progress) -> None:
        width = 30
        filled = int(width * p.done / max(p.total, 1))
        label = _("feeds") if p.phase == "feeds" else _("pages")
        bar = "#" * filled + "-" * (width - filled)
        sys.stderr.write(f"\r[{bar}] {p.done}/{p.total} {label}  ")
        if p.done == p.total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return show


def cmd_fetch(ctx: Context, out: TextIO) -> int:
    from tuinews.fetch.refresh import refresh_all

    args = ctx.args
    store = ctx.store
    if args.opml:
        _import_into(ctx, Path(args.opml), quiet=True)
    feeds = store.feeds()
    if args.feed:
        wanted = set(args.feed)
        unknown = wanted - {f.url for f in feeds}
        if unknown:
            raise UsageError(_("not subscribed: {url}", url=", ".join(sorted(unknown))))
        feeds = [f for f in feeds if f.url in wanted]
    if not feeds:
        print(
            _("No feeds yet: add one with `tuinews feeds add URL` or `tuinews import FILE`."),
            file=out,
        )
        return EXIT_OK
    opts = ctx.refresh_options(due_only=args.due, force=args.force, fulltext=not args.no_fulltext)
    show = _progress_printer(sys.stderr.isatty() and not args.json)
    report = asyncio.run(refresh_all(store, feeds, ctx.settings(), options=opts, on_progress=show))
    if args.json:
        json.dump(
            {
                "seconds": round(report.seconds, 3),
                "new": report.new,
                "bodies_ok": report.bodies_ok,
                "bodies_failed": report.bodies_failed,
                "feeds": [
                    {
                        "url": o.url,
                        "title": o.title,
                        "status": o.status,
                        "new": o.new,
                        "updated": o.updated,
                        "error": o.error,
                        "warning": o.warning,
                    }
                    for o in report.outcomes
                ],
            },
            out,
            ensure_ascii=False,
            indent=2,
        )
        out.write("\n")
    else:
        n_err = len(report.errors)
        skipped = [o for o in report.outcomes if o.status == "skipped" and o.error != "not due"]
        for o in report.errors:
            print(f"  ✗ {_safe(o.title)} <{_safe(o.url)}>: {_safe(o.error)}", file=out)
        for o in report.outcomes:
            if o.warning:
                print(f"  ! {_safe(o.title)} <{_safe(o.url)}>: {_safe(o.warning)}", file=out)
        for o in skipped:
            print(f"  - {_safe(o.title)}: {_safe(o.error)}", file=out)
        fetched = sum(1 for o in report.outcomes if o.status != "skipped")
        print(
            _(
                "{fetched} feeds fetched, {new} new articles, {errors} failed, {bodies} full texts "
                "in {seconds:.1f} s",
                fetched=fetched,
                new=report.new,
                errors=n_err,
                bodies=report.bodies_ok,
                seconds=report.seconds,
            ),
            file=out,
        )
    return EXIT_SOME_FAILED if report.errors else EXIT_OK


def cmd_feeds(ctx: Context, out: TextIO) -> int:
    from tuinews.config import check_url
    from tuinews.models import FeedSpec

    args = ctx.args
    store = ctx.store
    if args.feeds_cmd == "add":
        try:
            url = check_url(args.url)
        except ValueError:
            raise UsageError(
                _(
                    "not a feed address (it must start with http:// or https://): {url}",
                    url=args.url,
                )
            ) from None
        store.upsert_feed(FeedSpec(url=url, title=args.title or "", category=args.category or ""))
        print(_("Added {url}", url=_safe(url)), file=out)
        return EXIT_OK
    if args.feeds_cmd == "remove":
        feed = store.feed_by_url(args.url)
        if feed is None:
            raise UsageError(_("not subscribed: {url}", url=args.url))
        if store.feed_spec(feed.id).origin == "config":
            raise UsageError(
                _(
                    "{url} is declared in {file}: remove it there",
                    url=args.url,
                    file=str(ctx.config_path),
                )
            )
        store.remove_feed(args.url)
        print(_("Removed {url}", url=_safe(args.url)), file=out)
        return EXIT_OK
    feeds = store.feeds()
    if args.json:
        json.dump([_feed_json(f) for f in feeds], out, ensure_ascii=False, indent=2)
        out.write("\n")
        return EXIT_OK
    for f in feeds:
        mark = "✗" if f.last_error else ("-" if not f.enabled else " ")
        cat = f"[{_safe(f.category)}] " if f.category else ""
        print(
            f"{mark} {cat}{_safe(f.display_title)}  ({f.unread}/{f.total})  {_safe(f.url)}",
            file=out,
        )
        if f.last_error:
            print(f"    {_safe(f.last_error)}", file=out)
        elif f.warning:
            print(f"    ! {_safe(f.warning)}", file=out)
    return EXIT_OK


def _iso(dt: Any) -> str | None:
    return dt.isoformat() if dt is not None else None


def _feed_json(f: Any) -> dict[str, Any]:
    return {
        "url": f.url,
        "title": f.title,
        "category": f.category,
        "articles": f.total,
        "unread": f.unread,
        "enabled": f.enabled,
        "disabled_reason": f.disabled_reason,
        "last_success": _iso(f.last_success),
        "last_error": f.last_error or None,
        "warning": f.warning or None,
        "next_attempt": _iso(f.next_attempt),
    }


def _import_into(ctx: Context, path: Path, *, quiet: bool = False) -> int:
    from tuinews.opml import read_subscriptions

    result = read_subscriptions(path)
    for problem in result.problems:
        _err(problem)
    if result.feeds:
        ctx.store.sync_feeds(result.feeds)
    if not quiet:
        print(_("Imported {n} feeds from {file}", n=len(result.feeds), file=_safe(path)))
    return len(result.feeds)


def cmd_import(ctx: Context, out: TextIO) -> int:
    _import_into(ctx, Path(ctx.args.file))
    return EXIT_OK


def cmd_export(ctx: Context, out: TextIO) -> int:
    from tuinews.opml import write_opml

    text = write_opml([(f.category, f.title, f.url) for f in ctx.store.feeds()])
    if ctx.args.file and ctx.args.file != "-":
        Path(ctx.args.file).write_text(text, "utf-8")
    else:
        out.write(text)
    return EXIT_OK


def _article_json(a: Any, with_body: bool) -> dict[str, Any]:
    d: dict[str, Any] = {
        "id": a.id,
        "feed_url": a.feed_url,
        "feed_title": a.feed_title,
        "title": a.title,
        "link": a.link,
        "author": a.author,
        "published": a.published.isoformat(),
        "read": a.read,
        "starred": a.starred,
    }
    if with_body:
        d["body"] = a.body
        d["body_status"] = a.body_status
    return d


def _print_articles(arts: list[Any], out: TextIO, *, as_json: bool, with_body: bool) -> None:
    if as_json:
        json.dump([_article_json(a, with_body) for a in arts], out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    from tuinews.text.sanitize import clean_block

    for a in arts:
        flags = ("N" if not a.read else " ") + ("*" if a.starred else " ")
        when = a.published.astimezone().strftime("%Y-%m-%d %H:%M")
        print(
            f"{a.id:>7} {flags} {when}  {_safe(a.feed_title)[:24]:<24}  {_safe(a.title)}", file=out
        )
        if with_body:
            print(f"        {_safe(a.link)}", file=out)
            print(clean_block(a.body), file=out)
            print(file=out)


def cmd_articles(ctx: Context, out: TextIO) -> int:
    args = ctx.args
    if args.feed and ctx.store.feed_by_url(args.feed) is None:
        raise UsageError(_("not subscribed: {url}", url=args.feed))
    arts = list(ctx.store.articles(feed_url=args.feed, unread_only=args.unread, limit=args.limit))
    _print_articles(arts, out, as_json=args.json, with_body=args.with_body)
    return EXIT_OK


def cmd_search(ctx: Context, out: TextIO) -> int:
    from tuinews.store.search import parse_query

    args = ctx.args
    for problem in parse_query(args.query).errors:
        _err(problem)
    rows = ctx.store.search(args.query, limit=args.limit)
    arts = list(ctx.store.articles(ids=[r.id for r in rows], limit=args.limit))
    _print_articles(arts, out, as_json=args.json, with_body=args.with_body)
    if not arts and not args.json:
        print(_("No articles match."), file=sys.stderr)
        return EXIT_SOME_FAILED
    return EXIT_OK


def cmd_stats(ctx: Context, out: TextIO) -> int:
    from tuinews.paths import db_path

    store = ctx.store
    feeds = store.feeds()
    total, unread, starred = store.totals()
    size = sum(
        p.stat().st_size for p in db_path(ctx.data_dir).parent.glob("tuinews.db*") if p.is_file()
    )
    data = {
        "feeds": len(feeds),
        "articles": total,
        "unread": unread,
        "starred": starred,
        "categories": len(store.categories()),
        "bytes": size,
    }
    if ctx.args.json:
        json.dump(data, out)
        out.write("\n")
    else:
        labels = {
            "feeds": _("feeds"),
            "articles": _("articles"),
            "unread": _("unread"),
            "starred": _("starred"),
            "categories": _("categories"),
            "bytes": _("bytes"),
        }
        for k, v in data.items():
            print(f"{labels[k]}: {v}", file=out)
    return EXIT_OK


def cmd_extract(ctx: Context, out: TextIO) -> int:
    from tuinews.fetch.extract import extract_article, format_extracted

    args = ctx.args
    source = args.source
    url = args.url or ""
    ctype: str | None = None
    if source == "-":
        html = sys.stdin.buffer.read()
    elif source.startswith(("http://", "https://")):
        from tuinews.fetch.client import get, make_client

        async def grab() -> Any:
            settings = ctx.settings()
            async with make_client(settings) as client:
                return await get(client, source, settings)

        resp = asyncio.run(grab())
        html, ctype, url = resp.body, resp.content_type, url or resp.url
    else:
        try:
            html = Path(source).read_bytes()
        except OSError as exc:
            raise UsageError(f"{source}: {_os_reason(exc)}") from None
    ex = extract_article(html, url=url, content_type=ctype)
    print(format_extracted(ex, args.format), file=out)
    return EXIT_OK if str(ex.status) == "ok" else EXIT_SOME_FAILED


def cmd_rules(ctx: Context, out: TextIO) -> int:
    from tuinews.fetch.rules import rules_command

    return rules_command(ctx, out)


def cmd_demo(ctx: Context, out: TextIO) -> int:
    from tuinews.demo.run import run_demo

    return run_demo(ctx)


def cmd_app(ctx: Context, out: TextIO) -> int:
    from tuinews.ui.app import run_app

    return run_app(ctx.config, ctx.store, ctx.settings(), ctx.refresh_options())


COMMANDS = {
    "locate": cmd_locate,
    "fetch": cmd_fetch,
    "feeds": cmd_feeds,
    "import": cmd_import,
    "export": cmd_export,
    "articles": cmd_articles,
    "search": cmd_search,
    "stats": cmd_stats,
    "extract": cmd_extract,
    "rules": cmd_rules,
    "demo": cmd_demo,
}


# -- parser -------------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (help texts in the language in force)."""
    translate_argparse()
    p = argparse.ArgumentParser(
        prog="tuinews",
        description=_("A keyboard-driven terminal news reader with an offline full-text cache."),
    )
    p.add_argument(
        "--version",
        action="version",
        version=f"tuinews {__version__}",
        help=_("show the version and exit"),
    )
    p.add_argument("--config", metavar=_("FILE"), help=_("config file (default: see `locate`)"))
    p.add_argument(
        "--data-dir", metavar=_("DIR"), help=_("folder of the cache (default: see `locate`)")
    )
    p.add_argument("--debug", action="store_true", help=_("show tracebacks on errors"))
    sub = p.add_subparsers(dest="command", metavar=_("COMMAND"))

    sub.add_parser("locate", help=_("print where the config and the cache are"))
    sub.add_parser("demo", help=_("open the reader on the bundled demo (no network needed)"))

    f = sub.add_parser("fetch", help=_("refresh feeds into the cache (for cron too)"))
    f.add_argument("--feed", action="append", metavar="URL", help=_("only this feed (repeatable)"))
    f.add_argument("--due", action="store_true", help=_("only feeds whose refresh period passed"))
    f.add_argument("--force", action="store_true", help=_("also feeds backing off after errors"))
    f.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    f.add_argument(
        "--no-fulltext", action="store_true", help=_("do not fetch article pages this time")
    )
    f.add_argument("--concurrency", type=int, metavar="N", help=_("feeds fetched at once"))
    f.add_argument("--opml", metavar=_("FILE"), help=_("import this OPML/urls file first"))

    fe = sub.add_parser("feeds", help=_("add, list or remove feeds"))
    fsub = fe.add_subparsers(dest="feeds_cmd", metavar=_("ACTION"), required=True)
    add = fsub.add_parser("add", help=_("subscribe to a feed"))
    add.add_argument("url", metavar="URL", help=_("the feed's address (http or https)"))
    add.add_argument("--category", metavar=_("NAME"), help=_("put it in this category"))
    add.add_argument("--title", metavar=_("TITLE"), help=_("show it under this title"))
    ls = fsub.add_parser("list", help=_("list feeds with counts and errors"))
    ls.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    rm = fsub.add_parser("remove", help=_("unsubscribe and drop its articles"))
    rm.add_argument("url", metavar="URL", help=_("the feed's address, as `feeds list` shows it"))

    im = sub.add_parser("import", help=_("import OPML or a newsboat urls file"))
    im.add_argument("file", metavar=_("FILE"), help=_("an OPML file or a newsboat urls file"))
    ex = sub.add_parser("export", help=_("write the subscriptions as OPML 2.0"))
    ex.add_argument(
        "file", nargs="?", metavar=_("FILE"), help=_("output file (default: standard output)")
    )

    ar = sub.add_parser("articles", help=_("list cached articles"))
    ar.add_argument("--feed", metavar="URL", help=_("only this feed (its address)"))
    ar.add_argument("--unread", action="store_true", help=_("only unread articles"))
    ar.add_argument(
        "--limit", type=int, default=50, metavar="N", help=_("at most N articles (default: 50)")
    )
    ar.add_argument("--with-body", action="store_true", help=_("include the stored text"))
    ar.add_argument("--json", action="store_true", help=_("print the result as JSON"))

    se = sub.add_parser("search", help=_("search the cache (diacritics optional)"))
    se.add_argument(
        "query",
        metavar=_("QUERY"),
        help=_(
            'words (all must match), "a phrase", -word, feed:NAME, category:NAME, unread, '
            "starred, since:2026-01-31; a leading = keeps diacritics as typed"
        ),
    )
    se.add_argument(
        "--limit", type=int, default=50, metavar="N", help=_("at most N articles (default: 50)")
    )
    se.add_argument("--with-body", action="store_true", help=_("include the stored text"))
    se.add_argument("--json", action="store_true", help=_("print the result as JSON"))

    st = sub.add_parser("stats", help=_("print counts and the cache size"))
    st.add_argument("--json", action="store_true", help=_("print the result as JSON"))

    xt = sub.add_parser("extract", help=_("show the full text tuinews would store for a page"))
    xt.add_argument(
        "source",
        metavar=_("URL|FILE|-"),
        help=_("a page's address, a saved HTML file, or - for standard input"),
    )
    xt.add_argument("--url", help=_("the page's address (for links and site rules)"))
    xt.add_argument(
        "--format",
        choices=("text", "markdown", "json"),
        default="markdown",
        help=_("output format (default: markdown)"),
    )

    ru = sub.add_parser("rules", help=_("scrape rules for sites without a feed"))
    rsub = ru.add_subparsers(dest="rules_cmd", metavar=_("ACTION"), required=True)
    rsub.add_parser("list", help=_("list the bundled rules"))
    rt = rsub.add_parser("test", help=_("show what a rule finds"))
    rt.add_argument(
        "target",
        metavar=_("RULE|URL|FILE"),
        help=_("a bundled rule's name, a listing page's address or a saved HTML file"),
    )
    rt.add_argument("--rule", metavar=_("RULE"), help=_("rule to apply to a URL or FILE"))
    rt.add_argument("--pages", type=int, metavar="N", help=_("listing pages to follow"))
    return p


def _early_language(argv: Sequence[str]) -> None:
    """Pick the language before building the parser, so --help is translated too."""
    config_path: Path | None = None
    for i, a in enumerate(argv):
        if a == "--config" and i + 1 < len(argv):
            config_path = Path(argv[i + 1])
        elif a.startswith("--config="):
            config_path = Path(a.split("=", 1)[1])
    lang: str | None = None
    try:
        from tuinews.config import load_config

        lang = load_config(config_path).language
    except TuinewsError:
        lang = None
    set_language(lang)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    _early_language(argv)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code) if isinstance(exc.code, int) else EXIT_USAGE
    ctx: Context | None = None
    try:
        ctx = Context(args)
        if args.command is None:
            return cmd_app(ctx, sys.stdout)
        return COMMANDS[args.command](ctx, sys.stdout)
    except (UsageError, ConfigError) as exc:
        if args.debug:
            raise
        _err(str(exc))
        return EXIT_USAGE
    except TuinewsError as exc:
        if args.debug:
            raise
        _err(str(exc))
        return EXIT_SOME_FAILED
    except KeyboardInterrupt:
        return 130
    except OSError as exc:
        if args.debug:
            raise
        _err(f"{str(exc.filename) + ': ' if exc.filename else ''}{_os_reason(exc)}")
        return EXIT_SOME_FAILED
    except sqlite3.Error as exc:
        # The store names its own failures (StoreError); this is the net under it.
        if args.debug:
            raise
        _err(_("cache error: {error}", error=str(exc) or type(exc).__name__))
        return EXIT_SOME_FAILED
    finally:
        if ctx is not None:
            try:
                ctx.close()
            except Exception as exc:  # noqa: BLE001 - closing must not turn into a traceback
                if args.debug:
                    raise
                _err(_("closing the cache: {error}", error=str(exc)))
