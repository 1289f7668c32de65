"""Acknowledgements not given: one reminder to the person, then one escalation to their heads."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from quality import reminders, workflow
from quality.distribution import acknowledge, distribute
from quality.models import Acknowledgement, QualitySettings
from services.models import Membership
from tests.factories import MembershipFactory, StaffFactory

pytestmark = pytest.mark.django_db
ASKED = timezone.make_aware(datetime.datetime(2026, 11, 2, 9, 0))


@pytest.fixture
def team(procedure, drafter):
    """Two clerks and their head in the owner department, asked on ASKED to acknowledge the version in force."""
    department = procedure.owner_department
    head = StaffFactory(first_name="Cristina", last_name="Ionescu", preferred_language="ro")
    clerks = [StaffFactory(first_name="Attila", last_name="Nagy", preferred_language="hu"), StaffFactory()]
    MembershipFactory(department=department, user=head, role=Membership.Role.HEAD)
    for clerk in clerks:
        MembershipFactory(department=department, user=clerk)
    version = workflow.record_current_version(procedure)
    distribute(version, by=drafter, department=department)
    Acknowledgement.objects.update(requested_at=ASKED)
    return head, clerks, version


def day(n):
    return ASKED + datetime.timedelta(days=n)


def test_nothing_is_sent_before_the_reminder_days(team):
    assert reminders.remind_acknowledgements(day(4)) == {"reminded": 0, "escalated": 0}
    assert not mail.outbox


def test_each_person_gets_one_reminder_in_their_language(team):
    head, clerks, version = team
    assert reminders.remind_acknowledgements(day(5)) == {"reminded": 3, "escalated": 0}
    to_attila = next(m for m in mail.outbox if m.to == [clerks[0].email])
    assert "PO-DUAT-02" in to_attila.body
    assert Acknowledgement.objects.filter(reminded_at=day(5)).count() == 3
    assert reminders.remind_acknowledgements(day(6)) == {"reminded": 0, "escalated": 0}
    assert len(mail.outbox) == 3


def test_who_has_acknowledged_is_not_reminded(team):
    head, clerks, version = team
    acknowledge(Acknowledgement.objects.get(person=clerks[0]), by=clerks[0], now=day(1))
    reminders.remind_acknowledgements(day(5))
    assert clerks[0].email not in [m.to[0] for m in mail.outbox]


def test_after_the_escalation_days_the_head_gets_one_list_of_who_has_not_acknowledged(team):
    head, clerks, version = team
    reminders.remind_acknowledgements(day(5))
    mail.outbox.clear()
    assert reminders.remind_acknowledgements(day(10)) == {"reminded": 0, "escalated": 1}
    [message] = mail.outbox
    assert message.to == [head.email]
    assert "Attila Nagy" in message.body
    assert message.body.count(head.display_name) == 1  # the greeting: the head is not escalated to themselves
    assert Acknowledgement.objects.filter(escalated_at=day(10)).count() == 2
    assert reminders.remind_acknowledgements(day(20)) == {"reminded": 0, "escalated": 0}


def test_the_institution_chooses_the_days(team):
    settings = QualitySettings.load()
    settings.reminder_days, settings.escalation_days = 2, 3
    settings.save()
    assert reminders.remind_acknowledgements(day(3)) == {"reminded": 3, "escalated": 1}


def test_a_superseded_version_is_not_reminded(team, procedure, drafter, verifier, mayor):
    from .conftest import pdf

    draft = workflow.start_version(
        procedure, by=drafter, function="", component="scope", change_summary="x", document=pdf()
    )
    workflow.submit_for_verification(draft, by=drafter)
    workflow.verify(draft, by=verifier, function="")
    workflow.approve(draft, by=mayor, function="", effective_date=day(0).date(), today=day(0).date())
    Acknowledgement.objects.filter(version=draft).update(acknowledged_at=None, requested_at=day(9))
    reminders.remind_acknowledgements(day(10))
    head, clerks, old = team
    assert not Acknowledgement.objects.filter(version=old).exclude(reminded_at=None).exists()
