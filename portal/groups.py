"""Support for the apps' post_migrate receivers that keep their staff groups' permissions in step with the code."""

from django.db import DEFAULT_DB_ALIAS


def make_permissions(**kwargs):
    """Create every app's permissions now, when called as a post_migrate receiver.

    The portal's apps come before django.contrib.auth in INSTALLED_APPS, so their receivers run before auth's
    `create_permissions` has made the permissions of a freshly migrated database: without this, their groups would be
    granted nothing until the next migrate. Idempotent (auth's own receiver then finds them made)."""
    if "app_config" not in kwargs:
        return
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=kwargs.get("using", DEFAULT_DB_ALIAS))
