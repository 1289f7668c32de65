"""Conflicting changes of one case from two connections at once: the row lock lets them through one after the other.

Each race is deterministic. The first connection stops right after it has read (and locked) the row; the second
starts only then, and the first goes on once the second has either read the same row too (without a lock both act on
a stale state, which these tests catch) or is seen in PostgreSQL waiting for the first one's lock."""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from services import workflow
from services.models import Case, CaseEvent, Membership, RegistrationCounter, Status
from tests.factories import CaseFactory, MembershipFactory, StaffFactory

Action = CaseEvent.Action

PATIENCE = 20  # seconds; only a broken race waits this long, and then fails instead of hanging
POLL = 0.01  # seconds between two looks at pg_blocking_pids while nothing else happens; it decides no outcome

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has no row locks to race against"),
    pytest.mark.django_db(transaction=True),
]


class Race:
    """Two calls, each on its own thread and database connection, meeting at a pause point."""

    def __init__(self, monkeypatch):
        self.monkeypatch = monkeypatch
        self.arrived = {"first": threading.Event(), "second": threading.Event()}
        self.finished = {"first": threading.Event(), "second": threading.Event()}
        self.backend = {}
        self.outcome = {}
        self.go = threading.Event()
        self.news = threading.Event()

    def pause_after(self, owner, name):
        real = getattr(owner, name)

        def paused(*args, **kwargs):
            result = real(*args, **kwargs)
            self._pause()
            return result

        self.monkeypatch.setattr(owner, name, paused)

    def pause_before(self, owner, name):
        real = getattr(owner, name)

        def paused(*args, **kwargs):
            self._pause()
            return real(*args, **kwargs)

        self.monkeypatch.setattr(owner, name, paused)

    def _pause(self):
        name = threading.current_thread().name
        if name not in self.arrived:  # the test's own thread, setting the scene
            return
        self.arrived[name].set()
        self.news.set()
        if not self.go.wait(PATIENCE):
            raise RuntimeError("The race was never let go.")

    def run(self, first, second):
        """Run both calls; return what each returned or raised, first's then second's."""
        threads = [
            threading.Thread(target=self._call, args=(name, call), name=name)
            for name, call in (("first", first), ("second", second))
        ]
        try:
            threads[0].start()
            self._until(lambda: self.arrived["first"].is_set() or self.finished["first"].is_set())
            assert self.arrived["first"].is_set(), f"The first call ended before its pause: {self.outcome['first']!r}"
            threads[1].start()
            self._until(
                lambda: (
                    self.arrived["second"].is_set()
                    or self.finished["second"].is_set()
                    or self._second_waits_for_first()
                )
            )
        finally:
            self.go.set()
            for thread in threads:
                if thread.ident is not None:  # started
                    thread.join(PATIENCE)
        assert not any(thread.is_alive() for thread in threads), "A racer is still running."
        return self.outcome["first"], self.outcome["second"]

    def _call(self, name, call):
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                self.backend[name] = cursor.fetchone()[0]
            self.outcome[name] = call()
        except Exception as error:  # the test asserts on it
            self.outcome[name] = error
        finally:
            connection.close()
            self.finished[name].set()
            self.news.set()

    def _second_waits_for_first(self):
        if "second" not in self.backend:
            return False
        with connection.cursor() as cursor:
            cursor.execute("SELECT %s = ANY(pg_blocking_pids(%s))", [self.backend["first"], self.backend["second"]])
            return cursor.fetchone()[0]

    def _until(self, condition):
        deadline = time.monotonic() + PATIENCE
        while not condition():
            assert time.monotonic() < deadline, "The racers never met."
            self.news.wait(POLL)  # wakes at once when a racer arrives or ends
            self.news.clear()


@pytest.fixture
def race(monkeypatch):
    """A race whose racers stop right after `begin` has read and locked the case."""
    race = Race(monkeypatch)
    race.pause_after(workflow, "locked")
    return race


