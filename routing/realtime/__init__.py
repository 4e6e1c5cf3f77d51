"""GTFS-Realtime for the routing library: decode messages (:mod:`.decode`), overlay trip
updates on a compiled timetable (:mod:`.overlay`, :mod:`.catalog`), index service alerts
(:mod:`.alerts`), and serve overlays through a dataset (:mod:`.source`). Fetching over HTTP
lives in the app (``app.realtime``): this package never imports httpx."""
