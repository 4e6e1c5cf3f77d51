"""GTFS-Realtime service alerts: ``GET /v1/alerts``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from app import params
from app.deps import DatasetDep
from app.i18n import LangDep
from app.realtime.present import alert_out
from app.realtime.schemas import AlertList
from app.routes import cached_json
from routing.realtime.source import realtime_of

router = APIRouter(prefix="/v1", tags=["realtime"])

_Id = Annotated[str | None, Query(max_length=200, description="Only alerts about this "
                                  "feed-qualified id (a stop also matches its station's "
                                  "alerts).")]


@router.get("/alerts", response_model=AlertList, summary="Service alerts in force")
def list_alerts(request: Request, ds: DatasetDep, lang: LangDep,
                time: Annotated[str | None, Query(
                    max_length=40, description="In force at: local ISO 8601 date-time "
                    "(Jakarta); default now.", examples=["2026-12-01T08:00"])] = None,
                stop: _Id = None, route: _Id = None, trip: _Id = None, agency: _Id = None,
                ) -> Response:
    """Alerts from the GTFS-RT feeds in force at `time`, texts in `lang` (else English);
    empty without realtime feeds."""
    when = params.parse_time(time)
    source = realtime_of(ds)
    found = []
    if source is not None:
        index = source.alerts()
        wanted = {"stop_id": stop, "route_id": route, "trip_id": trip, "agency_id": agency}
        for alert in index.alerts:
            if not index.active(alert, when.timestamp()):
                continue
            if any(wanted.values()) and not index.matches(alert, **wanted):
                continue
            found.append(alert_out(alert, lang))
    answer = AlertList(time=when.isoformat(), alerts=found)
    return cached_json(request, answer.model_dump(mode="json"), max_age=15)
