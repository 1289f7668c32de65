"""Demo departments, procedures, services and a few hundred cases replayed through the real workflow.

Each request kind's app keeps its part of the catalogue in its own `demo` module (PROCEDURES, SERVICES, SUBJECTS,
WEIGHTS and, optionally, `registered(case, rng)` for what a kind keeps besides the case and `close(case, clerk, rng)`
for a kind's own way of closing a case); the demo command passes
them here, so the spine names no kind."""

import datetime
import random

from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from . import registration, workflow
from .calendar import clock_at, now, today
from .models import Case, Channel, Department, Membership, Procedure, RequiredDocument, Service

PAPER_CHANNELS = (Channel.DESK, Channel.POST, Channel.EMAIL)

DEPARTMENTS = [
    (
        "urbanism",
        "Direcția Urbanism și Amenajarea Teritoriului",
        "Urbanisztikai és Területrendezési Igazgatóság",
        "Urban Planning Department",
        "urbanism@primaria-exemplu.ro",
    ),
    (
        "registratura",
        "Serviciul Relații cu Publicul și Registratură",
        "Ügyfélszolgálati és Iktatási Osztály",
        "Public Relations and Registry Service",
        "registratura@primaria-exemplu.ro",
    ),
    (
        "taxe",
        "Direcția Impozite și Taxe Locale",
        "Helyi Adók és Illetékek Igazgatósága",
        "Local Taxes Department",
        "taxe@primaria-exemplu.ro",
    ),
]


# A document named without its rule: mandatory, one PDF or image of at most 10 MB.
DEFAULT_DOCUMENT = (True, "application/pdf,image/jpeg,image/png", 10, 1)


def load_catalogue(staff, catalogues):
    departments = {}
    for code, name, name_hu, name_en, email in DEPARTMENTS:
        departments[code], _created = Department.objects.update_or_create(
            code=code, defaults={"name": name, "name_hu": name_hu, "name_en": name_en, "email": email}
        )
    roles = {
        "head_urbanism": ("urbanism", "head"),
        "clerk_urbanism": ("urbanism", "clerk"),
        "clerk_urbanism_2": ("urbanism", "clerk"),
        "head_registry": ("registratura", "head"),
        "clerk_registry": ("registratura", "clerk"),
        "head_taxes": ("taxe", "head"),
        "clerk_taxes": ("taxe", "clerk"),
    }
    for key, (department, role) in roles.items():
        Membership.objects.update_or_create(
            department=departments[department], user=staff[key], defaults={"role": role}
        )
    procedures = {}
    all_procedures = [entry for catalogue in catalogues for entry in catalogue.PROCEDURES]
    for code, department, (title, title_hu, title_en), basis, days, unit, extension, suspension in all_procedures:
        procedures[code], _created = Procedure.objects.update_or_create(
            code=code,
            defaults={
                "title": title,
                "title_hu": title_hu,
                "title_en": title_en,
                "edition": 2,
                "revision": 1,
                "effective_date": datetime.date(2025, 3, 1),
                "owner_department": departments[department],
                "legal_basis": basis,
                "deadline_days": days,
                "deadline_unit": unit,
                "extension_allowed": extension > 0,
                "extension_max_days": extension,
                "suspension_allowed": suspension,
                # The demo institution gives an applicant a month to complete a file; longer opens a nonconformity.
                "suspension_max_days": 30 if suspension else None,
            },
        )
    services = {}
    all_services = [entry for catalogue in catalogues for entry in catalogue.SERVICES]
    descriptions = {
        slug: texts for catalogue in catalogues for slug, texts in getattr(catalogue, "DESCRIPTIONS", {}).items()
    }
    # Services the institution handles itself (a catalogue's OFFLINE), not offered to citizens online.
    offline = {slug for catalogue in catalogues for slug in getattr(catalogue, "OFFLINE", ())}
    for slug, procedure, kind, (title, title_hu, title_en), fee, documents in all_services:
        description = descriptions.get(slug) or (
            f"Depuneți online cererea pentru: {title.lower()}.",
            f"Nyújtsa be online a kérelmet: {title_hu.lower()}.",
            f"Apply online: {title_en.lower()}.",
        )
        service, _created = Service.objects.update_or_create(
            slug=slug,
            defaults={
                "title": title,
                "title_hu": title_hu,
                "title_en": title_en,
                "kind": kind,
                "procedure": procedures[procedure],
                "fee_bani": fee,
                "online": slug not in offline,
                "active": True,
                "description": description[0],
                "description_hu": description[1],
                "description_en": description[2],
            },
        )
        for order, document in enumerate(documents):
            # A document is (ro, hu, en) names, or those names with (mandatory, types, size in MB, files).
            names, rule = (document, DEFAULT_DOCUMENT) if isinstance(document[0], str) else document
            mandatory, types, size, files = rule
            RequiredDocument.objects.update_or_create(
                service=service,
                sort_order=order,
                defaults={
                    "name": names[0],
                    "name_hu": names[1],
                    "name_en": names[2],
                    "mandatory": mandatory,
                    "accepted_types": types,
                    "max_size_mb": size,
                    "max_files": files,
                },
            )
        service.required_documents.filter(sort_order__gte=len(documents)).delete()
        services[slug] = service
    return departments, services


