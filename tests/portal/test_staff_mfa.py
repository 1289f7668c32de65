"""Every account that can reach the admin or the back office must use two-factor sign-in."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from portal.models import User
from tests.factories import UserFactory


@pytest.mark.django_db
def test_an_administrator_created_in_wagtail_is_a_staff_account():
    user = User.objects.create_user("admin2@primarie.ro", "Parola-lunga-2026", is_superuser=True)
    assert user.is_staff


@pytest.mark.django_db
def test_joining_a_group_with_admin_access_makes_a_staff_account():
    user = UserFactory()
    editors = Group.objects.get_or_create(name="Editors")[0]
    editors.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    user.groups.add(editors)
    user.refresh_from_db()
    assert user.is_staff


@pytest.mark.django_db
def test_granting_admin_access_to_a_group_makes_its_members_staff():
    user = UserFactory()
    group = Group.objects.create(name="Comunicare")
    user.groups.add(group)
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    user.refresh_from_db()
    assert user.is_staff


@pytest.mark.django_db
def test_the_admin_asks_any_account_without_an_authenticator_to_set_one_up(client):
    user = UserFactory()
    user.is_superuser = True
    User.objects.filter(pk=user.pk).update(is_superuser=True)  # flags set behind the model's back
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))


@pytest.mark.django_db
def test_the_way_back_after_setting_up_the_authenticator_keeps_the_whole_address(client):
    from tests.factories import StaffFactory

    client.force_login(StaffFactory(totp=False))
    response = client.get("/birou/?status=closed&page=2")
    assert parse_qs(urlsplit(response["Location"]).query)["next"] == ["/birou/?status=closed&page=2"]


@pytest.mark.django_db
def test_a_citizen_is_not_asked_for_two_factor_sign_in(client):
    client.force_login(UserFactory())
    assert client.get(reverse("portal:profile")).status_code == 200
