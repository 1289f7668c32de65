"""The demo's nonconformities: the causes list, what the daily detection finds in the demo cases, and one of them
taken through the head's analysis and the quality manager's decision, so each step of the register has an example."""

import datetime
import random

from services import ratings
from services.calendar import clock_at, today
from services.models import ServiceRating

from . import nonconformities
from .models import Nonconformity


def load_nonconformities(staff, day=None):
    """Safe to run again: the detection opens nothing twice and the example is taken through once."""
    day = day or today()
    causes = nonconformities.default_causes()
    with clock_at(day):
        found = nonconformities.detect(day)
    example = (
        Nonconformity.objects.filter(department__code="urbanism", status=Nonconformity.Status.OPEN)
        .order_by("pk")
        .first()
    )
    if example is not None and not Nonconformity.objects.exclude(status=Nonconformity.Status.OPEN).exists():
        with clock_at(day):
            nonconformities.record_analysis(
                example,
                by=staff["head_urbanism"],
                cause=causes[0],
                cause_detail="Un referent în concediu de odihnă; dosarele nu au fost redistribuite.",
                correction="Dosarul a fost repartizat altui referent și soluționat.",
            )
            nonconformities.decide(
                example,
                by=staff["quality"],
                action_needed=True,
                note="Întârzierile se repetă în concedii: procedura trebuie să spună cine preia dosarele.",
                action={
                    "title": "Înlocuirea referentului absent, scrisă în procedură",
                    "department": example.department,
                    "owner": staff["head_urbanism"],
                    "due_date": day + datetime.timedelta(days=45),
                    "impact": 4,
                    "effort": 2,
                    "procedure": example.procedure,
                    "indicator": "on_time_rate",
                },
            )
    _answer_some_ratings()
    return found


COMMENTS = {
    1: "Am așteptat peste termen și nimeni nu mi-a spus de ce.",
    2: "Răspunsul a venit târziu, dar a fost clar.",
    5: "Rapid și politicos, mulțumesc!",
}


def _answer_some_ratings():
    """Two applicants in three answer, mostly satisfied; a few leave a comment (the low ones are what a quality
    manager may open a nonconformity from)."""
    rng = random.Random(22)
    for rating in ServiceRating.objects.filter(answered_at__isnull=True).order_by("pk"):
        if rng.random() < 0.33:
            continue
        score = rng.choices([1, 2, 3, 4, 5], weights=[1, 1, 2, 4, 4])[0]
        comment = COMMENTS.get(score, "") if rng.random() < 0.5 else ""
        answered_on = min(rating.asked_at.date() + datetime.timedelta(days=rng.randint(0, 3)), today())
        with clock_at(answered_on):
            ratings.answer_rating(rating, score=score, comment=comment)
