"""What the prioritisation pages read (`investments.prioritisation.selectors`): the privacy of scores before an
evaluator submits, the consolidation table, the citizens' tally, and the ranking computed from known scores, checked
against the arithmetic written out by hand (weights, min–max normalisation by direction, votes normalised to the most
voted, the funding line, expert-only beside combined, sensitivity), and the frozen published result."""

import datetime
from decimal import Decimal

import pytest

from investments.models import Candidate, Criterion, Round
from investments.prioritisation import selectors, workflow
from services import calendar
from tests.investments.prioritisation_helpers import (
    add_candidate,
    add_method,
    eligible_investment,
    evaluators_fixture,  # noqa: F401
    locked_round,
    new_round,
    score_all,
    secretary_fixture,  # noqa: F401
    voter,
)
from tests.investments.staff_helpers import observer_fixture  # noqa: F401

State = Round.State
LEI = 100


def build(
    secretary,
    department,
    evaluators,
    needs,
    *,
    citizen=False,
    population=(1000, 2000, 3000),
    direction=Criterion.Direction.HIGHER,
    costs=(600_000 * LEI, 500_000 * LEI, 300_000 * LEI),
    envelope=1_000_000 * LEI,
):
    """A round in scoring with C1 (evaluators), C2 (computed, `direction`) and, with `citizen`, C3; each evaluator
    scores C1 with `needs[i]` (one value per candidate) and submits. Returns (round, criteria, candidates)."""
    round = new_round(secretary, citizen=citizen, envelope_bani=envelope)
    criteria = add_method(secretary, round, citizen=citizen)
    if direction != Criterion.Direction.HIGHER:
        workflow.update_criterion(secretary, criteria[1], direction=direction)
    round = workflow.lock(secretary, round)
    candidates = []
    for n, (cost, people) in enumerate(zip(costs, population, strict=True), start=1):
        candidate = add_candidate(secretary, round, eligible_investment(department, code=f"INV-P{n}"), cost)
        workflow.set_value(secretary, candidate, criteria[1], people, "INS")
        candidates.append(candidate)
    for user in evaluators:
        workflow.add_evaluator(secretary, round, user)
    round = workflow.advance(secretary, round)
    for user, values in zip(evaluators, needs, strict=True):
        score_all(user, candidates, criteria[0], values)
    return round, criteria, candidates


def consolidate(secretary, quality_manager, round):
    round = workflow.advance(secretary, round)
    assert round.state == State.CONSOLIDATION
    workflow.accept_medians(quality_manager, round)
    return round


def by_code(result):
    codes = {str(c.pk): c.investment.code for c in result.inputs.candidates}
    return codes


# --- the privacy of scores -------------------------------------------------------------------------------------------


def test_an_evaluator_sees_nobody_elses_scores_of_a_candidate_before_submitting_their_own(
    secretary, department, evaluators, quality_manager, observer
):
    round, criteria, candidates = locked_round(secretary, department, evaluators)
    round = workflow.advance(secretary, round)
    need, first = criteria[0], candidates[0]
    first_evaluator, second_evaluator = evaluators
    workflow.save_scores(first_evaluator, first, {need.pk: (4, "")})
    # A draft is nobody's to read but its author's (through own_sheet), not even the managers'.
    for user in (secretary, quality_manager, first_evaluator, second_evaluator, observer):
        assert selectors.submitted_scores(user, first) == []
    workflow.submit_sheet(first_evaluator, first)
    assert selectors.submitted_scores(second_evaluator, first) == []  # not submitted their own yet
    workflow.save_scores(second_evaluator, first, {need.pk: (2, "")})
    assert selectors.submitted_scores(second_evaluator, first) == []  # a draft is not a submission
    assert selectors.submitted_scores(observer, first) == []  # seeing every investment is not seeing scores
    for user in (secretary, quality_manager, first_evaluator):
        [(evaluator, scores)] = selectors.submitted_scores(user, first)
        assert evaluator.user == first_evaluator and scores[need.pk].value == 4
    assert selectors.submitted_scores(first_evaluator, candidates[1]) == []  # per candidate
    workflow.submit_sheet(second_evaluator, first)
    seen = selectors.submitted_scores(second_evaluator, first)
    assert [(e.user, s[need.pk].value) for e, s in seen] == [(first_evaluator, 4), (second_evaluator, 2)]


