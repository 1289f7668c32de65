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
]

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
}

# Subjects of the demo requests, by service.
SUBJECTS = {
    "certificat-de-atestare-fiscala": [
        "Certificat fiscal pentru vânzarea imobilului nr. {n}",
        "Certificat fiscal pentru succesiune",
    ]
}

# How often each service comes up among the demo requests.
WEIGHTS = {"certificat-de-atestare-fiscala": 1}
