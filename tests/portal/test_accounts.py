"""Account pages: sign-up with mandatory e-mail verification, password reset, the profile, staff two-factor sign-in."""

import re
import time

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import is_mfa_enabled
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse

from portal.models import User
from tests.factories import PASSWORD, StaffFactory

pytestmark = pytest.mark.django_db

VALID_CNP = "1800101221144"


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def signed_in_user_id(client):
    return client.session.get("_auth_user_id")


def current_totp(secret):
    counter = int(time.time()) // mfa_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(secret, counter))


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


def sign_up(client, email="zsofia.kovacs@example.ro"):
    return client.post(
        reverse("account_signup"),
        {
            "email": email,
            "first_name": "Zsófia",
            "last_name": "Kovács",
            "password1": "Hosszu-jelszo-2026",
            "password2": "Hosszu-jelszo-2026",
        },
    )


def test_sign_up_form_asks_for_email_names_and_password_twice(client):
    page = soup(client.get(reverse("account_signup")))

    form = page.find("form", action=reverse("account_signup"))
    names = [field["name"] for field in form.find_all("input") if field.get("type") != "hidden"]
    assert sorted(names) == ["email", "first_name", "last_name", "password1", "password2"]
    for name in names:
        field_id = form.find("input", attrs={"name": name})["id"]
        assert form.find("label", attrs={"for": field_id}) is not None


def test_sign_up_sends_a_verification_email_and_the_account_cannot_sign_in_until_confirmed(client, mailoutbox):
    response = sign_up(client)

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["zsofia.kovacs@example.ro"]
    user = User.objects.get(email="zsofia.kovacs@example.ro")
    assert (user.first_name, user.last_name) == ("Zsófia", "Kovács")
    assert signed_in_user_id(client) is None

    response = client.post(
        reverse("account_login"), {"login": "zsofia.kovacs@example.ro", "password": "Hosszu-jelszo-2026"}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert signed_in_user_id(client) is None


def test_verification_sent_page_renders_in_the_layout(client):
    sign_up(client)

    page = soup(client.get(reverse("account_email_verification_sent")))

    assert page.find("h1", class_="govuk-heading-l") is not None


def test_confirming_through_the_link_in_the_email_signs_in(client, mailoutbox):
    sign_up(client)
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+/)", mailoutbox[0].body).group(1)

    page = soup(client.get(link))
    confirm_form = page.find("form", action=link)
    assert confirm_form.find("button", type="submit") is not None
    response = client.post(link)

    assert response.status_code == 302
    user = User.objects.get(email="zsofia.kovacs@example.ro")
    assert EmailAddress.objects.get(user=user).verified
    assert signed_in_user_id(client) == str(user.pk)


def test_password_reset_sends_an_email_with_a_reset_link(client, citizen, mailoutbox):
    page = soup(client.get(reverse("account_reset_password")))
    assert page.find("input", attrs={"name": "email"}) is not None

    response = client.post(reverse("account_reset_password"), {"email": citizen.email})

    assert response.status_code == 302
    assert response["Location"] == reverse("account_reset_password_done")
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [citizen.email]
    assert "/accounts/password/reset/key/" in mailoutbox[0].body


def test_password_reset_link_opens_the_new_password_form(client, citizen, mailoutbox):
    client.post(reverse("account_reset_password"), {"email": citizen.email})
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/[^\s]+/)", mailoutbox[0].body).group(1)

    response = client.get(link, follow=True)

    main = soup(response).find("main")
    for name in ("password1", "password2"):
        field = main.find("input", attrs={"name": name})
        assert main.find("label", attrs={"for": field["id"]}) is not None


def test_login_page_shows_no_identity_provider_when_none_is_configured(client):
    page = soup(client.get(reverse("account_login")))

    assert "ROeID" not in page.get_text()


def test_login_page_offers_roeid_when_it_is_configured(client, settings):
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "APPS": [
                {
                    "provider_id": "roeid",
                    "name": "ROeID",
                    "client_id": "client",
                    "secret": "secret",
                    "settings": {"server_url": "https://roeid.example.ro"},
                }
            ]
        }
    }

    page = soup(client.get(reverse("account_login")))

    provider_link = page.find("main").find("a", string=re.compile("ROeID"))
    assert provider_link is not None
    assert "govuk-button" in provider_link["class"]


def test_login_is_refused_after_repeated_failures_for_one_email(client, citizen):
    for _ in range(5):
        client.post(reverse("account_login"), {"login": citizen.email, "password": "not-the-password"})

    response = client.post(reverse("account_login"), {"login": citizen.email, "password": PASSWORD})

    assert response.status_code == 200
    assert soup(response).find(class_="govuk-error-summary") is not None
    assert signed_in_user_id(client) is None


def test_profile_rejects_an_invalid_cnp_with_a_field_error(client, citizen):
    client.force_login(citizen)

    response = client.post(
        reverse("portal:profile"),
        {"first_name": "Ana", "last_name": "Popescu", "cnp": "1800101221145", "preferred_language": "ro"},
    )

    page = soup(response)
    assert page.find(id="id_cnp_error") is not None
    assert page.find("input", id="id_cnp")["aria-invalid"] == "true"
    assert page.find(class_="govuk-error-summary").find("a")["href"] == "#id_cnp"
    citizen.refresh_from_db()
    assert citizen.cnp == ""


