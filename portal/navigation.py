"""The header's navigation: each app registers its entries, so the layout never imports the apps."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class NavItem:
    label: str  # a lazy translation
    url_name: str
    visible: Callable[[object], bool]
    order: int = 100

    @property
    def url(self):
        return reverse(self.url_name)


_items: list[NavItem] = []


def register(label, url_name, *, visible=lambda user: True, order=100):
    item = NavItem(label, url_name, visible, order)
    if item not in _items:
        _items.append(item)
        _items.sort(key=lambda i: i.order)
    return item


def items_for(user):
    return [item for item in _items if item.visible(user)]


def signed_in(user):
    return bool(user is not None and user.is_authenticated)


def staff(user):
    return signed_in(user) and user.is_staff
