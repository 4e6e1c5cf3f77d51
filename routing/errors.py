"""Errors raised by the routing library.

One root, and each error also subclasses the builtin it resembles::

    RoutingError
    ├── FeedError(ValueError)          a GTFS feed is missing or broken (names file, row, column)
    ├── VenueFileError(ValueError)     the venues file is missing or broken
    ├── UnknownPlaceError(LookupError) a stop, station or venue id that does not exist
    ├── AmbiguousPlaceError(LookupError) a place name that matches several far-apart places
    ├── QueryError(ValueError)         a query that cannot be answered as asked
    └── NoServiceError(LookupError)    the date lies outside every feed's validity

Only ``app/errors.py`` maps these to HTTP statuses.
"""

from __future__ import annotations

__all__ = [
    "AmbiguousPlaceError",
    "FeedError",
    "NoServiceError",
    "QueryError",
    "RoutingError",
    "UnknownPlaceError",
    "VenueFileError",
]


class RoutingError(Exception):
    """Root of every error the routing library raises on purpose."""


class FeedError(ValueError, RoutingError):
    """A GTFS feed is missing, unreadable or violates the spec in a way we cannot route on."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        where = ", ".join(
            part
            for part in (
                file,
                f"row {row}" if row is not None else None,
                f"column {column}" if column is not None else None,
            )
            if part
        )
        super().__init__(f"{where}: {message}" if where else message)
        self.file = file
        self.row = row
        self.column = column


class VenueFileError(ValueError, RoutingError):
    """The venues file is missing or does not follow its schema."""


class UnknownPlaceError(LookupError, RoutingError):
    """A stop, station or venue id that the loaded data does not have."""

    def __init__(self, message: str, *, place: str | None = None,
                 parameter: str | None = None) -> None:
        super().__init__(message)
        self.place = place
        self.parameter = parameter


class AmbiguousPlaceError(LookupError, RoutingError):
    """A place name that matches several places too far apart to pick one."""

    def __init__(self, message: str, *, candidates: list) -> None:
        super().__init__(message)
        self.candidates = candidates


class QueryError(ValueError, RoutingError):
    """A query that is well-formed but cannot be answered (e.g. origin equals destination)."""

    def __init__(self, message: str, *, parameter: str | None = None) -> None:
        super().__init__(message)
        self.parameter = parameter


class NoServiceError(LookupError, RoutingError):
    """The requested service date lies outside every loaded feed's validity."""

    def __init__(self, message: str, *, parameter: str | None = None) -> None:
        super().__init__(message)
        self.parameter = parameter
