"""The nonconformity register: the daily detection, the opening by hand, and the steps of a nonconformity's life."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from quality import nonconformities, workflow
from quality.models import Action, Nonconformity, NonconformityCause, QualityEvent
from services.calendar import clock_at
from services.models import Case, Membership, ServiceRating, Status, Suspension
from tests.factories import CaseFactory, DepartmentFactory, MembershipFactory, ProcedureFactory, ServiceFactory

pytestmark = pytest.mark.django_db
NC = Nonconformity
Source = Nonconformity.Source
S = Nonconformity.Status
REGISTERED = datetime.date(2026, 3, 2)  # a Monday; due on 2 April (30 calendar days after registration)
DUE = datetime.date(2026, 4, 2)


@pytest.fixture
def own_procedure(department):
    """The procedure of the department the `clerk` and `head` fixtures work in, with its version on record."""
    procedure = ProcedureFactory(owner_department=department, code="PO-URB-01", deadline_days=30)
    workflow.record_current_version(procedure)
    return procedure


@pytest.fixture
def own_service(own_procedure):
    return ServiceFactory(procedure=own_procedure, title="Certificat de urbanism")


def make_case(service, *, registered=REGISTERED, **changes):
    at = timezone.make_aware(datetime.datetime.combine(registered, datetime.time(9, 0)))
    with clock_at(registered):
        case = CaseFactory(service=service, applicant=None, applicant_name="Ion Pop", registered_at=at, notify=False)
    if changes:
        Case.objects.filter(pk=case.pk).update(**changes)
        case.refresh_from_db()
    return case


def closed_late(service, **kwargs):
    return make_case(
        service, status=Status.APPROVED, closed_on=datetime.date(2026, 4, 6), closed_on_time=False, **kwargs
    )


def closed_on_time(service):
    return make_case(service, status=Status.APPROVED, closed_on=datetime.date(2026, 3, 20), closed_on_time=True)


@pytest.fixture
def causes(db):
    return nonconformities.default_causes()


@pytest.fixture
def manager(quality_manager, groups):
    """The quality managers' group, with the quality tools' permissions as well as the services'."""
    return quality_manager


@pytest.fixture
def other_head(db):
    return MembershipFactory(department=DepartmentFactory(code="taxe-locale"), role=Membership.Role.HEAD).user


@pytest.fixture
def complaint(own_service, department, clerk):
    return nonconformities.open_nonconformity(
        source=Source.COMPLAINT, department=department, description="Petentul a așteptat o oră.", by=clerk
    )


def kinds(nc):
    return list(QualityEvent.objects.filter(nonconformity=nc).order_by("pk").values_list("kind", flat=True))


# --- the daily detection -------------------------------------------------------------------------------------------


def test_a_case_closed_late_opens_one_nonconformity_with_its_facts(own_service, own_procedure):
    case = closed_late(own_service)
    (nc,) = nonconformities.detect(datetime.date(2026, 4, 7))
    assert (nc.source, nc.case, nc.department, nc.procedure) == (
        Source.CLOSED_LATE,
        case,
        case.department,
        own_procedure,
    )
    assert nc.version == own_procedure.versions.get()
    assert nc.detected_on == datetime.date(2026, 4, 7)
    assert nc.number == "NC-2026-0001"
    assert case.registration_number in nc.description
    assert "4" in nc.description  # closed 4 days after its due date
    assert kinds(nc) == [QualityEvent.Kind.OPENED]


def test_the_description_is_in_the_institution_language_whatever_the_active_one(own_service):
    closed_late(own_service)
    (nc,) = nonconformities.detect(datetime.date(2026, 4, 7))  # the tests run in English
    assert "06.04.2026" in nc.description  # the Romanian date format, not 04/06/2026


