"""A real round trip: tasks go through a Redis broker to a worker that the fixture starts, results come back.

The test starts its own `redis-server` on a free loopback port, so `make test` needs no Redis already running. Without
`redis-server` it uses a Redis named by CELERY_BROKER_URL, else it is skipped — unless GHISEUL_REQUIRE_BROKER is set
(CI), where a missing broker fails the run.
"""

import os
import shutil
import socket
import subprocess

import pytest
from celery.contrib.testing import tasks as celery_testing_tasks  # noqa: F401  registers celery.ping
from celery.contrib.testing.worker import start_worker
from kombu import pools as kombu_pools

from portal.celery import app, ping
from services.tasks import send_registration_receipt
from tests.factories import CaseFactory

INSTALL_HINT = "sudo apt-get install redis-server (or run `make test`, which offers to install it)"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_redis(executable):
    """A throw-away redis-server on a free port, without persistence; returns the process and its base URL once it
    accepts connections (it says so on its log, so no polling)."""
    port = free_port()
    process = subprocess.Popen(
        [executable, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    log = []
    for line in process.stdout:
        log.append(line)
        if "Ready to accept connections" in line:
            return process, f"redis://127.0.0.1:{port}"
    process.wait(timeout=10)
    pytest.fail("redis-server did not start:\n" + "".join(log))


@pytest.fixture(scope="module")
def redis_base_url():
    executable = shutil.which("redis-server")
    if executable:
        process, url = start_redis(executable)
        try:
            yield url
        finally:
            process.terminate()
            process.wait(timeout=10)
            process.stdout.close()
        return
    configured = os.environ.get("CELERY_BROKER_URL", "")
    if configured.startswith("redis://"):
        yield configured.rsplit("/", 1)[0]
    elif os.environ.get("GHISEUL_REQUIRE_BROKER"):
        pytest.fail(f"GHISEUL_REQUIRE_BROKER is set but redis-server is not installed: {INSTALL_HINT}")
    else:
        pytest.skip(f"redis-server is not installed: {INSTALL_HINT}")


@pytest.fixture
def celery_worker(transactional_db, redis_base_url):
    previous = {key: app.conf[key] for key in ("broker_url", "result_backend", "task_always_eager")}
    app.conf.update(broker_url=f"{redis_base_url}/14", result_backend=f"{redis_base_url}/15", task_always_eager=False)
    forget_connections()
    try:
        with start_worker(
            app, pool="solo", perform_ping_check=True, shutdown_timeout=10, queues=["celery", "documents"]
        ) as worker:
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
