"""App configuration of the public site's page types."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Public site")

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import roles, signals

        signals.connect()
        post_migrate.connect(roles.ensure_groups, sender=self)
