"""Write the bundled GTFS feeds under ``data/gtfs/`` from facts typed in below.

Run ``python scripts/make_bundled_feeds.py`` (optionally with an output root) and commit the
.txt files it writes. The script reads nothing: every station, halte, run time, headway and fare
is held here as data, gathered from ``shared/feeds/FACTS.md`` and from reading (not copying) the
public feeds it names:

- MRT Jakarta North-South Line: station names/coordinates from FACTS.md (OSM nodes), entrances
  from the community feed ``gtfs-mrt-jakarta`` (OSM nodes, (c) OpenStreetMap contributors),
  run times, headways and the fare matrix from jakartamrt.co.id as published in that feed.
- TransJakarta: stop names, coordinates, stop order, template times, route colours and
  headways from the official feed (2025-08 snapshot, (c) PT Transportasi Jakarta) for Corridor
  1 and 13 and the routes serving the CSW / ASEAN / Taman Ayodya area.

What is ours, not theirs: MRT platform coordinates (the station node), the MRT shape (straight
lines between stations), pickup/drop-off restrictions at trip ends, the night (Amari) windows
of Corridor 1 and 13 written as 22:00-29:00 (the official feed has one 00:00-23:59:59 window),
the holiday exceptions in calendar_dates.txt, and the CSW transfers.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START_DATE, END_DATE = "20240101", "20301231"

# ---------------------------------------------------------------------------------------------
# MRT Jakarta North-South Line
# ---------------------------------------------------------------------------------------------

# (zone/station code, public code, name, lat, lon), south to north. FACTS.md (OSM station nodes).
MRT_STATIONS: list[tuple[str, str, str, float, float]] = [
    ("LBB", "M01", "Lebak Bulus BSI", -6.2892744, 106.7749355),
    ("FTM", "M02", "Fatmawati Indomaret", -6.2924285, 106.7924656),
    ("CPT", "M03", "Cipete Raya TUKU", -6.2783596, 106.7973159),
    ("HJN", "M04", "Haji Nawi", -6.2666947, 106.7973262),
    ("BKA", "M05", "Blok A", -6.2557793, 106.7971403),
    ("BKM", "M06", "Blok M BCA", -6.2444643, 106.7981332),
    ("ASN", "M07", "ASEAN", -6.2387737, 106.7984457),
    ("SNY", "M08", "Senayan Mastercard", -6.2267337, 106.8024926),
    ("IST", "M09", "Istora Mandiri", -6.22239, 106.8086229),
    ("BNH", "M10", "Bendungan Hilir", -6.2150263, 106.8179484),
    ("STB", "M11", "Setiabudi Astra", -6.2090648, 106.8216945),
    ("DKA", "M12", "Dukuh Atas BNI", -6.2007957, 106.822788),
    ("BHI", "M13", "Bundaran HI Bank Jakarta", -6.1918644, 106.8230084),
]

# Running time in seconds between consecutive stations (south to north order of segments),
# per direction; dwell 30 s at every intermediate station. Each direction: 1,430 s running
# + 11 x 30 s dwell = 1,760 s (29 min 20 s) end to end.
MRT_RUN_NORTH = [160, 150, 100, 110, 130, 80, 120, 90, 120, 90, 100, 180]  # LBB -> BHI
MRT_RUN_SOUTH = [190, 170, 110, 110, 120, 110, 120, 80, 110, 80, 90, 140]  # LBB <- BHI
MRT_DWELL_S = 30
MRT_FIRST_DEP, MRT_LAST_DEP = 5 * 3600, 23 * 3600 + 40 * 60  # from each terminus
MRT_PEAKS = [(7 * 3600, 9 * 3600), (17 * 3600, 19 * 3600)]  # weekdays only: every 5 min
MRT_HEADWAY_PEAK_S, MRT_HEADWAY_OFFPEAK_S = 300, 600

# Fare in thousand IDR between stations, in MRT_STATIONS order (symmetric).
MRT_FARES_K = [
    [0, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 14],
    [4, 0, 4, 5, 6, 7, 7, 9, 9, 10, 11, 12, 13],
    [5, 4, 0, 3, 4, 5, 6, 7, 8, 9, 9, 10, 11],
    [6, 5, 3, 0, 3, 4, 5, 6, 7, 8, 8, 9, 10],
    [7, 6, 4, 3, 0, 3, 4, 5, 6, 7, 7, 8, 9],
    [8, 7, 5, 4, 3, 0, 3, 4, 5, 6, 6, 7, 8],
    [9, 7, 6, 5, 4, 3, 0, 3, 4, 5, 6, 7, 7],
    [10, 9, 7, 6, 5, 4, 3, 0, 3, 4, 4, 5, 6],
    [11, 9, 8, 7, 6, 5, 4, 3, 0, 3, 3, 4, 5],
    [12, 10, 9, 8, 7, 6, 5, 4, 3, 0, 3, 3, 4],
    [13, 11, 9, 8, 7, 6, 6, 4, 3, 3, 0, 3, 4],
    [14, 12, 10, 9, 8, 7, 7, 5, 4, 3, 3, 0, 3],
    [14, 13, 11, 10, 9, 8, 7, 6, 5, 4, 4, 3, 0],
]

# Street entrances per station: (label, lat, lon); a label starting "Lift" is step-free.
# OSM nodes as published in the community MRT feed.
MRT_ENTRANCES: dict[str, list[tuple[str, float, float]]] = {
    "LBB": [
        ("A", -6.2891429, 106.7738932),
        ("B", -6.289146, 106.775311),
        ("C", -6.2891859, 106.7757645),
        ("D", -6.2894375, 106.7744743),
        ("E", -6.2894585, 106.7749018),
        ("F", -6.2894336, 106.7753954),
        ("Lift B-C", -6.2891208, 106.7753009),
        ("Lift E-F", -6.2894758, 106.7753066),
    ],
    "FTM": [
        ("A", -6.2923659, 106.7932315),
        ("B", -6.292584, 106.7917628),
        ("C", -6.2925839, 106.7918068),
        ("D", -6.2925798, 106.793238),
        ("Lift D", -6.2926064, 106.7932101),
    ],
    "CPT": [
        ("A", -6.2786329, 106.7971235),
        ("B", -6.2780684, 106.7972577),
        ("C", -6.2779199, 106.7973008),
        ("D", -6.2787201, 106.7973837),
        ("E", -6.278655, 106.7974014),
        ("F", -6.2780505, 106.7975292),
        ("Lift B-C", -6.2779853, 106.7972746),
        ("Lift E-F", -6.2780783, 106.797563),
    ],
    "HJN": [
        ("A", -6.2670047, 106.7971975),
        ("B", -6.2662668, 106.7972391),
        ("C", -6.2670552, 106.7974495),
        ("D", -6.2669636, 106.7974546),
        ("E", -6.2662624, 106.7974647),
        ("Lift A-B", -6.2662889, 106.7972284),
        ("Lift D-E", -6.2662938, 106.7974918),
    ],
    "BKA": [
        ("A", -6.2560844, 106.7970105),
        ("B", -6.2553607, 106.7970844),
        ("C", -6.2561489, 106.7972098),
        ("D", -6.255381, 106.7972876),
        ("Lift A-B", -6.2553057, 106.7970441),
        ("Lift C-D", -6.2554252, 106.7973089),
    ],
    "BKM": [
        ("A", -6.2449373, 106.7979733),
        ("B", -6.2438176, 106.7979974),
        ("C", -6.2439715, 106.7979773),
        ("D", -6.2449165, 106.7982614),
        ("E", -6.2436934, 106.7985714),
        ("F", -6.2435181, 106.7982898),
        ("Lift B-C", -6.2437864, 106.7979974),
        ("Lift E-F", -6.2438625, 106.7983184),
    ],
    "ASN": [
        ("A", -6.2384058, 106.7983319),
        ("B", -6.2387011, 106.7986206),
        ("C", -6.2381814, 106.7986165),
        ("D", -6.2399051, 106.7987345),
        ("E", -6.2400903, 106.7984382),
        ("F", -6.2398881, 106.798165),
        ("Lift A", -6.239707, 106.7981314),
        ("Lift B-C", -6.2384227, 106.7986114),
    ],
    "SNY": [
        ("A", -6.2267562, 106.8020237),
        ("B", -6.2262094, 106.8027417),
        ("C", -6.2270679, 106.802465),
        ("D", -6.2267586, 106.802866),
        ("Lift A-B", -6.2265016, 106.8023581),
        ("Lift C-D", -6.2269283, 106.8026564),
    ],
    "IST": [
        ("A", -6.2225743, 106.8078918),
        ("B", -6.2221811, 106.8084989),
        ("C", -6.223003, 106.8081741),
        ("D", -6.2221363, 106.809395),
        ("Lift A-B", -6.2223959, 106.8081605),
        ("Lift C-D", -6.2228315, 106.8084537),
    ],
    "BNH": [
        ("A", -6.2150956, 106.8174466),
        ("B", -6.2146608, 106.8179693),
        ("C", -6.2154778, 106.8177998),
        ("Lift A-B", -6.2149161, 106.8176711),
        ("Lift C", -6.2153064, 106.8180099),
    ],
    "STB": [
        ("A", -6.2095325, 106.8212311),
        ("B", -6.2088453, 106.8215016),
        ("C", -6.209952, 106.8216078),
        ("D", -6.2087343, 106.8220722),
        ("Lift A-B", -6.209244, 106.8213591),
        ("Lift C-D", -6.2096555, 106.8217419),
    ],
    "DKA": [
        ("A", -6.2018685, 106.8223631),
        ("B", -6.2011206, 106.8225259),
        ("C", -6.2004291, 106.8226753),
        ("D", -6.2018529, 106.822665),
        ("E", -6.2004845, 106.8229039),
        ("Lift B-C", -6.2007909, 106.8225927),
        ("Lift D", -6.2015062, 106.8226505),
    ],
    "BHI": [
        ("A", -6.1929032, 106.8228096),
        ("B", -6.1912043, 106.8226944),
        ("C", -6.1927272, 106.8230221),
        ("D", -6.192259, 106.823175),
        ("E", -6.1915126, 106.8231663),
        ("F", -6.1908686, 106.8231563),
        ("Lift D-E", -6.1918147, 106.8231948),
    ],
}

# ---------------------------------------------------------------------------------------------
# TransJakarta (official feed 2025-08: names, coordinates, order, template times, headways)
# ---------------------------------------------------------------------------------------------

# route_id: (short name, long name, description, colour, text colour, fare_id)
TJ_ROUTES: dict[str, tuple[str, str, str, str, str, str]] = {
    "1": ("1", "Blok M - Kota", "BRT", "D62126", "FFFFFF", "FP"),
    "13": ("13", "Ciledug - Tegal Mampang", "BRT", "7A357B", "FFFFFF", "FP"),
    "L13E": ("L13E", "Puri Beta 2 - Flyover Kuningan (Express)", "BRT", "7A357B", "FFFFFF", "FP"),
    "1Q": ("1Q", "Rempoa - Blok M", "Angkutan Umum Integrasi", "D65E62", "000000", "FP"),
    "6M": ("6M", "Stasiun Manggarai - Blok M", "Angkutan Umum Integrasi", "4CAC67", "000000", "FP"),
    "6T": (
        "6T",
        "Pasar Minggu - Velbak via Jeruk Purut",
        "Angkutan Umum Integrasi",
        "4CAC67",
        "000000",
        "FP2",
    ),
    "8D": ("8D", "Joglo - Blok M", "Angkutan Umum Integrasi", "DD6AAB", "000000", "FP"),
    "8E": ("8E", "Bintaro - Blok M", "Angkutan Umum Integrasi", "DD6AAB", "000000", "FP"),
    "S21": ("S21", "Ciputat - CSW", "Transjabodetabek", "FFFF6D", "000000", "FP"),
    "T31": ("T31", "PIK 2 - Blok M", "Transjabodetabek", "FFFF6D", "000000", "FP"),
    "JAK.31": ("JAK.31", "Blok M - Andara", "Mikrotrans", "00609C", "FFFFFF", "GR"),
}

# fare_id: (price IDR, transfers allowed ('' = unlimited), transfer_duration s)
TJ_FARES: dict[str, tuple[int, str, int]] = {
    "FP": (3500, "", 10800),  # BRT, non-BRT, Transjabodetabek
    "FP2": (3500, "1", 10800),  # the official feed puts 6T on FP2
    "GR": (0, "", 10800),  # Mikrotrans (JAK.*) is free
}

# GTFS-Fares v2 (Menuju prices by v2 when a feed has it; the v1 files above stay for v1-only
# consumers). Flat 3,500 IDR; 2,000 IDR for rides leaving 05:00-07:00 (FACTS.md: news, not in
# the official GTFS); Mikrotrans (JAK.*) free. Changes between rides of one network are free
# within 3 h of the first ride's departure, as the v1 transfer_duration says; 6T keeps the
# official feed's own fare (FP2: one free change onto another FP2 ride).
# network_id: (network name, leg group, transfer_count within the group)
TJ_NETWORKS: dict[str, tuple[str, str, int]] = {
    "TJ": ("TransJakarta", "TJ", -1),
    "TJ_FP2": ("TransJakarta (6T)", "TJ_FP2", 1),
    "MIKROTRANS": ("Mikrotrans", "MIKROTRANS", -1),
}
#: v1 fare_id -> v2 network_id
TJ_NETWORK_OF_FARE = {"FP": "TJ", "FP2": "TJ_FP2", "GR": "MIKROTRANS"}
# fare_product_id: (name, amount IDR)
TJ_PRODUCTS: dict[str, tuple[str, int]] = {
    "TJ_REGULER": ("Tarif TransJakarta", 3500),
    "TJ_PAGI": ("Tarif pagi TransJakarta (05.00-07.00)", 2000),
    "MIKROTRANS_GRATIS": ("Mikrotrans (gratis)", 0),
}
TJ_MORNING = ("05:00:00", "07:00:00")

# service_id: (mon..sun flags)
TJ_SERVICES: dict[str, tuple[int, int, int, int, int, int, int]] = {
    "HK": (1, 1, 1, 1, 1, 0, 0),  # hari kerja, Mon-Fri
    "HL": (0, 0, 0, 0, 0, 1, 1),  # hari libur, Sat+Sun (and public holidays below)
    "SH": (1, 1, 1, 1, 1, 1, 1),  # setiap hari, daily
}
# Christmas Day, a national public holiday: weekday service off, holiday service on.
TJ_HOLIDAYS = ["20251225", "20261225"]

# trip_id: [(start, end, headway_s)]. Corridor 1 and 13 run round the clock in the official feed
# (one 00:00:00-23:59:59 window); we write that as the day (05-22) and the night service Amari
# (22:00 to 05:00 next morning, written 22:00:00-29:00:00) at the same headway.
TJ_FREQUENCIES: dict[str, list[tuple[str, str, int]]] = {
    "1-R07": [("05:00:00", "22:00:00", 400), ("22:00:00", "29:00:00", 400)],
    "1-R08": [("05:00:00", "22:00:00", 400), ("22:00:00", "29:00:00", 400)],
    "13-R01": [("05:00:00", "22:00:00", 1200), ("22:00:00", "29:00:00", 1200)],
    "13-R02": [("05:00:00", "22:00:00", 800), ("22:00:00", "29:00:00", 800)],
    "L13E-R03": [("05:00:00", "07:00:00", 700)],
    "L13E-R11": [("21:00:00", "21:45:00", 700)],
    "1Q-R01": [("05:00:00", "21:30:00", 1400)],
    "1Q-R02": [("05:00:00", "22:15:00", 1100)],
    "6M-R02": [("05:00:00", "22:15:00", 1080)],
    "6M-R05": [("05:00:00", "22:00:00", 1080)],
    "6T-L02": [("05:00:00", "21:30:00", 1020)],
    "8D-R01": [("05:00:00", "22:30:00", 1100)],
    "8D-R02": [("05:00:00", "21:15:00", 1700)],
    "8E-R01": [("05:00:00", "23:00:00", 1400)],
    "8E-R03": [("05:00:00", "22:15:00", 1400)],
    "S21-R05": [("05:00:00", "12:15:00", 3600)],
    "S21-R06": [("05:00:00", "22:00:00", 1200)],
    "T31-R03": [("05:00:00", "22:00:00", 1200)],
    "T31-R04": [("05:00:00", "22:00:00", 1200)],
    "JAK.31-R01": [("05:00:00", "22:00:00", 360)],
    "JAK.31-R02": [("05:00:00", "22:00:00", 360)],
}

# Transfers: two pairs from the official feed, and the CSW interchange (halte linked by the
# skybridge) as recommended transfer points (type 0, no time claimed).
TJ_TRANSFERS: list[tuple[str, str]] = [
    ("H00027C", "H00010P"),
    ("H00113P", "H00115P"),
    ("H00041P", "H00265P"),
    ("H00041P", "H00264P"),
    ("H00265P", "H00266P"),
]
TJ_DWELL_S = 10

TJ_STOPS: list[tuple[str, str, float, float, int, str, str, int]] = [
    # (stop_id, name, lat, lon, location_type, parent_station, platform_code, wheelchair)
    ("E00069", "CSW Akses A", -6.239722, 106.79816, 2, "H00041P", "", 0),
    ("E00070", "CSW Akses D", -6.239886, 106.7987, 2, "H00265P", "", 0),
    ("E00071", "CSW Akses E", -6.24005, 106.79844, 2, "H00266P", "", 0),
    ("E00072", "CSW Akses F", -6.239887, 106.79809, 2, "H00264P", "", 0),
    ("B06577P", "Blok M Jalur 2", -6.243369, 106.80188, 1, "", "", 2),
    ("H00001P", "Petukangan D'MASIV", -6.236466, 106.74786, 1, "", "", 1),
    ("H00010P", "Bendungan Hilir", -6.217137, 106.81528, 1, "", "", 2),
    ("H00014P", "Blok M", -6.243312, 106.80175, 1, "", "", 2),
    ("H00022P", "Bundaran HI Astra", -6.193021, 106.823, 1, "", "", 1),
    ("H00023P", "Bundaran Senayan", -6.227869, 106.80094, 1, "", "", 1),
    ("H00027C", "Semanggi", -6.22111, 106.81354, 1, "", "", 2),
    ("H00031P", "CBD Ciledug", -6.223629, 106.70904, 1, "", "", 1),
    ("H00036C", "Petamburan", -6.20203, 106.79989, 1, "", "", 2),
    ("H00040P", "Cipulir", -6.237818, 106.76541, 1, "", "", 2),
    ("H00041P", "CSW 1", -6.23994, 106.79843, 1, "", "", 2),
    ("H00043P", "Kuningan", -6.228794, 106.833205, 1, "", "", 2),
    ("H00047P", "Dukuh Atas", -6.205702, 106.82223, 1, "", "", 2),
    ("H00067P", "Senayan BANK DKI", -6.224217, 106.8058, 1, "", "", 1),
    ("H00068P", "Glodok", -6.1445, 106.81545, 1, "", "", 2),
    ("H00069P", "Rasuna Said", -6.221618, 106.832245, 1, "", "", 2),
    ("H00073P", "Halimun", -6.205137, 106.83338, 1, "", "", 1),
    ("H00091P", "JORR", -6.236104, 106.75488, 1, "", "", 2),
    ("H00093P", "Kali Besar", -6.135355, 106.81143, 1, "", "", 1),
    ("H00098P", "Karet Kuningan", -6.21667, 106.830737, 1, "", "", 2),
    ("H00099P", "Karet", -6.212457, 106.82003, 1, "", "", 2),
    ("H00101P", "Kebayoran Lama", -6.23834, 106.77752, 1, "", "", 2),
    ("H00102P", "Bungur", -6.252688, 106.78164, 1, "", "", 2),
    ("H00109S", "Denpasar Arah Timur", -6.232602, 106.82162, 1, "", "", 2),
    ("H00113P", "Simpang Kuningan", -6.23725, 106.82794, 1, "", "", 1),
    ("H00114P", "Kuningan Madya", -6.213414, 106.830472, 1, "", "", 2),
    ("H00115P", "Underpass Kuningan", -6.234731, 106.82902, 1, "", "", 2),
    ("H00118P", "Flyover Kuningan", -6.202761, 106.82771, 1, "", "", 1),
    ("H00119S", "Denpasar Arah Barat", -6.233551, 106.82208, 1, "", "", 2),
    ("H00120S", "Widya Chandra Telkomsel Arah Timur", -6.226549, 106.8174, 1, "", "", 2),
    ("H00126P", "Manggarai", -6.20888, 106.84739, 1, "", "", 2),
    ("H00127P", "Masjid Agung", -6.236483, 106.79845, 1, "", "", 2),
    ("H00130P", "Mayestik", -6.241921, 106.79077, 1, "", "", 2),
    ("H00131P", "Monumen Nasional", -6.176248, 106.82286, 1, "", "", 1),
    ("H00132P", "Museum Sejarah Jakarta", -6.13393, 106.81209, 1, "", "", 1),
    ("H00133P", "Taman Sari", -6.1493, 106.81669, 1, "", "", 2),
    ("H00137S", "Widya Chandra Telkomsel Arah Barat", -6.227392, 106.81763, 1, "", "", 2),
    ("H00149P", "Kebayoran", -6.238413, 106.78323, 1, "", "", 1),
    ("H00153P", "Pasar Rumput", -6.207125, 106.84112, 1, "", "", 1),
    ("H00154P", "Patra Kuningan", -6.232677, 106.832087, 1, "", "", 2),
    ("H00167P", "Arteri", -6.218401, 106.77761, 1, "", "", 2),
    ("H00176P", "Polda Metro Jaya", -6.221094, 106.81028, 1, "", "", 2),
    ("H00189P", "Puri Beta 1", -6.230596, 106.72602, 1, "", "", 2),
    ("H00190P", "Puri Beta 2", -6.230532, 106.72371, 1, "", "", 2),
    ("H00192P", "Rawa Barat", -6.238947, 106.81624, 1, "", "", 2),
    ("H00207P", "MH Thamrin", -6.188149, 106.82299, 1, "", "", 1),
    ("H00214P", "Seskoal", -6.238064, 106.77121, 1, "", "", 2),
    ("H00215P", "Setiabudi", -6.209189, 106.830237, 1, "", "", 2),
    ("H00218S", "Gerbang Pemuda Arah Barat", -6.213906, 106.80841, 1, "", "", 2),
    ("H00219S", "Gerbang Pemuda Arah Timur", -6.214145, 106.809, 1, "", "", 2),
    ("H00224S", "Kemanggisan Arah Selatan", -6.189781, 106.79726, 1, "", "", 2),
    ("H00234P", "Swadarma ParagonCorp", -6.23755, 106.76065, 1, "", "", 2),
    ("H00237P", "Tanah Kusir", -6.256997, 106.78168, 1, "", "", 2),
    ("H00246P", "Tegal Mampang", -6.240213, 106.83102, 1, "", "", 1),
    ("H00249P", "Pasar Santa", -6.239207, 106.80777, 1, "", "", 2),
    ("H00251P", "Tosari", -6.196892, 106.82309, 1, "", "", 1),
    ("H00257P", "Velbak", -6.239433, 106.78552, 1, "", "", 2),
    ("H00264P", "CSW 2", -6.239861, 106.79783, 1, "", "", 2),
    ("H00265P", "ASEAN", -6.239889, 106.79897, 1, "", "", 2),
    ("H00266P", "Kejaksaan Agung", -6.2405, 106.79844, 1, "", "", 2),
    ("H00267S", "Kebon Sirih Arah Utara", -6.182776, 106.8228, 1, "", "", 1),
    ("H00268S", "Kebon Sirih Arah Selatan", -6.184195, 106.823232, 1, "", "", 1),
    ("H00271P", "Plaza St. Manggarai", -6.210225, 106.85099, 1, "", "", 2),
    ("H00272P", "Timur St. Manggarai", -6.209745, 106.85067, 1, "", "", 2),
    ("H00275P", "Kota", -6.13679, 106.8149, 1, "", "", 1),
    ("H00278P", "Harmoni", -6.162687, 106.81992, 1, "", "", 2),
    ("H00280P", "Sawah Besar", -6.157368, 106.818661, 1, "", "", 2),
    ("H00281P", "Mangga Besar", -6.15325, 106.817536, 1, "", "", 2),
    ("B00003P", "Acacia Residence", -6.263358, 106.75675, 0, "", "", 2),
    ("B00017P", "Akper Fatmawati Pondok Labu", -6.313187, 106.79931, 0, "", "", 2),
    ("B00042P", "Andara Margasatwa 1", -6.313471, 106.80369, 0, "", "", 2),
    ("B00043P", "Andara Margasatwa 2", -6.313577, 106.80356, 0, "", "", 2),
    ("B00052P", "Antena III", -6.250129, 106.791759, 0, "", "", 2),
    ("B00053P", "Antena II", -6.25033, 106.79163, 0, "", "", 2),
    ("B00058P", "Apartemen Simprug Teras", -6.232197, 106.78874, 0, "", "", 2),
    ("B00087P", "Auto 2000", -6.25922, 106.78922, 0, "", "", 2),
    ("B00098P", "Baileys Lagoon City", -6.315461, 106.74677, 0, "", "", 2),
    ("B00104P", "Balai Pertamina", -6.229555, 106.79052, 0, "", "", 2),
    ("B00123P", "BBPK Jakarta", -6.302219, 106.798, 0, "", "", 2),
    ("B00129P", "Bercabuana Sakti", -6.270086, 106.76549, 0, "", "", 2),
    ("B00144P", "Bintaro", -6.271245, 106.75133, 0, "", "", 2),
    ("B00145P", "Bintaro Gg. Masjid", -6.27026, 106.75217, 0, "", "", 2),
    ("B00146P", "Bintaro Kodam", -6.260196, 106.76594, 0, "", "", 2),
    ("B00147P", "Bintaro Park View", -6.257977, 106.75969, 0, "", "", 2),
    ("B00178P", "BPJS Kesehatan Sultan Hasanudin", -6.242517, 106.80229, 0, "", "", 2),
    ("B00197P", "Buddha Tzu Chi", -6.107998, 106.73942, 0, "", "", 2),
    ("B00238P", "Cempaka", -6.277541, 106.76223, 0, "", "", 2),
    ("B00245P", "Child Care Pre School", -6.257557, 106.8009, 0, "", "", 2),
    ("B00252P", "Cilandak Tengah", -6.292028, 106.802056, 0, "", "", 2),
    ("B00253P", "Cilandak Town Square", -6.291993, 106.799835, 0, "", "", 2),
    ("B00299P", "Darmawangsa Square", -6.253048, 106.80116, 0, "", "", 2),
    ("B00312P", "Direktorat Jenderal Hortikultura", -6.285538, 106.8393, 0, "", "", 2),
    ("B00332P", "Dwijaya", -6.262287, 106.78855, 0, "", "", 2),
    ("B00342P", "Essence Dharmawangsa", -6.257365, 106.80495, 0, "", "", 2),
    ("B00345P", "Exit Tol Veteran Bintaro", -6.262649, 106.76654, 0, "", "", 2),
    ("B00347P", "Fatmawati 1", -6.292571, 106.79743, 0, "", "", 2),
    ("B00349P", "Flyover Bintaro", -6.25748, 106.76478, 0, "", "", 2),
    ("B00377P", "Fresh Market PIK", -6.1029, 106.74123, 0, "", "", 2),
    ("B00391P", "Gandaria City", -6.243912, 106.7824, 0, "", "", 2),
    ("B00404P", "Gg. Anggur Cipete Dalam", -6.276068, 106.80052, 0, "", "", 2),
    ("B00503P", "Gg. Langgar II", -6.255477, 106.79037, 0, "", "", 2),
    ("B00512P", "Gg. Marang", -6.217246, 106.74855, 0, "", "", 2),
    ("B00539P", "Gg. Reformasi Damai Raya", -6.259917, 106.80327, 0, "", "", 2),
    ("B00556P", "Gg. Sawo Joglo", -6.217751, 106.75034, 0, "", "", 2),
    ("B00569P", "Gg. Tampak Siring Cipete Dalam", -6.274609, 106.80055, 0, "", "", 2),
    ("B00599P", "Gedung Pertamina", -6.230483, 106.78971, 0, "", "", 2),
    ("B00617P", "Gerbang Tol Joglo 1", -6.218914, 106.74426, 0, "", "", 2),
    ("B00618P", "Gerbang Tol Joglo 2", -6.218702, 106.74425, 0, "", "", 2),
    ("B00624P", "Gerbang Tol Veteran", -6.261369, 106.76721, 0, "", "", 2),
    ("B00627P", "Gereja HKBP Cipete", -6.272414, 106.800801, 0, "", "", 2),
    ("B00678P", "Graha Nusantara", -6.276867, 106.76244, 0, "", "", 2),
    ("B00684P", "Graha Werdatama Pondok Labu", -6.309163, 106.79461, 0, "", "", 2),
    ("B00688P", "Grand Centro Bintaro", -6.258839, 106.75968, 0, "", "", 2),
    ("B00693P", "Grand Pasar Minggu", -6.290648, 106.84236, 0, "", "", 2),
    ("B00695P", "Grand Wijaya Dharmawangsa", -6.254752, 106.80034, 0, "", "", 2),
    ("B00778P", "Hotel Melawai", -6.245857, 106.79979, 0, "", "", 2),
    ("B00807P", "Iskandar Muda", -6.2443, 106.78249, 0, "", "", 2),
    ("B00848P", "Jln. Albarkah I Cilandak", -6.285505, 106.79964, 0, "", "", 2),
    ("B00849P", "Jln. Albarkah II Cilandak", -6.287157, 106.80173, 0, "", "", 2),
    ("B00926P", "Jln. Bendi Baru", -6.253319, 106.77658, 0, "", "", 2),
    ("B00933P", "Jln. Berlian II Pondok Labu", -6.298412, 106.79927, 0, "", "", 2),
    ("B00951P", "Jln. Bulak Sari", -6.263408, 106.75665, 0, "", "", 2),
    ("B00954P", "Jln. Bulungan 2", -6.239771, 106.79658, 0, "", "", 2),
    ("B00958P", "Jln. Bunga Cempaka II Cipete", -6.26868, 106.80636, 0, "", "", 2),
    ("B00959P", "Jln. Bungur", -6.247708, 106.7814, 0, "", "", 2),
    ("B01037P", "Jln. Depsos Raya", -6.263491, 106.7663, 0, "", "", 2),
    ("B01045P", "Jln. Duku Raya", -6.245761, 106.78413, 0, "", "", 2),
    ("B01072P", "Jln. Gaharu II Cilandak", -6.279992, 106.79957, 0, "", "", 2),
    ("B01088P", "Jln. Guru Saleh", -6.257895, 106.76611, 0, "", "", 2),
    ("B01094P", "Jln. H. Ahmad", -6.262573, 106.78857, 0, "", "", 2),
    ("B01103P", "Jln. H. Gari", -6.256091, 106.75965, 0, "", "", 2),
    ("B01106P", "Jln. H. Ipin", -6.311098, 106.79357, 0, "", "", 2),
    ("B01109P", "Jln. H. Jian 2B Cipete", -6.264499, 106.80426, 0, "", "", 2),
    ("B01147P", "Jln. H. Terin Pangkalan Jati", -6.327961, 106.80054, 0, "", "", 2),
    ("B01151P", "Jln. H. Zainuddin", -6.259083, 106.78936, 0, "", "", 2),
    ("B01154P", "Jln. IKPN Bintaro", -6.25997, 106.76787, 0, "", "", 2),
    ("B01179P", "Jln. Jeruk Joglo Barat", -6.218007, 106.7572, 0, "", "", 2),
    ("B01216P", "Jln. Karya Utama", -6.217168, 106.76249, 0, "", "", 2),
    ("B01235P", "Jln. Kb. Nanas", -6.220356, 106.78136, 0, "", "", 2),
    ("B01241P", "Jln. Kb. Nanas V Permata Hijau", -6.220567, 106.78137, 0, "", "", 2),
    ("B01246P", "Jln. Kelapa Dua", -6.216557, 106.76997, 0, "", "", 2),
    ("B01304P", "Jln. KRI Harimau", -6.253467, 106.79112, 0, "", "", 2),
    ("B01313P", "Jln. Langgar", -6.218336, 106.75392, 0, "", "", 2),
    ("B01315P", "Jln. Lapangan Merah", -6.218499, 106.75514, 0, "", "", 2),
    ("B01374P", "Jln. Masjid Baabul Minan", -6.220471, 106.741, 0, "", "", 2),
    ("B01421P", "Jln. Nimun Raya", -6.253204, 106.77344, 0, "", "", 2),
    ("B01433P", "Jln. Pahlawan", -6.300584, 106.76211, 0, "", "", 2),
    ("B01437P", "Jln. Palatehan", -6.240057, 106.800758, 0, "", "", 2),
    ("B01438P", "Jln. Palatehan II", -6.241135, 106.80129, 0, "", "", 2),
    ("B01439P", "Jln. Palem", -6.218201, 106.75716, 0, "", "", 2),
    ("B01465P", "Jln. Pelita", -6.250861, 106.7782, 0, "", "", 2),
    ("B01476P", "Jln. Perdagangan Bintaro", -6.27461, 106.7633, 0, "", "", 2),
    ("B01481P", "Jln. Pesanggrahan", -6.308339, 106.75598, 0, "", "", 2),
    ("B01493P", "Jln. Pinang II Pondok Labu", -6.310414, 106.79665, 0, "", "", 2),
    ("B01494P", "Jln. Pinang IIIb", -6.308157, 106.79798, 0, "", "", 2),
    ("B01558P", "Jln. Sandratex 1", -6.293846, 106.76507, 0, "", "", 2),
    ("B01559P", "Jln. Sandratex 2", -6.293633, 106.76529, 0, "", "", 2),
    ("B01563P", "Jln. Saraswati Cipete", -6.263214, 106.8042, 0, "", "", 2),
    ("B01597P", "Jln. Srengseng Raya 1", -6.217561, 106.75992, 0, "", "", 2),
    ("B01598P", "Jln. Srengseng Raya 2", -6.217405, 106.76064, 0, "", "", 2),
    ("B01600P", "Jln. Sukabumi Selatan", -6.216704, 106.76921, 0, "", "", 2),
    ("B01610P", "Jln. Sungai Sambas VI", -6.246441, 106.7978, 0, "", "", 2),
    ("B01636P", "Jln. Taman Alfa Indah", -6.218503, 106.75404, 0, "", "", 2),
    ("B01715P", "Jln. Wr Supratman", -6.305661, 106.75749, 0, "", "", 2),
    ("B01775P", "JGC Indonesia", -6.292686, 106.802416, 0, "", "", 2),
    ("B01781P", "Joglo", -6.220009, 106.74171, 0, "", "", 2),
    ("B01785P", "JPO Barat Pondok Indah 1", -6.28723, 106.77936, 0, "", "", 2),
    ("B01790P", "JPO Timur Pondok Indah 1", -6.287054, 106.77989, 0, "", "", 2),
    ("B01808P", "Kampus 2 Uin", -6.305634, 106.757674, 0, "", "", 2),
    ("B01811P", "Kampus Uin 1", -6.307572, 106.75603, 0, "", "", 2),
    ("B01812P", "Kampus Uin 2", -6.307533, 106.75621, 0, "", "", 2),
    ("B01822P", "Kantor Pos Kebayoran Lama", -6.249119, 106.778, 0, "", "", 2),
    ("B01859P", "Kebayoran Baru Velbak 1", -6.239561, 106.78532, 0, "", "", 2),
    ("B01860P", "Kebayoran Baru Velbak 2", -6.239272, 106.78492, 0, "", "", 2),
    ("B01881P", "Kec. Pasar Minggu", -6.285563, 106.8353, 0, "", "", 2),
    ("B01905P", "Kel. Bintaro", -6.273047, 106.76405, 0, "", "", 2),
    ("B01916P", "Kel. Gandaria Utara", -6.257036, 106.789811, 0, "", "", 2),
    ("B01937P", "Kel. Pondok Labu", -6.306356, 106.79867, 0, "", "", 2),
    ("B01977P", "KH Ahmad Dahlan", -6.247088, 106.79194, 0, "", "", 2),
    ("B01998P", "Klinik Sasana Husada", -6.240106, 106.79406, 0, "", "", 2),
    ("B02008P", "Kolong Tol Guru Saleh", -6.257605, 106.76529, 0, "", "", 2),
    ("B02009P", "Kolong Tol Jakarta Serpong 1", -6.256082, 106.76049, 0, "", "", 2),
    ("B02010P", "Kolong Tol Jakarta Serpong 2", -6.256039, 106.76062, 0, "", "", 2),
    ("B02025P", "Komplek DDN 1", -6.303426, 106.79914, 0, "", "", 2),
    ("B02052P", "Komplek Mandiri Giant Express 1", -6.297385, 106.76499, 0, "", "", 2),
    ("B02053P", "Komplek Mandiri Giant Express 2", -6.297573, 106.76499, 0, "", "", 2),
    ("B02065P", "Komplek RSPP", -6.29621, 106.79946, 0, "", "", 2),
    ("B02096P", "Kramat Pela", -6.249958, 106.79544, 0, "", "", 2),
    ("B02117P", "Lapangan Hankam", -6.258139, 106.76796, 0, "", "", 2),
    ("B02146P", "Litbang Pertanian", -6.285245, 106.83725, 0, "", "", 2),
    ("B02161P", "LPP RRI 1", -6.252131, 106.7913, 0, "", "", 2),
    ("B02162P", "LPP RRI 2", -6.252092, 106.79141, 0, "", "", 2),
    ("B02217P", "Margaguna 1", -6.263332, 106.78775, 0, "", "", 2),
    ("B02218P", "Margaguna 2", -6.26343, 106.78772, 0, "", "", 2),
    ("B02228P", "Masjid Al Akhyar Cipete", -6.269685, 106.80493, 0, "", "", 2),
    ("B02241P", "Masjid Al Hidayah Cipete", -6.258835, 106.80678, 0, "", "", 2),
    ("B02249P", "Masjid Al Karomah Cipete", -6.273435, 106.80064, 0, "", "", 2),
    ("B02265P", "Masjid Annur Radio Dalam", -6.260666, 106.78889, 0, "", "", 2),
    ("B02303P", "Masjid Hifdzirrahim", -6.257359, 106.75963, 0, "", "", 2),
    ("B02321P", "Masjid Jami Al Muflihun", -6.255722, 106.76884, 0, "", "", 2),
    ("B02346P", "Masjid Jami Darussalam Pinang", -6.308075, 106.79876, 0, "", "", 2),
    ("B02368P", "Masjid Nurul Iman Joglo", -6.21731, 106.76208, 0, "", "", 2),
    ("B02373P", "Masjid Pondok Indah 1", -6.261581, 106.78234, 0, "", "", 2),
    ("B02374P", "Masjid Pondok Indah 2", -6.261469, 106.78201, 0, "", "", 2),
    ("B02380P", "Masjid Raya Nurul Hidayah", -6.253434, 106.77626, 0, "", "", 2),
    ("B02391P", "Mayestik 1", -6.242041, 106.79116, 0, "", "", 2),
    ("B02392P", "Mayestik 2", -6.241772, 106.79096, 0, "", "", 2),
    ("B02406P", "Melawai Plaza", -6.245853, 106.80285, 0, "", "", 2),
    ("B02435P", "Metro Pondok Indah", -6.265966, 106.78347, 0, "", "", 2),
    ("B02470P", "Mja Rawa Bambu", -6.292069, 106.84179, 0, "", "", 2),
    ("B02484P", "MTsN 3 Jakarta", -6.282959, 106.77181, 0, "", "", 2),
    ("B02506P", "Mushola Al Achyar Cipete", -6.262297, 106.804125, 0, "", "", 2),
    ("B02540P", "One Park Residences", -6.245436, 106.78844, 0, "", "", 2),
    ("B02600P", "Ps. Ciputat", -6.315627, 106.74688, 0, "", "", 2),
    ("B02616P", "Ps. Inpres Kebayoran", -6.235633, 106.78445, 0, "", "", 2),
    ("B02631P", "Ps. Keramik Panglima Polim", -6.251937, 106.797287, 0, "", "", 2),
    ("B02668P", "Ps. Pondok Labu", -6.312034, 106.79409, 0, "", "", 2),
    ("B02742P", "Perlintasan Bendi Utama", -6.249439, 106.77439, 0, "", "", 2),
    ("B02743P", "Perlintasan Bintaro Puspita 1", -6.264875, 106.7569, 0, "", "", 2),
    ("B02744P", "Perlintasan Bintaro Puspita 2", -6.264838, 106.75679, 0, "", "", 2),
    ("B02746P", "Perlintasan Kereta Api Kebayoran", -6.240914, 106.78098, 0, "", "", 2),
    ("B02749P", "Permata Eksekutif 1", -6.216906, 106.76541, 0, "", "", 2),
    ("B02750P", "Permata Eksekutif 2", -6.216798, 106.76524, 0, "", "", 2),
    ("B02752P", "Permata Hijau RS Medika 1", -6.218855, 106.77808, 0, "", "", 2),
    ("B02753P", "Permata Hijau RS Medika 2", -6.218114, 106.777, 0, "", "", 2),
    ("B02759P", "Pertamina Bina Medika", -6.253111, 106.77389, 0, "", "", 2),
    ("B02766P", "Pertigaan Bintaro Taman Barat", -6.268807, 106.75359, 0, "", "", 2),
    ("B02773P", "Pertigaan H. Naim Cilandak Barat", -6.287426, 106.80233, 0, "", "", 2),
    ("B02781P", "Pertigaan Pejaten Barat", -6.275464, 106.82066, 0, "", "", 2),
    ("B02802P", "Perum Villa Kelapa Dua", -6.216674, 106.76745, 0, "", "", 2),
    ("B02803P", "Perumahan BDN Cilandak", -6.284482, 106.79946, 0, "", "", 2),
    ("B02813P", "Perumahan Purna Dharma", -6.216334, 106.77313, 0, "", "", 2),
    ("B02832P", "PIK Avenue", -6.108595, 106.73978, 0, "", "", 2),
    ("B02860P", "Plaza Blok M", -6.244978, 106.79752, 0, "", "", 2),
    ("B02895P", "Poins Square", -6.289207, 106.77718, 0, "", "", 2),
    ("B02903P", "Polsek Ciputat 1", -6.310368, 106.75502, 0, "", "", 2),
    ("B02904P", "Polsek Ciputat 2", -6.310464, 106.7551, 0, "", "", 2),
    ("B02919P", "Pom Bensin Ciputat", -6.321313, 106.74627, 0, "", "", 2),
    ("B02925P", "Pondok Indah 3", -6.267399, 106.783749, 0, "", "", 2),
    ("B02926P", "Pondok Indah Plaza", -6.284041, 106.780333, 0, "", "", 2),
    ("B02940P", "Pool Express Tanah Kusir", -6.255345, 106.76911, 0, "", "", 2),
    ("B02945P", "Pool PPD Ciputat", -6.331231, 106.74851, 0, "", "", 2),
    ("B02948P", "Pool Taksi Tanah Kusir", -6.254506, 106.77741, 0, "", "", 2),
    ("B03011P", "Puri Botanical", -6.217893, 106.74621, 0, "", "", 2),
    ("B03032P", "Pusdiklat Kemenag 1", -6.312075, 106.75228, 0, "", "", 2),
    ("B03033P", "Pusdiklat Kemenag 2", -6.312209, 106.75252, 0, "", "", 2),
    ("B03052P", "Puskesmas Kel. Gunung", -6.239677, 106.790264, 0, "", "", 2),
    ("B03069P", "RA Kartini", -6.282151, 106.77315, 0, "", "", 2),
    ("B03076P", "Ranch Market Pondok Indah", -6.263048, 106.7847, 0, "", "", 2),
    ("B03078P", "Rawa Bambu", -6.294753, 106.84078, 0, "", "", 2),
    ("B03132P", "RS Dr Suyoto", -6.267779, 106.76599, 0, "", "", 2),
    ("B03169P", "RS Pusat Pertamina 1", -6.241352, 106.79315, 0, "", "", 2),
    ("B03170P", "RS Pusat Pertamina 2", -6.241189, 106.79301, 0, "", "", 2),
    ("B03171P", "RS Pusat Pertamina 3", -6.239806, 106.79431, 0, "", "", 2),
    ("B03190P", "RSIA Brawijaya Jln. H. Jian", -6.257484, 106.80717, 0, "", "", 2),
    ("B03292P", "Rusun Rempoa", -6.261641, 106.7666, 0, "", "", 2),
    ("B03354P", "SDN Cipete Selatan 01", -6.272283, 106.80167, 0, "", "", 2),
    ("B03355P", "SDN Cipete Utara 09", -6.258171, 106.803413, 0, "", "", 2),
    ("B03416P", "SDN Pondok Labu 11", -6.313269, 106.80221, 0, "", "", 2),
    ("B03441P", "Sbr. Akper Fatmawati Pondok Labu", -6.313126, 106.79938, 0, "", "", 2),
    ("B03457P", "Sbr. BBPK Jakarta", -6.30231, 106.797969, 0, "", "", 2),
    ("B03458P", "Sbr. Bercabuana Sakti", -6.269784, 106.76547, 0, "", "", 2),
    ("B03472P", "Sbr. Child Care Pre School", -6.257475, 106.801105, 0, "", "", 2),
    ("B03565P", "Sbr. Gg. Sawo Joglo", -6.217713, 106.74968, 0, "", "", 2),
    ("B03575P", "Sbr. Gg. Yasto Cipete", -6.260998, 106.80568, 0, "", "", 2),
    ("B03585P", "Sbr. Gereja HKBP Cipete", -6.272336, 106.80074, 0, "", "", 2),
    ("B03631P", "Sbr. Jln. Albarkah I Cilandak", -6.285954, 106.79961, 0, "", "", 2),
    ("B03632P", "Sbr. Jln. Albarkah II Cilandak", -6.287195, 106.80168, 0, "", "", 2),
    ("B03652P", "Sbr. Jln. Beo", -6.256595, 106.75966, 0, "", "", 2),
    ("B03653P", "Sbr. Jln. Berlian II Pondok Labu", -6.298155, 106.79932, 0, "", "", 2),
    ("B03663P", "Sbr. Jln. Bunga Cempaka II Cipete", -6.268821, 106.8063, 0, "", "", 2),
    ("B03689P", "Sbr. Jln. Depsos Raya", -6.263684, 106.76637, 0, "", "", 2),
    ("B03700P", "Sbr. Jln. Gaharu II Cilandak", -6.280132, 106.79951, 0, "", "", 2),
    ("B03711P", "Sbr. Jln. H. Jian 2B Cipete", -6.264625, 106.8043, 0, "", "", 2),
    ("B03788P", "Sbr. Jln. Melawai X", -6.246621, 106.79852, 0, "", "", 2),
    ("B03817P", "Sbr. Jln. Pinang IIIb", -6.308184, 106.79797, 0, "", "", 2),
    ("B03833P", "Sbr. Jln. Saraswati Cipete", -6.263279, 106.80417, 0, "", "", 2),
    ("B03905P", "Sbr. Kec. Pasar Minggu", -6.285526, 106.83549, 0, "", "", 2),
    ("B03908P", "Sbr. Kel. Bintaro", -6.272947, 106.76394, 0, "", "", 2),
    ("B03928P", "Sbr. Kel. Pondok Labu", -6.30655, 106.79871, 0, "", "", 2),
    ("B03962P", "Sbr. Komplek Ddn 1", -6.303398, 106.79896, 0, "", "", 2),
    ("B03978P", "Sbr. Komplek Pertambangan Kelapa Dua", -6.216617, 106.77072, 0, "", "", 2),
    ("B03981P", "Sbr. Komplek RSPP", -6.296036, 106.79926, 0, "", "", 2),
    ("B04017P", "Sbr. Masjid Al Akhyar Cipete", -6.269658, 106.8049, 0, "", "", 2),
    ("B04028P", "Sbr. Masjid Al Karomah Cipete", -6.273486, 106.80066, 0, "", "", 2),
    ("B04065P", "Sbr. Masjid Jami Darussalam Pinang", -6.307844, 106.79875, 0, "", "", 2),
    ("B04110P", "Sbr. Mushola Al Achyar Cipete", -6.262475, 106.80417, 0, "", "", 2),
    ("B04132P", "Sbr. Ps. Blok A", -6.248294, 106.79779, 0, "", "", 2),
    ("B04156P", "Sbr. Ps. Keramik Panglima Polim", -6.25237, 106.797453, 0, "", "", 2),
    ("B04196P", "Sbr. Perumahan BDN Cilandak", -6.284324, 106.79942, 0, "", "", 2),
    ("B04224P", "Sbr. Pondok Indah Plaza", -6.284056, 106.780121, 0, "", "", 2),
    ("B04279P", "Sbr. RS Dr Suyoto", -6.267609, 106.7659, 0, "", "", 2),
    ("B04332P", "Sbr. SDN Cipete Selatan 01", -6.272215, 106.8015, 0, "", "", 2),
    ("B04382P", "Sbr. Sekolah Charitas Pondok Labu", -6.304734, 106.798908, 0, "", "", 2),
    ("B04554P", "Sbr. TK Dwi Matra Cilandak", -6.282523, 106.79945, 0, "", "", 2),
    ("B04595P", "Sbr. Yayasan Hidayatut Tholibin", -6.288845, 106.80207, 0, "", "", 2),
    ("B04624P", "Sekolah Charitas Pondok Labu", -6.304608, 106.798844, 0, "", "", 2),
    ("B04668P", "Sekolahan Kwitang 6 PSKD", -6.241543, 106.79607, 0, "", "", 2),
    ("B04671P", "Selapa Polri", -6.286492, 106.77119, 0, "", "", 2),
    ("B04692P", "Simpang Abdul Majid H. Saidi", -6.266188, 106.80602, 0, "", "", 2),
    ("B04709P", "Simpang Asem II Bunga Flamboyan", -6.272424, 106.80298, 0, "", "", 2),
    ("B04742P", "Simpang Bunga Flamboyan Asem II", -6.272213, 106.80309, 0, "", "", 2),
    ("B04743P", "Simpang Bunga Flamboyan Melati", -6.269686, 106.80352, 0, "", "", 2),
    ("B04744P", "Simpang Bunga Melati Flamboyan", -6.269955, 106.80329, 0, "", "", 2),
    ("B04766P", "Simpang Cilandak Tengah Raya 1", -6.291253, 106.80188, 0, "", "", 2),
    ("B04767P", "Simpang Cilandak Tengah Raya 2", -6.291453, 106.80187, 0, "", "", 2),
    ("B04770P", "Simpang Cipete Dalam Raya", -6.277305, 106.80074, 0, "", "", 2),
    ("B04771P", "Simpang Cipete Raya Dalam", -6.277545, 106.80067, 0, "", "", 2),
    ("B04784P", "Simpang Damai Raya H. Jian", -6.260636, 106.805769, 0, "", "", 2),
    ("B04790P", "Simpang Darmawangsa X", -6.257555, 106.80048, 0, "", "", 2),
    ("B04791P", "Simpang Darmawangsa XI Prapanca", -6.256381, 106.80051, 0, "", "", 2),
    ("B04792P", "Simpang DDN Pondok Labu", -6.312668, 106.79687, 0, "", "", 2),
    ("B04795P", "Simpang Deplu Veteran Raya", -6.271822, 106.76451, 0, "", "", 2),
    ("B04807P", "Simpang Gaharu MPR Raya", -6.28008, 106.80245, 0, "", "", 2),
    ("B04808P", "Simpang Gandaria Kyai Maja", -6.24186, 106.79, 0, "", "", 2),
    ("B04828P", "Simpang H. Jian", -6.262225, 106.80554, 0, "", "", 2),
    ("B04829P", "Simpang H. Jian Abdul Majid 1", -6.265863, 106.804395, 0, "", "", 2),
    ("B04830P", "Simpang H. Jian Abdul Majid 2", -6.265754, 106.80435, 0, "", "", 2),
    ("B04838P", "Simpang H. Naim Cilandak Barat", -6.28749, 106.8023, 0, "", "", 2),
    ("B04839P", "Simpang H. Saidi Abdul Majid", -6.266523, 106.806262, 0, "", "", 2),
    ("B04924P", "Simpang Kemang Selatan 1", -6.274242, 106.82066, 0, "", "", 2),
    ("B04925P", "Simpang Kemang Selatan 2", -6.274106, 106.82045, 0, "", "", 2),
    ("B04946P", "Simpang Kirai Jln. Damai V", -6.259705, 106.8023, 0, "", "", 2),
    ("B04947P", "Simpang Kodam Bintaro Permai", -6.259127, 106.75974, 0, "", "", 2),
    ("B04954P", "Simpang Kramat II", -6.235583, 106.78529, 0, "", "", 2),
    ("B05033P", "Simpang Panglima Polim IX Wijaya", -6.249567, 106.79993, 0, "", "", 2),
    ("B05072P", "Simpang Pinang I Pondok Labu", -6.308702, 106.795996, 0, "", "", 2),
    ("B05183P", "Simpang Tb Simatupang Tunda Bara", -6.292999, 106.7987, 0, "", "", 2),
    ("B05210P", "Simpang Tunda Bara TB Simatupang", -6.293002, 106.798638, 0, "", "", 2),
    ("B05220P", "Simpang Wijaya XIII Panglima Polim", -6.249559, 106.79998, 0, "", "", 2),
    ("B05228P", "Singgalang", -6.236849, 106.78782, 0, "", "", 2),
    ("B05233P", "Situ Gintung 2", -6.301629, 106.76139, 0, "", "", 2),
    ("B05248P", "SMA Kartika", -6.260596, 106.75896, 0, "", "", 2),
    ("B05249P", "SMA Kartika X-1", -6.26069, 106.75891, 0, "", "", 2),
    ("B05265P", "SMAN 28", -6.286109, 106.83318, 0, "", "", 2),
    ("B05291P", "SMK Darussalam", -6.319946, 106.74598, 0, "", "", 2),
    ("B05298P", "SMK Ora Et Labora", -6.247473, 106.79999, 0, "", "", 2),
    ("B05358P", "SMPN 177", -6.261215, 106.75713, 0, "", "", 2),
    ("B05375P", "SMPN 240", -6.26076, 106.78895, 0, "", "", 2),
    ("B05388P", "SMPN 68", -6.278279, 106.79964, 0, "", "", 2),
    ("B05394P", "SMPN 85", -6.31244, 106.79533, 0, "", "", 2),
    ("B05403P", "SPBU Bintaro Pondok Betung", -6.261488, 106.75659, 0, "", "", 2),
    ("B05416P", "SPBU Shell Rempoa", -6.265358, 106.76615, 0, "", "", 2),
    ("B05425P", "St. Blok A Dharmawangsa", -6.254652, 106.79733, 0, "", "", 2),
    ("B05426P", "St. Blok A Petogogan", -6.254711, 106.79713, 0, "", "", 2),
    ("B05454P", "St. Kebayoran", -6.239001, 106.78198, 0, "", "", 2),
    ("B05484P", "St. MRT Blok A", -6.257009, 106.796912, 0, "", "", 2),
    ("B05485P", "St. MRT Blok M 1", -6.245156, 106.798264, 0, "", "", 2),
    ("B05532P", "STM Cendrawasih", -6.216418, 106.77393, 0, "", "", 2),
    ("B05534P", "STMIK Jakarta", -6.257157, 106.78985, 0, "", "", 2),
    ("B05574P", "Taman Ayodya", -6.245687, 106.79467, 0, "", "", 2),
    ("B05584P", "Taman DDN", -6.312565, 106.7965, 0, "", "", 2),
    ("B05623P", "Taman Martha Tiahahu", -6.242892, 106.79838, 0, "", "", 2),
    ("B05625P", "Taman Melawai", -6.246321, 106.79999, 0, "", "", 2),
    ("B05635P", "Taman Panglima Polim", -6.251369, 106.79751, 0, "", "", 2),
    ("B05636P", "Taman Panglima Polim XVI", -6.252189, 106.799121, 0, "", "", 2),
    ("B05641P", "Taman Puring", -6.240966, 106.78873, 0, "", "", 2),
    ("B05642P", "Taman Puring 2", -6.242596, 106.78793, 0, "", "", 2),
    ("B05731P", "Teuku Nyak Arief", -6.2312, 106.7892, 0, "", "", 2),
    ("B05741P", "Timah Jln. Margasatwa", -6.313202, 106.80228, 0, "", "", 2),
    ("B05753P", "TK Dwi Matra Cilandak", -6.283064, 106.79947, 0, "", "", 2),
    ("B05781P", "TPU Bungur", -6.247208, 106.77889, 0, "", "", 2),
    ("B05804P", "TTI Center", -6.2862, 106.8339, 0, "", "", 2),
    ("B05820P", "UMJ 1", -6.296065, 106.76544, 0, "", "", 2),
    ("B05821P", "UMJ 2", -6.295705, 106.76554, 0, "", "", 2),
    ("B05833P", "Univ. Moestopo Bintaro", -6.258469, 106.76529, 0, "", "", 2),
    ("B05837P", "Univ. Satya Negara", -6.241863, 106.78286, 0, "", "", 2),
    ("B05853P", "Veteran", -6.259892, 106.76777, 0, "", "", 2),
    ("B05861P", "Villa Kelapa Dua", -6.216829, 106.76684, 0, "", "", 2),
    ("B05904P", "Yado I", -6.253745, 106.79098, 0, "", "", 2),
    ("B05905P", "Yado III", -6.255284, 106.79037, 0, "", "", 2),
    ("B05917P", "Yayasan Hidayatut Tholibin", -6.289066, 106.8021, 0, "", "", 2),
    ("B06015P", "Karang Pol", -6.286162, 106.83146, 0, "", "", 2),
    ("B06016P", "PLN GIS Kemang", -6.279113, 106.828569, 0, "", "", 2),
    ("B06017P", "SMK Patria Wisata", -6.276938, 106.824823, 0, "", "", 2),
    ("B06018P", "Jln. Pejaten Barat XI", -6.276618, 106.823186, 0, "", "", 2),
    ("B06019P", "SMK Mitra Pembangunan", -6.278973, 106.815759, 0, "", "", 2),
    ("B06020P", "Puskesmas Cilandak Timur", -6.279169, 106.815006, 0, "", "", 2),
    ("B06021P", "Jln. Puri Muara III", -6.278312, 106.809503, 0, "", "", 2),
    ("B06022P", "Jln. Puri Muara I", -6.278207, 106.809114, 0, "", "", 2),
    ("B06024P", "Sbr. Puskesmas Cilandak Timur", -6.2791, 106.815021, 0, "", "", 2),
    ("B06025P", "Sbr. SMK Mitra Pembangunan", -6.27888, 106.815687, 0, "", "", 2),
    ("B06026P", "Jln. Pejaten Barat I", -6.276432, 106.82287, 0, "", "", 2),
    ("B06027P", "Sbr. SMK Patria Wisata", -6.276784, 106.824822, 0, "", "", 2),
    ("B06028P", "Sbr. PLN GIS Kemang", -6.278819, 106.828545, 0, "", "", 2),
    ("B06029P", "Koperasi", -6.285978, 106.83071, 0, "", "", 2),
    ("B06031P", "SMU Balai Rakyat", -6.285105, 106.83694, 0, "", "", 2),
    ("B06040P", "Pantai Maju", -6.093637, 106.75068, 0, "", "", 2),
    ("B06047P", "Gold Coast", -6.102693, 106.74065, 0, "", "", 2),
    ("B06048P", "Food Street", -6.092201, 106.74388, 0, "", "", 2),
    ("B06290P", "Jati Padang 1", -6.285553, 106.8261, 0, "", "", 2),
    ("B06291P", "Jati Padang 2", -6.285637, 106.82632, 0, "", "", 2),
    ("B06578P", "Blok M Jalur 3", -6.243426, 106.80188, 0, "", "", 2),
    ("B06579P", "Blok M Jalur 4", -6.243474, 106.80188, 0, "", "", 2),
    ("B06633P", "Sbr. Kel. Ps. Minggu", -6.285514, 106.84058, 0, "", "", 2),
    ("B06648P", "Poltangan 1", -6.294464, 106.84131, 0, "", "", 2),
    ("B06649P", "Jln. Pertanian III", -6.287641, 106.84267, 0, "", "", 2),
    ("B06725P", "Gg. Jenan", -6.286223, 106.826922, 0, "", "", 2),
    ("B06726P", "Jln. Warung Jati Barat", -6.281767, 106.827611, 0, "", "", 2),
    ("B06728P", "Jln. Pangeran Antasari", -6.27516, 106.808476, 0, "", "", 2),
    ("B06729P", "Asem", -6.271497, 106.808574, 0, "", "", 2),
    ("B06730P", "Jln. Abdul Majid Raya", -6.266064, 106.808371, 0, "", "", 2),
    ("B06731P", "Sbr. Prapanca Apartment", -6.263316, 106.808158, 0, "", "", 2),
    ("B06732P", "TPU Koba", -6.260605, 106.808031, 0, "", "", 2),
    ("B06733P", "Jln. Pangeran Antasari III", -6.257481, 106.807869, 0, "", "", 2),
    ("B06734P", "Jln. Barito II", -6.248884, 106.795853, 0, "", "", 2),
    ("B06735P", "Sbr. Barito Park", -6.245185, 106.793862, 0, "", "", 2),
    ("B06736P", "Jln. Pakubuwono VI", -6.239586, 106.786544, 0, "", "", 2),
    ("B06737P", "Ps. Burung Barito", -6.242755, 106.793087, 0, "", "", 2),
    ("B06738P", "Barito Park", -6.244906, 106.793828, 0, "", "", 2),
    ("B06739P", "SMP Tarakanita 5", -6.246421, 106.794721, 0, "", "", 2),
    ("B06740P", "Sbr. Jln. Barito II", -6.248808, 106.795903, 0, "", "", 2),
    ("B06741P", "Jln. Prapanca Raya", -6.25612, 106.803634, 0, "", "", 2),
    ("B06742P", "Sbr. Essence Dharmawangsa", -6.257303, 106.805181, 0, "", "", 2),
    ("B06743P", "Jln. Cempaka III", -6.261689, 106.808327, 0, "", "", 2),
    ("B06744P", "Sbr. Jln. Abdul Majid Raya", -6.265937, 106.808605, 0, "", "", 2),
    ("B06745P", "Puri Sakti", -6.273029, 106.80887, 0, "", "", 2),
    ("B06746P", "Sbr. Jln. Pangeran Antasari", -6.275209, 106.808665, 0, "", "", 2),
    ("B06749P", "Sbr. Gg. Jenan", -6.286121, 106.826953, 0, "", "", 2),
    ("B06930P", "M Bloc", -6.241445, 106.798552, 0, "", "", 0),
    ("B06986P", "Jln. Metro Kencana IV", -6.274261, 106.782542, 0, "", "", 0),
    ("B06987P", "Sbr. Jln. Metro Kencana IV", -6.274106, 106.782369, 0, "", "", 0),
    ("B06989P", "Jln. Darmawangsa X", -6.257378, 106.802938, 0, "", "", 0),
    ("B07307P", "Halimun 3", -6.205187, 106.834732, 0, "", "", 2),
    ("B07311P", "Jln. Niaga Hijau 1", -6.284509, 106.775304, 0, "", "", 2),
    ("B07316P", "Jln. Bintaro Tengah", -6.269632, 106.754663, 0, "", "", 2),
    ("B07317P", "Jln. Taman Bintaro Barat", -6.27102, 106.755278, 0, "", "", 2),
    ("B07318P", "Masjid Jami Bintaro Raya", -6.272444, 106.751465, 0, "", "", 2),
    ("B07319P", "Jln. Bintaro Utama I", -6.272362, 106.754198, 0, "", "", 2),
    ("B07323P", "Jln. Ampera Raya", -6.275218, 106.820874, 0, "", "", 2),
    ("B07329P", "Pondok Indah Mall 1", -6.263197, 106.78479, 0, "", "", 2),
    ("B07358P", "Tanah Kusir Kodam 2", -6.257066, 106.781556, 0, "", "", 2),
    ("B07361P", "Jln. Benda", -6.273754, 106.816374, 0, "", "", 2),
    ("B07362P", "Sbr. Jln. Benda", -6.273746, 106.816261, 0, "", "", 2),
    ("B07363P", "Jln. Taman Margasatwa Raya", -6.282904, 106.827325, 0, "", "", 2),
    ("B07423P", "1 Park", -6.24587, 106.78648, 0, "", "", 2),
    ("B07745P", "Simpang Jln. Cendrawasih Raya", -6.255691, 106.777436, 0, "", "", 2),
    ("B07752P", "Jln. Bintaro Permai IV", -6.265717, 106.756822, 0, "", "", 2),
    ("B07753P", "Sbr. Jln. Bintaro Permai IV", -6.265618, 106.756741, 0, "", "", 2),
    ("B07954P", "Jln. Tanah Kusir 2", -6.258279, 106.781587, 0, "", "", 2),
    ("B08051P", "Lebak Bulus 1", -6.289461, 106.775019, 0, "", "", 2),
    ("B08052P", "Pool BMP Ciputat", -6.338867, 106.749601, 0, "", "", 2),
    ("B08053P", "TIP TOP Ciputat", -6.331969, 106.748759, 0, "", "", 2),
    ("B08117P", "Blok M Jalur 5", -6.2435245, 106.801877, 0, "", "", 2),
    ("B08123P", "Shelter PIK 2", -6.039902, 106.696259, 0, "", "", 2),
    ("B08124P", "Mega Kuningan PIK 2", -6.046159, 106.695515, 0, "", "", 2),
    ("B08125P", "NICE", -6.05573, 106.68815, 0, "", "", 2),
    ("B08126P", "San Antonio", -6.065454, 106.692396, 0, "", "", 2),
    ("B08127P", "Sedayu Watertown", -6.068288, 106.700565, 0, "", "", 2),
    ("B08128P", "Menara Syariah", -6.067936, 106.705381, 0, "", "", 2),
    ("B08129P", "Aloha", -6.070722, 106.713422, 0, "", "", 2),
    ("B08130P", "Pantai Pasir Putih 1", -6.075021, 106.715967, 0, "", "", 2),
    ("B08131P", "Marketing Gallery", -6.080762, 106.72034, 0, "", "", 2),
    ("B08132P", "Pantai Pasir Putih", -6.081725, 106.720699, 0, "", "", 2),
    ("B08133P", "Thamrin CBD", -6.068146, 106.707039, 0, "", "", 2),
    ("B08134P", "Spring Ville", -6.066049, 106.692734, 0, "", "", 2),
    ("B08135P", "Tokyo Riverside Selatan", -6.041968, 106.693331, 0, "", "", 2),
    ("B08184P", "Simpang Empat 1", -6.08744, 106.73183, 0, "", "", 2),
    ("B08185P", "Simpang Empat 2", -6.08768, 106.73211, 0, "", "", 2),
    ("G00003", "Manggarai", -6.208867, 106.8473, 0, "H00126P", "A-B", 0),
    ("G00006", "Manggarai", -6.208922, 106.84732, 0, "H00126P", "J-K", 0),
    ("G00007", "Tegal Mampang", -6.24021, 106.830969, 0, "H00246P", "A-B-C", 1),
    ("G00008", "Tegal Mampang", -6.240215, 106.830883, 0, "H00246P", "D-E-F", 1),
    ("G00009", "Masjid Agung", -6.236472, 106.798412, 0, "H00127P", "A-B", 0),
    ("G00010", "Masjid Agung", -6.236477, 106.798482, 0, "H00127P", "C-D", 0),
    ("G00011", "Asean", -6.239863, 106.798965, 0, "H00265P", "3B-3C", 0),
    ("G00012", "Asean", -6.239911, 106.79897, 0, "H00265P", "3D-3E-3F", 0),
    ("G00014", "Senayan BANK DKI", -6.224286, 106.805761, 0, "H00067P", "D-E-F", 1),
    ("G00015", "Senayan BANK DKI", -6.224212, 106.805729, 0, "H00067P", "G-H-J", 1),
    ("G00016", "Senayan BANK DKI", -6.224137, 106.805837, 0, "H00067P", "K-L-M", 1),
    ("G00017", "Polda Metro Jaya", -6.221044, 106.810241, 0, "H00176P", "A-B-C", 0),
    ("G00018", "Polda Metro Jaya", -6.221129, 106.81031, 0, "H00176P", "D-E-F", 0),
    ("G00020", "Bendungan Hilir", -6.217076, 106.815251, 0, "H00010P", "D-E-F", 0),
    ("G00021", "Dukuh Atas", -6.205627, 106.822295, 0, "H00047P", "A-B-C", 0),
    ("G00024", "Dukuh Atas", -6.205621, 106.822203, 0, "H00047P", "K-L-M", 0),
    ("G00027", "Tosari", -6.196742, 106.823051, 0, "H00251P", "G-H-J", 1),
    ("G00030", "Tosari", -6.19695, 106.823131, 0, "H00251P", "S-T-U", 1),
    ("G00031", "Bundaran HI Astra", -6.193596, 106.82306, 0, "H00022P", "A-B-C", 0),
    ("G00034", "Bundaran HI Astra", -6.193601, 106.822983, 0, "H00022P", "K-L-M", 0),
    ("G00036", "MH Thamrin", -6.188262, 106.82304, 0, "H00207P", "D-E-F", 1),
    ("G00038", "MH Thamrin", -6.188038, 106.82296, 0, "H00207P", "K-L-M", 1),
    ("G00039", "Kebon Sirih Arah Utara", -6.182776, 106.8228, 0, "H00267S", "A-B-C", 1),
    ("G00040", "Kebon Sirih Arah Selatan", -6.184195, 106.823232, 0, "H00268S", "A-B-C", 1),
    ("G00045", "Harmoni", -6.162598, 106.819886, 0, "H00278P", "G-H-J", 0),
    ("G00048", "Harmoni", -6.162764, 106.819961, 0, "H00278P", "S-T-U", 0),
    ("G00051", "Sawah Besar", -6.157366, 106.818702, 0, "H00280P", "A-B-C", 2),
    ("G00053", "Mangga Besar", -6.153266, 106.817481, 0, "H00281P", "A-B-C", 2),
    ("G00054", "Taman Sari", -6.149291, 106.816732, 0, "H00133P", "A-B-C", 2),
    ("G00055", "Taman Sari", -6.149307, 106.816641, 0, "H00133P", "D-E-F", 2),
    ("G00057", "Glodok", -6.144448, 106.815417, 0, "H00068P", "D-E-F", 2),
    ("G00058", "Glodok", -6.144438, 106.815498, 0, "H00068P", "G-H-J", 2),
    ("G00060", "Kali Besar", -6.135355, 106.81143, 0, "H00093P", "A-B-C", 1),
    ("G00061", "Kota", -6.136827, 106.814876, 0, "H00275P", "A-B-C-D", 1),
    ("G00064", "Museum Sejarah Jakarta", -6.133882, 106.81214, 0, "H00132P", "A-B-C", 1),
    ("G00077", "Gerbang Pemuda Arah Barat", -6.213962, 106.808428, 0, "H00218S", "A-B-C", 0),
    ("G00080", "Gerbang Pemuda Arah Timur", -6.214159, 106.809044, 0, "H00219S", "A-B-C", 2),
    ("G00083", "Kejaksaan Agung", -6.24046, 106.798482, 0, "H00266P", "4A-4B-4C", 0),
    ("G00087", "CSW 2", -6.239917, 106.797801, 0, "H00264P", "2A-2B", 2),
    ("G00088", "CSW 2", -6.239853, 106.797838, 0, "H00264P", "2C-2D", 2),
    ("G00089", "CSW 1", -6.239869, 106.798364, 0, "H00041P", "1A-1B", 0),
    ("G00090", "CSW 1", -6.239869, 106.798482, 0, "H00041P", "1C-1D-1E", 0),
    ("G00091", "CSW 1", -6.239927, 106.798428, 0, "H00041P", "1F-1G", 0),
    ("G00275", "Underpass Kuningan", -6.234712, 106.829043, 0, "H00115P", "D-E-F", 2),
    ("G00276", "Underpass Kuningan", -6.234744, 106.82907, 0, "H00115P", "G-H-I", 2),
    ("G00278", "Patra Kuningan", -6.232675, 106.832042, 0, "H00154P", "A-B", 2),
    ("G00280", "Patra Kuningan", -6.232648, 106.832106, 0, "H00154P", "E-F", 2),
    ("G00282", "Kuningan", -6.228745, 106.833227, 0, "H00043P", "A-B-C", 2),
    ("G00284", "Kuningan", -6.228825, 106.833168, 0, "H00043P", "G-H-J", 2),
    ("G00286", "Rasuna Said", -6.221588, 106.832272, 0, "H00069P", "A-B-C", 2),
    ("G00288", "Rasuna Said", -6.221647, 106.832235, 0, "H00069P", "G-H-J", 2),
    ("G00290", "Karet Kuningan", -6.216719, 106.830738, 0, "H00098P", "A-B", 2),
    ("G00292", "Karet Kuningan", -6.216644, 106.830765, 0, "H00098P", "E-F", 2),
    ("G00294", "Kuningan Madya", -6.213466, 106.830459, 0, "H00114P", "A-B", 2),
    ("G00296", "Kuningan Madya", -6.213407, 106.830497, 0, "H00114P", "E-F", 2),
    ("G00298", "Setiabudi", -6.209141, 106.830255, 0, "H00215P", "A-B-C", 2),
    ("G00299", "Setiabudi", -6.209205, 106.830271, 0, "H00215P", "D-E-F", 2),
    ("G00300", "Setiabudi", -6.209221, 106.830212, 0, "H00215P", "G-H-J", 2),
    ("G00303", "Flyover Kuningan", -6.202779, 106.827655, 0, "H00118P", "A-B", 1),
    ("G00370", "Tanah Kusir", -6.256997, 106.781727, 0, "H00237P", "D-E-F", 2),
    ("G00372", "Bungur", -6.252688, 106.781668, 0, "H00102P", "D-E-F", 2),
    ("G00373", "Kebayoran", -6.238426, 106.783197, 0, "H00149P", "A-B-C", 1),
    ("G00376", "Kebayoran", -6.238363, 106.78327, 0, "H00149P", "G-H-J", 1),
    ("G00384", "Arteri", -6.218374, 106.77763, 0, "H00167P", "D-E-F", 2),
    ("G00421", "Simpang Kuningan", -6.237267, 106.827929, 0, "H00113P", "D-E-F", 1),
    ("G00426", "Denpasar Arah Barat", -6.233482, 106.822042, 0, "H00119S", "D-E-F", 2),
    ("G00428", "Denpasar Arah Timur", -6.232541, 106.821562, 0, "H00109S", "D-E-F", 2),
    ("G00431", "Semanggi", -6.220404, 106.813193, 0, "H00027C", "D-E-F", 2),
    ("G00434", "Kemanggisan Arah Selatan", -6.189783, 106.797265, 0, "H00224S", "A-B-C", 2),
    ("G00580", "Rawa Barat", -6.238912, 106.816194, 0, "H00192P", "A-B-C", 2),
    ("G00582", "Rawa Barat", -6.238957, 106.816241, 0, "H00192P", "J-K-L", 2),
    ("G00583", "Pasar Santa", -6.239168, 106.807773, 0, "H00249P", "A-B-C", 2),
    ("G00584", "Pasar Santa", -6.239238, 106.807773, 0, "H00249P", "J-K", 2),
    ("G00585", "Mayestik", -6.241883, 106.790748, 0, "H00130P", "A-B-C", 2),
    ("G00587", "Mayestik", -6.241938, 106.790765, 0, "H00130P", "J-K", 2),
    ("G00588", "Velbak", -6.239378, 106.785479, 0, "H00257P", "A-B-C", 2),
    ("G00591", "Velbak", -6.239378, 106.785583, 0, "H00257P", "D-E-F", 2),
    ("G00592", "Velbak", -6.239463, 106.785485, 0, "H00257P", "J-K-L", 2),
    ("G00593", "Kebayoran Lama", -6.238299, 106.777528, 0, "H00101P", "J-K-L", 2),
    ("G00594", "Kebayoran Lama", -6.238344, 106.777524, 0, "H00101P", "A-B", 2),
    ("G00595", "Seskoal", -6.238018, 106.771219, 0, "H00214P", "K-L", 2),
    ("G00596", "Seskoal", -6.238071, 106.771215, 0, "H00214P", "A-B", 2),
    ("G00597", "Cipulir", -6.237767, 106.765415, 0, "H00040P", "K-L", 2),
    ("G00598", "Cipulir", -6.237854, 106.76541, 0, "H00040P", "A-B", 2),
    ("G00599", "Swadarma ParagonCorp", -6.237505, 106.760657, 0, "H00234P", "A-B", 2),
    ("G00600", "Swadarma ParagonCorp", -6.237569, 106.760657, 0, "H00234P", "J-K", 2),
    ("G00601", "JORR", -6.236138, 106.754899, 0, "H00091P", "K-L", 2),
    ("G00602", "JORR", -6.236174, 106.754926, 0, "H00091P", "A-B", 2),
    ("G00603", "Petukangan D'MASIV", -6.23644, 106.747589, 0, "H00001P", "A-B", 1),
    ("G00604", "Petukangan D'MASIV", -6.236393, 106.7476, 0, "H00001P", "C-D-E", 1),
    ("G00605", "Petukangan D'MASIV", -6.236454, 106.747907, 0, "H00001P", "A-B", 1),
    ("G00607", "Puri Beta 1", -6.230596, 106.72602, 0, "H00189P", "A", 2),
    ("G00608", "Puri Beta 2", -6.23055, 106.723717, 0, "H00190P", "A-B", 2),
    ("G00610", "Puri Beta 2", -6.230513, 106.723679, 0, "H00190P", "E-F", 2),
    ("G00612", "CBD Ciledug", -6.223635, 106.70907, 0, "H00031P", "A-B", 1),
    ("G00613", "CBD Ciledug", -6.223631, 106.709014, 0, "H00031P", "C-D", 1),
    ("G00639", "Plaza St. Manggarai", -6.210225, 106.85099, 0, "H00271P", "A-B", 2),
    (
        "G00664",
        "Widya Chandra Telkomsel Arah Barat",
        -6.227453,
        106.817652,
        0,
        "H00137S",
        "A-B-C",
        2,
    ),
    (
        "G00666",
        "Widya Chandra Telkomsel Arah Timur",
        -6.226484,
        106.817397,
        0,
        "H00120S",
        "A-B-C",
        2,
    ),
    ("G00687", "Sawah Besar", -6.157375, 106.818645, 0, "H00280P", "D-E-F", 2),
    ("G00688", "Mangga Besar", -6.153256, 106.817543, 0, "H00281P", "D-E-F", 2),
    ("G00690", "Karet", -6.212352, 106.819981, 0, "H00099P", "D-E-F", 2),
    ("G00692", "Karet", -6.212511, 106.820052, 0, "H00099P", "K-L-M", 2),
    ("G00694", "Bundaran Senayan", -6.227941, 106.800905, 0, "H00023P", "D-E-F", 1),
    ("G00695", "Bundaran Senayan", -6.227847, 106.800843, 0, "H00023P", "G-H-J", 1),
    ("G00696", "Bundaran Senayan", -6.227766, 106.800954, 0, "H00023P", "G-H-J", 1),
    ("G00699", "Pasar Rumput", -6.207149, 106.8411, 0, "H00153P", "A-B-C", 1),
    ("G00700", "Pasar Rumput", -6.207067, 106.841128, 0, "H00153P", "D-E-F", 1),
    ("G00723", "Petamburan", -6.201845, 106.799995, 0, "H00036C", "A-B-C", 2),
    ("G00725", "Petamburan", -6.202101, 106.799893, 0, "H00036C", "G-H-J", 2),
    ("G00727", "Blok M Jalur 2", -6.243393, 106.802091, 0, "B06577P", "A", 2),
    ("G00728", "Blok M Jalur 2", -6.243393, 106.801996, 0, "B06577P", "B", 2),
    ("G00733", "Halimun", -6.205168, 106.833372, 0, "H00073P", "A-B-C", 1),
    ("G00747", "Bendungan Hilir", -6.217046, 106.815307, 0, "H00010P", "K-L-M", 2),
    ("G00751", "Monumen Nasional", -6.176358, 106.822928, 0, "H00131P", "G-H-J", 1),
    ("G00753", "Monumen Nasional", -6.176135, 106.822809, 0, "H00131P", "S-T-U", 1),
    ("G00754", "Velbak", -6.239452, 106.785586, 0, "H00257P", "H-I", 2),
    ("G00760", "CSW 1", -6.239927, 106.798428, 0, "H00041P", "1H-1J", 0),
    ("G00761", "CSW 1", -6.239927, 106.798428, 0, "H00041P", "1K-1L-1M", 0),
    ("G00762", "CSW 1", -6.239927, 106.798428, 0, "H00041P", "1N-1P", 0),
    ("P00017", "Blok M", -6.243312, 106.80175, 0, "H00014P", "", 2),
    ("P00257", "Timur St. Manggarai", -6.209763, 106.8511, 0, "H00272P", "", 2),
]

# trip template: route, service, headsign, direction, "stop_id offset_s" pairs from 05:00:00
TJ_TRIPS: dict[str, tuple[str, str, str, int, str]] = {
    "1-R07": (
        "1",
        "SH",
        "Kali Besar Barat",
        0,
        "P00017 0 G00012 226 G00009 362 G00696 671 G00016 867 G00017 1042 "
        "G00747 1249 G00690 1464 G00024 1694 G00027 1980 G00034 2095 G00038 2276 "
        "G00039 2448 G00753 2665 G00045 3125 G00687 3300 G00053 3443 G00055 3577 "
        "G00057 3744 G00060 4098",
    ),
    "1-R08": (
        "1",
        "SH",
        "Blok M",
        1,
        "G00060 0 G00064 79 G00061 297 G00058 575 G00054 739 G00688 878 "
        "G00051 1021 G00048 1202 G00751 1659 G00040 1913 G00036 2048 G00031 2222 "
        "G00030 2342 G00021 2622 G00692 2859 G00020 3077 G00018 3281 G00014 3461 "
        "G00694 3657 G00010 3956 G00083 4088 P00017 4265",
    ),
    "13-R01": (
        "13",
        "SH",
        "Tegal Mampang",
        0,
        "G00612 0 G00607 611 G00604 1333 G00601 1568 G00599 1778 G00597 1942 "
        "G00595 2129 G00593 2352 G00588 2610 G00585 2809 G00091 3084 G00583 3383 "
        "G00580 3651 G00007 4147",
    ),
    "13-R02": (
        "13",
        "SH",
        "Ciledug",
        1,
        "G00008 0 G00582 477 G00584 752 G00760 1051 G00587 1325 G00592 1521 "
        "G00594 1780 G00596 2003 G00598 2190 G00600 2352 G00602 2559 G00603 2797 "
        "G00613 4154",
    ),
    "1Q-R01": (
        "1Q",
        "SH",
        "Blok M",
        0,
        "B00238P 0 B03908P 160 B04795P 208 B03458P 287 B04279P 366 B05416P 445 "
        "B01037P 512 B05853P 642 B02117P 706 B02321P 795 B02742P 1122 B02759P 1271 "
        "B00926P 1363 B01465P 1489 B01822P 1552 B05781P 1627 B02746P 1848 B05454P 1924 "
        "B04954P 2092 B03052P 2348 B02392P 2451 B03170P 2533 B03171P 2602 G00088 2721 "
        "B06930P 2802 B06578P 2954",
    ),
    "1Q-R02": (
        "1Q",
        "SH",
        "Rempoa",
        1,
        "B06578P 0 B05623P 261 B01610P 587 G00087 815 B01998P 942 B03169P 1000 "
        "B02391P 1078 B04808P 1123 B05642P 1223 B02540P 1330 B07423P 1402 B01045P 1484 "
        "B00959P 1614 G00372 1778 G00370 1920 B02373P 2075 B02374P 2237 B07954P 2347 "
        "B07358P 2394 B07745P 2580 B02948P 2638 B02380P 2709 B01421P 2805 B02940P 3001 "
        "B01154P 3159 B00624P 3216 B00345P 3270 B03689P 3312 B03132P 3448 B00129P 3531 "
        "B01905P 3642 B01476P 3705 B00678P 3789 B00238P 3821",
    ),
    "6M-R02": (
        "6M",
        "SH",
        "Stasiun Manggarai",
        1,
        "G00727 0 G00012 227 G00009 364 G00695 669 G00015 867 G00431 1268 "
        "G00666 1506 G00428 1753 G00275 2057 G00278 2179 G00284 2314 G00288 2547 "
        "G00290 2716 G00294 2826 G00300 2966 G00303 3252 B07307P 3518 G00700 3732 "
        "G00003 3940 P00257 4201 G00639 4592",
    ),
    "6M-R05": (
        "6M",
        "SH",
        "Blok M",
        0,
        "G00639 0 G00006 158 G00699 797 G00733 1052 G00299 1316 G00296 1456 "
        "G00292 1565 G00286 1734 G00282 1967 G00280 2106 G00276 2231 G00426 2940 "
        "G00664 3179 G00014 3686 G00694 3882 G00010 4179 G00083 4311 G00728 4498",
    ),
    "6T-L02": (
        "6T",
        "SH",
        "Velbak dan Pasar Minggu via Jeruk Purut",
        0,
        "B03078P 0 B02470P 98 B00693P 155 B06649P 281 B00312P 444 B02146P 517 "
        "B03905P 584 B05804P 647 B06015P 731 B06725P 880 B06290P 943 B06726P 1078 "
        "B06016P 1177 B06017P 1331 B06018P 1392 B02781P 1492 B04924P 1553 B07361P 1714 "
        "B06019P 1886 B06020P 1922 B06021P 2106 B06728P 2254 B06729P 2377 B06730P 2554 "
        "B06731P 2648 B06732P 2741 B06733P 2848 B00342P 2957 B00245P 3091 B04790P 3114 "
        "B05484P 3259 B05426P 3339 B02631P 3435 B06734P 3582 B06735P 3724 B02391P 3894 "
        "B04808P 3938 B05641P 3997 B06736P 4095 B05228P 4205 B03052P 4377 B02392P 4480 "
        "B06737P 4587 B06738P 4668 B06739P 4732 B06740P 4827 B05635P 4950 B04156P 4990 "
        "B05425P 5070 B00695P 5177 B06741P 5330 B06742P 5423 B06743P 5663 B06744P 5808 "
        "B06745P 6036 B06746P 6113 B06022P 6241 B06024P 6434 B06025P 6472 B07362P 6641 "
        "B04925P 6795 B07323P 6855 B06026P 6951 B06027P 7022 B06028P 7171 B07363P 7324 "
        "B06291P 7423 B06749P 7474 B06029P 7599 B05265P 7684 B01881P 7763 B06031P 7827 "
        "B06633P 7951 B06648P 8401 B03078P 8646",
    ),
    "8D-R01": (
        "8D",
        "SH",
        "Joglo",
        0,
        "B06578P 0 B01437P 176 G00087 276 B03169P 450 B02391P 528 B04808P 573 "
        "B05641P 632 B01859P 763 B05837P 920 B00807P 1005 B00391P 1127 G00373 1309 "
        "B02616P 1413 B05731P 1624 B00599P 1661 B01241P 2119 B02752P 2242 B02753P 2292 "
        "B05532P 2416 B03978P 2524 B01600P 2580 B05861P 2662 B02749P 2715 B02368P 2828 "
        "B01597P 2904 B01439P 3001 B01636P 3108 B03565P 3255 B03011P 3373 B00617P 3450 "
        "B01374P 3570 B01781P 3692",
    ),
    "8D-R02": (
        "8D",
        "SH",
        "Blok M",
        1,
        "B01781P 0 B00618P 97 B00512P 247 B00556P 314 B01313P 436 B01315P 483 "
        "B01179P 558 B01598P 675 B01216P 742 B02750P 837 B02802P 914 B01246P 1001 "
        "B02813P 1108 G00384 1280 B01235P 1419 B00104P 1854 B00058P 1962 B04954P 2166 "
        "B03052P 2422 B02392P 2525 B03170P 2607 B03171P 2676 B00954P 2756 B06930P 2875 "
        "B06578P 3198",
    ),
    "8E-R01": (
        "8E",
        "SH",
        "Blok M",
        0,
        "B00144P 0 B00145P 50 B02766P 122 B07753P 271 B02744P 306 B00951P 360 "
        "B05358P 454 B05248P 523 B00688P 596 B02303P 651 B01103P 699 B02010P 739 "
        "B02008P 900 B01088P 936 B02117P 1012 B02321P 1101 B02742P 1428 B02759P 1577 "
        "B00926P 1669 B01465P 1795 B01822P 1858 B05781P 1933 B02746P 2154 B05454P 2230 "
        "G00376 2451 B01860P 2526 B05228P 2669 B03052P 2840 B02392P 2943 B03170P 3025 "
        "B03171P 3094 G00088 3212 B06930P 3293 B06578P 3446",
    ),
    "8E-R03": (
        "8E",
        "SH",
        "Bintaro",
        1,
        "B06578P 0 G00083 264 B05623P 352 B02860P 755 B04668P 883 B03169P 1052 "
        "B02391P 1130 B04808P 1176 B05642P 1274 B02540P 1381 B07423P 1453 B01045P 1535 "
        "B00959P 1665 G00372 1830 G00370 1972 B02373P 2126 B02374P 2288 B07954P 2398 "
        "B07358P 2445 B07745P 2631 B02948P 2689 B02380P 2760 B01421P 2856 B02940P 3052 "
        "B01154P 3210 B00624P 3267 B03292P 3308 B00146P 3366 B05833P 3432 B00349P 3481 "
        "B02009P 3629 B03652P 3678 B00147P 3730 B04947P 3775 B05249P 3843 B05403P 3928 "
        "B00003P 4000 B02743P 4057 B07752P 4092 B07316P 4272 B07317P 4330 B07319P 4421 "
        "B07318P 4514 B00144P 4588",
    ),
    "S21-R05": (
        "S21",
        "SH",
        "Kejaksaan Agung",
        0,
        "B08052P 0 B02945P 250 B05291P 712 B00098P 862 B03032P 1149 B02903P 1263 "
        "B01481P 1343 B01811P 1376 B01715P 1460 B01433P 1680 B02052P 1822 B05820P 1876 "
        "B01558P 1956 B04671P 2294 B02484P 2416 B03069P 2517 B07311P 2625 B01785P 2828 "
        "B04224P 2951 B06987P 3282 B02435P 3548 B03076P 3672 B02217P 3778 B00332P 3837 "
        "B02265P 3898 B00087P 3953 B01916P 4032 B05905P 4098 B05904P 4159 B02161P 4219 "
        "B00053P 4285 B01977P 4395 B05574P 4509 B00778P 4675 B02406P 4780 B01437P 5068 "
        "B06930P 5186",
    ),
    "S21-R06": (
        "S21",
        "SH",
        "Ciputat",
        1,
        "B06930P 0 B05623P 55 B05485P 135 B04132P 242 B02096P 365 B00052P 513 "
        "B02162P 584 B01304P 637 B00503P 713 B05534P 777 B01151P 848 B05375P 911 "
        "B01094P 978 B02218P 1035 B07329P 1138 B02925P 1298 B06986P 1523 B02926P 1848 "
        "B01790P 1954 B02895P 2071 B08051P 2147 B01559P 2526 B05821P 2602 B02053P 2674 "
        "B05233P 2850 B01808P 3027 B01812P 3111 B02904P 3220 B03033P 3329 B02600P 3622 "
        "B02919P 3810 B08053P 4160 B08052P 4386",
    ),
    "T31-R03": (
        "T31",
        "SH",
        "Blok M",
        0,
        "B08123P 0 B08124P 207 B08125P 668 B08126P 1036 B08127P 1314 B08128P 1474 "
        "B08129P 1799 B08130P 1962 B08131P 2195 B08184P 2631 B06040P 3419 B00377P 4084 "
        "B02832P 4282 G00434 8271 G00723 8666 G00080 9149 G00014 9702 G00010 10185 "
        "G00083 10317 B08117P 10501",
    ),
    "T31-R04": (
        "T31",
        "SH",
        "PIK 2",
        1,
        "B08117P 0 G00012 243 G00009 379 G00015 871 G00077 1296 G00725 1759 "
        "B00197P 6290 B06047P 6469 B06048P 6824 B08185P 7333 B08132P 7748 B08133P 8401 "
        "B08134P 8864 B08135P 9935 B08123P 10130",
    ),
    "L13E-R03": (
        "L13E",
        "HK",
        "Flyover Kuningan (Express)",
        0,
        "G00610 0 G00607 126 G00605 858 G00591 2078 G00089 2552 G00421 3741 "
        "G00278 3989 G00284 4123 G00288 4356 G00290 4525 G00294 4635 G00300 4775 "
        "G00303 5061",
    ),
    "L13E-R11": (
        "L13E",
        "HK",
        "Puri Beta (Express)",
        1,
        "G00303 0 G00298 557 G00296 699 G00292 808 G00286 977 G00282 1210 "
        "G00280 1349 G00276 1475 G00008 1873 G00762 2898 G00754 3357 G00603 4588 "
        "G00608 5386",
    ),
    "JAK.31-R01": (
        "JAK.31",
        "SH",
        "Andara",
        0,
        "B06579P 0 B00178P 59 B01438P 140 B05623P 284 B05485P 365 B05625P 464 "
        "B05298P 509 B05220P 583 B05636P 696 B00695P 823 B03472P 972 B06989P 1038 "
        "B03355P 1084 B04946P 1170 B00539P 1216 B04784P 1319 B04828P 1378 B04110P 1440 "
        "B01563P 1472 B03711P 1525 B04829P 1573 B04692P 1643 B00958P 1738 B02228P 1819 "
        "B04744P 1886 B04742P 1965 B03354P 2025 B00627P 2070 B04028P 2114 B00404P 2203 "
        "B04770P 2251 B05388P 2320 B01072P 2384 B05753P 2488 B02803P 2541 B00848P 2583 "
        "B00849P 2708 B02773P 2743 B05917P 2808 B04766P 2887 B00252P 2926 B01775P 3114 "
        "B05183P 3249 B02065P 3372 B00933P 3452 B00123P 3590 B02025P 3654 B04382P 3719 "
        "B03928P 3788 B02346P 3844 B03817P 3878 B05072P 3954 B01493P 4040 B04792P 4130 "
        "B03441P 4222 B05741P 4320 B00042P 4379 B01147P 5103",
    ),
    "JAK.31-R02": (
        "JAK.31",
        "SH",
        "Blok M",
        1,
        "B01147P 0 B00043P 466 B03416P 521 B00017P 619 B05584P 721 B05394P 766 "
        "B02668P 818 B01106P 873 B00684P 968 B01494P 1098 B04065P 1138 B01937P 1193 "
        "B04624P 1261 B03962P 1314 B03457P 1393 B03653P 1531 B03981P 1610 B05210P 1725 "
        "B00347P 1787 B00253P 2002 B04767P 2093 B04595P 2185 B04838P 2242 B03632P 2279 "
        "B03631P 2390 B04196P 2451 B04554P 2516 B03700P 2599 B04807P 2722 B04771P 2839 "
        "B00569P 2939 B02249P 2985 B03585P 3028 B04332P 3066 B04709P 3121 B04743P 3225 "
        "B04017P 3277 B03663P 3353 B04839P 3436 B04830P 3529 B01109P 3577 B03833P 3625 "
        "B02506P 3665 B03575P 3759 B02241P 3858 B03190P 3916 B00342P 3999 B00245P 4133 "
        "B04791P 4188 B00299P 4327 B05033P 4547 B03788P 4693 B00778P 4762 B02406P 4865 "
        "B00178P 5028 B01438P 5109 B06579P 5348",
    ),
}


# ---------------------------------------------------------------------------------------------
# Writers
# ---------------------------------------------------------------------------------------------


def hms(seconds: int) -> str:
    """Format seconds since midnight as GTFS HH:MM:SS (hours may exceed 23)."""
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


#: The stop_times.txt columns both feeds write.
STOP_TIMES_COLUMNS = [
    "trip_id", "arrival_time", "departure_time", "stop_id", "stop_sequence", "pickup_type",
    "drop_off_type", "timepoint",
]


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    """Write one GTFS table (UTF-8, no BOM, LF line ends); return the number of rows."""
    count = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def mrt_departures(weekday: bool) -> list[int]:
    """Departure times (s) from a terminus: every 5 min in weekday peaks, else every 10 min."""
    times, t = [], MRT_FIRST_DEP
    while t <= MRT_LAST_DEP:
        times.append(t)
        peak = weekday and any(a <= t < b for a, b in MRT_PEAKS)
        t += MRT_HEADWAY_PEAK_S if peak else MRT_HEADWAY_OFFPEAK_S
    return times


def write_mrt(out: Path) -> dict[str, int]:
    """Write the MRT Jakarta feed into ``out``; return row counts per file."""
    out.mkdir(parents=True, exist_ok=True)
    n: dict[str, int] = {}
    n["agency"] = write_csv(
        out / "agency.txt",
        ["agency_id", "agency_name", "agency_url", "agency_timezone", "agency_lang"],
        [["MRTJ", "PT MRT Jakarta", "https://jakartamrt.co.id", "Asia/Jakarta", "id"]],
    )
    n["routes"] = write_csv(
        out / "routes.txt",
        [
            "route_id",
            "agency_id",
            "route_short_name",
            "route_long_name",
            "route_desc",
            "route_type",
            "route_color",
            "route_text_color",
        ],
        [
            [
                "MRTJ_NS",
                "MRTJ",
                "NS",
                "North-South Line",
                "Lin Utara-Selatan Lebak Bulus - Bundaran HI",
                1,
                "CA1F47",
                "FFFFFF",
            ]
        ],
    )
    stops: list[list[object]] = []
    for code, public, name, lat, lon in MRT_STATIONS:
        station = f"S{code}"
        stops.append([station, public, f"Stasiun MRT {name}", lat, lon, "", 1, "", "", 1])
        # Platform 1 serves trains to Lebak Bulus, platform 2 trains to Bundaran HI.
        for plat, towards in (("1", "Lebak Bulus"), ("2", "Bundaran HI")):
            stops.append(
                [
                    f"G{code}0{plat}",
                    "",
                    f"Stasiun MRT {name} (arah {towards})",
                    lat,
                    lon,
                    code,
                    0,
                    station,
                    plat,
                    1,
                ]
            )
        for i, (label, elat, elon) in enumerate(MRT_ENTRANCES.get(code, []), start=1):
            lift = label.startswith("Lift")
            ename = f"Stasiun MRT {name} {label if lift else 'Akses ' + label}"
            stops.append(
                [f"E{code}{i:02d}", "", ename, elat, elon, "", 2, station, "", 1 if lift else 2]
            )
    n["stops"] = write_csv(
        out / "stops.txt",
        [
            "stop_id",
            "stop_code",
            "stop_name",
            "stop_lat",
            "stop_lon",
            "zone_id",
            "location_type",
            "parent_station",
            "platform_code",
            "wheelchair_boarding",
        ],
        stops,
    )
    n["calendar"] = write_csv(
        out / "calendar.txt",
        [
            "service_id",
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
            "start_date",
            "end_date",
        ],
        [
            ["WD", 1, 1, 1, 1, 1, 0, 0, START_DATE, END_DATE],
            ["WE", 0, 0, 0, 0, 0, 1, 1, START_DATE, END_DATE],
        ],
    )
    codes = [s[0] for s in MRT_STATIONS]
    trips: list[list[object]] = []
    times: list[list[object]] = []
    for service in ("WD", "WE"):
        for direction in (0, 1):  # 0 northbound to Bundaran HI, 1 southbound to Lebak Bulus
            order = codes if direction == 0 else codes[::-1]
            runs = MRT_RUN_NORTH if direction == 0 else MRT_RUN_SOUTH[::-1]
            headsign = "Bundaran HI" if direction == 0 else "Lebak Bulus"
            plat = "02" if direction == 0 else "01"
            for dep0 in mrt_departures(service == "WD"):
                trip_id = f"NS-{service}-{order[0]}-{order[-1]}-{hms(dep0)[:5].replace(':', '')}"
                trips.append(
                    [trip_id, "MRTJ_NS", service, headsign, direction, f"NS_{direction}", 1]
                )
                t = dep0
                for seq, code in enumerate(order):
                    if seq > 0:
                        t += runs[seq - 1]
                    last = seq == len(order) - 1
                    dep = t if seq == 0 or last else t + MRT_DWELL_S
                    times.append(
                        [
                            trip_id,
                            hms(t),
                            hms(dep),
                            f"G{code}{plat}",
                            seq,
                            1 if last else 0,
                            1 if seq == 0 else 0,
                            1,
                        ]
                    )
                    t = dep
    n["trips"] = write_csv(
        out / "trips.txt",
        [
            "trip_id",
            "route_id",
            "service_id",
            "trip_headsign",
            "direction_id",
            "shape_id",
            "wheelchair_accessible",
        ],
        trips,
    )
    n["stop_times"] = write_csv(out / "stop_times.txt", STOP_TIMES_COLUMNS, times)
    by_code = {s[0]: (s[3], s[4]) for s in MRT_STATIONS}
    shapes = []
    for direction in (0, 1):
        order = codes if direction == 0 else codes[::-1]
        for seq, code in enumerate(order):
            shapes.append([f"NS_{direction}", by_code[code][0], by_code[code][1], seq])
    n["shapes"] = write_csv(
        out / "shapes.txt",
        ["shape_id", "shape_pt_lat", "shape_pt_lon", "shape_pt_sequence"],
        shapes,
    )
    prices = sorted({p for row in MRT_FARES_K for p in row if p})
    n["fare_attributes"] = write_csv(
        out / "fare_attributes.txt",
        ["fare_id", "price", "currency_type", "payment_method", "transfers", "agency_id"],
        [[f"MRTJ_{p * 1000}", p * 1000, "IDR", 1, 0, "MRTJ"] for p in prices],
    )
    rules = []
    for i, a in enumerate(codes):
        for j, b in enumerate(codes):
            if i != j:
                assert MRT_FARES_K[i][j] == MRT_FARES_K[j][i], (a, b)
                rules.append([f"MRTJ_{MRT_FARES_K[i][j] * 1000}", "MRTJ_NS", a, b])
    n["fare_rules"] = write_csv(
        out / "fare_rules.txt", ["fare_id", "route_id", "origin_id", "destination_id"], rules
    )
    n["feed_info"] = write_feed_info(out, "Menuju bundled MRT Jakarta feed (from public facts)")
    return n


def write_feed_info(out: Path, version: str) -> int:
    """Write feed_info.txt naming us as publisher of these hand-made files."""
    return write_csv(
        out / "feed_info.txt",
        [
            "feed_publisher_name",
            "feed_publisher_url",
            "feed_lang",
            "feed_start_date",
            "feed_end_date",
            "feed_version",
        ],
        [["Menuju", "https://github.com/menuju/menuju", "id", START_DATE, END_DATE, version]],
    )


def write_tj(out: Path) -> dict[str, int]:
    """Write the TransJakarta feed into ``out``; return row counts per file."""
    out.mkdir(parents=True, exist_ok=True)
    n: dict[str, int] = {}
    n["agency"] = write_csv(
        out / "agency.txt",
        [
            "agency_id",
            "agency_name",
            "agency_url",
            "agency_timezone",
            "agency_lang",
            "agency_phone",
        ],
        [
            [
                "Tije",
                "PT Transportasi Jakarta",
                "https://transjakarta.co.id/",
                "Asia/Jakarta",
                "id",
                "1500102",
            ]
        ],
    )
    n["routes"] = write_csv(
        out / "routes.txt",
        [
            "route_id",
            "agency_id",
            "route_short_name",
            "route_long_name",
            "route_desc",
            "route_type",
            "route_color",
            "route_text_color",
        ],
        [
            [rid, "Tije", short, long, desc, 3, color, text]
            for rid, (short, long, desc, color, text, _) in TJ_ROUTES.items()
        ],
    )
    n["stops"] = write_csv(
        out / "stops.txt",
        [
            "stop_id",
            "stop_name",
            "stop_lat",
            "stop_lon",
            "location_type",
            "parent_station",
            "platform_code",
            "wheelchair_boarding",
        ],
        [list(s) for s in TJ_STOPS],
    )
    n["calendar"] = write_csv(
        out / "calendar.txt",
        [
            "service_id",
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
            "start_date",
            "end_date",
        ],
        [[sid, *days, START_DATE, END_DATE] for sid, days in TJ_SERVICES.items()],
    )
    n["calendar_dates"] = write_csv(
        out / "calendar_dates.txt",
        ["service_id", "date", "exception_type"],
        [row for d in TJ_HOLIDAYS for row in (["HK", d, 2], ["HL", d, 1])],
    )
    coords = {s[0]: (s[2], s[3]) for s in TJ_STOPS}
    trips, times, shapes = [], [], []
    for trip_id, (route_id, service, headsign, direction, pattern) in TJ_TRIPS.items():
        trips.append([trip_id, route_id, service, headsign, direction, f"{trip_id}_shp"])
        tokens = pattern.split()
        pairs = list(zip(tokens[::2], (int(x) for x in tokens[1::2]), strict=True))
        for seq, (stop_id, offset) in enumerate(pairs):
            last = seq == len(pairs) - 1
            arr = 5 * 3600 + offset
            dep = arr if last else arr + TJ_DWELL_S
            shapes.append([f"{trip_id}_shp", *coords[stop_id], seq])
            times.append(
                [
                    trip_id,
                    hms(arr),
                    hms(dep),
                    stop_id,
                    seq,
                    1 if last else 0,
                    1 if seq == 0 else 0,
                    0,
                ]
            )
    n["trips"] = write_csv(
        out / "trips.txt",
        ["trip_id", "route_id", "service_id", "trip_headsign", "direction_id", "shape_id"],
        trips,
    )
    n["stop_times"] = write_csv(out / "stop_times.txt", STOP_TIMES_COLUMNS, times)
    # Shapes are straight lines between the stops (the official shapes.txt is not public here).
    n["shapes"] = write_csv(
        out / "shapes.txt",
        ["shape_id", "shape_pt_lat", "shape_pt_lon", "shape_pt_sequence"],
        shapes,
    )
    n["frequencies"] = write_csv(
        out / "frequencies.txt",
        ["trip_id", "start_time", "end_time", "headway_secs", "exact_times"],
        [[tid, a, b, h, 0] for tid, windows in TJ_FREQUENCIES.items() for a, b, h in windows],
    )
    n["fare_attributes"] = write_csv(
        out / "fare_attributes.txt",
        [
            "fare_id",
            "price",
            "currency_type",
            "payment_method",
            "transfers",
            "agency_id",
            "transfer_duration",
        ],
        [
            [fid, price, "IDR", 0, transfers, "Tije", dur]
            for fid, (price, transfers, dur) in TJ_FARES.items()
        ],
    )
    n["fare_rules"] = write_csv(
        out / "fare_rules.txt",
        ["fare_id", "route_id"],
        [[r[5], rid] for rid, r in TJ_ROUTES.items()],
    )
    n["transfers"] = write_csv(
        out / "transfers.txt",
        ["from_stop_id", "to_stop_id", "transfer_type"],
        [row for a, b in TJ_TRANSFERS for row in ([a, b, 0], [b, a, 0])],
    )
    n.update(write_tj_fares_v2(out))
    n["feed_info"] = write_feed_info(out, "Menuju bundled TransJakarta extract (from public facts)")
    return n


def write_tj_fares_v2(out: Path) -> dict[str, int]:
    """Write TransJakarta's GTFS-Fares v2 files into ``out``; return row counts per file."""
    n: dict[str, int] = {}
    n["fare_media"] = write_csv(
        out / "fare_media.txt",
        ["fare_media_id", "fare_media_name", "fare_media_type"],
        [["KARTU", "Kartu JakLingko / uang elektronik", 2]],
    )
    n["fare_products"] = write_csv(
        out / "fare_products.txt",
        ["fare_product_id", "fare_product_name", "amount", "currency", "fare_media_id"],
        [[pid, name, amount, "IDR", "KARTU"] for pid, (name, amount) in TJ_PRODUCTS.items()],
    )
    n["timeframes"] = write_csv(
        out / "timeframes.txt",
        ["timeframe_group_id", "start_time", "end_time", "service_id"],
        [["PAGI", *TJ_MORNING, "SH"]],
    )
    n["networks"] = write_csv(
        out / "networks.txt",
        ["network_id", "network_name"],
        [[nid, name] for nid, (name, _, _) in TJ_NETWORKS.items()],
    )
    n["route_networks"] = write_csv(
        out / "route_networks.txt",
        ["network_id", "route_id"],
        [[TJ_NETWORK_OF_FARE[r[5]], rid] for rid, r in TJ_ROUTES.items()],
    )
    legs = []
    for nid, (_, group, _) in TJ_NETWORKS.items():
        if nid == "MIKROTRANS":
            legs.append([group, nid, "", "MIKROTRANS_GRATIS", 0])
        else:
            legs += [[group, nid, "", "TJ_REGULER", 0], [group, nid, "PAGI", "TJ_PAGI", 1]]
    n["fare_leg_rules"] = write_csv(
        out / "fare_leg_rules.txt",
        ["leg_group_id", "network_id", "from_timeframe_group_id", "fare_product_id",
         "rule_priority"],
        legs,
    )
    n["fare_transfer_rules"] = write_csv(
        out / "fare_transfer_rules.txt",
        ["from_leg_group_id", "to_leg_group_id", "transfer_count", "duration_limit",
         "duration_limit_type", "fare_transfer_type"],
        [[group, group, count, 10800, 1, 0]
         for nid, (_, group, count) in TJ_NETWORKS.items() if nid != "MIKROTRANS"],
    )
    return n


def main(argv: Sequence[str] = ()) -> None:
    """Write both feeds under ``argv[0]`` (default: the repository's data/gtfs)."""
    root = Path(argv[0]) if argv else ROOT / "data" / "gtfs"
    for name, writer in (("mrt-jakarta", write_mrt), ("transjakarta", write_tj)):
        counts = writer(root / name)
        print(name, ", ".join(f"{k} {v}" for k, v in counts.items()))


if __name__ == "__main__":
    main(sys.argv[1:])
