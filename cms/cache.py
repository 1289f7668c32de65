"""The public pages' server cache: a warm page costs no database query; publishing or a catalogue change clears it.

A rendered page is kept per host, language and full path under a generation number. Anything that may change what
a public page shows (a page published, unpublished, moved or deleted; a service, procedure, department or required
document changed; the institution's settings or the menus) bumps the generation, so every page is rendered afresh
on its next visit; old entries simply expire. Only anonymous visits are cached, and only when they carry no session
or pending message: what a signed-in person sees names them.
"""

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language

GENERATION_KEY = "cms:generation"
PAGE_SECONDS = 24 * 3600
# How long a browser or a CDN in front may reuse a public page without asking again.
CLIENT_SECONDS = 300


def generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, None)
        value = cache.get(GENERATION_KEY, 1)
    return value


def bump(*args, **kwargs):
    """Every cached public page is stale from now on (a signal receiver, so it takes any arguments)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, None)


def is_cacheable_request(request):
    if request.method not in ("GET", "HEAD"):
        return False
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def key_for(request):
    return f"cms:page:{generation()}:{request.get_host()}:{get_language()}:{request.get_full_path()}"


def get(request):
    if not is_cacheable_request(request):
        return None
    return cache.get(key_for(request))


def store(request, response):
    """Keep an anonymous visit's page, if it is a plain public page that names nobody."""
    if hasattr(response, "render") and callable(response.render) and not response.is_rendered:
        response.render()  # before judging it: rendering is what asks for a form token
    if not _stores(request, response):
        patch_cache_control(response, private=True, no_cache=True)
        return response
    patch_cache_control(response, public=True, max_age=CLIENT_SECONDS)
    patch_vary_headers(response, ("Cookie",))
    cache.set(key_for(request), response, PAGE_SECONDS)
    return response


def _stores(request, response):
    if not is_cacheable_request(request) or response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):  # the page holds a form token: it is this visitor's alone
        return False
    if "private" in response.get("Cache-Control", "") or "no-store" in response.get("Cache-Control", ""):
        return False
    user = getattr(request, "user", None)
    # The page view looked at the user only if it had to; a session cookie would have been seen above.
    return user is None or not user.is_authenticated
