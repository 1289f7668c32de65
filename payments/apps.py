"""App configuration of local taxes and payments: the tax request kinds, the payment providers, the fee collector of
the spine, the tax department's group and the navigation."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "payments"
    verbose_name = _("Local taxes and payments")

    def ready(self):
        from django.db.models.signals import post_migrate

        from portal import identity, navigation
        from services import fees as spine_fees
        from services.lifecycle import Status
        from services.registry import Kind, kinds

        from . import fees, providers
        from .linking import link_verified_cnp
        from .roles import ensure_groups, is_tax_staff

        kinds.register(
            Kind(
                name="tax",
                label=_("tax request"),
                outcomes=(Status.APPROVED, Status.REJECTED),
            )
        )
        from .refund_requests import KIND as refund_kind

        kinds.register(refund_kind)
        providers.load()
        spine_fees.register(fees.Collector())
        post_migrate.connect(ensure_groups, sender=self)
        navigation.register(_("Pay taxes"), "payments:my_taxes", visible=navigation.citizen, order=22)
        navigation.register(
            _("Payments"),
            "payments:queue",
            visible=lambda user: navigation.staff(user) and is_tax_staff(user),
            order=52,
        )
        navigation.register_landing("payments:queue", who=is_tax_staff, order=25)
        identity.cnp_verified.connect(link_verified_cnp, dispatch_uid="payments-link-verified-cnp")
