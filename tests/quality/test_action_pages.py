"""The actions' pages: the list and who sees what on it, an action's page and its steps, evidence uploaded through the
form, and evidence files served only to who may see the action."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from quality import actions
from quality.models import Action
from services import calendar
from tests.factories import PDF, DepartmentFactory, MembershipFactory, StaffFactory, UserFactory
from tests.quality.action_helpers import (  # noqa: F401 (the fixtures)
    in_days,
    manager_fixture,
    open_improvement,
    team_fixture,
)

pytestmark = pytest.mark.django_db
LIST = reverse("quality:actions")
# Session, user, permissions (own and groups), memberships, institution settings, departments of the filter, count,
# the page with its department, person, nonconformity and procedure: never per action.
LIST_QUERIES = 10


@pytest.fixture(autouse=True)
def _english_pages(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def page_of(action):
    return reverse("quality:action", kwargs={"number": action.number})


def step(action, slug):
    return reverse("quality:action_step", kwargs={"number": action.number, "step": slug})


def file_of(action, evidence):
    return reverse("quality:action_evidence_file", kwargs={"number": action.number, "pk": evidence.pk})


@pytest.fixture
def elsewhere(manager, team):
    """An action of another department, where the team's outsider works."""
    department = team["outsider"].memberships.get().department
    return open_improvement(manager, team, department=department, owner=None, title="Arhivarea electronică")


def numbers(response):
    return [action.number for action in response.context["actions"]]


# --- the list --------------------------------------------------------------------------------------------------------


def test_the_quality_manager_sees_every_departments_actions(client, manager, team, elsewhere):
    mine = open_improvement(manager, team)
    client.force_login(manager)
    assert sorted(numbers(client.get(LIST))) == sorted([mine.number, elsewhere.number])


@pytest.mark.parametrize("who", ["clerk", "head", "owner"])
def test_staff_see_only_their_departments_actions(client, manager, team, elsewhere, who):
    mine = open_improvement(manager, team)
    client.force_login(team[who])
    response = client.get(LIST)
    assert numbers(response) == [mine.number]
    assert elsewhere.number not in response.content.decode()


def test_the_person_responsible_sees_their_action_in_another_department(client, manager, team):
    department = DepartmentFactory()
    MembershipFactory(department=department, user=team["clerk"])
    theirs = open_improvement(manager, team, department=department, owner=team["clerk"])
    client.force_login(team["clerk"])
    assert theirs.number in numbers(client.get(LIST))


def test_a_citizen_may_not_see_the_list(client):
    client.force_login(UserFactory())
    assert client.get(LIST).status_code == 403


def test_the_list_filters_by_status_and_overdue(client, manager, team):
    started = open_improvement(manager, team, due_date=in_days(3))
    planned = open_improvement(manager, team, due_date=in_days(10))
    actions.start_action(started, by=team["owner"])
    client.force_login(manager)
    assert numbers(client.get(LIST, {"status": Action.Status.IN_PROGRESS})) == [started.number]
    with calendar.clock_at(in_days(5)):
        assert numbers(client.get(LIST, {"overdue": "on"})) == [started.number]
    assert planned.number in numbers(client.get(LIST, {"status": "nonsense"}))  # an invalid filter is ignored


def test_the_list_sorts_by_due_date_or_by_priority(client, manager, team):
    soon_small = open_improvement(manager, team, due_date=in_days(3), impact=1, effort=5)
    late_large = open_improvement(manager, team, due_date=in_days(20), impact=5, effort=1)
    client.force_login(manager)
    assert numbers(client.get(LIST)) == [soon_small.number, late_large.number]
    assert numbers(client.get(LIST, {"sort": "priority"})) == [late_large.number, soon_small.number]


def test_the_list_needs_the_same_number_of_queries_for_3_and_30_actions(
    client, manager, team, django_assert_max_num_queries, settings, site_menus_cached
):
    settings.QUEUE_PAGE_SIZE = 50

    def add(count):
        for _n in range(count):
            open_improvement(manager, team)

    add(3)
    client.force_login(manager)
    client.get(LIST)  # the session's first request reads what later requests find cached
    with django_assert_max_num_queries(LIST_QUERIES) as few:
        assert len(client.get(LIST).context["actions"]) == 3
    add(27)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(LIST).context["actions"]) == 30


# --- an action's page ------------------------------------------------------------------------------------------------


def test_the_action_page_shows_its_facts_and_the_steps_of_the_person_responsible(client, manager, team):
    action = open_improvement(manager, team, impact=4, effort=2, indicator="on_time_rate")
    client.force_login(team["owner"])
    response = client.get(page_of(action))
    assert response.status_code == 200
    assert [slug for slug, _form in response.context["steps"]] == ["start", "evidence", "close"]
    content = response.content.decode()
    assert "Publicarea formularelor editabile" in content
    assert "cases closed on time".capitalize() in content
    assert 'id="priority">16' in content


def test_another_clerk_sees_the_action_but_takes_no_step(client, manager, team):
    action = open_improvement(manager, team)
    client.force_login(team["clerk"])
    response = client.get(page_of(action))
    assert response.status_code == 200 and response.context["steps"] == []
    refused = client.post(step(action, "start"))
    assert "Only the person responsible" in refused.content.decode()
    assert Action.objects.get(pk=action.pk).status == Action.Status.PLANNED


