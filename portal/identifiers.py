"""Checksums of Romanian identification numbers: CNP for persons, CUI/CIF for companies and institutions."""

from __future__ import annotations

import re
from datetime import date

__all__ = ["is_valid_cnp", "is_valid_cui"]

_CNP = re.compile(r"[0-9]{13}")
_CNP_WEIGHTS = (2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9)
# Sex-and-century digit -> the centuries the birth date may fall in. 7 and 8 are foreign residents and 9 foreigners:
# their first digit carries no century, so the date only has to exist in the 1900s or the 2000s.
_CENTURIES: dict[str, tuple[int, ...]] = {
    "1": (1900,),
    "2": (1900,),
    "3": (1800,),
    "4": (1800,),
    "5": (2000,),
    "6": (2000,),
    "7": (1900, 2000),
    "8": (1900, 2000),
    "9": (1900, 2000),
}

_CUI = re.compile(r"(?:RO)?([0-9]{2,10})", re.IGNORECASE)
_CUI_KEY = (7, 5, 3, 2, 1, 7, 5, 3, 2)


def _is_date(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def is_valid_cnp(value: str) -> bool:
    """Whether ``value`` is a well-formed CNP (cod numeric personal): 13 digits, a first digit 1–9, a birth date
    (digits 2–7, YYMMDD) that exists in the century the first digit gives, and a correct control digit.

    The control digit is the weighted sum of the first 12 digits (weights 279146358279) modulo 11, 10 counting as 1.
    The county code and serial number are not checked. ``value`` must be the bare digits: callers strip spaces.
    """
    if not _CNP.fullmatch(value):
        return False
    centuries = _CENTURIES.get(value[0])
    if centuries is None:
        return False
    yy, month, day = int(value[1:3]), int(value[3:5]), int(value[5:7])
    if not any(_is_date(century + yy, month, day) for century in centuries):
        return False
    control = sum(int(digit) * weight for digit, weight in zip(value[:12], _CNP_WEIGHTS, strict=True)) % 11
    return (1 if control == 10 else control) == int(value[12])


def is_valid_cui(value: str) -> bool:
    """Whether ``value`` is a well-formed CUI/CIF (cod unic de înregistrare): 2–10 digits, optionally prefixed by "RO"
    (any case, no space, as printed by VAT payers), with a correct control digit.

    The control digit is the weighted sum of the other digits, right-aligned against the key 753217532, times 10,
    modulo 11, 10 counting as 0.
    """
    match = _CUI.fullmatch(value)
    if match is None:
        return False
    digits = match.group(1)
    body = digits[:-1].rjust(len(_CUI_KEY), "0")
    control = sum(int(digit) * weight for digit, weight in zip(body, _CUI_KEY, strict=True)) * 10 % 11
    return (0 if control == 10 else control) == int(digits[-1])
