"""Read GTFS feeds (folder or zip) with gtfs-kit, check them, and qualify their ids.

This is the only module that imports gtfs-kit. Every id column is rewritten to the public
form ``<feed_id>:<local id>`` so feeds never collide, and clock times become integer seconds
since noon-minus-12h of the service date in the trip's agency time zone (``arr_s``, ``dep_s``;
may exceed 86,400; each trip's zone is ``trips.agency_tz``, converted to Jakarta time when a
timetable is compiled). stop_times rules are checked in :mod:`routing.data.stop_times`.
"""

from __future__ import annotations

import copy
import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import gtfs_kit
import numpy as np
import pandas as pd
from gtfs_kit import constants as gk_constants

from routing.data.fare_files import V2_COLUMNS, V2_IDS, V2_NUMBERS, V2_TABLES
from routing.data.references import check_references
from routing.data.stop_times import ROW_COLUMN, check_and_fill
from routing.data.timezones import assign_trip_zones
from routing.errors import FeedError

__all__ = [
    "FeedSource",
    "LoadedFeed",
    "load_feed",
    "load_feeds",
    "parse_feeds_spec",
    "parse_time_s",
]

#: Which columns each file must have; a missing optional file reads as an empty table.
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    "agency": ("agency_name", "agency_timezone"),
    "stops": ("stop_id", "stop_lat", "stop_lon"),
    "routes": ("route_id", "route_type"),
    "trips": ("route_id", "service_id", "trip_id"),
    "stop_times": ("trip_id", "arrival_time", "departure_time", "stop_id", "stop_sequence"),
    "calendar": (
        "service_id", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
        "sunday", "start_date", "end_date",
    ),
    "calendar_dates": ("service_id", "date", "exception_type"),
    "frequencies": ("trip_id", "start_time", "end_time", "headway_secs"),
    "transfers": ("from_stop_id", "to_stop_id", "transfer_type"),
    "pathways": ("pathway_id", "from_stop_id", "to_stop_id", "pathway_mode", "is_bidirectional"),
    "fare_attributes": ("fare_id", "price", "currency_type"),
    "fare_rules": ("fare_id",),
    "shapes": ("shape_id", "shape_pt_lat", "shape_pt_lon", "shape_pt_sequence"),
    "feed_info": (),
}
REQUIRED_COLUMNS.update(V2_COLUMNS)
REQUIRED_FILES = ("agency", "stops", "routes", "trips", "stop_times")

#: Id columns rewritten to ``feed:id``, per table.
ID_COLUMNS: dict[str, tuple[str, ...]] = {
    "agency": ("agency_id",),
    "stops": ("stop_id", "parent_station", "zone_id"),
    "routes": ("route_id", "agency_id", "network_id"),
    "trips": ("route_id", "service_id", "trip_id", "shape_id", "block_id"),
    "stop_times": ("trip_id", "stop_id"),
    "calendar": ("service_id",),
    "calendar_dates": ("service_id",),
    "frequencies": ("trip_id",),
    "transfers": ("from_stop_id", "to_stop_id", "from_route_id", "to_route_id",
                  "from_trip_id", "to_trip_id"),
    "pathways": ("pathway_id", "from_stop_id", "to_stop_id"),
    "fare_attributes": ("fare_id", "agency_id"),
    "fare_rules": ("fare_id", "route_id", "origin_id", "destination_id", "contains_id"),
    "shapes": ("shape_id",),
    **V2_IDS,
}

#: gtfs-kit reads some counters as Int16, too narrow for real feeds (TransJakarta has
#: headway_secs 52,700); we read with a widened copy of its column types.
DTYPES: dict[str, dict[str, str]] = copy.deepcopy(gk_constants.DTYPES)
for _columns in DTYPES.values():
    for _name, _kind in _columns.items():
        if _kind in ("Int8", "Int16"):
            _columns[_name] = "Int32"
DTYPES["pathways"] = {
    "pathway_id": "string", "from_stop_id": "string", "to_stop_id": "string",
    "pathway_mode": "Int32", "is_bidirectional": "Int32", "length": "float",
    "traversal_time": "Int32",
}
DTYPES.update(V2_NUMBERS)
DTYPES["transfers"].update(
    {"from_route_id": "string", "to_route_id": "string", "from_trip_id": "string",
     "to_trip_id": "string"}
)

_TIME_RE = re.compile(r"^\s*(\d{1,3}):([0-5]\d):([0-5]\d)\s*$")


@dataclass(frozen=True)
class FeedSource:
    """One feed to load: its public id and a folder or zip path."""

    feed_id: str
    path: Path


