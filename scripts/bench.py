#!/usr/bin/env python3
"""tuinews against newsboat on the generated corpus of ../shared/bench (issue 8).

    python3 scripts/bench.py [--feeds 500,2000] [--runs 3] [--big-runs 1] [--quick]
                             [--no-newsboat] [--work DIR] [--port 8931]

Uses the harness in the bench directory (``$BENCH_DIR``, default ``../shared/bench`` next to
the repository) as it is: ``gen_feeds.py`` makes (or the script reuses) the corpus,
``serve.sh`` serves it with nginx on 127.0.0.1, ``timeruns.py --vs`` times tuinews and
newsboat in turn (A, B, A, B, ...: the ratio stays meaningful on a noisy machine) and
``tui_first_screen.py`` times the first painted screen through tmux. Everything it makes
(corpora, caches, raw results) goes to the work directory (``--work``, else ``$BENCH_WORK``,
else ``../bench-work`` next to the repository), never into the repository.

For each N of ``--feeds``: first fetch (empty cache), unchanged refetch (all 304; newsboat
2.21 sends no conditional GET on its second fetch, so its steady state, the third fetch and
later, is what is timed), changed refetch (``gen_feeds.py --advance 5 --advance-fraction 0.1``
in a separate corpus directory, served instead of the unchanged one); item counts and HTTP
statuses are checked. On the largest N's cache: launch to first screen (both readers), page
turns and search (in-process, store API; page turns through the real app too), the cost of
opening the store (``stats --json``), and the app's peak memory against a 20-feed cache.
Prints one Markdown table; the raw results are written as JSON under the work directory.

``--quick``: 500 feeds, 1 run, no newsboat first screen. Runs of N >= 2000 use ``--big-runs``
(newsboat takes 4 to 12 minutes per fetch there). Needs nginx, tmux, GNU time (and newsboat
for the comparison): ``apt-get install -y nginx newsboat tmux time sqlite3``.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import math
import os
import platform
import re
import shlex
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CORPUS_PORT = 8931
"""The port the corpus URLs name (gen_feeds.py's default --base-url)."""
CORPUS_BASE = f"http://127.0.0.1:{CORPUS_PORT}"
SEED = "1"
ADVANCE_K = 5
ADVANCE_F = 0.1
PAGE_SIZE = 50
SMALL_FEEDS = 20
INSTALL = "apt-get install -y nginx newsboat tmux time sqlite3"
LOG_LINE = re.compile(r'^\S+ \[[^\]]*\] "[^"]*" (\d{3}) \S+ \S+ ua="([^"]*)"')

T0 = time.monotonic()
OUT: Path | None = None


def log(msg: str) -> None:
    line = f"[{time.strftime('%H:%M:%S')} +{time.monotonic() - T0:6.0f}s] {msg}"
    print(line, file=sys.stderr, flush=True)
    if OUT is not None:
        with open(OUT / "bench.log", "a", encoding="utf-8") as f:
            f.write(line + "\n")


def q(p: object) -> str:
    return shlex.quote(str(p))


def loadavg() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


# -- environment ---------------------------------------------------------------------------


class Bench:
    """Paths, tools and the environment the readers run in."""

    def __init__(self, a: argparse.Namespace) -> None:
        self.a = a
        self.bench_dir = Path(
            a.bench_dir or os.environ.get("BENCH_DIR") or REPO.parent / "shared" / "bench"
        ).resolve()
        self.work = Path(a.work or os.environ.get("BENCH_WORK") or REPO.parent / "bench-work")
        self.work = self.work.resolve()
        venv = REPO / ".venv" / "bin"
        self.tuinews = Path(a.tuinews) if a.tuinews else venv / "tuinews"
        if not self.tuinews.exists() and shutil.which("tuinews"):
            self.tuinews = Path(shutil.which("tuinews") or "tuinews")
        self.python = Path(a.python) if a.python else venv / "python"
        if not self.python.exists():
            self.python = Path(sys.executable)
        self.inproc = Path(__file__).resolve().parent / "bench_inproc.py"
        home = self.work / "home"
        home.mkdir(parents=True, exist_ok=True)
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("XDG_", "TUINEWS_", "LC_")) and k != "LANGUAGE"
        }
        env.update(HOME=str(home), LANG="C.UTF-8", TERM=env.get("TERM", "xterm-256color"))
        self.env = env
        self.newsboat: str | None = None
        self.commit: str | None = None

    def tool(self, name: str) -> Path:
        return self.bench_dir / name

    def check_tools(self) -> None:
        missing = []
        for f in ("gen_feeds.py", "serve.sh", "timeruns.py", "tui_first_screen.py"):
            if not self.tool(f).exists():
                sys.exit(f"bench harness not found: {self.tool(f)} (set BENCH_DIR or --bench-dir)")
        if not self.tuinews.exists():
            sys.exit(f"tuinews not found at {self.tuinews} (run scripts/bootstrap, or --tuinews)")
        if not (shutil.which("nginx") or Path("/usr/sbin/nginx").exists()):
            missing.append("nginx")
        if not shutil.which("tmux"):
            missing.append("tmux")
        if not os.access("/usr/bin/time", os.X_OK):
            missing.append("time (/usr/bin/time)")
        if missing:
            sys.exit(f"missing: {', '.join(missing)}. Install (Debian/Ubuntu): {INSTALL}")
        nb = shutil.which("newsboat")
        if nb and not self.a.no_newsboat:
            self.newsboat = nb
        elif not nb and not self.a.no_newsboat:
            log(f"newsboat is not installed: measuring tuinews alone (install: {INSTALL})")

    def versions(self) -> dict[str, str]:
        def out(cmd: list[str]) -> str:
            try:
                p = subprocess.run(cmd, capture_output=True, text=True, env=self.env, timeout=60)
            except (OSError, subprocess.TimeoutExpired) as exc:
                return f"? ({exc})"
            return (
                (p.stdout + p.stderr).strip().splitlines()[0]
                if (p.stdout + p.stderr).strip()
                else "?"
            )

        v = {
            "tuinews": out([str(self.tuinews), "--version"]),
            "python (tuinews)": out([str(self.python), "--version"]),
            "textual": out([str(self.python), "-c", "import textual; print(textual.__version__)"]),
            "nginx": out([shutil.which("nginx") or "/usr/sbin/nginx", "-v"]),
            "tmux": out(["tmux", "-V"]),
        }
        if self.newsboat:
            v["newsboat"] = out([self.newsboat, "--version"])
        if self.commit:
            v["tuinews commit"] = (
                subprocess.run(
                    ["git", "-C", str(REPO), "log", "-1", "--format=%h %s", self.commit],
                    capture_output=True,
                    text=True,
                ).stdout.strip()[:80]
                + " (snapshot, --commit)"
            )
            return v
        try:
            git = subprocess.run(
                ["git", "-C", str(REPO), "log", "-1", "--format=%h %s"],
                capture_output=True,
                text=True,
                timeout=30,
            ).stdout.strip()
            dirty = subprocess.run(
                ["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no"],
                capture_output=True,
                text=True,
                timeout=30,
            ).stdout.strip()
            v["tuinews commit"] = git[:80] + (" (+ uncommitted changes)" if dirty else "")
        except (OSError, subprocess.TimeoutExpired):
            pass
        return v


