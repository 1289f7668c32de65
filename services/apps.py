"""App configuration: registers the back-office and citizen entries of the navigation."""

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
        from .permissions import can_see_indicators, may_register_at_desk, may_view_register
        from .roles import ensure_groups

        post_migrate.connect(ensure_groups, sender=self)

        navigation.register(_("My cases"), "services:my_cases", visible=navigation.signed_in, order=20)
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
