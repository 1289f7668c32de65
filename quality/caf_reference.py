"""The CAF 2020 reference model as plain data — criteria, sub-criteria, examples and scoring panels in ro, hu and en.

The Common Assessment Framework (EIPA, 2019/2020 edition) is the yardstick a self-assessment scores against. It is kept
here, without Django, so that a data migration loading `quality.CafModel` and the tests read the same text, and a later
edition can sit beside this one instead of overwriting it. The English sub-criterion titles are the guideline's; the
examples are a selection of its own (it has about ten per sub-criterion), verbatim or shortened. The Romanian and
Hungarian are translations in the terminology of the Romanian and Hungarian CAF materials, not copies of an official
translation. Every sub-criterion gives the same examples in the three languages and in the same order; an example holds
no line break, because the model stores them one per line.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

__all__ = [
    "CLASSICAL_ENABLERS",
    "CLASSICAL_RESULTS",
    "CRITERIA",
    "EDITION",
    "FINE_TUNED_LEVELS",
    "FINE_TUNED_PHASES",
    "LANGUAGES",
    "level_for",
    "subcriteria",
]

EDITION = "CAF 2020"
LANGUAGES = ("ro", "hu", "en")

# A criterion, sub-criterion, panel level or phase: plain dicts, so they read the same in a migration and a template.
Entry = dict[str, Any]

ENABLER = "enabler"
RESULT = "result"


def _text(ro: str, hu: str, en: str) -> dict[str, str]:
    return {"ro": ro, "hu": hu, "en": en}


def _subcriterion(code: str, title: tuple[str, str, str], *examples: tuple[str, str, str]) -> Entry:
    """Titles and examples are written as (ro, hu, en) triples so that the three languages of one example stay
    side by side in the source and cannot drift apart in number or order."""
    return {
        "code": code,
        "title": _text(*title),
        "examples": {language: [example[i] for example in examples] for i, language in enumerate(LANGUAGES)},
    }


def _criterion(number: int, kind: str, title: tuple[str, str, str], *subs: Entry) -> Entry:
    return {"number": number, "kind": kind, "title": _text(*title), "subcriteria": tuple(subs)}


CRITERIA: tuple[Entry, ...] = (
    _criterion(
        1,
        ENABLER,
        ("Leadership", "Vezetés", "Leadership"),
        _subcriterion(
            "1.1",
            (
                "Asigurarea unei direcții pentru organizație prin dezvoltarea misiunii, viziunii și valorilor acesteia",
                "Iránymutatás a szervezet számára küldetésének, jövőképének és értékeinek kialakításával",
                "Provide direction for the organisation by developing its mission, vision and values",
            ),
            (
                "Stabilirea unei direcții clare pentru organizație prin dezvoltarea misiunii, viziunii și valorilor, "
                "cu implicarea părților interesate relevante și a angajaților.",
                "Egyértelmű irány kijelölése a szervezet számára a küldetés, a jövőkép és az értékek kialakításával, "
                "az érintettek és a munkatársak bevonásával.",
                "Set a clear direction for the organisation by developing the mission, vision and values, involving "
                "relevant stakeholders and employees.",
            ),
            (
                "Asigurarea faptului că principiile și valorile europene ale sectorului public, precum integritatea, "
                "transparența, inovarea, responsabilitatea socială și incluziunea, sustenabilitatea, diversitatea și "
                "egalitatea de gen, sunt integrate în strategiile și activitățile organizației.",
                "Annak biztosítása, hogy az európai közszféra elvei és értékei – például az integritás, az "
                "átláthatóság, az innováció, a társadalmi felelősségvállalás és a befogadás, a fenntarthatóság, a "
                "sokféleség és a nemek közötti egyenlőség – a szervezet stratégiáinak és tevékenységeinek szerves "
                "részét képezzék.",
                "Ensure that European public sector principles and values such as integrity, transparency, "
                "innovation, social responsibility and inclusion, sustainability, diversity and gender aspects are in "
                "the mainstream of the organisation's strategies and activities.",
            ),
            (
                "Asigurarea alinierii misiunii, viziunii și valorilor la strategiile locale, naționale, internaționale "
                "și supranaționale, ținând seama de digitalizare, de reformele sectorului public și de agendele "
                "europene comune (de exemplu, obiectivele de dezvoltare durabilă, o mai bună reglementare).",
                "Annak biztosítása, hogy a küldetés, a jövőkép és az értékek összhangban legyenek a helyi, nemzeti, "
                "nemzetközi és nemzetek feletti stratégiákkal, figyelembe véve a digitalizációt, a közszféra "
                "reformjait és a közös európai programokat (pl. fenntartható fejlődési célok, jobb szabályozás).",
                "Ensure that mission, vision and values are in line with local, national, international and "
                "supranational strategies, taking into account digitalisation, public sector reforms and common "
                "European agendas (e.g. SDGs, better regulation).",
            ),
            (
                "Asigurarea comunicării largi și a dialogului privind misiunea, viziunea, valorile și obiectivele "
                "strategice și operaționale cu toți angajații organizației și cu celelalte părți interesate.",
                "A küldetés, a jövőkép, az értékek, valamint a stratégiai és operatív célok széles körű "
                "kommunikációjának és megvitatásának biztosítása a szervezet valamennyi munkatársa és a többi "
                "érintett felé.",
                "Ensure the wider communication and dialogue about the mission, vision, values, strategic and "
                "operational objectives to all employees in the organisation and to other stakeholders.",
            ),
            (
                "Asigurarea agilității organizaționale prin revizuirea periodică a misiunii, viziunii, valorilor și "
                "strategiilor, în funcție de schimbările din mediul extern (de exemplu, digitalizarea, schimbările "
                "climatice, evoluțiile demografice).",
                "A szervezeti agilitás biztosítása a küldetés, a jövőkép, az értékek és a stratégiák rendszeres "
                "felülvizsgálatával, a külső környezet változásainak figyelembevételével (pl. digitalizáció, "
                "éghajlatváltozás, demográfiai folyamatok).",
                "Ensure organisational agility by periodically reviewing the mission, vision, values and strategies, "
                "reflecting changes in the external environment (e.g. digitalisation, climate change, demographic "
                "developments).",
            ),
            (
                "Pregătirea organizației pentru provocările și schimbările transformării digitale (de exemplu, "
                "strategie de digitalizare, instruire, ghiduri privind protecția datelor, desemnarea unui responsabil "
                "cu protecția datelor).",
                "A szervezet felkészítése a digitális átalakulás kihívásaira és változásaira (pl. digitalizációs "
                "stratégia, képzés, adatvédelmi irányelvek, adatvédelmi tisztviselő kijelölése).",
                "Prepare the organisation for the challenges and changes of digital transformation (e.g. "
                "digitalisation strategy, training, guidelines for data protection, appointment of a data protection "
                "officer).",
            ),
        ),
        _subcriterion(
            "1.2",
            (
                "Managementul organizației, al performanței și al îmbunătățirii continue a acesteia",
                "A szervezet, a teljesítmény és a folyamatos fejlesztés irányítása",
                "Manage the organisation, its performance and its continuous improvement",
            ),
            (
                "Definirea unor structuri manageriale, procese, funcții, responsabilități și competențe adecvate, care "
                "să asigure agilitatea organizației.",
                "Megfelelő vezetési struktúrák, folyamatok, funkciók, felelősségi körök és hatáskörök meghatározása a "
                "szervezet agilitásának biztosítására.",
                "Define appropriate managerial structures, processes, functions, responsibilities and competencies "
                "ensuring the organisation's agility.",
            ),
            (
                "Orientarea îmbunătățirii sistemului de management și a performanței organizației în funcție de "
                "așteptările părților interesate și de nevoile diferențiate ale clienților.",
                "A szervezet irányítási rendszerének és teljesítményének fejlesztése az érintettek elvárásainak és "
                "az ügyfelek eltérő igényeinek megfelelően.",
                "Steer the improvement of the organisation's management system and performance in accordance with "
                "the expectations of stakeholders and customers' differentiated needs.",
            ),
            (
                "Definirea sistemului informațional de management, cu aportul sistemului de control intern și de "
                "management al riscurilor.",
                "A vezetői információs rendszer kialakítása a belső kontroll- és kockázatkezelési rendszer "
                "adatainak felhasználásával.",
                "Define the management information system with input from the internal control and risk management "
                "system.",
            ),
            (
                "Stabilirea țintelor și utilizarea unui set echilibrat de rezultate și efecte pentru a măsura și "
                "evalua performanța și impactul organizației, cu prioritate pentru nevoile diferențiate ale clienților "
                "și cetățenilor.",
                "Célértékek kitűzése, valamint az eredmények és hatások kiegyensúlyozott rendszerének alkalmazása a "
                "szervezet teljesítményének és hatásának mérésére és értékelésére, az ügyfelek és állampolgárok "
                "eltérő igényeit előtérbe helyezve.",
                "Set targets and use a balanced set of results and outcomes to measure and evaluate the performance "
                "and impact of the organisation, prioritising customers' and citizens' differentiated needs.",
            ),
            (
                "Asigurarea unei bune comunicări interne și externe în întreaga organizație și utilizarea unor "
                "mijloace noi de comunicare, inclusiv a rețelelor sociale.",
                "A jó belső és külső kommunikáció biztosítása az egész szervezetben, új kommunikációs eszközök – "
                "köztük a közösségi média – használatával.",
                "Ensure good internal and external communication in the whole organisation and use new means of "
                "communication, including social media.",
            ),
        ),
        _subcriterion(
            "1.3",
            (
                "Inspirarea, motivarea și sprijinirea personalului organizației și acționarea ca model",
                "A munkatársak inspirálása, motiválása és támogatása, példamutatás",
                "Inspire, motivate and support people in the organisation and act as a role model",
            ),
            (
                "Inspirarea printr-o cultură a leadershipului orientată spre inovare, bazată pe încredere reciprocă "
                "și deschidere.",
                "Ösztönzés az innovációra épülő, kölcsönös bizalmon és nyitottságon alapuló vezetési kultúrával.",
                "Inspire through an innovation-driven leadership culture based on mutual trust and openness.",
            ),
            (
                "Conducerea prin puterea exemplului, acționând personal în conformitate cu obiectivele și valorile "
                "stabilite (de exemplu, integritate, respect, participare, inovare, asumarea răspunderii, agilitate).",
                "Példamutatás: a vezetők személyesen is a kitűzött céloknak és értékeknek megfelelően járnak el "
                "(pl. integritás, tisztelet, részvétel, innováció, elszámoltathatóság, agilitás).",
                "Lead by example, thus personally acting in accordance with established objectives and values (e.g. "
                "integrity, respectfulness, participation, innovation, accountability, agility).",
            ),
            (
                "Promovarea unei culturi a încrederii reciproce între conducători și angajați, cu măsuri proactive "
                "împotriva oricărei forme de discriminare, încurajarea egalității de șanse și luarea în considerare a "
                "nevoilor individuale și a situației personale a angajaților.",
                "A vezetők és a munkatársak közötti kölcsönös bizalom kultúrájának előmozdítása a megkülönböztetés "
                "minden formája elleni proaktív intézkedésekkel, az esélyegyenlőség ösztönzésével, valamint a "
                "munkatársak egyéni igényeinek és személyes körülményeinek figyelembevételével.",
                "Promote a culture of mutual trust between leaders and employees with proactive measures to counter "
                "any kind of discrimination, encouraging equal opportunities and addressing individual needs and "
                "personal circumstances of employees.",
            ),
            (
                "Informarea și consultarea periodică a angajaților cu privire la aspectele-cheie legate de "
                "organizație.",
                "A munkatársak rendszeres tájékoztatása és véleményük kikérése a szervezetet érintő kulcskérdésekben.",
                "Inform and consult employees regularly on key issues related to the organisation.",
            ),
            (
                "Responsabilizarea și sprijinirea angajaților, oferindu-le feedback în timp util pentru a-și îmbunătăți "
                "performanța.",
                "A munkatársak felhatalmazása és támogatása, számukra időben adott visszajelzéssel teljesítményük "
                "javítása érdekében.",
                "Empower and support employees, providing them with timely feedback in order to improve their "
                "performance.",
            ),
        ),
        _subcriterion(
            "1.4",
            (
                "Gestionarea unor relații eficace cu autoritățile politice și cu alte părți interesate",
                "Eredményes kapcsolattartás a politikai döntéshozókkal és más érintettekkel",
                "Manage effective relations with political authorities and other stakeholders",
            ),
            (
                "Analizarea și monitorizarea nevoilor și așteptărilor părților interesate, inclusiv ale autorităților "
                "politice relevante.",
                "Az érintettek – köztük az illetékes politikai döntéshozók – igényeinek és elvárásainak elemzése és "
                "nyomon követése.",
                "Analyse and monitor the stakeholders' needs and expectations, including relevant political "
                "authorities.",
            ),
            (
                "Sprijinirea autorităților politice relevante în definirea politicilor publice care privesc "
                "organizația.",
                "Az illetékes politikai döntéshozók támogatása a szervezetet érintő közpolitikák kialakításában.",
                "Assist the relevant political authorities in defining the public policies related to the "
                "organisation.",
            ),
            (
                "Alinierea performanței organizației la politicile publice și la deciziile politice.",
                "A szervezet teljesítményének összehangolása a közpolitikákkal és a politikai döntésekkel.",
                "Align the organisation's performance to public policies and political decisions.",
            ),
            (
                "Menținerea unor relații proactive cu autoritățile politice din domeniile executiv și legislativ "
                "relevante.",
                "Proaktív kapcsolattartás a megfelelő végrehajtó és jogalkotó területek politikai döntéshozóival.",
                "Maintain proactive relations with the political authorities from the appropriate executive and "
                "legislative areas.",
            ),
            (
                "Gestionarea parteneriatelor cu părțile interesate importante (cetățeni, organizații neguvernamentale, "
                "grupuri de interese și asociații profesionale, mediul de afaceri, alte autorități publice).",
                "Partnerkapcsolatok kezelése a fontos érintettekkel (állampolgárok, nem kormányzati szervezetek, "
                "érdekképviseletek és szakmai szövetségek, gazdasági szereplők, más közigazgatási szervek).",
                "Manage partnerships with important stakeholders (citizens, non-governmental organisations, interest "
                "groups and professional associations, industry, other public authorities).",
            ),
            (
                "Creșterea vizibilității publice, a reputației și a recunoașterii organizației și dezvoltarea unui "
                "concept de marketing axat pe nevoile părților interesate.",
                "A szervezet ismertségének, hírnevének és elismertségének növelése, az érintettek igényeire "
                "összpontosító marketingkoncepció kialakítása.",
                "Raise public awareness, reputation and recognition of the organisation, and develop a concept of "
                "marketing focused on stakeholders' needs.",
            ),
        ),
    ),
    _criterion(
        2,
        ENABLER,
        ("Strategie și planificare", "Stratégia és tervezés", "Strategy and planning"),
        _subcriterion(
            "2.1",
            (
                "Identificarea nevoilor și așteptărilor părților interesate, a mediului extern și a informațiilor "
                "de management relevante",
                "Az érintettek igényeinek és elvárásainak, a külső környezetnek és a releváns vezetői "
                "információknak a feltárása",
                "Identify the needs and expectations of the stakeholders, the external environment and the relevant "
                "management information",
            ),
            (
                "Observarea și analizarea periodică a mediului extern, inclusiv a schimbărilor legislative, politice "
                "și demografice și a digitalizării, precum și a factorilor globali, cum ar fi schimbările climatice, "
                "ca date de intrare pentru strategii și planuri.",
                "A külső környezet – köztük a jogi, politikai és demográfiai változások és a digitalizáció, valamint "
                "az olyan globális tényezők, mint az éghajlatváltozás – rendszeres megfigyelése és elemzése a "
                "stratégiák és tervek megalapozásához.",
                "Observe and analyse the external environment regularly, including legal, political, demographic "
                "change and digitalisation, as well as global factors like climate change, as inputs for strategies "
                "and plans.",
            ),
            (
                "Identificarea tuturor părților interesate relevante și analizarea informațiilor privind nevoile, "
                "așteptările și satisfacția lor actuale și viitoare.",
                "Az összes érintett azonosítása, valamint jelenlegi és jövőbeli igényeikre, elvárásaikra és "
                "elégedettségükre vonatkozó információk elemzése.",
                "Identify all relevant stakeholders and analyse information about their current and future needs, "
                "expectations and satisfaction.",
            ),
            (
                "Analizarea reformelor sectorului public, la nivel național și european, pentru a defini și revizui "
                "strategii eficace.",
                "A közszféra nemzeti és európai szintű reformjainak elemzése hatékony stratégiák kialakításához és "
                "felülvizsgálatához.",
                "Analyse public sector reforms, at national and European level, to define and review effective "
                "strategies.",
            ),
            (
                "Analizarea performanței și capacității organizației, cu accent pe punctele tari și punctele slabe "
                "interne, pe oportunități și amenințări/riscuri (de exemplu, analiza SWOT, managementul riscurilor).",
                "A szervezet teljesítményének és képességeinek elemzése, a belső erősségekre és gyengeségekre, a "
                "lehetőségekre és a veszélyekre/kockázatokra összpontosítva (pl. SWOT-elemzés, kockázatkezelés).",
                "Analyse the performance and capability of the organisation, focusing on internal strengths, "
                "weaknesses, opportunities and threats/risks (e.g. SWOT analysis, risk management).",
            ),
        ),
        _subcriterion(
            "2.2",
            (
                "Dezvoltarea strategiilor și planurilor pe baza informațiilor colectate",
                "Stratégiák és tervek kidolgozása az összegyűjtött információk alapján",
                "Develop strategies and plans based on gathered information",
            ),
            (
                "Elaborarea strategiei prin definirea priorităților și obiectivelor pe termen lung și scurt, în "
                "concordanță cu viziunea și cu strategiile naționale și europene.",
                "A stratégia kidolgozása hosszú és rövid távú prioritások és célok meghatározásával, a jövőképpel, "
                "valamint a nemzeti és európai stratégiákkal összhangban.",
                "Develop the strategy by defining long- and short-term priorities and goals in line with the vision "
                "and the national and European strategies.",
            ),
            (
                "Implicarea părților interesate și utilizarea informațiilor privind nevoile și opiniile lor "
                "diferențiate la elaborarea strategiilor și planurilor.",
                "Az érintettek bevonása, valamint eltérő igényeikre és véleményükre vonatkozó információk "
                "felhasználása a stratégiák és tervek kidolgozásában.",
                "Involve stakeholders and use information about their differentiated needs and views to develop "
                "strategies and plans.",
            ),
            (
                "Integrarea aspectelor legate de sustenabilitate, responsabilitate socială, diversitate și integrarea "
                "perspectivei de gen în strategiile și planurile organizației.",
                "A fenntarthatóság, a társadalmi felelősségvállalás, a sokféleség és a nemek közötti esélyegyenlőség "
                "szempontjainak beépítése a szervezet stratégiáiba és terveibe.",
                "Integrate aspects of sustainability, social responsibility, diversity and gender mainstreaming in "
                "the strategies and plans of the organisation.",
            ),
            (
                "Elaborarea planurilor prin definirea priorităților, obiectivelor, rezultatelor directe (produsele și "
                "serviciile furnizate) și efectelor, în concordanță cu misiunea și cu reforma sectorului public.",
                "Tervek kidolgozása a prioritások, a célok, a kimenetek (a nyújtott termékek és szolgáltatások) és a "
                "hatások meghatározásával, a küldetéssel és a közszféra reformjával összhangban.",
                "Develop plans by defining priorities, objectives and outputs (the products and services provided) "
                "and outcomes in line with the mission and public sector reform.",
            ),
            (
                "Asigurarea disponibilității resurselor pentru implementarea eficace a planului.",
                "A terv eredményes megvalósításához szükséges erőforrások rendelkezésre állásának biztosítása.",
                "Ensure the availability of resources for an effective implementation of the plan.",
            ),
        ),
        _subcriterion(
            "2.3",
            (
                "Comunicarea, implementarea și revizuirea strategiilor și planurilor",
                "A stratégiák és tervek kommunikálása, megvalósítása és felülvizsgálata",
                "Communicate, implement and review strategies and plans",
            ),
            (
                "Transpunerea strategiilor organizației în planuri, sarcini și ținte relevante pentru compartimente "
                "și pentru fiecare angajat.",
                "A szervezet stratégiáinak lebontása a szervezeti egységekre és az egyes munkatársakra vonatkozó "
                "tervekre, feladatokra és célértékekre.",
                "Translate the strategies of the organisation into relevant plans, tasks and targets for units and "
                "individuals.",
            ),
            (
                "Elaborarea de planuri și programe cu ținte și rezultate pentru fiecare structură organizatorică, cu "
                "indicatori pentru rezultatele așteptate.",
                "Tervek és programok kidolgozása minden szervezeti egység számára célértékekkel és eredményekkel, a "
                "várt eredményekhez rendelt mutatókkal.",
                "Develop plans and programmes with targets and results for each organisational unit with indicators "
                "for the expected results.",
            ),
            (
                "Comunicarea strategiilor, a planurilor de performanță și a rezultatelor urmărite/obținute ale "
                "organizației, atât pe plan intern, cât și către toate părțile interesate relevante.",
                "A szervezet stratégiáinak, teljesítményterveinek, valamint tervezett és elért eredményeinek "
                "kommunikálása a szervezeten belül és valamennyi érintett felé.",
                "Communicate strategies, performance plans and intended/achieved results of the organisation "
                "internally and to all relevant stakeholders.",
            ),
            (
                "Monitorizarea și evaluarea la intervale regulate a performanței organizației, la toate nivelurile "
                "(direcții, funcții, organigramă), pentru a controla eficiența, eficacitatea și gradul de "
                "implementare a strategiilor.",
                "A szervezet teljesítményének rendszeres nyomon követése és értékelése minden szinten (egységek, "
                "funkciók, szervezeti felépítés) a hatékonyság, az eredményesség és a stratégiák megvalósítási "
                "szintjének ellenőrzésére.",
                "Monitor and evaluate the performance of the organisation at regular intervals at all levels "
                "(departments, functions, organisational chart) to control efficiency, effectiveness and the "
                "strategies' implementation levels.",
            ),
        ),
        _subcriterion(
            "2.4",
            (
                "Gestionarea schimbării și inovării pentru a asigura agilitatea și reziliența organizației",
                "A változás és az innováció menedzselése a szervezet agilitásának és ellenálló képességének "
                "biztosítására",
                "Manage change and innovation to ensure the agility and resilience of the organisation",
            ),
            (
                "Identificarea nevoilor și a factorilor care impun inovarea, ținând seama de oportunitățile și "
                "presiunile transformării digitale.",
                "Az innováció szükségleteinek és mozgatórugóinak azonosítása a digitális átalakulás lehetőségeinek "
                "és kényszereinek figyelembevételével.",
                "Identify needs and drivers for innovation considering the opportunities and pressure of digital "
                "transformation.",
            ),
            (
                "Comunicarea politicii de inovare a organizației și a rezultatelor acesteia către toate părțile "
                "interesate relevante.",
                "A szervezet innovációs politikájának és eredményeinek kommunikálása valamennyi érintett felé.",
                "Communicate the organisation's innovation policy and results to all relevant stakeholders.",
            ),
            (
                "Construirea unei culturi orientate spre inovare și crearea de spațiu și oportunități pentru "
                "dezvoltarea transversală, la nivelul întregii organizații.",
                "Innovációvezérelt kultúra kiépítése, valamint tér és lehetőség teremtése a szervezeti egységeken "
                "átívelő fejlesztéshez.",
                "Build an innovation-driven culture and create scope and space for cross-organisational development.",
            ),
            (
                "Gestionarea eficace a schimbării, cu informarea și implicarea din timp a angajaților și a părților "
                "interesate.",
                "A változások eredményes menedzselése, a munkatársak és az érintettek korai tájékoztatásával és "
                "bevonásával.",
                "Manage change effectively and inform and involve employees and stakeholders at an early stage.",
            ),
            (
                "Implementarea unor sisteme de generare a ideilor creative și încurajarea propunerilor inovatoare ale "
                "angajaților și părților interesate de la toate nivelurile, sprijinind explorarea și testarea lor.",
                "Kreatív ötletek gyűjtésére szolgáló rendszerek működtetése, a munkatársak és az érintettek innovatív "
                "javaslatainak ösztönzése minden szinten, a kísérletezés és a kipróbálás támogatásával.",
                "Implement systems for generating creative ideas and encourage innovative proposals from employees "
                "and stakeholders at all levels, supporting exploration and testing.",
            ),
        ),
    ),
    _criterion(
        3,
        ENABLER,
        ("Oameni", "Emberi erőforrások", "People"),
        _subcriterion(
            "3.1",
            (
                "Gestionarea și îmbunătățirea resurselor umane pentru a sprijini strategia organizației",
                "Az emberi erőforrások irányítása és fejlesztése a szervezet stratégiájának támogatására",
                "Manage and improve human resources to support the strategy of the organisation",
            ),
            (
                "Analizarea nevoilor actuale și viitoare de resurse umane în concordanță cu strategia organizației.",
                "A jelenlegi és jövőbeli emberierőforrás-szükségletek elemzése a szervezet stratégiájával "
                "összhangban.",
                "Analyse current and future human resource needs in line with the strategy of the organisation.",
            ),
            (
                "Elaborarea și implementarea unei politici de resurse umane transparente, bazate pe criterii obiective "
                "de recrutare, promovare, remunerare, dezvoltare, delegare, responsabilități, recompense și atribuire "
                "a funcțiilor de conducere.",
                "Átlátható HR-politika kidolgozása és alkalmazása objektív kritériumok alapján a toborzás, az "
                "előléptetés, a javadalmazás, a fejlesztés, a delegálás, a felelősségi körök, a jutalmazás és a "
                "vezetői megbízások tekintetében.",
                "Develop and implement a transparent HR policy based on objective criteria for recruitment, "
                "promotion, remuneration, development, delegation, responsibilities, rewards and the assignment of "
                "managerial functions.",
            ),
            (
                "Aplicarea în politica de resurse umane a principiilor echității, neutralității politice, meritului, "
                "egalității de șanse, diversității, responsabilității sociale și echilibrului dintre viața "
                "profesională și cea privată.",
                "A méltányosság, a politikai semlegesség, az érdemeken alapuló előmenetel, az esélyegyenlőség, a "
                "sokféleség, a társadalmi felelősségvállalás, valamint a munka és a magánélet egyensúlya elveinek "
                "érvényesítése a HR-politikában.",
                "Implement the principles of fairness, political neutrality, merit, equal opportunities, diversity, "
                "social responsibility and work–life balance in the HR policy.",
            ),
            (
                "Asigurarea competențelor și capacităților necesare pentru realizarea misiunii, viziunii și "
                "valorilor, cu accent pe abilitățile sociale, pe o mentalitate agilă și pe competențele digitale și "
                "de inovare.",
                "A küldetés, a jövőkép és az értékek megvalósításához szükséges kompetenciák és képességek "
                "biztosítása, különös tekintettel a szociális készségekre, az agilis gondolkodásmódra, valamint a "
                "digitális és innovációs készségekre.",
                "Ensure the necessary competences and capabilities to achieve the mission, vision and values, "
                "focusing especially on social skills, agile mindset and digital and innovation skills.",
            ),
        ),
        _subcriterion(
            "3.2",
            (
                "Dezvoltarea și gestionarea competențelor personalului",
                "A munkatársak kompetenciáinak fejlesztése és menedzselése",
                "Develop and manage competencies of people",
            ),
            (
                "Implementarea unei strategii/unui plan de dezvoltare a resurselor umane, pe baza cerințelor actuale "
                "și viitoare identificate privind competențele, abilitățile și performanța personalului.",
                "Humánerőforrás-fejlesztési stratégia/terv megvalósítása a munkatársakkal szemben támasztott "
                "jelenlegi és jövőbeli kompetencia-, készség- és teljesítménykövetelmények alapján.",
                "Implement a human resource development strategy/plan based on identified current and future "
                "competence, skills and performance requirements of people.",
            ),
            (
                "Facilitarea unor forme noi și inovatoare de învățare pentru dezvoltarea competențelor (design "
                "thinking, lucru în echipă, laboratoare, experimente, e-learning, învățare la locul de muncă).",
                "Új és innovatív tanulási formák lehetővé tétele a kompetenciák fejlesztésére (dizájngondolkodás, "
                "csapatmunka, laborok, kísérletek, e-tanulás, munkahelyi tanulás).",
                "Enable new and innovative forms of learning to develop competencies (design thinking, teamwork, "
                "labs, experiments, e-learning, on-the-job learning).",
            ),
            (
                "Stabilirea unor planuri individuale de dezvoltare a competențelor, ca parte a interviului periodic "
                "de evaluare a performanței, care oferă un cadru pentru feedback reciproc și armonizarea "
                "așteptărilor.",
                "Egyéni kompetenciafejlesztési tervek kialakítása a rendszeres teljesítményértékelő (munkatársfejlesztő) "
                "beszélgetés részeként, amely a kölcsönös visszajelzés és az elvárások összehangolásának fóruma.",
                "Establish individual competence development plans as part of the regular performance interview "
                "(employee development interview), which provides a forum for mutual feedback and matching "
                "expectations.",
            ),
            (
                "Crearea unor programe și cursuri specifice pentru dezvoltarea abilităților de conducere, inclusiv "
                "privind instrumentele de management public.",
                "Vezetőfejlesztési programok és képzések kialakítása, beleértve a közmenedzsment eszközeit is.",
                "Create specific programmes and training for leadership development including public management "
                "instruments.",
            ),
            (
                "Îndrumarea noilor angajați prin mentorat, coaching și consiliere individuală.",
                "Az új munkatársak betanítása mentorálással, coachinggal és egyéni tanácsadással.",
                "Guide new people by means of mentoring, coaching and individual counselling.",
            ),
        ),
        _subcriterion(
            "3.3",
            (
                "Implicarea și responsabilizarea personalului și sprijinirea bunăstării acestuia",
                "A munkatársak bevonása, felhatalmazása és jóllétük támogatása",
                "Involve and empower the people and support their well-being",
            ),
            (
                "Promovarea unei culturi a comunicării deschise și a dialogului și încurajarea lucrului în echipă.",
                "A nyílt kommunikáció és párbeszéd kultúrájának előmozdítása, a csapatmunka ösztönzése.",
                "Promote a culture of open communication and dialogue, and encourage teamwork.",
            ),
            (
                "Implicarea angajaților și a reprezentanților acestora (de exemplu, sindicatele) în elaborarea "
                "planurilor, strategiilor și obiectivelor, în proiectarea proceselor și în activitățile de "
                "îmbunătățire și inovare.",
                "A munkatársak és képviselőik (pl. szakszervezetek) bevonása a tervek, stratégiák és célok "
                "kidolgozásába, a folyamatok tervezésébe, valamint a fejlesztési és innovációs tevékenységekbe.",
                "Involve employees and their representatives (e.g. trade unions) in the development of plans, "
                "strategies, goals, the design of processes, and in improvement and innovation activities.",
            ),
            (
                "Dezvoltarea unor sisteme de colectare a ideilor și sugestiilor angajaților.",
                "Rendszerek kialakítása a munkatársak ötleteinek és javaslatainak összegyűjtésére.",
                "Develop systems for gathering ideas and suggestions from employees.",
            ),
            (
                "Realizarea periodică de sondaje în rândul personalului, publicarea rezultatelor și oferirea de "
                "feedback privind rezultatele, analiza lor și acțiunile de îmbunătățire care decurg din ele.",
                "Rendszeres munkatársi felmérések végzése, az eredmények, azok elemzése és az ezekből levezetett "
                "fejlesztési intézkedések közzététele és visszacsatolása.",
                "Regularly conduct staff surveys, publish and give feedback on the results, their analysis and on "
                "the derived improvement actions.",
            ),
            (
                "Asigurarea unor condiții bune de mediu la locul de muncă în întreaga organizație, inclusiv prin "
                "respectarea tuturor cerințelor de sănătate și securitate în muncă.",
                "Megfelelő munkakörnyezeti feltételek biztosítása az egész szervezetben, az összes munkahelyi "
                "egészségvédelmi és biztonsági követelmény figyelembevételével.",
                "Ensure good environmental working conditions throughout the organisation, including taking into "
                "account all health and safety requirements.",
            ),
            (
                "Asigurarea unor condiții favorabile unui echilibru rezonabil între viața profesională și cea privată "
                "a angajaților (de exemplu, adaptarea programului de lucru, munca cu timp parțial, concediul de "
                "maternitate sau paternitate).",
                "A munka és a magánélet észszerű egyensúlyát elősegítő feltételek biztosítása a munkatársak "
                "számára (pl. a munkaidő igazítása, részmunkaidő, szülési vagy apasági szabadság).",
                "Ensure that conditions are conducive to achieving a reasonable work–life balance for employees (e.g. "
                "the possibility to adapt working hours, part-time work, maternity or paternity leave).",
            ),
        ),
    ),
    _criterion(
        4,
        ENABLER,
        ("Parteneriate și resurse", "Partnerkapcsolatok és erőforrások", "Partnerships and resources"),
        _subcriterion(
            "4.1",
            (
                "Dezvoltarea și gestionarea parteneriatelor cu organizațiile relevante",
                "Partnerkapcsolatok kialakítása és kezelése az érintett szervezetekkel",
                "Develop and manage partnerships with relevant organisations",
            ),
            (
                "Identificarea partenerilor-cheie din sectorul privat, din sectorul public și din societatea civilă, "
                "pentru a construi relații durabile bazate pe încredere, dialog și deschidere.",
                "A magán- és a közszféra, valamint a civil társadalom kulcsfontosságú partnereinek azonosítása "
                "bizalmon, párbeszéden és nyitottságon alapuló, tartós kapcsolatok kiépítése érdekében.",
                "Identify key partners from the private and public sector and civil society to build sustainable "
                "relationships based on trust, dialogue and openness.",
            ),
            (
                "Gestionarea acordurilor de parteneriat, ținând seama de potențialul diferiților parteneri de a "
                "obține beneficii reciproce și de a se sprijini reciproc cu expertiză, resurse și cunoștințe.",
                "Partnerségi megállapodások kezelése, figyelembe véve a partnerekben rejlő lehetőséget a kölcsönös "
                "előnyökre, valamint arra, hogy szakértelemmel, erőforrásokkal és tudással támogassák egymást.",
                "Manage partnership agreements taking into account the potential of different partners to achieve "
                "mutual benefit and to support one another with expertise, resources and knowledge.",
            ),
            (
                "Definirea rolului și responsabilităților fiecărui partener, inclusiv a controalelor, evaluărilor și "
                "revizuirilor; monitorizarea sistematică a rezultatelor și a impactului parteneriatelor.",
                "Az egyes partnerek szerepének és felelősségi körének meghatározása, beleértve az ellenőrzéseket, "
                "értékeléseket és felülvizsgálatokat; a partnerségek eredményeinek és hatásainak rendszeres nyomon "
                "követése.",
                "Define each partner's role and responsibilities, including controls, evaluations and reviews; "
                "monitor results and impacts of the partnerships systematically.",
            ),
            (
                "Garantarea principiilor și valorilor organizației prin selectarea, în cadrul achizițiilor publice, a "
                "unor furnizori cu un profil responsabil din punct de vedere social.",
                "A szervezet elveinek és értékeinek érvényesítése a közbeszerzések során társadalmilag felelős "
                "beszállítók kiválasztásával.",
                "Secure the organisation's principles and values by selecting providers with a socially responsible "
                "profile in the context of public procurement.",
            ),
        ),
        _subcriterion(
            "4.2",
            (
                "Colaborarea cu cetățenii și cu organizațiile societății civile",
                "Együttműködés az állampolgárokkal és a civil szervezetekkel",
                "Collaborate with citizens and civil society organisations",
            ),
            (
                "Asigurarea transparenței printr-o politică de informare proactivă, inclusiv prin publicarea datelor "
                "deschise ale organizației.",
                "Az átláthatóság biztosítása proaktív tájékoztatási politikával, a szervezet nyílt adatainak "
                "közzétételével is.",
                "Ensure transparency by a proactive information policy, also providing open data of the organisation.",
            ),
            (
                "Încurajarea activă a participării cetățenilor și a colaborării cu aceștia: co-proiectare și "
                "co-decizie (grupuri consultative, sondaje, sondaje de opinie, cercuri de calitate), co-producție "
                "(preluarea unor roluri în furnizarea serviciilor) și co-evaluare.",
                "Az állampolgárok részvételének és a velük való együttműködésnek az aktív ösztönzése: közös tervezés "
                "és közös döntéshozatal (konzultációs csoportok, felmérések, közvélemény-kutatások, minőségkörök), "
                "közös szolgáltatás-előállítás (szerepvállalás a szolgáltatásnyújtásban) és közös értékelés.",
                "Actively encourage participation and collaboration with citizens: co-design and co-decision (via "
                "consultation groups, surveys, opinion polls and quality circles), co-production (taking over roles "
                "in service delivery) and co-evaluation.",
            ),
            (
                "Solicitarea activă a ideilor, sugestiilor și reclamațiilor cetățenilor/clienților și colectarea lor "
                "prin mijloace adecvate (de exemplu, sondaje, grupuri consultative, chestionare, cutii pentru "
                "reclamații, sondaje de opinie).",
                "Az állampolgárok/ügyfelek ötleteinek, javaslatainak és panaszainak aktív felkutatása és "
                "összegyűjtése megfelelő eszközökkel (pl. felmérések, konzultációs csoportok, kérdőívek, "
                "panaszládák, közvélemény-kutatások).",
                "Actively seek ideas, suggestions and complaints of citizens/customers, collecting them by "
                "appropriate means (e.g. surveys, consultation groups, questionnaires, complaints boxes, opinion "
                "polls).",
            ),
        ),
        _subcriterion(
            "4.3",
            ("Gestionarea finanțelor", "Pénzügyi gazdálkodás", "Manage finances"),
            (
                "Asigurarea rezilienței financiare prin planificare bugetară pe termen lung, analiza riscurilor "
                "deciziilor financiare și un buget echilibrat.",
                "A pénzügyi ellenálló képesség biztosítása hosszú távú költségvetési tervezéssel, a pénzügyi döntések "
                "kockázatelemzésével és kiegyensúlyozott költségvetéssel.",
                "Ensure financial resilience through long-term budget planning, risk analysis of financial decisions "
                "and a balanced budget.",
            ),
            (
                "Implementarea bugetării bazate pe performanță (integrarea datelor de performanță în documentele "
                "bugetare).",
                "Teljesítményalapú költségvetés-tervezés bevezetése (teljesítményadatok beépítése a költségvetési "
                "dokumentumokba).",
                "Implement performance budgeting (integrate performance data in budget documents).",
            ),
            (
                "Utilizarea unor sisteme eficace de contabilitate a costurilor, de control financiar și de evaluare "
                "(de exemplu, analize ale cheltuielilor).",
                "Hatékony költségszámítási, kontrolling- és értékelési rendszerek alkalmazása (pl. kiadási "
                "felülvizsgálatok).",
                "Use effective financial cost accounting and controlling, and evaluation systems (e.g. spending "
                "reviews).",
            ),
            (
                "Delegarea și descentralizarea responsabilităților financiare, echilibrate cu un control central.",
                "A pénzügyi felelősségi körök delegálása és decentralizálása, a központi kontrollinggal egyensúlyban.",
                "Delegate and decentralise financial responsibilities and balance them with central controlling.",
            ),
            (
                "Asigurarea transparenței bugetare și financiare și publicarea informațiilor bugetare într-o formă "
                "ușor de înțeles.",
                "A költségvetési és pénzügyi átláthatóság biztosítása, a költségvetési információk könnyen érthető "
                "formában való közzététele.",
                "Ensure budgetary and financial transparency and publish the budget information in an easily "
                "understood way.",
            ),
        ),
        _subcriterion(
            "4.4",
            (
                "Gestionarea informațiilor și a cunoștințelor",
                "Az információ és a tudás menedzselése",
                "Manage information and knowledge",
            ),
            (
                "Crearea unei organizații care învață, cu sisteme și procese de gestionare, stocare și evaluare a "
                "informațiilor și cunoștințelor, pentru a proteja reziliența și flexibilitatea organizației.",
                "Tanuló szervezet kialakítása az információ és a tudás kezelésére, tárolására és értékelésére "
                "szolgáló rendszerekkel és folyamatokkal, a szervezet ellenálló képességének és rugalmasságának "
                "megőrzése érdekében.",
                "Create a learning organisation providing systems and processes for managing, storing and assessing "
                "information and knowledge to safeguard the resilience and flexibility of the organisation.",
            ),
            (
                "Monitorizarea informațiilor și cunoștințelor organizației, asigurând relevanța, corectitudinea, "
                "fiabilitatea și securitatea acestora.",
                "A szervezet információinak és tudásának nyomon követése, relevanciájuk, helyességük, "
                "megbízhatóságuk és biztonságuk biztosítása.",
                "Monitor the organisation's information and knowledge, ensuring its relevance, correctness, "
                "reliability and security.",
            ),
            (
                "Dezvoltarea unor canale interne prin care toți angajații să aibă acces la informațiile și "
                "cunoștințele relevante.",
                "Belső csatornák kialakítása annak biztosítására, hogy minden munkatárs hozzáférjen a releváns "
                "információkhoz és tudáshoz.",
                "Develop internal channels to ensure that all employees have access to the relevant information and "
                "knowledge.",
            ),
            (
                "Promovarea transferului de cunoștințe între angajații organizației.",
                "A tudásátadás előmozdítása a szervezet munkatársai között.",
                "Promote knowledge transfer between people in the organisation.",
            ),
            (
                "Asigurarea păstrării în organizație a cunoștințelor-cheie (explicite și implicite) ale angajaților "
                "care pleacă.",
                "Annak biztosítása, hogy a távozó munkatársak kulcsfontosságú (explicit és implicit) tudása a "
                "szervezetben maradjon.",
                "Ensure that key (explicit and implicit) knowledge of employees who are leaving is retained within "
                "the organisation.",
            ),
        ),
        _subcriterion(
            "4.5",
            ("Gestionarea tehnologiei", "A technológia menedzselése", "Manage technology"),
            (
                "Proiectarea managementului tehnologiei în conformitate cu obiectivele strategice și operaționale și "
                "monitorizarea sistematică a efectelor, a raportului cost-eficacitate și a impactului acesteia.",
                "A technológiamenedzsment kialakítása a stratégiai és operatív célokkal összhangban, hatásának, "
                "költséghatékonyságának és következményeinek rendszeres nyomon követése.",
                "Design technology management in accordance with the strategic and operational objectives, and "
                "monitor its effect, cost-effectiveness and impact systematically.",
            ),
            (
                "Identificarea și utilizarea noilor tehnologii relevante pentru organizație (big data, automatizare, "
                "robotică, inteligență artificială, analiza datelor etc.), cu implementarea datelor deschise și a "
                "aplicațiilor open-source ori de câte ori este cazul.",
                "A szervezet számára releváns új technológiák (big data, automatizálás, robotika, mesterséges "
                "intelligencia, adatelemzés stb.) azonosítása és alkalmazása, ahol indokolt, nyílt adatok és nyílt "
                "forráskódú alkalmazások használatával.",
                "Identify and use new technologies (big data, automation, robotics, artificial intelligence, data "
                "analytics, etc.) relevant for the organisation, implementing open data and open source applications "
                "whenever appropriate.",
            ),
            (
                "Stabilirea modului în care tehnologia informației și comunicațiilor poate îmbunătăți serviciile "
                "interne și externe și furnizarea inteligentă de servicii online, pentru a răspunde nevoilor și "
                "așteptărilor părților interesate.",
                "Annak meghatározása, hogyan javíthatja az infokommunikációs technológia a belső és külső "
                "szolgáltatásokat, és hogyan nyújthatók intelligens módon online szolgáltatások az érintettek "
                "igényeinek és elvárásainak megfelelően.",
                "Define how ICT can improve internal and external services and provide online services in an "
                "intelligent way to meet stakeholders' needs and expectations.",
            ),
            (
                "Luarea de măsuri pentru o protecție eficace a datelor și pentru securitate cibernetică, cu "
                "aplicarea Regulamentului general privind protecția datelor.",
                "Intézkedések a hatékony adatvédelem és a kiberbiztonság érdekében, az általános adatvédelmi rendelet "
                "(GDPR) végrehajtásával.",
                "Take actions to provide effective data protection and cyber security implementing the General Data "
                "Protection Regulation.",
            ),
            (
                "Luarea în considerare a impactului socio-economic și de mediu al tehnologiei informației și "
                "comunicațiilor (de exemplu, gestionarea deșeurilor de cartușe, accesibilitatea redusă pentru "
                "utilizatorii care nu folosesc mijloace electronice).",
                "Az infokommunikációs technológia társadalmi-gazdasági és környezeti hatásainak figyelembevétele "
                "(pl. a nyomtatópatronok hulladékkezelése, az elektronikus eszközöket nem használók korlátozottabb "
                "hozzáférése).",
                "Take into account the socio-economic and environmental impact of ICT (e.g. waste management of "
                "cartridges, reduced accessibility by non-electronic users).",
            ),
        ),
        _subcriterion(
            "4.6",
            ("Gestionarea facilităților", "Létesítménygazdálkodás", "Manage facilities"),
            (
                "Asigurarea furnizării și întreținerii eficace, eficiente și sustenabile a tuturor facilităților "
                "(clădiri, birouri, alimentare cu energie, echipamente, mijloace de transport și materiale).",
                "Valamennyi létesítmény (épületek, irodák, energiaellátás, berendezések, járművek és anyagok) "
                "eredményes, hatékony és fenntartható biztosítása és karbantartása.",
                "Ensure effective, efficient and sustainable provision and maintenance of all facilities (buildings, "
                "offices, energy supply, equipment, means of transport and materials).",
            ),
            (
                "Asigurarea unor condiții de lucru sigure și eficace și a unor facilități utilizabile, inclusiv a "
                "accesului fără bariere, pentru a răspunde nevoilor clienților.",
                "Biztonságos és hatékony munkakörülmények és használható létesítmények biztosítása, beleértve az "
                "akadálymentes hozzáférést is, az ügyfelek igényeinek kielégítése érdekében.",
                "Provide safe and effective working conditions and use facilities, including barrier-free access in "
                "order to meet customers' needs.",
            ),
            (
                "Aplicarea unei politici privind ciclul de viață într-un sistem integrat de administrare a "
                "facilităților (clădiri, echipamente tehnice etc.), inclusiv reutilizarea, reciclarea sau eliminarea "
                "lor în siguranță.",
                "Életciklus-szemléletű gazdálkodás integrált létesítménygazdálkodási rendszerben (épületek, műszaki "
                "berendezések stb.), beleértve azok biztonságos újrafelhasználását, újrahasznosítását vagy "
                "ártalmatlanítását.",
                "Apply a life cycle policy in an integrated facility management system (buildings, technical "
                "equipment, etc.), including their safe re-use, recycling or disposal.",
            ),
            (
                "Asigurarea faptului că facilitățile organizației aduc o valoare publică adăugată (de exemplu, prin "
                "punerea lor la dispoziția comunității locale).",
                "Annak biztosítása, hogy a szervezet létesítményei többlet közértéket teremtsenek (pl. a helyi "
                "közösség rendelkezésére bocsátva őket).",
                "Ensure that the facilities of the organisation provide an added public value (e.g. by putting them "
                "at the disposal of the local community).",
            ),
        ),
    ),
    _criterion(
        5,
        ENABLER,
        ("Procese", "Folyamatok", "Processes"),
        _subcriterion(
            "5.1",
            (
                "Proiectarea și gestionarea proceselor pentru a crește valoarea pentru cetățeni și clienți",
                "A folyamatok tervezése és irányítása az állampolgárok és ügyfelek számára teremtett érték növelésére",
                "Design and manage processes to increase value for citizens and customers",
            ),
            (
                "Identificarea, cartografierea, descrierea și documentarea continuă a proceselor-cheie, astfel încât "
                "acestea să sprijine obiectivele strategice ale organizației.",
                "A kulcsfolyamatok folyamatos azonosítása, feltérképezése, leírása és dokumentálása úgy, hogy azok "
                "támogassák a szervezet stratégiai céljait.",
                "Identify, map, describe and document key processes in a continuous manner, ensuring that they "
                "support the organisation's strategic objectives.",
            ),
            (
                "Desemnarea responsabililor de proces și atribuirea de responsabilități și competențe acestora.",
                "A folyamatgazdák kijelölése, felelősségi köreik és hatásköreik meghatározása.",
                "Identify process owners and assign responsibilities and competences to them.",
            ),
            (
                "Analizarea și evaluarea periodică a proceselor-cheie, a riscurilor și a factorilor critici de succes, "
                "ținând seama de obiectivele organizației și de mediul său în schimbare.",
                "A kulcsfolyamatok, a kockázatok és a kritikus sikertényezők rendszeres elemzése és értékelése a "
                "szervezet céljainak és változó környezetének figyelembevételével.",
                "Analyse and evaluate key processes, risks and critical success factors regularly, taking into "
                "account the objectives of the organisation and its changing environment.",
            ),
            (
                "Simplificarea și digitalizarea periodică a proceselor, cu reducerea sarcinilor administrative pentru "
                "cetățeni și clienți.",
                "A folyamatok rendszeres egyszerűsítése és digitalizálása, az állampolgárok és ügyfelek "
                "adminisztratív terheinek csökkentésével.",
                "Simplify and digitalise processes on a regular basis, reducing the administrative burden for "
                "citizens and customers.",
            ),
            (
                "Implicarea angajaților și a părților interesate externe în proiectarea și îmbunătățirea proceselor, "
                "pe baza eficienței, eficacității și rezultatelor măsurate.",
                "A munkatársak és a külső érintettek bevonása a folyamatok tervezésébe és fejlesztésébe a mért "
                "hatékonyság, eredményesség és eredmények alapján.",
                "Involve employees and external stakeholders in the design and improvement of processes on the basis "
                "of their measured efficiency, effectiveness and results.",
            ),
        ),
        _subcriterion(
            "5.2",
            (
                "Furnizarea de produse și servicii pentru clienți, cetățeni, părți interesate și societate",
                "Termékek és szolgáltatások nyújtása az ügyfeleknek, az állampolgároknak, az érintetteknek és a "
                "társadalomnak",
                "Deliver products and services for customers, citizens, stakeholders and society",
            ),
            (
                "Identificarea și proiectarea produselor și serviciilor organizației și gestionarea activă a "
                "întregului lor ciclu de viață, inclusiv reciclarea și reutilizarea.",
                "A szervezet termékeinek és szolgáltatásainak azonosítása és megtervezése, teljes életciklusuk aktív "
                "menedzselése, beleértve az újrahasznosítást és az újrafelhasználást.",
                "Identify and design the products and services of the organisation and actively manage the full "
                "lifecycle, including recycling and re-use.",
            ),
            (
                "Utilizarea unor metode inovatoare pentru dezvoltarea unor servicii publice orientate către client și "
                "determinate de cerere, cu accent pe principiul „o singură dată”.",
                "Innovatív módszerek alkalmazása ügyfélközpontú és igényvezérelt közszolgáltatások fejlesztésére, az "
                "„egyszeri adatszolgáltatás” elvére összpontosítva.",
                "Use innovative methods for developing customer-oriented and demand-driven public services and focus "
                "on the once-only principle.",
            ),
            (
                "Implicarea cetățenilor/clienților și a altor părți interesate în proiectarea și furnizarea "
                "produselor și serviciilor și în elaborarea standardelor de calitate.",
                "Az állampolgárok/ügyfelek és más érintettek bevonása a termékek és szolgáltatások tervezésébe és "
                "nyújtásába, valamint a minőségi standardok kidolgozásába.",
                "Involve citizens/customers and other stakeholders in the design and delivery of products and "
                "services, and in the development of quality standards.",
            ),
            (
                "Promovarea produselor și serviciilor organizației și asigurarea informațiilor adecvate pentru "
                "sprijinirea cetățenilor și clienților.",
                "A szervezet termékeinek és szolgáltatásainak népszerűsítése, valamint az állampolgárokat és "
                "ügyfeleket segítő megfelelő tájékoztatás biztosítása.",
                "Promote the products and services of the organisation and ensure appropriate information to assist "
                "citizens and customers.",
            ),
            (
                "Promovarea accesibilității produselor și serviciilor organizației (de exemplu, servicii online, "
                "program flexibil de lucru cu publicul, documente în diverse formate și în limbile potrivite, "
                "afișaje în Braille și audio).",
                "A szervezet termékeihez és szolgáltatásaihoz való hozzáférés elősegítése (pl. online "
                "szolgáltatások, rugalmas ügyfélfogadási idő, különböző formátumú és megfelelő nyelvű "
                "dokumentumok, Braille-írásos és hangos tájékoztatók).",
                "Promote accessibility to products and services of the organisation (e.g. online accessibility of "
                "services, flexible opening hours, documents in a variety of formats and appropriate languages, "
                "Braille and audio notice boards).",
            ),
        ),
        _subcriterion(
            "5.3",
            (
                "Coordonarea proceselor în cadrul organizației și cu alte organizații relevante",
                "A folyamatok összehangolása a szervezeten belül és más érintett szervezetekkel",
                "Coordinate processes across the organisation and with other relevant organisations",
            ),
            (
                "Crearea unei culturi a colaborării dincolo de granițele compartimentelor în managementul "
                "proceselor, depășind mentalitatea de tip „siloz”.",
                "A szervezeti határokon átívelő együttműködés kultúrájának kialakítása a folyamatmenedzsmentben, a "
                "„silószemlélet” meghaladásával.",
                "Create a culture for working across borders in the process management, getting out of a silo "
                "mentality.",
            ),
            (
                "Definirea lanțurilor de furnizare a serviciilor ale organizației și a partenerilor relevanți.",
                "A szervezet szolgáltatási láncainak és az azokban részt vevő partnereknek a meghatározása.",
                "Define the organisation's service delivery chains and its relevant partners.",
            ),
            (
                "Convenirea unor standarde comune, facilitarea schimbului de date și a serviciilor partajate pentru "
                "coordonarea proceselor din același lanț de furnizare, în cadrul organizației și cu partenerii-cheie "
                "din sectorul privat, neguvernamental și public.",
                "Közös standardok elfogadása, az adatcsere és a közös szolgáltatások elősegítése az azonos "
                "szolgáltatási láncba tartozó folyamatok összehangolására a szervezeten belül, valamint a magán-, a "
                "civil és a közszféra kulcspartnereivel.",
                "Agree on common standards, facilitate data exchange and shared services to coordinate processes of "
                "the same delivery chain across the organisation and with key partners in the private, NGO and "
                "public sectors.",
            ),
            (
                "Implicarea angajaților, clienților și părților interesate în proiectarea și colaborarea care "
                "depășesc granițele organizaționale.",
                "A munkatársak, az ügyfelek és az érintettek bevonása a szervezeti határokon átívelő tervezésbe és "
                "együttműködésbe.",
                "Involve employees, customers and stakeholders in cross-border design and collaboration.",
            ),
            (
                "Utilizarea parteneriatelor la diferite niveluri ale administrației (municipii, regiuni, stat și "
                "companii publice) pentru a permite furnizarea de servicii coordonate.",
                "Különböző közigazgatási szintek (települések, régiók, állam és közvállalatok) közötti partnerségek "
                "kihasználása összehangolt szolgáltatások nyújtására.",
                "Use partnerships at different government levels (municipalities, regions, state and the public "
                "companies) to enable the delivery of coordinated services.",
            ),
        ),
    ),
    _criterion(
        6,
        RESULT,
        (
            "Rezultate orientate către cetățean/client",
            "Állampolgár/ügyfél-orientált eredmények",
            "Citizen/customer-oriented results",
        ),
        _subcriterion(
            "6.1",
            ("Măsurători ale percepției", "Észlelésen alapuló mérések", "Perception measurements"),
            (
                "Imaginea de ansamblu a organizației și reputația sa publică.",
                "A szervezetről kialakult általános kép és a szervezet közmegítélése.",
                "The overall image of the organisation and the public reputation.",
            ),
            (
                "Accesibilitatea organizației.",
                "A szervezet elérhetősége.",
                "The accessibility of the organisation.",
            ),
            (
                "Orientarea personalului către cetățean/client.",
                "A munkatársak állampolgár-/ügyfélközpontúsága.",
                "The citizen/customer orientation of the staff.",
            ),
            (
                "Transparența, deschiderea și informațiile furnizate de organizație.",
                "A szervezet átláthatósága, nyitottsága és az általa nyújtott tájékoztatás.",
                "The transparency, openness and information provided by the organisation.",
            ),
            (
                "Calitatea produselor și serviciilor.",
                "A termékek és szolgáltatások minősége.",
                "The quality of products and services.",
            ),
            (
                "Integritatea organizației și încrederea generală a clienților/cetățenilor.",
                "A szervezet integritása és az ügyfelek/állampolgárok általános bizalma.",
                "The integrity of the organisation and the general trust of the customers/citizens.",
            ),
        ),
        _subcriterion(
            "6.2",
            ("Măsurători ale performanței", "Teljesítménymérések", "Performance measurements"),
            (
                "Timpul de așteptare (durata de soluționare/procesare a serviciului).",
                "Várakozási idő (a szolgáltatásnyújtás ügyintézési/feldolgozási ideje).",
                "Waiting time (handling/processing time of service delivery).",
            ),
            (
                "Numărul și timpul de soluționare a reclamațiilor și acțiunile corective implementate.",
                "A panaszok száma és feldolgozási ideje, a végrehajtott korrekciós intézkedések.",
                "Number and processing time of complaints and corrective actions implemented.",
            ),
            (
                "Rezultatele evaluărilor privind erorile și respectarea standardelor de calitate.",
                "A hibákra és a minőségi standardok betartására vonatkozó értékelések eredményei.",
                "Results of evaluation measures regarding errors and compliance with quality standards.",
            ),
            (
                "Respectarea standardelor de serviciu publicate.",
                "A közzétett szolgáltatási standardok betartása.",
                "Adherence to published service standards.",
            ),
            (
                "Numărul sugestiilor primite și implementate.",
                "A beérkezett és megvalósított javaslatok száma.",
                "Number of suggestions received and implemented.",
            ),
        ),
    ),
    _criterion(
        7,
        RESULT,
        ("Rezultate privind personalul", "Munkatársakkal kapcsolatos eredmények", "People results"),
        _subcriterion(
            "7.1",
            ("Măsurători ale percepției", "Észlelésen alapuló mérések", "Perception measurements"),
            (
                "Imaginea și performanța generală a organizației.",
                "A szervezet megítélése és általános teljesítménye.",
                "The image and the overall performance of the organisation.",
            ),
            (
                "Implicarea personalului în organizație, în procesul decizional și în activitățile de îmbunătățire.",
                "A munkatársak bevonása a szervezet életébe, a döntéshozatalba és a fejlesztési tevékenységekbe.",
                "People's involvement in the organisation, the decision-making process and improvement activities.",
            ),
            (
                "Capacitatea conducerii de a conduce organizația și de a comunica în legătură cu aceasta.",
                "A vezetés képessége a szervezet irányítására és az erről szóló kommunikációra.",
                "The management's ability to lead the organisation and to communicate about it.",
            ),
            (
                "Atmosfera de lucru și cultura organizațională.",
                "A munkahelyi légkör és a szervezeti kultúra.",
                "The working atmosphere and the organisation's culture.",
            ),
            (
                "Abordarea aspectelor sociale (de exemplu, flexibilitatea programului de lucru, echilibrul dintre "
                "viața profesională și cea privată, protecția sănătății).",
                "A szociális kérdések kezelése (pl. rugalmas munkaidő, a munka és a magánélet egyensúlya, "
                "egészségvédelem).",
                "The approach to social issues (e.g. flexibility of working hours, work–life balance, health "
                "protection).",
            ),
        ),
        _subcriterion(
            "7.2",
            ("Măsurători ale performanței", "Teljesítménymérések", "Performance measurements"),
            (
                "Indicatori privind comportamentul angajaților (de exemplu, nivelul absenteismului sau al "
                "concediilor medicale, rata fluctuației personalului, numărul de reclamații).",
                "A munkatársak magatartására vonatkozó mutatók (pl. a hiányzások és a betegszabadságok aránya, a "
                "munkaerő-fluktuáció, a panaszok száma).",
                "Indicators regarding employees' behaviour (e.g. level of absenteeism or sickness, rates of staff "
                "turnover, number of complaints).",
            ),
            (
                "Indicatori privind motivarea și implicarea (de exemplu, rata de răspuns la sondajele în rândul "
                "personalului, numărul propunerilor de inovare, participarea la grupurile interne de discuții).",
                "A motivációra és az elkötelezettségre vonatkozó mutatók (pl. a munkatársi felmérések válaszadási "
                "aránya, az innovációs javaslatok száma, a belső vitacsoportokban való részvétel).",
                "Indicators regarding motivation and involvement (e.g. response rates to staff surveys, number of "
                "proposals for innovation, participation in internal discussion groups).",
            ),
            (
                "Indicatori privind performanța individuală (de exemplu, productivitatea, rezultatele evaluărilor).",
                "Az egyéni teljesítményre vonatkozó mutatók (pl. termelékenység, az értékelések eredményei).",
                "Indicators regarding individual performance (e.g. productivity, results of evaluations).",
            ),
            (
                "Indicatori privind dezvoltarea competențelor (de exemplu, rata de participare și de promovare la "
                "activitățile de formare, eficacitatea bugetelor de formare).",
                "A kompetenciafejlesztésre vonatkozó mutatók (pl. részvételi és sikerességi arány a képzéseken, a "
                "képzési keretek felhasználásának eredményessége).",
                "Indicators regarding competence development (e.g. participation and success rates in training "
                "activities, effectiveness of training budgets).",
            ),
            (
                "Frecvența recunoașterii meritelor individuale și ale echipelor.",
                "Az egyéni és csapatteljesítmények elismerésének gyakorisága.",
                "Frequency of recognition of individuals and teams.",
            ),
        ),
    ),
    _criterion(
        8,
        RESULT,
        (
            "Rezultate privind responsabilitatea socială",
            "Társadalmi felelősségvállalás eredményei",
            "Social responsibility results",
        ),
        _subcriterion(
            "8.1",
            ("Măsurători ale percepției", "Észlelésen alapuló mérések", "Perception measurements"),
            (
                "Impactul organizației asupra calității vieții cetățenilor/clienților, dincolo de misiunea "
                "instituțională.",
                "A szervezet hatása az állampolgárok/ügyfelek életminőségére az intézményi küldetésen túl.",
                "The impact of the organisation on the quality of citizens'/customers' life beyond the institutional "
                "mission.",
            ),
            (
                "Reputația organizației ca factor care contribuie la dezvoltarea societății, la nivel local/global.",
                "A szervezet hírneve mint a helyi/globális társadalom javához hozzájáruló szereplőé.",
                "The reputation of the organisation as a contributor to local/global society.",
            ),
            (
                "Impactul organizației asupra dezvoltării economice.",
                "A szervezet hatása a gazdasági fejlődésre.",
                "The organisation's impact on economic development.",
            ),
            (
                "Impactul organizației asupra sustenabilității mediului, inclusiv asupra schimbărilor climatice.",
                "A szervezet hatása a környezeti fenntarthatóságra, beleértve az éghajlatváltozást is.",
                "The organisation's impact on environmental sustainability, including climate change.",
            ),
            (
                "Impactul organizației asupra calității democrației, transparenței, comportamentului etic, statului "
                "de drept, deschiderii și integrității.",
                "A szervezet hatása a demokrácia minőségére, az átláthatóságra, az etikus magatartásra, a "
                "jogállamiságra, a nyitottságra és az integritásra.",
                "The organisation's impact on the quality of democracy, transparency, ethical behaviour, the rule of "
                "law, openness and integrity.",
            ),
        ),
        _subcriterion(
            "8.2",
            ("Măsurători ale performanței", "Teljesítménymérések", "Performance measurements"),
            (
                "Activitățile organizației pentru conservarea și utilizarea durabilă a resurselor.",
                "A szervezet erőforrás-megőrző és az erőforrások fenntartható használatát szolgáló tevékenységei.",
                "The organisation's activities to preserve and sustain resources.",
            ),
            (
                "Volumul și importanța aparițiilor pozitive și negative în mass-media.",
                "A pozitív és negatív médiamegjelenések száma és súlya.",
                "The amount and importance of positive and negative media coverage.",
            ),
            (
                "Sprijinul acordat cetățenilor defavorizați din punct de vedere social.",
                "A társadalmilag hátrányos helyzetű állampolgároknak nyújtott támogatás.",
                "Support dedicated to socially disadvantaged and underprivileged citizens.",
            ),
            (
                "Sprijinul, în calitate de angajator, pentru o politică a diversității și pentru integrarea și "
                "acceptarea minorităților etnice și a persoanelor defavorizate.",
                "Munkáltatóként a sokféleséget, valamint az etnikai kisebbségek és a hátrányos helyzetű emberek "
                "beilleszkedését és elfogadását segítő politika támogatása.",
                "Support as an employer for a policy on diversity and on integration and acceptance of ethnic "
                "minorities and disadvantaged people.",
            ),
            (
                "Cunoștințele, informațiile și datele puse în comun cu toate părțile interesate.",
                "A valamennyi érdeklődő érintettel megosztott tudás, információ és adat.",
                "Shared knowledge, information and data with all interested stakeholders.",
            ),
        ),
    ),
    _criterion(
        9,
        RESULT,
        (
            "Rezultate-cheie ale performanței",
            "Kulcsfontosságú teljesítményeredmények",
            "Key performance results",
        ),
        _subcriterion(
            "9.1",
            (
                "Rezultate externe: rezultate directe și valoare publică",
                "Külső eredmények: kimenetek és közérték",
                "External results: output and public value",
            ),
            (
                "Rezultate directe: cantitatea și calitatea serviciilor și produselor.",
                "Kimenetek: a szolgáltatások és termékek mennyisége és minősége.",
                "Outputs: quantity and quality of services and products.",
            ),
            (
                "Efecte: efectele serviciilor și produselor asupra grupului-țintă.",
                "Hatások: a szolgáltatások és termékek hatása a célcsoportra.",
                "Outcomes: effects of the services and products on the target group.",
            ),
            (
                "Gradul de îndeplinire a contractelor/acordurilor dintre autorități și organizație.",
                "A hatóságok és a szervezet közötti szerződések/megállapodások teljesülésének mértéke.",
                "The degree of achievement of contracts/agreements between authorities and the organisation.",
            ),
            (
                "Rezultatele inspecțiilor externe și ale auditurilor de performanță.",
                "A külső ellenőrzések és teljesítményellenőrzések eredményei.",
                "Results of external inspections and performance audits.",
            ),
            (
                "Rezultatele benchmarkingului (analizei comparative) în ceea ce privește rezultatele directe și "
                "efectele.",
                "A teljesítmény-összehasonlítás (benchmarking) eredményei a kimenetek és a hatások tekintetében.",
                "Results of benchmarking (comparative analysis) in terms of outputs and outcomes.",
            ),
        ),
        _subcriterion(
            "9.2",
            (
                "Rezultate interne: nivelul de eficiență",
                "Belső eredmények: a hatékonyság szintje",
                "Internal results: level of efficiency",
            ),
            (
                "Eficiența gestionării resurselor disponibile, inclusiv a resurselor umane, a cunoștințelor și a "
                "facilităților (raportul dintre intrări și ieșiri).",
                "A rendelkezésre álló erőforrások – köztük az emberi erőforrások, a tudás és a létesítmények – "
                "kezelésének hatékonysága (ráfordítás és kimenet aránya).",
                "Efficiency in managing the available resources, including human resources, knowledge and "
                "facilities (input versus output).",
            ),
            (
                "Rezultatele îmbunătățirilor și inovațiilor aduse produselor și serviciilor.",
                "A termékek és szolgáltatások fejlesztésének és innovációjának eredményei.",
                "Results of improvements and innovations of products and services.",
            ),
            (
                "Eficacitatea parteneriatelor (de exemplu, gradul de îndeplinire a acordurilor de parteneriat, "
                "activitățile comune).",
                "A partnerségek eredményessége (pl. a partnerségi megállapodások teljesülésének mértéke, közös "
                "tevékenységek).",
                "Effectiveness of partnerships (e.g. degree of fulfilment of partnership agreements, joint "
                "activities).",
            ),
            (
                "Valoarea adăugată a utilizării tehnologiei informației și comunicațiilor pentru creșterea "
                "eficienței, reducerea sarcinilor administrative și îmbunătățirea calității serviciilor.",
                "Az infokommunikációs technológia alkalmazásának hozzáadott értéke a hatékonyság növelésében, az "
                "adminisztratív terhek csökkentésében és a szolgáltatásnyújtás minőségének javításában.",
                "Added value of the use of information and communication technology to increase efficiency, reduce "
                "administrative burden and improve the quality of service delivery.",
            ),
            (
                "Rezultatele participării la concursuri, la premii pentru calitate și la certificarea sistemului de "
                "management al calității.",
                "Versenyeken, minőségdíj-pályázatokon és a minőségirányítási rendszer tanúsításán elért eredmények.",
                "Results of participation in contests, quality awards and quality management system certification.",
            ),
            (
                "Încadrarea în buget și atingerea țintelor financiare; eficiența costurilor (rezultate obținute la "
                "cel mai mic cost posibil).",
                "A költségvetési és pénzügyi célok teljesítése; költséghatékonyság (kimenetek a lehető legalacsonyabb "
                "költséggel).",
                "Meeting budget and financial targets; cost-efficiency (outputs at the lowest possible cost).",
            ),
        ),
    ),
)


def subcriteria() -> Iterator[tuple[Entry, Entry]]:
    """Every (criterion, sub-criterion) pair in the framework's order, 1.1 to 9.2."""
    for criterion in CRITERIA:
        for subcriterion in criterion["subcriteria"]:
            yield criterion, subcriterion


