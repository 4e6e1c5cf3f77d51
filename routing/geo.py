"""Distances on the WGS84 sphere, in metres, scalar and vectorised."""

from __future__ import annotations

import math

import numpy as np

__all__ = ["EARTH_RADIUS_M", "haversine_m", "haversine_many_m", "haversine_pairs_m",
           "path_length_m", "walk_time_s"]

EARTH_RADIUS_M = 6_371_008.8


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres between two points."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def haversine_many_m(lat: float, lon: float, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    """Distances in metres from one point to arrays of points."""
    p1, p2 = math.radians(lat), np.radians(lats)
    dp, dl = p2 - p1, np.radians(lons - lon)
    a = np.sin(dp / 2) ** 2 + math.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * np.arcsin(np.minimum(1.0, np.sqrt(a)))


def haversine_pairs_m(lat1: np.ndarray, lon1: np.ndarray, lat2: np.ndarray, lon2: np.ndarray
                      ) -> np.ndarray:
    """Distances in metres between paired points: element i is from (lat1[i], lon1[i]) to
    (lat2[i], lon2[i]) (arrays of one shape, or broadcastable)."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    a = (np.sin((p2 - p1) / 2) ** 2
         + np.cos(p1) * np.cos(p2) * np.sin(np.radians(np.subtract(lon2, lon1)) / 2) ** 2)
    return 2 * EARTH_RADIUS_M * np.arcsin(np.minimum(1.0, np.sqrt(a)))


def path_length_m(lats: np.ndarray, lons: np.ndarray) -> float:
    """Length in metres of a polyline through the given points."""
    if len(lats) < 2:
        return 0.0
    return float(haversine_pairs_m(lats[:-1], lons[:-1], lats[1:], lons[1:]).sum())


def walk_time_s(walk_m: float | np.ndarray, speed_mps: float) -> int | np.ndarray:
    """The walking model's one conversion from metres walked to whole seconds (rounded up):
    an int for a number, an int32 array for an array. ``speed_mps`` must be > 0."""
    if isinstance(walk_m, np.ndarray):
        return np.ceil(walk_m / speed_mps).astype(np.int32)
    return math.ceil(walk_m / speed_mps)
