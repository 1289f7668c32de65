"""Demo register of procedures: a Romanian city hall's operational procedures, each with its history.

Every procedure gets an older version (recorded as the catalogue knew it) superseded by the version in force, which
goes through the real workflow (drafted by the quality manager, verified by a head of department sitting on the
internal-control commission, approved by the head of the institution), a distribution list with acknowledgements,
a review schedule (some overdue), and a few have a version in progress. Idempotent: a procedure that already has
versions is left as it is.
"""

import datetime
import random

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from services.models import Department, Procedure

from . import roles, workflow
from .distribution import acknowledge, distribute
from .models import Acknowledgement, ExternalReference, ProcedureVersion, Purpose, ReviewPolicy
from .reviews import record_review

NEW_DEPARTMENTS = [
    (
        "resurse-umane",
        "Compartimentul Resurse Umane",
        "Humánerőforrás Részleg",
        "Human Resources Office",
        "resurse.umane@primaria-exemplu.ro",
    ),
    (
        "calitate",
        "Compartimentul Managementul Calității și Control Intern Managerial",
        "Minőségirányítási és Belső Vezetői Ellenőrzési Részleg",
        "Quality Management and Internal Control Office",
        "calitate@primaria-exemplu.ro",
    ),
]
HEADS = {"urbanism": "head_urbanism", "taxe": "head_taxes", "registratura": "head_registry"}
FUNCTIONS = {"urbanism": "Arhitect-șef", "taxe": "Director executiv", "registratura": "Șef serviciu"}
QUALITY_FUNCTION = "Responsabil cu managementul calității"

