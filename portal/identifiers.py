"""Checks of Romanian identification numbers: CNP for persons, CUI/CIF for companies and institutions.

The checksums, birth dates and county codes are python-stdnum's (`stdnum.ro.cnp`, `stdnum.ro.cui`). stdnum's own
`compact()` forgives what a person types (spaces, hyphens, surrounding whitespace, lower case); the portal's callers
hand over bare values (forms strip and normalise them first, claims from ROeID come as they are stored), so the format
is checked here first, strictly, and a value with a space, a hyphen, a newline or non-ASCII digits is refused rather
than silently compacted into a different string than the one that would be saved.
"""

from __future__ import annotations

import re

from stdnum.exceptions import InvalidComponent
from stdnum.ro import cnp as stdnum_cnp
from stdnum.ro import cui as stdnum_cui

__all__ = ["is_valid_cnp", "is_valid_cui"]

_CNP = re.compile(r"[0-9]{13}")
_CUI = re.compile(r"(?:RO)?[0-9]{2,10}", re.IGNORECASE)
# First digits that carry no century (7 and 8: foreign residents, 9: foreigners).
_NO_CENTURY = frozenset("789")


def is_valid_cnp(value: str) -> bool:
    """Whether ``value`` is a well-formed CNP (cod numeric personal): exactly 13 ASCII digits, a first digit 1–9, a
    birth date (digits 2–7, YYMMDD) that exists, a known county code (digits 8–9) and a correct control digit.

    stdnum places the birth date of a first digit 7, 8 or 9 in the 1900s; those digits carry no century, so a
    resident born on 29 February 2000 (which 1900 lacks) is accepted when everything else stdnum checks is right.
    """
    if not _CNP.fullmatch(value):
        return False
    try:
        stdnum_cnp.validate(value)
    except InvalidComponent:
        return value[0] in _NO_CENTURY and value[1:7] == "000229" and _valid_apart_from_the_date(value)
    except ValueError:  # stdnum's ValidationError is a ValueError
        return False
    return True


def _valid_apart_from_the_date(value: str) -> bool:
    try:
        stdnum_cnp.get_county(value)
    except InvalidComponent:
        return False
    return bool(stdnum_cnp.calc_check_digit(value[:-1]) == value[-1])


def is_valid_cui(value: str) -> bool:
    """Whether ``value`` is a well-formed CUI/CIF (cod unic de înregistrare): 2–10 ASCII digits, the first not 0,
    optionally prefixed by "RO" (any case, no space, as printed by VAT payers), with a correct control digit."""
    if not _CUI.fullmatch(value):
        return False
    return bool(stdnum_cui.is_valid(value))
