"""A prioritisation round at a county council's size and at a stress size: the ranking's arithmetic on the live rows,
the consolidation and the citizens' tally, and the pages that show them; time and SQL queries side by side.

For each size of ``BENCH_PRIORITISATION_SIZES`` (default ``40,400``: a county council ranks a few dozen projects, 400
is the stress case) a PostgreSQL database is copied from a template migrated once per run (bench.backoffice's
``migrated_template``) and filled by ``generate()`` below, in Django on that database (``python -m
bench.prioritisation measure N SEED EXPLAIN``), deterministic (``random.Random(seed)``, ``BENCH_PRIORITISATION_SEED``,
default 2026):

- one round, created in the draft state through ``investments.prioritisation.workflow`` with 8 criteria (5 scored by
  the evaluators with their 0–5 scales described, 2 computed from data — population served, higher is better; cost
  per beneficiary, lower is better — and the citizens' support), weights entered directly, then locked by
  ``workflow.lock`` (which freezes the method: the triggers refuse any later change of a criterion);
- 7 evaluators (heads of department and clerks) added by ``workflow.add_evaluator``;
- then bulk-inserted (the workflow's rules need not be walked row by row): N candidate investments, all through the
  eligibility gate, with their two data values; one conflict of interest per ~10 candidates; every other evaluator's
  submitted sheet of the 5 evaluators' criteria for every candidate; the agreed score (the median) of every candidate
  and evaluators' criterion; 20,000 signed-in citizens' ballots approving 3 candidates each (the Ballot rows and
  their 60,000 rows of the ballot–candidate table), popular candidates approved more often. The round's state is
  then set to ``consolidation`` by an UPDATE and the tables vacuumed and analysed, as autovacuum keeps them.

Measured, in that process (no server: the selectors and Django's test client):

    compute            selectors.compute(round): inputs, ranking, funding line, expert-only side by side, and the
                       sensitivity (16 scenarios: each of the 8 weights ×0.8 and ×1.2)
    result_snapshot    selectors.result_snapshot(round): what publishing freezes into the round
    consolidation      selectors.consolidation(round): the table of scores, mean, median, spread and agreed score
    tally              selectors.tally(round): the votes per candidate

each once to warm up then 5 times (wall time, median and slowest) and once more inside
``django.test.utils.CaptureQueriesContext`` (SQL queries); and the pages through Django's test client (one warm-up,
then 10 requests, 5 at sizes above 100; p50 / p95 and the queries of each request):

    ranking page       prioritisation:ranking, a manager (the secretariat, staff with a TOTP authenticator)
    consolidation page prioritisation:consolidation, the same manager
    public round page  prioritisation_public:round_detail, anonymous, after ``workflow.publish`` (timed once)

A page whose view module still starts with "PLACEHOLDER" (being written) is skipped and said so. At the largest size,
``EXPLAIN (ANALYZE, BUFFERS)`` of the tally's query and of the consolidation's scores query, printed, with the
sequential scans of the large tables (the ballot–candidate table, the scores) pointed out.

Targets (printed as ok/missed; the scenario always exits 0, as bench.backoffice): compute ≤ 1 s at the smallest size
and ≤ 10 s at the largest (median); every row's query count the same at every size; the pages' p95 ≤ 1 s at the
smallest size. The table goes to bench/results.json under ``prioritisation``.

Run: ``python -m bench.prioritisation``; ``BENCH_PRIORITISATION_SIZES=40`` for a quick one. Needs PostgreSQL
(``BENCH_POSTGRES_URL``, see bench.webhook_burst).
"""

import datetime
import json
import os
import random
import re
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from bench.backoffice import RESULTS, code_version, copied_database, migrated_template
from bench.harness import BASE_DIR
from bench.webhook_burst import percentile, postgres_env, run_fixtures

