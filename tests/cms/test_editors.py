"""The "Editori" group runs the public site (pages, images, documents, menus, translations) and sees no case,
payment or petition."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import GroupPagePermission, Page
from wagtail.permissions import policy_registry
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms.models import StandardPage
from cms.roles import EDITORS_GROUP, REVIEWERS_GROUP, editors_group, ensure_groups
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


def staff_in(group, email):
    """A staff account with its authenticator set up (two-factor), in `group`."""
    user = StaffFactory(email=email)
    user.groups.add(group)
    return user


@pytest.fixture
def editor(db):
    return staff_in(editors_group(), "editor@primarie.ro")


def page_form(title, slug, body_text="", **extra):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "intro": rich_text(""),
            "body": streamfield([("paragraph", rich_text(body_text))] if body_text else []),
            "comments": inline_formset([]),
            **extra,
        }
    )


def test_the_editors_group_is_created_once_and_running_it_again_restores_its_permissions():
    group = editors_group()
    group.permissions.clear()
    GroupPagePermission.objects.filter(group=group).delete()
    again = editors_group()
    assert again.pk == group.pk and again.name == EDITORS_GROUP
    codenames = set(again.permissions.values_list("codename", flat=True))
    assert {"access_admin", "change_navigationsettings", "submit_translation", "change_lifeevent"} <= codenames
    root_permissions = GroupPagePermission.objects.filter(group=again, page=Page.get_first_root_node())
    assert set(root_permissions.values_list("permission__codename", flat=True)) == {
        "add_page",
        "change_page",
        "publish_page",
        "lock_page",
        "unlock_page",
    }


def test_editors_may_edit_images_documents_and_menus_but_not_cases_payments_petitions_or_accounts(editor):
    assert editor.is_staff
    for model in (get_image_model(), get_document_model()):
        policy = policy_registry.get_by_type(model)
        for action in ("add", "change", "choose", "delete"):
            assert policy.user_has_permission(editor, action), (model, action)
    for permission in (
        "cms.change_navigationsettings",
        "cms.add_lifeevent",
        "wagtail_localize.submit_translation",
    ):
        assert editor.has_perm(permission), permission
    refused = Permission.objects.filter(
        content_type__app_label__in=("services", "payments", "petitions", "permits")
    ) | Permission.objects.filter(content_type__app_label="portal", codename__contains="institutionsettings")
    refused = refused | Permission.objects.filter(content_type__model__in=("user", "group"))
    for permission in refused.select_related("content_type"):
        assert not editor.has_perm(f"{permission.content_type.app_label}.{permission.codename}"), permission


def test_senior_editors_have_what_editors_have_and_always_publish():
    editors, reviewers = ensure_groups()
    assert reviewers.name == REVIEWERS_GROUP
    assert set(reviewers.permissions.all()) == set(editors.permissions.all())
    assert GroupPagePermission.objects.filter(group=reviewers, permission__codename="publish_page").exists()


@pytest.mark.parametrize(
    "path",
    [
        "/birou/",
        "/birou/registru/",
        "/birou/registratura/",
        "/birou/indicatori/",
        "/birou/plati/",
        "/birou/rol-fiscal/",
        "/birou/contribuabili/asocieri/",
        "/admin/snippets/services/service/",
        "/admin/users/",
        "/admin/settings/portal/institutionsettings/",
    ],
)
def test_an_editor_is_refused_the_back_office_payments_petitions_and_accounts(client, editor, path):
    client.force_login(editor)
    response = client.get(path, follow=True)
    # The back office answers 403; the Wagtail admin sends whoever lacks the permission to its dashboard.
    assert response.status_code == 403 or response.redirect_chain[-1][0] == "/admin/"


def test_the_admin_menu_shows_an_editor_pages_but_no_quality_management(client, editor, quality_manager):
    client.cookies["django_language"] = "en"
    client.force_login(editor)
    body = client.get("/admin/").content.decode()
    assert "Pages" in body
    assert "Quality management" not in body
    client.force_login(quality_manager)
    assert "Quality management" in client.get("/admin/").content.decode()


def test_an_editor_creates_and_publishes_a_standard_page_in_the_admin(client, editor, public_site):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=("cms", "standardpage", public_site.about.pk))
    response = client.post(url, page_form("Program de lucru", "program", "Luni–Vineri.", **{"action-publish": "1"}))
    assert response.status_code == 302
    page = StandardPage.objects.get(slug="program")
    assert page.live and page.owner == editor
    assert "Luni–Vineri." in client.get(page.url).content.decode()


def test_an_editor_edits_and_publishes_an_existing_page_in_the_admin(client, editor, public_site):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:edit", args=(public_site.about.pk,))
    assert client.get(url).status_code == 200
    response = client.post(url, page_form("Despre portalul nou", "despre", "Text nou.", **{"action-publish": "1"}))
    assert response.status_code == 302
    about = StandardPage.objects.get(pk=public_site.about.pk)
    assert about.live and about.title == "Despre portalul nou"
    assert not about.has_unpublished_changes
