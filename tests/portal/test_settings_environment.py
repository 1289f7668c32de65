"""Settings read from the environment: an empty variable means unset, DEBUG is off unless asked for, the CSP pins
<base>, and with DEBUG off an unknown address gives the portal's own 404 page."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from portal.settings import SetVariables, environment_reader

ROOT = Path(__file__).resolve().parents[2]

# What a subprocess prints of its settings.
PRINT_SETTINGS = """
import json, os
os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings"
from django.conf import settings
print(json.dumps({
    "debug": settings.DEBUG,
    "database": settings.DATABASES["default"]["ENGINE"],
    "cache": settings.CACHES["default"]["BACKEND"],
    "email": settings.EMAIL_BACKEND,
    "broker": settings.CELERY_BROKER_URL,
    "eager": settings.CELERY_TASK_ALWAYS_EAGER,
    "hosts": settings.ALLOWED_HOSTS,
}))
"""


def settings_with(**variables):
    environment = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "DJANGO_SETTINGS_MODULE")} | variables
    result = subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_empty_service_urls_fall_back_to_the_embedded_defaults():
    loaded = settings_with(
        DATABASE_URL="", CACHE_URL="", EMAIL_URL="", CELERY_BROKER_URL="", CELERY_RESULT_BACKEND="", CONN_MAX_AGE=""
    )
    assert loaded["database"] == "django.db.backends.sqlite3"
    assert loaded["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert loaded["email"] == "django.core.mail.backends.console.EmailBackend"
    assert (loaded["broker"], loaded["eager"]) == ("memory://", True)


def test_empty_host_and_debug_variables_fall_back_to_the_defaults():
    loaded = settings_with(DEBUG="", ALLOWED_HOSTS="", SECRET_KEY="")
    assert loaded["debug"] is False
    assert {"127.0.0.1", "localhost"} <= set(loaded["hosts"])


def test_debug_is_off_unless_asked_for():
    assert settings_with()["debug"] is False
    assert settings_with(DEBUG="true")["debug"] is True


def test_production_refuses_an_empty_secret_key_as_a_missing_one():
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"} | {
        "PRODUCTION": "true",
        "SECRET_KEY": "",
        "ALLOWED_HOSTS": "ghiseul.primaria-exemplu.ro",
    }
    result = subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable" in result.stderr


def test_the_environment_reader_treats_an_empty_value_as_unset(monkeypatch):
    monkeypatch.setenv("GHISEUL_TEST_URL", "")
    assert environment_reader().str("GHISEUL_TEST_URL", default="fallback") == "fallback"
    monkeypatch.setenv("GHISEUL_TEST_URL", "redis://127.0.0.1:6379/0")
    assert environment_reader().str("GHISEUL_TEST_URL", default="fallback") == "redis://127.0.0.1:6379/0"


def test_set_variables_hide_the_empty_ones():
    variables = SetVariables({"A": "1", "B": ""})
    assert dict(variables) == {"A": "1"}
    assert "B" not in variables


@pytest.mark.django_db
def test_the_security_policy_allows_base_urls_of_the_site_only(client):
    policy = client.get("/")["Content-Security-Policy"]
    assert "base-uri 'self'" in [part.strip() for part in policy.split(";")]


@pytest.mark.django_db
def test_the_suite_runs_with_debug_off_and_an_unknown_address_gives_the_portals_404_page(client):
    assert settings.DEBUG is False
    response = client.get("/nu-exista-asa-ceva/")
    assert response.status_code == 404
    assert [template.name for template in response.templates][0] == "404.html"
    assert "Django tried these URL patterns" not in response.content.decode()
