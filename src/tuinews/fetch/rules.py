"""Bundled scrape rules and the ``tuinews rules list|test`` command.

The rules are data, not code: ``rules/bundled.toml`` next to this module holds one table per
rule (its name is the table's key), checked with the same key set as an inline rule of the
config (:func:`tuinews.fetch.scrape.check_rule`). Each is tested against a saved copy of its
listing page.

``tuinews rules test TARGET`` shows what a rule finds, so a user can write and fix one in
minutes. TARGET is

* a bundled rule's name: its listing is fetched live and its pagination followed;
* a URL: fetched live with ``--rule`` (or the bundled rule for the URL's host);
* a saved HTML file: parsed offline with ``--rule`` (or the bundled rule for the host of the
  page's own canonical / ``og:url`` address).

``--rule`` names a bundled rule, a TOML or JSON file holding one rule, or (for the real
command line) a scrape feed of the config by title or URL. Everything printed passes
:func:`~tuinews.text.sanitize.clean_line`: page text is untrusted.
"""

from __future__ import annotations

import asyncio
import functools
import json
import re
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlsplit

from tuinews.config import check_url
from tuinews.errors import ConfigError, FetchError
from tuinews.i18n import _
from tuinews.text.sanitize import clean_line

__all__ = ["bundled_rule", "bundled_rules", "rule_for_url", "rules_command"]

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2

BUNDLED_FILE = "bundled.toml"
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class _UsageError(Exception):
    """Arguments that do not name a usable rule or target (exit 2)."""


# -- the bundled rules ------------------------------------------------------------------------


