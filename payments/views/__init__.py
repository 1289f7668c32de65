"""Payments' pages: the citizen's (citizen), checkout and webhook (checkout), the tax department's (staff, roll),
refund requests (refunds)."""
