"""Events from iCalendar files: recurring events expanded, tied to venues, listed per venue,
planned to (arriving EVENT_BUFFER_MIN before the start), in the CLI and on the kiosk."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from app.events import event_config, events_for
from routing.clock import JAKARTA_TZ
from routing.data.events import EventFileError, load_events, venue_for_location
from routing.data.venues import load_venues
from tests.api.conftest import DAY, assert_problem

ROOT = Path(__file__).resolve().parents[2]
VENUES = load_venues(ROOT / "data" / "venues.json")
TOUR = "sample-asean-gallery-tour@20261201T1400"


def _jkt(*args: int) -> datetime:
    return datetime(*args, tzinfo=JAKARTA_TZ)


def test_sample_calendar_expands_recurring_events(sample_events: Path) -> None:
    events = load_events([sample_events], VENUES, today=date(2026, 12, 1))
    tours = [e for e in events.events if e.uid.startswith("sample-asean-gallery-tour@")]
    week = [e for e in tours if _jkt(2026, 11, 30) <= e.start < _jkt(2026, 12, 7)]
    assert [e.start.strftime("%a %H:%M") for e in week] == [
        "Mon 14:00", "Tue 14:00", "Wed 14:00", "Thu 14:00", "Fri 14:00"]
    assert all(e.title.startswith("[Sample]") for e in events.events)  # marked as sample data
    forum = events.by_uid("sample-langsat-forum-2026")
    assert forum is not None and forum.start == _jkt(2026, 12, 1, 9)  # 02:00Z is 09:00 WIB
    assert forum.venue_id == "taman-langsat"  # by LOCATION text
    evening = [e for e in events.events if e.uid.startswith("sample-asean-culture-evening@")]
    assert evening[0].start == _jkt(2026, 12, 4, 19)  # first Friday of the month
    assert events.by_uid(TOUR).venue_id == "asean-secretariat"  # X-MENUJU-VENUE


def test_location_text_finds_the_venue_by_any_name() -> None:
    assert venue_for_location("Taman Ayodya, Jl. Lamandau III", VENUES) == "taman-ayodya"
    assert venue_for_location("Kalihiman ng ASEAN", VENUES) == "asean-secretariat"
    assert venue_for_location("Monas", VENUES) is None


def test_an_event_at_no_venue_names_the_file_and_uid(tmp_path: Path) -> None:
    ics = tmp_path / "bad.ics"
    ics.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:lost-1\r\n"
                   "DTSTAMP:20261101T000000Z\r\nDTSTART:20261201T100000\r\nSUMMARY:Somewhere\r\n"
                   "LOCATION:Monas\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    with pytest.raises(EventFileError, match=r"bad\.ics: event lost-1: LOCATION 'Monas'"):
        load_events([ics], VENUES, today=date(2026, 12, 1))
    with pytest.raises(EventFileError, match="not found"):
        load_events([tmp_path / "none.ics"], VENUES, today=date(2026, 12, 1))


def test_event_config_reads_the_environment() -> None:
    config = event_config({"EVENTS_FILES": "data/events/sample.ics, /x/y.ics",
                           "EVENT_BUFFER_MIN": "25"}, root=ROOT)
    assert config.files == (ROOT / "data/events/sample.ics", Path("/x/y.ics"))
    assert config.buffer_min == 25
    assert event_config({}, root=ROOT).files == () and event_config({}).buffer_min == 10
    with pytest.raises(ValueError, match="EVENT_BUFFER_MIN"):
        event_config({"EVENT_BUFFER_MIN": "-5"})


def test_events_are_read_again_when_the_file_changes(tmp_path: Path) -> None:
    ics = tmp_path / "e.ics"
    text = (ROOT / "data/events/sample.ics").read_text()
    ics.write_text(text)
    config = event_config({"EVENTS_FILES": str(ics)})
    first = events_for(VENUES, config)
    assert events_for(VENUES, config) is first  # cached
    ics.write_text(text.replace("[Sample] People-to-people forum", "[Sample] Renamed forum"))
    renamed = events_for(VENUES, config).by_uid("sample-langsat-forum-2026")
    assert renamed is not None and renamed.title.startswith("[Sample] Renamed")


@pytest.mark.anyio
async def test_venue_events_endpoint(api: httpx.AsyncClient, sample_events: Path) -> None:
    answer = await api.get("/v1/venues/asean-secretariat/events",
                           params={"from": DAY, "to": "2026-12-03"})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert [e["start"] for e in body["events"]] == ["2026-12-01T14:00:00+07:00",
                                                    "2026-12-02T14:00:00+07:00"]
    first = body["events"][0]
    assert first["uid"] == TOUR and first["arrive_by"] == "2026-12-01T13:50:00+07:00"
    assert first["plan"] == f"/v1/plan?to=event:{TOUR}"
    assert_problem(await api.get("/v1/venues/nowhere/events"), 404)
    assert_problem(await api.get("/v1/venues/asean-secretariat/events",
                                 params={"from": DAY, "to": "2026-11-01"}), 400, "to")
    assert_problem(await api.get("/v1/venues/asean-secretariat/events",
                                 params={"from": "soon"}), 400, "from")


@pytest.mark.anyio
async def test_plan_to_an_event_arrives_before_its_start_minus_the_buffer(
        api: httpx.AsyncClient, sample_events: Path) -> None:
    answer = await api.get("/v1/plan", params={"from": "stop:mrt-jakarta:SLBB",
                                               "to": f"event:{TOUR}", "lang": "en"})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["to"]["venue_id"] == "asean-secretariat" and body["itineraries"]
    latest = _jkt(2026, 12, 1, 14) - timedelta(minutes=10)
    for itinerary in body["itineraries"]:
        arrival = datetime.fromisoformat(itinerary["arrival"])
        assert latest - timedelta(minutes=45) <= arrival <= latest
    missing = await api.get("/v1/plan", params={"from": "stop:mrt-jakarta:SLBB",
                                                "to": "event:no-such-event"})
    assert_problem(missing, 404, "to")


def _route(*args: str) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "EVENTS_FILES": "data/events/sample.ics",
           "PYTHONHASHSEED": "0"}
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "route.py"), *args],
                          capture_output=True, text=True, timeout=300, cwd=ROOT, env=env)


def test_cli_lists_events_and_plans_to_one() -> None:
    listed = _route("--list-events", "--at", f"{DAY}T00:00", "--lang", "en")
    assert listed.returncode == 0, listed.stderr
    assert f"event:{TOUR}" in listed.stdout and "2026-12-01 14:00" in listed.stdout
    assert "ASEAN Secretariat" in listed.stdout
    planned = _route("--from", "lebak bulus", "--to", f"event:{TOUR}", "--lang", "en")
    assert planned.returncode == 0, planned.stderr
    assert "arrive by 2026-12-01 13:50" in planned.stdout
