"""The demo site's own pages in ro, hu and en: home, sections, news, contact, cookies and "about the portal"."""

from .build import items, stream

# page key: {language: {field: value}} — slugs translated where they are plain words.
SECTIONS = {
    "home": {
        "ro": {
            "title": "Acasă",
            "slug": "acasa",
            "hero_title": "Primăria Municipiului Exemplu",
            "intro": "<p>Depuneți cereri, urmăriți-vă dosarele și plătiți impozitele locale, fără drum la ghișeu.</p>",
        },
        "hu": {
            "title": "Kezdőlap",
            "slug": "kezdolap",
            "hero_title": "Példa Municipium Polgármesteri Hivatala",
            "intro": "<p>Nyújtson be kérelmet, kövesse ügyeit és fizesse be a helyi adókat sorban állás nélkül.</p>",
        },
        "en": {
            "title": "Home",
            "slug": "home",
            "hero_title": "Exemplu City Hall",
            "intro": "<p>Apply, follow your cases and pay local taxes without queuing at the counter.</p>",
        },
    },
    "services": {
        "ro": {
            "title": "Servicii",
            "slug": "servicii",
            "intro": "<p>Serviciile primăriei, cu actele necesare, taxa și termenul legal. Majoritatea se pot cere "
            "online.</p>",
            "search_description": "Toate serviciile Primăriei Municipiului Exemplu.",
        },
        "hu": {
            "title": "Ügyintézés",
            "slug": "szolgaltatasok",
            "intro": "<p>A hivatal szolgáltatásai a szükséges iratokkal, az illetékkel és a törvényes határidővel. "
            "A legtöbb online is intézhető.</p>",
            "search_description": "Exemplu Municipium Polgármesteri Hivatalának összes szolgáltatása.",
        },
        "en": {
            "title": "Services",
            "slug": "services",
            "intro": "<p>The city hall's services, with the documents needed, the fee and the legal time limit. Most "
            "can be requested online.</p>",
            "search_description": "Every service of the City Hall of Exemplu Municipality.",
        },
    },
    "news": {
        "ro": {"title": "Anunțuri", "slug": "anunturi", "intro": "<p>Noutăți și anunțuri ale primăriei.</p>"},
        "hu": {"title": "Hírek", "slug": "hirek", "intro": "<p>A polgármesteri hivatal hírei és közleményei.</p>"},
        "en": {"title": "News", "slug": "news", "intro": "<p>News and announcements from the city hall.</p>"},
    },
    "contact": {
        "ro": {
            "title": "Contact",
            "slug": "contact",
            "intro": "<p>Primăria Municipiului Exemplu, Piața Libertății nr. 1. Cererile se pot depune și online, "
            "oricând.</p>",
        },
        "hu": {
            "title": "Kapcsolat",
            "slug": "kapcsolat",
            "intro": "<p>Exemplu Municipium Polgármesteri Hivatala, Piața Libertății 1. Kérelmet online bármikor "
            "benyújthat.</p>",
        },
        "en": {
            "title": "Contact",
            "slug": "contact",
            "intro": "<p>City Hall of Exemplu Municipality, Piața Libertății no. 1. You can also apply online, at any "
            "time.</p>",
        },
    },
    "privacy": {
        "ro": {"title": "Politica de confidențialitate", "slug": "confidentialitate"},
        "hu": {"title": "Adatvédelmi tájékoztató", "slug": "adatvedelem"},
        "en": {"title": "Privacy notice", "slug": "privacy"},
    },
    "cookies": {
        "ro": {
            "title": "Cookie-uri",
            "slug": "cookie-uri",
            "intro": "<p>Portalul folosește doar cookie-urile necesare funcționării: sesiunea, protecția formularelor "
            "și limba aleasă. Nu folosim cookie-uri de publicitate sau de urmărire.</p>",
        },
        "hu": {
            "title": "Sütik",
            "slug": "sutik",
            "intro": "<p>A portál csak a működéshez szükséges sütiket használja: munkamenet, űrlapvédelem és a "
            "választott nyelv. Reklám- vagy követő sütiket nem használunk.</p>",
        },
        "en": {
            "title": "Cookies",
            "slug": "cookies",
            "intro": "<p>The portal uses only the cookies it needs to work: your session, form protection and your "
            "chosen language. We use no advertising or tracking cookies.</p>",
        },
    },
}

