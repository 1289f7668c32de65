"""The demo service pages: the clerk's advice above each service's facts, in ro, hu and en, and the life events."""

# slug, name (ro, hu, en)
LIFE_EVENTS = [
    ("construiesc-o-casa", ("Construiesc o casă", "Házat építek", "I am building a house")),
    ("am-o-afacere", ("Am o afacere", "Vállalkozásom van", "I run a business")),
    ("platesc-taxele-locale", ("Plătesc taxele locale", "Helyi adókat fizetek", "I pay local taxes")),
    ("problema-in-cartier", ("Am o problemă în cartier", "Gond van a környékemen", "There is a problem in my area")),
    ("informatii-publice", ("Vreau informații publice", "Közérdekű adatot kérek", "I want public information")),
]

# service slug: (life events, {language: (intro paragraphs, one-sentence description)})
SERVICE_PAGES = {
    "certificat-de-urbanism": (
        ["construiesc-o-casa"],
        {
            "ro": (
                [
                    "Cereți certificatul de urbanism înainte de orice proiect: el spune ce puteți construi pe teren și "
                    "ce avize vă trebuie. Scopul trecut în cerere („construire locuință”, „vânzare”) contează, "
                    "așa că fiți precis.",
                    "Extrasul de carte funciară îl obțineți online de la ANCPI; nu trebuie să fie mai vechi de 30 de zile.",
                ],
                "Aflați ce puteți construi pe un teren și ce avize sunt necesare.",
            ),
            "hu": (
                [
                    "Minden terv előtt kérje ki az urbanisztikai bizonyítványt: ebből derül ki, mit építhet a telekre, "
                    "és milyen engedélyekre lesz szüksége. A kérelemben megadott cél („lakóház építése”, „eladás”) "
                    "számít, ezért fogalmazzon pontosan.",
                    "A telekkönyvi kivonatot online kérheti az ANCPI-től; legfeljebb 30 napos lehet.",
                ],
                "Megtudhatja, mit építhet egy telekre, és milyen engedélyek szükségesek.",
            ),
            "en": (
                [
                    "Ask for the urbanism certificate before any project: it says what you may build on the land and "
                    "which approvals you need. The purpose you state (“building a house”, “sale”) matters, so be "
                    "precise.",
                    "You can get the land-book extract online from ANCPI; it must be at most 30 days old.",
                ],
                "Find out what you may build on a plot and which approvals you need.",
            ),
        },
    ),
    "autorizatie-de-construire": (
        ["construiesc-o-casa", "am-o-afacere"],
        {
            "ro": (
                [
                    "Depuneți cererea numai după ce aveți toate avizele cerute prin certificatul de urbanism: un dosar "
                    "incomplet oprește termenul până la completare.",
                    "Documentația D.T.A.C. trebuie semnată de un arhitect cu drept de semnătură. Anunțați începerea "
                    "lucrărilor (formularul F.11) înainte de a începe.",
                ],
                "Autorizația pentru construirea, extinderea sau modificarea unei clădiri.",
            ),
            "hu": (
                [
                    "A kérelmet csak akkor nyújtsa be, ha az urbanisztikai bizonyítványban előírt összes engedély "
                    "megvan: hiányos dosszié esetén a határidő a hiánypótlásig megáll.",
                    "A D.T.A.C. dokumentációt aláírási joggal rendelkező építésznek kell aláírnia. A munkálatok "
                    "megkezdését (F.11 nyomtatvány) kezdés előtt jelentse be.",
                ],
                "Engedély épület építéséhez, bővítéséhez vagy átalakításához.",
            ),
            "en": (
                [
                    "Apply only once you have every approval the urbanism certificate asks for: an incomplete file "
                    "stops the clock until you complete it.",
                    "The DTAC documentation must be signed by an architect entitled to sign. Give notice of the start "
                    "of works (form F.11) before you begin.",
                ],
                "The permit to build, extend or alter a building.",
            ),
        },
    ),
    "autorizatie-de-desfiintare": (
        ["construiesc-o-casa"],
        {
            "ro": (
                [
                    "Și o anexă veche se demolează numai cu autorizație. După demolare, cereți radierea construcției "
                    "din cartea funciară, ca să nu plătiți în continuare impozit pe ea.",
                ],
                "Autorizația pentru demolarea unei construcții.",
            ),
            "hu": (
                [
                    "Egy régi melléképületet is csak engedéllyel lehet lebontani. A bontás után kérje az építmény "
                    "törlését a telekkönyvből, hogy ne fizessen tovább adót utána.",
                ],
                "Engedély egy építmény lebontásához.",
            ),
            "en": (
                [
                    "Even an old outbuilding may be demolished only with a permit. Afterwards, have the building "
                    "struck off the land book, so that you stop paying tax on it.",
                ],
                "The permit to demolish a building.",
            ),
        },
    ),
    "prelungire-autorizatie-de-construire": (
        ["construiesc-o-casa"],
        {
            "ro": (
                [
                    "Verificați data de expirare a autorizației: cererea de prelungire se depune cu cel puțin 15 zile "
                    "înainte. După expirare, prelungirea nu mai este posibilă și trebuie cerută o autorizație nouă.",
                ],
                "Prelungiți o singură dată, cu până la 12 luni, autorizația de construire.",
            ),
            "hu": (
                [
                    "Ellenőrizze az engedély lejárati dátumát: a hosszabbítási kérelmet legalább 15 nappal előtte kell "
                    "benyújtani. Lejárat után már nem hosszabbítható, új engedélyt kell kérni.",
                ],
                "Az építési engedély egyszer, legfeljebb 12 hónappal meghosszabbítható.",
            ),
            "en": (
                [
                    "Check when your permit expires: the extension must be requested at least 15 days before. Once "
                    "it has expired it cannot be extended and a new permit is needed.",
                ],
                "Extend a building permit once, by up to 12 months.",
            ),
        },
    ),
    "autorizatie-mijloace-de-publicitate": (
        ["am-o-afacere"],
        {
            "ro": (
                [
                    "Firma de pe fațada propriului magazin are nevoie și ea de autorizație. În centrul istoric, "
                    "mărimea și culorile sunt stabilite prin regulamentul local de publicitate: consultați-l înainte "
                    "de a comanda firma.",
                ],
                "Autorizația pentru firme, panouri și bannere publicitare.",
            ),
            "hu": (
                [
                    "A saját üzlet homlokzatán lévő cégtáblához is engedély kell. A történelmi belvárosban a méretet "
                    "és a színeket a helyi reklámszabályzat határozza meg: a tábla megrendelése előtt olvassa el.",
                ],
                "Engedély cégtáblákhoz, reklámtáblákhoz és molinókhoz.",
            ),
            "en": (
                [
                    "The sign on your own shop front needs a permit too. In the historic centre, size and colours are "
                    "set by the local advertising regulation: read it before ordering the sign.",
                ],
                "The permit for shop signs, billboards and banners.",
            ),
        },
    ),
    "certificat-de-atestare-fiscala": (
        ["platesc-taxele-locale", "am-o-afacere"],
        {
            "ro": (
                [
                    "Notarul vă cere certificatul la vânzarea unei locuințe sau la succesiune. Plătiți întâi toate "
                    "impozitele datorate: certificatul se eliberează numai fără datorii la bugetul local.",
                ],
                "Dovada că nu aveți datorii la bugetul local, cerută de notar.",
            ),
            "hu": (
                [
                    "A közjegyző lakáseladáskor vagy hagyatéki eljárásban kéri az igazolást. Előbb fizesse be az összes "
                    "esedékes adót: az igazolást csak a helyi költségvetés felé fennálló tartozás nélkül adják ki.",
                ],
                "Igazolás arról, hogy nincs tartozása a helyi költségvetés felé.",
            ),
            "en": (
                [
                    "The notary asks for it when you sell a home or settle an inheritance. Pay every tax due first: "
                    "the certificate is issued only when nothing is owed to the local budget.",
                ],
                "Proof that you owe nothing to the local budget, asked for by notaries.",
            ),
        },
    ),
    "restituire-sume-platite-in-plus": (
        ["platesc-taxele-locale"],
        {
            "ro": (
                [
                    "Dacă ați plătit de două ori sau mai mult decât datorați, suma în plus se compensează întâi cu alte "
                    "datorii. Restul vi se restituie în contul IBAN trecut în cerere, care trebuie să fie pe numele "
                    "dumneavoastră.",
                ],
                "Cereți înapoi suma plătită în plus la impozite și taxe locale.",
            ),
            "hu": (
                [
                    "Ha kétszer vagy a tartozásnál többet fizetett, a többletet először más tartozásokkal számolják el. "
                    "A maradékot a kérelemben megadott, az Ön nevére szóló IBAN-számlára utalják vissza.",
                ],
                "Kérje vissza a helyi adókra többletként befizetett összeget.",
            ),
            "en": (
                [
                    "If you paid twice or more than you owed, the surplus first covers any other debts. The rest is "
                    "paid back to the IBAN account you give in the request, which must be in your name.",
                ],
                "Ask for money paid beyond your local taxes back.",
            ),
        },
    ),
    "petitie": (
        ["problema-in-cartier"],
        {
            "ro": (
                [
                    "Scrieți pe scurt ce s-a întâmplat, unde și de când. O petiție fără nume și adresă nu se ia în "
                    "considerare, dar datele dumneavoastră nu sunt făcute publice.",
                ],
                "Adresați o cerere, o propunere sau o reclamație primăriei.",
            ),
            "hu": (
                [
                    "Írja le röviden, mi történt, hol és mióta. Név és cím nélküli petíciót nem vesznek figyelembe, "
                    "de az adatait nem hozzák nyilvánosságra.",
                ],
                "Kérés, javaslat vagy panasz a polgármesteri hivatalhoz.",
            ),
            "en": (
                [
                    "Say briefly what happened, where and since when. A petition without a name and address is not "
                    "considered, but your details are not made public.",
                ],
                "Send the city hall a request, a proposal or a complaint.",
            ),
        },
    ),
    "sesizare": (
        ["problema-in-cartier"],
        {
            "ro": (
                [
                    "Un stâlp de iluminat stins, o groapă în carosabil sau un container nerevidat: adăugați o fotografie "
                    "și adresa exactă, ca echipa de intervenție să găsească locul.",
                ],
                "Semnalați o problemă din cartier: drumuri, iluminat, salubritate.",
            ),
            "hu": (
                [
                    "Kialudt közvilágítás, kátyú az úttesten vagy ki nem ürített konténer: csatoljon fényképet és "
                    "pontos címet, hogy a javítócsapat megtalálja a helyet.",
                ],
                "Jelezzen egy gondot a környéken: utak, közvilágítás, köztisztaság.",
            ),
            "en": (
                [
                    "A street light out, a pothole or a bin not emptied: add a photo and the exact address, so the "
                    "repair team can find the place.",
                ],
                "Report a problem in your area: roads, street lighting, waste.",
            ),
        },
    ),
    "informatii-de-interes-public": (
        ["informatii-publice"],
        {
            "ro": (
                [
                    "Multe informații sunt deja publicate: bugetul, contractele și hotărârile consiliului local. Dacă "
                    "nu le găsiți, cereți-le aici; răspunsul vine în 10 zile, sau în 30 pentru informații greu de "
                    "adunat.",
                ],
                "Cereți informații despre activitatea primăriei (Legea nr. 544/2001).",
            ),
            "hu": (
                [
                    "Sok adat már nyilvános: a költségvetés, a szerződések és a helyi tanács határozatai. Ha nem "
                    "találja, itt kérheti; a válasz 10 napon belül, nehezen összegyűjthető adatoknál 30 napon belül "
                    "érkezik.",
                ],
                "Kérjen közérdekű adatot a hivatal működéséről (544/2001-es törvény).",
            ),
            "en": (
                [
                    "Much is published already: the budget, contracts and the local council's decisions. If you "
                    "cannot find it, ask here; the answer comes within 10 days, or 30 for information that takes "
                    "longer to gather.",
                ],
                "Ask for information about the city hall's work (Law no. 544/2001).",
            ),
        },
    ),
}
