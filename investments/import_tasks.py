"""The background job that applies a large import (investments.importing); investments.tasks registers it."""

import logging

from celery import shared_task

logger = logging.getLogger(__name__)


@shared_task
def apply_import(job_pk):
    """Apply a queued import, all rows or none. A job not queued (already applied, refused) is left as it is."""
    from . import importing

    try:
        job = importing.apply_queued(job_pk)
    except Exception as error:  # the job must not stay "waiting" forever: the uploader sees it failed
        logger.exception("The import %s failed.", job_pk)
        importing.mark_failed(job_pk, f"{type(error).__name__}: {error}")
        return None
    return job.status if job else None
