"""Fixtures the back-office and registry-desk tests share."""

import pytest

from services.roles import registry_group
from tests.factories import ProcedureFactory, ServiceFactory, StaffFactory


@pytest.fixture
def other_service(department):
    """A second service of the clerk's department."""
    return ServiceFactory(procedure=ProcedureFactory(owner_department=department), title="Autorizație de construire")


@pytest.fixture
def registry_clerk(db):
    user = StaffFactory(email="registratura@primarie.ro", first_name="Maria", last_name="Registrator")
    user.groups.add(registry_group())
    return user


@pytest.fixture
def desk(client, registry_clerk):
    client.force_login(registry_clerk)
    return client
