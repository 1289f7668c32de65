"""Celery tasks of the petitions app."""

from celery import shared_task

from . import filing


@shared_task
def purge_unconfirmed_filings():
    return filing.purge_unconfirmed()