DEFAULT_SIZES = "40,400"
SEED = int(os.environ.get("BENCH_PRIORITISATION_SEED", "2026"))
CITIZENS = int(os.environ.get("BENCH_PRIORITISATION_CITIZENS", "20000"))
EVALUATORS = 7
VOTES = 3
RUNS = 5
PAGE_REQUESTS = 10
PAGE_REQUESTS_LARGE = 5
TARGET_COMPUTE_SMALL_S = 1.0
TARGET_COMPUTE_LARGE_S = 10.0
TARGET_PAGE_MS = 1000.0
BATCH = 5000
DEPARTMENT = "bench-prioritizare"
MANAGER = "bench.secretariat@example.ro"
EXECUTION_TIME = re.compile(r"Execution Time: ([0-9.]+) ms")
SEQ_SCAN = re.compile(r"Seq Scan on (\w+)")
LARGE_TABLES = ("investments_ballot_candidates", "investments_score", "investments_ballot", "investments_scoresheet")
VIEWS = BASE_DIR / "investments" / "prioritisation" / "views"

# (code, ro, hu, en, source, direction, unit, weight)
CRITERIA = [
    ("C1", "Necesitate", "Szükségesség", "Need", "expert", "higher", "", 15),
    ("C2", "Impact economic", "Gazdasági hatás", "Economic impact", "expert", "higher", "", 15),
    ("C3", "Maturitate tehnică", "Műszaki érettség", "Technical readiness", "expert", "higher", "", 10),
    ("C4", "Sustenabilitate", "Fenntarthatóság", "Sustainability", "expert", "higher", "", 10),
    ("C5", "Incluziune socială", "Társadalmi befogadás", "Social inclusion", "expert", "higher", "", 10),
    ("C6", "Populația deservită", "Kiszolgált lakosság", "Population served", "computed", "higher", "locuitori", 15),
    (
        "C7",
        "Cost pe beneficiar",
        "Költség kedvezményezettenként",
        "Cost per beneficiary",
        "computed",
        "lower",
        "lei",
        10,
    ),
    ("C8", "Sprijinul cetățenilor", "A lakosok támogatása", "Citizens' support", "citizen", "higher", "", 15),
]
LEVELS = {
    0: ("Nu răspunde", "Nem felel meg", "Not at all"),
    1: ("Marginal", "Érintőlegesen", "Marginal"),
    2: ("Parțial", "Részben", "Partial"),
    3: ("Bine", "Jól", "Well"),
    4: ("Foarte bine", "Nagyon jól", "Very well"),
    5: ("Excepțional", "Kiválóan", "Exceptionally"),
}
WORKS = [
    "Modernizare drum județean DJ {n}",
    "Reabilitare Școala Gimnazială nr. {n}",
    "Extindere rețea de apă, etapa {n}",
    "Pod peste Someș, km {n}",
    "Centru de zi pentru vârstnici nr. {n}",
    "Pistă de biciclete, tronson {n}",
    "Sală de sport, liceul nr. {n}",
    "Eficientizare energetică, clădirea {n}",
]

# --- the data (run in Django, in a subprocess) ---------------------------------------------------------------------


def _staff(email, first, last, department=None, role=None, totp=False):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.contrib.auth import get_user_model

    from services.models import Membership

    user = get_user_model().objects.create_user(email, password=None, first_name=first, last_name=last, is_staff=True)
    if totp:
        TOTP.activate(user, generate_totp_secret())
    if department is not None:
        Membership.objects.create(department=department, user=user, role=role)
    return user


