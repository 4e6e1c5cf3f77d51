"""Words for people: mode names and leg instructions, as :class:`routing.i18n.Message`
objects that render in any of :data:`routing.i18n.LANGS` (``leg.instruction["th"]``).

Place and route names stay as the feeds write them; only the words around them translate.
"""

from __future__ import annotations

from routing.i18n import LANGS, Message, msg, nmsg

__all__ = ["LANGS", "mode_message", "mode_name", "ride_instruction", "walk_instruction"]

_MODE_MESSAGES = {
    "WALK": msg("Walk"),
    "BUS": msg("Bus"),
    "SUBWAY": msg("MRT"),
    "RAIL": msg("Train"),
    "TRAM": msg("LRT"),
    "MONORAIL": msg("Monorail"),
    "FERRY": msg("Ferry"),
}


def mode_message(mode: str) -> Message:
    """A GTFS-derived mode (``SUBWAY``) as people call it in Jakarta ("MRT"), any language;
    modes without a catalog entry keep their name in title case."""
    return _MODE_MESSAGES.get(mode) or Message(mode.title())


def mode_name(mode: str, lang: str) -> str:
    """:func:`mode_message` rendered in ``lang``."""
    return mode_message(mode).render(lang)


def _minutes(seconds: int) -> int:
    return max(1, round(seconds / 60))


def walk_instruction(distance_m: int, duration_s: int, to_name: str,
                     via_name: str | None = None) -> Message:
    """"Walk 250 m (4 min) via Akses B to Halte CSW 2" (``distance_m`` metres walked,
    ``duration_s`` seconds; ``via_name`` the station exit, if any)."""
    minutes = _minutes(duration_s)
    if via_name:
        return msg("Walk {distance} m ({minutes} min) via {exit} to {place}",
                   distance=distance_m, minutes=minutes, exit=via_name, place=to_name)
    return msg("Walk {distance} m ({minutes} min) to {place}",
               distance=distance_m, minutes=minutes, place=to_name)


def ride_instruction(mode: str, route: str, headsign: str, board: str, alight: str,
                     stops: int) -> Message:
    """"Take MRT NS towards Bundaran HI from Blok M, get off at ASEAN (1 stop)" (``stops``:
    how many stops the ride goes on from ``board``)."""
    if headsign:
        return nmsg("Take {mode} {route} towards {headsign} from {board}, get off at {alight} "
                    "({count} stop)",
                    "Take {mode} {route} towards {headsign} from {board}, get off at {alight} "
                    "({count} stops)",
                    stops, mode=mode_message(mode), route=route, headsign=headsign,
                    board=board, alight=alight)
    return nmsg("Take {mode} {route} from {board}, get off at {alight} ({count} stop)",
                "Take {mode} {route} from {board}, get off at {alight} ({count} stops)",
                stops, mode=mode_message(mode), route=route, board=board, alight=alight)
