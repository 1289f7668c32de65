"""Payments' background work: the receipt e-mail after a credit, the daily reconciliation with the provider."""

from celery import shared_task


@shared_task
def send_receipt(receipt_id):
    from .receipts import email_receipt

    email_receipt(receipt_id)


@shared_task(bind=True, max_retries=8)
def reconcile_yesterday(self):
    """Reconcile yesterday's payments; a provider that cannot be reached is asked again later, waiting 1, 2, 4 …
    minutes (at most an hour) between tries."""
    import datetime

    from services.calendar import today

    from .providers import ProviderUnavailable
    from .reconciliation import reconcile

    try:
        result = reconcile(today() - datetime.timedelta(days=1))
    except ProviderUnavailable as error:
        raise self.retry(exc=error, countdown=min(60 * 2**self.request.retries, 3600)) from error
    return result.counts()
