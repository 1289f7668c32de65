"""Public investments: where each one stands (the legal stages), what was contracted, paid and reimbursed, for the
staff who run them and for the citizens who pay for them."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InvestmentsConfig(AppConfig):
    name = "investments"
    verbose_name = _("Public investments")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate

        from portal import navigation

        from . import roles
        from .prioritisation import roles as prioritisation_roles

        post_migrate.connect(roles.ensure_groups, sender=self)
        # Everyone reads the public investments; staff who keep them have the register besides.
        navigation.register(_("Public investments"), "investments_public:list", order=32)
        navigation.register(
            _("Investments register"), "investments:dashboard", visible=roles.may_use_register, order=70
        )
        navigation.register(
            _("Prioritisation"), "prioritisation:round_list", visible=prioritisation_roles.may_use_rounds, order=71
        )
