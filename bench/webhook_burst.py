"""A burst of Stripe's `checkout.session.completed` events at the webhook, with re-deliveries: every payment credited
exactly once (target: no credit lost, none doubled).

On a fresh PostgreSQL database (created and migrated for the run, dropped after it) 1,000 payments wait for their
event, as ``payments.checkout.start`` leaves them with Stripe in use: each a payment of one taxpayer's 2026 building,
land or vehicle tax, ``pending``, its Checkout Session id ``cs_bench_<i>`` in ``provider_reference`` and one
Allocation of what the obligation owes today (split by ``payments.taxrules.allocate``, as ``start`` splits it). The
rows are bulk-created (``start`` itself would talk to Stripe once per payment); the audit trail of their start is not
written.

The server is gunicorn (``portal.wsgi``, bench.settings) on a loopback socket the scenario binds, with 3 workers of 4
threads (gthread) on this 2-core machine, ``CONN_MAX_AGE=60`` as in production, Stripe in use (``STRIPE_SECRET_KEY``)
and the webhook's signing secret (``STRIPE_WEBHOOK_SECRET``). 16 client threads send the 1,000 events and 200
re-deliveries of already-sent events — half of them queued right behind their original, so that the two are in
flight together (the table says how many actually overlapped), half later — each body signed with the Stripe SDK's
own ``WebhookSignature.generate_signature_header`` just before it is sent (header ``Stripe-Signature``), a new
connection per delivery, as Stripe makes them.

Receipt e-mails: crediting a payment issues its receipt and queues ``payments.tasks.send_receipt``, which renders the
receipt's PDF with WeasyPrint and e-mails it. The harness's ``CELERY_BROKER_URL=memory://`` makes the portal run
tasks eagerly, inside the request that credits (``transaction.on_commit``): every webhook would then wait for a PDF,
which is not what production does (a Celery worker renders it; the web process only publishes the task). The server
therefore runs with ``CELERY_TASK_ALWAYS_EAGER=false`` on the same in-memory broker: the task is published and kept,
never run, so the numbers are those of the webhook itself. What an eager run would add is measured apart, after the
burst: the rendering of a few of the issued receipts' PDFs, per receipt (the ``receipt PDF`` row; it is not a target).

Checked in the database afterwards (each a target of 0; any other answer than 200 misses the scenario too):
- lost credits: payments still pending (or otherwise not succeeded) whose event was delivered and answered 200;
  succeeded payments without a receipt;
- double credits: obligations whose ``principal_paid`` exceeds what their credited allocations give them, payments
  with more than one receipt or more than one ``payment_succeeded`` audit event, event ids stored more than once;
  receipt numbers that are not the gapless 1..N of the year.

Run: ``make bench`` or ``python -m bench.webhook_burst``. Needs PostgreSQL: ``BENCH_POSTGRES_URL`` (default
``postgres://postgres@127.0.0.1:5432/postgres``) names a database of a role that may create databases.

The PostgreSQL database, the gunicorn server and the fixture subprocesses are shared with bench.my_taxes.
"""

import contextlib
import datetime
import http.client
import json
import os
import queue
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from bench.harness import BASE_DIR, migrate, server_env

N = 1000
DUPLICATES = N // 5  # re-deliveries of already-sent events, half right behind their original, half later
CLIENT_THREADS = 16
GUNICORN_WORKERS = 3
GUNICORN_THREADS = 4
STRIPE_KEY = "sk_test_bench_ghiseul"
WEBHOOK_SECRET = "whsec_bench_ghiseul"
WEBHOOK_PATH = "/plati/webhook/stripe/"
RECEIPTS_RENDERED = 5
SERVER_START_TIMEOUT = 120
# The access log's line: method, path, status, microseconds the worker spent on the request.
ACCESS_FORMAT = "%(m)s %(U)s %(s)s %(D)s"
ACCESS_LINE = re.compile(r"^(\S+) (\S+) (\d{3}) (\d+)$")


# --- PostgreSQL, gunicorn, the fixture subprocesses (shared with bench.my_taxes) ---------------------------------


