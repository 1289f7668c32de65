"""Request middleware: the signed-in user's language, and two-factor authentication for every staff account."""

from allauth.mfa.utils import is_mfa_enabled
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.core.cache import cache
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.shortcuts import redirect
from django.urls import Resolver404, get_urlconf, resolve, reverse
from django.utils import translation
from django.utils.http import urlencode


class LocaleMiddleware(DjangoLocaleMiddleware):
    """The language of a request: a public page's is in its URL, the portal's own pages follow the visitor's choice.

    Public (Wagtail) pages are served under i18n_patterns without a prefix for the default language: /anunturi/ is
    Romanian, /hu/anunturi/ Hungarian, whatever the visitor chose before, so a link or a search engine always gets
    the page it names. Django's own middleware would then read every unprefixed path as Romanian, the portal's pages
    included (/dosarele-mele/, /impozite/); those keep following the language cookie, the browser, or the profile.
    `request.language_from_path` tells the rest of the stack (UserLanguageMiddleware, the page cache) which it was.
    """

    def process_request(self, request):
        language = translation.get_language_from_path(request.path_info)
        if language is None and self._is_public_page(request):
            language = settings.LANGUAGE_CODE
        request.language_from_path = language is not None
        if language is None:
            language = translation.get_language_from_request(request, check_path=False)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

    @staticmethod
    def _is_public_page(request):
        # An unprefixed path is the default language's: the i18n_patterns match it only with that language active.
        try:
            with translation.override(settings.LANGUAGE_CODE):
                match = resolve(request.path_info, getattr(request, "urlconf", get_urlconf()))
        except Resolver404:
            return False
        return match.view_name in settings.PATH_LANGUAGE_VIEWS


class UserLanguageMiddleware:
    """A signed-in user who has not chosen a language in this browser gets the language of their profile."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if getattr(request, "language_from_path", False):  # a public page is in the language its URL names
            return self.get_response(request)
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
