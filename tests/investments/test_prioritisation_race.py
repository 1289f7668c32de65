"""Two managers moving the same prioritisation round at once, each on its own PostgreSQL connection: the round's row
lock (`workflow.steps._locked_round`) lets them through one after the other, so a step is taken once and a round is
published once; and a citizen's two ballots sent at once leave one ballot.

The first call stops right after it has read (and locked) the round; the second starts only then, and the first goes
on once the second is seen waiting for its lock (or, without a lock, has read the same round too)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from investments.models import Ballot, Round, RoundEvent
from investments.prioritisation import workflow
from services import calendar
from tests.investments.prioritisation_helpers import (
    evaluators_fixture,  # noqa: F401
    locked_round,
    score_all,
    secretary_fixture,  # noqa: F401
    voter,
)
from tests.services.test_workflow_races import Race

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has no row locks to race against"),
    pytest.mark.django_db(transaction=True),
]

State = Round.State


@pytest.fixture
def race(monkeypatch):
    """A race whose racers stop right after the round is read and locked, before its state is checked."""
    race = Race(monkeypatch)
    race.pause_after(workflow.steps, "_locked_round")
    return race


def refused(outcome, code):
    # By its code: the message is in whatever language the racing thread runs in.
    return isinstance(outcome, ValidationError) and code in {e.code for e in outcome.error_list}


def test_two_managers_advancing_a_round_at_once_take_one_step(
    race, secretary, quality_manager, department, evaluators
):
    round, _criteria, _candidates = locked_round(secretary, department, evaluators)
    first, second = race.run(
        lambda: workflow.advance(secretary, round), lambda: workflow.advance(quality_manager, round)
    )
    assert isinstance(first, Round), first
    # The second sees the round at scoring, where nobody has submitted yet: it is refused, not a second step.
    assert refused(second, "not_ready"), second
    round.refresh_from_db()
    assert round.state == State.SCORING
    assert [e.actor for e in RoundEvent.objects.filter(round=round, action="step")] == [secretary]


def test_two_managers_publishing_at_once_publish_once(race, secretary, quality_manager, department, evaluators):
    round, criteria, candidates = locked_round(secretary, department, evaluators, citizen=False)
    round = workflow.advance(secretary, round)
    for evaluator in evaluators:
        score_all(evaluator, candidates, criteria[0], [3, 4, 2])
    round = workflow.advance(secretary, round)
    workflow.accept_medians(quality_manager, round)
    first, second = race.run(
        lambda: workflow.publish(secretary, round), lambda: workflow.publish(quality_manager, round)
    )
    assert isinstance(first, Round), first
    assert refused(second, "wrong_state"), second
    round.refresh_from_db()
    assert (round.state, round.published_by) == (State.PUBLISHED, secretary)
    assert [e.actor for e in RoundEvent.objects.filter(round=round, action="published")] == [secretary]


def test_a_citizens_two_ballots_sent_at_once_leave_one_ballot(monkeypatch, secretary, department, evaluators):
    race = Race(monkeypatch)
    race.pause_before(workflow.steps, "_require_citizen_in_open_consultation")
    round, criteria, candidates = locked_round(secretary, department, evaluators)
    round = workflow.advance(secretary, round)
    for evaluator in evaluators:
        score_all(evaluator, candidates, criteria[0], [3, 3, 3])
    round = workflow.advance(secretary, round)
    citizen = voter()
    day = round.consultation_opens + datetime.timedelta(days=1)

    def vote(candidate):
        with calendar.clock_at(day):
            return workflow.cast_ballot(citizen, round, [candidate.pk])

    first, second = race.run(lambda: vote(candidates[0]), lambda: vote(candidates[1]))
    assert isinstance(first, Ballot), first
    assert isinstance(second, Ballot), second
    [ballot] = Ballot.objects.filter(round=round, citizen=citizen)
    assert [c.pk for c in ballot.candidates.all()] == [candidates[1].pk]  # the later one replaced the earlier
    actions = sorted(
        RoundEvent.objects.filter(round=round, action__startswith="ballot_").values_list("action", flat=True)
    )
    assert actions == ["ballot_cast", "ballot_changed"]
