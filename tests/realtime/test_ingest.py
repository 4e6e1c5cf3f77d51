"""GTFS_RT settings, fetch backoff, decoding errors, alert texts, and the poller in the
app's lifespan (started with it, stopped cleanly)."""

from __future__ import annotations

import random
import time

import httpx
import pytest
from pydantic import ValidationError

from app.config import Settings
from app.main import create_app
from app.realtime.fetch import FeedSpec, Fetcher, parse_rt_spec
from routing.realtime.alerts import pick_text
from routing.realtime.decode import RealtimeMessageError, decode_feed
from tests.realtime.conftest import Producer, add_alert, add_delay, message


def test_the_gtfs_rt_setting():
    specs = parse_rt_spec(" tj=https://rt.example/tu.pb|trip-updates, tj=https://rt.example/"
                          "al.pb|alerts,mrt=http://127.0.0.1:9/all ")
    assert [(s.key, s.url) for s in specs] == [
        ("tj/trip-updates", "https://rt.example/tu.pb"), ("tj/alerts", "https://rt.example/al.pb"),
        ("mrt/all", "http://127.0.0.1:9/all")]
    for bad in ("tj", "tj=ftp://x", "=http://x", "tj=http://x|positions",
                "tj=http://x|alerts,tj=http://y|alerts"):
        with pytest.raises(ValueError):
            parse_rt_spec(bad)
    with pytest.raises(ValidationError, match="GTFS_RT"):
        Settings(gtfs_rt="tj=nonsense")


def test_feed_urls_are_shown_without_keys():
    spec = FeedSpec("tj", "https://user:pw@rt.example:8443/tu.pb?key=SECRET&x=1")
    assert spec.public_url == "https://rt.example:8443/tu.pb"
    detail = spec.redact(f"Client error '403' for url '{spec.url}' (key=SECRET&x=1)")
    assert "SECRET" not in detail and "pw" not in detail


def test_backoff_grows_with_jitter_and_resets():
    fetcher = Fetcher(FeedSpec("tj", "http://127.0.0.1:9/x"), httpx.Client(), 30.0,
                      max_backoff_s=600, _rng=random.Random(1))
    assert all(27 <= fetcher.next_delay_s() <= 30 for _ in range(50))   # within one interval
    fetcher.failures = 1
    first = [fetcher.next_delay_s() for _ in range(50)]
    assert 48 <= min(first) and max(first) <= 72 and len(set(first)) > 40
    fetcher.failures = 20
    assert all(480 <= fetcher.next_delay_s() <= 720 for _ in range(50))
    fetcher.client.close()


def test_decoding_refuses_broken_stale_and_future_messages():
    now = time.time()
    for body, kind in ((b"\xff\xfe garbage", "broken"), (b"", "broken"),
                       (message(now - 600).SerializeToString(), "stale"),
                       (message(now + 3600).SerializeToString(), "broken")):
        with pytest.raises(RealtimeMessageError) as caught:
            decode_feed("tj", body, now=now, max_age_s=300)
        assert caught.value.kind == kind
    differential = message(now)
    differential.header.incrementality = differential.header.DIFFERENTIAL
    with pytest.raises(RealtimeMessageError, match="DIFFERENTIAL"):
        decode_feed("tj", differential.SerializeToString(), now=now, max_age_s=300)
    msg = message(now)
    add_delay(msg, "1-R07", 60, start_time="08:00:00")
    add_alert(msg, "a1", route_id="1", texts={"en": "Detour", "id": "Pengalihan"})
    msg.entity.add(id="no-header").alert.informed_entity.add(route_id="1")
    decoded = decode_feed("tj", msg.SerializeToString(), now=now, max_age_s=300)
    (update,) = decoded.trip_updates
    assert (update.trip_id, update.start_time_s, update.feed_id) == ("tj:1-R07", 28800, "tj")
    assert decoded.alerts[0].entities[0].route_id == "tj:1" and decoded.rejected == 1


def test_alert_text_by_language():
    texts = {"en": "Closed", "id": "Tutup", "zh-Hant": "關閉", "": "CLOSED"}
    assert pick_text(texts, "id") == "Tutup"
    assert pick_text(texts, "zh") == "關閉"
    assert pick_text(texts, "vi") == "Closed"
    assert pick_text({"": "Untagged", "fr": "Fermé"}, "vi") == "Untagged"
    assert pick_text({"fr": "Fermé"}, "vi") == "Fermé"
    assert pick_text({}, "en") == ""


@pytest.mark.anyio
async def test_the_lifespan_starts_and_stops_the_poller(bundled_settings, producer: Producer):
    producer.set("/tj.pb", message())
    settings = bundled_settings.model_copy(update={
        "gtfs_rt": f"transjakarta={producer.url}/tj.pb", "gtfs_rt_interval_s": 1.0})
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        service = app.state.realtime
        deadline = time.monotonic() + 10
        while service.feeds["transjakarta/all"].state == "never" and time.monotonic() < deadline:
            time.sleep(0.05)
        assert service.feeds["transjakarta/all"].state == "ok"
        assert app.state.menuju.dataset.timetables.state is service.state
        thread = service._thread
    assert app.state.realtime is None and not thread.is_alive()
