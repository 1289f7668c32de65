"""App configuration of local taxes and payments (built in its own issue)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "payments"
    verbose_name = _("Local taxes and payments")
