"""The citizen's pages: what I owe and paying it, linking a taxpayer, my payments, a service fee."""

import uuid
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from portal.templatetags.money import lei
from services.calendar import today
from services.citizen import ratelimit
from services.models import Service

from .. import checkout, linking, rules, selectors
from ..fees import fee_obligation, fee_of
from ..forms import ChooseForm, ClerkLinkForm, NoticeLinkForm
from ..models import Obligation, Payment, TaxpayerLink

SENTINEL = uuid.UUID(int=0)


@dataclass
class Row:
    obligation: Obligation
    owed: object
    busy: bool

    @property
    def choosable(self):
        return self.owed.to_settle > 0 and not self.busy


def _rows(obligations, day):
    owed = rules.owed(obligations, day)
    busy = checkout.in_progress(obligations)
    return [Row(o, owed[o.pk], o.pk in busy) for o in obligations]


def _my_obligations(user):
    return list(selectors.taxpayer_obligations(user))


def _choice_label(row):
    return _("%(amount)s — %(what)s") % {
        "amount": lei(row.owed.to_settle),
        "what": checkout.line_label(row.obligation),
    }


@never_cache
@login_required
def my_taxes(request):
    """The linked taxpayers and, for each obligation, what it owes today; the ones with something to pay are
    chosen for payment, oldest first."""
    day = today()
    rows = _rows(_my_obligations(request.user), day)
    choosable = [row for row in rows if row.choosable]
    form = ChooseForm(
        initial={"obligation": [str(row.obligation.token) for row in choosable]},
        choices=[(str(row.obligation.token), _choice_label(row)) for row in choosable],
    )
    taxpayers = {}
    for row in rows:
        taxpayers.setdefault(row.obligation.taxpayer, []).append(row)
    linked = list(selectors.linked_taxpayers(request.user))
    for taxpayer in linked:
        taxpayers.setdefault(taxpayer, [])
    pending = TaxpayerLink.objects.filter(user=request.user, status=TaxpayerLink.Status.PENDING).select_related(
        "taxpayer"
    )
    return render(
        request,
        "payments/my_taxes.html",
        {
            "taxpayers": taxpayers,
            "form": form,
            "day": day,
            "pending": pending,
            "total": sum(row.owed.to_settle for row in choosable),
        },
    )


def _return_urls(request):
    status = request.build_absolute_uri(reverse("payments:payment", args=[SENTINEL]))
    status = status.replace(str(SENTINEL), "{token}")
    return status, status + "?renuntat=1"


def _start(request, obligations, next_url=""):
    success_url, cancel_url = _return_urls(request)
    payment, url = checkout.start(
        payer=request.user,
        obligations=obligations,
        language=translation.get_language(),
        success_url=success_url,
        cancel_url=cancel_url,
        next_url=next_url,
    )
    return HttpResponseRedirect(url)


@never_cache
@require_POST
@login_required
def pay(request):
    """The chosen obligations (only the person's own can be chosen); a confirmation page with the total first, then
    the provider's checkout."""
    day = today()
    mine = _my_obligations(request.user)
    # Someone else's obligation (a crafted request) is not found; one of one's own that cannot be paid now (paid
    # meanwhile, a payment in progress) gets the form's message.
    if not set(request.POST.getlist("obligation")) <= {str(o.token) for o in mine}:
        raise Http404
    rows = [row for row in _rows(mine, day) if row.choosable]
    form = ChooseForm(request.POST, choices=[(str(row.obligation.token), _choice_label(row)) for row in rows])
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("obligation", [])))
        return redirect("payments:my_taxes")
    chosen = set(form.cleaned_data["obligation"])
    selected = [row for row in rows if str(row.obligation.token) in chosen]
    if request.POST.get("confirm") != "1":
        return render(
            request,
            "payments/confirm.html",
            {"rows": selected, "total": sum(row.owed.to_settle for row in selected), "day": day},
        )
    try:
        return _start(request, [row.obligation for row in selected])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("payments:my_taxes")


@never_cache
@login_required
def payment_status(request, token):
    """Where the provider sends the payer back. It reads the ledger only: the provider's event is the truth, and it
    may come a moment after the payer."""
    payment = get_object_or_404(Payment.objects.select_related("receipt"), token=token, payer=request.user)
    # A declined card leaves the provider's checkout open (the payer may try another card): going back ends it too.
    leavable = (Payment.Status.CREATED, Payment.Status.PENDING, Payment.Status.FAILED)
    if request.GET.get("renuntat") and payment.status in leavable:
        checkout.abandon(payment)
        payment.refresh_from_db()
    lines = payment.allocations.filter(refund=None).select_related("obligation", "obligation__taxpayer")
    next_url = payment.next_url if url_has_allowed_host_and_scheme(payment.next_url, allowed_hosts=None) else ""
    return render(
        request,
        "payments/payment.html",
        {"payment": payment, "lines": lines, "next_url": next_url, "receipt": getattr(payment, "receipt", None)},
    )


@never_cache
@login_required
def my_payments(request):
    payments = selectors.payments_of(request.user)[:100]
    return render(request, "payments/my_payments.html", {"payments": payments})


@never_cache
@login_required
def link(request):
    """Link a taxpayer with the tax notice (at once) or ask a clerk (who decides)."""
    notice_form = NoticeLinkForm(prefix="notice")
    clerk_form = ClerkLinkForm(prefix="clerk")
    if request.method == "POST" and "notice-identifier" in request.POST:
        notice_form = NoticeLinkForm(request.POST, prefix="notice")
        if not ratelimit.allow(f"taxpayer-link:{request.user.pk}", "", settings.TAXPAYER_LINK_RATE):
            notice_form.is_valid()
            notice_form.add_error(None, _("Too many attempts. Try again in an hour, or ask a clerk below."))
        elif notice_form.is_valid():
            try:
                linked = linking.link_with_notice(user=request.user, **notice_form.cleaned_data)
            except ValidationError as error:
                notice_form.add_error(None, error)
            else:
                messages.success(request, _("%(name)s is linked to your account.") % {"name": linked.taxpayer.name})
                return redirect("payments:my_taxes")
    elif request.method == "POST":
        clerk_form = ClerkLinkForm(request.POST, prefix="clerk")
        if clerk_form.is_valid():
            try:
                linking.request_link(user=request.user, **clerk_form.cleaned_data)
            except ValidationError as error:
                clerk_form.add_error(None, error)
            else:
                messages.success(
                    request, _("Your request is sent to the tax department. You will see the taxpayer once approved.")
                )
                return redirect("payments:my_taxes")
    return render(request, "payments/link.html", {"notice_form": notice_form, "clerk_form": clerk_form})


@never_cache
@login_required
def pay_fee(request, service):
    """A service's fee, for one application (`ref`), paid online before the application is submitted."""
    service = get_object_or_404(Service, slug=service, active=True)
    reference = (request.POST.get("ref") or request.GET.get("ref") or "").strip()[:200]
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    if not service.fee_bani or not reference:
        raise Http404
    obligation = fee_of(service=service, user=request.user, reference=reference)
    if obligation is not None and obligation.settled:
        return redirect(next_url or "payments:my_payments")
    if request.method == "POST":
        obligation = obligation or fee_obligation(service=service, user=request.user, reference=reference)
        try:
            return _start(request, [obligation], next_url=next_url)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    return render(
        request,
        "payments/pay_fee.html",
        {"service": service, "reference": reference, "next_url": next_url, "amount": service.fee_bani},
    )
