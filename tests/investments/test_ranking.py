"""Unit tests of investments.ranking: the prioritisation's arithmetic from plain values, no database."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from investments import ranking
from investments.ranking import (
    DOES_NOT_FIT,
    FUNDED,
    HIGHER,
    LOWER,
    BallotError,
    Candidate,
    Criterion,
    JudgementError,
    MissingScoreError,
    RankingError,
    WeightsError,
)

D = Decimal


def criteria(*weights, citizen=None):
    """Criteria c1, c2, … with the given weights; `citizen` names the one that is the citizens' support."""
    return [Criterion(f"c{i}", w, citizen_support=(f"c{i}" == citizen)) for i, w in enumerate(weights, start=1)]


def candidate(id, bani=100, **scores):
    return Candidate(id, bani, scores)


# --- rounding ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        pytest.param(Fraction(1, 3), 3, D("0.333"), id="a third"),
        pytest.param(Fraction(2, 3), 3, D("0.667"), id="two thirds"),
        pytest.param(Fraction(1, 8), 2, D("0.13"), id="0.125 half up, not to even"),
        pytest.param(Fraction(-1, 8), 2, D("-0.13"), id="negative half away from zero"),
        pytest.param(D("2.5"), 0, D("3"), id="2.5 to a whole"),
        pytest.param(7, 2, D("7.00"), id="an integer keeps its places"),
        pytest.param(0, 1, D("0.0"), id="zero"),
    ],
)
def test_round_half_up(value, places, expected):
    result = ranking.round_half_up(value, places)
    assert result == expected
    assert str(result) == str(expected)


@pytest.mark.parametrize(
    ("shares", "total", "places", "expected"),
    [
        pytest.param({"a": 1, "b": 1, "c": 1}, 100, 1, ["33.4", "33.3", "33.3"], id="equal thirds: the first"),
        pytest.param({"a": 8, "b": 4, "c": 2, "d": 1}, 100, 1, ["53.3", "26.7", "13.3", "6.7"], id="fifteenths"),
        pytest.param({"a": 1, "b": 2}, 100, 0, ["33", "67"], id="whole points"),
        pytest.param({"a": 30, "b": 30}, 100, 2, ["50.00", "50.00"], id="rescaled to the total"),
        pytest.param({"a": 0, "b": 5}, 100, 1, ["0.0", "100.0"], id="a zero share stays zero"),
        pytest.param(
            {"a": Fraction(1, 3), "b": Fraction(1, 3), "c": Fraction(1, 3)},
            D("72.35"),
            2,
            ["24.12", "24.12", "24.11"],
            id="a total with decimals",
        ),
    ],
)
def test_round_to_total_adds_up_to_the_total_exactly(shares, total, places, expected):
    result = ranking.round_to_total(shares, total, places)
    assert [str(v) for v in result.values()] == expected
    assert list(result) == list(shares)
    assert sum(result.values()) == total


@pytest.mark.parametrize(
    ("shares", "total", "places"),
    [
        pytest.param({"a": 0, "b": 0}, 100, 1, id="all zero"),
        pytest.param({}, 100, 1, id="nothing to share"),
        pytest.param({"a": -1, "b": 2}, 100, 1, id="a negative share"),
        pytest.param({"a": 1, "b": 1}, D("0.05"), 1, id="a total finer than the places"),
    ],
)
def test_round_to_total_refuses_what_cannot_be_shared(shares, total, places):
    with pytest.raises(RankingError):
        ranking.round_to_total(shares, total, places)


@given(st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=12), st.integers(0, 3))
def test_round_to_total_is_never_more_than_one_step_from_the_exact_share(values, places):
    if not any(values):
        values = [*values, 1]
    shares = dict(enumerate(values))
    result = ranking.round_to_total(shares, 100, places)
    assert sum(result.values()) == 100
    whole = sum(values)
    for key, value in shares.items():
        assert abs(Fraction(result[key]) - Fraction(100 * value, whole)) < Fraction(1, 10**places)


# --- criteria and weights ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "arguments",
    [
        pytest.param({"id": "", "weight": 10}, id="no identifier"),
        pytest.param({"id": "c", "weight": -1}, id="negative weight"),
        pytest.param({"id": "c", "weight": D("100.1")}, id="more than 100"),
        pytest.param({"id": "c", "weight": 10.5}, id="a float weight"),
        pytest.param({"id": "c", "weight": True}, id="a boolean weight"),
        pytest.param({"id": "c", "weight": D("NaN")}, id="not a number"),
        pytest.param({"id": "c", "weight": 10, "direction": "up"}, id="unknown direction"),
        pytest.param({"id": "c", "weight": 10, "direction": LOWER, "citizen_support": True}, id="fewer votes better"),
    ],
)
def test_a_criterion_refuses_a_wrong_definition(arguments):
    with pytest.raises(RankingError):
        Criterion(**arguments)


@pytest.mark.parametrize(
    ("weights", "gap"),
    [
        pytest.param((50, 30, 20), D(0), id="exactly 100"),
        pytest.param((50, 30, 15), D(5), id="5 short"),
        pytest.param((50, 30, 25), D(-5), id="5 over"),
        pytest.param((D("33.3"), D("33.3"), D("33.3")), D("0.1"), id="thirds rounded down"),
        pytest.param((D("33.4"), D("33.3"), D("33.3")), D(0), id="thirds by largest remainder"),
    ],
)
def test_weights_gap_says_how_far_the_weights_are_from_100(weights, gap):
    assert ranking.weights_gap(criteria(*weights)) == gap


@pytest.mark.parametrize(
    ("items", "message"),
    [
        pytest.param(criteria(50, 30, 15), "add up to 95: 5 short of 100", id="short"),
        pytest.param(criteria(50, 30, D("20.5")), "add up to 100.5: 0.5 over 100", id="over"),
        pytest.param([], "no criteria", id="none"),
        pytest.param([Criterion("a", 50), Criterion("a", 50)], "twice: a", id="duplicate"),
        pytest.param(
            criteria(50, 30, 20, citizen="c1") + [Criterion("c9", 0, citizen_support=True)], "only one", id="2"
        ),
    ],
)
def test_check_criteria_says_what_is_wrong(items, message):
    with pytest.raises(WeightsError, match=message):
        ranking.check_criteria(items)


