"""A reachability answer as GeoJSON (RFC 7946): a FeatureCollection of nested bands, largest
first (so that drawing in order leaves the shorter bands on top), with what the numbers mean
as foreign members."""

from __future__ import annotations

from typing import Any

from routing.clock import local_datetime
from routing.data.dataset import Dataset
from routing.plan.reach_shapes import REACH_EDGE_M, geojson_geometry
from routing.plan.reachability import Reach

__all__ = ["DEFINITION", "feature_collection"]

DEFINITION = {
    False: "Travel time from a place = earliest arrival at the venue minus `time`, leaving the "
           "place at `time` (waiting for the first vehicle included).",
    True: "Travel time from a place = `time` minus the latest departure from the place that "
          "arrives at the venue by `time`.",
}


def feature_collection(ds: Dataset, reach: Reach) -> dict[str, Any]:
    """The bands of ``reach`` as a FeatureCollection: each Feature's ``properties`` are
    ``minutes``, ``area_km2`` and ``stops``; each band contains the shorter ones."""
    venue = ds.venues[reach.venue_id]
    features = [
        {"type": "Feature",
         "properties": {"minutes": band.minutes, "area_km2": band.area_km2,
                        "stops": band.stops},
         "geometry": geojson_geometry(band.shape)}
        for band in reversed(reach.bands)
    ]
    return {
        "type": "FeatureCollection",
        "features": features,
        "venue": {"id": venue.id, "name": venue.name, "lat": venue.lat, "lon": venue.lon},
        "time": local_datetime(reach.service_date, reach.time_s).isoformat(),
        "arrive_by": reach.arrive_by,
        "wheelchair": reach.settings.wheelchair,
        "definition": DEFINITION[reach.arrive_by],
        "walking": {"max_walk_m": reach.settings.max_walk_m,
                    "walk_speed": reach.settings.walk_speed,
                    "max_transfers": reach.settings.max_transfers},
        "edge_m": REACH_EDGE_M,
        "source": reach.source,
    }
