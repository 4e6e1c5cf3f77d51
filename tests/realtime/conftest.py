"""Realtime test fixtures: a local GTFS-RT producer on 127.0.0.1 (protobuf built here with
gtfs-realtime-bindings), and an app whose dataset is a copy of the bundled one served with
realtime from that producer."""

from __future__ import annotations

import dataclasses
import hashlib
import threading
import time
from collections.abc import AsyncIterator, Iterator
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
from fastapi import FastAPI
from google.transit import gtfs_realtime_pb2 as pb

from app.config import Settings
from app.deps import get_state
from app.main import create_app
from app.realtime.fetch import parse_rt_spec
from app.realtime.service import RealtimeService
from app.state import AppState
from routing.clock import JAKARTA_TZ

DAY = "20261201"   # a Tuesday inside both bundled feeds


def at(hhmm: str) -> int:
    """POSIX seconds of ``hhmm`` on 2026-12-01 in Jakarta."""
    h, m = (int(x) for x in hhmm.split(":")[:2])
    return int(datetime(2026, 12, 1, h, m, tzinfo=JAKARTA_TZ).timestamp())


def message(stamp: float | None = None) -> pb.FeedMessage:
    """An empty FeedMessage (FULL_DATASET) stamped ``stamp`` (default now)."""
    msg = pb.FeedMessage()
    msg.header.gtfs_realtime_version = "2.0"
    msg.header.timestamp = int(time.time() if stamp is None else stamp)
    return msg


def add_delay(msg: pb.FeedMessage, trip_id: str, delay_s: int, *, stop_sequence: int = 0,
              start_time: str | None = None, start_date: str = DAY) -> None:
    """A trip update: ``delay_s`` on departure at ``stop_sequence`` (propagating on)."""
    entity = msg.entity.add(id=f"delay-{trip_id}-{len(msg.entity)}")
    tu = entity.trip_update
    tu.trip.trip_id = trip_id
    tu.trip.start_date = start_date
    if start_time:
        tu.trip.start_time = start_time
    stu = tu.stop_time_update.add(stop_sequence=stop_sequence)
    stu.departure.delay = delay_s


def add_cancel(msg: pb.FeedMessage, trip_id: str, start_time: str | None = None) -> None:
    """A CANCELED trip update (a frequency run: ``start_time``)."""
    entity = msg.entity.add(id=f"cancel-{trip_id}-{len(msg.entity)}")
    entity.trip_update.trip.trip_id = trip_id
    entity.trip_update.trip.start_date = DAY
    if start_time:
        entity.trip_update.trip.start_time = start_time
    entity.trip_update.trip.schedule_relationship = pb.TripDescriptor.CANCELED


def add_alert(msg: pb.FeedMessage, alert_id: str, *, stop_id: str | None = None,
              route_id: str | None = None, texts: dict[str, str] | None = None,
              period: tuple[int, int] | None = None) -> None:
    """A service alert on a stop or route with texts by language."""
    entity = msg.entity.add(id=alert_id)
    alert = entity.alert
    selector = alert.informed_entity.add()
    if stop_id:
        selector.stop_id = stop_id
    if route_id:
        selector.route_id = route_id
    for lang, text in (texts or {"en": "Alert"}).items():
        alert.header_text.translation.add(text=text, language=lang)
    alert.effect = pb.Alert.REDUCED_SERVICE
    if period:
        alert.active_period.add(start=period[0], end=period[1])


class Producer:
    """A GTFS-RT server on 127.0.0.1: ``set(path, bytes)``; ETag/304; ``stop()`` ends it."""

    def __init__(self) -> None:
        self.bodies: dict[str, bytes] = {}
        self.requests: list[str] = []
        producer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                producer.requests.append(self.path)
                body = producer.bodies.get(self.path)
                if body is None:
                    self.send_response(404)
                    self.end_headers()
                    return
                etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/x-protobuf")
                self.send_header("ETag", etag)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def set(self, path: str, body: bytes | pb.FeedMessage) -> None:
        self.bodies[path] = body if isinstance(body, bytes) else body.SerializeToString()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def producer() -> Iterator[Producer]:
    """A running local GTFS-RT producer (stopped after the test)."""
    server = Producer()
    yield server
    server.stop()


@dataclasses.dataclass
class Realtime:
    """The app under test, its realtime service and the producer it polls."""

    app: FastAPI
    service: RealtimeService
    producer: Producer
    state: AppState

    def push(self, path: str, msg: pb.FeedMessage | bytes) -> None:
        """Serve ``msg`` at ``path`` and poll every feed once (as the poller would)."""
        self.producer.set(path, msg)
        self.poll()

    def poll(self) -> None:
        for key in self.service.feeds:
            self.service.poll(key)
        self.service.refresh()


def realtime_app(settings: Settings, state: AppState, producer: Producer,
                 spec: str) -> Realtime:
    """An app over a private copy of ``state``'s dataset, polling ``spec`` (paths on the
    producer) by hand (no thread) unless started."""
    dataset = dataclasses.replace(state.dataset)   # own timetable source, shared arrays
    own = dataclasses.replace(state, dataset=dataset)
    rt_settings = settings.model_copy(update={"gtfs_rt": spec.format(url=producer.url)})
    app = create_app(rt_settings)
    app.dependency_overrides[get_state] = lambda: own
    app.state.menuju = own
    service = RealtimeService(parse_rt_spec(rt_settings.gtfs_rt), interval_s=1.0,
                              max_age_s=120.0, timeout_s=2.0,
                              dataset=lambda: app.state.menuju.dataset)
    service.bind(dataset)
    app.state.realtime = service
    return Realtime(app, service, producer, own)


@pytest.fixture
def rt(bundled_settings: Settings, bundled_state: AppState,
       producer: Producer) -> Iterator[Realtime]:
    """Realtime from one producer path per static feed (kind ``all``)."""
    made = realtime_app(bundled_settings, bundled_state, producer,
                        "mrt-jakarta={url}/mrt.pb,transjakarta={url}/tj.pb")
    producer.set("/mrt.pb", message())
    producer.set("/tj.pb", message())
    made.poll()
    yield made
    made.service.stop()


@pytest.fixture
async def client(rt: Realtime) -> AsyncIterator[httpx.AsyncClient]:
    """An in-process client of the realtime app."""
    transport = httpx.ASGITransport(app=rt.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://menuju.test") as c:
        yield c


def add_vehicle(msg: pb.FeedMessage, vehicle_id: str, *, route_id: str, lat: float,
                lon: float, stamp: float | None = None) -> None:
    """A vehicle position on ``route_id``."""
    entity = msg.entity.add(id=f"veh-{vehicle_id}")
    v = entity.vehicle
    v.vehicle.id = vehicle_id
    v.vehicle.label = vehicle_id
    v.trip.route_id = route_id
    v.position.latitude, v.position.longitude = lat, lon
    v.timestamp = int(time.time() if stamp is None else stamp)
