"""The editors' publication page of investments in the Wagtail admin, and its menu item (shown only to editors)."""

from django.urls import include, path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views, roles
from .prioritisation import page_hooks  # noqa: F401

admin_urls = (
    [path("", admin_views.PublicationView.as_view(), name="publication")],
    "investments_admin",
)


@hooks.register("register_admin_urls")
def register_publication_urls():
    return [path("investitii/", include(admin_urls))]


class PublicationMenuItem(MenuItem):
    def is_shown(self, request):
        return roles.may_publish(request.user)


@hooks.register("register_admin_menu_item")
def register_publication_menu_item():
    return PublicationMenuItem(
        _("Public investments"),
        reverse_lazy("investments_admin:publication"),
        name="investments-publication",
        icon_name="site",
        order=270,
    )
