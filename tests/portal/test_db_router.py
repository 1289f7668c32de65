"""The read replica's router: writes never go to the replica, reads go there only inside reading_from_replica(), and a
request that has written reads the primary from then on.

The replica is configured here as portal/settings.py configures it from DATABASE_REPLICA_URL, a test mirror of the
primary: a second connection to the same test database, so that a read shows which connection served it."""

import json
import os
import subprocess
import sys
import types
from pathlib import Path

import pytest
from celery.signals import task_prerun
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.db import connections, transaction
from django.http import HttpResponse
from django.template import engines
from django.template.response import TemplateResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from portal.dbrouters import PinToPrimaryMiddleware, pin_to_primary, pinned_to_primary, reading_from_replica
from services.models import Department

ROOT = Path(__file__).resolve().parents[2]
BOTH = ["default", "replica"]


@pytest.fixture(scope="module")
def replica(django_db_setup, django_db_blocker):
    """The "replica" alias, a TEST MIRROR of the primary's test database, as Django's test runner sets mirrors up."""
    primary = connections["default"].settings_dict
    settings.DATABASES["replica"] = connections.settings["replica"] = {
        **primary,
        "TEST": {**primary["TEST"], "MIRROR": "default"},
    }
    connections["replica"].creation.set_as_test_mirror(primary)
    yield "replica"
    with django_db_blocker.unblock():
        connections["replica"].close()
    del connections["replica"]
    del connections.settings["replica"]
    settings.DATABASES.pop("replica", None)


# Committed rows, so that the replica's connection sees them; the primary alone is flushed after each test.
on_both_databases = pytest.mark.django_db(transaction=True, databases=BOTH)
pytestmark = pytest.mark.usefixtures("replica")


def in_a_request(view):
    """Run `view()` as the body of one request behind the middleware; returns what it returned."""
    served = {}

    def get_response(request):
        served["result"] = view()
        return HttpResponse()

    PinToPrimaryMiddleware(get_response)(RequestFactory().get("/"))
    return served["result"]


def writes(queries):
    return [query["sql"] for query in queries if query["sql"].split()[0].upper() in ("INSERT", "UPDATE", "DELETE")]


@pytest.fixture
def department():
    """A committed row, written before (and outside) the requests of the test."""
    return Department.objects.create(code="urbanism", name="Urbanism")


@on_both_databases
def test_a_write_inside_reading_from_replica_goes_to_the_primary():
    def view():
        with reading_from_replica():
            return Department.objects.create(code="taxe", name="Taxe")

    with CaptureQueriesContext(connections["replica"]) as on_replica:
        created = in_a_request(view)
    assert created._state.db == "default"
    assert writes(on_replica.captured_queries) == []
    assert Department.objects.using("default").filter(code="taxe").exists()


@on_both_databases
def test_a_save_of_an_object_read_from_the_replica_goes_to_the_primary(department):
    def view():
        with reading_from_replica():
            read = Department.objects.get(pk=department.pk)
            read.name = "Urbanism și amenajarea teritoriului"
            read.save()
            return read

    with CaptureQueriesContext(connections["replica"]) as on_replica:
        saved = in_a_request(view)
    assert saved._state.db == "default"
    assert writes(on_replica.captured_queries) == []


@on_both_databases
def test_reads_inside_reading_from_replica_go_to_the_replica(department):
    def view():
        with reading_from_replica():
            return Department.objects.get(pk=department.pk)

    assert in_a_request(view)._state.db == "replica"


@on_both_databases
def test_the_signed_in_user_and_the_session_are_read_from_the_primary_inside_reading_from_replica():
    user = get_user_model().objects.create_user(email="ana@example.ro", password="parola-lunga-1")
    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session.create()

    def view():
        with reading_from_replica():
            return (
                get_user_model().objects.get(pk=user.pk)._state.db,
                Session.objects.get(session_key=session.session_key)._state.db,
            )

    assert in_a_request(view) == ("default", "default")


@on_both_databases
def test_reads_outside_reading_from_replica_go_to_the_primary(department):
    assert in_a_request(lambda: Department.objects.get(pk=department.pk))._state.db == "default"


@on_both_databases
def test_a_read_after_the_requests_own_write_goes_to_the_primary(department):
    def view():
        with reading_from_replica():
            Department.objects.filter(pk=department.pk).update(name="Urbanism nou")
            return Department.objects.get(pk=department.pk)

    with CaptureQueriesContext(connections["replica"]) as on_replica:
        read = in_a_request(view)
    assert (read._state.db, read.name) == ("default", "Urbanism nou")
    assert on_replica.captured_queries == []


@on_both_databases
def test_the_next_request_reads_the_replica_again(department):
    in_a_request(lambda: Department.objects.create(code="taxe", name="Taxe"))

    def view():
        with reading_from_replica():
            return Department.objects.get(pk=department.pk)

    assert in_a_request(view)._state.db == "replica"


@on_both_databases
def test_reads_inside_a_transaction_on_the_primary_stay_on_the_primary(department):
    def view():
        with transaction.atomic(), reading_from_replica():
            return Department.objects.get(pk=department.pk)

    assert in_a_request(view)._state.db == "default"


@on_both_databases
def test_a_decorated_view_renders_its_template_response_on_the_replica(department):
    template = engines["django"].from_string("{% for department in departments %}{{ department.name }}{% endfor %}")

    @reading_from_replica()
    def view(request):
        return TemplateResponse(request, template, {"departments": Department.objects.all()})

    with CaptureQueriesContext(connections["replica"]) as on_replica:
        response = in_a_request(lambda: view(RequestFactory().get("/")))
    assert response.content.decode() == "Urbanism"
    assert len(on_replica.captured_queries) == 1


@on_both_databases
def test_a_decorated_generator_reads_the_replica_while_it_is_iterated(department):
    @reading_from_replica()
    def rows():
        for read in Department.objects.all():
            yield read._state.db

    assert in_a_request(lambda: list(rows())) == ["replica"]


def test_a_worker_task_starts_unpinned():
    pin_to_primary()
    worker_task = types.SimpleNamespace(request=types.SimpleNamespace(is_eager=False))
    task_prerun.send(sender=None, task=worker_task)
    assert not pinned_to_primary()


def test_a_task_run_eagerly_inside_a_request_keeps_the_requests_pin():
    pin_to_primary()
    eager_task = types.SimpleNamespace(request=types.SimpleNamespace(is_eager=True))
    task_prerun.send(sender=None, task=eager_task)
    assert pinned_to_primary()


PRINT_DATABASES = """
import json, os
os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings"
from django.conf import settings
print(json.dumps({alias: {"engine": db["ENGINE"], "test": db.get("TEST", {})} for alias, db in settings.DATABASES.items()}))
"""


def databases_with(**variables):
    environment = {k: v for k, v in os.environ.items() if k not in ("DATABASE_REPLICA_URL", "DJANGO_SETTINGS_MODULE")}
    result = subprocess.run(
        [sys.executable, "-c", PRINT_DATABASES],
        cwd=ROOT,
        env=environment | variables,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_without_a_replica_url_there_is_no_replica_alias():
    assert set(databases_with()) == {"default"}


def test_an_empty_replica_url_means_no_replica():
    assert set(databases_with(DATABASE_REPLICA_URL="")) == {"default"}


def test_the_replica_url_configures_a_replica_that_mirrors_the_primary_in_tests():
    databases = databases_with(DATABASE_REPLICA_URL="postgres://reader@replica.internal:5432/ghiseul")
    assert databases["replica"]["engine"] == "django.db.backends.postgresql"
    assert databases["replica"]["test"] == {"MIRROR": "default"}
