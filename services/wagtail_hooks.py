"""The quality manager's screens in the Wagtail admin: departments, procedures and the service catalogue."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Department, Procedure, Service


class DepartmentViewSet(SnippetViewSet):
    model = Department
    icon = "group"
    menu_label = _("Departments")
    list_display = ["name", "code", "email"]
    search_fields = ["name", "code"]


class ProcedureViewSet(SnippetViewSet):
    model = Procedure
    icon = "doc-full"
    menu_label = _("Procedures")
    list_display = ["code", "title", "edition", "revision", "owner_department", "deadline_days", "deadline_unit"]
    list_filter = ["owner_department", "deadline_unit", "extension_allowed"]
    search_fields = ["code", "title"]
    ordering = ["code"]


class ServiceViewSet(SnippetViewSet):
    model = Service
    icon = "list-ul"
    menu_label = _("Services")
    list_display = ["title", "kind", "procedure", "online", "active"]
    list_filter = ["kind", "online", "active"]
    search_fields = ["title", "slug"]


class QualityManagementGroup(SnippetViewSetGroup):
    items = (DepartmentViewSet, ProcedureViewSet, ServiceViewSet)
    menu_label = _("Quality management")
    menu_icon = "tasks"
    menu_order = 250


register_snippet(QualityManagementGroup)
