"""Petitions' own transitions, registered from petitions/: forwarding within 5 days and filing without an answer."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from petitions import workflow
from services import workflow as spine
from services.calendar import clock_at, institution_calendar
from services.deadlines import due_date
from services.lifecycle import Status
from tests.factories import ProcedureFactory, ServiceFactory
from tests.services.test_workflow import MONDAY, registered_on


@pytest.fixture
def petition(citizen, department):
    service = ServiceFactory(kind="petition", procedure=ProcedureFactory(owner_department=department))
    return registered_on(MONDAY, service, citizen)


@pytest.fixture
def permit(service, citizen):
    return registered_on(MONDAY, service, citizen)


def test_forwarding_names_the_competent_authority(petition, clerk):
    with pytest.raises(ValidationError):
        workflow.forward_case(petition, by=clerk, authority=" ")
    case = workflow.forward_case(petition, by=clerk, authority="Consiliul Județean Harghita", note="Competență CJ.")
    assert case.status == "forwarded"
    assert case.events.get(action="forwarded").data["authority"] == "Consiliul Județean Harghita"


def test_only_petitions_and_information_requests_are_forwarded(permit, clerk):
    with pytest.raises(ValidationError) as error:
        workflow.forward_case(permit, by=clerk, authority="Consiliul Județean Harghita")
    assert error.value.code == "kind"
    assert permit.events.count() == 1


@pytest.mark.parametrize(("days_after", "on_time"), [(5, True), (21, False)])
def test_forwarding_is_on_time_within_five_days_of_registration(petition, clerk, days_after, on_time):
    # Monday 2 March 2026: day 5 is Saturday, so the term is Monday 9
    with clock_at(MONDAY + datetime.timedelta(days=days_after)):
        case = workflow.forward_case(petition, by=clerk, authority="Consiliul Județean Harghita")
    assert case.closed_on_time is on_time
    assert case.events.get(action="forwarded").data["forwarding_due"] == "2026-03-09"


def test_a_petition_without_identification_is_filed_without_an_answer(petition, clerk):
    with clock_at(MONDAY + datetime.timedelta(days=3)):
        case = workflow.classify_case(petition, by=clerk, note="Fără date de identificare (art. 7).")
    event = case.events.get(action="classified")
    assert (case.status, case.closed_on_time, event.status_before) == ("classified", True, Status.REGISTERED)


def test_filing_without_an_answer_needs_a_reason(petition, clerk):
    with pytest.raises(ValidationError):
        workflow.classify_case(petition, by=clerk, note=" ")
    petition.refresh_from_db()
    assert petition.status == Status.REGISTERED


def test_a_suspended_petition_cannot_be_forwarded(petition, clerk):
    spine.request_completion(petition, by=clerk, note="Precizați adresa.")
    with pytest.raises(ValidationError):
        workflow.forward_case(petition, by=clerk, authority="CJ")


def test_only_the_department_forwards(petition, other_department_clerk, citizen):
    for person in (other_department_clerk, citizen):
        with pytest.raises(PermissionDenied):
            workflow.forward_case(petition, by=person, authority="CJ")


def test_petitions_and_information_requests_are_decided_only_through_the_approved_answer(petition, clerk):
    assert spine.outcomes_for(petition, spine.roles_of(clerk, petition)) == []
    assert not spine.permitted(petition, "resolve", spine.roles_of(clerk, petition))
    with pytest.raises(ValidationError):
        spine.resolve_case(petition, by=clerk, outcome=Status.ANSWERED, note="Răspuns.")


def test_forwarding_keeps_the_authoritys_address_for_the_petitioner(petition, clerk):
    case = workflow.forward_case(
        petition, by=clerk, authority="Consiliul Județean Harghita", address="Piața Libertății 5"
    )
    event = case.events.get(action="forwarded")
    assert (event.data["address"], event.visible_to_applicant) == ("Piața Libertății 5", True)


@pytest.mark.parametrize(
    ("days_after", "flagged"),
    [(0, False), (3, False), (4, True), (5, True), (6, True), (7, True), (8, False)],
)
def test_the_queue_flags_a_petition_whose_forwarding_term_ends_by_the_next_working_day(
    client, petition, clerk, days_after, flagged
):
    # Registered Monday 2 March 2026: day 5 is Saturday, so the term ends on Monday 9 March; from Friday 6 March
    # (day 4) the next working day is the last one.
    client.force_login(clerk)
    with clock_at(MONDAY + datetime.timedelta(days=days_after)):
        rows = client.get(reverse("backoffice:queue")).context["rows"]
    row = next(row for row in rows if row.case.pk == petition.pk)
    assert bool(row.flags) is flagged


def test_a_permit_has_no_forwarding_flag(client, permit, clerk):
    client.force_login(clerk)
    with clock_at(MONDAY + datetime.timedelta(days=6)):
        rows = client.get(reverse("backoffice:queue")).context["rows"]
    assert all(row.flags == () for row in rows)


def test_a_repeated_petition_is_joined_to_the_open_first_and_one_answer_covers_both(petition, citizen, clerk, head):
    from petitions import answers

    repeat = registered_on(MONDAY + datetime.timedelta(days=2), petition.service, citizen)
    workflow.join_case(repeat, by=clerk, first=petition.registration_number.lower())
    repeat.refresh_from_db()
    assert (repeat.status, repeat.events.get(action="joined").data["first"]) == (
        "joined",
        petition.registration_number,
    )
    answers.draft_answer(petition, by=clerk, text="Un singur răspuns.")
    answers.approve_answer(petition, by=head)
    petition.refresh_from_db()
    assert petition.status == Status.ANSWERED and not repeat.is_open


def test_a_repeat_after_the_answer_is_classified_under_the_first_number(petition, citizen, clerk, head):
    from petitions import answers

    answers.draft_answer(petition, by=clerk, text="Răspuns.")
    answers.approve_answer(petition, by=head)
    repeat = registered_on(MONDAY + datetime.timedelta(days=20), petition.service, citizen)
    workflow.join_case(repeat, by=clerk, first=petition.registration_number)
    repeat.refresh_from_db()
    assert repeat.status == "classified"
    assert repeat.events.get(action="joined").data["first"] == petition.registration_number


@pytest.mark.parametrize("which", ["another_petitioner", "later", "itself", "unknown"])
def test_only_an_earlier_petition_of_the_same_petitioner_is_joined(petition, citizen, clerk, which):
    from tests.factories import UserFactory

    other = registered_on(MONDAY + datetime.timedelta(days=1), petition.service, UserFactory())
    mine_later = registered_on(MONDAY + datetime.timedelta(days=3), petition.service, citizen)
    target, first = {
        "another_petitioner": (other, petition.registration_number),
        "later": (petition, mine_later.registration_number),
        "itself": (petition, petition.registration_number),
        "unknown": (petition, "GU-2026-999999"),
    }[which]
    with pytest.raises(ValidationError):
        workflow.join_case(target, by=clerk, first=first)
    target.refresh_from_db()
    assert target.status == Status.REGISTERED


def test_a_refusal_of_information_is_on_time_only_within_five_days(citizen, clerk, head, department):
    from petitions import answers

    service = ServiceFactory(
        kind="information", procedure=ProcedureFactory(owner_department=department, deadline_days=10)
    )
    # Day 5 is Saturday 7 March: the term ends on Monday 9 March (day 7).
    for days, on_time in ((7, True), (8, False)):
        request = registered_on(MONDAY, service, citizen)
        answers.draft_answer(request, by=clerk, text="Informație exceptată.", outcome="rejected")
        with clock_at(MONDAY + datetime.timedelta(days=days)):
            answers.approve_answer(request, by=head)
        request.refresh_from_db()
        assert (request.status, request.closed_on_time) == (Status.REJECTED, on_time)


def test_a_complex_information_request_is_extended_to_thirty_days_within_the_first_ten(citizen, head, department):
    service = ServiceFactory(
        kind="information",
        procedure=ProcedureFactory(
            owner_department=department, deadline_days=10, extension_allowed=True, extension_max_days=20
        ),
    )
    request = registered_on(MONDAY, service, citizen)
    with clock_at(MONDAY + datetime.timedelta(days=9)):
        spine.extend_deadline(request, by=head, days=20, reason="Solicitare complexă (art. 7 alin. 1).")
    request.refresh_from_db()
    thirty_days = due_date(MONDAY, 30, "calendar", calendar=institution_calendar())
    assert request.due_date == thirty_days
    assert request.events.get(action="extended").visible_to_applicant