@dataclass
class LoadedFeed:
    """A checked feed: gtfs-kit tables with qualified ids and integer times."""

    feed_id: str
    path: Path
    content_hash: str
    tables: gtfs_kit.Feed
    pathways: pd.DataFrame
    #: GTFS-Fares v2 tables present in the feed, by name (``fare_products`` ...)
    fares_v2: dict[str, pd.DataFrame]
    agency_name: str
    start_date: date | None
    end_date: date | None
    #: the first agency's ``agency_timezone`` (trips carry their own in ``trips.agency_tz``)
    timezone: str = "Asia/Jakarta"
    n_stops: int = field(init=False)
    n_routes: int = field(init=False)
    n_trips: int = field(init=False)

    def __post_init__(self) -> None:
        self.n_stops = len(self.tables.stops)
        self.n_routes = len(self.tables.routes)
        self.n_trips = len(self.tables.trips)

    def summary(self) -> dict:
        """JSON-ready description for ``/v1/feeds``."""
        return {
            "feed_id": self.feed_id,
            "agency": self.agency_name,
            "start_date": self.start_date.isoformat() if self.start_date else None,
            "end_date": self.end_date.isoformat() if self.end_date else None,
            "counts": {"stops": self.n_stops, "routes": self.n_routes, "trips": self.n_trips},
            "content_hash": self.content_hash,
        }


def parse_time_s(text: str) -> int:
    """``"25:10:05"`` -> 90605 seconds; raises ValueError on anything else."""
    match = _TIME_RE.match(text)
    if not match:
        raise ValueError(f"bad time {text!r} (expected HH:MM:SS)")
    hours, minutes, seconds = (int(g) for g in match.groups())
    return hours * 3600 + minutes * 60 + seconds


def parse_feeds_spec(spec: str | None, default_dir: Path) -> list[FeedSource]:
    """Parse ``GTFS_FEEDS`` (``id=path,id2=path2``); empty means every feed under default_dir."""
    if not spec or not spec.strip():
        if not default_dir.is_dir():
            raise FeedError(f"feeds folder {default_dir} does not exist")
        found = [
            FeedSource(p.stem if p.suffix == ".zip" else p.name, p)
            for p in sorted(default_dir.iterdir())
            if p.is_dir() or p.suffix == ".zip"
        ]
        if not found:
            raise FeedError(f"no GTFS feed (folder or .zip) under {default_dir}")
        return found
    sources: list[FeedSource] = []
    for entry in spec.split(","):
        if not entry.strip():
            continue
        feed_id, sep, path = entry.partition("=")
        feed_id, path = feed_id.strip(), path.strip()
        if not sep or not feed_id or not path:
            raise FeedError(f"GTFS_FEEDS entry {entry.strip()!r} is not of the form id=path")
        if not re.fullmatch(r"[A-Za-z0-9_-]+", feed_id):
            raise FeedError(f"feed id {feed_id!r} may only hold letters, digits, '_' and '-'")
        if any(s.feed_id == feed_id for s in sources):
            raise FeedError(f"feed id {feed_id!r} is given twice in GTFS_FEEDS")
        sources.append(FeedSource(feed_id, Path(path).expanduser()))
    return sources


def load_feeds(sources: list[FeedSource]) -> list[LoadedFeed]:
    """Load every feed; the first broken one raises FeedError."""
    return [load_feed(source) for source in sources]


def load_feed(source: FeedSource) -> LoadedFeed:
    """Read, check and qualify one feed."""
    raw = _read_members(source.path)
    tables: dict[str, pd.DataFrame] = {}
    for table in REQUIRED_COLUMNS:
        name = f"{table}.txt"
        display = f"{source.path}/{name}" if source.path.is_dir() else f"{source.path}:{name}"
        if name not in raw:
            if table in REQUIRED_FILES:
                raise FeedError("required file is missing", file=display)
            continue
        tables[table] = _read_table(table, raw[name], display)
    if "calendar" not in tables and "calendar_dates" not in tables:
        raise FeedError(f"{source.path}: needs calendar.txt or calendar_dates.txt")
    for table, frame in tables.items():
        _qualify(frame, table, source.feed_id)
    _check_and_convert(tables, source)
    pathways = tables.pop("pathways", pd.DataFrame(columns=list(DTYPES["pathways"])))
    fares_v2 = {name: tables.pop(name) for name in V2_TABLES if name in tables}
    feed = gtfs_kit.Feed(dist_units="km", **tables)
    start, end = _validity(tables)
    return LoadedFeed(
        feed_id=source.feed_id,
        path=source.path,
        content_hash=hashlib.sha256(
            b"".join(name.encode() + b"\0" + raw[name] for name in sorted(raw))
        ).hexdigest()[:16],
        tables=feed,
        pathways=pathways,
        fares_v2=fares_v2,
        agency_name=str(tables["agency"]["agency_name"].iloc[0]),
        start_date=start,
        end_date=end,
        timezone=str(tables["trips"].attrs["timezone"]),
    )


