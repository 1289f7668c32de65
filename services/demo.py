"""Demo departments, procedures, services and a few hundred cases replayed through the real workflow."""

import datetime
import random

from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from . import registration, workflow
from .calendar import clock_at, today
from .models import Case, Department, Membership, Procedure, RequiredDocument, Service, Status

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

# code, department, title (ro, hu, en), legal basis, days, unit, extension days, suspension allowed
PROCEDURES = [
    (
        "PO-DUAT-01",
        "urbanism",
        (
            "Emiterea certificatului de urbanism",
            "Urbanisztikai bizonyítvány kiadása",
            "Issuing the urbanism certificate",
        ),
        "Legea nr. 50/1991, art. 6 și 6^1; Ordinul MDRT nr. 839/2009",
        15,
        "calendar",
        0,
        True,
    ),
    (
        "PO-DUAT-02",
        "urbanism",
        (
            "Emiterea autorizației de construire și de desființare",
            "Építési és bontási engedély kiadása",
            "Issuing building and demolition permits",
        ),
        "Legea nr. 50/1991, art. 7 alin. (1)",
        30,
        "calendar",
        0,
        True,
    ),
    (
        "PO-DITL-03",
        "taxe",
        (
            "Eliberarea certificatului de atestare fiscală",
            "Adóigazolás kiadása",
            "Issuing the tax clearance certificate",
        ),
        "Legea nr. 207/2015 (Codul de procedură fiscală), art. 159",
        2,
        "working",
        0,
        False,
    ),
    (
        "PO-RPR-01",
        "registratura",
        ("Soluționarea petițiilor", "Petíciók megoldása", "Handling petitions"),
        "Ordonanța Guvernului nr. 27/2002, art. 8 și 9",
        30,
        "calendar",
        15,
        True,
    ),
    (
        "PO-RPR-02",
        "registratura",
        (
            "Soluționarea solicitărilor de informații de interes public",
            "Közérdekű adatigénylések megoldása",
            "Handling public-information requests",
        ),
        "Legea nr. 544/2001, art. 7",
        10,
        "calendar",
        20,
        True,
    ),
]

# slug, procedure, kind, title (ro, hu, en), fee in bani, documents
SERVICES = [
    (
        "certificat-de-urbanism",
        "PO-DUAT-01",
        "permit",
        ("Certificat de urbanism", "Urbanisztikai bizonyítvány", "Urbanism certificate"),
        1500,
        [
            ("Cerere-tip (formularul F.1)", "Formanyomtatvány (F.1)", "Application form (F.1)"),
            (
                "Extras de carte funciară (max. 30 de zile)",
                "Telekkönyvi kivonat (legfeljebb 30 napos)",
                "Land-book extract (at most 30 days old)",
            ),
            (
                "Plan de încadrare în zonă și plan de situație",
                "Helyszínrajz és átnézeti térkép",
                "Location and site plans",
            ),
        ],
    ),
    (
        "autorizatie-de-construire",
        "PO-DUAT-02",
        "permit",
        ("Autorizație de construire", "Építési engedély", "Building permit"),
        5000,
        [
            (
                "Certificatul de urbanism (copie)",
                "Urbanisztikai bizonyítvány (másolat)",
                "Urbanism certificate (copy)",
            ),
            (
                "Extras de carte funciară (max. 30 de zile)",
                "Telekkönyvi kivonat (legfeljebb 30 napos)",
                "Land-book extract (at most 30 days old)",
            ),
            ("Documentația tehnică D.T.A.C.", "D.T.A.C. műszaki dokumentáció", "Technical documentation (DTAC)"),
            (
                "Avizele și acordurile cerute prin certificatul de urbanism",
                "Az urbanisztikai bizonyítványban előírt engedélyek",
                "Approvals required by the urbanism certificate",
            ),
        ],
    ),
    (
        "autorizatie-de-desfiintare",
        "PO-DUAT-02",
        "permit",
        ("Autorizație de desființare", "Bontási engedély", "Demolition permit"),
        3000,
        [
            (
                "Extras de carte funciară (max. 30 de zile)",
                "Telekkönyvi kivonat (legfeljebb 30 napos)",
                "Land-book extract (at most 30 days old)",
            )
        ],
    ),
    (
        "certificat-de-atestare-fiscala",
        "PO-DITL-03",
        "tax",
        ("Certificat de atestare fiscală", "Adóigazolás", "Tax clearance certificate"),
        0,
        [],
    ),
    ("petitie", "PO-RPR-01", "petition", ("Petiție", "Petíció (beadvány)", "Petition"), 0, []),
    (
        "informatii-de-interes-public",
        "PO-RPR-02",
        "information",
        ("Solicitare de informații de interes public", "Közérdekű adatigénylés", "Public-information request"),
        0,
        [],
    ),
]

