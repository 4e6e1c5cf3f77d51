"""Pickled objects on disk (compiled timetables, venue profiles): read back only when they
are of the expected type, written atomically so that workers starting together never read a
half-written file. A cache file that cannot be read or written is logged and ignored."""

from __future__ import annotations

import logging
import os
import pickle
from pathlib import Path
from typing import TypeVar

__all__ = ["load_cached", "save_cached"]

log = logging.getLogger(__name__)
T = TypeVar("T")


def load_cached(path: Path | None, kind: type[T]) -> T | None:
    """The object in ``path`` if it is a ``kind``; None when absent or unreadable."""
    if path is None or not path.exists():
        return None
    try:
        with path.open("rb") as handle:
            value = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError) as exc:
        log.warning("ignoring unreadable cache %s: %s", path, exc)
        return None
    return value if isinstance(value, kind) else None


def save_cached(path: Path | None, value: object) -> None:
    """Write ``value`` to ``path`` through a per-process temporary file and a rename."""
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except OSError as exc:
        log.warning("cannot write cache %s: %s", path, exc)
