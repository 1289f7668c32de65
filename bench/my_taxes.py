"""How fast a signed-in citizen's "my taxes" page (``/impozite/``) answers on a full tax roll: target p95 under 50 ms
of server time.

On a fresh PostgreSQL database (created and migrated for the run, dropped after it, as in bench.webhook_burst): the
tax roll of a city of 100,000 taxpayers (persons, valid CNPs, unique role numbers), 3 obligations each (the 2026
building, land and vehicle taxes, in two instalments), bulk-inserted in batches; 20,000 other accounts each linked
to one taxpayer; 30,000 succeeded online payments of other taxpayers, each with its Allocation, the obligations'
running totals following them — so the tables the page reads are as large as a city's. Then the citizen: an account
linked (ROeID) to two of the taxpayers, who have 10 obligations between them (2024–2026), four of them paid in part
or in full by three succeeded payments (their Allocation rows, one with the early-payment discount), one by the tax
roll's "paid before import", and a failed payment that must not count. The statistics are refreshed (``ANALYZE``),
as autovacuum keeps them in production.

The server is gunicorn as in bench.webhook_burst (3 workers × 4 threads, ``CONN_MAX_AGE=60``). The citizen is
signed in by a session created in the database, as ``login()`` leaves it (bench.permit_fixtures does the same). One
client GETs ``/impozite/`` 30 times to warm every worker up, then 200 times, one after the other; each answer must
be 200 and name the citizen's two role numbers. The time of a row is the worker's own (gunicorn's access log, from
the request read to the response sent); the client's is shown beside it.

Then, in Django on the same database, the page's queries are captured (``CaptureQueriesContext``) around direct calls
of what the view reads — the obligations of the user's linked taxpayers (``payments.views.citizen._my_obligations``),
their credits (``payments.rules.credits_by_obligation``), the checkouts in progress, the linked taxpayers, the
pending links — and around one whole request of the page (Django's test client), and each SELECT is explained with
``EXPLAIN (ANALYZE, BUFFERS)``. The plans of the main queries are printed; a sequential scan of a table of more than
10,000 rows in any of the page's queries is reported (with the index that would avoid it where one is known) and
misses the scenario too.

Run: ``make bench`` or ``python -m bench.my_taxes``. Needs PostgreSQL (``BENCH_POSTGRES_URL``, see
bench.webhook_burst).
"""

import datetime
import json
import os
import re
import sys
import tempfile
import time
from pathlib import Path

from bench.harness import migrate
from bench.webhook_burst import (
    GUNICORN_THREADS,
    GUNICORN_WORKERS,
    Gunicorn,
    cnp,
    ms3,
    ok,
    percentile,
    person_name,
    postgres_database,
    postgres_env,
    print_rows,
    request,
    run_fixtures,
)

TAXPAYERS = 100_000
OBLIGATIONS_EACH = 3
LINKED_ACCOUNTS = 20_000
OTHER_PAYMENTS = 30_000
BATCH = 5_000
WARM_UP = 30
REQUESTS = 200
TARGET_P95_MS = 50.0
LARGE_TABLE = 10_000  # rows: a sequential scan of a larger table is reported
PAGE = "/impozite/"
CITIZEN = "cetatean.impozite@example.ro"
# The citizen's two taxpayers: the first and the last of the roll.
CITIZEN_TAXPAYERS = (0, TAXPAYERS - 1)
SEQ_SCAN = re.compile(r"Seq Scan on (\w+)")
EXECUTION_TIME = re.compile(r"Execution Time: ([0-9.]+) ms")
# The index that spares a sequential scan of a table in the page's queries, where the scenario knows one.
INDEX_FOR = {
    "payments_taxpayerlink": "CREATE INDEX ON payments_taxpayerlink (user_id, status);",
    "payments_allocation": "CREATE INDEX ON payments_allocation (obligation_id);",
    "payments_obligation": "CREATE INDEX ON payments_obligation (taxpayer_id, fiscal_year);",
    "payments_payment": "CREATE INDEX ON payments_payment (status, created_at);",
}


# --- the bench database's side (run in Django, in a subprocess) ---------------------------------------------------


def role_number(index: int) -> str:
    return f"R{index + 1:07d}"


