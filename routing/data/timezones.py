"""Feed time zones: check ``agency_timezone``/``stop_timezone`` names and convert a feed's
service-day times to Jakarta service-day times.

GTFS times count from "noon minus 12 h" of the service date in the agency's time zone
(``stop_times.txt`` times are in ``agency_timezone``, never in ``stop_timezone``: GTFS reference,
stops.txt ``stop_timezone``). Menuju's times count from midnight of the same date in
Asia/Jakarta (UTC+07:00, no DST, so its noon minus 12 h is midnight). A feed time ``t`` on
service date ``d`` is therefore ``t + service_day_shift_s(tz, d)`` Jakarta seconds; the shift is
taken for that date, so a zone with daylight saving is converted right on each date.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np
import pandas as pd

from routing.clock import JAKARTA_TZ
from routing.errors import FeedError

__all__ = [
    "JAKARTA_ZONE_NAMES", "assign_trip_zones", "check_zone", "service_day_shift_s", "zone",
]

#: Zone names that are Jakarta time on every date (no conversion needed).
JAKARTA_ZONE_NAMES = frozenset({"Asia/Jakarta", "Asia/Pontianak"})


@lru_cache(maxsize=64)
def zone(name: str) -> ZoneInfo:
    """The zoneinfo zone of an IANA name (cached); ZoneInfoNotFoundError if unknown."""
    return ZoneInfo(name)


def check_zone(name: object, *, file: str | None, row: int, column: str) -> str:
    """The IANA zone ``name`` stripped, or FeedError naming file, row and column when it is
    empty or not a zone this machine knows (zoneinfo database)."""
    text = "" if name is None else str(name).strip()
    if not text or text == "<NA>":
        raise FeedError("time zone is empty", file=file, row=row, column=column)
    try:
        zone(text)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise FeedError(f"{text!r} is not an IANA time zone (e.g. Asia/Jakarta)",
                        file=file, row=row, column=column) from exc
    return text


@lru_cache(maxsize=4096)
def service_day_shift_s(zone_name: str, day: date) -> int:
    """Seconds to add to a GTFS time of service date ``day`` in ``zone_name`` to get seconds
    since midnight of ``day`` in Jakarta: 0 for Jakarta, -3,600 for Asia/Makassar (09:00 WITA is
    08:00 WIB), +1,800 for Asia/Yangon. The zone's offset at noon of ``day`` is used (GTFS
    "noon minus 12 h"), so daylight-saving dates are exact."""
    if zone_name in JAKARTA_ZONE_NAMES:
        return 0
    noon = datetime.combine(day, time(12), tzinfo=zone(zone_name))
    origin = noon.astimezone(UTC) - timedelta(hours=12)   # "noon minus 12 h", an instant
    jakarta_midnight = datetime.combine(day, time(0), tzinfo=JAKARTA_TZ)
    return int((origin - jakarta_midnight).total_seconds())


def assign_trip_zones(tables: dict[str, pd.DataFrame]) -> None:
    """Check every ``agency_timezone`` (and ``stop_timezone``) and give each trip its agency's
    zone in ``trips.agency_tz`` (the zone its stop_times are written in); the first agency's
    zone goes to ``trips.attrs["timezone"]``. Raises FeedError (file, row, column) for an
    unknown zone or a route naming an unknown agency."""
    agency, routes, trips = tables["agency"], tables["routes"], tables["trips"]
    display = agency.attrs.get("display")
    zones = [check_zone(z, file=display, row=i + 2, column="agency_timezone")
             for i, z in enumerate(agency["agency_timezone"])]
    if not zones:
        raise FeedError("needs at least one agency", file=display)
    by_agency = dict(zip(agency["agency_id"], zones, strict=True)) \
        if "agency_id" in agency.columns else {}
    if by_agency:
        unknown = routes["agency_id"].notna() & ~routes["agency_id"].isin(list(by_agency))
        if unknown.any():
            i = int(np.flatnonzero(unknown.to_numpy())[0])
            raise FeedError(f"unknown agency_id {routes['agency_id'].iloc[i]!r}",
                            file=routes.attrs.get("display"), row=i + 2, column="agency_id")
    route_zone = routes["agency_id"].map(by_agency).fillna(zones[0])
    trips["agency_tz"] = trips["route_id"].map(
        dict(zip(routes["route_id"], route_zone, strict=True))).astype("string")
    trips.attrs["timezone"] = zones[0]
    stops = tables["stops"]
    if "stop_timezone" in stops.columns:
        for k in np.flatnonzero(stops["stop_timezone"].notna().to_numpy()):
            check_zone(stops["stop_timezone"].iloc[k], file=stops.attrs.get("display"),
                       row=int(k) + 2, column="stop_timezone")
