"""SVG snapshots of the main screens, in English and Vietnamese.

Deterministic: fixed clock and zone (so "5 min ago" stays 5 min), no cursor blink, no
refresh or poll timers. Review changes with ``pytest --snapshot-report`` before accepting
them with ``--snapshot-update``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.test_ui_support import Fixture, build_store, copy_store, make_app, settle
from tuinews.ui.app import TuinewsApp

SnapCompare = Callable[..., bool]


@pytest.fixture(scope="module")
def fixture_cache(tmp_path_factory: pytest.TempPathFactory) -> Fixture:
    return build_store(tmp_path_factory.mktemp("snapshots") / "cache.db")


@pytest.fixture
def app_for(fixture_cache: Fixture, tmp_path: Path) -> Iterator[Callable[[str], TuinewsApp]]:
    apps: list[TuinewsApp] = []

    def factory(language: str) -> TuinewsApp:
        app = make_app(copy_store(fixture_cache, tmp_path / language), language=language)
        apps.append(app)
        return app

    yield factory
    for app in apps:
        app.store.close()


def keys(*pressed: str) -> Callable[[Pilot[Any]], Any]:
    """A run_before that waits for the first screen, presses keys, and waits again."""

    async def run(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        for key in pressed:
            await pilot.press(key)
            await settle(pilot)

    return run


LANGUAGES = ["en", "vi"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_main_view(
    snap_compare: SnapCompare, app_for: Callable[[str], TuinewsApp], language: str
) -> None:
    assert snap_compare(app_for(language), terminal_size=(140, 36), run_before=keys())


@pytest.mark.parametrize("language", LANGUAGES)
def test_article(
    snap_compare: SnapCompare, app_for: Callable[[str], TuinewsApp], language: str
) -> None:
    assert snap_compare(app_for(language), terminal_size=(140, 36), run_before=keys("j", "enter"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_help(
    snap_compare: SnapCompare, app_for: Callable[[str], TuinewsApp], language: str
) -> None:
    assert snap_compare(
        app_for(language), terminal_size=(120, 44), run_before=keys("question_mark")
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_narrow(
    snap_compare: SnapCompare, app_for: Callable[[str], TuinewsApp], language: str
) -> None:
    assert snap_compare(app_for(language), terminal_size=(80, 24), run_before=keys())


@pytest.mark.parametrize("language", LANGUAGES)
def test_narrow_article(
    snap_compare: SnapCompare, app_for: Callable[[str], TuinewsApp], language: str
) -> None:
    assert snap_compare(app_for(language), terminal_size=(80, 24), run_before=keys("enter"))


def test_search_results(snap_compare: SnapCompare, app_for: Callable[[str], TuinewsApp]) -> None:
    run = keys("slash", *"dien bien", "enter")
    assert snap_compare(app_for("vi"), terminal_size=(140, 30), run_before=run)


def test_narrow_tree(snap_compare: SnapCompare, app_for: Callable[[str], TuinewsApp]) -> None:
    assert snap_compare(app_for("vi"), terminal_size=(80, 24), run_before=keys("t"))
