"""Every staff member's procedures to read (open, then acknowledge), the version's controlled PDF, and the heads'
view of their department."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import distribution, selectors
from ..models import Acknowledgement
from .guards import head_required, staff_required


def record_opened(version, person, *, now=None):
    """The person opened the version's document: the first opening of their task is kept (acknowledging needs it)."""
    return Acknowledgement.objects.filter(version=version, person=person, opened_at__isnull=True).update(
        opened_at=now or timezone.now()
    )


@staff_required
def version_pdf(request, pk):
    """The version's PDF with its controlled cover and stamp, in the reader's language; for staff only."""
    version = selectors.version_for_staff(pk)
    if version is None or not version.document:
        raise Http404(_("No such procedure document."))
    from ..cover import controlled_pdf  # the cover pulls in the PDF toolkit: only when a document is opened

    try:
        content = controlled_pdf(version, language=translation.get_language())
    except ValueError as error:  # the stored PDF cannot be read
        messages.error(request, str(error))
        return redirect("quality:to_read")
    record_opened(version, request.user)
    response = HttpResponse(content, content_type="application/pdf")
    filename = f"{version.procedure.code}-ed{version.edition}-rev{version.revision}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@staff_required
def to_read(request):
    response = render(
        request,
        "quality/to_read.html",
        {
            "tasks": selectors.to_read(request.user),
            "acknowledged": selectors.acknowledged_by(request.user),
            "is_manager": selectors.is_manager(request.user),
            "is_head": selectors.is_head(request.user),
        },
    )
    # Back from the document, the browser asks again, so the button shows enabled once the document was opened.
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@staff_required
def acknowledge(request, pk):
    """ "I have read and understood it": only one's own task, only once the document was opened."""
    task = selectors.acknowledgement_of(request.user, pk)
    if task is None:
        raise Http404(_("No such procedure among yours to read."))
    if task.acknowledged_at is not None:
        messages.info(request, _("You have already acknowledged this procedure."))
    elif task.opened_at is None:
        messages.error(request, _("Open the document and read it before you confirm that you have read it."))
    else:
        distribution.acknowledge(task, by=request.user)
        messages.success(
            request,
            _("You acknowledged %(code)s, %(version)s.")
            % {"code": task.version.procedure.code, "version": task.version.label},
        )
    return redirect("quality:to_read")


@head_required
def my_department(request):
    departments = selectors.head_departments(request.user)
    return render(
        request,
        "quality/my_department.html",
        {
            "departments": departments,
            "pending": selectors.department_pending(departments),
            "reviews": selectors.department_reviews_due(departments),
            "today": timezone.localdate(),
            "is_manager": selectors.is_manager(request.user),
            "is_head": True,
        },
    )
