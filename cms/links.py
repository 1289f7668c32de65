"""Links an editor made to pages (menus, quick links), shown in the visitor's language: one query for all of them.

A StreamField's page choosers would load each stream's pages, and each page's translation would take one more query;
here the raw block data gives the page ids, and one query reads the chosen pages and their translations together.
"""

from dataclasses import dataclass

from django.db.models import Q
from wagtail.models import Page


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    description: str = ""


def _values(stream):
    """The blocks' raw values (dicts with the page's id), without loading the pages."""
    return [item.get("value", {}) for item in stream.raw_data]


def resolve(streams, request, language):
    """For each stream, its Links: a page link in `language` where the page is translated and live, else the page
    itself if live, else dropped; an address link as written. Text per language (`text_hu`, `text_en`) wins."""
    values = [_values(stream) for stream in streams]
    ids = {value["page"] for items in values for value in items if value.get("page")}
    by_id, translated = {}, {}
    if ids:
        chosen_keys = Page.objects.filter(id__in=ids).values("translation_key")
        pages = Page.objects.live().filter(
            Q(id__in=ids) | Q(translation_key__in=chosen_keys, locale__language_code=language)
        )
        pages = list(pages.select_related("locale"))
        by_id = {page.pk: page for page in pages}
        translated = {page.translation_key: page for page in pages if page.locale.language_code == language}
    result = []
    for items in values:
        links = []
        for value in items:
            text = value.get(f"text_{language}") if language != "ro" else ""
            text = text or value.get("text") or ""
            description = value.get("description") or ""
            if value.get("page"):
                chosen = by_id.get(value["page"])
                if chosen is None:  # not live (or deleted): nothing to link to
                    continue
                page = translated.get(chosen.translation_key, chosen)
                links.append(Link(text or page.title, page.get_url(request=request), description))
            elif value.get("url"):
                links.append(Link(text or value["url"], value["url"], description))
        result.append(links)
    return result
