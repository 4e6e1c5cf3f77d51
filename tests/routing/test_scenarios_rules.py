"""Scenarios H, I, K-O, Q: pickup/drop-off rules, a loop route, wheelchair, walking limits,
unreachable places, a direct walk, max_transfers and fares.

Stops lie on lon 106.8; 0.001 deg of latitude is 145 m / 121 s of walking ("2m"), 0.003 deg
434 m / 362 s ("6m"), 0.004 deg 579 m / 483 s ("8m"). Stops 0.01 deg apart do not walk.
"""

from __future__ import annotations

from tests.routing.feedtext import plan_lines, run

NOTHING = ("No journey found after the requested time within 6 h with at most 4 transfers and "
           "walks of 1,000 m.")


def notes_en(result) -> list[str]:
    """The plan's notes as English text (notes are translatable Messages)."""
    return [note.render("en") for note in result.notes]

ABC = """
# stops.txt
stop_id,stop_name,stop_lat,stop_lon
A,Alpha,-6.2000,106.8000
B,Beta,-6.2100,106.8000
C,Gamma,-6.2200,106.8000
# routes.txt
route_id,route_short_name,route_type
R1,R1,3
R2,R2,3
"""


def test_h1_no_drop_off_stop_is_passed_through(feed):
    # A ==R1 (08:00)== B (drop_off_type 1) ==R1== C ; A ==R2 (08:05, slow)== B
    ds = feed(ABC + """
        # trips.txt
        route_id,service_id,trip_id
        R1,S,T1
        R2,S,T2
        # stop_times.txt
        trip_id,arrival_time,departure_time,stop_id,stop_sequence,pickup_type,drop_off_type
        T1,08:00:00,08:00:00,A,1,0,0
        T1,08:10:00,08:10:00,B,2,0,1
        T1,08:20:00,08:20:00,C,3,0,0
        T2,08:05:00,08:05:00,A,1,0,0
        T2,08:40:00,08:40:00,B,2,0,0
    """)
    assert plan_lines(ds, "stop:f:A", "stop:f:B", "07:55", num_itineraries=1) == [
        "f:A ~ BUS R2 08:05 08:40 ~ f:B [08:05 08:40 35m T0 Rp?]"
    ]
    assert plan_lines(ds, "stop:f:A", "stop:f:C", "07:55", num_itineraries=1) == [
        "f:A ~ BUS R1 08:00 08:20 ~ f:C [08:00 08:20 20m T0 Rp?]"
    ]


def test_h2_no_pickup_stop_cannot_board(feed):
    # A ==R1== B ==R1== C ; T1 does not pick up at B, T2 (30 min later) does
    ds = feed(ABC + """
        # trips.txt
        route_id,service_id,trip_id
        R1,S,T1
        R1,S,T2
        # stop_times.txt
        trip_id,arrival_time,departure_time,stop_id,stop_sequence,pickup_type,drop_off_type
        T1,08:00:00,08:00:00,A,1,0,0
        T1,08:10:00,08:10:00,B,2,1,0
        T1,08:20:00,08:20:00,C,3,0,0
        T2,08:30:00,08:30:00,A,1,0,0
        T2,08:40:00,08:40:00,B,2,0,0
        T2,08:50:00,08:50:00,C,3,0,0
    """)
    assert plan_lines(ds, "stop:f:B", "stop:f:C", "08:00", num_itineraries=1) == [
        "f:B ~ BUS R1 08:40 08:50 ~ f:C [08:40 08:50 10m T0 Rp?]"
    ]


