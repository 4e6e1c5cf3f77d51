"""The kiosk browser tests' one Chromium per test module (headless, through Playwright); the
tests asking for it skip where Chromium or Playwright is missing (see test_browser)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """A launched headless Chromium, closed after the module's tests."""
    from tests.kiosk.test_browser import CHROMIUM, LAUNCH_ARGS, sync_api  # skips without them

    with sync_api.sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        try:
            yield launched
        finally:
            launched.close()
