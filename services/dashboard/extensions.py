"""Other apps' indicator pages, linked from the indicators page: it never imports them (the quality tools, say)."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse


@dataclass(frozen=True)
class IndicatorLink:
    label: Any  # a lazy translation
    url_name: str
    visible: Callable[[object], bool]

    @property
    def url(self):
        return reverse(self.url_name)


_links: list[IndicatorLink] = []


def register(label, url_name, *, visible):
    link = IndicatorLink(label, url_name, visible)
    if link not in _links:
        _links.append(link)
    return link


def links_for(user):
    return [link for link in _links if link.visible(user)]
