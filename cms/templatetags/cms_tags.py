"""Template tags of the public pages: the page's languages (switcher and hreflang)."""

from django import template

from ..languages import page_languages as languages_of

register = template.Library()


@register.simple_tag(takes_context=True)
def page_languages(context, page):
    return languages_of(page, context["request"])
