"""The production configuration: `check --deploy` is clean, and docker-compose runs what the settings expect."""

import os
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "PRODUCTION": "true",
    "SECRET_KEY": "k3#p9!v2@x7$w5%z1^q8&r4*t6(y0)u-i_o+a=s]d[f;g:h'j,l.z/x",
    "ALLOWED_HOSTS": "ghiseul.primaria-exemplu.ro",
    "SITE_URL": "https://ghiseul.primaria-exemplu.ro",
    "DATABASE_URL": "sqlite:////tmp/ghiseul-deploy-check.sqlite3",
}


def run_manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_reports_no_warning_with_the_documented_variables():
    inherited = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    env = inherited | PRODUCTION_ENV
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"} | PRODUCTION_ENV
    del env["SECRET_KEY"]
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_the_readme_starts_with_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_commands = [line.strip() for line in readme.splitlines() if line.strip().startswith("make ")][:2]
    assert first_commands == ["make run", "make test"]


def load_compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def test_compose_file_names_every_service_the_deployment_needs():
    services = load_compose()["services"]
    assert {"web", "worker", "beat", "db", "redis", "minio", "mailpit"} <= set(services)
    for name in ("web", "worker", "db", "redis", "minio", "mailpit"):
        assert "healthcheck" in services[name], name
    assert {"pgdata", "redisdata", "miniodata"} <= set(load_compose()["volumes"])


def test_compose_gives_the_app_every_variable_the_settings_read_for_its_services():
    services = load_compose()["services"]
    for name in ("web", "worker", "beat"):
        environment = services[name]["environment"]
        for variable in (
            "PRODUCTION",
            "DATABASE_URL",
            "CELERY_BROKER_URL",
            "CACHE_URL",
            "AWS_STORAGE_BUCKET_NAME",
            "AWS_S3_ENDPOINT_URL",
            "EMAIL_URL",
        ):
            assert variable in environment, (name, variable)
        assert "@db:5432/" in environment["DATABASE_URL"]
        assert environment["CELERY_BROKER_URL"].startswith("redis://redis:")
        assert environment["AWS_S3_ENDPOINT_URL"] == "http://minio:9000"
        assert environment["EMAIL_URL"].startswith("smtp://mailpit:")
    settings_source = (ROOT / "portal" / "settings.py").read_text(encoding="utf-8")
    for variable in (
        "DATABASE_URL",
        "CELERY_BROKER_URL",
        "CACHE_URL",
        "AWS_STORAGE_BUCKET_NAME",
        "EMAIL_URL",
        "SECRET_KEY",
        "ALLOWED_HOSTS",
    ):
        assert f'"{variable}"' in settings_source, variable


def test_web_and_worker_scan_uploads_with_a_healthy_clamd_through_its_shared_socket():
    compose = load_compose()
    services = compose["services"]
    clamav = services["clamav"]
    assert clamav["image"] == "clamav/clamav:stable"
    assert clamav["healthcheck"]["test"] == ["CMD", "clamdcheck.sh"]
    # clamd makes its socket at /tmp/clamd.sock in that image: its directory is the shared volume.
    assert "clamav-socket:/tmp" in clamav["volumes"]
    assert "clamav-socket" in compose["volumes"]
    for name in ("web", "worker"):
        assert services[name]["environment"]["CLAMAV_SOCKET"] == "/run/clamav/clamd.sock", name
        assert "clamav-socket:/run/clamav:ro" in services[name]["volumes"], name
        assert services[name]["depends_on"]["clamav"] == {"condition": "service_healthy"}, name
        assert services[name]["depends_on"]["db"] == {"condition": "service_healthy"}, name


def test_every_production_secret_of_compose_is_listed_in_the_env_example():
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    for variable in ("SECRET_KEY", "ALLOWED_HOSTS", "POSTGRES_PASSWORD", "MINIO_ROOT_USER", "MINIO_ROOT_PASSWORD"):
        assert f"{variable}=" in example


def test_production_collects_the_static_files_with_hashed_names(tmp_path):
    inherited = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    env = inherited | PRODUCTION_ENV | {"STATIC_ROOT": str(tmp_path / "static")}
    result = run_manage("collectstatic", "--no-input", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    manifest = (tmp_path / "static" / "staticfiles.json").read_text(encoding="utf-8")
    assert "portal/dist/portal.css" in manifest
