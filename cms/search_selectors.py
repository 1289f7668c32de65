"""Site search: the pages of the visitor's language and the services of the catalogue, diacritics or not."""

from dataclasses import dataclass

from wagtail.models import Locale, Page

from services.models import Service

from .models.search import fold


@dataclass
class SearchResults:
    services: list
    pages: list


def search_site(request, query):
    folded = fold(query)
    locale = Locale.get_active()
    pages = list(Page.objects.live().public().filter(locale=locale).search(folded, operator="and"))
    pages = [page.specific for page in pages] if len(pages) <= 200 else pages
    return SearchResults(services=matching_services(folded, locale), pages=pages)


def matching_services(folded, locale):
    """Active services whose title or description in any language holds every word of the query, with the page
    that presents them in the visitor's language where there is one. The catalogue holds hundreds, not millions."""
    from .models import ServicePage

    words = folded.split()
    services = Service.objects.filter(active=True).select_related("procedure")
    matches = []
    for service in services:
        haystack = fold(
            " ".join(
                [
                    service.title,
                    service.title_hu,
                    service.title_en,
                    service.description,
                    service.description_hu,
                    service.description_en,
                    service.procedure.code,
                ]
            )
        )
        if all(word in haystack for word in words):
            matches.append(service)
    pages = {
        page.service_id: page
        for page in ServicePage.objects.live().filter(locale=locale, service__in=[s.pk for s in matches])
    }
    return [(service, pages.get(service.pk)) for service in matches]
