"""The demo's prioritisation rounds, each taken through `investments.prioritisation.workflow` (never by writing rows the
workflow would refuse): this year's round, published (scored by three evaluators, one conflict of interest, one wide
spread agreed by the quality manager, the citizens' consultation in the past, a funding line where a project that does
not fit is followed by one that does); next year's round with pairwise (AHP) weights, its consultation open today for
30 days; and the year after's round, a draft the secretariat is still working on.

Loaded once: nothing happens when a round exists. The lock publishes the methodology pages under the site's home pages,
so the demo site is loaded first (see `cms.management.commands.load_demo_data`)."""

import datetime
from decimal import Decimal

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group
from django.db import transaction

from portal import demo as portal_demo
from portal.models import User
from services import calendar
from services import roles as service_roles
from services.models import Membership

from .. import roles as investment_roles
from ..models import Candidate, Criterion, Investment, Round
from . import roles, selectors, workflow

EXPERT, COMPUTED, CITIZEN = Criterion.Source.EXPERT, Criterion.Source.COMPUTED, Criterion.Source.CITIZEN
HIGHER, LOWER = Criterion.Direction.HIGHER, Criterion.Direction.LOWER

# Fixed authenticator secret, like portal.demo.STAFF: the codes in a phone keep working after a reload.
SECRETARY = ("secretariat.prioritizare@ghiseul.demo", "Sorina", "Vlad", "OBZGS33SNF2GS6TBOJSS243FMNZGK5BB")
# The head of another department who sits on the evaluation committee (if the demo catalogue made them a head).
OTHER_HEAD = "head_urbanism"

CITIZEN_NAMES = [
    ("Andrei", "Pop"),
    ("Maria", "Rusu"),
    ("Gabriel", "Moldovan"),
    ("Ioana", "Sabău"),
    ("Mihai", "Cozma"),
    ("Katalin", "Molnár"),
    ("Florin", "Bogdan"),
    ("Raluca", "Ardelean"),
    ("Csaba", "Kiss"),
    ("Adriana", "Oltean"),
    ("Sorin", "Man"),
    ("Eszter", "Varga"),
    ("Cosmin", "Pașca"),
    ("Diana", "Crăciun"),
    ("Zoltán", "Farkas"),
    ("Alina", "Mureșan"),
]
CITIZEN_COUNT = 60


def _levels(*rows):
    """Six (ro, hu, en) descriptions, for the scores 0 to 5."""
    assert len(rows) == 6
    return dict(enumerate(rows))


def _band_levels(what_ro, what_hu, what_en, best_ro, best_hu, best_en, worst_ro, worst_hu, worst_en):
    """The levels of a criterion computed from data: where the value lies between the worst and the best candidate."""
    return _levels(
        (f"{worst_ro} dintre candidați", f"A pályázók közül a {worst_hu}", f"The {worst_en} among the candidates"),
        *[
            (
                f"{what_ro} la aproximativ {n * 20}% din distanța dintre cea mai slabă și cea mai bună valoare",
                f"{what_hu} a leggyengébb és a legjobb érték közötti távolság körülbelül {n * 20}%-ánál",
                f"{what_en} about {n * 20}% of the way from the weakest to the best value",
            )
            for n in range(1, 5)
        ],
        (f"{best_ro} dintre candidați", f"A pályázók közül a {best_hu}", f"The {best_en} among the candidates"),
    )


