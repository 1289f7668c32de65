"""The Celery application: tasks run eagerly without a broker, on a worker with one."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

app = Celery("ghiseul")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="portal.ping")
def ping(value):
    """A round trip through broker and worker, used by health checks and the broker test."""
    return {"pong": value}
