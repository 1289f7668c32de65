"""The Case spine's transitions: who may act, in what state, and what happens to the clock."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from portal.models import InstitutionSettings, NonWorkingDay
from services import workflow
from services.calendar import clock_at, institution_calendar
from services.deadlines import due_date
from services.models import Case, CaseEvent, Status
from tests.factories import CaseFactory, ProcedureFactory, ServiceFactory, UserFactory

MONDAY = datetime.date(2026, 3, 2)  # no holiday within 60 days either side but none matter for these tests


def registered_on(day, service, applicant):
    at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))
    with clock_at(day):
        return CaseFactory(service=service, applicant=applicant, registered_at=at)


@pytest.fixture
def case(service, citizen):
    return registered_on(MONDAY, service, citizen)


def test_registration_numbers_follow_the_institution_prefix_and_the_year(service, citizen):
    settings_row = InstitutionSettings.load()
    settings_row.registration_prefix = "PMC"
    settings_row.save()
    first = registered_on(MONDAY, service, citizen)
    second = registered_on(MONDAY, service, citizen)
    assert (first.registration_number, second.registration_number) == ("PMC-2026-000001", "PMC-2026-000002")


def test_registration_numbers_start_again_each_year(service, citizen):
    registered_on(datetime.date(2025, 12, 30), service, citizen)
    case = registered_on(datetime.date(2026, 1, 5), service, citizen)
    assert case.registration_number.endswith("-2026-000001")


def test_a_rolled_back_registration_gives_its_number_back(service, citizen):
    with pytest.raises(RuntimeError), transaction.atomic():
        registered_on(MONDAY, service, citizen)
        raise RuntimeError("the upload failed")
    assert registered_on(MONDAY, service, citizen).registration_number.endswith("-000001")


def test_registration_computes_the_due_date_with_the_procedures_rule(case):
    assert case.status == Status.REGISTERED
    assert case.due_date == due_date(MONDAY, 30, "calendar")
    assert case.events.get().action == CaseEvent.Action.REGISTERED


def test_registration_counts_the_institutions_extra_non_working_days(service, citizen):
    plain = due_date(MONDAY, 30, "calendar")
    NonWorkingDay.objects.create(date=plain, reason="Zi liberă punte")
    case = registered_on(MONDAY, service, citizen)
    assert case.due_date > plain


def test_a_new_procedure_edition_does_not_change_registered_cases(case, clerk):
    procedure = case.procedure
    procedure.edition, procedure.deadline_days = 2, 10
    procedure.save()
    workflow.start_review(case, by=clerk)
    with clock_at(MONDAY + datetime.timedelta(days=2)):
        workflow.request_completion(case, by=clerk, note="Lipsește planul de situație.")
    with clock_at(MONDAY + datetime.timedelta(days=4)):
        case = workflow.record_completion(case, by=clerk)
    assert (case.procedure_edition, case.deadline_days) == (1, 30)
    assert case.due_date == due_date(
        MONDAY,
        30,
        "calendar",
        suspensions=[(MONDAY + datetime.timedelta(days=2), MONDAY + datetime.timedelta(days=4))],
    )


def test_a_clerk_of_another_department_may_not_touch_the_case(case, other_department_clerk):
    with pytest.raises(PermissionDenied):
        workflow.start_review(case, by=other_department_clerk)
    assert Case.objects.get(pk=case.pk).status == Status.REGISTERED


def test_the_quality_manager_oversees_every_case_but_leaves_the_work_to_the_department(case, quality_manager):
    assert Case.objects.for_staff(quality_manager).filter(pk=case.pk).exists()
    with pytest.raises(PermissionDenied):
        workflow.start_review(case, by=quality_manager)


def test_a_case_is_assigned_only_to_a_member_of_its_department(case, clerk, other_department_clerk):
    with pytest.raises(ValidationError):
        workflow.assign_case(case, assignee=other_department_clerk, by=clerk)
    case = workflow.assign_case(case, assignee=clerk, by=clerk)
    assert case.assignee == clerk
    assert case.events.filter(action=CaseEvent.Action.ASSIGNED, visible_to_applicant=False).count() == 1


def test_requesting_completion_stops_the_clock_and_completion_restarts_it(case, clerk, citizen):
    workflow.start_review(case, by=clerk)
    with clock_at(MONDAY + datetime.timedelta(days=3)):
        case = workflow.request_completion(case, by=clerk, note="Lipsește extrasul de carte funciară.")
    assert case.status == Status.AWAITING_APPLICANT
    assert case.due_date is None
    with clock_at(MONDAY + datetime.timedelta(days=10)):
        case = workflow.record_completion(case, by=citizen)
    assert case.status == Status.IN_REVIEW
    assert case.due_date == due_date(
        MONDAY,
        30,
        "calendar",
        suspensions=[(MONDAY + datetime.timedelta(days=3), MONDAY + datetime.timedelta(days=10))],
    )
    assert case.due_date > due_date(MONDAY, 30, "calendar")


def test_completion_cannot_be_requested_without_saying_what_is_missing(case, clerk):
    with pytest.raises(ValidationError):
        workflow.request_completion(case, by=clerk, note="  ")


def test_completion_cannot_be_requested_when_the_procedure_forbids_suspension(citizen, clerk, department):
    service = ServiceFactory(procedure=ProcedureFactory(owner_department=department, suspension_allowed=False))
    case = registered_on(MONDAY, service, citizen)
    with pytest.raises(ValidationError):
        workflow.request_completion(case, by=clerk, note="Lipsește un act.")


def test_another_citizen_cannot_record_the_completion(case, clerk):
    workflow.request_completion(case, by=clerk, note="Lipsește un act.")
    with pytest.raises(PermissionDenied):
        workflow.record_completion(case, by=UserFactory())


def test_the_head_extends_the_time_limit_once_before_it_ends(case, head):
    workflow.start_review(case, by=head)
    with clock_at(MONDAY + datetime.timedelta(days=20)):
        case = workflow.extend_deadline(case, by=head, days=15, reason="Necesită verificare pe teren.")
        assert case.due_date == due_date(MONDAY, 30, "calendar", extension_days=15)
        event = case.events.get(action=CaseEvent.Action.EXTENDED)
        assert event.visible_to_applicant
        with pytest.raises(ValidationError) as error:
            workflow.extend_deadline(case, by=head, days=5, reason="Din nou.")
    assert error.value.code == "already_extended"


def test_a_clerk_cannot_extend_the_time_limit(case, clerk):
    with pytest.raises(PermissionDenied):
        workflow.extend_deadline(case, by=clerk, days=5, reason="Verificare.")


def test_extension_is_refused_after_the_initial_deadline(case, head):
    workflow.start_review(case, by=head)
    with clock_at(case.due_date + datetime.timedelta(days=1)), pytest.raises(ValidationError) as error:
        workflow.extend_deadline(case, by=head, days=5, reason="Prea târziu.")
    assert error.value.code == "too_late"


def test_extension_is_refused_beyond_the_procedures_maximum(case, head):
    with clock_at(MONDAY), pytest.raises(ValidationError) as error:
        workflow.extend_deadline(case, by=head, days=16, reason="Prea mult.")
    assert error.value.code == "days"


def test_extension_is_refused_when_the_procedure_does_not_allow_it(citizen, head, department):
    service = ServiceFactory(
        procedure=ProcedureFactory(owner_department=department, extension_allowed=False, extension_max_days=0)
    )
    case = registered_on(MONDAY, service, citizen)
    with clock_at(MONDAY), pytest.raises(ValidationError) as error:
        workflow.extend_deadline(case, by=head, days=5, reason="Verificare.")
    assert error.value.code == "not_allowed"


def test_resolving_on_the_due_date_is_on_time(case, clerk):
    workflow.start_review(case, by=clerk)
    with clock_at(case.due_date):
        case = workflow.resolve_case(case, by=clerk, outcome=Status.APPROVED, note="Certificatul a fost emis.")
    assert (case.status, case.closed_on, case.closed_on_time) == (Status.APPROVED, case.due_date, True)
    assert case.processing_working_days > 0


def test_resolving_after_the_due_date_is_late(case, clerk):
    with clock_at(case.due_date + datetime.timedelta(days=1)):
        case = workflow.resolve_case(case, by=clerk, outcome=Status.REJECTED, note="Documentație incompletă.")
    assert case.closed_on_time is False


def test_a_decision_needs_a_text_for_the_applicant(case, clerk):
    with pytest.raises(ValidationError):
        workflow.resolve_case(case, by=clerk, outcome=Status.APPROVED, note="")
    assert Case.objects.get(pk=case.pk).status == Status.REGISTERED


def test_a_closed_case_cannot_change_again(case, clerk, citizen):
    workflow.resolve_case(case, by=clerk, outcome=Status.APPROVED, note="Aprobat.")
    with pytest.raises(ValidationError):
        workflow.start_review(case, by=clerk)
    with pytest.raises(ValidationError):
        workflow.withdraw_case(case, by=citizen)


def test_the_applicant_withdraws_an_open_case(case, citizen, clerk):
    workflow.request_completion(case, by=clerk, note="Lipsește un act.")
    case = workflow.withdraw_case(case, by=citizen, reason="Nu mai am nevoie.")
    assert case.status == Status.WITHDRAWN
    assert case.closed_on_time is None
    assert case.suspensions.filter(ended_on__isnull=True).count() == 0


def test_only_the_applicant_may_withdraw(case, clerk):
    with pytest.raises(PermissionDenied):
        workflow.withdraw_case(case, by=clerk)


def test_internal_notes_are_hidden_from_the_applicant_and_messages_are_not(case, clerk):
    workflow.add_note(case, by=clerk, note="Verificat în registru.")
    workflow.message_applicant(case, by=clerk, message="Vă rugăm să ne sunați.")
    visible = dict(case.events.values_list("action", "visible_to_applicant"))
    assert visible[CaseEvent.Action.NOTE] is False
    assert visible[CaseEvent.Action.MESSAGE] is True


def test_every_state_change_writes_an_event_with_the_status_before_and_after(case, clerk):
    workflow.start_review(case, by=clerk)
    workflow.request_completion(case, by=clerk, note="Lipsește un act.")
    workflow.record_completion(case, by=clerk)
    workflow.resolve_case(case, by=clerk, outcome=Status.APPROVED, note="Aprobat.")
    changes = list(case.events.exclude(status_after="").values_list("status_before", "status_after"))
    assert changes == [
        ("submitted", "registered"),
        ("registered", "in_review"),
        ("in_review", "awaiting_applicant"),
        ("awaiting_applicant", "in_review"),
        ("in_review", "approved"),
    ]


def test_the_registration_receipt_is_sent_after_the_commit(
    service, citizen, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        case = CaseFactory(service=service, applicant=citizen)
    assert len(mailoutbox) == 1
    assert case.registration_number in mailoutbox[0].subject


@pytest.mark.parametrize(
    "statement", ["UPDATE services_caseevent SET note = 'altered'", "DELETE FROM services_caseevent"]
)
def test_the_database_refuses_to_alter_case_history(case, statement):
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)
    assert case.events.get().note == ""


def test_the_orm_cannot_alter_case_history_either(case):
    event = case.events.get()
    event.note = "altered"
    with pytest.raises(IntegrityError), transaction.atomic():
        event.save()
    with pytest.raises(IntegrityError), transaction.atomic():
        CaseEvent.objects.filter(pk=event.pk).delete()


def test_a_suspended_case_returns_to_review_only_when_the_completion_is_recorded(case, clerk):
    workflow.request_completion(case, by=clerk, note="Lipsește un act.")
    with pytest.raises(ValidationError) as error:
        workflow.start_review(case, by=clerk)
    assert error.value.code == "already_started"
    assert Case.objects.get(pk=case.pk).status == Status.AWAITING_APPLICANT


def test_a_bridge_day_added_later_moves_the_due_dates_that_run_over_it(case, django_capture_on_commit_callbacks):
    original = case.due_date
    with django_capture_on_commit_callbacks(execute=True):
        NonWorkingDay.objects.create(date=original, reason="Zi liberă punte (HG)")
    case.refresh_from_db()
    assert case.due_date == due_date(MONDAY, 30, "calendar", calendar=institution_calendar())
    assert case.due_date > original
    event = case.events.get(action=CaseEvent.Action.DUE_DATE_RECOMPUTED)
    assert event.visible_to_applicant
    assert event.data == {"from": original.isoformat(), "to": case.due_date.isoformat(), "day": original.isoformat()}


def test_removing_the_bridge_day_gives_the_due_date_back(case, django_capture_on_commit_callbacks):
    original = case.due_date
    with django_capture_on_commit_callbacks(execute=True):
        bridge = NonWorkingDay.objects.create(date=original, reason="Zi liberă punte (HG)")
    with django_capture_on_commit_callbacks(execute=True):
        bridge.delete()
    case.refresh_from_db()
    assert case.due_date == original


def test_a_calendar_change_leaves_closed_and_suspended_cases_alone(
    service, citizen, clerk, django_capture_on_commit_callbacks
):
    closed = registered_on(MONDAY, service, citizen)
    with clock_at(MONDAY):
        workflow.resolve_case(closed, by=clerk, outcome=Status.APPROVED, note="Aprobat.")
    suspended = registered_on(MONDAY, service, citizen)
    with clock_at(MONDAY):
        workflow.request_completion(suspended, by=clerk, note="Lipsește un act.")
    with django_capture_on_commit_callbacks(execute=True):
        NonWorkingDay.objects.create(date=closed.due_date, reason="Zi liberă punte (HG)")
    assert not CaseEvent.objects.filter(action=CaseEvent.Action.DUE_DATE_RECOMPUTED).exists()
