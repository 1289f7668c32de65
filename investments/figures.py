"""The figures of an investment, derived from what was recorded and never typed: contract totals after amendments,
the money ledger's sums and percentages, what was paid and not yet reimbursed (and how long ago), the state of each
stage, and a parent's progress weighted by its sub-objects' contract values.

Pure Python (no Django): amounts are integers in bani, rates are basis points (1 % = 100 bp), percentages are
Decimals rounded half up to one decimal. Physical progress and financial progress are kept apart on purpose: one is
what stands on the site, the other what was paid; neither is ever computed from the other."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

INVOICED = "invoiced"
PAID = "paid"
CLAIMED = "claimed"
REIMBURSED = "reimbursed"
INELIGIBLE = "ineligible"
KINDS = (INVOICED, PAID, CLAIMED, REIMBURSED, INELIGIBLE)

FULL_BP = 10_000
# The finance department's warning: a payment whose reimbursable share is still not reimbursed after this long.
REIMBURSEMENT_WATCH_DAYS = 90
CONTRACT_ENDING_DAYS = 30


def percent(part: int, whole: int) -> Decimal | None:
    """part / whole in per cent, one decimal, rounded half up; None when there is no whole to measure against."""
    if whole <= 0:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def reimbursable_bp(cofinancing_rate_percent: Decimal | int | str, reimbursed_kind: bool) -> int:
    """The share of a payment the funder gives back: everything but the institution's co-financing, for the funding
    kinds that reimburse (state programmes, EU funds, PNRR); nothing for the local budget or a loan."""
    if not reimbursed_kind:
        return 0
    rate = Decimal(str(cofinancing_rate_percent))
    if rate < 0 or rate > 100:
        raise ValueError("a co-financing rate is a percentage between 0 and 100")
    own_bp = int((rate * 100).to_integral_value(rounding=ROUND_HALF_UP))
    return FULL_BP - own_bp


def share(amount: int, bp: int) -> int:
    """amount × bp / 10 000 in whole bani, rounded half up (a reimbursable share is never more than the payment)."""
    if not 0 <= bp <= FULL_BP:
        raise ValueError("a share is between 0 and 10 000 basis points")
    return (amount * bp * 2 + FULL_BP) // (2 * FULL_BP)


# --- contracts -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AmendmentTerms:
    value_change: int = 0
    vat_change: int = 0
    duration_change_days: int = 0


@dataclass(frozen=True)
class ContractTerms:
    value: int
    vat: int
    starts_on: date
    duration_days: int
    amendments: tuple[AmendmentTerms, ...] = ()

    @property
    def current_value(self) -> int:
        """Without VAT, after every addendum."""
        return self.value + sum(a.value_change for a in self.amendments)

    @property
    def current_vat(self) -> int:
        return self.vat + sum(a.vat_change for a in self.amendments)

    @property
    def current_value_with_vat(self) -> int:
        return self.current_value + self.current_vat

    @property
    def current_duration_days(self) -> int:
        return self.duration_days + sum(a.duration_change_days for a in self.amendments)

    @property
    def ends_on(self) -> date:
        return self.starts_on + timedelta(days=self.current_duration_days)

    def ends_within(self, today: date, days: int = CONTRACT_ENDING_DAYS) -> bool:
        """Still running and ending in the next `days` days (today included)."""
        return today <= self.ends_on <= today + timedelta(days=days)


def amended_value_is_valid(terms: ContractTerms, change: AmendmentTerms) -> bool:
    """An addendum may lower a contract's value, never below zero."""
    after = ContractTerms(terms.value, terms.vat, terms.starts_on, terms.duration_days, (*terms.amendments, change))
    return after.current_value >= 0 and after.current_vat >= 0 and after.current_duration_days > 0


# --- the ledger ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Movement:
    """A validated ledger entry. `reimbursable_bp` is the reimbursable share of a payment (0 for other kinds)."""

    kind: str
    amount: int
    on: date
    reimbursable_bp: int = 0

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown ledger movement {self.kind!r}")
        if self.amount <= 0:
            raise ValueError("a ledger amount is positive")


@dataclass(frozen=True)
class LedgerFigures:
    contracted: int
    invoiced: int
    paid: int
    claimed: int
    reimbursed: int
    ineligible: int
    # What the funders owe back for the payments made (their reimbursable shares).
    reimbursable: int
    # reimbursable − reimbursed − ineligible: paid by the institution and not yet reimbursed.
    awaiting_reimbursement: int
    # The part of that older than REIMBURSEMENT_WATCH_DAYS (the oldest payments are reimbursed first).
    awaiting_over_watch_days: int
    oldest_awaiting_on: date | None
    paid_percent: Decimal | None = field(default=None)
    reimbursed_percent: Decimal | None = field(default=None)
    invoiced_not_paid: int = 0

    @property
    def watch(self) -> bool:
        return self.awaiting_over_watch_days > 0


