"""The dataset artefact (issue 12, items 1-3): built once from feeds + venues into an
immutable folder of .npy arrays and a checksummed manifest; served memory-mapped, one
timetable per service pattern; files that fail their checks are never used; no pickle."""

from __future__ import annotations

import dataclasses
import json
import re
import zipfile
from datetime import timedelta
from pathlib import Path

import numpy as np
import pytest

from routing.data.artefact import (
    FORMAT_VERSION,
    ArtefactError,
    ArtefactTimetables,
    open_artefact,
    prune_artefacts,
)
from routing.data.dataset import load_dataset
from routing.errors import FeedError, NoServiceError
from routing.journeys import Query, format_journey
from routing.plan.build import BuildSettings, ensure_artefact
from routing.plan.planner import plan
from routing.plan.profile_store import ProfileStore
from routing.plan.profiles import VenueProfile
from tests.artefact.conftest import FAST, TODAY

REPO = Path(__file__).resolve().parents[2]
#: protocol-0 pickle that would run ``os.system("touch <marker>")`` if ever unpickled
EVIL = b"cos\nsystem\n(S'touch {marker}'\ntR."


def _build(tiny, root: Path, **kwargs):
    sources, venues_file = tiny
    return ensure_artefact(sources, venues_file, root, today=TODAY,
                           settings=kwargs.pop("settings", FAST), **kwargs)


def test_manifest_lists_every_file_with_checksum_dtype_shape(tiny, tmp_path: Path) -> None:
    art = _build(tiny, tmp_path / "art")
    manifest = json.loads((art.root / "manifest.json").read_text())
    assert manifest["format"] == FORMAT_VERSION and manifest["id"] == art.root.name
    assert manifest["feeds"][0]["content_hash"] and manifest["inputs"]["venues_sha256"]
    assert manifest["inputs"]["feeds"][0]["sha256"]
    # weekdays, Fridays, Saturdays, Sundays and Mondays differ in their night bridge
    assert 3 <= len(manifest["patterns"]) <= 7
    assert sum(len(p["dates"]) for p in manifest["patterns"].values()) == len(manifest["dates"])
    on_disk = {str(p.relative_to(art.root)) for p in art.root.rglob("*") if p.is_file()}
    assert on_disk == set(manifest["files"]) | {"manifest.json"}
    for rel, entry in manifest["files"].items():
        if rel.endswith(".npy"):
            array = np.load(art.root / rel, mmap_mode="r", allow_pickle=False)
            assert array.dtype.str == entry["dtype"] and list(array.shape) == entry["shape"]
    assert not list((tmp_path / "art").glob(".tmp-*"))


def test_served_answers_equal_the_compiled_ones_for_every_date(tiny, tmp_path: Path) -> None:
    art = _build(tiny, tmp_path / "art")
    sources, venues_file = tiny
    compiled = load_dataset(sources, venues_file)
    tables = ArtefactTimetables(art)
    served = dataclasses.replace(load_dataset(sources, venues_file), timetables=tables)
    store = ProfileStore(served, prebuilt=lambda d, v: tables.profile(VenueProfile, d, v))
    for offset in range(7):
        day = TODAY + timedelta(days=offset)
        has_profiles = bool(art.manifest["patterns"][art.pattern_of(day)]["profiles"])
        for to_venue, query in (
            (True, Query("stop:f:A", "venue:park", day, 7 * 3600 + 50 * 60)),
            (False, Query("stop:f:B", "stop:f:D", day, 9 * 3600, arrive_by=True)),
        ):
            expected = [format_journey(j) for j in plan(compiled, query).journeys]
            assert [format_journey(j) for j in plan(served, query).journeys] == expected
            answered = plan(served, query, profiles=store)
            assert [format_journey(j) for j in answered.journeys] == expected
            assert answered.used_profile == (to_venue and has_profiles)
        if offset < FAST.profile_days:
            assert has_profiles
        assert served.timetable(day).service_date == day
    arr = served.timetable(TODAY).arr_s
    assert isinstance(arr, np.memmap) and not arr.flags.writeable
    assert tables.in_memory <= len(art.manifest["patterns"]) * 2


def test_a_date_outside_the_artefact_is_no_service(tiny, tmp_path: Path) -> None:
    art = _build(tiny, tmp_path / "art")
    sources, venues_file = tiny
    served = dataclasses.replace(load_dataset(sources, venues_file),
                                 timetables=ArtefactTimetables(art))
    later = TODAY + timedelta(days=40)
    assert not served.covers(later)
    with pytest.raises(NoServiceError, match="holds timetables for 2026-11-30 to 2026-12-09"):
        served.timetable(later)