def test_a_case_open_past_its_due_date_is_overdue(own_service):
    case = make_case(own_service)
    assert nonconformities.detect(DUE) == []  # due today: not yet overdue
    (nc,) = nonconformities.detect(DUE + datetime.timedelta(days=3))
    assert (nc.source, nc.case) == (Source.OVERDUE, case)
    assert "3" in nc.description


def test_cases_closed_on_time_open_nothing(own_service):
    closed_on_time(own_service)
    assert nonconformities.detect(datetime.date(2026, 6, 1)) == []


def test_the_detection_opens_nothing_twice_across_reruns(own_service):
    closed_late(own_service)
    make_case(own_service)
    day = datetime.date(2026, 4, 10)
    assert {nc.source for nc in nonconformities.detect(day)} == {Source.CLOSED_LATE, Source.OVERDUE}
    assert nonconformities.detect(day) == []
    assert nonconformities.detect(day + datetime.timedelta(days=30)) == []
    assert NC.objects.count() == 2


def test_a_case_already_in_the_register_is_skipped_when_a_batch_collides(own_service):
    """Two runs at once: the second finds the first's nonconformity through the unique constraint and skips it."""
    first, second = closed_late(own_service), closed_late(own_service)
    nonconformities.detect(datetime.date(2026, 4, 7))
    cases = [Case.objects.select_related("procedure", "department").get(pk=pk) for pk in (first.pk, second.pk)]
    created = nonconformities._open_batch(cases, Source.CLOSED_LATE, datetime.date(2026, 4, 8), lambda case: "x")
    assert created == []
    assert NC.objects.filter(source=Source.CLOSED_LATE).count() == 2


def test_numbers_are_sequential_per_year(own_service, department, clerk):
    for _n in range(3):
        closed_late(own_service)
    numbers = [nc.number for nc in nonconformities.detect(datetime.date(2026, 4, 7))]
    assert numbers == ["NC-2026-0001", "NC-2026-0002", "NC-2026-0003"]
    later = nonconformities.open_nonconformity(
        source=Source.OTHER,
        department=department,
        description="Dosar pierdut.",
        by=clerk,
        detected_on=datetime.date(2027, 1, 4),
    )
    assert later.number == "NC-2027-0001"


def test_a_suspension_longer_than_the_procedure_allows_opens_a_nonconformity(own_service, own_procedure):
    own_procedure.suspension_max_days = 10
    own_procedure.save()
    short = make_case(own_service)
    Suspension.objects.create(case=short, started_on=datetime.date(2026, 3, 5), ended_on=datetime.date(2026, 3, 15))
    long_ended = make_case(own_service)
    Suspension.objects.create(
        case=long_ended, started_on=datetime.date(2026, 3, 5), ended_on=datetime.date(2026, 3, 16)
    )
    still_open = make_case(own_service, due_date=None)
    Suspension.objects.create(case=still_open, started_on=datetime.date(2026, 3, 10))
    day = datetime.date(2026, 3, 20)  # the open one: 10 days, not more
    assert [nc.case for nc in nonconformities.detect(day)] == [long_ended]
    (nc,) = nonconformities.detect(day + datetime.timedelta(days=1))
    assert (nc.source, nc.case) == (Source.LONG_SUSPENSION, still_open)
    assert "11" in nc.description and "10" in nc.description


def test_no_suspension_limit_no_nonconformity(own_service, own_procedure):
    assert own_procedure.suspension_max_days is None
    case = make_case(own_service, due_date=None)
    Suspension.objects.create(case=case, started_on=datetime.date(2026, 3, 3))
    assert nonconformities.detect(datetime.date(2026, 3, 30)) == []


