"""The evaluators' and the consolidation pages of a prioritisation round, through the client: the privacy of the
scores before submission, conflicts of interest, the submission rules, the consolidation table with its wide
spreads, the agreed scores, the medians, the publication, who reaches what, and the pages' query counts."""

from decimal import Decimal

import pytest
from django.urls import reverse

from investments.models import AgreedScore, Conflict, Round, RoundEvent, Score, ScoreSheet
from investments.prioritisation import workflow
from services.models import Membership
from services.roles import ensure_groups
from tests.investments.factories import staff_of
from tests.investments.prioritisation_helpers import (
    add_candidate,
    add_method,
    eligible_investment,
    evaluators_fixture,  # noqa: F401
    locked_round,
    new_round,
    score_all,
    secretary_fixture,  # noqa: F401
)
from tests.investments.staff_helpers import _english_pages, observer_fixture  # noqa: F401

State = Round.State
SECRET = "Motivul secret al evaluatorului B"


def url(name, round, **kwargs):
    return reverse(f"prioritisation:{name}", kwargs={"pk": round.pk, **kwargs})


def sheet_url(round, candidate):
    return url("score_sheet", round, candidate_pk=candidate.pk)


@pytest.fixture(name="scoring")
def scoring_fixture(secretary, department, evaluators):
    """A round without a citizens' criterion in its scoring step: (round, need criterion C1, candidates)."""
    round, criteria, candidates = locked_round(secretary, department, evaluators, citizen=False)
    round = workflow.advance(secretary, round)
    assert round.state == State.SCORING
    return round, criteria[0], candidates


@pytest.fixture(name="consolidating")
def consolidating_fixture(secretary, evaluators, scoring):
    """Both evaluators submitted (5 vs 1 on the first candidate: a wide spread); the round is in consolidation."""
    round, need, candidates = scoring
    score_all(evaluators[0], candidates, need, [5, 3, 2])
    score_all(evaluators[1], candidates, need, [1, 3, 3])
    round = workflow.advance(secretary, round)
    assert round.state == State.CONSOLIDATION
    return round, need, candidates


def post_sheet(client, round, candidate, need, value, justification, *, submit=False):
    data = {f"score_{need.pk}": str(value), f"justification_{need.pk}": justification}
    data["submit" if submit else "draft"] = "1"
    return client.post(sheet_url(round, candidate), data)


# --- privacy -------------------------------------------------------------------------------------------------------


def test_a_draft_evaluator_does_not_see_the_others_submitted_scores_until_submitting(client, evaluators, scoring):
    round, need, candidates = scoring
    a, b = evaluators
    workflow.save_scores(b, candidates[0], {need.pk: (5, SECRET)})
    workflow.submit_sheet(b, candidates[0])
    workflow.save_scores(a, candidates[0], {need.pk: (4, "")})
    client.force_login(a)

    response = client.get(sheet_url(round, candidates[0]))
    assert response.status_code == 200
    assert response.context["others"] == []
    assert SECRET not in response.content.decode()

    response = post_sheet(client, round, candidates[0], need, 4, "", submit=True)
    assert response.status_code == 302
    response = client.get(sheet_url(round, candidates[0]))
    assert [evaluator.user for evaluator, _scores in response.context["others"]] == [b]
    assert SECRET in response.content.decode()


def test_a_draft_is_never_seen_by_another_evaluator_even_after_they_submitted(client, evaluators, scoring):
    round, need, candidates = scoring
    a, b = evaluators
    workflow.save_scores(a, candidates[0], {need.pk: (2, "Ciorna lui A, nesubmisă")})
    workflow.save_scores(b, candidates[0], {need.pk: (3, "")})
    workflow.submit_sheet(b, candidates[0])
    client.force_login(b)

    response = client.get(sheet_url(round, candidates[0]))
    assert response.context["others"] == []
    assert "Ciorna lui A" not in response.content.decode()


def test_the_score_sheet_shows_the_levels_and_the_candidate(client, evaluators, scoring):
    round, need, candidates = scoring
    client.force_login(evaluators[0])
    response = client.get(sheet_url(round, candidates[0]))
    html = response.content.decode()
    assert "Meets a critical need" in html  # the English description of level 5
    assert candidates[0].investment.code in html
    assert reverse("investments:detail", kwargs={"pk": candidates[0].investment.pk}) in html
    assert [group.criterion for group in response.context["groups"]] == [need]


# --- who reaches the pages -----------------------------------------------------------------------------------------