# D (-6.190)
#  ^
#  A (-6.200) -> B (-6.210) -> C (-6.220) -> back to A -> D      one trip, A visited twice
LOOP = """
# stops.txt
stop_id,stop_name,stop_lat,stop_lon
D,Delta,-6.1900,106.8000
A,Alpha,-6.2000,106.8000
B,Beta,-6.2100,106.8000
C,Gamma,-6.2200,106.8000
# routes.txt
route_id,route_short_name,route_type
L,L,3
# trips.txt
route_id,service_id,trip_id
L,S,T1
# stop_times.txt
trip_id,arrival_time,departure_time,stop_id,stop_sequence
T1,08:00:00,08:00:00,A,1
T1,08:05:00,08:05:00,B,2
T1,08:10:00,08:10:00,C,3
T1,08:15:00,08:15:00,A,4
T1,08:25:00,08:25:00,D,5
"""


def test_i1_loop_route_rides_through_the_repeated_stop(feed):
    ds = feed(LOOP)
    assert plan_lines(ds, "stop:f:B", "stop:f:D", "07:55", num_itineraries=1) == [
        "f:B ~ BUS L 08:05 08:25 ~ f:D [08:05 08:25 20m T0 Rp?]"
    ]


def test_i2_loop_route_boards_at_the_second_visit(feed):
    # boarding at 08:00 or 08:15 both arrive 08:25: the later departure is the better one
    ds = feed(LOOP)
    assert plan_lines(ds, "stop:f:A", "stop:f:D", "07:55", num_itineraries=1) == [
        "f:A ~ BUS L 08:15 08:25 ~ f:D [08:15 08:25 10m T0 Rp?]"
    ]


def test_i3_loop_route_alights_at_the_second_visit(feed):
    ds = feed(LOOP)
    assert plan_lines(ds, "stop:f:C", "stop:f:A", "07:55", num_itineraries=1) == [
        "f:C ~ BUS L 08:10 08:15 ~ f:A [08:10 08:15 5m T0 Rp?]"
    ]


#   A (-6.199, wheelchair_boarding 2) ==R1 08:00==\
# o (-6.200)                                        B (-6.220)
#   A2 (-6.201, step-free)            ==R2 08:20==/
WHEELCHAIR_STOPS = """
# stops.txt
stop_id,stop_name,stop_lat,stop_lon,wheelchair_boarding
A,Alpha,-6.1990,106.8000,2
A2,Alpha Two,-6.2010,106.8000,1
B,Beta,-6.2200,106.8000,1
# routes.txt
route_id,route_short_name,route_type
R1,R1,3
R2,R2,3
# trips.txt
route_id,service_id,trip_id,wheelchair_accessible
R1,S,T1,1
R2,S,T2,1
# stop_times.txt
trip_id,arrival_time,departure_time,stop_id,stop_sequence
T1,08:00:00,08:00:00,A,1
T1,08:10:00,08:10:00,B,2
T2,08:20:00,08:20:00,A2,1
T2,08:30:00,08:30:00,B,2
"""


def test_k1_wheelchair_avoids_a_stop_marked_not_step_free(feed):
    ds = feed(WHEELCHAIR_STOPS)
    assert plan_lines(ds, "-6.2000,106.8000", "stop:f:B", "07:50", num_itineraries=1) == [
        "Walk 2m ~ f:A ~ BUS R1 08:00 08:10 ~ f:B [07:57 08:10 12m T0 Rp?]"
    ]
    result = run(ds, "-6.2000,106.8000", "stop:f:B", "07:50", num_itineraries=1,
                 wheelchair=True)
    assert result.notes == []
    assert plan_lines(ds, "-6.2000,106.8000", "stop:f:B", "07:50", num_itineraries=1,
                      wheelchair=True) == [
        "Walk 2m ~ f:A2 ~ BUS R2 08:20 08:30 ~ f:B [08:17 08:30 12m T0 Rp?]"
    ]


WHEELCHAIR_TRIPS = """
# stops.txt
stop_id,stop_name,stop_lat,stop_lon,wheelchair_boarding
A,Alpha,-6.2000,106.8000,1
B,Beta,-6.2100,106.8000,1
# routes.txt
route_id,route_short_name,route_type
R1,R1,3
# trips.txt
route_id,service_id,trip_id,wheelchair_accessible
R1,S,T1,2
R1,S,T2,1
R1,S,T3,
# stop_times.txt
trip_id,arrival_time,departure_time,stop_id,stop_sequence
T1,08:00:00,08:00:00,A,1
T1,08:10:00,08:10:00,B,2
T2,08:15:00,08:15:00,A,1
T2,08:25:00,08:25:00,B,2
T3,08:30:00,08:30:00,A,1
T3,08:40:00,08:40:00,B,2
"""