@contextlib.contextmanager
def postgres_database(label: str) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one run, dropped afterwards; its URL."""
    import psycopg

    admin = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    name = f"ghiseul_bench_{label}_{os.getpid()}"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(admin)
    try:
        yield urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def postgres_env(directory: Path, database_url: str, **extra: str) -> dict[str, str]:
    """The harness's server environment on the PostgreSQL database, Stripe in use, tasks published, not run."""
    return server_env(
        directory,
        DATABASE_URL=database_url,
        CONN_MAX_AGE="60",
        STRIPE_SECRET_KEY=STRIPE_KEY,
        STRIPE_WEBHOOK_SECRET=WEBHOOK_SECRET,
        CELERY_TASK_ALWAYS_EAGER="false",
        LOG_LEVEL="WARNING",
        **extra,
    )


class Gunicorn:
    """gunicorn serving the portal (bench.settings) on a loopback socket bound here, so its port is known before it
    starts; the access log keeps each request's time in the worker."""

    def __init__(self, env: dict[str, str], directory: Path, workers: int, threads: int) -> None:
        self.env = env
        self.access_log = directory / "access.log"
        self.error_log = directory / "gunicorn.log"
        self.workers = workers
        self.threads = threads

    def __enter__(self) -> "Gunicorn":
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(128)
        self.port = self.socket.getsockname()[1]
        fd = self.socket.fileno()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "portal.wsgi:application",
                f"--bind=fd://{fd}",
                f"--workers={self.workers}",
                f"--threads={self.threads}",
                "--worker-class=gthread",
                "--timeout=120",
                f"--access-logfile={self.access_log}",
                f"--access-logformat={ACCESS_FORMAT}",
                f"--error-logfile={self.error_log}",
            ],
            cwd=BASE_DIR,
            env=self.env,
            pass_fds=(fd,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while True:
            if self.process.poll() is not None:
                self.__exit__()
                raise RuntimeError(f"gunicorn did not start:\n{self.log_text()}")
            try:
                # The webhook answers a GET at once (405): every worker has loaded the portal when it does.
                request(self.port, "GET", WEBHOOK_PATH, timeout=5)
                break
            except OSError:
                if time.monotonic() > deadline:
                    self.__exit__()
                    raise RuntimeError(f"gunicorn did not answer:\n{self.log_text()}") from None
                time.sleep(0.2)
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.socket.close()

    def log_text(self) -> str:
        return self.error_log.read_text(errors="replace")[-4000:] if self.error_log.exists() else ""

    def server_times(self, method: str, path_prefix: str, since: int = 0) -> tuple[list[float], int]:
        """Milliseconds the workers spent on each matching request logged from byte `since` on, and the log's
        size (to start from next time). gunicorn writes a line when the response is sent."""
        times = []
        with self.access_log.open("rb") as log:
            log.seek(since)
            for line in log.read().decode(errors="replace").splitlines():
                found = ACCESS_LINE.match(line.strip())
                if found and found.group(1) == method and found.group(2).startswith(path_prefix):
                    times.append(int(found.group(4)) / 1000)
            return times, log.tell()

    def log_size(self) -> int:
        return self.access_log.stat().st_size if self.access_log.exists() else 0


def request(
    port: int, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None, timeout: float = 120
) -> tuple[int, bytes]:
    """One request on a new connection; the status and the body."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body or None, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def run_fixtures(module: str, env: dict[str, str], *arguments: str) -> object:
    """Run a fixture command of `module` (``python -m module ARGS``) in Django on the bench database; the JSON
    of its last line of output. What it wrote to stderr (WeasyPrint's font notes) is shown only when it fails."""
    return run_json(["-m", module, *arguments], env)


def run_json(arguments: list[str], env: dict[str, str]) -> object:
    """Run ``python ARGS`` in the project with `env`; the JSON of its last line of output (its stderr shown only when
    it fails)."""
    done = subprocess.run([sys.executable, *arguments], cwd=BASE_DIR, env=env, capture_output=True, text=True)
    if done.returncode:
        sys.stderr.write(done.stdout[-4000:] + done.stderr[-8000:])
        done.check_returncode()
    return json.loads(done.stdout.strip().splitlines()[-1])


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (share in 0..1)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, max(0, int(round(share * len(ordered) + 0.5)) - 1))]


