"""Words for people: mode names and leg instructions in Indonesian (``id``) and English."""

from __future__ import annotations

__all__ = ["LANGS", "mode_name", "ride_instruction", "walk_instruction"]

LANGS = ("id", "en")

_MODE_NAMES = {
    "WALK": {"id": "Jalan kaki", "en": "Walk"},
    "BUS": {"id": "Bus", "en": "Bus"},
    "SUBWAY": {"id": "MRT", "en": "MRT"},
    "RAIL": {"id": "Kereta", "en": "Train"},
    "TRAM": {"id": "LRT", "en": "LRT"},
    "MONORAIL": {"id": "Monorel", "en": "Monorail"},
    "FERRY": {"id": "Kapal", "en": "Ferry"},
}


def mode_name(mode: str, lang: str) -> str:
    """A mode as people call it in Jakarta (``SUBWAY`` is "MRT")."""
    return _MODE_NAMES.get(mode, {}).get(lang, mode.title())


def _minutes(seconds: int) -> int:
    return max(1, round(seconds / 60))


def walk_instruction(distance_m: int, duration_s: int, to_name: str,
                     via_name: str | None = None) -> dict[str, str]:
    """"Walk 250 m (4 min) via Akses B to Halte CSW 2", in both languages."""
    minutes = _minutes(duration_s)
    via_id = f" lewat {via_name}" if via_name else ""
    via_en = f" via {via_name}" if via_name else ""
    return {
        "id": f"Jalan kaki {distance_m} m ({minutes} menit){via_id} ke {to_name}",
        "en": f"Walk {distance_m} m ({minutes} min){via_en} to {to_name}",
    }


def ride_instruction(mode: str, route: str, headsign: str, board: str, alight: str,
                     stops: int) -> dict[str, str]:
    """"Take MRT NS towards Bundaran HI from Blok M, get off at ASEAN (1 stop)"."""
    towards_id = f" arah {headsign}" if headsign else ""
    towards_en = f" towards {headsign}" if headsign else ""
    return {
        "id": f"Naik {mode_name(mode, 'id')} {route}{towards_id} dari {board}, "
              f"turun di {alight} ({stops} pemberhentian)",
        "en": f"Take {mode_name(mode, 'en')} {route}{towards_en} from {board}, "
              f"get off at {alight} ({stops} stop{'s' if stops != 1 else ''})",
    }