def test_staff_who_are_not_evaluators_of_the_round_do_not_reach_the_sheets(
    client, department, clerk, observer, secretary, evaluators, scoring
):
    round, need, candidates = scoring
    client.force_login(clerk)  # department staff, not named in this round
    assert client.get(url("my_scoring", round)).status_code == 404
    assert client.get(sheet_url(round, candidates[0])).status_code == 404
    assert client.get(url("consolidation", round)).status_code == 404

    client.force_login(observer)  # sees the round, scores nothing
    assert client.get(sheet_url(round, candidates[0])).status_code == 403
    response = post_sheet(client, round, candidates[0], need, 3, "")
    assert response.status_code == 403
    assert not ScoreSheet.objects.exists()

    client.force_login(secretary)
    response = client.get(url("my_scoring", round))
    assert response.status_code == 200
    assert response.context["evaluator"] is None


def test_an_evaluator_who_runs_no_round_may_not_read_the_consolidation(client, evaluators, scoring):
    round, _need, _candidates = scoring
    client.force_login(evaluators[0])
    assert client.get(url("consolidation", round)).status_code == 403


def test_my_scoring_lists_the_candidates_with_their_status(client, evaluators, scoring):
    round, need, candidates = scoring
    a = evaluators[0]
    workflow.save_scores(a, candidates[0], {need.pk: (3, "")})
    workflow.save_scores(a, candidates[1], {need.pk: (3, "")})
    workflow.submit_sheet(a, candidates[1])
    workflow.declare_conflict(a, candidates[2], "Ruda mea lucrează la antreprenor")
    client.force_login(a)
    response = client.get(url("my_scoring", round))
    assert [task.status for task in response.context["tasks"]] == ["draft", "submitted", "conflict"]


def test_my_scoring_before_scoring_says_it_has_not_started(client, secretary, department, evaluators):
    round, _criteria, _candidates = locked_round(secretary, department, evaluators, citizen=False)
    client.force_login(evaluators[0])
    response = client.get(url("my_scoring", round))
    assert response.status_code == 200
    assert b'id="scoring-not-started"' in response.content


# --- conflicts of interest -----------------------------------------------------------------------------------------


def test_a_declared_conflict_removes_the_form_the_draft_and_counts_as_excluded(client, secretary, evaluators, scoring):
    round, need, candidates = scoring
    a, b = evaluators
    client.force_login(a)
    post_sheet(client, round, candidates[0], need, 4, "Ciorna")
    assert Score.objects.filter(sheet__evaluator__user=a).count() == 1

    response = client.post(
        url("declare_conflict", round, candidate_pk=candidates[0].pk), {"reason": "Am propus proiectul"}
    )
    assert response.status_code == 302
    assert Conflict.objects.filter(evaluator__user=a, candidate=candidates[0]).exists()
    assert not Score.objects.filter(sheet__evaluator__user=a, sheet__candidate=candidates[0]).exists()

    response = client.get(sheet_url(round, candidates[0]))
    assert b'id="sheet-form"' not in response.content
    assert b'id="conflict-declared"' in response.content
    assert response.context["others"] == []
    refused = post_sheet(client, round, candidates[0], need, 4, "")
    assert refused.status_code == 302
    assert not Score.objects.filter(sheet__evaluator__user=a, sheet__candidate=candidates[0]).exists()

    score_all(a, candidates[1:], need, [3, 3])
    score_all(b, candidates, need, [4, 3, 3])
    workflow.advance(secretary, round)
    client.force_login(secretary)
    rows = client.get(url("consolidation", round)).context["rows"]
    first = [row for row in rows if row.candidate == candidates[0]][0]
    assert (len(first.scores), first.excluded) == (1, 1)
    assert [kind for _evaluator, kind, _value in first.cells] == ["conflict", "score"]


def test_a_conflict_without_a_reason_or_after_submission_is_refused(client, evaluators, scoring):
    round, need, candidates = scoring
    a = evaluators[0]
    client.force_login(a)
    response = client.post(url("declare_conflict", round, candidate_pk=candidates[0].pk), {"reason": ""})
    assert response.status_code == 200
    assert response.context["form"].errors
    score_all(a, candidates[:1], need, [3])
    response = client.post(url("declare_conflict", round, candidate_pk=candidates[0].pk), {"reason": "Prea târziu"})
    assert response.status_code == 200
    assert response.context["error_codes"] == ["already_submitted"]
    assert not Conflict.objects.exists()


# --- the submission ------------------------------------------------------------------------------------------------


def test_submitting_an_unjustified_five_is_refused_and_keeps_what_was_typed(client, evaluators, scoring):
    round, need, candidates = scoring
    client.force_login(evaluators[0])
    response = post_sheet(client, round, candidates[0], need, 5, "", submit=True)
    assert response.status_code == 200
    assert response.context["error_codes"] == ["incomplete"]
    form = response.context["form"]
    assert form.data[f"score_{need.pk}"] == "5"
    assert [option.checked for option in response.context["groups"][0].options] == [False] * 5 + [True]
    sheet = ScoreSheet.objects.get(evaluator__user=evaluators[0], candidate=candidates[0])
    assert not sheet.submitted
    assert sheet.scores.get().value == 5  # kept as a draft

    response = post_sheet(client, round, candidates[0], need, 5, "Nevoie critică: școala e închisă", submit=True)
    assert response.status_code == 302
    sheet.refresh_from_db()
    assert sheet.submitted


