"""The rules of a prioritisation round, through `investments.prioritisation.workflow`: who may act, the method in
draft (criteria, levels, direct weights, pairwise judgements), the eligibility gate, scoring and conflicts of interest,
the steps, the citizens' consultation, the consolidation and the publication. Refusals are asserted by their codes."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from investments.models import (
    AgreedScore,
    Ballot,
    Candidate,
    Conflict,
    Criterion,
    Judgement,
    Round,
    RoundEvent,
    Score,
    ScoreSheet,
    Stage,
)
from investments.prioritisation import workflow
from services import calendar
from tests.investments.factories import InvestmentFactory, StageFactory
from tests.investments.prioritisation_helpers import (
    LEVELS,
    add_candidate,
    add_method,
    eligible_investment,
    evaluators_fixture,  # noqa: F401
    locked_round,
    new_round,
    score_all,
    secretary_fixture,  # noqa: F401
)
from tests.investments.staff_helpers import observer_fixture  # noqa: F401

State = Round.State
Source = Criterion.Source


def codes(excinfo):
    return {error.code for error in excinfo.value.error_list}


def refused(expected, call, *args, **kwargs):
    with pytest.raises(ValidationError) as excinfo:
        call(*args, **kwargs)
    assert expected in codes(excinfo), codes(excinfo)


def criterion(secretary, round, code, source=Source.EXPERT, **fields):
    return workflow.add_criterion(
        secretary,
        round,
        code=code,
        name=f"Criteriul {code}",
        name_hu=f"{code} kritérium",
        name_en=f"Criterion {code}",
        source=source,
        levels=LEVELS if source == Source.EXPERT else None,
        **fields,
    )


@pytest.fixture
def scoring(secretary, department, evaluators):
    """A round at the scoring step: (round, criteria, candidates)."""
    round, criteria, candidates = locked_round(secretary, department, evaluators)
    return workflow.advance(secretary, round), criteria, candidates


# --- who may act -----------------------------------------------------------------------------------------------------


def test_only_the_secretariat_and_the_quality_manager_run_a_round(secretary, quality_manager, observer, clerk):
    assert workflow.create_round(secretary, year=2027, title="A", envelope_bani=1).state == State.DRAFT
    assert workflow.create_round(quality_manager, year=2028, title="B", envelope_bani=1).state == State.DRAFT
    for user in (observer, clerk):
        with pytest.raises(PermissionDenied):
            workflow.create_round(user, year=2029, title="C", envelope_bani=1)
    assert not Round.objects.filter(year=2029).exists()


def test_an_observer_or_a_clerk_cannot_change_lock_or_advance_a_round(secretary, observer, clerk, department):
    round = new_round(secretary)
    [need, *_rest] = add_method(secretary, round)
    for user in (observer, clerk):
        for call, args in (
            (workflow.update_round, (round,)),
            (workflow.add_criterion, (round,)),
            (workflow.update_criterion, (need,)),
            (workflow.delete_criterion, (need,)),
            (workflow.set_weights, (round, {})),
            (workflow.set_judgements, (round, {})),
            (workflow.lock, (round,)),
            (workflow.advance, (round,)),
            (workflow.publish, (round,)),
            (workflow.add_candidate, (round, eligible_investment(department))),
            (workflow.add_evaluator, (round, clerk)),
        ):
            with pytest.raises(PermissionDenied):
                call(user, *args)
    round.refresh_from_db()
    assert round.state == State.DRAFT


def test_only_the_quality_manager_records_agreed_scores(secretary, quality_manager, department, evaluators):
    round, criteria, candidates = locked_round(secretary, department, evaluators, citizen=False)
    round = workflow.advance(secretary, round)
    for evaluator in evaluators:
        score_all(evaluator, candidates, criteria[0], [3, 3, 3])
    round = workflow.advance(secretary, round)
    for user in (secretary, evaluators[0]):
        with pytest.raises(PermissionDenied):
            workflow.record_agreed(user, candidates[0], criteria[0], 4)
        with pytest.raises(PermissionDenied):
            workflow.accept_medians(user, round)
    assert not AgreedScore.objects.exists()
    assert workflow.record_agreed(quality_manager, candidates[0], criteria[0], 4).value == Decimal("4.000")


def test_only_the_named_evaluators_score(scoring, secretary, head, clerk):
    round, criteria, candidates = scoring
    for user in (secretary, head):  # the head of the department is not named in this round
        with pytest.raises(PermissionDenied):
            workflow.save_scores(user, candidates[0], {criteria[0].pk: (3, "")})
        with pytest.raises(PermissionDenied):
            workflow.declare_conflict(user, candidates[0], "Rudă")
    assert not ScoreSheet.objects.exists()


def test_only_signed_in_citizens_who_are_not_staff_vote(scoring, secretary, evaluators, citizen):
    round, criteria, candidates = scoring
    for evaluator in evaluators:
        score_all(evaluator, candidates, criteria[0], [3, 3, 3])
    round = workflow.advance(secretary, round)
    assert round.state == State.CONSULTATION
    for user in (secretary, evaluators[0]):
        with pytest.raises(PermissionDenied):
            workflow.cast_ballot(user, round, [candidates[0].pk])
        with pytest.raises(PermissionDenied):
            workflow.comment(user, candidates[0], "Da")
    citizen.is_active = False
    with pytest.raises(PermissionDenied):
        workflow.cast_ballot(citizen, round, [candidates[0].pk])
    assert not Ballot.objects.exists()


# --- the method in draft ---------------------------------------------------------------------------------------------


def test_a_criterion_is_added_with_its_described_levels(secretary):
    round = new_round(secretary)
    c1 = criterion(secretary, round, "C1")
    assert sorted(c1.levels.values_list("score", flat=True)) == [0, 1, 2, 3, 4, 5]
    assert c1.levels.get(score=3).description_en == LEVELS[3][2]
    workflow.update_criterion(secretary, c1, levels={3: ("", "", "")}, name="Nou")
    c1.refresh_from_db()
    assert (c1.name, sorted(c1.levels.values_list("score", flat=True))) == ("Nou", [0, 1, 2, 4, 5])
    refused("off_scale", workflow.update_criterion, secretary, c1, levels={6: ("Peste", "", "")})


def test_a_round_has_one_citizens_criterion_at_most(secretary):
    round = new_round(secretary)
    criterion(secretary, round, "C1")
    citizens = criterion(secretary, round, "C2", Source.CITIZEN, direction=Criterion.Direction.LOWER)
    assert citizens.direction == Criterion.Direction.HIGHER  # support is always higher-is-better
    refused("one_citizen_criterion", criterion, secretary, round, "C3", Source.CITIZEN)
    c4 = criterion(secretary, round, "C4", Source.COMPUTED)
    refused("one_citizen_criterion", workflow.update_criterion, secretary, c4, source=Source.CITIZEN)
    assert round.criteria.filter(source=Source.CITIZEN).count() == 1


def test_weights_that_do_not_add_up_to_exactly_100_are_refused_and_nothing_changes(secretary):
    round = new_round(secretary)
    c1, c2 = criterion(secretary, round, "C1"), criterion(secretary, round, "C2", Source.COMPUTED)
    workflow.set_weights(secretary, round, {c1.pk: 60, c2.pk: 40})
    events = RoundEvent.objects.count()
    for weights in ({c1.pk: 60, c2.pk: "40.01"}, {c1.pk: "59.99", c2.pk: 40}, {c1.pk: 70, c2.pk: 40}):
        refused("weights_total", workflow.set_weights, secretary, round, weights)
    refused("weights_missing", workflow.set_weights, secretary, round, {c1.pk: 100})
    refused("not_a_number", workflow.set_weights, secretary, round, {c1.pk: "șaizeci", c2.pk: 40})
    assert dict(round.criteria.values_list("code", "weight")) == {"C1": Decimal(60), "C2": Decimal(40)}
    assert RoundEvent.objects.count() == events
    workflow.set_weights(secretary, round, {c1.pk: "33.33", c2.pk: "66.67"})
    assert dict(round.criteria.values_list("code", "weight")) == {"C1": Decimal("33.33"), "C2": Decimal("66.67")}


def test_direct_and_pairwise_rounds_refuse_each_others_way_of_weighting(secretary):
    direct = new_round(secretary)
    d1, d2 = criterion(secretary, direct, "C1"), criterion(secretary, direct, "C2")
    refused("direct_round", workflow.set_judgements, secretary, direct, {(d1.pk, d2.pk): "3"})
    pairwise = new_round(secretary, weight_method=Round.WeightMethod.PAIRWISE)
    p1, p2 = criterion(secretary, pairwise, "C1"), criterion(secretary, pairwise, "C2")
    refused("pairwise_round", workflow.set_weights, secretary, pairwise, {p1.pk: 50, p2.pk: 50})
    refused("bad_pair", workflow.set_judgements, secretary, pairwise, {(p1.pk, p1.pk): "3"})
    refused("bad_pair", workflow.set_judgements, secretary, pairwise, {(p1.pk, d2.pk): "3"})
    refused("off_scale", workflow.set_judgements, secretary, pairwise, {(p1.pk, p2.pk): "10"})
    assert not Judgement.objects.exists()


@pytest.fixture
def pairwise(secretary):
    round = new_round(secretary, weight_method=Round.WeightMethod.PAIRWISE)
    return round, [
        criterion(secretary, round, "C1"),
        criterion(secretary, round, "C2", Source.COMPUTED),
        criterion(secretary, round, "C3", Source.CITIZEN),
    ]


def test_consistent_judgements_derive_the_weights(secretary, pairwise):
    round, (c1, c2, c3) = pairwise
    # C1 is twice C2, C2 twice C3, C1 four times C3: consistent, so the weights are 4/7, 2/7, 1/7 of 100.
    assert workflow.set_judgements(secretary, round, {(c1.pk, c2.pk): "2", (c2.pk, c3.pk): "2"}) is None
    result = workflow.set_judgements(secretary, round, {(c1.pk, c3.pk): "4"})
    assert result.accepted and result.consistency_ratio == 0
    weights = dict(round.criteria.values_list("code", "weight"))
    assert weights == {"C1": Decimal("57.14"), "C2": Decimal("28.57"), "C3": Decimal("14.29")}
    assert sum(weights.values()) == 100
    assert workflow.lock_problems(round) == []
    # A reversed pair replaces the earlier judgement of the same two criteria.
    workflow.set_judgements(secretary, round, {(c3.pk, c1.pk): "1/4"})
    assert Judgement.objects.filter(round=round).count() == 3


def test_inconsistent_judgements_are_kept_but_do_not_change_the_weights_and_the_lock_is_refused(secretary, pairwise):
    round, (c1, c2, c3) = pairwise
    workflow.set_judgements(secretary, round, {(c1.pk, c2.pk): "2", (c2.pk, c3.pk): "2", (c1.pk, c3.pk): "4"})
    before = dict(round.criteria.values_list("code", "weight"))
    # C1 > C2 > C3 strongly, yet C3 > C1: a cycle.
    result = workflow.set_judgements(
        secretary, round, {(c1.pk, c2.pk): "9", (c2.pk, c3.pk): "9", (c1.pk, c3.pk): "1/9"}
    )
    assert not result.accepted and result.consistency_ratio >= Decimal("0.10")
    assert dict(round.criteria.values_list("code", "weight")) == before
    assert set(Judgement.objects.filter(round=round).values_list("first__code", "second__code", "value")) == {
        ("C1", "C2", "9"),
        ("C2", "C3", "9"),
        ("C1", "C3", "1/9"),
    }
    assert RoundEvent.objects.filter(round=round, action="judgements_inconsistent").exists()
    message = workflow.inconsistency_message(round, result)
    worst = result.most_inconsistent
    codes_by_pk = {str(c.pk): c.code for c in (c1, c2, c3)}
    assert codes_by_pk[worst.first] in message and codes_by_pk[worst.second] in message
    assert str(result.consistency_ratio) in message
    assert workflow.lock_problems(round)
    refused("not_ready", workflow.lock, secretary, round)
    round.refresh_from_db()
    assert round.state == State.DRAFT


def test_a_draft_round_changes_freely(secretary):
    round = new_round(secretary)
    c1 = criterion(secretary, round, "C1")
    workflow.update_criterion(secretary, c1, code="N1", weight=Decimal(10))
    workflow.update_round(secretary, round, votes_per_citizen=5, weight_method=Round.WeightMethod.PAIRWISE)
    workflow.delete_criterion(secretary, c1)
    round.refresh_from_db()
    assert (round.votes_per_citizen, round.weight_method, round.criteria.count()) == (5, "pairwise", 0)


# --- candidates and the eligibility gate -----------------------------------------------------------------------------


def test_feasibility_is_read_from_the_investments_stage_date_and_evidence(secretary, department):
    round = new_round(secretary)
    done = eligible_investment(department)
    planned = InvestmentFactory(department=department)
    StageFactory(investment=planned, kind=Stage.Kind.FEASIBILITY)  # planned only: no date, no evidence
    other = InvestmentFactory(department=department)  # another stage done is not the feasibility study
    StageFactory(investment=other, kind=[k for k in Stage.Kind.values if k != Stage.Kind.FEASIBILITY][0], done=True)
    assert add_candidate(secretary, round, done, 100).feasibility_done
    for investment in (planned, other):
        candidate = add_candidate(secretary, round, investment, 100)
        assert not candidate.feasibility_done and not candidate.eligible
        assert workflow.gate_failures(candidate) == [workflow.gate_failures(candidate)[0]]
    refused("already_candidate", add_candidate, secretary, round, done, 100)


def test_competence_and_cofinancing_are_part_of_the_gate(secretary, department):
    round = new_round(secretary)
    no_competence = add_candidate(secretary, round, eligible_investment(department), 100, competence=False)
    no_money = add_candidate(secretary, round, eligible_investment(department), 100, cofinancing_ensured=False)
    assert not no_competence.eligible and not no_money.eligible
    assert len(workflow.gate_failures(no_competence)) == len(workflow.gate_failures(no_money)) == 1
    fixed = workflow.update_candidate(secretary, no_money, cofinancing_ensured=True)
    assert fixed.eligible


def test_an_ineligible_candidate_is_not_scored_voted_or_ranked(secretary, department, evaluators, citizen):
    round, criteria, candidates = locked_round(secretary, department, evaluators)
    out = add_candidate(secretary, round, eligible_investment(department, code="INV-X"), 100, competence=False)
    round = workflow.advance(secretary, round)  # no computed value needed for the ineligible one
    refused("not_eligible", workflow.save_scores, evaluators[0], out, {criteria[0].pk: (3, "")})
    refused("not_eligible", workflow.declare_conflict, evaluators[0], out, "Rudă")
    for evaluator in evaluators:
        score_all(evaluator, candidates, criteria[0], [3, 4, 2])
    round = workflow.advance(secretary, round)  # nobody had to score the ineligible one
    refused("bad_ballot", workflow.cast_ballot, citizen, round, [out.pk])
    refused("not_eligible", workflow.comment, citizen, Candidate.objects.get(pk=out.pk), "Da")


def test_candidates_are_frozen_once_scoring_starts(scoring, secretary, department, evaluators):
    round, criteria, candidates = scoring
    refused("wrong_state", add_candidate, secretary, round, eligible_investment(department), 100)
    refused("wrong_state", workflow.update_candidate, secretary, candidates[0], cost_bani=1)
    refused("wrong_state", workflow.remove_candidate, secretary, candidates[0])
    refused("wrong_state", workflow.add_evaluator, secretary, round, evaluators[0])
    assert Candidate.objects.filter(round=round).count() == 3


# --- scoring ---------------------------------------------------------------------------------------------------------


def test_a_sheet_is_a_draft_until_submitted_then_final(scoring, evaluators):
    round, (need, population, _support), candidates = scoring
    sheet = workflow.save_scores(evaluators[0], candidates[0], {need.pk: (5, "")})
    assert not sheet.submitted
    refused("incomplete", workflow.submit_sheet, evaluators[0], candidates[0])  # a 5 must be justified
    refused("not_expert", workflow.save_scores, evaluators[0], candidates[0], {population.pk: (3, "")})
    refused("off_scale", workflow.save_scores, evaluators[0], candidates[0], {need.pk: (6, "")})
    refused("not_scored", workflow.submit_sheet, evaluators[0], candidates[1])
    workflow.save_scores(evaluators[0], candidates[0], {need.pk: (None, "")})
    refused("incomplete", workflow.submit_sheet, evaluators[0], candidates[0])  # C1 not scored
    workflow.save_scores(evaluators[0], candidates[0], {need.pk: (0, "  Nu e nevoie  ")})
    assert workflow.submit_sheet(evaluators[0], candidates[0]).submitted
    assert Score.objects.get(sheet=sheet).justification == "Nu e nevoie"
    refused("already_submitted", workflow.save_scores, evaluators[0], candidates[0], {need.pk: (3, "")})
    refused("already_submitted", workflow.submit_sheet, evaluators[0], candidates[0])
    assert Score.objects.get(sheet=sheet).value == 0


def test_a_conflict_deletes_the_draft_and_excludes_the_evaluator(scoring, secretary, evaluators):
    round, (need, *_rest), candidates = scoring
    workflow.save_scores(evaluators[0], candidates[0], {need.pk: (4, "")})
    refused("reason_required", workflow.declare_conflict, evaluators[0], candidates[0], "  ")
    workflow.declare_conflict(evaluators[0], candidates[0], "Soțul meu este proiectantul.")
    assert not ScoreSheet.objects.filter(candidate=candidates[0], evaluator__user=evaluators[0]).exists()
    refused("conflict", workflow.save_scores, evaluators[0], candidates[0], {need.pk: (4, "")})
    workflow.save_scores(evaluators[0], candidates[1], {need.pk: (3, "")})
    workflow.submit_sheet(evaluators[0], candidates[1])
    workflow.save_scores(evaluators[0], candidates[2], {need.pk: (3, "")})
    workflow.submit_sheet(evaluators[0], candidates[2])
    score_all(evaluators[1], candidates, need, [2, 3, 4])
    # The step does not wait for the conflicted evaluator's sheet of that candidate.
    assert workflow.advance_problems(round) == []
    assert workflow.advance(secretary, round).state == State.CONSULTATION


def test_a_conflict_after_submitting_is_refused(scoring, evaluators):
    round, (need, *_rest), candidates = scoring
    score_all(evaluators[0], candidates[:1], need, [3])
    refused("already_submitted", workflow.declare_conflict, evaluators[0], candidates[0], "Rudă")
    assert not Conflict.objects.exists()


def test_a_candidate_every_evaluator_is_conflicted_with_holds_the_step(scoring, secretary, evaluators):
    round, (need, *_rest), candidates = scoring
    for evaluator in evaluators:
        workflow.declare_conflict(evaluator, candidates[0], "Rudă")
        score_all(evaluator, candidates[1:], need, [3, 3])
    problems = workflow.advance_problems(round)
    assert len(problems) == 1 and candidates[0].investment.code in problems[0]
    refused("not_ready", workflow.advance, secretary, round)


def test_scoring_happens_only_at_the_scoring_step(secretary, department, evaluators):
    round, criteria, candidates = locked_round(secretary, department, evaluators)
    refused("wrong_state", workflow.save_scores, evaluators[0], candidates[0], {criteria[0].pk: (3, "")})


# --- the steps -------------------------------------------------------------------------------------------------------


def test_scoring_needs_two_evaluators_and_every_computed_value(secretary, department, evaluators):
    round = new_round(secretary)
    criteria = add_method(secretary, round)
    round = workflow.lock(secretary, round)
    assert len(workflow.advance_problems(round)) == 2  # no eligible candidate, no evaluator
    candidate = add_candidate(secretary, round, eligible_investment(department, code="INV-A"), 100)
    workflow.add_evaluator(secretary, round, evaluators[0])
    problems = workflow.advance_problems(round)
    assert len(problems) == 2 and any("INV-A" in p for p in problems)  # one evaluator; C2 has no value
    refused("not_ready", workflow.advance, secretary, round)
    workflow.add_evaluator(secretary, round, evaluators[1])
    workflow.set_value(secretary, candidate, criteria[1], 1200, "INS")
    assert workflow.advance_problems(round) == []
    assert workflow.advance(secretary, round).state == State.SCORING


def test_unsubmitted_sheets_hold_the_scoring_step(scoring, secretary, evaluators):
    round, (need, *_rest), candidates = scoring
    score_all(evaluators[0], candidates, need, [3, 3, 3])
    workflow.save_scores(evaluators[1], candidates[0], {need.pk: (3, "")})  # a draft only
    problems = workflow.advance_problems(round)
    assert len(problems) == 1 and all(c.investment.code in problems[0] for c in candidates)
    refused("not_ready", workflow.advance, secretary, round)


def test_the_consultation_holds_the_step_until_its_last_day_has_passed(scoring, secretary, evaluators):
    round, (need, *_rest), candidates = scoring
    for evaluator in evaluators:
        score_all(evaluator, candidates, need, [3, 3, 3])
    round = workflow.advance(secretary, round)
    assert round.state == State.CONSULTATION
    with calendar.clock_at(round.consultation_closes):
        refused("not_ready", workflow.advance, secretary, round)
    with calendar.clock_at(round.consultation_closes + datetime.timedelta(days=1)):
        assert workflow.advance(secretary, round).state == State.CONSOLIDATION


def test_a_round_without_a_citizens_criterion_goes_from_scoring_to_consolidation(secretary, department, evaluators):
    round, (need, _population), candidates = locked_round(secretary, department, evaluators, citizen=False)
    round = workflow.advance(secretary, round)
    for evaluator in evaluators:
        score_all(evaluator, candidates, need, [3, 3, 3])
    assert workflow.next_state(round) == State.CONSOLIDATION
    assert workflow.advance(secretary, round).state == State.CONSOLIDATION
    refused("wrong_state", workflow.advance, secretary, round)  # publishing is `publish`


def test_a_draft_round_is_not_advanced_but_locked(secretary):
    round = new_round(secretary)
    add_method(secretary, round)
    refused("wrong_state", workflow.advance, secretary, round)


# --- the citizens' consultation --------------------------------------------------------------------------------------


@pytest.fixture
def consultation(scoring, secretary, evaluators):
    round, criteria, candidates = scoring
    for evaluator in evaluators:
        score_all(evaluator, candidates, criteria[0], [3, 3, 3])
    return workflow.advance(secretary, round), criteria, candidates


def test_a_ballot_approves_one_to_votes_per_citizen_candidates_of_the_round(
    consultation, citizen, secretary, department, evaluators
):
    round, criteria, candidates = consultation
    assert round.votes_per_citizen == 2
    refused("bad_ballot", workflow.cast_ballot, citizen, round, [])
    refused("bad_ballot", workflow.cast_ballot, citizen, round, [c.pk for c in candidates])
    refused("bad_ballot", workflow.cast_ballot, citizen, round, [candidates[0].pk, candidates[0].pk])
    foreign = add_candidate(secretary, new_round(secretary), eligible_investment(department), 100)
    refused("bad_ballot", workflow.cast_ballot, citizen, round, [foreign.pk])
    assert not Ballot.objects.exists()
    workflow.cast_ballot(citizen, round, [candidates[0].pk, candidates[1].pk])
    ballot = workflow.cast_ballot(citizen, round, [candidates[2].pk])  # voting again replaces the ballot
    assert Ballot.objects.filter(round=round).count() == 1
    assert list(ballot.candidates.all()) == [candidates[2]]


def test_voting_outside_the_consultations_dates_is_refused(consultation, citizen):
    round, criteria, candidates = consultation
    for day in (
        round.consultation_opens - datetime.timedelta(days=1),
        round.consultation_closes + datetime.timedelta(1),
    ):
        with calendar.clock_at(day):
            refused("consultation_closed", workflow.cast_ballot, citizen, round, [candidates[0].pk])
            refused("consultation_closed", workflow.comment, citizen, Candidate.objects.get(pk=candidates[0].pk), "Da")
    with calendar.clock_at(round.consultation_closes):
        workflow.cast_ballot(citizen, round, [candidates[0].pk])


def test_the_history_records_that_a_ballot_was_cast_not_whose_or_for_whom(consultation, citizen):
    round, criteria, candidates = consultation
    workflow.cast_ballot(citizen, round, [candidates[0].pk])
    workflow.cast_ballot(citizen, round, [candidates[1].pk])
    events = list(RoundEvent.objects.filter(round=round, action__in=["ballot_cast", "ballot_changed"]))
    assert [(e.action, e.actor, e.detail) for e in events] in (
        [("ballot_cast", None, ""), ("ballot_changed", None, "")],
        [("ballot_changed", None, ""), ("ballot_cast", None, "")],
    )


def test_comments_are_checked(consultation, citizen):
    round, criteria, candidates = consultation
    candidates = list(Candidate.objects.filter(round=round).order_by("investment__code"))
    refused("empty", workflow.comment, citizen, candidates[0], "   ")
    refused("too_long", workflow.comment, citizen, candidates[0], "a" * 2001)
    row = workflow.comment(citizen, candidates[0], "  Foarte necesar.  ")
    assert row.text == "Foarte necesar."
    assert RoundEvent.objects.get(round=round, action="comment").actor is None


def test_ballots_are_refused_outside_the_consultation_step(scoring, citizen):
    round, criteria, candidates = scoring
    refused("consultation_closed", workflow.cast_ballot, citizen, round, [candidates[0].pk])


# --- consolidation and publication -----------------------------------------------------------------------------------


@pytest.fixture
def consolidating(secretary, department, evaluators):
    """A round without citizens' criterion in consolidation; C1 scores (3, 4), (1, 4), (2, 2)."""
    round, criteria, candidates = locked_round(secretary, department, evaluators, citizen=False)
    round = workflow.advance(secretary, round)
    score_all(evaluators[0], candidates, criteria[0], [3, 1, 2])
    score_all(evaluators[1], candidates, criteria[0], [4, 4, 2])
    return workflow.advance(secretary, round), criteria, candidates


