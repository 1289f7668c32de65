"""Request middleware: the signed-in user's language, and two-factor authentication for every staff account."""

from allauth.mfa.utils import is_mfa_enabled
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.core.cache import cache
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode


class UserLanguageMiddleware:
    """A signed-in user who has not chosen a language in this browser gets the language of their profile."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        wanted = getattr(user, "preferred_language", "") if user is not None and user.is_authenticated else ""
        if not wanted or settings.LANGUAGE_COOKIE_NAME in request.COOKIES or wanted not in dict(settings.LANGUAGES):
            return self.get_response(request)
        translation.activate(wanted)
        request.LANGUAGE_CODE = wanted
        response = self.get_response(request)
        if settings.LANGUAGE_COOKIE_NAME not in response.cookies:  # a language chosen on this very request wins
            set_language_cookie(response, wanted)
        return response


def set_language_cookie(response, language):
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
    )


class StaffMFAMiddleware:
    """Staff accounts reach nothing but the account pages until they have set up an authenticator app.

    allauth then asks for the code at every sign-in, so staff sessions are always two-factor. Whoever can reach the
    admin is staff (portal.signals keeps that true); the admin is guarded here as well, whatever the flags say.
    """

    allowed_prefixes = ("/accounts/", "/static/", "/i18n/")
    # Once seen, a staff account's authenticator is remembered in the shared cache for a minute (a query less on every
    # staff page); removing it forgets at once (portal.signals).
    cache_seconds = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and (user.is_staff or user.is_superuser or request.path.startswith("/admin/"))
            and not request.path.startswith(self.allowed_prefixes)
            and not self._has_totp(user)
        ):
            return redirect(f"{reverse('mfa_activate_totp')}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    def _has_totp(self, user):
        key = totp_cache_key(user.pk)
        if cache.get(key):
            return True
        if not is_mfa_enabled(user, ["totp"]):
            return False
        cache.set(key, True, self.cache_seconds)
        return True


def totp_cache_key(user_pk):
    return f"staff-totp:{user_pk}"


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """A strict policy (no inline script) for the portal's own pages; Wagtail's admin, which relies on inline
    scripts and asks wagtail.org for release news, gets the inline scripts only."""

    admin_prefix = "/admin/"

    def process_response(self, request, response):
        if request.path.startswith(self.admin_prefix) and not hasattr(response, "_csp_update"):
            response._csp_update = {"script-src": ["'unsafe-inline'"]}
        return super().process_response(request, response)
