"""The menus and footer links in the visitor's language, kept in the cache until the site changes."""

from django.core.cache import cache
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from . import cache as page_cache
from . import links


def menus(request):
    """{"main": [Link], "footer": [Link], "home_url": str} for this site and language."""
    language = get_language()
    # A public page knows its site (cms.routing); the portal's own pages belong to the institution's default site.
    site = getattr(request, "_wagtail_site", None)
    key = f"cms:menus:{page_cache.generation()}:{site.pk if site else 'default'}:{language}"
    value = cache.get(key)
    if value is None:
        value = _build(request, site, language)
        cache.set(key, value, page_cache.PAGE_SECONDS)
    return value


def _build(request, site, language):
    from .models import NavigationSettings

    # The home page in this language is at the root of its language's URLs (i18n_patterns): "/", "/hu/", "/en/".
    value = {"main": [], "footer": [], "home_url": reverse("wagtail_serve", args=[""])}
    # Read, not created: a site without menus has none (NavigationSettings.for_site would insert an empty row).
    found = NavigationSettings.objects.filter(**({"site": site} if site else {"site__is_default_site": True}))
    settings_ = found.first()
    if settings_ is None:
        return value
    value["main"], value["footer"] = links.resolve([settings_.main_menu, settings_.footer_links], request, language)
    return value


def site_navigation(request):
    """Context processor: `site_menus` (lazy: a page that shows no menu reads nothing)."""
    return {"site_menus": SimpleLazyObject(lambda: menus(request))}
