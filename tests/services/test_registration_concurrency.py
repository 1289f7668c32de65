"""Registration numbers stay gap-free and unique when several connections register at once.

SQLite runs one writing transaction at a time, so only PostgreSQL can show the race (and the counter's row lock
that wins it); tests/services/test_workflow_races.py holds the deterministic two-connection version."""

import threading

import pytest
from django.db import close_old_connections, connection

from services.models import Case
from tests.factories import CaseFactory

THREADS = 6
PER_THREAD = 8


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite serialises writers: no race to show")
@pytest.mark.django_db(transaction=True)
def test_parallel_registrations_get_consecutive_numbers_without_gap_or_duplicate(service, citizen):
    start = threading.Barrier(THREADS)
    errors = []

    def register_some():
        try:
            start.wait(timeout=10)
            for _ in range(PER_THREAD):
                CaseFactory(service=service, applicant=citizen)
        except Exception as error:  # the assertion below reports it
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    workers = [threading.Thread(target=register_some) for _ in range(THREADS)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert errors == []
    sequences = sorted(Case.objects.values_list("registration_sequence", flat=True))
    assert sequences == list(range(1, THREADS * PER_THREAD + 1))
    numbers = Case.objects.values_list("registration_number", flat=True)
    assert len(set(numbers)) == THREADS * PER_THREAD
