"""`make run` loads the demo data: it can be loaded twice, and every printed account can sign in."""

import io
import re

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.management import call_command
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from cms.models import HomePage
from portal import demo
from portal.models import User
from services.models import Case, CaseEvent, Department, Procedure, Service, Status


@pytest.fixture
def demo_data(db):
    call_command("load_demo_data", cases=40, stdout=io.StringIO())


def test_loading_the_demo_data_twice_changes_nothing(demo_data):
    counts = (
        User.objects.count(),
        Department.objects.count(),
        Procedure.objects.count(),
        Service.objects.count(),
        Case.objects.count(),
    )
    call_command("load_demo_data", cases=40, stdout=io.StringIO())
    assert (
        User.objects.count(),
        Department.objects.count(),
        Procedure.objects.count(),
        Service.objects.count(),
        Case.objects.count(),
    ) == counts
    assert counts[1:4] == (6, 29, 11)  # the quality register adds the procedures no online service follows
    assert counts[4] == 40


def test_the_demo_cases_are_in_varied_states(demo_data):
    statuses = set(Case.objects.values_list("status", flat=True))
    assert {Status.IN_REVIEW, Status.APPROVED} <= statuses
    assert len(statuses) >= 4


def test_the_demo_home_page_is_the_site_root(demo_data, client):
    assert isinstance(Site.objects.get(is_default_site=True).root_page.specific, HomePage)
    assert client.get("/").status_code == 200


def test_the_command_prints_every_account_with_its_sign_in_secrets(db, capsys):
    call_command("load_demo_data", cases=0)
    printed = capsys.readouterr().out
    assert demo.DEMO_PASSWORD in printed
    for email, *_rest, secret in demo.STAFF.values():
        assert email in printed and secret in printed


@pytest.mark.parametrize("email", [email for email, *_ in demo.CITIZENS[:3]])
def test_a_demo_citizen_signs_in_with_the_printed_password(demo_data, client, email):
    response = client.post(reverse("account_login"), {"login": email, "password": demo.DEMO_PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("services:my_cases")).status_code == 200


@pytest.mark.parametrize("role", list(demo.STAFF))
def test_every_demo_staff_account_signs_in_with_its_password_and_authenticator_code(demo_data, client, role):
    email, _first, _last, secret = demo.STAFF[role]
    response = client.post(reverse("account_login"), {"login": email, "password": demo.DEMO_PASSWORD})
    assert re.search(r"/accounts/2fa/authenticate/", response["Location"])
    code = format_hotp_value(hotp_value(secret, int(timezone.now().timestamp()) // 30))
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 302, response.content.decode()[:500]
    assert client.get(reverse("portal:dashboard")).status_code == 200


def test_no_demo_event_comes_before_its_registration_or_after_now(demo_data):
    now = timezone.now()
    assert CaseEvent.objects.count() > Case.objects.count()
    assert not CaseEvent.objects.filter(at__lt=F("case__registered_at")).exists()
    assert not CaseEvent.objects.filter(at__gt=now).exists()
    assert not Case.objects.filter(registered_at__gt=now).exists()