SUBJECTS = {
    "permit": [
        "Construire locuință P+1 pe str. Florilor nr. {n}",
        "Extindere anexă gospodărească, nr. cadastral 5{n}",
        "Împrejmuire teren, str. Kossuth Lajos nr. {n}",
        "Branșament gaze, str. Morii nr. {n}",
    ],
    "tax": ["Certificat fiscal pentru vânzarea imobilului nr. {n}", "Certificat fiscal pentru succesiune"],
    "petition": [
        "Iluminat public nefuncțional pe str. Teilor nr. {n}",
        "Groapă în carosabil, str. Gării nr. {n}",
        "Zgomot de la terasa din Piața Mare",
        "Program de colectare a deșeurilor",
    ],
    "information": [
        "Bugetul pentru reparații de drumuri în {year}",
        "Contractele de salubrizare în vigoare",
        "Numărul de autorizații de construire emise în {year}",
    ],
}


def load_catalogue(staff):
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
    for code, department, (title, title_hu, title_en), basis, days, unit, extension, suspension in PROCEDURES:
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
            },
        )
    services = {}
    for slug, procedure, kind, (title, title_hu, title_en), fee, documents in SERVICES:
        service, _created = Service.objects.update_or_create(
            slug=slug,
            defaults={
                "title": title,
                "title_hu": title_hu,
                "title_en": title_en,
                "kind": kind,
                "procedure": procedures[procedure],
                "fee_bani": fee,
                "online": True,
                "active": True,
                "description": f"Depuneți online cererea pentru: {title.lower()}.",
            },
        )
        service.required_documents.all().delete()
        for order, (name, name_hu, name_en) in enumerate(documents):
            RequiredDocument.objects.create(
                service=service,
                name=name,
                name_hu=name_hu,
                name_en=name_en,
                sort_order=order,
                accepted_types="application/pdf,image/jpeg,image/png",
            )
        services[slug] = service
    return departments, services


def _at(day, rng):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(rng.randint(8, 15), rng.randint(0, 59))))


def _replay(case, rng, clerks, heads, last_day):
    """Move a case through a plausible history, every step on its own day, none after `last_day`."""
    clerk = rng.choice(clerks[case.department_id])
    day = case.registered_on

    def step(days):
        nonlocal day
        day = day + datetime.timedelta(days=days)
        return day <= last_day

    if not step(rng.randint(0, 2)):
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
        if case.kind == "petition" and rng.random() < 0.1:
            workflow.forward_case(case, by=clerk, authority="Consiliul Județean", note="Competența aparține CJ.")
        else:
            outcome = {"petition": Status.ANSWERED, "information": Status.ANSWERED}.get(
                case.kind, Status.APPROVED if rng.random() < 0.85 else Status.REJECTED
            )
            workflow.resolve_case(case, by=clerk, outcome=outcome, note="Soluționat conform procedurii.")


@override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend")
def load_cases(services, citizens, count=300, seed=2026):
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
        services[s]
        for s in (
            "certificat-de-urbanism",
            "certificat-de-urbanism",
            "autorizatie-de-construire",
            "autorizatie-de-desfiintare",
            "certificat-de-atestare-fiscala",
            "petitie",
            "petitie",
            "informatii-de-interes-public",
        )
    ]
    days = sorted(last_day - datetime.timedelta(days=rng.randint(0, 150)) for _ in range(count))
    for n, day in enumerate(days, start=1):
        service = rng.choice(weighted)
        applicant = citizens[0] if n % 25 == 0 else rng.choice(citizens)
        subject = rng.choice(SUBJECTS[service.kind]).format(n=n, year=day.year - 1)
        with transaction.atomic():
            with clock_at(day):
                case = registration.register_case(
                    service=service,
                    applicant=applicant,
                    subject=subject,
                    details="Cerere depusă online.",
                    registered_at=_at(day, rng),
                )
            _replay(case, rng, clerks, heads, last_day)
    return count
