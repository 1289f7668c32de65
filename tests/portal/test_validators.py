"""Names and addresses refuse invisible Unicode controls (bidirectional overrides, isolates, other format characters)."""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from portal.forms import SignupForm
from portal.models import User
from portal.validators import format_controls, validate_no_format_controls

MESSAGE = "This text contains invisible control characters. Type it again instead of pasting it."


@pytest.fixture(autouse=True)
def _english():
    """The messages are compared in English, whatever language an earlier test left active."""
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    ("text", "controls"),
    [
        ("Ion Pop", []),
        ("Szabó Zsófia Mureșan", []),
        ("Str. Mare nr. 1\nbl. A, ap. 3", []),  # line breaks belong to multi-line text
        ("Ion\u202ePop", ["\u202e"]),  # right-to-left override
        ("\u202aIon\u202c", ["\u202a", "\u202c"]),  # left-to-right embedding and its pop
        ("Ion \u2066Pop\u2069", ["\u2066", "\u2069"]),  # isolates
        ("Ion\u200fPop", ["\u200f"]),  # right-to-left mark
        ("Ion\u200bPop", ["\u200b"]),  # zero-width space
        ("\ufeffIon", ["\ufeff"]),  # byte order mark
        ("Ion\x1b[31mPop", ["\x1b"]),  # a terminal escape
        ("می\u200cخواهم", []),  # Persian: the non-joiner between letters is spelling
        ("👨\u200d👩\u200d👧", []),  # an emoji sequence joined by ZWJ
        ("\u200dIon", ["\u200d"]),  # a joiner joining nothing
        ("Ion\u200c", ["\u200c"]),
        ("Ion \u200d Pop", ["\u200d"]),  # between spaces, a joiner only hides
    ],
)
def test_format_controls_lists_the_invisible_controls_of_a_text(text, controls):
    assert format_controls(text) == controls


def test_the_validator_refuses_a_text_with_a_bidirectional_override():
    with pytest.raises(ValidationError) as refused:
        validate_no_format_controls("Ion\u202ePop")
    assert refused.value.code == "format_controls"
    assert refused.value.messages == [MESSAGE]


def test_the_validator_accepts_ordinary_text_and_the_empty_string():
    validate_no_format_controls("Kovács Zsófia")
    validate_no_format_controls("")


@pytest.mark.parametrize("field", ["first_name", "last_name", "address", "phone"])
def test_the_user_model_refuses_format_controls_in_its_free_text(field):
    user = User(email="ana@example.ro", **{field: "Ana\u2066x\u2069"})
    with pytest.raises(ValidationError) as refused:
        user.clean_fields(exclude=["password"])
    assert list(refused.value.message_dict) == [field]


@pytest.mark.parametrize("field", ["first_name", "last_name"])
def test_the_sign_up_form_refuses_a_name_with_format_controls(field):
    data = {"first_name": "Zsófia", "last_name": "Kovács"} | {field: "Kov\u202eács"}
    form = SignupForm(data)
    assert not form.is_valid()
    assert form.errors == {field: [MESSAGE]}


@pytest.mark.django_db
def test_signing_up_with_an_override_in_the_name_creates_no_account(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(
        reverse("account_signup"),
        {
            "email": "zsofia.kovacs@example.ro",
            "first_name": "Zsófia\u202e",
            "last_name": "Kovács",
            "password1": "Hosszu-jelszo-2026",
            "password2": "Hosszu-jelszo-2026",
        },
    )
    assert response.status_code == 200
    assert MESSAGE in response.content.decode()
    assert not User.objects.filter(email="zsofia.kovacs@example.ro").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["first_name", "last_name", "address"])
def test_the_profile_refuses_format_controls_and_saves_nothing(client, citizen, field):
    client.force_login(citizen)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    data = {"first_name": "Ana", "last_name": "Popescu", "address": "Str. Mare 1", "preferred_language": "ro"}
    data[field] = "Pope\u2067scu\u2069"
    before = User.objects.filter(pk=citizen.pk).values().get()

    response = client.post(reverse("portal:profile"), data)

    assert response.status_code == 200
    page = BeautifulSoup(response.content.decode(), "html.parser")
    assert MESSAGE in page.find(id=f"id_{field}_error").get_text()
    assert User.objects.filter(pk=citizen.pk).values().get() == before


@pytest.mark.parametrize(
    "form_path",
    ["services.desk.forms.DeskRegistrationForm", "services.permits.forms.DetailsForm", "petitions.forms.FilingForm"],
)
def test_the_forms_people_type_requests_into_refuse_format_controls(db, form_path):
    from django.utils.module_loading import import_string

    form = import_string(form_path)({"subject": "Cerere \u202eabc"})
    form.is_valid()
    assert MESSAGE in form.errors.get("subject", [])
