"""Build the dataset artefact (:mod:`routing.data.artefact`): load and check the feeds and
venues, compile one timetable (and its time-reversed twin) per service pattern of the window,
build the venue profiles of the patterns of the next days, write everything to a temporary
folder, check it, and rename it into place. Run by ``scripts/build.py`` (``menuju build``),
and by the service in a child process (start-up without an artefact, hot reload)."""

from __future__ import annotations

import dataclasses
import fcntl
import hashlib
import json
import os
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from routing.data.arrays import ArrayFileError, save_tree, schema_of
from routing.data.artefact import (
    FORMAT_VERSION,
    MANIFEST,
    Artefact,
    ArtefactError,
    find_artefact,
    inputs_hash,
    inputs_of,
    open_artefact,
    pattern_key,
    source_sha256,
)
from routing.data.dataset import CompiledTimetables, Dataset, load_dataset
from routing.data.gtfs import FeedSource
from routing.kernel.timetable import Timetable
from routing.plan.profiles import ProfileSettings, VenueProfile, build_profile

__all__ = ["BuildSettings", "build_artefact", "ensure_artefact"]

Progress = Callable[[str], None]


@dataclasses.dataclass(frozen=True)
class BuildSettings:
    """What to build: timetables for ``days`` dates from the day before ``today`` (each
    pattern once), venue profiles for the patterns of ``profile_days`` dates from ``today``."""

    days: int = 366
    profile_days: int = 7
    profiles: ProfileSettings = dataclasses.field(default_factory=ProfileSettings)

    def as_json(self) -> dict:
        """The settings and the stored classes' schemas, as the manifest records them."""
        return {"days": self.days, "profile_days": self.profile_days,
                "profile_settings": dataclasses.asdict(self.profiles),
                "schema": {"timetable": schema_of(Timetable),
                           "profile": schema_of(VenueProfile)}}


def ensure_artefact(sources: list[FeedSource], venues_file: Path, artefact_dir: Path, *,
                    today: date, settings: BuildSettings | None = None,
                    progress: Progress = lambda _: None, force: bool = False) -> Artefact:
    """The artefact for these inputs covering ``today``: an existing one, else one built now
    (one builder at a time per ``artefact_dir``; the others wait and then find it). Raises
    FeedError/VenueFileError for broken inputs, ArtefactError when the result is unusable."""
    settings = settings or BuildSettings()
    inputs = inputs_of(sources, venues_file, settings.as_json())
    need_to = today + timedelta(days=min(7, settings.days))
    if not force and (found := find_artefact(artefact_dir, inputs, need_from=today,
                                             need_to=need_to)) is not None:
        return found
    with _build_lock(artefact_dir):
        if not force and (found := find_artefact(artefact_dir, inputs, need_from=today,
                                                 need_to=need_to)) is not None:
            return found
        return build_artefact(sources, venues_file, artefact_dir, today=today,
                              settings=settings, progress=progress, inputs=inputs)


