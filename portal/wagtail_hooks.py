"""The institution's own non-working days, edited in the Wagtail admin next to its settings."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import NonWorkingDay


class NonWorkingDayViewSet(SnippetViewSet):
    model = NonWorkingDay
    icon = "date"
    menu_label = _("Non-working days")
    add_to_settings_menu = True
    list_display = ["date", "reason", "working"]
    ordering = ["-date"]


register_snippet(NonWorkingDayViewSet)