def test_check_criteria_accepts_weights_adding_up_to_100():
    ranking.check_criteria([*criteria(D("33.4"), D("33.3"), D("33.3"))])
    ranking.check_criteria([Criterion("only", 100)])


# --- normalisation -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "direction", "expected"),
    [
        pytest.param({"a": 100, "b": 300, "c": 200}, HIGHER, {"a": "0.000", "b": "5.000", "c": "2.500"}, id="higher"),
        pytest.param({"a": 100, "b": 300, "c": 200}, LOWER, {"a": "5.000", "b": "0.000", "c": "2.500"}, id="lower"),
        pytest.param({"a": 0, "b": 3, "c": 1}, HIGHER, {"a": "0.000", "b": "5.000", "c": "1.667"}, id="thirds"),
        pytest.param({"a": 0, "b": 3, "c": 1}, LOWER, {"a": "5.000", "b": "0.000", "c": "3.333"}, id="thirds lower"),
        pytest.param({"a": D("12.5"), "b": D("10.5")}, LOWER, {"a": "0.000", "b": "5.000"}, id="decimals"),
        pytest.param({"a": -10, "b": 10, "c": 0}, HIGHER, {"a": "0.000", "b": "5.000", "c": "2.500"}, id="negatives"),
        pytest.param({"a": 7, "b": 7}, HIGHER, {"a": "5.000", "b": "5.000"}, id="all equal: all the best"),
        pytest.param({"a": 7, "b": 7}, LOWER, {"a": "5.000", "b": "5.000"}, id="all equal, lower is better"),
        pytest.param({"a": 42}, LOWER, {"a": "5.000"}, id="one candidate"),
        pytest.param({}, HIGHER, {}, id="no candidates"),
    ],
)
def test_normalise_maps_raw_values_min_max_onto_0_to_5(values, direction, expected):
    result = ranking.normalise(values, direction)
    assert {key: str(value) for key, value in result.items()} == expected


@pytest.mark.parametrize(
    ("values", "direction"),
    [
        pytest.param({"a": 1}, "sideways", id="unknown direction"),
        pytest.param({"a": 1.5}, HIGHER, id="a float"),
        pytest.param({"a": D("Infinity")}, HIGHER, id="infinite"),
        pytest.param({"a": "3"}, HIGHER, id="text"),
    ],
)
def test_normalise_refuses_what_is_not_a_raw_value(values, direction):
    with pytest.raises(RankingError):
        ranking.normalise(values, direction)


@given(st.dictionaries(st.text(min_size=1, max_size=3), st.integers(-(10**9), 10**9), min_size=2), st.booleans())
def test_normalised_scores_keep_the_order_best_gets_5_and_worst_0(values, lower):
    direction = LOWER if lower else HIGHER
    result = ranking.normalise(values, direction)
    assert all(D(0) <= s <= D(5) for s in result.values())
    best = min(values, key=values.get) if lower else max(values, key=values.get)
    assert result[best] == 5
    if len(set(values.values())) > 1:
        worst = max(values, key=values.get) if lower else min(values, key=values.get)
        assert result[worst] == 0
    for a in values:
        for b in values:
            if values[a] < values[b]:
                assert (result[a] >= result[b]) if lower else (result[a] <= result[b])


@pytest.mark.parametrize(
    ("votes", "expected"),
    [
        pytest.param({"a": 1000, "b": 990, "c": 0}, {"a": "5.000", "b": "4.950", "c": "0.000"}, id="proportional"),
        pytest.param({"a": 3, "b": 1}, {"a": "5.000", "b": "1.667"}, id="rounded half up"),
        pytest.param({"a": 4, "b": 4}, {"a": "5.000", "b": "5.000"}, id="equal votes"),
        pytest.param({"a": 0, "b": 0}, {"a": "0.000", "b": "0.000"}, id="nobody voted"),
        pytest.param({}, {}, id="no candidates"),
    ],
)
def test_votes_are_normalised_against_the_most_voted_candidate(votes, expected):
    assert {key: str(value) for key, value in ranking.normalise_votes(votes).items()} == expected


@pytest.mark.parametrize("count", [-1, D("2"), 2.0, True])
def test_a_vote_count_is_a_whole_number(count):
    with pytest.raises(RankingError):
        ranking.normalise_votes({"a": count})


# --- consolidation of the evaluators' scores -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scores", "count", "mean", "median", "spread", "deviation", "wide"),
    [
        pytest.param([4], 1, "4.000", "4.000", "0.000", "0.000", False, id="one evaluator"),
        pytest.param([3, 4, 4], 3, "3.667", "4.000", "1.000", "0.471", False, id="thirds"),
        pytest.param([2, 4], 2, "3.000", "3.000", "2.000", "1.000", True, id="two points apart is wide"),
        pytest.param([1, 2, 3, 4], 4, "2.500", "2.500", "3.000", "1.118", True, id="even count median"),
        pytest.param([D("2.5"), D("4.4")], 2, "3.450", "3.450", "1.900", "0.950", False, id="just under the line"),
        pytest.param([0, 0, 5], 3, "1.667", "0.000", "5.000", "2.357", True, id="a zero is a score"),
        pytest.param([5, 5, 5, 5], 4, "5.000", "5.000", "0.000", "0.000", False, id="unanimous"),
    ],
)
def test_consolidate(scores, count, mean, median, spread, deviation, wide):
    result = ranking.consolidate(scores)
    assert result.count == count
    assert (str(result.mean), str(result.median), str(result.spread), str(result.deviation)) == (
        mean,
        median,
        spread,
        deviation,
    )
    assert result.wide_spread is wide


