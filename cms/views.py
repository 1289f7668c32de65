"""The public site's views: pages (through the page cache), the language switch of a page, and search."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import get_language
from wagtail import hooks, wagtail_hooks
from wagtail import views as wagtail_views
from wagtail.models import Locale, Page

from portal.middleware import set_language_cookie

from . import cache as page_cache
from . import routing
from .languages import nearest_translation
from .search_selectors import search_site

RESULTS_PER_PAGE = 20


def serve(request, path):
    """Wagtail's page view behind the page cache; the visitor's language cookie follows the page they read."""
    response = page_cache.get(request)
    if response is None:
        try:
            response = page_cache.store(request, serve_page(request, path))
        except Http404:
            if not translation.get_language_from_path(request.path_info):
                # No page here: the "not found" page speaks the visitor's language, not the default one.
                translation.activate(translation.get_language_from_request(request, check_path=False))
            raise
    language = get_language()
    if request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != language and response.status_code == 200:
        set_language_cookie(response, language)
    return response


def serve_page(request, path):
    """wagtail.views.serve, with the page found by cms.routing (the same hooks, in the same order)."""
    if not hasattr(request, "_wagtail_route_for_request"):
        request._wagtail_route_for_request = routing.route(request, path)
    page, args, kwargs = request._wagtail_route_for_request
    chain = wagtail_views.serve_chain
    restricted = routing.any_view_restrictions()
    for fn in reversed(hooks.get_hooks("on_serve_page")):
        if fn is wagtail_hooks.check_view_restrictions and not restricted:
            continue  # no page is restricted: nothing for it to find
        chain = fn(chain)
    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result
    return chain(page, request, args, kwargs)


def page_in_language(request, page_id, language):
    """The page in another language; where it is not translated, its nearest translated ancestor, with a note."""
    if language not in dict(settings.LANGUAGES):
        raise Http404
    page = Page.objects.filter(pk=page_id).live().first()
    if page is None:
        raise Http404
    try:
        locale = Locale.objects.get(language_code=language)
    except Locale.DoesNotExist as missing:
        raise Http404 from missing
    target, exact = nearest_translation(page, locale)
    if target is None:
        raise Http404
    url = target.get_url(request=request)
    response = redirect(url if exact else f"{url}?translation=missing")
    set_language_cookie(response, language)
    return response


def search(request):
    query = request.GET.get("q", "").strip()[:200]
    results = search_site(request, query) if query else None
    page_obj = page_range = None
    if results:
        page_obj = Paginator(results.pages, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        page_range = page_obj.paginator.get_elided_page_range(page_obj.number)
    context = {"query": query, "results": results, "page_obj": page_obj, "page_range": page_range}
    response = render(request, "cms/search.html", context)
    return page_cache.store(request, response) if not query else response
