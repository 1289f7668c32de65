"""Filing a petition or an information request online, and confirming the e-mail address of a filing without an
account."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from portal.dbrouters import reading_from_replica
from portal.models import InstitutionSettings
from portal.spreadsheets import csv_download
from services import calendar as clock
from services.citizen import ratelimit
from services.citizen.forms import show_errors
from services.models import Service

from . import filing
from . import statistics as stats
from .forms import FilingForm

KINDS = ("petition", "information")


def _language(request):
    return translation.get_language() or settings.LANGUAGE_CODE


@never_cache
def file(request, service):
    """The filing form: a signed-in citizen's request is registered at once; anyone else's once the e-mail address
    is confirmed."""
    service = get_object_or_404(Service, slug=service, kind__in=KINDS, active=True, online=True)
    user = request.user if request.user.is_authenticated else None
    form = FilingForm(request.POST or None, request.FILES or None, user=user)
    context = {"form": form, "service": service}
    if request.method != "POST" or not form.is_valid():
        return render(request, "petitions/file.html", context)
    if user is None and not ratelimit.allow(
        "petition-filing", ratelimit.client_address(request), settings.PETITION_FILING_RATE
    ):
        context["limited"] = True
        return render(request, "petitions/file.html", context, status=429)
    try:
        if user is not None:
            case = filing.file_petition(
                service=service,
                data=form.data_to_keep(),
                uploads=form.uploads(),
                user=user,
                language=_language(request),
            )
        else:
            pending = filing.hold_for_confirmation(
                service=service, data=form.data_to_keep(), uploads=form.uploads(), language=_language(request)
            )
    except ValidationError as error:
        show_errors(form, error)
        return render(request, "petitions/file.html", context)
    if user is not None:
        messages.success(request, _("Your request is registered under number %(number)s.") % {"number": case})
        return redirect("services:receipt", registration_number=case.registration_number)
    return render(
        request,
        "petitions/check_inbox.html",
        {"service": service, "email": pending.data["email"], "days": settings.PETITION_CONFIRMATION_DAYS},
    )


@never_cache
def confirm(request, token):
    """The link of the confirmation e-mail: a button registers the filing (a link alone does not, so that mail
    scanners that follow links register nothing)."""
    pending = filing.pending(token)
    if request.method == "POST":
        try:
            case = filing.confirm(token)
        except ValidationError:
            return render(request, "petitions/confirm.html", {"expired": True}, status=410)
        return render(
            request,
            "petitions/receipt.html",
            {
                "case": case,
                "institution": InstitutionSettings.load(),
                "lookup_url": settings.SITE_URL.rstrip("/") + reverse("services:lookup"),
            },
        )
    if pending is None:
        return render(request, "petitions/confirm.html", {"expired": True}, status=410)
    return render(request, "petitions/confirm.html", {"filing": pending, "already": pending.case_id is not None})


def _year(request):
    today = clock.today()
    try:
        year = int(request.GET.get("an", today.year))
    except ValueError:
        return today.year
    return year if 2000 <= year <= today.year else today.year


@reading_from_replica()
def statistics(request):
    """The public yearly report of petitions and information requests, with a CSV of the same figures."""
    year = _year(request)
    rows = stats.yearly(year)
    if request.GET.get("format") == "csv":
        response, writer = csv_download(f"petitii-{year}.csv")
        writer.writerow(
            [
                _("Kind"),
                _("Registered"),
                _("Still open"),
                _("Answered"),
                _("Refused"),
                _("Forwarded"),
                _("Filed without answer"),
                _("Joined to an earlier one"),
                _("Withdrawn"),
                _("Decided on time"),
                _("Decided"),
            ]
        )
        for row in rows:
            writer.writerow([str(row.label), *(getattr(row, column) for column in stats.COLUMNS)])
        return response
    return render(
        request,
        "petitions/statistics.html",
        {"year": year, "rows": rows, "years": sorted({year, *stats.years()}, reverse=True)},
    )
