"""`manage.py bench_data --cases N`: a registry of N cases of realistic shape for the benchmarks, loaded with COPY.

Five departments and twenty procedures and services (created when missing, codes ``bench-…``), a head and three
clerks per department and a quality manager (staff, with a TOTP authenticator so the two-factor middleware lets them
through), a citizen with exactly 50 cases (``bench.citizen@example.ro``) and a pool of other citizens, then N cases
over ten years:

- registrations on working days (a few on weekends and holidays), more recent years busier, peaks on the last ten
  days before 31 March and 30 September; registration numbers gap-free per year, in the order of registration, and
  the year's ``RegistrationCounter`` at the last one;
- each case lived through the workflow's steps up to today: assigned and reviewed a day or two after registration,
  one in five suspended for a completion (its ``Suspension`` row; one in ten of those never completed, and rejected
  or still waiting), an extension now and then, withdrawals, most resolved on time, 15 % late, and a backlog of
  forgotten cases left in review for years past their due date; the open ones are those whose history reaches today;
- ``CaseEvent`` rows as the workflow writes them (registered, assigned, review started, completion requested and
  received, extended, resolved or withdrawn, with the same status_before/after, visibility and data), about 4.5 per
  case, and one case in review with 200 events; the incoming ``RegisterEntry`` of every case.

Due dates are ``services.deadlines.due_date`` itself under the institution's calendar, cached per distinct
(registration day, rule, suspension, extension), so they are exact; ``processing_working_days`` is the working-day
count of ``working_days_between`` taken from a prefix sum of working days over the period (exact, constant time).
Not generated: the outgoing register entries and their ``sent`` events (their numbers share the yearly counter: the
counter is the last incoming number), documents, messages, permits' and petitions' own rows (every bench service is
of the plain ``tax`` kind, whose cases need none).

PostgreSQL only (COPY); refused on a database that holds cases already. The last line printed is a JSON summary the
benchmark reads (the accounts, the 200-event case, a case and its access code for the public lookup)."""

import datetime
import functools
import json
import random
import time
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from portal.models import InstitutionSettings
from services.calendar import institution_calendar
from services.deadlines import due_date
from services.lifecycle import Action, Status
from services.models import (
    Case,
    Channel,
    Department,
    Membership,
    Procedure,
    RegistrationCounter,
    Service,
)
from services.roles import ensure_groups

ZONE = ZoneInfo("Europe/Bucharest")
ONE_DAY = datetime.timedelta(days=1)
PASSWORD = "!"  # unusable: the bench signs its accounts in by sessions made in the database
CITIZEN = "bench.citizen@example.ro"
QUALITY = "bench.quality@example.ro"
CITIZEN_CASES = 50
BIG_CASE_EVENTS = 200
BATCH = 20_000
COUNTED = {"cases": "cases", "events": "events", "suspensions": "suspensions", "register": "register_entries"}
ACCESS_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

DEPARTMENTS = [
    ("bench-urbanism", "Direcția Urbanism"),
    ("bench-registratura", "Serviciul Registratură"),
    ("bench-taxe", "Direcția Impozite și Taxe Locale"),
    ("bench-social", "Direcția de Asistență Socială"),
    ("bench-mediu", "Serviciul Mediu și Salubritate"),
]
# Per department: four procedures (days, unit, extension at most, suspension allowed), and their services' titles.
RULES = [(30, "calendar", 30, True), (10, "working", 0, True), (15, "calendar", 15, False), (45, "calendar", 0, True)]
SERVICE_TITLES = {
    "bench-urbanism": ["Certificat de urbanism", "Autorizație de construire", "Aviz de branșament", "Adeverință"],
    "bench-registratura": ["Petiție", "Informații publice", "Copie de pe arhivă", "Audiență"],
    "bench-taxe": ["Certificat fiscal", "Scutire de impozit", "Restituire de sume", "Eșalonare la plată"],
    "bench-social": ["Ajutor social", "Indemnizație de handicap", "Alocație", "Ajutor pentru încălzire"],
    "bench-mediu": ["Contract de salubrizare", "Aviz de mediu", "Tăiere de arbori", "Sesizare de mediu"],
}
FIRST_NAMES = [
    "Ana", "Ioan", "Maria", "Mihai", "Elena", "Andrei", "Zsófia", "Attila", "Réka", "Gheorghe", "Ioana", "Vasile",
    "Cristina", "Dan", "Gabriela", "Levente", "Adrian", "Monica", "Sorin", "Irina",
]  # fmt: skip
LAST_NAMES = [
    "Popescu", "Ionescu", "Mureșan", "Kovács", "Szabó", "Dumitrescu", "Stan", "Nagy", "Pop", "Rusu", "Moldovan",
    "Lazăr", "Toth", "Marin", "Constantin", "Barbu", "Dobre", "Farkas", "Ene", "Cozma", "Oprea", "Tudor", "Varga",
    "Stoica", "Matei", "Ciobanu", "Florea", "Balogh", "Neagu", "Sima",
]  # fmt: skip
STREETS = ["Str. Florilor", "Str. Teilor", "Bd. Republicii", "Str. Mihai Viteazu", "Str. Petőfi Sándor"]


