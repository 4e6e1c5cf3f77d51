"""routing.data.gtfs: broken feeds fail with one clear line (file, row, column); GTFS_FEEDS parsing;
zips and folders; BOMs; a shape_id without shapes.txt; times past 24:00."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from routing.data.gtfs import FeedSource, load_feed, load_feeds, parse_feeds_spec, parse_time_s
from routing.errors import FeedError
from tests.routing.feedtext import parse_blocks, plan_lines, run, write_feed

VALID = """
# stops.txt
stop_id,stop_name,stop_lat,stop_lon
A,Alpha,-6.2000,106.8000
B,Beta,-6.2100,106.8000
# routes.txt
route_id,route_short_name,route_type
R1,R1,3
# trips.txt
route_id,service_id,trip_id,shape_id
R1,S,T1,SH1
# stop_times.txt
trip_id,arrival_time,departure_time,stop_id,stop_sequence
T1,23:50:00,23:50:00,A,1
T1,25:10:05,25:10:05,B,2
"""


def _feed(tmp_path: Path, text: str = VALID, **replace: str) -> Path:
    """Write VALID (or ``text``) with whole files replaced: ``stops="...csv..."``."""
    folder = write_feed(tmp_path / "f", text)
    for name, body in replace.items():
        path = folder / f"{name}.txt"
        if body is None:
            path.unlink()
        else:
            path.write_text(body.lstrip(), encoding="utf-8")
    return folder


def _error(folder: Path) -> str:
    with pytest.raises(FeedError) as info:
        load_feed(FeedSource("f", folder))
    return str(info.value)


def test_valid_feed_loads_with_qualified_ids_and_times_past_midnight(tmp_path):
    feed = load_feed(FeedSource("f", _feed(tmp_path)))
    assert sorted(feed.tables.stops["stop_id"]) == ["f:A", "f:B"]
    times = feed.tables.stop_times.sort_values("stop_sequence")
    assert list(times["dep_s"]) == [23 * 3600 + 50 * 60, 25 * 3600 + 10 * 60 + 5]
    assert parse_time_s("25:10:05") == 90_605


def test_missing_column_names_file_and_column(tmp_path):
    folder = _feed(tmp_path, stops="stop_id,stop_name,stop_lon\nA,Alpha,106.8\nB,Beta,106.8\n")
    assert _error(folder) == f"{folder}/stops.txt, column stop_lat: required column is missing"


def test_bad_time_names_file_row_and_column(tmp_path):
    folder = _feed(tmp_path, stop_times="""
trip_id,arrival_time,departure_time,stop_id,stop_sequence
T1,23:50:00,23:50:00,A,1
T1,25:7x:00,25:10:00,B,2
""")
    assert _error(folder) == (
        f"{folder}/stop_times.txt, row 3, column arrival_time: bad time '25:7x:00' "
        "(expected HH:MM:SS)")


def test_unknown_stop_in_stop_times(tmp_path):
    folder = _feed(tmp_path, stop_times="""
trip_id,arrival_time,departure_time,stop_id,stop_sequence
T1,08:00:00,08:00:00,A,1
T1,08:10:00,08:10:00,ZZ,2
""")
    assert _error(folder) == (
        f"{folder}/stop_times.txt, row 3, column stop_id: unknown stop_id 'f:ZZ'")


def test_missing_required_file(tmp_path):
    folder = _feed(tmp_path, trips=None)
    assert _error(folder) == f"{folder}/trips.txt: required file is missing"


def test_bad_zip(tmp_path):
    path = tmp_path / "broken.zip"
    path.write_bytes(b"this is not a zip archive")
    with pytest.raises(FeedError, match=r"broken\.zip is not a readable zip file"):
        load_feed(FeedSource("f", path))


def test_missing_path(tmp_path):
    with pytest.raises(FeedError, match="does not exist"):
        load_feed(FeedSource("f", tmp_path / "nowhere"))


def test_feeds_spec_with_a_zip_and_a_folder(tmp_path):
    folder = _feed(tmp_path)
    archive = tmp_path / "other.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for name, body in parse_blocks(VALID).items():
            zf.writestr(f"gtfs/{name}", body)         # members in a sub-folder are fine
        zf.writestr("agency.txt", (folder / "agency.txt").read_text())
        zf.writestr("calendar.txt", (folder / "calendar.txt").read_text())
    sources = parse_feeds_spec(f" tj = {archive} , mrt={folder},", tmp_path / "unused")
    assert sources == [FeedSource("tj", archive), FeedSource("mrt", folder)]
    feeds = load_feeds(sources)
    assert [f.feed_id for f in feeds] == ["tj", "mrt"]
    assert sorted(feeds[0].tables.stops["stop_id"]) == ["tj:A", "tj:B"]
    assert feeds[0].content_hash == feeds[1].content_hash  # same bytes, same hash


def test_feeds_spec_default_folder_and_errors(tmp_path):
    _feed(tmp_path)
    assert parse_feeds_spec("", tmp_path) == [FeedSource("f", tmp_path / "f")]
    for spec, message in (("justapath", "not of the form id=path"),
                          ("a=x,a=y", "given twice"),
                          ("bad id=x", "may only hold")):
        with pytest.raises(FeedError, match=message):
            parse_feeds_spec(spec, tmp_path)
    with pytest.raises(FeedError, match="no GTFS feed"):
        parse_feeds_spec(None, tmp_path / "f")


def test_utf8_bom_header(tmp_path):
    folder = _feed(tmp_path)
    body = (folder / "stops.txt").read_text(encoding="utf-8")
    (folder / "stops.txt").write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"))
    feed = load_feed(FeedSource("f", folder))
    assert "stop_id" in feed.tables.stops.columns
    assert sorted(feed.tables.stops["stop_id"]) == ["f:A", "f:B"]


def test_shape_id_without_shapes_file_routes_along_the_stops(feed):
    ds = feed(VALID)
    assert plan_lines(ds, "stop:f:A", "stop:f:B", "23:45", num_itineraries=1) == [
        "f:A ~ BUS R1 23:50 25:10 ~ f:B [23:50 25:10 1h20m T0 Rp?]"
    ]
    leg = run(ds, "stop:f:A", "stop:f:B", "23:45", num_itineraries=1).journeys[0].legs[0]
    assert leg.geometry == [(106.8, -6.2), (106.8, -6.21)]
