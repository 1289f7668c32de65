"""The demo's public investments: fourteen objectives of the county council (a road in two lots, a hospital wing, a
school, a water network, a bridge, a museum, a sports hall, a day centre, a cycle track, a digitalisation project, a
cancelled one and one in operation), each taken through `investments.workflow` so the history is filled and the four
eyes are kept: the clerk enters, the head validates. Every date is counted back from the day of loading, so the late
stages, the contracts ending soon and the payments awaiting reimbursement are there whenever the demo is loaded."""

import datetime
import unicodedata
from decimal import Decimal

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from portal import demo as portal_demo
from portal.models import User
from services.calendar import clock_at
from services.calendar import today as calendar_today
from services.models import Department, Membership
from services.permissions import forget_memberships

from . import figures, workflow
from .models import Amendment, FundingSource, Investment, LedgerEntry, Stage
from .prioritisation import demo as prioritisation_demo

# The council whose decisions approve the indicators ("Hotărârea Consiliului Județean").
COUNCIL = "HCJ"

DEPARTMENT = {
    "code": "investitii",
    "name": "Direcția Investiții și Achiziții Publice",
    "name_hu": "Beruházási és Közbeszerzési Igazgatóság",
    "name_en": "Investments and Public Procurement Department",
    "email": "investitii@primaria-exemplu.ro",
}
# Fixed authenticator secrets, like portal.demo.STAFF: the codes in a phone keep working after a reload.
STAFF = {
    "head_investments": ("sef.investitii@ghiseul.demo", "Dan", "Crișan", "NFXHMZLTORUXI2LJFVUGKYLEFUZDAMRW", "head"),
    "clerk_investments": (
        "referent.investitii@ghiseul.demo",
        "Andreea",
        "Rus",
        "NFXHMZLTORUXI2LJFVRWY4TLFUZDAMRW",
        "clerk",
    ),
}
# The citizen who follows two of the published investments.
FOLLOWER_EMAIL = portal_demo.CITIZENS[0][0]
FOLLOWED = ("INV-01", "INV-02")

CONTRACTORS = {
    "geotop": ("Geotop Proiect SRL", "14523018"),
    "drumuri": ("Drumuri Someș Construct SA", "RO23165474"),
    "carpati": ("Carpați Infrastructură SRL", "30784120"),
    "medconstruct": ("MedConstruct Napoca SA", "RO18965349"),
    "termo": ("Termo Renov Transilvania SRL", "27450198"),
    "hidro": ("Hidro Instal Câmpia SRL", "33912070"),
    "aries": ("Arieș Poduri SRL", "41208760"),
    "restaurari": ("Transilvania Restaurări SRL", "15673420"),
    "dirigenti": ("Consult Dirigenți Cluj SRL", "22096350"),
    "sport": ("Sport Build Apahida SRL", "28901458"),
    "datanet": ("Datanet Cluj Solutions SRL", "RO36452902"),
    "somes": ("Construcții Someș Nord SRL", "10239871"),
    "velo": ("Velo Proiect Consult SRL", "38172542"),
}

# The evidence each stage's document stands for: (file name, title of the document).
EVIDENCE = {
    Stage.Kind.CONCEPT_NOTE: ("nota-conceptuala", "Nota conceptuală aprobată"),
    Stage.Kind.DESIGN_BRIEF: ("tema-de-proiectare", "Tema de proiectare aprobată"),
    Stage.Kind.FEASIBILITY: ("pv-receptie-studiu", "Proces-verbal de recepție a studiului de fezabilitate / DALI"),
    Stage.Kind.INDICATORS: ("hotarare-indicatori", "Hotărârea de aprobare a indicatorilor tehnico-economici"),
    Stage.Kind.PERMIT_PROJECT: ("autorizatie-de-construire", "Autorizația de construire"),
    Stage.Kind.EXECUTION_PROJECT: ("pv-receptie-pt", "Proces-verbal de recepție a proiectului tehnic (PT)"),
    Stage.Kind.PROCUREMENT: ("raportul-procedurii", "Raportul procedurii de atribuire (SEAP/SICAP)"),
    Stage.Kind.CONTRACT: ("contract", "Contractul de achiziție publică semnat"),
    Stage.Kind.EXECUTION: ("pv-terminare-lucrari", "Comunicarea de terminare a lucrărilor"),
    Stage.Kind.RECEPTION: ("pv-receptie-terminare", "Proces-verbal de recepție la terminarea lucrărilor"),
    Stage.Kind.FINAL_RECEPTION: ("pv-receptie-finala", "Proces-verbal de recepție finală"),
    Stage.Kind.OPERATION: ("pv-punere-in-functiune", "Proces-verbal de punere în funcțiune"),
    Stage.Kind.CANCELLED: ("hotarare-incetare", "Hotărârea privind încetarea obiectivului de investiții"),
}

S = Stage.Kind
F = FundingSource.Kind
A = Amendment.Kind
V, P = "v", "p"  # validated by the head, left pending; ("r", reason) for rejected

