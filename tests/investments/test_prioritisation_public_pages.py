"""The citizens' pages of the prioritisation rounds: the list of public rounds, a round's page with its method and
candidates, the approval ballot and the comments during the consultation, and the published ranking read from the
frozen result."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from investments.models import Comment, Investment
from investments.prioritisation import methodology, selectors, workflow
from services import calendar
from tests.investments.prioritisation_helpers import (
    add_candidate,
    eligible_investment,
    evaluators_fixture,  # noqa: F401
    locked_round,
    new_round,
    score_all,
    secretary_fixture,  # noqa: F401
    voter,
)

pytestmark = pytest.mark.django_db

LIST = reverse("prioritisation_public:round_list")


@pytest.fixture(autouse=True)
def _english_pages(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def detail(round):
    return reverse("prioritisation_public:round_detail", kwargs={"pk": round.pk})


def vote_url(round):
    return reverse("prioritisation_public:vote", kwargs={"pk": round.pk})


def comment_url(candidate):
    return reverse("prioritisation_public:comment", kwargs={"pk": candidate.round_id, "candidate_pk": candidate.pk})


@pytest.fixture(name="locked")
def locked_fixture(secretary, department, evaluators):
    """(round, criteria, candidates): locked, three eligible candidates INV-P1..3."""
    return locked_round(secretary, department, evaluators)


def to_consultation(secretary, evaluators, locked):
    round, criteria, candidates = locked
    workflow.advance(secretary, round)
    score_all(evaluators[0], candidates, criteria[0], [3, 4, 2])
    score_all(evaluators[1], candidates, criteria[0], [4, 4, 3])
    workflow.advance(secretary, round)
    round.refresh_from_db()
    return round


@pytest.fixture(name="consultation")
def consultation_fixture(secretary, evaluators, locked):
    """The locked round moved on to its open consultation (it opens today)."""
    return to_consultation(secretary, evaluators, locked)


def after_closing(round):
    return calendar.clock_at(round.consultation_closes + datetime.timedelta(days=1))


def publish(secretary, quality_manager, round):
    with after_closing(round):
        workflow.advance(secretary, round)
    workflow.accept_medians(quality_manager, round)
    workflow.publish(secretary, round)
    round.refresh_from_db()
    return round


def chosen(response):
    return response.context["ballot_form"].initial["candidates"]


# --- the list and the round's page ---------------------------------------------------------------------------------


def test_a_draft_round_is_neither_listed_nor_shown(client, secretary):
    draft = new_round(secretary)
    response = client.get(LIST)
    assert response.status_code == 200
    assert draft not in response.context["rounds"]
    assert client.get(detail(draft)).status_code == 404


def test_a_locked_round_is_listed_with_its_step_and_envelope(client, locked):
    round, _criteria, _candidates = locked
    body = client.get(LIST).content.decode()
    assert detail(round) in body
    assert round.title_en in body
    assert "1.000.000,00" in body or "1,000,000.00" in body


def test_the_locked_round_shows_its_method_and_links_to_its_methodology(client, locked):
    round, criteria, _candidates = locked
    response = client.get(detail(round))
    assert response.status_code == 200
    body = response.content.decode()
    assert [c["code"] for c in response.context["criteria"]] == ["C1", "C2", "C3"]
    assert "Population served" in body  # the criterion's English name, from the frozen snapshot
    assert round.methodology_sha256 in body
    url = methodology.page_url(round, "en")
    assert url and response.context["methodology_url"] == url and f'href="{url}"' in body


def test_a_candidate_links_to_its_public_page_only_when_the_investment_is_published(client, locked):
    round, _criteria, candidates = locked
    Investment.objects.filter(code="INV-P1").update(published=True)
    body = client.get(detail(round)).content.decode()
    assert reverse("investments_public:detail", kwargs={"code": "INV-P1"}) in body
    assert reverse("investments_public:detail", kwargs={"code": "INV-P2"}) not in body
    assert "Proiect 2" in body


def test_an_ineligible_candidate_is_not_in_the_round_page(client, secretary, department, locked):
    round, _criteria, _candidates = locked
    investment = eligible_investment(department, code="INV-NO", title="Fără cofinanțare")
    add_candidate(secretary, round, investment, 100_000_00, cofinancing_ensured=False)
    assert "INV-NO" not in client.get(detail(round)).content.decode()


def test_no_form_outside_the_consultation(client, citizen, locked):
    round, _criteria, _candidates = locked
    client.force_login(citizen)
    response = client.get(detail(round))
    assert response.context["ballot_form"] is None
    assert all(entry.form is None for entry in response.context["entries"])
    assert vote_url(round) not in response.content.decode()


# --- the ballot ----------------------------------------------------------------------------------------------------


def test_a_signed_in_citizen_gets_the_ballot_during_the_consultation(client, citizen, consultation):
    client.force_login(citizen)
    response = client.get(detail(consultation))
    form = response.context["ballot_form"]
    assert form is not None and len(form.fields["candidates"].choices) == 3
    assert vote_url(consultation) in response.content.decode()
    assert chosen(response) == []


def test_a_visitor_is_asked_to_sign_in_to_vote(client, consultation):
    response = client.get(detail(consultation))
    assert response.context["ballot_form"] is None
    assert f"{reverse('account_login')}?next=" in response.content.decode()


def test_staff_see_that_they_do_not_vote(client, secretary, consultation):
    client.force_login(secretary)
    response = client.get(detail(consultation))
    assert response.context["ballot_form"] is None
    assert 'id="staff-do-not-vote"' in response.content.decode()


def test_voting_stores_the_ballot_and_shows_it_checked(client, citizen, consultation):
    candidates = selectors.candidates_of(consultation, eligible_only=True)
    client.force_login(citizen)
    response = client.post(vote_url(consultation), {"candidates": [candidates[0].pk, candidates[2].pk]})
    assert response.status_code == 302
    assert selectors.tally(consultation) == {candidates[0].pk: 1, candidates[1].pk: 0, candidates[2].pk: 1}
    response = client.get(detail(consultation))
    assert sorted(chosen(response)) == sorted([str(candidates[0].pk), str(candidates[2].pk)])


def test_a_ballot_with_too_many_choices_is_refused_and_the_earlier_one_kept(client, citizen, consultation):
    candidates = selectors.candidates_of(consultation, eligible_only=True)
    workflow.cast_ballot(citizen, consultation, [candidates[1].pk])
    client.force_login(citizen)
    response = client.post(vote_url(consultation), {"candidates": [c.pk for c in candidates]})
    assert response.status_code == 302
    assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["error"]
    assert selectors.tally(consultation) == {candidates[0].pk: 0, candidates[1].pk: 1, candidates[2].pk: 0}


def test_a_citizen_changes_their_ballot(client, citizen, consultation):
    candidates = selectors.candidates_of(consultation, eligible_only=True)
    workflow.cast_ballot(citizen, consultation, [candidates[0].pk, candidates[1].pk])
    client.force_login(citizen)
    client.post(vote_url(consultation), {"candidates": [candidates[2].pk]})
    assert selectors.tally(consultation) == {candidates[0].pk: 0, candidates[1].pk: 0, candidates[2].pk: 1}


def test_staff_may_not_vote(client, secretary, consultation):
    candidate = selectors.candidates_of(consultation, eligible_only=True)[0]
    client.force_login(secretary)
    assert client.post(vote_url(consultation), {"candidates": [candidate.pk]}).status_code == 403
    assert sum(selectors.tally(consultation).values()) == 0


def test_a_visitor_who_votes_is_sent_to_sign_in(client, consultation):
    candidate = selectors.candidates_of(consultation, eligible_only=True)[0]
    response = client.post(vote_url(consultation), {"candidates": [candidate.pk]})
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert sum(selectors.tally(consultation).values()) == 0


def test_voting_answers_only_posts(client, citizen, consultation):
    client.force_login(citizen)
    assert client.get(vote_url(consultation)).status_code == 405


def test_the_tally_is_hidden_while_the_consultation_is_open_and_shown_after(client, citizen, consultation):
    candidates = selectors.candidates_of(consultation, eligible_only=True)
    workflow.cast_ballot(citizen, consultation, [candidates[0].pk])
    response = client.get(detail(consultation))
    assert response.context["show_votes"] is False
    assert all(entry.votes is None for entry in response.context["entries"])
    with after_closing(consultation):
        response = client.get(detail(consultation))
    assert response.context["show_votes"] is True
    assert [entry.votes for entry in response.context["entries"]] == [1, 0, 0]


# --- comments ------------------------------------------------------------------------------------------------------


def test_a_citizen_comments_on_a_candidate(client, citizen, consultation):
    candidate = selectors.candidates_of(consultation, eligible_only=True)[1]
    client.force_login(citizen)
    response = client.post(comment_url(candidate), {f"comment-{candidate.pk}-text": "Strada are nevoie urgentă."})
    assert response.status_code == 302
    assert list(Comment.objects.values_list("candidate_id", "author_id", "text")) == [
        (candidate.pk, citizen.pk, "Strada are nevoie urgentă.")
    ]
    client.logout()
    body = client.get(detail(consultation)).content.decode()
    assert "Strada are nevoie urgentă." in body
    assert citizen.first_name in body and citizen.last_name not in body


def test_an_empty_comment_is_refused_on_the_page_with_its_form(client, citizen, consultation):
    candidate = selectors.candidates_of(consultation, eligible_only=True)[0]
    client.force_login(citizen)
    response = client.post(comment_url(candidate), {f"comment-{candidate.pk}-text": "   "})
    assert response.status_code == 200
    form = response.context["bound_comment"]
    assert [e.code for e in form.errors.as_data()["text"]] == ["empty"]
    assert "govuk-error-summary" in response.content.decode()
    assert not Comment.objects.exists()


def test_a_too_long_comment_is_shown_back_with_its_text(client, citizen, consultation):
    candidate = selectors.candidates_of(consultation, eligible_only=True)[0]
    client.force_login(citizen)
    text = "a" * 2001
    response = client.post(comment_url(candidate), {f"comment-{candidate.pk}-text": text})
    assert [e.code for e in response.context["bound_comment"].errors.as_data()["text"]] == ["too_long"]
    assert text in response.content.decode()


def test_staff_may_not_comment(client, secretary, consultation):
    candidate = selectors.candidates_of(consultation, eligible_only=True)[0]
    client.force_login(secretary)
    assert client.post(comment_url(candidate), {f"comment-{candidate.pk}-text": "Da"}).status_code == 403
    assert not Comment.objects.exists()


def test_a_visitor_who_comments_is_sent_to_sign_in(client, consultation):
    candidate = selectors.candidates_of(consultation, eligible_only=True)[0]
    response = client.post(comment_url(candidate), {f"comment-{candidate.pk}-text": "Da"})
    assert response.url.startswith(reverse("account_login"))


def test_a_comment_after_the_consultation_is_refused(client, citizen, consultation):
    candidate = selectors.candidates_of(consultation, eligible_only=True)[0]
    client.force_login(citizen)
    with after_closing(consultation):
        response = client.post(comment_url(candidate), {f"comment-{candidate.pk}-text": "Prea târziu"})
    assert response.status_code == 302
    assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["error"]
    assert not Comment.objects.exists()


# --- the published ranking -----------------------------------------------------------------------------------------


@pytest.fixture(name="published")
def published_fixture(secretary, quality_manager, consultation):
    candidates = selectors.candidates_of(consultation, eligible_only=True)
    for n in range(1, 4):
        workflow.cast_ballot(voter(n), consultation, [candidates[2].pk])
    Investment.objects.filter(code="INV-P2").update(published=True)
    return publish(secretary, quality_manager, consultation)


def test_the_published_page_reads_the_frozen_result(client, published):
    Investment.objects.filter(code="INV-P2").update(title="Titlu schimbat după publicare", title_en="Changed")
    response = client.get(detail(published))
    body = response.content.decode()
    assert response.context["published"] is True
    assert "Proiect 2" in body
    assert "Changed" not in body and "Titlu schimbat" not in body
    assert [row["code"] for row in response.context["ranking_rows"]] == [
        row["code"] for row in published.result["ranking"]
    ]


def test_the_published_ranking_shows_the_funding_line(client, published):
    response = client.get(detail(published))
    rows = response.context["ranking_rows"]
    assert {row["funding"] for row in rows} == {"funded", "does_not_fit"}
    body = response.content.decode()
    assert body.count("govuk-tag govuk-tag--grey") == [row["funding"] for row in rows].count("does_not_fit")
    assert response.context["result"]["funded_total_bani"] + response.context["result"]["remainder_bani"] == (
        published.envelope_bani
    )
    assert reverse("prioritisation_public:opendata_csv", kwargs={"pk": published.pk}) in body


def test_the_published_ranking_links_only_the_published_investments(client, published):
    body = client.get(detail(published)).content.decode()
    assert reverse("investments_public:detail", kwargs={"code": "INV-P2"}) in body
    assert reverse("investments_public:detail", kwargs={"code": "INV-P1"}) not in body


def test_the_published_ranking_shows_the_evaluators_rank_beside_the_combined_one(client, published):
    response = client.get(detail(published))
    assert response.context["side_by_side"] is True
    rows = {row["code"]: row for row in response.context["ranking_rows"]}
    assert all(row["rank_change"] == row["expert_rank"] - row["rank"] for row in rows.values())
    assert rows["INV-P3"]["votes"] == 3
    assert 'id="side-by-side"' in response.content.decode()
    assert response.context["result"]["ballots"] == 3


def test_the_published_ranking_shows_its_sensitivity(client, published):
    response = client.get(detail(published))
    sensitivity = response.context["sensitivity"]
    assert sensitivity["largest_move"] == published.result["sensitivity"]["largest_move"]
    assert len(sensitivity["scenarios"]) == len(published.result["sensitivity"]["scenarios"]) > 0
    assert response.content.decode().count('<details class="govuk-details">') == len(sensitivity["scenarios"])


def test_the_published_page_lists_the_ineligible_candidates(client, secretary, department, quality_manager, locked):
    round, _criteria, _candidates = locked
    investment = eligible_investment(department, code="INV-NO", title="Fără cofinanțare")
    add_candidate(secretary, round, investment, 100_000_00, cofinancing_ensured=False)
    round.refresh_from_db()
    # The fixtures' evaluators are in `locked`; drive the round through the steps.
    evaluators = [e.user for e in selectors.evaluators_of(round)]
    round = to_consultation(secretary, evaluators, locked)
    round = publish(secretary, quality_manager, round)
    response = client.get(detail(round))
    assert [item["code"] for item in response.context["result"]["ineligible"]] == ["INV-NO"]
    assert 'id="ineligible"' in response.content.decode()


# --- queries -------------------------------------------------------------------------------------------------------


def test_the_list_reads_a_fixed_number_of_queries(client, secretary, locked, django_assert_max_num_queries):
    client.get(LIST)
    with django_assert_max_num_queries(2):
        client.get(LIST)


def test_the_round_page_reads_as_many_queries_for_more_candidates(
    client, citizen, secretary, department, locked, django_assert_max_num_queries
):
    round, _criteria, _candidates = locked
    client.force_login(citizen)
    client.get(detail(round))
    with django_assert_max_num_queries(8) as few:
        client.get(detail(round))
    for n in range(4, 10):
        investment = eligible_investment(department, code=f"INV-X{n}", title=f"Alt proiect {n}")
        add_candidate(secretary, round, investment, 100_000_00)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(detail(round))
    assert len(response.context["entries"]) == 9


def test_the_consultation_page_reads_a_fixed_number_of_queries(
    client, citizen, consultation, django_assert_max_num_queries
):
    candidates = selectors.candidates_of(consultation, eligible_only=True)
    workflow.cast_ballot(citizen, consultation, [candidates[0].pk])
    for candidate in candidates:
        for n in range(1, 4):
            workflow.comment(voter(n) if candidate == candidates[0] and n == 1 else citizen, candidate, f"Părere {n}")
    client.force_login(citizen)
    client.get(detail(consultation))
    with django_assert_max_num_queries(11):
        client.get(detail(consultation))


def test_the_published_page_reads_a_fixed_number_of_queries(client, published, django_assert_max_num_queries):
    client.get(detail(published))
    with django_assert_max_num_queries(5):
        client.get(detail(published))
