"""Scenarios FARE and FV (issue 11, points 5 and 6): fares v1 ``contains_id`` as the set of zones a
ride passes, and fares v2 (products, leg rules, timeframes, transfer rules, areas, networks,
rider categories, media) alongside v1.

Queries are on Monday 2024-06-03. A, B, C, D lie 1.1 km apart on one line (no walking between
them). R1 runs A 08:00 -> B 08:10 (and A 06:00 -> B 06:10); R2 runs B 08:15 -> C 08:25;
R3 runs C 08:30 -> D 08:40.
"""

from __future__ import annotations

import pytest

from routing.errors import FeedError
from tests.routing.feedtext import MONDAY, plan_lines, run

LINE = """
# stops.txt
stop_id,stop_name,stop_lat,stop_lon,zone_id
A,Alpha,-6.2000,106.8000,Z1
B,Bravo,-6.2100,106.8000,Z2
C,Charlie,-6.2200,106.8000,Z3
D,Delta,-6.2300,106.8000,Z4
# routes.txt
route_id,route_short_name,route_type
R1,R1,3
R2,R2,3
R3,R3,3
# trips.txt
route_id,service_id,trip_id
R1,S,T1
R1,S,T0
R2,S,T2
R3,S,T3
# stop_times.txt
trip_id,arrival_time,departure_time,stop_id,stop_sequence
T0,06:00:00,06:00:00,A,1
T0,06:10:00,06:10:00,B,2
T1,08:00:00,08:00:00,A,1
T1,08:10:00,08:10:00,B,2
T2,08:15:00,08:15:00,B,1
T2,08:25:00,08:25:00,C,2
T3,08:30:00,08:30:00,C,1
T3,08:40:00,08:40:00,D,2
"""

# --- FARE: fares v1, contains_id (shared case 14 and its kind) ---

CASE_14 = """
# stops.txt
stop_id,stop_name,stop_lat,stop_lon,zone_id
A,Alpha,-6.2000,106.8000,Z1
B,Bravo,-6.2100,106.8000,Z2
C,Charlie,-6.2200,106.8000,Z3
# routes.txt
route_id,route_short_name,route_type
R1,R1,3
# trips.txt
route_id,service_id,trip_id
R1,S,T1
# stop_times.txt
trip_id,arrival_time,departure_time,stop_id,stop_sequence
T1,08:00:00,08:00:00,A,1
T1,08:10:00,08:10:00,B,2
T1,08:20:00,08:20:00,C,3
# fare_attributes.txt
fare_id,price,currency_type,payment_method,transfers
F12,5000,IDR,0,0
F123,10000,IDR,0,0
# fare_rules.txt
fare_id,route_id,origin_id,destination_id,contains_id
F12,,,,Z1
F12,,,,Z2
F123,,,,Z1
F123,,,,Z2
F123,,,,Z3
"""


def test_fare1_a_ride_through_three_zones_takes_the_three_zone_fare(feed):
    # case 14: A -> C passes Z1, Z2 (at B) and Z3: only F123's set {Z1, Z2, Z3} is equal
    ds = feed(CASE_14)
    assert plan_lines(ds, "stop:f:A", "stop:f:C", "07:55", num_itineraries=1) == [
        "f:A ~ BUS R1 08:00 08:20 ~ f:C [08:00 08:20 20m T0 Rp10000]"
    ]


def test_fare2_a_ride_through_two_zones_takes_the_two_zone_fare(feed):
    # case 14: A -> B passes Z1, Z2: F12 fits; F123 lists Z3 too, which the ride never enters
    ds = feed(CASE_14)
    assert plan_lines(ds, "stop:f:A", "stop:f:B", "07:55", num_itineraries=1) == [
        "f:A ~ BUS R1 08:00 08:10 ~ f:B [08:00 08:10 10m T0 Rp5000]"
    ]


def test_fare3_contains_sets_are_per_route(feed):
    # F on R1 through {Z2, Z3}; R2's ride B -> C passes the same zones but no R2 rule exists
    ds = feed(LINE + """
        # fare_attributes.txt
        fare_id,price,currency_type,payment_method,transfers
        F,4000,IDR,0,0
        # fare_rules.txt
        fare_id,route_id,origin_id,destination_id,contains_id
        F,R1,,,Z1
        F,R1,,,Z2
    """)
    assert plan_lines(ds, "stop:f:A", "stop:f:B", "07:55", num_itineraries=1) == [
        "f:A ~ BUS R1 08:00 08:10 ~ f:B [08:00 08:10 10m T0 Rp4000]"
    ]
    assert plan_lines(ds, "stop:f:B", "stop:f:C", "08:00", num_itineraries=1) == [
        "f:B ~ BUS R2 08:15 08:25 ~ f:C [08:15 08:25 10m T0 Rp?]"
    ]


