"""The header's navigation and where sign-in lands: each app registers its entries, so the layout never imports the
apps."""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from django.urls import reverse


@dataclass(frozen=True)
class NavItem:
    label: str  # a lazy translation
    url_name: str
    visible: Callable[[object], bool]
    order: int = 100
    # How many things wait for the person behind this entry (unread messages), shown next to its label.
    count: Callable[[object], int] | None = field(default=None, compare=False)

    @property
    def url(self):
        return reverse(self.url_name)


class Entry:
    """A navigation item as one person sees it: its count is read once, and only if the page shows it."""

    def __init__(self, item, user):
        self.item = item
        self.user = user
        self.label = item.label
        self.url_name = item.url_name

    @cached_property
    def url(self):
        return self.item.url

    @cached_property
    def count(self):
        return self.item.count(self.user) if self.item.count else 0


@dataclass(frozen=True)
class Landing:
    url_name: str
    who: Callable[[object], bool]
    order: int = 100


_items: list[NavItem] = []
_landings: list[Landing] = []


def register(label, url_name, *, visible=lambda user: True, order=100, count=None):
    item = NavItem(label, url_name, visible, order, count)
    if item not in _items:
        _items.append(item)
        _items.sort(key=lambda i: i.order)
    return item


def items_for(user):
    return [Entry(item, user) for item in _items if item.visible(user)]


def current(entries, path):
    """The one entry the page at `path` belongs to: the longest entry URL that `path` starts with, or None.

    `/birou/indicatori/` belongs to "Indicators", not also to "Back office" at `/birou/`."""
    matching = [entry for entry in entries if path.startswith(entry.url)]
    return max(matching, key=lambda entry: len(entry.url), default=None)


def register_landing(url_name, *, who, order=100):
    """Sign-in lands on the first page (lowest `order`) whose `who(user)` is true; the account page otherwise."""
    landing = Landing(url_name, who, order)
    if landing not in _landings:
        _landings.append(landing)
        _landings.sort(key=lambda landing: landing.order)
    return landing


def landing_url_for(user):
    return next((reverse(landing.url_name) for landing in _landings if landing.who(user)), None)


def signed_in(user):
    return bool(user is not None and user.is_authenticated)


def staff(user):
    return signed_in(user) and user.is_staff


def citizen(user):
    return signed_in(user) and not user.is_staff