# Every date is a number of days from the day of loading (negative: in the past).
INVESTMENTS = [
    {
        "code": "INV-01",
        "title": (
            "Modernizarea drumului județean DJ 103G Luna de Sus – Vlaha – Săvădisla, km 12+000 – 27+450",
            "A DJ 103G megyei út korszerűsítése Magyarlóna – Magyarfenes – Tordaszentlászló között, "
            "12+000 – 27+450 km",
            "Modernisation of county road DJ 103G Luna de Sus – Vlaha – Săvădisla, km 12+000 – 27+450",
        ),
        "description": (
            "Lărgirea părții carosabile la 7,00 m, sistem rutier nou din mixturi asfaltice, șanțuri și podețe, "
            "acostamente și siguranța circulației (marcaje, parapete). Lucrările sunt împărțite în două loturi, "
            "contractate separat; proiectarea și asistența tehnică sunt contractate pentru tot drumul.",
            "Az úttest 7,00 méterre szélesítése, új aszfaltburkolat, árkok és átereszek, padkák, "
            "közlekedésbiztonsági elemek (útburkolati jelek, szalagkorlátok). A munkálatok két, külön szerződött "
            "tételre oszlanak; a tervezés és a tervezői művezetés az egész útra szól.",
            "Widening of the carriageway to 7.00 m, a new asphalt road structure, ditches and culverts, shoulders "
            "and road safety (markings, guard rails). The works are split into two lots, contracted separately; "
            "the design and the designer's technical assistance are contracted for the whole road.",
        ),
        "address": "DJ 103G, între Luna de Sus și Săvădisla, județul Cluj",
        "point": ("46.708500", "23.479000"),
        "decision": (112, -1000),
        "planned": (-800, 240),
        "responsible": "head",
        "stages": [
            (S.CONCEPT_NOTE, -1500, -1490),
            (S.DESIGN_BRIEF, -1460, -1450),
            (S.FEASIBILITY, -1100, -1060),
            (S.INDICATORS, -1000, -1000),
            (S.PERMIT_PROJECT, -880, -870),
            (S.EXECUTION_PROJECT, -820, -800),
        ],
        "funding": {"local": (F.LOCAL_BUDGET, "Bugetul propriu al județului", 1_450_000, 100)},
        "contracts": {
            "design": {
                "number": 318,
                "reference": "SCN1098342",
                "subject": "Servicii de proiectare (SF, DTAC, PT) și asistență tehnică din partea proiectantului",
                "contractor": "geotop",
                "value": 1_180_000,
                "signed": -1250,
                "starts": -1245,
                "days": 1500,
            }
        },
        "ledger": [
            ("pay", "p1", -1040, "design", "local", "499800.00", V),
            ("pay", "p2", -790, "design", "local", "571200.00", V),
        ],
        "publish": True,
    },
    {
        "code": "INV-01.1",
        "parent": "INV-01",
        "title": (
            "DJ 103G – Lotul 1: Luna de Sus – Vlaha, km 12+000 – 19+600",
            "DJ 103G – 1. tétel: Magyarlóna – Magyarfenes, 12+000 – 19+600 km",
            "DJ 103G – Lot 1: Luna de Sus – Vlaha, km 12+000 – 19+600",
        ),
        "description": (
            "7,6 km de drum modernizat, 14 podețe și trotuare în traversarea localității Luna de Sus.",
            "7,6 km korszerűsített út, 14 áteresz és járdák Magyarlóna belterületén.",
            "7.6 km of modernised road, 14 culverts and pavements through the village of Luna de Sus.",
        ),
        "address": "DJ 103G km 12+000 – 19+600, Luna de Sus – Vlaha",
        "point": ("46.733000", "23.452000"),
        "decision": (112, -1000),
        "planned": (-700, -120),
        "stages": [
            (S.PROCUREMENT, -730, -720),
            (S.CONTRACT, -700, -700),
            (S.EXECUTION, -150, -140),
            (S.RECEPTION, -120, -110),
            (S.FINAL_RECEPTION, 990, None),
        ],
        "funding": {
            "state": (F.STATE_BUDGET, "Programul Național de Dezvoltare Locală (PNDL II)", 20_100_000, 0),
            "local": (F.LOCAL_BUDGET, "Bugetul propriu al județului", 1_150_000, 100),
        },
        "contracts": {
            "works": {
                "number": 1245,
                "reference": "CN1071234",
                "subject": "Execuția lucrărilor de modernizare, Lotul 1",
                "contractor": "drumuri",
                "value": 16_850_000,
                "signed": -700,
                "starts": -690,
                "days": 540,
            }
        },
        "ledger": [
            ("pay", "p1", -600, "works", "state", "2100000.00", V),
            ("pay", "p2", -500, "works", "state", "3400000.00", V),
            ("claim", "c1", -480, ["p1", "p2"], V),
            ("reimburse", -440, "c1", 0, V),
            ("pay", "p3", -400, "works", "state", "4200000.00", V),
            ("pay", "p4", -300, "works", "state", "4600000.00", V),
            ("claim", "c2", -280, ["p3", "p4"], V),
            ("reimburse", -240, "c2", 0, V),
            ("pay", "p5", -200, "works", "state", "3800000.00", V),
            ("claim", "c3", -190, ["p5"], V),
            ("reimburse", -150, "c3", 0, V),
            ("pay", "p6", -110, "works", "state", "1951500.00", V),
            ("claim", "c4", -100, ["p6"], V),
            ("reimburse", -60, "c4", 0, V),
        ],
        "progress": (-120, [4, 12, 25, 41, 58, 76, 93, 100], False),
        "publish": True,
    },
    {
        "code": "INV-01.2",
        "parent": "INV-01",
        "title": (
            "DJ 103G – Lotul 2: Vlaha – Săvădisla, km 19+600 – 27+450",
            "DJ 103G – 2. tétel: Magyarfenes – Tordaszentlászló, 19+600 – 27+450 km",
            "DJ 103G – Lot 2: Vlaha – Săvădisla, km 19+600 – 27+450",
        ),
        "description": (
            "7,85 km de drum, două poduri dalate și ziduri de sprijin la km 23+400, unde o alunecare de teren a "
            "apărut în timpul execuției.",
            "7,85 km út, két lemezhíd és támfalak a 23+400 km-nél, ahol a kivitelezés közben földcsuszamlás történt.",
            "7.85 km of road, two slab bridges and retaining walls at km 23+400, where a landslide occurred during "
            "the works.",
        ),
        "address": "DJ 103G km 19+600 – 27+450, Vlaha – Săvădisla",
        "point": ("46.689000", "23.461000"),
        "decision": (112, -1000),
        "planned": (-420, 60),
        "stages": [
            (S.PROCUREMENT, -520, -470),
            (S.CONTRACT, -450, -430),
            (S.EXECUTION, -30, None),
            (S.RECEPTION, 30, None),
        ],
        "funding": {
            "state": (F.STATE_BUDGET, "Programul Național de Dezvoltare Locală (PNDL II)", 27_500_000, 0),
            "local": (F.LOCAL_BUDGET, "Bugetul propriu al județului", 2_300_000, 100),
        },
        "contracts": {
            "works": {
                "number": 1630,
                "reference": "CN1071235",
                "subject": "Execuția lucrărilor de modernizare, Lotul 2",
                "contractor": "carpati",
                "value": 19_740_000,
                "signed": -430,
                "starts": -420,
                "days": 400,
            }
        },
        "amendments": [
            (
                "works",
                "1",
                -200,
                A.VALUE,
                "Ziduri de sprijin la km 23+400, după alunecarea de teren constatată prin nota de constatare "
                "nr. 4/2026: lucrări suplimentare.",
                1_236_000,
                0,
            ),
            (
                "works",
                "2",
                -45,
                A.DURATION,
                "Prelungirea duratei de execuție cu 150 de zile: lucrările suplimentare și condițiile meteo "
                "nefavorabile.",
                0,
                150,
            ),
        ],
        "ledger": [
            ("pay", "p1", -330, "works", "state", "2850000.00", V),
            ("claim", "c1", -310, ["p1"], V),
            ("reimburse", -270, "c1", 0, V),
            ("pay", "p2", -240, "works", "state", "4120000.00", V),
            ("claim", "c2", -220, ["p2"], V),
            ("reimburse", -180, "c2", 0, V),
            ("pay", "p3", -150, "works", "state", "5300000.00", V),
            ("claim", "c3", -130, ["p3"], V),
            ("reimburse", -85, "c3", 0, V),
            ("pay", "p4", -60, "works", "state", "4480000.00", V),
            ("claim", "c4", -45, ["p4"], V),
            ("invoice", -12, "works", "3150000.00", P),
        ],
        "progress": (-65, [8, 22, 41, 58], True),
        "publish": True,
    },
    {
        "code": "INV-02",
        "title": (
            "Construirea unui corp nou pentru Secția de Anestezie și Terapie Intensivă a Spitalului Clinic Județean "
            "de Urgență",
            "Új épületszárny a Megyei Sürgősségi Klinikai Kórház Aneszteziológiai és Intenzív Terápiás Osztálya "
            "számára",
            "A new wing for the Anaesthesia and Intensive Care Unit of the County Emergency Clinical Hospital",
        ),
        "description": (
            "Clădire P+4E cu 64 de paturi de terapie intensivă, bloc operator cu 6 săli, heliport pe terasă și "
            "legătură acoperită cu corpul principal. Finanțare PNRR, Componenta 12 – Sănătate.",
            "Földszint + 4 emeletes épület 64 intenzív terápiás ággyal, hat műtőből álló műtőblokkal, "
            "tetőhelikopter-leszállóval és a főépülettel összekötő fedett átjáróval. Finanszírozás: PNRR, "
            "12. komponens – Egészségügy.",
            "A ground-plus-four-storey building with 64 intensive care beds, an operating block of six theatres, a "
            "rooftop helipad and a covered link to the main building. Funded by the PNRR, Component 12 – Health.",
        ),
        "address": "Str. Spitalului nr. 12, Cluj-Napoca",
        "point": ("46.764800", "23.583600"),
        "decision": (87, -900),
        "planned": (-600, 300),
        "responsible": "head",
        "stages": [
            (S.CONCEPT_NOTE, -1300, -1290),
            (S.DESIGN_BRIEF, -1270, -1265),
            (S.FEASIBILITY, -1000, -980),
            (S.INDICATORS, -900, -900),
            (S.PERMIT_PROJECT, -800, -790),
            (S.EXECUTION_PROJECT, -700, -680),
            (S.PROCUREMENT, -650, -640),
            (S.CONTRACT, -620, -610),
            (S.EXECUTION, 300, None),
            (S.RECEPTION, 330, None),
        ],
        "funding": {
            "pnrr": (
                F.PNRR,
                "PNRR – Componenta 12 Sănătate, Investiția 2: infrastructura spitalicească publică",
                92_000_000,
                0,
            ),
            "local": (F.LOCAL_BUDGET, "Bugetul propriu al județului", 6_200_000, 100),
        },
        "contracts": {
            "works": {
                "number": 211,
                "reference": "CN1069987",
                "subject": "Proiectarea și execuția lucrărilor – corpul nou ATI",
                "contractor": "medconstruct",
                "value": 71_380_000,
                "signed": -610,
                "starts": -600,
                "days": 900,
            }
        },
        "amendments": [
            (
                "works",
                "1",
                -150,
                A.VALUE,
                "Ajustarea prețului contractului potrivit OUG nr. 64/2022, pentru creșterea prețurilor materialelor.",
                2_854_000,
                0,
            ),
        ],
        "ledger": [
            ("pay", "p1", -540, "works", "pnrr", "8494220.00", V),
            ("claim", "c1", -520, ["p1"], V),
            ("reimburse", -480, "c1", 0, V),
            ("pay", "p2", -420, "works", "pnrr", "12300000.00", V),
            ("claim", "c2", -400, ["p2"], V),
            ("reimburse", -350, "c2", 0, V),
            ("pay", "p3", -300, "works", "pnrr", "11800000.00", V),
            ("claim", "c3", -280, ["p3"], V),
            ("reimburse", -220, "c3", "185400.00", V),
            ("pay", "p4", -200, "works", "pnrr", "9450000.00", V),
            ("claim", "c4", -180, ["p4"], V),
            ("reimburse", -130, "c4", 0, V),
            ("pay", "p5", -120, "works", "pnrr", "10200000.00", V),
            ("claim", "c5", -100, ["p5"], V),
            ("pay", "p6", -45, "works", "pnrr", "7800000.00", V),
            ("invoice", -20, "works", "6150000.00", V),
            ("paid", "p7", -6, "works", "pnrr", "6150000.00", P),
        ],
        "progress": (-65, [3, 11, 24, 37, 49, 58], False),
        "publish": True,
    },
    {
        "code": "INV-03",
        "title": (
            "Reabilitarea și eficientizarea energetică a Liceului Tehnologic Special pentru Deficienți de Auz",
            "A Hallássérültek Speciális Szakközépiskolája épületének felújítása és energiahatékonysági korszerűsítése",
            "Renovation and energy efficiency of the Special Technical High School for the Hearing Impaired",
        ),
        "description": (
            "Termoizolarea fațadelor și a terasei, tâmplărie nouă, pompe de căldură, panouri fotovoltaice de 60 kWp "
            "și ventilare cu recuperare de căldură: clasa energetică trece de la D la A.",
            "A homlokzatok és a lapostető hőszigetelése, új nyílászárók, hőszivattyúk, 60 kWp-s napelemes rendszer "
            "és hővisszanyerős szellőzés: az épület energiaosztálya D-ről A-ra javul.",
            "Insulation of the facades and the roof terrace, new windows, heat pumps, a 60 kWp solar array and "
            "ventilation with heat recovery: the energy class rises from D to A.",
        ),
        "address": "Str. Avram Iancu nr. 41, Cluj-Napoca",
        "point": ("46.769000", "23.596000"),
        "decision": (203, -760),
        "planned": (-450, 180),
        "stages": [
            (S.CONCEPT_NOTE, -900, -890),
            (S.FEASIBILITY, -820, -800),
            (S.INDICATORS, -760, -760),
            (S.PERMIT_PROJECT, -700, -690),
            (S.EXECUTION_PROJECT, -600, -580),
            (S.PROCUREMENT, -520, -470),
            (S.CONTRACT, -460, -455),
            (S.EXECUTION, 150, None),
            (S.RECEPTION, 180, None),
        ],
        "funding": {
            "eu": (F.EU_FUNDS, "Programul Regional Nord-Vest 2021-2027 – eficiență energetică", 10_600_000, 2),
            "local": (F.LOCAL_BUDGET, "Bugetul propriu al județului", 950_000, 100),
        },
        "contracts": {
            "works": {
                "number": 1502,
                "reference": "CN1074410",
                "subject": "Execuția lucrărilor de reabilitare și eficientizare energetică",
                "contractor": "termo",
                "value": 8_960_000,
                "signed": -455,
                "starts": -445,
                "days": 540,
            }
        },
        "amendments": [
            (
                "works",
                "1",
                -220,
                A.SCOPE,
                "Termoizolația fațadelor din vată minerală bazaltică (clasa A1 de reacție la foc) în locul "
                "polistirenului, la cererea ISU, fără modificarea valorii contractului.",
                0,
                0,
            ),
        ],
        "ledger": [
            ("pay", "p1", -380, "works", "eu", "1250000.00", V),
            ("claim", "c1", -360, ["p1"], V),
            ("reimburse", -300, "c1", 0, V),
            ("pay", "p2", -290, "works", "eu", "1830000.00", V),
            ("claim", "c2", -270, ["p2"], V),
            ("reimburse", -200, "c2", 0, V),
            ("invoice", -225, "works", "2154000.00", V),
            (
                "paid",
                "wrong",
                -200,
                "works",
                "eu",
                "2145000.00",
                ("r", "Suma nu corespunde ordinului de plată: pe OP este 2.154.000,00 lei, nu 2.145.000,00 lei."),
            ),
            ("paid", "p3", -200, "works", "eu", "2154000.00", V),
            ("claim", "c3", -180, ["p3"], V),
            ("reimburse", -120, "c3", 0, V),
            ("pay", "p4", -110, "works", "eu", "1690000.00", V),
            ("claim", "c4", -95, ["p4"], V),
            ("reimburse", -20, "c4", 0, P),
            ("invoice", -30, "works", "980000.00", V),
            ("paid", "p5", -25, "works", "eu", "980000.00", P),
        ],
        "progress": (-65, [2, 9, 23, 38, 52], True),
        "publish": True,
    },
    {
        "code": "INV-04",
        "title": (
            "Extinderea rețelei de alimentare cu apă potabilă în comunele Mociu și Frata",
            "Az ivóvízhálózat bővítése Mócs és Magyarfráta községben",
            "Extension of the drinking water network in the communes of Mociu and Frata",
        ),
        "description": (
            "38,6 km de rețea de distribuție, două rezervoare de 500 m³, o stație de pompare și 1.240 de branșamente "
            "pentru 11 sate. Finanțare: Programul Național de Investiții „Anghel Saligny”.",
            "38,6 km elosztóhálózat, két 500 m³-es víztározó, egy szivattyútelep és 1240 bekötés 11 falu számára. "
            "Finanszírozás: „Anghel Saligny” Országos Beruházási Program.",
            "38.6 km of distribution network, two 500 m³ storage tanks, a pumping station and 1,240 connections for "
            "11 villages. Funded by the “Anghel Saligny” National Investment Programme.",
        ),
        "address": "Comunele Mociu și Frata, județul Cluj",
        "point": ("46.762000", "24.035000"),
        "decision": (158, -1050),
        "planned": (-650, -60),
        "stages": [
            (S.FEASIBILITY, -1150, -1120),
            (S.INDICATORS, -1050, -1050),
            (S.EXECUTION_PROJECT, -820, -800),
            (S.PROCUREMENT, -720, -700),
            (S.CONTRACT, -680, -675),
            (S.EXECUTION, -60, None),
            (S.RECEPTION, -30, None),
        ],
        "funding": {
            "state": (F.STATE_BUDGET, "Programul Național de Investiții „Anghel Saligny”", 17_400_000, 0),
            "local": (F.LOCAL_BUDGET, "Bugetul propriu al județului", 820_000, 100),
        },
        "contracts": {
            "works": {
                "number": 96,
                "reference": "CN1066021",
                "subject": "Execuția rețelei de distribuție a apei potabile, a rezervoarelor și a branșamentelor",
                "contractor": "hidro",
                "value": 14_275_000,
                "signed": -675,
                "starts": -665,
                "days": 600,
            }
        },
        "amendments": [
            (
                "works",
                "1",
                -80,
                A.DURATION,
                "Prelungirea duratei de execuție cu 180 de zile: avizele de traversare a DN 16 au întârziat.",
                0,
                180,
            ),
        ],
        "ledger": [
            ("pay", "p1", -560, "works", "state", "1980000.00", V),
            ("claim", "c1", -540, ["p1"], V),
            ("reimburse", -500, "c1", 0, V),
            ("pay", "p2", -450, "works", "state", "2760000.00", V),
            ("claim", "c2", -430, ["p2"], V),
            ("reimburse", -380, "c2", 0, V),
            ("pay", "p3", -330, "works", "state", "3410000.00", V),
            ("claim", "c3", -310, ["p3"], V),
            ("reimburse", -250, "c3", 0, V),
            ("pay", "p4", -210, "works", "state", "2950000.00", V),
            ("claim", "c4", -190, ["p4"], V),
            ("pay", "p5", -130, "works", "state", "2240000.00", V),
            ("claim", "c5", -115, ["p5"], V),
            ("pay", "p6", -40, "works", "state", "1150000.00", V),
        ],
        "progress": (-65, [5, 14, 27, 41, 56, 68, 77], False),
        "publish": True,
    },
    {
        "code": "INV-05",
        "title": (
            "Reconstruirea podului peste râul Arieș pe DJ 107M, la Moldovenești",
            "Az Aranyos folyón átívelő híd újjáépítése a DJ 107M megyei úton, Várfalvánál",
            "Rebuilding of the bridge over the Arieș river on county road DJ 107M at Moldovenești",
        ),
        "description": (
            "Pod nou din beton precomprimat cu trei deschideri și 96 m lungime, trotuare pe ambele părți, racordări "
            "la drum și apărări de mal. Podul vechi, din 1962, avea restricție de tonaj de 10 t.",
            "Új, háromnyílású, 96 méter hosszú feszített vasbeton híd, mindkét oldalon járdával, útcsatlakozásokkal "
            "és partvédelemmel. Az 1962-ben épült régi hídon 10 tonnás súlykorlátozás volt.",
            "A new three-span prestressed concrete bridge, 96 m long, with pavements on both sides, road "
            "connections and bank protection. The old bridge, from 1962, had a 10-tonne weight limit.",
        ),
        "address": "DJ 107M km 8+250, Moldovenești",
        "point": ("46.496000", "23.656000"),
        "decision": (45, -560),
        "planned": (-400, 10),
        "stages": [
            (S.FEASIBILITY, -700, -690),
            (S.INDICATORS, -560, -560),
            (S.EXECUTION_PROJECT, -480, -470),
            (S.PROCUREMENT, -430, -420),
            (S.CONTRACT, -410, -400),
            (S.EXECUTION, 10, None),
            (S.RECEPTION, 25, None),
        ],
        "funding": {
            "loan": (F.LOAN, "Credit bancar intern pentru investiții de interes județean", 9_300_000, 0),
            "local": (F.LOCAL_BUDGET, "Bugetul propriu al județului", 450_000, 100),
        },
        "contracts": {
            "works": {
                "number": 1711,
                "reference": "CN1075518",
                "subject": "Proiectarea și execuția podului de pe DJ 107M, km 8+250",
                "contractor": "aries",
                "value": 7_640_000,
                "signed": -400,
                "starts": -390,
                "days": 400,
            }
        },
        "ledger": [
            ("pay", "p1", -300, "works", "loan", "1540000.00", V),
            ("pay", "p2", -200, "works", "loan", "2380000.00", V),
            ("pay", "p3", -100, "works", "loan", "2910000.00", V),
            ("invoice", -18, "works", "1630000.00", P),
        ],
        "progress": (-65, [12, 35, 61, 84], False),
        "publish": True,
    },
    {
        "code": "INV-06",
        "title": (
            "Restaurarea și consolidarea clădirii Muzeului Județean de Istorie, monument istoric",
            "A Megyei Történeti Múzeum műemlék épületének restaurálása és megerősítése",
            "Restoration and strengthening of the County History Museum building, a listed monument",
        ),
        "description": (
            "Consolidarea structurii din zidărie, restaurarea fațadelor și a decorațiilor interioare, refacerea "
            "acoperișului, instalații noi și acces pentru persoanele cu dizabilități.",
            "A falazott tartószerkezet megerősítése, a homlokzatok és a belső díszítések restaurálása, a tető "
            "felújítása, új épületgépészet és akadálymentes megközelítés.",
            "Strengthening of the masonry structure, restoration of the facades and the interior decoration, a new "
            "roof, new building services and step-free access.",
        ),
        "address": "Str. Muzeului nr. 2, Cluj-Napoca",
        "point": ("46.772200", "23.587000"),
        "decision": (231, -600),
        "planned": (-250, 500),
        "stages": [
            (S.FEASIBILITY, -800, -780),
            (S.INDICATORS, -600, -600),
            (S.PERMIT_PROJECT, -500, -480),
            (S.EXECUTION_PROJECT, -420, -400),
            (S.PROCUREMENT, -330, -300),
            (S.CONTRACT, -280, -270),
            (S.EXECUTION, 450, None),
            (S.RECEPTION, 480, None),
        ],
        "funding": {
            "eu": (F.EU_FUNDS, "Programul Regional Nord-Vest 2021-2027 – patrimoniu cultural", 15_900_000, 2),
            "local": (F.LOCAL_BUDGET, "Bugetul propriu al județului", 600_000, 100),
        },
        "contracts": {
            "works": {
                "number": 402,
                "reference": "CN1079903",
                "subject": "Execuția lucrărilor de restaurare și consolidare",
                "contractor": "restaurari",
                "value": 12_480_000,
                "signed": -270,
                "starts": -255,
                "days": 720,
            },
            "supervision": {
                "number": 409,
                "reference": "DA37215406",
                "subject": "Servicii de dirigenție de șantier",
                "contractor": "dirigenti",
                "value": 186_000,
                "signed": -268,
                "starts": -255,
                "days": 760,
            },
        },
        "ledger": [
            ("pay", "p1", -200, "works", "eu", "1120000.00", V),
            ("claim", "c1", -180, ["p1"], V),
            ("reimburse", -120, "c1", 0, V),
            ("pay", "s1", -150, "supervision", "local", "37510.00", V),
            ("pay", "p2", -110, "works", "eu", "1480000.00", V),
            ("claim", "c2", -90, ["p2"], V),
            ("reimburse", -30, "c2", 0, V),
            ("pay", "s2", -60, "supervision", "local", "37510.00", V),
            ("invoice", -25, "works", "1305000.00", V),
            ("paid", "p3", -20, "works", "eu", "1305000.00", P),
        ],
        "progress": (-65, [3, 9, 17], False),
        "publish": False,
    },
    {
        "code": "INV-07",
        "title": (
            "Sală de sport cu 180 de locuri pentru Centrul Școlar pentru Educație Incluzivă din Turda",
            "180 férőhelyes tornaterem a tordai Inkluzív Nevelési Iskolaközpont számára",
            "A 180-seat sports hall for the Inclusive Education School Centre in Turda",
        ),
        "description": (
            "Sală de sport de 36 × 18 m cu tribună de 180 de locuri, vestiare accesibile, sală de kinetoterapie și "
            "încălzire cu pompe de căldură. Finanțare integrală din bugetul județului.",
            "36 × 18 méteres tornaterem 180 férőhelyes lelátóval, akadálymentes öltözőkkel, gyógytornateremmel és "
            "hőszivattyús fűtéssel. Teljes egészében a megyei költségvetésből finanszírozva.",
            "A 36 × 18 m sports hall with a 180-seat stand, accessible changing rooms, a physiotherapy room and "
            "heat-pump heating. Funded entirely from the county budget.",
        ),
        "address": "Str. Școlii nr. 5, Turda",
        "point": ("46.569000", "23.785000"),
        "decision": (178, -1200),
        "planned": (-800, -60),
        "stages": [
            (S.FEASIBILITY, -1300, -1280),
            (S.INDICATORS, -1200, -1200),
            (S.PERMIT_PROJECT, -1100, -1080),
            (S.EXECUTION_PROJECT, -1000, -990),
            (S.PROCUREMENT, -900, -860),
            (S.CONTRACT, -840, -830),
            (S.EXECUTION, -90, -75),
            (S.RECEPTION, -60, -40),
            (S.FINAL_RECEPTION, 1055, None),
        ],
        "funding": {"local": (F.LOCAL_BUDGET, "Bugetul propriu al județului", 7_150_000, 100)},
        "contracts": {
            "works": {
                "number": 1188,
                "reference": "CN1062247",
                "subject": "Execuția sălii de sport",
                "contractor": "sport",
                "value": 5_870_000,
                "signed": -830,
                "starts": -820,
                "days": 750,
            }
        },
        "ledger": [
            ("pay", "p1", -700, "works", "local", "880000.00", V),
            ("pay", "p2", -580, "works", "local", "1450000.00", V),
            ("pay", "p3", -460, "works", "local", "1620000.00", V),
            ("pay", "p4", -340, "works", "local", "1390000.00", V),
            ("pay", "p5", -220, "works", "local", "1100000.00", V),
            ("pay", "p6", -50, "works", "local", "545300.00", V),
        ],
        "progress": (-75, [2, 10, 22, 35, 49, 63, 78, 92, 100], False),
        "publish": True,
    },
    {
        "code": "INV-08",
        "title": (
            "Centru de zi pentru persoane vârstnice în municipiul Câmpia Turzii",
            "Nappali központ idős személyek számára Aranyosgyéresen",
            "A day centre for older people in Câmpia Turzii",
        ),
        "description": (
            "Transformarea unei clădiri dezafectate într-un centru de zi pentru 40 de persoane vârstnice: cabinet "
            "medical, sală de kinetoterapie, cantină și grădină. Finanțare PNRR, Componenta 13 – Reforme sociale. "
            "Atribuirea contractului de execuție întârzie: o contestație este în curs la CNSC.",
            "Egy használaton kívüli épület átalakítása 40 idős személyt fogadó nappali központtá: orvosi rendelő, "
            "gyógytornaterem, étkezde és kert. Finanszírozás: PNRR, 13. komponens – Szociális reformok. A "
            "kivitelezési szerződés odaítélése késik: óvás van folyamatban a CNSC-nél.",
            "Conversion of a disused building into a day centre for 40 older people: a doctor's office, a "
            "physiotherapy room, a canteen and a garden. Funded by the PNRR, Component 13 – Social reforms. The "
            "award of the works contract is late: a challenge is pending before the CNSC.",
        ),
        "address": "Str. Libertății nr. 14, Câmpia Turzii",
        "point": ("46.548000", "23.880000"),
        "decision": (96, -700),
        "planned": (-250, 200),
        "stages": [
            (S.FEASIBILITY, -820, -800),
            (S.INDICATORS, -700, -700),
            (S.EXECUTION_PROJECT, -420, -400),
            (S.PROCUREMENT, -60, None),
            (S.CONTRACT, -30, None),
            (S.EXECUTION, 300, None),
        ],
        "funding": {"pnrr": (F.PNRR, "PNRR – Componenta 13 Reforme sociale", 4_600_000, 0)},
        "contracts": {
            "design": {
                "number": 77,
                "reference": "DA36904117",
                "subject": "Servicii de proiectare, faza PT și detalii de execuție",
                "contractor": "geotop",
                "value": 164_000,
                "signed": -640,
                "starts": -635,
                "days": 240,
            }
        },
        "ledger": [
            ("pay", "p1", -420, "design", "pnrr", "195160.00", V),
            ("claim", "c1", -400, ["p1"], V),
            ("reimburse", -330, "c1", 0, V),
        ],
        "publish": False,
    },
    {
        "code": "INV-09",
        "title": (
            "Pistă de biciclete Cluj-Napoca – Florești – Gilău, de-a lungul Someșului Mic",
            "Kerékpárút Kolozsvár – Szászfenes – Gyalu között, a Kis-Szamos mentén",
            "Cycle track Cluj-Napoca – Florești – Gilău along the Someșul Mic river",
        ),
        "description": (
            "Traseu de 19 km pentru bicicliști și pietoni pe digul Someșului Mic, cu iluminat alimentat solar, trei "
            "pasarele și puncte de închiriere. Studiul de fezabilitate este în elaborare.",
            "19 km-es kerékpáros és gyalogos útvonal a Kis-Szamos gátján, napelemes világítással, három "
            "gyaloghíddal és kölcsönzőpontokkal. A megvalósíthatósági tanulmány készül.",
            "A 19 km route for cyclists and pedestrians on the Someșul Mic embankment, with solar-powered lighting, "
            "three footbridges and rental points. The feasibility study is being prepared.",
        ),
        "address": "Digul Someșului Mic, între Cluj-Napoca și Gilău",
        "point": ("46.753000", "23.475000"),
        "decision": None,
        "planned": (365, 900),
        "stages": [
            (S.CONCEPT_NOTE, -300, -290),
            (S.DESIGN_BRIEF, -260, -250),
            (S.FEASIBILITY, 45, None),
            (S.INDICATORS, 90, None),
        ],
        "funding": {
            "eu": (F.EU_FUNDS, "Programul Regional Nord-Vest 2021-2027 – mobilitate urbană", 31_500_000, 2),
            "local": (F.LOCAL_BUDGET, "Bugetul propriu al județului", 700_000, 100),
        },
        "contracts": {
            "study": {
                "number": 233,
                "reference": "SCN1130512",
                "subject": "Studiul de fezabilitate, studiile topografice și geotehnice",
                "contractor": "velo",
                "value": 248_000,
                "signed": -230,
                "starts": -225,
                "days": 300,
            }
        },
        "ledger": [
            ("pay", "p1", -120, "study", "local", "71390.00", V),
            ("invoice", -15, "study", "96800.00", P),
        ],
        "publish": False,
    },
    {
        "code": "INV-10",
        "title": (
            "Digitalizarea serviciilor publice: platformă de servicii electronice și arhivă electronică",
            "A közszolgáltatások digitalizálása: elektronikus ügyintézési platform és elektronikus archívum",
            "Digitalisation of public services: an e-services platform and an electronic archive",
        ),
        "description": (
            "Platformă de servicii electronice legată de ROeID și Ghișeul.ro, arhivă electronică pentru 1,2 milioane "
            "de pagini scanate, interoperabilitate cu instituțiile subordonate și instruirea a 120 de angajați. "
            "Finanțare PNRR, Componenta 7 – Transformare digitală.",
            "Az ROeID-hez és a Ghișeul.ro-hoz kapcsolt elektronikus ügyintézési platform, elektronikus archívum "
            "1,2 millió beszkennelt oldal számára, átjárhatóság az alárendelt intézményekkel és 120 alkalmazott "
            "képzése. Finanszírozás: PNRR, 7. komponens – Digitális átalakulás.",
            "An e-services platform linked to ROeID and Ghișeul.ro, an electronic archive for 1.2 million scanned "
            "pages, interoperability with the subordinate institutions and training for 120 employees. Funded by "
            "the PNRR, Component 7 – Digital transformation.",
        ),
        "address": "Sediul instituției, Cluj-Napoca",
        "point": ("46.771200", "23.623600"),
        "decision": (142, -520),
        "planned": (-350, 20),
        "stages": [
            (S.CONCEPT_NOTE, -650, -640),
            (S.FEASIBILITY, -560, -550),
            (S.INDICATORS, -520, -520),
            (S.PROCUREMENT, -400, -380),
            (S.CONTRACT, -360, -345),
            (S.EXECUTION, 20, None),
            (S.RECEPTION, 40, None),
        ],
        "funding": {"pnrr": (F.PNRR, "PNRR – Componenta 7 Transformare digitală", 11_200_000, 0)},
        "contracts": {
            "platform": {
                "number": 1904,
                "reference": "CN1076630",
                "subject": "Furnizarea și implementarea platformei de servicii electronice și a arhivei electronice, "
                "cu instruirea utilizatorilor",
                "contractor": "datanet",
                "value": 8_940_000,
                "signed": -345,
                "starts": -340,
                "days": 360,
            }
        },
        "ledger": [
            ("pay", "p1", -250, "platform", "pnrr", "1930000.00", V),
            ("claim", "c1", -230, ["p1"], V),
            ("reimburse", -180, "c1", 0, V),
            ("pay", "p2", -160, "platform", "pnrr", "2870000.00", V),
            ("claim", "c2", -140, ["p2"], V),
            ("reimburse", -80, "c2", 0, V),
            ("pay", "p3", -70, "platform", "pnrr", "3110000.00", V),
        ],
        "progress": (-65, [6, 24, 51, 78], True),
        "publish": False,
    },
    {
        "code": "INV-11",
        "title": (
            "Centru expozițional regional, etapa a II-a: pavilion multifuncțional",
            "Regionális kiállítóközpont, II. szakasz: többfunkciós pavilon",
            "Regional exhibition centre, phase II: a multi-purpose pavilion",
        ),
        "description": (
            "Pavilion de 4.500 m² pentru târguri și evenimente. Obiectivul a fost abandonat după ce finanțarea "
            "nerambursabilă nu a fost obținută; studiul de fezabilitate a fost plătit din bugetul județului.",
            "4500 m²-es pavilon vásárok és rendezvények számára. A beruházásról lemondtak, miután a vissza nem "
            "térítendő támogatást nem sikerült elnyerni; a megvalósíthatósági tanulmányt a megyei költségvetésből "
            "fizették.",
            "A 4,500 m² pavilion for fairs and events. The project was abandoned after the grant funding was not "
            "obtained; the feasibility study was paid from the county budget.",
        ),
        "address": "Str. Expoziției nr. 8, Cluj-Napoca",
        "point": ("46.781000", "23.642000"),
        "decision": (25, -1400),
        "planned": (-900, -100),
        "stages": [
            (S.CONCEPT_NOTE, -1600, -1590),
            (S.FEASIBILITY, -1450, -1430),
            (S.INDICATORS, -1400, -1400),
            (S.PERMIT_PROJECT, -1250, -1230),
            (S.PROCUREMENT, -1000, None),
            (S.CANCELLED, -700, -700),
        ],
        "cancelled_note": "Finanțarea nerambursabilă nu a fost obținută; consiliul a hotărât încetarea obiectivului.",
        "funding": {"local": (F.LOCAL_BUDGET, "Bugetul propriu al județului", 400_000, 100)},
        "contracts": {
            "study": {
                "number": 1420,
                "reference": "SCN1052276",
                "subject": "Studiul de fezabilitate și documentația pentru autorizația de construire",
                "contractor": "geotop",
                "value": 312_000,
                "signed": -1500,
                "starts": -1495,
                "days": 300,
            }
        },
        "ledger": [("pay", "p1", -1420, "study", "local", "371280.00", V)],
        "publish": False,
    },
    {
        "code": "INV-12",
        "title": (
            "Reabilitarea, modernizarea și dotarea clădirii Bibliotecii Județene",
            "A Megyei Könyvtár épületének felújítása, korszerűsítése és felszerelése",
            "Renovation, modernisation and equipment of the County Library building",
        ),
        "description": (
            "Consolidare, mansardă cu sală de lectură nouă, lift și rampe de acces, instalații noi. Biblioteca "
            "funcționează în clădirea renovată; recepția finală a avut loc după perioada de garanție de 36 de luni. "
            "Finanțare prin Programul Operațional Regional 2014-2020.",
            "Megerősítés, tetőtér-beépítés új olvasóteremmel, lift és rámpák, új épületgépészet. A könyvtár a "
            "felújított épületben működik; a végleges átvétel a 36 hónapos jótállási idő után történt meg. "
            "Finanszírozás: Regionális Operatív Program 2014-2020.",
            "Strengthening, an attic storey with a new reading room, a lift and ramps, new building services. The "
            "library works in the renovated building; the final reception took place after the 36-month guarantee "
            "period. Funded by the Regional Operational Programme 2014-2020.",
        ),
        "address": "Str. Bibliotecii nr. 3, Cluj-Napoca",
        "point": ("46.776000", "23.603000"),
        "decision": (301, -2400),
        "planned": (-2000, -1100),
        "stages": [
            (S.FEASIBILITY, -2500, -2480),
            (S.INDICATORS, -2400, -2400),
            (S.PERMIT_PROJECT, -2300, -2290),
            (S.EXECUTION_PROJECT, -2200, -2190),
            (S.PROCUREMENT, -2100, -2050),
            (S.CONTRACT, -2020, -2010),
            (S.EXECUTION, -1200, -1150),
            (S.RECEPTION, -1130, -1120),
            (S.FINAL_RECEPTION, -40, -30),
            (S.OPERATION, -1100, -1095),
        ],
        "funding": {
            "eu": (F.EU_FUNDS, "Programul Operațional Regional 2014-2020", 9_750_000, 2),
            "local": (F.LOCAL_BUDGET, "Bugetul propriu al județului", 1_100_000, 100),
        },
        "contracts": {
            "works": {
                "number": 640,
                "reference": "CN1030785",
                "subject": "Execuția lucrărilor de reabilitare și modernizare",
                "contractor": "somes",
                "value": 7_420_000,
                "signed": -2010,
                "starts": -2000,
                "days": 850,
            }
        },
        "ledger": [
            ("pay", "p1", -1900, "works", "eu", "1100000.00", V),
            ("claim", "c1", -1880, ["p1"], V),
            ("reimburse", -1830, "c1", 0, V),
            ("pay", "p2", -1750, "works", "eu", "1850000.00", V),
            ("pay", "p3", -1600, "works", "eu", "2240000.00", V),
            ("claim", "c2", -1580, ["p2", "p3"], V),
            ("reimburse", -1520, "c2", 0, V),
            ("pay", "p4", -1450, "works", "eu", "2010000.00", V),
            ("claim", "c3", -1420, ["p4"], V),
            ("reimburse", -1360, "c3", 0, V),
            ("pay", "p5", -1250, "works", "eu", "1629800.00", V),
            ("claim", "c4", -1220, ["p5"], V),
            ("reimburse", -1150, "c4", 0, V),
        ],
        "progress": (-1150, [35, 52, 66, 80, 93, 100], False),
        "publish": True,
    },
]