def test_a_draft_is_saved_and_shown_again(client, evaluators, scoring):
    round, need, candidates = scoring
    client.force_login(evaluators[0])
    assert post_sheet(client, round, candidates[0], need, 2, "De discutat").status_code == 302
    response = client.get(sheet_url(round, candidates[0]))
    assert response.context["form"].initial == {f"score_{need.pk}": "2", f"justification_{need.pk}": "De discutat"}
    assert not response.context["sheet"].submitted


def test_a_submitted_sheet_is_read_only(client, evaluators, scoring):
    round, need, candidates = scoring
    a = evaluators[0]
    score_all(a, candidates[:1], need, [3])
    client.force_login(a)
    response = client.get(sheet_url(round, candidates[0]))
    assert response.context["editable"] is False
    assert b'id="sheet-form"' not in response.content
    response = post_sheet(client, round, candidates[0], need, 1, "Schimbare", submit=True)
    assert response.status_code == 302
    score = Score.objects.get(sheet__evaluator__user=a, sheet__candidate=candidates[0])
    assert (score.value, score.justification) == (3, "")


# --- the consolidation ---------------------------------------------------------------------------------------------


def test_the_consolidation_flags_a_wide_spread_and_filters_it(client, quality_manager, consolidating):
    round, need, candidates = consolidating
    client.force_login(quality_manager)
    response = client.get(url("consolidation", round))
    assert response.status_code == 200
    rows = {row.candidate.pk: row for row in response.context["rows"]}
    assert rows[candidates[0].pk].scores == [1, 5]
    assert rows[candidates[0].pk].wide_spread
    assert rows[candidates[0].pk].consolidated.mean == Decimal("3.000")
    assert not rows[candidates[1].pk].wide_spread
    assert b'data-wide="1"' in response.content
    response = client.get(url("consolidation", round) + "?wide=1")
    assert [row.candidate for row in response.context["rows"]] == [candidates[0]]


def test_an_observer_reads_the_consolidation(client, observer, consolidating):
    round, _need, _candidates = consolidating
    client.force_login(observer)
    response = client.get(url("consolidation", round))
    assert response.status_code == 200
    assert response.context["may_agree"] is False


def consolidating_round(secretary, department, evaluators, prefix, n):
    """A round without a citizens' criterion, its n candidates scored 3 by every evaluator, in consolidation."""
    round = new_round(secretary, citizen=False)
    criteria = add_method(secretary, round, citizen=False)
    round = workflow.lock(secretary, round)
    candidates = []
    for i in range(1, n + 1):
        candidate = add_candidate(secretary, round, eligible_investment(department, code=f"{prefix}{i}"), 100_000_00)
        workflow.set_value(secretary, candidate, criteria[1], 100 * i, "INS")
        candidates.append(candidate)
    for evaluator in evaluators:
        workflow.add_evaluator(secretary, round, evaluator)
    round = workflow.advance(secretary, round)
    for evaluator in evaluators:
        score_all(evaluator, candidates, criteria[0], [3] * n)
    return workflow.advance(secretary, round)


def test_the_consolidation_query_count_does_not_grow_with_the_candidates(
    client, secretary, department, evaluators, quality_manager, django_assert_max_num_queries
):
    small = consolidating_round(secretary, department, evaluators, "INV-S", 1)
    big = consolidating_round(secretary, department, evaluators, "INV-B", 4)
    client.force_login(quality_manager)
    client.get(url("consolidation", small))  # the session and the user's groups are warm
    with django_assert_max_num_queries(20) as small_queries:
        client.get(url("consolidation", small))
    with django_assert_max_num_queries(len(small_queries)):
        response = client.get(url("consolidation", big))
    assert len(response.context["rows"]) == 4


def test_the_quality_manager_records_an_agreed_score_with_history(client, quality_manager, consolidating):
    round, need, candidates = consolidating
    client.force_login(quality_manager)
    address = url("agree", round, candidate_pk=candidates[0].pk, criterion_pk=need.pk)
    response = client.get(address)
    assert response.status_code == 200
    assert response.context["row"].wide_spread
    response = client.post(address, {"value": "3.5", "note": "Discutat în ședința din 12 martie"})
    assert response.status_code == 302
    agreed = AgreedScore.objects.get(candidate=candidates[0], criterion=need)
    assert agreed.value == Decimal("3.500")
    assert agreed.recorded_by == quality_manager
    assert RoundEvent.objects.filter(round=round, action="agreed_score").exists()


