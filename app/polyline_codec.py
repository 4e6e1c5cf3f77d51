"""Encoded polylines (Google's algorithm) with numpy: the same text as the ``polyline``
package's ``encode``, several times faster on long paths.

A MOTIS plan answer encodes every leg's path (a TransJakarta ride follows its shape: hundreds
of points); the package writes them one character at a time in Python, which took three
quarters of the time of ``/api/v6/plan`` on the real feeds. Short paths (fewer than
:data:`NUMPY_FROM` points) still go through the package, where numpy's set-up costs more.
``tests/api/test_polyline_codec.py`` compares the two on real and random paths.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain

import numpy as np
import polyline

__all__ = ["NUMPY_FROM", "encode"]

#: Paths with at least this many points are encoded with numpy.
NUMPY_FROM = 24
_CHUNKS = 8                                   # 5-bit chunks per value: up to 2**40
_SHIFTS = np.arange(0, 5 * _CHUNKS, 5, dtype=np.int64)
_ORIGIN = np.zeros((1, 2), np.int64)


def encode(points_latlon: Sequence[Sequence[float]], precision: int = 6) -> str:
    """The encoded polyline of (lat, lon) ``points_latlon`` (degrees) keeping ``precision``
    decimal digits: ``polyline.encode(points_latlon, precision)``, the same characters
    (values rounded half away from zero, as the package does). ValueError when empty."""
    if len(points_latlon) == 0:
        raise ValueError("a polyline needs at least one point")
    if len(points_latlon) < NUMPY_FROM:
        return polyline.encode(points_latlon, precision)
    flat = np.fromiter(chain.from_iterable(points_latlon), np.float64,
                       2 * len(points_latlon))
    scaled = flat.reshape(-1, 2) * int(10 ** precision)
    rounded = np.copysign(np.floor(np.abs(scaled) + 0.5), scaled).astype(np.int64)
    deltas = np.diff(rounded, axis=0, prepend=_ORIGIN).ravel()
    zigzag = deltas << 1
    np.invert(zigzag, out=zigzag, where=zigzag < 0)
    if int(zigzag.max()) >> (5 * _CHUNKS):   # beyond 40 bits: not a place on Earth
        return polyline.encode(points_latlon, precision)
    shifted = zigzag[:, None] >> _SHIFTS
    present = shifted > 0
    present[:, 0] = True                     # every value writes at least one chunk
    follows = np.zeros_like(present)         # another chunk of the same value follows
    follows[:, :-1] = present[:, 1:]
    chars = (shifted & 0x1F) + 63 + (follows << 5)
    return chars[present].astype(np.uint8).tobytes().decode("ascii")
