"""App configuration of local taxes and payments.

Tax requests (a tax clearance certificate, say) are a request kind of the spine; the tax roll, Stripe and receipts
come in their own issue."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "payments"
    verbose_name = _("Local taxes and payments")

    def ready(self):
        from services.lifecycle import Status
        from services.registry import Kind, kinds

        kinds.register(
            Kind(
                name="tax",
                label=_("tax request"),
                outcomes=(Status.APPROVED, Status.REJECTED),
            )
        )
