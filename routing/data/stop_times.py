"""Check ``stop_times.txt`` trip by trip and fill non-timepoint times.

Every rule that a router cannot work around stops the build with a FeedError naming the file,
the row as written in the file (header = row 1) and the column:

- a call at a location that is not a stop or platform (``location_type`` 1 station, 2 entrance,
  3 generic node, 4 boarding area; GTFS reference, stop_times.txt ``stop_id``),
- a ``stop_sequence`` given twice in one trip,
- a trip with fewer than two calls (a row in trips.txt without any, or a single call),
- a trip whose first or last call has no time,
- times going backwards: a departure before the arrival at the same stop, or an arrival before
  an earlier stop's departure (equal times are fine).

After these checks every trip can be compiled; nothing is dropped later.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from routing.errors import FeedError

__all__ = ["ROW_COLUMN", "check_and_fill"]

#: Column holding each stop_times row's line number in its file (kept through sorting).
ROW_COLUMN = "file_row"

_KINDS = {1: "station", 2: "station entrance", 3: "generic node", 4: "boarding area"}


def _clock(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def _fail(frame: pd.DataFrame, mask: np.ndarray, column: str, message) -> None:
    """Raise for the first row of ``mask`` (file order); ``message(i)`` builds the text."""
    if not mask.any():
        return
    rows = frame[ROW_COLUMN].to_numpy()
    i = int(np.flatnonzero(mask)[np.argmin(rows[mask])])
    raise FeedError(message(i), file=frame.attrs.get("display"), row=int(rows[i]),
                    column=column)


def check_and_fill(stop_times: pd.DataFrame, stops: pd.DataFrame,
                   trips: pd.DataFrame) -> pd.DataFrame:
    """Check ``stop_times`` (with ``arr_s``/``dep_s`` already parsed, -1 where empty, and
    ``ROW_COLUMN``) against ``stops`` and ``trips``; return it sorted by trip and sequence with
    empty times interpolated linearly between the trip's timed calls.

    Raises FeedError (file, row, column) on the first broken row; see the module docstring.
    """
    display = stop_times.attrs.get("display")
    _check_locations(stop_times, stops)
    frame = stop_times.sort_values(["trip_id", "stop_sequence"], kind="stable")
    frame = frame.reset_index(drop=True)
    frame.attrs["display"] = display
    trip = frame["trip_id"].to_numpy()
    same_as_prev = np.zeros(len(frame), dtype=bool)
    same_as_prev[1:] = trip[1:] == trip[:-1]
    group = np.cumsum(~same_as_prev)          # 1, 1, 2, 2, 2, ... : the trip of each row
    seq = frame["stop_sequence"].to_numpy()
    twice = same_as_prev & (np.r_[-1, seq[:-1]] == seq)
    _fail(frame, twice, "stop_sequence",
          lambda i: f"stop_sequence {seq[i]} appears twice in trip {trip[i]!r}")
    _check_trip_sizes(frame, trips, group)
    first = ~same_as_prev
    last = np.r_[~same_as_prev[1:], True]
    arr, dep = frame["arr_s"].to_numpy(), frame["dep_s"].to_numpy()
    arr = np.where(arr < 0, dep, arr)
    dep = np.where(dep < 0, arr, dep)
    untimed = arr < 0
    _fail(frame, untimed & first, "arrival_time",
          lambda i: f"the first stop of trip {trip[i]!r} needs arrival_time and departure_time"
          " (or one of them)")
    _fail(frame, untimed & last, "arrival_time",
          lambda i: f"the last stop of trip {trip[i]!r} needs arrival_time and departure_time"
          " (or one of them)")
    _fail(frame, dep < arr, "departure_time",
          lambda i: f"departure_time {_clock(dep[i])} is before arrival_time "
          f"{_clock(arr[i])} at this stop (trip {trip[i]!r})")
    # the latest departure of an earlier timed call of the same trip (-1 for none)
    shifted = np.r_[-1, np.where(untimed, -1, dep)[:-1]]
    before = pd.Series(np.where(same_as_prev, shifted, -1)).groupby(group).cummax().to_numpy()
    backwards = ~untimed & (arr < before)
    _fail(frame, backwards, "arrival_time",
          lambda i: f"arrival_time {_clock(arr[i])} is before an earlier stop's departure "
          f"{_clock(int(before[i]))}: times go backwards along trip {trip[i]!r}")
    if untimed.any():
        series = pd.Series(np.where(untimed, np.nan, arr).astype("float64"))
        filled = series.groupby(group).transform(lambda s: s.interpolate(limit_area="inside"))
        arr = np.where(untimed, np.rint(filled.to_numpy()), arr).astype(np.int64)
        dep = np.where(untimed, arr, dep)
    frame["arr_s"] = arr
    frame["dep_s"] = dep
    return frame


def _check_locations(stop_times: pd.DataFrame, stops: pd.DataFrame) -> None:
    """Every call must be at a stop or platform (location_type 0)."""
    kind = stops.set_index("stop_id")["location_type"]
    location = stop_times["stop_id"].map(kind).fillna(0).to_numpy(dtype=np.int64)
    if not (location != 0).any():
        return
    children = stops.loc[stops["location_type"] == 0].groupby("parent_station")["stop_id"]
    platforms = {str(k): sorted(map(str, v)) for k, v in children}
    ids = stop_times["stop_id"].to_numpy()

    def message(i: int) -> str:
        text = (f"stop_id {ids[i]!r} is a {_KINDS.get(int(location[i]), 'non-stop location')} "
                f"(location_type {location[i]}); a trip may only call at a stop or platform "
                "(location_type 0)")
        options = platforms.get(str(ids[i]))
        if options:
            text += f": use one of its platforms ({', '.join(options[:4])})"
        return text

    _fail(stop_times, location != 0, "stop_id", message)


def _check_trip_sizes(frame: pd.DataFrame, trips: pd.DataFrame, group: np.ndarray) -> None:
    """Every trip has at least two calls (``group``: each sorted row's trip number, from 1)."""
    lonely = np.bincount(group)[group] < 2
    trip = frame["trip_id"].to_numpy()
    _fail(frame, lonely, "trip_id",
          lambda i: f"trip {trip[i]!r} has only one stop_times row (a trip needs at least two)")
    empty = ~trips["trip_id"].isin(frame["trip_id"].unique()).to_numpy()
    if empty.any():
        i = int(np.flatnonzero(empty)[0])
        raise FeedError(
            f"trip {trips['trip_id'].iloc[i]!r} has no stop_times rows (a trip needs at least "
            "two)", file=trips.attrs.get("display"), row=i + 2, column="trip_id")
