"""The offline demo provider's own books: what its checkout pages charged and refunded, as a provider keeps them."""

from django.db import models
from django.utils import timezone


class DemoCheckout(models.Model):
    """A checkout session of the demo provider, shaped after Stripe's (the ids, the amount, the outcome)."""

    session_id = models.CharField(max_length=64, unique=True)
    payment_intent = models.CharField(max_length=64, unique=True)
    amount = models.PositiveBigIntegerField()
    currency = models.CharField(max_length=3, default="ron")
    metadata = models.JSONField(default=dict)
    success_url = models.CharField(max_length=500)
    cancel_url = models.CharField(max_length=500)
    status = models.CharField(max_length=10, default="open")  # open, complete, expired
    payment_status = models.CharField(max_length=10, default="unpaid")  # unpaid, paid
    created_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)
    refunded = models.PositiveBigIntegerField(default=0)

    def __str__(self):
        return self.session_id
