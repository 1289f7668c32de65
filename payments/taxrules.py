"""Pure arithmetic of Romanian local taxes: instalments, early-payment bonus, late increments, payment allocation."""

from __future__ import annotations

import calendar
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TypeVar

__all__ = [
    "ANNUAL_KINDS",
    "KINDS",
    "Credit",
    "Instalment",
    "Owed",
    "Rules",
    "Terms",
    "add_months",
    "allocate",
    "bonus_deadline",
    "effective_due",
    "increment",
    "instalment_plan",
    "months_late",
    "owed_on",
    "settle",
]

K = TypeVar("K")

# Taxes on buildings, land and means of transport: the only kinds paid in two instalments and with an early-payment
# bonus (Fiscal Code L 227/2015 art. 462, 467 and 472).
ANNUAL_KINDS: frozenset[str] = frozenset({"building", "land", "vehicle"})
KINDS: tuple[str, ...] = ("building", "land", "vehicle", "fee", "fine", "other")

_ONE_DAY = timedelta(days=1)
_SATURDAY = 5
_BASIS = 10_000  # basis points in one whole
_MAX_BONUS_BP = 1_000  # "o bonificație de până la 10%" (Fiscal Code art. 462(2), 467(2), 472(2))
# A calendar with no working day for a whole year is a caller's mistake, not a reason to loop for ever.
_MAX_DAYS_OFF = 366


def _monday_to_friday(day: date) -> bool:
    return day.weekday() < _SATURDAY


def _percent(amount: int, basis_points: int) -> int:
    """``amount`` × ``basis_points`` / 10 000, rounded half up to the ban, in integers so that no float ever rounds."""
    return (amount * basis_points + _BASIS // 2) // _BASIS


@dataclass(frozen=True)
class Rules:
    """What the local council decides (bonus rate) and the law fixes (increment rate, 50-lei threshold, calendar)."""

    bonus_rate_bp: int = 1000
    increment_rate_bp: int = 100
    single_payment_threshold: int = 5000
    is_working_day: Callable[[date], bool] = field(default=_monday_to_friday)

    def __post_init__(self) -> None:
        if not 0 <= self.bonus_rate_bp <= _MAX_BONUS_BP:
            raise ValueError(f"bonus_rate_bp must be between 0 and {_MAX_BONUS_BP}, not {self.bonus_rate_bp}")
        if self.increment_rate_bp < 0:
            raise ValueError(f"increment_rate_bp cannot be negative: {self.increment_rate_bp}")
        if self.single_payment_threshold < 0:
            raise ValueError(f"single_payment_threshold cannot be negative: {self.single_payment_threshold}")


@dataclass(frozen=True)
class Instalment:
    """One legal term of payment: its nominal date (before any shift to a working day) and its principal in bani."""

    due: date
    amount: int


@dataclass(frozen=True)
class Credit:
    """What one payment (or the tax roll's "paid so far") credited to one obligation, in bani.

    ``principal`` and ``increments`` are money paid; ``bonus`` is principal extinguished by the early-payment bonus,
    on top of ``principal``. The money of the payment is therefore ``principal + increments``.
    """

    on: date
    principal: int
    increments: int = 0
    bonus: int = 0

    def __post_init__(self) -> None:
        if min(self.principal, self.increments, self.bonus) < 0:
            raise ValueError(f"A credit cannot be negative: {self!r}")


@dataclass(frozen=True)
class Terms:
    """One obligation: its kind, fiscal year, principal in bani and the instalments it is due in."""

    kind: str
    fiscal_year: int
    amount: int
    instalments: tuple[Instalment, ...]

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"Unknown kind {self.kind!r}; expected one of {', '.join(KINDS)}")
        if self.amount <= 0:
            raise ValueError(f"An obligation's amount must be positive, not {self.amount}")
        if not self.instalments or any(inst.amount <= 0 for inst in self.instalments):
            raise ValueError("An obligation needs at least one instalment, each of a positive amount")
        if sum(inst.amount for inst in self.instalments) != self.amount:
            raise ValueError(f"The instalments do not add up to the obligation's amount of {self.amount}")


@dataclass(frozen=True)
class Owed:
    """What one obligation owes on ``day``, in bani."""

    day: date
    principal_overdue: int
    principal_due: int
    increments: int
    bonus: int
    next_due: date | None

    @property
    def due_now(self) -> int:
        """What must be paid on ``day`` to stop increments from running: overdue principal and its increments."""
        return self.principal_overdue + self.increments

    @property
    def to_settle(self) -> int:
        """What closes the obligation if paid on ``day``: all principal and increments, less the bonus."""
        return max(0, self.principal_overdue + self.principal_due + self.increments - self.bonus)