# code, department, (ro, hu, en), legal basis, first version (edition, revision, effective date) or None for a
# procedure of the catalogue, (component, change), days since the version in force took effect, new edition,
# review interval in months, what else happened.
REGISTER = [
    ("PO-DUAT-01", "urbanism", None, "", None,
     ("forms", "Anexa 2: formularul cererii de certificat de urbanism, actualizat."), 420, False, 12, "revise"),
    ("PO-DUAT-02", "urbanism", None, "", None,
     ("description", "Pasul 4: verificarea documentației tehnice se face în cel mult 5 zile lucrătoare."), 200, False,
     12, "approval"),
    ("PO-DUAT-03", "urbanism", None, "", None,
     ("references", "Trimiterile la Legea nr. 50/1991, republicată, actualizate."), 380, False, 12, None),
    ("PO-DUAT-04", "urbanism",
     ("Emiterea avizului de oportunitate pentru elaborarea PUZ",
      "Megalapozottsági vélemény kiadása övezeti rendezési terv (PUZ) készítéséhez",
      "Issuing the opportunity notice for a zonal urban plan (PUZ)"),
     "Legea nr. 350/2001, art. 32", (1, 0, datetime.date(2021, 5, 10)),
     ("responsibilities", "Avizul se semnează de arhitectul-șef; secretariatul comisiei tehnice trece la Direcția "
      "Urbanism."), 540, False, 24, None),
    ("PO-DUAT-05", "urbanism",
     ("Atribuirea și certificarea adresei administrative (nomenclatura stradală)",
      "Közigazgatási cím kiosztása és igazolása (utcanévjegyzék)",
      "Assigning and certifying administrative addresses (street register)"),
     "HG nr. 777/2016 privind nomenclatura stradală", (1, 0, datetime.date(2020, 2, 3)),
     ("whole", "Ediție nouă: certificatul de nomenclatură stradală se eliberează și în format electronic."), 300, True,
     12, "draft"),
    ("PO-DUAT-06", "urbanism",
     ("Recepția la terminarea lucrărilor de construcții", "Átvétel az építési munkálatok befejezésekor",
      "Acceptance on completion of construction works"),
     "HG nr. 343/2017, Regulamentul de recepție a construcțiilor", (1, 1, datetime.date(2019, 9, 16)),
     ("forms", "Procesul-verbal de recepție la terminarea lucrărilor: model nou."), 700, False, 12, "reviewed"),
    ("PO-DITL-01", "taxe", None, "", None,
     ("description", "Plata cu cardul la ghișeu și online; reconcilierea zilnică a încasărilor."), 150, False, 12,
     None),
    ("PO-DITL-02", "taxe",
     ("Înregistrarea fiscală a clădirilor și terenurilor persoanelor fizice",
      "Magánszemélyek épületeinek és telkeinek adónyilvántartásba vétele",
      "Tax registration of buildings and land owned by individuals"),
     "Legea nr. 227/2015 privind Codul fiscal, art. 461 și 466", (2, 0, datetime.date(2022, 1, 10)),
     ("description", "Clădirile se declară în 30 de zile de la dobândire, pe formularele actualizate."), 330, False,
     12, None),
    ("PO-DITL-03", "taxe", None, "", None,
     ("scope", "Se aplică și certificatelor de atestare fiscală cerute online."), 90, False, 12, "verification"),
    ("PO-DITL-04", "taxe",
     ("Executarea silită a creanțelor bugetare locale", "A helyi költségvetési követelések végrehajtása",
      "Enforced collection of local budget claims"),
     "Legea nr. 207/2015 privind Codul de procedură fiscală, titlul VIII", (1, 2, datetime.date(2020, 6, 1)),
     ("whole", "Ediție nouă: procedura reorganizată pe etapele executării silite."), 480, True, 12, None),
    ("PO-DITL-05", "taxe", None, "", None,
     ("responsibilities", "Restituirea se aprobă de directorul executiv."), 250, False, 12, None),
    ("PO-DITL-06", "taxe",
     ("Acordarea scutirilor și facilităților fiscale la impozitele locale",
      "Helyi adókra vonatkozó mentességek és kedvezmények megadása",
      "Granting exemptions and reliefs from local taxes"),
     "Legea nr. 227/2015 privind Codul fiscal, art. 456 și 464", (1, 0, datetime.date(2021, 3, 1)),
     ("definitions", "Definiții actualizate pentru persoanele cu handicap și veteranii de război."), 395, False, 12,
     None),
    ("PO-DITL-07", "taxe",
     ("Eșalonarea la plată a obligațiilor fiscale locale", "Helyi adókötelezettségek részletfizetése",
      "Instalment plans for local tax obligations"),
     "Legea nr. 207/2015 privind Codul de procedură fiscală, art. 209–232", (1, 0, datetime.date(2022, 9, 1)),
     ("forms", "Cererea de eșalonare se poate depune și online."), 60, False, 24, "approved"),
    ("PO-RPR-01", "registratura", None, "", None,
     ("description", "Petițiile anonime se clasează conform art. 7 din OG nr. 27/2002."), 340, False, 12,
     "returned"),
    ("PO-RPR-02", "registratura", None, "", None,
     ("references", "Trimiteri actualizate la Legea nr. 544/2001 și la normele ei de aplicare."), 560, False, 12,
     "reviewed"),
    ("PO-RPR-03", "registratura",
     ("Înregistrarea, repartizarea și circuitul documentelor", "Iratok iktatása, szignálása és ügyiratforgalma",
      "Registering, assigning and routing documents"),
     "Legea Arhivelor Naționale nr. 16/1996, republicată", (2, 0, datetime.date(2021, 1, 4)),
     ("description", "Registratura electronică: numărul de înregistrare se atribuie automat și documentelor primite "
      "online."), 410, False, 12, None),
    ("PO-RPR-04", "registratura",
     ("Arhivarea documentelor și eliberarea copiilor din arhivă", "Iratok archiválása és levéltári másolatok kiadása",
      "Archiving documents and issuing copies from the archive"),
     "Legea Arhivelor Naționale nr. 16/1996, republicată", (1, 0, datetime.date(2019, 11, 11)),
     ("whole", "Ediție nouă: nomenclatorul arhivistic confirmat de Arhivele Naționale."), 620, True, 24, None),
    ("PO-RPR-05", "registratura",
     ("Organizarea audiențelor la conducerea instituției", "Fogadóórák szervezése az intézmény vezetőségénél",
      "Audiences with the institution's leadership"),
     "Ordonanța Guvernului nr. 27/2002", (1, 0, datetime.date(2022, 5, 2)),
     ("description", "Programarea la audiențe se face și online."), 120, False, 12, None),
    ("PO-RU-01", "resurse-umane",
     ("Recrutarea și selecția personalului prin concurs", "Személyzet toborzása és kiválasztása versenyvizsgával",
      "Recruiting and selecting staff by competition"),
     "OUG nr. 57/2019 privind Codul administrativ, partea a VI-a", (1, 0, datetime.date(2020, 3, 2)),
     ("references", "Actualizare după noul regulament-cadru al concursurilor pentru funcții publice."), 630, False,
     12, None),
    ("PO-RU-02", "resurse-umane",
     ("Evaluarea anuală a performanțelor profesionale", "A szakmai teljesítmény éves értékelése",
      "Annual performance appraisal"),
     "OUG nr. 57/2019 privind Codul administrativ, art. 485–486", (1, 1, datetime.date(2021, 1, 11)),
     ("forms", "Fișa de evaluare: obiective individuale și indicatori de performanță."), 330, False, 12, None),
    ("PO-RU-03", "resurse-umane",
     ("Întocmirea și actualizarea fișelor de post", "Munkaköri leírások elkészítése és frissítése",
      "Drawing up and updating job descriptions"),
     "OUG nr. 57/2019 privind Codul administrativ; Legea nr. 53/2003 – Codul muncii",
     (1, 0, datetime.date(2019, 4, 1)),
     ("responsibilities", "Fișele de post se actualizează la fiecare modificare a organigramei."), 600, True, 36,
     None),
    ("PO-RU-04", "resurse-umane",
     ("Formarea profesională a personalului", "A személyzet szakmai képzése", "Staff training"),
     "OUG nr. 57/2019 privind Codul administrativ, art. 458", (1, 0, datetime.date(2022, 2, 1)),
     ("description", "Planul anual de formare profesională se aprobă până la 31 martie."), 45, False, 12, None),
    ("PO-RU-05", "resurse-umane",
     ("Depunerea declarațiilor de avere și de interese", "Vagyonnyilatkozatok és érdekeltségi nyilatkozatok "
      "benyújtása", "Filing declarations of assets and interests"),
     "Legea nr. 176/2010", (1, 0, datetime.date(2020, 5, 4)),
     ("description", "Declarațiile se transmit electronic Agenției Naționale de Integritate."), 200, False, 12, None),
    ("PO-SCIM-01", "calitate",
     ("Elaborarea, aprobarea și revizuirea procedurilor", "Eljárásrendek kidolgozása, jóváhagyása és "
      "felülvizsgálata", "Drafting, approving and revising procedures"),
     "Ordinul SGG nr. 600/2018, standardul 9 – Proceduri", (1, 0, datetime.date(2019, 1, 14)),
     ("whole", "Ediție nouă: structura procedurilor adaptată la Ordinul SGG nr. 600/2018."), 520, True, 12,
     "reviewed"),
    ("PO-SCIM-02", "calitate",
     ("Managementul riscurilor", "Kockázatkezelés", "Risk management"),
     "Ordinul SGG nr. 600/2018, standardul 8 – Managementul riscului", (1, 0, datetime.date(2019, 6, 3)),
     ("forms", "Registrul riscurilor: model nou, cu limita de toleranță la risc."), 370, False, 12, None),
    ("PO-SCIM-03", "calitate",
     ("Controlul documentelor și al înregistrărilor", "Dokumentumok és feljegyzések kezelése",
      "Control of documents and records"),
     "SR EN ISO 9001:2015, cap. 7.5; Ordinul SGG nr. 600/2018, standardul 13", (1, 0, datetime.date(2020, 1, 6)),
     ("description", "Procedurile se păstrează în portal, cu versiuni, semnături și lista de difuzare."), 15, False,
     12, None),
    ("PO-SCIM-04", "calitate",
     ("Auditul intern al sistemului de management al calității", "A minőségirányítási rendszer belső auditja",
      "Internal audit of the quality management system"),
     "SR EN ISO 9001:2015, cap. 9.2", (1, 0, datetime.date(2019, 10, 7)),
     ("scope", "Auditul intern cuprinde și serviciile oferite online."), 350, False, 12, None),
    ("PO-SCIM-05", "calitate",
     ("Tratarea neconformităților și acțiunile corective", "Nemmegfelelőségek kezelése és helyesbítő intézkedések",
      "Nonconformities and corrective action"),
     "SR EN ISO 9001:2015, cap. 10.2", (1, 0, datetime.date(2019, 10, 7)),
     ("forms", "Raportul de neconformitate are o rubrică pentru analiza cauzelor."), 180, False, 12, None),
    ("PO-SCIM-06", "calitate",
     ("Semnalarea neregularităților de către avertizorii în interes public",
      "Szabálytalanságok bejelentése közérdekű bejelentők által", "Reporting irregularities (whistleblowers)"),
     "Legea nr. 361/2022 privind protecția avertizorilor în interes public", (1, 0, datetime.date(2020, 9, 1)),
     ("whole", "Ediție nouă: canal intern de raportare și termen de trei luni pentru răspuns."), 600, True, 24, None),
]  # fmt: skip