# The four phases of the PDCA cycle, as the fine-tuned enablers panel scores them one by one. The descriptions are
# what the panel asks of each phase; `key` matches the score fields of the assessment models (score_plan, …).
FINE_TUNED_PHASES: tuple[Entry, ...] = (
    {
        "key": "plan",
        "title": _text("Planificare", "Tervezés", "Plan"),
        "description": _text(
            "Planificarea se bazează pe nevoile și așteptările părților interesate. Planificarea se aplică în mod "
            "regulat în toate părțile relevante ale organizației.",
            "A tervezés az érintettek igényein és elvárásain alapul. A tervezés rendszeresen kiterjed a szervezet "
            "valamennyi érintett területére.",
            "Planning is based on stakeholders' needs and expectations. Planning is deployed throughout the relevant "
            "parts of the organisation on a regular basis.",
        ),
    },
    {
        "key": "do",
        "title": _text("Execuție", "Végrehajtás", "Do"),
        "description": _text(
            "Execuția este gestionată prin procese și responsabilități definite și este extinsă în mod regulat în "
            "toate părțile relevante ale organizației.",
            "A végrehajtás meghatározott folyamatok és felelősségi körök mentén történik, és rendszeresen kiterjed "
            "a szervezet valamennyi érintett területére.",
            "Execution is managed through defined processes and responsibilities and diffused throughout the "
            "relevant parts of the organisation on a regular basis.",
        ),
    },
    {
        "key": "check",
        "title": _text("Verificare", "Ellenőrzés", "Check"),
        "description": _text(
            "Procesele definite sunt monitorizate cu indicatori relevanți și revizuite în mod regulat în toate "
            "părțile relevante ale organizației.",
            "A meghatározott folyamatokat releváns mutatókkal követik nyomon, és rendszeresen felülvizsgálják a "
            "szervezet valamennyi érintett területén.",
            "Defined processes are monitored with relevant indicators and reviewed throughout the relevant parts of "
            "the organisation on a regular basis.",
        ),
    },
    {
        "key": "act",
        "title": _text("Acțiune", "Beavatkozás", "Act"),
        "description": _text(
            "Acțiunile corective și de îmbunătățire sunt luate în urma rezultatelor verificării, în mod regulat, în "
            "toate părțile relevante ale organizației.",
            "Az ellenőrzés eredményei alapján rendszeresen korrekciós és fejlesztő intézkedéseket hoznak a szervezet "
            "valamennyi érintett területén.",
            "Correcting and improvement actions are taken following the check results throughout the relevant parts "
            "of the organisation on a regular basis.",
        ),
    },
)


