"""Fixtures for the routing tests: inline feeds written into a per-test folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from routing.data.dataset import Dataset
from tests.routing.feedtext import load


@pytest.fixture
def feed(tmp_path: Path) -> Callable[..., Dataset]:
    """``feed(text_or_dict, venues=None)`` -> a Dataset loaded from inline feed text."""

    def make(feeds: dict[str, str] | str, venues: list[dict] | None = None) -> Dataset:
        return load(tmp_path, feeds, venues)

    return make
