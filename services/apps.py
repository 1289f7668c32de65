"""App configuration: registers the back-office and citizen entries of the navigation and where staff land."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    name = "services"
    verbose_name = _("Services and cases")

    def ready(self):
        from django.db.models.signals import post_migrate

        from portal import navigation

        from . import (
            aggregates,  # noqa: F401  registers MEDIAN on SQLite connections
            checks,  # noqa: F401  the registered request kinds are checked
            signals,  # noqa: F401  due dates follow the institution's calendar
        )
        from .backoffice.selectors import may_use_back_office
        from .citizen.selectors import unread_count
        from .permissions import can_see_indicators, is_quality_manager, may_register_at_desk, may_view_register
        from .roles import ensure_groups

        post_migrate.connect(ensure_groups, sender=self)

        navigation.register(_("My cases"), "services:my_cases", visible=navigation.signed_in, order=20)
        # Staff accounts are not applicants' accounts: their pages do without the unread count's query.
        navigation.register(_("Messages"), "services:inbox", visible=navigation.citizen, order=25, count=unread_count)
        navigation.register(_("Check a case"), "services:lookup", order=30)
        navigation.register(_("Registry desk"), "desk:register_request", visible=may_register_at_desk, order=45)
        navigation.register(_("Back office"), "backoffice:queue", visible=may_use_back_office, order=50)
        navigation.register(_("General register"), "desk:register", visible=may_view_register, order=55)
        navigation.register(
            _("Indicators"),
            "dashboard:indicators",
            visible=lambda user: navigation.staff(user) and can_see_indicators(user),
            order=60,
        )
        # After sign-in: the quality manager on the indicators, clerks and heads on their queue, the registry desk on
        # its form; citizens (no landing of their own) on their account page.
        navigation.register_landing("dashboard:indicators", who=is_quality_manager, order=10)
        navigation.register_landing("backoffice:queue", who=may_use_back_office, order=20)
        navigation.register_landing("desk:register_request", who=may_register_at_desk, order=30)