NEED = {
    "name": "Necesitate și urgență",
    "name_hu": "Szükségesség és sürgősség",
    "name_en": "Need and urgency",
    "description": (
        "Cât de gravă este problema pe care o rezolvă investiția și ce se întâmplă dacă lucrarea se amână: riscuri "
        "pentru siguranța și sănătatea oamenilor, obligații legale, degradarea infrastructurii existente. Se punctează "
        "pe baza notei conceptuale, a expertizei tehnice și a studiului de fezabilitate."
    ),
    "description_hu": (
        "Mennyire súlyos a probléma, amelyet a beruházás megold, és mi történik, ha a munkálatok elmaradnak: az "
        "emberek biztonságát és egészségét fenyegető kockázatok, törvényi kötelezettségek, a meglévő infrastruktúra "
        "romlása. A pontozás a koncepciós jegyzet, a műszaki szakvélemény és a megvalósíthatósági tanulmány alapján "
        "történik."
    ),
    "description_en": (
        "How serious the problem the investment solves is and what happens if the works are postponed: risks to "
        "people's safety and health, legal obligations, deterioration of the existing infrastructure. Scored on the "
        "concept note, the technical expertise and the feasibility study."
    ),
    "levels": _levels(
        (
            "Nu răspunde unei nevoi identificate în strategia de dezvoltare a județului",
            "A megye fejlesztési stratégiájában azonosított egyetlen igényre sem felel",
            "Meets no need identified in the county's development strategy",
        ),
        (
            "Nevoie minoră; amânarea lucrării nu are efecte asupra serviciului public",
            "Csekély igény; a munkálatok halasztása nem érinti a közszolgáltatást",
            "A minor need; postponing the works does not affect the public service",
        ),
        (
            "Nevoie reală, dar amânarea cu câțiva ani este acceptabilă",
            "Valós igény, de néhány év halasztás elfogadható",
            "A real need, but postponing it for a few years is acceptable",
        ),
        (
            "Nevoie importantă; amânarea duce la costuri mai mari sau la degradarea serviciului public",
            "Fontos igény; a halasztás többletköltséggel vagy a közszolgáltatás romlásával jár",
            "An important need; postponing it raises the cost or degrades the public service",
        ),
        (
            "Nevoie urgentă: obligație legală sau termen de finanțare care expiră în anul bugetar",
            "Sürgős igény: törvényi kötelezettség vagy a költségvetési évben lejáró finanszírozási határidő",
            "An urgent need: a legal obligation or a funding deadline that expires in the budget year",
        ),
        (
            "Nevoie critică: risc iminent pentru siguranța sau sănătatea oamenilor, constatat prin expertiză tehnică",
            "Kritikus igény: a műszaki szakvéleményben megállapított közvetlen veszély az emberek biztonságára vagy "
            "egészségére",
            "A critical need: an imminent risk to people's safety or health, found by a technical expertise",
        ),
    ),
}

POPULATION = {
    "name": "Populația deservită",
    "name_hu": "Kiszolgált lakosság",
    "name_en": "Population served",
    "unit": "locuitori",
    "description": (
        "Numărul de locuitori care folosesc direct rezultatul investiției, din studiul de fezabilitate, verificat cu "
        "datele Institutului Național de Statistică (recensământul din 2021). Se trece pe scala 0–5 prin metoda "
        "min–max: proiectul cu cea mai mare populație deservită primește 5, cel cu cea mai mică primește 0."
    ),
    "description_hu": (
        "A beruházás eredményét közvetlenül használó lakosok száma a megvalósíthatósági tanulmány szerint, az "
        "Országos Statisztikai Intézet adataival (2021-es népszámlálás) ellenőrizve. A 0–5 skálára min–max módszerrel "
        "kerül át: a legtöbb lakost kiszolgáló projekt 5, a legkevesebbet kiszolgáló 0 pontot kap."
    ),
    "description_en": (
        "The number of inhabitants who directly use the result of the investment, from the feasibility study, checked "
        "against the National Institute of Statistics data (2021 census). Converted to the 0–5 scale by min–max: the "
        "project serving the most people gets 5, the one serving the fewest gets 0."
    ),
    "levels": _band_levels(
        "Populația deservită se află",
        "A kiszolgált lakosság",
        "The population served lies",
        "Cea mai mare populație deservită",
        "legtöbb lakost kiszolgáló projekt",
        "largest population served",
        "Cea mai mică populație deservită",
        "legkevesebb lakost kiszolgáló projekt",
        "smallest population served",
    ),
}

