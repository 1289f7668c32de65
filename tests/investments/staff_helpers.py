"""Helpers of the back-office page tests: English pages, an investment of the conftest's department with its
people, and the URLs of its pages. Fixtures are imported by name (`investment_fixture` gives `investment`)."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from investments import roles
from services import calendar
from tests.factories import StaffFactory
from tests.investments.factories import InvestmentFactory

DASHBOARD = reverse("investments:dashboard")
QUEUE = reverse("investments:validation_queue")


@pytest.fixture(autouse=True)
def _english_pages(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture(name="investment")
def investment_fixture(department):
    """An investment of the conftest's department (urbanism), where `clerk` and `head` work."""
    return InvestmentFactory(
        department=department,
        code="INV-STRADA-1",
        title="Modernizare strada Avram Iancu",
        title_hu="Avram Iancu utca korszerűsítése",
        title_en="Avram Iancu street upgrade",
    )


@pytest.fixture(name="observer")
def observer_fixture(db):
    """A member of "Urmărire investiții": sees every department's investments, acts on none."""
    user = StaffFactory(email="urmarire@primarie.ro")
    roles.ensure_groups()
    user.groups.add(Group.objects.get(name=roles.OBSERVERS))
    return user


def url(name, investment, **kwargs):
    return reverse(f"investments:{name}", kwargs={"pk": investment.pk, **kwargs})


def days_ago(days):
    return calendar.today() - datetime.timedelta(days=days)


def in_days(days):
    return calendar.today() + datetime.timedelta(days=days)


def codes(response):
    return [row.investment.code for row in response.context["rows"]]


def text(response):
    return response.content.decode()


def messages_of(response):
    return [str(message) for message in response.context["messages"]]
