"""Query -> journeys: places, the planner, journey reconstruction, venue profiles,
departures and stop search."""
