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
]

# slug, procedure, kind, title (ro, hu, en), fee in bani, documents
SERVICES = [
    (
        "certificat-de-atestare-fiscala",
        "PO-DITL-03",
        "tax",
        ("Certificat de atestare fiscală", "Adóigazolás", "Tax clearance certificate"),
        0,
        [],
    ),
]

# Subjects of the demo requests, by service.
SUBJECTS = {
    "certificat-de-atestare-fiscala": [
        "Certificat fiscal pentru vânzarea imobilului nr. {n}",
        "Certificat fiscal pentru succesiune",
    ]
}

# How often each service comes up among the demo requests.
WEIGHTS = {"certificat-de-atestare-fiscala": 1}
