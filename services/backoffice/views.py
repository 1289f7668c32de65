"""The clerks' back office: the queue (with bulk assignment and CSV export) and the case page with its actions."""

from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from portal.spreadsheets import csv_download

from .. import calendar as clock
from .. import permissions, workflow
from ..registry import ActionContext, kind_for
from .actions import available_actions, find_action
from .forms import BulkAssignForm, QueueFilterForm
from .selectors import (
    ASSIGNEE_ME,
    ASSIGNEE_UNASSIGNED,
    SORT_APPLICANT,
    SORT_ASC,
    SORT_ASSIGNEE,
    SORT_DESC,
    SORT_DUE,
    SORT_LEFT,
    SORT_NUMBER,
    SORT_REGISTERED,
    SORT_SERVICE,
    SORT_STATUS,
    assignable_staff,
    case_for_page,
    may_use_back_office,
    queue_cases,
    queue_row,
    queue_services,
    visible_cases,
    visible_staff,
)

# Romanian and Hungarian Excel split CSV columns on the list separator of those locales, the semicolon.


def back_office(view):
    """Signed-in staff of a department, or the quality manager; anyone else is refused."""

    @wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        if not may_use_back_office(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _error_text(error):
    if isinstance(error, ValidationError):
        return " ".join(str(message) for message in error.messages)
    return str(error) or _("You may not do this for this case.")


# The queue's columns that sort, in the table's order: the sort key, the header, whether it holds numbers.
QUEUE_COLUMNS = (
    (SORT_NUMBER, gettext_lazy("Registration number"), False),
    (SORT_SERVICE, gettext_lazy("Service"), False),
    (SORT_APPLICANT, gettext_lazy("Applicant"), False),
    (SORT_STATUS, gettext_lazy("Status"), False),
    (SORT_ASSIGNEE, gettext_lazy("Assigned to"), False),
    (SORT_REGISTERED, gettext_lazy("Registered on"), False),
    (SORT_DUE, gettext_lazy("Due date"), False),
    (SORT_LEFT, gettext_lazy("Working days left"), True),
)


@dataclass(frozen=True)
class SortColumn:
    """A header of the queue's table: its link sorts by the column, ascending first, the other way once sorted."""

    key: str
    label: str
    numeric: bool
    aria_sort: str | None  # "ascending" or "descending" on the column the table is sorted by
    next_dir: str


def _sort_columns(filters):
    sort, descending = filters.get("sort"), filters.get("dir") == SORT_DESC
    columns = []
    for key, label, numeric in QUEUE_COLUMNS:
        if key == sort:
            aria_sort, next_dir = ("descending", SORT_ASC) if descending else ("ascending", SORT_DESC)
        else:
            aria_sort, next_dir = None, SORT_ASC
        columns.append(SortColumn(key, label, numeric, aria_sort, next_dir))
    return columns


def _filter_form(request):
    return QueueFilterForm(request.GET, staff=list(visible_staff(request.user)), services=queue_services(request.user))


@back_office
def queue(request):
    today = clock.today()
    form = _filter_form(request)
    filters = form.filters()
    staff = list(assignable_staff(request.user))
    cases = queue_cases(request.user, filters, today=today)
    page = Paginator(cases, settings.QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    calendar = clock.institution_calendar()
    rows = [queue_row(case, today=today, calendar=calendar) for case in page]
    return render(
        request,
        "services/backoffice/queue.html",
        {
            "filter_form": form,
            "assign_form": BulkAssignForm(staff=staff) if staff else None,
            "page": page,
            "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
            "rows": rows,
            "today": today,
            "columns": _sort_columns(filters),
            "sorted": filters.get("sort"),
            "assignee_view": filters.get("assignee", ""),
            "ASSIGNEE_ME": ASSIGNEE_ME,
            "ASSIGNEE_UNASSIGNED": ASSIGNEE_UNASSIGNED,
        },
    )


@back_office
def queue_csv(request):
    """Every case matching the queue's filters (not only one page) in the queue's order, for Excel: UTF-8 with a
    byte-order mark."""
    today = clock.today()
    form = _filter_form(request)
    cases = queue_cases(request.user, form.filters(), today=today)
    calendar = clock.institution_calendar()
    response, writer = csv_download(f"dosare-{today.isoformat()}.csv")
    writer.writerow(
        [
            _("Registration number"),
            _("Service"),
            _("Applicant"),
            _("Status"),
            _("Assigned to"),
            _("Registered on"),
            _("Due date"),
            _("Working days left"),
            _("Flags"),
        ]
    )
    for case in cases.iterator(chunk_size=500):
        row = queue_row(case, today=today, calendar=calendar)
        flags = [
            label
            for on, label in (
                (row.overdue, _("overdue")),
                (row.due_soon, _("due soon")),
                (row.suspended, _("suspended")),
            )
            if on
        ]
        writer.writerow(
            [
                case.registration_number,
                str(case.service),
                case.applicant_name,
                case.get_status_display(),
                case.assignee.display_name if case.assignee else "",
                date_format(case.registered_on, "SHORT_DATE_FORMAT"),
                date_format(case.due_date, "SHORT_DATE_FORMAT") if case.due_date else "",
                "" if row.working_days_left is None else row.working_days_left,
                ", ".join(flags),
            ]
        )
    return response


def _back_to_queue(request):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("backoffice:queue")


@require_POST
@back_office
def assign_cases(request):
    """Bulk assignment from the queue: each case goes through the workflow; refusals are reported per case."""
    form = BulkAssignForm(request.POST, staff=list(assignable_staff(request.user)))
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return _back_to_queue(request)
    wanted = form.cleaned_data["cases"]
    assignee = form.cleaned_data["assignee"]
    # An id the database's integer cannot hold names no case; querying it would overflow the driver.
    from django.db import connection

    from ..models import Case

    low, high = connection.ops.integer_field_range(Case._meta.pk.get_internal_type())
    cases = visible_cases(request.user, [pk for pk in wanted if low <= pk <= high])
    if len(cases) < len(wanted):
        missing = len(wanted) - len(cases)
        messages.error(
            request,
            ngettext(
                "%(count)d selected case is not one of your departments' cases.",
                "%(count)d selected cases are not your departments' cases.",
                missing,
            )
            % {"count": missing},
        )
    assigned = 0
    for case in cases:
        try:
            workflow.assign_case(case, assignee=assignee, by=request.user)
        except (ValidationError, PermissionDenied) as error:
            messages.error(
                request, _("%(case)s: %(error)s") % {"case": case.registration_number, "error": _error_text(error)}
            )
        else:
            assigned += 1
    if assigned:
        messages.success(
            request,
            ngettext(
                "%(count)d case assigned to %(name)s.",
                "%(count)d cases assigned to %(name)s.",
                assigned,
            )
            % {"count": assigned, "name": assignee.display_name},
        )
    return _back_to_queue(request)


def _case_or_404(request, registration_number):
    case = case_for_page(request.user, registration_number)
    if case is None:
        raise Http404(_("No case with this registration number among yours."))
    return case


def _action_context(request, case):
    return ActionContext(
        case=case,
        user=request.user,
        can_work_on=permissions.can_work_on(request.user, case),
        can_decide_for=permissions.can_decide_for(request.user, case),
    )


def _render_case(request, case, *, failed_action=None, failed_form=None):
    ctx = _action_context(request, case)
    actions = available_actions(ctx)
    forms = [
        (
            action,
            failed_form
            if action is failed_action
            else action.form_class(case=case, user=request.user, roles=ctx.roles, prefix=action.slug),
        )
        for action in actions
    ]
    today = clock.today()
    clock_row = queue_row(case, today=today, calendar=clock.institution_calendar())
    return render(
        request,
        "services/backoffice/case.html",
        {
            "case": case,
            "kind": kind_for(case),
            "events": case.events.all(),
            "documents": case.documents.all(),
            "action_forms": forms,
            "failed_form": failed_form,
            "failed_action": failed_action,
            "today": today,
            "working_days_left": clock_row.working_days_left,
            "overdue": clock_row.overdue,
            "due_soon": clock_row.due_soon,
            "days_overdue": -clock_row.working_days_left if clock_row.overdue else None,
        },
    )


@back_office
def case_detail(request, registration_number):
    return _render_case(request, _case_or_404(request, registration_number))


@require_POST
@back_office
def case_action(request, registration_number, action):
    """One action on a case: its form, one workflow call, then back to the case page (or the errors shown)."""
    case = _case_or_404(request, registration_number)
    chosen = find_action(case, action)
    if chosen is None:
        raise Http404(_("No such action."))
    ctx = _action_context(request, case)
    if not workflow.offered(chosen, ctx):
        messages.error(request, _("“%(action)s” is not possible for this case now.") % {"action": chosen.label})
        return redirect("backoffice:case", registration_number=case.registration_number)
    form = chosen.form_class(
        request.POST, request.FILES, case=case, user=request.user, roles=ctx.roles, prefix=chosen.slug
    )
    if form.is_valid():
        try:
            workflow.perform(chosen, case, by=request.user, cleaned_data=form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, chosen.success_message % {"case": case, **form.cleaned_data})
            return redirect(reverse("backoffice:case", args=[case.registration_number]))
    return _render_case(request, case, failed_action=chosen, failed_form=form)
