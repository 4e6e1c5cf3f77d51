#!/usr/bin/env python3
"""Download the GTFS feeds named in ``feeds.toml``, check them, and replace the ones in place.

    python scripts/fetch_feeds.py                   # into data/feeds-live/<id>.zip
    python scripts/fetch_feeds.py --check           # report what would change, write nothing
    python scripts/fetch_feeds.py --feeds-dir data/gtfs   # replace the bundled feed folders

Requests are conditional (the ETag and Last-Modified of the last download are kept in
``<feeds-dir>/<id>.meta.json``), retried with exponential backoff on 5xx answers and connection
errors, and time-limited. A download replaces the feed in place only when it is a readable zip,
loads through ``routing.data.gtfs`` without error and is valid at least as long as the feed it
replaces; the replacement is atomic (temporary file in the same folder, then ``os.replace``).
Where the
feed in place is a folder (as under ``data/gtfs``), the new one is unpacked beside it and the
two are exchanged in one atomic ``renameat2(RENAME_EXCHANGE)``. ``--reload URL`` then asks the
running service to rebuild its dataset artefact and swap it in (``POST /admin/reload``).

Use the result with ``GTFS_FEEDS=transjakarta=data/feeds-live/transjakarta.zip,...``.
Exit status: 0 every feed up to date or updated, 1 some feed failed (the one in place is kept),
2 bad arguments or config.
"""

from __future__ import annotations

import argparse
import ctypes
import errno
import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
import tomllib
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx

from routing.data.gtfs import FeedSource, load_feed

__all__ = ["FeedConfig", "Outcome", "main", "read_config", "update_feed"]

ROOT = Path(__file__).resolve().parents[1]
CHUNK_BYTES = 64 * 1024


class FetchError(Exception):
    """A feed could not be fetched or failed its checks; the feed in place stays."""


class ConfigError(ValueError):
    """The feeds config file is missing or malformed."""


@dataclass(frozen=True)
class FeedConfig:
    """One feed to fetch: its public id and the URL of its GTFS zip."""

    feed_id: str
    url: str
    timeout_s: float = 60.0


@dataclass(frozen=True)
class Outcome:
    """What happened to one feed: ``status`` is new, updated, unchanged, not-modified,
    would-update or failed."""

    feed_id: str
    status: str
    detail: str

    @property
    def ok(self) -> bool:
        return self.status != "failed"


