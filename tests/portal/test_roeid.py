"""Sign-in with ROeID (OpenID Connect) exists only where the institution configured it."""

from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
import requests
from allauth.socialaccount.adapter import get_adapter
from django.urls import reverse

from portal.adapters import SocialAccountAdapter
from portal.identity import cnp_verified
from portal.models import User
from tests.oidc_provider import running_provider

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


# --- the real flow, against an OpenID Connect provider on loopback (tests/oidc_provider.py) -------------------------
# allauth's server-side calls (discovery, token, userinfo) go over real HTTP to the provider; the browser's part (the
# authorisation redirect) is done with `requests`, the portal's with Django's test client.


CNP_SCOPES = ["openid", "profile", "email", "national_id"]


@pytest.fixture
def roeid(settings):
    """Configure the portal for a provider: ``configure(provider, scopes)`` as the environment would."""

    def configure(provider, scopes):
        settings.ROEID_SCOPES = scopes
        settings.ROEID_CNP_CLAIM = provider.cnp_claim
        settings.SOCIALACCOUNT_PROVIDERS = provider.socialaccount_providers(scopes=settings.ROEID_SCOPES)
        policy = settings.CONTENT_SECURITY_POLICY
        directives = {**policy["DIRECTIVES"], "form-action": ["'self'", provider.url]}
        settings.CONTENT_SECURITY_POLICY = {**policy, "DIRECTIVES": directives}

    return configure


@pytest.fixture
def verified():
    """The `cnp_verified` signals sent during the test, as (user pk, cnp, cnp stored in the database then)."""
    sent = []

    def receiver(sender, user, cnp, **kwargs):
        sent.append((user.pk, cnp, User.objects.get(pk=user.pk).cnp))

    cnp_verified.connect(receiver, dispatch_uid="test_roeid.verified")
    yield sent
    cnp_verified.disconnect(dispatch_uid="test_roeid.verified")


def sign_in_with_roeid(client):
    """A person presses "ROeID" on the sign-in page, consents at the provider and comes back."""
    start = client.post(reverse("openid_connect_login", kwargs={"provider_id": "roeid"}))
    assert start.status_code == 302, start
    at_provider = requests.get(start["Location"], allow_redirects=False, timeout=10)
    assert at_provider.status_code == 302, at_provider.text
    back = urlsplit(at_provider.headers["Location"])
    response = client.get(f"{back.path}?{back.query}")
    assert response.status_code == 302, response.content.decode()[:2000]
    return start, response


@pytest.mark.django_db
def test_without_the_cnp_scope_the_cnp_is_not_received(client, roeid, verified):
    with running_provider(cnp="1800101221144") as provider:
        roeid(provider, ["openid", "profile", "email"])
        start, _ = sign_in_with_roeid(client)

    assert set(parse_qs(urlsplit(start["Location"]).query)["scope"][0].split()) == {"openid", "profile", "email"}
    user = User.objects.get(email=provider.email)
    assert user.cnp == ""
    assert client.session["_auth_user_id"] == str(user.pk)
    assert verified == []


@pytest.mark.django_db
def test_with_the_cnp_scope_a_new_user_gets_the_cnp_and_the_signal_fires(client, roeid, verified):
    with running_provider(cnp="1800101221144") as provider:
        roeid(provider, CNP_SCOPES)
        start, _ = sign_in_with_roeid(client)

    assert "national_id" in parse_qs(urlsplit(start["Location"]).query)["scope"][0].split()
    user = User.objects.get(email=provider.email)
    assert user.cnp == "1800101221144"
    assert (user.first_name, user.last_name) == ("Ion", "Popescu")
    assert verified == [(user.pk, "1800101221144", "1800101221144")]
    # The whole exchange went over HTTP to the provider: discovery, token (with the PKCE verifier), userinfo.
    assert provider.paths("/token")[0]["code_verifier"]
    assert provider.paths("/userinfo")


@pytest.mark.django_db
def test_openid_is_always_asked(client, roeid):
    with running_provider() as provider:
        roeid(provider, ["profile", "email", "national_id"])
        start = client.post(reverse("openid_connect_login", kwargs={"provider_id": "roeid"}))
    # The order of scopes carries no meaning (RFC 6749, section 3.3); allauth sends them as a set.
    scopes = parse_qs(urlsplit(start["Location"]).query)["scope"][0].split()
    assert sorted(scopes) == ["email", "national_id", "openid", "profile"]


