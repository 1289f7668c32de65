"""Asking back a sum paid in excess: a signed-in citizen files the refund request for one of their taxpayers."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from portal.templatetags.money import lei
from services.citizen.forms import show_errors
from services.models import Service

from .. import refund_requests


def _service(slug):
    services = Service.objects.filter(kind=refund_requests.NAME, active=True, online=True)
    if slug is not None:
        return get_object_or_404(services.select_related("procedure"), slug=slug)
    service = services.select_related("procedure").order_by("pk").first()
    if service is None:
        raise Http404
    return service


@never_cache
@login_required
def refund_request(request, service=None):
    """The form; submitting registers the case and shows the registration receipt. `?payment=<token>` of one of the
    citizen's payments holding money paid in excess chooses it and fills in the amount."""
    service = _service(service)
    initial = {}
    if request.method != "POST":
        token = request.GET.get("payment", "")
        payment = refund_requests.refundable_payments(request.user).filter(token__in=_uuids(token)).first()
        if payment is not None:
            initial = {"payment": str(payment.token), "amount": Decimal(payment.unallocated) / 100}
    form = refund_requests.RefundRequestForm(
        request.POST or None, request.FILES or None, user=request.user, service=service, initial=initial
    )
    context = {"form": form, "service": service, "has_taxpayers": bool(form.taxpayers)}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = refund_requests.file_refund_request(
                service=service,
                user=request.user,
                taxpayer=data["taxpayer"],
                amount=refund_requests.to_bani(data["amount"]),
                iban=data["iban"],
                account_holder=data["account_holder"],
                reason=data["reason"],
                payment=data.get("payment"),
                uploads=form.uploads(),
                language=translation.get_language() or settings.LANGUAGE_CODE,
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(
                request,
                _("Your refund request of %(amount)s is registered under number %(number)s.")
                % {"amount": lei(refund_requests.to_bani(data["amount"])), "number": case},
            )
            return redirect("services:receipt", registration_number=case.registration_number)
    return render(request, "payments/refunds/file.html", context)


def _uuids(value):
    try:
        return [uuid.UUID(value)]
    except ValueError:
        return []


urlpatterns = [
    path("impozite/restituire/", refund_request, name="refund_request"),
    path("impozite/restituire/<slug:service>/", refund_request, name="refund_request"),
]