COST_PER_BENEFICIARY = {
    "name": "Cost per beneficiar",
    "name_hu": "Egy kedvezményezettre jutó költség",
    "name_en": "Cost per beneficiary",
    "unit": "lei/locuitor",
    "description": (
        "Costul cerut din buget împărțit la populația deservită (criteriul C2), în lei pe locuitor. Cu cât costul pe "
        "locuitor este mai mic, cu atât punctajul este mai mare: cel mai mic cost primește 5, cel mai mare primește 0."
    ),
    "description_hu": (
        "A költségvetésből kért összeg osztva a kiszolgált lakosok számával (C2 szempont), lej/lakos egységben. Minél "
        "kisebb az egy lakosra jutó költség, annál több a pont: a legkisebb költség 5, a legnagyobb 0 pontot kap."
    ),
    "description_en": (
        "The cost requested from the budget divided by the population served (criterion C2), in lei per inhabitant. "
        "The lower the cost per inhabitant, the higher the score: the lowest cost gets 5, the highest gets 0."
    ),
    "levels": _band_levels(
        "Costul pe locuitor se află",
        "Az egy lakosra jutó költség",
        "The cost per inhabitant lies",
        "Cel mai mic cost pe locuitor",
        "legkisebb egy lakosra jutó költségű projekt",
        "lowest cost per inhabitant",
        "Cel mai mare cost pe locuitor",
        "legnagyobb egy lakosra jutó költségű projekt",
        "highest cost per inhabitant",
    ),
}

MATURITY = {
    "name": "Maturitatea proiectului",
    "name_hu": "A projekt érettsége",
    "name_en": "Project maturity",
    "description": (
        "Cât de pregătit este proiectul pentru a începe sau a continua execuția în anul bugetar: documentațiile "
        "tehnico-economice aprobate, avizele și acordurile, situația juridică a terenului, procedura de achiziție."
    ),
    "description_hu": (
        "Mennyire kész a projekt arra, hogy a kivitelezés a költségvetési évben elinduljon vagy folytatódjon: "
        "jóváhagyott műszaki-gazdasági dokumentációk, szakhatósági engedélyek és hozzájárulások, a terület jogi "
        "helyzete, a közbeszerzési eljárás."
    ),
    "description_en": (
        "How ready the project is to start or continue its works in the budget year: the approved technical and "
        "economic documentation, the permits and approvals, the legal status of the land, the procurement procedure."
    ),
    "levels": _levels(
        (
            "Există doar nota conceptuală; tema de proiectare nu este aprobată",
            "Csak koncepciós jegyzet van; a tervezési program nincs jóváhagyva",
            "Only the concept note; the design brief is not approved",
        ),
        (
            "Tema de proiectare aprobată; studiul de fezabilitate este în elaborare",
            "Jóváhagyott tervezési program; a megvalósíthatósági tanulmány készül",
            "The design brief is approved; the feasibility study is being written",
        ),
        (
            "Studiul de fezabilitate (sau DALI) recepționat; indicatorii tehnico-economici nu sunt aprobați",
            "Átvett megvalósíthatósági tanulmány (vagy DALI); a műszaki-gazdasági mutatók nincsenek jóváhagyva",
            "The feasibility study (or DALI) is accepted; the technical and economic indicators are not approved",
        ),
        (
            "Indicatorii tehnico-economici aprobați prin hotărâre a consiliului; terenul în proprietate publică",
            "A műszaki-gazdasági mutatókat tanácsi határozat hagyta jóvá; a terület köztulajdonban van",
            "The technical and economic indicators are approved by a council decision; the land is public property",
        ),
        (
            "Autorizația de construire emisă și proiectul tehnic recepționat",
            "Az építési engedély kiadva, a kiviteli terv átvéve",
            "The building permit is issued and the technical design accepted",
        ),
        (
            "Procedura de achiziție a lucrărilor lansată sau atribuită în SEAP; execuția poate începe",
            "A kivitelezési közbeszerzési eljárás elindult vagy odaítélték a SEAP-ban; a munkálatok kezdődhetnek",
            "The works' procurement is launched or awarded in SEAP; the works can start",
        ),
    ),
}