def generate(size: int, seed: int) -> dict[str, object]:
    """One round of `size` candidates in the consolidation step, every score submitted and agreed, 20,000 ballots."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import connection, transaction
    from django.utils import timezone

    from investments import roles
    from investments.models import (
        AgreedScore,
        Ballot,
        Candidate,
        CandidateValue,
        Conflict,
        Criterion,
        Investment,
        Round,
        Score,
        ScoreSheet,
    )
    from investments.prioritisation import workflow
    from services import calendar
    from services.models import Department, Membership

    rng = random.Random(seed)
    today = calendar.today()
    now = timezone.now()
    started = time.monotonic()
    with transaction.atomic():
        roles.ensure_groups()
        department = Department.objects.create(
            code=DEPARTMENT, name="Direcția Investiții (bench)", email=f"{DEPARTMENT}@example.ro"
        )
        manager = _staff(MANAGER, "Sorina", "Secretar", totp=True)
        manager.groups.add(Group.objects.get(name=roles.PRIORITISATION_SECRETARIAT))
        manager = get_user_model().objects.get(pk=manager.pk)
        costs = [rng.randint(500_000, 20_000_000) * 100 for _ in range(size)]  # bani: 0.5 to 20 million lei
        round = workflow.create_round(
            manager,
            year=today.year + 1,
            title=f"Prioritizarea investițiilor {today.year + 1}",
            title_hu=f"Beruházások rangsorolása {today.year + 1}",
            title_en=f"Investment prioritisation {today.year + 1}",
            envelope_bani=sum(costs) * 2 // 5,  # about 40 % of what is asked
            weight_method=Round.WeightMethod.DIRECT,
            votes_per_citizen=VOTES,
            consultation_opens=today - datetime.timedelta(days=40),
            consultation_closes=today - datetime.timedelta(days=10),
        )
        criteria = []
        for order, (code, ro, hu, en, source, direction, unit, _weight) in enumerate(CRITERIA):
            criteria.append(
                workflow.add_criterion(
                    manager,
                    round,
                    code=code,
                    order=order,
                    name=ro,
                    name_hu=hu,
                    name_en=en,
                    description=f"{ro}: cum se punctează.",
                    source=source,
                    direction=direction,
                    unit=unit,
                    levels=LEVELS if source == "expert" else None,
                )
            )
        workflow.set_weights(
            manager, round, {c.pk: Decimal(spec[-1]) for c, spec in zip(criteria, CRITERIA, strict=True)}
        )
        round = workflow.lock(manager, round)
        people = []
        for n in range(EVALUATORS):
            role = Membership.Role.HEAD if n < 2 else Membership.Role.CLERK
            people.append(_staff(f"bench.evaluator{n + 1}@example.ro", "Evaluator", str(n + 1), department, role))
        evaluators = [workflow.add_evaluator(manager, round, person) for person in people]
        expert = [c for c in criteria if c.source == Criterion.Source.EXPERT]
        computed = [c for c in criteria if c.source == Criterion.Source.COMPUTED]

        investments = Investment.objects.bulk_create(
            [
                Investment(
                    code=f"PRI-{n:04d}",
                    title=rng.choice(WORKS).format(n=n),
                    description="Lucrări conform indicatorilor tehnico-economici aprobați.",
                    department=department,
                    responsible=people[-1],
                    published=rng.random() < 0.7,
                    published_at=now,
                    published_by=manager,
                )
                for n in range(1, size + 1)
            ],
            batch_size=BATCH,
        )
        candidates = Candidate.objects.bulk_create(
            [
                Candidate(
                    round=round,
                    investment=investment,
                    cost_bani=cost,
                    competence=True,
                    competence_note="Legea 273/2006, art. 44",
                    feasibility_done=True,
                    cofinancing_ensured=True,
                    cofinancing_note="HCJ nr. 10/2026",
                    added_by=manager,
                )
                for investment, cost in zip(investments, costs, strict=True)
            ],
            batch_size=BATCH,
        )
        values = []
        for candidate in candidates:
            population = rng.randint(300, 120_000)
            values.append(
                CandidateValue(
                    candidate=candidate,
                    criterion=computed[0],
                    value=population,
                    source_note="INS, recensământul 2021",
                    entered_by=manager,
                )
            )
            values.append(
                CandidateValue(
                    candidate=candidate,
                    criterion=computed[1],
                    value=Decimal(candidate.cost_bani / 100 / population).quantize(Decimal("0.001")),
                    source_note="cost / populație",
                    entered_by=manager,
                )
            )
        CandidateValue.objects.bulk_create(values, batch_size=BATCH)

        # One conflict per ~10 candidates; the conflicted evaluator has no sheet of that candidate.
        conflicted = {(rng.choice(evaluators).pk, c.pk) for c in candidates if rng.random() < 0.1}
        Conflict.objects.bulk_create(
            [Conflict(evaluator_id=e, candidate_id=c, reason="Rudă cu proiectantul.") for e, c in sorted(conflicted)]
        )
        quality = {c.pk: rng.uniform(0.5, 4.5) for c in candidates}
        sheets = ScoreSheet.objects.bulk_create(
            [
                ScoreSheet(evaluator=e, candidate=c, submitted_at=now)
                for c in candidates
                for e in evaluators
                if (e.pk, c.pk) not in conflicted
            ],
            batch_size=BATCH,
        )
        scores, given = [], {}
        for sheet in sheets:
            for criterion in expert:
                value = max(0, min(5, round_half(quality[sheet.candidate_id] + rng.gauss(0, 0.9))))
                given.setdefault((sheet.candidate_id, criterion.pk), []).append(value)
                scores.append(
                    Score(
                        sheet=sheet,
                        criterion=criterion,
                        value=value,
                        justification="Justificare." if value in (0, 5) else "",
                    )
                )
        Score.objects.bulk_create(scores, batch_size=BATCH)
        AgreedScore.objects.bulk_create(
            [
                AgreedScore(
                    candidate_id=candidate_id,
                    criterion_id=criterion_id,
                    value=Decimal(str(statistics.median(found))).quantize(Decimal("0.001")),
                    note="Mediana.",
                    recorded_by=manager,
                )
                for (candidate_id, criterion_id), found in given.items()
            ],
            batch_size=BATCH,
        )

        User = get_user_model()
        citizens = User.objects.bulk_create(
            [
                User(email=f"cetatean{n}@example.ro", password="!", first_name="Cetățean", last_name=str(n))
                for n in range(1, CITIZENS + 1)
            ],
            batch_size=BATCH,
        )
        ballots = Ballot.objects.bulk_create([Ballot(round=round, citizen=c) for c in citizens], batch_size=BATCH)
        popularity = [rng.paretovariate(1.5) for _ in candidates]
        Through = Ballot.candidates.through
        through = []
        for ballot in ballots:
            chosen = set()
            while len(chosen) < min(VOTES, len(candidates)):
                chosen.add(rng.choices(range(len(candidates)), weights=popularity)[0])
            through += [Through(ballot_id=ballot.pk, candidate_id=candidates[i].pk) for i in sorted(chosen)]
        Through.objects.bulk_create(through, batch_size=BATCH)
        Round.objects.filter(pk=round.pk).update(state=Round.State.CONSOLIDATION)
    loaded = time.monotonic()
    tables = [
        model._meta.db_table
        for model in (Investment, Candidate, CandidateValue, Conflict, ScoreSheet, Score, AgreedScore, Ballot, User)
    ]
    tables.append(Through._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM (ANALYZE) {', '.join(tables)}")
    return {
        "round": round.pk,
        "counts": {
            "candidates": len(candidates),
            "criteria": len(criteria),
            "evaluators": len(evaluators),
            "conflicts": len(conflicted),
            "sheets": len(sheets),
            "scores": len(scores),
            "agreed_scores": len(given),
            "ballots": len(ballots),
            "ballot_candidates": len(through),
        },
        "seconds": round_to(loaded - started),
        "vacuum_seconds": round_to(time.monotonic() - loaded),
    }


def round_half(value: float) -> int:
    return int(value + 0.5) if value >= 0 else 0


def round_to(seconds: float) -> float:
    return float(f"{seconds:.1f}")


def timed(selector, fresh, runs: int) -> dict[str, object]:
    """One warm-up call, `runs` timed calls and one counted call of `selector(round)`, each on a round freshly read
    (as a request reads it) outside the timing and the count."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    selector(fresh())
    seconds = []
    for _ in range(runs):
        round = fresh()
        started = time.perf_counter()
        selector(round)
        seconds.append(time.perf_counter() - started)
    round = fresh()
    with CaptureQueriesContext(connection) as captured:
        selector(round)
    return {
        "median_s": statistics.median(seconds),
        "max_s": max(seconds),
        "seconds": seconds,
        "queries": len(captured.captured_queries),
    }


