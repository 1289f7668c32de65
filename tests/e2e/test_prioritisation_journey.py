"""A prioritisation round from the lock to the published ranking: the secretariat locks the method (the methodology page
opens in Romanian and in Hungarian), two evaluators score, two citizens vote on the public page, the quality manager
takes the evaluators' medians, the secretariat publishes, and citizens read the ranking in Romanian and in Hungarian,
with a project that does not fit in the money left followed by one that does."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import translation
from playwright.sync_api import expect
from wagtail.models import Collection

from investments import roles as investment_roles
from investments.models import AgreedScore, Round
from investments.prioritisation import methodology, workflow
from investments.templatetags.prioritisation import funding_words
from services import calendar
from services.models import Membership
from services.roles import QUALITY_MANAGERS, ensure_groups
from tests.factories import DepartmentFactory, MembershipFactory, StaffFactory, UserFactory
from tests.investments.prioritisation_helpers import add_candidate, add_method, eligible_investment

from .conftest import axe_violations
from .test_clerk_journey import move_clock, sign_in
from .test_procedure_journey import person_page

pytestmark = pytest.mark.e2e

# Envelope 1.000.000 lei: the first project (600.000) is funded, the second (500.000) does not fit in the 400.000
# left, the third (300.000) does.
ENVELOPE = 1_000_000_00
PROJECTS = [
    ("INV-21", "Reabilitarea Școlii Gimnaziale nr. 3", "A 3. számú Általános Iskola felújítása", 600_000_00, 3_000),
    ("INV-22", "Modernizarea străzii Morii", "A Malom utca korszerűsítése", 500_000_00, 2_000),
    ("INV-23", "Parc de joacă în cartierul Gării", "Játszótér az Állomás negyedben", 300_000_00, 1_000),
]
# Each evaluator's score of need (C1) for the three projects, best first.
SCORES = {"head": (5, 3, 2), "clerk": (4, 3, 2)}


@pytest.fixture
def site(transactional_db):
    """The demo public site in ro, hu and en: the lock publishes the methodology page under each home page. (The
    flush after the test lifts the triggers of the rounds: tests/conftest.py.)"""
    from cms.demo import load_home_page

    # An earlier transactional test empties every table, Wagtail's root collection (made by a migration) too.
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    ensure_groups()
    return load_home_page("Primăria Municipiului Exemplu")


def citizen_page(browser, live_server, user, language="ro"):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page = context.new_page()
    if user is not None:
        sign_in(page, user.email)
    return page


def words(status, language):
    with translation.override(language):
        return str(funding_words(status))


def test_a_round_is_locked_scored_voted_consolidated_and_published_and_read_in_ro_and_hu(
    site, browser, live_server, monkeypatch
):
    today = calendar.today()
    department = DepartmentFactory(code="investitii", name="Direcția Investiții", name_hu="Beruházási Igazgatóság")
    head = MembershipFactory(
        department=department, user=StaffFactory(first_name="Dan", last_name="Crișan"), role=Membership.Role.HEAD
    ).user
    clerk = MembershipFactory(
        department=department, user=StaffFactory(first_name="Andreea", last_name="Rus"), role=Membership.Role.CLERK
    ).user
    investment_roles.ensure_groups()
    secretary = StaffFactory(first_name="Sorina", last_name="Vlad")
    secretary.groups.add(Group.objects.get(name=investment_roles.PRIORITISATION_SECRETARIAT))
    quality = StaffFactory(first_name="Maria", last_name="Constantinescu")
    quality.groups.add(Group.objects.get(name=QUALITY_MANAGERS))
    citizens = [
        UserFactory(first_name="Ana", last_name="Popescu"),
        UserFactory(first_name="Zsófia", last_name="Kovács"),
    ]

    # The secretariat's round, built with the workflow: three criteria (need, population served, citizens' support),
    # three eligible candidates with their population, two evaluators. The consultation is open from today.
    round = workflow.create_round(
        secretary,
        year=today.year + 1,
        title=f"Prioritizarea investițiilor {today.year + 1}",
        title_hu=f"Beruházások rangsorolása {today.year + 1}",
        title_en=f"Investment prioritisation {today.year + 1}",
        envelope_bani=ENVELOPE,
        votes_per_citizen=2,
        consultation_opens=today,
        consultation_closes=today + datetime.timedelta(days=14),
    )
    need, population, _support = add_method(secretary, round)
    candidates = []
    for code, title, title_hu, cost, inhabitants in PROJECTS:
        investment = eligible_investment(department, code=code, title=title, title_hu=title_hu, published=False)
        candidate = add_candidate(secretary, round, investment, cost)
        workflow.set_value(secretary, candidate, population, inhabitants, "INS, recensământul 2021")
        candidates.append(candidate)
    for user in (head, clerk):
        workflow.add_evaluator(secretary, round, user)

    # The secretary locks the method through the lock page; the methodology page opens in Romanian and in Hungarian.
    page = person_page(browser, live_server, secretary)
    page.goto(f"/birou/prioritizare/{round.pk}/blocare/")
    assert axe_violations(page) == []
    page.locator("#lock-button").click()
    page.wait_for_url(f"**/birou/prioritizare/{round.pk}/")
    round.refresh_from_db()
    assert round.state == Round.State.LOCKED and round.methodology_version
    for language, title in (
        ("ro", "Metodologia de prioritizare"),
        ("hu", "A beruházások rangsorolásának módszertana"),
    ):
        page.goto(methodology.page_url(round, language))
        expect(page.get_by_role("heading", level=1)).to_contain_text(title)
        expect(page.locator("main")).to_contain_text(round.methodology_sha256)
    assert axe_violations(page) == []

    # Scoring starts (the round's "next step" button).
    page.goto(f"/birou/prioritizare/{round.pk}/")
    page.locator("#next-button").click()
    expect(page.locator("main")).to_contain_text(round.title)
    round.refresh_from_db()
    assert round.state == Round.State.SCORING

    # Each evaluator scores the three candidates on their score sheets and submits them.
    for key, evaluator in (("head", head), ("clerk", clerk)):
        sheet_page = person_page(browser, live_server, evaluator)
        for candidate, value in zip(candidates, SCORES[key], strict=True):
            sheet_page.goto(f"/birou/prioritizare/{round.pk}/evaluare/{candidate.pk}/")
            sheet_page.locator(f"input[name=score_{need.pk}][value='{value}']").check()
            sheet_page.locator(f"textarea[name=justification_{need.pk}]").fill(
                f"Nota {value}: studiul de fezabilitate."
            )
            sheet_page.locator("#submit-sheet").click()
            expect(sheet_page.locator("#submit-sheet")).to_have_count(0)
            assert candidate.sheets.get(evaluator__user=evaluator).submitted
        assert axe_violations(sheet_page) == []
        sheet_page.context.close()

    # The consultation opens (the next step button again; the secretary is still signed in: a one-time code is not
    # accepted twice within its 30 seconds).
    page.goto(f"/birou/prioritizare/{round.pk}/")
    page.locator("#next-button").click()
    expect(page.locator("main")).to_contain_text(round.title)
    round.refresh_from_db()
    assert round.state == Round.State.CONSULTATION

    # Two citizens sign in and vote on the public page, choosing the projects by their value.
    for citizen, chosen in zip(citizens, ([0, 1], [0, 2]), strict=True):
        public = citizen_page(browser, live_server, citizen)
        public.goto(f"/investitii/prioritizare/{round.pk}/")
        for index in chosen:
            public.locator(f"input[name=candidates][value='{candidates[index].pk}']").check()
        assert axe_violations(public) == []
        public.locator(f"form[action$='/investitii/prioritizare/{round.pk}/vot/'] button[type=submit]").click()
        public.wait_for_url(f"**/investitii/prioritizare/{round.pk}/**")
        ballot = round.ballots.get(citizen=citizen)
        assert set(ballot.candidates.values_list("pk", flat=True)) == {candidates[i].pk for i in chosen}
        public.context.close()

    # The day after the consultation closes (for the live server's thread too), the secretary moves on to the
    # consolidation.
    move_clock(monkeypatch, round.consultation_closes + datetime.timedelta(days=1))
    page.goto(f"/birou/prioritizare/{round.pk}/")
    page.locator("#next-button").click()
    expect(page.locator("main")).to_contain_text(round.title)
    round.refresh_from_db()
    assert round.state == Round.State.CONSOLIDATION

    # The quality manager records the evaluators' medians as the agreed scores (no wide spread here).
    quality_page = person_page(browser, live_server, quality)
    quality_page.goto(f"/birou/prioritizare/{round.pk}/consolidare/")
    assert axe_violations(quality_page) == []
    quality_page.locator("#accept-medians").click()
    expect(quality_page.locator("#accept-medians")).to_be_visible()
    assert AgreedScore.objects.filter(candidate__round=round).count() == len(candidates)
    quality_page.context.close()

    # The secretary publishes the ranking.
    page.goto(f"/birou/prioritizare/{round.pk}/publicare/")
    assert axe_violations(page) == []
    page.locator("#publish-button").click()
    page.wait_for_url(f"**/birou/prioritizare/{round.pk}/clasament/")
    round.refresh_from_db()
    assert round.state == Round.State.PUBLISHED
    assert [row["funding"] for row in round.result["ranking"]] == ["funded", "does_not_fit", "funded"]
    page.context.close()

    # Citizens read the ranking in Romanian, then in Hungarian.
    public = citizen_page(browser, live_server, None)
    public.goto(f"/investitii/prioritizare/{round.pk}/")
    expect(public.get_by_role("heading", level=1)).to_contain_text(round.title)
    for (code, title, _hu, _cost, _people), status in zip(PROJECTS, ("funded", "does_not_fit", "funded"), strict=True):
        row = public.locator(f"#rank-{code}")
        expect(row).to_contain_text(title)
        expect(row).to_contain_text(words(status, "ro"))
    assert axe_violations(public) == []
    public.get_by_role("button", name="Magyar").click()
    expect(public.get_by_role("heading", level=1)).to_contain_text(round.title_hu)
    for (code, _ro, title_hu, _cost, _people), status in zip(
        PROJECTS, ("funded", "does_not_fit", "funded"), strict=True
    ):
        row = public.locator(f"#rank-{code}")
        expect(row).to_contain_text(title_hu)
        expect(row).to_contain_text(words(status, "hu"))
    assert axe_violations(public) == []
    public.context.close()
