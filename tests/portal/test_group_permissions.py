"""The staff groups get their permissions on the first migrate of a new database, not only on the next one."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission

from quality import roles as quality_roles
from services import roles as service_roles


@pytest.mark.parametrize(
    ("receiver", "app_label", "group", "codename"),
    [
        (service_roles.ensure_groups, "services", service_roles.QUALITY_MANAGERS, "view_all_cases"),
        (quality_roles.ensure_groups, "quality", quality_roles.QUALITY_MANAGERS, "draft_procedureversion"),
    ],
)
def test_a_groups_receiver_makes_the_permissions_it_grants_before_auth_has(db, receiver, app_label, group, codename):
    """The apps come before django.contrib.auth in INSTALLED_APPS: on a new database their post_migrate receivers run
    before auth's has created any permission."""
    Permission.objects.filter(content_type__app_label=app_label, codename=codename).delete()

    receiver(app_config=apps.get_app_config(app_label), using="default")

    assert Group.objects.get(name=group).permissions.filter(codename=codename).exists()
