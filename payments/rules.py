"""The tax roll's rows as the pure rules see them: the institution's rates and calendar, an obligation's terms and
credits, and what it owes on a day."""

from collections import defaultdict
from decimal import Decimal

from portal.models import InstitutionSettings
from services.calendar import institution_calendar

from . import taxrules
from .models import Allocation, Obligation, Payment

CREDITED = (Payment.Status.SUCCEEDED, Payment.Status.PARTLY_REFUNDED, Payment.Status.REFUNDED)


def _basis_points(percent) -> int:
    return int((Decimal(percent) * 100).to_integral_value())


def institution_rules() -> taxrules.Rules:
    """The rates the local council set and the institution's working days (public holidays, bridge days)."""
    institution = InstitutionSettings.load()
    calendar = institution_calendar()
    return taxrules.Rules(
        bonus_rate_bp=_basis_points(institution.early_payment_bonus_percent),
        increment_rate_bp=_basis_points(institution.late_payment_percent_per_month),
        is_working_day=calendar.is_working_day,
    )


def terms_of(obligation: Obligation) -> taxrules.Terms:
    instalments = [taxrules.Instalment(due=obligation.first_due, amount=obligation.first_amount)]
    if obligation.second_due and obligation.second_amount:
        instalments.append(taxrules.Instalment(due=obligation.second_due, amount=obligation.second_amount))
    return taxrules.Terms(
        kind=obligation.kind,
        fiscal_year=obligation.fiscal_year,
        amount=obligation.amount,
        instalments=tuple(instalments),
    )


def credits_by_obligation(obligations) -> dict[int, list[taxrules.Credit]]:
    """Every credit of these obligations, one query: what the tax roll says was paid before import (paid on time),
    then each credited payment's net lines (refunds subtract), dated the day the payment succeeded."""
    credits: dict[int, list[taxrules.Credit]] = defaultdict(list)
    by_id = {obligation.pk: obligation for obligation in obligations}
    for obligation in obligations:
        if obligation.paid_before_import:
            credits[obligation.pk].append(
                taxrules.Credit(on=obligation.first_due, principal=obligation.paid_before_import)
            )
    lines = (
        Allocation.objects.filter(obligation_id__in=by_id, payment__status__in=CREDITED)
        .select_related("payment")
        .order_by("payment__succeeded_at", "pk")
    )
    net: dict[tuple[int, int], list[int]] = {}
    paid_on = {}
    for line in lines:
        key = (line.obligation_id, line.payment_id)
        totals = net.setdefault(key, [0, 0, 0])
        totals[0] += line.principal
        totals[1] += line.increments
        totals[2] += line.bonus
        paid_on[key] = line.payment.paid_on
    for (obligation_id, payment_id), (principal, increments, bonus) in net.items():
        if principal or increments or bonus:
            credits[obligation_id].append(
                taxrules.Credit(
                    on=paid_on[(obligation_id, payment_id)],
                    principal=principal,
                    increments=increments,
                    bonus=bonus,
                )
            )
    return credits


def owed(obligations, day, rules=None) -> dict[int, taxrules.Owed]:
    """What each obligation owes on `day` (two queries whatever their number)."""
    rules = rules or institution_rules()
    credits = credits_by_obligation(obligations)
    return {
        obligation.pk: taxrules.owed_on(terms_of(obligation), credits.get(obligation.pk, []), day, rules)
        for obligation in obligations
    }
