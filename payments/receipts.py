"""The receipt of a payment as a PDF and its e-mail to the payer: what the payer keeps as proof of what was paid.

Rendered by WeasyPrint in the payer's language from the lines frozen in the Receipt when the ledger credited the
payment, so a later change of the tax roll or a refund never rewrites a receipt already issued."""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone, translation

from portal.models import InstitutionSettings
from services.notifications import institution_reply_to, send_email

from .models import Obligation, Receipt
from .providers import registry
from .roles import masked

EMAIL_TEMPLATES = "payments/email"


@dataclass(frozen=True)
class ReceiptLine:
    """One paid line of a receipt, as printed: what was owed, by whom, and what the payment gave to it."""

    kind: object  # the kind's lazy label: it reads in the language it is rendered in
    fiscal_year: int
    reference: str
    taxpayer: str
    identifier: str
    role_number: str
    principal: int
    increments: int
    bonus: int

    @property
    def total(self) -> int:
        return self.principal + self.increments


def file_name(receipt: Receipt) -> str:
    return f"chitanta-{receipt.number}.pdf"


def _kind_label(kind: str):
    try:
        return Obligation.Kind(kind).label
    except ValueError:
        return kind


def lines_of(receipt: Receipt) -> list[ReceiptLine]:
    """The receipt's lines in the current language, identifiers masked."""
    return [
        ReceiptLine(
            kind=_kind_label(line.get("kind", "")),
            fiscal_year=line.get("fiscal_year"),
            reference=line.get("reference", ""),
            taxpayer=line.get("taxpayer", ""),
            identifier=masked(line.get("identifier", "")),
            role_number=line.get("role_number", ""),
            principal=int(line.get("principal", 0)),
            increments=int(line.get("increments", 0)),
            bonus=int(line.get("bonus", 0)),
        )
        for line in receipt.lines
    ]


def _context(receipt: Receipt) -> dict:
    payment = receipt.payment
    lines = lines_of(receipt)
    credited = sum(line.total for line in lines)
    provider = registry.get(payment.provider) if payment.provider in registry else None
    return {
        "receipt": receipt,
        "payment": payment,
        "institution": InstitutionSettings.load(),
        "lines": lines,
        "total": payment.amount,
        # Paid for an obligation settled meanwhile at the cashier: kept on the payment, refundable.
        "excess": max(0, payment.amount - credited),
        "issued_on": timezone.localtime(receipt.issued_at),
        "provider_label": provider.label if provider else payment.provider,
        "provider_reference": payment.provider_payment or payment.provider_reference or "",
    }


def render_pdf(receipt: Receipt) -> bytes:
    """A4, in the payer's language."""
    from weasyprint import HTML

    with translation.override(receipt.payment.language):
        html = render_to_string("payments/receipt_pdf.html", _context(receipt))
    return HTML(string=html).write_pdf()


def email_receipt(receipt_id) -> int:
    """E-mail the payer the receipt, the PDF attached, in their language; returns the number of e-mails sent."""
    receipt = Receipt.objects.select_related("payment").get(pk=receipt_id)
    payment = receipt.payment
    if not payment.payer_email:
        return 0
    context = _context(receipt)
    send_email(
        "receipt",
        context,
        to=[payment.payer_email],
        language=payment.language,
        reply_to=institution_reply_to(context["institution"]),
        template_dir=EMAIL_TEMPLATES,
        attachments=[(file_name(receipt), render_pdf(receipt), "application/pdf")],
    )
    return 1
