"""Broken feeds stop the build with file, row and column (issue 11, points 3 and 6).

Each folder under ``tests/fixtures/bad-feeds/`` (and ``bad-fares/``, fares v2 files that
the fare table refuses) is a small feed in which exactly one row
carries an ``expect_error`` value ``<column> | <message>`` (transitland-lib's convention; GTFS
ignores unknown columns). Loading the feed must raise FeedError naming that file, that row as
written in the file, that column, and that message.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from routing.data.fares import FareTable
from routing.data.gtfs import FeedSource, load_feed
from routing.errors import FeedError

BAD = Path(__file__).resolve().parents[1] / "fixtures" / "bad-feeds"
CASES = sorted(p.name for p in BAD.iterdir() if p.is_dir())
BAD_FARES = BAD.parent / "bad-fares"
FARE_CASES = sorted(p.name for p in BAD_FARES.iterdir() if p.is_dir())
#: fixtures broken by a value rather than a trip: (broken text, fixed text)
FIXES = {"unknown-time-zone": ("Asia/Jakrta", "Asia/Jakarta"),
         "unknown-agency": ("R1,B,", "R1,A,"),
         "transfer-unknown-stop": ("S2,S7,", "S2,S3,"),
         "unknown-parent-station": (",STX,", ",STN,")}


def _expected(folder: Path) -> tuple[str, int, str, str]:
    """(file name, row, column, message) of the one row with an ``expect_error`` value."""
    found = []
    for path in sorted(folder.glob("*.txt")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row, record in enumerate(csv.DictReader(handle), start=2):
                if (record.get("expect_error") or "").strip():
                    column, _, message = record["expect_error"].partition(" | ")
                    found.append((path.name, row, column.strip(), message.strip()))
    assert len(found) == 1, f"{folder.name}: want exactly one expect_error row, got {found}"
    return found[0]


def test_every_kind_has_a_fixture():
    assert len(CASES) >= 16 and len(FARE_CASES) >= 6


@pytest.mark.parametrize("name", FARE_CASES)
def test_broken_fares_v2_name_file_row_and_column(name: str) -> None:
    folder = BAD_FARES / name
    file, row, column, message = _expected(folder)
    feed = load_feed(FeedSource("f", folder))          # the feed itself is fine
    with pytest.raises(FeedError) as info:
        FareTable([feed])
    assert str(info.value) == f"{folder}/{file}, row {row}, column {column}: {message}"


@pytest.mark.parametrize("name", CASES)
def test_broken_feed_names_file_row_and_column(name: str) -> None:
    folder = BAD / name
    file, row, column, message = _expected(folder)
    with pytest.raises(FeedError) as info:
        load_feed(FeedSource("f", folder))
    error = info.value
    assert (error.file, error.row, error.column) == (f"{folder}/{file}", row, column)
    assert str(error) == f"{folder}/{file}, row {row}, column {column}: {message}"


@pytest.mark.parametrize("name", CASES)
def test_the_feed_without_the_broken_trip_loads(name: str, tmp_path: Path) -> None:
    """Each fixture is broken by one trip (or one value) alone: drop that trip's rows from
    trips.txt and stop_times.txt (or fix the value) and the rest loads."""
    folder = BAD / name
    file, row, _, _ = _expected(folder)
    with (folder / file).open(encoding="utf-8", newline="") as handle:
        bad = list(csv.DictReader(handle))[row - 2]
    for path in folder.glob("*.txt"):
        text = path.read_text(encoding="utf-8").replace(*FIXES.get(name, ("", "")))
        lines = text.splitlines(keepends=True)
        if path.name in ("trips.txt", "stop_times.txt") and bad.get("trip_id"):
            column = lines[0].rstrip("\n").split(",").index("trip_id")
            lines = [lines[0]] + [line for line in lines[1:]
                                  if line.rstrip("\n").split(",")[column] != bad["trip_id"]]
        (tmp_path / path.name).write_text("".join(lines), encoding="utf-8")
    feed = load_feed(FeedSource("f", tmp_path))
    trips = set(feed.tables.trips["trip_id"])
    assert "f:T2" in trips and f"f:{bad.get('trip_id')}" not in trips
