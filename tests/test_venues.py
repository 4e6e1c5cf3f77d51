"""The venues file and routing.data.venues: fields, honesty about positions, clear errors, hours."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from routing.data.venues import JAKARTA_TZ, Venue, load_venues
from routing.errors import VenueFileError

VENUES_FILE = Path(__file__).resolve().parent.parent / "data" / "venues.json"
IDS = {"asean-secretariat", "taman-langsat", "taman-ayodya", "taman-leuser"}


@pytest.fixture(scope="module")
def venues() -> dict[str, Venue]:
    return load_venues(VENUES_FILE)


def minimal(**over: object) -> dict[str, object]:
    venue: dict[str, object] = {
        "id": "park",
        "name": {"id": "Taman", "en": "Park"},
        "description": {"id": "d", "en": "d"},
        "lat": -6.2,
        "lon": 106.8,
        "entrances": [{"id": "gate", "name": "Gate", "lat": -6.2, "lon": 106.8, "step_free": True}],
        "opening_hours": {
            "mon": [["06:00", "18:00"]],
            "sat": [["08:00", "12:00"], ["13:00", "24:00"]],
        },
        "opening_note": None,
        "location_quality": "surveyed",
        "location_note": {"id": "n", "en": "n"},
    }
    venue.update(over)
    return venue


def write(tmp_path: Path, content: object) -> Path:
    path = tmp_path / "venues.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content))
    return path


def test_bundled_venues_load_with_fields(venues: dict[str, Venue], tmp_path: Path) -> None:
    assert set(venues) == IDS
    for v in venues.values():
        assert v.name["id"] and v.name["en"] and v.description["en"]
        assert -6.3 < v.lat < -6.2 and 106.7 < v.lon < 106.9
        assert v.entrances and all(-6.3 < e.lat < -6.2 for e in v.entrances)
        assert v.location_quality in {"surveyed", "approximate"}
        # to_dict has the file's shape: it loads back to the same venue.
        assert load_venues(write(tmp_path, {"venues": [v.to_dict()]}))[v.id] == v


def test_approximate_venues_say_so(venues: dict[str, Venue]) -> None:
    for vid in ("asean-secretariat", "taman-langsat", "taman-leuser"):
        v = venues[vid]
        assert v.location_quality == "approximate"
        assert "estimate" in v.location_note["en"] or "guess" in v.location_note["en"]
        assert "perkiraan" in v.location_note["id"] or "tebakan" in v.location_note["id"]
    assert "gates" in venues["taman-ayodya"].location_note["en"]


def test_unknown_hours_stay_unknown(venues: dict[str, Venue]) -> None:
    assert venues["asean-secretariat"].opening_hours is None
    assert venues["taman-leuser"].is_open(datetime(2026, 3, 2, 10, 0)) is None
    assert venues["taman-ayodya"].is_open(datetime(2026, 3, 2, 23, 30)) is True


def test_is_open_on_a_known_schedule(tmp_path: Path) -> None:
    v = load_venues(write(tmp_path, {"venues": [minimal()]}))["park"]
    monday = datetime(2026, 3, 2, 6, 0)  # naive = Jakarta time
    assert v.is_open(monday) is True
    assert v.is_open(monday.replace(hour=18)) is False  # closing time is exclusive
    assert v.is_open(monday.replace(hour=5, minute=59)) is False
    assert v.is_open(datetime(2026, 3, 3, 10, 0)) is False  # Tuesday missing = closed
    assert v.is_open(datetime(2026, 3, 7, 12, 30)) is False  # Saturday lunch gap
    assert v.is_open(datetime(2026, 3, 7, 23, 59)) is True
    # 23:30 UTC on Sunday is 06:30 WIB on Monday.
    assert v.is_open(datetime(2026, 3, 1, 23, 30, tzinfo=timezone.utc)) is True
    assert v.is_open(datetime(2026, 3, 2, 6, 30, tzinfo=JAKARTA_TZ)) is True
    assert v.entrances[0].name == {"id": "Gate", "en": "Gate"}
    assert v.to_dict()["opening_hours"]["sat"] == [["08:00", "12:00"], ["13:00", "24:00"]]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        ({"venues": [minimal(lat="x")]}, "venue 'park': lat must be a number"),
        (
            {"venues": [{k: v for k, v in minimal().items() if k != "location_note"}]},
            "venue 'park': missing field 'location_note'",
        ),
        (
            {"venues": [{k: v for k, v in minimal().items() if k != "id"}]},
            "venue 1: missing field 'id'",
        ),
        ({"venues": [minimal(lat=-95.0)]}, "lat -95.0 is out of range"),
        ({"venues": [minimal(location_quality="guess")]}, "location_quality must be one of"),
        ({"venues": [minimal(entrances=[])]}, "entrances must be a non-empty list"),
        ({"venues": [minimal(opening_hours={"mon": [["6:00", "18:00"]]})]}, "HH:MM"),
        ({"venues": [minimal(), minimal()]}, "venue 'park': duplicate id"),
    ],
)
def test_broken_files_give_clear_messages(tmp_path: Path, content: object, message: str) -> None:
    path = write(tmp_path, content)
    with pytest.raises(VenueFileError, match=r".*") as info:
        load_venues(path)
    assert str(info.value).startswith(f"{path}: ")
    assert message in str(info.value)


def test_bad_entrance_names_venue_and_entrance(tmp_path: Path) -> None:
    gate = {"id": "g2", "name": "G", "lat": "north", "lon": 106.8, "step_free": None}
    venue = minimal(id="taman-ayodya", entrances=[minimal()["entrances"][0], gate])
    path = write(tmp_path, {"venues": [venue]})
    with pytest.raises(VenueFileError) as info:
        load_venues(path)
    assert str(info.value) == f"{path}: venue 'taman-ayodya' entrance 2: lat must be a number"


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(VenueFileError, match="venues file not found"):
        load_venues(tmp_path / "nope.json")