@pytest.mark.parametrize(("threshold", "wide"), [(D("1.5"), True), (3, False), (D("2"), True)])
def test_the_wide_spread_threshold_can_be_chosen(threshold, wide):
    assert ranking.consolidate([2, 4], wide_spread_at=threshold).wide_spread is wide


@pytest.mark.parametrize(
    "scores",
    [
        pytest.param([], id="no evaluator"),
        pytest.param([3, 6], id="above 5"),
        pytest.param([-1, 3], id="below 0"),
        pytest.param([3, 3.5], id="a float"),
        pytest.param([D("NaN")], id="not a number"),
    ],
)
def test_consolidate_refuses_what_is_not_a_set_of_scores(scores):
    with pytest.raises(RankingError):
        ranking.consolidate(scores)


@given(st.lists(st.integers(0, 500).map(lambda n: D(n) / 100), min_size=1, max_size=15))
def test_consolidated_figures_lie_within_the_scores(scores):
    result = ranking.consolidate(scores)
    assert min(scores) <= result.mean <= max(scores)
    assert min(scores) <= result.median <= max(scores)
    assert result.spread == max(scores) - min(scores)
    assert D(0) <= result.deviation <= result.spread / 2 + D("0.001")


# --- the weighted score --------------------------------------------------------------------------------------------


def test_the_weighted_score_lists_each_criterions_contribution():
    items = [Criterion("need", 40), Criterion("cost", 35, LOWER), Criterion("votes", 25, citizen_support=True)]
    result = ranking.score_candidate(candidate("school", need=4, cost=D("2.5"), votes=5), items)
    # 40 × 4/5 + 35 × 2.5/5 + 25 × 5/5 = 32 + 17.5 + 25
    assert result.score == D("74.50")
    assert result.exact_score == Fraction(149, 2)
    assert result.rank == 0
    assert [(c.criterion, c.weight, c.score, c.points) for c in result.contributions] == [
        ("need", D(40), D(4), D("32.00")),
        ("cost", D(35), D("2.5"), D("17.50")),
        ("votes", D(25), D(5), D("25.00")),
    ]


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        pytest.param({"c1": 5, "c2": 5, "c3": 5}, D("100.00"), id="full marks"),
        pytest.param({"c1": 0, "c2": 0, "c3": 0}, D("0.00"), id="nothing"),
        pytest.param({"c1": 5, "c2": 0, "c3": 0}, D("33.40"), id="one criterion only"),
        # 33.4 × 3.667/5 + 33.3 × 1/5 + 33.3 × 2/5 = 24.49556 + 6.66 + 13.32 = 44.47556
        pytest.param({"c1": D("3.667"), "c2": 1, "c3": 2}, D("44.48"), id="a consolidated mean"),
        pytest.param({"c1": 5, "c2": 5, "c3": 5, "other": 1}, D("100.00"), id="scores of other criteria ignored"),
    ],
)
def test_the_weighted_score_is_out_of_100(scores, expected):
    items = criteria(D("33.4"), D("33.3"), D("33.3"))
    result = ranking.score_candidate(Candidate("x", 1, scores), items)
    exact = sum(Fraction(c.weight) * Fraction(scores[c.id]) / 5 for c in items)
    assert result.exact_score == exact
    assert result.score == ranking.round_half_up(exact, 2) == expected


def test_a_missing_score_is_an_error_not_a_zero():
    with pytest.raises(MissingScoreError) as error:
        ranking.score_candidate(candidate("park", need=3), [Criterion("need", 60), Criterion("cost", 40)])
    assert (error.value.candidate, error.value.criterion) == ("park", "cost")
    assert "park" in str(error.value)
    assert "cost" in str(error.value)


@pytest.mark.parametrize("score", [6, -1, D("5.001"), 4.5, "4", None])
def test_a_score_outside_the_scale_is_an_error(score):
    with pytest.raises(RankingError):
        ranking.score_candidate(Candidate("park", 1, {"need": score}), [Criterion("need", 100)])


def test_scoring_with_weights_not_adding_up_to_100_is_an_error():
    with pytest.raises(WeightsError, match="10 short"):
        ranking.score_candidate(candidate("park", c1=3, c2=3), criteria(60, 30))


@pytest.mark.parametrize("cost", [0, -5, 10.0, True])
def test_a_candidate_costs_a_positive_number_of_bani(cost):
    with pytest.raises(RankingError):
        Candidate("x", cost, {})


@given(
    st.lists(st.integers(1, 50), min_size=1, max_size=6),
    st.lists(st.integers(0, 5000), min_size=6, max_size=6),
)
def test_the_contributions_add_up_to_the_score_shown(raw_weights, raw_scores):
    weights = ranking.round_to_total(dict(enumerate(raw_weights)), 100, 1)
    items = [Criterion(f"c{i}", w) for i, w in weights.items()]
    scores = {f"c{i}": D(raw_scores[i]) / 1000 for i in weights}
    result = ranking.score_candidate(Candidate("x", 1, scores), items)
    assert sum(c.points for c in result.contributions) == result.score
    assert D(0) <= result.score <= D(100)
    for c in result.contributions:
        assert abs(Fraction(c.points) - Fraction(c.weight) * Fraction(c.score) / 5) < Fraction(1, 100)


# --- the ranking ---------------------------------------------------------------------------------------------------


def ranked(standings):
    return [(s.rank, s.candidate) for s in standings]


def test_the_ranking_puts_the_highest_score_first():
    items = criteria(60, 40)
    result = ranking.rank_candidates(
        [candidate("a", c1=2, c2=2), candidate("b", c1=5, c2=1), candidate("c", c1=4, c2=5)], items
    )
    assert ranked(result) == [(1, "c"), (2, "b"), (3, "a")]
    assert [s.score for s in result] == [D("88.00"), D("68.00"), D("40.00")]


