"""The permits' part of the demo catalogue: urbanism certificates, building and demolition permits."""

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
]

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