def _level(low: int, high: int, description: tuple[str, str, str], **extra: object) -> Entry:
    return {"low": low, "high": high, "description": _text(*description), **extra}


# Classical scoring, enablers (criteria 1–5): one score per sub-criterion, placed by how far round the PDCA cycle the
# approach has come. `phase` is the FINE_TUNED_PHASES key, "pdca" for the full cycle, None for no approach yet.
CLASSICAL_ENABLERS: tuple[Entry, ...] = (
    _level(
        0,
        10,
        (
            "Nu există dovezi sau există doar dovezi anecdotice ale unei abordări.",
            "Nincs bizonyíték, vagy csak elszórt, eseti bizonyíték van egy megközelítésre.",
            "No evidence or just anecdotal evidence of an approach.",
        ),
        phase=None,
    ),
    _level(
        11,
        30,
        (
            "O abordare este planificată.",
            "A megközelítést megtervezték.",
            "An approach is planned.",
        ),
        phase="plan",
    ),
    _level(
        31,
        50,
        (
            "O abordare este implementată.",
            "A megközelítést megvalósítják.",
            "An approach is implemented.",
        ),
        phase="do",
    ),
    _level(
        51,
        70,
        (
            "O abordare este verificată/revizuită.",
            "A megközelítést ellenőrzik/felülvizsgálják.",
            "An approach is checked/reviewed.",
        ),
        phase="check",
    ),
    _level(
        71,
        90,
        (
            "Pe baza verificării/revizuirii, se aduc îmbunătățiri, dacă este necesar.",
            "Az ellenőrzés/felülvizsgálat alapján szükség esetén fejlesztéseket hajtanak végre.",
            "Based on the check/review, improvements are made if necessary.",
        ),
        phase="act",
    ),
    _level(
        91,
        100,
        (
            "Tot ceea ce facem în cadrul acestui subcriteriu este planificat, implementat, verificat și îmbunătățit "
            "în mod regulat, iar noi învățăm de la alții. Ne aflăm într-un ciclu de îmbunătățire continuă în această "
            "privință.",
            "Mindazt, amit ezen alkritérium tekintetében teszünk, rendszeresen megtervezzük, megvalósítjuk, "
            "ellenőrizzük és fejlesztjük, és másoktól is tanulunk. E téren a folyamatos fejlesztés ciklusában "
            "vagyunk.",
            "Everything we do with regard to this sub-criterion is planned, implemented, checked and improved "
            "regularly, and we learn from others. We are in a continuous improvement cycle on this issue.",
        ),
        phase="pdca",
    ),
)

