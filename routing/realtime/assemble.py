"""Assembling an overlay timetable: per-route blocks of runs (untouched routes as views of
the served table), changed runs re-sorted, runs that overtake moved to routes of their own,
then flattened into an :class:`OverlayTimetable` (copies: the served arrays are never
written)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import numpy as np

from routing.kernel.timetable import Timetable, TripInfo, flatten_routes

__all__ = ["RT_ADDED", "RT_NONE", "RT_UPDATED", "OverlayTimetable", "Row", "assemble"]

#: ``OverlayTimetable.trip_rt`` values: as scheduled, changed by a TripUpdate, added by one.
RT_NONE, RT_UPDATED, RT_ADDED = 0, 1, 2


@dataclass
class OverlayTimetable(Timetable):
    """A timetable with realtime times; ``sched_arr_s``/``sched_dep_s`` are the scheduled
    times in the same layout, ``trip_rt`` (uint8 per trip) is one of the ``RT_*`` values."""

    sched_arr_s: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))
    sched_dep_s: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))
    trip_rt: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint8))


@dataclass
class Row:
    """One run being assembled: times now, schedule, info index, flag, skipped positions."""

    arr: np.ndarray
    dep: np.ndarray
    sched_arr: np.ndarray
    sched_dep: np.ndarray
    info: int
    rt: int
    skipped: np.ndarray | None = None


@dataclass
class _Block:
    """Runs of one route as matrices (runs x positions), the kernel's order once sorted."""

    arr: np.ndarray
    dep: np.ndarray
    sched_arr: np.ndarray
    sched_dep: np.ndarray
    info: np.ndarray
    rt: np.ndarray

    @classmethod
    def of_rows(cls, rows: list[Row]) -> _Block:
        return cls(np.array([x.arr for x in rows], dtype=np.int32),
                   np.array([x.dep for x in rows], dtype=np.int32),
                   np.array([x.sched_arr for x in rows], dtype=np.int32),
                   np.array([x.sched_dep for x in rows], dtype=np.int32),
                   np.array([x.info for x in rows], dtype=np.int32),
                   np.array([x.rt for x in rows], dtype=np.uint8))

    def take(self, index: np.ndarray) -> _Block:
        return _Block(self.arr[index], self.dep[index], self.sched_arr[index],
                      self.sched_dep[index], self.info[index], self.rt[index])

    def join(self, other: _Block) -> _Block:
        return _Block(*(np.concatenate([a, b]) for a, b in zip(
            dataclasses.astuple(self), dataclasses.astuple(other), strict=True)))