def test_the_detection_reads_in_a_few_queries_whatever_the_number_of_cases(own_service):
    for _n in range(3):
        closed_late(own_service)
    with CaptureQueriesContext(connection) as few:
        nonconformities.detect(datetime.date(2026, 4, 7))
    for _n in range(12):
        closed_late(own_service)
    with CaptureQueriesContext(connection) as many:
        assert len(nonconformities.detect(datetime.date(2026, 4, 7))) == 12
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_detection_works_in_batches(own_service, monkeypatch):
    monkeypatch.setattr(nonconformities, "BATCH_SIZE", 2)
    for _n in range(5):
        closed_late(own_service)
    assert len(nonconformities.detect(datetime.date(2026, 4, 7))) == 5
    assert sorted(NC.objects.values_list("number", flat=True)) == [f"NC-2026-000{n}" for n in range(1, 6)]


def test_the_celery_task_detects_today(own_service):
    from quality import tasks

    closed_late(own_service)
    with clock_at(datetime.date(2026, 4, 7)):
        assert tasks.open_nonconformities.delay().get() == 1


# --- opened by hand ------------------------------------------------------------------------------------------------


def test_a_clerk_opens_a_complaint_for_their_department(complaint, clerk, department):
    assert (complaint.source, complaint.status, complaint.department, complaint.opened_by) == (
        Source.COMPLAINT,
        S.OPEN,
        department,
        clerk,
    )
    assert kinds(complaint) == [QualityEvent.Kind.OPENED]


def test_a_clerk_cannot_open_one_for_another_department(clerk):
    with pytest.raises(PermissionDenied):
        nonconformities.open_nonconformity(
            source=Source.AUDIT, department=DepartmentFactory(), description="Constatare.", by=clerk
        )


def test_a_quality_manager_opens_one_for_any_department(manager):
    nc = nonconformities.open_nonconformity(
        source=Source.AUDIT, department=DepartmentFactory(), description="Constatare de audit.", by=manager
    )
    assert nc.source == Source.AUDIT


def test_the_daily_sources_cannot_be_opened_by_hand(manager, department):
    with pytest.raises(ValidationError):
        nonconformities.open_nonconformity(source=Source.OVERDUE, department=department, description="x", by=manager)


def test_a_linked_case_gives_its_procedure_and_version(own_service, own_procedure, department, clerk):
    case = make_case(own_service)
    nc = nonconformities.open_nonconformity(
        source=Source.COMPLAINT, department=department, description="Reclamație.", by=clerk, case=case
    )
    assert (nc.case, nc.procedure, nc.version) == (case, own_procedure, own_procedure.versions.get())


def test_a_clerk_cannot_link_a_case_of_another_department(own_service, other_department_clerk):
    case = make_case(own_service)
    with pytest.raises(PermissionDenied):
        nonconformities.open_nonconformity(
            source=Source.COMPLAINT,
            department=DepartmentFactory(code="taxe"),
            description="Reclamație.",
            by=other_department_clerk,
            case=case,
        )


def rated(service, score, comment="Am așteptat trei săptămâni fără niciun răspuns."):
    case = closed_late(service)
    return ServiceRating.objects.create(
        case=case, asked_at=timezone.now(), score=score, comment=comment, answered_at=timezone.now()
    )


def test_a_low_rating_opens_an_anonymous_nonconformity(own_service, own_procedure, manager):
    rating = rated(own_service, 1)
    nc = nonconformities.open_nonconformity(
        source=Source.RATING, department=None, description="", by=manager, rating=rating
    )
    assert nc.case is None
    assert (nc.rating, nc.procedure, nc.department) == (rating, own_procedure, rating.case.department)
    assert rating.comment in nc.description
    assert rating.case.registration_number not in nc.description
    event = QualityEvent.objects.get(nonconformity=nc)
    assert rating.case.registration_number not in str(event.data) + event.note


def test_only_a_quality_manager_opens_one_from_a_rating(own_service, head):
    with pytest.raises(PermissionDenied):
        nonconformities.open_nonconformity(
            source=Source.RATING, department=None, description="", by=head, rating=rated(own_service, 1)
        )


def test_a_good_rating_opens_nothing(own_service, manager):
    with pytest.raises(ValidationError):
        nonconformities.open_nonconformity(
            source=Source.RATING, department=None, description="", by=manager, rating=rated(own_service, 4)
        )


