"""The permits' tests work on a service of the permit kind."""

import pytest

from tests.factories import ServiceFactory


@pytest.fixture
def service(procedure):
    return ServiceFactory(
        procedure=procedure,
        kind="permit",
        slug="certificat-urbanism",
        title="Certificat de urbanism",
        title_hu="Urbanisztikai bizonyítvány",
        title_en="Urbanism certificate",
    )
