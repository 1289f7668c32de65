"""The quality tools' sub-navigation, the same on every page whatever the view put in its context."""

from django import template

from .. import selectors

register = template.Library()


@register.inclusion_tag("quality/_nav.html", takes_context=True)
def quality_nav(context):
    user = context["request"].user
    return {
        "is_head": selectors.is_head(user),
        "is_manager": selectors.is_manager(user),
        "is_quality_manager": selectors.is_quality_manager(user),
        "current": context["request"].resolver_match.url_name if context["request"].resolver_match else "",
    }