def test_a_rating_opens_one_nonconformity_only(own_service, manager):
    rating = rated(own_service, 2)
    nonconformities.open_nonconformity(
        source=Source.RATING, department=None, description="", by=manager, rating=rating
    )
    with pytest.raises(ValidationError):
        nonconformities.open_nonconformity(
            source=Source.RATING, department=None, description="", by=manager, rating=rating
        )
    assert list(nonconformities.low_ratings()) == []


# --- the analysis ----------------------------------------------------------------------------------------------------


def analyse(nc, by, cause, correction="Dosarul a fost soluționat în aceeași zi."):
    return nonconformities.record_analysis(
        nc, by=by, cause=cause, cause_detail="Un singur referent în concediu.", correction=correction
    )


def test_the_head_of_the_department_records_the_analysis(complaint, head, causes):
    nc = analyse(complaint, head, causes[0])
    assert (nc.status, nc.cause, nc.analysed_by) == (S.ANALYSED, causes[0], head)
    assert nc.analysed_at is not None
    assert kinds(nc) == [QualityEvent.Kind.OPENED, QualityEvent.Kind.ANALYSED]


def test_a_clerk_cannot_analyse(complaint, clerk, causes):
    with pytest.raises(PermissionDenied):
        analyse(complaint, clerk, causes[0])


def test_a_head_of_another_department_cannot_analyse(complaint, other_head, causes):
    with pytest.raises(PermissionDenied):
        analyse(complaint, other_head, causes[0])


def test_a_quality_manager_may_analyse(complaint, manager, causes):
    assert analyse(complaint, manager, causes[0]).status == S.ANALYSED


def test_the_analysis_needs_an_offered_cause_and_a_correction(complaint, head, causes):
    retired = causes[1]
    NonconformityCause.objects.filter(pk=retired.pk).update(active=False)
    with pytest.raises(ValidationError, match="cause"):
        analyse(complaint, head, retired)
    with pytest.raises(ValidationError, match="correct"):
        analyse(complaint, head, causes[0], correction="  ")


def test_the_analysis_may_be_amended_before_the_decision(complaint, head, causes):
    analyse(complaint, head, causes[0])
    nc = analyse(complaint, head, causes[2])
    assert nc.cause == causes[2]
    assert kinds(nc)[-1] == QualityEvent.Kind.CHANGED


# --- the decision and the verification ------------------------------------------------------------------------------


@pytest.fixture
def analysed(complaint, head, causes):
    return analyse(complaint, head, causes[0])


def test_only_a_quality_manager_decides(analysed, head):
    with pytest.raises(PermissionDenied):
        nonconformities.decide(analysed, by=head, action_needed=False, note="Caz izolat.")


def test_an_open_nonconformity_cannot_be_decided(complaint, manager):
    with pytest.raises(ValidationError, match="cannot be taken now"):
        nonconformities.decide(complaint, by=manager, action_needed=False, note="Caz izolat.")


def test_no_action_needed_closes_it(analysed, manager):
    with clock_at(datetime.date(2026, 5, 4)):
        nc = nonconformities.decide(analysed, by=manager, action_needed=False, note="Caz izolat.")
    assert (nc.status, nc.closed_on, nc.decided_by, nc.action_needed) == (
        S.CLOSED,
        datetime.date(2026, 5, 4),
        manager,
        False,
    )
    assert kinds(nc)[-2:] == [QualityEvent.Kind.DECIDED, QualityEvent.Kind.CLOSED]


def test_the_decision_needs_its_reason(analysed, manager):
    with pytest.raises(ValidationError, match="reason"):
        nonconformities.decide(analysed, by=manager, action_needed=False, note="")


def corrective(nc, manager, **action):
    return nonconformities.decide(
        nc,
        by=manager,
        action_needed=True,
        note="Se repetă lunar.",
        action={
            "title": "Instruirea referenților",
            "due_date": datetime.date.today() + datetime.timedelta(days=30),
            **action,
        },
    )


