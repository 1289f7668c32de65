"""The CAF exercise's improvement plan and its report (page, PDF, XLSX), for the exercise's leader and the quality
managers only: the report holds every member's scores."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from services import calendar

from .. import caf_plan, caf_report, selectors
from ..models import ImprovementArea, SelfAssessment
from .guards import error_text, staff_required

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The report reads the members' scores: it exists once the group sits in consensus, never while members still work
# alone (a leader who is also a member would see the others' work before submitting their own).
REPORT_STATUSES = (SelfAssessment.Status.CONSENSUS, *caf_plan.PLAN_STATUSES)


class AreaForm(forms.Form):
    """Which area for improvement the action answers; shown above the action's own fields, in the same <form>."""

    area = forms.ModelChoiceField(label=gettext_lazy("Area for improvement"), queryset=ImprovementArea.objects.none())

    def __init__(self, *args, assessment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = ImprovementArea.objects.filter(assessment=assessment).select_related(
            "subcriterion"
        )
        self.fields["area"].label_from_instance = lambda area: f"{area.subcriterion.code} — {area.text[:120]}"


def _action_form(*args, **kwargs):
    # Imported here: the actions' forms belong to the action pages, and the plan only borrows the opening one.
    from ..action_forms import ActionForm

    return ActionForm(*args, **kwargs)


def _led_or_403(request, pk):
    assessment = get_object_or_404(SelfAssessment.objects.select_related("model", "department"), pk=pk)
    if not caf_plan.may_lead(request.user, assessment):
        raise PermissionDenied
    return assessment


def action_url(action):
    """The action's own page, once the actions' pages exist."""
    try:
        return reverse("quality:action", args=[action.number])
    except NoReverseMatch:
        return None


def _render_plan(request, assessment, *, area_form=None, action_form=None, status=200):
    may_open = assessment.status in caf_plan.PLAN_STATUSES
    if may_open and area_form is None:
        chosen = request.GET.get("area")
        area_form = AreaForm(assessment=assessment, initial={"area": chosen} if chosen else None)
        action_form = _action_form(department=assessment.department)
    rows = [
        (row, [(planned, action_url(planned.action)) for planned in row.actions]) for row in caf_plan.plan(assessment)
    ]
    return render(
        request,
        "quality/caf_report/plan.html",
        {
            "assessment": assessment,
            "rows": rows,
            "progress": caf_plan.plan_progress(assessment),
            "may_open": may_open,
            "area_form": area_form,
            "action_form": action_form,
            "failed": area_form is not None and bool(area_form.errors or (action_form and action_form.errors)),
            "report_ready": assessment.status in REPORT_STATUSES,
            "today": calendar.today(),
            "is_manager": selectors.is_quality_manager(request.user),
            "is_head": selectors.is_head(request.user),
        },
        status=status,
    )


@staff_required
def plan_page(request, pk):
    """The plan by area, highest priority first; a POST opens an action from one of the areas."""
    assessment = _led_or_403(request, pk)
    if request.method != "POST":
        return _render_plan(request, assessment)
    if assessment.status not in caf_plan.PLAN_STATUSES:
        raise PermissionDenied
    area_form = AreaForm(request.POST, assessment=assessment)
    action_form = _action_form(request.POST, department=assessment.department)
    if area_form.is_valid() and action_form.is_valid():
        area = area_form.cleaned_data["area"]
        try:
            action = caf_plan.open_improvement_action(area, by=request.user, **action_form.open_kwargs())
        except (ValidationError, PermissionDenied) as error:
            action_form.add_error(None, error_text(error))
        else:
            messages.success(request, _("Action %(number)s was opened.") % {"number": action.number})
            return redirect(reverse("quality:caf_plan", args=[assessment.pk]) + f"#area-{area.pk}")
    return _render_plan(request, assessment, area_form=area_form, action_form=action_form, status=400)


def _reported_or_404(request, pk):
    assessment = _led_or_403(request, pk)
    if assessment.status not in REPORT_STATUSES:
        raise Http404(_("The report is ready once the group holds its consensus."))
    return assessment


def _with_names(request):
    return request.GET.get("names", "1") != "0"


@staff_required
def report_page(request, pk):
    assessment = _reported_or_404(request, pk)
    with_names = _with_names(request)
    report = caf_report.report_data(assessment, with_names=with_names)
    return render(
        request,
        "quality/caf_report/report.html",
        {
            "assessment": assessment,
            "report": report,
            "radar": caf_report.radar_svg(report.criteria_scores, report.previous_scores),
            "with_names": with_names,
            "rows": [(row, [(p, action_url(p.action)) for p in row.actions]) for row in report.plan],
            "today": calendar.today(),
            "is_manager": selectors.is_quality_manager(request.user),
            "is_head": selectors.is_head(request.user),
        },
    )


def _download(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required
def report_pdf(request, pk):
    assessment = _reported_or_404(request, pk)
    with_names = _with_names(request)
    pdf = caf_report.render_pdf(assessment, with_names=with_names, language=request.LANGUAGE_CODE)
    return _download(pdf, "application/pdf", caf_report.file_name(assessment, "pdf", with_names=with_names))


@staff_required
def report_xlsx(request, pk):
    assessment = _reported_or_404(request, pk)
    with_names = _with_names(request)
    xlsx = caf_report.render_xlsx(assessment, with_names=with_names)
    return _download(xlsx, XLSX, caf_report.file_name(assessment, "xlsx", with_names=with_names))
