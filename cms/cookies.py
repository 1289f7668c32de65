"""The cookies the portal sets, read from its settings: the cookie notice lists exactly these."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Cookie:
    name: str
    purpose: object
    duration: object
    necessary: bool = True


def _days(seconds):
    days = round(seconds / 86400)
    return _("%(days)s days") % {"days": days}


def portal_cookies():
    """Every cookie the portal may set, all first-party and strictly necessary: there is no analytics or advertising."""
    return [
        Cookie(
            settings.SESSION_COOKIE_NAME,
            _("Keeps you signed in and remembers an application you are filling in."),
            _("until you close the browser")
            if settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
            else _days(settings.SESSION_COOKIE_AGE),
        ),
        Cookie(
            settings.CSRF_COOKIE_NAME,
            _("Protects the forms you send against forgery by other sites."),
            _days(settings.CSRF_COOKIE_AGE),
        ),
        Cookie(
            settings.LANGUAGE_COOKIE_NAME, _("Remembers the language you chose."), _days(settings.LANGUAGE_COOKIE_AGE)
        ),
        Cookie("messages", _("Carries a confirmation to the next page you see."), _("until the next page")),
    ]
