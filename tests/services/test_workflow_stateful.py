"""Random sequences of actions by random people on one case keep the workflow's invariants after every step."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test

from services import workflow
from services.calendar import clock_at, institution_calendar
from services.deadlines import due_date
from services.lifecycle import Role
from services.models import Case, CaseEvent, Status
from services.registry import kinds
from tests.factories import CaseFactory, UserFactory

FIRST_DAY = datetime.date(2026, 3, 2)
LAST_DAY = datetime.date(2026, 8, 31)

# Who each person is for the case, written out here rather than asked of the workflow, so a broken guard cannot
# agree with itself.
ROLES = {
    "applicant": {Role.ANYONE, Role.APPLICANT},
    "clerk": {Role.ANYONE, Role.WORKER},
    "head": {Role.ANYONE, Role.WORKER, Role.HEAD},
    "other_department_clerk": {Role.ANYONE},
    "quality_manager": {Role.ANYONE},
    "another_citizen": {Role.ANYONE},
}


def tried_by(*likely):
    """Anyone may try anything; those who would plausibly do it try more often, so that cases get somewhere."""
    return st.sampled_from([*likely, *likely, *likely, *sorted(ROLES)])


WORKERS = tried_by("clerk", "head")
# A real text first: Hypothesis starts from, and shrinks towards, the first choice.
TEXTS = st.sampled_from(
    ["Lipsește extrasul de carte funciară.", "Verificare pe teren.", "Aprobat.", "Respins.", "Vă rugăm.", "", "   "]
)

# How the queue hands a case over; random steps alone seldom reach the deeper states within one story.
OPENINGS = ("registered", "in review", "awaiting the applicant", "extended")

# The event each door writes when it changes something.
EVENT_OF = {
    "assign": CaseEvent.Action.ASSIGNED,
    "start_review": CaseEvent.Action.REVIEW_STARTED,
    "request_completion": CaseEvent.Action.COMPLETION_REQUESTED,
    "record_completion": CaseEvent.Action.COMPLETION_RECEIVED,
    "extend": CaseEvent.Action.EXTENDED,
    "resolve": CaseEvent.Action.RESOLVED,
    "withdraw": CaseEvent.Action.WITHDRAWN,
    "note": CaseEvent.Action.NOTE,
    "message": CaseEvent.Action.MESSAGE,
}
HISTORY_ONLY = {"note", "message"}
# What a closed case keeps for ever.
FROZEN = ("status", "due_date", "closed_on", "closed_on_time", "assignee_id", "extension_days", "suspensions")


def observe(pk):
    """The case as stored: its row, suspensions and history, read once per step for every check."""
    case = Case.objects.get(pk=pk)
    suspensions = tuple(case.suspensions.order_by("pk").values_list("pk", "started_on", "ended_on"))
    events = list(
        case.events.order_by("pk").values_list("action", "status_before", "status_after", "data", named=True)
    )
    return case, suspensions, events


def snapshot(case, suspensions, events):
    return {
        "status": case.status,
        "due_date": case.due_date,
        "extension_days": case.extension_days,
        "closed_on": case.closed_on,
        "closed_on_time": case.closed_on_time,
        "assignee_id": case.assignee_id,
        "suspensions": suspensions,
        "events": len(events),
    }


def holds_a_role_for(kind, action, person):
    return any(row.roles & ROLES[person] for row in kinds.transitions(kind, action))


def table_allows(kind, action, person, before, after):
    """Whether a row of the table lets `person` take `action` from status `before` to `after` (or keep it)."""
    rows = [
        row
        for row in kinds.transitions(kind, action)
        if row.roles & ROLES[person] and row.starts_from(before, kinds.open_statuses())
    ]
    return any(after in row.targets if after != before else not row.targets for row in rows)


class CaseWorkflow(RuleBasedStateMachine):
    """One case, the people around it and a clock that only moves forward; `people` and `service` come from the test."""

    people: dict = {}
    service = None

    @initialize(
        registered_on=st.dates(min_value=FIRST_DAY, max_value=LAST_DAY - datetime.timedelta(days=90)),
        waited=st.integers(0, 40),
        opening=st.sampled_from(OPENINGS),
        extension=st.integers(0, 20),
    )
    def register(self, registered_on, waited, opening, extension):
        """Register the case and pick it up the day it was filed or some weeks later, as the queue left it."""
        at = timezone.make_aware(datetime.datetime.combine(registered_on, datetime.time(10, 0)))
        with clock_at(registered_on):
            case = CaseFactory(service=self.service, applicant=self.people["applicant"], registered_at=at)
        self.day = registered_on + datetime.timedelta(days=waited)
        self.pk, self.kind = case.pk, case.kind
        self.extension_max_days = self.service.procedure.extension_max_days
        self.calendar = institution_calendar()
        self.seen = observe(self.pk)
        self.closed = None
        if opening != "registered":
            self.start_review(person="clerk")
        if opening == "awaiting the applicant":
            self.request_completion(person="clerk", note="Lipsește extrasul de carte funciară.")
        if opening == "extended":
            self.extend(person="head", days=extension, reason="Verificare pe teren.")

    def attempt(self, action, person, call):
        """Call a door as `person` on the simulated day and check what the step changed.

        Nothing else writes to the database between steps, so the previous step's reading is the state before."""
        before = snapshot(*self.seen)
        with clock_at(self.day):
            try:
                call(self.seen[0], self.people[person])
            except (PermissionDenied, ValidationError) as refusal:
                self.seen = observe(self.pk)
                assert snapshot(*self.seen) == before, f"refused {action} by {person} changed the case"
                # The wrong person is refused as such whatever the status; anyone else for another reason.
                assert isinstance(refusal, PermissionDenied) != holds_a_role_for(self.kind, action, person), (
                    f"{action} by {person} refused with {type(refusal).__name__}"
                )
                return
        self.seen = observe(self.pk)
        after = snapshot(*self.seen)
        assert holds_a_role_for(self.kind, action, person), f"{person} took {action} without any role for it"
        assert table_allows(self.kind, action, person, before["status"], after["status"]), (
            f"{action} by {person} took the case from {before['status']} to {after['status']} against the table"
        )
        if action == "resolve":
            assert after["status"] in kinds.outcomes(self.kind), f"a {self.kind} cannot end {after['status']}"
        new_events = self.seen[2][before["events"] :]
        # A decision sent to the applicant is also registered as outgoing in the general register, with its own
        # event; the action itself writes exactly one.
        sent = [e for e in new_events if e.action == "sent"]
        assert len(sent) == (1 if action == "resolve" and before["status"] != after["status"] else 0)
        new_events = [e for e in new_events if e.action != "sent"]
        changed = any(
            before[field] != after[field] for field in ("status", "due_date", "assignee_id", "extension_days")
        )
        if action in HISTORY_ONLY or not changed:
            assert {**after, "events": 0} == {**before, "events": 0}, f"{action} changed more than it recorded"
        assert len(new_events) == (1 if changed or action in HISTORY_ONLY else 0), (
            f"{action} by {person} wrote {len(new_events)} events (changed: {changed})"
        )
        if new_events:
            (event,) = new_events
            assert event.action == EVENT_OF[action]
            if before["status"] != after["status"]:
                assert (event.status_before, event.status_after) == (before["status"], after["status"])
            else:
                assert (event.status_before, event.status_after) == ("", "")
        if before["status"] not in kinds.open_statuses():
            assert {f: after[f] for f in FROZEN} == {f: before[f] for f in FROZEN}, f"{action} changed a closed case"

    @rule(days=st.integers(0, 10))
    def time_passes(self, days):
        self.day = min(self.day + datetime.timedelta(days=days), LAST_DAY)

    @rule()
    def the_due_date_arrives(self):
        """The due date is the boundary that matters most: reach it exactly, when the clock runs and it lies ahead."""
        due = self.seen[0].due_date
        if due is not None and self.day < due <= LAST_DAY:
            self.day = due

    @rule(person=WORKERS, assignee=WORKERS)
    def assign(self, person, assignee):
        self.attempt(
            "assign", person, lambda case, by: workflow.assign_case(case, assignee=self.people[assignee], by=by)
        )

    @rule(person=WORKERS)
    def start_review(self, person):
        self.attempt("start_review", person, lambda case, by: workflow.start_review(case, by=by))

    @rule(person=WORKERS, note=TEXTS)
    def request_completion(self, person, note):
        self.attempt(
            "request_completion", person, lambda case, by: workflow.request_completion(case, by=by, note=note)
        )

    @rule(person=tried_by("applicant", "clerk"), note=TEXTS)
    def record_completion(self, person, note):
        self.attempt("record_completion", person, lambda case, by: workflow.record_completion(case, by=by, note=note))

    @rule(person=tried_by("head"), days=st.integers(0, 20), reason=TEXTS)
    def extend(self, person, days, reason):
        self.attempt(
            "extend", person, lambda case, by: workflow.extend_deadline(case, by=by, days=days, reason=reason)
        )

    @rule(
        person=WORKERS,
        outcome=st.sampled_from([Status.APPROVED, Status.REJECTED, Status.ANSWERED]),
        note=TEXTS,
        on_the_last_day=st.booleans(),
    )
    def resolve(self, person, outcome, note, on_the_last_day):
        if on_the_last_day:
            self.the_due_date_arrives()
        self.attempt(
            "resolve", person, lambda case, by: workflow.resolve_case(case, by=by, outcome=outcome, note=note)
        )

    @rule(person=tried_by("applicant"), reason=TEXTS)
    def withdraw(self, person, reason):
        self.attempt("withdraw", person, lambda case, by: workflow.withdraw_case(case, by=by, reason=reason))

    @rule(person=WORKERS, note=TEXTS)
    def add_note(self, person, note):
        self.attempt("note", person, lambda case, by: workflow.add_note(case, by=by, note=note))

    @rule(person=WORKERS, message=TEXTS)
    def message_applicant(self, person, message):
        self.attempt("message", person, lambda case, by: workflow.message_applicant(case, by=by, message=message))

    @invariant()
    def the_clock_stops_only_while_the_applicant_completes_the_file(self):
        case, suspensions, _ = self.seen
        still_open = [s for s in suspensions if s[2] is None]
        if case.status == Status.AWAITING_APPLICANT:
            assert case.due_date is None
            assert len(still_open) == 1
            return
        assert still_open == []
        assert case.due_date == due_date(
            case.registered_on,
            case.deadline_days,
            case.deadline_unit,
            calendar=self.calendar,
            suspensions=[(started_on, ended_on) for _, started_on, ended_on in suspensions],
            extension_days=case.extension_days,
        )

    @invariant()
    def a_closed_case_never_changes_again(self):
        current = snapshot(*self.seen)
        if self.closed is not None:
            assert {f: current[f] for f in FROZEN} == self.closed
        elif current["status"] not in kinds.open_statuses():
            self.closed = {f: current[f] for f in FROZEN}

    @invariant()
    def a_decision_is_on_time_when_taken_by_the_due_date(self):
        case = self.seen[0]
        status = kinds.status(case.status)
        if status.open:
            assert (case.closed_on, case.closed_on_time) == (None, None)
        elif status.resolved:
            assert case.closed_on is not None
            assert case.due_date is not None, "a decided case keeps the due date it was judged by"
            assert case.closed_on_time == (case.closed_on <= case.due_date)
        else:
            assert case.status == Status.WITHDRAWN
            assert case.closed_on is not None
            assert case.closed_on_time is None

    @invariant()
    def the_time_limit_is_extended_at_most_once_and_within_the_maximum(self):
        case, _, events = self.seen
        extensions = [event.data["days"] for event in events if event.action == CaseEvent.Action.EXTENDED]
        if case.extension_days == 0:
            assert extensions == []
            return
        assert 1 <= case.extension_days <= min(case.extension_max_days, self.extension_max_days)
        assert extensions == [case.extension_days]

    @invariant()
    def the_history_tells_every_status_in_order(self):
        case, _, events = self.seen
        previous = Status.SUBMITTED
        for event in events:
            if event.status_after:
                assert event.status_before == previous
                previous = event.status_after
        assert previous == case.status


def test_random_actions_by_random_people_keep_the_case_consistent(
    service, citizen, clerk, head, other_department_clerk, quality_manager
):
    people = {
        "applicant": citizen,
        "clerk": clerk,
        "head": head,
        "other_department_clerk": other_department_clerk,
        "quality_manager": quality_manager,
        "another_citizen": UserFactory(),
    }
    run_state_machine_as_test(
        type("CaseOfThisService", (CaseWorkflow,), {"people": people, "service": service}),
        settings=settings(
            max_examples=75,
            stateful_step_count=40,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        ),
    )