# Classical scoring, results (criteria 6–9): one score per sub-criterion, by trends and targets.
CLASSICAL_RESULTS: tuple[Entry, ...] = (
    _level(
        0,
        10,
        (
            "Nu se măsoară rezultate și/sau nu sunt disponibile informații.",
            "Nem mérnek eredményeket, és/vagy nem áll rendelkezésre információ.",
            "No results are measured and/or no information is available.",
        ),
    ),
    _level(
        11,
        30,
        (
            "Rezultatele sunt măsurate și arată tendințe negative și/sau nu ating țintele relevante.",
            "Az eredményeket mérik, de azok negatív tendenciát mutatnak, és/vagy nem érik el a releváns célértékeket.",
            "Results are measured and show negative trends and/or results do not meet relevant targets.",
        ),
    ),
    _level(
        31,
        50,
        (
            "Rezultatele arată tendințe constante și/sau unele ținte relevante sunt atinse.",
            "Az eredmények stagnáló tendenciát mutatnak, és/vagy néhány releváns célértéket elérnek.",
            "Results show flat trends and/or some relevant targets are met.",
        ),
    ),
    _level(
        51,
        70,
        (
            "Rezultatele arată tendințe de îmbunătățire și/sau majoritatea țintelor relevante sunt atinse.",
            "Az eredmények javuló tendenciát mutatnak, és/vagy a releváns célértékek többségét elérik.",
            "Results show improving trends and/or most of the relevant targets are met.",
        ),
    ),
    _level(
        71,
        90,
        (
            "Rezultatele arată un progres substanțial și/sau toate țintele relevante sunt atinse.",
            "Az eredmények jelentős előrelépést mutatnak, és/vagy valamennyi releváns célértéket elérik.",
            "Results show substantial progress and/or all the relevant targets are met.",
        ),
    ),
    _level(
        91,
        100,
        (
            "Se obțin rezultate excelente și susținute. Toate țintele relevante sunt atinse. Comparațiile cu "
            "organizațiile relevante sunt pozitive pentru toate rezultatele-cheie.",
            "Kiváló és tartós eredményeket érnek el. Valamennyi releváns célértéket elérik. Minden kulcseredmény "
            "tekintetében kedvező az összehasonlítás a releváns szervezetekkel.",
            "Excellent and sustained results are achieved. All the relevant targets are met. Positive comparisons "
            "with relevant organisations for all the key results are made.",
        ),
    ),
)

