"""The permit application page."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from services.citizen.forms import show_errors
from services.models import Service

from . import workflow
from .forms import ApplicationForm


@never_cache
@login_required
def apply(request, service):
    service = get_object_or_404(Service, slug=service, kind="permit", active=True, online=True)
    requirements = list(service.required_documents.all())
    form = ApplicationForm(request.POST or None, request.FILES or None, requirements=requirements)
    if request.method == "POST" and form.is_valid():
        try:
            case = workflow.apply(
                service=service,
                user=request.user,
                data=form.cleaned_data,
                uploads=form.uploads(),
                language=translation.get_language(),
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("Your application is registered under number %(number)s.") % {"number": case})
            return redirect("services:receipt", registration_number=case.registration_number)
    fee = number_format(Decimal(service.fee_bani) / 100, decimal_pos=2, use_l10n=True) if service.fee_bani else None
    return render(request, "permits/apply.html", {"form": form, "service": service, "fee": fee})