def snapshot(b: Bench, ref: str) -> str:
    """Export ``ref``'s src/ into the work dir (read-only for the repository) and make every
    tuinews run use it (PYTHONPATH comes before the editable install's path)."""
    sha = subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--verify", ref + "^{commit}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    dest = b.work / f"code-{sha[:12]}"
    if not (dest / "src" / "tuinews" / "__init__.py").exists():
        part = b.work / f"code-{sha[:12]}.partial"
        shutil.rmtree(part, ignore_errors=True)
        part.mkdir(parents=True)
        arch = subprocess.Popen(
            ["git", "-C", str(REPO), "archive", sha, "src"], stdout=subprocess.PIPE
        )
        subprocess.run(["tar", "-x", "-C", str(part)], stdin=arch.stdout, check=True)
        if arch.wait() != 0:
            raise SystemExit(f"git archive {sha} failed")
        shutil.rmtree(dest, ignore_errors=True)
        part.rename(dest)
    b.env["PYTHONPATH"] = str(dest / "src")
    where = subprocess.run(
        [str(b.python), "-c", "import tuinews; print(tuinews.__file__)"],
        capture_output=True,
        text=True,
        env=b.env,
        check=True,
    ).stdout.strip()
    if not where.startswith(str(dest)):
        raise SystemExit(f"tuinews is imported from {where}, not from the snapshot {dest}")
    log(f"measuring commit {sha[:12]} (snapshot in {dest})")
    return sha


def machine() -> dict[str, Any]:
    cpu = "?"
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "?"
    try:
        for line in open("/proc/meminfo", encoding="utf-8"):
            if line.startswith("MemTotal:"):
                mem = f"{int(line.split()[1]) / 2**20:.1f} GiB"
    except OSError:
        pass
    osname = platform.platform()
    try:
        for line in open("/etc/os-release", encoding="utf-8"):
            if line.startswith("PRETTY_NAME="):
                osname = line.split("=", 1)[1].strip().strip('"') + f", Linux {platform.release()}"
    except OSError:
        pass
    return {"nproc": os.cpu_count(), "cpu": cpu, "ram": mem, "os": osname}


# -- corpus --------------------------------------------------------------------------------


def corpus_meta(d: Path) -> dict[str, Any] | None:
    try:
        meta: dict[str, Any] = json.loads((d / "corpus.json").read_text(encoding="utf-8"))
        return meta
    except (OSError, ValueError):
        return None


def find_corpus(b: Bench, need: int, advance: int) -> Path | None:
    """The smallest complete corpus under the work dir with >= need feeds and our settings."""
    best: tuple[int, Path] | None = None
    for d in b.work.glob("corpus-*"):
        m = corpus_meta(d)
        if not m or not (d / "urls").exists() or not (d / "feeds.opml").exists():
            continue
        ok = (
            str(m.get("seed")) == SEED
            and m.get("base_url") == CORPUS_BASE
            and m.get("now") == "2024-06-01T12:00:00+07:00"
            and m.get("english_fraction") == 0.1
            and m.get("nfd_fraction") == 0.02
            and int(m.get("advance", 0)) == advance
            and (advance == 0 or math.isclose(m.get("advance_fraction", 0), ADVANCE_F))
            and int(m.get("feeds", 0)) >= need
        )
        if ok and (best is None or m["feeds"] < best[0]):
            best = (int(m["feeds"]), d)
    return best[1] if best else None


def make_corpus(b: Bench, feeds: int, advance: int) -> Path:
    found = find_corpus(b, feeds, advance)
    if found:
        log(f"corpus: reusing {found}")
        return found
    name = f"corpus-{feeds}" + (f"-adv{advance}-f{ADVANCE_F:g}" if advance else "")
    final = b.work / name
    part = b.work / (name + ".partial")
    shutil.rmtree(part, ignore_errors=True)
    cmd = [
        sys.executable,
        str(b.tool("gen_feeds.py")),
        "-n",
        str(feeds),
        "-o",
        str(part),
        "--seed",
        SEED,
        "--base-url",
        CORPUS_BASE,
    ]
    if advance:
        cmd += ["--advance", str(advance), "--advance-fraction", str(ADVANCE_F)]
    log(f"corpus: generating {final} ({' '.join(cmd[1:])}); 2,000 feeds take about 2 minutes")
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    if final.exists():
        shutil.rmtree(final)
    part.rename(final)
    return final


def feed_lists(corpus: Path, n: int, port: int, dest: Path) -> tuple[Path, Path, list[str]]:
    """urls (newsboat) and feeds.opml (tuinews) of the first n feeds, pointing at ``port``."""
    base_new = f"http://127.0.0.1:{port}"
    lines = (corpus / "urls").read_text(encoding="utf-8").splitlines()[:n]
    if len(lines) < n:
        raise SystemExit(f"{corpus} has fewer than {n} feeds")
    urls = [ln.split()[0] for ln in lines]
    dest.mkdir(parents=True, exist_ok=True)
    (dest / "urls").write_text(
        "".join(ln.replace(CORPUS_BASE, base_new, 1) + "\n" for ln in lines), encoding="utf-8"
    )
    keep = set(urls)
    tree = ET.parse(corpus / "feeds.opml")
    body = tree.getroot().find("body")
    assert body is not None

    def prune(parent: ET.Element) -> None:
        for child in list(parent):
            url = child.get("xmlUrl")
            if url is not None:
                if url not in keep:
                    parent.remove(child)
                else:
                    child.set("xmlUrl", url.replace(CORPUS_BASE, base_new, 1))
            else:
                prune(child)
                if len(child) == 0:
                    parent.remove(child)

    prune(body)
    opml = dest / "feeds.opml"
    tree.write(opml, encoding="utf-8", xml_declaration=True)
    return dest / "urls", opml, urls


def expected_items(corpus: Path, n: int) -> int:
    m = corpus_meta(corpus)
    assert m is not None
    return sum(int(f["items"]) for f in m["feed_list"][:n])


def changed_feeds(base: Path, adv: Path, n: int) -> int:
    """Feeds among the first n whose file (content or mtime) differs in the advanced corpus."""
    mb, ma = corpus_meta(base), corpus_meta(adv)
    assert mb and ma
    count = 0
    for fb, fa in zip(mb["feed_list"][:n], ma["feed_list"][:n], strict=True):
        pb, pa = base / fb["path"], adv / fa["path"]
        if (
            fb["path"] != fa["path"]
            or int(pb.stat().st_mtime) != int(pa.stat().st_mtime)
            or not filecmp.cmp(pb, pa, shallow=False)
        ):
            count += 1
    return count


# -- server --------------------------------------------------------------------------------


def port_free(port: int) -> bool:
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        s.bind(("127.0.0.1", port))
    except OSError:
        return False
    finally:
        s.close()
    return True


class Server:
    """serve.sh's nginx on 127.0.0.1:port, one corpus directory at a time."""

    def __init__(self, b: Bench, port: int) -> None:
        self.b, self.port = b, port
        self.root: Path | None = None
        self.access_log: Path | None = None

    def sh(self, *args: str) -> str:
        p = subprocess.run(
            ["sh", str(self.b.tool("serve.sh")), *args], capture_output=True, text=True
        )
        if p.returncode != 0:
            raise RuntimeError(f"serve.sh {' '.join(args)}: {(p.stdout + p.stderr).strip()}")
        return p.stdout.strip()

    def start(self, root: Path) -> None:
        self.stop()
        out = self.sh("start", str(root), str(self.port))
        log("server: " + out.splitlines()[0])
        self.root = root
        self.access_log = Path(self.sh("state", str(root), str(self.port))) / "access.log"
        if "nginx" not in out:
            log("WARNING: not nginx (no gzip, no ETag): figures are not comparable")

    def stop(self) -> None:
        if self.root is not None:
            self.sh("stop", str(self.root), str(self.port))
            self.root = None

    def lines(self) -> int:
        if self.access_log is None or not self.access_log.exists():
            return 0
        with open(self.access_log, "rb") as f:
            return sum(1 for _ in f)

    def statuses(self, since: int) -> dict[str, dict[str, int]]:
        """HTTP statuses per client (tuinews / newsboat / other) after line ``since``."""
        out: dict[str, Counter[str]] = {}
        assert self.access_log is not None
        with open(self.access_log, encoding="utf-8", errors="replace") as f:
            for i, line in enumerate(f):
                if i < since:
                    continue
                m = LOG_LINE.match(line)
                if not m:
                    continue
                ua = m.group(2).lower()
                who = "tuinews" if "tuinews" in ua else "newsboat" if "newsboat" in ua else "other"
                out.setdefault(who, Counter())[m.group(1)] += 1
        return {k: dict(sorted(v.items())) for k, v in out.items()}


