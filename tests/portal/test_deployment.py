"""The production configuration: `check --deploy` is clean, and docker-compose runs what the settings expect."""

import os
import re
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
    for variable in (
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "SITE_DOMAIN",
        "POSTGRES_PASSWORD",
        "MINIO_ROOT_USER",
        "MINIO_ROOT_PASSWORD",
    ):
        assert f"{variable}=" in example


def test_production_collects_the_static_files_with_hashed_names(tmp_path):
    inherited = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    env = inherited | PRODUCTION_ENV | {"STATIC_ROOT": str(tmp_path / "static")}
    result = run_manage("collectstatic", "--no-input", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    manifest = (tmp_path / "static" / "staticfiles.json").read_text(encoding="utf-8")
    assert "portal/dist/portal.css" in manifest


# --- past one machine: Caddy in front, web replicas, migrations once, workers per queue ---------------------------
CADDYFILE = ROOT / "deploy" / "Caddyfile"


def default_max_request_bytes():
    """MAX_REQUEST_BYTES as the settings compute it when no variable changes it."""
    env = {k: v for k, v in os.environ.items() if k not in ("MAX_REQUEST_BYTES", "UPLOAD_MAX_BYTES")}
    result = run_manage("shell", "-c", "from django.conf import settings; print(settings.MAX_REQUEST_BYTES)", env=env)
    assert result.returncode == 0, result.stderr
    return int(result.stdout.split()[-1])


def test_web_is_not_published_and_runs_several_replicas():
    web = load_compose()["services"]["web"]
    assert "ports" not in web
    assert web["deploy"]["replicas"] >= 2


def test_migrations_run_once_in_a_one_off_service_that_web_waits_for():
    services = load_compose()["services"]
    migrate = services["migrate"]
    assert migrate["restart"] == "no"
    assert "manage.py migrate" in migrate["command"]
    assert "manage.py collectstatic" in migrate["command"]
    assert services["web"]["depends_on"]["migrate"] == {"condition": "service_completed_successfully"}


def test_web_starts_gunicorn_without_migrating():
    command = load_compose()["services"]["web"]["command"]
    assert command.startswith("gunicorn ")
    assert "migrate" not in command


def test_web_health_is_asked_for_the_sites_host_over_https():
    probe = " ".join(load_compose()["services"]["web"]["healthcheck"]["test"])
    assert "/healthz/" in probe
    assert "ALLOWED_HOSTS" in probe
    assert "'X-Forwarded-Proto': 'https'" in probe


def test_caddy_alone_publishes_http_and_https_with_the_repositorys_caddyfile():
    services = load_compose()["services"]
    caddy = services["caddy"]
    assert caddy["image"] == "caddy:2"
    assert {"80:80", "443:443"} <= set(caddy["ports"])
    assert "./deploy/Caddyfile:/etc/caddy/Caddyfile:ro" in caddy["volumes"]
    assert "caddy-data" in load_compose()["volumes"]  # the certificates outlive the container
    published = [name for name, service in services.items() if any(":443" in p for p in service.get("ports", []))]
    assert published == ["caddy"]


def test_caddy_serves_the_site_domain_and_proxies_to_every_web_replica():
    caddyfile = CADDYFILE.read_text(encoding="utf-8")
    assert "{$SITE_DOMAIN} {" in caddyfile
    assert re.search(r"reverse_proxy \{\s+dynamic a web 8000", caddyfile)
    assert "lb_policy round_robin" in caddyfile


def test_caddys_request_body_limit_equals_the_portals_upload_cap():
    limit = re.search(r"max_size \{\$MAX_REQUEST_BYTES:(\d+)\}", CADDYFILE.read_text(encoding="utf-8"))
    assert limit, "request_body max_size follows MAX_REQUEST_BYTES"
    assert int(limit.group(1)) == default_max_request_bytes()


def test_compose_gives_caddy_the_same_request_limit_as_the_portal():
    variable = load_compose()["services"]["caddy"]["environment"]["MAX_REQUEST_BYTES"]
    assert variable == f"${{MAX_REQUEST_BYTES:-{default_max_request_bytes()}}}"


def test_web_trusts_exactly_the_one_proxy_that_sets_x_forwarded_for():
    assert load_compose()["services"]["web"]["environment"]["TRUSTED_PROXY_COUNT"] == "1"


def test_a_worker_consumes_the_default_queue_and_another_the_documents_queue():
    services = load_compose()["services"]
    assert " -Q celery " in services["worker"]["command"]
    assert " -Q documents " in services["worker-documents"]["command"]
    for name in ("worker", "worker-documents"):
        assert services[name]["deploy"]["replicas"] >= 1, name
        assert "container_name" not in services[name], name  # a fixed name cannot be scaled


def test_pdfs_and_exports_are_routed_to_the_documents_queue():
    from django.conf import settings

    for task in (
        "services.tasks.send_registration_receipt",
        "payments.tasks.send_receipt",
        "services.tasks.export_queue_csv",
    ):
        assert settings.CELERY_TASK_ROUTES[task] == {"queue": "documents"}, task


def test_every_routed_task_exists():
    from django.conf import settings

    from portal.celery import app

    app.loader.import_default_modules()
    assert set(settings.CELERY_TASK_ROUTES) <= set(app.tasks)


def test_beat_runs_alone():
    assert load_compose()["services"]["beat"]["deploy"]["replicas"] == 1
