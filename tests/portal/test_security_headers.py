"""The portal's pages run no inline script; only Wagtail's admin is allowed the inline scripts it needs."""

import pytest
from django.urls import reverse


def script_sources(response):
    policy = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";") if " " in part.strip()
    )
    return policy["script-src"].split()


@pytest.mark.django_db
def test_the_public_pages_forbid_inline_scripts(client):
    response = client.get(reverse("account_login"))
    assert script_sources(response) == ["'self'"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_the_admin_allows_the_inline_scripts_wagtail_needs(client, quality_manager):
    client.force_login(quality_manager)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "'unsafe-inline'" in script_sources(response)
