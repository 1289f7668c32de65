"""Periodic review: the version in force is reviewed, the schedule moves on, the heads hear of it once."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from quality import reviews, workflow
from quality.models import ProcedureVersion, Review, ReviewPolicy
from quality.tasks import announce_procedure_reviews
from services.models import Membership
from tests.factories import MembershipFactory, ProcedureFactory, StaffFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 2, 10)


@pytest.fixture
def in_force(procedure, drafter):
    version = workflow.record_current_version(procedure)  # in force since 2025-03-01, review due 2026-03-01
    return version


@pytest.fixture
def head(procedure):
    user = StaffFactory(first_name="Gheorghe", last_name="Moldovan", preferred_language="hu")
    MembershipFactory(department=procedure.owner_department, user=user, role=Membership.Role.HEAD)
    return user


def policy_of(procedure):
    return ReviewPolicy.objects.get(procedure=procedure)


def test_a_review_records_the_version_in_force_and_moves_the_next_review_by_the_interval(in_force, procedure, drafter):
    ReviewPolicy.objects.filter(procedure=procedure).update(interval_months=24, reminded_on=TODAY)
    review = reviews.record_review(procedure, by=drafter, outcome="unchanged", notes="Corespunde.", today=TODAY)
    assert (review.version, review.due_on, review.reviewed_on) == (in_force, datetime.date(2026, 3, 1), TODAY)
    assert review.on_time
    policy = policy_of(procedure)
    assert (policy.next_review_on, policy.reminded_on) == (datetime.date(2028, 2, 10), None)


def test_a_late_review_is_recorded_as_late(in_force, procedure, drafter):
    review = reviews.record_review(
        procedure, by=drafter, outcome="unchanged", notes="", today=datetime.date(2026, 4, 2)
    )
    assert not review.on_time


def test_the_outcome_withdraw_is_recorded_but_the_version_stays_in_force(in_force, procedure, drafter):
    reviews.record_review(procedure, by=drafter, outcome="withdraw", notes="Activitate desființată.", today=TODAY)
    assert Review.objects.get().outcome == Review.Outcome.WITHDRAW
    assert ProcedureVersion.objects.get(pk=in_force.pk).status == ProcedureVersion.Status.EFFECTIVE


def test_a_head_of_the_owner_department_may_record_the_review_but_a_clerk_may_not(in_force, procedure, head):
    reviews.record_review(procedure, by=head, outcome="revise", notes="Formulare noi.", today=TODAY)
    with pytest.raises(PermissionDenied):
        reviews.record_review(procedure, by=StaffFactory(), outcome="unchanged", notes="", today=TODAY)


def test_an_unknown_outcome_or_no_version_in_force_is_refused(procedure, drafter, in_force):
    with pytest.raises(ValidationError):
        reviews.record_review(procedure, by=drafter, outcome="maybe", notes="", today=TODAY)
    other = ProcedureFactory()
    with pytest.raises(ValidationError, match="no version in force"):
        reviews.record_review(other, by=drafter, outcome="unchanged", notes="", today=TODAY)


def test_selectors_split_reviews_falling_due_from_overdue_ones(in_force, procedure):
    late = ProcedureFactory(code="PO-DITL-06", effective_date=datetime.date(2024, 1, 15))
    workflow.record_current_version(late)  # due 2025-01-15
    far = ProcedureFactory(code="PO-RU-01", effective_date=datetime.date(2026, 1, 5))
    workflow.record_current_version(far)  # due 2027-01-05
    assert [p.procedure.code for p in reviews.due_for_review(TODAY, 30)] == ["PO-DUAT-02"]
    assert [p.procedure.code for p in reviews.due_for_review(TODAY, 10)] == []
    assert [p.procedure.code for p in reviews.overdue(TODAY)] == ["PO-DITL-06"]


def test_a_withdrawn_procedure_is_no_longer_due_for_review(in_force, procedure, mayor):
    workflow.withdraw(in_force, by=mayor, function="Primar", reason="Abrogată.", today=TODAY)
    assert not reviews.due_for_review(TODAY, 30).exists()
    assert not reviews.overdue(datetime.date(2027, 1, 1)).exists()


def test_heads_are_told_once_in_their_language_within_the_notice_period(in_force, procedure, head):
    assert reviews.announce_reviews(datetime.date(2026, 1, 15)) == 0  # 45 days before: not yet
    assert reviews.announce_reviews(TODAY) == 1
    [message] = mail.outbox
    assert message.to == [head.email]
    assert "PO-DUAT-02" in message.body
    assert "Kedves" in message.body or "Gheorghe Moldovan" in message.body
    assert policy_of(procedure).reminded_on == TODAY
    assert reviews.announce_reviews(TODAY + datetime.timedelta(days=1)) == 0
    assert len(mail.outbox) == 1


def test_an_overdue_review_is_announced_once_more_and_listed(in_force, procedure, head):
    reviews.announce_reviews(TODAY)
    mail.outbox.clear()
    after_due = datetime.date(2026, 3, 2)
    assert reviews.announce_reviews(after_due) == 1
    assert "PO-DUAT-02" in mail.outbox[0].body
    assert policy_of(procedure).reminded_on == after_due
    assert reviews.announce_reviews(after_due + datetime.timedelta(days=1)) == 0


def test_a_department_without_a_head_is_written_at_its_own_address(in_force, procedure):
    procedure.owner_department.email = "urbanism@primarie.ro"
    procedure.owner_department.save()
    assert reviews.announce_reviews(TODAY) == 1
    assert mail.outbox[0].to == ["urbanism@primarie.ro"]


def test_the_daily_task_announces_the_reviews(in_force, procedure, head, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *args: TODAY)
    assert announce_procedure_reviews() == 1
