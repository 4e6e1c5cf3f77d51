"""Plan journeys: resolve places, run RAPTOR (forwards, or backwards for arrive-by) over a
range of departures, rebuild legs, and keep the Pareto-best, distinct itineraries."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date, timedelta

from routing import limits
from routing.data.artefact import window_note
from routing.data.dataset import Dataset
from routing.data.network import Network
from routing.errors import NoServiceError, QueryError
from routing.geo import walk_time_s
from routing.i18n import Message, msg
from routing.journeys import Journey, Query
from routing.kernel.timetable import DAY_S
from routing.plan.choose import best_candidates, choose_journeys
from routing.plan.places import Endpoint, exit_ref, resolve_place
from routing.plan.profile_store import ProfileStore
from routing.plan.profiles import VenueProfile, profile_candidates
from routing.plan.reconstruct import Candidate, Sketch, direct_walk
from routing.plan.search import range_search
from routing.realtime.source import realtime_touches

__all__ = ["PlanResult", "Planner", "plan"]


@dataclass
class PlanResult:
    """Itineraries (chronological) and notes explaining gaps or caveats."""

    journeys: list[Journey]
    origin: Endpoint
    destination: Endpoint
    notes: list[Message] = field(default_factory=list)   # render with note.render(lang)
    used_profile: bool = False   # answered from a venue profile, not the general search


class Planner:
    """Answers queries on one dataset, with the venue profiles of ``profiles`` where they
    serve (a :class:`routing.plan.profile_store.ProfileStore`, or None for the general search
    only). Holds no per-query state: one planner serves many threads."""

    def __init__(self, dataset: Dataset, profiles: ProfileStore | None = None) -> None:
        self.dataset = dataset
        self.profiles = profiles

    def plan(self, query: Query) -> PlanResult:
        """Answer one query; see :func:`plan`."""
        return plan(self.dataset, query, profiles=self.profiles)


def plan(ds: Dataset, query: Query, *, profiles: ProfileStore | None = None) -> PlanResult:
    """Answer one query: itineraries from ``query.origin`` to ``query.destination`` around
    ``query.time_s`` (RAPTOR, Delling et al. 2012, in forward/backward pairs; venue profiles
    from ``profiles`` where they answer the query exactly).

    Raises QueryError (a setting out of :mod:`routing.limits`, from = to), UnknownPlaceError
    (an unknown stop or venue), NoServiceError (no feed covers the date)."""
    _check(query)
    if not ds.covers(query.service_date):
        outside = window_note(ds, query.service_date)
        if outside is not None:
            raise NoServiceError(outside, parameter="time")
        lapsed = "; ".join(note.render("en") for note in _coverage_notes(ds, query.service_date))
        raise NoServiceError(f"no feed covers {query.service_date.isoformat()}"
                             + (f" ({lapsed})" if lapsed else ""), parameter="time")
    origin = resolve_place(ds.network, query.origin, max_walk_m=query.max_walk_m,
                           wheelchair=query.wheelchair, role="from")
    destination = resolve_place(ds.network, query.destination, max_walk_m=query.max_walk_m,
                                wheelchair=query.wheelchair, role="to")
    if query.origin == query.destination or (
        origin.ref.lat == destination.ref.lat and origin.ref.lon == destination.ref.lon
    ):
        raise QueryError("'from' and 'to' are the same place", parameter="to")
    found: list[Candidate | Sketch] = []
    notes: list[Message] = []
    used_profile = False
    walk = _direct_walk(ds.network, query, origin, destination)
    if walk is not None:
        found.append(Candidate(walk.service_date, walk.dep_s, walk.arr_s, 0, walk.walk_m, (),
                               True, lambda: walk))
    if len(origin.stops) == 0:
        notes.append(msg("No stop within {metres} m walking of the origin.",
                         metres=query.max_walk_m))
    if len(destination.stops) == 0:
        notes.append(msg("No stop within {metres} m walking of the destination.",
                         metres=query.max_walk_m))
    if len(origin.stops) and len(destination.stops):
        days = [(query.service_date, 0)]
        if not query.arrive_by and query.time_s + query.horizon_s > DAY_S:
            days.append((query.service_date + timedelta(days=1), -DAY_S))
        if query.arrive_by and query.time_s - query.horizon_s < 0:
            days.append((query.service_date - timedelta(days=1), DAY_S))
        for day, shift in days:
            # the day before/after is searched only to bridge the night: give it the time
            # until the first or last services of that day
            horizon = query.horizon_s if shift == 0 else query.horizon_s + limits.NIGHT_GAP_S
            # venue profiles hold the timetable's trips: not used where realtime changes it;
            # the night bridge reads the next date's profile with the clock moved back a day
            profile = (None if realtime_touches(ds, day)
                       else _profile_for(profiles, query, destination, day))
            if profile is not None:
                on_day = query if shift == 0 else dataclasses.replace(
                    query, time_s=query.time_s + shift, horizon_s=horizon)
                found.extend(profile_candidates(ds, profile, on_day, origin, destination))
                used_profile = True
            else:
                found.extend(range_search(ds, query, origin, destination, day,
                                           query.time_s + shift, horizon))
            if (day, shift) != days[-1] and \
                    len(best_candidates(found, query)) >= query.num_itineraries:
                break
    journeys = choose_journeys(found, query)
    if not journeys and not notes:
        notes.extend(_coverage_notes(ds, query.service_date))
        if query.wheelchair and _found_with_steps(ds, query, profiles):
            notes.append(msg("No step-free journey found; there are journeys with steps."))
        notes.append(_why_nothing(query))
    later = sorted({d for j in journeys if (d := _leaves_on(j)) > query.service_date})
    for journey in journeys:
        if _leaves_on(journey) > query.service_date:
            journey.notes.append(msg("Leaves on {day}.", day=_leaves_on(journey).isoformat()))
    if later and not query.arrive_by:
        notes.append(msg("Nothing leaves sooner on {asked}: the first journey leaves on "
                         "{day}.", asked=query.service_date.isoformat(),
                         day=later[0].isoformat()))
    if query.wheelchair and any(
        leg.is_transit and (leg.wheelchair == 0 or leg.origin.wheelchair == 0
                            or leg.destination.wheelchair == 0)
        for j in journeys for leg in j.legs
    ):
        notes.append(msg("Some vehicles or stops on these journeys have unknown step-free "
                         "access."))
    return PlanResult(journeys, origin, destination, notes, used_profile)


def _profile_for(store: ProfileStore | None, query: Query, destination: Endpoint, day: date
                 ) -> VenueProfile | None:
    """The ready venue profile that answers this query exactly, if any (depart-after, to a
    venue, with the settings the profiles were built for)."""
    venue_id = destination.ref.venue_id
    if store is None or venue_id is None or query.arrive_by:
        return None
    if not store.settings.covers(query):
        return None
    return store.get(day, venue_id)


_CHECKED = (
    ("num_itineraries", limits.NUM_ITINERARIES),
    ("max_transfers", limits.MAX_TRANSFERS),
    ("max_walk_m", limits.MAX_WALK_M),
    ("walk_speed", limits.WALK_SPEED_MPS),
)


def _check(query: Query) -> None:
    """Every bounded setting of ``query`` within :mod:`routing.limits`, else QueryError."""
    for name, bound in _CHECKED:
        if not bound.contains(getattr(query, name)):
            raise QueryError(bound.describe(f"{name} is out of range"), parameter=name)


def _direct_walk(network: Network, query: Query, origin: Endpoint, destination: Endpoint
                 ) -> Journey | None:
    """The shortest walk between the two places (nearest entrances; out of or into a station
    through its best exit), if within max_walk_m."""
    best: tuple[int, int, int, int] | None = None
    for i, a in enumerate(origin.points):
        for j, b in enumerate(destination.points):
            metres, via = network.walk_between(a.lat, a.lon, a.stop_id, b.lat, b.lon,
                                               b.stop_id, wheelchair=query.wheelchair)
            if best is None or metres < best[0]:
                best = (metres, i, j, via)
    if best is None or best[0] > query.max_walk_m:
        return None
    metres, i, j, via = best
    duration = walk_time_s(metres, query.walk_speed)
    dep = query.time_s - duration if query.arrive_by else query.time_s
    return direct_walk(origin.points[i], destination.points[j], dep, metres, query.walk_speed,
                       query.service_date,
                       via=exit_ref(network, via) if via >= 0 else None)


def _leaves_on(journey: Journey) -> date:
    """The calendar date the journey's first leg leaves on (a time past 24:00 of its
    service date is the next day)."""
    return journey.service_date + timedelta(days=journey.dep_s // DAY_S)


def _coverage_notes(ds: Dataset, day: date) -> list[Message]:
    """One note per feed whose timetable does not cover ``day`` ("TransJakarta timetable
    ends 2027-12-31.")."""
    notes: list[Message] = []
    for feed in ds.feeds:
        name = feed.agency_name or feed.feed_id
        if feed.end_date is not None and day > feed.end_date:
            notes.append(msg("{agency} timetable ends {date}.", agency=name,
                             date=feed.end_date.isoformat()))
        elif feed.start_date is not None and day < feed.start_date:
            notes.append(msg("{agency} timetable starts {date}.", agency=name,
                             date=feed.start_date.isoformat()))
    return notes


def _found_with_steps(ds: Dataset, query: Query, profiles: ProfileStore | None) -> bool:
    """Whether the same query without the step-free requirement finds a journey (asked only
    when a wheelchair query found none, to say why)."""
    relaxed = dataclasses.replace(query, wheelchair=False, num_itineraries=1)
    return bool(plan(ds, relaxed, profiles=profiles).journeys)


def _why_nothing(query: Query) -> Message:
    limits_ = dict(hours=query.horizon_s // 3600, transfers=query.max_transfers,
                   metres=query.max_walk_m)
    if query.arrive_by:
        return msg("No journey found before the requested time within {hours} h with at most "
                   "{transfers} transfers and walks of {metres} m.", **limits_)
    return msg("No journey found after the requested time within {hours} h with at most "
               "{transfers} transfers and walks of {metres} m.", **limits_)