def test_a_conflicted_evaluator_never_sees_the_candidates_scores(secretary, department, evaluators):
    round, criteria, candidates = locked_round(secretary, department, evaluators)
    round = workflow.advance(secretary, round)
    workflow.declare_conflict(evaluators[0], candidates[0], "Rudă")
    score_all(evaluators[1], candidates[:1], criteria[0], [3])
    assert selectors.submitted_scores(evaluators[0], candidates[0]) == []


def test_an_evaluators_tasks_show_their_own_drafts_submissions_and_conflicts(secretary, department, evaluators):
    round, criteria, candidates = locked_round(secretary, department, evaluators)
    round = workflow.advance(secretary, round)
    workflow.declare_conflict(evaluators[0], candidates[0], "Rudă")
    workflow.save_scores(evaluators[0], candidates[1], {criteria[0].pk: (3, "")})
    score_all(evaluators[0], candidates[2:], criteria[0], [2])
    workflow.save_scores(evaluators[1], candidates[1], {criteria[0].pk: (1, "")})
    evaluator = round.evaluators.get(user=evaluators[0])
    tasks = selectors.evaluator_tasks(evaluator)
    assert [(t.candidate.investment.code, t.status) for t in tasks] == [
        ("INV-P1", "conflict"),
        ("INV-P2", "draft"),
        ("INV-P3", "submitted"),
    ]
    assert [s.value for s in selectors.own_sheet(evaluator, candidates[1]).scores.all()] == [3]


def test_the_rounds_list_shows_managers_and_observers_every_round_and_evaluators_their_own(
    secretary, department, evaluators, observer, clerk
):
    mine, _criteria, _candidates = locked_round(secretary, department, evaluators)
    other = new_round(secretary)
    assert set(selectors.rounds_for(secretary)) == set(selectors.rounds_for(observer)) == {mine, other}
    assert list(selectors.rounds_for(evaluators[0])) == [mine]
    assert list(selectors.rounds_for(clerk)) == []
    assert list(selectors.public_rounds()) == [mine]  # a draft is not public


# --- consolidation and the tally -------------------------------------------------------------------------------------


def test_the_consolidation_gives_mean_median_spread_and_flags_wide_spreads(
    secretary, department, evaluators, quality_manager
):
    round, (need, *_rest), candidates = build(secretary, department, evaluators, [[3, 1, 2], [4, 4, 2]])
    round = workflow.advance(secretary, round)
    rows = {row.candidate.investment.code: row for row in selectors.consolidation(round)}
    assert [(code, r.scores) for code, r in sorted(rows.items())] == [
        ("INV-P1", [3, 4]),
        ("INV-P2", [1, 4]),
        ("INV-P3", [2, 2]),
    ]
    p1, p2 = rows["INV-P1"].consolidated, rows["INV-P2"].consolidated
    assert (p1.mean, p1.median, p1.spread, p1.wide_spread) == (Decimal("3.5"), Decimal("3.5"), 1, False)
    assert (p2.mean, p2.median, p2.spread, p2.wide_spread) == (Decimal("2.5"), Decimal("2.5"), 3, True)
    assert rows["INV-P2"].wide_spread and not rows["INV-P3"].wide_spread
    assert all(r.agreed is None and r.excluded == 0 for r in rows.values())
    workflow.record_agreed(quality_manager, candidates[1], need, 3)
    agreed = {r.candidate.pk: r.agreed for r in selectors.consolidation(round)}
    assert agreed[candidates[1].pk].value == 3