def staff_of(department, role):
    return MembershipFactory(department=department, role=role, user=StaffFactory()).user


@pytest.fixture
def other_clerk(department):
    return staff_of(department, Membership.Role.CLERK)


@pytest.fixture
def other_head(department):
    return staff_of(department, Membership.Role.HEAD)


@pytest.fixture
def case(service, citizen):
    return CaseFactory(service=service, applicant=citizen)


@pytest.fixture
def case_in_review(case, clerk):
    return workflow.start_review(case, by=clerk)


def events_after(case, setup):
    """The events written during the race: `setup` is the list of events before it."""
    seen = {event.pk for event in setup}
    return [event for event in case.events.order_by("pk") if event.pk not in seen]


def refused_with(outcome, code):
    return isinstance(outcome, ValidationError) and outcome.code == code


def test_a_completion_request_racing_a_decision_is_refused(race, case_in_review, clerk, other_clerk):
    setup = list(case_in_review.events.all())
    decided, asked = race.run(
        lambda: workflow.resolve_case(
            case_in_review, by=clerk, outcome=Status.APPROVED, note="Se emite certificatul."
        ),
        lambda: workflow.request_completion(case_in_review, by=other_clerk, note="Lipsește planul de situație."),
    )
    assert isinstance(decided, Case)
    assert refused_with(asked, "transition_not_allowed"), asked
    case = Case.objects.get(pk=case_in_review.pk)
    assert case.status == Status.APPROVED
    assert not case.suspensions.exists()
    assert [event.action for event in events_after(case, setup)] == [Action.RESOLVED, Action.SENT]


def test_an_approval_racing_a_completion_request_is_refused(race, case_in_review, clerk, other_clerk):
    setup = list(case_in_review.events.all())
    asked, decided = race.run(
        lambda: workflow.request_completion(case_in_review, by=other_clerk, note="Lipsește planul de situație."),
        lambda: workflow.resolve_case(
            case_in_review, by=clerk, outcome=Status.APPROVED, note="Se emite certificatul."
        ),
    )
    assert isinstance(asked, Case)
    assert refused_with(decided, "outcome"), decided  # a suspended case may only be rejected
    case = Case.objects.get(pk=case_in_review.pk)
    assert case.status == Status.AWAITING_APPLICANT
    assert case.suspensions.get().ended_on is None
    assert [event.action for event in events_after(case, setup)] == [Action.COMPLETION_REQUESTED]


def test_an_assignment_racing_a_decision_is_refused_once_the_case_is_closed(race, case_in_review, clerk, head):
    setup = list(case_in_review.events.all())
    decided, assigned = race.run(
        lambda: workflow.resolve_case(
            case_in_review, by=clerk, outcome=Status.APPROVED, note="Se emite certificatul."
        ),
        lambda: workflow.assign_case(case_in_review, assignee=clerk, by=head),
    )
    assert isinstance(decided, Case)
    assert refused_with(assigned, "closed"), assigned
    case = Case.objects.get(pk=case_in_review.pk)
    assert (case.status, case.assignee) == (Status.APPROVED, None)
    assert [event.action for event in events_after(case, setup)] == [Action.RESOLVED, Action.SENT]


def test_a_decision_waiting_for_an_assignment_keeps_the_new_assignee(race, case_in_review, clerk, other_clerk, head):
    setup = list(case_in_review.events.all())
    assigned, decided = race.run(
        lambda: workflow.assign_case(case_in_review, assignee=other_clerk, by=head),
        lambda: workflow.resolve_case(
            case_in_review, by=clerk, outcome=Status.APPROVED, note="Se emite certificatul."
        ),
    )
    assert isinstance(assigned, Case) and isinstance(decided, Case)  # a case may be assigned, then decided
    case = Case.objects.get(pk=case_in_review.pk)
    assert (case.status, case.assignee) == (Status.APPROVED, other_clerk)
    assert [event.action for event in events_after(case, setup)] == [Action.ASSIGNED, Action.RESOLVED, Action.SENT]