def test_k2_wheelchair_avoids_an_inaccessible_trip(feed):
    ds = feed(WHEELCHAIR_TRIPS)
    assert plan_lines(ds, "stop:f:A", "stop:f:B", "07:55", num_itineraries=1) == [
        "f:A ~ BUS R1 08:00 08:10 ~ f:B [08:00 08:10 10m T0 Rp?]"
    ]
    result = run(ds, "stop:f:A", "stop:f:B", "07:55", num_itineraries=1, wheelchair=True)
    assert result.notes == []
    assert plan_lines(ds, "stop:f:A", "stop:f:B", "07:55", num_itineraries=1,
                      wheelchair=True) == [
        "f:A ~ BUS R1 08:15 08:25 ~ f:B [08:15 08:25 10m T0 Rp?]"
    ]


def test_k3_wheelchair_trip_of_unknown_access_is_used_with_a_note(feed):
    ds = feed(WHEELCHAIR_TRIPS)
    result = run(ds, "stop:f:A", "stop:f:B", "08:20", num_itineraries=1, wheelchair=True)
    assert plan_lines(ds, "stop:f:A", "stop:f:B", "08:20", num_itineraries=1,
                      wheelchair=True) == [
        "f:A ~ BUS R1 08:30 08:40 ~ f:B [08:30 08:40 10m T0 Rp?]"
    ]
    assert notes_en(result) == [
        "Some vehicles or stops on these journeys have unknown step-free access."
    ]


SINGLE = ABC + """
# trips.txt
route_id,service_id,trip_id
R1,S,T1
# stop_times.txt
trip_id,arrival_time,departure_time,stop_id,stop_sequence
T1,08:00:00,08:00:00,A,1
T1,08:10:00,08:10:00,B,2
"""


def test_l1_max_walk_limits_the_access_walk(feed):
    # o (-6.196) ~~579 m, 483 s~~ A ==R1== B
    ds = feed(SINGLE)
    assert plan_lines(ds, "-6.1960,106.8000", "stop:f:B", "07:50", num_itineraries=1) == [
        "Walk 8m ~ f:A ~ BUS R1 08:00 08:10 ~ f:B [07:51 08:10 18m T0 Rp?]"
    ]
    result = run(ds, "-6.1960,106.8000", "stop:f:B", "07:50", max_walk_m=500)
    assert result.journeys == []
    assert notes_en(result) == ["No stop within 500 m walking of the origin."]


def test_l2_max_walk_limits_a_transfer_walk(feed):
    # A ==R1== B ~~290 m~~ B2 ==R2== C
    ds = feed("""
        # stops.txt
        stop_id,stop_name,stop_lat,stop_lon
        A,Alpha,-6.2000,106.8000
        B,Beta,-6.2100,106.8000
        B2,Beta Two,-6.2120,106.8000
        C,Gamma,-6.2300,106.8000
        # routes.txt
        route_id,route_short_name,route_type
        R1,R1,3
        R2,R2,3
        # trips.txt
        route_id,service_id,trip_id
        R1,S,T1
        R2,S,U1
        # stop_times.txt
        trip_id,arrival_time,departure_time,stop_id,stop_sequence
        T1,08:00:00,08:00:00,A,1
        T1,08:10:00,08:10:00,B,2
        U1,08:15:00,08:15:00,B2,1
        U1,08:25:00,08:25:00,C,2
    """)
    assert plan_lines(ds, "stop:f:A", "stop:f:C", "07:50", max_walk_m=300) == [
        "f:A ~ BUS R1 08:00 08:10 ~ f:B ~ Walk 4m ~ f:B2 ~ BUS R2 08:15 08:25 ~ f:C "
        "[08:00 08:25 25m T1 Rp?]"
    ]
    result = run(ds, "stop:f:A", "stop:f:C", "07:50", max_walk_m=250)
    assert result.journeys == []
    assert notes_en(result) == [
        "No journey found after the requested time within 6 h with at most 4 transfers and "
        "walks of 250 m."
    ]


