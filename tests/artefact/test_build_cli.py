"""``scripts/build.py`` (``menuju build``) builds what the service looks for: the same
settings as ``app.state.build_settings`` (``PROFILES=0``: no venue profiles), so a service
started with the same environment finds the artefact instead of building another."""

from __future__ import annotations

import dataclasses
import json
from datetime import timedelta
from pathlib import Path

import pytest

from app.config import Settings
from app.state import build_settings
from routing.data.artefact import find_artefact, inputs_of
from scripts import build
from tests.artefact.conftest import TODAY


def _run(tiny, tmp_path: Path, capsys) -> dict:
    sources, venues_file = tiny
    code = build.main(["--feeds", f"f={sources[0].path}", "--venues", str(venues_file),
                       "--artefact-dir", str(tmp_path / "art"), "--today", TODAY.isoformat(),
                       "--days", "6", "--json"])
    out = capsys.readouterr().out
    assert code == 0
    return json.loads(out.strip().splitlines()[-1])


@pytest.mark.parametrize("profiles", ["0", "1"])
def test_build_honours_profiles_as_the_service_does(tiny, tmp_path: Path, capsys,
                                                   monkeypatch, profiles: str) -> None:
    monkeypatch.setenv("PROFILES", profiles)
    monkeypatch.setenv("PROFILE_DAYS", "2")
    summary = _run(tiny, tmp_path, capsys)
    manifest = json.loads((Path(summary["path"]) / "manifest.json").read_text())
    assert manifest["inputs"]["settings"]["profile_days"] == (0 if profiles == "0" else 2)
    assert (summary["profile_patterns"] > 0) == (profiles == "1")
    with_profiles = [p for p in manifest["patterns"].values() if p["profiles"]]
    assert bool(with_profiles) == (profiles == "1")
    # the service, with the same environment, finds this artefact (same inputs hash)
    sources, venues_file = tiny
    settings = dataclasses.replace(build_settings(Settings()), days=6)
    found = find_artefact(tmp_path / "art", inputs_of(sources, venues_file, settings.as_json()),
                          need_from=TODAY, need_to=TODAY + timedelta(days=6))
    assert found is not None and found.id == summary["id"]
