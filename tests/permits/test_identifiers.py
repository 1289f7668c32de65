"""Cadastral and land-book numbers are checked as such."""

import pytest

from services.permits.identifiers import is_cadastral_number, is_land_book_number, normalise


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("50123", True),
        ("50123-C1", True),
        ("50123-C1-U12", True),
        ("nr. 50123 - c1", True),
        ("  7 ", True),
        ("0", False),
        ("", False),
        ("50123-U1", False),
        ("50A23", False),
        ("1234567890", False),
        ("50123-C", False),
        ("../50123", False),
    ],
)
def test_a_cadastral_number_is_digits_with_an_optional_building_and_unit(value, valid):
    assert is_cadastral_number(value) is valid


@pytest.mark.parametrize(
    ("value", "valid"),
    [("50123", True), ("nr. 712", True), ("0", False), ("712-C1", False), ("CF712", False), ("", False)],
)
def test_a_land_book_number_is_digits(value, valid):
    assert is_land_book_number(value) is valid


def test_numbers_are_kept_as_the_cadastre_writes_them():
    assert normalise(" nr. 50123 - c1 ") == "50123-C1"
