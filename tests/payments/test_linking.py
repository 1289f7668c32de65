"""A user is linked to a taxpayer only safely: the tax notice's three details, a clerk's approval, or a CNP that
ROeID verified; and sees and pays only for linked taxpayers."""

import pytest
from django.urls import reverse

from payments.models import AuditEvent, TaxpayerLink
from tests.oidc_provider import running_provider
from tests.portal.test_roeid import sign_in_with_roeid

from .factories import ObligationFactory, TaxpayerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client, settings):
    """The assertions read the English texts; the pages are translated (ro, hu) elsewhere."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


LINK = "/impozite/asociere/"


def notice(identifier="1800101221144", role="R000123", code="K7P2-9QX4"):
    return {"notice-identifier": identifier, "notice-role_number": role, "notice-access_code": code}


def test_the_tax_notice_links_the_taxpayer_at_once(client, citizen, taxpayer):
    client.force_login(citizen)
    response = client.post(LINK, notice())
    assert response.status_code == 302
    link = TaxpayerLink.objects.get(user=citizen, taxpayer=taxpayer)
    assert (link.status, link.method) == (TaxpayerLink.Status.ACTIVE, TaxpayerLink.Method.NOTICE)
    assert AuditEvent.objects.filter(action="taxpayer_linked", link=link).exists()


@pytest.mark.parametrize(
    "details",
    [notice(code="WRONG-CODE"), notice(role="R999999"), notice(identifier="2850315123457")],
    ids=["wrong access code", "wrong role number", "another person's CNP"],
)
def test_any_wrong_detail_links_nothing_and_says_the_same(client, citizen, taxpayer, details):
    TaxpayerFactory(identifier="2850315123457", role_number="R000999")
    client.force_login(citizen)
    response = client.post(LINK, details)
    assert response.status_code == 200
    assert "do not match a taxpayer on the roll" in response.content.decode()
    assert not TaxpayerLink.objects.exists()


def test_an_invalid_cnp_is_refused_with_a_message(client, citizen, taxpayer):
    client.force_login(citizen)
    response = client.post(LINK, notice(identifier="1800101221145"))
    assert "neither a valid personal numeric code" in response.content.decode()


def test_the_access_code_cannot_be_guessed_past_the_rate_limit(client, citizen, taxpayer, settings):
    settings.TAXPAYER_LINK_RATE = "3/h"
    client.force_login(citizen)
    for _ in range(3):
        client.post(LINK, notice(code="GUESS"))
    response = client.post(LINK, notice())  # the right code, too late
    assert "Too many attempts" in response.content.decode()
    assert not TaxpayerLink.objects.exists()


def test_without_the_notice_a_clerk_decides_and_the_citizen_sees_nothing_before(client, citizen, taxpayer, tax_clerk):
    ObligationFactory(taxpayer=taxpayer)
    client.force_login(citizen)
    client.post(
        LINK, {"clerk-identifier": "1800101221144", "clerk-role_number": "R000123", "clerk-note": "I am the owner."}
    )
    link = TaxpayerLink.objects.get()
    assert link.status == TaxpayerLink.Status.PENDING
    page = client.get(reverse("payments:my_taxes")).content.decode()
    assert "waits for a clerk" in page
    assert "Str. Florilor" not in page

    from payments import linking

    linking.decide(link, by=tax_clerk, approve=True)
    assert "Str. Florilor" in client.get(reverse("payments:my_taxes")).content.decode()


def test_a_citizen_cannot_decide_a_link(citizen, taxpayer):
    from django.core.exceptions import PermissionDenied

    from payments import linking

    link = linking.request_link(user=citizen, identifier="1800101221144", role_number="R000123", note="me")
    with pytest.raises(PermissionDenied):
        linking.decide(link, by=citizen, approve=True)


def test_the_cnp_from_an_openid_provider_links_the_taxpayer(client, settings, taxpayer):
    ObligationFactory(taxpayer=taxpayer)
    with running_provider(cnp="1800101221144") as provider:
        scopes = ["openid", "profile", "email", provider.cnp_scope]
        settings.ROEID_SCOPES = scopes
        settings.ROEID_CNP_CLAIM = provider.cnp_claim
        settings.SOCIALACCOUNT_PROVIDERS = provider.socialaccount_providers(scopes=scopes)
        sign_in_with_roeid(client)
    link = TaxpayerLink.objects.get(taxpayer=taxpayer)
    assert (link.status, link.method) == (TaxpayerLink.Status.ACTIVE, TaxpayerLink.Method.ROEID)
    assert link.user.email == provider.email
    assert "Str. Florilor" in client.get(reverse("payments:my_taxes")).content.decode()


def test_a_verified_cnp_of_nobody_on_the_roll_links_nothing(client, settings, taxpayer):
    with running_provider(cnp="2850315123457") as provider:
        scopes = ["openid", "profile", "email", provider.cnp_scope]
        settings.ROEID_SCOPES = scopes
        settings.ROEID_CNP_CLAIM = provider.cnp_claim
        settings.SOCIALACCOUNT_PROVIDERS = provider.socialaccount_providers(scopes=scopes)
        sign_in_with_roeid(client)
    assert not TaxpayerLink.objects.exists()
