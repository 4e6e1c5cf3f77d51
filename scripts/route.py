#!/usr/bin/env python3
"""Plan a journey in Jakarta from the terminal.

    python scripts/route.py --from "lebak bulus" --to asean --at 08:00
    python scripts/route.py --from -6.2446,106.7981 --to "taman ayodya" --arrive-by --at 09:00
    python scripts/route.py --find-stop "halte csw"      # or: menuju route ...

Places: a station, stop or venue name as people type it, ``lat,lon``, ``stop:<feed>:<id>`` or
``venue:<id>``. Plans in-process on the feeds of ``--feeds`` (``id=path,...``), else
``GTFS_FEEDS``, else every folder under data/gtfs; ``--api URL`` asks a running server instead.
Exit status: 0 journeys found, 1 none found (the reason is printed), 2 bad input.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from routing.clock import parse_local_time, seconds_of_day
from routing.data.venues import load_venues
from routing.errors import AmbiguousPlaceError, RoutingError
from routing.i18n import DEFAULT_LANG, LANGS, msg, render
from routing.journeys import Query
from scripts.cli_output import render_journey, render_table, use_color

__all__ = ["build_parser", "main", "parse_at"]

ROOT = Path(__file__).resolve().parents[1]


class UsageError(ValueError):
    """Input the user can fix; reported in one line with exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message} (see --help)")


def parse_at(text: str | None, now: datetime | None = None) -> tuple[date, int]:
    """``--at`` as (service date, seconds since its midnight), Asia/Jakarta: ``HH:MM`` is
    today, an ISO date-time with an offset is converted, one without is local."""
    try:
        moment = parse_local_time(text, now=now)
    except ValueError:
        raise UsageError(f"--at {text!r} is not HH:MM or an ISO date-time "
                         "like 2026-12-01T08:00") from None
    return moment.date(), seconds_of_day(moment)


