"""The queue's CSV export at any size: streamed in chunks below a threshold, prepared by a Celery task above it and
downloaded by its owner alone from "My exports", deleted after a week."""

import datetime
import os
import uuid

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from services import tasks
from services.backoffice import exports
from tests.factories import CaseFactory, MembershipFactory, StaffFactory, UserFactory

from .test_backoffice_queue import QUEUE_CSV, _english, read_csv  # noqa: F401

EXPORTS = reverse("backoffice:exports")


def register(count, service):
    applicant = UserFactory()
    return [CaseFactory(service=service, applicant=applicant) for _ in range(count)]


def exported_files(storage, user):
    try:
        return storage.listdir(f"exports/{user.pk}")[1]
    except FileNotFoundError:
        return []


def test_the_export_is_streamed_and_holds_every_case(client, clerk, service):
    cases = register(12, service)
    client.force_login(clerk)

    response = client.get(QUEUE_CSV)

    assert response.streaming
    assert sorted(row[0] for row in read_csv(response)[1:]) == sorted(case.registration_number for case in cases)


def test_the_export_needs_as_many_queries_for_50_cases_as_for_5(client, clerk, service, django_assert_max_num_queries):
    register(5, service)
    client.force_login(clerk)
    client.get(QUEUE_CSV)
    with django_assert_max_num_queries(20) as few:
        read_csv(client.get(QUEUE_CSV, {"status": "all"}))
    register(45, service)

    with django_assert_max_num_queries(len(few.captured_queries)):
        rows = read_csv(client.get(QUEUE_CSV, {"status": "all"}))

    assert len(rows) == 1 + 50


@pytest.fixture
def big_export(client, clerk, service, settings):
    """The threshold is 3 cases; the clerk asks for an export of 4."""
    settings.QUEUE_EXPORT_SYNC_MAX_ROWS = 3
    cases = register(4, service)
    client.force_login(clerk)
    return cases


def test_an_export_past_the_threshold_is_prepared_in_the_background_and_the_clerk_told(client, big_export):
    response = client.get(QUEUE_CSV)

    assert response.status_code == 302 and response.url == EXPORTS
    assert "being prepared" in " ".join(str(m) for m in get_messages(response.wsgi_request))


def test_the_prepared_export_is_in_private_storage_under_the_clerks_folder(client, clerk, big_export, private_storage):
    client.get(QUEUE_CSV)

    (name,) = exported_files(private_storage, clerk)
    assert uuid.UUID(name.removesuffix(".csv")) and name.endswith(".csv")


def test_the_clerk_finds_the_export_on_my_exports_and_downloads_it_whole(client, clerk, big_export):
    client.get(QUEUE_CSV)

    (export,) = client.get(EXPORTS).context["exports"]
    response = client.get(reverse("backoffice:export_download", args=[export.key]))

    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    assert all(case.registration_number in content for case in big_export)


def test_another_clerk_cannot_download_the_export(client, clerk, department, big_export):
    client.get(QUEUE_CSV)
    (export,) = client.get(EXPORTS).context["exports"]
    colleague = MembershipFactory(department=department, user=StaffFactory(email="coleg@primarie.ro")).user
    client.force_login(colleague)

    assert client.get(reverse("backoffice:export_download", args=[export.key])).status_code == 404
    assert client.get(EXPORTS).context["exports"] == []


def test_an_unknown_export_is_not_found(client, clerk):
    client.force_login(clerk)

    assert client.get(reverse("backoffice:export_download", args=[uuid.uuid4()])).status_code == 404


def test_my_exports_lists_the_newest_first(client, clerk, big_export, private_storage):
    client.get(QUEUE_CSV)
    client.get(QUEUE_CSV)
    older = next(e for e in exports.exports_of(clerk))
    path = private_storage.path(exports.export_path(clerk.pk, older.key))
    stamp = (timezone.now() - datetime.timedelta(days=1)).timestamp()
    os.utime(path, (stamp, stamp))

    listed = client.get(EXPORTS).context["exports"]

    assert [export.key for export in listed][-1] == older.key
    assert listed[0].created > listed[1].created


def test_exports_older_than_a_week_are_deleted(clerk, big_export, private_storage):
    tasks.export_queue_csv(clerk.pk, {})
    (old,) = exports.exports_of(clerk)
    stamp = (timezone.now() - datetime.timedelta(days=8)).timestamp()
    os.utime(private_storage.path(exports.export_path(clerk.pk, old.key)), (stamp, stamp))
    tasks.export_queue_csv(clerk.pk, {})

    assert tasks.delete_old_exports() == 0  # the export task already deleted the clerk's old one
    assert [export.key for export in exports.exports_of(clerk)] != [old.key]
    assert len(exports.exports_of(clerk)) == 1


def test_the_daily_task_deletes_every_users_old_exports(clerk, big_export, private_storage):
    tasks.export_queue_csv(clerk.pk, {})
    (old,) = exports.exports_of(clerk)
    stamp = (timezone.now() - datetime.timedelta(days=8)).timestamp()
    os.utime(private_storage.path(exports.export_path(clerk.pk, old.key)), (stamp, stamp))

    assert tasks.delete_old_exports() == 1
    assert exports.exports_of(clerk) == []


def test_the_background_export_lists_what_the_clerk_may_see_with_the_filters(client, clerk, big_export, service):
    tasks.export_queue_csv(clerk.pk, {"q": big_export[0].registration_number})
    (export,) = exports.exports_of(clerk)

    response = client.get(reverse("backoffice:export_download", args=[export.key]))

    rows = read_csv(response)
    assert [row[0] for row in rows[1:]] == [big_export[0].registration_number]
