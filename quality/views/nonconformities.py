"""The nonconformity register's pages: the register (the quality manager's of every department, staff's of their
own), a nonconformity's page with the step the viewer may take, and the opening by hand."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from .. import nonconformities as register_rules
from .. import nonconformity_selectors as found
from .. import selectors
from ..nonconformity_forms import STEP_FORMS, OpenForm, RegisterFilterForm
from .guards import error_text, staff_required

SUCCESS = {
    "analyse": gettext_lazy("The analysis was recorded."),
    "decide": gettext_lazy("The decision was recorded."),
    "verify": gettext_lazy("The verification was recorded."),
}


def _nav(user):
    return {"is_manager": selectors.is_quality_manager(user), "is_head": selectors.is_head(user)}


def _refused(form, error):
    """The workflow's refusal on the form: on its field when it names one, above the form otherwise."""
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error_text(error))


@staff_required
def register(request):
    user = request.user
    form = RegisterFilterForm(
        request.GET, departments=found.filter_departments(user), procedures=found.filter_procedures(user)
    )
    ncs = found.register(user, **form.filters())
    page = Paginator(ncs, settings.QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "quality/nonconformities/register.html",
        {
            "filter_form": form,
            "page": page,
            "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
            "nonconformities": list(page),
            **_nav(user),
        },
    )


def _nonconformity_or_404(user, number):
    nc = found.nonconformity_for(user, number)
    if nc is None:
        raise Http404(_("No such nonconformity among those you may see."))
    return nc


def _form(slug, nc, data=None):
    if slug == "decide":
        return STEP_FORMS[slug](data, nonconformity=nc, prefix=slug)
    return STEP_FORMS[slug](data, prefix=slug)


def _render(request, nc, *, failed=None, failed_form=None, status=200):
    offered = register_rules.steps_for(request.user, nc)
    steps = [(slug, failed_form if slug == failed else _form(slug, nc)) for slug in offered]
    if failed_form is not None and failed not in offered:
        # The step is no longer offered (someone took it meanwhile): its refusal is said above the page.
        messages.error(request, " ".join(str(e) for errors in failed_form.errors.values() for e in errors))
    return render(
        request,
        "quality/nonconformities/nonconformity.html",
        {
            "nc": nc,
            "actions": found.actions_of(nc),
            "events": found.log_of(nc),
            "steps": steps,
            "failed_form": failed_form,
            **_nav(request.user),
        },
        status=status,
    )


@staff_required
def nonconformity(request, number):
    return _render(request, _nonconformity_or_404(request.user, number))


def _perform(slug, nc, user, form):
    data = form.cleaned_data
    if slug == "analyse":
        return register_rules.record_analysis(
            nc, by=user, cause=data["cause"], cause_detail=data["cause_detail"], correction=data["correction"]
        )
    if slug == "decide":
        needed = data["action_needed"] == "yes"
        return register_rules.decide(
            nc, by=user, action_needed=needed, note=data["note"], action=form.action() if needed else None
        )
    if slug == "verify":
        return register_rules.verify_effectiveness(
            nc, by=user, effective=data["effective"] == "yes", note=data["note"]
        )
    raise Http404


@require_POST
@staff_required
def nonconformity_step(request, number, step):
    """One step on a nonconformity: its form, one call of `quality.nonconformities`, then back to its page. A
    refusal keeps what was typed."""
    if step not in STEP_FORMS:
        raise Http404(_("No such step."))
    nc = _nonconformity_or_404(request.user, number)
    form = _form(step, nc, request.POST)
    if form.is_valid():
        try:
            _perform(step, nc, request.user, form)
        except (ValidationError, PermissionDenied) as error:
            _refused(form, error)
        else:
            messages.success(request, SUCCESS[step])
            return redirect("quality:nonconformity", number=nc.number)
    return _render(request, nc, failed=step, failed_form=form)


@staff_required
def open_nonconformity(request):
    user = request.user
    manager = selectors.is_quality_manager(user)
    options = {"departments": found.filter_departments(user), "manager": manager}
    initial = {}
    if manager and request.GET.get("rating"):
        initial = {"source": register_rules.Source.RATING, "rating": request.GET["rating"]}
    form = OpenForm(request.POST or None, initial=initial, **options)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            nc = register_rules.open_nonconformity(
                source=data["source"],
                department=data.get("department"),
                description=data.get("description") or "",
                by=user,
                case=data.get("case"),
                procedure=data.get("procedure"),
                rating=data.get("rating"),
                detected_on=data.get("detected_on"),
            )
        except (ValidationError, PermissionDenied) as error:
            _refused(form, error)
        else:
            messages.success(request, _("Nonconformity %(number)s was opened.") % {"number": nc.number})
            return redirect("quality:nonconformity", number=nc.number)
    return render(
        request,
        "quality/nonconformities/open.html",
        {"form": form, **_nav(user)},
        status=400 if form.errors else 200,
    )