def test_accepting_the_medians_skips_wide_spreads_and_agreed_scores(consolidating, quality_manager):
    round, (need, _population), candidates = consolidating
    workflow.record_agreed(quality_manager, candidates[2], need, "2.5", "Discutat")
    assert workflow.accept_medians(quality_manager, round) == 1  # P1 only: P2 spreads 3 ≥ 2, P3 is agreed
    agreed = {a.candidate_id: a.value for a in AgreedScore.objects.all()}
    assert agreed == {candidates[0].pk: Decimal("3.5"), candidates[2].pk: Decimal("2.5")}
    assert workflow.accept_medians(quality_manager, round) == 0


def test_an_agreed_score_is_on_the_scale_and_for_an_evaluators_criterion(consolidating, quality_manager):
    round, (need, population), candidates = consolidating
    for value in ("-0.1", "5.001", "cinci"):
        refused("off_scale", workflow.record_agreed, quality_manager, candidates[1], need, value)
    refused("not_expert", workflow.record_agreed, quality_manager, candidates[1], population, 3)
    assert workflow.record_agreed(quality_manager, candidates[1], need, 5).value == 5
    assert workflow.record_agreed(quality_manager, candidates[1], need, "0").value == 0
    assert AgreedScore.objects.count() == 1


def test_publishing_needs_every_agreed_score(consolidating, secretary, quality_manager):
    round, (need, _population), candidates = consolidating
    workflow.accept_medians(quality_manager, round)
    problems = workflow.publish_problems(round)
    assert len(problems) == 1 and candidates[1].investment.code in problems[0]
    refused("not_ready", workflow.publish, secretary, round)
    workflow.record_agreed(quality_manager, candidates[1], need, 3)
    assert workflow.publish_problems(round) == []


