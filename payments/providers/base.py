"""What a payment provider does for the ledger: start a checkout, refund, sign its events, list its records."""

from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import datetime


class ProviderUnavailable(Exception):
    """The provider could not be reached or refused the request; nothing was charged or refunded."""


@dataclass(frozen=True)
class Line:
    label: str
    amount: int  # bani


@dataclass(frozen=True)
class Checkout:
    reference: str  # the provider's checkout id (Stripe: cs_…)
    url: str  # where the payer goes to pay


@dataclass(frozen=True)
class Record:
    """One checkout as the provider's books have it, for the daily reconciliation."""

    reference: str
    amount: int
    paid: bool
    refunded: int = 0


class Provider(ABC):
    """Every provider implements all of these; the registry refuses a class that does not (it cannot be made)."""

    name = ""
    label = ""

    @abstractmethod
    def start_checkout(
        self, payment, *, lines: list[Line], success_url: str, cancel_url: str, expires_at: datetime
    ) -> Checkout:
        """Open the provider's checkout of `payment` for `lines`; where to send the payer."""

    @abstractmethod
    def expire(self, payment) -> None:
        """End an open checkout the payer left, so its obligations can be paid again at once; the provider's
        "expired" event cancels the payment."""

    @abstractmethod
    def refund(self, refund) -> str:
        """Ask for `refund.amount` back from `refund.payment`; returns the provider's refund id. The provider's
        event settles it."""

    @abstractmethod
    def records(self, start: datetime, end: datetime) -> list[Record]:
        """The checkouts created in [start, end) as the provider has them."""

    @abstractmethod
    def webhook_secrets(self) -> list[str]:
        """The secrets its events may be signed with (two while a secret is being rotated)."""
