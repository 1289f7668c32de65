"""The case pages explain the due date: the citizen's, the clerk's and the public lookup, in English and Hungarian."""

import datetime
import re
import zoneinfo

import pytest
from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from portal.models import NonWorkingDay
from services import workflow
from services.calendar import clock_at
from services.explanation import explain_case_deadline
from services.models import Case, CaseEvent, Suspension
from tests.factories import CaseFactory

BUCHAREST = zoneinfo.ZoneInfo("Europe/Bucharest")
D = datetime.date.fromisoformat

# 30 calendar days from Monday 20 October 2025: 21 and 22 October counted, then the clock stopped from 22 to 27
# October (5 days held back), 28 days more to 24 November, and 5 days of extension to Saturday 29 November. A term in
# calendar days ends the next day, Sunday 30 November; 1 December is National Day: the file is due on Tuesday 2
# December.
REGISTERED = datetime.datetime(2025, 10, 20, 10, tzinfo=BUCHAREST)
ASKED, COMPLETED, EXTENDED = D("2025-10-22"), D("2025-10-27"), D("2025-11-03")
DUE = D("2025-12-02")
REASON = "Lipsește planul de situație vizat de OCPI."
EXTENSION_REASON = "Este necesar avizul comisiei tehnice."
INTERNAL_NOTE = "Notă internă: aplicantul a sunat de trei ori."


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def case(service, citizen, clerk, head):
    case = CaseFactory(service=service, applicant=citizen, registered_at=REGISTERED)
    with clock_at(ASKED):
        workflow.request_completion(case, by=clerk, note=REASON)
    with clock_at(COMPLETED):
        workflow.record_completion(case, by=clerk)
    with clock_at(EXTENDED):
        workflow.add_note(case, by=clerk, note=INTERNAL_NOTE)
        workflow.extend_deadline(case, by=head, days=5, reason=EXTENSION_REASON)
    case.refresh_from_db()
    return case