def test_profile_saves_a_valid_cnp(client, citizen):
    client.force_login(citizen)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ro"

    response = client.post(
        reverse("portal:profile"),
        {
            "first_name": "Ana",
            "last_name": "Popescu",
            "cnp": VALID_CNP,
            "address": "Str. Mare 1",
            "phone": "0722 000 000",
            "preferred_language": "hu",
        },
        follow=True,
    )

    page = soup(response)
    assert page.find(class_="govuk-notification-banner", role="status") is not None
    assert page.find("html")["lang"] == "hu"
    citizen.refresh_from_db()
    assert (citizen.cnp, citizen.preferred_language) == (VALID_CNP, "hu")


def test_profile_page_explains_the_cnp_and_shows_the_account_settings(client, citizen):
    client.force_login(citizen)

    page = soup(client.get(reverse("portal:profile")))

    cnp = page.find("input", id="id_cnp")
    assert cnp["aria-describedby"] == "id_cnp_helptext"
    assert cnp["inputmode"] == "numeric"
    settings_nav = page.find("main").find("nav")
    assert settings_nav.find("a", attrs={"aria-current": "page"})["href"] == reverse("portal:profile")


def test_staff_without_totp_is_sent_to_the_totp_activation_page(client):
    staff = StaffFactory(totp=False)
    client.force_login(staff)

    response = client.get("/birou/")

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('mfa_activate_totp')}?next=%2Fbirou%2F"


def test_totp_activation_page_shows_the_qr_code_and_the_secret_after_the_password_is_confirmed(client):
    staff = StaffFactory(totp=False)
    client.force_login(staff)
    # allauth asks for the password again before any change to two-factor authentication.
    response = client.get(reverse("mfa_activate_totp"))
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    soup(client.get(response["Location"]))
    response = client.post(response["Location"], {"password": PASSWORD})

    assert response["Location"] == reverse("mfa_activate_totp")
    page = soup(client.get(reverse("mfa_activate_totp")))
    assert page.find("img", class_="portal-qr")["src"].startswith("data:image/svg+xml")
    secret = page.find("input", id="authenticator_secret")
    assert secret.has_attr("readonly") and secret["value"]
    code = page.find("input", attrs={"name": "code"})
    assert (code["autocomplete"], code["inputmode"]) == ("one-time-code", "numeric")


def test_staff_activates_the_authenticator_app_with_a_code_from_it(client):
    staff = StaffFactory(totp=False)
    client.force_login(staff)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    page = soup(client.get(reverse("mfa_activate_totp")))
    secret = page.find("input", id="authenticator_secret")["value"]

    response = client.post(reverse("mfa_activate_totp"), {"code": current_totp(secret)})

    assert response.status_code == 302
    assert is_mfa_enabled(staff, ["totp"])
    assert client.get("/birou/").status_code != 302  # no longer sent to the activation page


def staff_signs_in_with_password(client):
    staff = StaffFactory()
    response = client.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD})
    return staff, response


def test_staff_signing_in_with_a_password_is_asked_for_the_totp_code(client):
    _, response = staff_signs_in_with_password(client)

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert signed_in_user_id(client) is None
    code = soup(client.get(reverse("mfa_authenticate"))).find("input", attrs={"name": "code"})
    assert (code["autocomplete"], code["inputmode"]) == ("one-time-code", "numeric")


def test_staff_gets_in_with_a_valid_totp_code(client):
    staff, _ = staff_signs_in_with_password(client)

    response = client.post(reverse("mfa_authenticate"), {"code": current_totp(staff.totp_secret)})

    assert response.status_code == 302
    assert response["Location"] == reverse("portal:dashboard")
    assert signed_in_user_id(client) == str(staff.pk)


def test_staff_is_refused_with_a_wrong_totp_code(client):
    staff_signs_in_with_password(client)

    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})

    page = soup(response)
    assert page.find(class_="govuk-error-summary") is not None
    assert signed_in_user_id(client) is None


def test_recovery_codes_can_be_generated_and_viewed(client):
    staff, _ = staff_signs_in_with_password(client)
    client.post(reverse("mfa_authenticate"), {"code": current_totp(staff.totp_secret)})
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})

    soup(client.get(reverse("mfa_generate_recovery_codes")))
    response = client.post(reverse("mfa_generate_recovery_codes"))

    assert response.status_code == 302
    page = soup(client.get(reverse("mfa_view_recovery_codes")))
    codes = page.find("textarea", id="recovery_codes")
    assert codes.has_attr("readonly")
    assert len(codes.get_text().split()) == mfa_settings.RECOVERY_CODE_COUNT


def test_sign_out_asks_for_confirmation_and_signs_out_on_post(client, citizen):
    client.force_login(citizen)

    page = soup(client.get(reverse("account_logout")))
    assert page.find("form", action=reverse("account_logout")) is not None
    client.post(reverse("account_logout"))

    assert signed_in_user_id(client) is None