def year_weight(years_back):
    """Recent years are busier: the last year twice the first."""
    return 2.0 - years_back / 10


def day_weight(day, calendar):
    weight = 1.0 if calendar.is_working_day(day) else 0.04
    for deadline in (datetime.date(day.year, 3, 31), datetime.date(day.year, 9, 30)):
        if 0 <= (deadline - day).days < 10:
            weight *= 3.0
    return weight


def registrations_per_day(first, last, total, calendar):
    """How many cases each day from `first` to `last` registers, summing to `total` exactly."""
    days = [first + ONE_DAY * i for i in range((last - first).days + 1)]
    weights = [day_weight(d, calendar) * year_weight((last - d).days / 365.25) for d in days]
    scale = total / sum(weights)
    counts, carried, given = [], 0.0, 0
    for weight in weights:
        carried += weight * scale
        count = int(carried + 0.5) - given
        given += count
        counts.append(count)
    counts[-1] += total - given
    return list(zip(days, counts, strict=True))


class Command(BaseCommand):
    help = "Load N cases of realistic shape for the benchmarks (PostgreSQL, COPY)."

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, required=True)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--years", type=int, default=10)

    def handle(self, *args, cases, seed, years, **options):
        if connection.vendor != "postgresql":
            raise CommandError("bench_data loads with COPY: it needs PostgreSQL.")
        if cases < CITIZEN_CASES + 1:
            raise CommandError(f"At least {CITIZEN_CASES + 1} cases.")
        if Case.objects.exists():
            raise CommandError("This database holds cases already: bench_data loads into an empty registry.")
        started = time.monotonic()
        rng = random.Random(seed)
        with transaction.atomic():
            setup = Setup(rng, max(200, cases // 10))
            summary = Generator(setup, rng, cases, years).run()
        analysed = time.monotonic()
        with connection.cursor() as cursor:
            # As autovacuum leaves a table in steady state: statistics, and the visibility map that index-only
            # scans need (outside the transaction: VACUUM cannot run in one).
            cursor.execute(f"VACUUM (ANALYZE) {', '.join(LOADED_TABLES)}")
            cursor.execute("ANALYZE")
        summary["vacuum_seconds"] = round(time.monotonic() - analysed, 1)
        summary["seconds"] = round(time.monotonic() - started, 1)
        summary["cases_per_second"] = round(cases / summary["seconds"])
        self.stdout.write(json.dumps(summary))


class Setup:
    """The catalogue and the people, created when missing."""

    def __init__(self, rng, citizen_pool):
        User = get_user_model()
        from allauth.mfa.models import Authenticator
        from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

        def staff(email, first, last):
            user, created = User.objects.get_or_create(
                email=email, defaults={"first_name": first, "last_name": last, "is_staff": True, "password": PASSWORD}
            )
            if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
                TOTP.activate(user, generate_totp_secret())
            return user

        self.departments, self.procedures, self.services = [], [], []
        self.clerks, self.heads = {}, {}
        for d, (code, name) in enumerate(DEPARTMENTS):
            department, _ = Department.objects.get_or_create(
                code=code, defaults={"name": name, "email": f"{code}@x.ro"}
            )
            self.departments.append(department)
            head = staff(f"bench.head.{code}@example.ro", "Șef", name.split()[-1])
            Membership.objects.update_or_create(department=department, user=head, defaults={"role": "head"})
            self.heads[department.pk] = head
            self.clerks[department.pk] = []
            for k in range(3):
                clerk = staff(f"bench.clerk{k + 1}.{code}@example.ro", FIRST_NAMES[d * 3 + k], LAST_NAMES[d * 3 + k])
                Membership.objects.update_or_create(department=department, user=clerk, defaults={"role": "clerk"})
                self.clerks[department.pk].append(clerk)
            for p, (days, unit, extension, suspension) in enumerate(RULES):
                procedure, _ = Procedure.objects.get_or_create(
                    code=f"BENCH-{d + 1}-{p + 1}",
                    defaults={
                        "title": SERVICE_TITLES[code][p],
                        "edition": 2,
                        "revision": 1,
                        "effective_date": datetime.date(2015, 1, 1),
                        "owner_department": department,
                        "legal_basis": "Legea nr. 1/2015",
                        "deadline_days": days,
                        "deadline_unit": unit,
                        "extension_allowed": extension > 0,
                        "extension_max_days": extension,
                        "suspension_allowed": suspension,
                    },
                )
                service, _ = Service.objects.get_or_create(
                    slug=f"bench-{d + 1}-{p + 1}",
                    defaults={"title": SERVICE_TITLES[code][p], "kind": "tax", "procedure": procedure},
                )
                self.procedures.append(procedure)
                self.services.append(service)
        quality = staff(QUALITY, "Manager", "Calitate")
        quality.groups.add(ensure_groups())
        self.quality = quality
        self.citizen, _ = User.objects.get_or_create(
            email=CITIZEN, defaults={"first_name": "Ana", "last_name": "Cetățean", "password": PASSWORD}
        )
        existing = User.objects.filter(email__startswith="bench.c.").count()
        User.objects.bulk_create(
            [
                User(
                    email=f"bench.c.{i}@example.ro",
                    first_name=rng.choice(FIRST_NAMES),
                    last_name=rng.choice(LAST_NAMES),
                    password=PASSWORD,
                )
                for i in range(existing, citizen_pool)
            ],
            batch_size=5000,
        )
        self.citizens = list(
            User.objects.filter(email__startswith="bench.c.").values_list("pk", "first_name", "last_name", "email")
        )
        self.prefix = InstitutionSettings.load().registration_prefix


LOADED_TABLES = ("services_case", "services_caseevent", "services_suspension", "services_registerentry")


def without_indexes(cursor, tables):
    """Drop the tables' indexes, unique constraints and foreign keys (all but the primary keys); the statements that
    make them again, foreign keys last."""
    indexes, constraints, foreign_keys = [], [], []
    for table in tables:
        cursor.execute(
            "SELECT conname, contype, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype IN ('u', 'f')",
            [table],
        )
        for name, kind, definition in cursor.fetchall():
            cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
            (foreign_keys if kind == "f" else constraints).append(
                f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}'
            )
        cursor.execute(
            "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
            "WHERE x.indrelid = %s::regclass AND NOT x.indisprimary "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)",
            [table],
        )
        for name, definition in cursor.fetchall():
            cursor.execute(f'DROP INDEX "{name}"')
            indexes.append(definition)
    return indexes + constraints + foreign_keys


