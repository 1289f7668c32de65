"""The lock of a round's method: what stands in its way, what it freezes (state, version, the methodology snapshot and
its SHA-256), the workflow's refusals afterwards, and the database triggers that hold the frozen method and the
append-only history against any SQL (SQLite and PostgreSQL)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone

from investments.models import Criterion, Judgement, Round, RoundEvent, ScaleLevel
from investments.prioritisation import methodology, workflow
from tests.investments.prioritisation_helpers import (
    LEVELS,
    add_method,
    evaluators_fixture,  # noqa: F401
    new_round,
    secretary_fixture,  # noqa: F401
)

State = Round.State
Source = Criterion.Source


def codes(excinfo):
    return {error.code for error in excinfo.value.error_list}


def refused(expected, call, *args, **kwargs):
    with pytest.raises(ValidationError) as excinfo:
        call(*args, **kwargs)
    assert expected in codes(excinfo), codes(excinfo)


def refused_by_the_database(call):
    """IntegrityError (PostgreSQL's integrity_constraint_violation, SQLite's RAISE(ABORT)) is a DatabaseError."""
    with pytest.raises(DatabaseError), transaction.atomic():
        call()


@pytest.fixture
def draft(secretary):
    round = new_round(secretary)
    return round, add_method(secretary, round)


@pytest.fixture
def locked(draft, secretary):
    round, criteria = draft
    return workflow.lock(secretary, round), criteria


# --- what stands in the way of the lock ------------------------------------------------------------------------------


def test_a_complete_method_has_no_lock_problems(draft):
    round, _criteria = draft
    assert workflow.lock_problems(round) == []


def test_a_round_without_criteria_cannot_be_locked(secretary):
    round = new_round(secretary)
    assert len(workflow.lock_problems(round)) == 1
    refused("not_ready", workflow.lock, secretary, round)


def test_an_evaluators_criterion_needs_every_level_described(draft, secretary):
    round, (need, *_rest) = draft
    workflow.update_criterion(secretary, need, levels={4: ("", "", "")})
    problems = workflow.lock_problems(round)
    assert len(problems) == 1 and "C1" in problems[0]


def test_every_criterion_needs_its_hungarian_and_english_name(draft, secretary):
    round, (need, population, _support) = draft
    workflow.update_criterion(secretary, need, name_hu="")
    workflow.update_criterion(secretary, population, name_en="")
    problems = workflow.lock_problems(round)
    assert len(problems) == 2 and "C1" in problems[0] and "C2" in problems[1]


def test_weights_that_do_not_add_up_to_100_stand_in_the_way(draft, secretary):
    round, (need, *_rest) = draft
    workflow.update_criterion(secretary, need, weight=Decimal("49.99"))
    problems = workflow.lock_problems(round)
    assert len(problems) == 1 and "99.99" in problems[0]
    refused("not_ready", workflow.lock, secretary, round)


def test_a_citizens_criterion_needs_the_consultations_dates(draft, secretary):
    round, _criteria = draft
    round = workflow.update_round(secretary, round, consultation_opens=None, consultation_closes=None)
    assert len(workflow.lock_problems(round)) == 1
    refused("not_ready", workflow.lock, secretary, round)
    round_without = new_round(secretary, citizen=False)
    add_method(secretary, round_without, citizen=False)
    assert workflow.lock_problems(round_without) == []  # without a citizens' criterion no dates are needed


def test_a_round_needs_an_evaluators_criterion(secretary):
    round = new_round(secretary)
    computed = workflow.add_criterion(
        secretary, round, code="C1", name="Populație", name_hu="Lakosság", name_en="Population", source=Source.COMPUTED
    )
    workflow.set_weights(secretary, round, {computed.pk: 100})
    assert len(workflow.lock_problems(round)) == 1
    refused("not_ready", workflow.lock, secretary, round)


# --- what the lock freezes -------------------------------------------------------------------------------------------


def test_the_lock_freezes_a_versioned_snapshot_and_its_sha256(locked, secretary):
    round, (need, population, support) = locked
    round.refresh_from_db()
    assert (round.state, round.methodology_version, round.locked_by) == (State.LOCKED, 1, secretary)
    assert round.locked_at is not None
    snapshot = round.methodology
    assert round.methodology_sha256 == methodology.digest(snapshot)
    assert len(round.methodology_sha256) == 64
    assert snapshot["version"] == 1
    assert snapshot["weight_method"] == "direct"
    assert snapshot["voting"] == {
        "votes_per_citizen": 2,
        "consultation_opens": round.consultation_opens.isoformat(),
        "consultation_closes": round.consultation_closes.isoformat(),
    }
    assert [(c["code"], c["source"], c["weight"]) for c in snapshot["criteria"]] == [
        ("C1", "expert", "50.00"),
        ("C2", "computed", "30.00"),
        ("C3", "citizen", "20.00"),
    ]
    c1 = snapshot["criteria"][0]
    assert c1["name"] == {"ro": "Necesitate", "hu": "Szükségesség", "en": "Need"}
    assert [level["score"] for level in c1["levels"]] == [0, 1, 2, 3, 4, 5]
    assert c1["levels"][5]["description"] == dict(zip(("ro", "hu", "en"), LEVELS[5], strict=True))
    assert RoundEvent.objects.filter(round=round, action="locked", detail__contains=round.methodology_sha256).exists()


def test_the_digest_is_the_sha256_of_the_canonical_json():
    import hashlib

    data = {"b": "ă", "a": [1, {"d": None, "c": "1.50"}]}
    canonical = '{"a":[1,{"c":"1.50","d":null}],"b":"ă"}'
    assert methodology.digest(data) == hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    assert methodology.digest(data) != methodology.digest(data | {"b": "a"})


def test_the_next_round_locked_is_version_2(locked, secretary):
    other = new_round(secretary, citizen=False)
    add_method(secretary, other, citizen=False)
    other = workflow.lock(secretary, other)
    assert other.methodology_version == 2
    assert other.methodology["version"] == 2


def test_a_pairwise_snapshot_records_the_judgements_and_the_consistency(secretary):
    round = new_round(secretary, weight_method=Round.WeightMethod.PAIRWISE)
    need, population, support = add_method(secretary, round)
    workflow.set_judgements(
        secretary, round, {(need.pk, population.pk): "2", (population.pk, support.pk): "2", (need.pk, support.pk): "4"}
    )
    round = workflow.lock(secretary, round)
    pairwise = round.methodology["pairwise"]
    assert {(j["first"], j["second"], j["value"]) for j in pairwise["judgements"]} == {
        ("C1", "C2", "2"),
        ("C2", "C3", "2"),
        ("C1", "C3", "4"),
    }
    assert Decimal(pairwise["consistency_ratio"]) == 0
    assert [c["weight"] for c in round.methodology["criteria"]] == ["57.14", "28.57", "14.29"]


def test_after_the_lock_the_workflow_refuses_every_change_of_the_method(locked, secretary):
    round, (need, population, support) = locked
    refused("locked", workflow.add_criterion, secretary, round, code="C4", name="X", source=Source.EXPERT)
    refused("locked", workflow.update_criterion, secretary, need, name="Altceva")
    refused("locked", workflow.update_criterion, secretary, need, levels=LEVELS | {3: ("Alt", "", "")})
    refused("locked", workflow.delete_criterion, secretary, population)
    refused("locked", workflow.set_weights, secretary, round, {need.pk: 60, population.pk: 20, support.pk: 20})
    refused("locked", workflow.set_judgements, secretary, round, {})
    for field, value in (
        ("votes_per_citizen", 5),
        ("weight_method", Round.WeightMethod.PAIRWISE),
        ("consultation_closes", round.consultation_closes + datetime.timedelta(days=1)),
        ("wide_spread_at", Decimal(3)),
    ):
        refused("locked", workflow.update_round, secretary, round, **{field: value})
    refused("wrong_state", workflow.lock, secretary, round)
    round = workflow.update_round(secretary, round, title="Titlu nou", envelope_bani=5)
    round.refresh_from_db()
    assert (round.title, round.envelope_bani, round.votes_per_citizen) == ("Titlu nou", 5, 2)
    assert dict(round.criteria.values_list("code", "weight")) == {
        "C1": Decimal(50),
        "C2": Decimal(30),
        "C3": Decimal(20),
    }


# --- the database holds the lock ----------------------------------------------------------------------------------


def test_the_database_refuses_changing_a_locked_rounds_criteria(locked):
    round, (need, population, _support) = locked
    refused_by_the_database(lambda: Criterion.objects.filter(pk=need.pk).update(weight=Decimal(60)))
    refused_by_the_database(lambda: Criterion.objects.filter(pk=need.pk).update(name="Altceva"))

    def save():
        need.name = "Altceva"
        need.save()

    refused_by_the_database(save)
    refused_by_the_database(lambda: Criterion.objects.filter(pk=population.pk).delete())
    refused_by_the_database(
        lambda: Criterion.objects.create(round=round, code="C9", name="Nou", source=Source.EXPERT, weight=0)
    )
    assert dict(Criterion.objects.filter(round=round).values_list("code", "weight")) == {
        "C1": Decimal(50),
        "C2": Decimal(30),
        "C3": Decimal(20),
    }
    assert Criterion.objects.get(pk=need.pk).name == "Necesitate"


def test_the_database_refuses_moving_a_criterion_into_a_locked_round(locked, secretary):
    round, _criteria = locked
    draft = new_round(secretary)
    loose = workflow.add_criterion(secretary, draft, code="C1", name="Liber", source=Source.EXPERT)
    refused_by_the_database(lambda: Criterion.objects.filter(pk=loose.pk).update(round=round, code="C7"))
    assert Criterion.objects.get(pk=loose.pk).round_id == draft.pk


def test_the_database_refuses_changing_a_locked_rounds_levels(locked):
    round, (need, population, _support) = locked
    level = ScaleLevel.objects.get(criterion=need, score=3)
    refused_by_the_database(lambda: ScaleLevel.objects.filter(pk=level.pk).update(description="Alt"))

    def save():
        level.description = "Alt"
        level.save()

    refused_by_the_database(save)
    refused_by_the_database(lambda: ScaleLevel.objects.filter(pk=level.pk).delete())
    refused_by_the_database(lambda: ScaleLevel.objects.filter(criterion=need).delete())
    refused_by_the_database(lambda: ScaleLevel.objects.create(criterion=population, score=1, description="Nou"))
    assert ScaleLevel.objects.filter(criterion=need).count() == 6
    assert ScaleLevel.objects.get(pk=level.pk).description == LEVELS[3][0]


def test_the_database_refuses_moving_a_level_into_a_locked_round(locked, secretary):
    _round, (_need, population, _support) = locked
    draft = new_round(secretary)
    loose = workflow.add_criterion(secretary, draft, code="C1", name="Liber", source=Source.EXPERT, levels=LEVELS)
    level = loose.levels.get(score=0)
    refused_by_the_database(lambda: ScaleLevel.objects.filter(pk=level.pk).update(criterion=population))
    assert ScaleLevel.objects.get(pk=level.pk).criterion_id == loose.pk


def test_the_database_refuses_changing_a_locked_rounds_judgements(secretary):
    round = new_round(secretary, weight_method=Round.WeightMethod.PAIRWISE)
    need, population, support = add_method(secretary, round)
    workflow.set_judgements(
        secretary, round, {(need.pk, population.pk): "2", (population.pk, support.pk): "2", (need.pk, support.pk): "4"}
    )
    round = workflow.lock(secretary, round)
    judgement = Judgement.objects.get(round=round, first=need, second=population)
    refused_by_the_database(lambda: Judgement.objects.filter(pk=judgement.pk).update(value="3"))

    def save():
        judgement.value = "3"
        judgement.save()

    refused_by_the_database(save)
    refused_by_the_database(lambda: Judgement.objects.filter(pk=judgement.pk).delete())
    refused_by_the_database(lambda: Judgement.objects.create(round=round, first=population, second=need, value="1"))
    assert set(Judgement.objects.filter(round=round).values_list("value", flat=True)) == {"2", "4"}
    assert Judgement.objects.filter(round=round).count() == 3


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("votes_per_citizen", 7),
        ("weight_method", "pairwise"),
        ("consultation_opens", datetime.date(2020, 1, 1)),
        ("consultation_closes", datetime.date(2099, 12, 31)),
        ("consultation_closes", None),
        ("wide_spread_at", Decimal(3)),
        ("methodology", {"forged": True}),
        ("methodology_sha256", "0" * 64),
        ("methodology_version", 99),
        ("locked_at", None),
        ("state", "draft"),
    ],
)
def test_the_database_refuses_changing_a_locked_rounds_frozen_columns(locked, column, value):
    round, _criteria = locked
    refused_by_the_database(lambda: Round.objects.filter(pk=round.pk).update(**{column: value}))
    fresh = Round.objects.get(pk=round.pk)
    assert (fresh.state, fresh.methodology, fresh.votes_per_citizen) == (
        State.LOCKED,
        round.methodology,
        round.votes_per_citizen,
    )


def test_the_database_refuses_saving_a_locked_round_back_to_draft(locked):
    round, _criteria = locked
    round.state = State.DRAFT
    refused_by_the_database(round.save)


def test_the_database_lets_the_title_envelope_and_steps_of_a_locked_round_change(locked):
    round, _criteria = locked
    Round.objects.filter(pk=round.pk).update(title="Alt titlu", title_en="Other", envelope_bani=42)
    Round.objects.filter(pk=round.pk).update(state=State.SCORING)
    fresh = Round.objects.get(pk=round.pk)
    assert (fresh.title, fresh.title_en, fresh.envelope_bani, fresh.state) == ("Alt titlu", "Other", 42, "scoring")
    fresh.title = "Încă unul"
    fresh.save()  # a whole-row save that leaves the frozen columns alone passes
    assert Round.objects.get(pk=round.pk).methodology_sha256 == round.methodology_sha256


def test_the_database_leaves_a_draft_rounds_method_alone(draft):
    round, (need, population, support) = draft
    Criterion.objects.filter(pk=need.pk).update(weight=Decimal(10), name="Altceva")
    ScaleLevel.objects.filter(criterion=need, score=3).update(description="Alt")
    ScaleLevel.objects.filter(criterion=need, score=4).delete()
    ScaleLevel.objects.create(criterion=population, score=2, description="Nou")
    Judgement.objects.create(round=round, first=need, second=population, value="3")
    Judgement.objects.filter(round=round).update(value="5")
    Judgement.objects.filter(round=round).delete()
    Criterion.objects.filter(pk=support.pk).delete()
    Round.objects.filter(pk=round.pk).update(votes_per_citizen=9, weight_method="pairwise", wide_spread_at=3)
    fresh = Round.objects.get(pk=round.pk)
    assert (fresh.votes_per_citizen, fresh.weight_method, fresh.criteria.count()) == (9, "pairwise", 2)
    assert Criterion.objects.get(pk=need.pk).name == "Altceva"


def test_the_database_lets_a_criterion_move_between_draft_rounds(secretary):
    other = new_round(secretary)
    loose = workflow.add_criterion(secretary, other, code="C5", name="Liber", source=Source.EXPERT)
    third = new_round(secretary)
    Criterion.objects.filter(pk=loose.pk).update(round=third)
    assert Criterion.objects.get(pk=loose.pk).round_id == third.pk


def test_the_rounds_history_is_append_only(locked):
    round, _criteria = locked
    event = RoundEvent.objects.filter(round=round).first()
    refused_by_the_database(lambda: RoundEvent.objects.filter(pk=event.pk).update(detail="rescris"))
    refused_by_the_database(lambda: RoundEvent.objects.filter(pk=event.pk).delete())
    refused_by_the_database(lambda: RoundEvent.objects.filter(round=round).delete())
    assert RoundEvent.objects.get(pk=event.pk).detail == event.detail
    RoundEvent.objects.create(round=round, action="note", detail="appended")  # appending stays possible


@pytest.mark.parametrize(
    ("column", "value"),
    [("state", "consolidation"), ("result", {"forged": True}), ("published_at", None), ("envelope_bani", 1)],
)
def test_the_database_refuses_changing_a_published_rounds_ranking_envelope_or_step(locked, column, value):
    round, _criteria = locked
    Round.objects.filter(pk=round.pk).update(
        state=State.PUBLISHED, result={"ranking": []}, published_at=timezone.now()
    )
    refused_by_the_database(lambda: Round.objects.filter(pk=round.pk).update(**{column: value}))
    fresh = Round.objects.get(pk=round.pk)
    assert (fresh.state, fresh.result, fresh.envelope_bani) == (State.PUBLISHED, {"ranking": []}, round.envelope_bani)
