"""Scenarios A-D: single trips, access/egress walks, transfers, walking between feeds.

Walking model used for the expected lines: walk_m = ceil(haversine x 1.3), seconds =
ceil(walk_m / 1.2). Stops lie on one meridian (lon 106.8); 0.001 deg of latitude is 111.2 m,
so 0.001 -> 145 m / 121 s ("2m"), 0.002 -> 290 m / 242 s ("4m"), 0.003 -> 434 m / 362 s
("6m"). Stops 0.01 deg (1.1 km) apart have no walking link (radius 500 m straight line).
"""

from __future__ import annotations

from tests.routing.feedtext import plan_lines

ROUTES = """
# routes.txt
route_id,route_short_name,route_type
R1,R1,3
R2,R2,3
M,M,1
"""

# A ====R1==== B        (A -6.200, B -6.210)
SINGLE = ROUTES + """
# stops.txt
stop_id,stop_name,stop_lat,stop_lon
A,Alpha,-6.2000,106.8000
B,Beta,-6.2100,106.8000
# trips.txt
route_id,service_id,trip_id
R1,S,T1
R1,S,T2
# stop_times.txt
trip_id,arrival_time,departure_time,stop_id,stop_sequence
T1,08:00:00,08:00:00,A,1
T1,08:10:00,08:10:00,B,2
T2,08:15:00,08:15:00,A,1
T2,08:25:00,08:25:00,B,2
"""


def test_a1_single_trip_stop_to_stop(feed):
    ds = feed(SINGLE)
    assert plan_lines(ds, "stop:f:A", "stop:f:B", "07:55", num_itineraries=1) == [
        "f:A ~ BUS R1 08:00 08:10 ~ f:B [08:00 08:10 10m T0 Rp?]"
    ]


def test_a2_missed_trip_takes_the_next(feed):
    ds = feed(SINGLE)
    assert plan_lines(ds, "stop:f:A", "stop:f:B", "08:00:01", num_itineraries=1) == [
        "f:A ~ BUS R1 08:15 08:25 ~ f:B [08:15 08:25 10m T0 Rp?]"
    ]


def test_a3_departure_exactly_at_query_time_is_caught(feed):
    ds = feed(SINGLE)
    assert plan_lines(ds, "stop:f:A", "stop:f:B", "08:15", num_itineraries=1) == [
        "f:A ~ BUS R1 08:15 08:25 ~ f:B [08:15 08:25 10m T0 Rp?]"
    ]


def test_a4_route_type_1_is_subway_and_intermediate_alighting(feed):
    # A ==M== X ==M== B   (1.1 km apart: beyond the 1000 m direct walk)
    ds = feed(ROUTES + """
        # stops.txt
        stop_id,stop_name,stop_lat,stop_lon
        A,Alpha,-6.2000,106.8000
        X,Mid,-6.2100,106.8000
        B,Beta,-6.2200,106.8000
        # trips.txt
        route_id,service_id,trip_id
        M,S,T1
        # stop_times.txt
        trip_id,arrival_time,departure_time,stop_id,stop_sequence
        T1,08:00:00,08:00:00,A,1
        T1,08:04:00,08:05:00,X,2
        T1,08:10:00,08:10:00,B,3
    """)
    assert plan_lines(ds, "stop:f:A", "stop:f:X", "07:50") == [
        "f:A ~ SUBWAY M 08:00 08:04 ~ f:X [08:00 08:04 4m T0 Rp?]"
    ]
    assert plan_lines(ds, "stop:f:X", "stop:f:B", "07:50") == [
        "f:X ~ SUBWAY M 08:05 08:10 ~ f:B [08:05 08:10 5m T0 Rp?]"
    ]


def test_b1_access_and_egress_walks_from_coordinates(feed):
    #  o (-6.199)  -walk-  A ====R1==== B  -walk-  d (-6.211)
    ds = feed(SINGLE)
    # access 121 s ends at 08:00 (starts 07:57:59); egress ends 08:12:01; 14m02s
    assert plan_lines(ds, "-6.1990,106.8000", "-6.2110,106.8000", "07:50",
                      num_itineraries=1) == [
        "Walk 2m ~ f:A ~ BUS R1 08:00 08:10 ~ f:B ~ Walk 2m [07:57 08:12 14m T0 Rp?]"
    ]


def test_b2_access_to_a_farther_stop_when_it_arrives_earlier(feed):
    #            A (-6.199) ====R1 (slow)====\
    #   o (-6.200)                            B (-6.220)
    #            C (-6.203) ====R2 (fast)====/
    ds = feed(ROUTES + """
        # stops.txt
        stop_id,stop_name,stop_lat,stop_lon
        A,Near,-6.1990,106.8000
        C,Far,-6.2030,106.8000
        B,Beta,-6.2200,106.8000
        # trips.txt
        route_id,service_id,trip_id
        R1,S,T1
        R2,S,T2
        # stop_times.txt
        trip_id,arrival_time,departure_time,stop_id,stop_sequence
        T1,08:00:00,08:00:00,A,1
        T1,08:30:00,08:30:00,B,2
        T2,08:05:00,08:05:00,C,1
        T2,08:15:00,08:15:00,B,2
    """)
    # walk to C: 0.003 deg -> 434 m, 362 s, leaves 07:58:58; 16m02s
    assert plan_lines(ds, "-6.2000,106.8000", "stop:f:B", "07:50", num_itineraries=1) == [
        "Walk 6m ~ f:C ~ BUS R2 08:05 08:15 ~ f:B [07:58 08:15 16m T0 Rp?]"
    ]


