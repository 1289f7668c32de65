"""The identifiers of a property in the Romanian cadastre, checked as such: pure, no Django.

A cadastral number (număr cadastral) is the number of a parcel in the integrated cadastre and land-book system
(ANCPI), optionally with the part it names: a building `-C1`, a unit in it `-C1-U2`. Since 2010 the land-book number
(număr de carte funciară) of a parcel is usually the same number; older land books carry their own number, sometimes
with the locality's old top. number. Both are digits, at most 9 of them."""

import re

CADASTRAL = re.compile(r"^(\d{1,9})(-C\d{1,3}(-U\d{1,4})?)?$")
LAND_BOOK = re.compile(r"^\d{1,9}$")


def normalise(value: str) -> str:
    """Spaces, a leading "nr." and lower-case letters as people type them: "nr. 50123 - c1" → "50123-C1"."""
    text = value.strip().upper()
    text = re.sub(r"^(NR\.?|NUMĂR|NUMAR)\s*", "", text)
    return re.sub(r"\s+", "", text)


def is_cadastral_number(value: str) -> bool:
    match = CADASTRAL.match(normalise(value))
    return match is not None and int(match.group(1)) > 0


def is_land_book_number(value: str) -> bool:
    text = normalise(value)
    return bool(LAND_BOOK.match(text)) and int(text) > 0
