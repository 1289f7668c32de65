"""Amounts in bani shown as people read them: `1.234,56 lei` in Romanian, `1 234,56 lej` in Hungarian."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import pgettext

register = template.Library()


def lei(bani) -> str:
    if bani in (None, ""):
        return ""
    amount = number_format(Decimal(int(bani)) / 100, decimal_pos=2, use_l10n=True, force_grouping=True)
    unit = pgettext("currency", "lei")  # outside the f-string, where makemessages finds it ("lej" in Hungarian)
    return f"{amount}\N{NO-BREAK SPACE}{unit}"


register.filter("lei", lei)
