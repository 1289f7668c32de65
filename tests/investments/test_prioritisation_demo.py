"""The demo's prioritisation rounds: this year's published (with a funding line where a project that does not fit is
followed by a funded one), next year's in its citizens' consultation, the year after's a draft; loaded once, through
the workflow, with the methodology pages published on the demo site."""

import datetime

import pytest
from allauth.mfa.models import Authenticator
from wagtail.models import Locale, Page, Site

from cms import roles as cms_roles
from cms.models import HomePage
from investments import demo
from investments.models import AgreedScore, Ballot, Candidate, Comment, Conflict, Round, RoundEvent, ScoreSheet
from investments.prioritisation import demo as prioritisation_demo
from investments.prioritisation import methodology, roles, workflow
from portal import demo as portal_demo
from portal.models import User
from services import calendar
from services import demo as services_demo
from services.roles import ensure_groups

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 30)
State = Round.State


def load(with_site):
    """What `load_demo_data` loads before the investments (institution, accounts, catalogue, and a small site in ro
    and hu instead of the whole demo site), then them."""
    from cms.management.commands.load_demo_data import CATALOGUES

    portal_demo.load_institution()
    staff, _citizens = portal_demo.load_accounts()
    services_demo.load_catalogue(staff, CATALOGUES)
    staff["quality"].groups.add(ensure_groups())
    editors, _reviewers = cms_roles.ensure_groups()
    staff["editor"].groups.add(editors)
    if with_site:
        small_site()
    demo.load_investments(staff, today=TODAY)
    return staff


def small_site():
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in ("ro", "hu")}
    root = Page.get_first_root_node()
    Page.objects.filter(depth=2).delete()
    home = root.add_child(instance=HomePage(title="Acasă", slug="acasa", hero_title="Bun venit", locale=locales["ro"]))
    Site.objects.all().delete()
    Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True, site_name="Test")
    copy = home.copy_for_translation(locales["hu"])
    copy.title, copy.slug, copy.live = "Kezdőlap", "kezdolap", True
    copy.save()


@pytest.fixture
def loaded():
    return load(with_site=False)


def rounds():
    return {round.state: round for round in Round.objects.all()}


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Round, Candidate, ScoreSheet, Ballot, Comment, AgreedScore, RoundEvent, User)
    }


def test_the_demo_has_this_years_round_published_next_years_in_consultation_and_a_draft(loaded):
    by_state = rounds()
    assert set(by_state) == {State.PUBLISHED, State.CONSULTATION, State.DRAFT}
    assert by_state[State.PUBLISHED].year == TODAY.year
    assert by_state[State.CONSULTATION].year == TODAY.year + 1
    assert by_state[State.CONSULTATION].weight_method == Round.WeightMethod.PAIRWISE
    assert by_state[State.DRAFT].year == TODAY.year + 2
    assert by_state[State.DRAFT].criteria.count() == 2


def test_the_published_ranking_has_a_project_that_does_not_fit_followed_by_a_funded_one(loaded):
    round = rounds()[State.PUBLISHED]
    statuses = [row["funding"] for row in round.result["ranking"]]
    assert "does_not_fit" in statuses
    first_miss = statuses.index("does_not_fit")
    assert "funded" in statuses[first_miss + 1 :]
    assert round.result["funded_total_bani"] <= round.envelope_bani == 45_000_000_00


def test_the_published_round_shows_the_gate_the_conflict_the_agreed_spread_and_the_consultation(loaded):
    round = rounds()[State.PUBLISHED]
    candidates = list(round.candidates.all())
    assert 6 <= len(candidates) <= 8
    ineligible = [c for c in candidates if not c.eligible]
    assert len(ineligible) == 1 and ineligible[0].feasibility_done and not ineligible[0].cofinancing_ensured
    assert [row["code"] for row in round.result["ineligible"]] == [ineligible[0].investment.code]
    assert round.evaluators.count() == 3
    assert Conflict.objects.filter(candidate__round=round).count() == 1
    discussed = AgreedScore.objects.filter(candidate__round=round, recorded_by=loaded["quality"]).exclude(
        note__startswith="the evaluators"
    )
    assert discussed.exists() and all(row.note for row in discussed)
    assert 40 <= Ballot.objects.filter(round=round).count() <= 80
    assert Comment.objects.filter(candidate__round=round).count() >= 3
    assert round.consultation_closes < TODAY


def test_the_secretariat_account_signs_in_with_two_factors_and_runs_rounds(loaded):
    secretary = User.objects.get(email=prioritisation_demo.SECRETARY[0])
    assert roles.may_manage(secretary) and secretary.check_password(portal_demo.DEMO_PASSWORD)
    assert Authenticator.objects.filter(user=secretary, type=Authenticator.Type.TOTP).exists()
    assert loaded["secretariat"].totp_secret == prioritisation_demo.SECRETARY[3]
    assert not User.objects.get(email="cetatean01@example.ro").has_usable_password()


def test_the_locked_rounds_have_their_methodology_pages_in_the_sites_languages(db):
    load(with_site=True)
    by_state = rounds()
    for state in (State.PUBLISHED, State.CONSULTATION):
        languages = {page.locale.language_code for page in methodology.pages_of(by_state[state])}
        assert languages == {"ro", "hu"}
    assert not methodology.pages_of(by_state[State.DRAFT]).exists()


def test_the_open_rounds_weights_come_from_consistent_judgements(loaded):
    round = rounds()[State.CONSULTATION]
    result = workflow.pairwise_result(round)
    assert result.accepted and result.consistency_ratio < 0.10
    assert sum(c.weight for c in round.criteria.all()) == 100


def test_ana_popescu_votes_in_the_open_round(loaded):
    round = rounds()[State.CONSULTATION]
    ana = User.objects.get(email="ana.popescu@example.ro")
    chosen = [c.pk for c in round.candidates.all() if c.eligible][:2]
    with calendar.clock_at(TODAY + datetime.timedelta(days=10)):
        ballot = workflow.cast_ballot(ana, round, chosen)
    assert set(ballot.candidates.values_list("pk", flat=True)) == set(chosen)


def test_loading_again_creates_no_round_twice(loaded):
    first = counts()
    assert prioritisation_demo.load_rounds(loaded, today=TODAY) == 0
    demo.load_investments(loaded, today=TODAY)
    assert counts() == first
