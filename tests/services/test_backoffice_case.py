"""The back office's case page: who sees it, what it shows, and each action going through the workflow."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from services import documents, registry, workflow
from services.calendar import clock_at, today
from services.models import Case, CaseEvent, Status
from tests.factories import PDF, CaseFactory, ProcedureFactory, ServiceFactory

CASE_PAGE_QUERIES = 16


@pytest.fixture(autouse=True)
def _english(client, settings):
    """The pages in English, whatever the staff member's preferred language."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def case(service, citizen):
    return CaseFactory(service=service, applicant=citizen, subject="Certificat de urbanism pentru str. Lungă 5")


@pytest.fixture
def petition(department, citizen):
    service = ServiceFactory(procedure=ProcedureFactory(owner_department=department), kind="petition", title="Petiție")
    return CaseFactory(service=service, applicant=citizen)


def page(case):
    return reverse("backoffice:case", args=[case.registration_number])


def act(client, case, action, **data):
    return client.post(
        reverse("backoffice:case_action", args=[case.registration_number, action]),
        {f"{action}-{name}": value for name, value in data.items()},
    )


def offered(response):
    return [action.slug for action, _form in response.context["action_forms"]]


def action_form(response, slug):
    return next(form for action, form in response.context["action_forms"] if action.slug == slug)


def move_time(monkeypatch, days):
    later = today() + datetime.timedelta(days=days)
    for target in ("services.calendar.today", "services.workflow.today"):
        monkeypatch.setattr(target, lambda: later)
    return later


def attach(case, by, name="plan-de-situatie.pdf"):
    return documents.attach_document(case, by=by, upload=SimpleUploadedFile(name, PDF))


def test_a_clerk_of_another_department_gets_not_found(client, other_department_clerk, case):
    client.force_login(other_department_clerk)

    assert client.get(page(case)).status_code == 404


def test_a_citizen_is_refused_the_case_page_even_for_their_own_case(client, citizen, case):
    client.force_login(citizen)

    assert client.get(page(case)).status_code == 403


def test_an_anonymous_visitor_is_sent_to_sign_in(client, case):
    response = client.get(page(case))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_the_header_summarises_the_case_and_the_procedure_edition_it_was_registered_under(client, clerk, case):
    client.force_login(clerk)

    html = client.get(page(case)).content.decode()

    assert case.registration_number in html
    assert "PO-DUAT-02, edition 1, revision 0" in html
    assert "ana.popescu@example.ro" in html
    assert "Urban Planning Department" in html
    assert "working days left" in html


def test_a_suspended_case_says_the_clock_is_stopped(client, clerk, case):
    workflow.request_completion(case, by=clerk, note="Lipsește extrasul de carte funciară.")
    client.force_login(clerk)

    assert "the clock is stopped" in client.get(page(case)).content.decode()


def test_a_case_due_on_friday_is_shown_overdue_since_its_due_date_on_saturday(client, clerk, case):
    friday, saturday = datetime.date(2026, 3, 6), datetime.date(2026, 3, 7)
    Case.objects.filter(pk=case.pk).update(due_date=friday)
    client.force_login(clerk)

    with clock_at(saturday):
        html = client.get(page(case)).content.decode()

    with translation.override("en"):
        assert f"overdue since {date_format(friday, 'DATE_FORMAT')}" in html
    assert "overdue by" not in html
    assert "govuk-tag--red" in html


def test_the_timeline_shows_every_event_oldest_first_and_marks_what_the_applicant_sees(client, clerk, case):
    workflow.add_note(case, by=clerk, note="Verificat în arhivă.")
    workflow.message_applicant(case, by=clerk, message="Vă rugăm să reveniți cu planul.")
    client.force_login(clerk)

    response = client.get(page(case))

    html = response.content.decode()
    assert [e.action for e in response.context["events"]] == ["registered", "note", "message"]
    assert html.index("Verificat în arhivă.") < html.index("Vă rugăm să reveniți cu planul.")
    assert html.count("the applicant sees this") == 2
    assert html.count(">internal<") == 1


def test_the_documents_are_listed_with_their_name_size_and_a_download_link(client, clerk, case):
    document = attach(case, clerk)
    client.force_login(clerk)

    html = client.get(page(case)).content.decode()

    assert "plan-de-situatie.pdf" in html
    assert f'href="{reverse("services:document", kwargs={"pk": document.pk})}"' in html
    assert "Ioana Referent" in html