def ledger_figures(
    contracted: int, movements: Iterable[Movement], today: date, watch_days: int = REIMBURSEMENT_WATCH_DAYS
) -> LedgerFigures:
    """The ledger's figures as of `today`, from the validated movements and the contracted total (after addenda)."""
    totals = dict.fromkeys(KINDS, 0)
    payments: list[tuple[date, int]] = []
    for movement in movements:
        totals[movement.kind] += movement.amount
        if movement.kind == PAID and movement.reimbursable_bp:
            payments.append((movement.on, share(movement.amount, movement.reimbursable_bp)))
    reimbursable = sum(amount for _on, amount in payments)
    covered = totals[REIMBURSED] + totals[INELIGIBLE]
    awaiting = max(0, reimbursable - covered)

    # The oldest payments are the first reimbursed: what remains uncovered belongs to the newest.
    over_watch = 0
    oldest: date | None = None
    remaining_cover = covered
    limit = today - timedelta(days=watch_days)
    for on, amount in sorted(payments):
        uncovered = max(0, amount - remaining_cover)
        remaining_cover = max(0, remaining_cover - amount)
        if uncovered:
            if oldest is None:
                oldest = on
            if on < limit:
                over_watch += uncovered

    return LedgerFigures(
        contracted=contracted,
        invoiced=totals[INVOICED],
        paid=totals[PAID],
        claimed=totals[CLAIMED],
        reimbursed=totals[REIMBURSED],
        ineligible=totals[INELIGIBLE],
        reimbursable=reimbursable,
        awaiting_reimbursement=awaiting,
        awaiting_over_watch_days=over_watch,
        oldest_awaiting_on=oldest,
        paid_percent=percent(totals[PAID], contracted),
        reimbursed_percent=percent(totals[REIMBURSED], reimbursable),
        invoiced_not_paid=max(0, totals[INVOICED] - totals[PAID]),
    )


def combine(figures: Sequence[LedgerFigures]) -> LedgerFigures:
    """A parent's (or a funding total's) figures: the sums of its parts, percentages computed again from the sums."""
    sums = {
        name: sum(getattr(f, name) for f in figures)
        for name in (
            "contracted",
            "invoiced",
            "paid",
            "claimed",
            "reimbursed",
            "ineligible",
            "reimbursable",
            "awaiting_reimbursement",
            "awaiting_over_watch_days",
            "invoiced_not_paid",
        )
    }
    dates = [f.oldest_awaiting_on for f in figures if f.oldest_awaiting_on is not None]
    return LedgerFigures(
        **sums,
        oldest_awaiting_on=min(dates) if dates else None,
        paid_percent=percent(sums["paid"], sums["contracted"]),
        reimbursed_percent=percent(sums["reimbursed"], sums["reimbursable"]),
    )


# --- physical progress ---------------------------------------------------------------------------------------------


def weighted_progress(parts: Iterable[tuple[int, int | None]]) -> Decimal | None:
    """A parent's physical progress: its sub-objects' progress (percent, None when not reported) weighted by their
    contract values. Parts without a contract weigh nothing; a part not reported counts as 0 % of its weight."""
    total_weight = 0
    weighted = 0
    for weight, progress in parts:
        if weight <= 0:
            continue
        total_weight += weight
        weighted += weight * (progress or 0)
    if total_weight == 0:
        return None
    return (Decimal(weighted) / Decimal(total_weight)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


# --- stages --------------------------------------------------------------------------------------------------------

DONE = "done"
LATE = "late"
PLANNED = "planned"
NOT_PLANNED = "not_planned"


@dataclass(frozen=True)
class StageDates:
    kind: str
    planned: date | None
    actual: date | None
    has_evidence: bool

    @property
    def done(self) -> bool:
        """A stage is done only with both its actual date and the document that proves it."""
        return self.actual is not None and self.has_evidence

    def state(self, today: date) -> str:
        if self.done:
            return DONE
        if self.planned is None:
            return NOT_PLANNED
        return LATE if self.planned < today else PLANNED

    def delay_days(self, today: date) -> int | None:
        """Days behind the plan: done late (actual − planned), or still open past its planned date (today − planned).
        Negative when done early; None without a planned date."""
        if self.planned is None:
            return None
        if self.done:
            assert self.actual is not None
            return (self.actual - self.planned).days
        return max(0, (today - self.planned).days)


def current_stage(stages: Sequence[StageDates], order: Sequence[str], cancelled: str) -> str | None:
    """The furthest stage done, in the legal order; a cancelled investment is cancelled whatever else was done."""
    done = {stage.kind for stage in stages if stage.done}
    if cancelled in done:
        return cancelled
    for kind in reversed(order):
        if kind in done and kind != cancelled:
            return kind
    return None


def late_stages(stages: Iterable[StageDates], today: date) -> list[str]:
    return [stage.kind for stage in stages if stage.state(today) == LATE]
