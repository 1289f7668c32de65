"""The clerks' queue at /birou/: who enters, what it lists and in what order, its filters, bulk assignment, CSV."""

import csv
import datetime
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from services import workflow
from services.backoffice.selectors import queue_row
from services.deadlines import Calendar
from services.models import Case, CaseEvent, Membership, Status
from tests.factories import (
    CaseFactory,
    MembershipFactory,
    ProcedureFactory,
    ServiceFactory,
    StaffFactory,
    UserFactory,
)

QUEUE = reverse("backoffice:queue")
QUEUE_CSV = reverse("backoffice:queue_csv")
ASSIGN = reverse("backoffice:queue_assign")
# Session, user, MFA check, permissions, memberships, calendar, count, page, filter choices: never per row.
QUEUE_QUERIES = 14


@pytest.fixture(autouse=True)
def _english(client, settings):
    """The pages in English, whatever the staff member's preferred language."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def numbers(response):
    return [row.case.registration_number for row in response.context["rows"]]


@pytest.fixture
def foreign_case(other_department_clerk, citizen):
    department = Membership.objects.get(user=other_department_clerk).department
    service = ServiceFactory(procedure=ProcedureFactory(owner_department=department), title="Certificat fiscal")
    return CaseFactory(service=service, applicant=citizen)


def test_an_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(QUEUE)

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_a_citizen_is_refused_the_queue(client, citizen):
    client.force_login(citizen)

    assert client.get(QUEUE).status_code == 403


def test_staff_outside_every_department_are_refused_the_queue(client, db):
    client.force_login(StaffFactory())

    assert client.get(QUEUE).status_code == 403


def test_the_queue_lists_only_the_cases_of_the_clerks_departments(client, clerk, service, citizen, foreign_case):
    own = CaseFactory(service=service, applicant=citizen)
    client.force_login(clerk)

    response = client.get(QUEUE)

    assert response.status_code == 200
    assert numbers(response) == [own.registration_number]
    assert foreign_case.registration_number not in response.content.decode()


def test_the_quality_manager_sees_the_cases_of_every_department(
    client, quality_manager, service, citizen, foreign_case
):
    own = CaseFactory(service=service, applicant=citizen)
    client.force_login(quality_manager)

    response = client.get(QUEUE)

    assert sorted(numbers(response)) == sorted([own.registration_number, foreign_case.registration_number])


def test_overdue_cases_come_first_then_by_due_date_and_suspended_cases_last(client, clerk, service, citizen):
    suspended = workflow.request_completion(
        CaseFactory(service=service, applicant=citizen, registered_at=days_ago(45)),
        by=clerk,
        note="Lipsește planul de situație.",
    )
    later = CaseFactory(service=service, applicant=citizen, registered_at=days_ago(1))
    overdue_less = CaseFactory(service=service, applicant=citizen, registered_at=days_ago(35))
    sooner = CaseFactory(service=service, applicant=citizen, registered_at=days_ago(10))
    overdue_most = CaseFactory(service=service, applicant=citizen, registered_at=days_ago(40))
    client.force_login(clerk)

    response = client.get(QUEUE)

    assert numbers(response) == [c.registration_number for c in (overdue_most, overdue_less, sooner, later, suspended)]


def test_the_rows_say_how_many_working_days_are_left_and_flag_overdue_suspended_and_due_soon_cases():
    monday = datetime.date(2026, 3, 2)
    calendar = Calendar()

    overdue = queue_row(
        Case(status=Status.IN_REVIEW, due_date=monday - datetime.timedelta(days=3)), today=monday, calendar=calendar
    )
    due_thursday = queue_row(
        Case(status=Status.IN_REVIEW, due_date=datetime.date(2026, 3, 5)), today=monday, calendar=calendar
    )
    due_friday = queue_row(
        Case(status=Status.REGISTERED, due_date=datetime.date(2026, 3, 6)), today=monday, calendar=calendar
    )
    suspended = queue_row(Case(status=Status.AWAITING_APPLICANT, due_date=None), today=monday, calendar=calendar)

    assert (overdue.overdue, overdue.due_soon, overdue.working_days_left) == (True, False, -1)
    assert (due_thursday.overdue, due_thursday.due_soon, due_thursday.working_days_left) == (False, True, 3)
    assert (due_friday.due_soon, due_friday.working_days_left) == (False, 4)
    assert (suspended.suspended, suspended.working_days_left) == (True, None)


def test_a_case_due_on_friday_is_flagged_overdue_on_saturday_although_no_working_day_has_passed():
    row = queue_row(
        Case(status=Status.IN_REVIEW, due_date=datetime.date(2026, 3, 6)),
        today=datetime.date(2026, 3, 7),
        calendar=Calendar(),
    )

    assert (row.overdue, row.due_soon, row.working_days_left) == (True, False, 0)


def test_the_page_shows_the_flags_and_links_each_case_to_its_page(client, clerk, service, citizen):
    overdue = CaseFactory(service=service, applicant=citizen, registered_at=days_ago(40))
    client.force_login(clerk)

    html = client.get(QUEUE).content.decode()

    assert reverse("backoffice:case", args=[overdue.registration_number]) in html
    assert re.search(r'govuk-tag govuk-tag--red portal-queue__late">\d+ working days late<', html)


def test_closed_cases_are_hidden_by_default_and_shown_by_the_status_filter(client, clerk, service, citizen):
    open_case = CaseFactory(service=service, applicant=citizen)
    closed = workflow.resolve_case(
        CaseFactory(service=service, applicant=citizen),
        by=clerk,
        outcome=Status.APPROVED,
        note="Certificatul a fost emis.",
    )
    client.force_login(clerk)

    assert numbers(client.get(QUEUE)) == [open_case.registration_number]
    assert numbers(client.get(QUEUE, {"status": "closed"})) == [closed.registration_number]
    assert numbers(client.get(QUEUE, {"status": "approved"})) == [closed.registration_number]
    assert len(numbers(client.get(QUEUE, {"status": "all"}))) == 2


def test_the_service_filter_keeps_the_cases_of_one_service(client, clerk, service, other_service, citizen):
    CaseFactory(service=service, applicant=citizen)
    wanted = CaseFactory(service=other_service, applicant=citizen)
    client.force_login(clerk)

    assert numbers(client.get(QUEUE, {"service": other_service.pk})) == [wanted.registration_number]


def test_the_assignee_filter_finds_unassigned_cases_mine_and_a_colleagues(client, clerk, head, service, citizen):
    mine = workflow.assign_case(CaseFactory(service=service, applicant=citizen), assignee=clerk, by=head)
    heads = workflow.assign_case(CaseFactory(service=service, applicant=citizen), assignee=head, by=head)
    nobodys = CaseFactory(service=service, applicant=citizen)
    client.force_login(clerk)

    assert numbers(client.get(QUEUE, {"assignee": "me"})) == [mine.registration_number]
    assert numbers(client.get(QUEUE, {"assignee": "unassigned"})) == [nobodys.registration_number]
    assert numbers(client.get(QUEUE, {"assignee": head.pk})) == [heads.registration_number]


def test_overdue_only_keeps_the_open_cases_past_their_due_date(client, clerk, service, citizen):
    overdue = CaseFactory(service=service, applicant=citizen, registered_at=days_ago(40))
    CaseFactory(service=service, applicant=citizen)
    client.force_login(clerk)

    assert numbers(client.get(QUEUE, {"overdue": "on"})) == [overdue.registration_number]


def test_the_text_search_matches_part_of_the_registration_number_or_the_applicants_name(
    client, clerk, service, citizen
):
    popescu = CaseFactory(service=service, applicant=citizen)
    kovacs = CaseFactory(service=service, applicant=None, applicant_name="Kovács Réka", applicant_email="")
    client.force_login(clerk)

    assert numbers(client.get(QUEUE, {"q": "kovács"})) == [kovacs.registration_number]
    assert numbers(client.get(QUEUE, {"q": popescu.registration_number[-6:]})) == [popescu.registration_number]


def test_an_invalid_filter_is_ignored_rather_than_emptying_the_queue(client, clerk, service, citizen):
    case = CaseFactory(service=service, applicant=citizen)
    client.force_login(clerk)

    assert numbers(client.get(QUEUE, {"assignee": "999999"})) == [case.registration_number]


def test_the_page_links_keep_the_filters(client, clerk, service, citizen, settings):
    settings.QUEUE_PAGE_SIZE = 2
    for _ in range(5):
        CaseFactory(service=service, applicant=citizen)
    client.force_login(clerk)

    response = client.get(QUEUE, {"assignee": "unassigned", "q": "GU", "page": 2})

    html = response.content.decode()
    assert len(numbers(response)) == 2
    assert 'href="?assignee=unassigned&amp;q=GU&amp;page=3"' in html
    assert 'href="?assignee=unassigned&amp;q=GU&amp;page=1"' in html
    assert 'aria-current="page">2<' in html


def test_bulk_assignment_assigns_each_case_and_records_an_event_per_case(client, clerk, head, service, citizen):
    first = CaseFactory(service=service, applicant=citizen)
    second = CaseFactory(service=service, applicant=citizen)
    client.force_login(head)

    response = client.post(
        ASSIGN, {"cases": [first.pk, second.pk], "assignee": clerk.pk, "next": f"{QUEUE}?assignee=unassigned"}
    )

    assert response.status_code == 302
    assert response.url == f"{QUEUE}?assignee=unassigned"
    assert set(Case.objects.filter(assignee=clerk).values_list("pk", flat=True)) == {first.pk, second.pk}
    assert CaseEvent.objects.filter(action=CaseEvent.Action.ASSIGNED, actor=head, data__assignee=clerk.pk).count() == 2


def test_bulk_assignment_refuses_a_case_of_another_department(client, clerk, service, citizen, foreign_case):
    own = CaseFactory(service=service, applicant=citizen)
    client.force_login(clerk)

    response = client.post(ASSIGN, {"cases": [own.pk, foreign_case.pk], "assignee": clerk.pk}, follow=True)

    foreign_case.refresh_from_db()
    assert foreign_case.assignee is None
    assert not CaseEvent.objects.filter(case=foreign_case, action=CaseEvent.Action.ASSIGNED).exists()
    assert Case.objects.get(pk=own.pk).assignee == clerk
    shown = [str(m) for m in response.context["messages"]]
    assert "1 selected case is not one of your departments' cases." in shown
    assert f"1 case assigned to {clerk.display_name}." in shown


def test_bulk_assignment_reports_per_case_whom_the_workflow_refuses(
    client, clerk, other_department_clerk, service, citizen, foreign_case
):
    own = CaseFactory(service=service, applicant=citizen)
    MembershipFactory(department=foreign_case.department, user=clerk)  # the clerk works in both departments
    client.force_login(clerk)

    response = client.post(
        ASSIGN, {"cases": [own.pk, foreign_case.pk], "assignee": other_department_clerk.pk}, follow=True
    )

    assert Case.objects.get(pk=own.pk).assignee is None
    assert Case.objects.get(pk=foreign_case.pk).assignee == other_department_clerk
    shown = [str(m) for m in response.context["messages"]]
    assert any(
        m.startswith(f"{own.registration_number}: ") and "does not work in this case's department" in m for m in shown
    )


def test_bulk_assignment_without_a_selection_changes_nothing(client, clerk, service, citizen):
    case = CaseFactory(service=service, applicant=citizen)
    client.force_login(clerk)

    response = client.post(ASSIGN, {"assignee": clerk.pk}, follow=True)

    assert Case.objects.get(pk=case.pk).assignee is None
    assert "Select the cases to assign." in [str(m) for m in response.context["messages"]]


def read_csv(response):
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    return list(csv.reader(io.StringIO(content[1:]), delimiter=";"))


def test_the_csv_export_is_utf8_with_a_byte_order_mark_and_the_columns_of_the_table(client, clerk, service):
    case = CaseFactory(service=service, applicant=None, applicant_name="Szabó Zsófia Mureșan", applicant_email="")
    client.force_login(clerk)

    response = client.get(QUEUE_CSV)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    header, *rows = read_csv(response)
    assert header == [
        "Registration number",
        "Service",
        "Applicant",
        "Status",
        "Assigned to",
        "Registered on",
        "Due date",
        "Working days left",
        "Flags",
    ]
    assert rows[0][:4] == [case.registration_number, "Urbanism certificate", "Szabó Zsófia Mureșan", "registered"]


def test_the_csv_export_has_every_matching_case_not_only_one_page(client, clerk, service, citizen, settings):
    settings.QUEUE_PAGE_SIZE = 2
    for _ in range(3):
        CaseFactory(service=service, applicant=citizen)
    CaseFactory(service=service, applicant=None, applicant_name="Kovács Réka", applicant_email="")
    client.force_login(clerk)

    assert len(read_csv(client.get(QUEUE_CSV))) == 1 + 4
    assert [row[2] for row in read_csv(client.get(QUEUE_CSV, {"q": "Kovács"}))[1:]] == ["Kovács Réka"]


def test_the_csv_export_is_refused_to_a_citizen(client, citizen):
    client.force_login(citizen)

    assert client.get(QUEUE_CSV).status_code == 403


def register_cases(count, services, applicant, assignees):
    for n in range(count):
        CaseFactory(service=services[n % len(services)], applicant=applicant, registered_at=days_ago(n % 45))
    for n, case in enumerate(Case.objects.filter(assignee__isnull=True)[: count // 2]):
        Case.objects.filter(pk=case.pk).update(assignee=assignees[n % len(assignees)])


def test_the_queue_page_needs_the_same_number_of_queries_for_10_and_500_cases(
    client, clerk, head, service, other_service, django_assert_max_num_queries
):
    applicant = UserFactory()
    register_cases(10, [service, other_service], applicant, [clerk, head])
    client.force_login(clerk)
    client.get(QUEUE)  # a first visit remembers the authenticator and the calendar, as in a real session

    with django_assert_max_num_queries(QUEUE_QUERIES) as few:
        assert client.get(QUEUE, {"status": "all"}).status_code == 200
    register_cases(490, [service, other_service], applicant, [clerk, head])
    with django_assert_max_num_queries(QUEUE_QUERIES) as many:
        response = client.get(QUEUE, {"status": "all"})

    assert len(response.context["rows"]) == 25
    assert len(many.captured_queries) == len(few.captured_queries)
    with django_assert_max_num_queries(len(few.captured_queries)):  # sorting by a column costs no query either
        assert client.get(QUEUE, {"status": "all", "sort": "assignee", "dir": "desc"}).status_code == 200


def test_a_new_member_of_the_department_can_be_chosen_for_bulk_assignment(client, clerk, department):
    newcomer = MembershipFactory(department=department, user=StaffFactory(first_name="Réka", last_name="Nou")).user
    client.force_login(clerk)

    response = client.get(QUEUE)

    assert (str(newcomer.pk), "Réka Nou") in response.context["assign_form"].fields["assignee"].choices


def test_the_back_office_link_is_shown_only_to_who_may_use_it(client, clerk, settings):
    from tests.factories import StaffFactory

    client.force_login(StaffFactory(email="redactor@primarie.ro"))  # staff, but in no department: an editor
    queue_link = f'href="{reverse("backoffice:queue")}"'
    assert queue_link not in client.get(reverse("portal:dashboard")).content.decode()
    client.force_login(clerk)
    assert queue_link in client.get(reverse("portal:dashboard")).content.decode()


def test_the_quality_manager_sees_every_queue_but_is_offered_no_assignment(client, quality_manager, foreign_case):
    client.force_login(quality_manager)
    response = client.get(reverse("backoffice:queue"))
    page = response.content.decode()
    assert foreign_case.registration_number in page
    assert 'name="cases"' not in page
    assert response.context["assign_form"] is None
