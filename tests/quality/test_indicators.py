"""Per department: the share of reviews made on time, and the share of acknowledgements given."""

import datetime

import pytest
from django.utils import timezone

from quality import workflow
from quality.indicators import department_quality, share
from quality.models import Acknowledgement, Review
from tests.factories import DepartmentFactory, MembershipFactory, ProcedureFactory, StaffFactory

pytestmark = pytest.mark.django_db
START, END = datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)


@pytest.mark.parametrize(("part", "whole", "expected"), [(3, 4, 0.75), (0, 2, 0.0), (0, 0, None)])
def test_a_share_is_none_when_there_is_nothing_to_measure(part, whole, expected):
    assert share(part, whole) == expected


def review(procedure, version, *, due, done, by):
    return Review.objects.create(
        procedure=procedure, version=version, due_on=due, reviewed_on=done, outcome="unchanged", reviewed_by=by
    )


def test_reviews_on_time_count_the_department_s_own_procedures_reviewed_in_the_period(drafter):
    urbanism, taxes = DepartmentFactory(code="urbanism"), DepartmentFactory(code="taxe")
    mine = ProcedureFactory(owner_department=urbanism)
    version = workflow.record_current_version(mine)
    review(mine, version, due=datetime.date(2026, 3, 1), done=datetime.date(2026, 2, 20), by=drafter)
    review(mine, version, due=datetime.date(2026, 6, 1), done=datetime.date(2026, 6, 1), by=drafter)
    review(mine, version, due=datetime.date(2026, 9, 1), done=datetime.date(2026, 9, 15), by=drafter)
    review(mine, version, due=datetime.date(2025, 6, 1), done=datetime.date(2025, 6, 1), by=drafter)  # before
    rows = {row.department.code: row for row in department_quality(START, END, [urbanism, taxes])}
    assert (rows["urbanism"].reviews, rows["urbanism"].reviews_on_time) == (3, 2)
    assert rows["urbanism"].reviews_on_time_share == pytest.approx(2 / 3)
    assert rows["taxe"].reviews == 0 and rows["taxe"].reviews_on_time_share is None


def test_the_acknowledgement_rate_counts_the_department_s_people_for_versions_in_force(drafter, procedure):
    urbanism = DepartmentFactory(code="urbanism")
    people = [StaffFactory() for _ in range(4)]
    for person in people:
        MembershipFactory(department=urbanism, user=person)
    outsider = StaffFactory()
    version = workflow.record_current_version(procedure)
    old = workflow.record_current_version(ProcedureFactory(code="PO-OLD-01"))
    old.status = "superseded"
    old.save(update_fields=["status"])
    now = timezone.now()
    for n, person in enumerate([*people, outsider]):
        Acknowledgement.objects.create(version=version, person=person, acknowledged_at=now if n in (0, 1, 4) else None)
        Acknowledgement.objects.create(version=old, person=person)  # superseded: not counted
    [row] = department_quality(START, END, [urbanism])
    assert (row.acknowledgements_requested, row.acknowledged) == (4, 2)
    assert row.acknowledgement_rate == 0.5


def test_all_departments_by_name_when_none_are_given():
    DepartmentFactory(code="b", name="Direcția B")
    DepartmentFactory(code="a", name="Direcția A")
    assert [row.department.name for row in department_quality(START, END)][:2] == ["Direcția A", "Direcția B"]
