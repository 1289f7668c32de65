"""The investments' pages at a county council's size and at a stress size, side by side: server time, SQL queries,
and the plan of the register's largest query.

For each size of ``BENCH_INVESTMENT_SIZES`` (default ``300,3000``: a county council has a few hundred investments,
3,000 is the stress case) a PostgreSQL database is copied from a template migrated once per run (bench.backoffice's
``migrated_template``) and filled by ``generate()`` below, run in Django on that database (``python -m
bench.investments prepare N``): N investments in one department (``bench-investitii``), deterministic
(``random.Random(seed)``, ``BENCH_INVESTMENT_SEED``, default 2026), bulk-inserted (not through
``investments.workflow``: the history gets one "created" row per investment). About a third of the objectives have
2–3 sub-objects (N counts them too: the register lists every investment). Each investment has all twelve legal
stages planned (not "cancelled") and about half of them done (actual date and evidence), two funding sources (the
local budget and a state programme, EU funds, PNRR or a loan), 1–2 contracts with 0–2 addenda each, 30–60 ledger
entries (invoices, payments, claims, reimbursements, a few ineligible amounts; 90 % validated, 8 % waiting, 2 %
rejected) and 4–8 quarterly progress reports (the last one sometimes waiting); about 70 % of the objectives are
published, their sub-objects with them. The tables are then vacuumed and analysed, as autovacuum keeps them.

The head of the department (staff with a TOTP authenticator, signed in by a session made in the database with
bench.backoffice's ``signed_in``) owns them all. The server is gunicorn as in bench.backoffice (one worker of two
threads, ``CONN_MAX_AGE=60``); requests one after the other, one warm-up then 10 measured (the exports once, without
warm-up, with the worker's peak memory growth); server time from gunicorn's access log, SQL queries counted on the
server (bench.querycount), both through bench.backoffice's ``measure``.

Scenarios:
    register                 /birou/investitii/ as the head (every investment: figures of all, a page of 50 shown)
    register, awaiting       ?awaiting=on (paid more than 90 days ago, not yet reimbursed)
    staff page               /birou/investitii/<pk>/ of a published objective with three sub-objects
    CSV export               /birou/investitii/export.csv (once)
    public list              /investitii/ (anonymous, first page of 20)
    public map               /investitii/harta/ (every published investment)
    public page              /investitii/<code>/ of the same objective
    open data (OC4IDS)       /investitii/date-deschise.json (once)

Targets (printed as ok/missed; the scenario always exits 0, as bench.backoffice): the register's p95 ≤ 1 s at the
smallest size and ≤ 5 s at the largest (both variants); the public list's and page's p95 ≤ 300 ms at every size; every
page's query count the same at every size. Then ``EXPLAIN (ANALYZE, BUFFERS)`` of every SELECT of one request of the
register at the largest size (Django's test client on the same database), the plan of the slowest printed. The table
goes to bench/results.json under ``investments``.

Run: ``python -m bench.investments``; ``BENCH_INVESTMENT_SIZES=50`` for a quick one. Needs PostgreSQL
(``BENCH_POSTGRES_URL``, see bench.webhook_burst).
"""

import datetime
import json
import os
import random
import re
import sys
import tempfile
import time
from pathlib import Path

from bench.backoffice import (
    RESULTS,
    Measured,
    Scenario,
    code_version,
    copied_database,
    measure,
    migrated_template,
)
from bench.harness import BASE_DIR, MB
from bench.webhook_burst import Gunicorn, postgres_env, run_fixtures

DEFAULT_SIZES = "300,3000"
SEED = int(os.environ.get("BENCH_INVESTMENT_SEED", "2026"))
REQUESTS = 10
TARGET_REGISTER_SMALL_MS = 1000.0
TARGET_REGISTER_LARGE_MS = 5000.0
TARGET_PUBLIC_MS = 300.0
BATCH = 5000
DEPARTMENT = "bench-investitii"
HEAD = "bench.head.investitii@example.ro"
CLERK = "bench.clerk.investitii@example.ro"
REGISTER = "/birou/investitii/"
EXECUTION_TIME = re.compile(r"Execution Time: ([0-9.]+) ms")
# A list of ids in a query or a plan (`IN (1, 2, …)`, `'{1,2,…}'`): printed as its first ids and its length.
ID_LIST = re.compile(r"\d+(?:, ?\d+){8,}")

# --- the data (run in Django, in a subprocess) ---------------------------------------------------------------------

