"""The GTFS-Fares v2 files the loader reads (GTFS reference, "Fares"): required columns, id
columns rewritten to ``feed:id``, and number columns. Kept apart from :mod:`routing.data.gtfs`
so that module stays about reading; :mod:`routing.data.fares_v2` interprets the tables."""

from __future__ import annotations

__all__ = ["V2_COLUMNS", "V2_IDS", "V2_NUMBERS", "V2_TABLES"]

#: Required columns of each v2 file (a missing file reads as absent).
V2_COLUMNS: dict[str, tuple[str, ...]] = {
    "fare_media": ("fare_media_id", "fare_media_type"),
    "fare_products": ("fare_product_id", "amount", "currency"),
    "fare_leg_rules": ("fare_product_id",),
    "fare_transfer_rules": ("fare_transfer_type",),
    "timeframes": ("timeframe_group_id", "service_id"),
    "rider_categories": ("rider_category_id", "rider_category_name"),
    "areas": ("area_id",),
    "stop_areas": ("area_id", "stop_id"),
    "networks": ("network_id",),
    "route_networks": ("network_id", "route_id"),
}

#: Id columns qualified as ``feed:id`` (so two feeds' products never collide).
V2_IDS: dict[str, tuple[str, ...]] = {
    "fare_media": ("fare_media_id",),
    "fare_products": ("fare_product_id", "fare_media_id", "rider_category_id"),
    "fare_leg_rules": ("leg_group_id", "network_id", "from_area_id", "to_area_id",
                       "from_timeframe_group_id", "to_timeframe_group_id", "fare_product_id"),
    "fare_transfer_rules": ("from_leg_group_id", "to_leg_group_id", "fare_product_id"),
    "timeframes": ("timeframe_group_id", "service_id"),
    "rider_categories": ("rider_category_id",),
    "areas": ("area_id",),
    "stop_areas": ("area_id", "stop_id"),
    "networks": ("network_id",),
    "route_networks": ("network_id", "route_id"),
}

#: Number columns (everything else is text); a non-number there is a FeedError.
V2_NUMBERS: dict[str, dict[str, str]] = {
    "fare_media": {"fare_media_type": "Int32"},
    "fare_products": {"amount": "float"},
    "fare_leg_rules": {"rule_priority": "Int32"},
    "fare_transfer_rules": {"transfer_count": "Int32", "duration_limit": "Int32",
                            "duration_limit_type": "Int32", "fare_transfer_type": "Int32"},
    "rider_categories": {"is_default_fare_category": "Int32"},
}

#: The v2 tables, in reading order.
V2_TABLES = tuple(V2_COLUMNS)