# --- FV: fares v2 ---

V2_BASE = """
# fare_media.txt
fare_media_id,fare_media_name,fare_media_type
CARD,JakLingko card,2
# rider_categories.txt
rider_category_id,rider_category_name,is_default_fare_category
ADULT,Umum,1
PELAJAR,Pelajar,0
# fare_products.txt
fare_product_id,fare_product_name,amount,currency,fare_media_id,rider_category_id
FLAT,Tarif normal,3500,IDR,CARD,ADULT
FLAT,Tarif normal,1000,IDR,CARD,PELAJAR
PAGI,Tarif pagi,2000,IDR,CARD,ADULT
# timeframes.txt
timeframe_group_id,start_time,end_time,service_id
PAGI,05:00:00,07:00:00,S
"""


def _rules(rows: str, transfers: str = "") -> str:
    text = V2_BASE + "# fare_leg_rules.txt\n" + rows
    if transfers:
        text += "# fare_transfer_rules.txt\n" + transfers
    return LINE + text


FLAT_AND_MORNING = _rules("""
    leg_group_id,network_id,from_timeframe_group_id,fare_product_id,rule_priority
    G,,,FLAT,0
    G,,PAGI,PAGI,1
""")


def test_fv1_a_ride_in_the_morning_timeframe_takes_the_morning_product(feed):
    ds = feed(FLAT_AND_MORNING)
    assert plan_lines(ds, "stop:f:A", "stop:f:B", "05:55", num_itineraries=1) == [
        "f:A ~ BUS R1 06:00 06:10 ~ f:B [06:00 06:10 10m T0 Rp2000]"
    ]


def test_fv2_a_ride_outside_the_timeframe_takes_the_default_riders_flat_product(feed):
    # the 1,000 student price is for a non-default rider category and is not offered
    ds = feed(FLAT_AND_MORNING)
    journey = run(ds, "stop:f:A", "stop:f:B", "07:55", num_itineraries=1).journeys[0]
    product = journey.legs[0].fare_product
    assert (product.name, product.amount, product.currency, product.media) == (
        "Tarif normal", 3500.0, "IDR", "JakLingko card")
    assert plan_lines(ds, "stop:f:A", "stop:f:B", "07:55", num_itineraries=1) == [
        "f:A ~ BUS R1 08:00 08:10 ~ f:B [08:00 08:10 10m T0 Rp3500]"
    ]


def test_fv3_a_timeframe_counts_only_on_dates_its_service_runs(feed):
    # PAGI's service W runs at weekends only: on Monday 06:00 is the flat fare
    ds = feed(FLAT_AND_MORNING.replace("PAGI,05:00:00,07:00:00,S", "PAGI,05:00:00,07:00:00,W")
              + "# calendar.txt\n"
              "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,"
              "start_date,end_date\n"
              "S,1,1,1,1,1,1,1,20240101,20241231\nW,0,0,0,0,0,1,1,20240101,20241231\n")
    journey = run(ds, "stop:f:A", "stop:f:B", "05:55", num_itineraries=1).journeys[0]
    assert ds.fares.price_legs(journey.legs, MONDAY) == 3500


def test_fv4_a_free_transfer_within_the_duration_limit(feed):
    ds = feed(_rules("""
        leg_group_id,fare_product_id
        G,FLAT
    """, """
        from_leg_group_id,to_leg_group_id,transfer_count,duration_limit,duration_limit_type,fare_transfer_type
        G,G,-1,1800,1,0
    """))
    # B leaves 15 min after A's departure: free; C leaves 30 min after: still free (1800 s)
    assert plan_lines(ds, "stop:f:A", "stop:f:D", "07:55", num_itineraries=1) == [
        "f:A ~ BUS R1 08:00 08:10 ~ f:B ~ BUS R2 08:15 08:25 ~ f:C ~ BUS R3 08:30 08:40 "
        "~ f:D [08:00 08:40 40m T2 Rp3500]"
    ]


