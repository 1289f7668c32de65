"""The ISO 9001 §9.1 indicators: the figures on known data, who sees which departments, the charts and the CSV."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from services import workflow
from services.aggregates import Median
from services.calendar import clock_at
from services.dashboard.rounding import round_half_up
from services.dashboard.selectors import Period, indicators
from services.models import Case, Status
from tests.factories import CaseFactory, DepartmentFactory, MembershipFactory, ProcedureFactory, ServiceFactory

TODAY = datetime.date(2026, 6, 15)  # a Monday
YEAR = Period(datetime.date(2026, 1, 1), TODAY)
URL = "/birou/indicatori/"


def make_case(service, *, registered, due=None, closed=None, status=Status.APPROVED, on_time=True, days=None):
    """A case registered through the workflow; its closing written directly, for tests of the aggregates only."""
    at = timezone.make_aware(datetime.datetime.combine(registered, datetime.time(9, 0)))
    with clock_at(registered):
        case = CaseFactory(service=service, applicant=None, applicant_name="Ion Pop", registered_at=at)
    changes = {"due_date": due} if due else {}
    if closed:
        withdrawn = status == Status.WITHDRAWN
        changes.update(
            status=status,
            closed_on=closed,
            closed_on_time=None if withdrawn else on_time,
            processing_working_days=None if withdrawn else days,
        )
    Case.objects.filter(pk=case.pk).update(**changes)
    return case


def figures(period=YEAR, department_ids=None):
    return indicators(department_ids=department_ids, period=period, today=TODAY).total


@pytest.fixture
def other_service(db):
    department = DepartmentFactory(code="taxe", name="Direcția Taxe")
    return ServiceFactory(procedure=ProcedureFactory(owner_department=department, code="PO-DTL-01"))


# --- the figures ----------------------------------------------------------------------------------------------


def test_cases_registered_in_the_period_are_counted_as_opened(service):
    make_case(service, registered=datetime.date(2025, 12, 15))
    make_case(service, registered=datetime.date(2026, 1, 5))
    make_case(service, registered=datetime.date(2026, 3, 2))
    make_case(service, registered=datetime.date(2026, 4, 1))
    assert figures(Period(datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))).opened == 2


def test_cases_closed_in_the_period_count_whatever_their_closing_status(service):
    for status in (Status.APPROVED, Status.REJECTED, Status.WITHDRAWN, "forwarded"):
        make_case(
            service, registered=datetime.date(2026, 2, 2), closed=datetime.date(2026, 3, 2), status=status, days=20
        )
    make_case(service, registered=datetime.date(2026, 2, 2), closed=datetime.date(2026, 4, 1), days=40)
    assert figures(Period(datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))).closed == 4


def test_open_now_counts_the_open_cases_registered_by_the_end_of_the_period(service):
    make_case(service, registered=datetime.date(2025, 11, 3))
    make_case(service, registered=datetime.date(2026, 3, 2))
    make_case(service, registered=datetime.date(2026, 5, 4))
    make_case(service, registered=datetime.date(2026, 2, 2), closed=datetime.date(2026, 3, 2), days=20)
    assert figures(Period(datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))).open == 2


def test_overdue_counts_the_open_cases_past_their_due_date(service, clerk):
    make_case(service, registered=datetime.date(2026, 4, 1), due=datetime.date(2026, 6, 12))
    make_case(service, registered=datetime.date(2026, 4, 1), due=TODAY)
    make_case(
        service,
        registered=datetime.date(2026, 4, 1),
        due=datetime.date(2026, 6, 1),
        closed=datetime.date(2026, 6, 5),
        on_time=False,
        days=45,
    )
    suspended = make_case(service, registered=datetime.date(2026, 4, 1))
    with clock_at(datetime.date(2026, 4, 2)):
        workflow.request_completion(suspended, by=clerk, note="Lipsește planul de situație.")
    assert figures().overdue == 1


def test_overdue_is_judged_at_the_end_of_a_past_period(service):
    make_case(service, registered=datetime.date(2026, 2, 2), due=datetime.date(2026, 3, 4))
    assert figures(Period(datetime.date(2026, 1, 1), datetime.date(2026, 3, 4))).overdue == 0
    assert figures(Period(datetime.date(2026, 1, 1), datetime.date(2026, 3, 5))).overdue == 1


def test_the_on_time_rate_leaves_out_withdrawn_cases(service):
    closed = datetime.date(2026, 3, 2)
    for on_time in (True, True, True, False):
        make_case(service, registered=datetime.date(2026, 2, 2), closed=closed, on_time=on_time, days=10)
    make_case(service, registered=datetime.date(2026, 2, 2), closed=closed, status=Status.WITHDRAWN)
    total = figures()
    assert (total.closed, total.closed_judged, total.closed_on_time) == (5, 4, 3)
    assert total.on_time_rate == 75.0


def test_the_on_time_rate_is_empty_when_nothing_was_closed(service):
    make_case(service, registered=datetime.date(2026, 2, 2))
    assert figures().on_time_rate is None
    assert figures().median_days is None


def test_the_median_processing_time_of_an_odd_number_of_cases_is_the_middle_one(service):
    for days in (2, 9, 4):
        make_case(service, registered=datetime.date(2026, 2, 2), closed=datetime.date(2026, 3, 2), days=days)
    assert figures().median_days == 4


def test_the_median_processing_time_of_an_even_number_of_cases_is_the_mean_of_the_middle_two(service):
    for days in (10, 2, 8, 3):
        make_case(service, registered=datetime.date(2026, 2, 2), closed=datetime.date(2026, 3, 2), days=days)
    assert figures().median_days == 5.5


def test_the_median_counts_only_the_cases_closed_in_the_period(service):
    make_case(service, registered=datetime.date(2025, 11, 3), closed=datetime.date(2025, 12, 1), days=100)
    make_case(service, registered=datetime.date(2026, 2, 2), closed=datetime.date(2026, 3, 2), days=7)
    make_case(service, registered=datetime.date(2026, 2, 2), closed=datetime.date(2026, 3, 2), status=Status.WITHDRAWN)
    assert figures().median_days == 7


def test_the_median_aggregate_works_without_a_filter(service):
    for days in (1, 5):
        make_case(service, registered=datetime.date(2026, 2, 2), closed=datetime.date(2026, 3, 2), days=days)
    assert Case.objects.aggregate(median=Median("processing_working_days"))["median"] == 3


def test_the_indicators_are_broken_down_per_procedure_and_per_department(service, other_service):
    make_case(service, registered=datetime.date(2026, 2, 2), closed=datetime.date(2026, 3, 2), days=5)
    make_case(service, registered=datetime.date(2026, 2, 2), closed=datetime.date(2026, 3, 2), on_time=False, days=25)
    make_case(other_service, registered=datetime.date(2026, 2, 2), closed=datetime.date(2026, 2, 4), days=2)
    result = indicators(department_ids=None, period=YEAR, today=TODAY)
    by_procedure = {row.subject.code: row for row in result.by_procedure}
    assert by_procedure["PO-DUAT-02"].on_time_rate == 50
    assert by_procedure["PO-DUAT-02"].median_days == 15
    assert by_procedure["PO-DTL-01"].on_time_rate == 100
    assert [row.subject.code for row in result.by_department] == ["taxe", "urbanism"]
    assert [row.closed for row in result.by_department] == [1, 2]
    assert result.total.closed == 3


def test_cases_opened_are_counted_per_month_of_the_period(service):
    make_case(service, registered=datetime.date(2026, 1, 5))
    make_case(service, registered=datetime.date(2026, 1, 20))
    make_case(service, registered=datetime.date(2026, 3, 2))
    result = indicators(
        department_ids=None, period=Period(datetime.date(2026, 1, 1), datetime.date(2026, 3, 31)), today=TODAY
    )
    assert result.opened_per_month == [
        (datetime.date(2026, 1, 1), 2),
        (datetime.date(2026, 2, 1), 0),
        (datetime.date(2026, 3, 1), 1),
    ]


def test_the_workflow_records_what_the_indicators_count(service, citizen, clerk):
    registered = datetime.date(2026, 2, 2)  # Monday; due 4 March (30 calendar days)
    late = make_case(service, registered=registered)
    on_time = make_case(service, registered=registered)
    with clock_at(datetime.date(2026, 2, 13)):  # 9 working days later
        workflow.resolve_case(on_time, by=clerk, outcome=Status.APPROVED, note="Certificatul a fost emis.")
    with clock_at(datetime.date(2026, 3, 9)):  # after the due date, 25 working days later
        workflow.resolve_case(late, by=clerk, outcome=Status.REJECTED, note="Documentație incompletă.")
    total = figures()
    assert (total.closed, total.on_time_rate, total.median_days) == (2, 50, 17)


# --- who sees what --------------------------------------------------------------------------------------------


def get(client, user, url=URL, **params):
    client.force_login(user)
    with clock_at(TODAY):
        return client.get(url, params)


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_a_clerk_may_not_see_the_indicators(client, clerk):
    assert get(client, clerk).status_code == 403
    assert get(client, clerk, reverse("dashboard:indicators_csv")).status_code == 403


def test_a_head_sees_only_the_departments_they_head(client, head, service, other_service):
    make_case(service, registered=datetime.date(2026, 2, 2))
    make_case(other_service, registered=datetime.date(2026, 2, 2))
    response = get(client, head)
    assert response.status_code == 200
    data = response.context["indicators"]
    assert [row.subject.code for row in data.by_department] == ["urbanism"]
    assert [row.subject.code for row in data.by_procedure] == ["PO-DUAT-02"]
    assert data.total.opened == 1
    assert "PO-DTL-01" not in response.content.decode()


def test_a_head_asking_for_another_department_still_sees_only_their_own(client, head, service, other_service):
    make_case(service, registered=datetime.date(2026, 2, 2))
    make_case(other_service, registered=datetime.date(2026, 2, 2))
    response = get(client, head, department=other_service.procedure.owner_department.pk)
    assert [row.subject.code for row in response.context["indicators"].by_department] == ["urbanism"]
    assert response.context["indicators"].total.opened == 1


def test_a_head_of_two_departments_may_choose_one_of_them_only(client, head, other_service):
    second = DepartmentFactory(code="social", name="Direcția Asistență Socială")
    MembershipFactory(department=second, user=head, role="head")
    MembershipFactory(department=other_service.procedure.owner_department, user=head)  # a clerk there, not the head
    assert get(client, head, department=second.pk).context["indicators"].total.opened == 0
    response = get(client, head, department=other_service.procedure.owner_department.pk)
    assert "indicators" not in response.context
    assert "department" in response.context["form"].errors


def test_the_quality_manager_sees_every_department(client, quality_manager, service, other_service):
    make_case(service, registered=datetime.date(2026, 2, 2))
    make_case(other_service, registered=datetime.date(2026, 2, 2))
    data = get(client, quality_manager).context["indicators"]
    assert [row.subject.code for row in data.by_department] == ["taxe", "urbanism"]
    assert data.total.opened == 2


def test_the_quality_manager_may_look_at_one_department(client, quality_manager, service, other_service):
    make_case(service, registered=datetime.date(2026, 2, 2))
    make_case(other_service, registered=datetime.date(2026, 2, 2))
    department = other_service.procedure.owner_department
    data = get(client, quality_manager, department=department.pk).context["indicators"]
    assert [row.subject.code for row in data.by_department] == ["taxe"]


# --- the page -------------------------------------------------------------------------------------------------


def test_the_default_period_is_the_calendar_year_up_to_today(client, head):
    assert get(client, head).context["indicators"].period == YEAR


def test_the_period_comes_from_the_query_string(client, head):
    response = get(client, head, start="2026-03-01", end="2026-03-31")
    assert response.context["indicators"].period == Period(datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))


def test_a_period_ending_before_it_starts_is_refused(client, head):
    response = get(client, head, start="2026-03-31", end="2026-03-01")
    assert "indicators" not in response.context
    assert "govuk-error-summary" in response.content.decode()


def test_the_page_shows_the_tables_and_accessible_svg_charts(client, head, service):
    make_case(service, registered=datetime.date(2026, 2, 2), closed=datetime.date(2026, 3, 2), days=5)
    html = get(client, head).content.decode()
    assert html.count('role="img"') == 2
    assert 'aria-labelledby="on-time-chart-title on-time-chart-desc"' in html
    assert '<title id="on-time-chart-title">' in html
    assert '<desc id="month-chart-desc">' in html
    assert 'id="by-procedure"' in html
    assert 'id="by-department"' in html
    assert "100.0%" in html or "100,0%" in html


def test_the_chart_coordinates_never_carry_a_decimal_comma(client, head, service, settings):
    make_case(service, registered=datetime.date(2026, 2, 2), closed=datetime.date(2026, 3, 2), on_time=False, days=5)
    for on_time in (True, True):
        make_case(
            service, registered=datetime.date(2026, 2, 2), closed=datetime.date(2026, 3, 2), on_time=on_time, days=5
        )
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ro"
    html = get(client, head).content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert 'width="280.0"' in svg  # two thirds of the 420-unit plot


def test_the_csv_export_has_a_row_per_procedure_and_per_department_and_the_total(
    client, quality_manager, service, other_service
):
    for days in (3, 4):
        make_case(service, registered=datetime.date(2026, 2, 2), closed=datetime.date(2026, 3, 2), days=days)
    make_case(
        other_service, registered=datetime.date(2026, 2, 2), closed=datetime.date(2026, 3, 2), on_time=False, days=30
    )
    response = get(client, quality_manager, reverse("dashboard:indicators_csv"), start="2026-01-01", end="2026-06-15")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="indicatori-2026-01-01-2026-06-15.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    body = {(row[0], row[1]): row for row in rows[1:]}
    assert len(rows) == 1 + 2 + 2 + 1
    with translation.override("ro"):
        procedure_label, department_label, total_label = _("Procedure"), _("Department"), _("Total")
    procedure = body[(procedure_label, "PO-DUAT-02")]
    assert procedure[5:] == ["2", "2", "0", "0", "2", "2", "100,0", "3,5"]  # in Romanian, the active language
    department = body[(department_label, "taxe")]
    assert department[2] == "Direcția Taxe"
    assert department[5:] == ["1", "1", "0", "0", "0", "1", "0,0", "30,0"]
    total = next(row for row in rows if row[0] == total_label)
    assert total[5:9] == ["3", "3", "0", "0"]


def test_the_csv_export_refuses_an_invalid_period(client, head):
    response = get(client, head, reverse("dashboard:indicators_csv"), start="not a date")
    assert response.status_code == 400


def test_the_page_costs_the_same_queries_for_5_or_50_cases(
    client, quality_manager, service, other_service, django_assert_max_num_queries
):
    def cases(count):
        for i in range(count):
            registered = datetime.date(2026, 1 + i % 5, 5)
            if i % 3:
                make_case(
                    service if i % 2 else other_service,
                    registered=registered,
                    closed=registered + datetime.timedelta(days=20),
                    on_time=bool(i % 4),
                    days=i % 17,
                )
            else:
                make_case(service, registered=registered, due=registered + datetime.timedelta(days=30))

    def queries():
        client.force_login(quality_manager)
        with clock_at(TODAY):
            client.get(URL)  # a first visit remembers the authenticator and the calendar, as in a real session
        with clock_at(TODAY), CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured)

    cases(5)
    few = queries()
    cases(45)
    assert queries() == few
    with clock_at(TODAY), django_assert_max_num_queries(15):
        client.get(URL)


# --- the period's bounds ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "params",
    [
        {"start": "9999-11-01"},  # once a 500: the month arithmetic overflowed
        {"start": "0001-01-01", "end": "9999-11-30"},  # once 22 seconds of months
        {"start": "1999-12-31", "end": "2000-06-30"},
        {"end": "2028-01-01"},  # past the end of next year
    ],
)
def test_a_date_outside_the_bounds_is_refused_with_a_form_error(client, head, params):
    client.cookies["django_language"] = "en"
    response = get(client, head, **params)
    assert response.status_code == 400
    assert "indicators" not in response.context
    assert "Enter a date between 1 January 2000 and 31 December 2027." in response.content.decode()


def test_the_last_day_of_next_year_may_end_a_period(client, head):
    response = get(client, head, start="2026-01-01", end="2027-12-31")
    assert response.status_code == 200


def test_a_period_longer_than_five_years_is_refused(client, head):
    client.cookies["django_language"] = "en"
    response = get(client, head, start="2021-01-01", end="2026-01-01")
    assert response.status_code == 400
    assert response.context["form"].errors["end"] == ["The period may be at most five years long."]
    assert get(client, head, start="2021-01-01", end="2025-12-31").status_code == 200


def test_a_period_ending_before_it_starts_is_a_bad_request(client, head):
    assert get(client, head, start="2026-03-31", end="2026-03-01").status_code == 400


@pytest.mark.parametrize("params", [{"start": "9999-11-01"}, {"start": "0001-01-01", "end": "9999-11-30"}])
def test_the_csv_export_refuses_a_period_outside_the_bounds(client, head, params):
    client.cookies["django_language"] = "en"
    response = get(client, head, reverse("dashboard:indicators_csv"), **params)
    assert response.status_code == 400
    assert "Enter a date between" in response.content.decode()


# --- one rounding ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "shown"),
    [(None, None), (87.85, "87.9"), (87.84999, "87.8"), (200 / 3, "66.7"), (100 * 703 / 800, "87.9"), (12, "12.0")],
)
def test_figures_are_rounded_half_up_to_one_decimal(value, shown):
    rounded = round_half_up(value, 1)
    assert (None if rounded is None else str(rounded)) == shown


def test_the_csv_rounds_the_on_time_rate_as_the_page_does(client, head, service):
    # Two of three on time: 66.666…%, which the CSV once cut to 66,6 while the page showed 66,7.
    for on_time in (True, True, False):
        make_case(
            service, registered=datetime.date(2026, 2, 2), closed=datetime.date(2026, 3, 2), on_time=on_time, days=5
        )
    client.cookies["django_language"] = "ro"
    html = get(client, head).content.decode()
    response = get(client, head, reverse("dashboard:indicators_csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert {row[11] for row in rows[1:]} == {"66,7"}
    assert "66,7%" in html
    assert "66,6" not in html
