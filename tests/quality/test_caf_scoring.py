"""The CAF scoring arithmetic of both panels: sub-criterion scores, the group's figures, criteria and totals."""

import pytest

from quality.caf_scoring import (
    CLASSICAL,
    FINE_TUNED,
    WIDE_SPREAD,
    Figures,
    Totals,
    criterion_score,
    fine_tuned_score,
    in_range,
    rounded,
    spread_figures,
    subcriterion_score,
    totals,
)

# --- rounding --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [(24.25, 24.3), (24.35, 24.4), (24.24, 24.2), (0.05, 0.1), (100, 100.0), (62.5, 62.5), (None, None)],
)
def test_figures_are_rounded_half_up_to_one_decimal(value, expected):
    assert rounded(value) == expected


# --- the fine-tuned panel --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phases", "expected"),
    [
        ((40, 50, 60, 70), 55.0),
        ((0, 0, 0, 0), 0.0),
        ((100, 100, 100, 100), 100.0),
        ((10, 20, 30, 37), 24.3),  # 24.25, half up
        ((10, 20, 30, 35), 23.8),  # 23.75
        ((33, 33, 33, 34), 33.3),  # 33.25
        ((0, 0, 0, 1), 0.3),  # 0.25
    ],
)
def test_the_fine_tuned_score_is_the_average_of_the_four_phases(phases, expected):
    assert fine_tuned_score(*phases) == expected


@pytest.mark.parametrize("missing", range(4))
def test_the_fine_tuned_score_is_none_while_a_phase_is_missing(missing):
    phases = [50, 50, 50, 50]
    phases[missing] = None

    assert fine_tuned_score(*phases) is None


def test_a_phase_scored_zero_is_not_a_missing_phase():
    assert fine_tuned_score(0, 80, 80, 80) == 60.0


# --- one entry's score -----------------------------------------------------------------------------------------------


def test_the_classical_panel_reads_the_one_score():
    assert subcriterion_score(CLASSICAL, {"score": 65, "score_plan": 10}) == 65.0


def test_the_classical_panel_scores_zero_as_zero():
    assert subcriterion_score(CLASSICAL, {"score": 0}) == 0.0


def test_the_fine_tuned_panel_averages_the_phases_and_ignores_the_one_score():
    entry = {"score": 99, "score_plan": 20, "score_do": 40, "score_check": 60, "score_act": 80}

    assert subcriterion_score(FINE_TUNED, entry) == 50.0


def test_an_entry_may_be_an_object_with_the_models_field_names():
    class Entry:
        dont_know = False
        score = None
        score_plan, score_do, score_check, score_act = 11, 22, 33, 44

    assert subcriterion_score(FINE_TUNED, Entry()) == 27.5


@pytest.mark.parametrize("panel", [CLASSICAL, FINE_TUNED])
def test_dont_know_has_no_score_on_either_panel(panel):
    entry = {"dont_know": True, "score": 50, "score_plan": 50, "score_do": 50, "score_check": 50, "score_act": 50}

    assert subcriterion_score(panel, entry) is None


@pytest.mark.parametrize("panel", [CLASSICAL, FINE_TUNED])
def test_an_unscored_entry_has_no_score_on_either_panel(panel):
    assert subcriterion_score(panel, {}) is None


def test_the_fine_tuned_panel_needs_all_four_phases():
    assert subcriterion_score(FINE_TUNED, {"score_plan": 50, "score_do": 50, "score_check": 50}) is None


def test_an_unknown_panel_is_refused():
    with pytest.raises(ValueError):
        subcriterion_score("radar", {"score": 10})


# --- the group's figures ---------------------------------------------------------------------------------------------


def test_the_figures_of_an_odd_number_of_scores():
    figures = spread_figures([40, 70, 55])

    assert figures == Figures(n=3, dont_know=0, min=40, max=70, mean=55, median=55, spread=30, flagged=True)


def test_the_median_of_an_even_number_of_scores_is_the_mean_of_the_middle_two():
    figures = spread_figures([10, 40, 50, 90])

    assert figures.median == 45.0
    assert figures.mean == 47.5


