"""Where sign-in lands for each role, and the one navigation entry marked current."""

from bs4 import BeautifulSoup
from django.test import RequestFactory
from django.urls import reverse

from portal import navigation
from portal.adapters import AccountAdapter
from services.roles import registry_group
from tests.factories import PASSWORD, StaffFactory


def landing_of(user):
    request = RequestFactory().get("/")
    request.user = user
    return AccountAdapter(request).get_login_redirect_url(request)


def test_a_clerk_lands_on_the_queue(clerk):
    assert landing_of(clerk) == reverse("backoffice:queue")


def test_a_head_of_department_lands_on_the_queue(head):
    assert landing_of(head) == reverse("backoffice:queue")


def test_the_quality_manager_lands_on_the_indicators(quality_manager):
    assert landing_of(quality_manager) == reverse("dashboard:indicators")


def test_the_registry_desk_lands_on_its_form(db):
    desk = StaffFactory()
    desk.groups.add(registry_group())

    assert landing_of(desk) == reverse("desk:register_request")


def test_a_citizen_lands_on_the_account_page(citizen):
    assert landing_of(citizen) == reverse("portal:dashboard")


def test_a_citizen_signing_in_lands_on_the_account_page(client, citizen):
    response = client.post(reverse("account_login"), {"login": citizen.email, "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == reverse("portal:dashboard")


def current_entries(client, url):
    page = BeautifulSoup(client.get(url).content.decode(), "html.parser")
    nav = page.find("nav", class_="govuk-service-navigation__wrapper")
    return [link["href"] for link in nav.find_all("a", attrs={"aria-current": True})]


def test_a_head_on_the_indicators_sees_only_indicators_current(client, head):
    client.force_login(head)

    assert current_entries(client, reverse("dashboard:indicators")) == [reverse("dashboard:indicators")]


def test_a_head_on_the_queue_sees_only_back_office_current(client, head):
    client.force_login(head)

    assert current_entries(client, reverse("backoffice:queue")) == [reverse("backoffice:queue")]


def test_the_longest_matching_entry_is_the_current_one():
    entries = [
        navigation.Entry(navigation.NavItem("Back office", "backoffice:queue", bool), None),
        navigation.Entry(navigation.NavItem("Indicators", "dashboard:indicators", bool), None),
    ]

    assert navigation.current(entries, reverse("dashboard:indicators")).label == "Indicators"
    assert navigation.current(entries, reverse("backoffice:queue") + "x/").label == "Back office"
    assert navigation.current(entries, "/") is None
