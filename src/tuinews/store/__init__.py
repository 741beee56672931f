"""The SQLite cache: the single source of truth (the only package that speaks SQL)."""

from tuinews.store.store import PendingBody, Store, StoreResult, entry_key

__all__ = ["PendingBody", "Store", "StoreResult", "entry_key"]