@functools.cache
def _load_bundled() -> dict[str, dict[str, Any]]:
    from tuinews.fetch.scrape import check_rule

    source = resources.files("tuinews.fetch").joinpath("rules", BUNDLED_FILE)
    where = f"tuinews/fetch/rules/{BUNDLED_FILE}"
    try:
        data = tomllib.loads(source.read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(
            _("cannot read the bundled rules: {error}", error=exc), file=where
        ) from exc
    rules: dict[str, dict[str, Any]] = {}
    for name, rule in data.items():
        if not _NAME.match(name):
            raise ConfigError(
                _("rule names are lower-case letters, digits and hyphens"), file=where, key=name
            )
        try:
            # Selectors are compiled by the scrape and by the tests, not on every config load.
            what = _("rule {name}", name=repr(name))
            rules[name] = check_rule(rule, what=what, selectors=False)
        except ValueError as exc:
            raise ConfigError(str(exc), file=where, key=name) from None
    return rules


def bundled_rules() -> dict[str, dict[str, Any]]:
    """Every bundled rule by name, sorted by name (fresh copies: callers may change them).

    Raises:
        ConfigError: the bundled file is broken (a packaging bug; the tests catch it).
    """
    return {name: dict(rule) for name, rule in sorted(_load_bundled().items())}


def bundled_rule(name: str) -> dict[str, Any] | None:
    """The bundled rule called ``name`` (a fresh copy), or None."""
    rule = _load_bundled().get(name.strip())
    return dict(rule) if rule is not None else None


def _site(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def rule_for_url(url: str) -> tuple[str, dict[str, Any]] | None:
    """The bundled rule for a page's site: the one for exactly this URL, else the first (by
    name) whose listing is on the same host (``www.`` ignored)."""
    rules = bundled_rules()
    for name, rule in rules.items():
        if _same_listing(rule["url"], url):
            return name, rule
    site = _site(url)
    for name, rule in rules.items():
        if site and _site(rule["url"]) == site:
            return name, rule
    return None


# -- output -----------------------------------------------------------------------------------


def _c(text: object, max_len: int = 400) -> str:
    """Untrusted text (from a page, a file, a server) made safe for one line."""
    return clean_line(str(text), max_len=max_len)


def _say(out: TextIO, line: str = "") -> None:
    """Write a line whose untrusted parts already went through :func:`_c`.

    The line is composed here from our own literals (indents, columns) around cleaned parts;
    cleaning the whole again would collapse the column padding.
    """
    print(line, file=out)


def _list(out: TextIO) -> int:
    rules = bundled_rules()
    width = max((len(n) for n in rules), default=4)
    for name, rule in rules.items():
        site = _c(_site(rule["url"]), 60)
        _say(out, f"{_c(name, 80):<{width}}  {site:<18}  {_c(rule.get('name', ''))}")
        _say(out, " " * (width + 2) + _c(rule["url"], 2000))
    _say(out, _('{n} bundled rules. Use one in the config with scrape = "NAME".', n=len(rules)))
    return EXIT_OK


# -- resolving the arguments ------------------------------------------------------------------


def _is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def _rule_from_file(path: Path) -> dict[str, Any]:
    """A rule from a TOML or JSON file: the rule itself, or a file of named rules (one)."""
    from tuinews.fetch.scrape import check_rule

    try:
        text = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise _UsageError(_("cannot read {path}: {error}", path=path, error=exc)) from None
    try:
        data: Any = json.loads(text) if path.suffix.lower() == ".json" else tomllib.loads(text)
    except (ValueError, tomllib.TOMLDecodeError) as exc:
        kind = path.suffix.lstrip(".") or "TOML"
        raise _UsageError(
            f"{path}: " + _("not valid {kind}: {error}", kind=kind, error=exc)
        ) from None
    if isinstance(data, dict) and "item" not in data:
        tables = [v for v in data.values() if isinstance(v, dict)]
        if len(tables) != 1:
            raise _UsageError(f"{path}: " + _("holds {n} rules; keep one per file", n=len(tables)))
        data = tables[0]
    try:
        return check_rule(data, what=str(path))
    except ValueError as exc:
        raise _UsageError(str(exc)) from None


def _rule_from_config(ctx: Any, wanted: str) -> dict[str, Any] | None:
    """A scrape feed of the user's config, named by its title or URL."""
    config = getattr(ctx, "config", None)
    feeds = getattr(config, "feeds", None)
    if not callable(feeds):
        return None
    for spec in feeds():
        if spec.kind == "scrape" and wanted in (spec.title, spec.url):
            rule: dict[str, Any] = json.loads(spec.scrape)
            return rule
    return None


def _named_rule(ctx: Any, wanted: str) -> tuple[str, dict[str, Any]]:
    """``--rule``: a bundled rule, a rule file, or a scrape feed of the config."""
    rule = bundled_rule(wanted)
    if rule is not None:
        return wanted, rule
    path = Path(wanted)
    if path.suffix.lower() in (".toml", ".json") and path.is_file():
        return path.name, _rule_from_file(path)
    from_config = _rule_from_config(ctx, wanted)
    if from_config is not None:
        return wanted, from_config
    raise _UsageError(
        _(
            "no rule named {name}: give a bundled rule (`tuinews rules list`), a .toml or "
            ".json rule file, or the title of a scrape feed in the config",
            name=repr(wanted),
        )
    )


def _same_listing(a: str, b: str) -> bool:
    """Whether two URLs name the same listing (scheme, ``www.`` and a final slash aside)."""
    pa, pb = urlsplit(a), urlsplit(b)
    return (_site(a), pa.path.rstrip("/"), pa.query) == (_site(b), pb.path.rstrip("/"), pb.query)


def _retarget(rule: dict[str, Any], url: str) -> tuple[dict[str, Any], str]:
    """Point a rule at another listing URL of its site; the page template stays behind."""
    if _same_listing(rule["url"], url):
        return rule, ""
    moved = {**rule, "url": url}
    note = ""
    if moved.pop("page_url", None) is not None:
        note = _("the rule's page_url belongs to its own listing: pages are not followed")
    return moved, note


# -- rules test -------------------------------------------------------------------------------


def _vn_iso(dt: Any) -> str:
    from tuinews.fetch.scrape import VN_TIME

    return str(dt.astimezone(VN_TIME).isoformat()) if dt is not None else _("(no date)")


def _report(out: TextIO, result: Any, *, offline: bool) -> int:
    entries = result.entries
    _say(out)
    _say(out, _("Items ({n}):", n=len(entries)))
    for i, e in enumerate(entries, 1):
        _say(out, f"{i:>4}. {_vn_iso(e.published):<25}  {_c(e.title, 300)}")
        _say(out, f"{'':<33}{_c(e.link, 2000)}")
    _say(out)
    _say(out, _("Pages followed ({n}):", n=len(result.pages)))
    for p in result.pages:
        status = (
            _("error: {error}", error=_c(p.error))
            if p.error
            else _("{items} items, {new} new", items=p.items, new=p.new)
        )
        _say(out, f"{p.number:>4}. {_c(p.url, 2000)} — {status}")
    if offline and result.next_url:
        nxt = _("next page (not followed offline): {url}", url=_c(result.next_url, 2000))
        _say(out, f"      {nxt}")
    if result.stop_reason:
        _say(out, "      " + _("stopped: {reason}", reason=_c(result.stop_reason)))
    problems = list(result.problems)
    failure = result.failure()
    if failure is not None and not problems:
        problems.append(failure)
    _say(out)
    _say(out, _("Problems ({n}):", n=len(problems)) if problems else _("Problems: none"))
    for line in problems:
        _say(out, f"  {_c(line, 600)}")
    dated = sum(1 for e in entries if e.published is not None)
    _say(out)
    n_pages, n_problems = len(result.pages), len(problems)
    _say(
        out,
        _(
            "Summary: {items} items ({dated} dated) from {pages}, {problems}.",
            items=len(entries),
            dated=dated,
            pages=(_("{n} page", n=n_pages) if n_pages == 1 else _("{n} pages", n=n_pages)),
            problems=(
                _("{n} problem", n=n_problems)
                if n_problems == 1
                else _("{n} problems", n=n_problems)
            ),
        ),
    )
    return EXIT_PROBLEMS if not entries or problems or failure else EXIT_OK


def _header(out: TextIO, name: str, rule: dict[str, Any], source: str, note: str = "") -> None:
    label = _c(rule.get("name") or "", 200)
    _say(out, _("Rule {name}", name=_c(name, 200)) + (f" ({label})" if label else ""))
    _say(out, _("Source: {source}", source=_c(source, 2200)))
    if note:
        _say(out, _("Note: {note}", note=_c(note)))


def _test_live(
    ctx: Any, out: TextIO, name: str, rule: dict[str, Any], pages: int | None, note: str = ""
) -> int:
    from tuinews.fetch.client import HostLimiter, make_client
    from tuinews.fetch.scrape import scrape

    _header(out, name, rule, rule["url"], note)
    settings = ctx.settings()

    async def run() -> Any:
        async with make_client(settings) as client:
            return await scrape(
                client, rule, settings, HostLimiter(settings.per_host), max_pages=pages
            )

    try:
        result = asyncio.run(run())
    except FetchError as exc:
        _say(out)
        _say(out, _("error: {error}", error=_c(exc, 600)))
        _say(out, _("Summary: 0 items, the listing could not be read."))
        return EXIT_PROBLEMS
    return _report(out, result, offline=False)


def _test_file(ctx: Any, out: TextIO, path: Path, wanted: str | None) -> int:
    from tuinews.fetch.htmldecode import decode_html
    from tuinews.fetch.scrape import page_canonical_url, scrape_offline

    try:
        body = path.read_bytes()
    except OSError as exc:
        raise _UsageError(
            _("cannot read {path}: {error}", path=path, error=exc.strerror or exc)
        ) from None
    html = decode_html(body, None)
    canonical = page_canonical_url(html)
    if wanted:
        name, rule = _named_rule(ctx, wanted)
    else:
        found = rule_for_url(canonical) if canonical else None
        if found is None:
            where = f"{path} ({canonical})" if canonical else str(path)
            raise _UsageError(_("no bundled rule fits {page}: give --rule NAME", page=where))
        name, rule = found
    if rule.get("encoding"):
        html = decode_html(body, f"text/html; charset={rule['encoding']}")
    if canonical:
        # Links resolve against the page's own address; a page template of the rule's
        # listing says nothing about another listing's next page.
        rule, _note = _retarget(rule, canonical)
    source = (
        _("{path} (saved page of {url})", path=path, url=canonical)
        if canonical
        else _("{path} (saved page)", path=path)
    )
    _header(out, name, rule, source)
    try:
        result = scrape_offline(html, rule, page_url=canonical or rule["url"])
    except ValueError as exc:
        raise _UsageError(str(exc)) from None
    return _report(out, result, offline=True)


def _test(ctx: Any, out: TextIO) -> int:
    args = ctx.args
    target = str(args.target).strip()
    wanted: str | None = getattr(args, "rule", None)
    pages: int | None = getattr(args, "pages", None)
    if pages is not None and not 1 <= pages <= 100:
        raise _UsageError(_("--pages must be from 1 to 100"))
    if _is_url(target):
        try:
            url = check_url(target)
        except ValueError as exc:
            raise _UsageError(str(exc)) from None
        if wanted:
            name, rule = _named_rule(ctx, wanted)
        else:
            found = rule_for_url(url)
            if found is None:
                raise _UsageError(
                    _("no bundled rule for {site}: give --rule NAME", site=_site(url))
                )
            name, rule = found
        rule, note = _retarget(rule, url)
        return _test_live(ctx, out, name, rule, pages, note)
    path = Path(target)
    if path.is_file():
        return _test_file(ctx, out, path, wanted)
    named = bundled_rule(target)
    if named is not None:
        if wanted:
            raise _UsageError(_("--rule goes with a URL or a FILE, not with a rule name"))
        return _test_live(ctx, out, target, named, pages)
    raise _UsageError(
        _(
            "{target} is not a bundled rule (see `tuinews rules list`), a URL or a file",
            target=repr(target),
        )
    )


def rules_command(ctx: Any, out: TextIO) -> int:
    """Run ``tuinews rules list`` or ``tuinews rules test``.

    Args:
        ctx: The CLI context: ``ctx.args`` (``rules_cmd``, ``target``, ``rule``, ``pages``)
            and ``ctx.settings()`` for fetch settings; ``ctx.config`` is used when present.
        out: Where the report goes.

    Returns:
        0 when the rule found items without problems, 1 when it found nothing or had
        problems, 2 for arguments that name no usable rule or target.
    """
    try:
        command = getattr(ctx.args, "rules_cmd", None)
        if command == "list":
            return _list(out)
        if command == "test":
            return _test(ctx, out)
        raise _UsageError(_("usage: tuinews rules list | tuinews rules test RULE|URL|FILE"))
    except _UsageError as exc:
        _say(out, _("error: {error}", error=_c(exc, 600)))
        return EXIT_USAGE
