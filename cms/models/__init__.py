"""The public site's page types, the life events services are grouped by, and the menus."""

from .navigation import NavigationSettings
from .pages import (
    ContactOffice,
    ContactPage,
    CookiePage,
    HomePage,
    HomePageHighlight,
    NewsIndexPage,
    NewsPage,
    NewsPageTag,
    PrivacyPage,
    StandardPage,
)
from .publishing import PublishingSettings
from .service_pages import LifeEvent, ServiceIndexPage, ServicePage

__all__ = [
    "ContactOffice",
    "ContactPage",
    "CookiePage",
    "HomePage",
    "HomePageHighlight",
    "LifeEvent",
    "NavigationSettings",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTag",
    "PrivacyPage",
    "PublishingSettings",
    "ServiceIndexPage",
    "ServicePage",
    "StandardPage",
]
