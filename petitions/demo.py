"""The petitions' part of the demo catalogue: petitions and public-information requests."""

from services.models import Membership

from . import answers, workflow
from .models import Channel, Petition

STREETS = ["str. Florilor nr. 3", "str. Kossuth Lajos nr. 12", "Piața Libertății nr. 7", "str. Morii nr. 21"]

# code, department, title (ro, hu, en), legal basis, days, unit, extension days, suspension allowed
PROCEDURES = [
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
    ("petitie", "PO-RPR-01", "petition", ("Petiție", "Petíció (beadvány)", "Petition"), 0, []),
    # A complaint or referral is a petition too (OG 27/2002 art. 2), under the same procedure and term.
    (
        "sesizare",
        "PO-RPR-01",
        "petition",
        ("Sesizare sau reclamație", "Bejelentés vagy panasz", "Complaint or referral"),
        0,
        [],
    ),
    (
        "informatii-de-interes-public",
        "PO-RPR-02",
        "information",
        ("Solicitare de informații de interes public", "Közérdekű adatigénylés", "Public-information request"),
        0,
        [],
    ),
]

# Subjects of the demo requests, by service.
SUBJECTS = {
    "petitie": [
        "Iluminat public nefuncțional pe str. Teilor nr. {n}",
        "Groapă în carosabil, str. Gării nr. {n}",
        "Zgomot de la terasa din Piața Mare",
        "Program de colectare a deșeurilor",
    ],
    "sesizare": [
        "Câini fără stăpân în zona Gării",
        "Container de deșeuri nerevidat pe str. Morii nr. {n}",
    ],
    "informatii-de-interes-public": [
        "Bugetul pentru reparații de drumuri în {year}",
        "Contractele de salubrizare în vigoare",
        "Numărul de autorizații de construire emise în {year}",
    ],
}

# How often each service comes up among the demo requests.
WEIGHTS = {"petitie": 2, "sesizare": 1, "informatii-de-interes-public": 1}


def close(case, clerk, rng):
    """A petition now and then belongs to another authority and is forwarded; the others are answered by the
    clerk's draft, approved by the head. True when this closed the case."""
    if case.kind not in ("petition", "information"):
        return False
    if case.kind == "petition" and rng.random() < 0.1:
        workflow.forward_case(case, by=clerk, authority="Consiliul Județean", note="Competența aparține CJ.")
        return True
    head = Membership.objects.filter(department_id=case.department_id, role=Membership.Role.HEAD).first()
    if head is None:
        return False
    answers.draft_answer(
        case,
        by=clerk,
        text="Vă comunicăm că solicitarea dumneavoastră a fost analizată și rezolvată.",
        text_hu="Értesítjük, hogy kérelmét megvizsgáltuk és megoldottuk.",
    )
    answers.approve_answer(case, by=head.user)
    return True


def registered(case, rng):
    """Every demo petition carries its filer's identification and answer channel, as one filed online does."""
    if case.kind not in ("petition", "information"):
        return
    by_post = rng.random() < 0.2
    address = f"{rng.choice(STREETS)}, Municipiul Exemplu"
    Petition.objects.create(
        case=case,
        name=case.applicant_name,
        address=address,
        email=case.applicant_email,
        channel=Channel.POST if by_post else Channel.EMAIL,
        postal_address=address if by_post else "",
    )
