"""The ``menuju`` console command: ``menuju route ...``, ``menuju reach ...``,
``menuju build ...`` and ``menuju fetch-feeds ...``."""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

__all__ = ["main"]

USAGE = """usage: menuju {route,reach,build,fetch-feeds} [options]

  route        plan a journey (menuju route --from "lebak bulus" --to asean --at 08:00)
  reach        from where a venue is reached in 30, 45, 60 min (GeoJSON, SVG map)
  build        build the dataset artefact the service serves (feeds + venues -> ARTEFACT_DIR)
  fetch-feeds  download, check and install the GTFS feeds named in feeds.toml

'menuju COMMAND --help' shows a command's options."""


def main(argv: list[str] | None = None) -> int:
    """Dispatch to scripts/route.py, build.py or fetch_feeds.py; returns the exit status."""
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] in ("-h", "--help"):
        print(USAGE, file=sys.stdout if args else sys.stderr)
        return 0 if args else 2
    command, rest = args[0], args[1:]
    if command == "route":
        from scripts import route

        return route.main(rest, prog="menuju route")
    if command == "reach":
        from scripts import reach

        return reach.main(rest, prog="menuju reach")
    if command == "build":
        from scripts import build

        return build.main(rest, prog="menuju build")
    if command == "fetch-feeds":
        from scripts import fetch_feeds

        return fetch_feeds.main(rest, prog="menuju fetch-feeds")
    print(f"menuju: error: unknown command {command!r} (route, reach, build or fetch-feeds)",
          file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
