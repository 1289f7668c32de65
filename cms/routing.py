"""Finding the page a public URL names in two queries, where Wagtail's own routing takes two per level.

Wagtail walks the tree from the site's root one level at a time (each child fetched, then made specific), after
finding the site and the root page's translation. Here the site comes from the cache, the root's path in the
visitor's language from Wagtail's own cached site root paths, and the page from one query on the paths it could
have, the deepest first. What is left of the URL goes to that page's own `route()`, so a routable page (the news
feed) and a page that is not live behave exactly as under Wagtail's routing.
"""

from django.conf import settings
from django.core.cache import cache
from django.http import Http404
from django.utils.translation import get_language
from wagtail.models import Page, PageViewRestriction, Site

from . import cache as page_cache

SITES_GENERATION_KEY = "cms:sites-generation"


def forget_sites(**kwargs):
    """A site added, changed or removed: every host is looked up again (a signal receiver)."""
    try:
        cache.incr(SITES_GENERATION_KEY)
    except ValueError:
        cache.set(SITES_GENERATION_KEY, 2, None)


def find_site(request):
    """The request's Wagtail site, kept in the cache per host (and on the request, where Wagtail looks for it)."""
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    key = f"cms:site:{cache.get_or_set(SITES_GENERATION_KEY, 1, None)}:{request.get_host()}"
    site = cache.get(key)
    if site is None:
        site = Site.find_for_request(request)
        cache.set(key, site or 0, page_cache.PAGE_SECONDS)
    request._wagtail_site = site or None
    return request._wagtail_site


def root_path(site, language):
    """The url_path of the site's home page in `language`, or of its default language's home page."""
    paths = [root for root in Site.get_site_root_paths() if root.site_id == site.pk]
    for wanted in (language, settings.LANGUAGE_CODE):
        for root in paths:
            if root.language_code == wanted:
                return root.root_path
    return paths[0].root_path if paths else None


def route(request, path):
    """Wagtail's RouteResult (page, args, kwargs) for `path` under the site's home page in the active language."""
    site = find_site(request)
    if site is None:
        raise Http404
    home_path = root_path(site, get_language())
    if home_path is None:
        raise Http404
    components = [component for component in path.split("/") if component]
    candidates = {home_path + "".join(f"{c}/" for c in components[:n]): n for n in range(len(components) + 1)}
    page = Page.objects.filter(url_path__in=candidates).order_by("-depth").first()
    if page is None:
        raise Http404
    return page.specific.route(request, components[candidates[page.url_path] :])


RESTRICTIONS_GENERATION_KEY = "cms:restrictions-generation"


def forget_restrictions(**kwargs):
    """A page's view restriction added, changed or removed (a signal receiver)."""
    try:
        cache.incr(RESTRICTIONS_GENERATION_KEY)
    except ValueError:
        cache.set(RESTRICTIONS_GENERATION_KEY, 2, None)


def any_view_restrictions():
    """Whether any page is restricted (to signed-in users, a group, a password), remembered until one changes.

    Wagtail looks up every served page's ancestors and their restrictions (two queries); a public site usually has
    none at all, and then there is nothing to look up."""
    key = f"cms:any-restriction:{cache.get_or_set(RESTRICTIONS_GENERATION_KEY, 1, None)}"
    found = cache.get(key)
    if found is None:
        found = PageViewRestriction.objects.exists()
        cache.set(key, found, None)
    return found
