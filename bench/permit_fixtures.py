"""The bench database's side of bench.permit_documents, run in a subprocess on the server's settings (each command
prints one line of JSON):

    python -m bench.permit_fixtures prepare        a demo citizen signed in, and two drafts waiting for their plans
    python -m bench.permit_fixtures files TOKEN    the files the draft holds, as stored

`prepare` needs the demo catalogue and accounts (``manage.py load_demo_data --cases 0``)."""

import json
import os
import sys

import django

CITIZEN = "ana.popescu@example.ro"
SERVICE = "certificat-de-urbanism"
# The slot of the plans (a PDF, several files); its limit is raised from the demo's 20 MB, so a 20 MB plan fits.
SLOT = "Plan de încadrare în zonă și plan de situație"
SLOT_LIMIT_MB = 25
DETAILS = {
    "subject": "Casă de locuit P+1",
    "property_address": "Strada Teilor nr. 12, Exemplu",
    "cadastral_number": "52341",
    "land_book_number": "52341",
    "purpose": "Construire locuință",
}


def prepare() -> dict[str, object]:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore

    from services.models import Service
    from services.permits import drafts

    user = get_user_model().objects.get(email=CITIZEN)
    service = Service.objects.get(slug=SERVICE, kind="permit")
    requirement = service.required_documents.get(name=SLOT)
    requirement.max_size_mb = SLOT_LIMIT_MB
    requirement.save(update_fields=["max_size_mb"])
    # Signed in as django.contrib.auth.login() leaves a session: the user, the backend, the password's hash.
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return {
        "cookies": {settings.SESSION_COOKIE_NAME: session.session_key},
        "field": f"document_{requirement.pk}",
        # One draft for the warm-up, one for the measured upload.
        "drafts": [str(drafts.start(service=service, user=user, data=DETAILS, language="ro").token) for _ in range(2)],
    }


def files(token: str) -> list[dict[str, object]]:
    from services.permits.models import DraftFile

    return [
        {
            "name": held.original_name,
            "content_type": held.content_type,
            "size": held.size,
            "sha256": held.sha256,
            "stored_size": held.file.size if held.file.storage.exists(held.file.name) else None,
        }
        for held in DraftFile.objects.filter(draft__token=token)
    ]


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()
    command, *arguments = sys.argv[1:]
    result = prepare() if command == "prepare" else files(*arguments)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
