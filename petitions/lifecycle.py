"""What petitions and information requests add to the shared life of a case: two ways of closing one."""

from django.utils.translation import gettext_lazy as _

from services.lifecycle import UNDER_WAY, EventType, Role, Status, StatusDef, Tone, row
from services.registry import CaseAction

FORWARDED = "forwarded"
CLASSIFIED = "classified"
JOINED = "joined"

STATUSES = (
    StatusDef(FORWARDED, _("forwarded"), resolved=True, tone=Tone.PURPLE),
    StatusDef(CLASSIFIED, _("filed without answer"), resolved=True, tone=Tone.GREY),
    # A repeat joined to the first petition on the same problem: the first one's answer covers it.
    StatusDef(JOINED, _("joined"), tone=Tone.GREY),
)
EVENT_TYPES = (
    EventType(FORWARDED, _("forwarded"), detail_template="petitions/_forwarded_event.html"),
    EventType(CLASSIFIED, _("filed without answer")),
    EventType(JOINED, _("joined to an earlier petition"), detail_template="petitions/_joined_event.html"),
    EventType("answer_drafted", _("answer drafted")),
    EventType("answer_returned", _("answer returned for changes")),
)
TRANSITIONS = (
    # Sent to the competent authority (OG 27/2002 art. 6^1; L 544/2001 art. 7), while the request is under way.
    row("forward", UNDER_WAY, [Role.WORKER], [FORWARDED]),
    # Filed without an answer: no identification data (OG 27/2002 art. 7).
    row("classify", UNDER_WAY, [Role.WORKER], [CLASSIFIED]),
    # A repeated petition of the same petitioner on the same problem (OG 27/2002 art. 10): joined to the first while
    # that is open, classified under its number once it is answered.
    row("join", UNDER_WAY, [Role.WORKER], [JOINED, CLASSIFIED]),
    # The answer is drafted by the department and approved (or returned) by its head; the clerk's direct decision
    # of the other kinds is withheld.
    row("draft_answer", UNDER_WAY, [Role.WORKER]),
    row("return_answer", UNDER_WAY, [Role.HEAD]),
    row("approve_answer", UNDER_WAY, [Role.HEAD], [Status.ANSWERED, Status.REJECTED]),
)
WITHHELD = frozenset({"resolve"})
DOORS = {
    "forward": "petitions.workflow.forward_case",
    "classify": "petitions.workflow.classify_case",
    "join": "petitions.workflow.join_case",
    "draft_answer": "petitions.answers.draft_answer",
    "return_answer": "petitions.answers.return_answer",
    "approve_answer": "petitions.answers.approve_answer",
}


def _awaiting_approval(ctx):
    from .answers import pending_answer

    return pending_answer(ctx.case) is not None


def staff_actions():
    from . import forms

    return (
        CaseAction(
            slug="forward",
            label=_("Forward to the competent authority"),
            form_class=forms.ForwardForm,
            action="forward",
            arguments=lambda data: {"authority": data["authority"], "address": data["address"], "note": data["note"]},
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
        CaseAction(
            slug="join",
            label=_("Join to an earlier petition"),
            form_class=forms.JoinForm,
            action="join",
            arguments=lambda data: {"first": data["first"], "note": data["note"]},
            success_message=_("The petition is joined to %(first)s."),
            button_class="govuk-button govuk-button--secondary",
        ),
        CaseAction(
            slug="draft-answer",
            label=_("Draft the answer"),
            form_class=forms.DraftAnswerForm,
            action="draft_answer",
            arguments=lambda data: {"text": data["text"], "text_hu": data["text_hu"], "outcome": data["outcome"]},
            success_message=_("The answer is submitted to the head of department for approval."),
        ),
        CaseAction(
            slug="approve-answer",
            label=_("Approve and send the answer"),
            form_class=forms.ApproveAnswerForm,
            action="approve_answer",
            available=_awaiting_approval,
            success_message=_("The answer is approved and sent to the petitioner."),
        ),
        CaseAction(
            slug="return-answer",
            label=_("Return the answer for changes"),
            form_class=forms.ReturnAnswerForm,
            action="return_answer",
            arguments=lambda data: {"comment": data["comment"]},
            available=_awaiting_approval,
            success_message=_("The answer is returned to the clerk."),
            button_class="govuk-button govuk-button--secondary",
        ),
    )
