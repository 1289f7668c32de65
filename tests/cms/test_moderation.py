"""Moderation the institution may switch on, with its names in the editor's language; revisions, preview and
scheduled publishing."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, override
from wagtail.models import Site, Workflow, WorkflowState
from wagtail.users.models import UserProfile

from cms import cache as page_cache
from cms.models import PublishingSettings, StandardPage
from cms.moderation import EDITORIAL_REVIEW, TranslatedName
from cms.roles import editors_group, reviewers_group
from cms.tasks import publish_scheduled_pages

from .test_editors import page_form, staff_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(db):
    return staff_in(editors_group(), "editor@primarie.ro")


@pytest.fixture
def reviewer(db):
    return staff_in(reviewers_group(), "sef.comunicare@primarie.ro")


def switch_moderation(on):
    settings = PublishingSettings.for_site(Site.objects.get(is_default_site=True))
    settings.moderation = on
    settings.save()


def submit_new_page(client, parent, title="Program de lucru", slug="program"):
    url = reverse("wagtailadmin_pages:add", args=("cms", "standardpage", parent.pk))
    response = client.post(url, page_form(title, slug, "Luni–Vineri.", **{"action-submit": "1"}))
    assert response.status_code == 302
    return StandardPage.objects.get(slug=slug)


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def test_by_default_editors_publish_directly_and_wagtails_moderators_workflow_is_retired(client, editor, public_site):
    assert public_site.about.get_workflow() is None
    client.cookies["django_language"] = "en"
    client.force_login(editor)
    body = client.get(edit_url(public_site.about)).content.decode()
    assert 'name="action-publish"' in body
    assert "Moderators approval" not in body


def test_with_moderation_on_an_editors_submitted_page_stays_a_draft_until_a_senior_editor_approves_it(
    client, editor, reviewer, public_site
):
    switch_moderation(True)
    client.force_login(editor)
    page = submit_new_page(client, public_site.about)
    assert not page.live
    assert not page.permissions_for_user(editor).can_publish()
    editors_group()  # restoring the group's permissions (after a migrate) keeps moderation's rule
    assert not page.permissions_for_user(type(editor).objects.get(pk=editor.pk)).can_publish()
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS

    client.force_login(reviewer)
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk))
    client.post(url)
    page.refresh_from_db()
    assert page.live
    assert "Luni–Vineri." in client.get(page.url).content.decode()


def test_a_senior_editors_request_for_changes_returns_the_page_to_the_editor(client, editor, reviewer, public_site):
    switch_moderation(True)
    client.cookies["django_language"] = "en"
    client.force_login(editor)
    page = submit_new_page(client, public_site.about)
    page.current_workflow_task_state.reject(user=reviewer, comment="Adăugați programul de sâmbătă.")
    page.refresh_from_db()
    assert not page.live
    assert page.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    body = client.get(edit_url(page)).content.decode()
    assert "Resubmit to Review by a senior editor" in body


def test_switching_moderation_off_lets_editors_publish_again_and_cancels_reviews_in_progress(
    client, editor, public_site
):
    switch_moderation(True)
    client.force_login(editor)
    page = submit_new_page(client, public_site.about)
    switch_moderation(False)
    page.refresh_from_db()
    assert page.get_workflow() is None
    assert page.current_workflow_state is None
    assert page.permissions_for_user(editor).can_publish()
    response = client.post(
        edit_url(page), page_form("Program de lucru", "program", "Luni.", **{"action-publish": "1"})
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live


def test_the_workflow_name_is_shown_in_the_editors_admin_language(client, editor, public_site):
    switch_moderation(True)
    UserProfile.objects.update_or_create(user=editor, defaults={"preferred_language": "hu"})
    client.force_login(editor)
    body = client.get(edit_url(public_site.about)).content.decode()
    with override("hu"):
        expected = gettext("Submit to %(workflow_name)s") % {"workflow_name": gettext("Editorial review")}
    assert expected in body
    assert "Moderators approval" not in body


def test_a_translated_name_is_shown_translated_but_saved_as_its_message_id():
    with override("hu"):
        assert str(TranslatedName("Yes")) == "Igen"
        assert f"{TranslatedName('Yes')}" == "Igen"
        assert "%s" % TranslatedName("Yes") == "Igen"  # noqa: UP031 (how Wagtail builds its menu labels)
    switch_moderation(True)
    with override("hu"):
        workflow = Workflow.objects.get(name=EDITORIAL_REVIEW)
        assert isinstance(workflow.name, TranslatedName)
        workflow.save()
    assert Workflow.objects.filter(pk=workflow.pk).values_list("name", flat=True).get() == "Editorial review"


def test_each_edit_keeps_a_revision_and_an_earlier_one_can_be_published_again(client, editor, public_site):
    about = public_site.about
    client.force_login(editor)
    before = about.revisions.count()
    for title in ("Despre, prima variantă", "Despre, a doua variantă"):
        client.post(edit_url(about), page_form(title, "despre", "Text.", **{"action-publish": "1"}))
    revisions = list(about.revisions.order_by("-created_at", "-id"))
    assert len(revisions) == before + 2
    first = revisions[1]
    revert = reverse("wagtailadmin_pages:revisions_revert", args=(about.pk, first.pk))
    assert "Despre, prima variantă" in client.get(revert).content.decode()
    first.publish(user=editor)
    about.refresh_from_db()
    assert about.title == "Despre, prima variantă"


def test_the_preview_shows_the_unsaved_title(client, editor, public_site):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=(public_site.about.pk,))
    response = client.post(url, page_form("Titlu nesalvat", "despre", "Text."))
    assert response.json()["is_valid"]
    preview = client.get(url)
    assert preview.status_code == 200
    assert "Titlu nesalvat" in preview.content.decode()
    assert StandardPage.objects.get(pk=public_site.about.pk).title == "Despre portal"


def test_a_scheduled_revision_is_published_when_its_time_comes_and_clears_the_page_cache(public_site):
    about = StandardPage.objects.get(pk=public_site.about.pk)
    about.title = "Despre portal, varianta programată"
    revision = about.save_revision()
    revision.approved_go_live_at = timezone.now() - datetime.timedelta(minutes=1)
    revision.save()
    generation = page_cache.generation()
    publish_scheduled_pages()
    about.refresh_from_db()
    assert about.title == "Despre portal, varianta programată"
    assert page_cache.generation() > generation
