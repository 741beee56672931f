"""The catalogs: complete, clean, placeholders intact; the CLI in one language at a time."""

from __future__ import annotations

import argparse
import ast
import os
import re
import string
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

import tuinews
from tuinews import i18n
from tuinews.cli import build_parser, main
from tuinews.i18n import _, argparse_catalog, language_from_env, parse_po, set_language

SRC = Path(tuinews.__file__).parent
VI_PO = SRC / "i18n" / "vi.po"
ARGPARSE_PO = SRC / "i18n" / "argparse-vi.po"


def _literal_msgids(path: Path, names: tuple[str, ...]) -> list[tuple[str, int]]:
    """``(msgid, line)`` of every call ``name("literal", …)`` in a Python file."""
    tree = ast.parse(path.read_text("utf-8"), filename=str(path))
    found: list[tuple[str, int]] = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in names
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.append((node.args[0].value, node.lineno))
            if node.func.id == "ngettext" and len(node.args) > 1:
                second = node.args[1]
                if isinstance(second, ast.Constant) and isinstance(second.value, str):
                    found.append((second.value, node.lineno))
    return found


def code_msgids() -> dict[str, str]:
    """Every msgid written in tuinews's code (``_("…")`` and ``N_("…")``) → where it is."""
    out: dict[str, str] = {}
    for path in sorted(SRC.rglob("*.py")):
        for msgid, line in _literal_msgids(path, ("_", "N_")):
            out.setdefault(msgid, f"{path.relative_to(SRC)}:{line}")
    return out


def argparse_msgids() -> set[str]:
    """Every text the running Python's argparse passes through gettext."""
    return {m for m, _line in _literal_msgids(Path(argparse.__file__), ("_", "ngettext"))}


def raw_entries(path: Path) -> list[tuple[str, str]]:
    """``(msgid, msgstr)`` pairs as written, empty translations included, header excluded."""
    pairs: list[tuple[str, str]] = []
    msgid: list[str] | None = None
    msgstr: list[str] | None = None
    current: list[str] = []

    def text(quoted: str) -> str:
        return i18n._unquote(quoted.strip()[1:-1])

    def flush() -> None:
        if msgid is not None and msgstr is not None and "".join(msgid):
            pairs.append(("".join(msgid), "".join(msgstr)))

    for raw in path.read_text("utf-8").splitlines():
        line = raw.strip()
        if line.startswith("msgid "):
            flush()
            msgid, msgstr = [text(line[6:])], None
            current = msgid
        elif line.startswith("msgstr "):
            msgstr = [text(line[7:])]
            current = msgstr
        elif line.startswith('"'):
            current.append(text(line))
    flush()
    return pairs


def _fields(text: str) -> Counter[str]:
    return Counter(name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name)


_PERCENT = re.compile(r"%(?:\(\w+\))?[sdr]")


# -- the catalogs ---------------------------------------------------------------------------------


def test_every_string_in_the_code_is_translated() -> None:
    catalog = parse_po(VI_PO.read_text("utf-8"))
    missing = [
        f"{where}: {msgid!r}" for msgid, where in code_msgids().items() if msgid not in catalog
    ]
    assert missing == [], "add these to src/tuinews/i18n/vi.po:\n" + "\n".join(missing)


def test_no_empty_or_repeated_translations() -> None:
    pairs = raw_entries(VI_PO)
    assert len(pairs) > 100
    assert [k for k, v in pairs if not v.strip()] == []
    assert [k for k, n in Counter(k for k, _v in pairs).items() if n > 1] == []


def test_every_catalog_entry_is_used() -> None:
    used = code_msgids()
    unused = [k for k in parse_po(VI_PO.read_text("utf-8")) if k not in used]
    assert unused == [], "no longer in the code; remove from vi.po:\n" + "\n".join(unused)


def test_placeholders_match() -> None:
    wrong = [
        (k, v) for k, v in parse_po(VI_PO.read_text("utf-8")).items() if _fields(k) != _fields(v)
    ]
    assert wrong == []
    wrong = [
        (k, v)
        for k, v in parse_po(ARGPARSE_PO.read_text("utf-8")).items()
        if sorted(_PERCENT.findall(k)) != sorted(_PERCENT.findall(v))
    ]
    assert wrong == []


