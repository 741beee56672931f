"""Where tuinews keeps its files.

Functions, not import-time constants: tests and scripts point them elsewhere with
``TUINEWS_CONFIG`` (the config file) and ``TUINEWS_DATA_DIR`` (the cache folder).
``tuinews locate`` prints them.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "tuinews"


def config_file() -> Path:
    """The TOML config file (``TUINEWS_CONFIG`` overrides)."""
    env = os.environ.get("TUINEWS_CONFIG")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_config_path

    return user_config_path(APP_NAME) / "config.toml"


def data_dir() -> Path:
    """The folder of the cache database (``TUINEWS_DATA_DIR`` overrides)."""
    env = os.environ.get("TUINEWS_DATA_DIR")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME)


def db_path(base: Path | None = None) -> Path:
    """The SQLite cache file inside ``base`` (default :func:`data_dir`)."""
    return (base if base is not None else data_dir()) / "tuinews.db"