def in_language(client, settings, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def explanation(response):
    """The explanation's <details> of the page."""
    page = response.content.decode()
    found = re.search(r'<details class="govuk-details[^"]*portal-deadline-explanation".*?</details>', page, re.S)
    assert found, "the page has no explanation of the due date"
    return found.group(0)


def text(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def citizen_page(client, citizen, case):
    client.force_login(citizen)
    return client.get(reverse("services:case", args=[case.registration_number]))


def clerk_page(client, clerk, case):
    client.force_login(clerk)
    return client.get(reverse("backoffice:case", args=[case.registration_number]))


def lookup_page(client, case):
    return client.post(
        reverse("services:lookup"), {"registration_number": case.registration_number, "access_code": case.access_code}
    )


PAGES = {
    "citizen": lambda client, case, citizen, clerk: citizen_page(client, citizen, case),
    "clerk": lambda client, case, citizen, clerk: clerk_page(client, clerk, case),
    "lookup": lambda client, case, citizen, clerk: lookup_page(client, case),
}


def test_the_due_date_of_the_example_is_the_stored_one(case):
    assert case.due_date == DUE
    assert explain_case_deadline(case).due == case.due_date == workflow.compute_due_date(case)


@pytest.mark.parametrize("page", PAGES)
def test_each_page_explains_the_rule_the_suspension_the_extension_and_the_holiday(
    page, client, settings, case, citizen, clerk
):
    in_language(client, settings, "en")

    shown = text(explanation(PAGES[page](client, case, citizen, clerk)))

    with translation.override("en"):
        registered, due = date_format(D("2025-10-20"), "DATE_FORMAT"), date_format(case.due_date, "DATE_FORMAT")
        asked, completed = date_format(ASKED, "DATE_FORMAT"), date_format(COMPLETED, "DATE_FORMAT")
        national_day, last = date_format(D("2025-12-01"), "DATE_FORMAT"), date_format(D("2025-11-29"), "DATE_FORMAT")
    assert "How the due date is counted" in shown
    assert "The time limit is 30 calendar days." in shown
    assert "Legal basis: OG 27/2002, art. 8" in shown
    assert "procedure PO-DUAT-02, edition 1, revision 0" in shown
    assert f"registered on {registered}" in shown
    assert f"From {asked} to {completed} the clock was stopped" in shown
    assert REASON in shown
    assert "5 days are not counted." in shown
    assert "The extension adds 5 calendar days." in shown
    assert EXTENSION_REASON in shown
    assert f"The last day counted is {last}." in shown
    assert "past: 1 Saturday or Sunday" in shown
    assert f"{national_day} — public holiday (National Day)" in shown
    assert f"So the due date is {due}." in shown
    assert INTERNAL_NOTE not in shown


@pytest.mark.parametrize("page", ["citizen", "lookup"])
def test_the_applicants_pages_name_the_heads_role_not_the_person(page, client, settings, case, citizen, clerk, head):
    in_language(client, settings, "en")

    shown = text(explanation(PAGES[page](client, case, citizen, clerk)))

    with translation.override("en"):
        decided = date_format(EXTENDED, "DATE_FORMAT")
    assert f"On {decided} the head of department extended the time limit." in shown
    assert head.display_name not in shown


def test_the_clerks_page_names_who_extended(client, settings, case, clerk, head):
    in_language(client, settings, "en")

    shown = text(explanation(clerk_page(client, clerk, case)))

    with translation.override("en"):
        decided = date_format(EXTENDED, "DATE_FORMAT")
    assert f"On {decided} {head.display_name} extended the time limit." in shown


@pytest.fixture
def internally_suspended(case, clerk):
    """A second suspension whose request the applicant was not shown (an event written as internal)."""
    Suspension.objects.create(case=case, started_on=D("2025-11-05"), ended_on=D("2025-11-09"))
    with clock_at(D("2025-11-05")):
        workflow.record_event(
            case, by=clerk, action=CaseEvent.Action.COMPLETION_REQUESTED, note="Motiv intern al suspendării."
        )
    Case.objects.filter(pk=case.pk).update(due_date=workflow.compute_due_date(case))
    case.refresh_from_db()
    return case


@pytest.mark.parametrize("page", ["citizen", "lookup"])
def test_the_applicants_pages_show_only_the_reasons_the_applicant_was_shown(
    page, client, settings, internally_suspended, citizen, clerk
):
    in_language(client, settings, "en")

    shown = text(explanation(PAGES[page](client, internally_suspended, citizen, clerk)))

    assert REASON in shown
    assert "Motiv intern" not in shown
    with translation.override("en"):
        assert f"From {date_format(D('2025-11-05'), 'DATE_FORMAT')} to" in shown  # the period itself is no secret


def test_the_clerks_page_shows_an_internal_reason_marked_internal(client, settings, internally_suspended, clerk):
    in_language(client, settings, "en")

    shown = text(explanation(clerk_page(client, clerk, internally_suspended)))

    assert "Motiv intern al suspendării. internal" in shown


def test_the_explanation_hides_an_internal_reason_on_an_applicants_page_whatever_events_it_is_given(
    internally_suspended,
):
    deadline = explain_case_deadline(internally_suspended)  # every event, internal ones included

    with translation.override("en"):
        html = render_to_string("services/_deadline_explanation.html", {"deadline": deadline, "public": True})

    assert REASON in html
    assert "Motiv intern" not in html


@pytest.mark.parametrize("page", PAGES)
def test_the_explained_due_date_is_the_stored_due_date_after_it_is_counted_again(
    page, client, settings, internally_suspended, citizen, clerk
):
    in_language(client, settings, "en")
    shown = text(explanation(PAGES[page](client, internally_suspended, citizen, clerk)))

    with translation.override("en"):
        assert f"So the due date is {date_format(internally_suspended.due_date, 'DATE_FORMAT')}." in shown
    assert internally_suspended.due_date == D("2025-12-04")  # four more days held back, to Thursday


@pytest.mark.parametrize("page", PAGES)
def test_each_page_explains_in_hungarian(page, client, settings, case, citizen, clerk):
    in_language(client, settings, "hu")

    html = explanation(PAGES[page](client, case, citizen, clerk))

    shown = text(html)
    with translation.override("hu"):
        assert date_format(case.due_date, "DATE_FORMAT") in shown
        assert date_format(D("2025-12-01"), "DATE_FORMAT") in shown
    assert "National Day" not in shown  # the holidays package names no holiday in Hungarian
    assert "Ziua Națională" not in shown
    assert REASON in shown
    assert '<html lang="hu"' in PAGES[page](client, case, citizen, clerk).content.decode()


def test_a_working_day_term_lists_the_holidays_it_skipped(client, settings, service, citizen, clerk):
    procedure = service.procedure
    procedure.deadline_unit, procedure.deadline_days = "working", 5
    procedure.save()
    case = CaseFactory(
        service=service, applicant=citizen, registered_at=datetime.datetime(2025, 12, 23, 9, tzinfo=BUCHAREST)
    )
    in_language(client, settings, "en")

    shown = text(explanation(citizen_page(client, citizen, case)))

    with translation.override("en"):
        christmas, due = date_format(D("2025-12-25"), "DATE_FORMAT"), date_format(case.due_date, "DATE_FORMAT")
    assert "The time limit is 5 working days." in shown
    assert "4 Saturdays and Sundays" in shown
    assert f"{christmas} — public holiday (Christmas Day)" in shown
    assert f"So the due date is {due}." in shown
    assert case.due_date == D("2026-01-05")


def test_while_suspended_the_pages_say_since_when_the_clock_is_stopped(client, settings, service, citizen, clerk):
    case = CaseFactory(service=service, applicant=citizen, registered_at=REGISTERED)
    with clock_at(ASKED):
        workflow.request_completion(case, by=clerk, note=REASON)
    in_language(client, settings, "en")

    for page in PAGES.values():
        shown = text(explanation(page(client, case, citizen, clerk)))

        with translation.override("en"):
            assert f"Since {date_format(ASKED, 'DATE_FORMAT')} the clock is stopped" in shown
        assert "So the due date is" not in shown
    assert explain_case_deadline(case).due is None
    assert explain_case_deadline(case).stopped_since == ASKED


def test_a_closed_case_keeps_its_due_date_when_the_days_off_change_and_the_page_says_so(
    client, settings, case, citizen, clerk
):
    with clock_at(D("2025-11-20")):
        workflow.resolve_case(case, by=clerk, outcome="approved", note="Certificatul a fost emis.")
    NonWorkingDay.objects.create(date=D("2025-12-02"), reason="Zi liberă acordată")
    in_language(client, settings, "en")

    shown = text(explanation(citizen_page(client, citizen, case)))

    case.refresh_from_db()
    assert case.due_date == DUE
    with translation.override("en"):
        recounted, stored = date_format(D("2025-12-03"), "DATE_FORMAT"), date_format(DUE, "DATE_FORMAT")
    assert f"Counted with today's calendar of days off, the due date would be {recounted}." in shown
    assert f"The due date of this case stays {stored}" in shown
    assert "So the due date is" not in shown


def test_two_completions_requested_the_same_day_keep_their_own_reasons(service, citizen, clerk):
    case = CaseFactory(service=service, applicant=citizen, registered_at=REGISTERED)
    with clock_at(ASKED):
        workflow.request_completion(case, by=clerk, note="Prima cerere.")
        workflow.record_completion(case, by=clerk)
        workflow.request_completion(case, by=clerk, note="A doua cerere.")
    with clock_at(COMPLETED):
        workflow.record_completion(case, by=clerk)
    case.refresh_from_db()

    deadline = explain_case_deadline(case)

    assert [(s.started_on, s.ended_on, s.reason, s.held_back) for s in deadline.suspensions] == [
        (ASKED, ASKED, "Prima cerere.", 0),
        (ASKED, COMPLETED, "A doua cerere.", 5),
    ]
    assert deadline.due == case.due_date
