"""An action's life: opened by the quality manager, started, evidenced and closed by its department, or cancelled;
its nonconformity following it; and the daily reminder of overdue actions."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from quality import actions, workflow
from quality.action_forms import ActionForm
from quality.models import Action, Nonconformity, QualityEvent
from services import calendar
from tests.factories import PDF, PNG, ProcedureFactory
from tests.quality.action_helpers import (  # noqa: F401 (the fixtures)
    in_days,
    manager_fixture,
    nonconformity,
    open_corrective,
    open_improvement,
    team_fixture,
)

pytestmark = pytest.mark.django_db
A = Action.Status
NC = Nonconformity.Status
Kind = QualityEvent.Kind


def pdf_upload(name="proces-verbal.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def evidenced(action, by):
    actions.add_evidence(action, by=by, note="Formularele sunt publicate.", link="https://primarie.ro/formulare")
    return action


def refresh(obj):
    obj.refresh_from_db()
    return obj


# --- opening ---------------------------------------------------------------------------------------------------------


def test_actions_are_numbered_in_sequence_within_the_year(manager, team):
    first = open_improvement(manager, team)
    second = open_improvement(manager, team)
    year = calendar.today().year
    assert (first.number, second.number) == (f"AC-{year}-0001", f"AC-{year}-0002")


def test_numbering_starts_again_each_year(manager, team):
    open_improvement(manager, team)
    next_year = datetime.date(calendar.today().year + 1, 1, 5)
    with calendar.clock_at(next_year):
        action = open_improvement(manager, team, due_date=next_year)
    assert action.number == f"AC-{next_year.year}-0001"


def test_opening_writes_its_event(manager, team):
    action = open_improvement(manager, team)
    [event] = action.events.all()
    assert (event.kind, event.actor, event.nonconformity) == (Kind.ACTION_OPENED, manager, None)


@pytest.mark.parametrize("who", ["head", "owner", "clerk"])
def test_only_a_quality_manager_opens_an_action(manager, team, who):
    with pytest.raises(PermissionDenied, match="Only a quality manager opens actions"):
        open_improvement(manager, team, by=team[who])
    assert not Action.objects.exists()


def test_the_person_responsible_must_work_in_the_department(manager, team):
    with pytest.raises(ValidationError, match="is not a member of"):
        open_improvement(manager, team, owner=team["outsider"])


def test_an_action_without_a_person_responsible_is_the_heads_to_answer_for(manager, team):
    assert open_improvement(manager, team, owner=None).owner is None


def test_the_due_date_cannot_be_in_the_past(manager, team):
    with pytest.raises(ValidationError, match="cannot be in the past"):
        open_improvement(manager, team, due_date=in_days(-1))
    assert open_improvement(manager, team, due_date=in_days(0)).due_date == calendar.today()


def test_the_indicator_is_one_of_the_dashboards(manager, team):
    with pytest.raises(ValidationError, match="Choose an indicator"):
        open_improvement(manager, team, indicator="happiness")
    assert open_improvement(manager, team, indicator="on_time_rate").indicator == "on_time_rate"


def test_a_corrective_action_needs_its_nonconformity(manager, team):
    with pytest.raises(ValidationError, match="opened from its nonconformity"):
        open_improvement(manager, team, origin=Action.Origin.NONCONFORMITY)


def test_opening_a_corrective_action_puts_its_nonconformity_under_action(manager, team):
    nc = nonconformity(team["department"])
    action = open_corrective(manager, team, nc)
    nc = refresh(nc)
    assert (nc.status, nc.action_needed) == (NC.ACTION, True)
    [event] = nc.events.all()
    assert (event.kind, event.action, event.data["from"], event.data["to"]) == (
        Kind.ACTION_OPENED,
        action,
        NC.ANALYSED,
        NC.ACTION,
    )


def test_a_second_action_may_be_opened_while_the_nonconformity_is_under_action(manager, team):
    nc = nonconformity(team["department"])
    open_corrective(manager, team, nc)
    open_corrective(manager, team, nc)
    assert nc.actions.count() == 2


@pytest.mark.parametrize("status", [NC.OPEN, NC.VERIFICATION, NC.CLOSED])
def test_no_action_is_opened_for_a_nonconformity_not_decided_or_already_done(manager, team, status):
    nc = nonconformity(team["department"], status=status)
    with pytest.raises(ValidationError, match="an action cannot be opened for it now"):
        open_corrective(manager, team, nc)
    assert refresh(nc).status == status


# --- who may take each step ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["owner", "head", "manager"])
def test_the_person_responsible_the_heads_and_the_quality_manager_start_evidence_and_close(manager, team, who):
    person = manager if who == "manager" else team[who]
    action = open_improvement(manager, team)
    actions.start_action(action, by=person)
    evidenced(action, person)
    actions.close_action(action, by=person)
    action = refresh(action)
    assert (action.status, action.closed_by, action.closed_on) == (A.CLOSED, person, calendar.today())


@pytest.mark.parametrize("who", ["clerk", "outsider"])
def test_another_clerk_may_not_start_an_action(manager, team, who):
    action = open_improvement(manager, team)
    with pytest.raises(PermissionDenied):
        actions.start_action(action, by=team[who])
    assert refresh(action).status == A.PLANNED


@pytest.mark.parametrize("who", ["clerk", "outsider"])
def test_another_clerk_may_not_add_evidence(manager, team, who):
    action = open_improvement(manager, team)
    with pytest.raises(PermissionDenied):
        evidenced(action, team[who])
    assert not action.evidence.exists()


@pytest.mark.parametrize("who", ["clerk", "outsider"])
def test_another_clerk_may_not_close_an_action(manager, team, who):
    action = evidenced(open_improvement(manager, team), team["owner"])
    with pytest.raises(PermissionDenied):
        actions.close_action(action, by=team[who])
    assert refresh(action).status == A.PLANNED


@pytest.mark.parametrize("who", ["owner", "head"])
def test_only_a_quality_manager_cancels_an_action(manager, team, who):
    action = open_improvement(manager, team)
    with pytest.raises(PermissionDenied, match="Only a quality manager cancels"):
        actions.cancel_action(action, by=team[who], reason="Nu mai e nevoie.")
    assert refresh(action).status == A.PLANNED


def test_a_cancellation_says_why(manager, team):
    action = open_improvement(manager, team)
    with pytest.raises(ValidationError, match="reason"):
        actions.cancel_action(action, by=manager, reason="  ")
    actions.cancel_action(action, by=manager, reason="Dublură a AC-2026-0003.")
    action = refresh(action)
    assert (action.status, action.cancellation_reason) == (A.CANCELLED, "Dublură a AC-2026-0003.")
    assert action.events.last().kind == Kind.CANCELLED


def test_a_started_action_is_not_started_again(manager, team):
    action = open_improvement(manager, team)
    actions.start_action(action, by=team["owner"])
    with pytest.raises(ValidationError, match="cannot be taken now"):
        actions.start_action(action, by=team["owner"])


def test_a_closed_action_takes_no_more_evidence(manager, team):
    action = actions.close_action(evidenced(open_improvement(manager, team), team["owner"]), by=team["owner"])
    with pytest.raises(ValidationError, match="cannot be taken now"):
        evidenced(action, team["owner"])


# --- evidence and closing --------------------------------------------------------------------------------------------


def test_an_action_closes_only_with_evidence(manager, team):
    action = open_improvement(manager, team)
    actions.start_action(action, by=team["owner"])
    with pytest.raises(ValidationError, match="An action closes only with evidence: add what shows it was done."):
        actions.close_action(action, by=team["owner"])
    assert refresh(action).status == A.IN_PROGRESS


def test_evidence_says_what_was_done(manager, team):
    action = open_improvement(manager, team)
    with pytest.raises(ValidationError, match="Say what was done"):
        actions.add_evidence(action, by=team["owner"], note=" ", file=pdf_upload())


def test_evidence_keeps_its_file_under_a_random_name_and_the_given_name_for_people(manager, team):
    action = open_improvement(manager, team)
    evidence = actions.add_evidence(action, by=team["owner"], note="Procesul-verbal al instruirii.", file=pdf_upload())
    assert evidence.file_name == "proces-verbal.pdf"
    assert "proces-verbal" not in evidence.file.name
    assert evidence.file.read() == PDF
    event = action.events.get(kind=Kind.EVIDENCE)
    assert event.data["evidence"] == evidence.pk


def test_a_photo_is_evidence_too(manager, team):
    action = open_improvement(manager, team)
    photo = SimpleUploadedFile("afis.png", PNG, content_type="image/png")
    assert actions.add_evidence(action, by=team["owner"], note="Afișul din hol.", file=photo).file_name == "afis.png"


def test_evidence_of_a_type_not_accepted_is_refused(manager, team):
    action = open_improvement(manager, team)
    text = SimpleUploadedFile("note.pdf", b"just some text, not a PDF", content_type="application/pdf")
    with pytest.raises(ValidationError, match="not an accepted type"):
        actions.add_evidence(action, by=team["owner"], note="Nota.", file=text)
    assert not action.evidence.exists()


def test_evidence_larger_than_the_cap_is_refused(manager, team, monkeypatch):
    monkeypatch.setattr(actions.EVIDENCE_TYPES, "max_size_mb", 1)
    action = open_improvement(manager, team)
    big = SimpleUploadedFile("mare.pdf", PDF + b"%" * (1024 * 1024), content_type="application/pdf")
    with pytest.raises(ValidationError, match="larger than"):
        actions.add_evidence(action, by=team["owner"], note="Nota.", file=big)


def test_evidence_link_must_be_a_web_address(manager, team):
    action = open_improvement(manager, team)
    with pytest.raises(ValidationError):
        actions.add_evidence(action, by=team["owner"], note="Nota.", link="javascript:alert(1)")


@pytest.fixture
def two_versions(procedure, drafter, verifier, mayor):
    """The version in force when the action is opened, and the next one, which carries its change."""
    in_force = workflow.record_current_version(procedure)
    from tests.quality.conftest import pdf

    draft = workflow.start_version(
        procedure, by=drafter, function="Consilier", component="description", change_summary="Pasul 4.", document=pdf()
    )
    return in_force, draft


def test_closing_records_the_procedure_version_that_carries_the_change(manager, team, procedure, two_versions):
    _in_force, new = two_versions
    action = evidenced(open_improvement(manager, team, procedure=procedure), team["owner"])
    actions.close_action(action, by=team["owner"], procedure_version=new)
    assert refresh(action).procedure_version == new


def test_the_version_may_be_recorded_after_closing(manager, team, procedure, two_versions):
    _in_force, new = two_versions
    action = evidenced(open_improvement(manager, team, procedure=procedure), team["owner"])
    actions.close_action(action, by=team["owner"])
    actions.link_procedure_version(action, by=team["head"], version=new)
    assert refresh(action).procedure_version == new
    assert action.events.last().kind == Kind.CHANGED


def test_the_version_must_be_of_the_actions_procedure(manager, team, procedure, two_versions):
    other = workflow.record_current_version(ProcedureFactory(code="PO-ALT-01"))
    action = evidenced(open_improvement(manager, team, procedure=procedure), team["owner"])
    with pytest.raises(ValidationError, match="is not a version of PO-DUAT-02"):
        actions.close_action(action, by=team["owner"], procedure_version=other)
    with pytest.raises(ValidationError, match="is not a version of PO-DUAT-02"):
        actions.link_procedure_version(action, by=team["owner"], version=other)
    assert refresh(action).status == A.PLANNED


def test_another_clerk_may_not_record_the_version(manager, team, procedure, two_versions):
    _in_force, new = two_versions
    action = open_improvement(manager, team, procedure=procedure)
    with pytest.raises(PermissionDenied):
        actions.link_procedure_version(action, by=team["clerk"], version=new)


# --- the nonconformity follows -------------------------------------------------------------------------------------


def test_closing_the_last_open_action_sends_the_nonconformity_to_verification(manager, team):
    nc = nonconformity(team["department"])
    first = evidenced(open_corrective(manager, team, nc), team["owner"])
    second = evidenced(open_corrective(manager, team, nc), team["owner"])
    actions.close_action(first, by=team["owner"])
    assert refresh(nc).status == NC.ACTION
    actions.close_action(second, by=team["owner"])
    assert refresh(nc).status == NC.VERIFICATION
    event = nc.events.last()
    assert (event.kind, event.action, event.data["to"]) == (Kind.CHANGED, second, NC.VERIFICATION)


def test_cancelling_the_only_action_sends_the_nonconformity_back_to_the_decision(manager, team):
    nc = nonconformity(team["department"])
    action = open_corrective(manager, team, nc)
    actions.cancel_action(action, by=manager, reason="Cauza a fost greșit identificată.")
    assert refresh(nc).status == NC.ANALYSED
    assert nc.events.last().data == {"from": NC.ACTION, "to": NC.ANALYSED}


def test_cancelling_the_last_open_action_after_another_closed_sends_it_to_verification(manager, team):
    nc = nonconformity(team["department"])
    done = evidenced(open_corrective(manager, team, nc), team["owner"])
    other = open_corrective(manager, team, nc)
    actions.close_action(done, by=team["owner"])
    actions.cancel_action(other, by=manager, reason="Nu mai e nevoie.")
    assert refresh(nc).status == NC.VERIFICATION


def test_cancelling_one_of_two_open_actions_leaves_the_nonconformity_under_action(manager, team):
    nc = nonconformity(team["department"])
    action = open_corrective(manager, team, nc)
    open_corrective(manager, team, nc)
    actions.cancel_action(action, by=manager, reason="Dublură.")
    assert refresh(nc).status == NC.ACTION


# --- the daily reminder ----------------------------------------------------------------------------------------------


@pytest.fixture
def overdue_action(manager, team):
    """An action of the team due yesterday (opened when it was still in the future)."""
    due = calendar.today() + datetime.timedelta(days=5)
    action = open_improvement(manager, team, due_date=due)
    return action, due


def test_an_action_not_yet_past_its_due_date_is_not_reminded(overdue_action):
    _action, due = overdue_action
    assert actions.remind_overdue_actions(due) == {"reminded": 0, "escalated": 0, "emails": 0}
    assert not mail.outbox


def test_the_person_responsible_is_reminded_once_in_their_language(overdue_action, team):
    action, due = overdue_action
    day = due + datetime.timedelta(days=1)
    assert actions.remind_overdue_actions(day) == {"reminded": 1, "escalated": 0, "emails": 1}
    [message] = mail.outbox
    assert message.to == [team["owner"].email]
    assert action.number in message.body
    assert "Tisztelt Attila Nagy" in message.body  # Hungarian, as Attila reads the portal
    assert "Városrendezési Igazgatóság" in message.body
    assert refresh(action).reminded_on == day
    assert action.events.filter(kind=Kind.REMINDED).count() == 1
    for later in (day, day + datetime.timedelta(days=3)):
        assert actions.remind_overdue_actions(later) == {"reminded": 0, "escalated": 0, "emails": 0}
    assert len(mail.outbox) == 1


def test_an_action_without_a_person_responsible_reminds_the_departments_heads(manager, team):
    due = in_days(2)
    action = open_improvement(manager, team, owner=None, due_date=due)
    actions.remind_overdue_actions(due + datetime.timedelta(days=1))
    [message] = mail.outbox
    assert message.to == [team["head"].email]
    assert "Bună ziua, Cristina Ionescu" in message.body  # Romanian, as Cristina reads the portal
    assert action.number in message.body


def test_a_week_after_the_reminder_the_heads_and_quality_managers_hear_once(overdue_action, team, manager):
    action, due = overdue_action
    reminded = due + datetime.timedelta(days=1)
    actions.remind_overdue_actions(reminded)
    mail.outbox.clear()
    assert actions.remind_overdue_actions(reminded + datetime.timedelta(days=6))["escalated"] == 0
    escalated = reminded + datetime.timedelta(days=7)
    assert actions.remind_overdue_actions(escalated) == {"reminded": 0, "escalated": 1, "emails": 2}
    assert sorted(m.to[0] for m in mail.outbox) == sorted([team["head"].email, manager.email])
    assert all(action.number in m.body for m in mail.outbox)
    assert refresh(action).escalated_on == escalated
    assert action.events.filter(kind=Kind.ESCALATED).count() == 1
    for later in (escalated, escalated + datetime.timedelta(days=7), escalated + datetime.timedelta(days=30)):
        assert actions.remind_overdue_actions(later) == {"reminded": 0, "escalated": 0, "emails": 0}
    assert len(mail.outbox) == 2


def test_a_closed_action_is_neither_reminded_nor_escalated(overdue_action, team):
    action, due = overdue_action
    actions.remind_overdue_actions(due + datetime.timedelta(days=1))
    actions.close_action(evidenced(action, team["owner"]), by=team["owner"])
    mail.outbox.clear()
    assert actions.remind_overdue_actions(due + datetime.timedelta(days=30))["escalated"] == 0
    assert not mail.outbox


def test_the_daily_task_reminds_overdue_actions(overdue_action):
    from quality.tasks import remind_overdue_actions

    action, due = overdue_action
    with calendar.clock_at(due + datetime.timedelta(days=1)):
        assert remind_overdue_actions() == {"reminded": 1, "escalated": 0, "emails": 1}


def test_an_improvement_action_is_opened_from_its_area_for_improvement(manager, team):
    with pytest.raises(ValidationError, match="opened from its area for improvement"):
        actions.open_action(
            origin=Action.Origin.SELF_ASSESSMENT,
            title="Formulare editabile",
            department=team["department"],
            due_date=in_days(10),
            by=manager,
        )


# --- the opening form (the nonconformity's page and the CAF plan share it) -------------------------------------------


def form_data(team, **changes):
    data = {
        "title": "Lista de verificare la primirea dosarelor",
        "department": team["department"].pk,
        "owner": team["owner"].pk,
        "due_date": in_days(20).isoformat(),
        "impact": "4",
        "effort": "2",
        "procedure": "",
        "indicator": "on_time_rate",
    }
    data.update(changes)
    return data


def test_the_action_form_refuses_a_person_responsible_of_another_department(team):
    form = ActionForm(form_data(team, owner=team["outsider"].pk))
    assert not form.is_valid()
    assert "is not a member of" in form.errors["owner"][0]


def test_the_action_form_refuses_a_past_due_date(team):
    form = ActionForm(form_data(team, due_date=in_days(-1).isoformat()))
    assert not form.is_valid() and "due_date" in form.errors


def test_the_action_form_gives_open_action_its_keywords(manager, team):
    form = ActionForm(form_data(team))
    assert form.is_valid(), form.errors
    action = open_improvement(manager, team, **form.open_kwargs())
    assert (action.owner, action.priority, action.indicator) == (team["owner"], 16, "on_time_rate")