@pytest.mark.django_db
def test_an_existing_user_signing_in_again_gets_the_signal_again_and_the_cnp_updated(client, roeid, verified):
    with running_provider(cnp="1800101221144") as provider:
        roeid(provider, CNP_SCOPES)
        sign_in_with_roeid(client)
        client.post(reverse("account_logout"))
        user = User.objects.get(email=provider.email)
        User.objects.filter(pk=user.pk).update(cnp="")  # e.g. cleared on the profile page

        provider.cnp = "2991231400123"
        sign_in_with_roeid(client)

    assert User.objects.filter(email=provider.email).count() == 1
    user.refresh_from_db()
    assert user.cnp == "2991231400123"
    assert verified == [(user.pk, "1800101221144", "1800101221144"), (user.pk, "2991231400123", "2991231400123")]
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.django_db
def test_an_invalid_cnp_claim_is_ignored(client, roeid, verified):
    with running_provider(cnp="1800101221145") as provider:
        roeid(provider, CNP_SCOPES)
        sign_in_with_roeid(client)
    assert User.objects.get(email=provider.email).cnp == ""
    assert verified == []


@pytest.mark.django_db
def test_signing_out_ends_the_roeid_session_too(client, roeid):
    with running_provider() as provider:
        roeid(provider, CNP_SCOPES)
        sign_in_with_roeid(client)
        id_token = client.session["portal_roeid_id_token"]

        response = client.post(reverse("account_logout"))

        assert response.status_code == 302
        location = urlsplit(response["Location"])
        assert f"{location.scheme}://{location.netloc}{location.path}" == f"{provider.url}/end_session"
        params = {name: values[0] for name, values in parse_qs(location.query).items()}
        assert params == {
            "id_token_hint": id_token,
            "post_logout_redirect_uri": "http://testserver/",
            "client_id": provider.client_id,
        }
        assert "_auth_user_id" not in client.session
        # The provider ends its session and sends the browser back to the portal's home.
        at_provider = requests.get(response["Location"], allow_redirects=False, timeout=10)
        assert at_provider.headers["Location"] == "http://testserver/"
    # The token is the one the provider issued for this client.
    claims = jwt.decode(id_token, options={"verify_signature": False})
    assert (claims["iss"], claims["aud"]) == (provider.url, provider.client_id)


@pytest.mark.django_db
def test_without_an_end_session_endpoint_signing_out_stays_on_the_portal(client, roeid):
    with running_provider(end_session=False) as provider:
        roeid(provider, CNP_SCOPES)
        sign_in_with_roeid(client)
        response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_the_discovery_document_is_fetched_once_for_many_sign_outs(client, roeid):
    with running_provider() as provider:
        roeid(provider, CNP_SCOPES)
        for _ in range(2):
            sign_in_with_roeid(client)
            assert client.post(reverse("account_logout"))["Location"].startswith(f"{provider.url}/end_session?")
        discoveries = len(provider.paths("/.well-known/openid-configuration"))
        sign_in_with_roeid(client)
        client.post(reverse("account_logout"))
    # Each sign-in fetches it through allauth (twice: the login and the callback); the sign-outs reuse the cached one.
    assert len(provider.paths("/.well-known/openid-configuration")) - discoveries == 2


@pytest.mark.django_db
def test_a_password_sign_in_signs_out_as_before(client, roeid, citizen):
    with running_provider() as provider:
        roeid(provider, CNP_SCOPES)
        client.force_login(citizen)
        response = client.post(reverse("account_logout"))
        assert provider.paths("/.well-known/openid-configuration") == []
    assert response["Location"] == "/"


@pytest.mark.django_db
def test_an_end_session_endpoint_that_csp_refuses_is_not_used(client, roeid, settings):
    with running_provider() as provider:
        roeid(provider, CNP_SCOPES)
        sign_in_with_roeid(client)
        settings.CONTENT_SECURITY_POLICY = {
            **settings.CONTENT_SECURITY_POLICY,
            "DIRECTIVES": {**settings.CONTENT_SECURITY_POLICY["DIRECTIVES"], "form-action": ["'self'"]},
        }
        response = client.post(reverse("account_logout"))
    assert response["Location"] == "/"