def build_parser(prog: str | None = None) -> argparse.ArgumentParser:
    parser = _Parser(prog=prog, description="Plan a journey by MRT, TransJakarta and on foot.",
                     formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    parser.add_argument("--from", dest="origin", metavar="PLACE",
                        help="name, lat,lon, stop:<feed>:<id> or venue:<id>")
    parser.add_argument("--to", dest="destination", metavar="PLACE", help="like --from")
    parser.add_argument("--at", metavar="TIME",
                        help="HH:MM today or ISO date-time, Asia/Jakarta (default: now)")
    parser.add_argument("--arrive-by", action="store_true", help="arrive before --at")
    parser.add_argument("--num", type=int, default=3, help="itineraries, 1-10")
    parser.add_argument("--max-transfers", type=int, default=4, help="0-6")
    parser.add_argument("--max-walk", type=int, default=1000, metavar="METRES",
                        help="longest walk of each access, egress or transfer, 0-3000")
    parser.add_argument("--walk-speed", type=float, default=1.2, metavar="M_PER_S",
                        help="0.5-2.0")
    parser.add_argument("--wheelchair", action="store_true", help="step-free journeys only")
    parser.add_argument("--lang", choices=LANGS, default=DEFAULT_LANG, help="output language")
    parser.add_argument("--feeds", metavar="SPEC", help="id=path,... (default: GTFS_FEEDS)")
    parser.add_argument("--json", action="store_true", help="print the API's /v1/plan JSON")
    parser.add_argument("--api", metavar="URL", help="ask a running Menuju server instead")
    parser.add_argument("--list-venues", action="store_true", help="list venues and exit")
    parser.add_argument("--list-events", action="store_true",
                        help="list the events of EVENTS_FILES from --at (default now), "
                        "7 days; plan to one with --to event:<uid>")
    parser.add_argument("--find-stop", metavar="TEXT",
                        help="search stations, stops and venues by name (or near lat,lon)")
    return parser


@contextmanager
def status(message: str) -> Iterator[None]:
    """A progress line on stderr while a slow step runs (only when stderr is a terminal)."""
    shown = sys.stderr.isatty()
    if shown:
        sys.stderr.write(f"{message}...")
        sys.stderr.flush()
    try:
        yield
    finally:
        if shown:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


def _venues_file() -> Path:
    path = Path(os.environ.get("VENUES_FILE") or "data/venues.json")
    return path if path.is_absolute() else ROOT / path


def _load(args: argparse.Namespace):  # -> routing.data.dataset.Dataset
    from routing.data.dataset import load_dataset
    from routing.data.gtfs import parse_feeds_spec

    if args.feeds:
        sources = parse_feeds_spec(args.feeds, ROOT / "data" / "gtfs")
    else:  # GTFS_FEEDS paths are relative to the repository, as for the server
        sources = [dataclasses.replace(s, path=s.path if s.path.is_absolute() else ROOT / s.path)
                   for s in parse_feeds_spec(os.environ.get("GTFS_FEEDS"), ROOT / "data" / "gtfs")]
    with status("Loading feeds and building the network"):
        return load_dataset(sources, _venues_file())


def _list_venues(args: argparse.Namespace) -> int:
    venues = load_venues(_venues_file())
    if args.json:
        print(json.dumps([v.to_dict() for v in venues.values()], ensure_ascii=False, indent=2))
        return 0
    rows = [[f"venue:{v.id}", render(v.name, args.lang), f"{v.lat:.5f},{v.lon:.5f}",
             str(len(v.entrances)), v.location_quality] for v in venues.values()]
    heads = [m.render(args.lang) for m in (msg("Place"), msg("Name"), msg("lat,lon"),
                                           msg("Entrances"), msg("Location"))]
    print(render_table(heads, rows))
    return 0


def _find_stop(args: argparse.Namespace) -> int:
    from routing.plan.places import parse_coordinate
    from routing.plan.stopsearch import search_places

    ds = _load(args)
    near = parse_coordinate(args.find_stop)
    matches = (search_places(ds, near=near, limit=10) if near
               else search_places(ds, args.find_stop, limit=10))
    if args.json:
        print(json.dumps([dataclasses.asdict(m) | {"place": m.place} for m in matches],
                         ensure_ascii=False, indent=2))
    elif matches:
        rows = [[m.place, m.kind, m.name, f"{m.distance_m} m" if near else f"{m.score:.0f}",
                 " ".join(p.split(":", 1)[1] for p in m.platforms[:4])] for m in matches]
        heads = [m.render(args.lang) for m in (msg("Place"), msg("Kind"), msg("Name"),
                                               msg("Distance") if near else msg("Score"),
                                               msg("Platforms"))]
        print(render_table(heads, rows))
    else:
        print(msg("Nothing matches '{text}'.", text=args.find_stop).render(args.lang),
              file=sys.stderr)
    return 0 if matches else 1


def _plan(args: argparse.Namespace) -> int:
    from routing.plan.planner import plan
    from routing.plan.stopsearch import resolve_name

    if not args.origin or not args.destination:
        raise UsageError("--from and --to are both needed (or --list-venues, --find-stop)")
    service_date, time_s = parse_at(args.at)
    ds = _load(args)
    arrive_by = args.arrive_by
    from scripts.cli_events import resolve_event_place

    event_place = resolve_event_place(ds.venues, args.destination)
    if event_place is not None:  # arrive before the event's start minus EVENT_BUFFER_MIN
        args.destination, service_date, time_s = event_place
        arrive_by = True
    origin, destination = resolve_name(ds, args.origin), resolve_name(ds, args.destination)
    from app.errors import InvalidParameterError
    from app.params import parse_place_param  # the API's checks: service area, known ids

    try:
        origin = parse_place_param(ds, origin, "from")
        destination = parse_place_param(ds, destination, "to")
    except InvalidParameterError as exc:
        raise UsageError(str(exc)) from None
    query = Query(origin, destination, service_date, time_s, arrive_by=arrive_by,
                  num_itineraries=args.num, max_transfers=args.max_transfers,
                  max_walk_m=args.max_walk, walk_speed=args.walk_speed,
                  wheelchair=args.wheelchair)
    if args.json:
        from app.params import check_service
        from app.present import plan_response  # the API's own mapping: same JSON as /v1/plan

        check_service(ds, service_date)
        answer = plan_response(ds, plan(ds, query), args.lang)
        print(answer.model_dump_json(by_alias=True, indent=2))
        return 0 if answer.itineraries else 1
    if ds.covers(service_date):
        with status(f"Compiling the timetable of {service_date.isoformat()}"):
            ds.timetable(service_date, reverse=arrive_by)
    with status("Planning"):
        result = plan(ds, query)
    color = use_color(sys.stdout)
    names = {"from": _label(result.origin.ref, args, ds), "to": _label(result.destination.ref,
                                                                       args, ds)}
    when = (msg("arrive by") if arrive_by else msg("depart")).render(args.lang)
    print(f"{names['from']} -> {names['to']}  ({when} {service_date.isoformat()} "
          f"{time_s // 3600:02d}:{time_s % 3600 // 60:02d})\n")
    for number, journey in enumerate(result.journeys, start=1):
        print(render_journey(journey, number, service_date, lang=args.lang, color=color,
                             venues=ds.venues) + "\n")
    notes = [render(note, args.lang) for note in result.notes]
    return _finish(result.journeys, notes + _venue_notes(
        [result.origin.ref.venue_id, result.destination.ref.venue_id], ds.venues, args.lang),
        args.lang)


def _finish(journeys: list, notes: list[str], lang: str = DEFAULT_LANG) -> int:
    """Print the notes (on stderr as the reason when nothing was found); the exit status."""
    label = msg("note").render(lang)
    for note in notes:
        print(f"{label}: {note}", file=sys.stdout if journeys else sys.stderr)
    if not journeys and not notes:
        print(msg("No journey found.").render(lang), file=sys.stderr)
    return 0 if journeys else 1


def _venue_notes(venue_ids: list[str | None], venues: dict, lang: str) -> list[str]:
    """The location note of each approximately placed venue on the journey."""
    notes = []
    for venue_id in venue_ids:
        venue = venues.get(venue_id) if venue_id else None
        if venue is not None and venue.location_quality == "approximate":
            notes.append(f"{render(venue.name, lang)}: {render(venue.location_note, lang)}")
    return notes


def _iso(service_date: date, time_s: int) -> str:
    """Local ISO date-time (Asia/Jakarta) of seconds since midnight of ``service_date``."""
    return f"{service_date.isoformat()}T{time_s // 3600:02d}:{time_s % 3600 // 60:02d}:" \
           f"{time_s % 60:02d}"


def _plan_via_api(args: argparse.Namespace) -> int:
    """Ask a running server's /v1/plan; its problem+json errors are bad input (exit 2)."""
    import httpx

    from scripts.cli_output import journey_from_itinerary

    if not args.origin or not args.destination:
        raise UsageError("--from and --to are both needed (or --list-venues, --find-stop)")
    service_date, time_s = parse_at(args.at)
    base = args.api.rstrip("/")
    params = {"time": _iso(service_date, time_s), "arrive_by": str(args.arrive_by).lower(),
              "num_itineraries": args.num, "max_transfers": args.max_transfers,
              "max_walk_m": args.max_walk, "walk_speed": args.walk_speed,
              "wheelchair": str(args.wheelchair).lower(), "lang": args.lang}
    try:
        with httpx.Client(base_url=base, timeout=60) as client:
            params["from"] = _api_place(client, args.origin)
            params["to"] = _api_place(client, args.destination)
            answer = _api_get(client, "/v1/plan", params)
    except httpx.HTTPError as exc:
        raise UsageError(f"cannot reach {base}: {exc}") from None
    if args.json:
        print(json.dumps(answer, ensure_ascii=False, indent=2))
        return 0 if answer["itineraries"] else 1
    journeys = [journey_from_itinerary(it, service_date) for it in answer["itineraries"]]
    print(f"{answer['from']['name']} -> {answer['to']['name']}\n")
    for number, journey in enumerate(journeys, start=1):
        print(render_journey(journey, number, service_date, lang=args.lang,
                             color=use_color(sys.stdout)) + "\n")
    return _finish(journeys, answer["notes"], args.lang)


def _api_get(client, path: str, params: dict) -> dict:
    """GET JSON; a 4xx/5xx answer raises UsageError with the problem's detail."""
    resp = client.get(path, params=params)
    if resp.status_code >= 400:
        try:
            detail = resp.json().get("detail") or resp.text
        except ValueError:
            detail = resp.text.strip()[:200]
        raise UsageError(f"{client.base_url} answered {resp.status_code}: {detail}")
    return resp.json()


def _api_place(client, text: str) -> str:
    """A name the server cannot parse becomes a venue (by name) or its best /v1/stops match."""
    from routing.plan.places import parse_coordinate
    from routing.plan.stopsearch import normalize

    text = text.strip()
    if text.startswith(("stop:", "venue:")) or parse_coordinate(text) is not None:
        return text
    key = normalize(text.replace("-", " "))
    for venue in _api_get(client, "/v1/venues", {})["venues"]:
        names = [venue["id"].replace("-", " "), *venue["name"].values()]
        if any(normalize(n).startswith(key) or key.startswith(normalize(n)) for n in names):
            return f"venue:{venue['id']}"
    stops = _api_get(client, "/v1/stops", {"q": text, "limit": 1})["stops"]
    if not stops:
        raise UsageError(f"{client.base_url} knows no station or stop matching {text!r}")
    return f"stop:{stops[0]['id']}"


def _label(ref, args: argparse.Namespace, ds) -> str:
    from scripts.cli_output import place_label

    return place_label(ref, args.lang, ds.venues)


def run(args: argparse.Namespace) -> int:
    """Dispatch on the chosen action; raises UsageError or RoutingError on bad input."""
    if args.list_venues:
        return _list_venues(args)
    if args.list_events:
        from scripts.cli_events import list_events

        return list_events(args, load_venues(_venues_file()))
    if args.find_stop is not None:
        return _find_stop(args)
    if args.api:
        return _plan_via_api(args)
    return _plan(args)


def _glue_negative(argv: list[str]) -> list[str]:
    """``--from -6.2,106.8`` -> ``--from=-6.2,106.8`` (argparse takes "-6..." for an option)."""
    glued: list[str] = []
    for arg in argv:
        if (glued and glued[-1] in ("--from", "--to", "--find-stop") and arg[:1] == "-"
                and arg[1:2].isdigit()):
            glued[-1] = f"{glued[-1]}={arg}"
        else:
            glued.append(arg)
    return glued


def main(argv: list[str] | None = None, prog: str | None = None) -> int:
    """Entry point: returns the exit status; bad input is one line on stderr. A reader that
    stops early (``| head -1``) ends the output quietly: the status is then 141 (SIGPIPE's, as
    for ``cat``) unless the answer was complete."""
    code = 141
    try:
        args = build_parser(prog).parse_args(_glue_negative(sys.argv[1:] if argv is None
                                                            else argv))
        code = run(args)
        sys.stdout.flush()
    except BrokenPipeError:
        # nothing more can be written; point stdout at /dev/null so the exit flush is quiet
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return code
    except AmbiguousPlaceError as exc:
        print(f"error: {str(exc).split(':', 1)[0]}; say which one:", file=sys.stderr)
        for match in exc.candidates:
            print(f"  {match.place:<32} {match.name}", file=sys.stderr)
        return 2
    except (UsageError, RoutingError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return code


if __name__ == "__main__":
    sys.exit(main())