@pytest.mark.parametrize(
    ("candidates", "expected"),
    [
        pytest.param(
            [candidate("a", 300, c1=3), candidate("b", 200, c1=3), candidate("c", 100, c1=4)],
            [(1, "c"), (2, "b"), (3, "a")],
            id="equal scores: the cheaper first",
        ),
        pytest.param(
            [candidate("b", 200, c1=3), candidate("a", 200, c1=3), candidate("c", 100, c1=4), candidate("d", 1, c1=1)],
            [(1, "c"), (2, "a"), (2, "b"), (4, "d")],
            id="equal score and cost share a rank: competition ranking",
        ),
        pytest.param(
            [candidate("10", 5, c1=3), candidate("9", 5, c1=3), candidate("x", 5, c1=3), candidate("1", 5, c1=3)],
            [(1, "1"), (1, "9"), (1, "10"), (1, "x")],
            id="primary keys in numeric order, then names",
        ),
        pytest.param([], [], id="no candidates"),
    ],
)
def test_ties_are_broken_by_cost_then_shared(candidates, expected):
    assert ranked(ranking.rank_candidates(candidates, [Criterion("c1", 100)])) == expected


def test_scores_are_compared_exactly_not_as_rounded():
    # 33.3 × 4.004/5 = 26.66664 and 33.3 × 4.005/5 = 26.6733: both show 26.67, yet b is ahead.
    items = [Criterion("c1", D("33.3")), Criterion("c2", D("66.7"))]
    close = [candidate("a", 100, c1=D("4.004"), c2=0), candidate("b", 100, c1=D("4.005"), c2=0)]
    result = ranking.rank_candidates(close, items)
    assert ranked(result) == [(1, "b"), (2, "a")]
    assert result[0].score == result[1].score == D("26.67")


def test_a_candidate_appearing_twice_is_an_error():
    with pytest.raises(RankingError, match="twice: a"):
        ranking.rank_candidates([candidate("a", c1=1), candidate("a", c1=2)], [Criterion("c1", 100)])


def test_a_ranking_with_a_missing_score_names_the_candidate():
    with pytest.raises(MissingScoreError, match="'b'"):
        ranking.rank_candidates([candidate("a", c1=1), candidate("b", c2=2)], [Criterion("c1", 100)])


@given(
    st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5), st.integers(1, 4)), min_size=1, max_size=10), st.data()
)
def test_the_ranking_does_not_depend_on_the_order_the_candidates_come_in(rows, data):
    items = criteria(70, 30)
    candidates = [Candidate(str(i), cost, {"c1": a, "c2": b}) for i, (a, b, cost) in enumerate(rows)]
    shuffled = data.draw(st.permutations(candidates))
    first, second = ranking.rank_candidates(candidates, items), ranking.rank_candidates(shuffled, items)
    assert ranked(first) == ranked(second)
    ranks = [s.rank for s in first]
    assert ranks[0] == 1
    assert ranks == sorted(ranks)
    for position, standing in enumerate(first, start=1):
        assert standing.rank <= position
        assert standing.rank == position or standing.rank == first[position - 2].rank
    assert [s.exact_score for s in first] == sorted((s.exact_score for s in first), reverse=True)


# --- the expert-only ranking beside the combined one ---------------------------------------------------------------


def test_the_expert_only_criteria_drop_the_citizens_support_and_rescale_to_100():
    items = criteria(40, 35, 25, citizen="c3")
    result = ranking.expert_only_criteria(items)
    # 40/75 = 53.333…, 35/75 = 46.666…
    assert [(c.id, c.weight, c.citizen_support) for c in result] == [
        ("c1", D("53.33"), False),
        ("c2", D("46.67"), False),
    ]
    ranking.check_criteria(result)
    assert [c.weight for c in ranking.expert_only_criteria(items, places=0)] == [D(53), D(47)]


@pytest.mark.parametrize(
    ("items", "message"),
    [
        pytest.param(criteria(60, 40), "no criterion is the citizens' support", id="none flagged"),
        pytest.param(criteria(100, 0, citizen="c1"), "no criterion has any weight", id="citizens weigh everything"),
        pytest.param(criteria(100, citizen="c1"), "no criterion has any weight", id="citizens only"),
        pytest.param(criteria(60, 30, citizen="c1"), "10 short", id="weights not 100"),
    ],
)
def test_the_expert_only_criteria_need_a_citizens_support_criterion_and_others(items, message):
    with pytest.raises(WeightsError, match=message):
        ranking.expert_only_criteria(items)


def test_the_combined_and_expert_only_rankings_side_by_side():
    items = [Criterion("need", 50), Criterion("cost", 30), Criterion("votes", 20, citizen_support=True)]
    candidates = [
        # combined: 50 + 18 + 0 = 68; expert (62.5 and 37.5): 62.5 + 22.5 = 85
        candidate("bridge", 900, need=5, cost=3, votes=0),
        # combined: 40 + 24 + 20 = 84; expert: 50 + 30 = 80
        candidate("park", 300, need=4, cost=4, votes=5),
        # combined: 20 + 30 + 10 = 60; expert: 25 + 37.5 = 62.5
        candidate("lights", 100, need=2, cost=5, votes=D("2.5")),
    ]
    result = ranking.compare_with_expert_only(candidates, items)
    assert [(r.candidate, r.combined_rank, r.expert_rank, r.change) for r in result] == [
        ("park", 1, 2, 1),
        ("bridge", 2, 1, -1),
        ("lights", 3, 3, 0),
    ]
    assert [(r.combined_score, r.expert_score) for r in result] == [
        (D("84.00"), D("80.00")),
        (D("68.00"), D("85.00")),
        (D("60.00"), D("62.50")),
    ]


# --- the funding line ----------------------------------------------------------------------------------------------


