"""Settings from the environment, with paths resolved against the repository root."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

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
    cache_dir: Path = Field(
        default=Path(".cache/menuju"), description="Where compiled timetables are cached."
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

    @model_validator(mode="after")
    def _resolve_paths(self) -> Settings:
        root = self.root_dir.resolve()
        object.__setattr__(self, "root_dir", root)
        for name in ("venues_file", "cache_dir"):
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
