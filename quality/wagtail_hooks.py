"""The quality manager's reference lists in the Wagtail admin: the laws and standards procedures cite, and the causes
of nonconformities."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import roles, selectors
from .models import ExternalReference, NonconformityCause


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


class QualityManagersOnly(ModelPermissionPolicy):
    """The list of causes is the quality manager's: they keep it whatever the model permissions of their group, and
    nobody else sees it (superusers aside)."""

    def user_has_permission(self, user, action):
        return bool(user.is_active and (user.is_superuser or selectors.is_manager(user)))

    def users_with_any_permission(self, actions):
        return (
            get_user_model()
            .objects.filter(is_active=True)
            .filter(
                Q(is_superuser=True)
                | Q(is_staff=True, groups__permissions__codename__in=MANAGER_CODENAMES)
                | Q(is_staff=True, user_permissions__codename__in=MANAGER_CODENAMES)
            )
            .distinct()
        )


MANAGER_CODENAMES = [codename for _app, codename in (roles.DRAFT, roles.VERIFY, roles.APPROVE)]


class NonconformityCauseViewSet(SnippetViewSet):
    model = NonconformityCause
    icon = "list-ol"
    menu_label = _("Causes of nonconformities")
    menu_order = 261
    add_to_admin_menu = True
    list_display = ["name", "name_hu", "name_en", "active", "order"]
    list_filter = ["active"]
    search_fields = ["name", "name_hu", "name_en"]
    ordering = ["order", "name"]


register_permission_policy(NonconformityCause, QualityManagersOnly(NonconformityCause))
register_snippet(NonconformityCauseViewSet)
