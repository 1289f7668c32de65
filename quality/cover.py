"""The controlled copy of a procedure version's PDF: an OSGG 600/2018 cover, then every original page stamped.

The cover carries the form's three sections — who drafted, verified and approved the version; the editions and
revisions up to it; its distribution list with each person's acknowledgement — and every page of the original gets a
stamp saying what the copy is worth (uncontrolled copy of the version in force, superseded, withdrawn, draft) and when
it was downloaded. The form is fixed bilingual text: its words are written below in Romanian and Hungarian rather than
looked up in the translation catalogue, Romanian first, Hungarian second when the cover is asked for in Hungarian.
"""

import datetime
import io

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from pypdf import PdfReader, PdfWriter, Transformation
from pypdf.errors import PyPdfError

from portal.models import InstitutionSettings

from .distribution import recipients
from .models import ProcedureVersion, Step

S = ProcedureVersion.Status

WORDS = {
    "form": ("Procedură operațională", "Működési eljárásrend"),
    "code": ("Cod", "Kód"),
    "version": ("Ediția și revizia", "Kiadás és változat"),
    "edition_revision": ("Ediția {edition}, revizia {revision}", "{edition}. kiadás, {revision}. változat"),
    "status": ("Stare", "Állapot"),
    "downloaded": ("Descărcat la", "Letöltve"),
    "sha256": ("Amprenta SHA-256 a documentului", "A dokumentum SHA-256 lenyomata"),
    "signoffs": (
        "1. Lista responsabililor cu elaborarea, verificarea și aprobarea ediției sau reviziei",
        "1. A kiadás vagy változat kidolgozásáért, ellenőrzéséért és jóváhagyásáért felelős személyek",
    ),
    "operation": ("Operațiunea", "Művelet"),
    "name": ("Numele și prenumele", "Név"),
    "function": ("Funcția", "Beosztás"),
    "date": ("Data", "Dátum"),
    "drafted": ("Elaborat", "Kidolgozta"),
    "verified": ("Verificat", "Ellenőrizte"),
    "approved": ("Aprobat", "Jóváhagyta"),
    "editions": (
        "2. Situația edițiilor și a reviziilor în cadrul edițiilor",
        "2. A kiadások és a kiadásokon belüli változatok helyzete",
    ),
    "edition": ("Ediția", "Kiadás"),
    "revision": ("Revizia", "Változat"),
    "component": ("Componenta revizuită", "Módosított rész"),
    "change": ("Modalitatea reviziei", "A módosítás módja"),
    "effective_date": ("Data de la care se aplică", "Alkalmazás kezdete"),
    "distribution": (
        "3. Lista de difuzare a ediției sau reviziei",
        "3. A kiadás vagy változat elosztási listája",
    ),
    "recipient": ("Destinatar", "Címzett"),
    "purpose": ("Scopul difuzării", "Az elosztás célja"),
    "person": ("Persoana", "Személy"),
    "acknowledged": ("Data luării la cunoștință", "Tudomásulvétel dátuma"),
    "not_acknowledged": ("neconfirmat", "nincs visszaigazolva"),
    "no_distribution": ("Versiunea nu a fost încă difuzată.", "A változatot még nem osztották el."),
}
STAMPS = {
    "uncontrolled": ("COPIE NECONTROLATĂ", "NEM ELLENŐRZÖTT PÉLDÁNY"),
    "superseded": ("ANULATĂ — ÎNLOCUITĂ", "HATÁLYON KÍVÜL — FELÜLÍRVA"),
    "withdrawn": ("RETRASĂ", "VISSZAVONVA"),
    "draft": ("PROIECT", "TERVEZET"),
}
STATUSES = {
    S.DRAFT: ("proiect", "tervezet"),
    S.IN_VERIFICATION: ("în verificare", "ellenőrzés alatt"),
    S.IN_APPROVAL: ("în aprobare", "jóváhagyás alatt"),
    S.APPROVED: ("aprobată, încă neintrată în vigoare", "jóváhagyva, még nem hatályos"),
    S.EFFECTIVE: ("în vigoare", "hatályos"),
    S.SUPERSEDED: ("înlocuită", "felülírva"),
    S.WITHDRAWN: ("retrasă", "visszavonva"),
}
COMPONENTS = {
    "purpose": ("scop", "cél"),
    "scope": ("domeniu de aplicare", "alkalmazási terület"),
    "references": ("documente de referință", "hivatkozott dokumentumok"),
    "definitions": ("definiții și abrevieri", "fogalommeghatározások és rövidítések"),
    "description": ("descrierea procedurii", "az eljárás leírása"),
    "responsibilities": ("responsabilități", "felelősségek"),
    "forms": ("formulare și anexe", "formanyomtatványok és mellékletek"),
    "whole": ("întreaga procedură (ediție nouă)", "a teljes eljárásrend (új kiadás)"),
}
PURPOSES = {
    "apply": ("aplicare", "alkalmazásra"),
    "information": ("informare", "tájékoztatásra"),
    "record": ("evidență", "nyilvántartásra"),
    "archive": ("arhivare", "irattározásra"),
}
SIGNED_STEPS = [Step.DRAFTED, Step.VERIFIED, Step.APPROVED]


