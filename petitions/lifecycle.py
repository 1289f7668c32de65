"""What petitions and information requests add to the shared life of a case: two ways of closing one."""

from django.utils.translation import gettext_lazy as _

from services.lifecycle import UNDER_WAY, EventType, Role, StatusDef, Tone, row
from services.registry import CaseAction

FORWARDED = "forwarded"
CLASSIFIED = "classified"

STATUSES = (
    StatusDef(FORWARDED, _("forwarded"), resolved=True, tone=Tone.PURPLE),
    StatusDef(CLASSIFIED, _("filed without answer"), resolved=True, tone=Tone.GREY),
)
EVENT_TYPES = (
    EventType(FORWARDED, _("forwarded"), detail_template="petitions/_forwarded_event.html"),
    EventType(CLASSIFIED, _("filed without answer")),
)
TRANSITIONS = (
    # Sent to the competent authority (OG 27/2002 art. 6^1; L 544/2001 art. 7), while the request is under way.
    row("forward", UNDER_WAY, [Role.WORKER], [FORWARDED]),
    # Filed without an answer: no identification data (OG 27/2002 art. 7).
    row("classify", UNDER_WAY, [Role.WORKER], [CLASSIFIED]),
)
DOORS = {
    "forward": "petitions.workflow.forward_case",
    "classify": "petitions.workflow.classify_case",
}


def staff_actions():
    from . import forms

    return (
        CaseAction(
            slug="forward",
            label=_("Forward to the competent authority"),
            form_class=forms.ForwardForm,
            action="forward",
            arguments=lambda data: {"authority": data["authority"], "note": data["note"]},
            success_message=_("The case is forwarded to %(authority)s."),
            button_class="govuk-button govuk-button--secondary",
        ),
        CaseAction(
            slug="classify",
            label=_("File without an answer"),
            form_class=forms.ClassifyForm,
            action="classify",
            arguments=lambda data: {"note": data["note"]},
            success_message=_("The case is filed without an answer."),
            button_class="govuk-button govuk-button--secondary",
        ),
    )
