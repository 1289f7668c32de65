"""App configuration of the permits kind: urbanism certificates, building and demolition permits and the like.

Its application wizard and completeness review come in their own issue; until then it registers the kind, so its
cases are numbered, queued and decided through the spine like any other."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PermitsConfig(AppConfig):
    name = "services.permits"
    label = "permits"
    verbose_name = _("Permits and certificates")

    def ready(self):
        from services.lifecycle import Status
        from services.registry import Kind, kinds

        kinds.register(
            Kind(
                name="permit",
                label=_("permit or certificate"),
                outcomes=(Status.APPROVED, Status.REJECTED),
            )
        )
