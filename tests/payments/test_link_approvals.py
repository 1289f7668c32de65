"""The tax department decides the citizens' requests to link a taxpayer, and revokes links."""

import pytest
from django.urls import reverse

from payments.models import AuditEvent, TaxpayerLink
from tests.factories import UserFactory

from .factories import CUI, TaxpayerFactory, link

L = TaxpayerLink


@pytest.fixture
def request_(citizen, taxpayer):
    return L.objects.create(
        user=citizen, taxpayer=taxpayer, method=L.Method.CLERK, note="Sunt fiica ei, am procură notarială."
    )


def _decide(client, link_, decision, note=""):
    return client.post(reverse("payments:link_decide", args=[link_.pk]), {"decision": decision, "note": note})


def test_the_tax_department_sees_the_pending_requests_with_the_identifier_masked(client, tax_clerk, request_):
    client.force_login(tax_clerk)
    page = client.get(reverse("payments:link_requests")).content.decode()
    assert "•••••••••1144" in page
    assert "1800101221144" not in page
    assert "R000123" in page
    assert "procură notarială" in page
    assert request_.user.email in page


def test_the_list_of_requests_takes_the_same_queries_however_many_there_are(
    client, tax_clerk, request_, django_assert_num_queries
):
    client.force_login(tax_clerk)
    client.get(reverse("payments:link_requests"))  # warm the session and permission caches
    with django_assert_num_queries(8):
        client.get(reverse("payments:link_requests"))
    for identifier in ["2850315123457", "1900705400015", "6010101410011", CUI]:
        L.objects.create(user=UserFactory(), taxpayer=TaxpayerFactory(identifier=identifier), method=L.Method.CLERK)
    with django_assert_num_queries(8):
        client.get(reverse("payments:link_requests"))


def test_approving_a_request_links_the_account_and_is_audited(client, tax_clerk, request_):
    client.force_login(tax_clerk)
    response = _decide(client, request_, "approve", "Procura verificată la ghișeu.")
    assert response.status_code == 302
    request_.refresh_from_db()
    assert (request_.status, request_.decided_by) == (L.Status.ACTIVE, tax_clerk)
    event = AuditEvent.objects.get(action="taxpayer_link_approved")
    assert (event.actor, event.link, event.note) == (tax_clerk, request_, "Procura verificată la ghișeu.")


def test_refusing_a_request_leaves_the_account_unlinked_and_is_audited(client, tax_clerk, request_):
    client.force_login(tax_clerk)
    _decide(client, request_, "refuse", "Nicio dovadă a împuternicirii.")
    request_.refresh_from_db()
    assert request_.status == L.Status.REFUSED
    assert AuditEvent.objects.get(action="taxpayer_link_refused").actor == tax_clerk


def test_a_request_already_decided_is_not_decided_again(client, tax_clerk, request_):
    client.force_login(tax_clerk)
    _decide(client, request_, "refuse")
    _decide(client, request_, "approve")
    request_.refresh_from_db()
    assert request_.status == L.Status.REFUSED


def test_a_clerk_of_another_department_cannot_approve(client, clerk, request_):
    client.force_login(clerk)
    assert _decide(client, request_, "approve").status_code == 403
    request_.refresh_from_db()
    assert request_.status == L.Status.PENDING


def test_a_clerk_of_another_department_does_not_see_the_requests(client, clerk, request_):
    client.force_login(clerk)
    assert client.get(reverse("payments:link_requests")).status_code == 403


def test_a_citizen_does_not_see_the_requests(client, citizen, request_):
    client.force_login(citizen)
    assert client.get(reverse("payments:link_requests")).status_code == 403


def test_tax_staff_without_the_right_to_decide_links_cannot_approve(client, tax_clerk, request_):
    from django.contrib.auth.models import Permission

    tax_clerk.groups.clear()
    tax_clerk.user_permissions.add(Permission.objects.get(codename="view_payment"))
    client.force_login(tax_clerk)
    assert _decide(client, request_, "approve").status_code == 403
    request_.refresh_from_db()
    assert request_.status == L.Status.PENDING


def test_a_taxpayer_is_found_by_role_number_with_their_linked_accounts(client, tax_clerk, linked_taxpayer, citizen):
    client.force_login(tax_clerk)
    response = client.get(reverse("payments:link_requests"), {"q": "R000123"})
    assert response.context["found"] == linked_taxpayer
    assert [item.user for item in response.context["active"]] == [citizen]


def test_a_taxpayer_is_found_by_cnp(client, tax_clerk, linked_taxpayer):
    client.force_login(tax_clerk)
    assert client.get(reverse("payments:link_requests"), {"q": "1800101221144"}).context["found"] == linked_taxpayer


def test_revoking_a_link_unlinks_the_account_and_is_audited(client, tax_clerk, citizen, taxpayer):
    active = link(citizen, taxpayer)
    client.force_login(tax_clerk)
    response = client.post(reverse("payments:link_revoke", args=[active.pk]), {"note": "Procura a expirat."})
    assert response.status_code == 302
    active.refresh_from_db()
    assert active.status == L.Status.REVOKED
    event = AuditEvent.objects.get(action="taxpayer_link_revoked")
    assert (event.actor, event.note) == (tax_clerk, "Procura a expirat.")


def test_a_clerk_of_another_department_cannot_revoke_a_link(client, clerk, citizen, taxpayer):
    active = link(citizen, taxpayer)
    client.force_login(clerk)
    assert client.post(reverse("payments:link_revoke", args=[active.pk])).status_code == 403
    active.refresh_from_db()
    assert active.status == L.Status.ACTIVE
