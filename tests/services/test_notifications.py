"""E-mails of the Case spine: the receipt, the applicant's news, the assignees' reminders and the heads' digest."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone, translation
from django.utils.formats import date_format

from portal.celery import app as celery_app
from services import notifications, workflow
from services.calendar import clock_at, institution_calendar
from services.models import Case, Membership, Status
from services.tasks import send_due_reminders, send_overdue_digests
from tests.factories import (
    CaseFactory,
    DepartmentFactory,
    MembershipFactory,
    ProcedureFactory,
    ServiceFactory,
    StaffFactory,
)

REGISTERED_ON = datetime.date(2026, 2, 2)  # a Monday
TODAY = datetime.date(2026, 3, 2)  # a Monday; no public holiday in the weeks around it
SITE_URL = "https://primarie.example.ro"


@pytest.fixture(autouse=True)
def _site_and_fresh_cache(settings):
    settings.SITE_URL = SITE_URL
    cache.clear()  # the once-a-day guard lives in the cache
    yield
    cache.clear()


def register(service, applicant, *, day=REGISTERED_ON, **kwargs):
    at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))
    with clock_at(day):
        return CaseFactory(service=service, applicant=applicant, registered_at=at, **kwargs)


def working_days_from_today(days):
    return institution_calendar().add_working_days(TODAY, days)


def set_due_date(case, due):
    Case.objects.filter(pk=case.pk).update(due_date=due)


def assigned_case_due_in(days, service, applicant, assignee, by):
    case = register(service, applicant)
    with clock_at(TODAY):
        workflow.assign_case(case, assignee=assignee, by=by)
    set_due_date(case, working_days_from_today(days))
    return case


def run_reminders():
    with clock_at(TODAY):
        return notifications.due_reminders()


def run_digests():
    with clock_at(TODAY):
        return notifications.overdue_digests()


# --- registration receipt -------------------------------------------------------------------------------------


def test_the_registration_receipt_gives_number_due_date_access_code_and_lookup_url(
    service, citizen, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        case = register(service, citizen, language="ro")
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == [citizen.email]
    assert case.registration_number in email.subject
    html = email.alternatives[0][0]
    for body in (email.body, html):
        assert case.registration_number in body
        assert case.access_code in body
        assert case.due_date.strftime("%d.%m.%Y") in body  # ro SHORT_DATE_FORMAT
        assert REGISTERED_ON.strftime("%d.%m.%Y") in body
        assert f"{SITE_URL}/verifica-dosar/" in body
        assert f"{SITE_URL}/dosarele-mele/{case.registration_number}/" in body
        assert "PO-DUAT-02" in body
        assert "Certificat de urbanism" in body


def test_the_registration_receipt_has_a_plain_text_and_an_html_version(
    service, citizen, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        register(service, citizen)
    assert mailoutbox[0].alternatives[0][1] == "text/html"
    assert "<html" not in mailoutbox[0].body


def test_the_registration_receipt_is_written_in_the_language_of_the_case(
    service, citizen, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        case = register(service, citizen, language="hu")
    body = mailoutbox[0].body
    assert case.due_date.strftime("%Y. %m. %d.") in body  # GLOSSARY.md: 2026. 11. 23.
    assert case.due_date.strftime("%d.%m.%Y") not in body
    assert "Urbanisztikai bizonyítvány" in body  # the service's Hungarian title
    assert 'lang="hu"' in mailoutbox[0].alternatives[0][0]


def test_a_case_without_an_email_address_gets_no_receipt(service, django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        register(service, None, applicant_name="Ion Ionescu", applicant_email="")
    assert mailoutbox == []


# --- news for the applicant -----------------------------------------------------------------------------------


def test_a_visible_status_change_emails_the_applicant(
    service, citizen, clerk, django_capture_on_commit_callbacks, mailoutbox
):
    case = register(service, citizen)
    with django_capture_on_commit_callbacks(execute=True), clock_at(TODAY):
        workflow.start_review(case, by=clerk)
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == [citizen.email]
    assert case.registration_number in email.subject
    with translation.override(case.language):
        assert str(Status.IN_REVIEW.label) in email.subject
    assert case.due_date.strftime("%d.%m.%Y") in email.body


def test_an_internal_note_emails_nobody(service, citizen, clerk, django_capture_on_commit_callbacks, mailoutbox):
    case = register(service, citizen)
    with django_capture_on_commit_callbacks(execute=True), clock_at(TODAY):
        workflow.add_note(case, by=clerk, note="Verificat la fața locului.")
    assert mailoutbox == []


def test_a_message_to_the_applicant_is_emailed_with_its_text(
    service, citizen, clerk, django_capture_on_commit_callbacks, mailoutbox
):
    case = register(service, citizen)
    with django_capture_on_commit_callbacks(execute=True), clock_at(TODAY):
        workflow.message_applicant(case, by=clerk, message="Vă rugăm să ne sunați.")
    assert "Vă rugăm să ne sunați." in mailoutbox[0].body
    assert "Vă rugăm să ne sunați." in mailoutbox[0].alternatives[0][0]


def test_an_extension_emails_the_new_due_date_and_its_reason(
    service, citizen, head, django_capture_on_commit_callbacks, mailoutbox
):
    case = register(service, citizen)
    with clock_at(TODAY):
        workflow.start_review(case, by=head)
        with django_capture_on_commit_callbacks(execute=True):
            case = workflow.extend_deadline(case, by=head, days=10, reason="Este necesară o verificare pe teren.")
    email = mailoutbox[-1]
    assert case.due_date.strftime("%d.%m.%Y") in email.body
    assert "Este necesară o verificare pe teren." in email.body


def test_a_completion_request_says_the_clock_is_suspended_and_gives_no_due_date(
    service, citizen, clerk, django_capture_on_commit_callbacks, mailoutbox
):
    citizen.preferred_language = "en"  # the case is answered in English, which the assertions read
    citizen.save()
    case = register(service, citizen)
    due = case.due_date
    with django_capture_on_commit_callbacks(execute=True), clock_at(TODAY):
        workflow.request_completion(case, by=clerk, note="Extras de carte funciară actualizat.")
    body = mailoutbox[0].body
    assert "Extras de carte funciară actualizat." in body
    assert "suspended" in body
    assert due.strftime("%d.%m.%Y") not in body


def test_news_of_a_case_without_an_email_address_is_not_sent(service, clerk, mailoutbox):
    case = register(service, None, applicant_name="Ion Ionescu", applicant_email="")
    with clock_at(TODAY):
        workflow.message_applicant(case, by=clerk, message="Vă rugăm să ne sunați.")
    event = case.events.get(action="message")
    assert notifications.event_to_applicant(event.pk) == 0
    assert mailoutbox == []


def test_the_registration_event_is_not_sent_twice_as_news(service, citizen, mailoutbox):
    case = register(service, citizen)
    assert notifications.event_to_applicant(case.events.get(action="registered").pk) == 0
    assert mailoutbox == []


# --- reminders to the assignee --------------------------------------------------------------------------------


def test_an_assignee_is_reminded_of_a_case_due_in_exactly_its_reminder_days(service, citizen, clerk, head, mailoutbox):
    case = assigned_case_due_in(3, service, citizen, clerk, head)
    assert run_reminders() == 1
    assert mailoutbox[0].to == [clerk.email]
    assert case.registration_number in mailoutbox[0].body
    assert f"{SITE_URL}/birou/dosar/{case.registration_number}/" in mailoutbox[0].body


def test_an_assignee_gets_one_reminder_listing_all_their_cases_due_that_day(service, citizen, clerk, head, mailoutbox):
    first = assigned_case_due_in(3, service, citizen, clerk, head)
    second = assigned_case_due_in(3, service, citizen, clerk, head)
    assert run_reminders() == 1
    assert len(mailoutbox) == 1
    assert first.registration_number in mailoutbox[0].body
    assert second.registration_number in mailoutbox[0].body


def test_each_assignee_gets_their_own_reminder(service, citizen, clerk, head, mailoutbox):
    assigned_case_due_in(3, service, citizen, clerk, head)
    assigned_case_due_in(3, service, citizen, head, head)
    assert run_reminders() == 2
    assert sorted(email.to[0] for email in mailoutbox) == sorted([clerk.email, head.email])


@pytest.mark.parametrize("days", [2, 4])
def test_cases_due_in_more_or_fewer_working_days_than_the_reminder_days_are_not_reminded(
    days, service, citizen, clerk, head, mailoutbox
):
    assigned_case_due_in(days, service, citizen, clerk, head)
    assert run_reminders() == 0
    assert mailoutbox == []


def test_the_reminder_days_are_those_frozen_on_the_case(department, citizen, clerk, head, mailoutbox):
    service = ServiceFactory(procedure=ProcedureFactory(owner_department=department, reminder_days=5))
    assigned_case_due_in(5, service, citizen, clerk, head)
    assert run_reminders() == 1


def test_a_suspended_case_is_not_reminded(service, citizen, clerk, head, mailoutbox):
    case = assigned_case_due_in(3, service, citizen, clerk, head)
    with clock_at(TODAY):
        workflow.request_completion(case, by=clerk, note="Lipsește planul de situație.")
    set_due_date(case, working_days_from_today(3))
    assert run_reminders() == 0


def test_an_unassigned_case_is_not_reminded(service, citizen, mailoutbox):
    case = register(service, citizen)
    set_due_date(case, working_days_from_today(3))
    assert run_reminders() == 0


def test_a_closed_case_is_not_reminded(service, citizen, clerk, head, mailoutbox):
    case = assigned_case_due_in(3, service, citizen, clerk, head)
    with clock_at(TODAY):
        workflow.resolve_case(case, by=clerk, outcome=Status.APPROVED, note="Certificatul a fost emis.")
    set_due_date(case, working_days_from_today(3))
    assert run_reminders() == 0


def test_the_reminders_are_sent_once_a_day_however_often_they_run(service, citizen, clerk, head, mailoutbox):
    assigned_case_due_in(3, service, citizen, clerk, head)
    assert run_reminders() == 1
    assert run_reminders() == 0
    assert len(mailoutbox) == 1


def test_the_reminder_is_written_in_the_assignees_language(service, citizen, clerk, head, mailoutbox):
    clerk.preferred_language = "hu"
    clerk.save()
    case = assigned_case_due_in(3, service, citizen, clerk, head)
    due = Case.objects.get(pk=case.pk).due_date
    run_reminders()
    assert due.strftime("%Y. %m. %d.") in mailoutbox[0].body


def test_a_case_reminded_on_friday_is_not_reminded_again_on_the_weekend(service, citizen, clerk, head, mailoutbox):
    friday, saturday, sunday = datetime.date(2026, 3, 6), datetime.date(2026, 3, 7), datetime.date(2026, 3, 8)
    case = register(service, citizen)
    with clock_at(friday):
        workflow.assign_case(case, assignee=clerk, by=head)
    set_due_date(case, datetime.date(2026, 3, 11))  # Wednesday: 3 working days after Friday, Saturday and Sunday

    sent = []
    for day in (friday, saturday, sunday):
        with clock_at(day):
            sent.append(notifications.due_reminders())

    assert sent == [1, 0, 0]
    assert len(mailoutbox) == 1


# --- overdue digest for heads of department -------------------------------------------------------------------


def overdue_case(service, applicant, *, due):
    case = register(service, applicant)
    set_due_date(case, due)
    return case


def test_a_head_gets_the_overdue_cases_of_their_own_department_only(service, citizen, head, mailoutbox):
    other_department = DepartmentFactory(code="taxe", name="Direcția Taxe")
    other_head = MembershipFactory(department=other_department, role=Membership.Role.HEAD).user
    other_service = ServiceFactory(procedure=ProcedureFactory(owner_department=other_department))
    own = overdue_case(service, citizen, due=datetime.date(2026, 2, 26))
    theirs = overdue_case(other_service, citizen, due=datetime.date(2026, 2, 25))

    assert run_digests() == 2
    by_reader = {email.to[0]: email for email in mailoutbox}
    assert own.registration_number in by_reader[head.email].body
    assert theirs.registration_number not in by_reader[head.email].body
    assert theirs.registration_number in by_reader[other_head.email].body
    assert own.registration_number not in by_reader[other_head.email].body


def test_the_digest_lists_the_oldest_due_date_first_with_the_working_days_overdue(
    service, citizen, head, clerk, mailoutbox
):
    head.preferred_language = "en"  # the digest is written in the head's language, which the assertions read
    head.save()
    recent = overdue_case(service, citizen, due=datetime.date(2026, 2, 26))  # Thursday: Fri 27 and Mon 2 passed
    older = overdue_case(service, citizen, due=datetime.date(2026, 2, 19))
    with clock_at(TODAY):
        workflow.assign_case(recent, assignee=clerk, by=head)
    run_digests()
    body = mailoutbox[0].body
    assert body.index(older.registration_number) < body.index(recent.registration_number)
    assert "overdue by 2 working days" in body
    assert "overdue by 7 working days" in body
    assert clerk.display_name in body
    assert f"{SITE_URL}/birou/dosar/{recent.registration_number}/" in body


def test_cases_due_today_or_suspended_are_not_overdue(service, citizen, clerk, head, mailoutbox):
    overdue_case(service, citizen, due=TODAY)
    suspended = register(service, citizen)
    with clock_at(TODAY):
        workflow.request_completion(suspended, by=clerk, note="Lipsește planul de situație.")
    assert run_digests() == 0
    assert mailoutbox == []


def test_no_overdue_case_means_no_digest(service, citizen, head, mailoutbox):
    register(service, citizen)
    assert run_digests() == 0
    assert mailoutbox == []


def test_a_closed_case_past_its_due_date_is_not_in_the_digest(service, citizen, clerk, head, mailoutbox):
    case = overdue_case(service, citizen, due=datetime.date(2026, 2, 26))
    with clock_at(TODAY):
        workflow.resolve_case(case, by=clerk, outcome=Status.REJECTED, note="Documentație incompletă.")
    assert run_digests() == 0


def test_the_digest_is_sent_once_a_day(service, citizen, head, mailoutbox):
    overdue_case(service, citizen, due=datetime.date(2026, 2, 26))
    assert run_digests() == 1
    assert run_digests() == 0
    assert len(mailoutbox) == 1


@pytest.mark.parametrize(
    "day", [datetime.date(2026, 3, 7), datetime.date(2026, 5, 1)], ids=["a Saturday", "Labour Day, a Friday"]
)
def test_no_digest_is_sent_on_a_non_working_day(day, service, citizen, head, mailoutbox):
    overdue_case(service, citizen, due=datetime.date(2026, 2, 26))

    with clock_at(day):
        assert notifications.overdue_digests() == 0
    assert mailoutbox == []


def test_the_digest_says_since_when_a_case_is_overdue_when_no_working_day_has_passed_since(
    service, citizen, head, mailoutbox
):
    # The digest does not run on weekends, but what it would say on the Saturday after a Friday due date must still
    # not be "overdue by 0 working days", so its sending step is called directly here.
    head.preferred_language = "en"
    head.save()
    friday, saturday = datetime.date(2026, 3, 6), datetime.date(2026, 3, 7)
    overdue_case(service, citizen, due=friday)

    with clock_at(saturday):
        assert notifications._send_overdue_digests(saturday, institution_calendar()) == 1

    with translation.override("en"):
        since = f"overdue since {date_format(friday, 'DATE_FORMAT')}"
    email = mailoutbox[0]
    assert since in email.body
    assert since in email.alternatives[0][0]
    assert "overdue by 0" not in email.body


# --- Celery ---------------------------------------------------------------------------------------------------


def test_the_beat_schedule_names_tasks_the_worker_registers(settings):
    celery_app.loader.import_default_modules()  # what a worker and beat do when they start: autodiscovery
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert scheduled == {
        "services.tasks.send_due_reminders",
        "services.tasks.send_overdue_digests",
        "petitions.tasks.purge_unconfirmed_filings",
        "services.permits.tasks.purge_expired_drafts",
        "payments.tasks.reconcile_yesterday",
        "services.tasks.delete_old_exports",
        "cms.tasks.publish_scheduled_pages",
        "quality.tasks.take_effect_due_versions",
        "quality.tasks.announce_procedure_reviews",
        "quality.tasks.remind_procedure_acknowledgements",
        "quality.tasks.open_nonconformities",
        "quality.tasks.remind_overdue_actions",
    }
    assert scheduled <= set(celery_app.tasks)


def test_the_daily_tasks_return_the_number_of_emails_sent(service, citizen, clerk, head, mailoutbox):
    assigned_case_due_in(3, service, citizen, clerk, head)
    with clock_at(TODAY):
        assert send_due_reminders.delay().get() == 1
        assert send_overdue_digests.delay().get() == 0


def test_a_head_of_two_departments_gets_one_digest(service, citizen, head, mailoutbox):
    second = DepartmentFactory(code="taxe", name="Direcția Taxe")
    MembershipFactory(department=second, user=head, role=Membership.Role.HEAD)
    MembershipFactory(department=second, user=StaffFactory(), role=Membership.Role.CLERK)
    overdue_case(service, citizen, due=datetime.date(2026, 2, 26))
    overdue_case(
        ServiceFactory(procedure=ProcedureFactory(owner_department=second)), citizen, due=datetime.date(2026, 2, 26)
    )
    assert run_digests() == 1
    assert "Direcția Urbanism" in mailoutbox[0].body
    assert "Direcția Taxe" in mailoutbox[0].body
