"""The quality manager's reference lists in the Wagtail admin: the laws and standards procedures cite."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import ExternalReference


class ExternalReferenceViewSet(SnippetViewSet):
    model = ExternalReference
    icon = "link"
    menu_label = _("Laws and standards")
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["title", "kind", "last_amended_on", "to_revise"]
    list_filter = ["kind"]
    search_fields = ["title"]


register_snippet(ExternalReferenceViewSet)