def test_a_plain_clerk_is_not_offered_the_extension(client, clerk, case):
    client.force_login(clerk)

    actions = offered(client.get(page(case)))

    assert "extend" not in actions
    assert {"assign", "start-review", "request-completion", "resolve", "note", "message"} <= set(actions)


def test_the_head_of_department_is_offered_the_extension(client, head, case):
    client.force_login(head)

    assert "extend" in offered(client.get(page(case)))


def test_only_the_actions_of_the_current_status_are_offered(client, clerk, case):
    workflow.request_completion(case, by=clerk, note="Lipsește extrasul.")
    client.force_login(clerk)

    response = client.get(page(case))

    assert "record-completion" in offered(response)
    assert not {"start-review", "request-completion", "forward"} & set(offered(response))
    assert [value for value, _label in action_form(response, "resolve").fields["outcome"].choices] == ["rejected"]


def test_a_closed_case_offers_only_notes_and_messages(client, clerk, case):
    workflow.resolve_case(case, by=clerk, outcome=Status.APPROVED, note="Emis.")
    client.force_login(clerk)

    assert offered(client.get(page(case))) == ["note", "message"]


def test_forwarding_is_offered_for_petitions_but_not_for_permits(client, clerk, case, petition):
    client.force_login(clerk)

    assert "forward" not in offered(client.get(page(case)))
    assert "forward" in offered(client.get(page(petition)))


def test_assigning_from_the_case_page_records_the_assignment(client, head, clerk, case):
    client.force_login(head)

    response = act(client, case, "assign", assignee=clerk.pk)

    assert response.status_code == 302
    assert response.url == page(case)
    assert Case.objects.get(pk=case.pk).assignee == clerk
    assert CaseEvent.objects.filter(case=case, action=CaseEvent.Action.ASSIGNED, actor=head).exists()


def test_the_assign_select_offers_only_the_staff_of_the_cases_department(client, clerk, case, other_department_clerk):
    client.force_login(clerk)

    response = act(client, case, "assign", assignee=other_department_clerk.pk)

    assert Case.objects.get(pk=case.pk).assignee is None
    assert "Select a valid choice" in response.content.decode()


def test_starting_the_review_moves_the_case_to_in_review(client, clerk, case):
    client.force_login(clerk)

    act(client, case, "start-review")

    assert Case.objects.get(pk=case.pk).status == Status.IN_REVIEW


def test_requesting_completion_stops_the_clock(client, clerk, case):
    client.force_login(clerk)

    response = act(client, case, "request-completion", note="Aduceți extrasul de carte funciară.")

    case.refresh_from_db()
    assert response.status_code == 302
    assert (case.status, case.due_date) == (Status.AWAITING_APPLICANT, None)
    assert case.suspensions.get().ended_on is None


def test_recording_the_completion_seven_days_later_gives_a_later_due_date(client, clerk, case, monkeypatch):
    first_due_date = case.due_date
    workflow.request_completion(case, by=clerk, note="Aduceți extrasul de carte funciară.")
    move_time(monkeypatch, 7)
    client.force_login(clerk)

    act(client, case, "record-completion", note="Adus la ghișeu.")

    case.refresh_from_db()
    assert case.status == Status.IN_REVIEW
    assert case.due_date > first_due_date


def test_the_head_extends_the_time_limit(client, head, case):
    first_due_date = case.due_date
    client.force_login(head)

    response = act(client, case, "extend", days=10, reason="Necesită aviz de la Direcția de Cultură.")

    case.refresh_from_db()
    assert response.status_code == 302
    assert case.extension_days == 10
    assert case.due_date > first_due_date


def test_a_plain_clerk_posting_an_extension_changes_nothing(client, clerk, case):
    client.force_login(clerk)

    response = act(client, case, "extend", days=10, reason="Motiv.")

    case.refresh_from_db()
    assert response.status_code == 302
    assert case.extension_days == 0
    assert not case.events.filter(action=CaseEvent.Action.EXTENDED).exists()


def test_an_extension_longer_than_the_procedure_allows_is_refused(client, head, case):
    client.force_login(head)

    response = act(client, case, "extend", days=16, reason="Motiv.")

    assert response.status_code == 200
    assert "The extension must be between 1 and 15 days." in response.content.decode()
    assert Case.objects.get(pk=case.pk).extension_days == 0


