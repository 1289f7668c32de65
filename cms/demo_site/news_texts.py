"""The demo news items in ro, hu and en."""

from .build import stream

# (days ago, tags, {language: (title, slug, summary, heading, paragraph)}, has image)
NEWS = [
    (
        3,
        ["taxe", "termene"],
        {
            "ro": (
                "Bonificație de 10% pentru plata integrală a impozitelor până la 31 martie",
                "bonificatie-impozite",
                "Cine plătește tot impozitul pe clădiri, teren și mijloace de transport până la 31 martie primește o "
                "reducere de 10%.",
                "Cum plătiți",
                "Online cu cardul, din contul dumneavoastră pe portal, sau la casieriile Direcției Impozite și Taxe "
                "Locale. Chitanța se emite imediat.",
            ),
            "hu": (
                "10% kedvezmény az adók március 31-ig történő teljes befizetéséért",
                "adokedvezmeny",
                "Aki március 31-ig a teljes épület-, telek- és gépjárműadót befizeti, 10% kedvezményt kap.",
                "Hogyan fizethet",
                "Online kártyával, a portálon lévő fiókjából, vagy a Helyi Adók és Illetékek Igazgatóságának "
                "pénztáraiban. A nyugtát azonnal kiállítjuk.",
            ),
            "en": (
                "10% discount for paying all local taxes by 31 March",
                "early-payment-discount",
                "Pay the whole building, land and vehicle tax by 31 March and get 10% off.",
                "How to pay",
                "Online by card, from your account on the portal, or at the Local Taxes Department's cash desks. "
                "The receipt is issued at once.",
            ),
        },
        True,
    ),
    (
        9,
        ["urbanism"],
        {
            "ro": (
                "Autorizațiile de construire se pot cere integral online",
                "autorizatii-online",
                "De luna aceasta, certificatul de urbanism și autorizația de construire se cer și se primesc online, "
                "cu semnătură electronică.",
                "Ce vă trebuie",
                "Un cont pe portal și documentele scanate în format PDF. Urmăriți stadiul dosarului în secțiunea "
                "„Dosarele mele”.",
            ),
            "hu": (
                "Az építési engedély teljesen online kérhető",
                "epitesi-engedely-online",
                "Ettől a hónaptól az urbanisztikai bizonyítvány és az építési engedély online kérhető és elektronikus "
                "aláírással kézbesíthető.",
                "Amire szüksége lesz",
                "Egy fiók a portálon és a beszkennelt iratok PDF formátumban. Ügye állapotát az „Ügyeim” részben "
                "követheti.",
            ),
            "en": (
                "Building permits can now be requested fully online",
                "permits-online",
                "From this month, the urbanism certificate and the building permit are requested and delivered "
                "online, with an electronic signature.",
                "What you need",
                "An account on the portal and your documents scanned as PDF. Follow your case under “My cases”.",
            ),
        },
        False,
    ),
    (
        18,
        ["lucrări", "trafic"],
        {
            "ro": (
                "Lucrări de modernizare pe strada Morii",
                "lucrari-strada-morii",
                "Între 10 și 30 ale lunii viitoare circulația pe strada Morii este restricționată pentru înlocuirea "
                "conductei de apă.",
                "Rute ocolitoare",
                "Autobuzele liniei 3 circulă pe strada Kossuth Lajos. Accesul riveranilor rămâne permis.",
            ),
            "hu": (
                "Korszerűsítési munkálatok a Malom utcában",
                "malom-utca",
                "Jövő hónap 10. és 30. között a Malom utcában korlátozzák a forgalmat a vízvezeték cseréje miatt.",
                "Terelőutak",
                "A 3-as busz a Kossuth Lajos utcán közlekedik. A lakók továbbra is behajthatnak.",
            ),
            "en": (
                "Road works on Morii Street",
                "morii-street-works",
                "From the 10th to the 30th of next month traffic on Morii Street is restricted while the water main is "
                "replaced.",
                "Detours",
                "Bus line 3 runs along Kossuth Lajos Street. Residents keep access to their homes.",
            ),
        },
        False,
    ),
    (
        31,
        ["consiliul local"],
        {
            "ro": (
                "Dezbatere publică: bugetul local pe anul viitor",
                "dezbatere-buget",
                "Proiectul bugetului local este publicat pentru consultare; propunerile se trimit în 15 zile.",
                "Cum trimiteți propuneri",
                "Printr-o petiție pe portal, prin e-mail la registratura@primaria-exemplu.ro sau la registratură.",
            ),
            "hu": (
                "Közvita: a jövő évi helyi költségvetés",
                "kozvita-koltsegvetes",
                "A helyi költségvetés tervezete véleményezésre nyilvános; javaslatokat 15 napon belül lehet küldeni.",
                "Hogyan küldhet javaslatot",
                "Petícióként a portálon, e-mailben a registratura@primaria-exemplu.ro címre vagy az iktatóban.",
            ),
            "en": (
                "Public consultation on next year's local budget",
                "budget-consultation",
                "The draft local budget is published for consultation; proposals may be sent within 15 days.",
                "How to send proposals",
                "As a petition on the portal, by e-mail to registratura@primaria-exemplu.ro or at the registry desk.",
            ),
        },
        False,
    ),
    (
        52,
        ["mediu"],
        {
            "ro": (
                "Colectarea deșeurilor voluminoase, în fiecare cartier",
                "deseuri-voluminoase",
                "Mobilierul vechi și electrocasnicele se colectează gratuit, după un program pe cartiere.",
                "Programul",
                "Scoateți obiectele în fața casei în seara dinaintea zilei de colectare anunțate pentru cartierul "
                "dumneavoastră.",
            ),
            "hu": (
                "Lomtalanítás minden negyedben",
                "lomtalanitas",
                "A régi bútorokat és háztartási gépeket negyedenkénti beosztás szerint ingyen elszállítják.",
                "A beosztás",
                "Tegye ki a tárgyakat a ház elé a negyedére meghirdetett gyűjtési nap előtti estén.",
            ),
            "en": (
                "Bulky waste collection in every neighbourhood",
                "bulky-waste",
                "Old furniture and appliances are collected free of charge, neighbourhood by neighbourhood.",
                "The schedule",
                "Put the items out in front of your house on the evening before the collection day announced for "
                "your neighbourhood.",
            ),
        },
        False,
    ),
]

IMAGE_ALT = {
    "ro": "Desen: clădiri stilizate în culorile primăriei",
    "hu": "Rajz: stilizált épületek a hivatal színeiben",
    "en": "Drawing: stylised buildings in the city hall's colours",
}


def news_fields(language, texts):
    title, slug, summary, heading, paragraph = texts[language]
    return {
        "title": title,
        "slug": slug,
        "summary": summary,
        "search_description": summary,
        "body": stream(("heading", {"text": heading, "level": "h2"}), ("paragraph", f"<p>{paragraph}</p>")),
    }