def load_investments(staff, today=None):
    """The investments department, its two people (added to `staff`, so the demo command prints them) and, on a
    database without investments, the demo's investments. Returns how many investments it created."""
    today = today or calendar_today()
    with clock_at(today):
        created = _load(staff, today)
    prioritisation_demo.load_rounds(staff, today)
    return created


@transaction.atomic
def _load(staff, today):
    department = _department(staff)
    if Investment.objects.exists():
        return 0
    head, clerk = staff["head_investments"], staff["clerk_investments"]
    # A fresh object: a permission cache read before the demo command put the editor in the Editori group is stale.
    editor = User.objects.get(pk=staff["editor"].pk)
    loader = _Loader(today, department, head, clerk)
    created = {}
    for spec in INVESTMENTS:
        created[spec["code"]] = loader.investment(spec, created)
    for spec in INVESTMENTS:
        if spec["publish"]:
            created[spec["code"]] = workflow.publish(editor, created[spec["code"]])
    follower = User.objects.filter(email=FOLLOWER_EMAIL).first()
    if follower is not None:
        for code in FOLLOWED:
            workflow.follow(follower, created[code])
    return len(created)


def _department(staff):
    department, _created = Department.objects.update_or_create(
        code=DEPARTMENT["code"], defaults={key: value for key, value in DEPARTMENT.items() if key != "code"}
    )
    for key, (email, first, last, secret, role) in STAFF.items():
        user = portal_demo.demo_account(email, first, last, staff=True)
        if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(user, secret)
        user.totp_secret = secret
        user.recovery_code = RecoveryCodes.activate(user).get_unused_codes()[0]
        Membership.objects.update_or_create(department=department, user=user, defaults={"role": role})
        forget_memberships(user)
        staff[key] = user
    return department


