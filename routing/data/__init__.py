"""Loaded or built once per feed set: GTFS reading, venues, fares, the walking network, the
timetable compiler and the :class:`~routing.data.dataset.Dataset` that holds them."""
