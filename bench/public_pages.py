"""The public site's pages, uncached and cached on Redis, against the bare-Django reference: a cached page's p95 within
2× the reference's, an uncached home page and service page in at most 10 SQL queries, a cached one in none.

On a fresh PostgreSQL database (created and migrated for the run, dropped after it, as in bench.webhook_burst)
``manage.py load_demo_data --cases 0`` loads the demo institution, its catalogue and its public site in ro, hu and en
(no cases). The cache is Redis (``CACHE_URL=redis://127.0.0.1:6379/5``, Django's own ``RedisCache``; database 5 is
this scenario's, emptied before and after the run; ``BENCH_REDIS_URL`` names another). The server is gunicorn as in
bench.my_taxes (3 workers × 4 threads, ``CONN_MAX_AGE=60``).

Five pages — the home page ``/``, a service page, the news index, the service index and the Hungarian home page —
and the reference, ``/bench/hello/`` of bench.urls (a view answering a few bytes through the portal's whole
middleware stack, no template, no query). Every request is anonymous (no cookie), one after the other:

- uncached: before each GET the page cache's generation (``cms.cache.GENERATION_KEY``, stored by Django's RedisCache
  as ``:1:cms:generation``) is incremented in Redis, which is what ``cms.cache.bump()`` does on a publish: the page
  is rendered afresh (Wagtail's and Django's own caches stay warm, as they do in production after a publish);
- cached: the same GET with the generation left alone, the page served from Redis;
- reference: ``GET /bench/hello/``.

Each series has 30 warm-up requests (every worker has then served it) and 200 measured ones. The time of a request
is the worker's own (gunicorn's access log, ``%(D)s``); the client's is shown beside it. The SQL queries of each
request are counted on the server (bench/querycount.py, the ``X-Queries`` header); then, in Django on the same
database and cache, the SQL of one uncached visit of the home page and of the service page is listed. The targets are printed, never
failed: the scenario exits 0 (as bench.backoffice). The numbers go to bench/results.json under ``public_pages``.

Run: ``make bench`` or ``python -m bench.public_pages``. Needs PostgreSQL (``BENCH_POSTGRES_URL``, see
bench.webhook_burst) and Redis.
"""

import datetime
import http.client
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.backoffice import RESULTS, code_version
from bench.harness import BASE_DIR, manage, migrate
from bench.webhook_burst import (
    ACCESS_LINE,
    GUNICORN_THREADS,
    GUNICORN_WORKERS,
    Gunicorn,
    percentile,
    postgres_database,
    postgres_env,
    run_fixtures,
)

REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5")
# cms.cache.GENERATION_KEY as Django's RedisCache stores it (KEY_PREFIX "", VERSION 1).
GENERATION_KEY = ":1:cms:generation"
WARM_UP = 30
REQUESTS = 200
REFERENCE = "/bench/hello/"
PAGES = [
    ("home page", "/"),
    ("service page", "/servicii/autorizatie-de-construire/"),
    ("news index", "/anunturi/"),
    ("service index", "/servicii/"),
    ("home page (hu)", "/hu/"),
]
# Pages whose uncached queries the issue pins (at most 10); every cached page: none.
PINNED = {"/", "/servicii/autorizatie-de-construire/"}
MAX_UNCACHED_QUERIES = 10
CACHED_TIMES_REFERENCE = 2.0


def get(port: int, path: str) -> tuple[int, int, str, float]:
    """One anonymous GET on a new connection: status, queries counted by the server, body, client milliseconds."""
    started = time.monotonic()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
        queries = int(response.getheader("X-Queries", "-1"))
        return response.status, queries, body.decode(errors="replace"), (time.monotonic() - started) * 1000
    finally:
        connection.close()


def logged_times(server: Gunicorn, path: str, since: int) -> list[float]:
    """The workers' milliseconds of each GET of exactly `path` logged from byte `since` on."""
    time.sleep(0.3)  # gunicorn writes the line once the response is sent
    times = []
    with server.access_log.open("rb") as log:
        log.seek(since)
        for line in log.read().decode(errors="replace").splitlines():
            found = ACCESS_LINE.match(line.strip())
            if found and found.group(1) == "GET" and found.group(2) == path:
                times.append(int(found.group(4)) / 1000)
    return times


def series(server: Gunicorn, redis, path: str, bump: bool) -> dict[str, object]:
    """WARM_UP then REQUESTS GETs of `path`, the page cache's generation bumped before each when `bump`."""

    def one() -> tuple[int, int, str, float]:
        if bump:
            redis.incr(GENERATION_KEY)
        return get(server.port, path)

    for _ in range(WARM_UP):
        one()
    time.sleep(0.3)
    since = server.log_size()
    answers = [one() for _ in range(REQUESTS)]
    server_ms = logged_times(server, path, since)
    queries = [queries for _status, queries, _body, _ms in answers]
    problems = sorted({f"status {status}" for status, *_rest in answers if status != 200})
    if path != REFERENCE and any("<html" not in body for _s, _q, body, _ms in answers):
        problems.append("an answer is not an HTML page")
    if len(server_ms) != REQUESTS:
        problems.append(f"{len(server_ms)} access log lines for {REQUESTS} requests")
    return {
        "path": path,
        "server_ms": server_ms,
        "client_ms": [ms for *_rest, ms in answers],
        "queries": queries,
        "problems": problems,
        "bytes": len(answers[-1][2].encode()),
    }


