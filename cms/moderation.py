"""Moderation of the public site, switched on by the institution: editors submit, a senior editor approves.

Off (the default), editors publish directly. On, one workflow ("Editorial review", one task approved by the senior
editors) covers the whole page tree and editors lose the right to publish. The workflow's and task's names are kept
in the database as English message ids and shown in the language of whoever reads the admin.
"""

from django.db import transaction
from django.utils.translation import gettext, gettext_noop
from wagtail.models import GroupApprovalTask, Page, Task, Workflow, WorkflowPage, WorkflowTask

EDITORIAL_REVIEW = gettext_noop("Editorial review")
SENIOR_EDITOR_REVIEW = gettext_noop("Review by a senior editor")
TRANSLATED_NAMES = frozenset({EDITORIAL_REVIEW, SENIOR_EDITOR_REVIEW})
# The workflow a Wagtail migration assigns to the tree's root; its name is English only and it asks the "Moderators"
# group, whom nobody here belongs to.
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"


class TranslatedName(str):
    """A name stored as its English message id and shown translated: str() and formatting give the translation,
    while comparisons, lookups and saving see the message id."""

    __slots__ = ()

    def __str__(self):
        return gettext(str.__str__(self))

    def __format__(self, format_spec):
        return format(str(self), format_spec)


def translate_name(sender, instance, **kwargs):
    """post_init receiver for workflows and tasks: our names are shown in the reader's language."""
    name = instance.__dict__.get("name")
    if type(name) is str and name in TRANSLATED_NAMES:
        instance.name = TranslatedName(name)


def moderation_enabled():
    """Whether any site's publishing settings ask for a reviewer's approval (the workflow covers the whole tree)."""
    from .models import PublishingSettings

    return PublishingSettings.objects.filter(moderation=True).exists()


def editorial_review_workflow():
    """The workflow and its one task, created on first use; the task is approved by the senior editors."""
    from .roles import reviewers_group

    task = GroupApprovalTask.objects.filter(name=SENIOR_EDITOR_REVIEW).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=SENIOR_EDITOR_REVIEW)
    task.groups.set([reviewers_group()])
    workflow = Workflow.objects.filter(name=EDITORIAL_REVIEW).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=EDITORIAL_REVIEW, active=False)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow, task


def retire_wagtail_default_workflow(user=None):
    for workflow in Workflow.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW, active=True):
        workflow.deactivate(user=user)
    Task.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW, active=True).update(active=False)


@transaction.atomic
def apply_moderation(user=None):
    """Make the workflows and the editors' permissions follow the publishing settings.

    Switching moderation off cancels the reviews in progress: their pages stay drafts that editors publish."""
    from .roles import editors_group

    retire_wagtail_default_workflow(user=user)
    workflow, task = editorial_review_workflow()
    if moderation_enabled():
        if not task.active:
            task.active = True
            task.save(update_fields=["active"])
        if not workflow.active:
            workflow.active = True
            workflow.save(update_fields=["active"])
        root = Page.get_first_root_node()
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    else:
        # Whatever workflow covers the whole tree (ours, perhaps renamed in the admin) stops.
        stopping = set(Workflow.objects.filter(active=True, workflow_pages__page__depth=1))
        if workflow.active:
            stopping.add(workflow)
        for active in stopping:
            active.deactivate(user=user)
    editors_group()
    return workflow