# Fine-tuned scoring, enablers: the scale each of the four phases is scored on — how strong the evidence is and how
# much of the organisation it covers.
FINE_TUNED_LEVELS: tuple[Entry, ...] = (
    _level(
        0,
        10,
        (
            "Nu există dovezi sau există doar dovezi anecdotice.",
            "Nincs bizonyíték, vagy csak elszórt, eseti bizonyíték van.",
            "No evidence or just anecdotal evidence.",
        ),
    ),
    _level(
        11,
        30,
        (
            "Unele dovezi slabe, privind anumite domenii.",
            "Néhány gyenge bizonyíték, egyes területekre vonatkozóan.",
            "Some weak evidence, related to some areas.",
        ),
    ),
    _level(
        31,
        50,
        (
            "Unele dovezi bune, privind domeniile relevante.",
            "Néhány jó bizonyíték, a releváns területekre vonatkozóan.",
            "Some good evidence related to relevant areas.",
        ),
    ),
    _level(
        51,
        70,
        (
            "Dovezi solide, privind majoritatea domeniilor.",
            "Erős bizonyíték, a legtöbb területre vonatkozóan.",
            "Strong evidence related to most areas.",
        ),
    ),
    _level(
        71,
        90,
        (
            "Dovezi foarte solide, privind toate domeniile.",
            "Nagyon erős bizonyíték, valamennyi területre vonatkozóan.",
            "Very strong evidence related to all areas.",
        ),
    ),
    _level(
        91,
        100,
        (
            "Dovezi excelente, în comparație cu alte organizații, privind toate domeniile.",
            "Kiváló bizonyíték más szervezetekkel összehasonlítva, valamennyi területre vonatkozóan.",
            "Excellent evidence, compared with other organisations, related to all areas.",
        ),
    ),
)


def level_for(levels: tuple[Entry, ...], score: int) -> Entry:
    """The level of a panel (CLASSICAL_ENABLERS, CLASSICAL_RESULTS or FINE_TUNED_LEVELS) a 0–100 score falls in, so
    a form can show an assessor what their score claims."""
    for level in levels:
        if level["low"] <= score <= level["high"]:
            return level
    raise ValueError(f"A CAF score runs from 0 to 100, not {score!r}.")
