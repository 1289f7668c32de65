"""Starting a payment: the obligations chosen, what each owes today split in the legal order, the provider's
checkout. Nothing is credited here: only the provider's verified event does that (`webhooks`)."""

import contextlib
import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from services.calendar import today

from . import audit, ledger, rules, taxrules
from .models import Allocation, Obligation, Payment
from .providers import Line, ProviderUnavailable, current, registry


def in_progress(obligations):
    """The ids of those obligations a live checkout is already paying (not yet expired)."""
    since = timezone.now() - datetime.timedelta(minutes=settings.PAYMENTS_CHECKOUT_MINUTES + 5)
    return set(
        Allocation.objects.filter(
            obligation__in=obligations,
            refund=None,
            payment__status__in=(Payment.Status.CREATED, Payment.Status.PENDING),
            payment__created_at__gte=since,
        ).values_list("obligation_id", flat=True)
    )


def line_label(obligation) -> str:
    parts = [capfirst(str(obligation.get_kind_display())), str(obligation.fiscal_year)]
    if obligation.reference and not obligation.owner_id:
        parts.append(obligation.reference)
    if obligation.taxpayer_id:
        parts.append(obligation.taxpayer.role_number)
    return " — ".join(parts)


def start(*, payer, obligations, language, success_url, cancel_url, next_url="") -> tuple[Payment, str]:
    """Create the payment of everything the chosen obligations owe today and open the provider's checkout; returns
    the payment and the URL to send the payer to. Refused (ValidationError) when nothing is owed or one of them is
    being paid already; a provider that cannot be reached leaves the payment canceled and nothing charged."""
    day = today()
    with transaction.atomic():
        locked = list(
            Obligation.objects.select_for_update(of=("self",))
            .filter(pk__in=[o.pk for o in obligations])
            .select_related("taxpayer")
            .order_by("pk")
        )
        if not locked:
            raise ValidationError(_("Choose at least one amount to pay."), code="empty")
        if in_progress(locked):
            raise ValidationError(
                _("A payment of one of these amounts is already in progress. Finish it or wait half an hour."),
                code="in_progress",
            )
        policy = rules.institution_rules()
        credits = rules.credits_by_obligation(locked)
        items = [(o, rules.terms_of(o), credits.get(o.pk, [])) for o in locked]
        total = sum(taxrules.owed_on(terms, paid, day, policy).to_settle for _o, terms, paid in items)
        if total <= 0:
            raise ValidationError(_("Nothing is owed on these amounts."), code="nothing_owed")
        parts = taxrules.allocate(total, items, day, policy)
        payment = Payment.objects.create(
            payer=payer,
            payer_name=payer.get_full_name() or payer.email,
            payer_email=payer.email,
            language=language,
            provider=current().name,
            amount=sum(credit.principal + credit.increments for _o, credit in parts),
            next_url=next_url,
        )
        Allocation.objects.bulk_create(
            [
                Allocation(
                    payment=payment,
                    obligation=obligation,
                    principal=credit.principal,
                    increments=credit.increments,
                    bonus=credit.bonus,
                )
                for obligation, credit in parts
            ]
        )
        audit.record("payment_created", by=payer, payment=payment, data={"amount": payment.amount})
        lines = [Line(label=line_label(o), amount=c.principal + c.increments) for o, c in parts]
    expires_at = timezone.now() + datetime.timedelta(minutes=settings.PAYMENTS_CHECKOUT_MINUTES)
    provider = current()
    try:
        with transaction.atomic():
            checkout = provider.start_checkout(
                payment,
                lines=[line for line in lines if line.amount > 0],
                success_url=success_url.format(token=payment.token),
                cancel_url=cancel_url.format(token=payment.token),
                expires_at=expires_at,
            )
    except ProviderUnavailable as error:
        with transaction.atomic():
            ledger.mark_canceled(ledger.lock(payment.pk), reason=f"provider unavailable: {error}")
        raise ValidationError(
            _("The payment service could not be reached and nothing was charged. Try again in a few minutes."),
            code="provider_unavailable",
        ) from error
    with transaction.atomic():
        payment = ledger.lock(payment.pk)
        payment.provider_reference = checkout.reference
        payment.save(update_fields=["provider_reference", "updated_at"])
        ledger.mark_pending(payment)
    return payment, checkout.url


def abandon(payment) -> None:
    """The payer came back without paying: the provider ends the checkout and its event cancels the payment. If the
    provider cannot (the money moved meanwhile), its own events tell the truth."""
    if not payment.provider_reference:
        return
    with contextlib.suppress(ProviderUnavailable):
        registry.get(payment.provider).expire(payment)
