"""The daily reconciliation: the provider's books of a day against the ledger's. Every difference becomes a case of
the tax department (the reconciliation service, under the tax-collection procedure), opened once however often the
day is reconciled.

A provider that cannot be reached raises `ProviderUnavailable`, so the Celery task tries again later."""

import datetime
import logging
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from portal.models import InstitutionSettings
from portal.templatetags.money import lei
from services import registration
from services.models import Channel, Service

from . import audit, ledger, providers
from .models import Payment, ReconciliationMismatch

log = logging.getLogger(__name__)

# The service its cases are registered under (payments/demo.py declares it, under procedure PO-DITL-01).
SERVICE = "reconciliere-plati-online"
ZONE = ZoneInfo("Europe/Bucharest")
# A checkout is opened a moment after its payment is created: one created just after midnight still belongs to a
# payment of the day before, so the provider's books are read a little past the day's end.
GRACE = datetime.timedelta(hours=1)

Kind = ReconciliationMismatch.Kind


@dataclass(frozen=True)
class Mismatch:
    provider: str
    reference: str
    kind: str
    ledger_amount: int | None
    provider_amount: int | None
    payment: Payment | None
    ledger_status: str = ""
    provider_paid: bool | None = None


@dataclass
class Result:
    day: datetime.date
    providers: list[str] = field(default_factory=list)
    checked: int = 0  # the provider's checkouts and the ledger's payments compared
    found: list[Mismatch] = field(default_factory=list)
    opened: list = field(default_factory=list)  # the cases opened by this run

    def counts(self):
        by_kind = {}
        for mismatch in self.found:
            by_kind[mismatch.kind] = by_kind.get(mismatch.kind, 0) + 1
        return {
            "day": self.day.isoformat(),
            "providers": self.providers,
            "checked": self.checked,
            "mismatches": len(self.found),
            "by_kind": by_kind,
            "cases_opened": len(self.opened),
            "cases": [case.registration_number for case in self.opened],
        }


def day_bounds(day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """Midnight to midnight in Bucharest (23 or 25 hours on the days the clocks change)."""
    start = datetime.datetime.combine(day, datetime.time.min, tzinfo=ZONE)
    end = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min, tzinfo=ZONE)
    return start, end


def providers_in_use(day, registry=None):
    """The provider of the settings and any other the day's payments went through."""
    registry = registry or providers.registry
    start, end = day_bounds(day)
    names = [settings.PAYMENTS_PROVIDER]
    used = Payment.objects.filter(created_at__gte=start, created_at__lt=end).values_list("provider", flat=True)
    names += sorted(set(used) - {settings.PAYMENTS_PROVIDER})
    return [registry.get(name) for name in names if name in registry]


def compare(provider_name, records, payments, of_the_day=None) -> list[Mismatch]:
    """The differences between the provider's records and the ledger's payments (keyed by the checkout's
    reference). A payment the provider has no record of counts only if it is one of `of_the_day` (the references of
    the payments created that day; all of `payments` when not given). Pure: no query."""
    of_the_day = set(payments) if of_the_day is None else set(of_the_day)
    found = []
    records = {record.reference: record for record in records}
    for reference, record in records.items():
        payment = payments.get(reference)
        if payment is None:
            found.append(Mismatch(provider_name, reference, Kind.UNKNOWN, None, record.amount, None, "", record.paid))
            continue
        succeeded = payment.status in ledger.FINAL
        row = {"payment": payment, "ledger_status": payment.status, "provider_paid": record.paid}
        if record.paid and not succeeded:
            found.append(Mismatch(provider_name, reference, Kind.NOT_CREDITED, payment.amount, record.amount, **row))
        if succeeded and not record.paid:
            found.append(Mismatch(provider_name, reference, Kind.NOT_PAID, payment.amount, record.amount, **row))
        if record.amount != payment.amount:
            found.append(Mismatch(provider_name, reference, Kind.AMOUNT, payment.amount, record.amount, **row))
        if record.refunded != payment.refunded:
            found.append(Mismatch(provider_name, reference, Kind.REFUNDED, payment.refunded, record.refunded, **row))
    for reference, payment in payments.items():
        if reference not in records and reference in of_the_day and payment.status in ledger.FINAL:
            found.append(
                Mismatch(provider_name, reference, Kind.NOT_PAID, payment.amount, None, payment, payment.status, None)
            )
    return found


