"""The back office at 1,000 and 1,000,000 cases, side by side in one run: server time, SQL queries and the ratio.

For each size (``BENCH_SIZES``, default ``1000,1000000``; the first is the reference of the ratios) a PostgreSQL
database is copied from a template migrated once per run, and ``manage.py bench_data --cases N`` loads a registry of
realistic shape (see services/management/commands/bench_data.py). With ``BENCH_KEEP_DB=1`` the databases of the sizes above the reference
are kept (``ghiseul_bench_keep_<N>``) and reused by the next run — migrated again, so new indexes land — with the
generator's summary kept in the database's comment; without it every database is dropped after its run.

Signed-in sessions are created in the database as ``login()`` leaves them (as bench.my_taxes does): a clerk and the
head of the urbanism department, the quality manager (staff with a TOTP authenticator, which is all the staff
two-factor middleware asks of a session), the clerk the 200-event case is assigned to, and the citizen with 50
cases. The server is gunicorn (bench.webhook_burst's helper, bench.settings, ``CONN_MAX_AGE=60``) with one worker of
two threads, so that the one worker's memory can be read during the CSV export. Requests are sent one after the other;
one warm-up request per scenario, then 10 measured ones (5 from 100,000 cases on; a CSV export once there, without
warm-up). A row's server time is the worker's own (gunicorn's access log, ``%(D)s``: from the request read to the
last byte sent, so a streamed body counts whole), beside the worker's CPU time (its threads' schedstat, which a loaded
machine does not stretch); its SQL query count is the server's own (bench.querycount, whose log also catches the
queries of a streamed body). The server runs with ``QUEUE_EXPORT_SYNC_MAX_ROWS`` raised, so that every export is
streamed by the web process and its memory read there (past the threshold the product hands the same rows to a
Celery task), and with ``CASE_LOOKUP_RATE`` raised so that the lookup is not rate-limited.

Scenarios (queue pages as the clerk, whose department holds a fifth of the registry):
    queue: first page           /birou/ (open cases, the default order)
    queue: overdue              ?overdue=on
    queue: a service            ?service=<one of the department's>
    queue: an assignee          ?assignee=<the clerk>
    queue: search applicant     ?q=<a surname>
    queue: search number        ?q=<a registration number>
    queue: all, deep page       ?status=all&page=<half of the department's cases / 25>
    queue: all, last page       ?status=all&page=999999 (the paginator answers its last page)
    csv: open queue             /birou/export.csv, with the worker's peak memory growth during the export
    csv: all statuses           /birou/export.csv?status=all, the same
    indicators: head            /birou/indicatori/?start=<last year>-01-01&end=<last year>-12-31
    indicators: quality manager the same, every department
    my cases                    /dosarele-mele/ of the citizen with 50 cases
    public lookup               POST /verifica-dosar/ with a number and its access code (CSRF token from a GET)
    case page, 200 events       /birou/dosar/<number>/ as its assignee

Targets (printed as ok/missed; this scenario always exits 0, benchmarks never fail CI): every queue page at the
largest size within 1.5x of the reference and at most 10 queries at both; the lookup and the case page within 1.5x;
the indicators for a year under 200 ms (median) at the largest size; my cases p95 under 50 ms; the CSV exports'
memory growth under 30 MB at the largest size. The table is printed and written to bench/results.json; why a page
is slow: ``python -m bench.backoffice_explain``; the figures and findings: bench/README.md.

Run: ``make bench`` or ``python -m bench.backoffice``; ``BENCH_SIZES=1000,100000`` for a shorter run. Needs
PostgreSQL (``BENCH_POSTGRES_URL``, see bench.webhook_burst).
"""

import contextlib
import datetime
import http.client
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

from bench.harness import BASE_DIR, MB, Sampler, migrate, proc_status, reset_peak
from bench.webhook_burst import Gunicorn, percentile, postgres_env, run_fixtures, run_json

