"""Sign-in with ROeID (OpenID Connect) exists only where the institution configured it."""

import pytest
from allauth.socialaccount.adapter import get_adapter
from django.urls import reverse

from portal.adapters import SocialAccountAdapter

ROEID = {
    "openid_connect": {
        "APPS": [
            {
                "provider_id": "roeid",
                "name": "ROeID",
                "client_id": "ghiseul-demo",
                "secret": "s3cret",
                "settings": {"server_url": "https://roeid.example.gov.ro/oidc"},
            }
        ]
    }
}


@pytest.mark.django_db
def test_the_sign_in_page_offers_no_roeid_without_configuration(client):
    response = client.get(reverse("account_login"))
    assert response.status_code == 200
    assert "ROeID" not in response.content.decode()
    assert get_adapter().list_providers(response.wsgi_request) == []


@pytest.mark.django_db
def test_the_sign_in_page_offers_roeid_when_configured(client, settings):
    settings.SOCIALACCOUNT_PROVIDERS = ROEID
    response = client.get(reverse("account_login"))
    providers = get_adapter().list_providers(response.wsgi_request)
    assert [provider.sub_id for provider in providers] == ["roeid"]
    assert "ROeID" in response.content.decode()


@pytest.mark.django_db
def test_the_cnp_claim_named_in_settings_fills_the_profile(settings, rf):
    settings.SOCIALACCOUNT_PROVIDERS = ROEID
    settings.ROEID_CNP_CLAIM = "national_id"

    class Account:
        provider = "roeid"
        extra_data = {"userinfo": {"national_id": "1800101221144"}}

    class Login:
        account = Account()
        user = None

    from portal.models import User

    login = Login()
    login.user = User()
    login.account.get_provider = None
    adapter = SocialAccountAdapter()
    # populate_user of allauth fills name and e-mail from `data`; ours adds the CNP from the configured claim.
    user = adapter.populate_user(rf.get("/"), login, {"email": "ion@example.ro", "first_name": "Ion"})
    assert user.cnp == "1800101221144"