def test_the_median_of_an_even_number_is_rounded_like_every_figure():
    assert spread_figures([20.5, 21.0]).median == 20.8  # 20.75, half up


def test_the_mean_is_rounded_half_up():
    assert spread_figures([10, 10, 11]).mean == 10.3  # 10.333…
    assert spread_figures([0, 0, 0, 1]).mean == 0.3  # 0.25


def test_dont_know_is_left_out_of_the_figures_and_counted_apart():
    figures = spread_figures([None, 20, None, 80])

    assert figures.n == 2
    assert figures.dont_know == 2
    assert (figures.min, figures.max, figures.mean, figures.median) == (20, 80, 50, 50)


def test_no_scores_give_no_figures_and_no_flag():
    assert spread_figures([]) == Figures(
        n=0, dont_know=0, min=None, max=None, mean=None, median=None, spread=None, flagged=False
    )


def test_only_dont_know_gives_no_figures_but_counts_the_answers():
    figures = spread_figures([None, None])

    assert figures.n == 0
    assert figures.dont_know == 2
    assert figures.spread is None
    assert not figures.flagged


def test_one_score_has_no_spread():
    figures = spread_figures([65])

    assert figures.spread == 0
    assert figures.median == 65
    assert not figures.flagged


def test_a_zero_score_counts_and_is_not_dont_know():
    figures = spread_figures([0, 10])

    assert figures.n == 2
    assert figures.min == 0


def test_the_figures_take_any_iterable():
    assert spread_figures(score for score in (30, 50)).mean == 40


@pytest.mark.parametrize(
    ("scores", "flagged"),
    [
        ([50, 50 + WIDE_SPREAD - 1], False),
        ([50, 50 + WIDE_SPREAD], True),
        ([50, 50 + WIDE_SPREAD + 1], True),
        ([20, 49.9], False),
        ([20, 50.0], True),
        ([0, 100], True),
        ([60, 60, 60], False),
    ],
)
def test_a_spread_of_at_least_thirty_points_is_flagged(scores, flagged):
    assert WIDE_SPREAD == 30
    assert spread_figures(scores).flagged is flagged


def test_the_flag_reads_the_exact_spread_not_the_rounded_one():
    # 49.96 − 20 = 29.96 is shown as 30.0 but is below the threshold.
    figures = spread_figures([20, 49.96])

    assert figures.spread == 30.0
    assert not figures.flagged


def test_the_spread_is_max_minus_min_whatever_the_order():
    assert spread_figures([90, 10, 50]).spread == 80


# --- criteria and totals ---------------------------------------------------------------------------------------------


def test_a_criterion_scores_the_mean_of_its_subcriteria():
    assert criterion_score([40, 50, 75]) == 55.0


def test_a_criterion_ignores_its_unscored_subcriteria():
    assert criterion_score([40, None, 60]) == 50.0


def test_a_criterion_without_any_score_has_none():
    assert criterion_score([]) is None
    assert criterion_score([None, None]) is None


def test_a_criterion_score_is_rounded_half_up():
    assert criterion_score([55.5, 24.3, 33.0]) == 37.6  # 37.6
    assert criterion_score([10, 10, 11]) == 10.3


def test_the_totals_give_the_enablers_the_results_and_the_overall_mean():
    result = totals([("enabler", 40), ("enabler", 60), ("result", 70), ("result", None)])

    assert result == Totals(enablers=50.0, results=70.0, overall=56.7)


def test_the_totals_of_nothing_scored_are_none():
    assert totals([("enabler", None), ("result", None)]) == Totals(enablers=None, results=None, overall=None)
    assert totals([]) == Totals(enablers=None, results=None, overall=None)


def test_the_totals_refuse_an_unknown_kind_of_criterion():
    with pytest.raises(ValueError):
        totals([("outcome", 50)])


# --- the range of a score --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "valid"),
    [(0, True), (100, True), (55, True), (None, True), (-1, False), (101, False), (50.5, False), (True, False)],
)
def test_a_score_is_a_whole_number_from_zero_to_a_hundred(value, valid):
    assert in_range(value) is valid