DEFAULT_SIZES = "1000,1000000"
RESULTS = BASE_DIR / "bench" / "results.json"
LARGE = 100_000  # from this size on, fewer requests per row
TARGET_RATIO = 1.5
TARGET_QUERIES = 10
TARGET_INDICATORS_MS = 200.0
# The quality manager's yearly reports of delays (issue #22): grouped over every case closed in the year, then the
# repeat offenders' steps per case (measured at 1,000,000 cases: about 1.4 s for the patterns page).
TARGET_QUALITY_REPORT_MS = 2500.0
TARGET_MY_CASES_P95_MS = 50.0
TARGET_CSV_GROWTH = 30 * MB
EXPORT_SYNC_MAX_ROWS = 100_000_000
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Scenario:
    key: str
    label: str
    who: str  # the session's role: clerk, head, quality, citizen, assignee, anonymous
    path: str
    query: dict[str, str] = field(default_factory=dict)
    method: str = "GET"
    kind: str = "queue"  # queue, csv, indicators, report, my_cases, lookup, case
    body: dict[str, str] = field(default_factory=dict)


def scenarios(facts: dict) -> list[Scenario]:
    year = str(datetime.date.today().year - 1)
    period = {"start": f"{year}-01-01", "end": f"{year}-12-31"}
    return [
        Scenario("queue_first", "queue: first page", "clerk", "/birou/"),
        Scenario("queue_overdue", "queue: overdue", "clerk", "/birou/", {"overdue": "on"}),
        Scenario("queue_service", "queue: a service", "clerk", "/birou/", {"service": str(facts["service"])}),
        Scenario("queue_assignee", "queue: an assignee", "clerk", "/birou/", {"assignee": str(facts["clerk_pk"])}),
        Scenario("queue_q_name", "queue: search applicant", "clerk", "/birou/", {"q": facts["surname"]}),
        Scenario("queue_q_number", "queue: search number", "clerk", "/birou/", {"q": facts["number"]}),
        Scenario(
            "queue_deep", "queue: all, deep page", "clerk", "/birou/", {"status": "all", "page": str(facts["deep"])}
        ),
        Scenario("queue_last", "queue: all, last page", "clerk", "/birou/", {"status": "all", "page": "999999"}),
        Scenario("csv_open", "csv: open queue", "clerk", "/birou/export.csv", kind="csv"),
        Scenario("csv_all", "csv: all statuses", "clerk", "/birou/export.csv", {"status": "all"}, kind="csv"),
        Scenario("indicators_head", "indicators: head", "head", "/birou/indicatori/", period, kind="indicators"),
        Scenario(
            "indicators_quality",
            "indicators: quality manager",
            "quality",
            "/birou/indicatori/",
            period,
            "GET",
            "indicators",
        ),  # fmt: skip
        Scenario("patterns", "delays and blockages, 12 months", "quality", "/birou/calitate/tipare/", kind="report"),
        Scenario(
            "quality_indicators",
            "ISO 9.1 indicators, 12 months",
            "quality",
            "/birou/indicatori/calitate/",
            kind="report",
        ),
        Scenario("my_cases", "my cases (50)", "citizen", "/dosarele-mele/", kind="my_cases"),
        Scenario(
            "lookup",
            "public lookup",
            "anonymous",
            "/verifica-dosar/",
            method="POST",
            kind="lookup",
            body=facts["lookup"],
        ),  # fmt: skip
        Scenario("case_page", "case page, 200 events", "assignee", f"/birou/dosar/{facts['big_case']}/", kind="case"),
    ]


# --- the databases -----------------------------------------------------------------------------------------------


def admin_url() -> str:
    return os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")


def database_url(name: str) -> str:
    parts = urlsplit(admin_url())
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


