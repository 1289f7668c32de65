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


def load_self_assessment(staff, day=None):
    """A CAF 2020 exercise of the whole institution in individual work: three members, two of whom have submitted,
    so the leader's consensus page has figures and the third member still has their own work to do."""
    from . import caf
    from .models import CafModel, SelfAssessment

    day = day or today()
    if SelfAssessment.objects.exists():
        return SelfAssessment.objects.first()
    model = CafModel.objects.get(edition="CAF 2020")
    leader = staff["quality"]
    with clock_at(day):
        exercise = caf.create_exercise(
            by=leader,
            title=f"Autoevaluarea CAF {day.year}",
            model=model,
            department=None,
            panel=SelfAssessment.Panel.CLASSICAL,
            individual_deadline=day + datetime.timedelta(days=14),
            consensus_deadline=day + datetime.timedelta(days=30),
        )
        members = [staff["head_urbanism"], staff["head_taxes"], staff["clerk_registry"]]
        caf.set_members(exercise, by=leader, people=members)
        caf.start_individual_work(exercise, by=leader)
        rng = random.Random(19)
        subcriteria = list(caf.subcriteria_of(model))
        for person in members[:2]:
            member = exercise.members.get(person=person)
            for subcriterion in subcriteria:
                caf.save_individual(
                    member,
                    subcriterion,
                    by=person,
                    strengths="Procedura este documentată și aplicată." if rng.random() < 0.4 else "",
                    areas="Rezultatele nu sunt încă măsurate periodic." if rng.random() < 0.3 else "",
                    score=rng.choice([20, 30, 40, 50, 60, 70]),
                )
            caf.submit(member, by=person)
    return exercise