@contextmanager
def _build_lock(artefact_dir: Path) -> Iterator[None]:
    artefact_dir.mkdir(parents=True, exist_ok=True)
    with (artefact_dir / ".build.lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def build_artefact(sources: list[FeedSource], venues_file: Path, artefact_dir: Path, *,
                   today: date, settings: BuildSettings | None = None,
                   progress: Progress = lambda _: None, inputs: dict | None = None
                   ) -> Artefact:
    """Build a new artefact and rename it into ``artefact_dir/<id>``; returns it opened."""
    started = time.perf_counter()
    settings = settings or BuildSettings()
    inputs = inputs or inputs_of(sources, venues_file, settings.as_json())
    progress(f"loading {len(sources)} feeds ({', '.join(s.feed_id for s in sources)})")
    ds = load_dataset(sources, venues_file)
    for source, record in zip(sources, inputs["feeds"], strict=True):
        if source_sha256(source.path) != record["sha256"]:
            raise ArtefactError(f"feed {source.feed_id} changed while it was read; build again")
    ds.timetables = CompiledTimetables(ds.feeds, ds.network.stops.index, memory_dates=1)
    first, last = today - timedelta(days=1), today + timedelta(days=settings.days)
    dates = [first + timedelta(days=i) for i in range(-1, (last - first).days + 2)]
    by_pattern: dict[str, list[date]] = {}
    for day in dates:
        by_pattern.setdefault(pattern_key(ds.feeds, day), []).append(day)
    profile_patterns = {pattern_key(ds.feeds, today + timedelta(days=i))
                        for i in range(settings.profile_days)
                        if ds.covers(today + timedelta(days=i))}
    progress(f"{len(dates)} dates ({first} to {last}) fall into {len(by_pattern)} service "
             f"patterns; venue profiles for {len(profile_patterns)} of them")
    identity = f"{inputs_hash(inputs)}|{first.isoformat()}|{last.isoformat()}"
    dataset_id = hashlib.sha256(identity.encode()).hexdigest()[:16]
    artefact_dir.mkdir(parents=True, exist_ok=True)
    tmp = artefact_dir / f".tmp-{os.getpid()}-{dataset_id}"
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        manifest = _write_patterns(ds, tmp, by_pattern, profile_patterns, settings, progress)
        manifest.update({
            "format": FORMAT_VERSION, "id": dataset_id,
            "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "inputs": inputs, "inputs_hash": inputs_hash(inputs),
            "feeds": [feed.summary() for feed in ds.feeds],
            "window": {"first": first.isoformat(), "last": last.isoformat()},
            "dates": {d.isoformat(): pid for pid, days in by_pattern.items() for d in days},
            "build_seconds": round(time.perf_counter() - started, 1),
        })
        (tmp / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True))
        _check(tmp)
        final = artefact_dir / dataset_id
        if final.exists():   # built meanwhile by someone else: keep theirs
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            os.rename(tmp, final)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    progress(f"artefact {dataset_id} ready in {time.perf_counter() - started:.1f} s "
             f"({_size_mb(final):.0f} MB)")
    return open_artefact(final)


def _write_patterns(ds: Dataset, tmp: Path, by_pattern: dict[str, list[date]],
                    profile_patterns: set[str], settings: BuildSettings,
                    progress: Progress) -> dict:
    files: dict[str, dict] = {}
    patterns: dict[str, dict] = {}
    for n, (pid, days) in enumerate(sorted(by_pattern.items(), key=lambda kv: kv[1][0]), 1):
        rep = days[0]
        step = time.perf_counter()
        entry: dict = {"dates": [d.isoformat() for d in days], "representative": rep.isoformat(),
                       "timetable": save_tree(tmp, f"tt/{pid}/fwd", ds.timetable(rep), files),
                       "reverse": save_tree(tmp, f"tt/{pid}/rev",
                                            ds.timetable(rep, reverse=True), files),
                       "profiles": {}}
        if pid in profile_patterns:
            for i, venue_id in enumerate(sorted(ds.venues)):
                profile = build_profile(ds, venue_id, rep, settings.profiles)
                entry["profiles"][venue_id] = save_tree(tmp, f"profiles/{pid}/v{i}", profile,
                                                        files)
        patterns[pid] = entry
        progress(f"pattern {n}/{len(by_pattern)} ({len(days)} dates from {rep}"
                 f"{', with venue profiles' if entry['profiles'] else ''}) "
                 f"in {time.perf_counter() - step:.1f} s")
    return {"patterns": patterns, "files": files}


def _check(folder: Path) -> None:
    """Open the new artefact as the service would and check every file and tree."""
    artefact = open_artefact(folder)
    try:
        artefact.files.verify_all()
        for pattern in artefact.manifest["patterns"].values():
            artefact.files.load(Timetable, pattern["timetable"])
            artefact.files.load(Timetable, pattern["reverse"])
            for node in pattern["profiles"].values():
                artefact.files.load(VenueProfile, node)
    except ArrayFileError as exc:
        raise ArtefactError(f"new artefact failed its check: {exc}") from None


def _size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20