def reconcile(day: datetime.date, *, registry=None) -> Result:
    """Compare the day's checkouts of every provider in use with the ledger and open a case for each new difference.
    Running the same day again opens nothing new. Raises `ProviderUnavailable` when a provider cannot be read."""
    result = Result(day=day)
    start, end = day_bounds(day)
    for provider in providers_in_use(day, registry):
        records = provider.records(start, end + GRACE)  # ProviderUnavailable goes up: the task retries
        result.providers.append(provider.name)
        of_the_day = Payment.objects.filter(
            provider=provider.name, created_at__gte=start, created_at__lt=end, provider_reference__isnull=False
        )
        payments = {p.provider_reference: p for p in of_the_day}
        # A checkout of the day whose payment was created the day before (or after, within the grace) is still known.
        unknown = [r.reference for r in records if r.reference not in payments]
        payments |= {p.provider_reference: p for p in Payment.objects.filter(provider_reference__in=unknown)}
        result.checked += len(set(payments) | {r.reference for r in records})
        found = compare(provider.name, records, payments, of_the_day=[p.provider_reference for p in of_the_day])
        result.found += found
        known = set(
            ReconciliationMismatch.objects.filter(
                provider=provider.name, reference__in=[m.reference for m in found]
            ).values_list("reference", "kind")
        )
        for mismatch in found:
            if (mismatch.reference, mismatch.kind) in known:
                continue
            case = _open(day, mismatch)
            if case is not None:
                result.opened.append(case)
    audit.record("reconciliation_run", data=result.counts())
    if result.found:
        log.warning("Reconciliation of %s: %s differences, %s new", day, len(result.found), len(result.opened))
    return result


def _open(day, mismatch: Mismatch):
    """Open the case of one difference and remember it; None if another run opened it meanwhile."""
    service = Service.objects.filter(slug=SERVICE).select_related("procedure").first()
    if service is None:
        raise ImproperlyConfigured(
            f"The reconciliation needs the service {SERVICE!r} (procedure PO-DITL-01 of the tax department)."
        )
    institution = InstitutionSettings.load()
    try:
        with transaction.atomic():
            case = registration.register_case(
                service=service,
                subject=subject(mismatch),
                details=details(day, mismatch),
                applicant_name=institution.name,
                language="ro",
                by=None,
                notify=False,
                channel=Channel.ONLINE,
            )
            ReconciliationMismatch.objects.create(
                day=day,
                provider=mismatch.provider,
                reference=mismatch.reference,
                kind=mismatch.kind,
                ledger_amount=mismatch.ledger_amount,
                provider_amount=mismatch.provider_amount,
                payment=mismatch.payment,
                case=case,
            )
            audit.record(
                "reconciliation_mismatch",
                payment=mismatch.payment,
                data={
                    "day": day.isoformat(),
                    "provider": mismatch.provider,
                    "reference": mismatch.reference,
                    "kind": mismatch.kind,
                    "ledger_amount": mismatch.ledger_amount,
                    "provider_amount": mismatch.provider_amount,
                    "case": case.registration_number,
                },
            )
    except IntegrityError:
        return None
    return case


def subject(mismatch: Mismatch) -> str:
    with translation.override("ro"):
        text = _("Online payment %(reference)s: %(difference)s") % {
            "reference": mismatch.reference,
            "difference": Kind(mismatch.kind).label,
        }
    return text[:300]


def details(day, mismatch: Mismatch) -> str:
    """What the clerk reads: which checkout, what each side says, in lei."""
    with translation.override("ro"):
        payment = mismatch.payment
        lines = [
            _("Difference found by the reconciliation of %(day)s with the payment provider “%(provider)s”.")
            % {"day": day.strftime("%d.%m.%Y"), "provider": mismatch.provider},
            _("Difference: %(difference)s") % {"difference": Kind(mismatch.kind).label},
            _("Provider's checkout: %(reference)s") % {"reference": mismatch.reference},
        ]
        if payment is not None:
            lines += [
                _("Payment in the ledger: %(token)s, by %(payer)s")
                % {"token": payment.token, "payer": payment.payer_name},
                _("Ledger status: %(status)s") % {"status": payment.get_status_display()},
            ]
            if payment.provider_payment:
                lines.append(_("Provider's payment: %(reference)s") % {"reference": payment.provider_payment})
        else:
            lines.append(_("The ledger has no payment with this checkout."))
        if mismatch.provider_paid is not None:
            lines.append(
                _("Provider's status: %(status)s") % {"status": _("paid") if mismatch.provider_paid else _("not paid")}
            )
        else:
            lines.append(_("The provider has no checkout with this reference on that day."))
        what = _("Refunded") if mismatch.kind == Kind.REFUNDED else _("Amount")
        if mismatch.ledger_amount is not None:
            lines.append(
                _("%(what)s in the ledger: %(amount)s") % {"what": what, "amount": lei(mismatch.ledger_amount)}
            )
        if mismatch.provider_amount is not None:
            lines.append(
                _("%(what)s at the provider: %(amount)s") % {"what": what, "amount": lei(mismatch.provider_amount)}
            )
    return "\n".join(lines)