def _read_members(path: Path) -> dict[str, bytes]:
    """Raw bytes of each ``*.txt`` file of a folder or zip, by bare file name."""
    if not path.exists():
        raise FeedError(f"feed path {path} does not exist")
    if path.is_dir():
        return {p.name: p.read_bytes() for p in path.glob("*.txt") if p.is_file()}
    try:
        with zipfile.ZipFile(path) as zf:
            return {
                Path(info.filename).name: zf.read(info)
                for info in zf.infolist()
                if not info.is_dir() and info.filename.endswith(".txt")
            }
    except (zipfile.BadZipFile, OSError) as exc:
        raise FeedError(f"{path} is not a readable zip file ({exc})") from exc


def _read_table(table: str, data: bytes, display: str) -> pd.DataFrame:
    """One CSV file as a DataFrame with gtfs-kit's (widened) column types."""
    try:
        header = pd.read_csv(io.BytesIO(data), nrows=0, encoding="utf-8-sig")
        columns = [c.strip() for c in header.columns]
        dtypes = {c: DTYPES.get(table, {}).get(c, "string") for c in columns}
        frame = pd.read_csv(
            io.BytesIO(data), dtype="string", encoding="utf-8-sig",
            na_values=["", " "], keep_default_na=False, skipinitialspace=True,
        )
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise FeedError(f"cannot be read as CSV ({exc})", file=display) from exc
    frame.columns = columns
    missing = [c for c in REQUIRED_COLUMNS[table] if c not in frame.columns]
    if missing:
        raise FeedError("required column is missing", file=display, column=missing[0])
    for column, kind in dtypes.items():
        if kind == "string":
            frame[column] = frame[column].str.strip()
            continue
        numbers = pd.to_numeric(frame[column], errors="coerce")
        bad = numbers.isna() & frame[column].notna()
        if bad.any():
            row = int(np.flatnonzero(bad.to_numpy())[0])
            raise FeedError(
                f"{frame[column].iloc[row]!r} is not a number",
                file=display, row=row + 2, column=column,
            )
        if kind.startswith("Int"):
            if (numbers.dropna() % 1 != 0).any():
                row = int(np.flatnonzero((numbers % 1 != 0).fillna(False).to_numpy())[0])
                raise FeedError("must be a whole number", file=display, row=row + 2, column=column)
            frame[column] = numbers.astype("Int64")
        else:
            frame[column] = numbers.astype("float64")
    frame.attrs["display"] = display
    return frame


def _qualify(frame: pd.DataFrame, table: str, feed_id: str) -> None:
    """Rewrite id columns in place to ``feed_id:local``."""
    for column in ID_COLUMNS.get(table, ()):
        if column in frame.columns:
            frame[column] = feed_id + ":" + frame[column]


def _times_s(frame: pd.DataFrame, column: str, *, allow_empty: bool) -> np.ndarray:
    """Parse a GTFS clock column to int seconds (-1 where empty and allowed)."""
    text = frame[column]
    parts = text.str.extract(r"^(\d{1,3}):([0-5]\d):([0-5]\d)$")
    ok = parts[0].notna()
    bad = ~ok & (text.notna() if allow_empty else pd.Series(True, index=text.index))
    if bad.any():
        row = int(np.flatnonzero(bad.to_numpy())[0])
        value = text.iloc[row]
        raise FeedError(
            f"bad time {value!r} (expected HH:MM:SS)" if pd.notna(value) else "time is empty",
            file=frame.attrs.get("display"), row=row + 2, column=column,
        )
    seconds = (
        parts[0].astype("float64") * 3600
        + parts[1].astype("float64") * 60
        + parts[2].astype("float64")
    )
    return seconds.fillna(-1).to_numpy(dtype=np.int64)