SUPPORT = {
    "name": "Sprijinul cetățenilor",
    "name_hu": "A polgárok támogatása",
    "name_en": "Citizens' support",
    "description": (
        "Voturile de aprobare exprimate în consultarea publică de cetățenii autentificați în portal; fiecare cetățean "
        "poate aproba cel mult trei proiecte. Proiectul cu cele mai multe voturi primește 5, celelalte un punctaj "
        "proporțional cu numărul voturilor lor."
    ),
    "description_hu": (
        "A portálra bejelentkezett polgárok által a nyilvános konzultáción leadott támogató szavazatok; minden polgár "
        "legfeljebb három projektet támogathat. A legtöbb szavazatot kapott projekt 5 pontot kap, a többi a "
        "szavazatai számával arányos pontszámot."
    ),
    "description_en": (
        "The approval votes cast in the public consultation by citizens signed in to the portal; each citizen may "
        "approve at most three projects. The most voted project gets 5, the others a score in proportion to their "
        "votes."
    ),
    "levels": _levels(
        ("Niciun vot", "Egyetlen szavazat sem", "No vote"),
        *[
            (
                f"Aproximativ {n * 20}% din voturile proiectului cel mai votat",
                f"A legtöbb szavazatot kapott projekt szavazatainak körülbelül {n * 20}%-a",
                f"About {n * 20}% of the votes of the most voted project",
            )
            for n in range(1, 5)
        ],
        (
            "Proiectul cu cele mai multe voturi",
            "A legtöbb szavazatot kapott projekt",
            "The project with the most votes",
        ),
    ),
}

