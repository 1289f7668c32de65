"""The CAF improvement plan: actions opened from the consensus's areas for improvement, by whom and when, the plan in
order of priority with its progress, and its page."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from quality import caf_plan
from quality.models import Action, QualityEvent
from quality.workflow import TransitionRefused
from services import calendar
from tests.factories import StaffFactory, UserFactory
from tests.quality.caf_plan_helpers import (  # noqa: F401 — the *_fixture names register the fixtures here
    Status,
    area,
    caf_model_fixture,
    clerk_fixture,
    department_fixture,
    exercise,
    improvement_action,
    leader_fixture,
)

pytestmark = pytest.mark.django_db
A = Action.Status
# Session, user, permissions (own and groups, the guard and the navigation), memberships, institution settings, the
# exercise, the areas with their actions (two queries), the progress (two), the form's choices (areas, departments,
# people, procedures): never per area or action.
PLAN_PAGE_QUERIES = 18


@pytest.fixture(autouse=True)
def _english_pages(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def in_plan(caf_model, leader):
    return exercise(caf_model, leader, status=Status.PLAN)


def opening(assessment_area, by, department, **extra):
    return caf_plan.open_improvement_action(
        assessment_area,
        by=by,
        title="Publicarea listei de documente pe site",
        department=department,
        due_date=calendar.today() + datetime.timedelta(days=60),
        **extra,
    )


# --- opening an action -----------------------------------------------------------------------------------------------


def test_the_leader_opens_an_improvement_action_from_an_area_of_the_consensus(in_plan, leader, department, clerk):
    found = area(in_plan, "1.1", "Lista documentelor nu este publicată.")
    action = opening(found, leader, department, owner=clerk, impact=5, effort=2, indicator="on_time_rate")
    action.refresh_from_db()
    assert action.origin == Action.Origin.SELF_ASSESSMENT
    assert action.improvement_area == found
    assert (action.owner, action.priority, action.indicator) == (clerk, 20, "on_time_rate")
    assert QualityEvent.objects.filter(action=action, kind=QualityEvent.Kind.ACTION_OPENED, actor=leader).exists()


def test_a_quality_manager_who_does_not_lead_the_exercise_may_open_its_actions(in_plan, groups, department):
    from quality import roles

    manager = StaffFactory()
    manager.groups.add(groups[roles.QUALITY_MANAGERS])
    action = opening(area(in_plan, "2.1", "Strategia nu are indicatori."), manager, department)
    assert action.improvement_area.assessment == in_plan


def test_actions_are_still_opened_once_the_exercise_is_closed(caf_model, leader, department):
    closed = exercise(caf_model, leader, status=Status.CLOSED)
    assert opening(area(closed, "6.1", "Satisfacția nu este măsurată."), leader, department).pk


def test_someone_who_neither_leads_the_exercise_nor_manages_quality_may_not_open_an_action(in_plan, clerk, department):
    with pytest.raises(PermissionDenied, match="leader or a quality manager"):
        opening(area(in_plan, "1.1", "—"), clerk, department)
    assert not Action.objects.exists()


@pytest.mark.parametrize("stage", [Status.PREPARATION, Status.INDIVIDUAL, Status.CONSENSUS])
def test_no_action_is_opened_before_the_consensus_is_reached(caf_model, leader, department, stage):
    early = exercise(caf_model, leader, status=stage)
    with pytest.raises(TransitionRefused, match="once the consensus is reached"):
        opening(area(early, "1.1", "—"), leader, department)
    assert not Action.objects.exists()


# --- the plan --------------------------------------------------------------------------------------------------------


def test_the_plan_puts_areas_in_order_of_their_weightiest_action_and_areas_without_actions_last(in_plan, department):
    leadership = area(in_plan, "1.1", "Conducerea nu comunică obiectivele.")
    no_action = area(in_plan, "1.2", "Nu există un cod de conduită.")
    strategy = area(in_plan, "2.1", "Strategia nu are indicatori.")
    cancelled_only = area(in_plan, "6.1", "Satisfacția nu este măsurată.")
    small = improvement_action(leadership, department, impact=2, effort=4)  # 2 × 2 = 4
    smaller = improvement_action(leadership, department, impact=1, effort=5)  # 1 × 1 = 1
    weighty = improvement_action(strategy, department, impact=5, effort=1)  # 5 × 5 = 25
    improvement_action(cancelled_only, department, impact=5, effort=1, status=A.CANCELLED)

    rows = caf_plan.plan(in_plan)

    assert [row.area for row in rows] == [strategy, leadership, no_action, cancelled_only]
    assert [row.priority for row in rows] == [25, 4, 0, 0]
    assert [p.action for p in rows[0].actions] == [weighty]
    assert [p.action for p in rows[1].actions] == [small, smaller]


def test_the_plan_marks_open_actions_past_their_due_date_as_overdue(in_plan, department):
    found = area(in_plan, "1.1", "—")
    late = improvement_action(found, department, due_in=-1)
    closed_late = improvement_action(found, department, due_in=-5, status=A.CLOSED)
    on_time = improvement_action(found, department, due_in=3)
    overdue = {p.action: p.overdue for p in caf_plan.plan(in_plan)[0].actions}
    assert overdue == {late: True, closed_late: False, on_time: False}


def test_the_plan_reads_only_the_exercises_own_areas(caf_model, leader, in_plan, department):
    other = exercise(caf_model, leader, title="Alt exercițiu")
    improvement_action(area(other, "1.1", "Altă arie"), department)
    mine = area(in_plan, "1.2", "Aria mea")
    assert [row.area for row in caf_plan.plan(in_plan)] == [mine]


def test_the_progress_counts_the_plans_actions_open_closed_cancelled_and_overdue(in_plan, department):
    first = area(in_plan, "1.1", "—")
    area(in_plan, "1.2", "—")
    improvement_action(first, department, due_in=-2)  # open, overdue
    improvement_action(first, department, status=A.IN_PROGRESS)
    improvement_action(first, department, status=A.CLOSED, due_in=-9)
    improvement_action(first, department, status=A.CANCELLED)

    progress = caf_plan.plan_progress(in_plan)

    assert (progress.areas, progress.areas_with_actions, progress.actions) == (2, 1, 4)
    assert (progress.open, progress.closed, progress.cancelled, progress.overdue) == (2, 1, 1, 1)
    assert progress.closed_share == pytest.approx(1 / 3)


def test_a_plan_without_actions_has_no_share_closed(in_plan):
    assert caf_plan.plan_progress(in_plan).closed_share is None


# --- the page --------------------------------------------------------------------------------------------------------


def plan_url(assessment):
    return reverse("quality:caf_plan", args=[assessment.pk])


def test_the_plan_page_lists_each_area_with_its_actions_procedure_version_and_indicator(
    client, in_plan, leader, department, procedure, draft, django_assert_max_num_queries
):
    found = area(in_plan, "2.1", "Strategia nu are indicatori.")
    improvement_action(
        found,
        department,
        title="Indicatori în strategie",
        procedure=procedure,
        procedure_version=draft,
        indicator="on_time_rate",
    )
    improvement_action(area(in_plan, "1.1", "Altă arie"), department)
    client.force_login(leader)
    with django_assert_max_num_queries(PLAN_PAGE_QUERIES):
        response = client.get(plan_url(in_plan))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Strategia nu are indicatori." in page and "Indicatori în strategie" in page
    assert procedure.code in page and draft.label in page
    assert "cases closed on time" in page
    assert 'id="open-action"' in page


def test_the_plan_page_links_an_action_to_its_own_page(client, in_plan, leader, department):
    action = improvement_action(area(in_plan, "1.1", "—"), department)
    client.force_login(leader)
    page = client.get(plan_url(in_plan)).content.decode()
    assert f'href="{reverse("quality:action", args=[action.number])}"' in page


@pytest.mark.parametrize("who", ["clerk", "citizen"])
def test_the_plan_page_is_refused_to_whoever_neither_leads_nor_manages_quality(client, in_plan, clerk, who):
    client.force_login(clerk if who == "clerk" else UserFactory())
    assert client.get(plan_url(in_plan)).status_code == 403


def test_the_plan_page_asks_an_anonymous_visitor_to_sign_in(client, in_plan):
    assert client.get(plan_url(in_plan)).status_code == 302


def _posted(found, department):
    return {
        "area": found.pk,
        "title": "Publicarea listei de documente",
        "description": "",
        "department": department.pk,
        "owner": "",
        "due_date": (calendar.today() + datetime.timedelta(days=40)).isoformat(),
        "impact": "4",
        "effort": "2",
        "procedure": "",
        "indicator": "",
    }


def test_the_plan_page_opens_an_action_from_the_chosen_area(client, in_plan, leader, department):
    found = area(in_plan, "1.1", "Lista documentelor nu este publicată.")
    client.force_login(leader)
    response = client.post(plan_url(in_plan), _posted(found, department))
    assert response.status_code == 302
    assert response["Location"].endswith(f"#area-{found.pk}")
    action = Action.objects.get()
    assert (action.improvement_area, action.priority) == (found, 16)


def test_the_plan_page_keeps_what_was_typed_when_the_form_is_wrong(client, in_plan, leader, department):
    found = area(in_plan, "1.1", "—")
    client.force_login(leader)
    data = {**_posted(found, department), "title": ""}
    response = client.post(plan_url(in_plan), data)
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert not Action.objects.exists()


def test_no_action_is_offered_or_opened_from_the_page_before_the_plan_stage(client, caf_model, leader, department):
    early = exercise(caf_model, leader, status=Status.CONSENSUS)
    found = area(early, "1.1", "—")
    client.force_login(leader)
    assert 'id="open-action"' not in client.get(plan_url(early)).content.decode()
    assert client.post(plan_url(early), _posted(found, department)).status_code == 403
    assert not Action.objects.exists()