WORKS = [
    ("Modernizare drum județean DJ {n}", "A(z) DJ {n} megyei út korszerűsítése", "Upgrading county road DJ {n}"),
    (
        "Reabilitare Școala Gimnazială nr. {n}",
        "A(z) {n}. sz. általános iskola felújítása",
        "Renovating school no. {n}",
    ),
    (
        "Extindere rețea de apă, etapa {n}",
        "Vízhálózat bővítése, {n}. szakasz",
        "Extending the water network, phase {n}",
    ),
    ("Pod peste Someș, km {n}", "Szamos-híd, {n}. km", "Bridge over the Someș, km {n}"),
    ("Secție nouă, Spitalul Județean, corp {n}", "Új osztály, megyei kórház, {n}. épület", "New hospital wing {n}"),
    ("Centru de zi pentru vârstnici nr. {n}", "{n}. sz. idősek nappali központja", "Day centre for the elderly {n}"),
    ("Pistă de biciclete, tronson {n}", "Kerékpárút, {n}. szakasz", "Cycle track, section {n}"),
    ("Sală de sport, liceul nr. {n}", "Tornaterem, {n}. sz. líceum", "Sports hall, high school no. {n}"),
    ("Eficientizare energetică, clădirea {n}", "Energiahatékonyság, {n}. épület", "Energy efficiency, building {n}"),
    (
        "Digitalizare servicii publice, lotul {n}",
        "Közszolgáltatások digitalizálása, {n}. tétel",
        "Digital services {n}",
    ),
]
LOTS = ["Lotul 1 — proiectare", "Lotul 2 — execuție", "Lotul 3 — dotări"]
PLACES = [
    ("Cluj-Napoca", 46.7712, 23.6236),
    ("Turda", 46.5667, 23.7833),
    ("Dej", 47.1417, 23.8750),
    ("Câmpia Turzii", 46.5486, 23.8800),
    ("Gherla", 47.0333, 23.9000),
    ("Huedin", 46.8667, 23.0333),
    ("Apahida", 46.8086, 23.7400),
    ("Florești", 46.7456, 23.4908),
    ("Baciu", 46.7939, 23.5250),
    ("Feleacu", 46.7167, 23.6000),
]
CONTRACTORS = [
    ("Drumuri Someș Construct SA", "RO23165474"),
    ("Carpați Infrastructură SRL", "30784120"),
    ("MedConstruct Napoca SA", "RO18965349"),
    ("Termo Renov Transilvania SRL", "27450198"),
    ("Hidro Instal Câmpia SRL", "33912070"),
    ("Arieș Poduri SRL", "41208760"),
    ("Geotop Proiect SRL", "14523018"),
    ("Datanet Cluj Solutions SRL", "RO36452902"),
]
PROGRAMMES = {
    "state_budget": ("PNDL II", 10),
    "eu_funds": ("PR Nord-Vest 2021–2027", 2),
    "pnrr": ("PNRR C10", 0),
    "loan": ("Credit BCR 2023", 100),
}
# Days from one stage's planned date to the next one's, in the legal order (the cancelled stage is not planned).
STAGE_DAYS = [60, 90, 180, 30, 120, 120, 150, 20, 540, 30, 365, 30]
LEDGER_STATUS = [("validated", 90), ("pending", 8), ("rejected", 2)]


def _weighted(rng: random.Random, choices: list[tuple[str, int]]) -> str:
    return rng.choices([value for value, _weight in choices], weights=[weight for _value, weight in choices])[0]


def _plan_tree(rng: random.Random, size: int) -> list[int]:
    """How many sub-objects each objective has, the objectives and their sub-objects numbering `size` together."""
    tree, total = [], 0
    while total < size:
        children = rng.choice((2, 3)) if rng.random() < 1 / 3 else 0
        children = min(children, size - total - 1)
        tree.append(children)
        total += 1 + children
    return tree


def _people():
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.contrib.auth import get_user_model

    from services.models import Department, Membership

    User = get_user_model()
    department = Department.objects.create(
        code=DEPARTMENT, name="Direcția Investiții (bench)", email=f"{DEPARTMENT}@example.ro"
    )
    people = {}
    for email, first, last, role in ((HEAD, "Dan", "Crișan", "head"), (CLERK, "Andreea", "Rus", "clerk")):
        user = User.objects.create_user(email, password=None, first_name=first, last_name=last, is_staff=True)
        TOTP.activate(user, generate_totp_secret())
        Membership.objects.create(department=department, user=user, role=role)
        people[role] = user
    return department, people["head"], people["clerk"]


