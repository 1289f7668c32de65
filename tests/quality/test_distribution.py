"""Who is asked to read a version, and asked again when the next one takes effect."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from quality import distribution, workflow
from quality.models import Acknowledgement, Purpose, QualitySettings
from tests.factories import DepartmentFactory, MembershipFactory, StaffFactory

from .conftest import pdf

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 30)


@pytest.fixture
def civil_status(db):
    department = DepartmentFactory(code="stare-civila", name="Stare civilă")
    for first in ("Ana", "Béla", "Radu"):
        MembershipFactory(department=department, user=StaffFactory(first_name=first))
    return department


@pytest.fixture
def in_force(procedure):
    return workflow.record_current_version(procedure)


def asked(version):
    return {(a.person.first_name, a.purpose) for a in Acknowledgement.objects.filter(version=version)}


def next_version_in_force(procedure, drafter, verifier, mayor):
    version = workflow.start_version(
        procedure, by=drafter, function="", component="forms", change_summary="Formular nou.", document=pdf()
    )
    workflow.submit_for_verification(version, by=drafter)
    workflow.verify(version, by=verifier, function="")
    return workflow.approve(version, by=mayor, function="", effective_date=TODAY, today=TODAY)


def test_each_member_of_a_department_on_the_list_is_asked_once(in_force, civil_status, drafter):
    distribution.distribute(in_force, by=drafter, department=civil_status, purpose=Purpose.INFORMATION)
    ana = civil_status.memberships.get(user__first_name="Ana").user
    distribution.distribute(in_force, by=drafter, person=ana, purpose=Purpose.APPLY)
    # One task per person and version, with the most demanding purpose that reaches them.
    assert asked(in_force) == {("Ana", "apply"), ("Béla", "information"), ("Radu", "information")}
    assert Acknowledgement.objects.filter(version=in_force, person=ana).count() == 1


def test_a_new_version_carries_the_list_and_asks_everyone_again(
    in_force, civil_status, drafter, verifier, mayor, procedure
):
    distribution.distribute(in_force, by=drafter, department=civil_status)
    first = Acknowledgement.objects.filter(version=in_force).first()
    distribution.acknowledge(first, by=first.person)
    new = next_version_in_force(procedure, drafter, verifier, mayor)
    assert [line.department for line in new.distributions.all()] == [civil_status]
    assert asked(new) == {("Ana", "apply"), ("Béla", "apply"), ("Radu", "apply")}
    assert not Acknowledgement.objects.filter(version=new, acknowledged_at__isnull=False).exists()
    first.refresh_from_db()
    assert first.acknowledged_at is not None  # the acknowledgement of the old version stays


def test_the_institution_may_ask_again_only_those_who_apply_it(
    in_force, civil_status, drafter, verifier, mayor, procedure
):
    settings = QualitySettings.load()
    settings.reacknowledge = QualitySettings.Reacknowledge.APPLY
    settings.save()
    archivist = StaffFactory(first_name="Arhivar")
    distribution.distribute(in_force, by=drafter, department=civil_status, purpose=Purpose.APPLY)
    distribution.distribute(in_force, by=drafter, person=archivist, purpose=Purpose.ARCHIVE)
    assert ("Arhivar", "archive") in asked(in_force)
    new = next_version_in_force(procedure, drafter, verifier, mayor)
    assert asked(new) == {("Ana", "apply"), ("Béla", "apply"), ("Radu", "apply")}


def test_only_the_person_asked_acknowledges_and_only_once(in_force, civil_status, drafter):
    distribution.distribute(in_force, by=drafter, department=civil_status)
    task = Acknowledgement.objects.filter(version=in_force).first()
    with pytest.raises(PermissionDenied):
        distribution.acknowledge(task, by=drafter)
    given = distribution.acknowledge(task, by=task.person).acknowledged_at
    again = distribution.acknowledge(task, by=task.person).acknowledged_at
    assert given == again


def test_a_person_leaving_the_department_is_not_asked_for_the_next_version(
    in_force, civil_status, drafter, verifier, mayor, procedure
):
    distribution.distribute(in_force, by=drafter, department=civil_status)
    civil_status.memberships.get(user__first_name="Radu").delete()
    new = next_version_in_force(procedure, drafter, verifier, mayor)
    assert asked(new) == {("Ana", "apply"), ("Béla", "apply")}
