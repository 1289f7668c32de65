"""The actions a clerk or head may take on a case page: each offered only when the workflow would allow it, and
each calling exactly one workflow function. Kinds add their own through services.registry."""

from django.utils.translation import gettext_lazy as _

from .. import calendar as clock
from .. import workflow
from ..models import Status
from ..registry import ActionContext, CaseAction, kind_for
from . import forms


def _can_start_review(ctx: ActionContext):
    return ctx.can_work_on and not ctx.case.is_suspended and Status.IN_REVIEW in workflow.allowed_targets(ctx.case)


def _can_request_completion(ctx: ActionContext):
    return (
        ctx.can_work_on
        and ctx.case.suspension_allowed
        and Status.AWAITING_APPLICANT in workflow.allowed_targets(ctx.case)
    )


def _can_extend(ctx: ActionContext):
    case = ctx.case
    # Without an extension and outside a suspension the due date is the initial one, which the extension must precede.
    return (
        ctx.can_decide_for
        and case.is_open
        and not case.is_suspended
        and case.extension_allowed
        and not case.extension_days
        and case.due_date is not None
        and clock.today() <= case.due_date
    )


def _can_resolve(ctx: ActionContext):
    return ctx.can_work_on and any(s in workflow.allowed_targets(ctx.case) for s in workflow.OUTCOMES)


def _can_forward(ctx: ActionContext):
    return (
        ctx.can_work_on
        and ctx.case.kind in workflow.FORWARDABLE_KINDS
        and Status.FORWARDED in workflow.allowed_targets(ctx.case)
    )


STAFF_ACTIONS = (
    CaseAction(
        slug="assign",
        label=_("Assign"),
        form_class=forms.AssignForm,
        perform=lambda case, by, data: workflow.assign_case(case, assignee=data["assignee"], by=by),
        available=lambda ctx: ctx.can_work_on and ctx.case.is_open,
        success_message=_("The case is assigned to %(assignee)s."),
        button_class="govuk-button govuk-button--secondary",
    ),
    CaseAction(
        slug="start-review",
        label=_("Start the review"),
        form_class=forms.StartReviewForm,
        perform=lambda case, by, data: workflow.start_review(case, by=by),
        available=_can_start_review,
        success_message=_("The review has started."),
    ),
    CaseAction(
        slug="request-completion",
        label=_("Request completion"),
        form_class=forms.RequestCompletionForm,
        perform=lambda case, by, data: workflow.request_completion(case, by=by, note=data["note"]),
        available=_can_request_completion,
        success_message=_("The applicant has been asked to complete the file. The time limit is suspended."),
        button_class="govuk-button govuk-button--secondary",
    ),
    CaseAction(
        slug="record-completion",
        label=_("Record the completion"),
        form_class=forms.RecordCompletionForm,
        perform=lambda case, by, data: workflow.record_completion(case, by=by, note=data["note"]),
        available=lambda ctx: ctx.can_work_on and ctx.case.status == Status.AWAITING_APPLICANT,
        success_message=_("The completion is recorded. The time limit runs again."),
    ),
    CaseAction(
        slug="extend",
        label=_("Extend the time limit"),
        form_class=forms.ExtendDeadlineForm,
        perform=lambda case, by, data: workflow.extend_deadline(case, by=by, days=data["days"], reason=data["reason"]),
        available=_can_extend,
        success_message=_("The time limit is extended by %(days)s days."),
        button_class="govuk-button govuk-button--secondary",
    ),
    CaseAction(
        slug="resolve",
        label=_("Resolve the case"),
        form_class=forms.ResolveForm,
        perform=lambda case, by, data: workflow.resolve_case(case, by=by, outcome=data["outcome"], note=data["note"]),
        available=_can_resolve,
        success_message=_("The case is resolved."),
    ),
    CaseAction(
        slug="forward",
        label=_("Forward to the competent authority"),
        form_class=forms.ForwardForm,
        perform=lambda case, by, data: workflow.forward_case(
            case, by=by, authority=data["authority"], note=data["note"]
        ),
        available=_can_forward,
        success_message=_("The case is forwarded to %(authority)s."),
        button_class="govuk-button govuk-button--secondary",
    ),
    CaseAction(
        slug="note",
        label=_("Add an internal note"),
        form_class=forms.NoteForm,
        perform=lambda case, by, data: workflow.add_note(case, by=by, note=data["note"]),
        available=lambda ctx: ctx.can_work_on,
        success_message=_("The note is added."),
        button_class="govuk-button govuk-button--secondary",
    ),
    CaseAction(
        slug="message",
        label=_("Send a message to the applicant"),
        form_class=forms.MessageForm,
        perform=lambda case, by, data: workflow.message_applicant(case, by=by, message=data["message"]),
        available=lambda ctx: ctx.can_work_on,
        success_message=_("The message is sent to the applicant."),
        button_class="govuk-button govuk-button--secondary",
    ),
)


def all_actions(case):
    """The spine's actions followed by those the case's kind registered."""
    return STAFF_ACTIONS + kind_for(case).staff_actions


def available_actions(ctx: ActionContext):
    return [action for action in all_actions(ctx.case) if action.available(ctx)]


def find_action(case, slug):
    return next((action for action in all_actions(case) if action.slug == slug), None)
