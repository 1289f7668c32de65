"""The followers' e-mail: a published investment has reached a new stage.

Each follower gets their own message (nobody sees who else follows), in the language of their profile, with a link
to the public page, where they can also stop following. `tasks.notify_followers` calls this after the transaction
that completed the stage."""

from django.conf import settings

from portal.models import InstitutionSettings
from services.notifications import absolute_url, institution_reply_to, send_email

from .models import Follower, Stage

TEMPLATE_DIR = "investments/email"


def notify_stage_change(stage) -> int:
    """E-mail every follower that `stage` (a Stage or its primary key) is done; returns how many were sent.

    Nothing is sent for an unpublished investment or a stage that is not done (an actual date and its evidence)."""
    if not isinstance(stage, Stage):
        stage = Stage.objects.select_related("investment").get(pk=stage)
    investment = stage.investment
    if not (stage.done and investment.published):
        return 0
    institution = InstitutionSettings.load()
    page_url = absolute_url("investments_public:detail", investment.code)
    languages = dict(settings.LANGUAGES)
    followers = (
        Follower.objects.filter(investment=investment, user__is_active=True)
        .exclude(user__email="")
        .select_related("user")
        .order_by("pk")
    )
    sent = 0
    for follower in followers:
        user = follower.user
        language = user.preferred_language if user.preferred_language in languages else settings.LANGUAGE_CODE
        send_email(
            "stage_done",
            {
                "investment": investment,
                "stage": stage,
                "institution": institution,
                "name": user.get_full_name(),
                "page_url": page_url,
            },
            to=[user.email],
            language=language,
            reply_to=institution_reply_to(institution),
            template_dir=TEMPLATE_DIR,
        )
        sent += 1
    return sent
