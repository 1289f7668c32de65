"""The tax roll (taxpayers, their link to users, obligations) and the ledger (payments, their allocations to
obligations, provider events, receipts, refunds), with the audit trail of both."""

from .demo import DemoCheckout
from .ledger import Allocation, Payment, Receipt, ReceiptCounter, Refund, WebhookEvent
from .reconciliation import ReconciliationMismatch, RefundRequest
from .roll import AuditEvent, Obligation, Taxpayer, TaxpayerLink

__all__ = [
    "Allocation",
    "AuditEvent",
    "DemoCheckout",
    "Obligation",
    "Payment",
    "Receipt",
    "ReceiptCounter",
    "ReconciliationMismatch",
    "Refund",
    "RefundRequest",
    "Taxpayer",
    "TaxpayerLink",
    "WebhookEvent",
]
