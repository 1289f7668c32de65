"""The clerks' queue exports prepared in the background: files in private storage under exports/<user pk>/, listed
from the storage itself (no table keeps them) and deleted after a week."""

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone

from ..models import CaseDocument

# A queue export written by the Celery task (`services.tasks.export_queue_csv`) is kept this long in private storage.
EXPORTS_KEPT_DAYS = 7


@dataclass(frozen=True)
class QueueExport:
    """A CSV file of the queue prepared for a clerk, under `exports/<user pk>/<uuid>.csv` in private storage."""

    key: uuid.UUID
    created: datetime
    size: int


def export_storage():
    """The private storage the case documents use (never under a public URL)."""
    return CaseDocument._meta.get_field("file").storage


def exports_folder(user_pk):
    return f"exports/{user_pk}"


def export_path(user_pk, key):
    return f"{exports_folder(user_pk)}/{key}.csv"


def exports_of(user):
    """The user's prepared exports, newest first, read from the storage (no table keeps them)."""
    storage = export_storage()
    try:
        _folders, names = storage.listdir(exports_folder(user.pk))
    except FileNotFoundError:
        return []
    found = []
    for name in names:
        stem, _dot, extension = name.rpartition(".")
        try:
            key = uuid.UUID(stem)
        except ValueError:
            continue
        if extension == "csv":
            path = export_path(user.pk, key)
            found.append(QueueExport(key, storage.get_modified_time(path), storage.size(path)))
    return sorted(found, key=lambda export: export.created, reverse=True)


def delete_old_exports(*, now=None, user_pk=None):
    """Delete the exports older than EXPORTS_KEPT_DAYS, of one user or of everyone; how many were deleted."""
    storage = export_storage()
    cutoff = (now or timezone.now()) - timedelta(days=EXPORTS_KEPT_DAYS)
    if user_pk is not None:
        folders = [str(user_pk)]
    else:
        try:
            folders, _names = storage.listdir("exports")
        except FileNotFoundError:
            return 0
    deleted = 0
    for folder in folders:
        try:
            _subfolders, names = storage.listdir(f"exports/{folder}")
        except FileNotFoundError:
            continue
        for name in names:
            path = f"exports/{folder}/{name}"
            if storage.get_modified_time(path) < cutoff:
                storage.delete(path)
                deleted += 1
    return deleted
