"""Scenarios ST and TZ (issue 11, points 3 and 4): broken stop_times stop the build, and feeds in
another time zone are converted to Jakarta time.

Queries are on Monday 2024-06-03 (service ``S`` runs every day of 2024). Stops are 1.1 km apart
(no walking between them).
"""

from __future__ import annotations

from datetime import date

import pytest

from routing.data.timezones import service_day_shift_s
from routing.errors import FeedError
from tests.routing.feedtext import plan_lines

TUESDAY = date(2024, 6, 4)

AB = """
# stops.txt
stop_id,stop_name,stop_lat,stop_lon
A,Alpha,-6.2000,106.8000
B,Bravo,-6.2100,106.8000
# routes.txt
route_id,route_short_name,route_type
R1,R1,3
# trips.txt
route_id,service_id,trip_id
R1,S,T1
"""


def _agency(zone: str) -> str:
    return f"""
    # agency.txt
    agency_id,agency_name,agency_url,agency_timezone
    AG,East Agency,https://example.org,{zone}
    """


def _error(feed, text: str) -> FeedError:
    with pytest.raises(FeedError) as info:
        feed(text)
    return info.value


# --- ST: stop_times that cannot be routed stop the build (shared case 12 and its kind) ---

def test_st1_a_call_at_a_station_stops_the_build_naming_file_row_column(feed, tmp_path):
    # case 12: T1 calls at STN (location_type 1, one platform P1) and B
    error = _error(feed, """
        # stops.txt
        stop_id,stop_name,stop_lat,stop_lon,location_type,parent_station
        STN,Station,-6.2000,106.8000,1,
        P1,Platform 1,-6.2001,106.8000,0,STN
        B,Bravo,-6.2300,106.8000,0,
        # routes.txt
        route_id,route_short_name,route_type
        R1,R1,3
        # trips.txt
        route_id,service_id,trip_id
        R1,S,T1
        # stop_times.txt
        trip_id,arrival_time,departure_time,stop_id,stop_sequence
        T1,08:00:00,08:00:00,STN,1
        T1,08:10:00,08:10:00,B,2
    """)
    assert str(error) == (
        f"{tmp_path}/f/stop_times.txt, row 2, column stop_id: stop_id 'f:STN' is a station "
        "(location_type 1); a trip may only call at a stop or platform (location_type 0): "
        "use one of its platforms (f:P1)")


def test_st2_a_ride_going_back_in_time_stops_the_build(feed, tmp_path):
    # A 08:20 -> B 08:10 (today a -10 min ride would be offered)
    error = _error(feed, AB + """
        # stop_times.txt
        trip_id,arrival_time,departure_time,stop_id,stop_sequence
        T1,08:20:00,08:20:00,A,1
        T1,08:10:00,08:10:00,B,2
    """)
    assert str(error) == (
        f"{tmp_path}/f/stop_times.txt, row 3, column arrival_time: arrival_time 08:10:00 is "
        "before an earlier stop's departure 08:20:00: times go backwards along trip 'f:T1'")


def test_st3_a_trip_of_one_call_stops_the_build(feed, tmp_path):
    error = _error(feed, AB + """
        # stop_times.txt
        trip_id,arrival_time,departure_time,stop_id,stop_sequence
        T1,08:00:00,08:00:00,A,1
    """)
    assert str(error) == (
        f"{tmp_path}/f/stop_times.txt, row 2, column trip_id: trip 'f:T1' has only one "
        "stop_times row (a trip needs at least two)")


# --- TZ: agency_timezone other than Asia/Jakarta (shared case 16 and its kind) ---

def test_tz1_makassar_time_is_one_hour_ahead_of_jakarta(feed):
    # case 16: 09:00 WITA (UTC+08:00) is 08:00 WIB
    ds = feed(_agency("Asia/Makassar") + AB + """
        # stop_times.txt
        trip_id,arrival_time,departure_time,stop_id,stop_sequence
        T1,09:00:00,09:00:00,A,1
        T1,09:10:00,09:10:00,B,2
    """)
    assert plan_lines(ds, "stop:f:A", "stop:f:B", "07:55", num_itineraries=1) == [
        "f:A ~ BUS R1 08:00 08:10 ~ f:B [08:00 08:10 10m T0 Rp?]"
    ]


def test_tz2_a_trip_just_after_midnight_in_jayapura_runs_the_evening_before_in_jakarta(feed):
    # 01:30 WIT (UTC+09:00) on Tuesday is 23:30 WIB on Monday: found from a Monday query
    ds = feed(_agency("Asia/Jayapura") + AB + """
        # stop_times.txt
        trip_id,arrival_time,departure_time,stop_id,stop_sequence
        T1,01:30:00,01:30:00,A,1
        T1,01:40:00,01:40:00,B,2
    """)
    assert plan_lines(ds, "stop:f:A", "stop:f:B", "23:00", num_itineraries=1) == [
        "f:A ~ BUS R1 23:30 23:40 ~ f:B [23:30 23:40 10m T0 Rp?]"
    ]


def test_tz3_a_trip_before_midnight_in_yangon_arrives_after_midnight_in_jakarta(feed):
    # Asia/Yangon is UTC+06:30: 23:40 there is 00:10 WIB on the next day
    ds = feed(_agency("Asia/Yangon") + AB + """
        # stop_times.txt
        trip_id,arrival_time,departure_time,stop_id,stop_sequence
        T1,23:35:00,23:35:00,A,1
        T1,23:40:00,23:40:00,B,2
    """)
    assert plan_lines(ds, "stop:f:A", "stop:f:B", "23:50", num_itineraries=1) == [
        "f:A ~ BUS R1 24:05 24:10 ~ f:B [24:05 24:10 5m T0 Rp?]"
    ]


