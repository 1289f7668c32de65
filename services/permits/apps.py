"""App configuration of the permits kind: urbanism certificates, building and demolition permits and the like.

A signed-in citizen applies online with the property's identifiers and one file per required document; the case is
numbered, queued, completed and decided through the spine like any other."""

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
                filing_url="permits:apply",
                detail_template="permits/_application.html",
                citizen_template="permits/_application.html",
                case_related=("permit_application",),
                outcomes=(Status.APPROVED, Status.REJECTED),
            )
        )