QUICK_LINKS = {
    "ro": [
        ("Plătește impozite", "Vedeți ce datorați și plătiți cu cardul."),
        ("Depune o cerere", "Certificate și autorizații, fără drum la ghișeu."),
        ("Depune o petiție", "Propuneri, reclamații și sesizări, cu răspuns în 30 de zile."),
    ],
    "hu": [
        ("Adófizetés", "Nézze meg, mennyivel tartozik, és fizessen kártyával."),
        ("Kérelem benyújtása", "Bizonyítványok és engedélyek sorban állás nélkül."),
        ("Petíció benyújtása", "Javaslatok, panaszok és bejelentések, válasz 30 napon belül."),
    ],
    "en": [
        ("Pay taxes", "See what you owe and pay by card."),
        ("Apply online", "Certificates and permits, without queuing."),
        ("File a petition", "Proposals, complaints and reports, answered within 30 days."),
    ],
}


def quick_links(language, petition_page):
    """The home page's three doors; the petition goes to its service page, if the catalogue has it."""
    (pay, pay_text), (apply, apply_text), (petition, petition_text) = QUICK_LINKS[language]
    links = [
        ("link", {"page": None, "url": "/impozite/", "text": pay, "description": pay_text}),
        ("link", {"page": None, "url": "/cerere-noua/", "text": apply, "description": apply_text}),
    ]
    if petition_page is not None:
        links.append(("link", {"page": petition_page.pk, "url": "", "text": petition, "description": petition_text}))
    return stream(*links)


# Contact offices: (name, address, phone, e-mail, [(days, hours)]) per language, in the same order.
OFFICES = {
    "ro": [
        (
            "Registratură și relații cu publicul",
            "Piața Libertății nr. 1, parter",
            "0265 100 100",
            "registratura@primaria-exemplu.ro",
            [("Luni – Joi", "8:00 – 16:30"), ("Vineri", "8:00 – 14:00")],
        ),
        (
            "Direcția Impozite și Taxe Locale",
            "Str. Gării nr. 4",
            "0265 100 200",
            "taxe@primaria-exemplu.ro",
            [("Luni – Vineri", "8:00 – 15:00"), ("Sâmbăta dinaintea termenelor", "9:00 – 12:00")],
        ),
        (
            "Direcția Urbanism",
            "Piața Libertății nr. 1, etajul 2",
            "0265 100 300",
            "urbanism@primaria-exemplu.ro",
            [("Luni și Miercuri", "9:00 – 13:00"), ("Joi", "13:00 – 16:00")],
        ),
    ],
    "hu": [
        (
            "Iktató és ügyfélszolgálat",
            "Piața Libertății 1., földszint",
            "0265 100 100",
            "registratura@primaria-exemplu.ro",
            [("Hétfő – csütörtök", "8:00 – 16:30"), ("Péntek", "8:00 – 14:00")],
        ),
        (
            "Helyi Adók és Illetékek Igazgatósága",
            "Gării utca 4.",
            "0265 100 200",
            "taxe@primaria-exemplu.ro",
            [("Hétfő – péntek", "8:00 – 15:00"), ("Szombat a határidők előtt", "9:00 – 12:00")],
        ),
        (
            "Urbanisztikai Igazgatóság",
            "Piața Libertății 1., 2. emelet",
            "0265 100 300",
            "urbanism@primaria-exemplu.ro",
            [("Hétfő és szerda", "9:00 – 13:00"), ("Csütörtök", "13:00 – 16:00")],
        ),
    ],
    "en": [
        (
            "Registry and public relations desk",
            "Piața Libertății no. 1, ground floor",
            "0265 100 100",
            "registratura@primaria-exemplu.ro",
            [("Monday to Thursday", "8:00 – 16:30"), ("Friday", "8:00 – 14:00")],
        ),
        (
            "Local Taxes Department",
            "Gării Street no. 4",
            "0265 100 200",
            "taxe@primaria-exemplu.ro",
            [("Monday to Friday", "8:00 – 15:00"), ("Saturday before deadlines", "9:00 – 12:00")],
        ),
        (
            "Urban Planning Department",
            "Piața Libertății no. 1, 2nd floor",
            "0265 100 300",
            "urbanism@primaria-exemplu.ro",
            [("Monday and Wednesday", "9:00 – 13:00"), ("Thursday", "13:00 – 16:00")],
        ),
    ],
}

MAP_URL = "https://www.openstreetmap.org/?mlat=46.5425&mlon=24.5575#map=17/46.5425/24.5575"