def test_fv5_the_duration_limit_counts_from_the_first_ride(feed):
    ds = feed(_rules("""
        leg_group_id,fare_product_id
        G,FLAT
    """, """
        from_leg_group_id,to_leg_group_id,transfer_count,duration_limit,duration_limit_type,fare_transfer_type
        G,G,-1,1200,1,0
    """))
    # R2 at 08:15 is within 20 min of 08:00; R3 at 08:30 is not: it pays again
    assert plan_lines(ds, "stop:f:A", "stop:f:D", "07:55", num_itineraries=1) == [
        "f:A ~ BUS R1 08:00 08:10 ~ f:B ~ BUS R2 08:15 08:25 ~ f:C ~ BUS R3 08:30 08:40 "
        "~ f:D [08:00 08:40 40m T2 Rp7000]"
    ]


def test_fv6_transfer_count_limits_the_free_changes(feed):
    ds = feed(_rules("""
        leg_group_id,fare_product_id
        G,FLAT
    """, """
        from_leg_group_id,to_leg_group_id,transfer_count,fare_transfer_type
        G,G,1,0
    """))
    assert plan_lines(ds, "stop:f:A", "stop:f:D", "07:55", num_itineraries=1) == [
        "f:A ~ BUS R1 08:00 08:10 ~ f:B ~ BUS R2 08:15 08:25 ~ f:C ~ BUS R3 08:30 08:40 "
        "~ f:D [08:00 08:40 40m T2 Rp7000]"
    ]


def test_fv7_transfer_type_1_adds_the_transfer_and_the_next_ride(feed):
    # A + AB + B: 3,500 + 500 + 3,500
    ds = feed(_rules("""
        leg_group_id,fare_product_id
        G,FLAT
    """, """
        from_leg_group_id,to_leg_group_id,transfer_count,fare_transfer_type,fare_product_id
        G,G,-1,1,FEE
    """).replace("PAGI,Tarif pagi,2000,IDR,CARD,ADULT",
                 "PAGI,Tarif pagi,2000,IDR,CARD,ADULT\nFEE,Biaya transfer,500,IDR,,"))
    assert plan_lines(ds, "stop:f:A", "stop:f:C", "07:55", num_itineraries=1) == [
        "f:A ~ BUS R1 08:00 08:10 ~ f:B ~ BUS R2 08:15 08:25 ~ f:C [08:00 08:25 25m T1 Rp7500]"
    ]


def test_fv8_transfer_type_2_replaces_both_rides_with_the_transfer_product(feed):
    ds = feed(_rules("""
        leg_group_id,fare_product_id
        G,FLAT
    """, """
        from_leg_group_id,to_leg_group_id,transfer_count,fare_transfer_type,fare_product_id
        G,G,-1,2,PASS
    """).replace("PAGI,Tarif pagi,2000,IDR,CARD,ADULT",
                 "PAGI,Tarif pagi,2000,IDR,CARD,ADULT\nPASS,Tiket terusan,5000,IDR,,"))
    assert plan_lines(ds, "stop:f:A", "stop:f:C", "07:55", num_itineraries=1) == [
        "f:A ~ BUS R1 08:00 08:10 ~ f:B ~ BUS R2 08:15 08:25 ~ f:C [08:00 08:25 25m T1 Rp5000]"
    ]


def test_fv9_areas_and_networks_price_by_origin_and_destination(feed):
    # network N1 = R1 and R2; area X = A and B, area Y = C. X -> X 3,000; X -> Y 6,000;
    # an empty to_area matches rides to stops no rule names (D): 9,000 by default
    ds = feed(LINE + V2_BASE.replace(
        "PAGI,Tarif pagi,2000,IDR,CARD,ADULT",
        "P3,Tiga,3000,IDR,,\nP6,Enam,6000,IDR,,\nP9,Sembilan,9000,IDR,,") + """
        # route_networks.txt
        network_id,route_id
        N1,R1
        N1,R2
        N1,R3
        # areas.txt
        area_id,area_name
        X,Barat
        Y,Timur
        # stop_areas.txt
        area_id,stop_id
        X,A
        X,B
        Y,C
        # fare_leg_rules.txt
        network_id,from_area_id,to_area_id,fare_product_id
        N1,X,X,P3
        N1,X,Y,P6
        N1,Y,,P9
    """)
    assert plan_lines(ds, "stop:f:A", "stop:f:B", "07:55", num_itineraries=1) == [
        "f:A ~ BUS R1 08:00 08:10 ~ f:B [08:00 08:10 10m T0 Rp3000]"
    ]
    assert plan_lines(ds, "stop:f:B", "stop:f:C", "08:00", num_itineraries=1) == [
        "f:B ~ BUS R2 08:15 08:25 ~ f:C [08:15 08:25 10m T0 Rp6000]"
    ]
    assert plan_lines(ds, "stop:f:C", "stop:f:D", "08:00", num_itineraries=1) == [
        "f:C ~ BUS R3 08:30 08:40 ~ f:D [08:30 08:40 10m T0 Rp9000]"
    ]


