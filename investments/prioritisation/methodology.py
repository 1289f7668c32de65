"""The methodology of a round, frozen when it is locked: a snapshot of its criteria (names and descriptions in ro, hu
and en, the described levels of the 0–5 scale, source, direction, unit, weight), the pairwise judgements and the AHP
figures when the weights came from them, and the voting rules; its SHA-256; and the Wagtail pages that publish it,
one per language of the site (translations of one another), under each language's home page."""

from __future__ import annotations

import hashlib
import json

from django.conf import settings
from wagtail.models import Locale, Page, Site

from services import calendar

from ..models import MethodologyPage, Round
from . import workflow


def snapshot(round):
    criteria = []
    for criterion in round.criteria.prefetch_related("levels").order_by("order", "pk"):
        criteria.append(
            {
                "id": criterion.pk,
                "code": criterion.code,
                "name": {"ro": criterion.name, "hu": criterion.name_hu, "en": criterion.name_en},
                "description": {
                    "ro": criterion.description,
                    "hu": criterion.description_hu,
                    "en": criterion.description_en,
                },
                "source": criterion.source,
                "direction": criterion.direction,
                "unit": criterion.unit,
                "weight": format(criterion.weight, "f"),
                "levels": [
                    {
                        "score": level.score,
                        "description": {
                            "ro": level.description,
                            "hu": level.description_hu,
                            "en": level.description_en,
                        },
                    }
                    for level in criterion.levels.all()
                ],
            }
        )
    data = {
        "round": round.pk,
        "year": round.year,
        "title": {"ro": round.title, "hu": round.title_hu, "en": round.title_en},
        "envelope_bani": round.envelope_bani,
        "weight_method": round.weight_method,
        "criteria": criteria,
        "voting": {
            "votes_per_citizen": round.votes_per_citizen,
            "consultation_opens": round.consultation_opens.isoformat() if round.consultation_opens else None,
            "consultation_closes": round.consultation_closes.isoformat() if round.consultation_closes else None,
        },
        "wide_spread_at": format(round.wide_spread_at, "f"),
        "locked_at": calendar.now().isoformat(timespec="seconds"),
    }
    if round.weight_method == Round.WeightMethod.PAIRWISE:
        result = workflow.pairwise_result(round)
        codes = {str(c["id"]): c["code"] for c in criteria}
        data["pairwise"] = {
            "judgements": [
                {"first": codes[str(j.first_id)], "second": codes[str(j.second_id)], "value": j.value}
                for j in round.judgements.order_by("first__order", "second__order")
            ],
            "lambda_max": str(result.lambda_max),
            "consistency_index": str(result.consistency_index),
            "random_index": str(result.random_index),
            "consistency_ratio": str(result.consistency_ratio),
        }
    return data


def canonical(data) -> str:
    """The snapshot as canonical JSON: sorted keys, no spaces, UTF-8 characters as they are."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def digest(data) -> str:
    """The SHA-256 of the snapshot's canonical JSON: anyone can recompute it from the methodology page."""
    return hashlib.sha256(canonical(data).encode("utf-8")).hexdigest()


SLUGS = {"ro": "metodologie-prioritizare", "hu": "rangsorolasi-modszertan", "en": "prioritisation-methodology"}


def slug_for(round, language_code="ro"):
    """The page's address in its language: /metodologie-prioritizare-2027-v1/, /hu/rangsorolasi-modszertan-2027-v1/."""
    return f"{SLUGS.get(language_code, SLUGS['ro'])}-{round.year}-v{round.methodology_version}"


TITLES = {
    "ro": "Metodologia de prioritizare a investițiilor {year}, versiunea {version}",
    "hu": "A beruházások rangsorolásának módszertana, {year}, {version}. változat",
    "en": "Investment prioritisation methodology {year}, version {version}",
}


def _home_pages():
    """The default site's home page and its translations, by language code."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return {}
    root = site.root_page
    homes = {}
    for page in Page.objects.filter(translation_key=root.translation_key).select_related("locale"):
        homes[page.locale.language_code] = page
    return homes


def publish_pages(round):
    """One live MethodologyPage per language of the site that has a home page, translations of one another. With no
    site (a bare test database) the snapshot alone is the record."""
    homes = _home_pages()
    source = None
    languages = [code for code, _name in settings.LANGUAGES]
    for code in sorted(homes, key=lambda c: languages.index(c) if c in languages else len(languages)):
        home = homes[code]
        title = TITLES.get(code, TITLES["en"]).format(year=round.year, version=round.methodology_version)
        page = MethodologyPage(
            title=title,
            slug=slug_for(round, code),
            round=round,
            version=round.methodology_version,
            snapshot=round.methodology,
            sha256=round.methodology_sha256,
            locale=home.locale if hasattr(home, "locale") else Locale.get_default(),
            show_in_menus=False,
        )
        if source is not None:
            page.translation_key = source.translation_key
        home.add_child(instance=page)
        page.save_revision().publish()
        source = source or page
    return source


def pages_of(round):
    return MethodologyPage.objects.live().filter(round=round).select_related("locale")


def page_url(round, language_code, request=None):
    """The methodology page's URL in a language (or in Romanian, or any), or None."""
    pages = {p.locale.language_code: p for p in pages_of(round)}
    page = pages.get(language_code) or pages.get("ro") or next(iter(pages.values()), None)
    return page.get_url(request=request) if page else None
