#!/usr/bin/env python3
"""Build the dataset artefact (``menuju build``): the configured feeds and venues ->
``<ARTEFACT_DIR>/<dataset-id>/`` (manifest.json + .npy arrays), checked and renamed into
place. Prints progress lines on stderr and, last, the artefact folder on stdout.

    python3 scripts/build.py                      # GTFS_FEEDS / VENUES_FILE / ARTEFACT_DIR
    python3 scripts/build.py --feeds tj=/feeds/tj.zip,mrt=/feeds/mrt.zip --days 60

The defaults are the service's (``ARTEFACT_DAYS``, ``PROFILE_DAYS``, none with ``PROFILES=0``),
so the service finds what this builds.

Exit status: 0 built (or already there), 2 bad input (a feed or the venues file fails a
check: one line naming the file, row and column), 1 anything else.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from datetime import date, datetime
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

__all__ = ["main"]


def main(argv: list[str] | None = None, prog: str = "build.py") -> int:
    """Parse arguments, build (or find) the artefact; returns the exit status."""
    from app.config import Settings
    from app.state import JAKARTA, build_settings, feed_sources
    from routing.data.artefact import ArtefactError, prune_artefacts
    from routing.data.gtfs import parse_feeds_spec
    from routing.errors import RoutingError
    from routing.plan.build import ensure_artefact

    settings = Settings()
    defaults = build_settings(settings)   # what the service looks for: the same inputs hash
    parser = argparse.ArgumentParser(prog=prog, description=__doc__.split("\n\n")[0])
    parser.add_argument("--feeds", help="id=path,... (default: GTFS_FEEDS or data/gtfs/*)")
    parser.add_argument("--venues", type=Path, help="venues JSON (default: VENUES_FILE)")
    parser.add_argument("--artefact-dir", type=Path, default=settings.artefact_dir,
                        help=f"where artefacts live (default: {settings.artefact_dir})")
    parser.add_argument("--days", type=int, default=defaults.days,
                        help="dates after today with timetables (default: ARTEFACT_DAYS)")
    parser.add_argument("--profile-days", type=int, default=defaults.profile_days,
                        help="dates from today with venue profiles (default: PROFILE_DAYS, "
                        "0 when PROFILES is off)")
    parser.add_argument("--today", type=date.fromisoformat,
                        help="build as if today were this date (YYYY-MM-DD, Jakarta)")
    parser.add_argument("--force", action="store_true",
                        help="build even when an artefact of the same inputs exists")
    parser.add_argument("--keep", metavar="ID", action="append", default=[],
                        help="an artefact id never to delete when pruning (the serving one)")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = parser.parse_args(argv)

    def progress(line: str) -> None:
        print(f"[build] {line}", file=sys.stderr, flush=True)

    try:
        if args.feeds:
            sources = parse_feeds_spec(args.feeds, settings.gtfs_dir)
            sources = [dataclasses.replace(s, path=s.path.resolve()) for s in sources]
        else:
            sources = feed_sources(settings)
        venues = (args.venues or settings.venues_file).resolve()
        started = time.perf_counter()
        artefact = ensure_artefact(
            sources, venues, args.artefact_dir.resolve(),
            today=args.today or datetime.now(JAKARTA).date(),
            settings=dataclasses.replace(defaults, days=args.days,
                                         profile_days=args.profile_days),
            progress=progress, force=args.force)
        deleted = prune_artefacts(args.artefact_dir.resolve(), {artefact.id, *args.keep})
    except ArtefactError as exc:
        print(f"{prog}: error: {exc}", file=sys.stderr)
        return 1
    except RoutingError as exc:
        print(f"{prog}: error: {exc}", file=sys.stderr)
        return 2
    summary = {**artefact.summary(), "path": str(artefact.root),
               "seconds": round(time.perf_counter() - started, 1), "deleted": deleted}
    print(json.dumps(summary) if args.json else artefact.root)
    return 0


if __name__ == "__main__":
    sys.exit(main())