# -- measurements ---------------------------------------------------------------------------


def summarize_runs(runs: list[dict[str, Any]]) -> dict[str, Any]:
    def med(key: str, scale: float = 1.0) -> dict[str, float] | None:
        v = [r[key] * scale for r in runs if key in r]
        if not v:
            return None
        return {"median": statistics.median(v), "min": min(v), "max": max(v)}

    return {
        "runs": len(runs),
        "exit_codes": sorted({int(r["rc"]) for r in runs}),
        "wall_s": med("outer_wall"),
        "cpu_s": med("cpu"),
        "peak_rss_mib": med("maxrss_kb", 1 / 1024),
    }


def pair_ratios(ra: list[dict[str, Any]], rb: list[dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, name in (("outer_wall", "wall"), ("cpu", "cpu"), ("maxrss_kb", "peak_rss")):
        v = [a[key] / b[key] for a, b in zip(ra, rb, strict=False) if b.get(key) and key in a]
        if v:
            out[name] = {"median": statistics.median(v), "min": min(v), "max": max(v), "pairs": v}
    return out


class Runner:
    def __init__(self, b: Bench, server: Server, out: Path) -> None:
        self.b, self.server, self.out = b, server, out
        self.results: dict[str, Any] = {"series": {}, "checks": [], "notes": []}
        self.commands: list[tuple[str, list[str]]] = []

    def check(self, ok: bool, what: str) -> bool:
        self.results["checks"].append({"ok": ok, "what": what})
        log(("check ok: " if ok else "CHECK FAILED: ") + what)
        return ok

    def save(self) -> None:
        self.results["commands"] = self.commands
        (self.out / "results.json").write_text(
            json.dumps(self.results, ensure_ascii=False, indent=1, default=str), encoding="utf-8"
        )

    def series(
        self,
        name: str,
        cmd_a: list[str],
        *,
        cmd_b: list[str] | None = None,
        runs: int,
        warmup: int,
        setup: str | None = None,
        setup_b: str | None = None,
        cwd: Path,
    ) -> dict[str, Any]:
        """timeruns.py, alternating A (tuinews) and B (newsboat) when B is given."""
        jfile = self.out / f"{name}.json"
        jfile.unlink(missing_ok=True)
        cmd = [
            sys.executable,
            str(self.b.tool("timeruns.py")),
            "-n",
            str(runs),
            "--warmup",
            str(warmup),
            "--json",
            str(jfile),
            "--label",
            name,
            "--keep-output",
            str(self.out / f"{name}.output"),
        ]
        if setup:
            cmd += ["--setup", setup]
        if cmd_b:
            cmd += ["--vs", shlex.join(cmd_b)]
            if setup_b:
                cmd += ["--setup-b", setup_b]
        cmd += ["--", *cmd_a]
        shown = [f"cd {cwd}"]
        if setup:
            shown.append(f"  setup A (untimed): {setup}")
        shown.append(f"  A: {shlex.join(cmd_a)}")
        if cmd_b:
            if setup_b:
                shown.append(f"  setup B (untimed): {setup_b}")
            shown.append(f"  B: {shlex.join(cmd_b)}")
        shown.append(
            f"  timer: timeruns.py -n {runs} --warmup {warmup}" + (" --vs B" if cmd_b else "")
        )
        self.commands.append((name, shown))
        n0 = self.server.lines()
        load0 = loadavg()
        log(
            f"series {name}: {runs} run(s) + {warmup} warm-up"
            + (", alternating with newsboat" if cmd_b else "")
            + f"; load {load0}"
        )
        t0 = time.monotonic()
        p = subprocess.run(cmd, cwd=cwd, env=self.b.env, capture_output=True, text=True)
        took = time.monotonic() - t0
        (self.out / f"{name}.txt").write_text(p.stdout + p.stderr, encoding="utf-8")
        if p.returncode != 0 or not jfile.exists():
            raise RuntimeError(f"timeruns failed for {name}: {p.stderr.strip()[-2000:]}")
        rec = json.loads(jfile.read_text(encoding="utf-8").strip().splitlines()[-1])
        for r in rec["runs"] + rec["runs_b"]:
            r.pop("time_v", None)
        res: dict[str, Any] = {
            "name": name,
            "runs": runs,
            "warmup": warmup,
            "a": summarize_runs(rec["runs"]),
            "a_runs": rec["runs"],
            "load_before": load0,
            "load_after": loadavg(),
            "seconds": took,
            "statuses": self.server.statuses(n0),
        }
        if cmd_b:
            res["b"] = summarize_runs(rec["runs_b"])
            res["b_runs"] = rec["runs_b"]
            res["ratio"] = pair_ratios(rec["runs"], rec["runs_b"])
        w = res["a"]["wall_s"]["median"]
        msg = f"series {name}: A median {w:.2f} s"
        if cmd_b:
            msg += (
                f", B median {res['b']['wall_s']['median']:.2f} s, "
                f"ratio {res['ratio']['wall']['median']:.3f}"
            )
        log(msg + f"; statuses {res['statuses']}; load after {res['load_after']}")
        for side in ("a", "b"):
            if side in res and res[side]["exit_codes"] != [0]:
                self.check(
                    False,
                    f"{name}: {'tuinews' if side == 'a' else 'newsboat'} exit codes "
                    f"{res[side]['exit_codes']} (output: {self.out / (name + '.output')})",
                )
        self.results["series"][name] = res
        self.save()
        return res

    def check_statuses(self, res: dict[str, Any], who: str, per_run: dict[str, int]) -> None:
        total = res["runs"] + res["warmup"]
        want = {k: v * total for k, v in per_run.items() if v}
        got = res["statuses"].get(who, {})
        self.check(
            got == want,
            f"{res['name']}: {who} HTTP statuses {got} "
            f"(expected {want}: {total} run(s) x {per_run})",
        )


# -- per-reader helpers -------------------------------------------------------------------


def tn_articles(b: Bench, data: Path) -> int:
    p = subprocess.run(
        [str(b.tuinews), "--data-dir", str(data), "stats", "--json"],
        capture_output=True,
        text=True,
        env=b.env,
        check=True,
    )
    return int(json.loads(p.stdout)["articles"])


def nb_items(cache: Path) -> tuple[int, int]:
    """(items, feeds having an ETag or Last-Modified) in a newsboat cache."""
    con = sqlite3.connect(f"file:{cache}?mode=ro", uri=True)
    try:
        items = con.execute("select count(*) from rss_item").fetchone()[0]
        validators = con.execute(
            "select count(*) from rss_feed where etag != '' or lastmodified > 0"
        ).fetchone()[0]
    finally:
        con.close()
    return int(items), int(validators)


def dir_bytes(d: Path) -> int:
    return sum(p.stat().st_size for p in d.rglob("*") if p.is_file())


def proc_tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for tid in os.listdir(f"/proc/{p}/task"):
                try:
                    with open(f"/proc/{p}/task/{tid}/children", encoding="ascii") as f:
                        todo += [int(c) for c in f.read().split()]
                except OSError:
                    pass
        except OSError:
            pass
    return out


def proc_status(pid: int) -> dict[str, int]:
    out: dict[str, int] = {}
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith(("VmRSS:", "VmHWM:")):
                    out[line.split(":")[0]] = int(line.split()[1])
    except OSError:
        pass
    return out


def proc_pss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def sampled_run(
    cmd: list[str], cwd: Path, env: dict[str, str], stdout_path: Path
) -> dict[str, Any]:
    """Run cmd, sampling its process tree every 50 ms: peak of the summed RSS / PSS of all
    its processes, each process's own peak (VmHWM), and wait4's ru_maxrss (the largest
    single process among the command and the children it reaped: what /usr/bin/time -v
    reports as "Maximum resident set size")."""
    with open(stdout_path, "wb") as out, open(stdout_path.with_suffix(".stderr"), "wb") as err:
        t0 = time.monotonic()
        p = subprocess.Popen(
            cmd, cwd=cwd, env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL
        )
        peak_rss = peak_pss = 0
        hwm: dict[int, int] = {}
        most = 0
        samples = 0
        while True:
            pid, status, ru = os.wait4(p.pid, os.WNOHANG)
            if pid:
                break
            pids = proc_tree(p.pid)
            rss = pss = 0
            for q_ in pids:
                st = proc_status(q_)
                rss += st.get("VmRSS", 0)
                pss += proc_pss(q_)
                if "VmHWM" in st:
                    hwm[q_] = max(hwm.get(q_, 0), st["VmHWM"])
            peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
            most = max(most, len(pids))
            samples += 1
            time.sleep(0.05)
        p.returncode = os.waitstatus_to_exitcode(status)
    return {
        "wall_s": time.monotonic() - t0,
        "rc": p.returncode,
        "samples": samples,
        "max_processes": most,
        "peak_sum_rss_mib": peak_rss / 1024,
        "peak_sum_pss_mib": peak_pss / 1024,
        "sum_of_process_peaks_mib": sum(hwm.values()) / 1024,
        "largest_process_peak_mib": max(hwm.values(), default=0) / 1024,
        "wait4_maxrss_mib": ru.ru_maxrss / 1024,
    }


class Tmux:
    """A private tmux server for the app-memory measurement."""

    count = 0

    def __init__(self, env: dict[str, str]) -> None:
        self.env = env
        Tmux.count += 1
        self.base = ["tmux", "-L", f"bench-mem-{os.getpid()}-{Tmux.count}", "-f", "/dev/null"]
        self.t("new-session", "-d", "-s", "keeper", "-x", "120", "-y", "40", "sleep 86400")
        self.t("set-option", "-g", "remain-on-exit", "on")
        self.t("set-option", "-g", "status", "off")
        self.t("set-option", "-g", "default-terminal", "tmux-256color")
        self.server_pid = int(self.t("display-message", "-p", "-t", "keeper", "#{pid}").strip())
        self.socket = self.t("display-message", "-p", "-t", "keeper", "#{socket_path}").strip()

    def t(self, *args: str, check: bool = True) -> str:
        p = subprocess.run(self.base + list(args), capture_output=True, text=True, env=self.env)
        if check and p.returncode != 0:
            raise RuntimeError(f"tmux {' '.join(args)}: {p.stderr.strip()}")
        return p.stdout

    def wait(self, name: str, rx: str, timeout: float) -> re.Match[str]:
        t0 = time.monotonic()
        screen = ""
        while time.monotonic() - t0 < timeout:
            screen = self.t("capture-pane", "-p", "-t", name, check=False)
            m = re.search(rx, screen)
            if m:
                return m
            time.sleep(0.05)
        raise RuntimeError(f"/{rx}/ not on the screen after {timeout} s:\n{screen}")

    def close(self) -> None:
        subprocess.run(self.base + ["kill-server"], capture_output=True, env=self.env)
        for _ in range(100):
            try:
                os.kill(self.server_pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.05)
        if self.socket.startswith("/") and os.path.exists(self.socket):
            os.unlink(self.socket)


def app_memory(b: Bench, cfg: Path, data: Path, runs: int) -> dict[str, Any]:
    """Open the TUI in tmux, wait for the first screen, turn pages (] x3, G, g), then read
    VmHWM (peak RSS) of the app's process before quitting."""
    tm = Tmux(b.env)
    res: list[dict[str, Any]] = []
    try:
        for i in range(runs):
            name = f"m{i}"
            cmd = f"exec {q(b.tuinews)} --config {q(cfg)} --data-dir {q(data)}"
            tm.t("new-session", "-d", "-s", name, "-x", "120", "-y", "40", cmd)
            m = tm.wait(name, r"page 1/(\d+)", 120)
            last = int(m.group(1))
            pid = int(tm.t("display-message", "-p", "-t", name, "#{pane_pid}").strip())
            for k in range(2, min(last, 4) + 1):
                tm.t("send-keys", "-t", name, "]")
                tm.wait(name, rf"\b{k}/{last}\b", 30)
            tm.t("send-keys", "-t", name, "G")
            tm.wait(name, rf"\b{last}/{last}\b", 30)
            tm.t("send-keys", "-t", name, "g")
            tm.wait(name, rf"\b1/{last}\b", 30)
            time.sleep(0.5)
            tree = proc_tree(pid)
            sts = {p: proc_status(p) for p in tree}
            with open(f"/proc/{pid}/comm", encoding="utf-8") as f:
                comm = f.read().strip()
            r = {
                "comm": comm,
                "processes": len(tree),
                "vmhwm_mib": sts[pid].get("VmHWM", 0) / 1024,
                "vmrss_mib": sts[pid].get("VmRSS", 0) / 1024,
                "tree_vmhwm_sum_mib": sum(s.get("VmHWM", 0) for s in sts.values()) / 1024,
                "pages": last,
            }
            tm.t("send-keys", "-t", name, "q")
            t0 = time.monotonic()
            while time.monotonic() - t0 < 30:
                if (
                    tm.t("display-message", "-p", "-t", name, "#{pane_dead}", check=False).strip()
                    == "1"
                ):
                    break
                time.sleep(0.05)
            tm.t("kill-session", "-t", name, check=False)
            res.append(r)
    finally:
        tm.close()
    v = [r["vmhwm_mib"] for r in res]
    return {"runs": res, "median_mib": statistics.median(v), "min_mib": min(v), "max_mib": max(v)}


def inproc(b: Bench, *args: str) -> dict[str, Any]:
    p = subprocess.run(
        [str(b.python), str(b.inproc), *args], capture_output=True, text=True, env=b.env
    )
    if p.returncode != 0:
        raise RuntimeError(f"bench_inproc {' '.join(args)}: {p.stderr.strip()[-3000:]}")
    out: dict[str, Any] = json.loads(p.stdout)
    return out


# -- the benchmark --------------------------------------------------------------------------


def write_configs(b: Bench, d: Path) -> tuple[Path, Path]:
    c = b.a.concurrency
    cfg = d / "tuinews.toml"
    cfg.write_text(
        "# written by scripts/bench.py\n"
        'language = "en"\n'
        f"concurrency = {c}\n"
        f"per_host = {c}              # one loopback host serves every feed\n"
        'fulltext = "never"          # the corpus links point to pages the server does not serve\n'
        f"page_size = {PAGE_SIZE}\n"
        "refresh_minutes = 43200     # no background refresh while the TUI is measured\n",
        encoding="utf-8",
    )
    nbcfg = d / f"newsboat-t{b.a.nb_threads}.conf"
    nbcfg.write_text(f"reload-threads {b.a.nb_threads}\n", encoding="utf-8")
    return cfg, nbcfg


def bench_n(
    r: Runner, n: int, base: Path, adv: Path, port: int, runs: int, warm: int
) -> dict[str, Any]:
    b = r.b
    d = b.work / f"run-{n}"
    d.mkdir(parents=True, exist_ok=True)
    urls, opml, _ = feed_lists(base, n, port, d)
    cfg, nbcfg = write_configs(b, d)
    tn, tn_steady = d / "tn-data", d / "tn-steady"
    nbc, nb_steady = d / "cache.db", d / "cache-steady.db"
    want = expected_items(base, n)
    n_changed = changed_feeds(base, adv, n)
    info: dict[str, Any] = {"feeds": n, "items": want, "changed_feeds": n_changed, "dir": str(d)}
    r.results.setdefault("n", {})[str(n)] = info
    tn_cmd = [str(b.tuinews), "--config", str(cfg), "--data-dir", str(tn), "fetch"]
    nb_cmd = (
        [b.newsboat, "-u", str(urls), "-c", str(nbc), "-C", str(nbcfg), "-x", "reload"]
        if b.newsboat
        else None
    )

    # (a) first fetch, empty cache
    res = r.series(
        f"first-N{n}",
        tn_cmd + ["--opml", str(opml)],
        cmd_b=nb_cmd,
        runs=runs,
        warmup=warm,
        setup=f"rm -rf {q(tn)}",
        setup_b=f"rm -f {q(nbc)} {q(nbc)}.lock" if nb_cmd else None,
        cwd=d,
    )
    r.check_statuses(res, "tuinews", {"200": n})
    got = tn_articles(b, tn)
    r.check(got == want, f"first-N{n}: tuinews stored {got} articles (corpus: {want})")
    if nb_cmd:
        r.check_statuses(res, "newsboat", {"200": n})
        got_nb, _ = nb_items(nbc)
        r.check(got_nb == want, f"first-N{n}: newsboat stored {got_nb} items (corpus: {want})")
    # memory of every process of a first fetch (untimed extra run, sampled)
    log(f"first-N{n}: one more tuinews first fetch, sampling the memory of all its processes")
    shutil.rmtree(tn, ignore_errors=True)
    mem = sampled_run(
        tn_cmd + ["--opml", str(opml), "--json"], d, b.env, r.out / f"first-N{n}-sampled.json"
    )
    try:
        report = json.loads((r.out / f"first-N{n}-sampled.json").read_text(encoding="utf-8"))
        by_status = Counter(f.get("status") for f in report.get("feeds", []))
        mem["feed_statuses"] = dict(by_status)
        mem["reported_seconds"] = report.get("seconds")
        bad = [f for f in report.get("feeds", []) if f.get("error")]
        r.check(
            not bad,
            f"first-N{n} (sampled run): tuinews feed statuses {dict(by_status)}"
            + (f"; first error: {bad[0]['url']}: {bad[0]['error']}" if bad else ""),
        )
    except (OSError, ValueError) as exc:
        r.check(False, f"first-N{n} (sampled run): no JSON report ({exc})")
    r.check(mem["rc"] == 0, f"first-N{n} (sampled run): exit code {mem['rc']}")
    got = tn_articles(b, tn)
    r.check(
        got == want, f"first-N{n} (sampled run): tuinews stored {got} articles (corpus: {want})"
    )
    info["fetch_memory"] = mem
    log(
        f"first-N{n} memory: "
        + json.dumps({k: round(v, 1) if isinstance(v, float) else v for k, v in mem.items()})
    )
    r.save()

    # (b) unchanged refetch: newsboat's second fetch re-downloads (no conditional GET in
    # 2.21), so it is run once first; its third and later fetches are the steady state
    if nb_cmd:
        res2 = r.series(f"nb-second-N{n}", nb_cmd, runs=1, warmup=0, cwd=d)
        r.check_statuses(res2, "newsboat", {"200": n})
        _, validators = nb_items(nbc)
        if validators < n:
            log(f"newsboat has validators for {validators}/{n} feeds: one more reload (untimed)")
            subprocess.run(
                nb_cmd, cwd=d, env=b.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
    res = r.series(f"unchanged-N{n}", tn_cmd, cmd_b=nb_cmd, runs=runs, warmup=warm, cwd=d)
    r.check_statuses(res, "tuinews", {"304": n})
    got = tn_articles(b, tn)
    r.check(got == want, f"unchanged-N{n}: tuinews has {got} articles (corpus: {want})")
    if nb_cmd:
        r.check_statuses(res, "newsboat", {"304": n})
        got_nb, _ = nb_items(nbc)
        r.check(got_nb == want, f"unchanged-N{n}: newsboat has {got_nb} items (corpus: {want})")
    shutil.rmtree(tn_steady, ignore_errors=True)
    subprocess.run(["cp", "-a", str(tn), str(tn_steady)], check=True)
    info["tuinews_cache_bytes"] = dir_bytes(tn_steady)
    if nb_cmd:
        shutil.copyfile(nbc, nb_steady)
        info["newsboat_cache_bytes"] = nb_steady.stat().st_size

    # (c) changed refetch: the advanced corpus is served instead; every run starts from a
    # copy of the steady cache (the copy is not timed)
    r.server.start(adv)
    try:
        res = r.series(
            f"changed-N{n}",
            tn_cmd,
            cmd_b=nb_cmd,
            runs=runs,
            warmup=0,
            setup=f"rm -rf {q(tn)} && cp -a {q(tn_steady)} {q(tn)} && sync {q(tn)}/*",
            setup_b=f"rm -f {q(nbc)}.lock && cp {q(nb_steady)} {q(nbc)} && sync {q(nbc)}"
            if nb_cmd
            else None,
            cwd=d,
        )
    finally:
        r.server.start(base)
    per_run = {"200": n_changed, "304": n - n_changed}
    want_c = want + ADVANCE_K * n_changed
    r.check_statuses(res, "tuinews", per_run)
    got = tn_articles(b, tn)
    r.check(
        got == want_c,
        f"changed-N{n}: tuinews has {got} articles "
        f"(expected {want} + {ADVANCE_K} x {n_changed} = {want_c})",
    )
    if nb_cmd:
        r.check_statuses(res, "newsboat", per_run)
        got_nb, _ = nb_items(nbc)
        r.check(got_nb == want_c, f"changed-N{n}: newsboat has {got_nb} items (expected {want_c})")
    r.save()
    return info


def bench_cache(r: Runner, n: int, base: Path, port: int, quick: bool) -> None:
    """First screen, page turns, search, store open and app memory on the n-feed cache."""
    b = r.b
    d = b.work / f"run-{n}"
    cfg = d / "tuinews.toml"
    tui = d / "tn-tui"
    shutil.rmtree(tui, ignore_errors=True)
    subprocess.run(["cp", "-a", str(d / "tn-steady"), str(tui)], check=True)
    db = tui / "tuinews.db"
    c: dict[str, Any] = {"feeds": n}
    r.results["cache"] = c
    first = inproc(b, "first", str(db), "--page-size", str(PAGE_SIZE))
    c["first_page"] = first

    # launch to first screen, tuinews
    tfs = b.tool("tui_first_screen.py")
    tn_runs = 3 if quick else 5
    screen = r.out / f"tui-first-screen-N{n}-tuinews.txt"
    jf = r.out / f"tui-first-screen-N{n}-tuinews.json"
    jf.unlink(missing_ok=True)
    cmd = [
        sys.executable,
        str(tfs),
        "-n",
        str(tn_runs),
        "--warmup",
        "1",
        "--ready",
        "page 1/",
        "--quit-keys",
        "q",
        "--save-screen",
        str(screen),
        "--json",
        str(jf),
        "--",
        str(b.tuinews),
        "--config",
        str(cfg),
        "--data-dir",
        str(tui),
    ]
    r.commands.append((f"tui-first-screen-N{n} (tuinews)", [f"cd {d}", "  " + shlex.join(cmd[1:])]))
    log(f"first screen, tuinews, {n}-feed cache: {tn_runs} runs + 1 warm-up; load {loadavg()}")
    p = subprocess.run(cmd, cwd=d, env=b.env, capture_output=True, text=True)
    (r.out / f"tui-first-screen-N{n}-tuinews.out").write_text(p.stdout + p.stderr, encoding="utf-8")
    if p.returncode == 0:
        rec = json.loads(jf.read_text(encoding="utf-8").strip().splitlines()[-1])
        v = [x["ready_s"] for x in rec["runs"]]
        c["first_screen_tuinews"] = {
            "median_s": statistics.median(v),
            "min_s": min(v),
            "max_s": max(v),
            "runs": rec["runs"],
            "floor": rec["floor"],
            "all_exited": all(x["exited"] for x in rec["runs"]),
            "load_after": loadavg(),
        }
        log(f"first screen tuinews: median {statistics.median(v):.3f} s")
        text = unicodedata.normalize("NFC", screen.read_text(encoding="utf-8"))
        pager = f"page 1/{first['total_pages']}"
        shown = [t for t in first["titles"] if unicodedata.normalize("NFC", t)[:12] in text]
        r.check(
            pager in text and len(shown) >= 0.7 * len(first["titles"]),
            f"tuinews first screen shows '{pager}' ({pager in text}) and "
            f"{len(shown)}/{len(first['titles'])} of the first headlines of its "
            f"{first['view']} view (saved: {screen})",
        )
        r.check(
            all(x["exited"] for x in rec["runs"]), "tuinews quit with q in every first-screen run"
        )
    else:
        r.check(False, f"tuinews first screen failed: {(p.stdout + p.stderr)[-1500:]}")
    r.save()

    # launch to first screen, newsboat (minutes on the 2,000-feed cache)
    if b.newsboat and not quick:
        nbt = d / "cache-tui.db"
        shutil.copyfile(d / "cache-steady.db", nbt)
        screen = r.out / f"tui-first-screen-N{n}-newsboat.txt"
        jf = r.out / f"tui-first-screen-N{n}-newsboat.json"
        jf.unlink(missing_ok=True)
        cmd = [
            sys.executable,
            str(tfs),
            "-n",
            "1",
            "--warmup",
            "0",
            "--ready",
            r"Your feeds[^\n]*\n +1 ",
            "--quit-keys",
            "Q",
            "--timeout",
            "1500",
            "--quit-timeout",
            "900",
            "--no-floor",
            "--save-screen",
            str(screen),
            "--json",
            str(jf),
            "--",
            b.newsboat,
            "-u",
            str(d / "urls"),
            "-c",
            str(nbt),
            "-C",
            str(d / f"newsboat-t{b.a.nb_threads}.conf"),
        ]
        r.commands.append(
            (f"tui-first-screen-N{n} (newsboat)", [f"cd {d}", "  " + shlex.join(cmd[1:])])
        )
        log(
            f"first screen, newsboat, {n}-feed cache: 1 run (minutes at 2,000 feeds); "
            f"load {loadavg()}"
        )
        p = subprocess.run(cmd, cwd=d, env=b.env, capture_output=True, text=True)
        (r.out / f"tui-first-screen-N{n}-newsboat.out").write_text(
            p.stdout + p.stderr, encoding="utf-8"
        )
        if p.returncode == 0:
            rec = json.loads(jf.read_text(encoding="utf-8").strip().splitlines()[-1])
            v = [x["ready_s"] for x in rec["runs"]]
            c["first_screen_newsboat"] = {
                "median_s": statistics.median(v),
                "min_s": min(v),
                "max_s": max(v),
                "runs": rec["runs"],
                "load_after": loadavg(),
            }
            log(f"first screen newsboat: {statistics.median(v):.1f} s")
            text = screen.read_text(encoding="utf-8")
            rows = len(re.findall(r"^\s+\d+\s", text, re.M))
            r.check(rows >= 20, f"newsboat first screen lists {rows} feed rows (saved: {screen})")
        else:
            r.check(False, f"newsboat first screen failed: {(p.stdout + p.stderr)[-1500:]}")
        nbt.unlink(missing_ok=True)
        r.save()

    # page turns and search, in process (store API)
    log(f"page turns and search in process on the {n}-feed cache; load {loadavg()}")
    c["pages"] = inproc(b, "pages", str(db), "--runs", "20", "--page-size", str(PAGE_SIZE))
    c["search"] = inproc(b, "search", str(db), "--runs", "10")
    try:
        c["app_pages"] = inproc(b, "app", str(cfg), str(tui), "--runs", "10")
    except RuntimeError as exc:
        r.results["notes"].append(f"page turns through the app failed: {exc}")
    r.commands.append(
        (
            f"in-process (N={n})",
            [
                f"  {b.python} {b.inproc} pages {db} --runs 20",
                f"  {b.python} {b.inproc} search {db} --runs 10",
                f"  {b.python} {b.inproc} app {cfg} {tui} --runs 10",
            ],
        )
    )
    r.save()

    # opening the store (README (c))
    r.series(
        f"stats-N{n}",
        [str(b.tuinews), "--config", str(cfg), "--data-dir", str(tui), "stats", "--json"],
        runs=5,
        warmup=1,
        cwd=d,
    )

    # app memory on this cache against a 20-feed cache
    small = b.work / f"run-{SMALL_FEEDS}"
    _, opml20, _ = feed_lists(base, SMALL_FEEDS, port, small)
    cfg20, _ = write_configs(b, small)
    tn20 = small / "tn-data"
    shutil.rmtree(tn20, ignore_errors=True)
    subprocess.run(
        [
            str(b.tuinews),
            "--config",
            str(cfg20),
            "--data-dir",
            str(tn20),
            "fetch",
            "--opml",
            str(opml20),
        ],
        check=True,
        env=b.env,
        stdout=subprocess.DEVNULL,
        cwd=small,
    )
    got = tn_articles(b, tn20)
    want = expected_items(base, SMALL_FEEDS)
    r.check(got == want, f"{SMALL_FEEDS}-feed cache: {got} articles (corpus: {want})")
    mruns = 1 if quick else 3
    log(
        f"app memory: {SMALL_FEEDS}-feed and {n}-feed caches, {mruns} run(s) each; load {loadavg()}"
    )
    try:
        c["app_memory_small"] = app_memory(b, cfg20, tn20, mruns)
        c["app_memory"] = app_memory(b, cfg, tui, mruns)
    except RuntimeError as exc:
        r.check(False, f"app memory: {exc}")
        r.save()
        return
    c["app_memory_small"]["feeds"] = SMALL_FEEDS
    log(
        f"app memory: {c['app_memory']['median_mib']:.1f} MiB vs "
        f"{c['app_memory_small']['median_mib']:.1f} MiB"
    )
    r.commands.append(
        (
            "app memory",
            [
                f"  tmux 120x40: {b.tuinews} --config CFG --data-dir DATA; "
                "wait for 'page 1/'; keys ] ] ] G g; "
                "read VmHWM in /proc/PID/status; q",
                f"  DATA = {tn20} and {tui}",
            ],
        )
    )
    r.save()


# -- the table -------------------------------------------------------------------------------


def f_s(x: float | None) -> str:
    if x is None:
        return "—"
    return f"{x:.3f} s" if x < 10 else f"{x:.1f} s"


def f_ms(x: float | None) -> str:
    return "—" if x is None else f"{x:.1f} ms" if x < 100 else f"{x:.0f} ms"


def f_mib(x: float | None) -> str:
    return "—" if x is None else f"{x:.1f} MiB"


def f_ratio(x: float | None) -> str:
    return "—" if x is None else f"{x:.3f}"


def met(ok: bool | None) -> str:
    return "—" if ok is None else ("yes" if ok else "**NO**")


def table(res: dict[str, Any], ns: list[int]) -> list[str]:
    rows: list[tuple[str, str, str, str, str, str]] = []
    S = res["series"]

    def spread(s: dict[str, Any] | None, key: str, fmt: Callable[[float], str]) -> str:
        if not s or not s.get(key):
            return "—"
        v = s[key]
        if s["runs"] == 1 or v["min"] == v["max"]:
            return fmt(v["median"])
        return f"{fmt(v['median'])} ({fmt(v['min'])}–{fmt(v['max'])})"

    for n in ns:
        info = res["n"].get(str(n), {})
        for kind, label, target in (
            ("first", f"first fetch, {n} feeds, empty cache", 0.5 if n == 500 else None),
            ("unchanged", f"unchanged refetch, {n} feeds (all 304; newsboat: 3rd+ fetch)", 0.1),
            (
                "changed",
                f"changed refetch, {n} feeds "
                f"({info.get('changed_feeds', '?')} feeds with {ADVANCE_K} new items)",
                0.3,
            ),
        ):
            s = S.get(f"{kind}-N{n}")
            if not s:
                continue
            rw = s.get("ratio", {}).get("wall", {}).get("median")
            rows.append(
                (
                    label,
                    spread(s["a"], "wall_s", f_s),
                    spread(s.get("b"), "wall_s", f_s),
                    f_ratio(rw),
                    f"≤ {target}" if target else "— (≤ 0.5 is for 500)",
                    met(rw <= target if (rw is not None and target) else None),
                )
            )
        for kind, label in (
            ("first", "first fetch"),
            ("unchanged", "unchanged refetch"),
            ("changed", "changed refetch"),
        ):
            s = S.get(f"{kind}-N{n}")
            if not s:
                continue
            rm = s.get("ratio", {}).get("peak_rss", {}).get("median")
            rows.append(
                (
                    f"peak RSS, {label}, {n} feeds (largest process)",
                    spread(s["a"], "peak_rss_mib", f_mib),
                    spread(s.get("b"), "peak_rss_mib", f_mib),
                    f_ratio(rm),
                    "≤ 2",
                    met(rm <= 2 if rm is not None else None),
                )
            )
        mem = info.get("fetch_memory")
        s = S.get(f"first-N{n}")
        if mem and s:
            nbm = s.get("b", {}).get("peak_rss_mib", {}).get("median") if s.get("b") else None
            tot = mem["peak_sum_pss_mib"]
            ratio = tot / nbm if nbm else None
            rows.append(
                (
                    f"peak memory, first fetch, {n} feeds, all tuinews processes "
                    f"(sum of PSS, sampled; {mem['max_processes']} processes)",
                    f_mib(tot),
                    f_mib(nbm),
                    f_ratio(ratio),
                    "≤ 2",
                    met(ratio <= 2 if ratio is not None else None),
                )
            )
        if info.get("tuinews_cache_bytes"):
            tb, nb = info.get("tuinews_cache_bytes"), info.get("newsboat_cache_bytes")
            rows.append(
                (
                    f"cache size on disk, {n} feeds ({info['items']:,} articles)",
                    f_mib(tb / 2**20),
                    f_mib(nb / 2**20) if nb else "—",
                    f_ratio(tb / nb) if nb else "—",
                    "—",
                    "—",
                )
            )
    c = res.get("cache")
    if c:
        n = c["feeds"]
        ft, fn = c.get("first_screen_tuinews"), c.get("first_screen_newsboat")
        t = ft["median_s"] if ft else None
        nb = fn["median_s"] if fn else None
        rows.append(
            (
                f"launch to first screen, {n}-feed cache (tmux 120x40)",
                f_s(t)
                + (
                    f" ({f_s(ft['min_s'])}–{f_s(ft['max_s'])})"
                    if ft and len(ft["runs"]) > 1
                    else ""
                ),
                f_s(nb),
                f_ratio(t / nb) if (t and nb) else "—",
                "< 1.5 s",
                met(t < 1.5 if t is not None else None),
            )
        )
        st = S.get(f"stats-N{n}")
        if st:
            rows.append(
                (
                    f"open the store and count (`stats --json`), {n}-feed cache",
                    spread(st["a"], "wall_s", f_s),
                    "—",
                    "—",
                    "—",
                    "—",
                )
            )
        pages = c.get("pages", {})
        pa, pu = pages.get("all", {}), pages.get("unread", {})
        for k, v in pa.items():
            if not isinstance(v, dict):
                continue
            u = pu.get(k) if isinstance(pu.get(k), dict) else None
            worst_med = max(v["median_ms"], u["median_ms"] if u else 0)
            worst = max(v["max_ms"], u["max_ms"] if u else 0)
            rows.append(
                (
                    f"page turn, store API, {k}: All / Unread view "
                    f"(median of {v['runs']}; slowest run {f_ms(worst)})",
                    f"{f_ms(v['median_ms'])} / {f_ms(u['median_ms']) if u else '—'}",
                    "—",
                    "—",
                    "< 30 ms",
                    met(worst_med < 30),
                )
            )
        ap = c.get("app_pages")
        if ap:
            for k, v in ap.items():
                if isinstance(v, dict):
                    rows.append(
                        (
                            f"page turn in the app ({ap['view']} view), {k}: key to new page "
                            f"shown (median of {v['runs']}; max {f_ms(v['max_ms'])})",
                            f_ms(v["median_ms"]),
                            "—",
                            "—",
                            "< 30 ms",
                            met(v["median_ms"] < 30),
                        )
                    )
        sr = c.get("search")
        if sr:
            nq = len(sr["queries"])
            rows.append(
                (
                    f"search, limit 50, median over {nq} queries (each the median of its runs)",
                    f_ms(sr["median_of_medians_ms"]),
                    "—",
                    "—",
                    "< 100 ms",
                    met(sr["median_of_medians_ms"] < 100),
                )
            )
            rows.append(
                (
                    f"search, slowest query ({sr['worst_query']}; "
                    f"its slowest single run {f_ms(sr['worst_single_ms'])})",
                    f_ms(sr["worst_median_ms"]),
                    "—",
                    "—",
                    "< 100 ms",
                    met(sr["worst_median_ms"] < 100),
                )
            )
        am, sm = c.get("app_memory"), c.get("app_memory_small")
        if am:
            rows.append(
                (
                    f"app peak RSS (VmHWM), {n}-feed cache, after ] ] ] G g",
                    f_mib(am["median_mib"]),
                    "—",
                    "—",
                    "< 150 MB",
                    met(am["median_mib"] * 2**20 < 150e6),
                )
            )
        if am and sm:
            ratio = am["median_mib"] / sm["median_mib"]
            rows.append(
                (
                    f"app peak RSS, {n}-feed vs {sm['feeds']}-feed cache "
                    f"({f_mib(sm['median_mib'])}): tuinews/tuinews",
                    f_mib(am["median_mib"]),
                    "—",
                    f_ratio(ratio),
                    "≤ 1.10",
                    met(ratio <= 1.10),
                )
            )
    head = [
        "| measurement | tuinews | newsboat | ratio | target | met? |",
        "|---|---|---|---|---|---|",
    ]
    return head + [f"| {' | '.join(r)} |" for r in rows]


# -- main ---------------------------------------------------------------------------------------


def main() -> int:
    global OUT
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n\n", 1)[1],
    )
    ap.add_argument(
        "--feeds", default="500,2000", help="feed counts, comma-separated (default 500,2000)"
    )
    ap.add_argument("--runs", type=int, default=3, help="timed runs per series (default 3)")
    ap.add_argument(
        "--big-runs",
        type=int,
        default=1,
        help="timed runs per series for N >= 2000, no warm-up (default 1)",
    )
    ap.add_argument(
        "--quick",
        action="store_true",
        help="500 feeds, 1 run, no warm-up, no newsboat first screen",
    )
    ap.add_argument("--no-newsboat", action="store_true", help="measure tuinews alone")
    ap.add_argument("--work", help="work directory (default $BENCH_WORK, else ../bench-work)")
    ap.add_argument("--bench-dir", help="the harness (default $BENCH_DIR, else ../shared/bench)")
    ap.add_argument(
        "--port", type=int, help=f"serve on this port (default {CORPUS_PORT}, or the next free one)"
    )
    ap.add_argument(
        "--concurrency", type=int, default=8, help="tuinews concurrency = per_host (default 8)"
    )
    ap.add_argument("--nb-threads", type=int, default=1, help="newsboat reload-threads (default 1)")
    ap.add_argument(
        "--commit",
        help="measure this commit's code (exported with `git archive` into the work dir and "
        "run with the venv's Python) instead of the working tree, which may change meanwhile",
    )
    ap.add_argument("--tuinews", help="the tuinews command (default .venv/bin/tuinews)")
    ap.add_argument("--python", help="the venv's Python, for the in-process measurements")
    ap.add_argument("--report", metavar="DIR", help="print the report of a finished run again")
    a = ap.parse_args()
    if a.report:
        d = Path(a.report)
        print(print_report(json.loads((d / "results.json").read_text(encoding="utf-8")), d))
        return 0
    ns = [500] if a.quick else sorted({int(x) for x in a.feeds.split(",") if x.strip()})
    runs = 1 if a.quick else a.runs
    started = time.strftime("%Y-%m-%d %H:%M:%S %Z")
    b = Bench(a)
    b.work.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    OUT = b.work / f"results-tuinews-{stamp}"
    OUT.mkdir(parents=True)
    b.check_tools()
    b.env.pop("PYTHONPATH", None)
    if a.commit:
        b.commit = snapshot(b, a.commit)
    argv = "python3 scripts/bench.py " + shlex.join(sys.argv[1:])
    log(f"{argv}; results in {OUT}")

    port = a.port or CORPUS_PORT
    if not port_free(port):
        if a.port:
            sys.exit(f"port {port} on 127.0.0.1 is in use: pick another with --port")
        port = next(p for p in range(CORPUS_PORT + 1, CORPUS_PORT + 100) if port_free(p))
        log(f"port {CORPUS_PORT} is in use (another server): serving on {port} instead")
    if port != CORPUS_PORT:
        log(
            f"the feed lists are rewritten to port {port}; the feeds' own item links keep "
            f"{CORPUS_PORT} (no reader fetches them here)"
        )

    def on_term(signum: int, frame: Any) -> None:
        raise SystemExit(f"signal {signum}")

    signal.signal(signal.SIGTERM, on_term)
    base = make_corpus(b, max(ns + [SMALL_FEEDS]), 0)
    adv = make_corpus(b, max(ns), ADVANCE_K)
    server = Server(b, port)
    r = Runner(b, server, OUT)
    r.results.update(
        started=started,
        command=argv,
        machine=machine(),
        versions=b.versions(),
        port=port,
        corpus=str(base),
        corpus_changed=str(adv),
        load_start=loadavg(),
        feeds=ns,
        runs=runs,
        big_runs=a.big_runs,
        concurrency=a.concurrency,
        nb_threads=a.nb_threads,
        newsboat=bool(b.newsboat),
        work=str(b.work),
        bench_dir=str(b.bench_dir),
    )
    log(f"machine {r.results['machine']}; load {loadavg()}")
    error: BaseException | None = None
    try:
        server.start(base)
        for n in ns:
            big = n >= 2000
            nr = min(runs, a.big_runs) if big else runs
            warm = 0 if (a.quick or big) else 1
            bench_n(r, n, base, adv, port, nr, warm)
        bench_cache(r, max(ns), base, port, a.quick)
    except (Exception, KeyboardInterrupt, SystemExit) as exc:  # report what was measured
        error = exc
        r.results["error"] = repr(exc)
        log(f"STOPPED: {exc!r}")
    finally:
        try:
            server.stop()
        except Exception as exc:  # noqa: BLE001
            log(f"server stop: {exc}")
    r.results["load_end"] = loadavg()
    r.results["total_seconds"] = time.monotonic() - T0
    r.save()
    print(print_report(r.results, OUT))
    return 1 if error else 0


def print_report(res: dict[str, Any], out: Path) -> str:
    """The report (table, notes, checks, commands) of a results dict; also in out/table.md."""
    ns = res["feeds"]
    port = res["port"]
    work, bench_dir = res["work"], res.get("bench_dir", "")
    m = res["machine"]
    lines = [f"## tuinews vs newsboat — {res['started']}", ""]
    lines.append(
        f"Machine: {m['nproc']} CPUs ({m['cpu']}), {m['ram']} RAM, {m['os']}. "
        f"Load average (1/5/15 min): {res['load_start']} at the start, "
        f"{res['load_end']} at the end "
        "(other work shares the machine; see the per-series loads below)."
    )
    lines.append(
        "Versions: "
        + "; ".join(
            v if v.lower().startswith(k.split()[0]) else f"{k} {v}"
            for k, v in res["versions"].items()
        )
        + "."
    )
    lines.append("")
    lines += table(res, ns)
    lines.append("")
    runs_note = ", ".join(
        f"N={n}: {s['runs']} run(s) + {s['warmup']} warm-up"
        for n in ns
        for s in [res["series"].get(f"first-N{n}")]
        if s
    )
    lines += [
        f"Wall times are whole-process medians ({runs_note}; min–max in brackets), tuinews "
        "and newsboat run in turn (A, B, A, B, ...) and the ratio is the median of the "
        "pair-by-pair ratios tuinews/newsboat. Peak RSS is `/usr/bin/time -v`'s maximum "
        "resident set size: the largest single process among the reader and the children it "
        'waited for (not a sum); the "all tuinews processes" row sums the proportional set '
        "size (PSS) of every process of an extra first fetch, sampled every 50 ms.",
        f"Corpus: `gen_feeds.py --seed 1 --base-url {CORPUS_BASE}` ({res['corpus']}), served "
        f"by nginx (`serve.sh`, gzip_static, ETag) on 127.0.0.1:{port}; changed feeds: "
        f"`--advance {ADVANCE_K} --advance-fraction {ADVANCE_F}` ({res['corpus_changed']}), "
        "served instead of the unchanged corpus. "
        f'tuinews: concurrency = per_host = {res["concurrency"]}, `fulltext = "never"` (the '
        "corpus' article links point to pages this server does not serve; newsboat does not "
        f"fetch article pages either); newsboat: `reload-threads {res['nb_threads']}`. "
        "newsboat's unchanged refetch is its steady state (third and later fetches): 2.21 "
        "sends no conditional GET on its second fetch.",
    ]
    for n in ns:
        s = res["series"].get(f"nb-second-N{n}")
        if s:
            lines.append(
                f"newsboat's second fetch (re-downloads everything), {n} feeds: "
                f"{f_s(s['a']['wall_s']['median'])}, "
                f"peak RSS {f_mib(s['a']['peak_rss_mib']['median'])}."
            )
        mem = res.get("n", {}).get(str(n), {}).get("fetch_memory")
        if mem:
            lines.append(
                f"tuinews first fetch, {n} feeds, memory sampled over all processes: up to "
                f"{mem['max_processes']} processes; peak of the summed PSS "
                f"{f_mib(mem['peak_sum_pss_mib'])}, of the summed RSS "
                f"{f_mib(mem['peak_sum_rss_mib'])}; sum of each process's own peak "
                f"{f_mib(mem['sum_of_process_peaks_mib'])}; largest process "
                f"{f_mib(mem['largest_process_peak_mib'])} (wait4 ru_maxrss "
                f"{f_mib(mem['wait4_maxrss_mib'])}); that run took {f_s(mem['wall_s'])}."
            )
    c = res.get("cache")
    if c and c.get("app_memory"):
        lines.append(
            "The app-memory figures: tuinews in tmux 120x40 (`refresh_minutes = 43200` so that no "
            "background refresh runs), first screen, then `] ] ] G g`, VmHWM of its process."
        )
    lines.append("")
    lines.append(
        "Load average (1 min) before/after each series: "
        + "; ".join(
            f"{k} {v['load_before'][0]}/{v['load_after'][0]}" for k, v in res["series"].items()
        )
        + "."
    )
    lines.append("")
    bad = [c_ for c_ in res["checks"] if not c_["ok"]]
    lines.append(
        f"Checks: {len(res['checks']) - len(bad)} of {len(res['checks'])} passed"
        + (":" if bad else ".")
    )
    for c_ in bad:
        lines.append(f"- FAILED: {c_['what']}")
    for note in res["notes"]:
        lines.append(f"- note: {note}")
    if res.get("error"):
        lines.append(f"- STOPPED EARLY: {res['error']}")
    lines += [
        "",
        "Commands:",
        "",
        "```",
        res["command"],
        f"# WORK={work}  BENCH={bench_dir}  REPO={REPO}",
    ]
    for name, shown in res.get("commands", []):
        lines.append(f"# {name}")
        lines += [
            x.replace(work, "$WORK")
            .replace(bench_dir or "\0", "$BENCH")
            .replace(str(REPO), "$REPO")
            for x in shown
        ]
    lines += [
        "```",
        "",
        f"Total {res['total_seconds'] / 60:.1f} min. Raw results: {out}/results.json (and one "
        f".txt/.json/.output per series there).",
    ]
    text = "\n".join(lines)
    (out / "table.md").write_text(text + "\n", encoding="utf-8")
    return text


if __name__ == "__main__":
    sys.exit(main())