# title, kind, last amended on, codes of the procedures citing it
REFERENCES = [
    ("Legea nr. 50/1991 privind autorizarea executării lucrărilor de construcții", "law",
     datetime.date(2026, 6, 20), ["PO-DUAT-01", "PO-DUAT-02", "PO-DUAT-03", "PO-DUAT-06"]),
    ("Ordonanța Guvernului nr. 27/2002 privind reglementarea activității de soluționare a petițiilor", "law",
     datetime.date(2025, 12, 10), ["PO-RPR-01", "PO-RPR-05"]),
    ("Legea nr. 544/2001 privind liberul acces la informațiile de interes public", "law",
     datetime.date(2026, 2, 16), ["PO-RPR-02"]),
    ("Legea nr. 227/2015 privind Codul fiscal", "law", datetime.date(2026, 8, 1),
     ["PO-DITL-01", "PO-DITL-02", "PO-DITL-03", "PO-DITL-05", "PO-DITL-06"]),
    ("Ordinul SGG nr. 600/2018 privind aprobarea Codului controlului intern managerial al entităților publice", "law",
     None, ["PO-SCIM-01", "PO-SCIM-02", "PO-SCIM-03", "PO-SCIM-06"]),
    ("SR EN ISO 9001:2015 Sisteme de management al calității. Cerințe", "standard", None,
     ["PO-SCIM-01", "PO-SCIM-03", "PO-SCIM-04", "PO-SCIM-05"]),
]  # fmt: skip