def test_resolving_closes_the_case_on_time(client, clerk, case):
    client.force_login(clerk)

    response = act(client, case, "resolve", outcome="approved", note="Certificatul de urbanism a fost emis.")

    case.refresh_from_db()
    assert response.status_code == 302
    assert (case.status, case.closed_on, case.closed_on_time) == (Status.APPROVED, today(), True)


def test_resolving_without_a_note_shows_the_error_and_changes_nothing(client, clerk, case):
    events_before = case.events.count()
    client.force_login(clerk)

    response = act(client, case, "resolve", outcome="approved", note="  ")

    html = response.content.decode()
    case.refresh_from_db()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "Write the decision or the answer for the applicant." in html
    assert (case.status, case.closed_on) == (Status.REGISTERED, None)
    assert case.events.count() == events_before


def test_forwarding_a_petition_closes_it_with_the_authority_named(client, clerk, petition):
    client.force_login(clerk)

    act(client, petition, "forward", authority="Consiliul Județean Cluj", note="")

    petition.refresh_from_db()
    assert petition.status == "forwarded"
    assert petition.events.get(action="forwarded").data["authority"] == "Consiliul Județean Cluj"


def test_an_internal_note_is_hidden_from_the_applicant(client, clerk, case):
    client.force_login(clerk)

    act(client, case, "note", note="Sunat solicitantul.")

    event = case.events.get(action=CaseEvent.Action.NOTE)
    assert (event.note, event.visible_to_applicant, event.actor) == ("Sunat solicitantul.", False, clerk)


def test_a_message_to_the_applicant_is_visible_to_them(client, clerk, case):
    client.force_login(clerk)

    act(client, case, "message", message="Documentul poate fi ridicat.")

    assert case.events.get(action=CaseEvent.Action.MESSAGE).visible_to_applicant is True


def test_a_clerk_of_another_department_cannot_act_on_the_case(client, other_department_clerk, case):
    client.force_login(other_department_clerk)

    response = act(client, case, "note", note="Nu e al meu.")

    assert response.status_code == 404
    assert not case.events.filter(action=CaseEvent.Action.NOTE).exists()


def test_the_petitions_kind_adds_its_actions_through_the_registry_and_workflow_refusals_are_shown(
    client, clerk, petition
):
    client.force_login(clerk)

    assert "classify" in offered(client.get(page(petition)))
    response = act(client, petition, "classify", note="")

    assert "Give the reason for filing without an answer." in response.content.decode()
    assert Case.objects.get(pk=petition.pk).status == Status.REGISTERED


def test_a_permit_is_offered_neither_forwarding_nor_classification(client, clerk, case):
    client.force_login(clerk)

    actions = offered(client.get(page(case)))

    assert "forward" not in actions and "classify" not in actions
    assert act(client, case, "forward", authority="CJ").status_code == 404


def test_an_unregistered_kind_gets_the_defaults():
    kind = registry.kind_for(Case(kind="unknown"))

    assert (kind.name, kind.staff_actions, kind.detail_template) == ("unknown", (), None)


def add_history(case, clerk, events, documents_count):
    for n in range(events - case.events.count() - documents_count):
        workflow.add_note(case, by=clerk, note=f"Notă {n}")
    for n in range(documents_count):
        attach(case, clerk, name=f"anexa-{n}.pdf")


def test_the_case_page_needs_a_bounded_number_of_queries(
    client, clerk, case, service, citizen, django_assert_max_num_queries
):
    small = CaseFactory(service=service, applicant=citizen)
    add_history(case, clerk, events=30, documents_count=5)
    client.force_login(clerk)
    client.get(page(small))  # a first visit remembers the authenticator and the calendar, as in a real session

    with django_assert_max_num_queries(CASE_PAGE_QUERIES) as few:
        client.get(page(small))
    with django_assert_max_num_queries(CASE_PAGE_QUERIES) as many:
        response = client.get(page(case))

    assert len(response.context["events"]) == 30
    assert len(response.context["documents"]) == 5
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_quality_manager_may_open_any_departments_case(client, quality_manager, case):
    client.force_login(quality_manager)

    assert client.get(page(case)).status_code == 200
