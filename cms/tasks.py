"""The public site's periodic work."""

from celery import shared_task
from django.core.management import call_command


@shared_task
def publish_scheduled_pages():
    """Publish the revisions editors scheduled and unpublish the pages whose expiry has come (Wagtail's command)."""
    call_command("publish_scheduled", verbosity=0)
