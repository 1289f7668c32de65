"""Fixtures shared by the whole suite: people in their roles, a department's procedure and service."""

import pytest
from django.core.cache import cache
from django.core.files.storage import FileSystemStorage
from django.core.signals import setting_changed
from django.db.backends.sqlite3.base import DatabaseOperations as SQLiteOperations
from django.dispatch import receiver
from django.urls import clear_url_caches

from investments import audit_sql as investments_audit_sql
from investments import prioritisation_sql
from investments.models import ImportJob, Stage
from petitions.models import UnconfirmedAttachment
from portal.celery import app as celery_app
from quality import audit_sql as quality_audit_sql
from quality.models import ProcedureVersion
from services import audit_sql
from services.models import CaseDocument, Membership
from services.permits.models import DraftFile
from services.roles import ensure_groups

from .factories import (
    DepartmentFactory,
    MembershipFactory,
    ProcedureFactory,
    ServiceFactory,
    StaffFactory,
    UserFactory,
)

_sql_flush = SQLiteOperations.sql_flush


def _sql_flush_past_the_audit_trigger(self, style, tables, **kwargs):
    """Between transactional tests Django empties tables with DELETE on SQLite, which the append-only triggers
    refuse; PostgreSQL uses TRUNCATE, which row triggers do not see. Lift the triggers for the flush only."""
    statements = _sql_flush(self, style, tables, **kwargs)
    drop, create = [], []
    if audit_sql.TABLE in tables:
        drop, create = [*drop, *audit_sql.SQLITE_DROP], [*create, *audit_sql.SQLITE_CREATE]
    if any(table in tables for table in quality_audit_sql.TABLES):
        drop, create = [*drop, *quality_audit_sql.SQLITE_DROP], [*create, *quality_audit_sql.SQLITE_CREATE]
        drop = [*drop, *quality_audit_sql.EVENT_SQLITE_DROP]
        create = [*create, *quality_audit_sql.EVENT_SQLITE_CREATE]
    if investments_audit_sql.TABLE in tables:
        drop = [*drop, *investments_audit_sql.SQLITE_DROP]
        create = [*create, *investments_audit_sql.SQLITE_CREATE]
    if any(table.startswith("investments_") for table in tables):
        # The prioritisation rounds' history and their locked methods.
        drop = [*drop, *prioritisation_sql.statements("sqlite", create=False)]
        create = [*create, *prioritisation_sql.statements("sqlite")]
    return [*drop, *statements, *create]


SQLiteOperations.sql_flush = _sql_flush_past_the_audit_trigger


@receiver(setting_changed)
def _urls_follow_the_default_language(*, setting, **kwargs):
    """The public site's URLs carry no prefix for the default language (i18n_patterns), and Django keeps reversed
    URLs per language: a test that changes LANGUAGE_CODE must not leave "/ro/" prefixes for the tests after it."""
    if setting == "LANGUAGE_CODE":
        clear_url_caches()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits and once-a-day guards live in the cache: every test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _fast_and_eager(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tasks run in process in tests; tests/portal/test_celery_broker.py sends one through the real broker.
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True


@pytest.fixture(autouse=True)
def private_storage(monkeypatch, tmp_path):
    """Uploaded documents go to a temporary private directory, never to var/private."""
    storage = FileSystemStorage(location=tmp_path / "private", base_url=None)
    monkeypatch.setattr(CaseDocument._meta.get_field("file"), "storage", storage)
    monkeypatch.setattr(UnconfirmedAttachment._meta.get_field("file"), "storage", storage)
    for name in ("document", "source"):
        monkeypatch.setattr(ProcedureVersion._meta.get_field(name), "storage", storage)
    monkeypatch.setattr(DraftFile._meta.get_field("file"), "storage", storage)
    monkeypatch.setattr(Stage._meta.get_field("evidence"), "storage", storage)
    monkeypatch.setattr(ImportJob._meta.get_field("file"), "storage", storage)
    return storage


@pytest.fixture
def department(db):
    return DepartmentFactory(
        code="urbanism",
        name="Direcția Urbanism",
        name_hu="Urbanisztikai Igazgatóság",
        name_en="Urban Planning Department",
    )


@pytest.fixture
def procedure(department):
    return ProcedureFactory(
        owner_department=department,
        code="PO-DUAT-02",
        title="Emiterea certificatului de urbanism",
        deadline_days=30,
        deadline_unit="calendar",
    )


@pytest.fixture
def service(procedure):
    return ServiceFactory(
        procedure=procedure,
        slug="certificat-urbanism",
        title="Certificat de urbanism",
        title_hu="Urbanisztikai bizonyítvány",
        title_en="Urbanism certificate",
    )


@pytest.fixture
def citizen(db):
    return UserFactory(email="ana.popescu@example.ro", first_name="Ana", last_name="Popescu")


@pytest.fixture
def clerk(department):
    return MembershipFactory(
        department=department,
        role=Membership.Role.CLERK,
        user=StaffFactory(email="clerk@primarie.ro", first_name="Ioana", last_name="Referent"),
    ).user


@pytest.fixture
def head(department):
    return MembershipFactory(
        department=department,
        role=Membership.Role.HEAD,
        user=StaffFactory(email="head@primarie.ro", first_name="Gheorghe", last_name="Șef"),
    ).user


@pytest.fixture
def quality_manager(db):
    user = StaffFactory(email="calitate@primarie.ro", first_name="Maria", last_name="Calitate")
    user.groups.add(ensure_groups())
    return user


@pytest.fixture
def other_department_clerk(db):
    return MembershipFactory(
        department=DepartmentFactory(code="taxe", name="Direcția Taxe"), user=StaffFactory(email="taxe@primarie.ro")
    ).user


@pytest.fixture
def site_menus_cached(rf):
    """The public site's menus and footer links as any earlier page view leaves them: in the cache, read by every
    page at no query until the site changes (cms.navigation). Tests that pin a page's queries count its own.
    A change to the catalogue empties them again: call the fixture's value to warm them after one."""
    from django.utils import translation

    from cms.navigation import menus

    def warm():
        for language in ("ro", "hu", "en"):
            with translation.override(language):
                menus(rf.get("/"))

    warm()
    return warm