def _check_and_convert(tables: dict[str, pd.DataFrame], source: FeedSource) -> None:
    """Referential checks, defaults, and integer time columns."""
    stops, trips, stop_times = tables["stops"], tables["trips"], tables["stop_times"]
    for frame, column in ((stops, "stop_id"), (trips, "trip_id"), (tables["routes"], "route_id")):
        duplicated = frame[column].duplicated()
        if duplicated.any():
            row = int(np.flatnonzero(duplicated.to_numpy())[0])
            raise FeedError(
                f"duplicate id {frame[column].iloc[row]!r}",
                file=frame.attrs.get("display"), row=row + 2, column=column,
            )
    if "location_type" not in stops.columns:
        stops["location_type"] = pd.array([0] * len(stops), dtype="Int64")
    stops["location_type"] = stops["location_type"].fillna(0)
    for column in ("parent_station", "zone_id", "stop_name"):
        if column not in stops.columns:
            stops[column] = pd.array([pd.NA] * len(stops), dtype="string")
    if "wheelchair_boarding" not in stops.columns:
        stops["wheelchair_boarding"] = pd.array([0] * len(stops), dtype="Int64")
    stops["wheelchair_boarding"] = stops["wheelchair_boarding"].fillna(0)
    bad_coords = (
        stops["stop_lat"].isna() & (stops["location_type"] <= 2)
        | ~stops["stop_lat"].between(-90, 90) | ~stops["stop_lon"].between(-180, 180)
    )
    if bad_coords.any():
        row = int(np.flatnonzero(bad_coords.to_numpy())[0])
        raise FeedError("stop coordinates are missing or out of range",
                        file=stops.attrs.get("display"), row=row + 2, column="stop_lat")
    for column, default in (("wheelchair_accessible", 0), ("direction_id", 0)):
        if column not in trips.columns:
            trips[column] = pd.array([default] * len(trips), dtype="Int64")
        trips[column] = trips[column].fillna(default)
    for column in ("trip_headsign", "shape_id"):
        if column not in trips.columns:
            trips[column] = pd.array([pd.NA] * len(trips), dtype="string")
    routes = tables["routes"]
    for column in ("route_short_name", "route_long_name", "route_color", "route_text_color",
                   "agency_id"):
        if column not in routes.columns:
            routes[column] = pd.array([pd.NA] * len(routes), dtype="string")
    unknown_route = ~trips["route_id"].isin(routes["route_id"])
    _fail_on(unknown_route, trips, "route_id", "unknown route_id {!r}")
    unknown_stop = ~stop_times["stop_id"].isin(stops["stop_id"])
    _fail_on(unknown_stop, stop_times, "stop_id", "unknown stop_id {!r}")
    unknown_trip = ~stop_times["trip_id"].isin(trips["trip_id"])
    _fail_on(unknown_trip, stop_times, "trip_id", "unknown trip_id {!r}")
    for column in ("pickup_type", "drop_off_type"):
        if column not in stop_times.columns:
            stop_times[column] = pd.array([0] * len(stop_times), dtype="Int64")
        stop_times[column] = stop_times[column].fillna(0)
    stop_times[ROW_COLUMN] = np.arange(2, len(stop_times) + 2)
    stop_times["arr_s"] = _times_s(stop_times, "arrival_time", allow_empty=True)
    stop_times["dep_s"] = _times_s(stop_times, "departure_time", allow_empty=True)
    tables["stop_times"] = check_and_fill(stop_times, stops, trips)
    assign_trip_zones(tables)
    check_references(tables)
    if "frequencies" in tables:
        freq = tables["frequencies"]
        freq["start_s"] = _times_s(freq, "start_time", allow_empty=False)
        freq["end_s"] = _times_s(freq, "end_time", allow_empty=False)
        if "exact_times" not in freq.columns:
            freq["exact_times"] = pd.array([0] * len(freq), dtype="Int64")
        freq["exact_times"] = freq["exact_times"].fillna(0)
        _fail_on(~(freq["headway_secs"] > 0).fillna(False), freq, "headway_secs",
                 "headway_secs must be positive, got {!r}")
        _fail_on(~freq["trip_id"].isin(trips["trip_id"]), freq, "trip_id",
                 "unknown trip_id {!r}")


def _fail_on(mask: pd.Series, frame: pd.DataFrame, column: str, message: str) -> None:
    if mask.any():
        row = int(np.flatnonzero(mask.to_numpy())[0])
        raise FeedError(
            message.format(frame[column].iloc[row]),
            file=frame.attrs.get("display"), row=row + 2, column=column,
        )


def _validity(tables: dict[str, pd.DataFrame]) -> tuple[date | None, date | None]:
    """First and last service date: feed_info if given, else the calendar's span."""
    candidates: list[str] = []
    info = tables.get("feed_info")
    if info is not None and len(info) and "feed_start_date" in info.columns:
        start, end = info["feed_start_date"].iloc[0], info["feed_end_date"].iloc[0]
        if pd.notna(start) and pd.notna(end):
            return _ymd(start), _ymd(end)
    if "calendar" in tables:
        candidates += list(tables["calendar"]["start_date"].dropna())
        candidates += list(tables["calendar"]["end_date"].dropna())
    if "calendar_dates" in tables:
        added = tables["calendar_dates"]
        candidates += list(added.loc[added["exception_type"] == 1, "date"].dropna())
    dates = sorted(_ymd(text) for text in candidates)
    return (dates[0], dates[-1]) if dates else (None, None)


def _ymd(text: str) -> date:
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except (ValueError, TypeError) as exc:
        raise FeedError(f"bad date {text!r} (expected YYYYMMDD)") from exc