def test_a_candidate_that_does_not_fit_is_labelled_and_the_next_one_that_fits_is_funded():
    line = ranking.funding_line([("a", 400), ("b", 500), ("c", 300), ("d", 200), ("e", 100)], envelope=1000)
    assert [(s.candidate, s.status, s.funded_so_far, s.left) for s in line.steps] == [
        ("a", FUNDED, 400, 600),
        ("b", FUNDED, 900, 100),
        ("c", DOES_NOT_FIT, 900, 100),
        ("d", DOES_NOT_FIT, 900, 100),
        ("e", FUNDED, 1000, 0),
    ]
    assert [s.funded for s in line.steps] == [True, True, False, False, True]
    assert (line.envelope, line.funded_total, line.remainder) == (1000, 1000, 0)


@pytest.mark.parametrize(
    ("ranking_costs", "envelope", "funded", "total", "remainder"),
    [
        pytest.param([300, 700], 1000, [True, True], 1000, 0, id="an exact fit is funded"),
        pytest.param([1001, 999], 1000, [False, True], 999, 1, id="the first does not fit"),
        pytest.param([600, 600, 600], 1000, [True, False, False], 600, 400, id="money left over"),
        pytest.param([5], 0, [False], 0, 0, id="an empty envelope"),
        pytest.param([], 500, [], 0, 500, id="no candidates"),
    ],
)
def test_the_funding_line(ranking_costs, envelope, funded, total, remainder):
    line = ranking.funding_line([(str(i), cost) for i, cost in enumerate(ranking_costs)], envelope)
    assert [s.funded for s in line.steps] == funded
    assert (line.funded_total, line.remainder) == (total, remainder)


@pytest.mark.parametrize(
    ("items", "envelope"),
    [
        pytest.param([("a", 0)], 100, id="a cost of nothing"),
        pytest.param([("a", -5)], 100, id="a negative cost"),
        pytest.param([("a", 5.5)], 100, id="a cost not in bani"),
        pytest.param([("a", 5), ("a", 6)], 100, id="a candidate twice"),
        pytest.param([("a", 5)], -1, id="a negative envelope"),
        pytest.param([("a", 5)], 100.0, id="an envelope not in bani"),
    ],
)
def test_the_funding_line_refuses_wrong_amounts(items, envelope):
    with pytest.raises(RankingError):
        ranking.funding_line(items, envelope)


def test_the_funding_line_takes_a_ranking_as_it_is():
    standings = ranking.rank_candidates(
        [candidate("a", 700, c1=5), candidate("b", 500, c1=4), candidate("c", 300, c1=3)], [Criterion("c1", 100)]
    )
    line = ranking.funding_line([(s.candidate, s.cost) for s in standings], 1000)
    assert [(s.candidate, s.funded) for s in line.steps] == [("a", True), ("b", False), ("c", True)]


@given(st.lists(st.integers(1, 1000), max_size=15), st.integers(0, 5000))
def test_the_funding_line_never_spends_more_than_the_envelope(costs, envelope):
    line = ranking.funding_line([(str(i), c) for i, c in enumerate(costs)], envelope)
    assert line.funded_total + line.remainder == envelope
    assert line.remainder >= 0
    assert line.funded_total == sum(s.cost for s in line.steps if s.funded)
    left = envelope
    for step in line.steps:
        assert step.funded == (step.cost <= left)
        left -= step.cost if step.funded else 0
        assert step.left == left
        assert step.funded_so_far == envelope - left


# --- sensitivity ---------------------------------------------------------------------------------------------------


def test_a_clear_ranking_is_stable():
    items = criteria(50, 30, 20)
    result = ranking.sensitivity(
        [candidate("a", c1=5, c2=5, c3=5), candidate("b", c1=3, c2=3, c3=3), candidate("c", c1=1, c2=1, c3=1)],
        items,
    )
    assert len(result.scenarios) == 6
    assert [(s.criterion, s.factor) for s in result.scenarios] == [
        (c, f) for c in ("c1", "c2", "c3") for f in (D("1.1"), D("0.9"))
    ]
    assert result.stable
    assert result.largest_move == 0
    assert result.swaps == ()
    assert ranked(result.base) == [(1, "a"), (2, "b"), (3, "c")]


def test_the_scenario_weights_change_one_by_ten_per_cent_and_rescale_the_others():
    result = ranking.sensitivity([candidate("a", c1=1, c2=1, c3=1)], criteria(50, 30, 20))
    weights = {(s.criterion, s.factor): s.weights for s in result.scenarios}
    # c1 at 55: the others share 45 in the proportion 30:20.
    assert weights[("c1", D("1.1"))] == {"c1": D("55.00"), "c2": D("27.00"), "c3": D("18.00")}
    # c2 at 27: the others share 73 in the proportion 50:20 → 52.142857… and 20.857142…
    assert weights[("c2", D("0.9"))] == {"c1": D("52.14"), "c2": D("27.00"), "c3": D("20.86")}
    assert all(sum(w.values()) == 100 for w in weights.values())


def test_a_close_ranking_reports_who_swaps_and_by_how_much():
    # a: 50×4/5 + 50×2/5 = 60; b: 50×2/5 + 50×3.9/5 = 59. Raise c2 to 55 (c1 45): a = 36 + 22 = 58, b = 18 + 42.9
    # = 60.9 — b and a swap; lower c2 to 45: a = 44 + 18 = 62, b = 22 + 35.1 = 57.1 — no change.
    items = criteria(50, 50)
    result = ranking.sensitivity(
        [candidate("a", c1=4, c2=2), candidate("b", c1=2, c2=D("3.9")), candidate("z", c1=0, c2=0)], items
    )
    moves = {
        (s.criterion, s.factor): [(m.candidate, m.base_rank, m.rank, m.change) for m in s.moves]
        for s in result.scenarios
    }
    assert moves[("c2", D("1.1"))] == [("a", 1, 2, -1), ("b", 2, 1, 1), ("z", 3, 3, 0)]
    assert moves[("c1", D("0.9"))] == moves[("c2", D("1.1"))]
    assert moves[("c2", D("0.9"))] == [("a", 1, 1, 0), ("b", 2, 2, 0), ("z", 3, 3, 0)]
    assert not result.stable
    assert result.largest_move == 1
    assert result.swaps == (("a", "b"),)