def read_config(path: Path) -> list[FeedConfig]:
    """The ``[[feed]]`` entries of a TOML config (raises ConfigError)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read config {path}: {exc.strerror or exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config {path} is not valid TOML: {exc}") from exc
    feeds = []
    for n, entry in enumerate(data.get("feed", []), start=1):
        feed_id, url = entry.get("id"), entry.get("url")
        if not isinstance(feed_id, str) or not feed_id.replace("-", "").replace("_", "").isalnum():
            raise ConfigError(f"config {path}: feed {n} needs an id of letters, digits, '-', '_'")
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            raise ConfigError(f"config {path}: feed {feed_id!r} needs an http(s) url")
        feeds.append(FeedConfig(feed_id, url, float(entry.get("timeout_s", 60.0))))
    if not feeds:
        raise ConfigError(f"config {path} names no [[feed]]")
    return feeds


class Progress:
    """A download progress bar on stderr when it is a terminal; silent otherwise."""

    def __init__(self, label: str, total_bytes: int | None, enabled: bool) -> None:
        self.label, self.total, self.enabled, self.done = label, total_bytes, enabled, 0

    def advance(self, n_bytes: int) -> None:
        self.done += n_bytes
        if not self.enabled:
            return
        if self.total:
            filled = int(30 * self.done / self.total)
            bar = "#" * filled + "-" * (30 - filled)
            text = f"{self.label:<14} [{bar}] {self.done / 1e6:6.1f}/{self.total / 1e6:.1f} MB"
        else:
            text = f"{self.label:<14} {self.done / 1e6:6.1f} MB"
        sys.stderr.write("\r" + text)
        sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


def _meta_path(feeds_dir: Path, feed_id: str) -> Path:
    return feeds_dir / f"{feed_id}.meta.json"


def _target(feeds_dir: Path, feed_id: str) -> Path:
    """Where the feed lives: an existing folder ``<id>/`` is kept a folder, else ``<id>.zip``."""
    folder = feeds_dir / feed_id
    return folder if folder.is_dir() else feeds_dir / f"{feed_id}.zip"


def _read_meta(path: Path) -> dict:
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return meta if isinstance(meta, dict) else {}


def _download(client: httpx.Client, feed: FeedConfig, headers: dict[str, str], into: Path,
              *, retries: int, backoff_s: float, progress: bool) -> httpx.Response | None:
    """GET the feed into ``into``; None on 304 Not Modified. Retries 5xx and transport errors."""
    last_error = ""
    for attempt in range(retries + 1):
        if attempt:
            time.sleep(backoff_s * 2 ** (attempt - 1))
        try:
            with client.stream("GET", feed.url, headers=headers, timeout=feed.timeout_s) as resp:
                if resp.status_code == 304:
                    return None
                if resp.status_code >= 500 or resp.status_code == 429:
                    last_error = f"HTTP {resp.status_code} from {feed.url}"
                    continue
                if resp.status_code != 200:
                    raise FetchError(f"HTTP {resp.status_code} from {feed.url}")
                length = resp.headers.get("content-length")
                bar = Progress(feed.feed_id, int(length) if length and length.isdigit() else None,
                               progress)
                try:
                    with into.open("wb") as handle:
                        for chunk in resp.iter_bytes(CHUNK_BYTES):
                            handle.write(chunk)
                            bar.advance(len(chunk))
                finally:
                    bar.close()
                return resp
        except httpx.TransportError as exc:
            last_error = f"{type(exc).__name__} fetching {feed.url}: {exc}"
    raise FetchError(f"gave up after {retries + 1} attempts: {last_error}")


def _check_download(path: Path, feed_id: str,
                    old_end: date | None) -> tuple[date | None, date | None]:
    """Validity (start, end) of a downloaded zip, or FetchError saying why it is unusable."""
    try:
        with zipfile.ZipFile(path) as zf:
            broken = zf.testzip()
    except (zipfile.BadZipFile, OSError) as exc:
        raise FetchError(f"download is not a readable zip ({exc})") from exc
    if broken is not None:
        raise FetchError(f"download is a damaged zip ({broken} fails its CRC check)")
    try:
        loaded = load_feed(FeedSource(feed_id, path))
    except Exception as exc:  # any failure to load means: keep the feed in place
        raise FetchError(f"download does not load as GTFS: {exc}") from exc
    if old_end is not None and loaded.end_date is not None and loaded.end_date < old_end:
        raise FetchError(f"download is valid until {loaded.end_date}, before the feed in place "
                         f"({old_end})")
    return loaded.start_date, loaded.end_date


def _end_in_place(target: Path, feed_id: str, meta: dict) -> date | None:
    """Validity end of the feed in place (from its meta file, else by loading it)."""
    if not target.exists():
        return None
    if meta.get("end_date"):
        return date.fromisoformat(meta["end_date"])
    try:
        return load_feed(FeedSource(feed_id, target)).end_date
    except Exception:  # a broken feed in place may be replaced by any good one
        return None


def _install(download: Path, target: Path) -> None:
    """Atomically put the checked zip at ``target``: a zip path by ``os.replace``; a folder by
    unpacking beside it and exchanging the two in one ``renameat2(RENAME_EXCHANGE)`` call, so
    a reader sees the old folder or the new one, never neither."""
    if target.suffix == ".zip":
        os.replace(download, target)
        return
    fresh = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.new-"))
    try:
        with zipfile.ZipFile(download) as zf:
            for info in zf.infolist():
                if not info.is_dir() and info.filename.endswith(".txt"):
                    (fresh / Path(info.filename).name).write_bytes(zf.read(info))
        fresh.chmod(0o755)
        if target.exists():
            exchange_paths(fresh, target)   # fresh now holds the old feed
        else:
            os.replace(fresh, target)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
        download.unlink(missing_ok=True)


def exchange_paths(a: Path, b: Path) -> None:
    """Swap two paths atomically (Linux ``renameat2`` with ``RENAME_EXCHANGE``); raises
    OSError where the system cannot (then nothing has moved)."""
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        raise OSError(errno.ENOSYS, "renameat2 is not available: cannot swap folders atomically")
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) != 0:
        code = ctypes.get_errno()
        raise OSError(code, f"cannot swap {a} and {b}: {os.strerror(code)}")


def trigger_reload(url: str, token: str, timeout_s: float = 1800.0) -> tuple[bool, str]:
    """POST ``<url>/admin/reload?wait=true`` with the bearer token; (succeeded, one line)."""
    try:
        resp = httpx.post(url.rstrip("/") + "/admin/reload", params={"wait": "true"},
                          headers={"Authorization": f"Bearer {token}"}, timeout=timeout_s)
    except httpx.HTTPError as exc:
        return False, f"reload request failed: {exc}"
    if resp.status_code != 200:
        return False, f"reload refused: HTTP {resp.status_code}"
    outcome = resp.json().get("reload") or {}
    status = outcome.get("status")
    detail = outcome.get("detail") or outcome.get("artefact") or ""
    return status in ("ok", "unchanged"), f"reload {status}: {detail}"


def _size(n_bytes: int) -> str:
    return f"{n_bytes / 1e6:.1f} MB" if n_bytes >= 1e6 else f"{n_bytes / 1e3:.0f} kB"


def _write_meta(path: Path, meta: dict) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def update_feed(client: httpx.Client, feed: FeedConfig, feeds_dir: Path, *, check: bool = False,
                retries: int = 3, backoff_s: float = 1.0, progress: bool = False) -> Outcome:
    """Fetch, check and (unless ``check``) install one feed; never raises FetchError."""
    meta_file, target = _meta_path(feeds_dir, feed.feed_id), _target(feeds_dir, feed.feed_id)
    meta = _read_meta(meta_file) if target.exists() else {}
    headers = {}
    if meta.get("url") == feed.url:
        if meta.get("etag"):
            headers["If-None-Match"] = meta["etag"]
        if meta.get("last_modified"):
            headers["If-Modified-Since"] = meta["last_modified"]
    fd, name = tempfile.mkstemp(dir=None if check else feeds_dir, prefix=f".{feed.feed_id}.",
                                suffix=".zip.part")
    os.close(fd)
    download = Path(name)
    try:
        resp = _download(client, feed, headers, download, retries=retries, backoff_s=backoff_s,
                         progress=progress)
        if resp is None:
            return Outcome(feed.feed_id, "not-modified", f"{target} is current (HTTP 304)")
        sha256 = hashlib.sha256(download.read_bytes()).hexdigest()
        size = _size(download.stat().st_size)
        new_meta = {
            "url": feed.url, "etag": resp.headers.get("etag"),
            "last_modified": resp.headers.get("last-modified"), "sha256": sha256,
            "fetched_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        }
        if target.exists() and sha256 == meta.get("sha256"):
            if not check:
                _write_meta(meta_file, {**meta, **new_meta})
            return Outcome(feed.feed_id, "unchanged", f"{target} has the same content")
        start, end = _check_download(download, feed.feed_id,
                                     _end_in_place(target, feed.feed_id, meta))
        valid = f"valid {start or '?'} to {end or '?'}"
        if check:
            verb = "would replace" if target.exists() else "would add"
            return Outcome(feed.feed_id, "would-update", f"{verb} {target}: {size}, {valid}")
        status = "updated" if target.exists() else "new"
        _install(download, target)
        _write_meta(meta_file, {**new_meta, "start_date": start and start.isoformat(),
                                "end_date": end and end.isoformat()})
        return Outcome(feed.feed_id, status, f"{target}: {size}, {valid}")
    except FetchError as exc:
        return Outcome(feed.feed_id, "failed", f"{exc}; kept {target}" if target.exists()
                       else str(exc))
    finally:
        download.unlink(missing_ok=True)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def build_parser(prog: str | None = None) -> argparse.ArgumentParser:
    parser = _Parser(prog=prog, description="Download, check and install GTFS feeds.")
    parser.add_argument("--config", type=Path, default=ROOT / "feeds.toml",
                        help="TOML file of [[feed]] id/url entries (default: feeds.toml)")
    parser.add_argument("--feeds-dir", type=Path, default=ROOT / "data" / "feeds-live",
                        help="where feeds are kept (default: data/feeds-live)")
    parser.add_argument("--only", action="append", metavar="ID", help="fetch only this feed id")
    parser.add_argument("--check", action="store_true", help="report what would change only")
    parser.add_argument("--retries", type=int, default=3, help="retries per feed (default 3)")
    parser.add_argument("--backoff", type=float, default=1.0, metavar="SECONDS",
                        help="first retry delay, doubled each time (default 1)")
    parser.add_argument("--reload", metavar="URL",
                        help="after a feed changed, ask the service at URL to rebuild and "
                        "swap its dataset (POST /admin/reload; token from --token or "
                        "ADMIN_TOKEN)")
    parser.add_argument("--token", help="the service's ADMIN_TOKEN (default: $ADMIN_TOKEN)")
    return parser


def main(argv: list[str] | None = None, prog: str | None = None) -> int:
    args = build_parser(prog).parse_args(argv)
    try:
        feeds = read_config(args.config)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.only:
        unknown = sorted(set(args.only) - {f.feed_id for f in feeds})
        if unknown:
            print(f"error: no feed {', '.join(unknown)} in {args.config}", file=sys.stderr)
            return 2
        feeds = [f for f in feeds if f.feed_id in args.only]
    if not args.check:
        args.feeds_dir.mkdir(parents=True, exist_ok=True)
    outcomes = []
    with httpx.Client(follow_redirects=True, headers={"User-Agent": "menuju-fetch-feeds/0.1"}
                      ) as client:
        for feed in feeds:
            outcome = update_feed(client, feed, args.feeds_dir, check=args.check,
                                  retries=max(0, args.retries), backoff_s=args.backoff,
                                  progress=sys.stderr.isatty())
            outcomes.append(outcome)
            print(f"{outcome.feed_id:<14} {outcome.status:<13} {outcome.detail}", flush=True)
    ok = all(o.ok for o in outcomes)
    if args.reload and not args.check and any(o.status in ("updated", "new") for o in outcomes):
        token = args.token or os.environ.get("ADMIN_TOKEN", "")
        if not token:
            print("error: --reload needs --token or ADMIN_TOKEN", file=sys.stderr)
            return 2
        reloaded, line = trigger_reload(args.reload, token)
        print(line, flush=True)
        ok = ok and reloaded
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
