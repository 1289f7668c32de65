"""The CAF self-assessment's pages through the client: who enters, a member's form, the privacy of the individual
scores on every page, the consensus page and its query count."""

import datetime

import pytest
from django.urls import reverse
from django.utils.html import escape

from quality import caf
from quality.models import ConsensusScore, ImprovementArea, IndividualScore, SelfAssessment
from services import calendar
from tests.factories import StaffFactory, UserFactory
from tests.quality.caf_helpers import (  # noqa: F401 — the *_fixture names register the fixtures here
    CODES,
    Panel,
    Status,
    answer_all,
    caf_model_fixture,
    classical_fixture,
    deadlines,
    fine_tuned_fixture,
    member_of,
    members_fixture,
    open_exercise,
    quality_manager_fixture,
    started,
    subcriterion,
)

pytestmark = pytest.mark.django_db
EXERCISES = reverse("quality:caf_exercises")
# Session, user, permissions (own and groups), memberships, institution settings, the exercise, then the table: the
# members with their persons, their submitted scores, the agreed scores, the sub-criteria with their criteria — and the
# portal's figures for the results criteria (five grouped queries of quality.patterns): never per member or row.
CONSENSUS_QUERIES = 16


@pytest.fixture(autouse=True)
def _english_pages(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def url(name, exercise, **kwargs):
    return reverse(f"quality:{name}", kwargs={"pk": exercise.pk, **kwargs})


def score_url(exercise, code):
    return url("caf_score", exercise, code=code)


def page(client, address):
    response = client.get(address)
    assert response.status_code == 200, (address, response.status_code)
    return response.content.decode()


# --- who enters ------------------------------------------------------------------------------------------------------


def test_an_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(EXERCISES)

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_a_citizen_is_refused(client, classical):
    client.force_login(UserFactory())

    for address in (EXERCISES, url("caf_exercise", classical), score_url(classical, "1.1")):
        assert client.get(address).status_code == 403, address


def test_staff_outside_the_group_see_neither_the_exercise_nor_its_pages(client, classical):
    client.force_login(StaffFactory())

    assert classical.title not in page(client, EXERCISES)
    for address in (url("caf_exercise", classical), score_url(classical, "1.1"), url("caf_consensus", classical)):
        assert client.get(address).status_code == 403, address


def test_only_a_quality_manager_opens_an_exercise(client, quality_manager, members):
    client.force_login(members[0])
    assert client.get(reverse("quality:caf_new")).status_code == 403

    client.force_login(quality_manager)
    assert client.get(reverse("quality:caf_new")).status_code == 200


# --- preparing the exercise ------------------------------------------------------------------------------------------


def test_the_leader_opens_names_the_group_and_starts_through_the_pages(client, quality_manager, caf_model, members):
    client.force_login(quality_manager)
    individual, consensus = deadlines()
    response = client.post(
        reverse("quality:caf_new"),
        {
            "title": "CAF 2026",
            "model": caf_model.pk,
            "panel": Panel.CLASSICAL,
            "individual_deadline": individual.isoformat(),
            "consensus_deadline": consensus.isoformat(),
        },
    )
    exercise = SelfAssessment.objects.get(title="CAF 2026")
    assert response.url == url("caf_members", exercise)

    response = client.post(
        url("caf_members", exercise), {"people": [p.pk for p in members[:2]], "panel": Panel.FINE_TUNED}
    )
    assert response.status_code == 302
    response = client.post(url("caf_start", exercise))
    assert response.status_code == 302

    exercise.refresh_from_db()
    assert (exercise.status, exercise.panel) == (Status.INDIVIDUAL, Panel.FINE_TUNED)
    assert exercise.panel_locked_at is not None
    assert "locked" in page(client, url("caf_exercise", exercise))


def test_the_form_of_an_exercise_shows_the_workflows_refusal_by_its_field(client, quality_manager, caf_model):
    client.force_login(quality_manager)
    individual, _consensus = deadlines()

    response = client.post(
        reverse("quality:caf_new"),
        {
            "title": "CAF",
            "model": caf_model.pk,
            "panel": Panel.CLASSICAL,
            "individual_deadline": individual.isoformat(),
            "consensus_deadline": (individual - datetime.timedelta(days=3)).isoformat(),
        },
    )
    assert response.status_code == 400
    assert "The consensus comes after the individual assessments." in response.content.decode()


def test_the_group_cannot_be_changed_through_the_page_once_work_started(client, classical, quality_manager, members):
    client.force_login(quality_manager)

    response = client.post(
        url("caf_members", classical), {"people": [p.pk for p in members[:2]], "panel": "classical"}
    )
    assert response.status_code == 400
    assert classical.members.count() == 3


# --- a member's form -------------------------------------------------------------------------------------------------


def test_a_member_reads_the_subcriterion_its_examples_and_the_way_on(client, classical, members):
    client.force_login(members[0])
    html = page(client, score_url(classical, "1.2"))

    assert "Sub-criterion 1.2" in html
    assert "First example 1.2" in html and "Second example 1.2" in html
    assert f'href="{score_url(classical, "1.1")}"' in html
    assert f'href="{score_url(classical, "2.1")}"' in html
    assert 'name="score"' in html and 'name="plan"' not in html


def test_the_reference_texts_follow_the_readers_language(client, classical, members, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "hu"
    client.force_login(members[0])
    html = page(client, score_url(classical, "1.1"))

    assert "1.1 alkritérium" in html
    assert "Első példa 1.1" in html


def test_the_panels_level_descriptions_are_shown_when_the_reference_has_them(client, classical, fine_tuned, members):
    caf_reference = pytest.importorskip("quality.caf_reference")
    client.force_login(members[0])

    classical_html = page(client, score_url(classical, "1.1"))
    assert escape(caf_reference.CLASSICAL_ENABLERS[0]["description"]["en"]) in classical_html
    results_html = page(client, score_url(classical, "6.1"))
    assert escape(caf_reference.CLASSICAL_RESULTS[0]["description"]["en"]) in results_html
    fine_html = page(client, score_url(fine_tuned, "1.1"))
    assert escape(caf_reference.FINE_TUNED_PHASES[0]["description"]["en"]) in fine_html
    assert 'name="plan"' in fine_html and 'name="score"' not in fine_html


def test_a_member_saves_their_assessment_and_goes_to_the_next(client, classical, members, caf_model):
    client.force_login(members[0])
    response = client.post(
        score_url(classical, "1.1"), {"score": "65", "strengths": "Ședințe lunare", "save_next": "1"}
    )

    assert response.url == score_url(classical, "1.2")
    entry = IndividualScore.objects.get(member__person=members[0])
    assert (entry.score, entry.strengths) == (65, "Ședințe lunare")


def test_an_out_of_range_score_is_shown_by_its_field(client, classical, members):
    client.force_login(members[0])
    response = client.post(score_url(classical, "1.1"), {"score": "140"})

    assert response.status_code == 400
    assert not IndividualScore.objects.exists()


def test_a_member_adds_a_link_as_evidence(client, classical, members):
    client.force_login(members[0])
    response = client.post(
        score_url(classical, "6.1"),
        {"add_evidence": "1", "evidence-kind": "link", "evidence-link": "https://www.ps1.ro/raport"},
    )

    assert response.status_code == 302
    assert "https://www.ps1.ro/raport" in page(client, score_url(classical, "6.1"))


def test_submitting_an_incomplete_assessment_names_the_missing_subcriteria(client, classical, members):
    client.force_login(members[0])
    client.post(score_url(classical, "1.1"), {"score": "50"})

    response = client.post(url("caf_submit", classical), follow=True)
    assert "1.2, 2.1, 6.1" in response.content.decode()
    assert member_of(classical, members[0]).submitted_at is None


def test_a_submitted_assessment_is_shown_but_no_longer_editable(client, classical, members):
    answer_all(classical, members[0], dict.fromkeys(CODES, 50), strengths="Plan strategic")
    client.force_login(members[0])

    html = page(client, score_url(classical, "1.1"))
    assert "Plan strategic" in html
    assert 'id="individual-form"' not in html
    client.post(score_url(classical, "1.1"), {"score": "90"})
    assert IndividualScore.objects.get(member__person=members[0], subcriterion__code="1.1").score == 50


def test_only_members_have_a_form(client, classical, quality_manager):
    client.force_login(quality_manager)

    assert client.get(score_url(classical, "1.1")).status_code == 403


def test_an_unknown_subcriterion_is_not_found(client, classical, members):
    client.force_login(members[0])

    assert client.get(score_url(classical, "10.9")).status_code == 404


# --- privacy ---------------------------------------------------------------------------------------------------------


def test_a_member_cannot_see_anothers_scores_before_submitting_their_own(client, classical, members):
    answer_all(classical, members[1], dict.fromkeys(CODES, 77), strengths="SECRETUL-LUI-BELA")
    client.force_login(members[0])

    for address in (score_url(classical, "1.1"), url("caf_exercise", classical)):
        assert "SECRETUL-LUI-BELA" not in page(client, address)
    assert client.get(url("caf_consensus", classical)).status_code == 403

    answer_all(classical, members[0], dict.fromkeys(CODES, 50))
    assert "SECRETUL-LUI-BELA" in page(client, score_url(classical, "1.1"))
    assert client.get(url("caf_consensus", classical)).status_code == 403  # the table stays the leader's


def test_a_member_never_sees_another_members_draft(client, classical, members, caf_model):
    caf.save_individual(
        member_of(classical, members[2]), subcriterion(caf_model, "1.1"), by=members[2], strengths="CIORNA-CORINEI"
    )
    answer_all(classical, members[0], dict.fromkeys(CODES, 50))
    client.force_login(members[0])

    assert "CIORNA-CORINEI" not in page(client, score_url(classical, "1.1"))


def test_the_consensus_page_shows_the_leader_submitted_work_only(
    client, classical, members, quality_manager, caf_model
):
    answer_all(classical, members[0], dict.fromkeys(CODES, 50), strengths="TRIMIS-ANA")
    caf.save_individual(
        member_of(classical, members[1]), subcriterion(caf_model, "1.1"), by=members[1], strengths="CIORNA-BELA"
    )
    client.force_login(quality_manager)

    html = page(client, url("caf_consensus", classical))
    assert "TRIMIS-ANA" in html
    assert "CIORNA-BELA" not in html
    assert members[0].display_name in html
    assert members[1].display_name not in html


def test_a_leader_who_is_a_member_opens_the_consensus_page_only_after_submitting(
    client, quality_manager, caf_model, members
):
    exercise = started(quality_manager, caf_model, [quality_manager, members[0]])
    answer_all(exercise, members[0], dict.fromkeys(CODES, 50), strengths="TRIMIS-ANA")
    client.force_login(quality_manager)

    assert client.get(url("caf_consensus", exercise)).status_code == 403
    assert "TRIMIS-ANA" not in page(client, score_url(exercise, "1.1"))
    answer_all(exercise, quality_manager, dict.fromkeys(CODES, 60))
    assert "TRIMIS-ANA" in page(client, url("caf_consensus", exercise))


# --- consensus -------------------------------------------------------------------------------------------------------


@pytest.fixture
def in_consensus(classical, members, quality_manager):
    answer_all(classical, members[0], {"1.1": 20, "1.2": 60, "2.1": None, "6.1": 10}, areas="Comunicare internă")
    answer_all(classical, members[1], {"1.1": 70, "1.2": 65, "2.1": 30, "6.1": 20}, areas="Indicatori")
    answer_all(classical, members[2], {"1.1": 55, "1.2": 62, "2.1": 35, "6.1": 40}, areas="Indicatori\nFeedback")
    return caf.start_consensus(classical, by=quality_manager)


def test_the_consensus_page_shows_the_figures_and_flags_wide_spreads(client, in_consensus, quality_manager):
    client.force_login(quality_manager)
    html = page(client, url("caf_consensus", in_consensus))

    assert "discuss" in html  # 1.1: 20–70
    assert "48.3" in html  # 1.1's mean
    assert "Comunicare internă" in html and "Feedback" in html
    if caf.portal_evidence(in_consensus) is not None:  # quality.patterns offers the results criteria its figures
        assert "cases closed on time (%)" in html.lower()


def test_the_leader_records_the_consensus_through_the_page(client, in_consensus, quality_manager):
    client.force_login(quality_manager)
    response = client.post(
        url("caf_consensus", in_consensus),
        {"subcriterion": "1.1", "1.1-score": "55", "1.1-rationale": "Discutat.", "1.1-areas": "Indicatori\nFeedback"},
    )

    assert response.status_code == 302
    assert ConsensusScore.objects.get(assessment=in_consensus, subcriterion__code="1.1").score == 55
    assert ImprovementArea.objects.filter(assessment=in_consensus).count() == 2


def test_a_consensus_without_its_score_is_refused_on_the_page(client, in_consensus, quality_manager):
    client.force_login(quality_manager)
    response = client.post(url("caf_consensus", in_consensus), {"subcriterion": "1.1", "1.1-rationale": "?"})

    assert response.status_code == 400
    assert "Record the agreed score." in response.content.decode()


def test_the_consensus_page_reads_a_fixed_number_of_queries(
    client, in_consensus, quality_manager, django_assert_max_num_queries
):
    client.force_login(quality_manager)
    page(client, url("caf_consensus", in_consensus))  # warms the caches of the session and the MFA check

    with django_assert_max_num_queries(CONSENSUS_QUERIES):
        page(client, url("caf_consensus", in_consensus))


def test_the_minutes_and_the_end_of_the_consensus_through_the_pages(client, in_consensus, quality_manager):
    client.force_login(quality_manager)
    today = calendar.today()
    response = client.post(url("caf_minutes", in_consensus), {"held_on": today.isoformat(), "minutes": "Prezenți 4."})
    assert response.status_code == 302

    client.post(url("caf_finish", in_consensus))
    in_consensus.refresh_from_db()
    assert in_consensus.status == Status.CONSENSUS  # nothing agreed yet
    for code in CODES:
        client.post(url("caf_consensus", in_consensus), {"subcriterion": code, f"{code}-score": "50"})
    client.post(url("caf_finish", in_consensus))
    in_consensus.refresh_from_db()
    assert (in_consensus.status, in_consensus.consensus_held_on) == (Status.PLAN, today)


def test_a_member_cannot_take_the_leaders_steps(client, in_consensus, members):
    client.force_login(members[0])

    assert client.post(url("caf_finish", in_consensus)).status_code == 403
    assert client.get(url("caf_minutes", in_consensus)).status_code == 403
    assert (
        client.post(url("caf_consensus", in_consensus), {"subcriterion": "1.1", "1.1-score": "5"}).status_code == 403
    )


# --- the list of exercises -------------------------------------------------------------------------------------------

# Session, user, permissions (own and groups), memberships, institution settings, the exercises with their edition,
# scope and leader: never per exercise.
EXERCISES_QUERIES = 7


def test_the_list_of_exercises_reads_a_fixed_number_of_queries(
    client, quality_manager, caf_model, members, django_assert_max_num_queries
):
    exercises = [open_exercise(quality_manager, caf_model) for _ in range(3)]
    client.force_login(quality_manager)
    page(client, EXERCISES)

    with django_assert_max_num_queries(EXERCISES_QUERIES):
        html = page(client, EXERCISES)
    assert all(url("caf_exercise", exercise) in html for exercise in exercises)


def test_a_member_finds_their_exercise_in_the_list(client, classical, members):
    client.force_login(members[0])

    assert url("caf_exercise", classical) in page(client, EXERCISES)
