"""The header's navigation in templates: which entry is the current page's."""

from django import template

from portal import navigation

register = template.Library()


@register.filter
def current_entry(entries, path):
    """`{% with current=nav_items|current_entry:request.path %}`: the one entry to mark as current."""
    return navigation.current(entries, path)
