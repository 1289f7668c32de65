"""The menus and the footer, edited by the communications staff per site."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField

from .. import blocks


@register_setting(icon="list-ul")
class NavigationSettings(BaseSiteSetting):
    main_menu = StreamField(
        [("item", blocks.MenuItemBlock())],
        blank=True,
        verbose_name=_("main menu"),
        help_text=_("The sections of the site shown under the header on every page, in this order."),
    )
    footer_links = StreamField(
        [("item", blocks.MenuItemBlock())],
        blank=True,
        verbose_name=_("footer links"),
        help_text=_("Shown in the footer of every page, after the accessibility statement."),
    )

    panels = [FieldPanel("main_menu"), FieldPanel("footer_links")]

    class Meta:
        verbose_name = _("menus and footer")
