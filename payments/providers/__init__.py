"""Payment providers: a registry of one instance per provider (Stripe, the offline demo), the one in use chosen by
settings. Tests build their own registry instead of patching this one."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .base import Checkout, Line, Provider, ProviderUnavailable, Record

__all__ = ["Checkout", "Line", "Provider", "ProviderUnavailable", "Record", "Registry", "current", "registry"]


class Registry:
    def __init__(self):
        self._providers: dict[str, Provider] = {}

    def __call__(self, cls):
        """Register one instance of the decorated class under its `name`."""
        instance = cls()
        if not instance.name:
            raise ImproperlyConfigured(f"{cls.__name__} has no name.")
        if instance.name in self._providers:
            raise ImproperlyConfigured(f"A payment provider named {instance.name!r} is already registered.")
        self._providers[instance.name] = instance
        return cls

    def get(self, name) -> Provider:
        try:
            return self._providers[name]
        except KeyError:
            raise ImproperlyConfigured(f"No payment provider named {name!r}.") from None

    def __contains__(self, name):
        return name in self._providers

    def choices(self):
        return [(name, provider.label) for name, provider in self._providers.items()]


registry = Registry()


def current() -> Provider:
    """Stripe when the institution set its key, the offline demo provider otherwise (`make run`)."""
    return registry.get(settings.PAYMENTS_PROVIDER)


def load():
    from . import demo, stripe  # noqa: F401 — registering
