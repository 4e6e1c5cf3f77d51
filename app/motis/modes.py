"""MOTIS transport modes: from GTFS ``route_type`` (basic and extended), and the mode lists
of ``transitModes``/``directModes``/``mode`` checked against what Menuju runs.

Jakarta's services map as: MRT (route_type 1, extended 400-404) -> ``SUBWAY``; TransJakarta
(3, 700-716) -> ``BUS``; KRL Commuter Line (2 or 109) -> ``SUBURBAN`` (extended 106:
``REGIONAL_RAIL``, other rail ``RAIL``); LRT (0, 900-906) -> ``TRAM``; walking -> ``WALK``.
"""

from __future__ import annotations

from app.errors import InvalidParameterError

__all__ = [
    "MOTIS_MODES",
    "STREET_MODES",
    "allowed_transit_modes",
    "check_direct_modes",
    "motis_mode",
]

#: Every value of MOTIS's ``Mode`` enum (requests naming anything else are a 400).
MOTIS_MODES = frozenset({
    "WALK", "BIKE", "RENTAL", "CAR", "HGV", "CAR_PARKING", "CAR_DROPOFF", "ODM",
    "RIDE_SHARING", "FLEX", "DEBUG_BUS_ROUTE", "DEBUG_RAILWAY_ROUTE", "DEBUG_FERRY_ROUTE",
    "TRANSIT", "TRAM", "SUBWAY", "FERRY", "AIRPLANE", "BUS", "COACH", "RAIL",
    "HIGHSPEED_RAIL", "LONG_DISTANCE", "NIGHT_RAIL", "REGIONAL_FAST_RAIL", "REGIONAL_RAIL",
    "SUBURBAN", "FUNICULAR", "AERIAL_LIFT", "OTHER", "AREAL_LIFT", "METRO", "CABLE_CAR",
})
#: Street modes: only WALK exists in Menuju.
STREET_MODES = frozenset({"WALK", "BIKE", "RENTAL", "CAR", "HGV", "CAR_PARKING",
                          "CAR_DROPOFF", "FLEX"})
#: MOTIS's meta modes, expanded as its Mode description says (RAIL includes SUBWAY).
_META = {
    "TRANSIT": {"TRAM", "SUBWAY", "FERRY", "AIRPLANE", "BUS", "COACH", "RAIL", "HIGHSPEED_RAIL",
                "LONG_DISTANCE", "NIGHT_RAIL", "REGIONAL_RAIL", "SUBURBAN", "FUNICULAR",
                "AERIAL_LIFT", "OTHER"},
    "RAIL": {"HIGHSPEED_RAIL", "LONG_DISTANCE", "NIGHT_RAIL", "REGIONAL_RAIL", "SUBURBAN",
             "SUBWAY", "RAIL"},
    "REGIONAL_FAST_RAIL": {"REGIONAL_RAIL"},
    "METRO": {"SUBURBAN"},
    "AREAL_LIFT": {"AERIAL_LIFT"},
    "CABLE_CAR": {"AERIAL_LIFT"},
}
_BASIC = {0: "TRAM", 1: "SUBWAY", 2: "SUBURBAN", 3: "BUS", 4: "FERRY", 5: "TRAM",
          6: "AERIAL_LIFT", 7: "FUNICULAR", 11: "BUS", 12: "RAIL"}
_EXTENDED_RAIL = {101: "HIGHSPEED_RAIL", 102: "LONG_DISTANCE", 105: "NIGHT_RAIL",
                  106: "REGIONAL_RAIL", 109: "SUBURBAN"}
#: Extended route type ranges (HVT codes) -> mode, first match wins.
_EXTENDED = (
    (100, 199, "RAIL"), (200, 299, "COACH"), (400, 499, "SUBWAY"), (700, 799, "BUS"),
    (800, 899, "BUS"), (900, 999, "TRAM"), (1000, 1099, "FERRY"), (1100, 1199, "AIRPLANE"),
    (1200, 1299, "FERRY"), (1300, 1399, "AERIAL_LIFT"), (1400, 1499, "FUNICULAR"),
)


def motis_mode(route_type: int) -> str:
    """The MOTIS mode of a GTFS ``route_type`` (basic 0-12 or extended 100-1799);
    ``OTHER`` for anything unknown."""
    if route_type in _BASIC:
        return _BASIC[route_type]
    if route_type in _EXTENDED_RAIL:
        return _EXTENDED_RAIL[route_type]
    for low, high, mode in _EXTENDED:
        if low <= route_type <= high:
            return mode
    return "OTHER"


def _names(values: list[str], parameter: str) -> list[str]:
    names = [v.strip().upper() for raw in values for v in raw.split(",") if v.strip()]
    unknown = [n for n in names if n not in MOTIS_MODES]
    if unknown:
        raise InvalidParameterError(
            f"'{parameter}': unknown mode {unknown[0][:30]!r}; modes are MOTIS's (e.g. "
            "TRANSIT, BUS, SUBWAY, RAIL, TRAM, WALK).", parameter=parameter)
    return names


def allowed_transit_modes(values: list[str] | None, served: set[str],
                          parameter: str = "transitModes") -> set[str]:
    """The modes (of ``served``, the modes of the loaded routes) a ``transitModes`` or
    ``mode`` list allows; None or an absent parameter means ``TRANSIT`` (all). An empty
    list (``transitModes=``) allows none. A mode Menuju does not run (FERRY, AIRPLANE, ...,
    or a street mode) is a 400 naming the modes it has."""
    if values is None:
        return set(served)
    allowed: set[str] = set()
    for name in _names(values, parameter):
        expanded = _META.get(name, {name})
        if name in STREET_MODES or not expanded & served:
            have = ", ".join(sorted(served | {"TRANSIT"}))
            raise InvalidParameterError(
                f"'{parameter}': Menuju has no {name} service; it plans with {have}.",
                parameter=parameter)
        allowed |= expanded & served
    return allowed


def check_direct_modes(values: list[str] | None) -> bool:
    """Whether direct (walk-only) itineraries are wanted: ``directModes`` absent means
    ``WALK`` (yes), empty means none; any mode but WALK is a 400 (Menuju plans no cycling,
    driving or rental)."""
    if values is None:
        return True
    names = _names(values, "directModes")
    other = [n for n in names if n != "WALK"]
    if other:
        raise InvalidParameterError(
            f"'directModes': Menuju plans direct journeys on foot only (WALK); {other[0]} is "
            "not supported.", parameter="directModes")
    return bool(names)