def summary(run: dict[str, object]) -> dict[str, object]:
    server_ms, client_ms, queries = run["server_ms"], run["client_ms"], run["queries"]
    return {
        "p50_ms": round(percentile(server_ms, 0.5), 2),
        "p95_ms": round(percentile(server_ms, 0.95), 2),
        "max_ms": round(max(server_ms), 2) if server_ms else None,
        "client_p50_ms": round(percentile(client_ms, 0.5), 2),
        "client_p95_ms": round(percentile(client_ms, 0.95), 2),
        "queries_min": min(queries),
        "queries_max": max(queries),
        "bytes": run["bytes"],
        "problems": run["problems"],
    }


def queries_text(entry: dict[str, object]) -> str:
    low, high = entry["queries_min"], entry["queries_max"]
    return str(low) if low == high else f"{low}–{high}"


def verdicts(label: str, path: str, uncached: dict, cached: dict, reference: dict) -> tuple[str, list[str]]:
    """The targets of one page, as the table's last cell, and what was missed."""
    missed = []
    limit = CACHED_TIMES_REFERENCE * reference["p95_ms"]
    if cached["p95_ms"] > limit:
        missed.append(f"{label}: cached p95 {cached['p95_ms']:.2f} ms > {limit:.2f} ms (2× the reference)")
    if cached["queries_max"] != 0:
        missed.append(f"{label}: cached {queries_text(cached)} queries, not 0")
    if path in PINNED and uncached["queries_max"] > MAX_UNCACHED_QUERIES:
        missed.append(f"{label}: uncached {queries_text(uncached)} queries > {MAX_UNCACHED_QUERIES}")
    for kind, entry in (("uncached", uncached), ("cached", cached)):
        missed.extend(f"{label}, {kind}: {problem}" for problem in entry["problems"])
    return ("ok" if not missed else "MISSED"), missed


def compact(sql: str) -> str:
    """A query's table and condition, without its list of columns."""
    table = re.search(r' FROM "(\w+)"', sql)
    where = sql.find(" WHERE ")
    return f"{table.group(1) if table else sql[:40]}:{sql[where : where + 150] if where >= 0 else ' (all rows)'}"


