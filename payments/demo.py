"""The tax requests' part of the demo catalogue."""

# code, department, title (ro, hu, en), legal basis, days, unit, extension days, suspension allowed
PROCEDURES = [
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
        "PO-DITL-01",
        "taxe",
        (
            "Încasarea impozitelor și taxelor locale",
            "Helyi adók és illetékek beszedése",
            "Collecting local taxes and fees",
        ),
        "Legea nr. 207/2015 (Codul de procedură fiscală), art. 77",
        45,
        "calendar",
        0,
        False,
    ),
    (
        "PO-DITL-05",
        "taxe",
        (
            "Restituirea sumelor plătite în plus",
            "A többletbefizetés visszatérítése",
            "Refund of sums paid in excess",
        ),
        "Legea nr. 207/2015 (Codul de procedură fiscală), art. 168",
        45,
        "calendar",
        0,
        False,
    ),
]

# slug, procedure, kind, title (ro, hu, en), fee in bani, documents
SERVICES = [
    (
        "certificat-de-atestare-fiscala",
        "PO-DITL-03",
        "tax",
        ("Certificat de atestare fiscală", "Adóigazolás", "Tax clearance certificate"),
        0,  # issued free of charge (Codul de procedură fiscală, art. 159)
        [
            (
                ("Copia actului de identitate", "A személyazonosító igazolvány másolata", "Copy of the identity card"),
                (True, "application/pdf,image/jpeg,image/png", 5, 2),
            ),
            (
                (
                    "Împuternicire, dacă cererea este depusă prin reprezentant",
                    "Meghatalmazás, ha a kérelmet képviselő nyújtja be",
                    "Power of attorney, if a representative files the request",
                ),
                (False, "application/pdf,image/jpeg,image/png", 5, 1),
            ),
        ],
    ),
    (
        # Opened by the daily reconciliation with the payment provider, never by a citizen (see OFFLINE).
        "reconciliere-plati-online",
        "PO-DITL-01",
        "tax",
        ("Neconcordanțe la plățile online", "Eltérések az online befizetéseknél", "Differences in online payments"),
        0,
        [],
    ),
    (
        "restituire-sume-platite-in-plus",
        "PO-DITL-05",
        "refund",
        ("Restituirea sumelor plătite în plus", "A többletbefizetés visszatérítése", "Refund of sums paid in excess"),
        0,  # no fee (Codul de procedură fiscală, art. 168)
        [
            (
                ("Copia actului de identitate", "A személyazonosító igazolvány másolata", "Copy of the identity card"),
                (True, "application/pdf,image/jpeg,image/png", 5, 2),
            ),
            (
                ("Dovada plății", "A befizetés igazolása", "Proof of payment"),
                (False, "application/pdf,image/jpeg,image/png", 5, 2),
            ),
        ],
    ),
]

# The services of this catalogue that citizens cannot start online (`Service.online` false): the institution's own.
OFFLINE = {"reconciliere-plati-online"}

# What the service pages say about each service, in ro, hu and en.
DESCRIPTIONS = {
    "certificat-de-atestare-fiscala": (
        "Certificatul de atestare fiscală arată obligațiile de plată către bugetul local la data eliberării. Se "
        "eliberează gratuit, în 2 zile lucrătoare de la înregistrarea cererii.",
        "Az adóigazolás a helyi költségvetés felé fennálló fizetési kötelezettségeket mutatja a kiállítás napján. "
        "Díjmentes, az iktatástól számított 2 munkanapon belül adják ki.",
        "The tax clearance certificate shows what is owed to the local budget on the day it is issued. It is free of "
        "charge and issued within 2 working days of registering the request.",
    ),
    "reconciliere-plati-online": (
        "Diferențele dintre evidența plăților online și cea a procesatorului de plăți, găsite la reconcilierea "
        "zilnică. Fiecare diferență este verificată de Direcția Impozite și Taxe Locale.",
        "Az online befizetések nyilvántartása és a fizetési szolgáltató nyilvántartása közötti, a napi egyeztetéskor "
        "talált eltérések. Minden eltérést a Helyi Adók és Illetékek Igazgatósága ellenőriz.",
        "Differences between the record of online payments and the payment provider's, found by the daily "
        "reconciliation. The Local Taxes Department checks each of them.",
    ),
    "restituire-sume-platite-in-plus": (
        "Cereți înapoi, în contul dumneavoastră bancar, suma plătită în plus față de impozitele și taxele datorate. "
        "Cererea se soluționează în 45 de zile de la înregistrare.",
        "Kérje vissza bankszámlájára a helyi adókon és illetékeken felül befizetett összeget. A kérelmet az "
        "iktatástól számított 45 napon belül bírálják el.",
        "Ask for the sum you paid beyond the local taxes and fees you owe back into your bank account. The request is "
        "decided within 45 days of registration.",
    ),
}

# Subjects of the demo requests, by service.
SUBJECTS = {
    "certificat-de-atestare-fiscala": [
        "Certificat fiscal pentru vânzarea imobilului nr. {n}",
        "Certificat fiscal pentru succesiune",
    ],
    "reconciliere-plati-online": ["Neconcordanță la plata online nr. {n}"],
    "restituire-sume-platite-in-plus": [
        "Restituirea sumei plătite de două ori pentru impozitul pe clădiri {year}",
        "Restituirea sumei plătite în plus pentru impozitul auto {year}",
    ],
}

# How often each service comes up among the demo requests.
# The reconciliation's cases are opened by the reconciliation only, never by a demo citizen.
WEIGHTS = {"certificat-de-atestare-fiscala": 1, "reconciliere-plati-online": 0, "restituire-sume-platite-in-plus": 1}
