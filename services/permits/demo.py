"""The permits' part of the demo catalogue: urbanism certificates, building and demolition permits."""

from . import decision
from .models import PermitApplication

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
        "PO-DUAT-03",
        "urbanism",
        (
            "Prelungirea valabilității autorizației de construire",
            "Az építési engedély érvényességének meghosszabbítása",
            "Extending the validity of a building permit",
        ),
        "Legea nr. 50/1991, art. 7 alin. (15)",
        15,
        "calendar",
        0,
        True,
    ),
]

# What each document slot accepts: (mandatory, accepted types, maximum size in MB, how many files).
FORM = (True, "application/pdf", 5, 1)
EXTRACT = (True, "application/pdf,image/jpeg,image/png", 5, 1)
PLANS = (True, "application/pdf", 20, 5)
APPROVALS = (False, "application/pdf,image/jpeg,image/png", 10, 10)

# slug, procedure, kind, title (ro, hu, en), fee in bani, documents ((ro, hu, en), rule)
SERVICES = [
    (
        "certificat-de-urbanism",
        "PO-DUAT-01",
        "permit",
        ("Certificat de urbanism", "Urbanisztikai bizonyítvány", "Urbanism certificate"),
        1500,
        [
            (("Cerere-tip (formularul F.1)", "Formanyomtatvány (F.1)", "Application form (F.1)"), FORM),
            (
                (
                    "Extras de carte funciară (max. 30 de zile)",
                    "Telekkönyvi kivonat (legfeljebb 30 napos)",
                    "Land-book extract (at most 30 days old)",
                ),
                EXTRACT,
            ),
            (
                (
                    "Plan de încadrare în zonă și plan de situație",
                    "Helyszínrajz és átnézeti térkép",
                    "Location and site plans",
                ),
                PLANS,
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
            (("Cerere-tip (formularul F.8)", "Formanyomtatvány (F.8)", "Application form (F.8)"), FORM),
            (
                (
                    "Certificatul de urbanism (copie)",
                    "Urbanisztikai bizonyítvány (másolat)",
                    "Urbanism certificate (copy)",
                ),
                EXTRACT,
            ),
            (
                (
                    "Extras de carte funciară (max. 30 de zile)",
                    "Telekkönyvi kivonat (legfeljebb 30 napos)",
                    "Land-book extract (at most 30 days old)",
                ),
                EXTRACT,
            ),
            (
                ("Documentația tehnică D.T.A.C.", "D.T.A.C. műszaki dokumentáció", "Technical documentation (DTAC)"),
                (True, "application/pdf", 50, 10),
            ),
            (
                (
                    "Avizele și acordurile cerute prin certificatul de urbanism",
                    "Az urbanisztikai bizonyítványban előírt engedélyek",
                    "Approvals required by the urbanism certificate",
                ),
                APPROVALS,
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
            (("Cerere-tip (formularul F.9)", "Formanyomtatvány (F.9)", "Application form (F.9)"), FORM),
            (
                (
                    "Extras de carte funciară (max. 30 de zile)",
                    "Telekkönyvi kivonat (legfeljebb 30 napos)",
                    "Land-book extract (at most 30 days old)",
                ),
                EXTRACT,
            ),
            (
                (
                    "Documentația tehnică D.T.A.D.",
                    "D.T.A.D. műszaki dokumentáció",
                    "Technical documentation for demolition (DTAD)",
                ),
                PLANS,
            ),
        ],
    ),
    (
        "prelungire-autorizatie-de-construire",
        "PO-DUAT-03",
        "permit",
        (
            "Prelungirea autorizației de construire",
            "Építési engedély meghosszabbítása",
            "Extension of a building permit",
        ),
        1500,
        [
            (("Cerere-tip (formularul F.14)", "Formanyomtatvány (F.14)", "Application form (F.14)"), FORM),
            (
                (
                    "Autorizația de construire în vigoare (copie)",
                    "A hatályos építési engedély (másolat)",
                    "The building permit in force (copy)",
                ),
                EXTRACT,
            ),
        ],
    ),
    (
        "autorizatie-mijloace-de-publicitate",
        "PO-DUAT-02",
        "permit",
        (
            "Autorizație pentru mijloace de publicitate",
            "Reklámeszközök elhelyezési engedélye",
            "Permit for signs and advertising",
        ),
        3000,
        [
            (("Cerere-tip (formularul F.8)", "Formanyomtatvány (F.8)", "Application form (F.8)"), FORM),
            (
                (
                    "Certificatul de urbanism (copie)",
                    "Urbanisztikai bizonyítvány (másolat)",
                    "Urbanism certificate (copy)",
                ),
                EXTRACT,
            ),
            (
                (
                    "Acordul proprietarului clădirii sau terenului",
                    "Az épület vagy telek tulajdonosának hozzájárulása",
                    "Consent of the owner of the building or land",
                ),
                EXTRACT,
            ),
            (
                (
                    "Documentația tehnică (amplasare și fotosimulare)",
                    "Műszaki dokumentáció (elhelyezés és fotószimuláció)",
                    "Technical documentation (siting and photo simulation)",
                ),
                PLANS,
            ),
        ],
    ),
]

# What the service pages say about each service, in ro, hu and en.
DESCRIPTIONS = {
    "certificat-de-urbanism": (
        "Certificatul de urbanism arată regimul juridic, economic și tehnic al terenului și ce avize sunt necesare "
        "pentru construire. Se eliberează în 15 zile de la înregistrarea cererii complete.",
        "Az urbanisztikai bizonyítvány a telek jogi, gazdasági és műszaki helyzetét, valamint az építéshez szükséges "
        "engedélyeket tartalmazza. A teljes kérelem iktatásától számított 15 napon belül adják ki.",
        "The urbanism certificate states the legal, economic and technical status of the land and the approvals a "
        "building needs. It is issued within 15 days of registering the complete application.",
    ),
    "autorizatie-de-construire": (
        "Autorizația de construire permite executarea lucrărilor de construire, pe baza certificatului de urbanism "
        "și a documentației tehnice D.T.A.C. Se emite în 30 de zile de la înregistrarea cererii complete.",
        "Az építési engedély a munkálatok elvégzését teszi lehetővé az urbanisztikai bizonyítvány és a D.T.A.C. "
        "műszaki dokumentáció alapján. A teljes kérelem iktatásától számított 30 napon belül adják ki.",
        "The building permit allows the works to be carried out, on the basis of the urbanism certificate and the "
        "DTAC technical documentation. It is issued within 30 days of registering the complete application.",
    ),
    "autorizatie-de-desfiintare": (
        "Autorizația de desființare permite demolarea unei construcții, pe baza documentației tehnice D.T.A.D. Se "
        "emite în 30 de zile de la înregistrarea cererii complete.",
        "A bontási engedély egy építmény lebontását teszi lehetővé a D.T.A.D. műszaki dokumentáció alapján. A teljes "
        "kérelem iktatásától számított 30 napon belül adják ki.",
        "The demolition permit allows a building to be demolished, on the basis of the DTAD technical "
        "documentation. It is issued within 30 days of registering the complete application.",
    ),
    "prelungire-autorizatie-de-construire": (
        "Valabilitatea autorizației de construire se prelungește o singură dată, cu cel mult 12 luni, dacă cereți "
        "prelungirea cu cel puțin 15 zile înainte de expirare. Răspunsul se dă în 15 zile.",
        "Az építési engedély érvényessége egyetlen alkalommal, legfeljebb 12 hónappal hosszabbítható meg, ha a "
        "lejárat előtt legalább 15 nappal kérik. A válasz 15 napon belül érkezik.",
        "A building permit's validity can be extended once, by at most 12 months, if you ask at least 15 days before "
        "it expires. The answer comes within 15 days.",
    ),
    "autorizatie-mijloace-de-publicitate": (
        "Firmele, panourile și bannerele publicitare se amplasează numai cu autorizație de construire, conform Legii "
        "nr. 185/2013. Se emite în 30 de zile de la înregistrarea cererii complete.",
        "Cégtáblák, reklámtáblák és molinók csak építési engedéllyel helyezhetők el, a 185/2013-as törvény szerint. "
        "A teljes kérelem iktatásától számított 30 napon belül adják ki.",
        "Shop signs, billboards and banners may be put up only with a building permit, under Law no. 185/2013. It is "
        "issued within 30 days of registering the complete application.",
    ),
}

# Subjects of the demo requests, by service.
SUBJECTS = {
    slug: [
        "Construire locuință P+1 pe str. Florilor nr. {n}",
        "Extindere anexă gospodărească, nr. cadastral 5{n}",
        "Împrejmuire teren, str. Kossuth Lajos nr. {n}",
        "Branșament gaze, str. Morii nr. {n}",
    ]
    for slug in ("certificat-de-urbanism", "autorizatie-de-construire", "autorizatie-de-desfiintare")
}

# How often each service comes up among the demo requests.
WEIGHTS = {"certificat-de-urbanism": 2, "autorizatie-de-construire": 1, "autorizatie-de-desfiintare": 1}

STREETS = ["str. Florilor", "str. Kossuth Lajos", "str. Morii", "str. Petőfi Sándor", "bd. Independenței"]


def registered(case, rng):
    """Every demo permit carries its property, as one filed online does."""
    if case.kind != "permit":
        return
    parcel = rng.randint(50000, 59999)
    PermitApplication.objects.create(
        case=case,
        property_address=f"{rng.choice(STREETS)} nr. {rng.randint(1, 120)}, Municipiul Exemplu",
        cadastral_number=str(parcel) if rng.random() < 0.7 else f"{parcel}-C1",
        land_book_number=str(parcel),
        purpose=case.subject,
    )


def close(case, clerk, rng):
    """A permit is issued with its generated document, or now and then refused with reasons."""
    if case.kind != "permit":
        return False
    if case.status == "awaiting_applicant" or rng.random() < 0.12:
        decision.decide(
            case,
            by=clerk,
            outcome="rejected",
            reasons="Documentația nu respectă regulamentul local de urbanism aferent zonei.",
        )
    else:
        decision.decide(
            case,
            by=clerk,
            outcome="approved",
            text=f"Se autorizează: {case.subject}, conform documentației anexate.",
        )
    return True