def test_the_wide_spread_flag_follows_the_rounds_threshold(secretary, department, evaluators):
    round = new_round(secretary, citizen=False)
    round = workflow.update_round(secretary, round, wide_spread_at=Decimal(4))
    criteria = add_method(secretary, round, citizen=False)
    round = workflow.lock(secretary, round)
    candidate = add_candidate(secretary, round, eligible_investment(department), 100)
    workflow.set_value(secretary, candidate, criteria[1], 10)
    for user in evaluators:
        workflow.add_evaluator(secretary, round, user)
    round = workflow.advance(secretary, round)
    score_all(evaluators[0], [candidate], criteria[0], [1])
    score_all(evaluators[1], [candidate], criteria[0], [4])
    [row] = selectors.consolidation(round)
    assert row.consolidated.spread == 3 and not row.wide_spread  # 3 < 4


def test_a_conflicted_evaluator_is_counted_as_excluded_in_the_consolidation(secretary, department, evaluators):
    round, criteria, candidates = locked_round(secretary, department, evaluators, citizen=False)
    round = workflow.advance(secretary, round)
    workflow.declare_conflict(evaluators[0], candidates[0], "Rudă")
    score_all(evaluators[0], candidates[1:], criteria[0], [3, 3])
    score_all(evaluators[1], candidates, criteria[0], [2, 3, 3])
    round = workflow.advance(secretary, round)
    rows = {row.candidate.pk: row for row in selectors.consolidation(round)}
    assert (rows[candidates[0].pk].scores, rows[candidates[0].pk].excluded) == ([2], 1)
    assert (rows[candidates[1].pk].scores, rows[candidates[1].pk].excluded) == ([3, 3], 0)


def test_the_tally_counts_the_approvals_of_every_eligible_candidate(secretary, department, evaluators):
    round, criteria, candidates = build(secretary, department, evaluators, [[3, 3, 3], [3, 3, 3]], citizen=True)
    round = workflow.advance(secretary, round)
    workflow.cast_ballot(voter(1), round, [candidates[1].pk])
    workflow.cast_ballot(voter(2), round, [candidates[1].pk, candidates[0].pk])
    third = voter(3)
    workflow.cast_ballot(third, round, [candidates[0].pk])
    workflow.cast_ballot(third, round, [candidates[1].pk])  # changed their mind
    assert selectors.tally(round) == {candidates[0].pk: 1, candidates[1].pk: 3, candidates[2].pk: 0}
    assert [c.pk for c in selectors.ballot_of(third, round).candidates.all()] == [candidates[1].pk]


# --- the ranking, by hand ------------------------------------------------------------------------------------------


@pytest.fixture
def voted(secretary, department, evaluators, quality_manager):
    """C1 need 50% (agreed 4, 2, 0), C2 population 30% (1000, 2000, 3000 → 0, 2.5, 5), C3 citizens 20% (votes 1, 2, 0
    → 2.5, 5, 0). Costs 600 000, 500 000, 300 000 lei; envelope 1 000 000 lei."""
    round, criteria, candidates = build(secretary, department, evaluators, [[4, 2, 0], [4, 2, 0]], citizen=True)
    round = workflow.advance(secretary, round)
    workflow.cast_ballot(voter(1), round, [candidates[1].pk])
    workflow.cast_ballot(voter(2), round, [candidates[1].pk, candidates[0].pk])
    with calendar.clock_at(round.consultation_closes + datetime.timedelta(days=1)):
        round = consolidate(secretary, quality_manager, round)
    return round, criteria, candidates


def test_the_ranking_is_the_weighted_sum_written_out_by_hand(voted):
    round, (need, population, support), candidates = voted
    result = selectors.compute(round)
    assert result.complete
    codes = by_code(result)
    # P1: 4/5·50 + 0/5·30 + 2.5/5·20 = 40 + 0 + 10 = 50
    # P2: 2/5·50 + 2.5/5·30 + 5/5·20 = 20 + 15 + 20 = 55
    # P3: 0/5·50 + 5/5·30 + 0/5·20 = 0 + 30 + 0 = 30
    assert [(s.rank, codes[s.candidate], s.score) for s in result.standings] == [
        (1, "INV-P2", 55),
        (2, "INV-P1", 50),
        (3, "INV-P3", 30),
    ]
    p2 = result.standings[0]
    assert [(c.criterion, c.weight, c.score, c.points) for c in p2.contributions] == [
        (str(need.pk), 50, 2, 20),
        (str(population.pk), 30, Decimal("2.5"), 15),
        (str(support.pk), 20, 5, 20),
    ]
    assert result.inputs.votes == {candidates[0].pk: 1, candidates[1].pk: 2, candidates[2].pk: 0}
    assert result.inputs.provisional == []


