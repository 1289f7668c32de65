"""The public status lookup: registration number and access code, one generic refusal, a rate limit per address."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from services import workflow
from services.citizen.ratelimit import parse_rate
from tests.factories import CaseFactory

NOT_FOUND = "We found no case with this registration number and access code."


@pytest.fixture(autouse=True)
def fresh_limits(client, settings):
    cache.clear()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    yield
    cache.clear()


@pytest.fixture
def case(service, citizen):
    return CaseFactory(service=service, applicant=citizen)


def look_up(client, number, code, **extra):
    return client.post(reverse("services:lookup"), {"registration_number": number, "access_code": code}, **extra)


def error_summary(response):
    return re.search(r'<div class="govuk-error-summary".*?</div>\s*</div>', response.content.decode(), re.S).group(0)


def test_the_lookup_page_opens_without_signing_in(client, db):
    response = client.get(reverse("services:lookup"))

    assert response.status_code == 200
    assert 'name="access_code"' in response.content.decode()


def test_the_right_pair_shows_the_status_and_the_public_timeline(client, case, clerk):
    workflow.request_completion(case, by=clerk, note="Lipsește planul de situație.")

    page = look_up(client, case.registration_number, case.access_code).content.decode()

    assert "Urbanism certificate" in page
    assert "awaiting your documents" in page
    assert "completion requested" in page.lower()
    assert NOT_FOUND not in page


def test_the_result_shows_no_personal_data(client, case, clerk, citizen):
    workflow.message_applicant(case, by=clerk, message="Doamna Popescu, vă rugăm să aduceți originalul.")
    workflow.add_note(case, by=clerk, note="Notă internă despre dosar.")

    page = look_up(client, case.registration_number, case.access_code).content.decode()

    assert citizen.last_name not in page
    assert citizen.email not in page
    assert "Notă internă" not in page
    assert case.subject not in page


def test_the_input_is_normalised(client, case):
    spaced = f"  {case.registration_number.lower()} "
    code = f" {case.access_code[:4].lower()} {case.access_code[4:].lower()} "

    page = look_up(client, spaced, code).content.decode()

    assert NOT_FOUND not in page
    assert "Urbanism certificate" in page


def test_a_wrong_code_and_an_unknown_number_get_the_same_answer(client, case):
    wrong_code = look_up(client, case.registration_number, "ZZZZZZZZ")
    unknown_number = look_up(client, "GU-1999-000001", case.access_code)

    assert wrong_code.status_code == unknown_number.status_code == 200
    assert NOT_FOUND in wrong_code.content.decode()
    assert error_summary(wrong_code) == error_summary(unknown_number)
    assert "Urbanism certificate" not in wrong_code.content.decode()


def test_the_access_code_is_not_echoed_back(client, case):
    page = look_up(client, case.registration_number, "QWERTYUP").content.decode()

    assert "QWERTYUP" not in page


def test_the_eleventh_attempt_within_ten_minutes_is_refused(client, case, settings):
    settings.CASE_LOOKUP_RATE = "10/10m"
    for _ in range(10):
        assert look_up(client, case.registration_number, "ZZZZZZZZ").status_code == 200

    response = look_up(client, case.registration_number, case.access_code)

    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert "Urbanism certificate" not in response.content.decode()


def test_the_limit_counts_each_address_apart(client, case, settings):
    settings.CASE_LOOKUP_RATE = "1/m"
    look_up(client, case.registration_number, "ZZZZZZZZ", REMOTE_ADDR="10.0.0.1")

    other = look_up(client, case.registration_number, case.access_code, REMOTE_ADDR="10.0.0.2")
    again = look_up(client, case.registration_number, case.access_code, REMOTE_ADDR="10.0.0.1")

    assert other.status_code == 200
    assert again.status_code == 429


def test_an_incomplete_form_counts_as_an_attempt(client, db, settings):
    settings.CASE_LOOKUP_RATE = "1/m"
    look_up(client, "", "")

    assert look_up(client, "", "").status_code == 429


@pytest.mark.parametrize(
    ("rate", "expected"),
    [("10/10m", (10, 600)), ("5/m", (5, 60)), ("100/30s", (100, 30)), ("3/2h", (3, 7200)), (" 7 / 1h ", (7, 3600))],
)
def test_a_rate_reads_attempts_per_period(rate, expected):
    assert parse_rate(rate) == expected


@pytest.mark.parametrize("rate", ["10", "10/", "/10m", "ten/m", "10/10d", "10/0m", "-1/m"])
def test_a_malformed_rate_is_an_error(rate):
    with pytest.raises(ValueError):
        parse_rate(rate)


def test_behind_a_trusted_proxy_the_limit_counts_the_forwarded_client(client, case, settings):
    settings.CASE_LOOKUP_RATE = "1/m"
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.254"}
    look_up(client, case.registration_number, "ZZZZZZZZ", HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy)

    other = look_up(client, case.registration_number, case.access_code, HTTP_X_FORWARDED_FOR="203.0.113.8", **proxy)
    again = look_up(client, case.registration_number, case.access_code, HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy)

    assert other.status_code == 200
    assert again.status_code == 429
