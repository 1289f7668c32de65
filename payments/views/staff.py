"""The tax department's pages: the payments queue (with its CSV export), a payment's page with its refund form, and
the receipt PDF (its payer's or the department's)."""

from decimal import Decimal

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.sorting import sort_columns
from portal.spreadsheets import csv_download

from .. import receipts, refunds
from ..forms import PaymentFilterForm, RefundForm
from ..models import Allocation, Payment, Refund
from ..providers import registry
from ..roles import is_tax_staff, tax_staff_required
from ..selectors import (
    SORT_AMOUNT,
    SORT_DATE,
    SORT_PAYER,
    SORT_RECEIPT,
    SORT_STATUS,
    queue_payments,
    taxpayers_of,
)

# The queue's columns that sort, in the table's order: the sort key, the header, whether it holds numbers.
QUEUE_COLUMNS = (
    (SORT_DATE, gettext_lazy("Date"), False),
    (SORT_PAYER, gettext_lazy("Payer"), False),
    (SORT_AMOUNT, gettext_lazy("Amount"), True),
    (SORT_STATUS, gettext_lazy("Status"), False),
    (SORT_RECEIPT, gettext_lazy("Receipt number"), False),
)

STATUS_TONES = {
    Payment.Status.SUCCEEDED: "green",
    Payment.Status.PENDING: "blue",
    Payment.Status.CREATED: "grey",
    Payment.Status.FAILED: "red",
    Payment.Status.CANCELED: "grey",
    Payment.Status.PARTLY_REFUNDED: "yellow",
    Payment.Status.REFUNDED: "orange",
}

# What the audit trail's actions mean, for the payment's history.
ACTIONS = {
    "payment_created": gettext_lazy("Payment started"),
    "payment_pending": gettext_lazy("Checkout opened"),
    "payment_succeeded": gettext_lazy("Paid: the amounts owed were credited and the receipt issued"),
    "payment_failed": gettext_lazy("Payment declined"),
    "payment_canceled": gettext_lazy("Payment canceled"),
    "payment_amount_mismatch": gettext_lazy("The provider reported another amount: not credited"),
    "refund_requested": gettext_lazy("Refund requested"),
    "refund_failed": gettext_lazy("Refund failed"),
    "payment_refunded": gettext_lazy("Refunded: the amounts are owed again"),
}


@tax_staff_required
def queue(request):
    form = PaymentFilterForm(request.GET)
    filters = form.filters()
    page = Paginator(queue_payments(filters), settings.QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(payment, taxpayers_of(payment), STATUS_TONES.get(payment.status, "grey")) for payment in page]
    return render(
        request,
        "payments/staff/queue.html",
        {
            "filter_form": form,
            "page": page,
            "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
            "rows": rows,
            "columns": sort_columns(QUEUE_COLUMNS, filters),
            "sorted": filters.get("sort"),
        },
    )


def _lei_number(bani):
    """An amount for a spreadsheet: a number with the locale's decimal separator and no grouping."""
    return number_format(Decimal(int(bani)) / 100, decimal_pos=2, use_l10n=True, force_grouping=False)


@tax_staff_required
def queue_csv(request):
    """Every payment matching the queue's filters (not only one page) in the queue's order, for Excel."""
    payments = queue_payments(PaymentFilterForm(request.GET).filters())
    response, writer = csv_download(f"plati-{timezone.localdate().isoformat()}.csv")
    writer.writerow(
        [
            _("Date"),
            _("Status"),
            _("Amount (lei)"),
            _("Refunded (lei)"),
            _("Payer"),
            _("Payer's e-mail"),
            _("Taxpayers"),
            _("Role numbers"),
            _("Receipt number"),
            _("Provider"),
            _("Provider reference"),
        ]
    )
    for payment in payments.iterator(chunk_size=500):
        taxpayers = taxpayers_of(payment)
        receipt = getattr(payment, "receipt", None)
        writer.writerow(
            [
                date_format(timezone.localtime(payment.created_at), "SHORT_DATETIME_FORMAT"),
                payment.get_status_display(),
                _lei_number(payment.amount),
                _lei_number(payment.refunded),
                payment.payer_name,
                payment.payer_email,
                ", ".join(taxpayer.name for taxpayer in taxpayers),
                ", ".join(taxpayer.role_number for taxpayer in taxpayers),
                receipt.number if receipt else "",
                payment.provider,
                payment.provider_payment or payment.provider_reference or "",
            ]
        )
    return response


def _staff_payment(token):
    payment = (
        Payment.objects.select_related("receipt", "payer")
        .prefetch_related(
            Prefetch("allocations", queryset=Allocation.objects.select_related("obligation__taxpayer", "refund")),
            Prefetch("refunds", queryset=Refund.objects.select_related("requested_by")),
        )
        .filter(token=token)
        .first()
    )
    if payment is None:
        raise Http404(_("No payment with this reference."))
    return payment


@tax_staff_required
def payment_page(request, token):
    payment = _staff_payment(token)
    may_refund = request.user.has_perm("payments.add_refund") and payment.status in refunds.REFUNDABLE
    form = None
    if request.method == "POST":
        # `request_refund` refuses (PermissionDenied, 403) anyone without the refund permission.
        form = RefundForm(request.POST)
        if form.is_valid():
            try:
                refund = refunds.request_refund(
                    payment, by=request.user, amount=form.cleaned_data["amount"], reason=form.cleaned_data["reason"]
                )
            except ValidationError as error:
                field = "amount" if error.code in ("amount", "too_much") else None
                form.add_error(field, error)
            else:
                refund.refresh_from_db()
                if refund.status == Refund.Status.SUCCEEDED:
                    messages.success(request, _("The refund was made; the amounts are owed again."))
                else:
                    messages.success(request, _("The refund was requested; the provider will confirm it."))
                return redirect("payments:staff_payment", token=payment.token)
        payment = _staff_payment(token)
    elif may_refund:
        form = RefundForm()
    provider = registry.get(payment.provider) if payment.provider in registry else None
    return render(
        request,
        "payments/staff/payment.html",
        {
            "payment": payment,
            "tone": STATUS_TONES.get(payment.status, "grey"),
            "provider_label": provider.label if provider else payment.provider,
            "receipt": getattr(payment, "receipt", None),
            "allocations": payment.allocations.all(),
            "refunds": payment.refunds.all(),
            "events": [
                (event, ACTIONS.get(event.action, event.action))
                for event in payment.events.select_related("actor").order_by("at", "pk")
            ],
            "webhooks": payment.webhooks.order_by("received_at", "pk"),
            "refundable": refunds.refundable(payment),
            "may_refund": may_refund,
            "form": form,
        },
    )


@login_required
def receipt_pdf(request, token):
    """The receipt of a paid payment: for its payer and the tax department; for anyone else it does not exist."""
    payment = Payment.objects.select_related("receipt").filter(token=token).first()
    if payment is None or not (payment.payer_id == request.user.pk or is_tax_staff(request.user)):
        raise Http404(_("No receipt with this reference among yours."))
    receipt = getattr(payment, "receipt", None)
    if receipt is None:
        raise Http404(_("This payment has no receipt yet."))
    response = HttpResponse(receipts.render_pdf(receipt), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{receipts.file_name(receipt)}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


urlpatterns = [
    path("birou/plati/", queue, name="queue"),
    path("birou/plati/export.csv", queue_csv, name="queue_csv"),
    path("birou/plati/<uuid:token>/", payment_page, name="staff_payment"),
    path("impozite/plati/<uuid:token>/chitanta.pdf", receipt_pdf, name="receipt_pdf"),
]
