"""The clerks' back office: the queue (with bulk assignment and CSV export) and the case page with its actions."""

import csv
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from portal.dbrouters import reading_from_replica
from portal.sorting import sort_columns
from portal.spreadsheets import DELIMITER, neutralised

from .. import calendar as clock
from .. import permissions, tasks, workflow
from ..explanation import explain_case_deadline
from ..registry import ActionContext, kind_for
from .actions import available_actions, find_action
from .exports import export_path, export_storage, exports_of
from .forms import BulkAssignForm, QueueFilterForm
from .queue_list import QUEUE_MAX_DEPTH
from .selectors import (
    ASSIGNEE_ME,
    ASSIGNEE_UNASSIGNED,
    SORT_APPLICANT,
    SORT_ASSIGNEE,
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
    queue_export_rows,
    queue_row,
    queue_services,
    queue_staff,
    visible_cases,
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


def _filter_form(request, staff):
    return QueueFilterForm(request.GET, staff=staff, services=queue_services(request.user))


def _page_number(paginator, wanted):
    """The page asked for, as `Paginator.get_page` reads it: the first when not a number, the last when past it."""
    try:
        return paginator.validate_number(wanted)
    except PageNotAnInteger:
        return 1
    except EmptyPage:
        return paginator.num_pages


@back_office
def queue(request):
    today = clock.today()
    filter_staff, staff = queue_staff(request.user)
    form = _filter_form(request, filter_staff)
    filters = form.filters()
    cases = queue_cases(request.user, filters, today=today)
    paginator = Paginator(cases, settings.QUEUE_PAGE_SIZE)
    number = _page_number(paginator, request.GET.get("page"))
    # A page far from both ends of a long list would be read past all the cases before it: the clerk narrows the
    # filters or sorts the other way instead (the first and last pages cost the same at any size).
    too_deep = cases.too_deep((number - 1) * paginator.per_page)
    page = Page([], number, paginator) if too_deep else paginator.page(number)
    calendar = clock.institution_calendar()
    rows = [queue_row(case, today=today, calendar=calendar) for case in page]
    return render(
        request,
        "services/backoffice/queue.html",
        {
            "filter_form": form,
            "assign_form": BulkAssignForm(staff=staff) if staff else None,
            "page": page,
            "page_range": paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
            "rows": rows,
            "too_deep": too_deep,
            "max_depth": QUEUE_MAX_DEPTH,
            "today": today,
            "columns": sort_columns(QUEUE_COLUMNS, filters),
            "sorted": filters.get("sort"),
            "assignee_view": filters.get("assignee", ""),
            "ASSIGNEE_ME": ASSIGNEE_ME,
            "ASSIGNEE_UNASSIGNED": ASSIGNEE_UNASSIGNED,
        },
    )


class _Line:
    """A file for `csv.writer` that hands back each line instead of keeping it."""

    def write(self, line):
        return line


def csv_lines(rows, *, batch=500):
    """The rows as CSV text for Excel (UTF-8 with a byte-order mark, `;`, formulas neutralised), a few hundred lines
    at a time."""
    writer = csv.writer(_Line(), delimiter=DELIMITER)
    lines = ["\ufeff"]
    for row in rows:
        lines.append(writer.writerow([neutralised(value) for value in row]))
        if len(lines) >= batch:
            yield "".join(lines)
            lines = []
    if lines:
        yield "".join(lines)


def export_params(request):
    """The queue's filters as the URL gave them, for the export task (which reads them with the same form)."""
    return {name: value for name, value in request.GET.items() if name != "page"}


@back_office
@reading_from_replica()
def queue_csv(request):
    """Every case matching the queue's filters (not only one page) in the queue's order, for Excel: UTF-8 with a
    byte-order mark. Streamed as it is read; past QUEUE_EXPORT_SYNC_MAX_ROWS cases it is prepared by a Celery task
    and the clerk downloads it from "My exports" when ready."""
    today = clock.today()
    filter_staff, _staff = queue_staff(request.user)
    cases = queue_cases(request.user, _filter_form(request, filter_staff).filters(), today=today)
    if cases.count() > settings.QUEUE_EXPORT_SYNC_MAX_ROWS:
        tasks.export_queue_csv.delay(request.user.pk, export_params(request))
        messages.info(
            request,
            _("Your export is being prepared. It will be listed here when it is ready; reload the page in a minute."),
        )
        return redirect("backoffice:exports")
    rows = queue_export_rows(cases, today=today, calendar=clock.institution_calendar())
    # The rows are read while the response streams, after the view has returned: the generator reads the replica too.
    response = StreamingHttpResponse(reading_from_replica()(csv_lines)(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="dosare-{today.isoformat()}.csv"'
    return response


@back_office
def exports(request):
    """The clerk's queue exports prepared in the background, newest first, kept for a week."""
    return render(request, "services/backoffice/exports.html", {"exports": exports_of(request.user)})


@back_office
def export_download(request, key):
    """One of the clerk's own exports; anyone else's, or one deleted, is not found."""
    path = export_path(request.user.pk, key)
    storage = export_storage()
    if not storage.exists(path):
        raise Http404(_("No such export among yours."))
    created = timezone.localdate(storage.get_modified_time(path))
    response = FileResponse(
        storage.open(path, "rb"),
        as_attachment=True,
        filename=f"dosare-{created.isoformat()}.csv",
        content_type="text/csv; charset=utf-8",
    )
    response["Cache-Control"] = "private, no-store"
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
            "deadline": explain_case_deadline(case),
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
