"""The base layout, the language switch and the GOV.UK rendering of forms."""

import pytest
from bs4 import BeautifulSoup
from django import forms
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page, Site

from cms.models import HomePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def home_page(db):
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Acasă", slug="acasa", intro="<p>Cereri și taxe, online.</p>"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
    )
    return home


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def assert_layout(page):
    skip = page.find("a", class_="govuk-skip-link")
    assert skip is not None and skip["href"] == "#main-content"
    assert page.find("main", id="main-content") is not None
    assert page.find("header") is not None
    assert page.find("footer") is not None
    assert page.find("nav", attrs={"aria-label": True}) is not None


def language_form(page):
    form = page.find("form", action=reverse("set_language"))
    assert form is not None and form["method"] == "post"
    return form


def test_home_page_has_skip_link_landmarks_and_language_switcher(client, home_page):
    page = soup(client.get("/"))

    assert_layout(page)
    assert page.find("h1").get_text(strip=True) == "Primăria Demo"
    # A public page switches language by links (it stays cacheable): to its translation, or to the nearest one.
    links = page.find("header").find_all("a", class_="portal-language__option")
    assert [(a["hreflang"], a["lang"], a.get_text(strip=True)) for a in links] == [
        ("ro", "ro", "Română"),
        ("hu", "hu", "Magyar"),
        ("en", "en", "English"),
    ]
    assert [a["href"] for a in links] == ["/", f"/limba/{home_page.pk}/hu/", f"/limba/{home_page.pk}/en/"]
    assert [a["hreflang"] for a in links if a.has_attr("aria-current")] == ["ro"]


def test_home_page_links_to_the_online_services_and_to_sign_up(client, home_page):
    page = soup(client.get("/"))

    hrefs = {a["href"] for a in page.find("main").find_all("a")}
    assert {reverse("services:lookup"), reverse("services:my_cases"), reverse("account_signup")} <= hrefs


def test_login_page_renders_in_the_layout_with_labelled_fields(client):
    page = soup(client.get(reverse("account_login")))

    assert_layout(page)
    language_form(page)
    for field_id in ("id_login", "id_password"):
        assert page.find("label", attrs={"for": field_id}) is not None
        assert "govuk-input" in page.find("input", id=field_id)["class"]
    assert page.find("button", type="submit", class_="govuk-button") is not None


def test_html_is_declared_in_the_active_language(client):
    page = soup(client.get(reverse("account_login"), HTTP_ACCEPT_LANGUAGE="en"))

    assert page.find("html")["lang"] == "en"


def test_language_switch_sets_the_cookie_and_the_next_page_is_in_that_language(client, home_page):
    lookup = reverse("services:lookup")
    response = client.post(reverse("set_language"), {"language": "hu", "next": lookup})

    assert response.status_code == 302
    assert response["Location"] == lookup
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "hu"
    page = soup(client.get(lookup))
    assert page.find("html")["lang"] == "hu"
    current = language_form(page).find("button", attrs={"aria-current": "true"})
    assert current["value"] == "hu"


def test_signed_in_users_language_switch_is_saved_to_their_profile(client, citizen):
    client.force_login(citizen)

    client.post(reverse("set_language"), {"language": "en", "next": reverse("portal:dashboard")})

    citizen.refresh_from_db()
    assert citizen.preferred_language == "en"


def test_signed_out_header_offers_sign_in_and_create_account(client):
    header = soup(client.get(reverse("account_login"))).find("header")

    hrefs = {a["href"] for a in header.find_all("a")}
    assert {reverse("account_login"), reverse("account_signup")} <= hrefs


def test_signed_in_header_shows_the_name_and_a_sign_out_form(client, citizen):
    client.force_login(citizen)

    header = soup(client.get(reverse("portal:dashboard"))).find("header")

    profile_link = header.find("a", href=reverse("portal:profile"))
    assert profile_link.get_text(strip=True) == "Ana Popescu"
    sign_out = header.find("form", action=reverse("account_logout"))
    assert sign_out["method"] == "post"
    assert sign_out.find("button", type="submit") is not None


def test_main_navigation_marks_the_current_page(client):
    page = soup(client.get(reverse("services:lookup")))

    current = page.find("nav", class_="govuk-service-navigation__wrapper").find("a", attrs={"aria-current": "page"})
    assert current["href"] == reverse("services:lookup")


def test_dashboard_lists_the_entries_of_the_signed_in_person(client, citizen, django_assert_max_num_queries):
    client.force_login(citizen)

    with django_assert_max_num_queries(6):
        page = soup(client.get(reverse("portal:dashboard")))

    hrefs = {a["href"] for a in page.find("main").find_all("a")}
    assert {reverse("services:my_cases"), reverse("portal:profile")} <= hrefs
    assert reverse("backoffice:queue") not in hrefs


