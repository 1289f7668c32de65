"""The quality manager's pages: the register of procedures and a procedure's page with the steps of its versions."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from .. import distribution, reviews, roles, selectors, workflow
from ..forms import ACTION_FORMS, RegisterFilterForm, StartVersionForm
from ..models import ProcedureVersion
from .guards import error_text, manager_required

S = ProcedureVersion.Status

SUCCESS = {
    "start": gettext_lazy("The new version was drafted."),
    "submit": gettext_lazy("The version was sent for verification."),
    "verify": gettext_lazy("The version was verified and sent for approval."),
    "approve": gettext_lazy("The version was approved."),
    "return": gettext_lazy("The version was returned to its drafter."),
    "withdraw": gettext_lazy("The procedure was withdrawn."),
    "distribute": gettext_lazy("The line was added to the distribution list."),
    "review": gettext_lazy("The review was recorded."),
}


@manager_required
def register(request):
    today = timezone.localdate()
    form = RegisterFilterForm(request.GET, departments=selectors.register_departments())
    procedures = selectors.register(**form.filters(), today=today)
    page = Paginator(procedures, settings.QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "quality/register.html",
        {
            "filter_form": form,
            "page": page,
            "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
            "rows": [selectors.register_row(procedure, today=today) for procedure in page],
            "today": today,
            "is_manager": True,
            "is_head": selectors.is_head(request.user),
        },
    )


def _procedure_or_404(code):
    procedure = selectors.procedure_by_code(code)
    if procedure is None:
        raise Http404(_("No procedure with this code."))
    return procedure


def _offered(user, versions):
    """The steps the person may take now, by slug, with the version each applies to."""
    in_force = next((v for v in versions if v.status == S.EFFECTIVE), None)
    in_progress = next((v for v in versions if v.status in (S.DRAFT, S.IN_VERIFICATION, S.IN_APPROVAL)), None)
    can = {permission: roles.can(user, permission) for permission in (roles.DRAFT, roles.VERIFY, roles.APPROVE)}
    offered = {}
    if in_progress is None and can[roles.DRAFT]:
        offered["start"] = None
    if in_progress is not None:
        if in_progress.status == S.DRAFT and (can[roles.DRAFT] or in_progress.drafted_by_id == user.pk):
            offered["submit"] = in_progress
        if in_progress.status == S.IN_VERIFICATION and can[roles.VERIFY]:
            offered["verify"] = in_progress
            offered["return"] = in_progress
        if in_progress.status == S.IN_APPROVAL and can[roles.APPROVE]:
            offered["approve"] = in_progress
            offered["return"] = in_progress
    if in_force is not None and can[roles.APPROVE]:
        offered["withdraw"] = in_force
    if in_force is not None and reviews.may_review(user, in_force.procedure):
        offered["review"] = in_force
    target = selectors.distribution_target(in_progress, in_force)
    if target is not None and can[roles.DRAFT]:
        offered["distribute"] = target
    return offered, in_force, in_progress


def _form(slug, data=None, files=None, *, function=""):
    form_class = StartVersionForm if slug == "start" else ACTION_FORMS[slug]
    initial = {"function": function} if "function" in form_class.base_fields else None
    return form_class(data, files, initial=initial, prefix=slug)


def _render_procedure(request, procedure, *, failed=None, failed_form=None, status=200):
    versions = selectors.versions_of(procedure)
    offered, in_force, in_progress = _offered(request.user, versions)
    function = selectors.last_function(request.user)
    actions = [
        (slug, version, failed_form if slug == failed else _form(slug, function=function))
        for slug, version in offered.items()
    ]
    if failed_form is not None and failed not in offered:
        # The step is no longer offered (someone took it meanwhile): its refusal is said above the page.
        messages.error(request, " ".join(str(e) for errors in failed_form.errors.values() for e in errors))
    target = offered.get("distribute") or selectors.distribution_target(in_progress, in_force)
    return render(
        request,
        "quality/procedure.html",
        {
            "procedure": procedure,
            "versions": versions,
            "in_force": in_force,
            "in_progress": in_progress,
            "policy": selectors.review_policy_of(procedure),
            "reviews": procedure.reviews.select_related("version", "reviewed_by")[:10],
            "sign_offs": selectors.sign_offs_of(procedure),
            "distribution_version": target,
            "distribution": selectors.distribution_of(target),
            "matrix": selectors.acknowledgement_matrix(versions),
            "actions": actions,
            "failed_form": failed_form,
            "today": timezone.localdate(),
            "is_manager": True,
            "is_head": selectors.is_head(request.user),
        },
        status=status,
    )


@manager_required
def procedure_page(request, code):
    return _render_procedure(request, _procedure_or_404(code))


def _perform(slug, version, procedure, user, data):
    if slug == "start":
        return workflow.start_version(
            procedure,
            by=user,
            function=data["function"],
            component=data["component"],
            change_summary=data["change_summary"],
            document=data["document"],
            source=data.get("source") or None,
            new_edition=data["new_edition"],
        )
    if slug == "submit":
        return workflow.submit_for_verification(version, by=user)
    if slug == "verify":
        return workflow.verify(version, by=user, function=data["function"], comment=data["comment"])
    if slug == "approve":
        return workflow.approve(
            version,
            by=user,
            function=data["function"],
            effective_date=data["effective_date"],
            comment=data["comment"],
        )
    if slug == "return":
        return workflow.return_to_draft(version, by=user, function=data["function"], comment=data["comment"])
    if slug == "withdraw":
        return workflow.withdraw(version, by=user, function=data["function"], reason=data["reason"])
    if slug == "review":
        return reviews.record_review(
            procedure, by=user, outcome=data["outcome"], notes=data["notes"], today=timezone.localdate()
        )
    if slug == "distribute":
        return distribution.distribute(
            version,
            by=user,
            department=data["department"],
            group=data["group"],
            person=data["person"],
            purpose=data["purpose"],
        )
    raise Http404


@require_POST
@manager_required
def procedure_action(request, code, action, pk=None):
    """One step on a procedure or one of its versions: its form, one call of the workflow, then back to the page."""
    procedure = _procedure_or_404(code)
    if action != "start" and action not in ACTION_FORMS:
        raise Http404(_("No such step."))
    version = None
    if pk is not None:
        version = procedure.versions.filter(pk=pk).first()
        if version is None:
            raise Http404(_("No such version of this procedure."))
    form = _form(action, request.POST, request.FILES)
    if form.is_valid():
        try:
            _perform(action, version, procedure, request.user, form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(request, SUCCESS[action])
            return redirect("quality:procedure", code=procedure.code)
    return _render_procedure(request, procedure, failed=action, failed_form=form)
