"""A page's languages: its translations for the switcher and hreflang, and the nearest translated ancestor."""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language_info
from wagtail.models import Page


@dataclass(frozen=True)
class PageLanguage:
    code: str
    name: str
    url: str
    full_url: str | None  # for hreflang: only a page that exists in this language
    current: bool


def nearest_translation(page, locale):
    """(page in `locale`, True), or (its nearest live translated ancestor, False), or (None, False)."""
    translation = page.get_translation_or_none(locale)
    if translation is not None and translation.live:
        return translation, True
    ancestors = list(
        page.get_ancestors().filter(depth__gt=1).order_by("-depth").values_list("translation_key", flat=True)
    )
    found = {
        p.translation_key: p
        for p in Page.objects.live().filter(translation_key__in=ancestors, locale=locale).specific(defer=True)
    }
    for key in ancestors:
        if key in found:
            return found[key], False
    return None, False


def page_languages(page, request):
    """Every language of the site, with this page's URL in it (or the switch that finds the nearest page)."""
    translations = {
        p.locale.language_code: p for p in page.get_translations(inclusive=True).live().select_related("locale")
    }
    current = next((code for code, p in translations.items() if p.pk == page.pk), None)
    languages = []
    for code, _name in settings.LANGUAGES:
        translated = translations.get(code)
        info = get_language_info(code)
        if translated is not None:
            url, full_url = translated.get_url(request=request), translated.get_full_url(request=request)
        else:
            url, full_url = reverse("cms:page_in_language", args=[page.pk, code]), None
        languages.append(PageLanguage(code, info["name_local"], url, full_url, code == current))
    return languages
