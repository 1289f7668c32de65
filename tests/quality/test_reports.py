"""The quality indicators page and the auditor's export, for the quality manager and heads only."""

import io
import zipfile

import pytest
from django.urls import reverse

from tests.factories import MembershipFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def with_totp(user):
    return user  # StaffFactory sets up the authenticator staff must have


def test_the_quality_manager_sees_every_department_and_downloads_the_audit_zip(client, drafter, procedure):
    from quality import workflow

    workflow.record_current_version(procedure)
    from services.roles import ensure_groups

    drafter.groups.add(ensure_groups())  # the quality managers' group of services sees every department
    client.force_login(with_totp(drafter))
    response = client.get(reverse("quality_reports:indicators"))
    assert response.status_code == 200
    assert procedure.owner_department.name in response.content.decode()
    export = client.get(reverse("quality_reports:audit_export"))
    assert export["Content-Type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(export.content)).namelist()
    assert "registru_proceduri.csv" in names and "registru_proceduri.pdf" in names


def test_a_head_sees_their_department_but_may_not_export(client, procedure):
    head = with_totp(StaffFactory())
    MembershipFactory(user=head, department=procedure.owner_department, role="head")
    client.force_login(head)
    assert client.get(reverse("quality_reports:indicators")).status_code == 200
    assert client.get(reverse("quality_reports:audit_export")).status_code == 403


def test_clerks_and_citizens_are_refused(client, procedure):
    clerk = with_totp(StaffFactory())
    MembershipFactory(user=clerk, department=procedure.owner_department)
    client.force_login(clerk)
    assert client.get(reverse("quality_reports:indicators")).status_code == 403
    client.force_login(UserFactory())
    assert client.get(reverse("quality_reports:indicators")).status_code == 403
    assert client.get(reverse("quality_reports:audit_export")).status_code == 403


def test_a_law_amended_after_a_version_took_effect_lists_its_procedure_to_revise(procedure):
    import datetime

    from quality.models import ExternalReference
    from quality.workflow import record_current_version

    record_current_version(procedure)  # in force since 1 March 2025
    law = ExternalReference.objects.create(title="Legea nr. 50/1991", last_amended_on=datetime.date(2025, 6, 1))
    law.procedures.add(procedure)
    assert law.to_revise() == "PO-DUAT-02"
    law.last_amended_on = datetime.date(2024, 1, 1)
    assert law.to_revise() == "—"


def test_the_quality_manager_keeps_the_laws_and_standards_in_the_admin(client, drafter):
    client.force_login(drafter)
    response = client.get("/admin/snippets/quality/externalreference/")
    assert response.status_code == 200
