"""GTFS-RT ServiceAlerts indexed by agency, route, stop and trip, with active periods, and
the text picked for a language.

A stop alert also applies to the stop's station and the station's other platforms and
entrances (an alert on halte ASEAN ``H00265P`` shows on its platforms ``G00011``/``G00012``),
through the ``related`` function given to the index. An agency alert applies to every route
of that agency (``route_agency``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date
from typing import NamedTuple

from routing.clock import local_datetime
from routing.journeys import Leg
from routing.realtime.decode import Alert

__all__ = ["AlertIndex", "LegAlerts", "pick_text"]


def pick_text(texts: dict[str, str], lang: str) -> str:
    """The translation for ``lang`` (exact tag, then its primary language, e.g. ``zh-Hans``
    for ``zh``), else English, else the untagged text, else any; "" when there is none."""
    if not texts:
        return ""
    lang = lang.lower()
    lowered = {k.lower(): v for k, v in texts.items()}
    if lang in lowered:
        return lowered[lang]
    for tag, text in lowered.items():
        if tag.split("-")[0] == lang.split("-")[0] and tag:
            return text
    for tag in ("en", ""):
        if tag in lowered:
            return lowered[tag]
    for tag, text in lowered.items():
        if tag.startswith("en-"):
            return text
    return next(iter(texts.values()))


class LegAlerts(NamedTuple):
    """The alerts in force on one leg of a journey."""

    origin: list[Alert]        #: on the place it leaves from, when it leaves
    destination: list[Alert]   #: on the place it arrives at, when it arrives
    ride: list[Alert]          #: a ride's: its trip, route, agency, stops called at


class AlertIndex:
    """Alerts by the entities they inform about; look-ups return alerts active at a time."""

    def __init__(self, alerts: Iterable[Alert], *,
                 related: Callable[[str], Iterable[str]] = lambda s: (s,),
                 route_agency: Callable[[str], str | None] = lambda r: None) -> None:
        self.alerts: list[Alert] = list(alerts)
        self._related = related
        self._route_agency = route_agency
        self._by_route: dict[str, list[int]] = defaultdict(list)
        self._by_stop: dict[str, list[int]] = defaultdict(list)
        self._by_trip: dict[str, list[int]] = defaultdict(list)
        self._by_agency: dict[str, list[int]] = defaultdict(list)
        for i, alert in enumerate(self.alerts):
            for e in alert.entities:
                if e.trip_id:
                    self._by_trip[e.trip_id].append(i)
                elif e.stop_id:
                    for stop in related(e.stop_id):
                        self._by_stop[stop].append(i)
                elif e.route_id:
                    self._by_route[e.route_id].append(i)
                elif e.agency_id:
                    self._by_agency[e.agency_id].append(i)

    def __len__(self) -> int:
        return len(self.alerts)

    @staticmethod
    def active(alert: Alert, at: float) -> bool:
        """Whether ``alert`` is in force at POSIX time ``at`` (no period: always)."""
        if not alert.periods:
            return True
        return any((start == 0 or start <= at) and (end == 0 or at < end)
                   for start, end in alert.periods)

    def _pick(self, ids: Iterable[int], at: float | None) -> list[Alert]:
        seen: dict[int, None] = {}
        for i in ids:
            seen.setdefault(i, None)
        return [self.alerts[i] for i in sorted(seen)
                if at is None or self.active(self.alerts[i], at)]

    def at_stops(self, stop_ids: Iterable[str], at: float | None) -> list[Alert]:
        """Alerts on any of ``stop_ids`` (or their stations) active at ``at`` (None: any)."""
        return self._pick((i for s in stop_ids for i in self._by_stop.get(s, ())), at)

    def for_ride(self, *, route_id: str | None, trip_id: str | None,
                 stop_ids: Iterable[str], at: float | None) -> list[Alert]:
        """Alerts on a ride: its trip, its route (or the route's agency), or a stop where it
        is boarded or left (or that stop's station); active at ``at`` (None: any)."""
        ids: list[int] = []
        if trip_id:
            ids += self._by_trip.get(trip_id, [])
        if route_id:
            ids += self._by_route.get(route_id, [])
            agency = self._route_agency(route_id)
            if agency:
                ids += self._by_agency.get(agency, [])
        ids += [i for s in stop_ids for i in self._by_stop.get(s, ())]
        return self._pick(ids, at)

    def for_leg(self, day: date, leg: Leg) -> LegAlerts:
        """The alerts of a leg on service date ``day``: its places' at the times it leaves
        and arrives, and for a ride those of :meth:`for_ride` on every stop it calls at,
        boarding to alighting, when it leaves."""
        dep_at = local_datetime(day, leg.dep_s).timestamp()
        arr_at = local_datetime(day, leg.arr_s).timestamp()
        origin = self.at_stops([leg.origin.stop_id], dep_at) if leg.origin.stop_id else []
        destination = (self.at_stops([leg.destination.stop_id], arr_at)
                       if leg.destination.stop_id else [])
        ride: list[Alert] = []
        if leg.is_transit:
            stops = [s for s in (leg.origin.stop_id,
                                 *(i.place.stop_id for i in leg.intermediate),
                                 leg.destination.stop_id) if s]
            ride = self.for_ride(route_id=leg.route_id, trip_id=leg.trip_id, stop_ids=stops,
                                 at=dep_at)
        return LegAlerts(origin, destination, ride)

    def for_routes(self, route_ids: Iterable[str], at: float | None) -> list[Alert]:
        """Alerts on any of ``route_ids`` (or their agencies), active at ``at``."""
        ids: list[int] = []
        for route_id in route_ids:
            ids += self._by_route.get(route_id, [])
            agency = self._route_agency(route_id)
            if agency:
                ids += self._by_agency.get(agency, [])
        return self._pick(ids, at)

    def matches(self, alert: Alert, *, agency_id: str | None = None,
                route_id: str | None = None, stop_id: str | None = None,
                trip_id: str | None = None) -> bool:
        """Whether ``alert`` informs about the entity named (for ``/v1/alerts`` filters)."""
        for e in alert.entities:
            if stop_id and e.stop_id and stop_id in set(self._related(e.stop_id)):
                return True
            if route_id and e.route_id == route_id:
                return True
            if trip_id and e.trip_id == trip_id:
                return True
            if agency_id and e.agency_id == agency_id:
                return True
        return False