ABOUT = {
    "ro": {
        "title": "Despre portal",
        "slug": "despre-portal",
        "intro": "<p>Ghișeul online al Primăriei Municipiului Exemplu: cereri, dosare și plăți într-un singur loc.</p>",
        "heading": "Cum funcționează",
        "paragraph": "<p>Vă creați un cont, depuneți cererea cu documentele scanate și primiți pe loc numărul de "
        "înregistrare. Termenul legal curge de la înregistrare, iar stadiul dosarului îl vedeți oricând.</p>",
        "faq": "Întrebări frecvente",
        "qa": [
            (
                "Cererea online are aceeași valoare ca una depusă la ghișeu?",
                "<p>Da. Primește număr de înregistrare în același registru și are același termen legal.</p>",
            ),
            (
                "Ce fac dacă îmi lipsește un document?",
                "<p>Funcționarul vă trimite o solicitare de completare; termenul se oprește până îl încărcați.</p>",
            ),
            (
                "Pot cere în limba maghiară?",
                "<p>Da. Portalul și răspunsurile sunt disponibile în română și maghiară.</p>",
            ),
        ],
        "table": [["Ziua", "Program registratură"], ["Luni – Joi", "8:00 – 16:30"], ["Vineri", "8:00 – 14:00"]],
        "cta": ("Depune o cerere", "Alegeți serviciul și completați cererea online."),
    },
    "hu": {
        "title": "A portálról",
        "slug": "a-portalrol",
        "intro": "<p>Exemplu Municipium Polgármesteri Hivatalának online ügyfélablaka: kérelmek, ügyek és "
        "befizetések egy helyen.</p>",
        "heading": "Hogyan működik",
        "paragraph": "<p>Létrehozza a fiókját, benyújtja a kérelmet a beszkennelt iratokkal, és azonnal megkapja az "
        "iktatószámot. A törvényes határidő az iktatástól számít, ügye állapotát bármikor láthatja.</p>",
        "faq": "Gyakori kérdések",
        "qa": [
            (
                "Ugyanolyan érvényes az online kérelem, mint az ügyfélablaknál benyújtott?",
                "<p>Igen. Ugyanabban az iktatókönyvben kap iktatószámot, és ugyanaz a törvényes határidő.</p>",
            ),
            (
                "Mi a teendő, ha hiányzik egy irat?",
                "<p>Az ügyintéző hiánypótlási felhívást küld; a határidő a feltöltésig megáll.</p>",
            ),
            ("Intézhetem magyarul?", "<p>Igen. A portál és a válaszok románul és magyarul is elérhetők.</p>"),
        ],
        "table": [["Nap", "Iktató nyitvatartása"], ["Hétfő – csütörtök", "8:00 – 16:30"], ["Péntek", "8:00 – 14:00"]],
        "cta": ("Kérelem benyújtása", "Válassza ki a szolgáltatást, és töltse ki a kérelmet online."),
    },
    "en": {
        "title": "About the portal",
        "slug": "about-the-portal",
        "intro": "<p>The online counter of the City Hall of Exemplu Municipality: requests, cases and payments in one "
        "place.</p>",
        "heading": "How it works",
        "paragraph": "<p>Create an account, file your request with the scanned documents and get its registration "
        "number at once. The legal time limit runs from registration, and you can see where your case stands at any "
        "time.</p>",
        "faq": "Frequently asked questions",
        "qa": [
            (
                "Is an online request worth as much as one filed at the counter?",
                "<p>Yes. It is registered in the same registry and has the same legal time limit.</p>",
            ),
            (
                "What if a document is missing?",
                "<p>The clerk sends you a completion request; the clock stops until you upload it.</p>",
            ),
            (
                "Can I use Hungarian?",
                "<p>Yes. The portal and the answers are available in Romanian and Hungarian.</p>",
            ),
        ],
        "table": [["Day", "Registry desk hours"], ["Monday to Thursday", "8:00 – 16:30"], ["Friday", "8:00 – 14:00"]],
        "cta": ("Apply online", "Choose the service and fill in the request online."),
    },
}


def about_fields(language):
    text = ABOUT[language]
    cta_text, cta_description = text["cta"]
    table = {"data": text["table"], "first_row_is_table_header": True, "first_col_is_header": False}
    return {
        "title": text["title"],
        "slug": text["slug"],
        "intro": text["intro"],
        "body": stream(
            ("heading", {"text": text["heading"], "level": "h2"}),
            ("paragraph", text["paragraph"]),
            ("heading", {"text": text["faq"], "level": "h2"}),
            ("accordion", {"sections": items(*({"heading": q, "content": a} for q, a in text["qa"]))}),
            ("table", table),
            (
                "call_to_action",
                {"page": None, "url": "/cerere-noua/", "text": cta_text, "description": cta_description},
            ),
        ),
    }