TITLE_PAGE = (
    "<section><p>PROCEDURĂ OPERAȚIONALĂ</p><h1>{}</h1><h2>{}</h2><p>Ediția {}, revizia {}</p>"
    "<p>Exemplar demonstrativ</p></section>"
)
TITLE_STYLE = (
    "@page { size: A4; margin: 25mm } body { font-family: sans-serif; text-align: center }"
    " section { page-break-after: always; padding-top: 60mm }"
)
IN_PROGRESS = ("draft", "verification", "approval", "approved", "returned", "revise")


def title_pages(wanted) -> dict:
    """{(procedure, edition, revision): a one-page PDF standing in for that version's document}, laid out as one
    document and split, which is several times faster than a document per page."""
    from weasyprint import HTML

    wanted = list(wanted)
    if not wanted:
        return {}
    sections = format_html_join(
        "",
        TITLE_PAGE,
        ((procedure.code, procedure.title, edition, revision) for procedure, edition, revision in wanted),
    )
    html = format_html(
        "<!DOCTYPE html><html lang='ro'><head><meta charset='utf-8'><style>{}</style></head><body>{}</body></html>",
        TITLE_STYLE,
        sections,
    )
    document = HTML(string=html).render()
    return {key: document.copy([page]).write_pdf() for key, page in zip(wanted, document.pages, strict=True)}


def _planned_versions(entry, procedure):
    """(procedure, edition, revision) of each version `_history` will make for `procedure`."""
    new_edition, extra = entry[7], entry[9]
    edition, revision = procedure.edition, procedure.revision
    keys = [(procedure, edition, revision)]
    edition, revision = (edition + 1, 0) if new_edition else (edition, revision + 1)
    keys.append((procedure, edition, revision))
    if extra in IN_PROGRESS:
        keys.append((procedure, edition, revision + 1))
    return keys


