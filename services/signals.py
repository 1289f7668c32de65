"""When the institution's calendar changes, the due dates that depend on it are counted again (after the commit)."""

import datetime

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from portal.models import NonWorkingDay


def _recount(*days):
    from .calendar import forget_institution_calendar
    from .tasks import recompute_due_dates

    forget_institution_calendar()
    transaction.on_commit(forget_institution_calendar)  # and once more, for a reader that cached it meanwhile

    for day in {d for d in days if d}:
        transaction.on_commit(lambda day=day: recompute_due_dates.delay(day.isoformat()))


@receiver(pre_save, sender=NonWorkingDay)
def remember_the_previous_date(sender, instance, **kwargs):
    previous = NonWorkingDay.objects.filter(pk=instance.pk).values_list("date", flat=True).first()
    instance._previous_date = previous if instance.pk else None


@receiver(post_save, sender=NonWorkingDay)
def non_working_day_saved(sender, instance, **kwargs):
    day = instance.date
    if isinstance(day, str):  # set from a form or a fixture as text
        day = datetime.date.fromisoformat(day)
    _recount(day, getattr(instance, "_previous_date", None))


@receiver(post_delete, sender=NonWorkingDay)
def non_working_day_deleted(sender, instance, **kwargs):
    _recount(instance.date)
