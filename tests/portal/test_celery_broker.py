"""A real round trip: tasks go through the Redis broker to a worker that the fixture starts, results come back."""

import os

import pytest
from celery.contrib.testing import tasks as celery_testing_tasks  # noqa: F401  registers celery.ping
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from kombu import pools as kombu_pools

from portal.celery import app, ping
from services.tasks import send_registration_receipt
from tests.factories import CaseFactory


def redis_url(db):
    configured = os.environ.get("CELERY_BROKER_URL") or settings.CELERY_BROKER_URL
    base = configured if configured.startswith("redis://") else "redis://127.0.0.1:6379/0"
    return base.rsplit("/", 1)[0] + f"/{db}"


@pytest.fixture
def celery_worker(transactional_db):
    previous = {key: app.conf[key] for key in ("broker_url", "result_backend", "task_always_eager")}
    app.conf.update(broker_url=redis_url(14), result_backend=redis_url(15), task_always_eager=False)
    forget_connections()
    try:
        with start_worker(app, pool="solo", perform_ping_check=True, shutdown_timeout=10) as worker:
            yield worker
    finally:
        app.conf.update(previous)
        forget_connections()


def forget_connections():
    """Connections and the result backend are built lazily from the configuration: drop those built before."""
    if app._pool is not None:
        app._pool.force_close_all()
    app._pool = None  # what Celery itself does after a fork
    app.amqp._producer_pool = None
    kombu_pools.reset()
    app._local.__dict__.pop("backend", None)


def test_a_task_travels_through_the_redis_broker_and_returns_its_result(celery_worker):
    assert app.connection_for_write().transport_cls == "redis"
    result = ping.delay("Ghișeul")
    assert result.get(timeout=20) == {"pong": "Ghișeul"}


@pytest.fixture
def committed_case(transactional_db, service, citizen):
    """Registered (and its first receipt sent in process) before the worker starts."""
    return CaseFactory(service=service, applicant=citizen)


def test_the_worker_sends_the_registration_receipt_from_the_committed_case(
    committed_case, celery_worker, citizen, mailoutbox
):
    case = committed_case
    mailoutbox.clear()
    send_registration_receipt.delay(case.pk).get(timeout=20)
    assert [message.to for message in mailoutbox] == [[citizen.email]]
    assert case.registration_number in mailoutbox[0].subject