def _at(day, rng):
    """A moment in office hours on `day`, but never in the future: a request registered today came in already."""
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(rng.randint(8, 15), rng.randint(0, 59))))
    return min(moment, timezone.now())


def _moment_on(day):
    """When a workflow step run under `clock_at(day)` is dated: `day` at the present time of day."""
    with clock_at(day):
        return now()


def _replay(case, rng, clerks, heads, last_day, closers):
    """Move a case through a plausible history, every step on its own day, none after `last_day`.

    A step is dated at the present time of day (`calendar.now`), so a first step on the day of registration would
    come before a request registered later that day: it waits for the next day instead."""
    clerk = rng.choice(clerks[case.department_id])
    day = case.registered_on

    def step(days):
        nonlocal day
        day = day + datetime.timedelta(days=days)
        return day <= last_day

    first = rng.randint(0, 2)
    if first == 0 and _moment_on(day) < case.registered_at:
        first = 1
    if not step(first):
        return
    with clock_at(day):
        workflow.assign_case(case, assignee=clerk, by=heads.get(case.department_id, clerk))
        workflow.start_review(case, by=clerk)
    if rng.random() < 0.06:
        return  # left lying in review: the queue's overdue cases
    if case.suspension_allowed and rng.random() < 0.3:
        if not step(rng.randint(1, 4)):
            return
        with clock_at(day):
            workflow.request_completion(
                case, by=clerk, note="Vă rugăm să completați dosarul cu extrasul de carte funciară actualizat."
            )
        if rng.random() < 0.15 or not step(rng.randint(2, 12)):
            return  # still waiting for the applicant
        with clock_at(day):
            workflow.record_completion(case, by=case.applicant)
    if rng.random() < 0.08:
        with clock_at(day):
            workflow.withdraw_case(case, by=case.applicant, reason="Nu mai este necesar.")
        return
    case.refresh_from_db()
    late = rng.random() < 0.15
    span = (case.due_date - day).days
    if not step(max(0, span + rng.randint(1, 6)) if late else rng.randint(0, max(0, span))):
        return
    with clock_at(day):
        if any(close(case, clerk, rng) for close in closers):
            return
        outcomes = workflow.outcomes_for(case, workflow.roles_of(clerk, case))
        outcome = outcomes[0] if len(outcomes) == 1 or rng.random() < 0.85 else rng.choice(outcomes[1:])
        workflow.resolve_case(case, by=clerk, outcome=outcome, note="Soluționat conform procedurii.")


@override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend")
def load_cases(services, citizens, catalogues, count=300, seed=2026):
    """A few hundred cases over the last five months, unless cases exist already."""
    if Case.objects.exists():
        return 0
    rng = random.Random(seed)
    clerks, heads = {}, {}
    for membership in Membership.objects.select_related("user"):
        clerks.setdefault(membership.department_id, []).append(membership.user)
        if membership.role == Membership.Role.HEAD:
            heads[membership.department_id] = membership.user
    last_day = today()
    weighted = [
        services[slug] for catalogue in catalogues for slug, weight in catalogue.WEIGHTS.items() for _ in range(weight)
    ]
    subjects = {slug: lines for catalogue in catalogues for slug, lines in catalogue.SUBJECTS.items()}
    closers = [catalogue.close for catalogue in catalogues if hasattr(catalogue, "close")]
    completers = [catalogue.registered for catalogue in catalogues if hasattr(catalogue, "registered")]
    days = sorted(last_day - datetime.timedelta(days=rng.randint(0, 150)) for _ in range(count))
    for n, day in enumerate(days, start=1):
        service = rng.choice(weighted)
        applicant = citizens[0] if n % 25 == 0 else rng.choice(citizens)
        subject = rng.choice(subjects[service.slug]).format(n=n, year=day.year - 1)
        with transaction.atomic():
            with clock_at(day):
                case = registration.register_case(
                    service=service,
                    applicant=applicant,
                    subject=subject,
                    details="Cerere depusă online.",
                    registered_at=_at(day, rng),
                    notify=False,  # months-old demo requests: no receipts
                    # One request in five came to the registry desk, by post or by e-mail.
                    channel=rng.choice(PAPER_CHANNELS) if rng.random() < 0.2 else Channel.ONLINE,
                )
                for complete in completers:
                    complete(case, rng)
            _replay(case, rng, clerks, heads, last_day, closers)
    return count
