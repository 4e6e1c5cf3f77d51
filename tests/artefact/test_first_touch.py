"""The first request for a date costs no file reading (issue 12: 16 dates at once, p95 <=
200 ms): every pattern is read ahead (``ArtefactTimetables.preload``), each file hashed once
per process in the order requests need them, each pattern object read by one thread while
the others wait; and still a file failing its checksum or shape is never used."""

from __future__ import annotations

import json
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest

import routing.data.arrays as arrays
from routing.data.arrays import ArrayFileError
from routing.data.artefact import ArtefactError, ArtefactTimetables, open_artefact
from routing.kernel.timetable import Timetable, TripInfo
from routing.plan.profiles import VenueProfile
from tests.artefact.conftest import TODAY
from tests.artefact.test_artefact import _build


@pytest.fixture
def hashed(monkeypatch) -> list[str]:
    """The names of the files hashed from now on."""
    seen: list[str] = []
    real = arrays.file_sha256

    def counting(path: Path) -> str:
        seen.append(path.name)
        return real(path)

    monkeypatch.setattr(arrays, "file_sha256", counting)
    return seen


def test_after_preload_no_date_reads_or_hashes_a_file(tiny, tmp_path: Path, hashed) -> None:
    art = open_artefact(_build(tiny, tmp_path / "art").root)
    hashed.clear()                   # the build's own hashing
    tables = ArtefactTimetables(art)
    read = tables.preload(VenueProfile, today=TODAY)
    patterns = art.manifest["patterns"]
    assert read == 2 * len(patterns) + sum(len(p["profiles"]) for p in patterns.values())
    assert sorted(hashed) == sorted(Path(rel).name for rel in art.files.files)
    hashed.clear()
    art.files.verify_all()          # the background check finds them all checked
    assert tables.preload(VenueProfile, today=TODAY) == 0
    for offset in range(-1, 9):
        day = TODAY + timedelta(days=offset)
        assert tables.timetable(day).service_date == day
        assert tables.timetable(day, reverse=True).reversed
        assert tables.profile(VenueProfile, day, "park") is None or \
            tables.profile(VenueProfile, day, "park").service_date == day
    assert hashed == []
    fwd = tables.timetable(TODAY)
    assert fwd.infos is tables.timetable(TODAY, reverse=True).infos   # one content, one list
    assert all(isinstance(info, TripInfo) for info in fwd.infos)


def test_files_are_checked_in_the_order_requests_need_them(tiny, tmp_path: Path) -> None:
    art = open_artefact(_build(tiny, tmp_path / "art").root, today=TODAY)
    order = art.files.order
    assert sorted(order) == sorted(art.files.files)
    today_fwd = art.manifest["patterns"][art.pattern_of(TODAY)]["timetable"]
    first = [rel for rel in order if rel.startswith("tt/") and "/fwd." in rel]
    assert order[:len(first)] == first                      # forward timetables first
    assert today_fwd["fields"]["arr_s"]["npy"] in order[:len(first) // len(
        art.manifest["patterns"])]                          # today's pattern before others
    assert [rel for rel in order if rel.startswith("profiles/")] == \
        order[len(order) - sum(1 for r in order if r.startswith("profiles/")):]


def test_concurrent_first_requests_read_a_pattern_once(tiny, tmp_path: Path,
                                                       monkeypatch) -> None:
    art = open_artefact(_build(tiny, tmp_path / "art").root)
    tables = ArtefactTimetables(art)
    loads: list[str] = []
    real = art.files.load
    gate = threading.Barrier(8)

    def slow_load(cls: type, node: dict):
        loads.append(cls.__name__)
        time.sleep(0.05 if cls is Timetable else 0)   # the others arrive meanwhile
        return real(cls, node)

    monkeypatch.setattr(art.files, "load", slow_load)
    got: list[Timetable] = []

    def ask() -> None:
        gate.wait()
        got.append(tables.timetable(TODAY))

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert loads.count("Timetable") == 1 and len(got) == 8
    assert len({id(t.arr_s) for t in got}) == 1


def test_preload_refuses_a_damaged_file_and_never_serves_it(tiny, tmp_path: Path) -> None:
    art = _build(tiny, tmp_path / "art")
    pattern = art.pattern_of(TODAY + timedelta(days=3))
    target = art.root / art.manifest["patterns"][pattern]["reverse"]["fields"]["dep_s"]["npy"]
    data = bytearray(target.read_bytes())
    data[-1] ^= 0xFF                     # the last byte flipped: same size, same header
    target.write_bytes(bytes(data))
    tables = ArtefactTimetables(open_artefact(art.root))
    with pytest.raises(ArtefactError, match="checksum mismatch"):
        tables.preload(today=TODAY)
    with pytest.raises(ArtefactError, match="checksum mismatch"):
        tables.timetable(TODAY + timedelta(days=3), reverse=True)
    assert tables.timetable(TODAY + timedelta(days=3)).service_date   # its other files serve


def test_records_that_do_not_fit_the_class_are_refused(tiny, tmp_path: Path) -> None:
    """A records file whose checksum was rewritten to match (the manifest edited too) but
    whose rows do not fit TripInfo is refused with one line, not a TypeError."""
    art = _build(tiny, tmp_path / "art")
    manifest_path = art.root / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    rel = manifest["patterns"][art.pattern_of(TODAY)]["timetable"]["fields"]["infos"]["records"]
    for payload, error in ((json.dumps([["only", "three", "fields"]]), "do not match TripInfo"),
                           (json.dumps({"not": "a list"}), "do not match TripInfo"),
                           (json.dumps([[1] * 10]), "do not match TripInfo"),
                           ("\x80\x09garbage", "unreadable records")):
        path = art.root / rel
        path.write_bytes(payload.encode("latin-1"))
        manifest["files"][rel].update(sha256=arrays.file_sha256(path),
                                      bytes=path.stat().st_size)
        manifest_path.write_text(json.dumps(manifest))
        tables = ArtefactTimetables(open_artefact(art.root))
        with pytest.raises(ArtefactError, match=error):
            tables.timetable(TODAY)


def test_a_manifest_entry_outside_the_folder_is_refused(tiny, tmp_path: Path) -> None:
    art = open_artefact(_build(tiny, tmp_path / "art").root)
    with pytest.raises(ArrayFileError, match="outside the artefact folder"):
        art.files.verify("../../etc/passwd")
