"""Cross-file references of a GTFS feed: every id that names a row of another file must exist
there, or the build stops with file, row and column (GTFS reference: "Foreign ID referencing").

Checked here: ``stops.parent_station``, ``transfers.txt`` stops, routes and trips,
``pathways.txt`` stops, and ``fare_rules.txt`` fares and routes. stop_times, frequencies and
routes' agencies are checked where they are read, fares v2 in :mod:`routing.data.fares_v2`.
Ids are compared after qualification (``feed:id``); empty optional references are fine.

Not refused: a trip whose ``service_id`` has no dates in calendar.txt or calendar_dates.txt.
It never runs, which is what such a feed says (generated test feeds use this), and no journey
can be wrong because of it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from routing.errors import FeedError

__all__ = ["check_references"]


def _check(frame: pd.DataFrame | None, column: str, known: set[str], what: str) -> None:
    """FeedError at the first row whose non-empty ``column`` is not in ``known``."""
    if frame is None or column not in frame.columns or not len(frame):
        return
    values = frame[column]
    bad = (values.notna() & ~values.isin(list(known))).to_numpy()
    if bad.any():
        row = int(np.flatnonzero(bad)[0])
        raise FeedError(f"unknown {what} {values.iloc[row]!r}", file=frame.attrs.get("display"),
                        row=row + 2, column=column)


def check_references(tables: dict[str, pd.DataFrame]) -> None:
    """Check the references listed in the module docstring; raises FeedError."""
    stops = set(tables["stops"]["stop_id"])
    routes = set(tables["routes"]["route_id"])
    trips = set(tables["trips"]["trip_id"])
    _check(tables["stops"], "parent_station", stops, "parent_station")
    transfers = tables.get("transfers")
    for end in ("from", "to"):
        _check(transfers, f"{end}_stop_id", stops, "stop_id")
        _check(transfers, f"{end}_route_id", routes, "route_id")
        _check(transfers, f"{end}_trip_id", trips, "trip_id")
        _check(tables.get("pathways"), f"{end}_stop_id", stops, "stop_id")
    if "fare_attributes" in tables:
        _check(tables.get("fare_rules"), "fare_id", set(tables["fare_attributes"]["fare_id"]),
               "fare_id")
    _check(tables.get("fare_rules"), "route_id", routes, "route_id")