@pytest.mark.parametrize(
    ("weights", "expected"),
    [
        pytest.param((100,), [], id="a single criterion cannot move"),
        pytest.param((100, 0), [], id="a criterion of 0 and one of 100"),
        pytest.param((95, 5), [("c1", D("0.9")), ("c2", D("1.1")), ("c2", D("0.9"))], id="104.5 would pass 100"),
        pytest.param((D("90.9"), D("9.1")), [(c, f) for c in ("c1", "c2") for f in (D("1.1"), D("0.9"))], id="99.99"),
    ],
)
def test_scenarios_that_cannot_exist_are_left_out(weights, expected):
    result = ranking.sensitivity([candidate("a", c1=1, c2=1)], criteria(*weights))
    assert [(s.criterion, s.factor) for s in result.scenarios] == expected
    assert result.stable


@pytest.mark.parametrize("step", [D(0), D(1), D("-0.1"), D("1.5")])
def test_the_sensitivity_step_is_a_fraction(step):
    with pytest.raises(RankingError):
        ranking.sensitivity([candidate("a", c1=1)], [Criterion("c1", 100)], step)


def test_a_larger_step_can_be_asked_for():
    result = ranking.sensitivity([candidate("a", c1=1, c2=1)], criteria(50, 50), D("0.2"))
    assert [s.weights["c1"] for s in result.scenarios] == [D("60.00"), D("40.00"), D("40.00"), D("60.00")]


# --- citizens' approval votes --------------------------------------------------------------------------------------

ROUND = ("park", "school", "lights", "bridge")


@pytest.mark.parametrize(
    ("ballot", "message"),
    [
        pytest.param([], "no candidate", id="empty"),
        pytest.param(["park", "park"], "twice", id="duplicate"),
        pytest.param(["park", "school", "lights"], "approves 3 candidates; at most 2", id="too many"),
        pytest.param(["park", "pool"], "not candidates of this round: pool", id="not in the round"),
    ],
)
def test_a_ballot_that_breaks_the_rules_is_refused(ballot, message):
    with pytest.raises(BallotError, match=message):
        ranking.check_ballot(ballot, ROUND, limit=2)


@pytest.mark.parametrize("ballot", [["park"], ["bridge", "park"], ("lights", "school")])
def test_a_valid_ballot_is_returned_as_given(ballot):
    assert ranking.check_ballot(ballot, ROUND, limit=2) == tuple(ballot)


@pytest.mark.parametrize("limit", [0, -1, True, 1.0])
def test_a_round_lets_each_citizen_approve_at_least_one(limit):
    with pytest.raises(RankingError):
        ranking.check_ballot(["park"], ROUND, limit)


def test_the_tally_counts_the_approvals_of_each_candidate():
    ballots = [["park", "school"], ["park"], ["school", "bridge"], ["park", "bridge"]]
    assert ranking.tally(ballots, ROUND, limit=2) == {"park": 3, "school": 2, "lights": 0, "bridge": 2}
    assert ranking.tally([], ROUND, limit=2) == dict.fromkeys(ROUND, 0)


def test_the_tally_refuses_an_invalid_ballot():
    with pytest.raises(BallotError):
        ranking.tally([["park"], ["park", "school", "lights"]], ROUND, limit=2)


def test_the_tally_feeds_the_citizens_support_score():
    votes = ranking.tally([["park", "school"], ["park"], ["park", "school"], ["lights"]], ROUND, limit=2)
    assert ranking.normalise_votes(votes) == {
        "park": D("5.000"),
        "school": D("3.333"),
        "lights": D("1.667"),
        "bridge": D("0.000"),
    }


# --- pairwise comparison (AHP) -------------------------------------------------------------------------------------


def test_the_random_index_is_saatys_table():
    expected = ["0", "0", "0.58", "0.90", "1.12", "1.24", "1.32", "1.41", "1.45", "1.49"]
    assert [str(ranking.RANDOM_INDEX[n]) for n in range(1, 11)] == expected


def consistent_judgements(weights):
    """a_ij = w_i / w_j for every pair: a perfectly consistent matrix."""
    names = list(weights)
    return {(a, b): Fraction(weights[a], weights[b]) for i, a in enumerate(names) for b in names[i + 1 :]}


@pytest.mark.parametrize(
    "weights",
    [
        pytest.param({"a": 1, "b": 1}, id="two equal"),
        pytest.param({"a": 9, "b": 1}, id="two, 9 to 1"),
        pytest.param({"a": 1, "b": 1, "c": 1}, id="three equal"),
        pytest.param({"a": 9, "b": 3, "c": 1}, id="9 3 1"),
        pytest.param({"a": 4, "b": 2, "c": 1}, id="4 2 1"),
        pytest.param({"a": 8, "b": 4, "c": 2, "d": 1}, id="8 4 2 1"),
        pytest.param({"a": 2, "b": 6, "c": 6, "d": 1, "e": 2}, id="five, not in order"),
        pytest.param(dict.fromkeys("abcdefghij", 1), id="ten equal"),
    ],
)
def test_a_consistent_matrix_has_exact_priorities_and_no_inconsistency(weights):
    result = ranking.pairwise_priorities(list(weights), consistent_judgements(weights))
    n, total = len(weights), sum(weights.values())
    # Independently: for a_ij = w_i / w_j, A w = n w, so the priorities are w / Σw and λmax = n.
    assert result.priorities == {k: ranking.round_half_up(Fraction(w, total), 6) for k, w in weights.items()}
    assert result.lambda_max == n
    assert result.consistency_index == 0
    assert result.consistency_ratio == 0
    assert result.accepted
    assert result.most_inconsistent is None
    assert sum(result.weights.values()) == 100
    for key, w in weights.items():
        assert abs(Fraction(result.weights[key]) - Fraction(100 * w, total)) < Fraction(1, 10)