def _pdf(pages, procedure, edition, revision):
    content = pages[(procedure, edition, revision)]
    return ContentFile(content, name=f"{procedure.code}-ed{edition}-rev{revision}.pdf")


def _moment(day, hour=9, minute=0):
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))
    return min(moment, timezone.now())


def _prepare_people(staff):
    groups = roles.ensure_groups()
    staff["quality"].groups.add(groups[roles.QUALITY_MANAGERS])
    for key in HEADS.values():
        staff[key].groups.add(groups[roles.COMMISSION])
    approver = staff.get("mayor") or staff["admin"]
    approver.groups.add(groups[roles.INSTITUTION_HEAD])
    for user in staff.values():  # group permissions changed: forget what was cached
        for cache in ("_perm_cache", "_user_perm_cache", "_group_perm_cache"):
            user.__dict__.pop(cache, None)
    return approver


def _departments():
    for code, name, name_hu, name_en, email in NEW_DEPARTMENTS:
        Department.objects.get_or_create(
            code=code, defaults={"name": name, "name_hu": name_hu, "name_en": name_en, "email": email}
        )
    return {department.code: department for department in Department.objects.all()}


def _procedure(entry, departments):
    code, department, titles, basis, first = entry[:5]
    procedure = Procedure.objects.filter(code=code).first()
    if procedure is not None or titles is None:
        return procedure
    edition, revision, effective = first
    return Procedure.objects.create(
        code=code,
        title=titles[0],
        title_hu=titles[1],
        title_en=titles[2],
        edition=edition,
        revision=revision,
        effective_date=effective,
        owner_department=departments[department],
        legal_basis=basis,
        deadline_days=30,
    )


def _acknowledge_some(version, day, rng, share, today):
    """The version's acknowledgements were asked on `day`; about `share` of them given within two weeks."""
    Acknowledgement.objects.filter(version=version).update(requested_at=_moment(day))
    for ack in version.acknowledgements.select_related("person").order_by("person_id"):
        given = day + datetime.timedelta(days=rng.randint(0, 12))
        if given > today or rng.random() > share:
            if rng.random() < 0.3 and given <= today:
                Acknowledgement.objects.filter(pk=ack.pk).update(opened_at=_moment(given, 10, rng.randint(0, 59)))
            continue
        opened = _moment(given, rng.randint(9, 14), rng.randint(0, 59))
        Acknowledgement.objects.filter(pk=ack.pk).update(opened_at=opened)
        acknowledge(ack, by=ack.person, now=opened + datetime.timedelta(minutes=rng.randint(3, 40)))


def _distribution(version, procedure, departments, quality, groups):
    owner = procedure.owner_department
    code = procedure.code
    if code.startswith("PO-SCIM") or code == "PO-RPR-03":
        for department in departments.values():
            distribute(version, by=quality, department=department, purpose=Purpose.APPLY)
        distribute(version, by=quality, group=groups[roles.COMMISSION], purpose=Purpose.INFORMATION)
    elif code.startswith("PO-RU"):
        for department in departments.values():
            distribute(version, by=quality, department=department, purpose=Purpose.INFORMATION)
    else:
        distribute(version, by=quality, department=owner, purpose=Purpose.APPLY)
        if code in ("PO-DUAT-02", "PO-DITL-01", "PO-RPR-01"):
            distribute(version, by=quality, department=departments["registratura"], purpose=Purpose.INFORMATION)
    distribute(version, by=quality, department=departments["calitate"], purpose=Purpose.ARCHIVE)


def _verifier(procedure, staff):
    key = HEADS.get(procedure.owner_department.code, "head_registry")
    function = FUNCTIONS.get(procedure.owner_department.code, "Președintele Comisiei de monitorizare")
    return staff[key], function


def _advance(version, upto, staff, approver, today):
    """Take a version in progress through the workflow up to `upto`."""
    quality = staff["quality"]
    verifier, function = _verifier(version.procedure, staff)
    if upto == "draft":
        return
    workflow.submit_for_verification(version, by=quality)
    if upto == "verification":
        return
    if upto == "returned":
        workflow.return_to_draft(
            version, by=verifier, function=function, comment="Completați fluxul cu termenul de redirecționare."
        )
        return
    workflow.verify(version, by=verifier, function=function)
    if upto == "approved":
        workflow.approve(
            version,
            by=approver,
            function="Primar",
            effective_date=today + datetime.timedelta(days=15),
            today=today,
        )