def _bani(lei) -> int:
    return int(Decimal(str(lei)) * 100)


def _vat_rate(day):
    """Romania's standard VAT rate: 19 %, 21 % from 1 August 2025."""
    return 21 if day >= datetime.date(2025, 8, 1) else 19


def _quarters(last_day, count):
    """The `count` quarters up to the one `last_day` falls in, oldest first: [(year, quarter)]."""
    year, quarter = last_day.year, (last_day.month - 1) // 3 + 1
    quarters = []
    for _n in range(count):
        quarters.append((year, quarter))
        year, quarter = (year - 1, 4) if quarter == 1 else (year, quarter - 1)
    return quarters[::-1]


class _Loader:
    """Records one investment after the other through the workflow: the clerk enters, the head decides."""

    def __init__(self, today, department, head, clerk):
        self.today = today
        self.department = department
        self.head = head
        self.clerk = clerk
        self.payment_order = 4180

    def day(self, offset):
        return self.today + datetime.timedelta(days=offset)

    def investment(self, spec, created):
        title, title_hu, title_en = spec["title"]
        description, description_hu, description_en = spec["description"]
        decision, decision_date = "", None
        if spec["decision"]:
            number, offset = spec["decision"]
            decision_date = self.day(offset)
            decision = f"{COUNCIL} nr. {number}/{decision_date.year}"
        latitude, longitude = spec["point"]
        investment = workflow.create_investment(
            self.clerk,
            code=spec["code"],
            title=title,
            title_hu=title_hu,
            title_en=title_en,
            description=description,
            description_hu=description_hu,
            description_en=description_en,
            department=self.department,
            responsible=self.head if spec.get("responsible") == "head" else self.clerk,
            address=spec["address"],
            latitude=Decimal(latitude),
            longitude=Decimal(longitude),
            parent=created.get(spec.get("parent")),
            council_decision=decision,
            council_decision_date=decision_date,
            planned_start=self.day(spec["planned"][0]),
            planned_end=self.day(spec["planned"][1]),
        )
        for kind, planned, actual in spec["stages"]:
            self.stage(investment, kind, planned, actual, decision, spec.get("cancelled_note", ""))
        sources = {
            key: workflow.add_funding_source(
                self.clerk,
                investment,
                kind=kind,
                programme=programme,
                approved_bani=_bani(approved),
                cofinancing_rate=rate,
            )
            for key, (kind, programme, approved, rate) in spec["funding"].items()
        }
        contracts = {key: self.contract(investment, terms) for key, terms in spec.get("contracts", {}).items()}
        for key, number, offset, kind, description, value_change, duration_change in spec.get("amendments", []):
            contract = contracts[key]
            signed_on = self.day(offset)
            value_change_bani = _bani(value_change)
            workflow.add_amendment(
                self.clerk,
                contract,
                number=number,
                signed_on=signed_on,
                kind=kind,
                description=description,
                value_change_bani=value_change_bani,
                vat_change_bani=value_change_bani * _vat_rate(signed_on) // 100,
                duration_change_days=duration_change,
            )
        self.ledger(investment, spec.get("ledger", []), contracts, sources)
        if spec.get("progress"):
            self.progress(investment, *spec["progress"])
        return investment

    def stage(self, investment, kind, planned, actual, decision, cancelled_note):
        evidence = None
        actual_date = self.day(actual) if actual is not None else None
        if actual_date is not None:
            stem, title = EVIDENCE[kind]
            if kind == S.INDICATORS and decision:
                title = f"{title}: {decision}"
            evidence = SimpleUploadedFile(
                f"{stem}-{investment.code.lower()}.pdf",
                evidence_pdf(title, [investment.title, f"Data: {actual_date:%d.%m.%Y}"]),
                content_type="application/pdf",
            )
        workflow.set_stage(
            self.clerk,
            investment,
            kind,
            planned_date=self.day(planned),
            actual_date=actual_date,
            evidence=evidence,
            note=cancelled_note if kind == S.CANCELLED else "",
        )

    def contract(self, investment, terms):
        signed_on = self.day(terms["signed"])
        name, cui = CONTRACTORS[terms["contractor"]]
        value_bani = _bani(terms["value"])
        return workflow.add_contract(
            self.clerk,
            investment,
            number=f"{terms['number']}/{signed_on.year}",
            procurement_reference=terms["reference"],
            subject=terms["subject"],
            contractor_name=name,
            contractor_cui=cui,
            value_bani=value_bani,
            vat_bani=value_bani * _vat_rate(signed_on) // 100,
            signed_on=signed_on,
            starts_on=self.day(terms["starts"]),
            duration_days=terms["days"],
        )

    def ledger(self, investment, events, contracts, sources):
        payments, claims = {}, {}
        claim_number = 0
        for event in events:
            action = event[0]
            if action == "pay":
                _action, label, offset, contract, source, amount, decision = event
                invoice_day = max(self.day(offset - 25), contracts[contract].signed_on)
                self.invoice(investment, contracts[contract], invoice_day, amount, V)
                payments[label] = self.paid(investment, contracts[contract], sources[source], offset, amount, decision)
            elif action == "invoice":
                _action, offset, contract, amount, decision = event
                self.invoice(investment, contracts[contract], self.day(offset), amount, decision)
            elif action == "paid":
                _action, label, offset, contract, source, amount, decision = event
                payments[label] = self.paid(investment, contracts[contract], sources[source], offset, amount, decision)
            elif action == "claim":
                _action, label, offset, paid_labels, decision = event
                claim_number += 1
                source = payments[paid_labels[0]].funding_source
                share = figures.reimbursable_bp(source.cofinancing_rate, source.reimbursed)
                amount = sum(figures.share(payments[paid].amount_bani, share) for paid in paid_labels)
                word = "decontare" if source.kind == F.STATE_BUDGET else "rambursare"
                claims[label] = self.enter(
                    investment,
                    decision,
                    kind=LedgerEntry.Kind.CLAIMED,
                    amount_bani=amount,
                    on_date=self.day(offset),
                    document=f"Cererea de {word} nr. {claim_number}",
                    funding_source=source,
                )
            elif action == "reimburse":
                _action, offset, label, ineligible, decision = event
                claim = claims[label]
                ineligible_bani = _bani(ineligible)
                on_date = self.day(offset)
                if ineligible_bani:
                    self.enter(
                        investment,
                        decision,
                        kind=LedgerEntry.Kind.INELIGIBLE,
                        amount_bani=ineligible_bani,
                        on_date=on_date,
                        document=f"Nota de neeligibilitate — {claim.document}",
                        funding_source=claim.funding_source,
                        note="Cheltuieli cu utilaje care nu sunt prevăzute în contractul de finanțare.",
                    )
                self.enter(
                    investment,
                    decision,
                    kind=LedgerEntry.Kind.REIMBURSED,
                    amount_bani=claim.amount_bani - ineligible_bani,
                    on_date=on_date,
                    document=f"Extras de cont {on_date:%d.%m.%Y} — {claim.document}",
                    funding_source=claim.funding_source,
                )
            else:  # pragma: no cover - a typo in the data above
                raise ValueError(action)

    def invoice(self, investment, contract, on_date, amount, decision):
        series = "".join(word[0] for word in contract.contractor_name.split()[:3]).upper()
        return self.enter(
            investment,
            decision,
            kind=LedgerEntry.Kind.INVOICED,
            amount_bani=_bani(amount),
            on_date=on_date,
            document=f"Factura seria {series} nr. {on_date:%y%m}{on_date.day:02d}",
            contract=contract,
        )

    def paid(self, investment, contract, source, offset, amount, decision):
        self.payment_order += 37
        return self.enter(
            investment,
            decision,
            kind=LedgerEntry.Kind.PAID,
            amount_bani=_bani(amount),
            on_date=self.day(offset),
            document=f"OP nr. {self.payment_order}",
            contract=contract,
            funding_source=source,
        )

    def enter(self, investment, decision, **fields):
        entry = workflow.enter_ledger_entry(self.clerk, investment, **fields)
        if decision == V:
            workflow.validate_entry(self.head, entry)
        elif decision != P:
            workflow.reject_entry(self.head, entry, reason=decision[1])
        return entry

    def progress(self, investment, last_offset, percents, last_pending):
        quarters = _quarters(self.day(last_offset), len(percents))
        for n, ((year, quarter), percent) in enumerate(zip(quarters, percents, strict=True), start=1):
            report = workflow.report_progress(
                self.clerk,
                investment,
                year=year,
                quarter=quarter,
                percent=percent,
                note="Raportul dirigintelui de șantier." if percent < 100 else "Lucrări terminate.",
            )
            if not (last_pending and n == len(percents)):
                workflow.validate_progress(self.head, report)


def evidence_pdf(title, lines):
    """A one-page PDF naming the document it stands for: enough for the upload checks and for a person opening it.

    Written by hand (five objects and a cross-reference table) rather than rendered, so loading stays fast; the
    standard Helvetica font has no ă, ș or ț, so the text is written without diacritics."""
    commands = ["BT", "/F1 15 Tf", "56 780 Td", f"({_pdf_text(title)}) Tj", "/F1 11 Tf"]
    for line in [*lines, "Document demonstrativ: datele de test ale portalului."]:
        commands += ["0 -24 Td", f"({_pdf_text(line)}) Tj"]
    commands.append("ET")
    content = "\n".join(commands).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
    ]
    pdf = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    table = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        pdf += b"%010d 00000 n \n" % offset
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, table)
    return bytes(pdf)


def _pdf_text(text):
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    plain = plain.translate(str.maketrans({"–": "-", "—": "-", "„": '"', "”": '"', "“": '"', "’": "'"}))
    plain = plain.encode("latin-1", "replace").decode("latin-1")
    return plain.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
