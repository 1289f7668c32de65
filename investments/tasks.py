"""Background jobs of investments: the followers' e-mails and the import of large spreadsheets."""

from celery import shared_task

from .import_tasks import apply_import  # noqa: F401 (registered with Celery from here)


@shared_task
def notify_followers(stage_pk):
    """E-mail the followers of a published investment that one of its stages is done."""
    from .models import Stage
    from .notifications import notify_stage_change

    stage = Stage.objects.select_related("investment").filter(pk=stage_pk).first()
    if stage is None or not stage.done or not stage.investment.published:
        return 0
    return notify_stage_change(stage)
