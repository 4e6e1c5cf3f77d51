"""ProfileStore.ready_on counts the venues a date's plans can be answered for from profiles,
prebuilt (an artefact's) or built in this process (the /metrics gauge
menuju_venue_profiles_ready, which scripts/replicas.py waits for)."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from routing.plan.profile_store import ProfileStore

DAY = date(2026, 12, 1)


def test_ready_on_counts_prebuilt_and_built_profiles() -> None:
    ds = SimpleNamespace(venues={"park": None, "hall": None, "gate": None})
    prebuilt = {(DAY, "park"): "profile of park"}
    store = ProfileStore(ds, prebuilt=lambda day, venue: prebuilt.get((day, venue)))  # type: ignore[arg-type]
    assert store.ready_on(DAY) == 1
    assert store.ready_on(date(2026, 12, 2)) == 0
    store._profiles[(DAY, "hall")] = "built here"  # type: ignore[assignment]
    assert store.ready_on(DAY) == 2 and store.ready_count == 1
