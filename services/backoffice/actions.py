"""The actions a clerk or head may take on a case page: each offered only when the transition table lets this person
take it in the case's current status, and each performed by its action's one door. Kinds add theirs through
services.registry."""

from django.utils.translation import gettext_lazy as _

from .. import calendar as clock
from .. import workflow
from ..registry import ActionContext, CaseAction, kinds
from . import forms


def _can_extend(ctx: ActionContext):
    case = ctx.case
    # Without an extension and outside a suspension the due date is the initial one, which the extension must precede.
    return (
        case.extension_allowed
        and not case.extension_days
        and case.due_date is not None
        and (clock.today() <= case.due_date)
    )


STAFF_ACTIONS = (
    CaseAction(
        slug="assign",
        label=_("Assign"),
        form_class=forms.AssignForm,
        action="assign",
        arguments=lambda data: {"assignee": data["assignee"]},
        success_message=_("The case is assigned to %(assignee)s."),
        button_class="govuk-button govuk-button--secondary",
    ),
    CaseAction(
        slug="start-review",
        label=_("Start the review"),
        form_class=forms.StartReviewForm,
        action="start_review",
        success_message=_("The review has started."),
    ),
    CaseAction(
        slug="request-completion",
        label=_("Request completion"),
        form_class=forms.RequestCompletionForm,
        action="request_completion",
        arguments=lambda data: {"note": data["note"]},
        available=lambda ctx: ctx.case.suspension_allowed,
        success_message=_("The applicant has been asked to complete the file. The time limit is suspended."),
        button_class="govuk-button govuk-button--secondary",
    ),
    CaseAction(
        slug="record-completion",
        label=_("Record the completion"),
        form_class=forms.RecordCompletionForm,
        action="record_completion",
        arguments=lambda data: {"note": data["note"]},
        success_message=_("The completion is recorded. The time limit runs again."),
    ),
    CaseAction(
        slug="extend",
        label=_("Extend the time limit"),
        form_class=forms.ExtendDeadlineForm,
        action="extend",
        arguments=lambda data: {"days": data["days"], "reason": data["reason"]},
        available=_can_extend,
        success_message=_("The time limit is extended by %(days)s days."),
        button_class="govuk-button govuk-button--secondary",
    ),
    CaseAction(
        slug="resolve",
        label=_("Resolve the case"),
        form_class=forms.ResolveForm,
        action="resolve",
        arguments=lambda data: {"outcome": data["outcome"], "note": data["note"]},
        success_message=_("The case is resolved."),
    ),
    CaseAction(
        slug="return-to-registry",
        label=_("Send back to the registry"),
        form_class=forms.ReturnToRegistryForm,
        action="return_to_registry",
        arguments=lambda data: {"reason": data["reason"]},
        available=lambda ctx: not ctx.case.returned_to_registry,
        success_message=_("The case is sent back to the registry, which will distribute it again."),
        button_class="govuk-button govuk-button--secondary",
    ),
    CaseAction(
        slug="note",
        label=_("Add an internal note"),
        form_class=forms.NoteForm,
        action="note",
        arguments=lambda data: {"note": data["note"]},
        success_message=_("The note is added."),
        button_class="govuk-button govuk-button--secondary",
    ),
    CaseAction(
        slug="message",
        label=_("Send a message to the applicant"),
        form_class=forms.MessageForm,
        action="message",
        arguments=lambda data: {"message": data["message"]},
        success_message=_("The message is sent to the applicant."),
        button_class="govuk-button govuk-button--secondary",
    ),
)


def all_actions(case):
    """The spine's actions followed by those the case's kind registered."""
    return STAFF_ACTIONS + kinds.staff_actions(case.kind)


def available_actions(ctx: ActionContext):
    return [action for action in all_actions(ctx.case) if workflow.offered(action, ctx)]


def find_action(case, slug):
    return next((action for action in all_actions(case) if action.slug == slug), None)
