"""The editors publish investments from the Wagtail admin; nobody else may, and the history keeps who did it."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from cms.roles import editors_group
from investments.models import Change, Investment, Stage
from tests.factories import StaffFactory
from tests.investments.factories import InvestmentFactory, StageFactory
from tests.investments.public_helpers import detail, draft_fixture, published_fixture  # noqa: F401 (the fixtures)

pytestmark = pytest.mark.django_db
PAGE = reverse("investments_admin:publication")
# Session, user, permissions (own and groups), Wagtail's admin furniture (menu, locale, site settings), the page's
# count and investments, and the figures' prefetching queries: never per investment.
PAGE_QUERIES = 19


@pytest.fixture(autouse=True)
def _english_admin(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def editor(db):
    """A member of "Editori", the group that runs the public site (cms.roles)."""
    user = StaffFactory(email="editor@primarie.ro")
    user.groups.add(editors_group())
    return user


@pytest.fixture
def admin_user_without_publishing(db):
    """Someone who may enter the Wagtail admin but not publish investments."""
    user = StaffFactory(email="pagini@primarie.ro")
    user.user_permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    return user


def post(client, investment, action):
    return client.post(PAGE, {"investment": investment.pk, "action": action})


def test_an_editor_sees_every_investment_and_whether_it_is_published(client, editor, published, draft):
    client.force_login(editor)
    response = client.get(PAGE)
    assert response.status_code == 200
    page = response.content.decode()
    for investment in (published, draft):
        assert investment.code in page
    assert "Contract signed" in page  # the published one's stage reached
    assert "not published" in page and "published" in page
    assert 'value="publish"' in page and 'value="unpublish"' in page


def test_an_editor_publishes_and_the_history_keeps_it(client, editor, draft):
    client.force_login(editor)
    assert client.get(detail(draft)).status_code == 404
    response = post(client, draft, "publish")
    assert response.status_code == 302 and response["Location"] == PAGE
    draft.refresh_from_db()
    assert draft.published and draft.published_by == editor and draft.published_at
    change = Change.objects.get(investment=draft, actor=editor)
    assert (change.old_value, change.new_value) == ("no", "yes")
    client.logout()
    assert client.get(detail(draft)).status_code == 200


def test_an_editor_unpublishes_and_the_public_page_is_gone(client, editor, published):
    client.force_login(editor)
    post(client, published, "unpublish")
    published.refresh_from_db()
    assert not published.published
    assert Change.objects.filter(investment=published, actor=editor, new_value="no").exists()
    client.logout()
    assert client.get(detail(published)).status_code == 404


def test_a_clerk_cannot_reach_the_publication_page_nor_publish(client, clerk, draft):
    client.force_login(clerk)
    assert client.get(PAGE).status_code == 302
    post(client, draft, "publish")
    assert not Investment.objects.get(pk=draft.pk).published
    assert not Change.objects.filter(investment=draft).exists()


def test_the_admin_without_the_publishing_permission_is_turned_away(client, admin_user_without_publishing, draft):
    client.force_login(admin_user_without_publishing)
    response = client.get(PAGE)
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    post(client, draft, "publish")
    assert not Investment.objects.get(pk=draft.pk).published


def test_the_menu_item_is_shown_to_editors_only(client, editor, admin_user_without_publishing):
    client.force_login(editor)
    assert PAGE in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(admin_user_without_publishing)
    assert PAGE not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_an_unknown_action_changes_nothing(client, editor, draft):
    client.force_login(editor)
    assert post(client, draft, "delete").status_code == 302
    assert not Investment.objects.get(pk=draft.pk).published


def test_the_publication_page_makes_a_fixed_number_of_queries(
    client, editor, department, django_assert_max_num_queries
):
    for number in range(30):
        investment = InvestmentFactory(department=department, code=f"INV-{number:03d}", is_published=number % 2)
        StageFactory(investment=investment, kind=Stage.Kind.FEASIBILITY, done=True)
    client.force_login(editor)
    client.get(PAGE)  # Wagtail's first admin page caches what it reads once
    with django_assert_max_num_queries(PAGE_QUERIES):
        assert client.get(PAGE).status_code == 200