def test_argparse_words_are_translated() -> None:
    catalog = parse_po(ARGPARSE_PO.read_text("utf-8"))
    missing = sorted(argparse_msgids() - set(catalog))
    assert missing == [], "add these to src/tuinews/i18n/argparse-vi.po:\n" + "\n".join(missing)
    assert [k for k, v in raw_entries(ARGPARSE_PO) if not v.strip()] == []


def test_translate_fills_placeholders_and_falls_back() -> None:
    set_language("vi")
    assert _("Added {url}", url="https://x.vn") == "Đã đăng ký theo dõi https://x.vn"
    assert _("not in any catalog {x}", x=1) == "not in any catalog 1"
    assert argparse_catalog("vi")["usage: "] == "cách dùng: "
    set_language("en")
    assert _("Added {url}", url="https://x.vn") == "Added https://x.vn"
    assert argparse_catalog("en") == {}


@pytest.mark.parametrize(
    ("env", "lang"),
    [
        ({"LANG": "vi_VN.UTF-8"}, "vi"),
        ({"LANG": "vi"}, "vi"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({}, "en"),
        ({"LC_ALL": "vi_VN.UTF-8", "LANG": "en_US.UTF-8"}, "vi"),
        ({"LC_ALL": "en_US.UTF-8", "LANG": "vi_VN.UTF-8"}, "en"),
        ({"LC_MESSAGES": "vi_VN.UTF-8", "LANG": "C"}, "vi"),
    ],
)
def test_language_from_the_locale(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], lang: str
) -> None:
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    assert language_from_env() == lang
    assert set_language(None) == lang
    assert set_language("en") == "en"  # an explicit choice wins


# -- the command line in each language -------------------------------------------------------------


def _commands() -> list[list[str]]:
    """Every command path of the CLI: [], ["fetch"], ["feeds", "add"], …"""
    out: list[list[str]] = []

    def walk(parser: argparse.ArgumentParser, path: list[str]) -> None:
        out.append(path)
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    walk(sub, [*path, name])

    walk(build_parser(), [])
    return out


def _flat(text: str) -> str:
    """Whitespace collapsed: argparse wraps lines anywhere."""
    return " ".join(text.split())


_ENGLISH_LEFTOVERS = re.compile(
    r"\busage:|positional arguments|\boptions:|show this help|\berror:|"
    r"\binvalid choice|\brequired\b|\bexpected\b|\bdefault:",
)


def _help(capsys: pytest.CaptureFixture[str], path: list[str]) -> str:
    assert main([*path, "--help"]) == 0
    return capsys.readouterr().out


def test_every_help_is_vietnamese_with_a_vietnamese_locale(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "vi_VN.UTF-8")
    vi = {k: v for k, v in parse_po(VI_PO.read_text("utf-8")).items() if k != v}
    commands = _commands()
    assert len(commands) >= 15
    for path in commands:
        out = _help(capsys, path)
        flat = _flat(out)
        assert flat.startswith("cách dùng: tuinews"), path
        assert "tùy chọn:" in flat and "hiện trợ giúp này rồi thoát" in flat, path
        assert not _ENGLISH_LEFTOVERS.search(out), (path, out)
        left = [k for k in vi if len(k) > 12 and _flat(k) in flat]
        assert left == [], (path, left)
    assert "địa chỉ của nguồn tin (http hoặc https)" in _flat(_help(capsys, ["feeds", "add"]))


