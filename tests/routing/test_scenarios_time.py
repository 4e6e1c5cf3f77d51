"""Scenarios E-G, J, P: frequencies (past 24:00), trips of the day before, calendar
exceptions, arrive-by, and several itineraries as distinct departures.

The service date of the queries is Monday 2024-06-03 unless said otherwise. Stops are 1.1 km
apart (no walking between them); a 0.001 deg walk is 145 m / 121 s ("2m").
"""

from __future__ import annotations

from datetime import date

from tests.routing.feedtext import MONDAY, plan_lines, run

SUNDAY = date(2024, 6, 2)
TUESDAY = date(2024, 6, 4)

STOPS_AB = """
# stops.txt
stop_id,stop_name,stop_lat,stop_lon
A,Alpha,-6.2000,106.8000
B,Beta,-6.2100,106.8000
# routes.txt
route_id,route_short_name,route_type
R1,R1,3
"""

# A ==R1 (every 10 min 06:00-09:00, template 06:00 -> 06:10)== B
FREQ = STOPS_AB + """
# trips.txt
route_id,service_id,trip_id
R1,S,F
# stop_times.txt
trip_id,arrival_time,departure_time,stop_id,stop_sequence
F,06:00:00,06:00:00,A,1
F,06:10:00,06:10:00,B,2
# frequencies.txt
trip_id,start_time,end_time,headway_secs,exact_times
F,06:00:00,09:00:00,600,0
"""


def test_e1_frequency_template_expanded_into_runs(feed):
    ds = feed(FREQ)
    assert plan_lines(ds, "stop:f:A", "stop:f:B", "08:03", num_itineraries=1) == [
        "f:A ~ BUS R1 08:10 08:20 ~ f:B [08:10 08:20 10m T0 Rp?]"
    ]


def test_e2_frequency_windows_with_exact_times_and_two_headways(feed):
    # 06:00-07:00 every 30 min (exact), then 07:00-08:00 every 20 min: runs 06:00 06:30 07:00
    # 07:20 07:40; the template's own times (06:05 -> 06:17) are only offsets
    ds = feed(STOPS_AB + """
        # trips.txt
        route_id,service_id,trip_id
        R1,S,F
        # stop_times.txt
        trip_id,arrival_time,departure_time,stop_id,stop_sequence
        F,06:05:00,06:05:00,A,1
        F,06:17:00,06:17:00,B,2
        # frequencies.txt
        trip_id,start_time,end_time,headway_secs,exact_times
        F,06:00:00,07:00:00,1800,1
        F,07:00:00,08:00:00,1200,1
    """)
    assert plan_lines(ds, "stop:f:A", "stop:f:B", "06:31", num_itineraries=3) == [
        "f:A ~ BUS R1 07:00 07:12 ~ f:B [07:00 07:12 12m T0 Rp?]",
        "f:A ~ BUS R1 07:20 07:32 ~ f:B [07:20 07:32 12m T0 Rp?]",
        "f:A ~ BUS R1 07:40 07:52 ~ f:B [07:40 07:52 12m T0 Rp?]",
    ]


# A ==N (every 20 min 23:00-26:00, every day)== B
NIGHT = STOPS_AB + """
# trips.txt
route_id,service_id,trip_id
R1,S,N
# stop_times.txt
trip_id,arrival_time,departure_time,stop_id,stop_sequence
N,23:00:00,23:00:00,A,1
N,23:10:00,23:10:00,B,2
# frequencies.txt
trip_id,start_time,end_time,headway_secs
N,23:00:00,26:00:00,1200
"""


def test_e3_frequency_window_past_midnight_same_service_day(feed):
    ds = feed(NIGHT)
    # 23:55 on Monday: Monday's run 23:00 + 3 x 20 min = 24:00
    assert plan_lines(ds, "stop:f:A", "stop:f:B", "23:55", num_itineraries=1) == [
        "f:A ~ BUS R1 24:00 24:10 ~ f:B [24:00 24:10 10m T0 Rp?]"
    ]


def test_e4_frequency_window_past_midnight_from_the_day_before(feed):
    ds = feed(NIGHT)
    # 01:05 on Monday: Sunday's window runs until 26:00, its 25:20 run is Monday 01:20
    assert plan_lines(ds, "stop:f:A", "stop:f:B", "01:05", num_itineraries=1) == [
        "f:A ~ BUS R1 01:20 01:30 ~ f:B [01:20 01:30 10m T0 Rp?]"
    ]
    # after the last run (25:40 Sunday = 01:40) nothing until Monday 23:00
    assert plan_lines(ds, "stop:f:A", "stop:f:B", "01:41", num_itineraries=1) == []