def instalments(amount: int, year: int) -> dict[str, object]:
    return {
        "amount": amount,
        "first_due": datetime.date(year, 3, 31),
        "first_amount": amount - amount // 2,
        "second_due": datetime.date(year, 9, 30),
        "second_amount": amount // 2,
    }


def load_roll() -> dict[str, int]:
    """The city's tax roll, other accounts and their payments, in batches; how many rows of each."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.utils import timezone

    from payments.models import Allocation, Obligation, Payment, Taxpayer, TaxpayerLink
    from portal.identifiers import is_valid_cnp

    User = get_user_model()
    kinds = [Obligation.Kind.BUILDING, Obligation.Kind.LAND, Obligation.Kind.VEHICLE]
    born = datetime.date(1940, 1, 1)
    for start in range(0, TAXPAYERS, BATCH):
        batch = [
            Taxpayer(
                kind=Taxpayer.Kind.PERSON,
                identifier=cnp(i, born + datetime.timedelta(days=(i // 900) * 97)),
                name=person_name(i),
                address=f"Str. Teilor nr. {i % 300 + 1}, bl. {i // 300 % 90 + 1}, Lugoj",
                role_number=role_number(i),
            )
            for i in range(start, min(start + BATCH, TAXPAYERS))
        ]
        assert all(is_valid_cnp(taxpayer.identifier) for taxpayer in batch)
        Taxpayer.objects.bulk_create(batch)
        Obligation.objects.bulk_create(
            [
                Obligation(
                    taxpayer=taxpayer,
                    kind=kinds[k],
                    fiscal_year=2026,
                    reference=taxpayer.address if k < 2 else f"TM-{taxpayer.pk % 100:02d}-ABC",
                    source_key=f"2026/{taxpayer.role_number}/{k}",
                    **instalments(5_000 + (taxpayer.pk * 7919 + k * 104_729) % 300_000, 2026),
                )
                for taxpayer in batch
                for k in range(OBLIGATIONS_EACH)
            ]
        )
    taxpayer_ids = list(Taxpayer.objects.order_by("pk").values_list("pk", flat=True))
    password = "!bench-unusable"
    users = User.objects.bulk_create(
        [
            User(email=f"contribuabil{i}@example.ro", first_name="Ion", last_name=f"Pop{i}", password=password)
            for i in range(LINKED_ACCOUNTS)
        ],
        batch_size=BATCH,
    )
    TaxpayerLink.objects.bulk_create(
        [
            TaxpayerLink(
                user=user,
                taxpayer_id=taxpayer_ids[1 + i * 4],
                method=TaxpayerLink.Method.NOTICE,
                status=TaxpayerLink.Status.ACTIVE,
            )
            for i, user in enumerate(users)
        ],
        batch_size=BATCH,
    )
    # Other taxpayers' succeeded payments, each of one obligation in full: every tenth obligation of the roll (not
    # the citizen's taxpayers', the first and the last).
    paid = list(Obligation.objects.order_by("pk").values_list("pk", "amount", "taxpayer_id"))[5::10][:OTHER_PAYMENTS]
    when = timezone.make_aware(datetime.datetime(2026, 3, 20, 10, 0))
    payments = Payment.objects.bulk_create(
        [
            Payment(
                payer=users[i % LINKED_ACCOUNTS],
                payer_name="Ion Pop",
                payer_email=users[i % LINKED_ACCOUNTS].email,
                provider="stripe",
                provider_reference=f"cs_roll_{i}",
                provider_payment=f"pi_roll_{i}",
                amount=amount,
                status=Payment.Status.SUCCEEDED,
                created_at=when + datetime.timedelta(minutes=i),
                succeeded_at=when + datetime.timedelta(minutes=i, seconds=40),
            )
            for i, (_pk, amount, _taxpayer) in enumerate(paid)
        ],
        batch_size=BATCH,
    )
    Allocation.objects.bulk_create(
        [
            Allocation(payment=payment, obligation_id=pk, principal=amount)
            for payment, (pk, amount, _taxpayer) in zip(payments, paid, strict=True)
        ],
        batch_size=BATCH,
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE payments_obligation o SET principal_paid = a.principal FROM payments_allocation a "
            "WHERE a.obligation_id = o.id"
        )
    return {
        "taxpayers": Taxpayer.objects.count(),
        "obligations": Obligation.objects.count(),
        "links": TaxpayerLink.objects.count(),
        "payments": Payment.objects.count(),
        "allocations": Allocation.objects.count(),
    }


def load_citizen() -> dict[str, object]:
    """The citizen, linked to two taxpayers of the roll with 10 obligations between them, partly paid."""
    from django.contrib.auth import get_user_model
    from django.db.models import F
    from django.utils import timezone

    from payments.models import Allocation, Obligation, Payment, Taxpayer, TaxpayerLink

    citizen = get_user_model().objects.create_user(
        CITIZEN, password=None, first_name="Ana", last_name="Popescu", cnp="", preferred_language="ro"
    )
    first, second = (Taxpayer.objects.get(role_number=role_number(i)) for i in CITIZEN_TAXPAYERS)
    for taxpayer in (first, second):
        TaxpayerLink.objects.create(
            user=citizen,
            taxpayer=taxpayer,
            method=TaxpayerLink.Method.ROEID,
            status=TaxpayerLink.Status.ACTIVE,
            decided_at=timezone.now(),
        )
    # Two more years of each (3 + 2 + 3 + 2 = 10 obligations), one of them partly paid at the cashier.
    earlier = Obligation.objects.bulk_create(
        [
            Obligation(
                taxpayer=taxpayer,
                kind=kind,
                fiscal_year=year,
                reference=taxpayer.address,
                paid_before_import=30_000 if (taxpayer, year, kind) == (second, 2024, "land") else 0,
                source_key=f"{year}/{taxpayer.role_number}/{kind}",
                **instalments(amount, year),
            )
            for taxpayer, year, kind, amount in [
                (first, 2024, Obligation.Kind.BUILDING, 98_000),
                (first, 2025, Obligation.Kind.BUILDING, 104_500),
                (second, 2024, Obligation.Kind.LAND, 61_200),
                (second, 2025, Obligation.Kind.LAND, 64_300),
            ]
        ]
    )
    own = {(o.taxpayer_id, o.fiscal_year, o.kind): o for o in Obligation.objects.filter(taxpayer__in=(first, second))}

    def paid(at, lines, status=Payment.Status.SUCCEEDED):
        moment = timezone.make_aware(at)
        payment = Payment.objects.create(
            payer=citizen,
            payer_name="Ana Popescu",
            payer_email=CITIZEN,
            provider="stripe",
            provider_reference=f"cs_citizen_{at:%Y%m%d%H%M}",
            amount=sum(principal + increments for _o, principal, increments, _bonus in lines),
            status=status,
            created_at=moment,
            succeeded_at=moment if status == Payment.Status.SUCCEEDED else None,
        )
        for obligation, principal, increments, bonus in lines:
            Allocation.objects.create(
                payment=payment, obligation=obligation, principal=principal, increments=increments, bonus=bonus
            )
            if status == Payment.Status.SUCCEEDED:
                Obligation.objects.filter(pk=obligation.pk).update(
                    principal_paid=F("principal_paid") + principal,
                    increments_paid=F("increments_paid") + increments,
                    bonus_granted=F("bonus_granted") + bonus,
                )

    building_2025 = own[(first.pk, 2025, Obligation.Kind.BUILDING)]
    land_2025 = own[(second.pk, 2025, Obligation.Kind.LAND)]
    building_2024 = own[(first.pk, 2024, Obligation.Kind.BUILDING)]
    building_2026 = own[(first.pk, 2026, Obligation.Kind.BUILDING)]
    vehicle_2026 = own[(second.pk, 2026, Obligation.Kind.VEHICLE)]
    # 2025, by 31 March: the whole building tax with the 10 % discount, the land tax's first instalment.
    paid(
        datetime.datetime(2025, 3, 28, 18, 5),
        [
            (building_2025, building_2025.amount - building_2025.amount // 10, 0, building_2025.amount // 10),
            (land_2025, land_2025.first_amount, 0, 0),
        ],
    )
    # 2025, late: part of the 2024 building tax and its late-payment interest.
    paid(datetime.datetime(2025, 11, 3, 9, 40), [(building_2024, 50_000, 4_300, 0)])
    # 2026: the building tax's first instalment; a declined card on the vehicle tax, which must not count.
    paid(datetime.datetime(2026, 3, 30, 21, 12), [(building_2026, building_2026.first_amount, 0, 0)])
    paid(
        datetime.datetime(2026, 9, 29, 8, 0),
        [(vehicle_2026, vehicle_2026.amount, 0, 0)],
        status=Payment.Status.FAILED,
    )
    return {
        "citizen": citizen.pk,
        "role_numbers": [first.role_number, second.role_number],
        "obligations": Obligation.objects.filter(taxpayer__in=(first, second)).count(),
        "earlier": len(earlier),
    }


def signed_in(email: str) -> dict[str, str]:
    from django.contrib.auth import get_user_model

    from bench.backoffice import signed_in as session_of

    return session_of(get_user_model().objects.get(email=email))


def prepare() -> dict[str, object]:
    from django.db import connection, transaction

    started = time.monotonic()
    with transaction.atomic():
        counts = load_roll()
        citizen = load_citizen()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {
        "counts": counts,
        **citizen,
        "cookies": signed_in(CITIZEN),
        "seconds": round(time.monotonic() - started, 1),
    }


def explain_all(queries: list[dict[str, str]]) -> list[dict[str, object]]:
    """Each SELECT explained with its real run (``EXPLAIN (ANALYZE, BUFFERS)``): the plan, the sequential scans of
    large tables."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT relname, reltuples::bigint FROM pg_class WHERE relkind = 'r'")
        sizes = dict(cursor.fetchall())
        explained = []
        for query in queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            scans = sorted({table for table in SEQ_SCAN.findall(plan) if sizes.get(table, 0) > LARGE_TABLE})
            explained.append({"sql": sql, "plan": plan, "seq_scans": [{"table": t, "rows": sizes[t]} for t in scans]})
    return explained


