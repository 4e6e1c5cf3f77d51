"""Settings from the environment, with paths resolved against the repository root."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from app.realtime.fetch import parse_rt_spec

__all__ = ["Settings", "find_root", "get_settings"]


def find_root() -> Path:
    """The folder holding ``data/``: this checkout, else the working directory."""
    here = Path(__file__).resolve().parents[1]
    for candidate in (here, Path.cwd()):
        if (candidate / "data").is_dir():
            return candidate
    return here


class Settings(BaseSettings):
    """Service configuration; every field is read from the env var of the same name."""

    model_config = SettingsConfigDict(extra="ignore", frozen=True, populate_by_name=True)

    root_dir: Path = Field(
        default_factory=find_root,
        validation_alias="MENUJU_ROOT",
        description="Folder that relative paths are resolved against (holds data/).",
    )
    gtfs_feeds: str | None = Field(
        default=None,
        description="Comma-separated id=path GTFS feeds (folder or zip); "
        "default: every folder under data/gtfs/, its name as id.",
    )
    venues_file: Path = Field(default=Path("data/venues.json"), description="Venues JSON file.")
    artefact_dir: Path = Field(
        default=Path(".cache/artefacts"),
        description="Where dataset artefacts (manifest.json + .npy arrays) are built and "
        "served from; at most two are kept.",
    )
    artefact_days: int = Field(
        default=366, ge=1, le=3660,
        description="Dates after today that an artefact has timetables for (one per service "
        "pattern).",
    )
    profile_days: int = Field(
        default=7, ge=0, le=60,
        description="Dates from today whose service patterns get venue profiles in the "
        "artefact.",
    )
    admin_token: str = Field(
        default="", description="Bearer token of POST /admin/reload; empty: the route is 404."
    )
    allowed_hosts: str = Field(
        default="*", description="Comma-separated Host names accepted (TrustedHostMiddleware); "
        "* for any.",
    )
    public_base_url: str = Field(
        default="", description="The service's public URL (https://host[:port]); QR codes, "
        "phone links and redirects are built from it, never from the Host header. Empty: "
        "http://127.0.0.1:8000.",
    )
    rate_limit: str = Field(
        default="", description="Per-client limit on the plan routes, slowapi syntax "
        "(e.g. '60/minute;600/hour'); empty: no limit.",
    )
    max_request_bytes: int = Field(
        default=16_384, ge=1024,
        description="Largest request URL (path + query) or body accepted, in bytes (414/413).",
    )
    cors_origins: str = Field(
        default="*", description="Comma-separated origins allowed by CORS; * for any."
    )
    log_level: str = Field(default="INFO", description="Python log level name.")
    profiles: bool = Field(
        default=True,
        description="Build venue profiles for today and tomorrow in the background after "
        "start-up (venue plans with the default settings then answer from them).",
    )

    gtfs_rt: str = Field(
        default="", description="GTFS-Realtime feeds, comma-separated feed_id=url[|kind] "
        "(kind: trip-updates, alerts, vehicle-positions; default: whatever the message "
        "holds); feed_id is the static feed the ids belong to. Empty: no realtime.",
    )
    gtfs_rt_interval_s: float = Field(
        default=30.0, ge=1.0, le=3600.0, description="Seconds between fetches of each "
        "realtime feed (longer, with backoff, after failures).",
    )
    gtfs_rt_max_age_s: float = Field(
        default=300.0, ge=10.0, description="A realtime message whose header is older than "
        "this is refused (stale); plans say realtime is unavailable while the one in use is.",
    )
    gtfs_rt_timeout_s: float = Field(
        default=10.0, gt=0.0, le=120.0, description="Timeout of one realtime fetch, seconds.",
    )

    @model_validator(mode="after")
    def _check_gtfs_rt(self) -> Settings:
        parse_rt_spec(self.gtfs_rt)   # a bad entry stops start-up naming it
        return self

    @model_validator(mode="after")
    def _resolve_paths(self) -> Settings:
        root = self.root_dir.resolve()
        object.__setattr__(self, "root_dir", root)
        for name in ("venues_file", "artefact_dir"):
            path: Path = getattr(self, name)
            if not path.is_absolute():
                object.__setattr__(self, name, root / path)
        return self

    @property
    def gtfs_dir(self) -> Path:
        """Default folder of bundled feeds."""
        return self.root_dir / "data" / "gtfs"

    @property
    def cors_origin_list(self) -> list[str]:
        """``cors_origins`` split on commas, blanks dropped."""
        return [o.strip() for o in self.cors_origins.split(",") if o.strip()]


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once from the environment."""
    return Settings()
