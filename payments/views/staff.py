"""The tax department's pages: the payments queue (with its CSV export), a payment's page with its refund form, and
the receipt PDF (its payer's or the department's)."""

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import wraps

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, F, OuterRef, Prefetch, Q
from django.db.models.functions import Lower
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.forms_renderer import GovUKBoundField
from portal.spreadsheets import csv_download

from .. import receipts, refunds
from ..models import Allocation, Payment, Refund
from ..providers import registry
from ..roles import is_tax_staff

SORT_DATE, SORT_PAYER, SORT_AMOUNT, SORT_STATUS, SORT_RECEIPT = "date", "payer", "amount", "status", "receipt"
SORT_ASC, SORT_DESC = "asc", "desc"
SORTS = {
    SORT_DATE: [F("created_at")],
    SORT_PAYER: [Lower("payer_name")],
    SORT_AMOUNT: [F("amount")],
    SORT_STATUS: [F("status")],
    SORT_RECEIPT: [F("receipt__number")],
}

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


def tax_staff(view):
    """Signed-in staff of the tax department; anyone else is refused."""

    @wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        if not is_tax_staff(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


class FilterBoundField(GovUKBoundField):
    """Every filter is optional, so no label says "(optional)"."""

    govuk_optional = False


class PaymentFilterForm(forms.Form):
    """The queue's filters, sent with GET so they work without JavaScript and can be bookmarked."""

    bound_field_class = FilterBoundField

    status = forms.ChoiceField(label=gettext_lazy("Status"), required=False)
    date_from = forms.DateField(
        label=gettext_lazy("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(label=gettext_lazy("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    q = forms.CharField(label=gettext_lazy("Payer, role number or receipt number"), required=False, max_length=100)
    sort = forms.ChoiceField(choices=[(key, key) for key in SORTS], required=False, widget=forms.HiddenInput)
    dir = forms.ChoiceField(
        choices=[(SORT_ASC, SORT_ASC), (SORT_DESC, SORT_DESC)], required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("Any status")), *Payment.Status.choices]

    def filters(self):
        """The valid filters; an invalid one is ignored rather than emptying the queue."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}


def queue_payments(filters):
    """Every payment matching the queue's filters, newest first or in one column's order, with what the rows
    show (the receipt, the taxpayers paid for) fetched in two more queries."""
    payments = Payment.objects.select_related("receipt").prefetch_related(
        Prefetch(
            "allocations",
            queryset=Allocation.objects.filter(refund=None).select_related("obligation__taxpayer"),
            to_attr="paid_lines",
        )
    )
    if status := filters.get("status"):
        payments = payments.filter(status=status)
    if start := filters.get("date_from"):
        payments = payments.filter(created_at__date__gte=start)
    if end := filters.get("date_to"):
        payments = payments.filter(created_at__date__lte=end)
    if text := filters.get("q", "").strip():
        of_taxpayer = Allocation.objects.filter(payment=OuterRef("pk")).filter(
            Q(obligation__taxpayer__role_number__icontains=text) | Q(obligation__taxpayer__name__icontains=text)
        )
        payments = payments.filter(
            Q(payer_name__icontains=text)
            | Q(payer_email__icontains=text)
            | Q(receipt__number__icontains=text)
            | Q(provider_payment=text)
            | Q(provider_reference=text)
            | Q(Exists(of_taxpayer))
        )
    if (sort := filters.get("sort")) in SORTS:
        descending = filters.get("dir") == SORT_DESC
        keys = [key.desc(nulls_last=True) if descending else key.asc(nulls_last=True) for key in SORTS[sort]]
        return payments.order_by(*keys, "-created_at", "-pk")
    return payments.order_by("-created_at", "-pk")


def taxpayers_of(payment):
    """The taxpayers a payment paid for (or its payer, for a fee of their own), each once, in the payment's order."""
    seen = {}
    for line in payment.paid_lines:
        taxpayer = line.obligation.taxpayer
        if taxpayer is not None:
            seen.setdefault(taxpayer.pk, taxpayer)
    return list(seen.values())


@dataclass(frozen=True)
class SortColumn:
    key: str
    label: str
    numeric: bool
    aria_sort: str | None
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


@tax_staff
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
            "columns": _sort_columns(filters),
            "sorted": filters.get("sort"),
        },
    )


def _lei_number(bani):
    """An amount for a spreadsheet: a number with the locale's decimal separator and no grouping."""
    return number_format(Decimal(int(bani)) / 100, decimal_pos=2, use_l10n=True, force_grouping=False)


@tax_staff
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


LEI = re.compile(r"^\d+(?:[.,]\d{1,2})?$")


class LeiField(forms.CharField):
    """An amount in lei as people type it (`12,50`, `1.234,56`, `12.5`), cleaned to an int of bani."""

    default_error_messages = {"invalid": gettext_lazy("Enter an amount in lei, such as 12,50.")}

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        if len(value) > 20:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        text = re.sub(r"[\s\u00a0\u202f]", "", value).removesuffix("lei").removesuffix("RON")
        if "," in text:
            text = text.replace(".", "").replace(",", ".")  # 1.234,56: the dot groups, the comma is the decimal
        if not LEI.match(text.replace(",", ".")):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            bani = Decimal(text) * 100
        except InvalidOperation as error:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from error
        return int(bani)


class RefundForm(forms.Form):
    amount = LeiField(
        label=gettext_lazy("Amount to refund (lei)"),
        help_text=gettext_lazy("For example, 12,50."),
        error_messages={"required": gettext_lazy("Enter the amount to refund.")},
        widget=forms.TextInput(attrs={"inputmode": "decimal", "maxlength": 20, "class": "govuk-input--width-10"}),
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Give the reason for the refund.")},
    )

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount is not None and amount <= 0:
            raise ValidationError(_("Enter an amount greater than zero."), code="amount")
        return amount


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


@tax_staff
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