def test_publishing_freezes_the_result_and_ends_the_round(consolidating, secretary, quality_manager, evaluators):
    round, (need, population), candidates = consolidating
    workflow.accept_medians(quality_manager, round)
    workflow.record_agreed(quality_manager, candidates[1], need, 3)
    with pytest.raises(PermissionDenied):
        workflow.publish(evaluators[0], round)
    round = workflow.publish(secretary, round)
    round.refresh_from_db()
    assert round.state == State.PUBLISHED and round.published_by == secretary and round.published_at
    frozen = round.result
    # C1 agreed 3.5, 3, 2 (× 60/5); C2 1000, 2000, 3000 people → 0, 2.5, 5 (× 40/5): 42, 56, 64 points.
    assert [(row["code"], Decimal(row["score"])) for row in frozen["ranking"]] == [
        ("INV-P3", 64),
        ("INV-P2", 56),
        ("INV-P1", 42),
    ]
    investment = candidates[0].investment
    investment.title = "Alt titlu"
    investment.save()
    refused("wrong_state", workflow.set_value, secretary, candidates[0], population, 99999)
    refused("wrong_state", workflow.record_agreed, quality_manager, candidates[0], need, 1)
    refused("wrong_state", workflow.publish, secretary, round)
    refused("wrong_state", workflow.advance, secretary, round)
    refused("published", workflow.update_round, secretary, round, title="Altul")
    round.refresh_from_db()
    assert round.result == frozen
    assert {row["title"]["ro"] for row in round.result["ranking"]} == {"Proiect 1", "Proiect 2", "Proiect 3"}