def test_m1_unreachable_against_the_direction_of_travel(feed):
    ds = feed(SINGLE)
    result = run(ds, "stop:f:B", "stop:f:A", "07:50")
    assert result.journeys == []
    assert notes_en(result) == [NOTHING]


def test_m2_nothing_after_the_last_trip_and_nothing_before_the_first(feed):
    ds = feed(SINGLE)
    assert notes_en(run(ds, "stop:f:A", "stop:f:B", "08:01")) == [NOTHING]
    early = run(ds, "stop:f:A", "stop:f:B", "08:09", arrive_by=True)
    assert early.journeys == []
    assert notes_en(early) == [NOTHING.replace("after", "before")]


def test_m3_origin_far_from_every_stop(feed):
    ds = feed(SINGLE)
    result = run(ds, "-6.1000,106.8000", "stop:f:B", "07:50")
    assert result.journeys == []
    assert notes_en(result) == ["No stop within 1,000 m walking of the origin."]


def test_n1_direct_walk_beats_a_slow_bus(feed):
    # o = A (-6.200) ==R1 08:01-08:10== B (-6.203) = d ; walking o -> d: 434 m, 362 s
    ds = feed("""
        # stops.txt
        stop_id,stop_name,stop_lat,stop_lon
        A,Alpha,-6.2000,106.8000
        B,Beta,-6.2030,106.8000
        # routes.txt
        route_id,route_short_name,route_type
        R1,R1,3
        # trips.txt
        route_id,service_id,trip_id
        R1,S,T1
        # stop_times.txt
        trip_id,arrival_time,departure_time,stop_id,stop_sequence
        T1,08:01:00,08:01:00,A,1
        T1,08:10:00,08:10:00,B,2
    """)
    assert plan_lines(ds, "-6.2000,106.8000", "-6.2030,106.8000", "08:00") == [
        "Walk 6m [08:00 08:06 6m T0 Rp0]"
    ]


# A ==R1== B ==R2== C ==R3== D  (fast, two changes) ; A ==R4 (slow)== D
CHAIN = """
# stops.txt
stop_id,stop_name,stop_lat,stop_lon
A,Alpha,-6.2000,106.8000
B,Beta,-6.2100,106.8000
C,Gamma,-6.2200,106.8000
D,Delta,-6.2300,106.8000
# routes.txt
route_id,route_short_name,route_type
R1,R1,3
R2,R2,3
R3,R3,3
R4,R4,3
# trips.txt
route_id,service_id,trip_id
R1,S,T1
R2,S,T2
R3,S,T3
R4,S,T4
# stop_times.txt
trip_id,arrival_time,departure_time,stop_id,stop_sequence
T1,08:00:00,08:00:00,A,1
T1,08:10:00,08:10:00,B,2
T2,08:11:00,08:11:00,B,1
T2,08:20:00,08:20:00,C,2
T3,08:21:00,08:21:00,C,1
T3,08:30:00,08:30:00,D,2
T4,08:00:00,08:00:00,A,1
T4,09:00:00,09:00:00,D,2
"""


def test_o1_pareto_set_over_transfers(feed):
    ds = feed(CHAIN)
    assert plan_lines(ds, "stop:f:A", "stop:f:D", "07:55") == [
        "f:A ~ BUS R1 08:00 08:10 ~ f:B ~ BUS R2 08:11 08:20 ~ f:C ~ BUS R3 08:21 08:30 ~ f:D "
        "[08:00 08:30 30m T2 Rp?]",
        "f:A ~ BUS R4 08:00 09:00 ~ f:D [08:00 09:00 1h00m T0 Rp?]",
    ]