# This year's candidates: investment code → (cost requested in lei, population served, competence, co-financing).
# The museum's 2 % co-financing is not in the draft budget: it stays ineligible.
PUBLISHED_CANDIDATES = {
    "INV-04": (14_500_000, 6_200, "Codul administrativ, art. 173 alin. (5) lit. j): alimentarea cu apă", True),
    "INV-05": (
        9_800_000,
        9_400,
        "Codul administrativ, art. 173 alin. (5) lit. l): drumurile și podurile județene",
        True,
    ),
    "INV-03": (
        11_600_000,
        2_300,
        "Legea educației, art. 111: bazele materiale ale unităților de învățământ special",
        True,
    ),
    "INV-01": (22_000_000, 12_800, "Codul administrativ, art. 173 alin. (5) lit. l): drumurile județene", True),
    "INV-08": (4_700_000, 3_100, "Legea asistenței sociale nr. 292/2011, art. 113: serviciile sociale", True),
    "INV-10": (
        6_900_000,
        18_500,
        "Codul administrativ, art. 173 alin. (1) lit. d): gestionarea serviciilor publice",
        True,
    ),
    "INV-06": (16_500_000, 24_000, "Codul administrativ, art. 173 alin. (5) lit. e): cultura", False),
}
PUBLISHED_ENVELOPE_LEI = 45_000_000
# Evaluators' scores (need, maturity) with their justifications; None: a conflict of interest.
HEAD, CLERK, OTHER = "head", "clerk", "other"
SCORES = {
    "INV-04": {
        HEAD: ((5, "Apa din fântânile din Mociu este neconformă (DSP, buletine de analiză 2025)."), (4, "AC emisă.")),
        CLERK: (
            (5, "Risc sanitar dovedit prin analizele DSP; obligație din Legea 241/2006."),
            (4, "AC emisă, PT recepționat."),
        ),
        OTHER: ((4, "Nevoie urgentă; sursa alternativă reduce riscul imediat."), (4, "Proiect tehnic recepționat.")),
    },
    "INV-05": {
        HEAD: (
            (5, "Expertiza tehnică: pod în clasa de stare tehnică V, circulație restricționată."),
            (4, "AC emisă."),
        ),
        CLERK: (
            (4, "Există o rută ocolitoare de 14 km, folosită de transportul școlar."),
            (3, "Indicatori aprobați, AC în curs."),
        ),
        OTHER: ((5, "Risc de cedare semnalat de expertiza din 2024."), (4, "Autorizația de construire emisă.")),
    },
    "INV-03": {
        HEAD: (
            (3, "Clădirea funcționează, dar consumul de energie este dublu față de normativ."),
            (5, "Lucrări atribuite în SEAP."),
        ),
        CLERK: (
            (2, "Reabilitarea energetică poate fi amânată; finanțarea europeană acoperă majoritatea costului."),
            (5, "Contract semnat."),
        ),
        OTHER: (
            (4, "Elevii cu cerințe educaționale speciale nu au alternativă în județ."),
            (4, "Execuția a început."),
        ),
    },
    "INV-01": {
        HEAD: (
            (4, "Drum cu trafic greu, degradat pe 60% din lungime (releveu 2025)."),
            (4, "PT recepționat, AC emisă."),
        ),
        CLERK: None,
        OTHER: (
            (4, "Legătură principală a comunelor din vest cu municipiul."),
            (5, "Loturile au proceduri atribuite."),
        ),
    },
    "INV-08": {
        HEAD: (
            (3, "Lista de așteptare a centrului existent: 140 de persoane vârstnice."),
            (3, "Indicatori aprobați."),
        ),
        CLERK: (
            (3, "Nevoie confirmată de strategia județeană de servicii sociale."),
            (3, "Indicatori aprobați prin HCJ."),
        ),
        OTHER: ((3, "Nevoie reală, dar există servicii de îngrijire la domiciliu."), (2, "Avizele DSP lipsesc încă.")),
    },
    "INV-10": {
        HEAD: ((2, "Serviciile electronice există parțial; proiectul le extinde."), (3, "Indicatori aprobați.")),
        CLERK: (
            (2, "Nevoie reală, fără urgență: formularele tipizate funcționează."),
            (2, "Caietul de sarcini în revizuire."),
        ),
        OTHER: ((3, "Reduce deplasările cetățenilor la ghișeu."), (3, "Indicatori aprobați prin HCJ.")),
    },
}
CONFLICT = (
    "INV-01",
    "Familia mea deține un teren pe traseul drumului DJ 103G, afectat de exproprierile pentru lărgirea părții "
    "carosabile.",
)
AGREED = (
    "INV-03",
    3,
    "Discutat în comisie: nevoia este reală pentru elevii cu cerințe educaționale speciale, dar clădirea este "
    "funcțională și lucrările au finanțare europeană; s-a convenit punctajul 3.",
)
# The citizens' ballots cycle through these choices (at most three projects each).
BALLOTS = [
    ("INV-04", "INV-01", "INV-03"),
    ("INV-04", "INV-05"),
    ("INV-01", "INV-08"),
    ("INV-03", "INV-08", "INV-04"),
    ("INV-04", "INV-01"),
    ("INV-05", "INV-01", "INV-03"),
    ("INV-08",),
    ("INV-04", "INV-03", "INV-10"),
    ("INV-01", "INV-05", "INV-08"),
    ("INV-03", "INV-04"),
    ("INV-10", "INV-08"),
    ("INV-04", "INV-01", "INV-05"),
]
COMMENTS = [
    (
        "ana.popescu@example.ro",
        "INV-04",
        "În Mociu apa din fântâni nu mai este bună de băut de ani de zile. Vă rog să finanțați rețeaua anul acesta.",
    ),
    (
        "ion.muresan@example.ro",
        "INV-01",
        "Drumul spre Săvădisla este plin de gropi; dimineața autobuzul școlar abia trece. Susțin modernizarea.",
    ),
    (
        "kovacs.zsofia@example.ro",
        "INV-05",
        "A moldovenești-i híd nélkül naponta 14 km-t kerülünk, ha a városba megyünk dolgozni. Kérjük, kapjon "
        "elsőbbséget a híd újjáépítése.",
    ),
    (
        "elena.stan@example.ro",
        "INV-08",
        "Mama mea așteaptă un loc la centrul de zi de un an. Un centru nou în Câmpia Turzii ar ajuta multe familii.",
    ),
]

