"""Service fees paid online: the spine's hook that the payments app fills in, so the request kinds ask whether a fee
is settled without importing payments. Without a collector (payments not installed) fees are paid at the cashier
and nothing online waits for them."""

from dataclasses import dataclass
from typing import Protocol


class FeeCollector(Protocol):
    def settled(self, *, service, user, reference: str) -> bool: ...

    def payment_url(self, *, service, user, reference: str, next_url: str) -> str: ...

    def attach(self, *, service, user, reference: str, case) -> None: ...


@dataclass
class _Hook:
    collector: FeeCollector | None = None


_hook = _Hook()


def register(collector: FeeCollector | None) -> None:
    _hook.collector = collector


def online() -> bool:
    return _hook.collector is not None


def settled(service, user, reference: str) -> bool:
    """True when the application may be submitted as far as its fee goes."""
    if not service.fee_bani or _hook.collector is None:
        return True
    return _hook.collector.settled(service=service, user=user, reference=reference)


def payment_url(service, user, reference: str, next_url: str) -> str | None:
    if not service.fee_bani or _hook.collector is None:
        return None
    return _hook.collector.payment_url(service=service, user=user, reference=reference, next_url=next_url)


def attach(service, user, reference: str, case) -> None:
    """The fee paid for the application `reference` now belongs to the registered `case`."""
    if service.fee_bani and _hook.collector is not None:
        _hook.collector.attach(service=service, user=user, reference=reference, case=case)