def print_table(rows: list[tuple[str, ...]]) -> None:
    header = (
        "page", "uncached p50 / p95", "queries", "cached p50 / p95", "queries", "cached/ref p95", "target", "",
    )  # fmt: skip
    widths = [max(len(cells[i]) for cells in [header, *rows]) for i in range(len(header))]
    print()
    print("Server time in ms (gunicorn's access log), SQL queries per request (server-side), anonymous GETs:")
    for cells in [header, tuple("-" * width for width in widths), *rows]:
        print("  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip())


def uncached_queries(paths: list[str]) -> dict[str, list[str]]:
    """In Django on the bench database and cache: the SQL of one uncached anonymous visit of each path (a visit first,
    then the generation bumped, as in the uncached series)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from cms import cache as page_cache

    found = {}
    for path in paths:
        client = Client()
        client.get(path)
        page_cache.bump()
        client.cookies.clear()
        with CaptureQueriesContext(connection) as captured:
            client.get(path)
        found[path] = [" ".join(query["sql"].split()) for query in captured.captured_queries]
    return found


def fixture_command(arguments: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    command, *rest = arguments
    assert command == "queries"
    print(json.dumps(uncached_queries(rest)))


def cms_changes() -> str:
    """How much of cms/ differs from the commit measured (the public site is being written while benches run)."""
    done = subprocess.run(["git", "status", "--short", "--", "cms"], cwd=BASE_DIR, capture_output=True, text=True)
    lines = done.stdout.splitlines()
    return f"{len(lines)} files changed or new" if lines else ""


def main() -> int:
    import redis as redis_client

    started = time.monotonic()
    redis = redis_client.Redis.from_url(REDIS_URL)
    print(f"bench.public_pages: the public site uncached and cached on Redis ({REDIS_URL}), on PostgreSQL")
    redis.flushdb()  # this scenario's database: no page of an earlier run may answer
    try:
        with tempfile.TemporaryDirectory(prefix="ghiseul-bench-") as temporary, postgres_database("pages") as url:
            directory = Path(temporary)
            # No Stripe: the demo tax roll's payment goes through the demo provider, as in `make run`.
            env = {
                **postgres_env(directory, url, CACHE_URL=REDIS_URL),
                "STRIPE_SECRET_KEY": "",
                "STRIPE_WEBHOOK_SECRET": "",
            }
            print("  migrating a fresh PostgreSQL database…", flush=True)
            migrate(env)
            print("  load_demo_data --cases 0 (the demo public site in ro, hu, en)…", flush=True)
            manage(env, "load_demo_data", "--cases", "0")
            print(
                f"  gunicorn: {GUNICORN_WORKERS} workers × {GUNICORN_THREADS} threads; per series {WARM_UP} warm-up "
                f"GETs, then {REQUESTS}…",
                flush=True,
            )
            with Gunicorn(env, directory, GUNICORN_WORKERS, GUNICORN_THREADS) as server:
                reference = summary(series(server, redis, REFERENCE, bump=False))
                pages = {}
                for label, path in PAGES:
                    print(f"  {label} ({path})…", flush=True)
                    pages[label] = {
                        "path": path,
                        "uncached": summary(series(server, redis, path, bump=True)),
                        "cached": summary(series(server, redis, path, bump=False)),
                    }
                # The reference again at the end: the machine's load may have changed meanwhile.
                reference_after = summary(series(server, redis, REFERENCE, bump=False))
                log_tail = server.log_text()
            pinned = [path for _label, path in PAGES if path in PINNED]
            listed = run_fixtures("bench.public_pages", env, "queries", *pinned)
            generation = redis.get(GENERATION_KEY)
    finally:
        redis.flushdb()
    rows, missed = [], []
    for label, page in pages.items():
        uncached, cached = page["uncached"], page["cached"]
        verdict, page_missed = verdicts(label, page["path"], uncached, cached, reference)
        missed.extend(page_missed)
        target = f"≤ {CACHED_TIMES_REFERENCE:.0f}× ref, 0 q cached" + (
            f", ≤ {MAX_UNCACHED_QUERIES} q uncached" if page["path"] in PINNED else ""
        )
        rows.append(
            (
                f"{label} {page['path']}",
                f"{uncached['p50_ms']:.1f} / {uncached['p95_ms']:.1f}",
                queries_text(uncached),
                f"{cached['p50_ms']:.1f} / {cached['p95_ms']:.1f}",
                queries_text(cached),
                f"{cached['p95_ms'] / reference['p95_ms']:.2f}×",
                target,
                verdict,
            )
        )
    for name, entry in (("reference", reference), ("reference, again", reference_after)):
        missed.extend(f"{name}: {problem}" for problem in entry["problems"])
        rows.append(
            (
                f"{name} {REFERENCE}",
                "",
                "",
                f"{entry['p50_ms']:.1f} / {entry['p95_ms']:.1f}",
                queries_text(entry),
                "1.00×" if name == "reference" else f"{entry['p95_ms'] / reference['p95_ms']:.2f}×",
                "",
                "",
            )
        )
    print_table(rows)
    print(
        "\nClient time p50 / p95 (ms; new connection each): "
        + "; ".join(
            f"{label} uncached {page['uncached']['client_p50_ms']:.1f} / {page['uncached']['client_p95_ms']:.1f}, "
            f"cached {page['cached']['client_p50_ms']:.1f} / {page['cached']['client_p95_ms']:.1f}"
            for label, page in pages.items()
        )
        + f"; reference {reference['client_p50_ms']:.1f} / {reference['client_p95_ms']:.1f}."
    )
    print(f"The page cache's generation at the end: {generation.decode() if generation else 'none'}.")
    assert isinstance(listed, dict)
    for path, queries in listed.items():
        print(f"\nThe {len(queries)} queries of an uncached visit of {path} (Django's test client, same database):")
        for sql in queries:
            print(f"  {compact(sql)}")
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    results["public_pages"] = {
        "run_at": datetime.datetime.now().isoformat(timespec="seconds"),
        "code": {**code_version(), "cms_changes": cms_changes()},
        "load_average": os.getloadavg(),
        "cores": os.cpu_count(),
        "gunicorn": {"workers": GUNICORN_WORKERS, "threads": GUNICORN_THREADS},
        "cache": REDIS_URL,
        "warm_up": WARM_UP,
        "requests": REQUESTS,
        "seconds": round(time.monotonic() - started, 1),
        "reference": {"path": REFERENCE, **reference},
        "reference_after": {"path": REFERENCE, **reference_after},
        "pages": pages,
        "uncached_queries": listed,
        "missed": missed,
    }
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(f"\nWritten to {RESULTS.relative_to(BASE_DIR)}; the run took {time.monotonic() - started:.0f} s.")
    if missed:
        print(log_tail if any("status" in line for line in missed) else "", end="")
        print("Missed (measured, not failed: see bench/README.md):\n  " + "\n  ".join(missed))
    else:
        print("Every target met.")
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1:
        fixture_command(sys.argv[1:])
    else:
        sys.exit(main())