def generate(size: int, seed: int) -> dict[str, object]:
    """`size` investments of realistic shape, bulk-inserted; what the scenarios need to know of them."""
    from django.db import connection, transaction
    from django.utils import timezone

    from investments import history
    from investments.models import (
        Amendment,
        Change,
        Contract,
        FundingSource,
        Investment,
        LedgerEntry,
        ProgressReport,
        Stage,
    )
    from services import calendar

    rng = random.Random(seed)
    today = calendar.today()
    now = timezone.now()
    day = datetime.timedelta(days=1)
    kinds = [kind for kind in Stage.Kind.values if kind != Stage.Kind.CANCELLED]
    order = {kind: index for index, kind in enumerate(Stage.Kind.values)}
    started = time.monotonic()
    with transaction.atomic():
        department, head, clerk = _people()
        tree = _plan_tree(rng, size)

        def investment(code, title, title_hu, title_en, parent, published):
            place, lat, lon = rng.choice(PLACES)
            located = rng.random() < 0.9
            start = today - day * rng.randint(200, 2400)
            return Investment(
                code=code,
                title=title,
                title_hu=title_hu if rng.random() < 0.6 else "",
                title_en=title_en if rng.random() < 0.4 else "",
                description=f"{title}, {place}: lucrări conform indicatorilor tehnico-economici aprobați.",
                department=department,
                responsible=clerk,
                address=f"{place}, str. {rng.choice(['Principală', 'Republicii', 'Școlii', 'Morii'])} "
                f"nr. {rng.randint(1, 200)}",
                latitude=round(lat + rng.uniform(-0.05, 0.05), 6) if located else None,
                longitude=round(lon + rng.uniform(-0.05, 0.05), 6) if located else None,
                parent=parent,
                council_decision=f"HCJ nr. {rng.randint(1, 400)}/{start.year}",
                council_decision_date=start - day * rng.randint(10, 90),
                planned_start=start,
                planned_end=start + day * rng.randint(900, 2200),
                published=published,
                published_at=now - datetime.timedelta(days=rng.randint(1, 600)) if published else None,
                published_by=head if published else None,
            )

        parents = []
        for number, _children in enumerate(tree, start=1):
            title, title_hu, title_en = (text.format(n=number) for text in rng.choice(WORKS))
            parents.append(investment(f"INV-{number:05d}", title, title_hu, title_en, None, rng.random() < 0.7))
        Investment.objects.bulk_create(parents, batch_size=BATCH)
        children = []
        for parent, count in zip(parents, tree, strict=True):
            for lot in range(count):
                children.append(
                    investment(
                        f"{parent.code}-L{lot + 1}",
                        f"{parent.title} — {LOTS[lot]}",
                        f"{parent.title_hu} — {lot + 1}. tétel" if parent.title_hu else "",
                        f"{parent.title_en} — lot {lot + 1}" if parent.title_en else "",
                        parent,
                        parent.published,
                    )
                )
        Investment.objects.bulk_create(children, batch_size=BATCH)
        investments = parents + children

        stages, sources, contracts, progress, changes = [], [], [], [], []
        done_stages = {}
        for inv in investments:
            done = rng.randint(2, 10)  # about half of the twelve
            durations = [max(10, round(days * rng.uniform(0.7, 1.3))) for days in STAGE_DAYS]
            # The done stages' plans lie in the past; the next one is due around now, sometimes late.
            first = today - day * (sum(durations[:done]) + rng.randint(-60, 200))
            planned = first
            for index, kind in enumerate(kinds):
                is_done = index < done
                actual = min(planned + day * rng.randint(-20, 60), today - day) if is_done else None
                stages.append(
                    Stage(
                        investment=inv,
                        kind=kind,
                        order=order[kind],
                        planned_date=planned,
                        actual_date=actual,
                        evidence=f"investments/evidence/bench-{inv.pk}-{index}.pdf" if is_done else "",
                        evidence_name=f"{kind}.pdf" if is_done else "",
                        updated_by=clerk,
                    )
                )
                planned += day * durations[index]
            done_stages[inv.pk] = (done, first, durations)
            other = rng.choice(list(PROGRAMMES))
            programme, rate = PROGRAMMES[other]
            approved = rng.randint(2_000_000, 80_000_000) * 100  # bani: 2 to 80 million lei
            sources.append(
                FundingSource(investment=inv, kind="local_budget", approved_bani=approved // 5, cofinancing_rate=100)
            )
            sources.append(
                FundingSource(
                    investment=inv, kind=other, programme=programme, approved_bani=approved, cofinancing_rate=rate
                )
            )
            for count in range(rng.choice((1, 2))):
                signed = min(first + day * sum(durations[: 7 + count]), today - day * rng.randint(30, 400))
                value = round(approved * rng.uniform(0.3, 0.9) / (count + 1))
                name, cui = rng.choice(CONTRACTORS)
                contracts.append(
                    Contract(
                        investment=inv,
                        number=f"{rng.randint(100, 9999)}/{signed.year}-{count + 1}",
                        procurement_reference=f"CN{rng.randint(1_000_000, 1_099_999)}",
                        subject=f"{inv.title}: {'execuție lucrări' if count == 0 else 'proiectare și asistență'}",
                        contractor_name=name,
                        contractor_cui=cui,
                        value_bani=value,
                        vat_bani=value * 19 // 100,
                        signed_on=signed,
                        starts_on=signed + day * rng.randint(5, 30),
                        duration_days=rng.randint(180, 900),
                        created_by=clerk,
                    )
                )
            quarter_end = (today.year * 4 + (today.month - 1) // 3) - 1  # the last quarter completed
            reports = rng.randint(4, 8)
            percent = 0
            for q in range(quarter_end - reports + 1, quarter_end + 1):
                percent = min(100, percent + rng.randint(0, 100 * done // 12 // reports + 5))
                last = q == quarter_end
                pending = last and rng.random() < 0.3
                progress.append(
                    ProgressReport(
                        investment=inv,
                        year=q // 4,
                        quarter=q % 4 + 1,
                        percent=percent,
                        status="pending" if pending else "validated",
                        entered_by=clerk,
                        decided_by=None if pending else head,
                        decided_at=None if pending else now,
                    )
                )
            changes.append(
                Change(investment=inv, actor=clerk, subject=str(inv.code), action=history.CREATED, new_value=inv.title)
            )
        Stage.objects.bulk_create(stages, batch_size=BATCH)
        FundingSource.objects.bulk_create(sources, batch_size=BATCH)
        Contract.objects.bulk_create(contracts, batch_size=BATCH)
        ProgressReport.objects.bulk_create(progress, batch_size=BATCH)
        Change.objects.bulk_create(changes, batch_size=BATCH)

        amendments = []
        for contract in contracts:
            for number in range(rng.choice((0, 0, 1, 2))):
                kind = rng.choice(("value", "duration", "scope"))
                amendments.append(
                    Amendment(
                        contract=contract,
                        number=str(number + 1),
                        signed_on=min(contract.signed_on + day * rng.randint(60, 400), today),
                        kind=kind,
                        value_change_bani=round(contract.value_bani * rng.uniform(0.02, 0.1))
                        if kind == "value"
                        else 0,
                        duration_change_days=rng.randint(30, 180) if kind == "duration" else 0,
                        description="Modificare conform art. 221 din Legea nr. 98/2016.",
                        created_by=clerk,
                    )
                )
        Amendment.objects.bulk_create(amendments, batch_size=BATCH)

        by_investment = {}
        for source in sources:
            by_investment.setdefault(source.investment_id, {"sources": [], "contracts": []})["sources"].append(source)
        for contract in contracts:
            by_investment[contract.investment_id]["contracts"].append(contract)
        ledger = []
        for inv in investments:
            own = by_investment[inv.pk]
            local, other = own["sources"]
            reimbursed_kind = other.kind in FundingSource.REIMBURSED_KINDS
            first_signed = min(c.signed_on for c in own["contracts"])
            contracted = sum(c.value_bani + c.vat_bani for c in own["contracts"])
            count = rng.randint(30, 60)
            span = max(1, (today - first_signed).days)
            dates = sorted(first_signed + day * rng.randint(0, span) for _ in range(count))
            step = max(100, round(contracted * rng.uniform(0.3, 0.95) / (count * 0.4)))
            invoiced = paid = claimed = reimbursed = 0
            for n, on_date in enumerate(dates):
                roll = rng.random()
                contract, source, kind = rng.choice(own["contracts"]), None, "invoiced"
                amount = round(step * rng.uniform(0.5, 1.5))
                if roll < 0.4 or invoiced - paid < 100:
                    invoiced += amount
                elif roll < 0.75:
                    kind, source = "paid", rng.choice((local, other, other))
                    amount = min(amount, invoiced - paid)
                    paid += amount
                elif reimbursed_kind and roll < 0.87 and paid * 9 // 10 - claimed >= 100:
                    kind, source, contract = "claimed", other, None
                    amount = min(amount, paid * 9 // 10 - claimed)
                    claimed += amount
                elif reimbursed_kind and roll < 0.97 and claimed - reimbursed >= 100:
                    kind, source, contract = "reimbursed", other, None
                    amount = min(amount, claimed - reimbursed)
                    reimbursed += amount
                else:
                    kind, source, contract = "ineligible", other, None
                    amount = max(100, amount // 20)
                status = _weighted(rng, LEDGER_STATUS)
                ledger.append(
                    LedgerEntry(
                        investment=inv,
                        kind=kind,
                        amount_bani=amount,
                        on_date=on_date,
                        contract=contract,
                        funding_source=source,
                        document=f"{kind[:3].upper()}-{inv.pk}-{n + 1}",
                        status=status,
                        entered_by=clerk,
                        decided_by=None if status == "pending" else head,
                        decided_at=None if status == "pending" else now,
                        rejection_reason="Suma nu corespunde documentului." if status == "rejected" else "",
                    )
                )
        LedgerEntry.objects.bulk_create(ledger, batch_size=BATCH)
    loaded = time.monotonic()
    tables = [model._meta.db_table for model in (Investment, Stage, FundingSource, Contract, Amendment, LedgerEntry)]
    tables += [ProgressReport._meta.db_table, Change._meta.db_table]
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM (ANALYZE) {', '.join(tables)}")
    # The page to measure: a published objective with three sub-objects (the heaviest page of one investment).
    shapes = list(zip(parents, tree, strict=True))
    big = next(
        (p for p, count in shapes if count == 3 and p.published),
        next((p for p, count in shapes if count and p.published), next(p for p in parents if p.published)),
    )
    return {
        "counts": {
            "investments": len(investments),
            "objectives": len(parents),
            "sub_objects": len(children),
            "published": sum(1 for i in investments if i.published),
            "stages": len(stages),
            "funding_sources": len(sources),
            "contracts": len(contracts),
            "amendments": len(amendments),
            "ledger_entries": len(ledger),
            "progress_reports": len(progress),
        },
        "big_pk": big.pk,
        "big_code": big.code,
        "seconds": round(loaded - started, 1),
        "vacuum_seconds": round(time.monotonic() - loaded, 1),
    }


def prepare(size: int, seed: int) -> dict[str, object]:
    from django.contrib.auth import get_user_model

    from bench.backoffice import signed_in

    facts = generate(size, seed)
    facts["cookies"] = {"head": signed_in(get_user_model().objects.get(email=HEAD)), "anonymous": {}}
    return facts


def explain(path: str) -> dict[str, object]:
    """Every SELECT of one request of `path` as the head (Django's test client, after a first request), with its
    plan under ``EXPLAIN (ANALYZE, BUFFERS)``."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(get_user_model().objects.get(email=HEAD))
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    explained = []
    with connection.cursor() as cursor:
        for query in captured.captured_queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            took = EXECUTION_TIME.search(plan)
            explained.append({"sql": sql, "plan": plan, "ms": float(took.group(1)) if took else 0.0})
    return {"status": response.status_code, "queries": len(captured.captured_queries), "explained": explained}


def fixture_command(arguments: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    command, *rest = arguments
    if command == "prepare":
        result = prepare(int(rest[0]), int(rest[1]))
    else:
        assert command == "explain"
        result = explain(rest[0])
    print(json.dumps(result))


# --- the run -----------------------------------------------------------------------------------------------------


def scenarios(facts: dict) -> list[Scenario]:
    big_pk, code = facts["big_pk"], facts["big_code"]
    return [
        Scenario("register", "register", "head", REGISTER, kind="register"),
        Scenario("register_awaiting", "register, awaiting", "head", REGISTER, {"awaiting": "on"}, kind="register"),
        Scenario("staff_page", "staff page (3 sub-objects)", "head", f"{REGISTER}{big_pk}/", kind="page"),
        Scenario("csv_export", "CSV export (once)", "head", f"{REGISTER}export.csv", kind="csv"),
        Scenario("public_list", "public list", "anonymous", "/investitii/", kind="public"),
        Scenario("public_map", "public map", "anonymous", "/investitii/harta/", kind="page"),
        Scenario("public_page", "public page (3 sub-objects)", "anonymous", f"/investitii/{code}/", kind="public"),
        Scenario("opendata_json", "open data JSON (once)", "anonymous", "/investitii/date-deschise.json", kind="csv"),
    ]


def run_size(size: int, directory: Path, template: str, explain_register: bool) -> dict:
    directory.mkdir()
    with copied_database("investments", size, template) as url:
        env = postgres_env(directory, url, BENCH_QUERY_LOG=str(directory / "queries.log"))
        print(f"\n  {size:,} investments: generating…", flush=True)
        facts = run_fixtures("bench.investments", env, "prepare", str(size), str(SEED))
        assert isinstance(facts, dict)
        print(
            f"  generated in {facts['seconds']} s (vacuum {facts['vacuum_seconds']} s): {facts['counts']}", flush=True
        )
        rows = {}
        with Gunicorn(env, directory, workers=1, threads=2) as server:
            for scenario in scenarios(facts):
                started = time.monotonic()
                repeat = 1 if scenario.kind == "csv" else REQUESTS
                result = measure(
                    server,
                    scenario,
                    facts["cookies"][scenario.who],
                    f"{size}-{scenario.key}",
                    directory / "queries.log",
                    repeat,
                )
                rows[scenario.key] = result
                print(
                    f"    {scenario.label:<28} p50 {result.median:9.1f} ms  p95 {result.p95:9.1f} ms  "
                    f"worker CPU {result.cpu_median:8.1f} ms  queries {sorted(set(result.queries))}  "
                    f"statuses {sorted(set(result.statuses))}  {result.size:,} bytes"
                    + (f"  growth {result.growth / MB:.1f} MB" if result.growth is not None else "")
                    + f"  ({time.monotonic() - started:.1f} s)",
                    flush=True,
                )
        explained = None
        if explain_register:
            print("  explaining the register's queries…", flush=True)
            explained = run_fixtures("bench.investments", env, "explain", REGISTER)
    return {"facts": facts, "rows": rows, "explained": explained}


def queries_text(measured: Measured) -> str:
    found = sorted(set(measured.queries))
    if not found:
        return "?"
    return str(found[0]) if len(found) == 1 else f"{found[0]}–{found[-1]}"


def verdict(kind: str, runs: dict[int, Measured], smallest: int, largest: int) -> tuple[str, list[str]]:
    """The target of a row and what was missed."""
    missed = []
    for size, measured in runs.items():
        if len(measured.statuses) == 0 or any(status != 200 for status in measured.statuses):
            missed.append(f"status {sorted(set(measured.statuses))} at {size:,}")
    # The steady count of each size: a request may run one query more when the staff two-factor check's cache (60 s,
    # portal.middleware.StaffMFAMiddleware) has expired, which slow pages meet more often.
    counts = {min(measured.queries) for measured in runs.values() if measured.queries}
    if len(counts) != 1:
        missed.append(f"queries vary with size: {', '.join(queries_text(m) for m in runs.values())}")
    target = "same queries"
    if kind == "register":
        target = (
            f"p95 ≤ {TARGET_REGISTER_SMALL_MS / 1000:.0f} s at {smallest:,}, "
            f"≤ {TARGET_REGISTER_LARGE_MS / 1000:.0f} s at {largest:,}; same queries"
        )
        limits = {smallest: TARGET_REGISTER_SMALL_MS, largest: TARGET_REGISTER_LARGE_MS}
        for size, limit in limits.items():
            if runs[size].p95 > limit:
                missed.append(f"p95 {runs[size].p95:.0f} ms > {limit:.0f} ms at {size:,}")
    elif kind == "public":
        target = f"p95 ≤ {TARGET_PUBLIC_MS:.0f} ms; same queries"
        for size, measured in runs.items():
            if measured.p95 > TARGET_PUBLIC_MS:
                missed.append(f"p95 {measured.p95:.0f} ms > {TARGET_PUBLIC_MS:.0f} ms at {size:,}")
    return target, missed


def print_plans(explained: dict, size: int) -> None:
    queries = sorted(explained["explained"], key=lambda query: query["ms"], reverse=True)
    print(
        f"\nThe register ({REGISTER}) at {size:,} investments, one request as the head (Django's test client): "
        f"status {explained['status']}, {explained['queries']} queries; each SELECT under EXPLAIN ANALYZE, slowest "
        "first:"
    )
    for query in queries:
        print(f"  {query['ms']:9.1f} ms  {' '.join(query['sql'].split())[:160]}")
    if queries:
        slowest = queries[0]
        print(
            f"\nThe slowest, in full (lists of ids shortened):\n{short_ids(slowest['sql'])}\n{short_ids(slowest['plan'])}"
        )


def short_ids(text: str) -> str:
    def shortened(found: re.Match) -> str:
        ids = re.split(r", ?", found.group(0))
        return f"{', '.join(ids[:3])}, … ({len(ids)} ids)"

    return ID_LIST.sub(shortened, text)


def main() -> int:
    sizes = [int(size) for size in os.environ.get("BENCH_INVESTMENT_SIZES", DEFAULT_SIZES).split(",")]
    smallest, largest = sizes[0], sizes[-1]
    print(
        f"bench.investments: the investments' pages at {' and '.join(f'{size:,}' for size in sizes)} investments, "
        f"on PostgreSQL; load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores",
        flush=True,
    )
    started = time.monotonic()
    runs = {}
    with (
        tempfile.TemporaryDirectory(prefix="ghiseul-bench-") as temporary,
        migrated_template(Path(temporary)) as template,
    ):
        for size in sizes:
            runs[size] = run_size(size, Path(temporary) / str(size), template, explain_register=size == largest)
    table, records, missed_rows = [], [], []
    for scenario in scenarios(runs[smallest]["facts"]):
        measured = {size: run["rows"][scenario.key] for size, run in runs.items()}
        target, missed = verdict(scenario.kind, measured, smallest, largest)
        if missed:
            missed_rows.append(f"{scenario.label}: {'; '.join(missed)}")
        cells = [scenario.label]
        for size in sizes:
            cells += [f"{measured[size].median:.1f} / {measured[size].p95:.1f}", queries_text(measured[size])]
        table.append((*cells, target, "ok" if not missed else "missed"))
        records.append(
            {
                "scenario": scenario.key,
                "label": scenario.label,
                "path": scenario.path,
                "query": scenario.query,
                "target": target,
                "met": not missed,
                "missed": missed,
                **{
                    str(size): {
                        "p50_ms": round(measured[size].median, 1),
                        "p95_ms": round(measured[size].p95, 1),
                        "server_ms": [round(ms, 1) for ms in measured[size].server_ms],
                        "worker_cpu_ms": [round(ms, 1) for ms in measured[size].cpu_ms],
                        "queries": measured[size].queries,
                        "statuses": measured[size].statuses,
                        "bytes": measured[size].size,
                        "memory_growth_bytes": measured[size].growth,
                    }
                    for size in sizes
                },
            }
        )
    header = ["scenario"]
    for size in sizes:
        header += [f"{size:,} p50 / p95 ms", "queries"]
    header += ["target", ""]
    widths = [max(len(cells[i]) for cells in [header, *table]) for i in range(len(header))]
    print()
    print(
        "Server time in ms (gunicorn's access log; the exports once, the pages 10 times after a warm-up), SQL queries "
        "per request (server-side):"
    )
    for cells in [header, ["-" * width for width in widths], *table]:
        print("  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip())
    for size in sizes:
        print(f"  {size:,}: {runs[size]['facts']['counts']}")
    explained = runs[largest]["explained"]
    if explained:
        print_plans(explained, largest)
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    results["investments"] = {
        "run_at": datetime.datetime.now().isoformat(timespec="seconds"),
        "code": code_version(),
        "load_average": os.getloadavg(),
        "cores": os.cpu_count(),
        "sizes": sizes,
        "seed": SEED,
        "seconds": round(time.monotonic() - started, 1),
        "generated": {str(size): run["facts"]["counts"] for size, run in runs.items()},
        "rows": records,
        "register_queries": (
            [{"ms": query["ms"], "sql": query["sql"][:500]} for query in explained["explained"]] if explained else []
        ),
    }
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(f"\nWritten to {RESULTS.relative_to(BASE_DIR)}; the run took {time.monotonic() - started:.0f} s.")
    if missed_rows:
        print("Missed (measured, not failed):\n  " + "\n  ".join(missed_rows))
    else:
        print("Every target met.")
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1:
        fixture_command(sys.argv[1:])
    else:
        sys.exit(main())
