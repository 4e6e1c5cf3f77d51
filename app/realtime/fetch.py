"""Fetching GTFS-RT feeds over HTTP: the ``GTFS_RT`` setting, conditional GETs with
timeouts, and backoff with jitter after failures."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

import httpx

__all__ = ["KINDS", "FeedSpec", "Fetcher", "FetchResult", "parse_rt_spec"]

#: Kinds of realtime feed; ``all`` takes whatever entities a message has.
KINDS = ("trip-updates", "alerts", "vehicle-positions", "all")
MAX_BYTES = 32 * 1024 * 1024


@dataclass(frozen=True)
class FeedSpec:
    """One ``GTFS_RT`` entry: the static feed id it belongs to, its URL and kind."""

    feed_id: str
    url: str
    kind: str = "all"

    @property
    def key(self) -> str:
        """A name unique among the entries: ``<feed_id>/<kind>``."""
        return f"{self.feed_id}/{self.kind}"

    @property
    def public_url(self) -> str:
        """The URL without credentials or query (API keys often travel there): what
        ``/v1/feeds`` and the logs show."""
        parts = urlsplit(self.url)
        host = parts.hostname or ""
        if parts.port:
            host = f"{host}:{parts.port}"
        return urlunsplit((parts.scheme, host, parts.path, "", ""))

    def redact(self, text: str) -> str:
        """``text`` with the full URL (and its query) replaced by :attr:`public_url`."""
        query = urlsplit(self.url).query
        text = text.replace(self.url, self.public_url)
        return text.replace(query, "...") if query else text


def parse_rt_spec(text: str) -> list[FeedSpec]:
    """``feed_id=url[|kind]`` entries, comma-separated (kind: trip-updates, alerts,
    vehicle-positions; default all). Raises ValueError naming the bad entry."""
    specs: list[FeedSpec] = []
    for raw in (text or "").split(","):
        entry = raw.strip()
        if not entry:
            continue
        feed_id, sep, rest = entry.partition("=")
        url, _, kind = rest.partition("|")
        feed_id, url, kind = feed_id.strip(), url.strip(), (kind.strip() or "all")
        if not sep or not feed_id or not url.startswith(("http://", "https://")):
            raise ValueError(f"GTFS_RT entry {entry[:100]!r} is not feed_id=http(s)://url[|kind]")
        if kind not in KINDS:
            raise ValueError(f"GTFS_RT entry {entry[:100]!r}: kind must be one of "
                             f"{', '.join(KINDS)}")
        spec = FeedSpec(feed_id, url, kind)
        if any(s.key == spec.key for s in specs):
            raise ValueError(f"GTFS_RT names {spec.key} twice")
        specs.append(spec)
    return specs


@dataclass
class FetchResult:
    """One fetch: ``body`` None when the server answered 304 Not Modified."""

    status: int
    body: bytes | None


@dataclass
class Fetcher:
    """Conditional GETs of one feed (``If-None-Match``/``If-Modified-Since`` from the last
    answer) and the delay before the next try: the poll interval, or after ``failures``
    failures in a row an exponential backoff (doubling, at most ``max_backoff_s``) with
    +-20% jitter so that replicas do not hit the producer together (the normal interval
    takes 90-100% of itself: an update is never picked up later than one interval)."""

    spec: FeedSpec
    client: httpx.Client
    interval_s: float
    max_backoff_s: float = 600.0
    failures: int = 0
    _etag: str | None = None
    _modified: str | None = None
    _rng: random.Random = field(default_factory=random.Random)

    def fetch(self) -> FetchResult:
        """GET the feed; raises httpx.HTTPError (network, timeout, status >= 400) or
        ValueError (body too large)."""
        headers = {"Accept": "application/x-protobuf, application/octet-stream"}
        if self._etag:
            headers["If-None-Match"] = self._etag
        if self._modified:
            headers["If-Modified-Since"] = self._modified
        response = self.client.get(self.spec.url, headers=headers)
        if response.status_code == 304:
            return FetchResult(304, None)
        response.raise_for_status()
        if len(response.content) > MAX_BYTES:
            raise ValueError(f"answer of {len(response.content)} bytes is too large")
        self._etag = response.headers.get("ETag")
        self._modified = response.headers.get("Last-Modified")
        return FetchResult(response.status_code, response.content)

    def forget_validators(self) -> None:
        """Drop ETag/Last-Modified (after a body that could not be used)."""
        self._etag = self._modified = None

    def next_delay_s(self) -> float:
        """Seconds until the next fetch of this feed."""
        if self.failures == 0:   # within one interval: an update is never later than that
            return self.interval_s * self._rng.uniform(0.9, 1.0)
        else:
            base = min(self.interval_s * 2 ** min(self.failures, 10), self.max_backoff_s)
            base = max(base, self.interval_s)
        return base * self._rng.uniform(0.8, 1.2)
