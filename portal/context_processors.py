"""Template context shared by every page: the institution and what the signed-in person may reach."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject


def portal(request):
    def institution():
        from .models import InstitutionSettings

        return InstitutionSettings.load(request_or_site=request)

    def nav_items():
        from .navigation import items_for

        return items_for(getattr(request, "user", None))

    institution_ = SimpleLazyObject(institution)

    def logo_url():
        from .branding import logo_url as url_of

        return url_of(institution_)

    return {
        "institution": institution_,
        "institution_logo_url": SimpleLazyObject(logo_url),
        "nav_items": SimpleLazyObject(nav_items),
        "LANGUAGES": settings.LANGUAGES,
    }
