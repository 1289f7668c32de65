"""The permits' scheduled work: unfinished applications past their expiry are deleted with their files."""

from celery import shared_task

from . import drafts


@shared_task
def purge_expired_drafts():
    return drafts.purge_expired()