def test_o2_max_transfers_cuts_the_fast_chain(feed):
    ds = feed(CHAIN)
    for max_transfers in (0, 1):
        assert plan_lines(ds, "stop:f:A", "stop:f:D", "07:55",
                          max_transfers=max_transfers) == [
            "f:A ~ BUS R4 08:00 09:00 ~ f:D [08:00 09:00 1h00m T0 Rp?]"
        ]


MRT_FARES = """
# stops.txt
stop_id,stop_name,stop_lat,stop_lon,zone_id
A,Alpha,-6.2000,106.8000,Z1
B,Beta,-6.2100,106.8000,Z1
C,Gamma,-6.2200,106.8000,Z2
# routes.txt
route_id,route_short_name,route_type
NS,NS,1
# trips.txt
route_id,service_id,trip_id
NS,S,T1
# stop_times.txt
trip_id,arrival_time,departure_time,stop_id,stop_sequence
T1,08:00:00,08:00:00,A,1
T1,08:05:00,08:05:00,B,2
T1,08:10:00,08:10:00,C,3
# fare_attributes.txt
fare_id,price,currency_type,payment_method,transfers
F11,3000,IDR,1,0
F12,5000,IDR,1,0
# fare_rules.txt
fare_id,route_id,origin_id,destination_id
F11,,Z1,Z1
F12,,Z1,Z2
"""


def test_q1_mrt_fare_by_zone_pair(feed):
    ds = feed({"mrt": MRT_FARES})
    assert plan_lines(ds, "stop:mrt:A", "stop:mrt:B", "07:55") == [
        "mrt:A ~ SUBWAY NS 08:00 08:05 ~ mrt:B [08:00 08:05 5m T0 Rp3000]"
    ]
    assert plan_lines(ds, "stop:mrt:A", "stop:mrt:C", "07:55") == [
        "mrt:A ~ SUBWAY NS 08:00 08:10 ~ mrt:C [08:00 08:10 10m T0 Rp5000]"
    ]


def tj_feed(second_dep: str, second_arr: str) -> str:
    """A ==1 (08:00-08:10)== B ==2 (second_dep-second_arr)== C, one TJ fare of Rp3500."""
    return ABC.replace("R1,R1,3\nR2,R2,3", "1,1,3\n2,2,3") + f"""
        # trips.txt
        route_id,service_id,trip_id
        1,S,T1
        2,S,T2
        # stop_times.txt
        trip_id,arrival_time,departure_time,stop_id,stop_sequence
        T1,08:00:00,08:00:00,A,1
        T1,08:10:00,08:10:00,B,2
        T2,{second_dep},{second_dep},B,1
        T2,{second_arr},{second_arr},C,2
        # fare_attributes.txt
        fare_id,price,currency_type,payment_method,transfers,transfer_duration
        TJ,3500,IDR,0,,1800
        # fare_rules.txt
        fare_id
        TJ
    """


def test_q2_transjakarta_change_within_transfer_duration_is_free(feed):
    ds = feed({"tj": tj_feed("08:11:00", "08:20:00")})
    assert plan_lines(ds, "stop:tj:A", "stop:tj:C", "07:55") == [
        "tj:A ~ BUS 1 08:00 08:10 ~ tj:B ~ BUS 2 08:11 08:20 ~ tj:C [08:00 08:20 20m T1 Rp3500]"
    ]


def test_q3_transjakarta_change_after_transfer_duration_pays_again(feed):
    # the second ride starts 31 min after the first (transfer_duration 30 min)
    ds = feed({"tj": tj_feed("08:31:00", "08:40:00")})
    assert plan_lines(ds, "stop:tj:A", "stop:tj:C", "07:55") == [
        "tj:A ~ BUS 1 08:00 08:10 ~ tj:B ~ BUS 2 08:31 08:40 ~ tj:C [08:00 08:40 40m T1 Rp7000]"
    ]