def test_the_funding_line_skips_a_candidate_that_does_not_fit_and_funds_the_next(voted):
    round, _criteria, _candidates = voted
    result = selectors.compute(round)
    codes = by_code(result)
    # P2 500 000 funded (500 000 left); P1 600 000 does not fit; P3 300 000 funded (200 000 left).
    assert [(codes[s.candidate], s.funded, s.funded_so_far, s.left) for s in result.funding.steps] == [
        ("INV-P2", True, 500_000 * LEI, 500_000 * LEI),
        ("INV-P1", False, 500_000 * LEI, 500_000 * LEI),
        ("INV-P3", True, 800_000 * LEI, 200_000 * LEI),
    ]
    assert (result.funding.funded_total, result.funding.remainder) == (800_000 * LEI, 200_000 * LEI)


def test_the_expert_only_ranking_stands_beside_the_combined_one(voted):
    round, _criteria, _candidates = voted
    result = selectors.compute(round)
    codes = by_code(result)
    # Without C3: C1 62.5, C2 37.5. P1 4/5·62.5 = 50; P2 2/5·62.5 + 2.5/5·37.5 = 25 + 18.75 = 43.75; P3 37.5.
    side = {codes[row.candidate]: row for row in result.side_by_side}
    assert {code: (r.combined_rank, r.expert_rank, r.expert_score) for code, r in side.items()} == {
        "INV-P2": (1, 2, Decimal("43.75")),
        "INV-P1": (2, 1, Decimal(50)),
        "INV-P3": (3, 3, Decimal("37.5")),
    }


def test_a_round_without_citizens_has_no_side_by_side(secretary, department, evaluators, quality_manager):
    round, _criteria, _candidates = build(secretary, department, evaluators, [[3, 3, 3], [3, 3, 3]])
    round = consolidate(secretary, quality_manager, round)
    assert selectors.compute(round).side_by_side is None


def test_a_computed_criterion_where_lower_is_better_is_normalised_the_other_way(
    secretary, department, evaluators, quality_manager
):
    round, (need, cost_per_person), candidates = build(
        secretary,
        department,
        evaluators,
        [[3, 3, 3], [3, 3, 3]],
        population=(100, 400, 250),
        direction=Criterion.Direction.LOWER,
    )
    round = consolidate(secretary, quality_manager, round)
    result = selectors.compute(round)
    scores = {c.id: c.scores[str(cost_per_person.pk)] for c in result.inputs.rank_candidates}
    # min 100 → 5, max 400 → 0, 250 halfway → 2.5
    assert scores == {str(candidates[0].pk): 5, str(candidates[1].pk): 0, str(candidates[2].pk): Decimal("2.5")}
    # 3/5·60 = 36 for all, plus 40 · (5, 0, 2.5)/5
    assert [s.score for s in result.standings] == [76, 56, 36]


def test_votes_are_normalised_to_the_most_voted_candidate(voted):
    round, (_need, _population, support), candidates = voted
    data = selectors.inputs(round)
    scores = {c.id: c.scores[str(support.pk)] for c in data.rank_candidates}
    assert scores == {str(candidates[0].pk): Decimal("2.5"), str(candidates[1].pk): 5, str(candidates[2].pk): 0}


def test_before_the_scores_are_agreed_the_means_are_used_and_marked_provisional(secretary, department, evaluators):
    round, _criteria, _candidates = build(secretary, department, evaluators, [[3, 1, 2], [4, 4, 2]])
    data = selectors.inputs(round)
    assert len(data.provisional) == 3
    assert sorted(c.scores[str(data.criteria[0].pk)] for c in data.rank_candidates) == [2, Decimal("2.5"), 3.5]