def explain(email: str) -> dict[str, object]:
    """The page's queries, captured and explained: the view's selectors one by one, then one whole request."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from payments import checkout, rules, selectors
    from payments.models import TaxpayerLink
    from payments.views.citizen import _my_obligations

    user = get_user_model().objects.get(email=email)
    main = {}
    with CaptureQueriesContext(connection) as captured:
        obligations = _my_obligations(user)
    main["obligations of the linked taxpayers (_my_obligations)"] = captured.captured_queries
    with CaptureQueriesContext(connection) as captured:
        rules.credits_by_obligation(obligations)
    main["their credits (rules.credits_by_obligation)"] = captured.captured_queries
    with CaptureQueriesContext(connection) as captured:
        checkout.in_progress(obligations)
    main["checkouts in progress (checkout.in_progress)"] = captured.captured_queries
    with CaptureQueriesContext(connection) as captured:
        list(selectors.linked_taxpayers(user))
    main["linked taxpayers (selectors.linked_taxpayers)"] = captured.captured_queries
    with CaptureQueriesContext(connection) as captured:
        list(TaxpayerLink.objects.filter(user=user, status=TaxpayerLink.Status.PENDING).select_related("taxpayer"))
    main["pending links"] = captured.captured_queries
    client = Client()
    client.force_login(user)
    client.get(PAGE)  # first use: caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(PAGE)
    page = captured.captured_queries
    return {
        "main": {label: explain_all(queries) for label, queries in main.items()},
        "page_status": response.status_code,
        "page_queries": len(page),
        "page": explain_all(page),
    }


def fixture_command(arguments: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    command, *rest = arguments
    result = prepare() if command == "prepare" else explain(*rest)
    print(json.dumps(result))


# --- the scenario ------------------------------------------------------------------------------------------------


def page_times(server: Gunicorn, cookies: dict[str, str], role_numbers: list[str]) -> tuple[list[float], list[str]]:
    """The client's milliseconds of each measured GET, and what was wrong with any answer."""
    headers = {"Cookie": "; ".join(f"{name}={value}" for name, value in cookies.items()), "Accept-Language": "ro"}
    problems = []
    for _ in range(WARM_UP):
        request(server.port, "GET", PAGE, headers=headers)
    client_ms = []
    for _ in range(REQUESTS):
        started = time.monotonic()
        status, body = request(server.port, "GET", PAGE, headers=headers)
        client_ms.append((time.monotonic() - started) * 1000)
        text = body.decode(errors="replace")
        if status != 200:
            problems.append(f"status {status}")
        elif not all(number in text for number in role_numbers):
            problems.append("the page does not name the citizen's role numbers")
    return client_ms, sorted(set(problems))