# A ==R1== B      B2 ==R2== C     (B -6.210, B2 -6.212: 290 m walk, 242 s)
#          B ==R2'== C            (R2 also calls at B itself, see C1)
TRANSFER = ROUTES + """
# stops.txt
stop_id,stop_name,stop_lat,stop_lon
A,Alpha,-6.2000,106.8000
B,Beta,-6.2100,106.8000
B2,Beta Two,-6.2120,106.8000
C,Gamma,-6.2300,106.8000
# trips.txt
route_id,service_id,trip_id
R1,S,T1
R2,S,U1
R2,S,U2
# stop_times.txt
trip_id,arrival_time,departure_time,stop_id,stop_sequence
T1,08:00:00,08:00:00,A,1
T1,08:10:00,08:10:00,B,2
U1,08:10:30,08:10:30,B,1
U1,08:20:00,08:20:00,C,2
U2,08:11:00,08:11:00,B,1
U2,08:21:00,08:21:00,C,2
"""


def test_c1_same_stop_change_needs_60s_slack(feed):
    # U1 leaves B 30 s after T1 arrives: too soon; U2 leaves exactly 60 s after: fine
    ds = feed(TRANSFER)
    assert plan_lines(ds, "stop:f:A", "stop:f:C", "07:50", num_itineraries=1) == [
        "f:A ~ BUS R1 08:00 08:10 ~ f:B ~ BUS R2 08:11 08:21 ~ f:C [08:00 08:21 21m T1 Rp?]"
    ]


def test_c2_slack_is_a_query_option(feed):
    ds = feed(TRANSFER)
    assert plan_lines(ds, "stop:f:A", "stop:f:C", "07:50", num_itineraries=1,
                      transfer_slack_s=0) == [
        "f:A ~ BUS R1 08:00 08:10 ~ f:B ~ BUS R2 08:10 08:20 ~ f:C [08:00 08:20 20m T1 Rp?]"
    ]


WALK_TRANSFER = ROUTES + """
# stops.txt
stop_id,stop_name,stop_lat,stop_lon
A,Alpha,-6.2000,106.8000
B,Beta,-6.2100,106.8000
B2,Beta Two,-6.2120,106.8000
C,Gamma,-6.2300,106.8000
# trips.txt
route_id,service_id,trip_id
R1,S,T1
R2,S,U1
R2,S,U2
# stop_times.txt
trip_id,arrival_time,departure_time,stop_id,stop_sequence
T1,08:00:00,08:00:00,A,1
T1,08:10:00,08:10:00,B,2
U1,08:14:00,08:14:00,B2,1
U1,08:24:00,08:24:00,C,2
U2,08:15:00,08:15:00,B2,1
U2,08:25:00,08:25:00,C,2
"""


def test_c3_walking_transfer_between_nearby_stops(feed):
    # A ==R1== B ~~290 m~~ B2 ==R2== C ; the walk ends 08:14:02, so U1 (08:14) is missed
    ds = feed(WALK_TRANSFER)
    assert plan_lines(ds, "stop:f:A", "stop:f:C", "07:50", num_itineraries=1) == [
        "f:A ~ BUS R1 08:00 08:10 ~ f:B ~ Walk 4m ~ f:B2 ~ BUS R2 08:15 08:25 ~ f:C "
        "[08:00 08:25 25m T1 Rp?]"
    ]


def test_d1_footpath_between_feeds(feed):
    #  tj:X ==BUS 1== tj:H  ~~145 m~~  mrt:P (platform of station mrt:SP)
    #                                  mrt:P ==SUBWAY NS== mrt:Q (platform of station mrt:SQ)
    tj = """
        # routes.txt
        route_id,route_short_name,route_type
        1,1,3
        # stops.txt
        stop_id,stop_name,stop_lat,stop_lon
        X,Halte X,-6.1900,106.8000
        H,Halte H,-6.2000,106.8000
        # trips.txt
        route_id,service_id,trip_id
        1,S,B1
        # stop_times.txt
        trip_id,arrival_time,departure_time,stop_id,stop_sequence
        B1,08:00:00,08:00:00,X,1
        B1,08:10:00,08:10:00,H,2
    """
    mrt = """
        # routes.txt
        route_id,route_short_name,route_type
        NS,NS,1
        # stops.txt
        stop_id,stop_name,stop_lat,stop_lon,location_type,parent_station
        SP,Stasiun P,-6.2010,106.8000,1,
        P,Stasiun P,-6.2010,106.8000,0,SP
        SQ,Stasiun Q,-6.2200,106.8000,1,
        Q,Stasiun Q,-6.2200,106.8000,0,SQ
        # trips.txt
        route_id,service_id,trip_id
        NS,S,M1
        NS,S,M2
        # stop_times.txt
        trip_id,arrival_time,departure_time,stop_id,stop_sequence
        M1,08:12:00,08:12:00,P,1
        M1,08:17:00,08:17:00,Q,2
        M2,08:15:00,08:15:00,P,1
        M2,08:20:00,08:20:00,Q,2
    """
    ds = feed({"tj": tj, "mrt": mrt})
    # the walk H -> P takes 121 s and ends 08:12:01: M1 is missed by one second
    assert plan_lines(ds, "stop:tj:X", "stop:mrt:SQ", "07:50", num_itineraries=1) == [
        "tj:X ~ BUS 1 08:00 08:10 ~ tj:H ~ Walk 2m ~ mrt:P ~ SUBWAY NS 08:15 08:20 ~ mrt:Q "
        "[08:00 08:20 20m T1 Rp?]"
    ]