def add_months(day: date, months: int) -> date:
    """``day`` moved by ``months`` calendar months, clamped to the month's end (31 January + 1 → 28/29 February)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def effective_due(due: date, rules: Rules) -> date:
    """``due`` itself on a working day, otherwise the next working day.

    A term that ends on a non-working day ends at the end of the next working day (L 207/2015 art. 75), so neither
    increments nor the loss of the bonus can start before it.
    """
    day = due
    for _ in range(_MAX_DAYS_OFF):
        if rules.is_working_day(day):
            return day
        day += _ONE_DAY
    raise ValueError(f"No working day within {_MAX_DAYS_OFF} days of {due.isoformat()}")


def months_late(due: date, paid_on: date, rules: Rules) -> int:
    """Months or fractions of a month from the day after the effective ``due`` up to ``paid_on`` inclusive.

    L 207/2015 art. 183(2) charges increments "pentru fiecare lună sau pentru fiecare fracțiune de lună": the
    smallest k ≥ 1 with ``add_months(effective due, k) >= paid_on``; 0 when paid on or before the effective due date.
    """
    start = effective_due(due, rules)
    if paid_on <= start:
        return 0
    # The month difference lands in paid_on's month, where add_months is either on/after paid_on or one month short.
    months = max(1, (paid_on.year - start.year) * 12 + paid_on.month - start.month)
    if add_months(start, months) < paid_on:
        months += 1
    return months


def increment(principal: int, due: date, paid_on: date, rules: Rules) -> int:
    """Late-payment increments on ``principal`` due on ``due`` and paid on ``paid_on`` (L 207/2015 art. 183)."""
    if principal < 0:
        raise ValueError(f"Principal cannot be negative: {principal}")
    return _percent(principal * months_late(due, paid_on, rules), rules.increment_rate_bp)


def bonus_deadline(fiscal_year: int, rules: Rules) -> date:
    """The last day for the early-payment bonus: 31 March (Fiscal Code art. 462(2)), shifted to a working day."""
    return effective_due(date(fiscal_year, 3, 31), rules)


def instalment_plan(
    kind: str,
    fiscal_year: int,
    amount: int,
    rules: Rules,
    *,
    kind_total: int | None = None,
    due: date | None = None,
) -> tuple[Instalment, ...]:
    """The instalments ``amount`` bani of ``kind`` for ``fiscal_year`` are due in.

    ``kind_total`` is what the taxpayer owes the same budget for the same kind in all (several buildings, say), which
    decides the 50-lei single payment; it defaults to ``amount``. ``due`` is the due date of a fee, fine or other
    obligation, and must not be given for the annual kinds, whose dates the law fixes.
    """
    if kind not in KINDS:
        raise ValueError(f"Unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
    if amount <= 0:
        raise ValueError(f"An obligation's amount must be positive, not {amount}")
    if kind not in ANNUAL_KINDS:
        if due is None:
            raise ValueError(f"A {kind} needs its due date")
        if kind_total is not None:
            raise ValueError("The single-payment threshold only concerns taxes on buildings, land and vehicles")
        return (Instalment(due, amount),)
    if due is not None:
        raise ValueError(f"The {kind} tax is due on dates fixed by law, not on {due.isoformat()}")
    total = amount if kind_total is None else kind_total
    if total < amount:
        raise ValueError(f"kind_total ({total}) cannot be less than the amount ({amount})")
    march = Instalment(date(fiscal_year, 3, 31), amount)
    # Up to 50 lei of one kind owed to one budget is paid in one go by the first term (art. 462(3), 467(3), 472(3)).
    # A single ban cannot be split in two equal instalments either, and a 0-ban instalment would be no instalment.
    if total <= rules.single_payment_threshold or amount < 2:
        return (march,)
    # Two equal instalments by 31 March and 30 September (art. 462(1), 467(1), 472(1)); the first takes the odd ban.
    second = amount // 2
    return (Instalment(march.due, amount - second), Instalment(date(fiscal_year, 9, 30), second))


@dataclass
class _Open:
    """The working state of one instalment while credits are applied to it."""

    due: date
    effective: date
    unpaid: int
    accrued: int = 0


def _ledger(terms: Terms, credits: Sequence[Credit], day: date, rules: Rules) -> tuple[list[_Open], int, bool]:
    """The instalments after every credit made on or before ``day``; the increments paid; whether a bonus was had.

    Credits are applied in date order and, within one credit, to the instalments oldest due first (L 207/2015
    art. 165). Each chunk of principal carries the increments of its own day of payment (art. 183), so a late partial
    payment stops the increments on what it paid and leaves them running on the rest.
    """
    ledger = [
        _Open(inst.due, effective_due(inst.due, rules), inst.amount)
        for inst in sorted(terms.instalments, key=lambda inst: inst.due)
    ]
    increments_paid = 0
    had_bonus = False
    # Credits made after ``day`` had not happened yet on ``day``.
    for credit in sorted((c for c in credits if c.on <= day), key=lambda c: c.on):
        increments_paid += credit.increments
        had_bonus = had_bonus or credit.bonus > 0
        # The bonus extinguishes principal just as the money does, on the same day.
        left = credit.principal + credit.bonus
        for inst in ledger:
            if not left:
                break
            chunk = min(left, inst.unpaid)
            if chunk:
                inst.unpaid -= chunk
                inst.accrued += increment(chunk, inst.due, credit.on, rules)
                left -= chunk
        if left:
            raise ValueError(f"The credits exceed the obligation's principal of {terms.amount}")
    return ledger, increments_paid, had_bonus


def owed_on(terms: Terms, credits: Sequence[Credit], day: date, rules: Rules) -> Owed:
    """What ``terms`` owes on ``day`` after ``credits``: principal overdue and not yet due, increments, bonus."""
    ledger, increments_paid, had_bonus = _ledger(terms, credits, day, rules)
    overdue = sum(inst.unpaid for inst in ledger if inst.effective < day)
    not_yet = sum(inst.unpaid for inst in ledger if inst.effective >= day)
    # Principal still unpaid carries increments up to ``day``, as if it were paid then (L 207/2015 art. 183(2)).
    accrued = sum(inst.accrued + increment(inst.unpaid, inst.due, day, rules) for inst in ledger)
    # Increments paid beyond what accrued (a caller's overpayment) are no debt of the tax office here.
    increments = max(0, accrued - increments_paid)
    principal = overdue + not_yet
    bonus = 0
    # The bonus rewards paying the whole year's tax by 31 March (Fiscal Code art. 462(2), 467(2), 472(2)): for the
    # annual kinds only, once, on the full amount, and never more than the principal it extinguishes.
    if terms.kind in ANNUAL_KINDS and principal and not had_bonus and day <= bonus_deadline(terms.fiscal_year, rules):
        bonus = min(principal, _percent(terms.amount, rules.bonus_rate_bp))
    next_due = next((inst.effective for inst in ledger if inst.unpaid), None)
    return Owed(day, overdue, not_yet, increments, bonus, next_due)


def settle(terms: Terms, credits: Sequence[Credit], day: date, rules: Rules) -> Credit:
    """The credit that pays everything ``terms`` owes on ``day``: all principal (less the bonus) and increments."""
    owed = owed_on(terms, credits, day, rules)
    principal = owed.principal_overdue + owed.principal_due
    return Credit(day, principal - owed.bonus, owed.increments, owed.bonus)


def allocate(
    amount: int,
    obligations: Sequence[tuple[K, Terms, Sequence[Credit]]],
    day: date,
    rules: Rules,
) -> list[tuple[K, Credit]]:
    """``amount`` bani paid on ``day`` split over ``obligations`` in the legal order; only those receiving something.

    The one place of the order of payment (DOMAIN.md; L 207/2015 art. 165): the oldest obligation first — fiscal
    year, then the effective due date of its earliest unpaid instalment, then the caller's order — and within one
    obligation the principal before the late-payment increments. An obligation paid in full gets its bonus; one paid
    in part gets none, since the bonus is for paying the whole year's tax. Paying more than is owed is refused.
    """
    if amount < 0:
        raise ValueError(f"A payment cannot be negative: {amount}")
    queue: list[tuple[tuple[int, date, int], K, Terms, Sequence[Credit], Owed]] = []
    for index, (key, terms, credits) in enumerate(obligations):
        owed = owed_on(terms, credits, day, rules)
        # An obligation whose principal is all paid still owes its increments from its first instalment's date.
        since = owed.next_due or min(effective_due(inst.due, rules) for inst in terms.instalments)
        queue.append(((terms.fiscal_year, since, index), key, terms, credits, owed))
    queue.sort(key=lambda entry: entry[0])
    total = sum(owed.to_settle for *_, owed in queue)
    if amount > total:
        raise ValueError(f"The payment of {amount} exceeds the {total} owed")
    parts: list[tuple[K, Credit]] = []
    left = amount
    for _, key, terms, credits, owed in queue:
        if left >= owed.to_settle:
            credit = settle(terms, credits, day, rules)
            left -= owed.to_settle
        else:
            principal = min(left, owed.principal_overdue + owed.principal_due)
            credit = Credit(day, principal, left - principal)
            left = 0
        if credit.principal or credit.increments or credit.bonus:
            parts.append((key, credit))
        if owed.to_settle > credit.principal + credit.increments:
            break  # paid in part: the payment is spent
    return parts