# Next year's round: pairwise weights from consistent judgements (priorities 4 : 2 : 1 : 2, CR = 0).
NEXT_CANDIDATES = {
    "INV-02": (24_000_000, 45_000, "Legea 95/2006, art. 190: spitalele publice din subordinea consiliului județean"),
    "INV-07": (6_300_000, 1_400, "Legea educației, art. 111: bazele materiale ale unităților de învățământ special"),
    "INV-08": (3_900_000, 3_100, "Legea asistenței sociale nr. 292/2011, art. 113: serviciile sociale"),
    "INV-10": (5_200_000, 18_500, "Codul administrativ, art. 173 alin. (1) lit. d): gestionarea serviciilor publice"),
    "INV-01": (19_500_000, 12_800, "Codul administrativ, art. 173 alin. (5) lit. l): drumurile județene"),
}
NEXT_ENVELOPE_LEI = 38_000_000
NEXT_SCORES = {  # (need, maturity) by evaluator
    "INV-02": {HEAD: (5, 4), CLERK: (5, 4), OTHER: (4, 4)},
    "INV-07": {HEAD: (3, 5), CLERK: (3, 4), OTHER: (2, 5)},
    "INV-08": {HEAD: (3, 3), CLERK: (4, 3), OTHER: (3, 3)},
    "INV-10": {HEAD: (2, 3), CLERK: (2, 3), OTHER: (3, 3)},
    "INV-01": {HEAD: (4, 4), CLERK: (4, 4), OTHER: (4, 5)},
}
NEXT_BALLOTS = [("INV-02", "INV-01"), ("INV-08",), ("INV-02", "INV-07", "INV-08"), ("INV-01", "INV-10")]
NEXT_VOTERS = 9
JUSTIFICATION = "Punctaj acordat pe baza studiului de fezabilitate și a documentației tehnice depuse."


def _bani(lei):
    return int(Decimal(str(lei)) * 100)


def _titles(year):
    return {
        "title": f"Prioritizarea investițiilor {year}",
        "title_hu": f"Beruházások rangsorolása {year}",
        "title_en": f"Investment prioritisation {year}",
    }


def load_rounds(staff, today=None):
    """The secretariat's account (added to `staff`, so the demo command prints it) and, on a database without
    rounds but with the demo's investments, the three rounds. Returns how many rounds it created."""
    today = today or calendar.today()
    secretary = _secretary(staff)
    if Round.objects.exists() or not Investment.objects.filter(code__in=PUBLISHED_CANDIDATES).exists():
        return 0
    with transaction.atomic():
        people = _people(staff, secretary)
        citizens = _citizens()
        _published_round(people, citizens, today)
        _open_round(people, citizens, today)
        _draft_round(people, today)
    return 3


def _secretary(staff):
    email, first, last, secret = SECRETARY
    user = portal_demo.demo_account(email, first, last, staff=True)
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, secret)
    investment_roles.ensure_groups()
    user.groups.add(Group.objects.get(name=investment_roles.PRIORITISATION_SECRETARIAT))
    user.totp_secret = secret
    user.recovery_code = RecoveryCodes.activate(user).get_unused_codes()[0]
    staff["secretariat"] = user
    return user


def _fresh(user):
    """The account read again: a permission cache filled before a group was added is stale."""
    return User.objects.get(pk=user.pk)


def _people(staff, secretary):
    quality = staff["quality"]
    quality.groups.add(service_roles.ensure_groups())
    evaluators = {HEAD: _fresh(staff["head_investments"]), CLERK: _fresh(staff["clerk_investments"])}
    other = staff.get(OTHER_HEAD)
    if other is not None and Membership.objects.filter(user=other, role=Membership.Role.HEAD).exists():
        other = _fresh(other)
        if roles.may_be_evaluator(other):
            evaluators[OTHER] = other
    return {"secretary": _fresh(secretary), "quality": _fresh(quality), "evaluators": evaluators}


