"""Patterns of delays and blockages: the nonconformities per group, the procedures late most often and where their
cases wait, the CAF evidence, the ISO §9.1 section, and who sees which departments."""

import datetime
import itertools

import pytest
from django.urls import reverse
from django.utils import timezone

from quality import patterns
from quality.models import Action, Nonconformity, NonconformityCause
from services.calendar import clock_at
from services.models import Case, CaseEvent, Membership, Status, Suspension
from tests.factories import (
    CaseFactory,
    DepartmentFactory,
    MembershipFactory,
    ProcedureFactory,
    ServiceFactory,
    StaffFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

JAN, FEB, MAR, APR = (datetime.date(2026, month, 1) for month in (1, 2, 3, 4))
Q1 = (JAN, datetime.date(2026, 3, 31))
URL = "/birou/calitate/tipare/"
numbers = itertools.count(1)


def day(month, number):
    return datetime.date(2026, month, number)


def nonconformity(department, *, detected, procedure=None, status=Nonconformity.Status.OPEN, cause=None, **fields):
    return Nonconformity.objects.create(
        number=f"NC-2026-{next(numbers):04d}",
        source=fields.pop("source", Nonconformity.Source.CLOSED_LATE),
        status=status,
        department=department,
        procedure=procedure,
        detected_on=detected,
        description="Dosar închis după termen.",
        cause=cause,
        closed_on=fields.pop("closed_on", None),
        **fields,
    )


def corrective_action(nc, *, status=Action.Status.PLANNED):
    return Action.objects.create(
        number=f"AC-2026-{next(numbers):04d}",
        origin=Action.Origin.NONCONFORMITY,
        nonconformity=nc,
        title="Instruirea personalului",
        department=nc.department,
        due_date=day(6, 30),
        status=status,
    )


def closed_case(service, *, registered, closed, on_time=True, review=None, suspended=(), status=Status.APPROVED):
    """A case registered through the workflow; its review start, suspensions and closing written directly, as the
    aggregates read them."""
    at = timezone.make_aware(datetime.datetime.combine(registered, datetime.time(9, 0)))
    with clock_at(registered):
        case = CaseFactory(service=service, applicant=None, applicant_name="Ion Pop", registered_at=at)
    if review:
        CaseEvent.objects.create(
            case=case,
            action=CaseEvent.Action.REVIEW_STARTED,
            at=timezone.make_aware(datetime.datetime.combine(review, datetime.time(23, 30))),
        )
    for started, ended in suspended:
        Suspension.objects.create(case=case, started_on=started, ended_on=ended)
    withdrawn = status == Status.WITHDRAWN
    Case.objects.filter(pk=case.pk).update(
        status=status,
        closed_on=closed,
        closed_on_time=None if withdrawn else on_time,
        processing_working_days=None if withdrawn else (closed - registered).days,
    )
    return case


@pytest.fixture
def procedure(department):
    """The urbanism department's procedure (the quality tests' own `procedure` belongs to a department of its own)."""
    return ProcedureFactory(
        owner_department=department, code="PO-DUAT-02", title="Emiterea certificatului de urbanism"
    )


@pytest.fixture
def taxes():
    return DepartmentFactory(code="taxe", name="Direcția Taxe")


@pytest.fixture
def tax_procedure(taxes):
    return ProcedureFactory(owner_department=taxes, code="PO-DTL-01")


@pytest.fixture
def nonconformities(department, procedure, taxes, tax_procedure):
    """Five nonconformities in the first quarter of 2026 and two outside it."""
    staff, files = (
        NonconformityCause.objects.create(name="Lipsă de personal", order=1),
        NonconformityCause.objects.create(name="Dosar incomplet neobservat", order=2),
    )
    nonconformity(department, procedure=procedure, detected=day(1, 10))
    closed = nonconformity(
        department, procedure=procedure, detected=day(1, 20), status="closed", cause=staff, closed_on=day(2, 1)
    )
    corrective_action(closed, status=Action.Status.CLOSED)
    cancelled = nonconformity(department, procedure=tax_procedure, detected=day(2, 5), status="action", cause=staff)
    corrective_action(cancelled, status=Action.Status.CANCELLED)
    fixed = nonconformity(
        taxes, procedure=tax_procedure, detected=day(3, 3), status="closed", cause=files, closed_on=day(3, 20)
    )
    corrective_action(fixed)
    nonconformity(taxes, detected=day(2, 14), status="analysed", cause=files, source=Nonconformity.Source.AUDIT)
    nonconformity(department, procedure=procedure, detected=day(4, 2))
    nonconformity(department, procedure=procedure, detected=datetime.date(2025, 12, 31))
    return {"staff": staff, "files": files}


def figures(rows):
    return {row.subject: (row.total, row.open, row.closed, row.with_action) for row in rows}


# --- the groupings --------------------------------------------------------------------------------------------


def test_nonconformities_per_procedure_count_open_closed_and_with_a_corrective_action(
    nonconformities, procedure, tax_procedure
):
    assert figures(patterns.by_procedure(*Q1)) == {
        procedure: (2, 1, 1, 1),
        tax_procedure: (2, 1, 1, 1),
        None: (1, 1, 0, 0),
    }


def test_a_cancelled_action_is_no_corrective_action(department, procedure):
    nc = nonconformity(department, procedure=procedure, detected=day(1, 5), status="action")
    corrective_action(nc, status=Action.Status.CANCELLED)
    assert figures(patterns.by_procedure(*Q1)) == {procedure: (1, 1, 0, 0)}


def test_nonconformities_per_department(nonconformities, department, taxes):
    assert figures(patterns.by_department(*Q1)) == {department: (3, 2, 1, 1), taxes: (2, 1, 1, 1)}


def test_nonconformities_per_cause_keep_those_not_analysed_yet_apart(nonconformities):
    assert figures(patterns.by_cause(*Q1)) == {
        None: (1, 1, 0, 0),
        nonconformities["staff"]: (2, 1, 1, 1),
        nonconformities["files"]: (2, 1, 1, 1),
    }


def test_nonconformities_per_month_list_every_month_of_the_period(nonconformities):
    rows = patterns.by_month(datetime.date(2026, 1, 1), datetime.date(2026, 4, 30))
    assert [(row.subject, row.total, row.open, row.closed, row.with_action) for row in rows] == [
        (JAN, 2, 1, 1, 1),
        (FEB, 2, 2, 0, 0),
        (MAR, 1, 0, 1, 1),
        (APR, 1, 1, 0, 0),
    ]


def test_the_groupings_keep_to_the_departments_in_scope(nonconformities, department, taxes, tax_procedure):
    assert figures(patterns.by_procedure(*Q1, departments=[taxes])) == {
        tax_procedure: (1, 0, 1, 1),
        None: (1, 1, 0, 0),
    }
    assert figures(patterns.by_department(*Q1, departments={department.pk})) == {department: (3, 2, 1, 1)}


# --- the procedures late most often -----------------------------------------------------------------------------


@pytest.fixture
def late_cases(service, procedure, tax_procedure, department):
    """PO-DUAT-02: two of three cases late, waiting longest in review; PO-DTL-01: one late, waiting longest for the
    review to start, and one withdrawn; PO-DUAT-05: none late but a nonconformity opened."""
    closed_case(
        service,
        registered=day(1, 5),
        review=day(1, 7),
        suspended=[(day(1, 10), day(1, 20))],
        closed=day(1, 30),
        on_time=False,
    )
    closed_case(service, registered=day(2, 2), review=day(2, 3), closed=day(2, 20), on_time=False)
    closed_case(service, registered=day(2, 2), review=day(2, 12), closed=day(2, 14))
    closed_case(service, registered=day(3, 2), review=day(3, 3), closed=day(4, 20), on_time=False)  # after Q1
    taxes = ServiceFactory(procedure=tax_procedure)
    closed_case(taxes, registered=day(1, 5), review=day(1, 20), closed=day(1, 25), on_time=False)
    closed_case(taxes, registered=day(1, 10), closed=day(2, 1), status=Status.WITHDRAWN)
    quiet = ProcedureFactory(owner_department=department, code="PO-DUAT-05")
    closed_case(ServiceFactory(procedure=quiet), registered=day(1, 5), review=day(1, 6), closed=day(1, 9))
    nonconformity(department, procedure=quiet, detected=day(2, 1))
    return quiet


def test_the_procedures_late_most_often_come_first_then_those_with_nonconformities(
    late_cases, procedure, tax_procedure
):
    rows = patterns.repeat_offenders(*Q1)
    assert [(row.procedure, row.closed, row.judged, row.late, row.nonconformities) for row in rows] == [
        (procedure, 3, 3, 2, 0),
        (tax_procedure, 2, 1, 1, 0),
        (late_cases, 1, 1, 0, 1),
    ]
    assert rows[0].late_share == pytest.approx(200 / 3)
    assert [row.procedure for row in patterns.repeat_offenders(*Q1, limit=2)] == [procedure, tax_procedure]


def test_the_steps_are_averaged_in_days_and_the_longest_is_named(late_cases, procedure, tax_procedure):
    by_procedure = {row.procedure: row for row in patterns.repeat_offenders(*Q1)}
    urbanism = by_procedure[procedure]
    # Waits of 2, 1 and 10 days for the review; 23 − 10 suspended, 17 and 2 days to the decision; 10, 0, 0 suspended.
    assert urbanism.to_review_days == pytest.approx(13 / 3)
    assert urbanism.to_decision_days == pytest.approx(32 / 3)
    assert urbanism.suspended_days == pytest.approx(10 / 3)
    assert urbanism.longest_step.key == "to_decision"
    assert (
        str(urbanism.longest_step.label) == "from the start of the review to the decision, not counting the suspension"
    )
    taxes = by_procedure[tax_procedure]
    # The withdrawn case never started its review: it waited for it all its 22 days.
    assert (taxes.to_review_days, taxes.to_decision_days, taxes.suspended_days) == (18.5, 2.5, 0)
    assert taxes.longest_step.key == "to_review"


def test_the_review_start_is_the_day_in_bucharest(service, procedure):
    # 00:30 on 8 January in Bucharest is still 7 January in UTC: the review started on the 8th, three days in.
    case = closed_case(service, registered=day(1, 5), closed=day(1, 30), on_time=False)
    CaseEvent.objects.create(
        case=case,
        action=CaseEvent.Action.REVIEW_STARTED,
        at=timezone.make_aware(datetime.datetime(2026, 1, 8, 0, 30)),
    )
    assert patterns.repeat_offenders(*Q1)[0].to_review_days == 3


def test_repeat_offenders_keep_to_the_departments_in_scope(late_cases, tax_procedure, taxes):
    assert [row.procedure for row in patterns.repeat_offenders(*Q1, departments=[taxes])] == [tax_procedure]


def test_each_department_has_its_own_procedures_late_most_often(late_cases, department, taxes, procedure):
    grouped = patterns.department_offenders(*Q1, limit=1)
    assert {pk: [row.procedure.code for row in rows] for pk, rows in grouped.items()} == {
        department.pk: [procedure.code],
        taxes.pk: ["PO-DTL-01"],
    }


def test_a_period_without_late_cases_or_nonconformities_has_no_offenders(service):
    closed_case(service, registered=day(1, 5), review=day(1, 6), closed=day(1, 9))
    assert patterns.repeat_offenders(*Q1) == []


# --- evidence for the CAF self-assessment -----------------------------------------------------------------------


def test_the_caf_evidence_gives_the_period_figures_and_a_twelve_month_trend(service, department, procedure):
    closed_case(service, registered=day(1, 5), review=day(1, 6), closed=day(1, 15))  # 10 days, on time
    closed_case(service, registered=day(1, 5), review=day(1, 6), closed=day(1, 25), on_time=False)  # 20 days
    closed_case(service, registered=day(2, 2), review=day(2, 3), closed=day(2, 6))  # 4 days
    closed_case(service, registered=day(2, 2), closed=day(2, 4), status=Status.WITHDRAWN)
    closed_case(service, registered=datetime.date(2025, 5, 4), closed=datetime.date(2025, 5, 8))  # before
    at = timezone.make_aware(datetime.datetime(2026, 3, 2, 9, 0))
    with clock_at(day(3, 2)):
        CaseFactory(service=service, applicant=None, applicant_name="Ion Pop", registered_at=at)  # open, not due
    nc = nonconformity(department, procedure=procedure, detected=day(1, 26))
    corrective_action(nc)
    nonconformity(department, procedure=procedure, detected=day(2, 9), status="closed", closed_on=day(2, 20))
    evidence = patterns.evidence_for_caf(*Q1, today=day(3, 31))
    assert (evidence.opened, evidence.closed, evidence.backlog, evidence.overdue) == (5, 4, 1, 0)
    assert evidence.on_time_rate == pytest.approx(200 / 3)
    assert evidence.median_days == 10
    assert (evidence.nonconformities, evidence.nonconformities_open, evidence.nonconformities_with_action) == (2, 1, 1)
    assert [row.month for row in evidence.trend][0] == datetime.date(2025, 4, 1)
    assert len(evidence.trend) == 12
    months = {row.month: row for row in evidence.trend}
    january = months[JAN]
    assert (january.opened, january.closed, january.judged, january.on_time, january.nonconformities) == (
        2,
        2,
        2,
        1,
        1,
    )
    assert january.median_days == 15 and january.on_time_rate == 50
    february = months[FEB]
    assert (february.opened, february.closed, february.judged, february.median_days) == (2, 2, 1, 4)
    assert (months[MAR].opened, months[MAR].closed) == (1, 0)
    assert months[datetime.date(2025, 5, 1)].closed == 1
    assert [key for key, _label, _value, _criteria in evidence.items()] == list(patterns.CAF_LABELS)
    assert {key: criteria for key, _label, _value, criteria in evidence.items()}["backlog"] == (9,)


def test_the_caf_evidence_keeps_to_the_departments_in_scope(service, department, taxes):
    closed_case(service, registered=day(1, 5), closed=day(1, 15))
    nonconformity(taxes, detected=day(1, 26))
    evidence = patterns.evidence_for_caf(*Q1, departments=[taxes], today=day(3, 31))
    assert (evidence.closed, evidence.nonconformities, evidence.on_time_rate) == (0, 1, None)


# --- the ISO §9.1 section ---------------------------------------------------------------------------------------


def test_the_iso_section_counts_each_departments_nonconformities(nonconformities, late_cases, department, taxes):
    old = nonconformity(department, detected=datetime.date(2025, 6, 1), status="action")  # still open
    assert old.pk
    rows = {row.department: row for row in patterns.department_nonconformities(*Q1)}
    urbanism = rows[department]
    # Opened in Q1: 4; open today: the three of Q1, April's, December's and June's; closed in Q1: 1.
    assert (urbanism.opened, urbanism.open_now, urbanism.closed, urbanism.with_action) == (4, 6, 1, 1)
    # Late twice; then a nonconformity each, the one with a case closed first.
    assert [row.procedure.code for row in urbanism.offenders] == ["PO-DUAT-02", "PO-DUAT-05", "PO-DTL-01"]
    assert (rows[taxes].opened, rows[taxes].open_now, rows[taxes].closed) == (2, 1, 1)


# --- the page ---------------------------------------------------------------------------------------------------


def test_the_quality_manager_sees_every_department(client, quality_manager, nonconformities, department, taxes):
    client.force_login(quality_manager)
    response = client.get(URL, {"start": "2026-01", "end": "2026-03"})
    assert response.status_code == 200
    page = response.content.decode()
    assert department.name in page and taxes.name in page
    assert [row.subject for row in response.context["by_department"]] == [department, taxes]


def test_a_head_sees_only_their_departments(client, head, nonconformities, department, taxes):
    client.force_login(head)
    response = client.get(URL, {"start": "2026-01", "end": "2026-03", "department": taxes.pk})
    assert response.status_code == 200
    assert [row.subject for row in response.context["by_department"]] == [department]
    assert taxes.name not in response.content.decode()


def test_clerks_and_citizens_may_not_see_the_patterns(client, clerk):
    client.force_login(clerk)
    assert client.get(URL).status_code == 403
    client.force_login(UserFactory())
    assert client.get(URL).status_code == 403


def test_the_page_shows_the_figures_formatted_for_the_reader(client, quality_manager, late_cases):
    client.force_login(quality_manager)
    page = client.get(URL, {"start": "2026-01", "end": "2026-03"}, HTTP_ACCEPT_LANGUAGE="ro").content.decode()
    assert "10,7" in page  # 32 / 3 days, with the Romanian decimal comma
    assert "<caption" in page


def test_a_period_the_wrong_way_round_is_refused_with_the_form(client, quality_manager):
    client.force_login(quality_manager)
    response = client.get(URL, {"start": "2026-05", "end": "2026-03"})
    assert response.status_code == 400
    assert response.context["form"].errors


def test_the_page_reads_a_fixed_number_of_queries(
    client, quality_manager, nonconformities, late_cases, django_assert_max_num_queries
):
    from django.db import connection

    # On PostgreSQL the steps' query runs without JIT in a savepoint of its own: SAVEPOINT, SET LOCAL, RELEASE.
    most = 17 + (3 if connection.vendor == "postgresql" else 0)
    client.force_login(quality_manager)
    client.get(URL)  # the session and the user, once
    with django_assert_max_num_queries(most):
        response = client.get(URL, {"start": "2026-01", "end": "2026-03"})
    assert response.status_code == 200
    more = [
        ServiceFactory(procedure=ProcedureFactory(owner_department=DepartmentFactory(), code=f"PO-X-{n}"))
        for n in range(3)
    ]
    for service in more:
        case = closed_case(service, registered=day(1, 5), review=day(1, 6), closed=day(1, 30), on_time=False)
        nonconformity(case.department, procedure=service.procedure, detected=day(2, 2), cause=nonconformities["staff"])
    client.get(URL)  # the catalogue changed: the menus' cache fills again, once
    with django_assert_max_num_queries(most):
        assert client.get(URL, {"start": "2026-01", "end": "2026-03"}).status_code == 200


def test_a_department_chosen_by_the_quality_manager_narrows_every_table(
    client, quality_manager, nonconformities, taxes
):
    client.force_login(quality_manager)
    response = client.get(URL, {"start": "2026-01", "end": "2026-03", "department": taxes.pk})
    assert [row.subject for row in response.context["by_department"]] == [taxes]


def test_heads_of_two_departments_may_choose_between_them(client, nonconformities, department, taxes):
    head = StaffFactory()
    for dept in (department, taxes):
        MembershipFactory(user=head, department=dept, role=Membership.Role.HEAD)
    client.force_login(head)
    response = client.get(URL, {"start": "2026-01", "end": "2026-03", "department": taxes.pk})
    assert [row.subject for row in response.context["by_department"]] == [taxes]
    assert reverse("quality:patterns") == URL


def test_the_quality_indicators_page_has_a_nonconformities_section(
    client, quality_manager, nonconformities, late_cases
):
    client.force_login(quality_manager)
    response = client.get(reverse("quality_reports:indicators"))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="nonconformities"' in page
    assert "PO-DUAT-02" in page
    assert any(row.offenders for row in response.context["nonconformities"])