def test_the_quality_manager_may_also_cancel(client, manager, team):
    action = open_improvement(manager, team)
    client.force_login(manager)
    assert "cancel" in [slug for slug, _form in client.get(page_of(action)).context["steps"]]
    response = client.post(step(action, "cancel"), {"cancel-reason": "Dublură."})
    assert response.status_code == 302
    assert Action.objects.get(pk=action.pk).status == Action.Status.CANCELLED


def test_an_action_of_another_department_is_not_found(client, manager, team, elsewhere):
    client.force_login(team["clerk"])
    assert client.get(page_of(elsewhere)).status_code == 404
    assert client.post(step(elsewhere, "start")).status_code == 404


def test_closing_without_evidence_says_why(client, manager, team):
    action = open_improvement(manager, team)
    client.force_login(team["owner"])
    response = client.post(step(action, "close"), {"close-note": ""})
    assert response.status_code == 200
    assert "An action closes only with evidence: add what shows it was done." in response.content.decode()


# --- evidence --------------------------------------------------------------------------------------------------------


def upload(name="proces-verbal.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_evidence_is_uploaded_through_the_page_and_the_action_closes(client, manager, team):
    action = open_improvement(manager, team)
    client.force_login(team["owner"])
    response = client.post(
        step(action, "evidence"), {"evidence-note": "Instruirea s-a ținut.", "evidence-file": upload()}
    )
    assert response.status_code == 302
    [evidence] = action.evidence.all()
    assert (evidence.note, evidence.file_name) == ("Instruirea s-a ținut.", "proces-verbal.pdf")
    client.post(step(action, "close"), {"close-note": "Gata."})
    assert Action.objects.get(pk=action.pk).status == Action.Status.CLOSED


def test_a_refused_file_type_keeps_the_note(client, manager, team):
    action = open_improvement(manager, team)
    client.force_login(team["owner"])
    response = client.post(
        step(action, "evidence"),
        {
            "evidence-note": "Lista de prezență a instruirii.",
            "evidence-file": upload("lista.pdf", b"not a PDF at all"),
        },
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "is not an accepted type of file" in content
    assert "Lista de prezență a instruirii." in content
    assert not action.evidence.exists()


def test_a_file_too_large_is_refused_as_it_arrives_and_the_note_is_kept(client, manager, team, monkeypatch):
    monkeypatch.setattr(actions, "EVIDENCE_MAX_BYTES", 1024)
    from quality.views import actions as views

    monkeypatch.setattr(views.action_step, "upload_limits", {"evidence-file": 1024})
    action = open_improvement(manager, team)
    client.force_login(team["owner"])
    response = client.post(
        step(action, "evidence"),
        {"evidence-note": "Procesul-verbal.", "evidence-file": upload(content=PDF + b"%" * 4096)},
    )
    assert response.status_code == 200
    assert "is larger than" in response.content.decode()
    assert "Procesul-verbal." in response.content.decode()
    assert not action.evidence.exists()


@pytest.fixture
def with_file(manager, team):
    action = open_improvement(manager, team)
    evidence = actions.add_evidence(action, by=team["owner"], note="Procesul-verbal.", file=upload())
    return action, evidence


@pytest.mark.parametrize("who", ["owner", "head", "clerk"])
def test_the_evidence_file_is_served_to_who_may_see_the_action(client, team, with_file, who):
    action, evidence = with_file
    client.force_login(team[who])
    response = client.get(file_of(action, evidence))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"] == 'attachment; filename="proces-verbal.pdf"'
    assert response["Cache-Control"] == "private, no-store"


def test_the_evidence_file_is_served_to_the_quality_manager(client, manager, with_file):
    action, evidence = with_file
    client.force_login(manager)
    assert client.get(file_of(action, evidence)).status_code == 200


def test_the_evidence_file_is_not_found_for_staff_of_another_department(client, team, with_file):
    action, evidence = with_file
    client.force_login(team["outsider"])
    assert client.get(file_of(action, evidence)).status_code == 404


def test_the_evidence_file_is_refused_to_a_citizen_and_to_a_visitor(client, with_file):
    action, evidence = with_file
    assert client.get(file_of(action, evidence)).status_code == 302  # to sign in
    client.force_login(UserFactory())
    assert client.get(file_of(action, evidence)).status_code == 403


def test_an_evidence_file_is_only_found_under_its_own_action(client, manager, team, with_file):
    action, evidence = with_file
    other = open_improvement(manager, team)
    client.force_login(team["owner"])
    assert client.get(file_of(other, evidence)).status_code == 404


def test_the_due_date_of_an_overdue_action_is_flagged(client, manager, team):
    action = open_improvement(manager, team, due_date=in_days(1))
    client.force_login(manager)
    with calendar.clock_at(calendar.today() + datetime.timedelta(days=2)):
        assert "overdue" in client.get(page_of(action)).content.decode()


def test_a_staff_member_of_no_department_sees_an_empty_list(client, manager, team):
    open_improvement(manager, team)
    client.force_login(StaffFactory())
    response = client.get(LIST)
    assert response.status_code == 200 and numbers(response) == []