def test_an_action_needed_opens_the_corrective_action(analysed, manager, department):
    nc = corrective(analysed, manager, impact=4, effort=2, indicator="on_time_rate")
    action = Action.objects.get(nonconformity=nc)
    assert nc.status == S.ACTION
    assert (action.origin, action.department, action.procedure, action.impact, action.indicator) == (
        Action.Origin.NONCONFORMITY,
        department,
        nc.procedure,
        4,
        "on_time_rate",
    )


def test_an_action_needed_without_a_title_is_refused_and_nothing_changes(analysed, manager):
    with pytest.raises(ValidationError):
        corrective(analysed, manager, title="")
    analysed.refresh_from_db()
    assert analysed.status == S.ANALYSED and analysed.decided_by is None


def closed_action_of(nc, manager):
    from quality import actions

    action = Action.objects.get(nonconformity=nc, status__in=Action.OPEN_STATUSES)
    actions.add_evidence(action, by=manager, note="Instruirea a avut loc.")
    actions.close_action(action, by=manager)
    nc.refresh_from_db()
    return nc


def test_only_a_quality_manager_verifies(analysed, manager, head):
    nc = closed_action_of(corrective(analysed, manager), manager)
    assert nc.status == S.VERIFICATION
    with pytest.raises(PermissionDenied):
        nonconformities.verify_effectiveness(nc, by=head, effective=True, note="Fără întârzieri.")


def test_an_effective_action_closes_the_nonconformity(analysed, manager):
    nc = closed_action_of(corrective(analysed, manager), manager)
    nc = nonconformities.verify_effectiveness(nc, by=manager, effective=True, note="Fără întârzieri în trei luni.")
    assert (nc.status, nc.effective, nc.verified_by) == (S.CLOSED, True, manager)
    assert nc.closed_on is not None
    assert kinds(nc)[-2:] == [QualityEvent.Kind.VERIFIED, QualityEvent.Kind.CLOSED]


def test_an_ineffective_action_returns_it_for_a_new_decision_and_action(analysed, manager):
    nc = closed_action_of(corrective(analysed, manager), manager)
    nc = nonconformities.verify_effectiveness(nc, by=manager, effective=False, note="Întârzierile continuă.")
    assert (nc.status, nc.effective) == (S.ANALYSED, False)
    nc = corrective(nc, manager, title="Un al doilea referent")
    assert nc.status == S.ACTION
    assert Action.objects.filter(nonconformity=nc).count() == 2


def test_the_verification_needs_its_note_and_its_status(analysed, manager):
    with pytest.raises(ValidationError, match="cannot be taken now"):
        nonconformities.verify_effectiveness(analysed, by=manager, effective=True, note="Bine.")
    nc = closed_action_of(corrective(analysed, manager), manager)
    with pytest.raises(ValidationError, match="verification found"):
        nonconformities.verify_effectiveness(nc, by=manager, effective=True, note=" ")


def test_the_steps_offered_follow_the_person_and_the_status(complaint, clerk, head, manager, causes):
    assert nonconformities.steps_for(clerk, complaint) == []
    assert nonconformities.steps_for(head, complaint) == ["analyse"]
    nc = analyse(complaint, head, causes[0])
    assert nonconformities.steps_for(head, nc) == ["analyse"]
    assert nonconformities.steps_for(manager, nc) == ["analyse", "decide"]


# --- the causes -------------------------------------------------------------------------------------------------------


def test_the_default_causes_are_seeded_once_in_three_languages(db):
    first = nonconformities.default_causes()
    again = nonconformities.default_causes()
    assert [c.pk for c in first] == [c.pk for c in again]
    assert all(c.name and c.name_hu and c.name_en for c in first)
    assert NonconformityCause.objects.count() == len(nonconformities.DEFAULT_CAUSES) >= 8
