"""The public map of investments, drawn on the server as an SVG: no tiles, no script, no third party.

Each point is projected equirectangularly over the bounding box of the points shown (longitudes shrunk by the
cosine of the middle latitude, so that a kilometre east is as long as a kilometre north), with a margin around it.
A single point sits in the middle; no point at all draws an empty frame."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

WIDTH = 800
HEIGHT = 500
MARGIN = 40
# Below this span (in degrees, about 100 m) the points are drawn as if they were one place, magnified no further.
MIN_SPAN = 0.001


@dataclass(frozen=True)
class MapPoint:
    number: int
    x: float
    y: float
    item: object


def project(
    coordinates: Sequence[tuple[Decimal | float, Decimal | float]],
    *,
    width: int = WIDTH,
    height: int = HEIGHT,
    margin: int = MARGIN,
) -> list[tuple[float, float]]:
    """(x, y) in the SVG box for each (latitude, longitude), in the order given; north is up."""
    if not coordinates:
        return []
    lats = [float(lat) for lat, _lon in coordinates]
    lons = [float(lon) for _lat, lon in coordinates]
    middle_lat = (min(lats) + max(lats)) / 2
    shrink = max(math.cos(math.radians(middle_lat)), 0.01)
    xs = [lon * shrink for lon in lons]
    span_x = max(max(xs) - min(xs), MIN_SPAN)
    span_y = max(max(lats) - min(lats), MIN_SPAN)
    inner_width = width - 2 * margin
    inner_height = height - 2 * margin
    scale = min(inner_width / span_x, inner_height / span_y)
    # Centre the drawing in the box whichever side is the tighter.
    centre_x = (min(xs) + max(xs)) / 2
    centre_y = (min(lats) + max(lats)) / 2
    return [
        (round(width / 2 + (x - centre_x) * scale, 1), round(height / 2 - (lat - centre_y) * scale, 1))
        for x, lat in zip(xs, lats, strict=True)
    ]


def map_points(items: Sequence[object], *, width: int = WIDTH, height: int = HEIGHT) -> list[MapPoint]:
    """The items that have a latitude and a longitude, numbered from 1 in the order given, with their place."""
    located = [item for item in items if item.latitude is not None and item.longitude is not None]
    places = project([(item.latitude, item.longitude) for item in located], width=width, height=height)
    return [
        MapPoint(number=number, x=x, y=y, item=item)
        for number, (item, (x, y)) in enumerate(zip(located, places, strict=True), start=1)
    ]


def openstreetmap_url(latitude, longitude, zoom: int = 16) -> str:
    """The point on openstreetmap.org, with its marker."""
    lat = f"{Decimal(str(latitude)):f}"
    lon = f"{Decimal(str(longitude)):f}"
    return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map={zoom}/{lat}/{lon}"
