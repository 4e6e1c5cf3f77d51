"""Short, memorable names for kiosk URLs: ``asean``, ``blok-m``, ``bundaran-hi``.

Slugs are derived from the MRT station names in the loaded feeds: the "Stasiun MRT" prefix and
the naming-rights sponsor at the end ("Blok M BCA" -> ``blok-m``) are dropped. Any boardable
station or stop id (``mrt-jakarta:SASN``) is accepted as well.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from unidecode import unidecode

from routing.data.dataset import Dataset
from routing.memo import BoundedCache

__all__ = ["KioskPlace", "kiosk_places", "resolve_station", "slugify"]

MRT_FEED_PREFIX = "mrt"
_PREFIX = re.compile(r"^(stasiun\s+)?(mrt\s+)?", re.IGNORECASE)
#: Naming-rights partners appended to MRT Jakarta station names (as of 2024).
SPONSORS = ("Bank Jakarta", "Mastercard", "Indomaret", "Mandiri", "Astra", "TUKU", "BSI",
            "BCA", "BNI")


@dataclass(frozen=True)
class KioskPlace:
    """A place a kiosk can stand at: ``id`` is the feed-qualified station or stop id."""

    id: str
    slug: str
    name: str
    short_name: str
    lat: float
    lon: float


def short_station_name(name: str) -> str:
    """"Stasiun MRT Blok M BCA" -> "Blok M"."""
    short = _PREFIX.sub("", name.strip())
    for sponsor in SPONSORS:
        if short.endswith(" " + sponsor):
            short = short[: -len(sponsor) - 1]
            break
    return short.strip() or name


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by hyphens ("Bundaran HI" -> "bundaran-hi")."""
    return re.sub(r"[^a-z0-9]+", "-", unidecode(text).lower()).strip("-")


#: kiosk places by network token (a reloaded network gets a new token)
_PLACES: BoundedCache[str, list[KioskPlace]] = BoundedCache(4)


def kiosk_places(ds: Dataset) -> list[KioskPlace]:
    """Every MRT station with a boardable platform, in the feed's order (line order)."""
    return _PLACES.get_or_build(ds.network.token, lambda: _build_places(ds))


def _build_places(ds: Dataset) -> list[KioskPlace]:
    places: list[KioskPlace] = []
    for node, data in ds.network.graph.nodes(data=True):
        if data.get("kind") != "station" or not str(data.get("feed", "")).startswith(
            MRT_FEED_PREFIX
        ):
            continue
        if not ds.network.platforms_of(node):
            continue
        short = short_station_name(data["name"])
        places.append(KioskPlace(node, slugify(short), data["name"], short,
                                 float(data["lat"]), float(data["lon"])))
    return places


def resolve_station(ds: Dataset, key: str) -> KioskPlace | None:
    """The place for a slug or a station/stop id, or None when nothing matches."""
    key = key.strip()
    for place in kiosk_places(ds):
        if key.lower() in (place.slug, place.id.lower()):
            return place
    # names carry sponsors that change ("ASEAN Headquarters", "Lebak Bulus Bank Syariah
    # Indonesia"): a slug that begins one station's slug, and only one, is that station
    prefixed = [p for p in kiosk_places(ds) if p.slug.startswith(slugify(key) + "-")]
    if slugify(key) and len(prefixed) == 1:
        return prefixed[0]
    graph = ds.network.graph
    candidates = [key]
    feed, _, local = key.partition(":")
    if local:  # "mrt:SASN" -> "mrt-jakarta:SASN"
        candidates += [f"{f.feed_id}:{local}" for f in ds.feeds
                       if f.feed_id.startswith(feed) and f.feed_id != feed]
    for candidate in candidates:
        data = graph.nodes.get(candidate) if candidate in graph else None
        if data is None or data.get("kind") not in ("station", "stop"):
            continue
        if not ds.network.platforms_of(candidate):
            continue
        for place in kiosk_places(ds):
            if place.id == candidate:
                return place
        short = short_station_name(data["name"])
        return KioskPlace(candidate, candidate, data["name"], short,
                          float(data["lat"]), float(data["lon"]))
    return None
