"""The demo public site for the browser tests of the public pages, loaded as `manage.py load_demo_data` loads it."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Collection


@pytest.fixture
def demo_site(transactional_db):
    """The demo institution, its staff (the editor among them), catalogue and public site in ro, hu and en; no cases.

    About 30 s on SQLite: the tests that use it each look at many pages rather than one."""
    # An earlier transactional test empties every table, Wagtail's root collection (made by a migration) too; the
    # demo's news image goes into it.
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    call_command("load_demo_data", cases=0, stdout=io.StringIO())