@contextlib.contextmanager
def copied_database(prefix: str, size: int, template: str) -> Iterator[str]:
    """A database of one size copied from the migrated template, dropped afterwards: its URL."""
    import psycopg

    name = f"ghiseul_bench_{prefix}_{size}_{os.getpid()}"
    with psycopg.connect(admin_url(), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    try:
        yield database_url(name)
    finally:
        with psycopg.connect(admin_url(), autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextlib.contextmanager
def migrated_template(directory: Path) -> Iterator[str]:
    """An empty database migrated once, the template of every size's database (one migration per run, not one per
    size); dropped afterwards."""
    import psycopg

    name = f"ghiseul_bench_template_{os.getpid()}"
    with psycopg.connect(admin_url(), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        print("  migrating a fresh PostgreSQL database (the template of each size's)…", flush=True)
        migrate(postgres_env(directory, database_url(name)))
        yield name
    finally:
        with psycopg.connect(admin_url(), autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextlib.contextmanager
def bench_database(size: int, keep: bool, template: str) -> Iterator[tuple[str, dict | None]]:
    """The database of one size and, when it was kept from an earlier run, the generator's summary."""
    import psycopg

    name = f"ghiseul_bench_keep_{size}" if keep else f"ghiseul_bench_cases_{size}_{os.getpid()}"
    with psycopg.connect(admin_url(), autocommit=True) as connection:
        row = connection.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        summary = json.loads(row[0]) if keep and row and row[0] else None
        if summary is None:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    try:
        yield database_url(name), summary
    finally:
        if not keep:
            with psycopg.connect(admin_url(), autocommit=True) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def remember(url: str, summary: dict) -> None:
    """Keep the generator's summary in the database's comment, for the next run to reuse the database."""
    import psycopg
    from psycopg import sql

    name = urlsplit(url).path.lstrip("/")
    with psycopg.connect(admin_url(), autocommit=True) as connection:
        connection.execute(
            sql.SQL("COMMENT ON DATABASE {} IS {}").format(sql.Identifier(name), sql.Literal(json.dumps(summary)))
        )


def generate(env: dict[str, str], size: int) -> dict:
    return run_json(["manage.py", "bench_data", "--cases", str(size)], env)


# --- the bench database's side (run in Django, in a subprocess) ---------------------------------------------------


def signed_in(user) -> dict[str, str]:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return {settings.SESSION_COOKIE_NAME: session.session_key}


def prepare(summary: dict) -> dict[str, object]:
    """Sessions of the five people and what the scenarios' URLs need."""
    from django.conf import settings
    from django.contrib.auth import get_user_model

    from services.models import Case, Service

    User = get_user_model()
    department = "bench-urbanism"
    clerk = User.objects.get(email=summary["clerks"][department][0])
    head = User.objects.get(email=summary["heads"][department])
    big = Case.objects.select_related("assignee").get(registration_number=summary["big_case"])
    department_id = summary["departments"][department]
    total = Case.objects.filter(department_id=department_id).count()
    middle = Case.objects.filter(department_id=department_id).order_by("id")[total // 2]
    return {
        "cookies": {
            "clerk": signed_in(clerk),
            "head": signed_in(head),
            "quality": signed_in(User.objects.get(email=summary["quality"])),
            "citizen": signed_in(User.objects.get(email=summary["citizen"])),
            "assignee": signed_in(big.assignee),
            "anonymous": {},
        },
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "clerk_pk": clerk.pk,
        "service": Service.objects.filter(procedure__owner_department_id=department_id).order_by("pk").first().pk,
        "department_cases": total,
        "deep": max(1, total // settings.QUEUE_PAGE_SIZE // 2),
        "number": middle.registration_number,
        "surname": middle.applicant_name.split()[-1],
        "big_case": summary["big_case"],
        "lookup": summary["lookup"],
    }


def fixture_command(arguments: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    command, *rest = arguments
    assert command == "prepare"
    print(json.dumps(prepare(json.loads(rest[0]))))


# --- the client --------------------------------------------------------------------------------------------------


def fetch(
    port: int, method: str, path: str, headers: dict[str, str], body: bytes = b"", timeout: float = 900
) -> tuple[int, dict[str, str], int, bytes]:
    """One request on a new connection: status, headers, body size, and the body's first 200 kB (a CSV is read in
    chunks, never held)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body or None, headers=headers)
        response = connection.getresponse()
        head, size = b"", 0
        while chunk := response.read(256 * 1024):
            size += len(chunk)
            if len(head) < 200_000:
                head += chunk
        return response.status, {k.lower(): v for k, v in response.getheaders()}, size, head
    finally:
        connection.close()


def cookie_header(cookies: dict[str, str]) -> str:
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def send(port: int, scenario: Scenario, cookies: dict[str, str], bench_id: str) -> tuple[int, int]:
    """One request of the scenario: its status and body size."""
    headers = {"Accept-Language": "ro", "X-Bench-Id": bench_id}
    path = scenario.path + (f"?{urlencode(scenario.query)}" if scenario.query else "")
    if scenario.method == "POST":
        status, answer, _size, page = fetch(port, "GET", scenario.path, {"Accept-Language": "ro"})
        token = CSRF_INPUT.search(page.decode(errors="replace"))
        csrf_cookie = re.search(r"csrftoken=([^;]+)", answer.get("set-cookie", ""))
        if status != 200 or not token or not csrf_cookie:
            return status or 0, 0
        headers |= {
            "Cookie": cookie_header({**cookies, "csrftoken": csrf_cookie.group(1)}),
            "Content-Type": "application/x-www-form-urlencoded",
        }
        body = urlencode({**scenario.body, "csrfmiddlewaretoken": token.group(1)}).encode()
        status, _answer, size, page = fetch(port, "POST", path, headers, body)
        if status == 200 and scenario.body["registration_number"].encode() not in page:
            return 0, size  # the case was not found
        return status, size
    headers["Cookie"] = cookie_header(cookies)
    status, _answer, size, _page = fetch(port, "GET", path, headers)
    return status, size


def worker_pid(server: Gunicorn) -> int:
    children = Path(f"/proc/{server.process.pid}/task/{server.process.pid}/children").read_text().split()
    return int(children[0])


def cpu_ns(pid: int) -> int:
    """The CPU time the process's threads have used so far (the scheduler's own count, in nanoseconds): the
    worker's share of a request, which the other processes of a loaded machine do not stretch as they stretch the
    wall-clock time (PostgreSQL's work is not in it)."""
    total = 0
    for task in os.listdir(f"/proc/{pid}/task"):
        with contextlib.suppress(OSError), open(f"/proc/{pid}/task/{task}/schedstat") as schedstat:
            total += int(schedstat.read().split()[0])
    return total


@dataclass
class Measured:
    server_ms: list[float]
    queries: list[int]
    statuses: list[int]
    size: int = 0
    growth: int | None = None
    cpu_ms: list[float] = field(default_factory=list)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu_ms) if self.cpu_ms else float("nan")

    @property
    def median(self) -> float:
        return statistics.median(self.server_ms) if self.server_ms else float("nan")

    @property
    def p95(self) -> float:
        return percentile(self.server_ms, 0.95)


def measure(server: Gunicorn, scenario: Scenario, cookies: dict, label: str, query_log: Path, repeat: int) -> Measured:
    """One warm-up request, then `repeat` measured ones; for a CSV, the worker's peak memory growth during the
    last one."""
    if not (scenario.kind == "csv" and repeat == 1):  # a large export is its own warm-up: the pages came first
        send(server.port, scenario, cookies, f"{label}-warm")
    since = server.log_size()
    statuses, size, growth, cpu = [], 0, None, []
    pid = worker_pid(server)
    for i in range(repeat):
        last = i == repeat - 1
        cpu_before = cpu_ns(pid)
        if scenario.kind == "csv" and last:
            precise = reset_peak(pid)
            before = proc_status(pid, "VmRSS")
            sampler = Sampler(pid)
            sampler.start()
            try:
                status, size = send(server.port, scenario, cookies, f"{label}-{i}")
            finally:
                peak = max(sampler.stop(), proc_status(pid, "VmHWM") if precise else 0)
            growth = max(0, peak - before)
        else:
            status, size = send(server.port, scenario, cookies, f"{label}-{i}")
        cpu.append((cpu_ns(pid) - cpu_before) / 1e6)
        statuses.append(status)
    time.sleep(0.3)  # the access log's last line
    times, _end = server.server_times(scenario.method, scenario.path, since)
    counts = {}
    if query_log.exists():
        for line in query_log.read_text().splitlines():
            key, _, value = line.partition(" ")
            counts[key] = int(value)
    queries = [counts[f"{label}-{i}"] for i in range(repeat) if f"{label}-{i}" in counts]
    return Measured(times, queries, statuses, size, growth, cpu)


def repeats(size: int, scenario: Scenario) -> int:
    if scenario.kind == "csv":
        return 1 if size >= LARGE else 3
    return 5 if size >= LARGE else 10


# --- the run -----------------------------------------------------------------------------------------------------


def run_size(size: int, keep: bool, directory: Path, template: str) -> dict:
    directory.mkdir()
    with bench_database(size, keep, template) as (url, summary):
        env = postgres_env(
            directory,
            url,
            CASE_LOOKUP_RATE="100000/1m",
            # Every export streamed by the web process, whatever its size: the streamed path is what a large
            # export's Celery task runs too (the same rows and lines), and its memory is read here.
            QUEUE_EXPORT_SYNC_MAX_ROWS=str(EXPORT_SYNC_MAX_ROWS),
            BENCH_QUERY_LOG=str(directory / "queries.log"),
        )
        if summary is not None:
            print(f"\n  {size:,} cases: migrating the kept database…", flush=True)
            migrate(env)
        if summary is None:
            print(f"\n  {size:,} cases: generating (manage.py bench_data --cases {size})…", flush=True)
            summary = generate(env, size)
            if keep:
                remember(url, summary)
            print(
                f"  generated in {summary['seconds']} s ({summary['cases_per_second']:,} cases/s): {summary['counts']}",
                flush=True,
            )
        else:
            print(f"  {size:,} cases: reusing the kept database ({summary['counts']})", flush=True)
        facts = run_fixtures("bench.backoffice", env, "prepare", json.dumps(summary))
        assert isinstance(facts, dict)
        rows = {}
        with Gunicorn(env, directory, workers=1, threads=2) as server:
            for scenario in scenarios(facts):
                started = time.monotonic()
                result = measure(
                    server,
                    scenario,
                    facts["cookies"][scenario.who],
                    f"{size}-{scenario.key}",
                    directory / "queries.log",
                    repeats(size, scenario),
                )
                rows[scenario.key] = result
                print(
                    f"    {scenario.label:<28} median {result.median:9.1f} ms  p95 {result.p95:9.1f} ms  "
                    f"worker CPU {result.cpu_median:8.1f} ms  "
                    f"queries {max(result.queries, default=0):>3}  statuses {sorted(set(result.statuses))}"
                    + (f"  growth {result.growth / MB:.1f} MB" if result.growth is not None else "")
                    + f"  ({time.monotonic() - started:.1f} s)",
                    flush=True,
                )
    return {"summary": summary, "facts": facts, "rows": rows}


def verdicts(key: str, kind: str, small: Measured, big: Measured) -> tuple[str, bool]:
    """The target of a row and whether it was met (at the largest size, against the reference)."""
    ratio = big.median / small.median if small.median else float("inf")
    good_status = all(status == 200 for status in small.statuses + big.statuses)
    if kind == "queue":
        queries = max(small.queries + big.queries, default=0)
        return f"<= {TARGET_RATIO}x, <= {TARGET_QUERIES} q", good_status and ratio <= TARGET_RATIO and (
            queries <= TARGET_QUERIES
        )
    if kind in ("lookup", "case"):
        return f"<= {TARGET_RATIO}x", good_status and ratio <= TARGET_RATIO
    if kind == "indicators":
        return f"< {TARGET_INDICATORS_MS:.0f} ms", good_status and big.median < TARGET_INDICATORS_MS
    if kind == "report":
        return f"< {TARGET_QUALITY_REPORT_MS:.0f} ms", good_status and big.median < TARGET_QUALITY_REPORT_MS
    if kind == "my_cases":
        return f"p95 < {TARGET_MY_CASES_P95_MS:.0f} ms", good_status and big.p95 < TARGET_MY_CASES_P95_MS
    return f"< {TARGET_CSV_GROWTH // MB} MB", good_status and (big.growth or 0) < TARGET_CSV_GROWTH


def main() -> int:
    sizes = [int(size) for size in os.environ.get("BENCH_SIZES", DEFAULT_SIZES).split(",")]
    keep = os.environ.get("BENCH_KEEP_DB", "") not in ("", "0", "false")
    print(
        f"bench.backoffice: the back office at {' and '.join(f'{size:,}' for size in sizes)} cases, on PostgreSQL; "
        f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores",
        flush=True,
    )
    started = time.monotonic()
    runs = {}
    with (
        tempfile.TemporaryDirectory(prefix="ghiseul-bench-") as temporary,
        migrated_template(Path(temporary)) as template,
    ):
        for size in sizes:
            runs[size] = run_size(size, keep and size != sizes[0], Path(temporary) / str(size), template)
    reference, largest = sizes[0], sizes[-1]
    table, records, missed = [], [], []
    kinds = {scenario.key: (scenario.label, scenario.kind) for scenario in scenarios(runs[reference]["facts"])}
    for key, (label, kind) in kinds.items():
        small, big = runs[reference]["rows"][key], runs[largest]["rows"][key]
        ratio = big.median / small.median if small.median else float("nan")
        target, met = verdicts(key, kind, small, big)
        if not met:
            missed.append(label)
        growth = "" if big.growth is None else f"{big.growth / MB:.1f} MB"
        table.append(
            (
                label,
                f"{small.median:.1f}",
                f"{small.p95:.1f}",
                f"{big.median:.1f}",
                f"{big.p95:.1f}",
                f"{ratio:.1f}x",
                f"{small.cpu_median:.1f}/{big.cpu_median:.1f}",
                f"{max(small.queries, default=0)}/{max(big.queries, default=0)}",
                growth,
                target,
                "ok" if met else "missed",
            )
        )
        records.append(
            {
                "scenario": key,
                "label": label,
                "target": target,
                "met": met,
                "ratio": round(ratio, 2),
                **{
                    str(size): {
                        "median_ms": round(run["rows"][key].median, 1),
                        "p95_ms": round(run["rows"][key].p95, 1),
                        "worker_cpu_ms": [round(ms, 1) for ms in run["rows"][key].cpu_ms],
                        "server_ms": [round(ms, 1) for ms in run["rows"][key].server_ms],
                        "queries": run["rows"][key].queries,
                        "statuses": run["rows"][key].statuses,
                        "bytes": run["rows"][key].size,
                        "memory_growth_bytes": run["rows"][key].growth,
                    }
                    for size, run in runs.items()
                },
            }
        )
    ref, big = f"{reference // 1000:,}k" if reference >= 1000 else str(reference), human(largest)
    header = (
        "scenario", f"{ref} median", f"{ref} p95", f"{big} median", f"{big} p95", f"{big}/{ref}", "CPU ms", "queries",
        f"CSV growth {big}", "target", "",
    )  # fmt: skip
    widths = [max(len(cells[i]) for cells in [header, *table]) for i in range(len(header))]
    print()
    print(
        "Server time in ms (gunicorn's access log), the worker's own CPU time (median ms, reference/largest), "
        "SQL queries per request (server-side):"
    )
    for cells in [header, tuple("-" * width for width in widths), *table]:
        print("  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip())
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    results["backoffice"] = {
        "run_at": datetime.datetime.now().isoformat(timespec="seconds"),
        "code": code_version(),
        "load_average": os.getloadavg(),
        "cores": os.cpu_count(),
        "sizes": sizes,
        "seconds": round(time.monotonic() - started, 1),
        "generated": {str(size): run["summary"] for size, run in runs.items()},
        "rows": records,
    }
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(f"\nWritten to {RESULTS.relative_to(BASE_DIR)}; the run took {time.monotonic() - started:.0f} s.")
    if missed:
        print(f"Missed (measured, not failed: see bench/README.md): {'; '.join(missed)}.")
    else:
        print("Every target met.")
    return 0


def code_version() -> dict[str, str]:
    """The commit measured, and how much of services/ differed from it (others change it while benches run)."""

    def git(*arguments: str) -> str:
        done = subprocess.run(["git", *arguments], cwd=BASE_DIR, capture_output=True, text=True)
        return done.stdout.strip() if done.returncode == 0 else ""

    changed = git("diff", "--stat", "HEAD", "--", "services")
    return {"commit": git("rev-parse", "HEAD"), "services_changes": changed.splitlines()[-1] if changed else ""}


def human(size: int) -> str:
    if size >= 1_000_000 and size % 1_000_000 == 0:
        return f"{size // 1_000_000}M"
    if size >= 1000 and size % 1000 == 0:
        return f"{size // 1000}k"
    return str(size)


if __name__ == "__main__":
    if len(sys.argv) > 1:
        fixture_command(sys.argv[1:])
    else:
        sys.exit(main())