def print_plans(explained: dict[str, object]) -> list[str]:
    """Print the plans of the main queries; the sequential scans of large tables in any of the page's queries."""
    print("\nEXPLAIN ANALYZE of the page's main queries:")
    for label, queries in explained["main"].items():
        for query in queries:
            print(f"\n-- {label}\n{query['sql']}\n{query['plan']}")
    print(f"\nEvery query of one request of the page ({len(explained['page'])} SELECTs), as PostgreSQL ran it:")
    for query in explained["page"]:
        took = EXECUTION_TIME.search(query["plan"])
        print(f"  {took.group(1) if took else '?':>8} ms  {query['sql'][:150]}")
    found = []
    for query in [q for queries in explained["main"].values() for q in queries] + explained["page"]:
        for scan in query["seq_scans"]:
            index = INDEX_FOR.get(scan["table"], "(no index known to the scenario: read the plan)")
            found.append(f"Seq Scan on {scan['table']} (~{scan['rows']:,} rows) in: {query['sql'][:160]}… → {index}")
    return sorted(set(found))


def main() -> int:
    print(f"bench.my_taxes: GET {PAGE} of a citizen on a roll of {TAXPAYERS:,} taxpayers, on PostgreSQL")
    with tempfile.TemporaryDirectory(prefix="ghiseul-bench-") as temporary, postgres_database("taxes") as url:
        directory = Path(temporary)
        env = postgres_env(directory, url)
        print("  migrating a fresh PostgreSQL database…", flush=True)
        migrate(env)
        print(
            f"  loading the tax roll ({TAXPAYERS:,} taxpayers × {OBLIGATIONS_EACH} obligations) and the citizen…",
            flush=True,
        )
        prepared = run_fixtures("bench.my_taxes", env, "prepare")
        assert isinstance(prepared, dict)
        print(f"  loaded in {prepared['seconds']} s: {prepared['counts']}", flush=True)
        print(
            f"  gunicorn: {GUNICORN_WORKERS} workers × {GUNICORN_THREADS} threads; {WARM_UP} warm-up GETs, "
            f"then {REQUESTS}…",
            flush=True,
        )
        with Gunicorn(env, directory, GUNICORN_WORKERS, GUNICORN_THREADS) as server:
            client_ms, problems = page_times(server, prepared["cookies"], prepared["role_numbers"])
            time.sleep(0.5)  # the access log's last lines
            logged, _end = server.server_times("GET", PAGE)
            log_tail = server.log_text()
        server_ms = logged[WARM_UP:]
        print("  explaining the page's queries…", flush=True)
        explained = run_fixtures("bench.my_taxes", env, "explain", CITIZEN)
        assert isinstance(explained, dict)
    scans = print_plans(explained)
    p95 = percentile(server_ms, 0.95)
    rows = [
        (
            "tax roll",
            f"{prepared['counts']['taxpayers']:,} taxpayers, {prepared['counts']['obligations']:,} obligations",
            "",
            "",
        ),
        (
            "ledger",
            f"{prepared['counts']['payments']:,} payments, {prepared['counts']['allocations']:,} "
            f"allocations, {prepared['counts']['links']:,} links",
            "",
            "",
        ),
        ("the citizen's obligations", str(prepared["obligations"]), "10", ok(prepared["obligations"] == 10)),
        ("answers", ", ".join(problems) or f"{REQUESTS} × 200, role numbers shown", "200", ok(not problems)),
        ("queries of one page", str(explained["page_queries"]), "", ""),
        ("client time p50 / p95 / max", ms3(client_ms), "", ""),
        (
            "server time p50 / p95 / max",
            ms3(server_ms),
            f"p95 < {TARGET_P95_MS:.0f} ms",
            ok(len(server_ms) == REQUESTS and p95 < TARGET_P95_MS),
        ),
        ("sequential scans of large tables", str(len(scans)), "0", ok(not scans)),
    ]
    print_rows(rows)
    for scan in scans:
        print(f"  {scan}")
    missed = [row[0] for row in rows if row[3] == "MISSED"]
    if missed:
        print(log_tail, file=sys.stderr)
        print(f"\nMISSED: {'; '.join(missed)}.")
        return 1
    print(f"\nThe page met its target: p95 {p95:.1f} ms of server time (under {TARGET_P95_MS:.0f} ms).")
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1:
        fixture_command(sys.argv[1:])
    else:
        sys.exit(main())
