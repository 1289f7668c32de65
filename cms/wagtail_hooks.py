"""The public site's admin wiring: workflow and task names shown in the reader's language."""

from django.db.models.signals import post_init
from wagtail.models import GroupApprovalTask, Task, Workflow

from .moderation import translate_name

# post_init is sent for the instance's own class only, so each task class is named.
for _model in (Workflow, Task, GroupApprovalTask):
    post_init.connect(translate_name, sender=_model, dispatch_uid=f"cms-translate-name-{_model.__name__}")
