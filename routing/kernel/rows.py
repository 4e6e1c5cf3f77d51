"""Profile rows of the RAPTOR kernel (:mod:`routing.kernel.raptor`, profile mode): an
int32 ``[n, N_ROW_COLUMNS]`` array of improved ride labels, columns ``ROW_*`` of
:mod:`routing.kernel.query`, grown by half when a round may not fit."""

from __future__ import annotations

import numpy as np
from numba import njit

from routing.kernel.query import (
    ROW_ALIGHT_POS,
    ROW_ARRIVAL_S,
    ROW_BOARD_POS,
    ROW_CLOCK_S,
    ROW_ROUND,
    ROW_ROUTE,
    ROW_STOP,
    ROW_TRIP,
)

__all__ = ["emit_row", "reserve_rows"]


@njit(cache=True, nogil=True, inline="always")
def reserve_rows(rows, n, extra):  # pragma: no cover - compiled
    """``rows`` with room for ``extra`` more after ``n`` (grown by half when short)."""
    if n + extra <= rows.shape[0]:
        return rows
    grown = np.empty((max(n + extra, rows.shape[0] + rows.shape[0] // 2), rows.shape[1]),
                     dtype=rows.dtype)
    grown[:n] = rows[:n]
    return grown


@njit(cache=True, nogil=True, inline="always")
def emit_row(rows, n, stop, rnd, arrival, clock, route, trip, board, alight
             ):  # pragma: no cover - compiled
    """Write row ``n`` (room reserved before); returns the new count."""
    rows[n, ROW_STOP] = stop
    rows[n, ROW_ROUND] = rnd
    rows[n, ROW_ARRIVAL_S] = arrival
    rows[n, ROW_CLOCK_S] = clock
    rows[n, ROW_ROUTE] = route
    rows[n, ROW_TRIP] = trip
    rows[n, ROW_BOARD_POS] = board
    rows[n, ROW_ALIGHT_POS] = alight
    return n + 1
