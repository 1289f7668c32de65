"""The Ghișeul Django project: settings, URLs, Celery, layout and accounts glue."""

from .celery import app as celery_app

__all__ = ["celery_app"]
