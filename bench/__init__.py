"""Benchmarks of the portal, run against a real server process on loopback; not part of `make test`.

Usage:
    make bench                      # every scenario (python -m bench)
    python -m bench.upload_memory   # one scenario

Each scenario is a module with a ``main() -> int`` that prints a result table and returns non-zero when a target is
missed; list it in ``SCENARIOS`` below to have ``make bench`` run it.

The server runs with ``bench.settings`` — the portal's settings plus the bench-only URLs of ``bench.urls`` — on a
SQLite database and file directories in a temporary directory, migrated first; ``bench.harness`` starts it, reads its
memory and prints the table. Nothing under ``bench/`` is reachable from ``portal.urls``.

Scenarios:
    upload_memory     peak memory growth of the web process while it receives a 20 MB upload (target: under 30 MB)
    permit_documents  the same on the product's own path: a signed-in citizen uploads a 20 MB PDF to a permit
                      draft's documents step, where it is checked and stored (target: under 30 MB)
    webhook_burst     1,000 Stripe checkout.session.completed events and 200 re-deliveries from 16 threads at the
                      webhook, gunicorn on PostgreSQL: every payment credited exactly once (target: 0 lost, 0 double)
    my_taxes          a citizen's /impozite/ on a roll of 100,000 taxpayers, gunicorn on PostgreSQL, with EXPLAIN
                      ANALYZE of its queries (target: p95 of server time under 50 ms, no sequential scan of a large
                      table)
"""

SCENARIOS = ["bench.upload_memory", "bench.permit_documents", "bench.webhook_burst", "bench.my_taxes"]