def test_only_the_quality_manager_agrees_scores(client, secretary, observer, evaluators, consolidating):
    round, need, candidates = consolidating
    address = url("agree", round, candidate_pk=candidates[0].pk, criterion_pk=need.pk)
    for user in (secretary, observer, evaluators[0]):
        client.force_login(user)
        assert client.get(address).status_code == 403, user
        assert client.post(address, {"value": "3", "note": ""}).status_code == 403, user
        assert client.post(url("accept_medians", round)).status_code == 403, user
    assert not AgreedScore.objects.exists()


def test_accepting_the_medians_leaves_the_wide_spreads(client, quality_manager, consolidating):
    round, need, candidates = consolidating
    client.force_login(quality_manager)
    response = client.post(url("accept_medians", round))
    assert response.status_code == 302
    agreed = {a.candidate_id: a.value for a in AgreedScore.objects.all()}
    assert agreed == {candidates[1].pk: Decimal("3.000"), candidates[2].pk: Decimal("2.500")}


# --- the publication -----------------------------------------------------------------------------------------------


def test_publishing_shows_the_problems_then_publishes_once_every_score_is_agreed(
    client, secretary, quality_manager, consolidating
):
    round, need, candidates = consolidating
    client.force_login(secretary)
    response = client.get(url("publish", round))
    assert response.status_code == 200
    assert response.context["problems"]
    response = client.post(url("publish", round))
    assert response.status_code == 200
    assert set(response.context["error_codes"]) == {"not_ready"}
    round.refresh_from_db()
    assert round.state == State.CONSOLIDATION

    workflow.accept_medians(quality_manager, round)
    workflow.record_agreed(quality_manager, candidates[0], need, Decimal("4"), "Discutat")
    response = client.get(url("publish", round))
    assert response.context["problems"] == []
    response = client.post(url("publish", round))
    assert response.status_code == 302
    assert response["Location"] == url("ranking", round)
    round.refresh_from_db()
    assert round.state == State.PUBLISHED
    assert round.result is not None


def test_only_managers_publish(client, observer, evaluators, consolidating):
    round, _need, _candidates = consolidating
    for user in (observer, evaluators[0]):
        client.force_login(user)
        assert client.get(url("publish", round)).status_code == 403
        assert client.post(url("publish", round)).status_code == 403
    round.refresh_from_db()
    assert round.state == State.CONSOLIDATION


def test_every_page_renders_in_each_step(client, secretary, quality_manager, evaluators, consolidating):
    round, need, candidates = consolidating
    for user in (secretary, quality_manager):
        client.force_login(user)
        for name in ("my_scoring", "consolidation", "publish"):
            assert client.get(url(name, round)).status_code == 200, name
    client.force_login(evaluators[0])
    assert client.get(sheet_url(round, candidates[0])).status_code == 200
    assert client.get(url("declare_conflict", round, candidate_pk=candidates[0].pk)).status_code == 200


def test_an_evaluator_who_also_runs_rounds_sees_no_scores_before_submitting_their_own(
    client, secretary, department, evaluators
):
    manager_evaluator = staff_of(department, Membership.Role.HEAD, email="sef-calitate@primarie.ro")
    manager_evaluator.groups.add(ensure_groups())  # a quality manager: runs rounds, agrees scores
    round, criteria, candidates = locked_round(
        secretary, department, [evaluators[0], manager_evaluator], citizen=False
    )
    round = workflow.advance(secretary, round)
    need = criteria[0]
    workflow.save_scores(evaluators[0], candidates[0], {need.pk: (5, SECRET)})
    workflow.submit_sheet(evaluators[0], candidates[0])
    client.force_login(manager_evaluator)

    response = client.get(sheet_url(round, candidates[0]))
    assert response.context["others"] == []
    assert SECRET not in response.content.decode()
    response = client.get(url("consolidation", round))
    assert response.context["rows"] == []
    assert response.context["withheld"] == 3

    score_all(manager_evaluator, candidates[:1], need, [4])
    response = client.get(url("consolidation", round))
    assert {row.candidate for row in response.context["rows"]} == {candidates[0]}
    assert len(client.get(sheet_url(round, candidates[0])).context["others"]) == 1


def test_an_ineligible_candidate_has_no_score_sheet(client, secretary, department, evaluators):
    round, _criteria, _candidates = locked_round(secretary, department, evaluators, citizen=False)
    ineligible = add_candidate(
        secretary, round, eligible_investment(department, code="INV-X1"), 100_000_00, competence=False
    )
    round = workflow.advance(secretary, round)
    client.force_login(evaluators[0])
    assert client.get(sheet_url(round, ineligible)).status_code == 404
    assert client.get(url("declare_conflict", round, candidate_pk=ineligible.pk)).status_code == 404
