"""In-seat continuation (GTFS ``block_id``, ``transfers.txt`` types 4 and 5): which trips of
one service day a passenger rides through without changing vehicle.

Two trips chain when they are consecutive trips of one block (ordered by first departure),
the second leaves the stop the first ends at, no earlier than the first arrives there, and no
``transfer_type`` 5 row (in-seat not allowed) names the pair; a ``transfer_type`` 4 row (in-seat
allowed) chains its two trips on the same conditions even without a shared block. Trips run
from ``frequencies.txt`` templates never chain (their runs have no fixed partner).

The compiler (:mod:`routing.data.compile`) merges each chain into one compiled trip whose
:class:`~routing.kernel.timetable.TripInfo` lists the later trips as ``parts``: riding through
is then one ride for RAPTOR (no transfer counted, no slack), and the legs are split again at the
junction, the later ones marked ``interline_with_previous_leg``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = ["TripRun", "chain_trips", "in_seat_rules", "merge_chain"]


@dataclass
class TripRun:
    """One non-frequency trip's calls as compiled (times in compiled-date seconds)."""

    trip_id: str
    block_id: str | None
    info: int                 # index into the compiler's TripInfo list
    stops: np.ndarray         # int64 stop index per call
    board: tuple[int, ...]    # 1 where pickup is allowed
    alight: tuple[int, ...]   # 1 where drop-off is allowed
    arr: np.ndarray           # int64 seconds
    dep: np.ndarray           # int64 seconds


def in_seat_rules(transfers: pd.DataFrame | None) -> tuple[set[tuple[str, str]],
                                                             set[tuple[str, str]]]:
    """(pairs allowed in-seat by a type 4 row, pairs forbidden by a type 5 row), as
    (from_trip_id, to_trip_id); rows without both trip ids are ignored (GTFS requires them)."""
    allowed: set[tuple[str, str]] = set()
    forbidden: set[tuple[str, str]] = set()
    if transfers is None or not len(transfers) or "from_trip_id" not in transfers:
        return allowed, forbidden
    for row in transfers.itertuples(index=False):
        kind = getattr(row, "transfer_type", pd.NA)
        if pd.isna(kind) or int(kind) not in (4, 5):
            continue
        a, b = getattr(row, "from_trip_id", pd.NA), getattr(row, "to_trip_id", pd.NA)
        if pd.isna(a) or pd.isna(b):
            continue
        (allowed if int(kind) == 4 else forbidden).add((str(a), str(b)))
    return allowed, forbidden


def _joins(a: TripRun, b: TripRun) -> bool:
    """``b`` leaves the stop ``a`` ends at, no earlier than ``a`` arrives there."""
    return int(b.stops[0]) == int(a.stops[-1]) and int(b.dep[0]) >= int(a.arr[-1])


def chain_trips(runs: list[TripRun], allowed: set[tuple[str, str]],
                forbidden: set[tuple[str, str]]) -> list[list[TripRun]]:
    """Group ``runs`` into chains ridden in-seat (each run in exactly one chain, in order;
    a run that chains with nothing is a chain of one)."""
    successor: dict[str, TripRun] = {}
    has_predecessor: set[str] = set()

    def link(a: TripRun, b: TripRun) -> None:
        if a.trip_id in successor or b.trip_id in has_predecessor or a is b:
            return
        if (a.trip_id, b.trip_id) in forbidden or not _joins(a, b):
            return
        successor[a.trip_id] = b
        has_predecessor.add(b.trip_id)

    by_id = {r.trip_id: r for r in runs}
    for a_id, b_id in sorted(allowed):
        if a_id in by_id and b_id in by_id:
            link(by_id[a_id], by_id[b_id])
    blocks: dict[str, list[TripRun]] = {}
    for run in runs:
        if run.block_id:
            blocks.setdefault(run.block_id, []).append(run)
    for members in blocks.values():
        members.sort(key=lambda r: (int(r.dep[0]), r.trip_id))
        for a, b in zip(members, members[1:], strict=False):
            link(a, b)
    chains: list[list[TripRun]] = []
    seen: set[str] = set()
    for run in runs:
        if run.trip_id in has_predecessor or run.trip_id in seen:
            continue
        chain = [run]
        seen.add(run.trip_id)
        while chain[-1].trip_id in successor and successor[chain[-1].trip_id].trip_id not in seen:
            chain.append(successor[chain[-1].trip_id])
            seen.add(chain[-1].trip_id)
        chains.append(chain)
    # a cycle of links (never in a sane feed) leaves runs unseen: ride them alone
    chains.extend([run] for run in runs if run.trip_id not in seen)
    return chains


def merge_chain(chain: list[TripRun]) -> tuple[np.ndarray, tuple[int, ...], tuple[int, ...],
                                                np.ndarray, np.ndarray, list[tuple[int, int]]]:
    """One compiled trip for a chain: (stops, board, alight, arr, dep, parts), where at each
    junction the arrival is the earlier trip's and the departure the later one's, and
    ``parts`` lists (first position, info index) of every trip after the first."""
    first = chain[0]
    stops, arr, dep = [first.stops], [first.arr], [first.dep]
    board, alight = list(first.board), list(first.alight)
    parts: list[tuple[int, int]] = []
    length = len(first.stops)
    for run in chain[1:]:
        junction = length - 1
        dep[-1] = dep[-1].copy()
        dep[-1][-1] = run.dep[0]
        board[junction] = run.board[0]
        stops.append(run.stops[1:])
        arr.append(run.arr[1:])
        dep.append(run.dep[1:])
        board.extend(run.board[1:])
        alight.extend(run.alight[1:])
        parts.append((junction, run.info))
        length += len(run.stops) - 1
    return (np.concatenate(stops), tuple(board), tuple(alight), np.concatenate(arr),
            np.concatenate(dep), parts)