def test_a_consistent_matrix_gives_weights_ready_to_lock():
    result = ranking.pairwise_priorities(
        ["need", "cost", "time", "votes"], consistent_judgements({"need": 8, "cost": 4, "time": 2, "votes": 1})
    )
    # 8/15, 4/15, 2/15, 1/15 = 53.33…, 26.66…, 13.33…, 6.66…: the two largest remainders (…667) get the 0.1.
    assert result.weights == {"need": D("53.3"), "cost": D("26.7"), "time": D("13.3"), "votes": D("6.7")}
    ranking.check_criteria([Criterion(k, w) for k, w in result.weights.items()])
    assert ranking.pairwise_priorities(
        ["a", "b", "c"], {("a", "b"): 1, ("a", "c"): 1, ("b", "c"): 1}, places=2
    ).weights == {
        "a": D("33.34"),
        "b": D("33.33"),
        "c": D("33.33"),
    }


def three_by_three_closed_form(a12, a13, a23):
    """For a 3 × 3 reciprocal matrix λmax = 1 + t + 1/t with t = (a12 · a23 / a13)^(1/3), and the principal
    eigenvector is the normalised geometric mean of the rows (both exact for n = 3, unlike for larger matrices)."""
    t = (a12 * a23 / a13) ** (1 / 3)
    lam = 1 + t + 1 / t
    rows = [(1 * a12 * a13) ** (1 / 3), (1 / a12 * 1 * a23) ** (1 / 3), (1 / a13 * 1 / a23 * 1) ** (1 / 3)]
    return lam, [g / sum(rows) for g in rows]


@pytest.mark.parametrize(
    ("a12", "a13", "a23"),
    [
        pytest.param(3, 5, 3, id="the tutorial example"),
        pytest.param(2, 9, 3, id="nearly consistent"),
        pytest.param(5, 3, Fraction(1, 2), id="a reversed judgement"),
        pytest.param(9, Fraction(1, 9), 9, id="a cycle: a > b > c > a"),
        pytest.param(Fraction(1, 4), 7, 1, id="below the diagonal"),
    ],
)
def test_a_three_by_three_matrix_matches_the_closed_form(a12, a13, a23):
    result = ranking.pairwise_priorities(["a", "b", "c"], {("a", "b"): a12, ("a", "c"): a13, ("b", "c"): a23})
    lam, priorities = three_by_three_closed_form(float(a12), float(a13), float(a23))
    assert abs(float(result.lambda_max) - lam) <= 0.00005
    ci = (lam - 3) / 2
    assert abs(float(result.consistency_index) - ci) <= 0.00005
    assert abs(float(result.consistency_ratio) - ci / 0.58) <= 0.00005
    assert result.accepted == (round(ci / 0.58, 4) < 0.1)
    for key, expected in zip("abc", priorities, strict=True):
        assert abs(float(result.priorities[key]) - expected) <= 0.0000005


def test_the_tutorial_example_has_a_consistency_ratio_of_0_033():
    # A = [[1, 3, 5], [1/3, 1, 3], [1/5, 1/3, 1]], worked by hand:
    #   t = (a12 · a23 / a13)^(1/3) = (3 · 3 / 5)^(1/3) = 1.8^(1/3) = 1.216440
    #   λmax = 1 + t + 1/t = 1 + 1.216440 + 0.822071 = 3.038511
    #   CI = (3.038511 − 3) / 2 = 0.019256;  CR = 0.019256 / 0.58 = 0.033200
    #   priorities: the rows' geometric means 15^(1/3) = 2.466212, 1 = 1, (1/15)^(1/3) = 0.405480, over their sum
    #   3.871692: 0.636986, 0.258285, 0.104729 (the 0.637, 0.258, 0.105 of the textbooks).
    result = ranking.pairwise_priorities(
        ["need", "cost", "votes"], {("need", "cost"): 3, ("need", "votes"): 5, ("cost", "votes"): 3}
    )
    assert result.lambda_max == D("3.0385")
    assert result.consistency_index == D("0.0193")
    assert result.random_index == D("0.58")
    assert result.consistency_ratio == D("0.0332")
    assert result.accepted
    assert result.priorities == {"need": D("0.636986"), "cost": D("0.258285"), "votes": D("0.104729")}
    assert result.weights == {"need": D("63.7"), "cost": D("25.8"), "votes": D("10.5")}
    # In a 3 × 3 matrix the one cycle's error is shared equally by the three judgements: the first pair is named.
    assert (result.most_inconsistent.first, result.most_inconsistent.second) == ("need", "cost")


def test_a_cycle_of_preferences_is_not_accepted():
    # a ≻ b (9), b ≻ c (9), yet c ≻ a (a13 = 1/9): t = (9 · 9 · 9)^(1/3) = 9, λmax = 1 + 9 + 1/9 = 10.1111,
    # CI = 3.5556, CR = 3.5556 / 0.58 = 6.1303.
    result = ranking.pairwise_priorities(["a", "b", "c"], {("a", "b"): 9, ("b", "c"): 9, ("a", "c"): Fraction(1, 9)})
    assert result.lambda_max == D("10.1111")
    assert result.consistency_ratio == D("6.1303")
    assert not result.accepted
    # Symmetric: every criterion gets the same priority.
    assert result.weights == {"a": D("33.4"), "b": D("33.3"), "c": D("33.3")}


@pytest.mark.parametrize("pair", [("a", "b"), ("a", "c"), ("a", "d"), ("b", "c"), ("b", "d"), ("c", "d")])
def test_the_most_inconsistent_pair_is_the_judgement_that_was_turned_round(pair):
    weights = {"a": 8, "b": 4, "c": 2, "d": 1}
    judgements = consistent_judgements(weights)
    judgements[pair] = 1 / judgements[pair]
    result = ranking.pairwise_priorities(list(weights), judgements)
    worst = result.most_inconsistent
    assert (worst.first, worst.second) == pair
    assert worst.judgement == judgements[pair]
    # The priorities are pulled by the wrong judgement, yet stay between it and the one the other five imply.
    assert worst.judgement < worst.implied < 1 / worst.judgement
    assert result.consistency_ratio > 0