# A ==R1 (Sundays only: A 23:50, B 24:10, C 24:20)== B ==== C
SUNDAY_NIGHT = """
# stops.txt
stop_id,stop_name,stop_lat,stop_lon
A,Alpha,-6.2000,106.8000
B,Beta,-6.2100,106.8000
C,Gamma,-6.2200,106.8000
# routes.txt
route_id,route_short_name,route_type
R1,R1,3
# calendar.txt
service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date
SUN,0,0,0,0,0,0,1,20240101,20241231
# trips.txt
route_id,service_id,trip_id
R1,SUN,T1
# stop_times.txt
trip_id,arrival_time,departure_time,stop_id,stop_sequence
T1,23:50:00,23:50:00,A,1
T1,24:10:00,24:10:00,B,2
T1,24:20:00,24:20:00,C,3
"""


def test_f1_previous_days_trip_after_midnight(feed):
    ds = feed(SUNDAY_NIGHT)
    result = run(ds, "stop:f:B", "stop:f:C", "00:05", MONDAY, num_itineraries=1)
    assert [j.service_date for j in result.journeys] == [MONDAY]
    assert plan_lines(ds, "stop:f:B", "stop:f:C", "00:05", MONDAY, num_itineraries=1) == [
        "f:B ~ BUS R1 00:10 00:20 ~ f:C [00:10 00:20 10m T0 Rp?]"
    ]


def test_f2_same_trip_asked_on_its_own_service_day(feed):
    ds = feed(SUNDAY_NIGHT)
    assert plan_lines(ds, "stop:f:B", "stop:f:C", "23:55", SUNDAY, num_itineraries=1) == [
        "f:B ~ BUS R1 24:10 24:20 ~ f:C [24:10 24:20 10m T0 Rp?]"
    ]


def test_f3_no_overnight_trip_when_the_day_before_has_no_service(feed):
    ds = feed(SUNDAY_NIGHT)
    assert plan_lines(ds, "stop:f:B", "stop:f:C", "00:05", TUESDAY) == []


# A ==R1 (WK: Mon-Fri 08:00; HOL: only 2024-06-03, 08:30)== B; WK removed on 2024-06-03
HOLIDAY = STOPS_AB + """
# calendar.txt
service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date
WK,1,1,1,1,1,0,0,20240101,20241231
# calendar_dates.txt
service_id,date,exception_type
WK,20240603,2
HOL,20240603,1
# trips.txt
route_id,service_id,trip_id
R1,WK,T_WK
R1,HOL,T_HOL
# stop_times.txt
trip_id,arrival_time,departure_time,stop_id,stop_sequence
T_WK,08:00:00,08:00:00,A,1
T_WK,08:10:00,08:10:00,B,2
T_HOL,08:30:00,08:30:00,A,1
T_HOL,08:40:00,08:40:00,B,2
"""


def test_g1_removed_service_and_added_service_on_a_holiday(feed):
    ds = feed(HOLIDAY)
    assert plan_lines(ds, "stop:f:A", "stop:f:B", "07:55", MONDAY, num_itineraries=3) == [
        "f:A ~ BUS R1 08:30 08:40 ~ f:B [08:30 08:40 10m T0 Rp?]"
    ]


def test_g2_ordinary_weekday_keeps_the_calendar(feed):
    ds = feed(HOLIDAY)
    assert plan_lines(ds, "stop:f:A", "stop:f:B", "07:55", TUESDAY, num_itineraries=3) == [
        "f:A ~ BUS R1 08:00 08:10 ~ f:B [08:00 08:10 10m T0 Rp?]"
    ]


# A ==R1 (07:30, 07:50, 08:10; 10 min ride)== B
THREE_TRIPS = STOPS_AB + """
# trips.txt
route_id,service_id,trip_id
R1,S,T1
R1,S,T2
R1,S,T3
# stop_times.txt
trip_id,arrival_time,departure_time,stop_id,stop_sequence
T1,07:30:00,07:30:00,A,1
T1,07:40:00,07:40:00,B,2
T2,07:50:00,07:50:00,A,1
T2,08:00:00,08:00:00,B,2
T3,08:10:00,08:10:00,A,1
T3,08:20:00,08:20:00,B,2
"""


def test_j1_arrive_by_takes_the_latest_departure(feed):
    ds = feed(THREE_TRIPS)
    assert plan_lines(ds, "stop:f:A", "stop:f:B", "08:05", arrive_by=True,
                      num_itineraries=1) == [
        "f:A ~ BUS R1 07:50 08:00 ~ f:B [07:50 08:00 10m T0 Rp?]"
    ]