def test_no_ranking_while_a_score_is_missing(secretary, department, evaluators):
    round, criteria, candidates = locked_round(secretary, department, evaluators, citizen=False)
    round = workflow.advance(secretary, round)
    workflow.save_scores(evaluators[0], candidates[0], {criteria[0].pk: (3, "")})  # a draft counts for nothing
    assert selectors.compute(round) is None
    assert len(selectors.missing_scores(selectors.inputs(round))) == 3


def test_the_sensitivity_shows_a_swap_when_two_candidates_are_close(
    secretary, department, evaluators, quality_manager
):
    # C1 60, C2 40: P1 need 5 → 60 + 0 = 60; P2 need 3.5 → 42 + 20 = 62; P3 need 0 → 0 + 40 = 40.
    # C1 × 1.1 = 66 (C2 34): P1 66, P2 3.5/5·66 + 2.5/5·34 = 46.2 + 17 = 63.2: P1 passes P2.
    round, _criteria, candidates = build(secretary, department, evaluators, [[5, 3, 0], [5, 4, 0]])
    round = consolidate(secretary, quality_manager, round)
    result = selectors.compute(round)
    codes = by_code(result)
    assert [(codes[s.candidate], s.score) for s in result.standings] == [
        ("INV-P2", 62),
        ("INV-P1", 60),
        ("INV-P3", 40),
    ]
    assert not result.sensitivity.stable
    assert [(codes[a], codes[b]) for a, b in result.sensitivity.swaps] == [("INV-P2", "INV-P1")]
    # C2 × 0.9 = 36 (C1 64) does the same: P1 64, P2 44.8 + 18 = 62.8. Lowering C1 or raising C2 widens the gap.
    need, population = _criteria
    swapping = {(s.criterion, s.factor) for s in result.sensitivity.scenarios if s.swaps}
    assert swapping == {(str(need.pk), Decimal("1.1")), (str(population.pk), Decimal("0.9"))}
    snapshot = selectors.result_snapshot(round)
    assert snapshot["sensitivity"]["largest_move"] == 1
    assert [s["swaps"] for s in snapshot["sensitivity"]["scenarios"] if s["swaps"]] == [[["INV-P2", "INV-P1"]]] * 2


def test_the_sensitivity_shows_a_stable_ranking_when_the_gaps_are_wide(
    secretary, department, evaluators, quality_manager
):
    # P1 60, P3 40, P2 1/5·60 + 2.5/5·40 = 12 + 20 = 32: ±10% of any weight moves nobody.
    round, _criteria, _candidates = build(secretary, department, evaluators, [[5, 1, 0], [5, 1, 0]])
    round = consolidate(secretary, quality_manager, round)
    result = selectors.compute(round)
    assert result.sensitivity.stable and result.sensitivity.swaps == ()
    assert len(result.sensitivity.scenarios) == 4  # each of two criteria up and down


# --- the published result is frozen ----------------------------------------------------------------------------------


def test_the_published_result_does_not_move_when_the_investments_change(voted, secretary):
    round, _criteria, candidates = voted
    round = workflow.publish(secretary, round)
    round.refresh_from_db()
    frozen = round.result
    assert [(r["code"], r["rank"], Decimal(r["score"]), r["funding"], r["votes"]) for r in frozen["ranking"]] == [
        ("INV-P2", 1, 55, "funded", 2),
        ("INV-P1", 2, 50, frozen["ranking"][1]["funding"], 1),
        ("INV-P3", 3, 30, "funded", 0),
    ]
    assert frozen["ranking"][1]["funding"] != "funded"
    assert (frozen["funded_total_bani"], frozen["remainder_bani"], frozen["ballots"]) == (
        800_000 * LEI,
        200_000 * LEI,
        2,
    )
    p1 = Candidate.objects.get(pk=candidates[0].pk).investment
    p1.title, p1.code = "Un titlu nou", "INV-NOU"
    p1.save()
    round.refresh_from_db()
    assert round.result == frozen
    assert frozen["ranking"][1]["code"] == "INV-P1"
    # The live computation moves (the code is read from the investment); the published record does not.
    live = selectors.result_snapshot(round)
    assert live["ranking"][1]["code"] == "INV-NOU"
