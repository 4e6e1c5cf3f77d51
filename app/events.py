"""The events the service knows: ``EVENTS_FILES`` (comma-separated iCalendar files, relative
to the repository root; empty or unset: no events) read with :mod:`routing.data.events`,
re-read when a file changes (its modification time or size), and ``EVENT_BUFFER_MIN``
(default 10): a plan to ``event:<uid>`` arrives this many minutes before the start.

Both variables are read from the environment when the events are first asked for (as the
other settings, once per process; a changed file is picked up without a restart).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from app.config import find_root
from routing.clock import now_local
from routing.data.events import EventSet, load_events
from routing.data.venues import Venue

__all__ = ["DEFAULT_BUFFER_MIN", "EventConfig", "event_config", "events_for"]

DEFAULT_BUFFER_MIN = 10
MAX_BUFFER_MIN = 240


@dataclass(frozen=True)
class EventConfig:
    """Which files hold events and how early to arrive (minutes before the start)."""

    files: tuple[Path, ...]
    buffer_min: int


def event_config(environ: Mapping[str, str] | None = None, root: Path | None = None
                 ) -> EventConfig:
    """``EVENTS_FILES`` and ``EVENT_BUFFER_MIN`` from ``environ`` (default: os.environ);
    ValueError for a buffer that is not a whole number of minutes 0-240."""
    env = os.environ if environ is None else environ
    base = root or find_root()
    files = tuple((p if p.is_absolute() else base / p)
                  for p in (Path(s.strip()) for s in env.get("EVENTS_FILES", "").split(",")
                            if s.strip()))
    raw = env.get("EVENT_BUFFER_MIN", "").strip() or str(DEFAULT_BUFFER_MIN)
    if not raw.isdigit() or int(raw) > MAX_BUFFER_MIN:
        raise ValueError(f"EVENT_BUFFER_MIN must be 0-{MAX_BUFFER_MIN} minutes, not {raw!r}")
    return EventConfig(files, int(raw))


_LOCK = threading.Lock()
_CACHE: dict[str, tuple[tuple, EventSet]] = {}


def _stamp(config: EventConfig, venues: Mapping[str, Venue]) -> tuple:
    stats: list[tuple[str, int | None, int | None]] = []
    for path in config.files:
        try:
            st = path.stat()
            stats.append((str(path), st.st_mtime_ns, st.st_size))
        except OSError:
            stats.append((str(path), None, None))
    return (tuple(stats), tuple(sorted(venues)), now_local().date())


def events_for(venues: Mapping[str, Venue], config: EventConfig | None = None) -> EventSet:
    """The expanded events of ``config`` (default: the environment's), re-read when a file
    changes or the date does; raises EventFileError for a broken file."""
    config = config or event_config()
    if not config.files:
        return EventSet(())
    stamp = _stamp(config, venues)
    key = "|".join(str(p) for p in config.files)
    with _LOCK:
        cached = _CACHE.get(key)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        events = load_events(config.files, venues, today=stamp[2])
        _CACHE[key] = (stamp, events)
        return events