def access_code(rng):
    return "".join(rng.choices(ACCESS_ALPHABET, k=8))


class Generator:
    """The cases, day by day, each through its history up to today; written with COPY in batches."""

    CASE_COLUMNS = (
        "id", "registration_number", "registration_year", "registration_sequence", "service_id", "kind",
        "department_id", "procedure_id", "procedure_code", "procedure_edition", "procedure_revision", "deadline_days",
        "deadline_unit", "extension_max_days", "suspension_allowed", "reminder_days", "applicant_id",
        "applicant_name", "applicant_email", "language", "subject", "details", "channel", "applicant_phone",
        "applicant_address", "applicant_cnp", "returned_to_registry", "assignee_id", "status", "registered_at",
        "registered_on", "due_date", "extension_days", "closed_on", "closed_on_time", "processing_working_days",
        "access_code", "updated_at",
    )  # fmt: skip
    EVENT_COLUMNS = (
        "case_id", "at", "actor_id", "action", "status_before", "status_after", "note", "visible_to_applicant", "data",
    )  # fmt: skip
    SUSPENSION_COLUMNS = ("case_id", "started_on", "ended_on")
    REGISTER_COLUMNS = (
        "year", "sequence", "number", "direction", "at", "channel", "correspondent", "address", "summary",
        "department_id", "case_id", "registered_by_id",
    )  # fmt: skip

    def __init__(self, setup, rng, total, years):
        self.setup = setup
        self.rng = rng
        self.total = total
        self.now = datetime.datetime.now(ZONE)
        self.today = self.now.date()
        self.first = self.today.replace(year=self.today.year - years) + ONE_DAY
        self.calendar = institution_calendar()
        # Working days after `first - 1` up to each day, to a year past today (due dates of late cases).
        self.origin = self.first - ONE_DAY
        cumulative, count = [0], 0
        for i in range(1, (self.today - self.origin).days + 400):
            count += self.calendar.is_working_day(self.origin + ONE_DAY * i)
            cumulative.append(count)
        self.cumulative = cumulative
        self.due = functools.lru_cache(maxsize=200_000)(self._due)
        self.registry_clerks = self.setup.clerks[self.setup.departments[1].pk]
        self.counts = {"cases": 0, "events": 0, "suspensions": 0, "register_entries": 0, "open": 0}
        self.status_counts = {}

    def _due(self, start, days, unit, suspension, extension):
        return due_date(
            start,
            days,
            unit,
            calendar=self.calendar,
            suspensions=[suspension] if suspension else (),
            extension_days=extension,
        )

    def working_days_between(self, a, b):
        return self.cumulative[(b - self.origin).days] - self.cumulative[(a - self.origin).days]

    def at(self, day, after=None):
        """A moment in office hours on `day`, after `after` when that is the same day, never after now."""
        moment = datetime.datetime(
            day.year, day.month, day.day, self.rng.randint(8, 15), self.rng.randint(0, 59), tzinfo=ZONE
        )
        if after is not None and moment <= after:
            moment = after + datetime.timedelta(minutes=self.rng.randint(1, 20))
        return min(moment, self.now)

    def run(self):
        setup, rng = self.setup, self.rng
        self.started = time.monotonic()
        with connection.cursor() as cursor:
            cursor.execute("SELECT coalesce(max(id), 0) FROM services_case")
            self.next_id = cursor.fetchone()[0] + 1
            # Loading into bare tables and building their indexes and foreign keys once afterwards is several
            # times faster than maintaining them row by row (PostgreSQL's "Populating a Database"); all of it in
            # the command's transaction, so a failure leaves the schema as it was.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the catalogue's checks, before its tables change
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
            deferred = without_indexes(cursor, LOADED_TABLES)
        plan = registrations_per_day(self.first, self.today, self.total, self.calendar)
        citizen_cases = set(rng.sample(range(self.total), CITIZEN_CASES))
        # The 200-event case: the first one registered 60 days ago (or the last one on a tiny registry).
        index, self.big_index = 0, None
        for day, count in plan:
            if day >= self.today - datetime.timedelta(days=60) and count:
                self.big_index = index
                break
            index += count
        if self.big_index is None or self.big_index in citizen_cases:
            self.big_index = next(i for i in range(self.total - 1, -1, -1) if i not in citizen_cases)
        self.citizen_cases = citizen_cases
        self.summary = {"citizen": CITIZEN, "quality": QUALITY}
        batch = {"cases": [], "events": [], "suspensions": [], "register": []}
        index = 0
        year, sequence = None, 0
        for day, count in plan:
            if day.year != year:
                if year is not None:
                    self.counter(year, sequence)
                year, sequence = day.year, 0
            times = sorted(
                datetime.datetime(day.year, day.month, day.day, rng.randint(8, 15), rng.randint(0, 59),
                                  rng.randint(0, 59), tzinfo=ZONE)
                for _ in range(count)
            )  # fmt: skip
            for registered_at in times:
                sequence += 1
                self.case(index, min(registered_at, self.now), sequence, batch)
                index += 1
                if len(batch["cases"]) >= BATCH:
                    self.flush(batch)
        self.flush(batch)
        self.counter(year, sequence)
        self.summary["load_seconds"] = round(time.monotonic() - self.started, 1)
        with connection.cursor() as cursor:
            for statement in deferred:
                cursor.execute(statement)
            for table in LOADED_TABLES:
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"  # noqa: S608 - constant table names
                )
        self.summary["index_seconds"] = round(time.monotonic() - self.started - self.summary["load_seconds"], 1)
        self.summary.update(
            {
                "counts": self.counts,
                "statuses": self.status_counts,
                "heads": {d.code: setup.heads[d.pk].email for d in setup.departments},
                "clerks": {d.code: [c.email for c in setup.clerks[d.pk]] for d in setup.departments},
                "services": [s.pk for s in setup.services],
                "departments": {d.code: d.pk for d in setup.departments},
            }
        )
        return self.summary

    def counter(self, year, last):
        RegistrationCounter.objects.update_or_create(prefix=self.setup.prefix, year=year, defaults={"last": last})

    def flush(self, batch):
        with connection.cursor() as cursor:
            for key, table, columns in (
                ("cases", "services_case", self.CASE_COLUMNS),
                ("suspensions", "services_suspension", self.SUSPENSION_COLUMNS),
                ("events", "services_caseevent", self.EVENT_COLUMNS),
                ("register", "services_registerentry", self.REGISTER_COLUMNS),
            ):
                rows = batch[key]
                if not rows:
                    continue
                self.counts[COUNTED[key]] += len(rows)
                with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
                rows.clear()

    def case(self, index, registered_at, sequence, batch):  # noqa: C901 - one case's history, step by step
        setup, rng, today = self.setup, self.rng, self.today
        case_id = self.next_id
        self.next_id += 1
        service_index = rng.randrange(len(setup.services))
        service = setup.services[service_index]
        procedure = setup.procedures[service_index]
        department_id = procedure.owner_department_id
        registered_on = registered_at.date()
        number = f"{setup.prefix}-{registered_on.year}-{sequence:06d}"
        channel = Channel.ONLINE if rng.random() < 0.8 else rng.choice((Channel.DESK, Channel.POST, Channel.EMAIL))
        if index in self.citizen_cases:
            applicant = setup.citizen
            applicant_id, name, email = applicant.pk, applicant.get_full_name(), applicant.email
            channel = Channel.ONLINE
        elif channel == Channel.ONLINE:
            applicant_id, first, last, email = rng.choice(setup.citizens)
            name = f"{first} {last}"
        else:
            applicant_id, email = None, ""
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        filer = applicant_id if applicant_id else rng.choice(self.registry_clerks).pk
        address = f"{rng.choice(STREETS)} nr. {rng.randint(1, 200)}, Lugoj"
        subject = f"{service.title} — {address}"
        days, unit, ext_max, suspension_allowed = (
            procedure.deadline_days,
            procedure.deadline_unit,
            procedure.extension_max_days if procedure.extension_allowed else 0,
            procedure.suspension_allowed,
        )
        events = batch["events"]
        due = self.due(registered_on, days, unit, None, 0)
        events.append(
            (case_id, registered_at, filer, "registered", "submitted", "registered", "", True,
             json.dumps({"due_date": due.isoformat()}))
        )  # fmt: skip
        status, assignee_id, suspension, extension = Status.REGISTERED, None, None, 0
        closed_on = closed_on_time = working_days = None
        last_at = registered_at
        big = index == self.big_index
        forgotten = not big and rng.random() < 0.006 and (today - registered_on).days > 365

        def event(day, actor, action, before="", after="", note="", visible=True, data=None):
            nonlocal last_at
            last_at = self.at(day, last_at)
            events.append(
                (case_id, last_at, actor, str(action), str(before), str(after), note, visible, json.dumps(data or {}))
            )

        def close(day, target, actor, action, note):
            nonlocal status, closed_on, closed_on_time, working_days, due, suspension
            if suspension and suspension[1] is None:
                suspension = (suspension[0], day)
                due = self.due(registered_on, days, unit, suspension, extension)
            closed_on = day
            if target != Status.WITHDRAWN:
                closed_on_time = day <= due
                working_days = max(0, self.working_days_between(registered_on, day))
            event(day, actor, action, status, target, note)
            status = target

        # Assigned by the head and reviewed by the clerk a day or two after registration.
        day = registered_on + ONE_DAY * rng.choice((0, 0, 1, 1, 2, 3))
        if day <= today and not (rng.random() < 0.002 and not forgotten):
            clerk = rng.choice(setup.clerks[department_id])
            head = setup.heads[department_id]
            assignee_id = clerk.pk
            event(
                day, head.pk, Action.ASSIGNED, visible=False, data={"assignee": clerk.pk, "name": clerk.display_name}
            )
            event(day, clerk.pk, Action.REVIEW_STARTED, Status.REGISTERED, Status.IN_REVIEW)
            status = Status.IN_REVIEW
            if big:
                for n in range(BIG_CASE_EVENTS - len([e for e in events if e[0] == case_id])):
                    note_day = min(day + ONE_DAY * (n // 4), today)
                    if n % 3:
                        event(note_day, clerk.pk, Action.NOTE, note=f"Notă internă nr. {n + 1}.", visible=False)
                    else:
                        event(note_day, clerk.pk, Action.MESSAGE, note=f"Mesaj nr. {n + 1} către solicitant.")
                forgotten = True  # it stays in review
            # A completion asked for: the clock stops until it is registered.
            if not big and suspension_allowed and rng.random() < 0.2:
                asked = day + ONE_DAY * rng.randint(1, 5)
                if asked <= today:
                    day = asked
                    suspension = (asked, None)
                    event(day, clerk.pk, Action.COMPLETION_REQUESTED, status, Status.AWAITING_APPLICANT,
                          note="Vă rugăm să completați dosarul.")  # fmt: skip
                    status, due = Status.AWAITING_APPLICANT, None
                    if rng.random() < 0.1:  # never completed: rejected after a month, or still waiting
                        day = asked + ONE_DAY * rng.randint(30, 45)
                        if day <= today:
                            close(day, Status.REJECTED, clerk.pk, Action.RESOLVED, "Dosar incomplet.")
                    else:
                        completed = asked + ONE_DAY * rng.randint(2, 20)
                        if completed <= today:
                            day = completed
                            suspension = (asked, completed)
                            due = self.due(registered_on, days, unit, suspension, 0)
                            event(day, applicant_id or clerk.pk, Action.COMPLETION_RECEIVED, status, Status.IN_REVIEW,
                                  data={"due_date": due.isoformat()})  # fmt: skip
                            status = Status.IN_REVIEW
            # An extension decided by the head before the initial term.
            if status == Status.IN_REVIEW and ext_max and rng.random() < 0.08:
                decided = day + ONE_DAY
                if decided <= min(today, due):
                    day = decided
                    previous, extension = due, min(ext_max, 15)
                    due = self.due(registered_on, days, unit, suspension, extension)
                    event(day, setup.heads[department_id].pk, Action.EXTENDED, note="Volum mare de lucrări.",
                          data={"days": extension, "from": previous.isoformat(), "to": due.isoformat()})  # fmt: skip
            if status in (Status.IN_REVIEW, Status.AWAITING_APPLICANT) and not forgotten:
                if rng.random() < 0.05:  # withdrawn by the applicant
                    withdrawn = day + ONE_DAY * rng.randint(0, 10)
                    if withdrawn <= today:
                        close(withdrawn, Status.WITHDRAWN, applicant_id, Action.WITHDRAWN, "Nu mai este necesar.")
                elif status == Status.IN_REVIEW:
                    if rng.random() < 0.15:  # late
                        decided = max(day, due) + ONE_DAY * rng.randint(1, 30)
                    else:
                        decided = day + ONE_DAY * rng.randint(0, max(0, (due - day).days))
                    if decided <= today:
                        outcome = Status.APPROVED if rng.random() < 0.85 else Status.REJECTED
                        close(decided, outcome, clerk.pk, Action.RESOLVED, "Soluționat conform procedurii.")
        if suspension:
            batch["suspensions"].append((case_id, *suspension))
        batch["cases"].append(
            (
                case_id, number, registered_on.year, sequence, service.pk, service.kind, department_id, procedure.pk,
                procedure.code, procedure.edition, procedure.revision, days, unit, ext_max, suspension_allowed,
                procedure.reminder_days, applicant_id, name, email, "ro", subject, "", str(channel), "", address, "",
                False, assignee_id, str(status), registered_at, registered_on, due, extension, closed_on, closed_on_time,
                working_days, access_code(rng), last_at,
            )
        )  # fmt: skip
        batch["register"].append(
            (
                registered_on.year, sequence, number, "in", registered_at, str(channel),
                name[:200], address, subject[:300], department_id, case_id,
                None if applicant_id else filer,
            )
        )  # fmt: skip
        self.status_counts[str(status)] = self.status_counts.get(str(status), 0) + 1
        if closed_on is None:
            self.counts["open"] += 1
        if big:
            self.summary["big_case"] = number
        if applicant_id == setup.citizen.pk:
            self.summary["lookup"] = {"registration_number": number, "access_code": batch["cases"][-1][36]}
        if index == self.total // 2:
            self.summary["middle_case"] = number
