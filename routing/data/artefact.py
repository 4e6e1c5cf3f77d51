"""The dataset artefact: an immutable folder ``<artefact_dir>/<dataset-id>/`` holding
``manifest.json`` and ``.npy`` arrays, built by :mod:`routing.plan.build` and served
memory-mapped (DESIGN.md "The dataset artefact"; OTP's graph and Transitous' MOTIS dataset
are built once and mapped by every replica in the same way).

Service patterns: a compiled timetable of date ``d`` holds the trips of ``d``, the runs of
``d - 1`` still going after midnight and the first runs of ``d + 1``, so it is fixed by the
(feed, service_id) sets active on those three days (and by the time zone shifts of the feeds
on them). Dates with the same triple share one timetable (and one set of venue profiles),
times stay relative to the service date, and the date is supplied by the reader.

Manifest (``FORMAT_VERSION``): ``id``, ``built_at``, ``inputs`` (feeds with the sha256 of
their files, content hash and validity; venues file sha256; settings; the schema of the
stored classes), ``window`` (dates answered), ``dates`` (date -> pattern), ``patterns``
(dates, services, timetable and reverse trees, venue profile trees) and ``files`` (sha256,
bytes, dtype, shape of every file). A file failing its checks is never used.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
import shutil
import threading
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from routing.clock import JAKARTA_TZ
from routing.data.arrays import ArrayFileError, ArrayFiles, file_sha256
from routing.data.compile import active_services
from routing.data.dataset import Dataset
from routing.data.gtfs import FeedSource, LoadedFeed
from routing.data.timezones import service_day_shift_s
from routing.errors import NoServiceError, RoutingError
from routing.kernel.timetable import Timetable

__all__ = [
    "FORMAT_VERSION", "MANIFEST", "Artefact", "ArtefactError", "ArtefactTimetables",
    "find_artefact", "inputs_of", "open_artefact", "pattern_key", "patterns_by_next_date",
    "prune_artefacts", "window_note",
]

#: 2: timetables carry trip/route codes for transfers.txt rules, TripInfo its in-seat parts
FORMAT_VERSION = 2
MANIFEST = "manifest.json"
MAX_MANIFEST_BYTES = 64 << 20
log = logging.getLogger(__name__)


class ArtefactError(RoutingError):
    """An artefact that cannot be used (missing, of another format, or a file failing its
    checks); the message is one line naming the folder or file."""


def source_sha256(path: Path) -> str:
    """sha256 over a feed's files: a zip's bytes, or a folder's ``*.txt`` names and bytes in
    name order. Raises ArtefactError when the path does not exist."""
    if path.is_file():
        return file_sha256(path)
    if not path.is_dir():
        raise ArtefactError(f"feed path {path} does not exist")
    digest = hashlib.sha256()
    for member in sorted(p for p in path.glob("*.txt") if p.is_file()):
        digest.update(member.name.encode() + b"\0")
        digest.update(member.read_bytes())
    return digest.hexdigest()


def inputs_of(sources: list[FeedSource], venues_file: Path, settings: dict) -> dict:
    """What an artefact is built from, without parsing anything: each feed's id, path and
    file hash, the venues file's hash, and the build settings (JSON-ready)."""
    return {
        "feeds": [{"feed_id": s.feed_id, "path": str(s.path),
                   "sha256": source_sha256(s.path)} for s in sources],
        "venues_sha256": file_sha256(venues_file) if venues_file.is_file() else None,
        "settings": settings,
    }


