"""Following an investment: signed-in visitors only, and an e-mail to each follower, in their language, when one of
its stages is done."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import translation

from investments import notifications
from investments.models import Follower, Stage
from tests.factories import UserFactory
from tests.investments.factories import FollowerFactory, StageFactory
from tests.investments.public_helpers import (  # noqa: F401 (the fixtures)
    complete_stage,
    detail,
    draft_fixture,
    english_fixture,
    follow_url,
    published_fixture,
    unfollow_url,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


# --- following -------------------------------------------------------------------------------------------------------


def test_following_asks_an_anonymous_visitor_to_sign_in_first(client, published):
    response = client.post(follow_url(published))
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == reverse("account_login")
    assert parse_qs(location.query)["next"] == [detail(published)]
    assert not Follower.objects.exists()


def test_an_anonymous_visitor_is_offered_to_sign_in_to_follow(client, published):
    page = client.get(detail(published)).content.decode()
    assert "Sign in to follow this investment" in page
    assert "gets an e-mail when one of its stages is done" in page
    assert follow_url(published) not in page


def test_a_signed_in_citizen_follows_and_stops_following(client, published, citizen):
    client.force_login(citizen)
    assert "Follow</button>" in client.get(detail(published)).content.decode()

    response = client.post(follow_url(published), follow=True)
    assert response.redirect_chain == [(detail(published), 302)]
    assert Follower.objects.filter(investment=published, user=citizen).exists()
    page = response.content.decode()
    assert "You follow “Central Park renovation”." in page
    assert "Stop following</button>" in page and f'action="{unfollow_url(published)}"' in page

    client.post(follow_url(published))  # twice is still once
    assert Follower.objects.filter(investment=published, user=citizen).count() == 1

    response = client.post(unfollow_url(published), follow=True)
    assert not Follower.objects.filter(investment=published, user=citizen).exists()
    assert "Follow</button>" in response.content.decode()


def test_an_unpublished_investment_cannot_be_followed(client, draft, citizen):
    client.force_login(citizen)
    assert client.post(follow_url(draft)).status_code == 404
    assert not Follower.objects.exists()


def test_following_is_a_post(client, published, citizen):
    client.force_login(citizen)
    assert client.get(follow_url(published)).status_code == 405
    assert client.get(unfollow_url(published)).status_code == 405
    assert not Follower.objects.exists()


# --- the e-mail ------------------------------------------------------------------------------------------------------


@pytest.fixture
def followers(published):
    romanian = FollowerFactory(
        investment=published, user=UserFactory(email="ion@example.ro", first_name="Ion", preferred_language="ro")
    ).user
    hungarian = FollowerFactory(
        investment=published, user=UserFactory(email="reka@example.ro", first_name="Réka", preferred_language="hu")
    ).user
    return romanian, hungarian


def test_each_follower_gets_their_own_email_in_their_language(published, followers):
    stage = StageFactory(investment=published, kind=Stage.Kind.PROCUREMENT, done=True)
    assert notifications.notify_stage_change(stage) == 2
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {"ion@example.ro", "reka@example.ro"}
    assert all(len(message.to) == 1 and not message.cc and not message.bcc for message in mail.outbox)

    romanian = by_recipient["ion@example.ro"]
    hungarian = by_recipient["reka@example.ro"]
    assert "Reabilitare Parcul Central" in romanian.subject
    assert "A Központi park felújítása" in hungarian.subject
    assert "A Központi park felújítása" in hungarian.body
    page_url = settings.SITE_URL.rstrip("/") + detail(published)
    for message in (romanian, hungarian):
        assert page_url in message.body
        html, mimetype = message.alternatives[0]
        assert mimetype == "text/html" and f'href="{page_url}"' in html
        assert "15" in message.body and "2025" in message.body  # the day the stage was done
        assert message.extra_headers["Auto-Submitted"] == "auto-generated"


def test_the_email_names_the_stage_and_how_to_stop_following(published, followers):
    stage = StageFactory(investment=published, kind=Stage.Kind.PROCUREMENT, done=True)
    notifications.notify_stage_change(stage.pk)
    romanian = next(message for message in mail.outbox if message.to == ["ion@example.ro"])
    with translation.override("ro"):
        label = str(Stage.Kind.PROCUREMENT.label)
        stop = translation.gettext("Stop following")
    assert label in romanian.subject
    assert stop in romanian.body


def test_no_email_for_an_unpublished_investment_or_a_stage_not_done(draft, published, followers):
    FollowerFactory(investment=draft)
    notifications.notify_stage_change(StageFactory(investment=draft, kind=Stage.Kind.PROCUREMENT, done=True))
    notifications.notify_stage_change(StageFactory(investment=published, kind=Stage.Kind.RECEPTION))
    assert mail.outbox == []


def test_a_deactivated_account_gets_no_email(published, followers):
    romanian, _hungarian = followers
    romanian.is_active = False
    romanian.save(update_fields=["is_active"])
    assert notifications.notify_stage_change(StageFactory(investment=published, kind=Stage.Kind.RECEPTION, done=True))
    assert [message.to for message in mail.outbox] == [["reka@example.ro"]]


def test_completing_a_stage_e_mails_the_followers_once_the_change_is_saved(
    published, followers, clerk, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        complete_stage(clerk, published, Stage.Kind.PROCUREMENT)
    assert sorted(message.to[0] for message in mail.outbox) == ["ion@example.ro", "reka@example.ro"]


def test_completing_a_stage_of_an_unpublished_investment_e_mails_nobody(
    draft, clerk, django_capture_on_commit_callbacks
):
    FollowerFactory(investment=draft)  # followed while it was published
    with django_capture_on_commit_callbacks(execute=True):
        complete_stage(clerk, draft, Stage.Kind.PROCUREMENT)
    assert mail.outbox == []
