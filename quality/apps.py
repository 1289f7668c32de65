"""The quality manager's tools: the ISO documented information (procedure versions, sign-offs, distribution,
acknowledgement, periodic review, the auditor's export)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QualityConfig(AppConfig):
    name = "quality"
    verbose_name = _("Quality management")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate

        from portal import navigation
        from services.dashboard import extensions

        from . import caf_loading, roles

        post_migrate.connect(roles.ensure_groups, sender=self)
        # The CAF reference model is data the exercises need: back after a flush, like the groups.
        post_migrate.connect(caf_loading.ensure_reference, sender=self)
        # Every staff member reads procedures; the register and the heads' view are linked from that page.
        navigation.register(
            _("Procedures"),
            "quality:to_read",
            visible=lambda user: user.is_authenticated and user.is_staff,
            order=65,
        )
        # The indicators page links the quality system's (its viewers are the same: every link shown there is theirs).
        extensions.register(_("Quality system indicators"), "quality_reports:indicators", visible=lambda user: True)
