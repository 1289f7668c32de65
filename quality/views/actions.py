"""The actions' pages: the list (the quality manager's of every department, staff's of their own), an action's page
with the steps the viewer may take, and its evidence files, served only to who may see the action."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from portal.uploads import refusal_errors, with_upload_limits
from services import calendar

from .. import actions as lifecycle
from .. import selectors
from ..action_forms import STEP_FORMS, ActionFilterForm
from ..indicators import CATALOGUE
from ..models import Action
from .guards import error_text, staff_required

SUCCESS = {
    "start": gettext_lazy("The action was started."),
    "evidence": gettext_lazy("The evidence was added."),
    "close": gettext_lazy("The action was closed."),
    "cancel": gettext_lazy("The action was cancelled."),
    "version": gettext_lazy("The procedure version was recorded."),
}


@staff_required
def action_list(request):
    today = calendar.today()
    form = ActionFilterForm(request.GET, departments=lifecycle.list_departments(request.user))
    found = lifecycle.action_list(request.user, today=today, **form.filters())
    page = Paginator(found, settings.QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "quality/actions/list.html",
        {
            "filter_form": form,
            "page": page,
            "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
            "actions": list(page),
            "today": today,
            "is_manager": selectors.is_quality_manager(request.user),
            "is_head": selectors.is_head(request.user),
        },
    )


def _action_or_404(user, number):
    action = lifecycle.action_for(user, number)
    if action is None:
        raise Http404(_("No such action among those you may see."))
    return action


def offered_steps(user, action):
    """The steps the person may take on the action now, by slug, in the order of its life."""
    worker = lifecycle.may_work_on(user, action)
    manager = selectors.is_quality_manager(user)
    offered = []
    if worker and action.status == Action.Status.PLANNED:
        offered.append("start")
    if worker and action.is_open:
        offered += ["evidence", "close"]
    if worker and action.procedure_id and action.status != Action.Status.CANCELLED:
        offered.append("version")
    if manager and action.is_open:
        offered.append("cancel")
    return offered


def _form(slug, action, data=None, files=None):
    return STEP_FORMS[slug](data, files, action=action, prefix=slug)


def _render_action(request, action, *, failed=None, failed_form=None, status=200):
    offered = offered_steps(request.user, action)
    steps = [(slug, failed_form if slug == failed else _form(slug, action)) for slug in offered]
    if failed_form is not None and failed not in offered:
        # The step is no longer offered (someone took it meanwhile): its refusal is said above the page.
        messages.error(request, " ".join(str(e) for errors in failed_form.errors.values() for e in errors))
    evidence = lifecycle.evidence_of(action)
    return render(
        request,
        "quality/actions/action.html",
        {
            "action": action,
            "indicator": CATALOGUE.get(action.indicator, ""),
            "evidence": evidence,
            "events": lifecycle.log_of(action),
            "steps": steps,
            "failed_form": failed_form,
            "today": calendar.today(),
            "is_manager": selectors.is_quality_manager(request.user),
            "is_head": selectors.is_head(request.user),
        },
        status=status,
    )


@staff_required
def action_page(request, number):
    return _render_action(request, _action_or_404(request.user, number))


def _perform(slug, action, user, data):
    if slug == "start":
        return lifecycle.start_action(action, by=user)
    if slug == "evidence":
        return lifecycle.add_evidence(action, by=user, note=data["note"], file=data["file"], link=data["link"])
    if slug == "close":
        return lifecycle.close_action(
            action, by=user, note=data["note"], procedure_version=data.get("procedure_version")
        )
    if slug == "cancel":
        return lifecycle.cancel_action(action, by=user, reason=data["reason"])
    if slug == "version":
        return lifecycle.link_procedure_version(action, by=user, version=data["version"])
    raise Http404


@require_POST
@staff_required
@with_upload_limits({"evidence-file": lifecycle.EVIDENCE_MAX_BYTES})
def action_step(request, number, step):
    """One step on an action: its form, one call of `quality.actions`, then back to the action's page. A refused
    upload keeps what was typed."""
    if step not in STEP_FORMS:
        raise Http404(_("No such step."))
    action = _action_or_404(request.user, number)
    form = _form(step, action, request.POST, request.FILES)
    for name, errors in refusal_errors(request).items():  # stopped while arriving: larger than the limit
        field = name.removeprefix(f"{step}-")
        form.add_error(field if field in form.fields else None, errors)
    if form.is_valid():
        try:
            _perform(step, action, request.user, form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(request, SUCCESS[step])
            return redirect("quality:action", number=action.number)
    return _render_action(request, action, failed=step, failed_form=form)


@staff_required
def action_evidence_file(request, number, pk):
    """An evidence file, to who may see its action; to anyone else it does not exist."""
    action = _action_or_404(request.user, number)
    evidence = action.evidence.filter(pk=pk).exclude(file="").first()
    if evidence is None:
        raise Http404(_("No such evidence file."))
    response = FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.file_name)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