def test_fv10_v2_prices_a_feed_that_also_has_v1(feed):
    ds = feed(FLAT_AND_MORNING + """
        # fare_attributes.txt
        fare_id,price,currency_type
        OLD,9999,IDR
        # fare_rules.txt
        fare_id
        OLD
    """)
    assert plan_lines(ds, "stop:f:A", "stop:f:B", "07:55", num_itineraries=1) == [
        "f:A ~ BUS R1 08:00 08:10 ~ f:B [08:00 08:10 10m T0 Rp3500]"
    ]


def test_fv11_a_ride_no_leg_rule_matches_has_an_unknown_fare(feed):
    ds = feed(_rules("""
        network_id,fare_product_id
        N9,FLAT
    """) + """
        # route_networks.txt
        network_id,route_id
        N9,R2
    """)
    assert plan_lines(ds, "stop:f:A", "stop:f:C", "07:55", num_itineraries=1) == [
        "f:A ~ BUS R1 08:00 08:10 ~ f:B ~ BUS R2 08:15 08:25 ~ f:C [08:00 08:25 25m T1 Rp?]"
    ]


def test_fv12_a_journey_over_a_v2_feed_and_a_v1_feed_adds_both(feed):
    # feed a (v2, flat 3,500): A -> B; feed b (v1, 4,000): B2 (next to B) -> C
    a = _rules("""
        leg_group_id,fare_product_id
        G,FLAT
    """).replace("C,Charlie,-6.2200,106.8000,Z3\n", "").replace(
        "D,Delta,-6.2300,106.8000,Z4\n", "")
    a = "\n".join(line for line in a.splitlines()
                  if not line.startswith(("T2,", "T3,", "R2,", "R3,")))
    b = """
        # stops.txt
        stop_id,stop_name,stop_lat,stop_lon
        B2,Bravo 2,-6.2101,106.8000
        C,Charlie,-6.2200,106.8000
        # routes.txt
        route_id,route_short_name,route_type
        R9,R9,3
        # trips.txt
        route_id,service_id,trip_id
        R9,S,W1
        # stop_times.txt
        trip_id,arrival_time,departure_time,stop_id,stop_sequence
        W1,08:20:00,08:20:00,B2,1
        W1,08:35:00,08:35:00,C,2
        # fare_attributes.txt
        fare_id,price,currency_type
        F,4000,IDR
        # fare_rules.txt
        fare_id
        F
    """
    ds = feed({"a": a, "b": b})
    assert plan_lines(ds, "stop:a:A", "stop:b:C", "07:55", num_itineraries=1) == [
        "a:A ~ BUS R1 08:00 08:10 ~ a:B ~ Walk 0m ~ b:B2 ~ BUS R9 08:20 08:35 ~ b:C "
        "[08:00 08:35 35m T1 Rp7500]"
    ]


def test_fv13_timeframes_are_the_feeds_local_time(feed):
    # a Makassar feed (UTC+08:00): its 07:00-08:00 timeframe holds the ride leaving 07:30 WITA,
    # which is 06:30 in Jakarta time
    text = FLAT_AND_MORNING.replace("PAGI,05:00:00,07:00:00,S", "PAGI,07:00:00,08:00:00,S")
    text = text.replace("T0,06:00:00,06:00:00,A,1", "T0,07:30:00,07:30:00,A,1").replace(
        "T0,06:10:00,06:10:00,B,2", "T0,07:40:00,07:40:00,B,2")
    ds = feed(text + """
        # agency.txt
        agency_id,agency_name,agency_url,agency_timezone
        AG,East Agency,https://example.org,Asia/Makassar
    """)
    assert plan_lines(ds, "stop:f:A", "stop:f:B", "06:00", num_itineraries=1) == [
        "f:A ~ BUS R1 06:30 06:40 ~ f:B [06:30 06:40 10m T0 Rp2000]"
    ]


def test_fv14_a_leg_rule_naming_an_unknown_product_stops_the_build(feed, tmp_path):
    with pytest.raises(FeedError) as info:
        feed(_rules("""
            leg_group_id,fare_product_id
            G,FLTA
        """))
    assert str(info.value) == (f"{tmp_path}/f/fare_leg_rules.txt, row 2, column "
                               "fare_product_id: unknown fare_product_id 'f:FLTA'")