def test_tz4_two_feeds_in_two_zones_connect_in_jakarta_time(feed):
    # feed e (Makassar) A 09:00 -> B 09:10 WITA = 08:00 -> 08:10 WIB; feed j (Jakarta) from a
    # stop next to B at 08:20 WIB: the change is 10 min, not -50
    east = _agency("Asia/Makassar") + AB + """
        # stop_times.txt
        trip_id,arrival_time,departure_time,stop_id,stop_sequence
        T1,09:00:00,09:00:00,A,1
        T1,09:10:00,09:10:00,B,2
    """
    west = """
        # stops.txt
        stop_id,stop_name,stop_lat,stop_lon
        B2,Bravo 2,-6.2101,106.8000
        C,Charlie,-6.2300,106.8000
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
    """
    ds = feed({"e": east, "j": west})
    assert plan_lines(ds, "stop:e:A", "stop:j:C", "07:55", num_itineraries=1) == [
        "e:A ~ BUS R1 08:00 08:10 ~ e:B ~ Walk 0m ~ j:B2 ~ BUS R9 08:20 08:35 ~ j:C "
        "[08:00 08:35 35m T1 Rp?]"
    ]


def test_tz5_an_unknown_time_zone_stops_the_build(feed, tmp_path):
    error = _error(feed, _agency("Asia/Makasar") + AB + """
        # stop_times.txt
        trip_id,arrival_time,departure_time,stop_id,stop_sequence
        T1,09:00:00,09:00:00,A,1
        T1,09:10:00,09:10:00,B,2
    """)
    assert str(error) == (
        f"{tmp_path}/f/agency.txt, row 2, column agency_timezone: 'Asia/Makasar' is not an "
        "IANA time zone (e.g. Asia/Jakarta)")


def test_tz6_stop_timezone_does_not_shift_stop_times(feed):
    # GTFS: stop_times are in agency_timezone, never in stop_timezone (which only says where
    # the stop is): B in Asia/Makassar keeps the Jakarta agency's 08:10
    ds = feed("""
        # stops.txt
        stop_id,stop_name,stop_lat,stop_lon,stop_timezone
        A,Alpha,-6.2000,106.8000,
        B,Bravo,-6.2100,106.8000,Asia/Makassar
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
    """)
    assert plan_lines(ds, "stop:f:A", "stop:f:B", "07:55", num_itineraries=1) == [
        "f:A ~ BUS R1 08:00 08:10 ~ f:B [08:00 08:10 10m T0 Rp?]"
    ]


def test_tz7_an_unknown_stop_timezone_stops_the_build(feed, tmp_path):
    error = _error(feed, AB.replace(
        "stop_id,stop_name,stop_lat,stop_lon\nA,Alpha,-6.2000,106.8000\n"
        "B,Bravo,-6.2100,106.8000",
        "stop_id,stop_name,stop_lat,stop_lon,stop_timezone\nA,Alpha,-6.2000,106.8000,\n"
        "B,Bravo,-6.2100,106.8000,WITA") + """
        # stop_times.txt
        trip_id,arrival_time,departure_time,stop_id,stop_sequence
        T1,08:00:00,08:00:00,A,1
        T1,08:10:00,08:10:00,B,2
    """)
    assert str(error) == (
        f"{tmp_path}/f/stops.txt, row 3, column stop_timezone: 'WITA' is not an IANA time "
        "zone (e.g. Asia/Jakarta)")


def test_tz8_a_run_starting_before_midnight_after_conversion_is_boarded_after_midnight(feed):
    # Asia/Jayapura (UTC+09:00): A 01:30, B 02:10, C 02:40 WIT on Tuesday are 23:30 (Monday),
    # 00:10 and 00:40 WIB; from B on Tuesday at 00:05 the run is boarded at 00:10
    ds = feed(_agency("Asia/Jayapura") + """
        # stops.txt
        stop_id,stop_name,stop_lat,stop_lon
        A,Alpha,-6.2000,106.8000
        B,Bravo,-6.2100,106.8000
        C,Charlie,-6.2200,106.8000
        # routes.txt
        route_id,route_short_name,route_type
        R1,R1,3
        # trips.txt
        route_id,service_id,trip_id
        R1,S,T1
        # stop_times.txt
        trip_id,arrival_time,departure_time,stop_id,stop_sequence
        T1,01:30:00,01:30:00,A,1
        T1,02:10:00,02:10:00,B,2
        T1,02:40:00,02:40:00,C,3
    """)
    assert plan_lines(ds, "stop:f:B", "stop:f:C", "00:05", TUESDAY, num_itineraries=1) == [
        "f:B ~ BUS R1 00:10 00:40 ~ f:C [00:10 00:40 30m T0 Rp?]"
    ]
    assert plan_lines(ds, "stop:f:A", "stop:f:C", "23:00", num_itineraries=1) == [
        "f:A ~ BUS R1 23:30 24:40 ~ f:C [23:30 24:40 1h10m T0 Rp?]"
    ]


def test_tz9_the_offset_is_taken_for_each_service_date():
    # GTFS times count from noon minus 12 h of the service date in the agency's zone: on the
    # day Berlin moves to summer time (2024-03-31) that origin is 23:00 CET the evening before
    assert service_day_shift_s("Europe/Berlin", date(2024, 3, 30)) == 6 * 3600
    assert service_day_shift_s("Europe/Berlin", date(2024, 3, 31)) == 5 * 3600
    assert service_day_shift_s("Asia/Makassar", date(2024, 6, 3)) == -3600
    assert service_day_shift_s("Asia/Jakarta", date(2024, 6, 3)) == 0
