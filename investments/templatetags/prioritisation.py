"""Template tags of the prioritisation pages: the words of a frozen snapshot (methodology or published ranking) in
the page's language, and the codes stored there (source, direction, funding status, weight factor) in words."""

import datetime
from decimal import Decimal, InvalidOperation

from django import template
from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ..models import Criterion, Round
from ..prioritisation import methodology
from ..ranking import FUNDED

register = template.Library()

FALLBACK = "ro"


def _language(where):
    """A language code from a page (its locale), a code, or the active language."""
    locale = getattr(where, "locale", None)
    if locale is not None:
        return locale.language_code
    if isinstance(where, str) and where:
        return where
    return (get_language() or FALLBACK).split("-")[0]


@register.filter
def in_language(value, where=None):
    """`{"ro": …, "hu": …, "en": …}` in a language, falling back to Romanian (a plain string as it is)."""
    if not isinstance(value, dict):
        return value if value is not None else ""
    return value.get(_language(where)) or value.get(FALLBACK) or next((v for v in value.values() if v), "")


@register.simple_tag
def snapshot_text(value, where=None):
    """`{% snapshot_text page.snapshot.title page %}`: the text in the page's language (or the active one)."""
    return in_language(value, where)


@register.filter
def source_words(source):
    try:
        return Criterion.Source(source).label
    except ValueError:
        return source


@register.filter
def direction_words(direction):
    try:
        return Criterion.Direction(direction).label
    except ValueError:
        return direction


@register.filter
def funding_words(status):
    return _("funded") if status == FUNDED else _("does not fit in the money left")


@register.filter
def weight_change(factor):
    """A sensitivity scenario's factor ("1.1", "0.9") as a signed percentage: +10, −10."""
    try:
        change = (Decimal(str(factor)) - 1) * 100
    except (InvalidOperation, TypeError):
        return factor
    sign = "+" if change > 0 else "\N{MINUS SIGN}" if change < 0 else ""
    return f"{sign}{abs(change).normalize():f}"


@register.filter
def rank_change(change):
    """Places moved: +2 up, −1 down, 0."""
    if change is None:
        return ""
    change = int(change)
    return f"+{change}" if change > 0 else f"\N{MINUS SIGN}{-change}" if change < 0 else "0"


@register.filter
def weight_method_words(method):
    try:
        return Round.WeightMethod(method).label
    except ValueError:
        return method


@register.filter
def parse_iso(value):
    """A date ("2026-12-01") or moment ("2026-12-01T10:00:00+02:00") stored as text in a snapshot."""
    if not value:
        return None
    try:
        return datetime.datetime.fromisoformat(value) if "T" in value else datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


@register.filter
def canonical_json(data):
    """The exact text whose SHA-256 the methodology page shows (as `methodology.digest` writes it)."""
    return methodology.canonical(data)


@register.filter
def number_text(value):
    """A number stored as text in a snapshot ("50.00", "2.500", "5") as people read it: 50, 2,5, 5."""
    try:
        number = Decimal(str(value))
    except (InvalidOperation, TypeError):
        return value
    number = number.quantize(Decimal(1)) if number == number.to_integral() else number.normalize()
    return number_format(number, use_l10n=True)