def test_every_help_is_english_otherwise(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    for path in _commands():
        out = _help(capsys, path)
        assert out.startswith("usage: tuinews") and "options:" in out, path
        assert out.isascii(), (path, out)


def _run_cli(args: list[str], *, lang: str, config: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    env.update({"LANG": lang, "TUINEWS_CONFIG": str(config), "PYTHONIOENCODING": "utf-8"})
    return subprocess.run(
        [sys.executable, "-m", "tuinews", *args], capture_output=True, text=True, env=env
    )


def test_help_in_a_fresh_process_follows_the_locale(tmp_path: Path) -> None:
    missing = tmp_path / "no-config.toml"
    vi = _run_cli(["--help"], lang="vi_VN.UTF-8", config=missing)
    assert vi.returncode == 0 and vi.stdout.startswith("cách dùng: tuinews")
    assert "tìm trong kho tin (gõ có dấu hay không dấu đều được)" in _flat(vi.stdout)
    assert not _ENGLISH_LEFTOVERS.search(vi.stdout)
    en = _run_cli(["search", "--help"], lang="C.UTF-8", config=missing)
    assert en.returncode == 0 and en.stdout.startswith("usage: tuinews search")
    assert en.stdout.isascii()


def test_config_language_overrides_the_locale(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('language = "en"\n', "utf-8")
    out = _run_cli(["feeds", "--help"], lang="vi_VN.UTF-8", config=config)
    assert out.returncode == 0 and out.stdout.startswith("usage: tuinews feeds")
    assert out.stdout.isascii()
    config.write_text('language = "vi"\n', "utf-8")
    out = _run_cli(["feeds", "--help"], lang="en_US.UTF-8", config=config)
    assert out.stdout.startswith("cách dùng: tuinews feeds")
    assert "đăng ký theo dõi một nguồn tin" in out.stdout


def test_errors_in_a_fresh_process_are_vietnamese(tmp_path: Path) -> None:
    out = _run_cli(["feeds", "add", "not a url"], lang="vi_VN.UTF-8", config=tmp_path / "x")
    assert out.returncode == 2
    assert out.stderr == (
        "tuinews: không phải địa chỉ nguồn tin (phải bắt đầu bằng http:// hoặc https://): "
        "not a url\n"
    )


@pytest.mark.parametrize(
    ("args", "code", "expected"),
    [
        (["feeds", "add", "not a url"], 2, "không phải địa chỉ nguồn tin"),
        (["feeds", "add", "ftp://x.vn/rss"], 2, "không phải địa chỉ nguồn tin"),
        (["feeds", "remove", "https://x.vn/rss"], 2, "chưa đăng ký theo dõi: https://x.vn/rss"),
        (["bogus"], 2, "lỗi: đối số LỆNH: lựa chọn không hợp lệ: 'bogus'"),
        (["feeds"], 2, "lỗi: thiếu đối số bắt buộc: THAO_TÁC"),
        (["articles", "--limit", "x"], 2, "lỗi: đối số --limit: giá trị int không hợp lệ: 'x'"),
        (["search"], 2, "lỗi: thiếu đối số bắt buộc: TỪ_KHÓA"),
        (["search", "--nope", "x"], 2, "lỗi: không hiểu các đối số: --nope"),
        (["search", "khong co gi"], 1, "Không tìm thấy bài nào."),
        (["extract", "/nonexistent/page.html"], 2, "không có tệp hoặc thư mục này"),
    ],
)
def test_cli_errors_in_vietnamese(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    code: int,
    expected: str,
) -> None:
    monkeypatch.setenv("LANG", "vi_VN.UTF-8")
    assert main(args) == code
    err = capsys.readouterr().err
    assert expected in err
    assert not _ENGLISH_LEFTOVERS.search(err), err
    for line in err.splitlines():
        assert line.startswith(("tuinews", "cách dùng:", " ", "Không")), line


def test_cli_output_in_vietnamese(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("LANG", "vi_VN.UTF-8")
    assert main(["locate"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == f"cấu hình: {tmp_path / 'config.toml'}"
    assert main(["stats"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[:5] == [
        "nguồn tin: 0",
        "bài: 0",
        "chưa đọc: 0",
        "đã gắn sao: 0",
        "chuyên mục: 0",
    ]
    assert main(["stats", "--json"]) == 0  # machine output keeps its keys
    assert '"unread": 0' in capsys.readouterr().out


def test_english_is_unchanged_by_the_translation_hook(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "vi_VN.UTF-8")
    assert main(["bogus"]) == 2
    assert "lỗi" in capsys.readouterr().err
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert main(["bogus"]) == 2  # the same process, now English again
    err = capsys.readouterr().err
    assert "error: argument COMMAND: invalid choice: 'bogus'" in err and err.isascii()
    assert i18n.language() == "en"
