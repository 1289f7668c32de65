"""The setup pages of a prioritisation round, through the client: who reaches them, the round, its criteria and
levels, the weights (direct and pairwise), the lock, the steps, the candidates and their gate, the data values, the
evaluators, and the pages' query counts."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from investments.models import Criterion, Round, RoundEvent, ScaleLevel
from investments.prioritisation import workflow
from services.models import Membership
from tests.investments.factories import InvestmentFactory, staff_of
from tests.investments.prioritisation_helpers import (
    LEVELS,
    add_candidate,
    add_method,
    eligible_investment,
    evaluators_fixture,  # noqa: F401
    locked_round,
    new_round,
    secretary_fixture,  # noqa: F401
)
from tests.investments.staff_helpers import _english_pages, messages_of, observer_fixture  # noqa: F401


def url(name, round, **kwargs):
    return reverse(f"prioritisation:{name}", kwargs={"pk": round.pk, **kwargs})


@pytest.fixture(name="draft")
def draft_fixture(secretary, department, evaluators):
    """A draft round with its method (C1 evaluators, C2 computed, C3 citizens), one eligible candidate and an
    evaluator."""
    round = new_round(secretary)
    criteria = add_method(secretary, round)
    candidate = add_candidate(secretary, round, eligible_investment(department, code="INV-D1"), 100_000_00)
    workflow.add_evaluator(secretary, round, evaluators[0])
    return round, criteria, candidate


def page_urls(round, criterion, candidate):
    return [
        reverse("prioritisation:round_list"),
        reverse("prioritisation:round_create"),
        url("round_detail", round),
        url("round_edit", round),
        url("criterion_add", round),
        url("criterion_edit", round, criterion_pk=criterion.pk),
        url("criterion_delete", round, criterion_pk=criterion.pk),
        url("weights", round),
        url("lock", round),
        url("candidate_add", round),
        url("candidate_edit", round, candidate_pk=candidate.pk),
        url("candidate_remove", round, candidate_pk=candidate.pk),
        url("values", round),
        url("evaluators", round),
    ]


# --- who reaches the pages -----------------------------------------------------------------------------------------


def test_every_setup_page_renders_for_the_secretariat(client, secretary, draft):
    round, criteria, candidate = draft
    client.force_login(secretary)
    for address in page_urls(round, criteria[0], candidate):
        response = client.get(address)
        assert response.status_code == 200, address


def test_every_setup_page_renders_for_a_locked_round(client, secretary, department, evaluators):
    round, criteria, candidates = locked_round(secretary, department, evaluators)
    client.force_login(secretary)
    for address in page_urls(round, criteria[0], candidates[0]):
        assert client.get(address).status_code == 200, address


def test_an_observer_sees_the_round_but_may_change_nothing(client, observer, draft):
    round, criteria, candidate = draft
    client.force_login(observer)
    for name in ("round_detail", "weights", "values", "evaluators", "lock"):
        assert client.get(url(name, round)).status_code == 200, name
    assert client.get(reverse("prioritisation:round_list")).status_code == 200
    posts = [
        url("weights", round),
        url("lock", round),
        url("advance", round),
        url("values", round),
        url("evaluators", round),
        url("criterion_add", round),
        url("round_edit", round),
        url("candidate_add", round),
        url("candidate_remove", round, candidate_pk=candidate.pk),
        url("criterion_delete", round, criterion_pk=criteria[0].pk),
        reverse("prioritisation:round_create"),
    ]
    for address in posts:
        assert client.post(address, {}).status_code == 403, address
    round.refresh_from_db()
    assert round.state == Round.State.DRAFT
    assert round.criteria.count() == 3


def test_a_clerk_who_is_not_an_evaluator_finds_no_round(client, clerk, draft):
    round, criteria, candidate = draft
    client.force_login(clerk)
    assert client.get(reverse("prioritisation:round_list")).status_code == 200
    for address in page_urls(round, criteria[0], candidate)[2:]:
        assert client.get(address).status_code == 404, address


def test_citizens_are_refused_and_strangers_sent_to_sign_in(client, citizen, draft):
    round, _criteria, _candidate = draft
    assert client.get(url("round_detail", round)).status_code == 302
    assert client.get(reverse("prioritisation:round_list")).status_code == 302
    client.force_login(citizen)
    assert client.get(url("round_detail", round)).status_code == 403
    assert client.get(reverse("prioritisation:round_list")).status_code == 403


def test_an_evaluator_lists_their_rounds_with_a_link_to_their_scores(client, secretary, evaluators, draft):
    round, _criteria, _candidate = draft
    other = new_round(secretary)
    client.force_login(evaluators[0])
    response = client.get(reverse("prioritisation:round_list"))
    assert [r.pk for r in response.context["rounds"]] == [round.pk]
    assert round.pk in response.context["evaluating"]
    assert url("my_scoring", round) in response.content.decode()
    assert other.pk not in response.context["evaluating"]
    assert response.context["may_manage"] is False


# --- the round -----------------------------------------------------------------------------------------------------


def test_the_secretariat_creates_a_round(client, secretary):
    client.force_login(secretary)
    response = client.post(
        reverse("prioritisation:round_create"),
        {
            "year": "2027",
            "title": "Prioritizare 2027",
            "title_hu": "Rangsorolás 2027",
            "title_en": "Prioritisation 2027",
            "envelope_bani": "2.500.000,00",
            "weight_method": "pairwise",
            "votes_per_citizen": "3",
            "consultation_opens": "2027-03-01",
            "consultation_closes": "2027-03-15",
            "wide_spread_at": "2",
        },
    )
    round = Round.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("round_detail", round)
    assert (round.year, round.envelope_bani, round.weight_method) == (2027, 2_500_000_00, "pairwise")
    assert round.events.filter(action="created").exists()


def test_after_the_lock_only_titles_and_envelope_change(client, secretary, department, evaluators):
    round, _criteria, _candidates = locked_round(secretary, department, evaluators)
    client.force_login(secretary)
    response = client.get(url("round_edit", round))
    assert "weight_method" in response.context["form"].frozen_fields()
    response = client.post(
        url("round_edit", round),
        {
            "title": "Titlu nou",
            "title_hu": "",
            "title_en": "New title",
            "envelope_bani": "900.000",
            "year": "2001",
            "votes_per_citizen": "9",
        },
    )
    assert response.status_code == 302
    round.refresh_from_db()
    assert (round.title, round.envelope_bani, round.votes_per_citizen) == ("Titlu nou", 900_000_00, 2)
    assert round.year != 2001


# --- criteria ------------------------------------------------------------------------------------------------------


def criterion_post(code="C9", **extra):
    data = {
        "code": code,
        "order": "",
        "name": "Impact asupra mediului",
        "name_hu": "Környezeti hatás",
        "name_en": "Environmental impact",
        "description": "Cât reduce emisiile",
        "description_hu": "",
        "description_en": "",
        "source": "expert",
        "direction": "higher",
        "unit": "",
    }
    for score, (ro, hu, en) in LEVELS.items():
        data[f"level_{score}"], data[f"level_{score}_hu"], data[f"level_{score}_en"] = ro, hu, en
    return data | extra


def test_a_criterion_is_added_with_its_six_levels(client, secretary):
    round = new_round(secretary)
    client.force_login(secretary)
    response = client.post(url("criterion_add", round), criterion_post())
    assert response.status_code == 302
    criterion = round.criteria.get(code="C9")
    assert criterion.name_en == "Environmental impact"
    levels = {
        level.score: (level.description, level.description_hu, level.description_en)
        for level in criterion.levels.all()
    }
    assert levels == LEVELS
    assert round.events.filter(action="criterion_added").exists()


def test_the_criterion_form_has_a_fieldset_per_level(client, secretary):
    round = new_round(secretary)
    client.force_login(secretary)
    response = client.get(url("criterion_add", round))
    groups = response.context["form"].level_groups()
    assert [score for score, _fields in groups] == [0, 1, 2, 3, 4, 5]
    assert "weight" not in response.context["form"].fields
    assert response.content.decode().count('<fieldset class="govuk-fieldset govuk-!-margin-bottom-4"') == 6


def test_a_criterion_is_edited_and_removed_in_draft(client, secretary, draft):
    round, criteria, _candidate = draft
    client.force_login(secretary)
    data = criterion_post(code="C1", name="Necesitate reală", level_5="", level_5_hu="", level_5_en="")
    response = client.post(url("criterion_edit", round, criterion_pk=criteria[0].pk), data)
    assert response.status_code == 302
    criteria[0].refresh_from_db()
    assert criteria[0].name == "Necesitate reală"
    assert not criteria[0].levels.filter(score=5).exists()
    response = client.post(url("criterion_delete", round, criterion_pk=criteria[2].pk))
    assert response.status_code == 302
    assert not round.criteria.filter(pk=criteria[2].pk).exists()


def test_after_the_lock_criteria_cannot_be_added_or_changed(client, secretary, department, evaluators):
    round, criteria, _candidates = locked_round(secretary, department, evaluators)
    levels_before = ScaleLevel.objects.count()
    client.force_login(secretary)
    response = client.get(url("criterion_edit", round, criterion_pk=criteria[0].pk))
    assert 'id="locked"' in response.content.decode()
    response = client.post(url("criterion_add", round), criterion_post())
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    response = client.post(url("criterion_edit", round, criterion_pk=criteria[0].pk), criterion_post(code="C1"))
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    response = client.post(url("criterion_delete", round, criterion_pk=criteria[1].pk))
    assert response.status_code == 200 and response.context["error"].code == "locked"
    assert round.criteria.count() == 3
    criteria[0].refresh_from_db()
    assert criteria[0].name == "Necesitate"
    assert ScaleLevel.objects.count() == levels_before


# --- weights -------------------------------------------------------------------------------------------------------


def test_weights_not_adding_up_to_100_are_refused_and_nothing_changes(client, secretary, draft):
    round, criteria, _candidate = draft
    client.force_login(secretary)
    response = client.post(
        url("weights", round), {f"weight_{c.pk}": w for c, w in zip(criteria, ["50", "30", "25"], strict=True)}
    )
    assert response.status_code == 200
    assert response.context["refused"] == ["weights_total"]
    assert response.context["form"][f"weight_{criteria[2].pk}"].value() == "25"
    assert response.context["form"].typed_total() == "105.00"
    assert [c.weight for c in round.criteria.order_by("order")] == [50, 30, 20]


def test_direct_weights_are_saved(client, secretary, draft):
    round, criteria, _candidate = draft
    client.force_login(secretary)
    data = {f"weight_{c.pk}": w for c, w in zip(criteria, ["40", "35,5", "24.5"], strict=True)}
    data[f"weight_{criteria[1].pk}"] = "35.5"
    response = client.post(url("weights", round), data)
    assert response.status_code == 302
    assert [c.weight for c in round.criteria.order_by("order")] == [Decimal(40), Decimal("35.5"), Decimal("24.5")]


@pytest.fixture(name="pairwise")
def pairwise_fixture(secretary):
    round = new_round(secretary, weight_method=Round.WeightMethod.PAIRWISE)
    return round, add_method(secretary, round)


def judgements(criteria, c12, c23, c13):
    a, b, c = criteria
    return {f"pair_{a.pk}_{b.pk}": c12, f"pair_{b.pk}_{c.pk}": c23, f"pair_{a.pk}_{c.pk}": c13}


def test_inconsistent_judgements_show_the_ratio_and_the_worst_pair_and_keep_the_weights(client, secretary, pairwise):
    round, criteria = pairwise
    client.force_login(secretary)
    response = client.post(url("weights", round), judgements(criteria, "9", "9", "1/9"))
    assert response.status_code == 200
    ahp = response.context["ahp"]
    assert not ahp["result"].accepted
    assert ahp["result"].consistency_ratio >= Decimal("0.10")
    worst = response.context["worst_pair"]
    assert {worst["first"].pk, worst["second"].pk} <= {c.pk for c in criteria}
    assert worst["suggested"]
    assert ahp["message"]
    assert 'id="worst-pair"' in response.content.decode()
    assert [c.weight for c in round.criteria.all()] == [0, 0, 0]
    assert round.judgements.count() == 3  # kept, to work from
    # The page shows the current (refused) result again on GET.
    response = client.get(url("weights", round))
    assert response.context["worst_pair"] is not None


def test_consistent_judgements_set_the_weights(client, secretary, pairwise):
    round, criteria = pairwise
    client.force_login(secretary)
    response = client.post(url("weights", round), judgements(criteria, "2", "2", "4"))
    assert response.status_code == 302
    weights = [c.weight for c in round.criteria.order_by("order")]
    assert sum(weights) == 100 and weights[0] > weights[1] > weights[2]
    response = client.get(url("weights", round))
    assert response.context["ahp"]["result"].accepted
    assert response.context["form"][f"pair_{criteria[0].pk}_{criteria[1].pk}"].value() == "2"


def test_judgement_choices_are_saaty_values_in_words(client, secretary, pairwise):
    round, criteria = pairwise
    client.force_login(secretary)
    form = client.get(url("weights", round)).context["form"]
    choices = dict(form.fields[f"pair_{criteria[0].pk}_{criteria[1].pk}"].choices)
    assert list(choices)[0] == "9" and list(choices)[-1] == "1/9" and "1/3" in choices
    assert "C1" in choices["3"] and "C2" in choices["3"]


# --- the lock and the steps ----------------------------------------------------------------------------------------


def test_the_lock_page_lists_what_blocks_it_without_a_button(client, secretary):
    round = new_round(secretary)
    client.force_login(secretary)
    response = client.get(url("lock", round))
    assert response.context["problems"]
    assert 'id="lock-button"' not in response.content.decode()


def test_locking_from_the_page_freezes_the_round_and_records_it(client, secretary, draft):
    round, _criteria, _candidate = draft
    client.force_login(secretary)
    response = client.get(url("lock", round))
    assert response.context["problems"] == []
    assert 'id="lock-button"' in response.content.decode()
    response = client.post(url("lock", round))
    assert response.status_code == 302 and response["Location"] == url("round_detail", round)
    round.refresh_from_db()
    assert round.state == Round.State.LOCKED
    assert round.methodology_version and len(round.methodology_sha256) == 64
    assert RoundEvent.objects.filter(round=round, action="locked").exists()
    detail = client.get(url("round_detail", round))
    assert round.methodology_sha256 in detail.content.decode()


def test_advancing_with_problems_shows_them_and_stays(client, secretary, department, evaluators):
    round, _criteria, _candidates = locked_round(secretary, department, evaluators)
    workflow.remove_evaluator(secretary, round.evaluators.first())
    client.force_login(secretary)
    detail = client.get(url("round_detail", round))
    assert detail.context["problems"]
    assert detail.context["next_step"]["kind"] == "advance"
    response = client.post(url("advance", round), follow=True)
    assert response.redirect_chain[-1][0] == url("round_detail", round)
    assert len(messages_of(response)) == len(detail.context["problems"])
    round.refresh_from_db()
    assert round.state == Round.State.LOCKED


def test_advancing_a_ready_round_starts_the_scoring(client, secretary, department, evaluators):
    round, _criteria, _candidates = locked_round(secretary, department, evaluators)
    client.force_login(secretary)
    assert client.get(url("advance", round)).status_code == 405
    response = client.post(url("advance", round))
    assert response.status_code == 302
    round.refresh_from_db()
    assert round.state == Round.State.SCORING
    steps = client.get(url("round_detail", round)).context["steps"]
    assert [s["status"] for s in steps][:3] == ["done", "done", "current"]


# --- candidates ----------------------------------------------------------------------------------------------------


def test_a_candidate_is_added_and_its_gate_shown(client, secretary, department, draft):
    round, _criteria, _candidate = draft
    no_study = InvestmentFactory(department=department, code="INV-D2")
    client.force_login(secretary)
    form = client.get(url("candidate_add", round)).context["form"]
    choices = list(form.fields["investment"].queryset.values_list("code", flat=True))
    assert "INV-D2" in choices and "INV-D1" not in choices
    response = client.post(
        url("candidate_add", round),
        {"investment": no_study.pk, "cost_bani": "250.000,00", "competence": "on", "competence_note": "L 273/2006"},
    )
    assert response.status_code == 302
    candidate = round.candidates.get(investment=no_study)
    assert candidate.cost_bani == 250_000_00 and not candidate.eligible
    detail = client.get(url("round_detail", round))
    row = next(c for c in detail.context["candidates"] if c.pk == candidate.pk)
    assert len(row.failures) == 2  # no feasibility study, co-financing not ensured
    assert f'id="candidate-{candidate.pk}"' in detail.content.decode()
    edit = client.get(url("candidate_edit", round, candidate_pk=candidate.pk))
    assert edit.context["feasibility_stage"] is None and len(edit.context["failures"]) == 2


def test_a_candidate_is_edited_and_removed(client, secretary, draft):
    round, _criteria, candidate = draft
    client.force_login(secretary)
    edit = client.get(url("candidate_edit", round, candidate_pk=candidate.pk))
    assert edit.context["feasibility_stage"].actual_date is not None
    response = client.post(
        url("candidate_edit", round, candidate_pk=candidate.pk),
        {"cost_bani": "120.000", "competence": "on", "competence_note": "L 273", "cofinancing_note": ""},
    )
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.cost_bani == 120_000_00 and not candidate.cofinancing_ensured
    response = client.post(url("candidate_remove", round, candidate_pk=candidate.pk))
    assert response.status_code == 302
    assert not round.candidates.exists()


# --- data values ---------------------------------------------------------------------------------------------------


def test_the_values_form_saves_good_cells_and_keeps_the_typed_input_on_error(
    client, secretary, department, evaluators
):
    round, criteria, candidates = locked_round(secretary, department, evaluators)
    population = criteria[1]
    client.force_login(secretary)
    form = client.get(url("values", round)).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    first, second = candidates[0], candidates[1]
    data[f"value_{first.pk}_{population.pk}"] = "2500"
    data[f"value_{second.pk}_{population.pk}"] = "multi"
    data[f"note_{second.pk}_{population.pk}"] = "Registrul agricol"
    response = client.post(url("values", round), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert form[f"value_{second.pk}_{population.pk}"].value() == "multi"
    assert form[f"note_{second.pk}_{population.pk}"].value() == "Registrul agricol"
    assert f"value_{second.pk}_{population.pk}" in form.errors
    assert first.values.get(criterion=population).value == 2500
    assert second.values.get(criterion=population).value == 2000


# --- evaluators ----------------------------------------------------------------------------------------------------


def test_evaluators_are_added_and_removed_before_scoring(client, secretary, department, draft, evaluators):
    round, _criteria, _candidate = draft
    client.force_login(secretary)
    form = client.get(url("evaluators", round)).context["form"]
    offered = {user.pk: user.is_head for user in form.fields["user"].queryset}
    assert evaluators[1].pk in offered and evaluators[0].pk not in offered
    assert secretary.pk not in offered
    response = client.post(url("evaluators", round), {"user": evaluators[1].pk})
    assert response.status_code == 302
    assert round.evaluators.filter(user=evaluators[1]).exists()
    page = client.get(url("evaluators", round))
    assert [e.submitted_count for e in page.context["evaluators"]] == [0, 0]
    assert [e.is_head for e in page.context["evaluators"]] == [True, False]
    evaluator = round.evaluators.get(user=evaluators[1])
    assert client.get(url("evaluator_remove", round, evaluator_pk=evaluator.pk)).status_code == 405
    response = client.post(url("evaluator_remove", round, evaluator_pk=evaluator.pk))
    assert response.status_code == 302
    assert not round.evaluators.filter(user=evaluators[1]).exists()
    assert round.events.filter(action="evaluator_removed").exists()


def test_evaluators_no_longer_change_once_scoring_started(client, secretary, department, evaluators):
    round, _criteria, _candidates = locked_round(secretary, department, evaluators)
    workflow.advance(secretary, round)
    client.force_login(secretary)
    page = client.get(url("evaluators", round))
    assert page.context["form"] is None and not page.context["changeable"]
    evaluator = round.evaluators.first()
    response = client.post(url("evaluator_remove", round, evaluator_pk=evaluator.pk), follow=True)
    assert messages_of(response)
    assert round.evaluators.count() == 2


# --- query counts --------------------------------------------------------------------------------------------------


def count_queries(client, address):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(address).status_code == 200
    return len(queries)


def test_the_list_of_rounds_has_a_fixed_number_of_queries(client, secretary, django_assert_max_num_queries):
    new_round(secretary)
    client.force_login(secretary)
    address = reverse("prioritisation:round_list")
    few = count_queries(client, address)
    for _n in range(4):
        new_round(secretary)
    with django_assert_max_num_queries(few):
        client.get(address)
    assert few <= 12


def test_the_round_page_does_not_grow_with_its_candidates_and_criteria(
    client, secretary, department, evaluators, django_assert_max_num_queries
):
    round, _criteria, _candidates = locked_round(secretary, department, evaluators)
    client.force_login(secretary)
    address = url("round_detail", round)
    few = count_queries(client, address)
    for n in range(4, 9):
        add_candidate(secretary, round, eligible_investment(department, code=f"INV-Q{n}"), 10_000_00)
    workflow.add_evaluator(
        secretary, round, staff_of(department, Membership.Role.CLERK, email="evaluator3@primarie.ro")
    )
    with django_assert_max_num_queries(few):
        client.get(address)
    draft = new_round(secretary)
    add_method(secretary, draft)
    draft_few = count_queries(client, url("round_detail", draft))
    for n in range(4, 9):
        workflow.add_criterion(
            secretary, draft, code=f"C{n}", name=f"Criteriu {n}", source=Criterion.Source.EXPERT, levels=LEVELS
        )
    with django_assert_max_num_queries(draft_few):
        client.get(url("round_detail", draft))
    assert few <= 24 and draft_few <= 20
