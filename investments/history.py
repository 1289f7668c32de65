"""The history of an investment: one append-only row per changed field (who, when, what, old and new value), kept as
the words were when the change was made."""

import datetime
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext as _

from portal.templatetags.money import lei

from .models import Change

CREATED = "created"
CHANGED = "changed"
VALIDATED = "validated"
REJECTED = "rejected"

# Fields whose value is an amount in bani: the history shows them in lei.
MONEY_FIELDS = {"approved_bani", "value_bani", "vat_bani", "value_change_bani", "vat_change_bani", "amount_bani"}


def shown(value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.datetime):
        return value.isoformat(timespec="minutes")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else str(value)
    if isinstance(value, models.Model):
        return str(value)
    return str(value)


def shown_lei(bani) -> str:
    return lei(bani)


def _subject(obj) -> str:
    if hasattr(obj, "code") and hasattr(obj, "title"):
        return str(obj.code)
    return f"{obj._meta.verbose_name.capitalize()}: {obj}"


def _rows(actor, investment, obj, changes, *, subject, action):
    subject = (subject or _subject(obj))[:200]
    rows = [
        Change(
            investment=investment,
            actor=actor,
            subject=subject,
            action=action,
            field=str(label)[:100],
            old_value=str(old),
            new_value=str(new),
        )
        for _name, label, old, new in changes
    ]
    if not rows:
        rows = [Change(investment=investment, actor=actor, subject=subject, action=action)]
    Change.objects.bulk_create(rows)
    return rows


def created(actor, investment, obj, changes, *, subject=None):
    return _rows(actor, investment, obj, changes, subject=subject, action=CREATED)


def changed(actor, investment, obj, changes, *, subject=None, action=CHANGED):
    return _rows(actor, investment, obj, changes, subject=subject, action=action)


def action_label(action) -> str:
    return {
        CREATED: _("created"),
        CHANGED: _("changed"),
        VALIDATED: _("validated"),
        REJECTED: _("rejected"),
    }.get(action, action)