def controlled_pdf(version: ProcedureVersion, *, language: str = "ro", today: datetime.date | None = None) -> bytes:
    """The cover and the stamped original of `version`, bilingual (ro, then hu) when `language` is "hu".

    `today` is the download date printed on the stamp (today by default). Raises ValueError when the version has no
    PDF or its PDF cannot be read.
    """
    bilingual = language == "hu"
    today = today or timezone.localdate()
    stamp = say(STAMPS[stamp_kind(version.status)], bilingual)
    original = _read(version)
    with translation.override("ro"):
        cover = _render("quality/cover.html", _cover_context(version, bilingual=bilingual, stamp=stamp, today=today))
    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(cover)).pages:
        writer.add_page(page)
    try:
        _stamp_pages(writer, original, version=version, bilingual=bilingual, stamp=stamp, today=today)
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError) as error:
        raise _unreadable() from error
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def stamp_kind(status: str) -> str:
    """Which stamp a download of a version in `status` carries."""
    if status == S.EFFECTIVE:
        return "uncontrolled"
    if status in (S.SUPERSEDED, S.WITHDRAWN):
        return status
    return "draft"


def say(pair: tuple[str, str], bilingual: bool) -> str:
    return " / ".join(pair) if bilingual else pair[0]


def sign_offs(version: ProcedureVersion) -> dict:
    """{step: the latest sign-off} for drafted, verified, approved; a return to draft voids the checks before it."""
    latest = {}
    for sign_off in version.sign_offs.all():  # ordered by time
        if sign_off.step == Step.RETURNED:
            latest.pop(Step.VERIFIED, None)
            latest.pop(Step.APPROVED, None)
        elif sign_off.step in SIGNED_STEPS:
            latest[sign_off.step] = sign_off
    return latest


def history(version: ProcedureVersion) -> list[ProcedureVersion]:
    """Every version of the procedure up to and including `version`, the oldest first."""
    versions = version.procedure.versions.order_by("edition", "revision")
    return [v for v in versions if (v.edition, v.revision) <= (version.edition, version.revision)]


def distribution_list(version: ProcedureVersion) -> list[dict]:
    """Each distribution line with the people it reaches and when each acknowledged this version (or None)."""
    acknowledged = dict(
        version.acknowledgements.filter(acknowledged_at__isnull=False).values_list("person_id", "acknowledged_at")
    )
    lines = version.distributions.select_related("department", "group", "person")
    return [
        {
            "recipient": _recipient_name(line),
            "purpose": line.purpose,
            "people": [
                {"name": person.get_full_name() or person.email, "acknowledged_at": acknowledged.get(person.pk)}
                for person in recipients(line)
            ],
        }
        for line in lines
    ]


def _edition_revision(version, bilingual):
    numbers = {"edition": version.edition, "revision": version.revision}
    return say(tuple(text.format(**numbers) for text in WORDS["edition_revision"]), bilingual)


def _recipient_name(line):
    if line.person_id:
        return line.person.get_full_name() or line.person.email
    return str(line.department or line.group)


def _cover_context(version, *, bilingual, stamp, today):
    institution = InstitutionSettings.load()
    procedure = version.procedure
    signed = sign_offs(version)
    return {
        "bilingual": bilingual,
        "words": {key: say(pair, bilingual) for key, pair in WORDS.items() if key != "edition_revision"},
        "stamp": stamp,
        "today": today,
        "institution_name": institution.name,
        "institution_name_hu": institution.name_hu if bilingual else "",
        "procedure": procedure,
        "title_hu": procedure.title_hu if bilingual else "",
        "version": version,
        "edition_revision": _edition_revision(version, bilingual),
        "status": say(STATUSES[version.status], bilingual),
        "sign_offs": [
            {"label": say(WORDS[step.value], bilingual), "sign_off": signed.get(step)} for step in SIGNED_STEPS
        ],
        "history": [
            {
                "version": v,
                "current": v.pk == version.pk,
                "component": say(COMPONENTS.get(v.component, (v.component, v.component)), bilingual),
                "effective_date": v.effective_date or v.planned_effective_date,
            }
            for v in history(version)
        ],
        "distribution": [
            dict(line, purpose=say(PURPOSES.get(line["purpose"], (line["purpose"],) * 2), bilingual))
            for line in distribution_list(version)
        ],
    }


def _render(template, context):
    from weasyprint import HTML

    return HTML(string=render_to_string(template, context)).write_pdf()


def _unreadable():
    return ValueError(_("The procedure's PDF cannot be read: upload the document again."))


def _read(version):
    if not version.document:
        raise ValueError(_("This version has no PDF of the procedure."))
    with version.document.open("rb") as stored:
        data = stored.read()
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise _unreadable()
        len(reader.pages)  # reading the page tree finds most damage before anything is rendered
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError) as error:
        raise _unreadable() from error
    return reader


def _stamp_pages(writer, original, *, version, bilingual, stamp, today):
    """Each original page, turned upright, with the stamp merged over its visible area."""
    overlays = {}
    context = {
        "stamp": stamp,
        "procedure": version.procedure,
        "version": version,
        "edition_revision": _edition_revision(version, bilingual),
        "downloaded": say(WORDS["downloaded"], bilingual),
        "today": today,
    }
    for source in original.pages:
        page = writer.add_page(source)
        if page.rotation % 360:
            page.transfer_rotation_to_content()
        box = page.cropbox
        width, height = float(box.width), float(box.height)
        key = (round(width, 1), round(height, 1))
        if key not in overlays:
            overlays[key] = _overlay(width, height, context)
        page.merge_transformed_page(overlays[key], Transformation().translate(float(box.left), float(box.bottom)))


def _overlay(width, height, context):
    """A transparent page of the given size (points) with the stamp at its top."""
    font_size = max(4.0, min(10.0, min(width, height) / 60))
    with translation.override("ro"):
        pdf = _render(
            "quality/cover_stamp.html",
            dict(context, width=f"{width:.2f}pt", height=f"{height:.2f}pt", font_size=f"{font_size:.1f}pt"),
        )
    return PdfReader(io.BytesIO(pdf)).pages[0]
