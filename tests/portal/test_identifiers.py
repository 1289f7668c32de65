"""Unit tests of the CNP and CUI/CIF checks."""

import pytest

from portal.identifiers import is_valid_cnp, is_valid_cui

# Control digits worked out with weights 279146358279; e.g. 1800101221144: 1·2 + 8·7 + 0·9 + 0·1 + 1·4 + 0·6 + 1·3
# + 2·5 + 2·8 + 1·2 + 1·7 + 4·9 = 136, 136 mod 11 = 4.


@pytest.mark.parametrize(
    "cnp",
    [
        pytest.param("1800101221144", id="a man born 1 Jan 1980 in Iasi"),
        pytest.param("2991231400123", id="a woman born 31 Dec 1999"),
        pytest.param("6120325123450", id="a girl born 25 Mar 2012, control digit 0"),
        pytest.param("5000229400123", id="a boy born on 29 Feb 2000"),
        pytest.param("3991231400125", id="a man born 31 Dec 1899"),
        pytest.param("2901231011181", id="a weighted sum of 10 mod 11 gives control digit 1"),
        pytest.param("7000229123457", id="a resident born 29 Feb, valid in 2000"),
        pytest.param("1960515100000", id="a man born 15 May 1996"),
    ],
)
def test_a_well_formed_cnp_is_valid(cnp):
    assert is_valid_cnp(cnp) is True


@pytest.mark.parametrize(
    "cnp",
    [
        pytest.param("1800101221145", id="a wrong control digit"),
        pytest.param("2901231011180", id="a weighted sum of 10 mod 11 taken as control digit 0"),
        pytest.param("0800101221142", id="first digit 0"),
        pytest.param("2950229040004", id="29 Feb in a non-leap year"),
        pytest.param("1000229400126", id="29 Feb 1900, not a leap year"),
        pytest.param("1800100221141", id="day 00"),
        pytest.param("1800431221141", id="31 April"),
        pytest.param("9020001000102", id="month 00"),
        pytest.param("180010122114", id="twelve digits"),
        pytest.param("18001012211440", id="fourteen digits"),
        pytest.param("180010122114A", id="a letter"),
        pytest.param(" 1800101221144", id="a leading space"),
        pytest.param("1800101221144\n", id="a trailing newline"),
        pytest.param("１８００１０１２２１１４４", id="full-width digits"),
        pytest.param("1800101-221144", id="a hyphen, which stdnum's compact() would drop"),
        # python-stdnum also checks the county code (digits 8-9), which the hand-written check did not.
        pytest.param("1800101991147", id="county 99 with a right control digit"),
        pytest.param("", id="empty"),
    ],
)
def test_a_malformed_cnp_is_invalid(cnp):
    assert is_valid_cnp(cnp) is False


# Control digits worked out with key 753217532 right-aligned; e.g. 18547290: 1·3 + 8·2 + 5·1 + 4·7 + 7·5 + 2·3
# + 9·2 = 111, 111·10 mod 11 = 10, counted as 0.


@pytest.mark.parametrize(
    "cui",
    [
        pytest.param("18547290", id="eight digits, control 10 counted as 0"),
        pytest.param("RO18547290", id="with the RO prefix"),
        pytest.param("ro18547290", id="with a lower-case ro prefix"),
        pytest.param("4267117", id="seven digits"),
        pytest.param("2816464", id="another seven digits"),
        pytest.param("1234567897", id="ten digits, the whole key"),
        pytest.param("19", id="two digits"),
        pytest.param("60", id="two digits, control 10 counted as 0"),
    ],
)
def test_a_well_formed_cui_is_valid(cui):
    assert is_valid_cui(cui) is True


@pytest.mark.parametrize(
    "cui",
    [
        pytest.param("18547291", id="a wrong control digit"),
        pytest.param("RO18547291", id="a wrong control digit with the prefix"),
        pytest.param("4267118", id="seven digits, wrong control digit"),
        pytest.param("10", id="two digits, wrong control digit"),
        pytest.param("9", id="one digit"),
        pytest.param("12345678970", id="eleven digits"),
        pytest.param("RO 18547290", id="a space after the prefix"),
        pytest.param("FR18547290", id="another country's prefix"),
        pytest.param("18547290RO", id="the prefix at the end"),
        pytest.param("1854729A", id="a letter"),
        pytest.param("RO", id="the prefix alone"),
        pytest.param(" 18547290", id="a leading space, which stdnum's compact() would drop"),
        pytest.param("18-547290", id="a hyphen"),
        # python-stdnum refuses a leading 0, which the hand-written check let through when the control digit fit.
        pytest.param("01854729", id="a leading zero with a right control digit"),
        pytest.param("", id="empty"),
    ],
)
def test_a_malformed_cui_is_invalid(cui):
    assert is_valid_cui(cui) is False
