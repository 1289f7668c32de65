"""App configuration of petitions (OG 27/2002) and public-information requests (L 544/2001).

Both are request kinds of the spine and add what the law gives them: forwarding to the competent authority and
filing without an answer. Filing online, extension with notice and the two-step answer come in their own issue."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "petitions"
    verbose_name = _("Petitions")

    def ready(self):
        from services.lifecycle import Status
        from services.registry import Kind, kinds

        from . import lifecycle
        from .workflow import forwarding_flags

        common = {
            "statuses": lifecycle.STATUSES,
            "transitions": lifecycle.TRANSITIONS,
            "event_types": lifecycle.EVENT_TYPES,
            "doors": lifecycle.DOORS,
            "withheld": lifecycle.WITHHELD,
            "queue_flags": forwarding_flags,
            "case_related": ("petition", "answer"),
            "staff_actions": lifecycle.staff_actions(),
            "filing_url": "petitions:file",
            "detail_template": "petitions/_case_detail.html",
            "citizen_template": "petitions/_citizen_detail.html",
        }
        kinds.register(Kind(name="petition", label=_("petition"), outcomes=(Status.ANSWERED,), **common))
        kinds.register(
            Kind(
                name="information",
                label=_("public-information request"),
                # A refusal of information is a decision too (L 544/2001 art. 7 alin. (3)).
                outcomes=(Status.ANSWERED, Status.REJECTED),
                **common,
            )
        )
