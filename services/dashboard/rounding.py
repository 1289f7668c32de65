"""The one rounding of the indicators' figures, shared by the page, its chart and the CSV: half up, as people do."""

from decimal import ROUND_HALF_UP, Decimal


def round_half_up(value: float | Decimal | None, places: int = 1) -> Decimal | None:
    """`value` rounded to `places` decimals, halves away from zero (87.85 → 87.9); None stays None.

    Through `repr`, a float is rounded as it is written, not as its binary approximation (87.85 is 87.8499… in binary).
    """
    if value is None:
        return None
    exact = value if isinstance(value, Decimal) else Decimal(repr(value))
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
