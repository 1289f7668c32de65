"""A version's life: each step by the right person, never by its drafter, signed off; the catalogue follows."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from quality import workflow
from quality.models import ProcedureVersion, ReviewPolicy, SignOff
from tests.factories import CaseFactory, ServiceFactory, StaffFactory

from .conftest import pdf, status

pytestmark = pytest.mark.django_db
S = ProcedureVersion.Status
TODAY = datetime.date(2026, 11, 30)


def test_a_new_draft_is_the_next_revision_of_the_version_in_force_recorded_from_the_catalogue(draft, procedure):
    current = procedure.versions.get(status=S.EFFECTIVE)
    assert (current.edition, current.revision) == (2, 1)
    assert (draft.edition, draft.revision, draft.status) == (2, 2, S.DRAFT)
    assert len(draft.sha256) == 64
    [signed] = draft.sign_offs.all()
    assert (signed.step, signed.name, signed.function) == ("drafted", "Ioana Redactor", "Consilier")


def test_a_new_edition_starts_at_revision_zero(procedure, drafter):
    version = workflow.start_version(
        procedure,
        by=drafter,
        function="",
        component="whole",
        change_summary="Rescrisă.",
        document=pdf(),
        new_edition=True,
    )
    assert (version.edition, version.revision) == (3, 0)


def test_only_one_version_is_in_progress_at_a_time(draft, procedure, drafter):
    with pytest.raises(ValidationError, match="in progress"):
        workflow.start_version(
            procedure, by=drafter, function="", component="scope", change_summary="x", document=pdf()
        )


def test_drafting_needs_the_permission(procedure):
    with pytest.raises(PermissionDenied):
        workflow.start_version(
            procedure, by=StaffFactory(), function="", component="scope", change_summary="x", document=pdf()
        )


def test_the_full_path_draft_verification_approval_effect(draft, drafter, verifier, mayor, procedure):
    workflow.submit_for_verification(draft, by=drafter)
    assert status(draft) == S.IN_VERIFICATION
    workflow.verify(draft, by=verifier, function="Responsabil calitate")
    assert status(draft) == S.IN_APPROVAL
    version = workflow.approve(
        draft, by=mayor, function="Primar", effective_date=datetime.date(2026, 12, 15), today=TODAY
    )
    assert version.status == S.APPROVED
    assert procedure.versions.get(status=S.EFFECTIVE).revision == 1  # not yet
    assert [s.step for s in draft.sign_offs.all()] == ["drafted", "verified", "approved"]
    assert [s.function for s in draft.sign_offs.all()] == ["Consilier", "Responsabil calitate", "Primar"]


def test_nobody_verifies_their_own_draft(draft, drafter, groups):
    from quality import roles

    drafter.groups.add(groups[roles.COMMISSION])
    workflow.submit_for_verification(draft, by=drafter)
    with pytest.raises(ValidationError, match="someone else"):
        workflow.verify(draft, by=drafter, function="")
    assert status(draft) == S.IN_VERIFICATION


def test_nobody_approves_their_own_draft(draft, drafter, verifier, groups):
    from quality import roles

    drafter.groups.add(groups[roles.INSTITUTION_HEAD])
    workflow.submit_for_verification(draft, by=drafter)
    workflow.verify(draft, by=verifier, function="")
    with pytest.raises(ValidationError, match="someone else"):
        workflow.approve(draft, by=drafter, function="", effective_date=TODAY, today=TODAY)
    assert status(draft) == S.IN_APPROVAL


def test_each_step_needs_its_role(draft, drafter, verifier, mayor):
    workflow.submit_for_verification(draft, by=drafter)
    with pytest.raises(PermissionDenied):
        workflow.verify(draft, by=mayor, function="")
    workflow.verify(draft, by=verifier, function="")
    with pytest.raises(PermissionDenied):
        workflow.approve(draft, by=verifier, function="", effective_date=TODAY, today=TODAY)


def test_a_step_out_of_order_is_refused(draft, verifier, mayor):
    with pytest.raises(ValidationError, match="cannot be taken now"):
        workflow.verify(draft, by=verifier, function="")
    with pytest.raises(ValidationError, match="cannot be taken now"):
        workflow.approve(draft, by=mayor, function="", effective_date=TODAY, today=TODAY)


def test_a_refusal_returns_the_version_to_draft_with_its_comment(draft, drafter, verifier, mayor):
    workflow.submit_for_verification(draft, by=drafter)
    with pytest.raises(ValidationError, match="what must change"):
        workflow.return_to_draft(draft, by=verifier, function="", comment="  ")
    workflow.return_to_draft(draft, by=verifier, function="", comment="Lipsește fluxul de la pasul 3.")
    assert status(draft) == S.DRAFT
    workflow.submit_for_verification(draft, by=drafter)
    workflow.verify(draft, by=verifier, function="")
    workflow.return_to_draft(draft, by=mayor, function="Primar", comment="Termenul e greșit.")
    steps = [(s.step, s.comment) for s in draft.sign_offs.all()]
    assert steps[1] == ("returned", "Lipsește fluxul de la pasul 3.")
    assert steps[-1] == ("returned", "Termenul e greșit.")


def test_approval_with_an_effective_date_today_puts_it_in_force_and_supersedes_the_old_one(
    draft, drafter, verifier, mayor, procedure
):
    old = procedure.versions.get(status=S.EFFECTIVE)
    workflow.submit_for_verification(draft, by=drafter)
    workflow.verify(draft, by=verifier, function="")
    version = workflow.approve(draft, by=mayor, function="", effective_date=TODAY, today=TODAY)
    assert version.status == S.EFFECTIVE and version.effective_date == TODAY
    old.refresh_from_db()
    assert (old.status, old.superseded_on) == (S.SUPERSEDED, TODAY)
    procedure.refresh_from_db()
    assert (procedure.edition, procedure.revision, procedure.effective_date) == (2, 2, TODAY)
    assert ReviewPolicy.objects.get(procedure=procedure).next_review_on == datetime.date(2027, 11, 30)


def test_the_daily_task_puts_approved_versions_in_force_on_their_date_once(draft, drafter, verifier, mayor, procedure):
    workflow.submit_for_verification(draft, by=drafter)
    workflow.verify(draft, by=verifier, function="")
    workflow.approve(draft, by=mayor, function="", effective_date=datetime.date(2026, 12, 15), today=TODAY)
    assert workflow.take_effect_due(datetime.date(2026, 12, 14)) == 0
    assert status(draft) == S.APPROVED
    assert workflow.take_effect_due(datetime.date(2026, 12, 15)) == 1
    assert status(draft) == S.EFFECTIVE
    assert workflow.take_effect_due(datetime.date(2026, 12, 16)) == 0  # idempotent
    assert procedure.versions.filter(status=S.EFFECTIVE).count() == 1


def test_a_case_keeps_the_edition_it_was_registered_under_and_new_cases_take_the_new_one(
    draft, drafter, verifier, mayor, procedure
):
    service = ServiceFactory(procedure=procedure)
    before = CaseFactory(service=service)
    workflow.submit_for_verification(draft, by=drafter)
    workflow.verify(draft, by=verifier, function="")
    workflow.approve(draft, by=mayor, function="", effective_date=TODAY, today=TODAY)
    service.refresh_from_db()  # as the next request reads it
    after = CaseFactory(service=service)
    before.refresh_from_db()
    assert (before.procedure_edition, before.procedure_revision) == (2, 1)
    assert (after.procedure_edition, after.procedure_revision) == (2, 2)


def test_withdrawal_needs_a_reason_and_the_approvers_role(draft, drafter, verifier, mayor, procedure):
    current = procedure.versions.get(status=S.EFFECTIVE)
    with pytest.raises(PermissionDenied):
        workflow.withdraw(current, by=verifier, function="", reason="Nu mai se aplică.")
    with pytest.raises(ValidationError, match="reason"):
        workflow.withdraw(current, by=mayor, function="", reason="")
    workflow.withdraw(current, by=mayor, function="Primar", reason="Activitatea a trecut la alt serviciu.")
    current.refresh_from_db()
    assert (current.status, current.withdrawal_reason) == (S.WITHDRAWN, "Activitatea a trecut la alt serviciu.")


def test_the_sign_off_log_is_append_only(draft):
    signed = draft.sign_offs.get()
    signed.comment = "altceva"
    with pytest.raises(ValidationError):
        signed.save()
    with pytest.raises(ValidationError):
        signed.delete()
    with pytest.raises(ValidationError):
        SignOff.objects.filter(pk=signed.pk).update(comment="altceva")
    with pytest.raises(ValidationError):
        SignOff.objects.filter(pk=signed.pk).delete()
    assert SignOff.objects.get(pk=signed.pk).comment == ""


def test_edition_and_revision_are_unique_per_procedure(draft, procedure, drafter):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        ProcedureVersion.objects.create(
            procedure=procedure, edition=2, revision=2, component="scope", change_summary="x", drafted_by=drafter
        )


def test_the_database_itself_refuses_to_change_or_delete_a_sign_off(draft):
    from django.db import DatabaseError, connection, transaction

    signed = draft.sign_offs.get()
    table = SignOff._meta.db_table
    for sql in (f"UPDATE {table} SET comment = 'altceva' WHERE id = %s", f"DELETE FROM {table} WHERE id = %s"):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [signed.pk])
    assert SignOff.objects.get(pk=signed.pk).comment == ""


def test_the_database_itself_keeps_an_acknowledgement_once_given(draft, drafter):
    from django.db import DatabaseError, connection, transaction
    from django.utils import timezone

    from quality.models import Acknowledgement

    pending = Acknowledgement.objects.create(version=draft, person=drafter)
    Acknowledgement.objects.filter(pk=pending.pk).update(opened_at=timezone.now())  # not yet given: free
    Acknowledgement.objects.filter(pk=pending.pk).update(acknowledged_at=timezone.now())
    table = Acknowledgement._meta.db_table
    for sql in (f"UPDATE {table} SET acknowledged_at = NULL WHERE id = %s", f"DELETE FROM {table} WHERE id = %s"):
        with pytest.raises(DatabaseError, match="fixed once given"), transaction.atomic(), connection.cursor() as c:
            c.execute(sql, [pending.pk])
    assert Acknowledgement.objects.get(pk=pending.pk).acknowledged_at is not None