def _history(entry, procedure, staff, approver, departments, groups, pages, today):
    code, _department, _titles, _basis, _first, (component, change), days_ago, new_edition, interval, extra = entry
    rng = random.Random(code)
    quality = staff["quality"]
    old = workflow.record_current_version(procedure)
    old.document = _pdf(pages, procedure, old.edition, old.revision)
    old.sha256 = workflow.sha256_of(old.document)
    old.save(update_fields=["document", "sha256"])
    ReviewPolicy.objects.filter(procedure=procedure).update(interval_months=interval)
    _distribution(old, procedure, departments, quality, groups)
    _acknowledge_some(old, old.effective_date, rng, 0.95, today)

    effective_on = today - datetime.timedelta(days=days_ago)
    edition, revision = workflow.next_numbers(procedure, new_edition=new_edition)
    version = workflow.start_version(
        procedure,
        by=quality,
        function=QUALITY_FUNCTION,
        component=component,
        change_summary=change,
        document=_pdf(pages, procedure, edition, revision),
        new_edition=new_edition,
    )
    verifier, function = _verifier(procedure, staff)
    workflow.submit_for_verification(version, by=quality)
    workflow.verify(version, by=verifier, function=function)
    workflow.approve(version, by=approver, function="Primar", effective_date=effective_on, today=effective_on)
    _acknowledge_some(version, effective_on, rng, 0.85 if days_ago > 30 else 0.4, today)

    policy = ReviewPolicy.objects.get(procedure=procedure)
    if extra == "reviewed":
        record_review(
            procedure,
            by=quality,
            outcome="unchanged",
            notes="Procedura corespunde; nu sunt necesare modificări.",
            today=policy.next_review_on - datetime.timedelta(days=7),
        )
    elif extra == "revise":
        record_review(
            procedure,
            by=quality,
            outcome="revise",
            notes="Formularele trebuie aliniate la modificările legislative recente.",
            today=today - datetime.timedelta(days=10),
        )
        extra = "draft"
    if extra in IN_PROGRESS:
        edition, revision = workflow.next_numbers(procedure, new_edition=False)
        draft = workflow.start_version(
            procedure,
            by=quality,
            function=QUALITY_FUNCTION,
            component="description",
            change_summary="Revizie în lucru: " + change[0].lower() + change[1:],
            document=_pdf(pages, procedure, edition, revision),
        )
        _advance(draft, extra, staff, approver, today)


def _sync_catalogue(procedure):
    """The catalogue's edition follows the version in force (the demo catalogue is reloaded with its own)."""
    version = procedure.versions.filter(status=ProcedureVersion.Status.EFFECTIVE).first()
    if version is not None:
        Procedure.objects.filter(pk=procedure.pk).exclude(
            edition=version.edition, revision=version.revision, effective_date=version.effective_date
        ).update(edition=version.edition, revision=version.revision, effective_date=version.effective_date)


def _references(procedures):
    for title, kind, amended, codes in REFERENCES:
        reference, _created = ExternalReference.objects.get_or_create(
            title=title, defaults={"kind": kind, "last_amended_on": amended}
        )
        reference.procedures.add(*[procedures[code] for code in codes if code in procedures])


@transaction.atomic
def load_register(staff, today=None):
    """The demo register; returns how many procedures got their history now (0 on a second run)."""
    today = today or timezone.localdate()
    approver = _prepare_people(staff)
    groups = roles.ensure_groups()
    departments = _departments()
    procedures, todo = {}, []
    for entry in REGISTER:
        procedure = _procedure(entry, departments)
        if procedure is None:
            continue
        procedures[procedure.code] = procedure
        if not procedure.versions.exists():
            todo.append((entry, procedure))
    pages = title_pages(key for entry, procedure in todo for key in _planned_versions(entry, procedure))
    for entry, procedure in todo:
        _history(entry, procedure, staff, approver, departments, groups, pages, today)
    for procedure in procedures.values():
        _sync_catalogue(procedure)
    _references(procedures)
    return len(todo)
