"""Locate ../shared/realworld/vn (real pages saved from public sources); tests skip when absent."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]


def realworld_dir() -> Path:
    env = os.environ.get("TUINEWS_REALWORLD")
    return Path(env) if env else ROOT.parent / "shared" / "realworld" / "vn"


def require_realworld() -> Path:
    """The realworld folder, or skip the calling test."""
    d = realworld_dir()
    if not (d / "manifest.json").is_file():
        pytest.skip(f"real-world pages not found at {d}")
    return d


def manifest_items(kind: str | None = None) -> list[dict[str, Any]]:
    d = realworld_dir()
    if not (d / "manifest.json").is_file():
        return []
    items: list[dict[str, Any]] = json.loads((d / "manifest.json").read_text("utf-8"))["items"]
    return [i for i in items if kind is None or i.get("kind") == kind]