def test_a_second_build_finds_the_first_and_prunes_to_two(tiny, tmp_path: Path) -> None:
    root = tmp_path / "art"
    first = _build(tiny, root)
    assert _build(tiny, root).id == first.id
    ids = {first.id}
    for days in (5, 6, 7):
        ids.add(_build(tiny, root, settings=BuildSettings(days=days, profile_days=0)).id)
    assert len(ids) == 4
    deleted = prune_artefacts(root, keep={first.id})
    assert len(deleted) == 2
    left = sorted(p.name for p in root.iterdir() if not p.name.startswith("."))
    assert first.id in left and len(left) == 2


def test_garbage_and_a_crafted_pickle_are_never_used(tiny, tmp_path: Path) -> None:
    art = _build(tiny, tmp_path / "art")
    marker = tmp_path / "pwned"
    pattern = art.pattern_of(TODAY)
    target = art.root / art.manifest["patterns"][pattern]["timetable"]["fields"]["arr_s"]["npy"]
    size = target.stat().st_size
    payload = EVIL.replace(b"{marker}", str(marker).encode())
    target.write_bytes(payload + b" " * (size - len(payload)))   # same size: only the hash
    (art.root / "extra.pkl").write_bytes(payload)
    reopened = open_artefact(art.root)
    tables = ArtefactTimetables(reopened)
    with pytest.raises(ArtefactError, match="checksum mismatch") as caught:
        tables.timetable(TODAY)
    assert "\n" not in str(caught.value)
    assert not marker.exists()
    (art.root / "manifest.json").write_bytes(b"\x80\x09garbage")
    with pytest.raises(ArtefactError, match="unreadable manifest"):
        open_artefact(art.root)
    assert not marker.exists()


def test_a_file_of_the_wrong_size_refuses_the_whole_artefact(tiny, tmp_path: Path) -> None:
    art = _build(tiny, tmp_path / "art")
    victim = next(p for p in art.root.rglob("*.npy"))
    victim.write_bytes(victim.read_bytes()[:-4])
    with pytest.raises(ArtefactError, match="wrong size"):
        open_artefact(art.root)


def _truncate_stop_times(folder: Path) -> None:
    path = folder / "stop_times.txt"
    lines = path.read_text().splitlines(keepends=True)
    path.write_text("".join(lines[:-2]))   # cut at a row boundary: T2 loses both calls


def _backwards(folder: Path) -> None:
    path = folder / "stop_times.txt"
    path.write_text(path.read_text().replace("T1,08:20:00,08:20:00,C,3",
                                             "T1,07:20:00,07:20:00,C,3"))


@pytest.mark.parametrize("damage", ["truncated", "backwards", "bad zip"])
def test_a_broken_feed_is_refused_and_nothing_is_written(tiny, tmp_path: Path, damage) -> None:
    sources, venues_file = tiny
    folder = sources[0].path
    if damage == "truncated":
        _truncate_stop_times(folder)
    elif damage == "backwards":
        _backwards(folder)
    else:
        bad = tmp_path / "bad.zip"
        with zipfile.ZipFile(bad, "w") as zf:
            for member in folder.glob("*.txt"):
                zf.write(member, member.name)
        bad.write_bytes(bad.read_bytes()[: bad.stat().st_size // 2])
        sources = [dataclasses.replace(sources[0], path=bad)]
    with pytest.raises(FeedError):
        ensure_artefact(sources, venues_file, tmp_path / "art", today=TODAY, settings=FAST)
    assert not [p for p in (tmp_path / "art").iterdir() if p.name != ".build.lock"]


def test_no_pickle_anywhere_in_the_project() -> None:
    """No module imports pickle (or a pickle-based store), and every np.load refuses
    pickled objects."""
    banned = re.compile(r"^\s*(import|from)\s+(pickle|cPickle|shelve|dill|joblib|cloudpickle)\b",
                        re.MULTILINE)
    loads = re.compile(r"np\.load\(([^)]*)\)")
    for path in [*REPO.glob("routing/**/*.py"), *REPO.glob("app/**/*.py"),
                 *REPO.glob("scripts/**/*.py"), *REPO.glob("tests/**/*.py")]:
        text = path.read_text(encoding="utf-8")
        assert not banned.search(text), path
        for call in loads.findall(text):
            assert "allow_pickle=False" in call, (path, call)