def test_a_mildly_inconsistent_four_by_four_is_accepted_and_names_the_pair_to_revisit():
    judgements = consistent_judgements({"a": 8, "b": 4, "c": 2, "d": 1})
    judgements[("b", "c")] = Fraction(1, 2)  # said: c twice b; the others imply b twice c
    result = ranking.pairwise_priorities(["a", "b", "c", "d"], judgements)
    assert result.accepted
    assert D("0") < result.consistency_ratio < D("0.10")
    assert (result.most_inconsistent.first, result.most_inconsistent.second) == ("b", "c")
    assert result.most_inconsistent.suggested == 1


def test_a_pair_may_be_given_either_way_round():
    upper = ranking.pairwise_priorities(["a", "b", "c"], {("a", "b"): 3, ("a", "c"): 5, ("b", "c"): 3})
    mixed = ranking.pairwise_priorities(
        ["a", "b", "c"], {("b", "a"): Fraction(1, 3), ("a", "c"): "5", ("c", "b"): "1/3"}
    )
    assert mixed == upper


def reciprocal_matrices():
    values = sorted(ranking.SAATY_SCALE)
    return st.integers(3, 10).flatmap(
        lambda n: st.lists(st.sampled_from(values), min_size=n * (n - 1) // 2, max_size=n * (n - 1) // 2).map(
            lambda upper: (n, upper)
        )
    )


@given(reciprocal_matrices())
def test_the_priorities_are_the_principal_eigenvector_of_any_reciprocal_matrix(matrix):
    n, upper = matrix
    names = [f"k{i}" for i in range(n)]
    pairs = [(a, b) for i, a in enumerate(names) for b in names[i + 1 :]]
    result = ranking.pairwise_priorities(names, dict(zip(pairs, upper, strict=True)))
    a = [[float(x) for x in row] for row in result.matrix]
    w = [float(result.priorities[k]) for k in names]
    lam = float(result.lambda_max)
    # A w = λmax w, within the rounding of what is returned (6 decimals of w, 4 of λmax).
    for i in range(n):
        assert abs(sum(a[i][j] * w[j] for j in range(n)) - lam * w[i]) <= 1e-4 * (1 + 9 * n)
    assert all(p > 0 for p in w)
    assert abs(sum(w) - 1) <= n * 1e-6
    assert result.lambda_max >= n
    assert result.consistency_ratio >= 0
    assert result.accepted == (result.consistency_ratio < D("0.10"))
    assert sum(result.weights.values()) == 100
    assert result.random_index == ranking.RANDOM_INDEX[n]
    assert abs(result.consistency_index - (result.lambda_max - n) / (n - 1)) <= D("0.0001")


@given(st.lists(st.sampled_from([1, 2, 3]), min_size=2, max_size=6))
def test_any_matrix_built_from_weights_is_consistent(exponents):
    # Powers of 2 up to 2^3 = 8 keep every ratio on Saaty's scale.
    weights = {f"k{i}": 2**e for i, e in enumerate(exponents)}
    result = ranking.pairwise_priorities(list(weights), consistent_judgements(weights))
    assert result.consistency_ratio == 0
    assert result.most_inconsistent is None
    assert sum(result.weights.values()) == 100


def test_two_criteria_are_always_consistent():
    result = ranking.pairwise_priorities(["a", "b"], {("a", "b"): 7})
    assert result.priorities == {"a": D("0.875000"), "b": D("0.125000")}
    assert result.weights == {"a": D("87.5"), "b": D("12.5")}
    assert (result.random_index, result.consistency_ratio, result.accepted) == (D(0), D(0), True)


@pytest.mark.parametrize(
    "value",
    [
        pytest.param(10, id="above 9"),
        pytest.param(0, id="zero"),
        pytest.param(-3, id="negative"),
        pytest.param(Fraction(1, 10), id="below 1/9"),
        pytest.param(Fraction(2, 3), id="not a step of the scale"),
        pytest.param("1/10", id="text below 1/9"),
        pytest.param(2.0, id="a float"),
        pytest.param(D("0.2"), id="a Decimal"),
        pytest.param(True, id="a boolean"),
        pytest.param("much", id="not a number"),
        pytest.param("1/0", id="divided by zero"),
    ],
)
def test_a_judgement_off_saatys_scale_is_refused(value):
    with pytest.raises(JudgementError):
        ranking.pairwise_priorities(["a", "b"], {("a", "b"): value})


@pytest.mark.parametrize(
    ("names", "judgements", "message"),
    [
        pytest.param(["a"], {}, "at least two criteria", id="one criterion"),
        pytest.param([], {}, "at least two criteria", id="no criteria"),
        pytest.param([str(i) for i in range(11)], {}, "up to 10", id="eleven criteria"),
        pytest.param(["a", "a"], {}, "appears twice", id="a criterion twice"),
        pytest.param(["a", "b", "c"], {("a", "b"): 3, ("a", "c"): 5}, "not compared: b/c", id="a missing pair"),
        pytest.param(["a", "b"], {("a", "b"): 3, ("b", "a"): "1/3"}, "compared twice", id="a pair both ways"),
        pytest.param(["a", "b"], {("a", "b"): 3, ("a", "x"): 3}, "not a criterion", id="an unknown criterion"),
        pytest.param(["a", "b"], {("a", "a"): 1, ("a", "b"): 3}, "itself", id="a criterion against itself"),
    ],
)
def test_a_comparison_that_cannot_be_worked_out_is_refused(names, judgements, message):
    with pytest.raises(JudgementError, match=message):
        ranking.pairwise_priorities(names, judgements)


def test_every_error_of_the_module_is_a_value_error():
    for error in (WeightsError, MissingScoreError, JudgementError, BallotError):
        assert issubclass(error, RankingError)
    assert issubclass(RankingError, ValueError)
