"""The quality system's indicators (ISO 9001 §9.1) and the auditor's export, for the quality manager and heads."""

import datetime

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from services.dashboard.selectors import indicator_department_ids
from services.models import Department

from . import patterns, roles
from .audit_export import audit_zip
from .indicators import department_quality

PERIOD_DAYS = 365


def may_see_indicators(user):
    """The quality manager (every department) and heads of department (theirs)."""
    return user.is_authenticated and user.is_staff and indicator_department_ids(user) != set()


@login_required
def indicators(request):
    department_ids = indicator_department_ids(request.user)
    if department_ids is not None and not department_ids:
        raise PermissionDenied
    end = timezone.localdate()
    start = end - datetime.timedelta(days=PERIOD_DAYS)
    departments = None if department_ids is None else Department.objects.filter(pk__in=department_ids)
    rows = department_quality(start, end, departments)
    return render(
        request,
        "quality/reports/indicators.html",
        {
            "rows": rows,
            # Nonconformities (issue #22): per department, with its procedures late most often.
            "nonconformities": patterns.department_nonconformities(start, end, departments),
            "start": start,
            "end": end,
            "may_export": any(roles.can(request.user, p) for p in (roles.DRAFT, roles.VERIFY, roles.APPROVE)),
        },
    )


@login_required
def audit_export(request):
    """One ZIP for the auditor: the register, every version's history, the sign-off log and the acknowledgement
    matrix (CSV), and the register as a PDF."""
    if not any(roles.can(request.user, p) for p in (roles.DRAFT, roles.VERIFY, roles.APPROVE)):
        raise PermissionDenied
    today = timezone.localdate()
    response = HttpResponse(audit_zip(today, language=request.LANGUAGE_CODE), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="audit-proceduri-{today:%Y-%m-%d}.zip"'
    return response