def test_j2_arrive_by_several_itineraries_are_earlier_departures(feed):
    ds = feed(THREE_TRIPS)
    assert plan_lines(ds, "stop:f:A", "stop:f:B", "08:20", arrive_by=True,
                      num_itineraries=2) == [
        "f:A ~ BUS R1 07:50 08:00 ~ f:B [07:50 08:00 10m T0 Rp?]",
        "f:A ~ BUS R1 08:10 08:20 ~ f:B [08:10 08:20 10m T0 Rp?]",
    ]


def test_j3_arrive_by_counts_the_egress_walk(feed):
    # B ~~145 m, 121 s~~ d (-6.211): T2 would reach d at 08:02:01, one second late
    ds = feed(THREE_TRIPS)
    assert plan_lines(ds, "stop:f:A", "-6.2110,106.8000", "08:02", arrive_by=True,
                      num_itineraries=1) == [
        "f:A ~ BUS R1 07:30 07:40 ~ f:B ~ Walk 2m [07:30 07:42 12m T0 Rp?]"
    ]


def test_j4_arrive_by_with_a_change_keeps_the_slack(feed):
    # A ==R1 (07:00 -> 07:10:00, 07:01 -> 07:10:30)== B ==R2 (07:11 -> 07:20)== C
    # the 07:01 trip leaves only 30 s at B, so the latest feasible start is 07:00
    ds = feed("""
        # stops.txt
        stop_id,stop_name,stop_lat,stop_lon
        A,Alpha,-6.2000,106.8000
        B,Beta,-6.2100,106.8000
        C,Gamma,-6.2200,106.8000
        # routes.txt
        route_id,route_short_name,route_type
        R1,R1,3
        R2,R2,3
        # trips.txt
        route_id,service_id,trip_id
        R1,S,T1
        R1,S,T2
        R2,S,U1
        # stop_times.txt
        trip_id,arrival_time,departure_time,stop_id,stop_sequence
        T1,07:00:00,07:00:00,A,1
        T1,07:10:00,07:10:00,B,2
        T2,07:01:00,07:01:00,A,1
        T2,07:10:30,07:10:30,B,2
        U1,07:11:00,07:11:00,B,1
        U1,07:20:00,07:20:00,C,2
    """)
    assert plan_lines(ds, "stop:f:A", "stop:f:C", "07:25", arrive_by=True,
                      num_itineraries=1) == [
        "f:A ~ BUS R1 07:00 07:10 ~ f:B ~ BUS R2 07:11 07:20 ~ f:C [07:00 07:20 20m T1 Rp?]"
    ]


def test_j5_arrive_by_early_morning_uses_the_day_before(feed):
    ds = feed(NIGHT)
    # arrive by 01:15 Monday: Sunday's runs 24:00 24:20 24:40 25:00 25:20 ...; the 25:00 run
    # arrives 25:10, i.e. Monday 01:10
    result = run(ds, "stop:f:A", "stop:f:B", "01:15", MONDAY, arrive_by=True,
                 num_itineraries=1)
    assert [j.service_date for j in result.journeys] == [MONDAY]
    assert plan_lines(ds, "stop:f:A", "stop:f:B", "01:15", MONDAY, arrive_by=True,
                      num_itineraries=1) == [
        "f:A ~ BUS R1 01:00 01:10 ~ f:B [01:00 01:10 10m T0 Rp?]"
    ]


def test_p1_num_itineraries_gives_the_next_distinct_departures(feed):
    ds = feed(THREE_TRIPS)
    assert plan_lines(ds, "stop:f:A", "stop:f:B", "07:00", num_itineraries=3) == [
        "f:A ~ BUS R1 07:30 07:40 ~ f:B [07:30 07:40 10m T0 Rp?]",
        "f:A ~ BUS R1 07:50 08:00 ~ f:B [07:50 08:00 10m T0 Rp?]",
        "f:A ~ BUS R1 08:10 08:20 ~ f:B [08:10 08:20 10m T0 Rp?]",
    ]


def test_p2_num_itineraries_over_frequency_runs(feed):
    ds = feed(FREQ)
    assert plan_lines(ds, "stop:f:A", "stop:f:B", "08:31", num_itineraries=3) == [
        "f:A ~ BUS R1 08:40 08:50 ~ f:B [08:40 08:50 10m T0 Rp?]",
        "f:A ~ BUS R1 08:50 09:00 ~ f:B [08:50 09:00 10m T0 Rp?]",
    ]
