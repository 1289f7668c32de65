"""Why a bench.backoffice page is slow: its SQL queries with EXPLAIN ANALYZE, and a cProfile of the request.

Run on a database that ``manage.py bench_data`` loaded (a kept one of ``BENCH_KEEP_DB=1``, for instance):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ghiseul_bench_keep_1000000 \\
        python -m bench.backoffice_explain queue_last csv_all indicators_quality

Each named scenario of bench.backoffice is requested once through Django's test client as the scenario's person
(after a warm-up request), its queries captured; then every SELECT is explained with ``EXPLAIN (ANALYZE, BUFFERS)``
(the slowest three printed whole) and the request is profiled with cProfile (the top functions by cumulative and by
own time). Read-only: the scenarios' pages only read."""

import cProfile
import io
import json
import os
import pstats
import re
import sys
import time

EXECUTION_TIME = re.compile(r"Execution Time: ([0-9.]+) ms")


def main(keys: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.backoffice import scenarios

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = current_database()"
        )
        comment = cursor.fetchone()[0]
    summary = json.loads(comment) if comment else None
    if summary is None:
        sys.exit("This database has no bench_data summary in its comment (BENCH_KEEP_DB=1 leaves one).")
    from bench.backoffice import prepare

    facts = prepare(summary)
    User = get_user_model()
    from services.models import Case

    people = {
        "clerk": User.objects.get(email=summary["clerks"]["bench-urbanism"][0]),
        "head": User.objects.get(email=summary["heads"]["bench-urbanism"]),
        "quality": User.objects.get(email=summary["quality"]),
        "citizen": User.objects.get(email=summary["citizen"]),
        "assignee": Case.objects.get(registration_number=summary["big_case"]).assignee,
    }
    for scenario in scenarios(facts):
        if keys and scenario.key not in keys:
            continue
        client = Client(HTTP_ACCEPT_LANGUAGE="ro")
        if scenario.who in people:
            client.force_login(people[scenario.who])

        def call(client=client, scenario=scenario):
            if scenario.method == "POST":
                return client.post(scenario.path, scenario.body)
            response = client.get(scenario.path, scenario.query)
            if response.streaming:
                for _chunk in response.streaming_content:
                    pass
            return response

        call()
        with CaptureQueriesContext(connection) as captured:
            started = time.monotonic()
            response = call()
            took = (time.monotonic() - started) * 1000
        print(f"\n===== {scenario.label}: {response.status_code}, {took:.0f} ms, {len(captured)} queries")
        explained = []
        with connection.cursor() as cursor:
            for query in captured.captured_queries:
                sql = query["sql"]
                if not sql.lstrip().upper().startswith(("SELECT", "WITH", "(")):
                    continue
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
                plan = "\n".join(row[0] for row in cursor.fetchall())
                found = EXECUTION_TIME.search(plan)
                explained.append((float(found.group(1)) if found else 0.0, sql, plan))
        for ms, sql, _plan in explained:
            print(f"  {ms:9.1f} ms  {sql[:160]}")
        for ms, sql, plan in sorted(explained, reverse=True)[:3]:
            print(f"\n--- {ms:.1f} ms\n{sql}\n{plan}")
        profile = cProfile.Profile()
        profile.enable()
        call()
        profile.disable()
        for order in ("cumulative", "tottime"):
            out = io.StringIO()
            pstats.Stats(profile, stream=out).sort_stats(order).print_stats(18)
            print(f"\n--- cProfile by {order}\n" + "\n".join(out.getvalue().splitlines()[6:30]))


if __name__ == "__main__":
    main(sys.argv[1:])