# --- input that is not a number: refused with a code, never a server error -------------------------------------------


def test_a_weight_or_a_value_that_is_not_a_finite_number_is_refused(secretary, department, evaluators):
    round = new_round(secretary)
    c1, c2 = criterion(secretary, round, "C1"), criterion(secretary, round, "C2", Source.COMPUTED)
    with pytest.raises(ValidationError):
        workflow.set_weights(secretary, round, {c1.pk: "NaN", c2.pk: 40})
    round, criteria, candidates = locked_round(secretary, department, evaluators)
    for value in ("NaN", "Infinity"):
        with pytest.raises(ValidationError):
            workflow.set_value(secretary, candidates[0], criteria[1], value)


def test_a_score_that_is_not_a_whole_number_is_refused(scoring, evaluators):
    round, (need, *_rest), candidates = scoring
    refused("off_scale", workflow.save_scores, evaluators[0], candidates[0], {need.pk: ("3.5", "")})


def test_an_agreed_score_that_is_not_a_number_is_refused(consolidating, quality_manager):
    round, (need, _population), candidates = consolidating
    refused("off_scale", workflow.record_agreed, quality_manager, candidates[1], need, "NaN")


def test_a_comment_is_judged_by_the_rounds_state_in_the_database(scoring, secretary, evaluators, citizen):
    round, (need, *_rest), candidates = scoring  # `candidates` were read while the round was locked
    for evaluator in evaluators:
        score_all(evaluator, candidates, need, [3, 3, 3])
    workflow.advance(secretary, round)
    assert workflow.comment(citizen, candidates[0], "Da").text == "Da"
