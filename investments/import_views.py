"""The register as a spreadsheet: CSV and XLSX exports of the rows on the dashboard (its filters), and the import of
such a file back in — upload, a preview of every change and error, and the uploader's confirmation."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from portal.spreadsheets import csv_download
from portal.uploads import refusal_errors, with_upload_limits
from services import calendar
from services.permissions import head_department_ids

from . import importing, roles, selectors, spreadsheet
from .filters import DashboardFilterForm
from .models import ImportJob
from .views.guards import staff_required

RECENT_IMPORTS = 10


def _rows(request):
    form = DashboardFilterForm(request.GET, user=request.user)
    return spreadsheet.export_rows(selectors.dashboard_rows(request.user, form.filters()))


def _file_name(extension):
    return f"investitii-{calendar.today().isoformat()}.{extension}"


@staff_required
def export_csv(request):
    # The BOM and headers of portal.spreadsheets; spreadsheet.write_csv neutralises the text cells itself, so that
    # numbers (a negative longitude) stay numbers.
    response, _writer = csv_download(_file_name("csv"))
    response["Cache-Control"] = "private, no-store"
    spreadsheet.write_csv(response, _rows(request))
    return response


@staff_required
def export_xlsx(request):
    response = HttpResponse(spreadsheet.render_xlsx(_rows(request)), content_type=spreadsheet.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_file_name("xlsx")}"'
    response["Cache-Control"] = "private, no-store"
    return response


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Spreadsheet"),
        help_text=gettext_lazy(
            "A CSV (UTF-8) or XLSX file with the columns of the register's export, at most 5 MB. Nothing is imported "
            "before you see the changes and confirm them."
        ),
    )

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            spreadsheet.check_file(upload)
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from None
        return upload

    def full_clean(self):
        super().full_clean()
        if not self.is_bound:
            return
        # A file over the limit never arrives (portal.uploads): say why instead of "This field is required."
        refused = refusal_errors(self.request).get("file")
        if refused:
            self.errors["file"] = self.error_class(refused)
            self.cleaned_data.pop("file", None)


def _nav_context(user):
    return {"may_create": roles.may_create(user), "is_head": bool(head_department_ids(user))}


@never_cache
@staff_required
@with_upload_limits({"file": spreadsheet.MAX_BYTES})
def import_upload(request):
    if not roles.may_create(request.user):
        raise PermissionDenied
    posted = request.method == "POST"  # bound even when the only field, the file, was refused for its size
    form = ImportForm(request.POST if posted else None, request.FILES if posted else None, request=request)
    if posted and form.is_valid():
        try:
            job = importing.preview(request.user, form.cleaned_data["file"])
        except ValidationError as error:
            form.add_error("file", error.messages)
        else:
            return redirect("investments:import_preview", job_pk=job.pk)
    recent = ImportJob.objects.filter(uploaded_by=request.user).order_by("-created_at", "-pk")[:RECENT_IMPORTS]
    return render(
        request,
        "investments/import/upload.html",
        {"form": form, "recent": recent, **_nav_context(request.user)},
    )


def _own_job(request, job_pk):
    """An import is its uploader's: to anyone else it does not exist."""
    return get_object_or_404(ImportJob, pk=job_pk, uploaded_by=request.user)


def _summary(changes):
    counts = {importing.CREATE: 0, importing.UPDATE: 0, importing.UNCHANGED: 0}
    for change in changes:
        counts[change["action"]] = counts.get(change["action"], 0) + 1
    return counts


@never_cache
@staff_required
def import_preview(request, job_pk):
    job = _own_job(request, job_pk)
    changes = [
        {**change, "fields": [{**f, "label": spreadsheet.label_of(f["field"])} for f in change["fields"]]}
        for change in job.changes
    ]
    errors = [
        {**error, "label": spreadsheet.label_of(error["column"]) if error["column"] else ""} for error in job.errors
    ]
    return render(
        request,
        "investments/import/preview.html",
        {
            "job": job,
            "changes": [change for change in changes if change["action"] != importing.UNCHANGED],
            "unchanged": [change for change in changes if change["action"] == importing.UNCHANGED],
            "errors": errors,
            "summary": _summary(job.changes),
            "background": job.rows > importing.IMPORT_INLINE_ROWS,
            "Status": ImportJob.Status,
            **_nav_context(request.user),
        },
    )


@require_POST
@staff_required
def import_apply(request, job_pk):
    try:
        job = importing.request_apply(request.user, job_pk)
    except ImportJob.DoesNotExist:
        raise Http404(_("No such import among yours.")) from None
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("investments:import_preview", job_pk=job_pk)
    if job.status == ImportJob.Status.APPLIED:
        messages.success(request, _("The import was applied: every change is in the register and its history."))
    elif job.status == ImportJob.Status.QUEUED:
        messages.info(
            request, _("The import is being applied in the background. Refresh this page to see when it is done.")
        )
    elif job.status == ImportJob.Status.INVALID:
        messages.error(
            request, _("The register changed since the preview and the file now has errors: nothing was imported.")
        )
    return redirect("investments:import_preview", job_pk=job.pk)