def test_error_messages_are_alerts_and_other_messages_are_status_banners():
    class Message:
        def __init__(self, level_tag, text):
            self.level_tag, self.text = level_tag, text

        def __str__(self):
            return self.text

    html = render_to_string(
        "includes/messages.html", {"messages": [Message("error", "Failed."), Message("success", "Saved.")]}
    )

    banners = BeautifulSoup(html, "html.parser").find_all(class_="govuk-notification-banner")
    assert [(b["role"], b.find(class_="govuk-notification-banner__heading").text) for b in banners] == [
        ("alert", "Failed."),
        ("status", "Saved."),
    ]


class EveryWidgetForm(forms.Form):
    name = forms.CharField(label="Name", help_text="As on your identity card.")
    notes = forms.CharField(label="Notes", widget=forms.Textarea, required=False)
    kind = forms.ChoiceField(label="Kind", choices=[("a", "A"), ("b", "B")])
    agree = forms.BooleanField(label="I agree")
    topics = forms.MultipleChoiceField(
        label="Topics", choices=[("x", "X"), ("y", "Y")], widget=forms.CheckboxSelectMultiple
    )
    when = forms.DateField(label="When", widget=forms.DateInput)
    document = forms.FileField(label="Document", required=False)
    answer = forms.ChoiceField(label="Answer", choices=[("1", "Yes"), ("2", "No")], widget=forms.RadioSelect)


def rendered(form):
    with translation.override("en"):
        return BeautifulSoup(str(form), "html.parser")


def test_form_fields_render_as_govuk_form_groups_with_labels_and_hints():
    html = rendered(EveryWidgetForm())

    assert html.find("label", attrs={"for": "id_name"}).get_text(strip=True) == "Name"
    assert html.find(id="id_name_helptext")["class"] == ["govuk-hint"]
    assert html.find("input", id="id_name")["aria-describedby"] == "id_name_helptext"
    assert "(optional)" in html.find("label", attrs={"for": "id_notes"}).get_text()
    expected_classes = {
        "id_name": "govuk-input",
        "id_notes": "govuk-textarea",
        "id_kind": "govuk-select",
        "id_agree": "govuk-checkboxes__input",
        "id_topics_0": "govuk-checkboxes__input",
        "id_when": "govuk-input",
        "id_document": "govuk-file-upload",
        "id_answer_1": "govuk-radios__input",
    }
    for element_id, css_class in expected_classes.items():
        assert css_class in html.find(id=element_id)["class"], element_id


def test_choice_groups_render_as_fieldsets_with_a_legend():
    html = rendered(EveryWidgetForm())

    legends = [legend.get_text(strip=True) for legend in html.find_all("legend")]
    assert legends == ["Topics", "Answer"]
    assert html.find("label", attrs={"for": "id_answer_1"}).get_text(strip=True) == "No"


def test_field_errors_are_described_and_the_group_is_marked():
    form = EveryWidgetForm(data={"name": ""})
    html = rendered(form)

    name = html.find("input", id="id_name")
    assert name["aria-describedby"].split() == ["id_name_helptext", "id_name_error"]
    assert name["aria-invalid"] == "true"
    assert "govuk-input--error" in name["class"]
    assert "govuk-error-message" in html.find(id="id_name_error")["class"]
    assert "govuk-form-group--error" in name.find_parent("div", class_="govuk-form-group")["class"]
    answer_fieldset = html.find("input", id="id_answer_0").find_parent("fieldset")
    assert answer_fieldset["aria-describedby"] == "id_answer_error"


def test_error_summary_links_to_each_field_in_error():
    form = EveryWidgetForm(data={"name": "", "kind": "a", "agree": "on", "topics": ["x"], "when": "2026-01-05"})
    form.add_error(None, "Something is wrong with the whole form.")

    html = BeautifulSoup(render_to_string("includes/error_summary.html", {"form": form}), "html.parser")

    summary = html.find(class_="govuk-error-summary")
    assert summary.find(role="alert") is not None
    assert [a["href"] for a in summary.find_all("a")] == ["#id_name", "#id_answer_0"]
    assert "Something is wrong with the whole form." in summary.get_text()


def test_error_summary_is_empty_for_a_valid_form():
    assert render_to_string("includes/error_summary.html", {"form": EveryWidgetForm()}).strip() == ""


def test_one_time_code_fields_ask_for_the_numeric_keypad():
    class CodeForm(forms.Form):
        code = forms.CharField(widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "placeholder": "Code"}))

    code = rendered(CodeForm()).find("input", id="id_code")

    assert code["inputmode"] == "numeric"
    assert code["autocomplete"] == "one-time-code"
    assert not code.has_attr("placeholder")
