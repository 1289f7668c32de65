"""Refund requests of sums paid in excess (L 207/2015 art. 168): a request kind of the spine, filed by a citizen for
one of the taxpayers linked to their account, decided by the tax department within the procedure's time limit.

What the citizen asked (the taxpayer, the amount, the account, the online payment it was paid with) is written in
the case's details, for whoever reads the case, and kept as data beside it (`RefundRequest`)."""

from decimal import ROUND_HALF_UP, Decimal

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from stdnum import iban as stdnum_iban
from stdnum.exceptions import ValidationError as StdnumError

from portal.templatetags.money import lei
from portal.validators import refuse_format_controls
from services import registration
from services.citizen.forms import accept_attribute, file_hint
from services.lifecycle import Status
from services.registry import Kind

from . import audit, selectors
from .models import Payment, RefundRequest

NAME = "refund"

KIND = Kind(
    name=NAME,
    label=_("refund request"),
    filing_url="payments:refund_request",
    outcomes=(Status.APPROVED, Status.REJECTED),
    citizen_template="payments/refunds/_citizen_detail.html",
    detail_template="payments/refunds/_case_detail.html",
    case_related=("refund_request",),
)


def refundable_payments(user):
    """The user's own online payments that still hold money paid in excess, newest first."""
    return Payment.objects.filter(payer=user, unallocated__gt=0).order_by("-created_at")