def print_rows(rows: list[tuple[str, str, str, str]]) -> None:
    """The result table: measure, value, target, verdict."""
    header = ("measure", "value", "target", "")
    widths = [max(len(cells[i]) for cells in [header, *rows]) for i in range(4)]
    print()
    for cells in [header, tuple("-" * width for width in widths), *rows]:
        print("  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip())


def cnp(index: int, born: datetime.date) -> str:
    """A valid CNP (control digit by the weights 279146358279) for someone born on `born`, unique per index
    below 900 a day: the county from the index, the serial number 100 + index % 900."""
    counties = [f"{county:02d}" for county in range(1, 47)] + ["51", "52"]
    sex = ("1", "2") if born.year < 2000 else ("5", "6")
    stem = sex[index % 2] + born.strftime("%y%m%d") + counties[index % len(counties)] + f"{100 + index % 900:03d}"
    total = sum(int(digit) * weight for digit, weight in zip(stem, (2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9), strict=True))
    control = total % 11
    return stem + ("1" if control == 10 else str(control))


FIRST_NAMES = ["Ana", "Ioan", "Maria", "Mihai", "Elena", "Andrei", "Zsófia", "Attila", "Réka", "Gheorghe", "Ioana"]
LAST_NAMES = ["Popescu", "Ionescu", "Mureșan", "Kovács", "Szabó", "Dumitrescu", "Stan", "Nagy", "Pop", "Rusu"]


def person_name(index: int) -> str:
    return f"{LAST_NAMES[index % len(LAST_NAMES)]} {FIRST_NAMES[(index // len(LAST_NAMES)) % len(FIRST_NAMES)]}"


# --- the bench database's side (run in Django, in a subprocess) ---------------------------------------------------


def prepare() -> dict[str, object]:
    """N pending Stripe payments, each of one taxpayer's one obligation; what the events need of them."""
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from payments import rules, taxrules
    from payments.models import Allocation, Obligation, Payment, Taxpayer
    from portal.identifiers import is_valid_cnp
    from services.calendar import today

    day = today()
    policy = rules.institution_rules()
    payer = get_user_model().objects.create_user(
        "plati.bench@example.ro", first_name="Ana", last_name="Popescu", password=None
    )
    kinds = [Obligation.Kind.BUILDING, Obligation.Kind.LAND, Obligation.Kind.VEHICLE]
    born = datetime.date(1950, 1, 1)
    with transaction.atomic():
        taxpayers = Taxpayer.objects.bulk_create(
            [
                Taxpayer(
                    kind=Taxpayer.Kind.PERSON,
                    identifier=cnp(i, born + datetime.timedelta(days=(i // 900) * 97)),
                    name=person_name(i),
                    address=f"Str. Florilor nr. {i + 1}, Lugoj",
                    role_number=f"W{i:07d}",
                )
                for i in range(N)
            ],
            batch_size=1000,
        )
        assert all(is_valid_cnp(taxpayer.identifier) for taxpayer in taxpayers)
        obligations = Obligation.objects.bulk_create(
            [
                Obligation(
                    taxpayer=taxpayer,
                    kind=kinds[i % 3],
                    fiscal_year=day.year,
                    reference=taxpayer.address,
                    amount=(amount := 5_000 + (i * 7919) % 200_000),
                    first_due=datetime.date(day.year, 3, 31),
                    first_amount=amount - amount // 2,
                    second_due=datetime.date(day.year, 9, 30),
                    second_amount=amount // 2,
                    source_key=f"bench-burst-{i}",
                )
                for i, taxpayer in enumerate(taxpayers)
            ],
            batch_size=1000,
        )
        parts = []
        for obligation in obligations:
            terms = rules.terms_of(obligation)
            owed = taxrules.owed_on(terms, [], day, policy).to_settle
            [(_key, credit)] = taxrules.allocate(owed, [(obligation, terms, [])], day, policy)
            parts.append(credit)
        payments = Payment.objects.bulk_create(
            [
                Payment(
                    payer=payer,
                    payer_name=payer.get_full_name(),
                    payer_email=payer.email,
                    language="ro",
                    provider="stripe",
                    provider_reference=f"cs_bench_{i}",
                    amount=credit.principal + credit.increments,
                    status=Payment.Status.PENDING,
                )
                for i, credit in enumerate(parts)
            ],
            batch_size=1000,
        )
        Allocation.objects.bulk_create(
            [
                Allocation(
                    payment=payment,
                    obligation=obligation,
                    principal=credit.principal,
                    increments=credit.increments,
                    bonus=credit.bonus,
                )
                for payment, obligation, credit in zip(payments, obligations, parts, strict=True)
            ],
            batch_size=1000,
        )
    return {
        "payments": [
            {
                "pk": payment.pk,
                "token": str(payment.token),
                "reference": payment.provider_reference,
                "amount": payment.amount,
            }
            for payment in payments
        ]
    }


def check(delivered_file: str) -> dict[str, object]:
    """Lost and double credits of the bench's payments, given the references whose event was answered 200."""
    from django.db.models import Count, F, OuterRef, Q, Subquery, Sum
    from django.db.models.functions import Coalesce

    from payments import receipts
    from payments.models import Allocation, AuditEvent, Obligation, Payment, Receipt, WebhookEvent
    from payments.rules import CREDITED

    delivered = set(json.loads(Path(delivered_file).read_text()))
    bench = Payment.objects.filter(provider_reference__startswith="cs_bench_")
    statuses = Counter(bench.values_list("status", flat=True))
    not_credited = bench.filter(provider_reference__in=delivered).exclude(status__in=CREDITED).count()
    credited_without_receipt = bench.filter(status__in=CREDITED, receipt__isnull=True).count()
    allotted = (
        Allocation.objects.filter(obligation=OuterRef("pk"), payment__status__in=CREDITED)
        .values("obligation")
        .annotate(total=Sum("principal"))
        .values("total")
    )
    over_credited = (
        Obligation.objects.filter(source_key__startswith="bench-burst-")
        .annotate(allotted=Coalesce(Subquery(allotted), 0))
        .filter(principal_paid__gt=F("allotted"))
        .count()
    )
    twice_received = Receipt.objects.values("payment").annotate(count=Count("pk")).filter(count__gt=1).count()
    twice_succeeded = (
        AuditEvent.objects.filter(action="payment_succeeded")
        .values("payment")
        .annotate(count=Count("pk"))
        .filter(count__gt=1)
        .count()
    )
    twice_stored = (
        WebhookEvent.objects.values("provider", "event_id").annotate(count=Count("pk")).filter(count__gt=1).count()
    )
    sequences = sorted(Receipt.objects.values_list("sequence", flat=True))
    gapless = sequences == list(range(1, len(sequences) + 1))
    events = WebhookEvent.objects.aggregate(
        stored=Count("pk"),
        processed=Count("pk", filter=Q(processed_at__isnull=False)),
        attempts=Sum("attempts"),
    )
    rendered = []
    for receipt in Receipt.objects.select_related("payment").order_by("sequence")[:RECEIPTS_RENDERED]:
        started = time.perf_counter()
        receipts.render_pdf(receipt)
        rendered.append((time.perf_counter() - started) * 1000)
    return {
        "statuses": dict(statuses),
        "lost": not_credited + credited_without_receipt,
        "not_credited": not_credited,
        "credited_without_receipt": credited_without_receipt,
        "double": over_credited + twice_received + twice_succeeded + twice_stored + (0 if gapless else 1),
        "over_credited": over_credited,
        "twice_received": twice_received,
        "twice_succeeded": twice_succeeded,
        "twice_stored": twice_stored,
        "receipts": Receipt.objects.count(),
        "gapless": gapless,
        "events": events,
        "render_ms": rendered[1:] or rendered,  # the first one loads the fonts
    }


def fixture_command(arguments: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    command, *rest = arguments
    result = prepare() if command == "prepare" else check(*rest)
    print(json.dumps(result))


# --- the events -------------------------------------------------------------------------------------------------


def completed_event(index: int, payment: dict[str, object], created: int) -> bytes:
    """The body of `checkout.session.completed` of a paid session, shaped as Stripe sends it."""
    token = str(payment["token"])
    return json.dumps(
        {
            "id": f"evt_bench_{index:06d}",
            "object": "event",
            "api_version": "2025-01-27.acacia",
            "created": created,
            "livemode": False,
            "type": "checkout.session.completed",
            "data": {
                "object": {
                    "id": payment["reference"],
                    "object": "checkout.session",
                    "amount_total": payment["amount"],
                    "currency": "ron",
                    "metadata": {"payment": token},
                    "client_reference_id": token,
                    "payment_intent": f"pi_bench_{index:06d}",
                    "payment_status": "paid",
                    "status": "complete",
                }
            },
        }
    ).encode()


def schedule(count: int, duplicates: int, rng: random.Random) -> list[tuple[int, str]]:
    """The order of deliveries: every event once, shuffled, and `duplicates` re-deliveries — half queued right
    behind their original (taken by another client thread at the same moment), half at a random later place."""
    order: list[tuple[int, str]] = [(index, "original") for index in rng.sample(range(count), count)]
    repeated = rng.sample(range(count), duplicates)
    together, later = repeated[: duplicates // 2], repeated[duplicates // 2 :]
    for index in together:
        at = order.index((index, "original"))
        order.insert(at + 1, (index, "together"))
    for index in later:
        at = order.index((index, "original"))
        order.insert(rng.randint(at + CLIENT_THREADS, max(at + CLIENT_THREADS, len(order))), (index, "later"))
    return order


class Delivery:
    """One POST of an event: which, why, when it ran, what came back."""

    __slots__ = ("answer", "ended", "index", "kind", "started", "status")

    def __init__(self, index: int, kind: str) -> None:
        self.index, self.kind = index, kind
        self.status, self.answer, self.started, self.ended = 0, "", 0.0, 0.0

    @property
    def milliseconds(self) -> float:
        return (self.ended - self.started) * 1000


def deliver(port: int, body: bytes, delivery: Delivery) -> None:
    import stripe

    header = stripe.WebhookSignature.generate_signature_header(body.decode(), WEBHOOK_SECRET)
    delivery.started = time.monotonic()
    try:
        delivery.status, answer = request(
            port,
            "POST",
            WEBHOOK_PATH,
            body,
            {"Content-Type": "application/json; charset=utf-8", "Stripe-Signature": header},
        )
        delivery.answer = answer.decode(errors="replace")[:40]
    except OSError as error:
        delivery.status, delivery.answer = 0, type(error).__name__
    delivery.ended = time.monotonic()


def burst(port: int, bodies: list[bytes], order: list[tuple[int, str]]) -> tuple[list[Delivery], float]:
    """Send the deliveries in `order` from CLIENT_THREADS threads; the deliveries and the wall time."""
    deliveries = [Delivery(index, kind) for index, kind in order]
    work: queue.SimpleQueue[Delivery | None] = queue.SimpleQueue()
    for delivery in deliveries:
        work.put(delivery)
    for _ in range(CLIENT_THREADS):
        work.put(None)

    def client() -> None:
        while (delivery := work.get()) is not None:
            deliver(port, bodies[delivery.index], delivery)

    threads = [threading.Thread(target=client) for _ in range(CLIENT_THREADS)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return deliveries, time.monotonic() - started


def overlapping(deliveries: list[Delivery]) -> int:
    """Re-deliveries that were in flight while another delivery of the same event was."""
    by_event: dict[int, list[Delivery]] = {}
    for delivery in deliveries:
        by_event.setdefault(delivery.index, []).append(delivery)
    return sum(
        1
        for delivery in deliveries
        if delivery.kind != "original"
        and any(
            other is not delivery and other.started < delivery.ended and delivery.started < other.ended
            for other in by_event[delivery.index]
        )
    )


def main() -> int:
    print(f"bench.webhook_burst: {N} checkout.session.completed events and {DUPLICATES} re-deliveries, on PostgreSQL")
    with tempfile.TemporaryDirectory(prefix="ghiseul-bench-") as temporary, postgres_database("burst") as url:
        directory = Path(temporary)
        env = postgres_env(directory, url)
        print("  migrating a fresh PostgreSQL database…", flush=True)
        migrate(env)
        print(f"  creating {N} pending Stripe payments…", flush=True)
        prepared = run_fixtures("bench.webhook_burst", env, "prepare")
        assert isinstance(prepared, dict)
        payments = prepared["payments"]
        created = int(time.time())
        bodies = [completed_event(index, payment, created) for index, payment in enumerate(payments)]
        order = schedule(N, DUPLICATES, random.Random(20261130))
        print(
            f"  gunicorn: {GUNICORN_WORKERS} workers × {GUNICORN_THREADS} threads; {CLIENT_THREADS} client threads…",
            flush=True,
        )
        with Gunicorn(env, directory, GUNICORN_WORKERS, GUNICORN_THREADS) as server:
            since = server.log_size()
            deliveries, wall = burst(server.port, bodies, order)
            time.sleep(0.5)  # the access log's last lines
            server_ms, _end = server.server_times("POST", WEBHOOK_PATH, since)
            log_tail = server.log_text()
        delivered = sorted({payments[d.index]["reference"] for d in deliveries if d.status == 200})
        (directory / "delivered.json").write_text(json.dumps(delivered))
        checked = run_fixtures("bench.webhook_burst", env, "check", str(directory / "delivered.json"))
        assert isinstance(checked, dict)
    return report(deliveries, wall, server_ms, checked, log_tail)


def report(deliveries: list[Delivery], wall: float, server_ms: list[float], checked: dict, log_tail: str) -> int:
    latencies = [delivery.milliseconds for delivery in deliveries]
    statuses = Counter(delivery.status for delivery in deliveries)
    answers = Counter(delivery.answer for delivery in deliveries)
    not_ok = sum(count for status, count in statuses.items() if status != 200)
    rendered = checked["render_ms"]
    rows = [
        ("deliveries (events + re-deliveries)", f"{len(deliveries)} ({N} + {len(deliveries) - N})", "", ""),
        ("re-deliveries in flight with another", str(overlapping(deliveries)), "", ""),
        ("wall time", f"{wall:.2f} s", "", ""),
        ("deliveries per second", f"{len(deliveries) / wall:.0f}", "", ""),
        ("events credited per second", f"{N / wall:.0f}", "", ""),
        ("client latency p50 / p95 / max", ms3(latencies), "", ""),
        ("server time p50 / p95 / max", ms3(server_ms), "", ""),
        ("HTTP status", ", ".join(f"{s}: {c}" for s, c in sorted(statuses.items())), "all 200", ok(not_ok == 0)),
        ("answers", ", ".join(f"{a}: {c}" for a, c in sorted(answers.items())), "", ""),
        ("payments by status", ", ".join(f"{s}: {c}" for s, c in sorted(checked["statuses"].items())), "", ""),
        (
            "provider events stored / processed",
            f"{checked['events']['stored']} / {checked['events']['processed']}",
            f"{N} / {N}",
            ok(checked["events"]["stored"] == N == checked["events"]["processed"]),
        ),
        (
            "receipts issued (numbers gapless)",
            f"{checked['receipts']} ({'yes' if checked['gapless'] else 'NO'})",
            f"{N}",
            ok(checked["receipts"] == N and checked["gapless"]),
        ),
        ("lost credits: delivered, not credited", str(checked["not_credited"]), "0", ok(checked["not_credited"] == 0)),
        (
            "lost credits: credited, no receipt",
            str(checked["credited_without_receipt"]),
            "0",
            ok(checked["credited_without_receipt"] == 0),
        ),
        (
            "double credits: obligation over its allocations",
            str(checked["over_credited"]),
            "0",
            ok(checked["over_credited"] == 0),
        ),
        (
            "double credits: payments with 2+ receipts",
            str(checked["twice_received"]),
            "0",
            ok(checked["twice_received"] == 0),
        ),
        (
            "double credits: payments succeeded twice (audit)",
            str(checked["twice_succeeded"]),
            "0",
            ok(checked["twice_succeeded"] == 0),
        ),
        (
            "double credits: event ids stored twice",
            str(checked["twice_stored"]),
            "0",
            ok(checked["twice_stored"] == 0),
        ),
        (
            "receipt PDF (an eager task's cost per credit)",
            f"{statistics.mean(rendered):.0f} ms mean of {len(rendered)}" if rendered else "n/a",
            "",
            "not a target",
        ),
    ]
    print_rows(rows)
    missed = [row[0] for row in rows if row[3] == "MISSED"]
    if missed:
        print(log_tail, file=sys.stderr)
        print(f"\nMISSED: {'; '.join(missed)} (lost {checked['lost']}, double {checked['double']}).")
        return 1
    print(f"\nEvery payment credited exactly once: lost {checked['lost']}, double {checked['double']}.")
    return 0


def ms3(values: list[float]) -> str:
    if not values:
        return "n/a"
    return f"{percentile(values, 0.5):.1f} / {percentile(values, 0.95):.1f} / {max(values):.1f} ms"


def ok(condition: bool) -> str:
    return "ok" if condition else "MISSED"


if __name__ == "__main__":
    if len(sys.argv) > 1:
        fixture_command(sys.argv[1:])
    else:
        sys.exit(main())