def _citizens():
    citizens = []
    for n in range(1, CITIZEN_COUNT + 1):
        first, last = CITIZEN_NAMES[(n - 1) % len(CITIZEN_NAMES)]
        user, created = User.objects.get_or_create(
            email=f"cetatean{n:02d}@example.ro", defaults={"first_name": first, "last_name": last}
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        citizens.append(user)
    return citizens


def _add_method(secretary, round, criteria):
    """[(code, spec, source, direction)] → the criteria by code."""
    added = {}
    for order, (code, spec, source, direction) in enumerate(criteria, start=1):
        fields = {key: value for key, value in spec.items() if key != "levels"}
        added[code] = workflow.add_criterion(
            secretary,
            round,
            code=code,
            order=order,
            source=source,
            direction=direction,
            levels=spec["levels"],
            **fields,
        )
    return added


def _candidate(secretary, round, code, cost_lei, competence_note, cofinancing):
    investment = Investment.objects.get(code=code)
    return workflow.add_candidate(
        secretary,
        round,
        investment,
        cost_bani=_bani(cost_lei),
        competence=True,
        competence_note=competence_note,
        cofinancing_ensured=cofinancing,
        cofinancing_note=(
            f"Bugetul propriu al județului pe {round.year}, cuprins în proiectul bugetului"
            if cofinancing
            else f"Cofinanțarea de 2% nu este cuprinsă în proiectul bugetului pe {round.year}"
        ),
    )


def _published_round(people, citizens, today):
    secretary, quality, evaluators = people["secretary"], people["quality"], people["evaluators"]
    day = lambda offset: today + datetime.timedelta(days=offset)  # noqa: E731
    year = today.year
    with calendar.clock_at(day(-150)):
        round = workflow.create_round(
            secretary,
            year=year,
            **_titles(year),
            envelope_bani=_bani(PUBLISHED_ENVELOPE_LEI),
            weight_method=Round.WeightMethod.DIRECT,
            votes_per_citizen=3,
            consultation_opens=day(-90),
            consultation_closes=day(-60),
        )
        criteria = _add_method(
            secretary,
            round,
            [
                ("C1", NEED, EXPERT, HIGHER),
                ("C2", POPULATION, COMPUTED, HIGHER),
                ("C3", COST_PER_BENEFICIARY, COMPUTED, LOWER),
                ("C4", MATURITY, EXPERT, HIGHER),
                ("C5", SUPPORT, CITIZEN, HIGHER),
            ],
        )
        weights = {"C1": 30, "C2": 20, "C3": 15, "C4": 15, "C5": 20}
        workflow.set_weights(secretary, round, {criteria[c].pk: Decimal(w) for c, w in weights.items()})
        round = workflow.lock(secretary, round)
    with calendar.clock_at(day(-140)):
        candidates = {}
        for code, (cost, population, competence_note, cofinancing) in PUBLISHED_CANDIDATES.items():
            candidate = _candidate(secretary, round, code, cost, competence_note, cofinancing)
            candidates[code] = candidate
            if not candidate.eligible:
                continue
            workflow.set_value(
                secretary, candidate, criteria["C2"], population, "Studiul de fezabilitate; INS, recensământul 2021"
            )
            workflow.set_value(
                secretary,
                candidate,
                criteria["C3"],
                (Decimal(cost) / Decimal(population)).quantize(Decimal("0.01")),
                "Costul cerut / populația deservită (C2)",
            )
        for user in evaluators.values():
            workflow.add_evaluator(secretary, round, user)
        workflow.advance(secretary, round)
    with calendar.clock_at(day(-120)):
        conflict_code, reason = CONFLICT
        workflow.declare_conflict(evaluators[CLERK], candidates[conflict_code], reason)
        for code, by_evaluator in SCORES.items():
            for key, user in evaluators.items():
                scores = by_evaluator[key]
                if scores is None:
                    continue
                (need, need_why), (maturity, maturity_why) = scores
                workflow.save_scores(
                    user,
                    candidates[code],
                    {criteria["C1"].pk: (need, need_why), criteria["C4"].pk: (maturity, maturity_why)},
                )
                workflow.submit_sheet(user, candidates[code])
        workflow.advance(secretary, round)
    with calendar.clock_at(day(-80)):
        for n, citizen in enumerate(citizens):
            choice = BALLOTS[n % len(BALLOTS)]
            workflow.cast_ballot(citizen, round, [candidates[code].pk for code in choice])
        for email, code, text in COMMENTS:
            author = User.objects.filter(email=email).first()
            if author is not None:
                # Read again: `comment` checks the state of the candidate's round, which has moved on since.
                workflow.comment(author, Candidate.objects.get(pk=candidates[code].pk), text)
    with calendar.clock_at(day(-59)):
        workflow.advance(secretary, round)
    with calendar.clock_at(day(-55)):
        code, value, note = AGREED
        workflow.record_agreed(quality, candidates[code], criteria["C1"], value, note)
        workflow.accept_medians(quality, round)
        # A wide spread nobody agreed on yet would stop the publication: the quality manager takes the median.
        for row in selectors.consolidation(round):
            if row.agreed is None and row.consolidated is not None:
                workflow.record_agreed(
                    quality, row.candidate, row.criterion, row.consolidated.median, "Mediana, convenită în comisie."
                )
    with calendar.clock_at(day(-50)):
        return workflow.publish(secretary, round)


def _open_round(people, citizens, today):
    secretary, evaluators = people["secretary"], people["evaluators"]
    year = today.year + 1
    round = workflow.create_round(
        secretary,
        year=year,
        **_titles(year),
        envelope_bani=_bani(NEXT_ENVELOPE_LEI),
        weight_method=Round.WeightMethod.PAIRWISE,
        votes_per_citizen=3,
        consultation_opens=today,
        consultation_closes=today + datetime.timedelta(days=30),
    )
    criteria = _add_method(
        secretary,
        round,
        [
            ("C1", NEED, EXPERT, HIGHER),
            ("C2", POPULATION, COMPUTED, HIGHER),
            ("C3", MATURITY, EXPERT, HIGHER),
            ("C4", SUPPORT, CITIZEN, HIGHER),
        ],
    )
    c1, c2, c3, c4 = (criteria[code].pk for code in ("C1", "C2", "C3", "C4"))
    # Priorities 4 : 2 : 1 : 2: every judgement is the ratio of two of them, so the judgements are consistent.
    result = workflow.set_judgements(
        secretary,
        round,
        {(c1, c2): "2", (c1, c3): "4", (c1, c4): "2", (c2, c3): "2", (c2, c4): "1", (c3, c4): "1/2"},
    )
    assert result is not None and result.accepted, result
    round = workflow.lock(secretary, round)
    candidates = {}
    for code, (cost, population, competence_note) in NEXT_CANDIDATES.items():
        candidate = _candidate(secretary, round, code, cost, competence_note, True)
        candidates[code] = candidate
        workflow.set_value(
            secretary, candidate, criteria["C2"], population, "Studiul de fezabilitate; INS, recensământul 2021"
        )
    for user in evaluators.values():
        workflow.add_evaluator(secretary, round, user)
    workflow.advance(secretary, round)
    for code, by_evaluator in NEXT_SCORES.items():
        for key, user in evaluators.items():
            need, maturity = by_evaluator[key]
            workflow.save_scores(
                user,
                candidates[code],
                {criteria["C1"].pk: (need, JUSTIFICATION), criteria["C3"].pk: (maturity, JUSTIFICATION)},
            )
            workflow.submit_sheet(user, candidates[code])
    workflow.advance(secretary, round)
    with calendar.clock_at(today):
        for n, citizen in enumerate(citizens[:NEXT_VOTERS]):
            choice = NEXT_BALLOTS[n % len(NEXT_BALLOTS)]
            workflow.cast_ballot(citizen, round, [candidates[code].pk for code in choice])
    return round


def _draft_round(people, today):
    secretary = people["secretary"]
    year = today.year + 2
    round = workflow.create_round(
        secretary,
        year=year,
        **_titles(year),
        envelope_bani=_bani(40_000_000),
        weight_method=Round.WeightMethod.DIRECT,
        votes_per_citizen=3,
    )
    # Work in progress: two criteria, the weights not yet set.
    _add_method(secretary, round, [("C1", NEED, EXPERT, HIGHER), ("C2", POPULATION, COMPUTED, HIGHER)])
    return round