def to_bani(amount: Decimal) -> int:
    return int((amount * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def clean_iban(value: str) -> str:
    """The IBAN without spaces, in capitals: a valid one of a Romanian bank account, or a ValidationError."""
    compact = stdnum_iban.compact(value or "")
    if not compact.startswith("RO"):
        raise ValidationError(
            _("Enter the IBAN of an account at a bank in Romania (it starts with RO)."), code="country"
        )
    try:
        return stdnum_iban.validate(compact)
    except StdnumError:
        raise ValidationError(
            _("This IBAN is not valid: check that it is typed exactly as on your bank statement."), code="invalid"
        ) from None


class RefundRequestForm(forms.Form):
    taxpayer = forms.ChoiceField(
        label=_("Taxpayer"),
        help_text=_("Only the taxpayers linked to your account can be chosen."),
        widget=forms.RadioSelect,
    )
    payment = forms.ChoiceField(
        label=_("Online payment with a sum paid in excess (optional)"),
        required=False,
        help_text=_("Choose it if the money to give back was paid online here."),
    )
    amount = forms.DecimalField(
        label=_("Amount to give back (lei)"),
        min_value=Decimal("0.01"),
        max_digits=12,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input govuk-input--width-10"}),
    )
    iban = forms.CharField(
        label=_("IBAN of the account to pay it into"),
        max_length=42,
        help_text=_("An account at a bank in Romania, for example RO49 AAAA 1B31 0075 9384 0000."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "class": "govuk-input"}),
    )
    account_holder = forms.CharField(label=_("Account holder"), max_length=200)
    reason = forms.CharField(
        label=_("Why was the sum paid in excess?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, user, service, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.service = service
        self.taxpayers = {t.role_number: t for t in selectors.linked_taxpayers(user)}
        self.fields["taxpayer"].choices = [
            (role_number, f"{taxpayer.name} — {_t('role number')} {role_number}")
            for role_number, taxpayer in self.taxpayers.items()
        ]
        if len(self.taxpayers) == 1:
            self.fields["taxpayer"].initial = next(iter(self.taxpayers))
        self.payments = {str(p.token): p for p in refundable_payments(user)}
        self.fields["payment"].choices = [("", _("None"))] + [
            (token, _("%(date)s: %(excess)s paid in excess") % {"date": _date(p), "excess": lei(p.unallocated)})
            for token, p in self.payments.items()
        ]
        if not self.payments:
            del self.fields["payment"]
        self.fields["account_holder"].initial = user.get_full_name()
        self.requirements = list(service.required_documents.order_by("sort_order"))
        for requirement in self.requirements:
            self.fields[f"document_{requirement.pk}"] = forms.FileField(
                label=requirement.tr.name,
                required=requirement.mandatory,
                allow_empty_file=True,  # the upload check refuses it, naming the file
                help_text=file_hint(requirement),
                widget=forms.FileInput(attrs={"accept": accept_attribute(requirement)}),
            )
        refuse_format_controls(self)

    def clean_iban(self):
        return clean_iban(self.cleaned_data["iban"])

    def clean(self):
        cleaned = super().clean()
        payment = self.payments.get(cleaned.get("payment") or "")
        cleaned["payment"] = payment
        cleaned["taxpayer"] = self.taxpayers.get(cleaned.get("taxpayer") or "")
        amount = cleaned.get("amount")
        if payment is not None and amount is not None and to_bani(amount) > payment.unallocated:
            self.add_error(
                "amount",
                _("That payment holds only %(excess)s paid in excess.") % {"excess": lei(payment.unallocated)},
            )
        return cleaned

    def uploads(self):
        return {
            f"document_{r.pk}": (self.cleaned_data[f"document_{r.pk}"], r)
            for r in self.requirements
            if self.cleaned_data.get(f"document_{r.pk}")
        }


def _date(payment):
    from django.utils import formats, timezone

    return formats.date_format(timezone.localdate(payment.succeeded_at or payment.created_at), "SHORT_DATE_FORMAT")


def details_text(*, taxpayer, amount, iban, account_holder, reason, payment) -> str:
    """What the clerk reads on the case, in the institution's language."""
    with translation.override(settings.LANGUAGE_CODE):
        lines = [
            _t("Taxpayer: %(name)s, role number %(role)s") % {"name": taxpayer.name, "role": taxpayer.role_number},
            _t("Amount to give back: %(amount)s") % {"amount": lei(amount)},
            _t("IBAN: %(iban)s") % {"iban": stdnum_iban.format(iban)},
            _t("Account holder: %(holder)s") % {"holder": account_holder},
        ]
        if payment is not None:
            lines.append(
                _t("Online payment %(token)s of %(amount)s, %(excess)s paid in excess")
                % {"token": payment.token, "amount": lei(payment.amount), "excess": lei(payment.unallocated)}
            )
        lines += ["", _t("Reason:"), reason]
    return "\n".join(lines)


def file_refund_request(
    *, service, user, taxpayer, amount, iban, account_holder, reason, payment=None, uploads=None, language=None
):
    """Register the request through the spine (its number, the procedure's 45 days) and keep its data beside the
    case. Refused (ValidationError) for a taxpayer not linked to the user or a payment that is not theirs."""
    if service.kind != NAME:
        raise ValidationError(_("This service does not take refund requests."), code="kind")
    if not selectors.linked_taxpayers(user).filter(pk=taxpayer.pk).exists():
        raise ValidationError({"taxpayer": _("Choose one of the taxpayers linked to your account.")})
    if payment is not None and (payment.payer_id != user.pk or amount > payment.unallocated):
        raise ValidationError({"payment": _("Choose one of your payments with a sum paid in excess.")})
    iban = clean_iban(iban)
    with transaction.atomic():
        with translation.override(language or settings.LANGUAGE_CODE):
            subject = _t("Refund of %(amount)s paid in excess, role number %(role)s") % {
                "amount": lei(amount),
                "role": taxpayer.role_number,
            }
        case = registration.register_case(
            service=service,
            subject=subject,
            applicant=user,
            details=details_text(
                taxpayer=taxpayer,
                amount=amount,
                iban=iban,
                account_holder=account_holder,
                reason=reason,
                payment=payment,
            ),
            language=language,
            by=user,
            uploads=uploads,
        )
        request = RefundRequest.objects.create(
            case=case,
            taxpayer=taxpayer,
            role_number=taxpayer.role_number,
            amount=amount,
            iban=iban,
            account_holder=account_holder,
            reason=reason,
            payment=payment,
            requested_by=user,
        )
        audit.record(
            "refund_requested",
            by=user,
            payment=payment,
            taxpayer=taxpayer,
            data={"case": case.registration_number, "amount": amount, "request": request.pk},
        )
    return case