def test_two_assignments_to_the_same_clerk_record_one_change(race, case_in_review, clerk, other_clerk, head):
    setup = list(case_in_review.events.all())
    first, second = race.run(
        lambda: workflow.assign_case(case_in_review, assignee=other_clerk, by=head),
        lambda: workflow.assign_case(case_in_review, assignee=other_clerk, by=clerk),
    )
    assert isinstance(first, Case) and isinstance(second, Case)
    case = Case.objects.get(pk=case_in_review.pk)
    [event] = events_after(case, setup)
    assert (event.action, event.data["assignee"], event.actor) == (Action.ASSIGNED, other_clerk.pk, head)
    assert case.assignee == other_clerk


def test_an_assignment_back_to_the_first_clerk_is_not_lost_to_a_concurrent_one(
    race, case_in_review, clerk, other_clerk, head
):
    workflow.assign_case(case_in_review, assignee=clerk, by=head)
    setup = list(case_in_review.events.all())
    first, second = race.run(
        lambda: workflow.assign_case(case_in_review, assignee=other_clerk, by=head),
        lambda: workflow.assign_case(case_in_review, assignee=clerk, by=clerk),  # saw the case as still with them
    )
    assert isinstance(first, Case) and isinstance(second, Case)
    case = Case.objects.get(pk=case_in_review.pk)
    events = events_after(case, setup)
    assert [(event.action, event.data["assignee"]) for event in events] == [
        (Action.ASSIGNED, other_clerk.pk),
        (Action.ASSIGNED, clerk.pk),
    ]
    assert case.assignee == clerk


def test_two_extensions_at_once_extend_the_time_limit_once(race, case_in_review, head, other_head):
    setup = list(case_in_review.events.all())
    first, second = race.run(
        lambda: workflow.extend_deadline(case_in_review, by=head, days=10, reason="Verificare pe teren."),
        lambda: workflow.extend_deadline(case_in_review, by=other_head, days=10, reason="Aviz suplimentar."),
    )
    assert isinstance(first, Case)
    assert refused_with(second, "already_extended"), second
    case = Case.objects.get(pk=case_in_review.pk)
    assert case.extension_days == 10
    [event] = events_after(case, setup)
    assert (event.action, event.actor, event.data["days"]) == (Action.EXTENDED, head, 10)
    assert event.data["to"] == case.due_date.isoformat()


def test_two_clerks_starting_the_review_at_once_start_it_once(race, case, clerk, other_clerk):
    setup = list(case.events.all())
    first, second = race.run(
        lambda: workflow.start_review(case, by=clerk),
        lambda: workflow.start_review(case, by=other_clerk),
    )
    assert isinstance(first, Case)
    assert refused_with(second, "already_started"), second
    reviewed = Case.objects.get(pk=case.pk)
    assert reviewed.status == Status.IN_REVIEW
    [event] = events_after(reviewed, setup)
    assert (event.action, event.actor) == (Action.REVIEW_STARTED, clerk)


def test_two_registrations_at_once_take_the_next_two_numbers(monkeypatch, service, citizen):
    # tests/services/test_registration_concurrency.py cannot catch a missing counter lock on SQLite, whose
    # IMMEDIATE transactions already serialise registrations; here the second reads the counter while the first
    # holds it. The year's counter exists beforehand: creating it would make the second wait on the insert instead.
    CaseFactory(service=service, applicant=citizen)
    race = Race(monkeypatch)
    race.pause_before(RegistrationCounter, "save")
    first, second = race.run(
        lambda: CaseFactory(service=service, applicant=citizen),
        lambda: CaseFactory(service=service, applicant=citizen),
    )
    assert isinstance(first, Case) and isinstance(second, Case), (first, second)
    assert (first.registration_sequence, second.registration_sequence) == (2, 3)
    assert sorted(Case.objects.values_list("registration_sequence", flat=True)) == [1, 2, 3]