def inputs_hash(inputs: dict) -> str:
    """A short hash of :func:`inputs_of` (paths left out: moving a feed changes nothing)."""
    keyed = {**inputs, "feeds": [{k: v for k, v in f.items() if k != "path"}
                                 for f in inputs["feeds"]]}
    text = json.dumps(keyed, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(f"v{FORMAT_VERSION}|{text}".encode()).hexdigest()[:16]


def pattern_key(feeds: list[LoadedFeed], day: date) -> str:
    """The service pattern of ``day``: a hash of the active (feed, service_id) sets and the
    feeds' time zone shifts on the day before, the day and the day after."""
    parts: list[Any] = []
    for feed in feeds:
        trips = feed.tables.trips
        zones = sorted(str(z) for z in trips["agency_tz"].dropna().unique()) \
            if "agency_tz" in trips.columns else []
        for offset in (-1, 0, 1):
            when = day + timedelta(days=offset)
            parts.append([feed.feed_id, offset, sorted(active_services(feed, when)),
                          [service_day_shift_s(z, when) for z in zones]])
    text = json.dumps(parts, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:12]


@dataclass
class Artefact:
    """An opened artefact: its manifest and the checked reader of its files."""

    root: Path
    manifest: dict
    files: ArrayFiles

    @property
    def id(self) -> str:
        return str(self.manifest["id"])

    @property
    def first_date(self) -> date:
        return date.fromisoformat(self.manifest["window"]["first"])

    @property
    def last_date(self) -> date:
        return date.fromisoformat(self.manifest["window"]["last"])

    def pattern_of(self, day: date) -> str | None:
        """The pattern id serving ``day``, or None when the artefact has no timetable for it."""
        return self.manifest["dates"].get(day.isoformat())

    def summary(self) -> dict:
        """JSON-ready facts for ``/v1/feeds``: id, built time, dates, patterns."""
        m = self.manifest
        return {"id": self.id, "built_at": m["built_at"], "first_date": m["window"]["first"],
                "last_date": m["window"]["last"], "patterns": len(m["patterns"]),
                "profile_patterns": sum(1 for p in m["patterns"].values() if p["profiles"])}


def open_artefact(root: Path, *, today: date | None = None) -> Artefact:
    """Read and check an artefact's manifest and that every file it lists is present with
    its size (checksums are checked on each file's first use, or by ``files.verify_all``,
    which takes the patterns from ``today`` (default: today in Jakarta) on first). Raises
    ArtefactError with one line saying what is wrong."""
    path = root / MANIFEST
    try:
        if path.stat().st_size > MAX_MANIFEST_BYTES:
            raise ArtefactError(f"{path}: manifest too large")
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ArtefactError(f"{path}: unreadable manifest ({type(exc).__name__})") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_VERSION:
        raise ArtefactError(f"{path}: not a format-{FORMAT_VERSION} artefact manifest")
    for key in ("id", "built_at", "inputs", "window", "dates", "patterns", "files"):
        if key not in manifest:
            raise ArtefactError(f"{path}: manifest lacks {key!r}")
    try:
        files = ArrayFiles(root, manifest["files"], order=_check_order(manifest, today))
    except (AttributeError, KeyError, TypeError, ValueError):
        raise ArtefactError(f"{path}: malformed manifest") from None
    try:
        files.check_present()
    except ArrayFileError as exc:
        raise ArtefactError(str(exc)) from None
    return Artefact(root, manifest, files)


def _check_order(manifest: dict, today: date | None = None) -> list[str]:
    """The artefact's files in the order requests will need them: the forward timetables
    of the patterns by their next date from ``today`` (Jakarta), then the reverse ones,
    then the venue profiles in the same order (``ArrayFiles.verify_all`` follows it)."""
    order: list[str] = []
    for tree in ("timetable", "reverse", "profiles"):
        for pattern in patterns_by_next_date(manifest, today):
            node = manifest["patterns"][pattern][tree]
            order.extend(_files_of(node) if tree != "profiles"
                         else [rel for sub in node.values() for rel in _files_of(sub)])
    return order


def patterns_by_next_date(manifest: dict, today: date | None = None) -> list[str]:
    """The manifest's pattern ids, the one of ``today`` (default: today in Jakarta) first,
    then by their next date; patterns with no date left come last."""
    first = (today or datetime.now(JAKARTA_TZ).date()).isoformat()

    def next_date(pattern: str) -> str:
        dates = [d for d in manifest["patterns"][pattern]["dates"] if d >= first]
        return min(dates) if dates else "9999"

    return sorted(manifest["patterns"], key=next_date)


def _files_of(node: dict) -> list[str]:
    """The files a stored tree (see ``routing.data.arrays.save_tree``) names."""
    if "npy" in node:
        return [node["npy"]]
    if "records" in node:
        return [node["records"]]
    return [rel for sub in node.get("fields", {}).values() for rel in _files_of(sub)]


def find_artefact(artefact_dir: Path, inputs: dict, *, need_from: date, need_to: date
                  ) -> Artefact | None:
    """The newest usable artefact under ``artefact_dir`` built from ``inputs`` whose window
    covers ``need_from``..``need_to``; a broken candidate is logged and skipped."""
    wanted = inputs_hash(inputs)
    found: list[Artefact] = []
    for folder in _artefact_folders(artefact_dir):
        try:
            artefact = open_artefact(folder)
        except ArtefactError as exc:
            log.warning("ignoring artefact: %s", exc)
            continue
        if artefact.manifest.get("inputs_hash") != wanted:
            continue
        if artefact.first_date <= need_from and need_to <= artefact.last_date:
            found.append(artefact)
    return max(found, key=lambda a: a.manifest["built_at"], default=None)


def _artefact_folders(artefact_dir: Path) -> list[Path]:
    if not artefact_dir.is_dir():
        return []
    return [p for p in artefact_dir.iterdir()
            if p.is_dir() and not p.name.startswith(".") and (p / MANIFEST).is_file()]


def prune_artefacts(artefact_dir: Path, keep: set[str], max_kept: int = 2,
                    min_age_s: float = 0.0) -> list[str]:
    """Delete artefacts (and abandoned temporary folders) beyond the ``max_kept`` newest,
    never one named in ``keep`` nor one made less than ``min_age_s`` ago (another process
    starting at the same time may be about to serve it); returns the ids deleted."""
    folders = sorted(_artefact_folders(artefact_dir), key=lambda p: p.stat().st_mtime,
                     reverse=True)
    recent = time.time() - min_age_s
    kept = [p for p in folders if p.name in keep or p.stat().st_mtime > recent]
    for folder in folders:
        if len(kept) >= max_kept:
            break
        if folder not in kept:
            kept.append(folder)
    deleted = [p.name for p in folders if p not in kept]
    for name in deleted:
        shutil.rmtree(artefact_dir / name, ignore_errors=True)
    if artefact_dir.is_dir():
        for tmp in artefact_dir.glob(".tmp-*"):
            pid = tmp.name.split("-")[1] if tmp.name.count("-") >= 2 else ""
            if not (pid.isdigit() and _alive(int(pid))):
                shutil.rmtree(tmp, ignore_errors=True)
    return deleted


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class ArtefactTimetables:
    """Timetables served from an artefact (a :class:`routing.data.dataset.TimetableSource`):
    one memory-mapped timetable per pattern and direction, shared by every date of the
    pattern (``service_date`` set to the date asked for, a cheap copy of the object, not of
    the arrays). Each pattern object is read once even when asked for by several threads at
    a time (single flight per object; different patterns load in parallel), and
    :meth:`preload` reads them all ahead of the first request. Nothing is compiled: a date
    outside the artefact raises NoServiceError, a file failing its checks ArtefactError."""

    def __init__(self, artefact: Artefact) -> None:
        self.artefact = artefact
        self._loaded: dict[tuple[str, bool], Timetable] = {}
        self._profiles: dict[tuple[str, str], Any] = {}
        self._lock = threading.Lock()
        self._flights: dict[tuple, threading.Lock] = {}

    def covers(self, day: date) -> bool:
        """True for the dates of the artefact's window."""
        return (self.artefact.first_date <= day <= self.artefact.last_date
                and self.artefact.pattern_of(day) is not None)

    def outside_window(self, day: date) -> str | None:
        """Why ``day`` is not answered, when it lies outside the artefact's dates (None
        inside): one sentence naming the dates held and what to do."""
        if self.covers(day):
            return None
        a = self.artefact
        advice = "ask within those dates"
        if day > a.last_date:
            advice += " or rebuild it with a longer ARTEFACT_DAYS"
        return (f"The served dataset holds no timetable for {day.isoformat()}: it holds "
                f"timetables for {a.first_date.isoformat()} to {a.last_date.isoformat()}; "
                f"{advice}.")

    @property
    def in_memory(self) -> int:
        """How many pattern timetables (either direction) are mapped."""
        return len(self._loaded)

    def timetable(self, day: date, *, reverse: bool = False) -> Timetable:
        """The timetable of ``day``'s pattern, dated ``day``."""
        pattern = self.artefact.pattern_of(day)
        if pattern is None:
            raise NoServiceError(self.outside_window(day) or day.isoformat(), parameter="time")
        table = self._loaded.get((pattern, reverse))
        if table is None:
            table = self._load_timetable(pattern, reverse)
        if table.service_date == day:
            return table
        return dataclasses.replace(table, service_date=day)

    def profile(self, cls: type, day: date, venue_id: str) -> Any:
        """The venue profile (an instance of ``cls``) built for ``day``'s pattern, dated
        ``day``, or None when the artefact has none for it."""
        pattern = self.artefact.pattern_of(day)
        if pattern is None:
            return None
        profile = self._profiles.get((pattern, venue_id))
        if profile is None:
            if venue_id not in self.artefact.manifest["patterns"][pattern]["profiles"]:
                return None
            profile = self._load_profile(cls, pattern, venue_id)
        if profile.service_date == day:
            return profile
        return dataclasses.replace(profile, service_date=day)

    def preload(self, profile_cls: type | None = None, today: date | None = None) -> int:
        """Read every pattern's timetables (then, with ``profile_cls``, its venue profiles),
        the pattern of ``today`` first, checking each file not yet checked: afterwards a
        first request for any date costs no file reading. Returns how many objects were
        read here; raises ArtefactError for a damaged file."""
        patterns = patterns_by_next_date(self.artefact.manifest, today)
        done = 0
        for pattern in patterns:
            for reverse in (False, True):
                if (pattern, reverse) not in self._loaded:
                    self._load_timetable(pattern, reverse)
                    done += 1
        if profile_cls is None:
            return done
        for pattern in patterns:
            for venue_id in self.artefact.manifest["patterns"][pattern]["profiles"]:
                if (pattern, venue_id) not in self._profiles:
                    self._load_profile(profile_cls, pattern, venue_id)
                    done += 1
        return done

    def _load_timetable(self, pattern: str, reverse: bool) -> Timetable:
        node = self.artefact.manifest["patterns"][pattern]["reverse" if reverse else "timetable"]
        return self._single_flight(self._loaded, (pattern, reverse), Timetable, node)

    def _load_profile(self, cls: type, pattern: str, venue_id: str) -> Any:
        node = self.artefact.manifest["patterns"][pattern]["profiles"][venue_id]
        return self._single_flight(self._profiles, (pattern, venue_id), cls, node)

    def _single_flight(self, cache: dict, key: tuple, cls: type, node: dict) -> Any:
        """``cache[key]``, read from ``node`` by one thread while the others asking wait."""
        with self._lock:
            flight = self._flights.setdefault((id(cache), *key), threading.Lock())
        with flight:
            found = cache.get(key)
            if found is not None:
                return found
            try:
                loaded = self.artefact.files.load(cls, node)
            except ArrayFileError as exc:
                raise ArtefactError(f"artefact {self.artefact.id} is damaged: {exc}") from None
            with self._lock:
                return cache.setdefault(key, loaded)


def window_note(ds: Dataset, day: date) -> str | None:
    """Why ``ds`` answers nothing on ``day`` although a feed's validity covers it: the
    artefact it serves from was built for other dates (see
    :meth:`ArtefactTimetables.outside_window`). None in every other case."""
    tables = ds.timetables
    if not isinstance(tables, ArtefactTimetables) or not any(
            (f.start_date is None or f.start_date <= day)
            and (f.end_date is None or day <= f.end_date) for f in ds.feeds):
        return None
    return tables.outside_window(day)
