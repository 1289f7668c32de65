"""The staff two-factor guard remembers a seen authenticator for a minute, and forgets it as soon as it is removed."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_removed
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

PAGE = "/birou/"


def test_a_seen_authenticator_is_not_read_again_on_the_next_page(client):
    clerk = StaffFactory()
    client.force_login(clerk)
    client.get(PAGE)
    with CaptureQueriesContext(connection) as seen:
        client.get(PAGE)
    assert not [q for q in seen.captured_queries if "mfa_authenticator" in q["sql"]]


def test_removing_the_authenticator_sends_staff_to_set_one_up_at_once(client, rf):
    clerk = StaffFactory()
    client.force_login(clerk)
    client.get(PAGE)
    authenticator = Authenticator.objects.get(user=clerk, type=Authenticator.Type.TOTP)
    authenticator.delete()
    authenticator_removed.send(sender=Authenticator, request=rf.get("/"), user=clerk, authenticator=authenticator)

    response = client.get(PAGE)

    assert response.status_code == 302
    assert "/accounts/2fa/totp/activate" in response["Location"]
