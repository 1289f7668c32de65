"""System checks of the registered request kinds: their filing flows and templates exist."""

from django.core.checks import Error, register
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import NoReverseMatch, reverse
from django.utils.module_loading import import_string

from .registry import kinds


@register()
def check_request_kinds(app_configs=None, **kwargs):
    errors = []
    for kind in kinds:
        if kind.filing_url:
            try:
                reverse(kind.filing_url, kwargs={"service": "example"})
            except NoReverseMatch:
                errors.append(
                    Error(
                        f"Request kind {kind.name!r}: its filing URL {kind.filing_url!r} does not take a service slug.",
                        hint="Name a URL pattern with a <slug:service> argument.",
                        id="services.E001",
                    )
                )
        templates = [kind.detail_template, kind.citizen_template]
        templates += [event.detail_template for event in kind.event_types]
        for template in filter(None, templates):
            try:
                get_template(template)
            except TemplateDoesNotExist:
                errors.append(
                    Error(f"Request kind {kind.name!r}: template {template!r} does not exist.", id="services.E002")
                )
        if kind.drafts:
            try:
                import_string(kind.drafts)
            except ImportError as error:
                errors.append(Error(f"Request kind {kind.name!r}: its drafts: {error}", id="services.E004"))
        for action in kind.transitions:
            try:
                kinds.door(kind.name, action.action)
            except ImportError as error:
                errors.append(
                    Error(f"Request kind {kind.name!r}: the door of {action.action!r}: {error}", id="services.E003")
                )
    return errors