def assemble(base: Timetable, infos: list[TripInfo], changed: dict, added: dict
              ) -> OverlayTimetable:
    """Per-route blocks (untouched routes as views of ``base``), changed runs re-sorted and
    split where they overtake, runs with skipped stops on routes of their own."""
    stops_b, board_b, alight_b = [], [], []
    arr_b, dep_b, sarr_b, sdep_b, info_b, rt_b = [], [], [], [], [], []

    def emit(r: int, board: np.ndarray, alight: np.ndarray, block: _Block | None) -> None:
        stops_b.append(base.route_stops_of(r))
        board_b.append(board)
        alight_b.append(alight)
        if block is None:
            arr, dep = base._block(base.arr_s, r), base._block(base.dep_s, r)
            trips = base.trips_of(r)
            block = _Block(arr, dep, arr, dep, base.trip_info[trips.start:trips.stop],
                           np.zeros(len(trips), np.uint8))
        arr_b.append(block.arr)
        dep_b.append(block.dep)
        sarr_b.append(block.sched_arr)
        sdep_b.append(block.sched_dep)
        info_b.append(block.info)
        rt_b.append(block.rt)

    extra: list[tuple[int, np.ndarray, np.ndarray, _Block]] = []
    for r in range(base.n_routes):
        s0, s1 = base.route_stop_ptr[r], base.route_stop_ptr[r + 1]
        board, alight = base.route_board[s0:s1], base.route_alight[s0:s1]
        if r not in changed and r not in added:
            emit(r, board, alight, None)
            continue
        trips = base.trips_of(r)
        arr, dep = base._block(base.arr_s, r), base._block(base.dep_s, r)
        block = _Block(arr.copy(), dep.copy(), arr, dep,
                       base.trip_info[trips.start:trips.stop].copy(),
                       np.zeros(len(trips), np.uint8))
        keep = np.ones(len(trips), dtype=bool)
        own: list[Row] = []   # runs with skipped stops: a route each
        for t, row in changed.get(r, {}).items():
            i = t - trips.start
            if row is None or (row.skipped is not None and row.skipped.any()):
                keep[i] = False
                if row is not None:
                    own.append(row)
                continue
            block.arr[i], block.dep[i], block.rt[i] = row.arr, row.dep, row.rt
        block = block.take(np.flatnonzero(keep))
        new = [x for x in added.get(r, []) if x.skipped is None or not x.skipped.any()]
        own += [x for x in added.get(r, []) if x.skipped is not None and x.skipped.any()]
        if new:
            block = block.join(_Block.of_rows(new))
        for x in own:
            assert x.skipped is not None
            stay = (~x.skipped).astype(np.uint8)
            extra.append((r, board & stay, alight & stay, _Block.of_rows([x])))
        main, *others = _fifo_split(block)
        emit(r, board, alight, main)
        extra += [(r, board, alight, g) for g in others]
    for r, board, alight, block_ in extra:
        emit(r, board, alight, block_)
    table = flatten_routes(base.service_date, base.n_stops, infos, stops_b, board_b,
                           alight_b, arr_b, dep_b, info_b)
    fields = {f: getattr(table, f) for f in Timetable.__dataclass_fields__}
    return OverlayTimetable(
        **fields, sched_arr_s=_cat(sarr_b), sched_dep_s=_cat(sdep_b),
        trip_rt=np.concatenate(rt_b).astype(np.uint8) if rt_b else np.zeros(0, np.uint8))


def _cat(blocks: list[np.ndarray]) -> np.ndarray:
    if not blocks:
        return np.zeros(0, np.int32)
    return np.concatenate([np.asarray(b).ravel() for b in blocks]).astype(np.int32,
                                                                         copy=False)


def _fifo(arr: np.ndarray, dep: np.ndarray) -> np.ndarray:
    """bool per consecutive pair (j, j + 1): run j + 1 never earlier than run j."""
    return np.asarray((np.diff(arr, axis=0) >= 0).all(axis=1)
                      & (np.diff(dep, axis=0) >= 0).all(axis=1))


def _fifo_split(block: _Block) -> list[_Block]:
    """Sort by first departure (then last arrival); runs that overtake or are overtaken are
    moved off the route (of a conflicting pair, the realtime one; else the later), and the
    moved runs grouped so that none overtakes another (first group that fits). Returns the
    route's block first, then one block per extra route."""
    block = block.take(np.lexsort((block.arr[:, -1], block.dep[:, 0])))
    main = np.arange(len(block.rt))
    moved: list[int] = []
    while len(main) > 1:
        bad = np.flatnonzero(~_fifo(block.arr[main], block.dep[main]))
        if not len(bad):
            break
        drop = {int(main[j]) if block.rt[main[j]] and not block.rt[main[j + 1]]
                else int(main[j + 1]) for j in bad.tolist()}
        moved += sorted(drop)
        main = main[~np.isin(main, list(drop))]
    groups: list[list[int]] = []
    for i in sorted(moved, key=lambda k: (int(block.dep[k, 0]), int(block.arr[k, -1]))):
        for g in groups:
            last = g[-1]
            if (block.arr[i] >= block.arr[last]).all() and (block.dep[i] >= block.dep[last]).all():
                g.append(i)
                break
        else:
            groups.append([i])
    return [block.take(main), *(block.take(np.asarray(g)) for g in groups)]