def placeholder(module: str) -> bool:
    path = VIEWS / f"{module}.py"
    return path.read_text(encoding="utf-8").lstrip().lstrip('"').startswith("PLACEHOLDER")


def page(client, path: str, requests: int) -> dict[str, object]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)
    milliseconds, queries, statuses, size = [], [], [], 0
    for _ in range(requests):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(path)
            milliseconds.append((time.perf_counter() - started) * 1000)
        queries.append(len(captured.captured_queries))
        statuses.append(response.status_code)
        size = len(response.content)
    return {
        "path": path,
        "p50_ms": statistics.median(milliseconds),
        "p95_ms": percentile(milliseconds, 0.95),
        "ms": milliseconds,
        "queries": queries,
        "statuses": statuses,
        "bytes": size,
    }


def explain(function, table: str) -> dict[str, object]:
    """The plan, under EXPLAIN (ANALYZE, BUFFERS), of the query of `function` that reads `table`."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        function()
    sql = next(q["sql"] for q in captured.captured_queries if f'"{table}"' in q["sql"])
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        # With one round in the database every row is the round's, and a sequential scan is the right plan. Whether
        # an index would serve the query once the tables hold many rounds: the same query with sequential scans
        # discouraged (a Seq Scan left in that plan has no index to use).
        cursor.execute("SET enable_seqscan = off")
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        indexed = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("RESET enable_seqscan")
    took = EXECUTION_TIME.search(plan)
    took_indexed = EXECUTION_TIME.search(indexed)
    return {
        "sql": sql,
        "plan": plan,
        "ms": float(took.group(1)) if took else 0.0,
        "seq_scans": sorted({name for name in SEQ_SCAN.findall(plan) if name in LARGE_TABLES}),
        "indexed_plan": indexed,
        "indexed_ms": float(took_indexed.group(1)) if took_indexed else 0.0,
        "no_index": sorted({name for name in SEQ_SCAN.findall(indexed) if name in LARGE_TABLES}),
    }


def measure(size: int, seed: int, with_plans: bool) -> dict[str, object]:
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from investments.models import Round
    from investments.prioritisation import selectors, workflow

    facts = generate(size, seed)
    pk = facts["round"]

    def fresh():
        return Round.objects.get(pk=pk)

    def call(selector):
        def run():
            round = fresh()
            return selector(round)

        return run

    rows = {}
    for key, selector in (
        ("compute", selectors.compute),
        ("result_snapshot", selectors.result_snapshot),
        ("consolidation", selectors.consolidation),
        ("tally", selectors.tally),
    ):
        rows[key] = timed(selector, fresh, RUNS)
    result = selectors.compute(fresh())
    facts["complete"] = result is not None and result.complete
    facts["scenarios"] = len(result.sensitivity.scenarios) if result else 0
    plans = {}
    if with_plans:
        plans["tally"] = explain(call(selectors.tally), "investments_ballot_candidates")
        plans["scores"] = explain(call(selectors.consolidation), "investments_score")

    manager = get_user_model().objects.get(email=MANAGER)
    staff = Client()
    staff.force_login(manager)
    requests = PAGE_REQUESTS if size <= 100 else PAGE_REQUESTS_LARGE
    pages, skipped = {}, {}

    def visit(key, client, path):
        # The views are being written beside this scenario: a page that fails is reported, not measured.
        try:
            pages[key] = page(client, path, requests)
        except Exception as error:  # noqa: BLE001 - any failure of a page under construction
            skipped[key] = f"failed: {type(error).__name__}: {str(error)[:200]}"

    for key, module, name in (
        ("ranking_page", "results", "prioritisation:ranking"),
        ("consolidation_page", "scoring", "prioritisation:consolidation"),
    ):
        if placeholder(module):
            skipped[key] = f"views/{module}.py is a placeholder"
        else:
            visit(key, staff, reverse(name, kwargs={"pk": pk}))
    started = time.perf_counter()
    workflow.publish(manager, fresh())
    facts["publish_s"] = time.perf_counter() - started
    if placeholder("public"):
        skipped["public_page"] = "views/public.py is a placeholder"
    else:
        visit("public_page", Client(), reverse("prioritisation_public:round_detail", kwargs={"pk": pk}))
    return {"facts": facts, "rows": rows, "pages": pages, "skipped": skipped, "plans": plans}


def fixture_command(arguments: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    command, size, seed, with_plans = arguments
    assert command == "measure"
    print(json.dumps(measure(int(size), int(seed), with_plans == "1"), default=str))


# --- the run -----------------------------------------------------------------------------------------------------

LABELS = {
    "compute": "selectors.compute (16 scenarios)",
    "result_snapshot": "selectors.result_snapshot",
    "consolidation": "selectors.consolidation",
    "tally": "selectors.tally",
    "ranking_page": "ranking page (manager)",
    "consolidation_page": "consolidation page (manager)",
    "public_page": "public round page (published)",
}


def run_size(size: int, directory: Path, template: str, with_plans: bool) -> dict:
    directory.mkdir()
    with copied_database("prioritisation", size, template) as url:
        env = postgres_env(directory, url)
        print(f"\n  {size:,} candidates: generating and measuring…", flush=True)
        started = time.monotonic()
        run = run_fixtures("bench.prioritisation", env, "measure", str(size), str(SEED), "1" if with_plans else "0")
    assert isinstance(run, dict)
    facts = run["facts"]
    print(
        f"  generated in {facts['seconds']} s (vacuum {facts['vacuum_seconds']} s): {facts['counts']}; "
        f"ranking complete: {facts['complete']}, {facts['scenarios']} sensitivity scenarios; "
        f"publish {facts['publish_s']:.2f} s; {time.monotonic() - started:.0f} s in all",
        flush=True,
    )
    for key, row in run["rows"].items():
        print(
            f"    {LABELS[key]:<34} median {row['median_s'] * 1000:9.1f} ms  slowest {row['max_s'] * 1000:9.1f} ms  "
            f"queries {row['queries']}",
            flush=True,
        )
    for key, row in run["pages"].items():
        print(
            f"    {LABELS[key]:<34} p50 {row['p50_ms']:9.1f} ms  p95 {row['p95_ms']:9.1f} ms  "
            f"queries {sorted(set(row['queries']))}  statuses {sorted(set(row['statuses']))}  {row['bytes']:,} bytes",
            flush=True,
        )
    for key, why in run["skipped"].items():
        print(f"    {LABELS[key]:<34} skipped: {why}", flush=True)
    return run


def queries_text(found: list[int]) -> str:
    found = sorted(set(found))
    if not found:
        return "?"
    return str(found[0]) if len(found) == 1 else f"{found[0]}–{found[-1]}"


def verdict(key: str, runs: dict[int, dict], smallest: int, largest: int) -> tuple[str, list[str]]:
    missed = []
    is_page = key.endswith("_page")
    counts = set()
    for size, run in runs.items():
        if is_page:
            row = run["pages"][key]
            counts.add(min(row["queries"]))
            if any(status != 200 for status in row["statuses"]):
                missed.append(f"status {sorted(set(row['statuses']))} at {size:,}")
        else:
            counts.add(run["rows"][key]["queries"])
    if len(counts) != 1:
        missed.append(f"queries vary with size: {sorted(counts)}")
    target = "same queries"
    if key == "compute":
        target = f"≤ {TARGET_COMPUTE_SMALL_S:.0f} s at {smallest:,}, ≤ {TARGET_COMPUTE_LARGE_S:.0f} s at {largest:,}; same queries"
        for size, limit in ((smallest, TARGET_COMPUTE_SMALL_S), (largest, TARGET_COMPUTE_LARGE_S)):
            taken = runs[size]["rows"]["compute"]["median_s"]
            if taken > limit:
                missed.append(f"{taken:.2f} s > {limit:.0f} s at {size:,}")
    elif is_page:
        target = f"p95 ≤ {TARGET_PAGE_MS / 1000:.0f} s at {smallest:,}; same queries"
        p95 = runs[smallest]["pages"][key]["p95_ms"]
        if p95 > TARGET_PAGE_MS:
            missed.append(f"p95 {p95:.0f} ms > {TARGET_PAGE_MS:.0f} ms at {smallest:,}")
    return target, missed


def print_plans(plans: dict, size: int) -> list[str]:
    notes = []
    for key, label in (("tally", "the tally's query"), ("scores", "the consolidation's scores query")):
        plan = plans.get(key)
        if not plan:
            continue
        print(f"\n{label.capitalize()} at {size:,} candidates, EXPLAIN (ANALYZE, BUFFERS): {plan['ms']:.1f} ms")
        print(" ".join(plan["sql"].split()))
        print(plan["plan"])
        if not plan["seq_scans"]:
            print("  → no sequential scan of a large table")
            continue
        print(
            f"  → sequential scan of {', '.join(plan['seq_scans'])}: the round's rows are every row of the table here. "
            f"With sequential scans discouraged (SET enable_seqscan = off), {plan['indexed_ms']:.1f} ms:"
        )
        print(plan["indexed_plan"])
        if plan["no_index"]:
            note = f"{label}: no index reaches the round's rows of {', '.join(plan['no_index'])}"
            notes.append(note)
            print(f"  → {note}: an index is needed")
        else:
            print("  → an index reaches the round's rows of every large table: none to add")
    return notes


def main() -> int:
    sizes = [int(size) for size in os.environ.get("BENCH_PRIORITISATION_SIZES", DEFAULT_SIZES).split(",")]
    smallest, largest = sizes[0], sizes[-1]
    print(
        f"bench.prioritisation: a round of {' and '.join(f'{size:,}' for size in sizes)} candidates, 8 criteria, "
        f"{EVALUATORS} evaluators, {CITIZENS:,} ballots, on PostgreSQL; load average {os.getloadavg()[0]:.2f} on "
        f"{os.cpu_count()} cores",
        flush=True,
    )
    started = time.monotonic()
    load_before = os.getloadavg()
    runs = {}
    with (
        tempfile.TemporaryDirectory(prefix="ghiseul-bench-") as temporary,
        migrated_template(Path(temporary)) as template,
    ):
        for size in sizes:
            runs[size] = run_size(size, Path(temporary) / str(size), template, with_plans=size == largest)
    keys = ["compute", "result_snapshot", "consolidation", "tally"]
    keys += [key for key in ("ranking_page", "consolidation_page", "public_page") if key in runs[smallest]["pages"]]
    keys = [key for key in keys if all(key in run["rows"] or key in run["pages"] for run in runs.values())]
    table, records, missed_rows = [], [], []
    for key in keys:
        target, missed = verdict(key, runs, smallest, largest)
        if missed:
            missed_rows.append(f"{LABELS[key]}: {'; '.join(missed)}")
        cells = [LABELS[key]]
        record = {"scenario": key, "label": LABELS[key], "target": target, "met": not missed, "missed": missed}
        for size in sizes:
            if key.endswith("_page"):
                row = runs[size]["pages"][key]
                cells += [f"{row['p50_ms']:.1f} / {row['p95_ms']:.1f}", queries_text(row["queries"])]
            else:
                row = runs[size]["rows"][key]
                cells += [f"{row['median_s'] * 1000:.1f} / {row['max_s'] * 1000:.1f}", str(row["queries"])]
            record[str(size)] = row
        table.append((*cells, target, "ok" if not missed else "missed"))
        records.append(record)
    header = ["measured"]
    for size in sizes:
        header += [f"{size:,}: p50 / max ms", "queries"]
    header += ["target", ""]
    widths = [max(len(cells[i]) for cells in [header, *table]) for i in range(len(header))]
    print()
    print(
        f"Wall time in ms (selectors: median / slowest of {RUNS} after a warm-up; pages: p50 / p95 of "
        f"{PAGE_REQUESTS} requests, {PAGE_REQUESTS_LARGE} above 100 candidates), SQL queries:"
    )
    for cells in [header, ["-" * width for width in widths], *table]:
        print("  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip())
    for size in sizes:
        print(f"  {size:,}: {runs[size]['facts']['counts']}")
        for key, why in runs[size]["skipped"].items():
            print(f"  {size:,}: {LABELS[key]} skipped ({why})")
    plan_notes = print_plans(runs[largest]["plans"], largest)
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    results["prioritisation"] = {
        "run_at": datetime.datetime.now().isoformat(timespec="seconds"),
        "code": code_version(),
        "load_average": [load_before, os.getloadavg()],
        "cores": os.cpu_count(),
        "sizes": sizes,
        "seed": SEED,
        "citizens": CITIZENS,
        "seconds": round_to(time.monotonic() - started),
        "generated": {str(size): run["facts"] for size, run in runs.items()},
        "skipped": {str(size): run["skipped"] for size, run in runs.items()},
        "rows": records,
        "plans": runs[largest]["plans"],
    }
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False, default=str) + "\n")
    print(f"\nWritten to {RESULTS.relative_to(BASE_DIR)}; the run took {time.monotonic() - started:.0f} s.")
    if missed_rows or plan_notes:
        print("Missed or worth a look (measured, not failed):\n  " + "\n  ".join(missed_rows + plan_notes))
    else:
        print("Every target met.")
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1:
        fixture_command(sys.argv[1:])
    else:
        sys.exit(main())
