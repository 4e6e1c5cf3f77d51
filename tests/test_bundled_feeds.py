"""The bundled feeds in data/gtfs load with gtfs-kit, hang together and state the known facts.

gtfs-kit 13 has no ``Feed.validate`` (it was removed from the library), so the referential
checks a validator would make are written out here (``integrity_errors``).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import gtfs_kit
import pandas as pd
import pytest

from routing.data.fares import FareTable
from routing.data.gtfs import FeedSource, LoadedFeed, load_feed
from routing.journeys import Leg, PlaceRef

GTFS = Path(__file__).resolve().parent.parent / "data" / "gtfs"
MRT_ORDER = [
    "Lebak Bulus",
    "Fatmawati",
    "Cipete Raya",
    "Haji Nawi",
    "Blok A",
    "Blok M",
    "ASEAN",
    "Senayan",
    "Istora",
    "Bendungan Hilir",
    "Setiabudi",
    "Dukuh Atas",
    "Bundaran HI",
]


def secs(t: str) -> int:
    h, m, s = (int(x) for x in t.split(":"))
    return h * 3600 + m * 60 + s


@pytest.fixture(scope="module")
def mrt() -> gtfs_kit.Feed:
    return gtfs_kit.read_feed(GTFS / "mrt-jakarta", dist_units="km")


@pytest.fixture(scope="module")
def tj() -> gtfs_kit.Feed:
    return gtfs_kit.read_feed(GTFS / "transjakarta", dist_units="km")


def integrity_errors(feed: gtfs_kit.Feed) -> list[str]:
    """What a validator would call errors: dangling ids, bad hierarchy, time going backwards."""
    errors: list[str] = []
    stops = feed.stops.set_index("stop_id")
    loc = stops["location_type"].fillna(0).astype(int)
    if not stops.index.is_unique:
        errors.append("stops: duplicate stop_id")
    parents = feed.stops.dropna(subset=["parent_station"])
    if not parents["parent_station"].map(loc).eq(1).all():
        errors.append("stops: parent_station missing or not a station")
    if (
        feed.stops.loc[feed.stops["location_type"].fillna(0).astype(int) == 2, "parent_station"]
        .isna()
        .any()
    ):
        errors.append("stops: entrance without parent_station")
    st = feed.stop_times
    if not st["stop_id"].isin(loc[loc == 0].index).all():
        errors.append("stop_times: stop_id missing or not a stop/platform")
    if not st["trip_id"].isin(feed.trips["trip_id"]).all():
        errors.append("stop_times: unknown trip_id")
    if not feed.trips["route_id"].isin(feed.routes["route_id"]).all():
        errors.append("trips: unknown route_id")
    services = set(feed.calendar["service_id"])
    if not feed.trips["service_id"].isin(services).all():
        errors.append("trips: unknown service_id")
    if (
        feed.calendar_dates is not None
        and not feed.calendar_dates["service_id"].isin(services).all()
    ):
        errors.append("calendar_dates: unknown service_id")
    if (
        feed.shapes is not None
        and not feed.trips["shape_id"].dropna().isin(feed.shapes["shape_id"]).all()
    ):
        errors.append("trips: unknown shape_id")
    if feed.frequencies is not None:
        f = feed.frequencies
        if not f["trip_id"].isin(feed.trips["trip_id"]).all():
            errors.append("frequencies: unknown trip_id")
        if (f["start_time"].map(secs) >= f["end_time"].map(secs)).any():
            errors.append("frequencies: start_time not before end_time")
    ordered = st.sort_values(["trip_id", "stop_sequence"])
    arr, dep = ordered["arrival_time"].map(secs), ordered["departure_time"].map(secs)
    if (dep < arr).any():
        errors.append("stop_times: departure before arrival")
    nxt = arr.groupby(ordered["trip_id"]).shift(-1)
    if (nxt.notna() & (nxt < dep)).any():
        errors.append("stop_times: time goes backwards within a trip")
    if feed.fare_rules is not None:
        if not feed.fare_rules["fare_id"].isin(feed.fare_attributes["fare_id"]).all():
            errors.append("fare_rules: unknown fare_id")
        if not feed.fare_rules["route_id"].dropna().isin(feed.routes["route_id"]).all():
            errors.append("fare_rules: unknown route_id")
        zones = set(feed.stops["zone_id"].dropna()) if "zone_id" in feed.stops else set()
        for col in ("origin_id", "destination_id"):
            if col in feed.fare_rules and not feed.fare_rules[col].dropna().isin(zones).all():
                errors.append(f"fare_rules: {col} is not a zone_id")
    if feed.transfers is not None:
        t = feed.transfers
        if not (t["from_stop_id"].isin(stops.index) & t["to_stop_id"].isin(stops.index)).all():
            errors.append("transfers: unknown stop")
    return errors


@pytest.mark.parametrize("name", ["mrt", "tj"])
def test_feeds_load_and_hang_together(name: str, request: pytest.FixtureRequest) -> None:
    feed = request.getfixturevalue(name)
    assert integrity_errors(feed) == []
    quality = feed.assess_quality().set_index("indicator")["value"]
    assert quality["assessment"] != "bad feed"
    assert quality["num_trips_missing_shapes"] == 0


def test_mrt_has_13_stations_in_order(mrt: gtfs_kit.Feed) -> None:
    stations = mrt.stops[mrt.stops["location_type"] == 1]
    assert len(stations) == 13
    trip = mrt.trips[mrt.trips["direction_id"] == 0]["trip_id"].iloc[0]
    st = mrt.stop_times[mrt.stop_times["trip_id"] == trip].sort_values("stop_sequence")
    parent = mrt.stops.set_index("stop_id")["parent_station"]
    names = mrt.stops.set_index("stop_id").loc[st["stop_id"].map(parent), "stop_name"]
    assert len(names) == 13
    for name, expected in zip(names, MRT_ORDER, strict=True):
        assert expected in name
    assert {"EBKM01", "EASN02", "EASN03"} <= set(mrt.stops["stop_id"])


def test_mrt_end_to_end_time(mrt: gtfs_kit.Feed) -> None:
    st = mrt.stop_times.assign(t=lambda d: d["arrival_time"].map(secs))
    span = st.groupby("trip_id")["t"].agg(lambda s: s.max() - s.min())
    assert span.between(28 * 60, 31 * 60).all()
    inner = st[(st["stop_sequence"] > 0) & (st["stop_sequence"] < 12)]
    assert (inner["arrival_time"] != inner["departure_time"]).all()


def mrt_headway(mrt: gtfs_kit.Feed, service: str, at: str) -> int:
    first = mrt.stop_times[mrt.stop_times["stop_sequence"] == 0].merge(mrt.trips, on="trip_id")
    deps = sorted(
        first[(first["service_id"] == service) & (first["direction_id"] == 0)][
            "departure_time"
        ].map(secs)
    )
    t = secs(at)
    after = next(i for i, d in enumerate(deps) if d >= t)
    return deps[after + 1] - deps[after]


def test_mrt_headways(mrt: gtfs_kit.Feed) -> None:
    assert mrt_headway(mrt, "WD", "08:00:00") == 300
    assert mrt_headway(mrt, "WD", "12:00:00") == 600
    assert mrt_headway(mrt, "WE", "08:00:00") == 600
    weekday, saturday = mrt.calendar.set_index("service_id").loc[["WD", "WE"], "saturday"]
    assert (weekday, saturday) == (0, 1)
    assert mrt.stop_times["arrival_time"].max() > "24:00:00"


def test_mrt_fares(mrt: gtfs_kit.Feed) -> None:
    rules = mrt.fare_rules.merge(mrt.fare_attributes, on="fare_id")
    price = rules.set_index(["origin_id", "destination_id"])["price"]
    assert price[("ASN", "BKM")] == 3000
    assert price[("ASN", "SNY")] == 3000
    assert price[("ASN", "LBB")] == 9000
    assert price[("ASN", "BHI")] == 7000
    assert price.min() == 3000 and price.max() == 14000
    assert len(price) == 13 * 12


def test_tj_routes_and_frequencies(tj: gtfs_kit.Feed) -> None:
    routes = tj.routes.set_index("route_id")
    assert routes.loc["1", "route_long_name"] == "Blok M - Kota"
    assert routes.loc["13", "route_long_name"] == "Ciledug - Tegal Mampang"
    assert len(routes) >= 8
    for route in ("1", "13"):
        assert set(tj.trips[tj.trips["route_id"] == route]["direction_id"]) == {0, 1}
    freq = tj.frequencies
    assert (freq["end_time"].map(secs) > 24 * 3600).any()
    assert (freq["exact_times"] == 0).all()
    assert set(freq["trip_id"]) == set(tj.trips["trip_id"])
    holiday = tj.calendar_dates[tj.calendar_dates["date"] == "20261225"]
    assert set(zip(holiday["service_id"], holiday["exception_type"], strict=True)) == {
        ("HK", 2),
        ("HL", 1),
    }
    fares = tj.fare_rules.merge(tj.fare_attributes, on="fare_id").set_index("route_id")
    assert fares.loc["1", "price"] == 3500 and fares.loc["JAK.31", "price"] == 0


def test_mrt_asean_is_metres_from_csw_halte(mrt: gtfs_kit.Feed, tj: gtfs_kit.Feed) -> None:
    a = mrt.stops.set_index("stop_id").loc["SASN"]
    for halte in ("H00265P", "H00041P", "H00264P"):
        b = tj.stops.set_index("stop_id").loc[halte]
        dy = (a["stop_lat"] - b["stop_lat"]) * 111_320
        dx = (a["stop_lon"] - b["stop_lon"]) * 110_670
        assert (dx * dx + dy * dy) ** 0.5 < 200


def _csv(name: str) -> pd.DataFrame:
    return pd.read_csv(GTFS / "transjakarta" / f"{name}.txt", dtype=str, keep_default_na=False)


def test_tj_fares_v2_files_hang_together(tj: gtfs_kit.Feed) -> None:
    products = _csv("fare_products").set_index("fare_product_id")
    assert products["amount"].astype(int).to_dict() == {
        "TJ_REGULER": 3500, "TJ_PAGI": 2000, "MIKROTRANS_GRATIS": 0}
    assert set(products["currency"]) == {"IDR"}
    assert set(products["fare_media_id"]) <= set(_csv("fare_media")["fare_media_id"])
    networks = _csv("route_networks")
    assert sorted(networks["route_id"]) == sorted(tj.routes["route_id"])   # each route once
    assert set(networks["network_id"]) <= set(_csv("networks")["network_id"])
    assert networks.set_index("route_id").loc["JAK.31", "network_id"] == "MIKROTRANS"
    legs = _csv("fare_leg_rules")
    assert set(legs["fare_product_id"]) <= set(products.index)
    assert set(legs["network_id"]) <= set(networks["network_id"])
    frames = _csv("timeframes")
    assert frames[["start_time", "end_time"]].values.tolist() == [["05:00:00", "07:00:00"]]
    assert set(frames["service_id"]) <= set(tj.calendar["service_id"])
    assert set(legs["from_timeframe_group_id"]) - {""} <= set(frames["timeframe_group_id"])
    transfers = _csv("fare_transfer_rules")
    assert set(transfers["from_leg_group_id"]) <= set(legs["leg_group_id"])


@pytest.fixture(scope="module")
def tj_fares() -> tuple[LoadedFeed, FareTable]:
    feed = load_feed(FeedSource("tj", GTFS / "transjakarta"))
    return feed, FareTable([feed])


def _ride(feed: LoadedFeed, route: str, dep_s: int) -> Leg:
    """A Leg on the first trip of ``route`` between its first two stops, leaving at dep_s."""
    trip = feed.tables.trips[feed.tables.trips["route_id"] == f"tj:{route}"]["trip_id"].iloc[0]
    calls = feed.tables.stop_times[feed.tables.stop_times["trip_id"] == trip]
    a, b = (PlaceRef(s, 0.0, 0.0, stop_id=s) for s in calls["stop_id"].iloc[:2])
    return Leg("BUS", a, b, dep_s, dep_s + 600, 1000, [], trip_id=trip, route_id=f"tj:{route}")


@pytest.mark.parametrize(("route", "clock", "idr", "product"), [
    ("1", "06:10", 2000, "tj:TJ_PAGI"),          # morning fare 05:00-07:00
    ("1", "04:59", 3500, "tj:TJ_REGULER"),
    ("13", "07:00", 3500, "tj:TJ_REGULER"),      # the timeframe ends at 07:00 (excluded)
    ("JAK.31", "08:00", 0, "tj:MIKROTRANS_GRATIS"),
])
def test_menuju_prices_the_bundled_tj_feed_by_v2(tj_fares, route, clock, idr, product) -> None:
    feed, fares = tj_fares
    leg = _ride(feed, route, secs(clock + ":00"))
    assert fares.price_legs([leg], date(2026, 12, 1)) == idr
    assert (leg.fare_idr, leg.fare_product.product_id, leg.fare_product.media) == (
        idr, product, "Kartu JakLingko / uang elektronik")


def test_tj_changes_are_free_for_three_hours_from_the_first_ride(tj_fares) -> None:
    feed, fares = tj_fares
    day = date(2026, 12, 1)
    first, soon, late = (_ride(feed, r, secs(t)) for r, t in
                         (("1", "08:00:00"), ("13", "10:00:00"), ("1Q", "11:30:00")))
    assert fares.price_legs([first, soon], day) == 3500
    assert fares.price_legs([first, soon, late], day) == 7000    # 3 h 30 min after 08:00
