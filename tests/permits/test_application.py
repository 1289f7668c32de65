"""A signed-in citizen applies for a permit step by step: the property and the purpose, the documents, then check and
submit. The draft is saved at every step, survives leaving and coming back, is the citizen's alone and expires."""

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from portal.models import InstitutionSettings
from services.calendar import now
from services.models import Case, CaseDocument
from services.permits import drafts
from services.permits.models import Draft, DraftFile, PermitApplication
from services.permits.tasks import purge_expired_drafts
from tests.factories import PDF, RequiredDocumentFactory, UserFactory


@pytest.fixture(autouse=True)
def _english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def documents(service):
    extract = RequiredDocumentFactory(service=service, name="Extras CF", name_en="Land-book extract", mandatory=True)
    plan = RequiredDocumentFactory(
        service=service, name="Plan", name_en="Site plan", mandatory=False, max_files=3, sort_order=1
    )
    return extract, plan


def url(service):
    return reverse("permits:apply", args=[service.slug])


def details(**overrides):
    return {
        "subject": "Construire locuință P+1",
        "property_address": "str. Florilor nr. 3, Miercurea Ciuc",
        "cadastral_number": "50123",
        "land_book_number": "50123",
        "purpose": "Locuință unifamilială P+1, 120 mp.",
        **overrides,
    }


def pdf(name="cf.pdf"):
    return SimpleUploadedFile(name, PDF)


def step(name, draft):
    return reverse(f"permits:{name}", args=[draft.token])


@pytest.fixture
def started(client, citizen, service, documents):
    """A citizen who has filled in the first step."""
    client.force_login(citizen)
    client.post(url(service), details())
    return Draft.objects.get()


def test_a_citizen_applies_step_by_step_and_gets_the_receipt(
    client, citizen, service, documents, private_storage, django_capture_on_commit_callbacks
):
    extract, plan = documents
    client.force_login(citizen)

    response = client.post(url(service), details(cadastral_number="nr. 50123 - c1"))
    draft = Draft.objects.get()
    assert response.url == step("documents", draft)
    response = client.post(
        step("documents", draft),
        {
            f"document_{extract.pk}": pdf(),
            f"document_{plan.pk}": [pdf("plan 1.pdf"), pdf("plan 2.pdf")],
            "continue": "1",
        },
    )
    assert response.url == step("review", draft)
    page = client.get(step("review", draft)).content.decode()
    assert "50123-C1" in page and "plan 2.pdf" in page
    stored = list(DraftFile.objects.values_list("file", flat=True))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(step("review", draft))

    case = Case.objects.get()
    assert response.url == reverse("services:receipt", args=[case.registration_number])
    assert (case.kind, case.applicant, case.subject) == ("permit", citizen, "Construire locuință P+1")
    application = PermitApplication.objects.get(case=case)
    assert (application.cadastral_number, application.land_book_number) == ("50123-C1", "50123")
    assert sorted(CaseDocument.objects.filter(case=case).values_list("original_name", "requirement")) == [
        ("cf.pdf", extract.pk),
        ("plan 1.pdf", plan.pk),
        ("plan 2.pdf", plan.pk),
    ]
    assert case.registration_number in mail.outbox[-1].subject
    assert not Draft.objects.exists()
    assert not any(private_storage.exists(name) for name in stored)


def test_a_wrong_cadastral_number_keeps_everything_typed_in_a_saved_draft(client, citizen, service, documents):
    client.force_login(citizen)
    response = client.post(url(service), details(cadastral_number="50A23"))

    html = response.content.decode()
    assert "A cadastral number is made of digits" in html
    assert "Locuință unifamilială P+1, 120 mp." in html
    draft = Draft.objects.get(owner=citizen)
    assert draft.data["purpose"] == "Locuință unifamilială P+1, 120 mp." and draft.step == Draft.Step.DETAILS
    assert not Case.objects.exists()

    response = client.post(step("details", draft), details())
    assert response.url == step("documents", draft)


def test_a_refused_file_is_named_and_the_other_files_and_details_stay(client, started, documents):
    extract, plan = documents
    response = client.post(
        step("documents", started),
        {
            f"document_{extract.pk}": pdf(),
            f"document_{plan.pk}": [pdf("plan.pdf"), SimpleUploadedFile("plan.exe.pdf", b"MZ\x90\x00 a program")],
            "continue": "1",
        },
    )

    assert response.status_code == 200
    assert "“plan.exe.pdf” is not an accepted type of file" in response.content.decode()
    assert sorted(started.files.values_list("original_name", flat=True)) == ["cf.pdf", "plan.pdf"]
    started.refresh_from_db()
    assert started.data["subject"] == "Construire locuință P+1"


def test_a_slot_takes_no_more_files_than_the_service_allows(client, started, documents):
    extract, plan = documents
    client.post(step("documents", started), {f"document_{extract.pk}": pdf()})

    response = client.post(step("documents", started), {f"document_{extract.pk}": pdf("second.pdf")})

    assert "“Land-book extract” takes at most 1 file: remove it before you add another." in response.content.decode()
    assert list(started.files.values_list("original_name", flat=True)) == ["cf.pdf"]
    response = client.post(step("documents", started), {f"document_{plan.pk}": [pdf(f"p{n}.pdf") for n in range(4)]})
    assert "takes at most 3 files" in response.content.decode()
    assert started.files.filter(requirement=plan).count() == 3


def test_continuing_without_a_mandatory_document_names_it(client, started, documents):
    response = client.post(step("documents", started), {"continue": "1"})

    assert "Attach “Land-book extract”." in response.content.decode()
    assert client.get(step("review", started)).context["problems"]
    client.post(step("review", started))
    assert not Case.objects.exists()


def test_a_removed_file_leaves_the_draft_and_the_storage(
    client, started, documents, private_storage, django_capture_on_commit_callbacks
):
    extract, _plan = documents
    client.post(step("documents", started), {f"document_{extract.pk}": pdf()})
    draft_file = started.files.get()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("permits:remove_file", args=[started.token, draft_file.pk]))

    assert not started.files.exists()
    assert not private_storage.exists(draft_file.file.name)


def test_the_draft_is_resumed_from_my_cases_after_signing_in_again(client, started, citizen, documents):
    extract, _plan = documents
    client.post(step("documents", started), {f"document_{extract.pk}": pdf()})
    client.logout()  # the session ended

    client.force_login(citizen)
    my_cases = client.get(reverse("services:my_cases")).content.decode()

    assert step("draft", started) in my_cases
    response = client.get(step("draft", started))
    assert response.url == step("documents", started)
    assert "cf.pdf" in client.get(response.url).content.decode()


@pytest.mark.parametrize("name", ["draft", "details", "documents", "review", "delete"])
def test_another_citizen_and_a_clerk_get_404_for_a_draft(client, started, clerk, name):
    for stranger in (UserFactory(), clerk):
        client.force_login(stranger)
        assert client.get(step(name, started)).status_code == 404
        assert client.post(step(name, started), details()).status_code == 404
    assert Draft.objects.get() == started and not Case.objects.exists()


def test_nobody_else_can_remove_a_file_of_a_draft(client, started, documents, clerk):
    extract, _plan = documents
    client.post(step("documents", started), {f"document_{extract.pk}": pdf()})
    draft_file = started.files.get()
    for stranger in (UserFactory(), clerk):
        client.force_login(stranger)
        assert client.post(reverse("permits:remove_file", args=[started.token, draft_file.pk])).status_code == 404
    assert started.files.exists()


def test_drafts_expire_after_the_institutions_period_and_the_task_deletes_them_with_their_files(
    client, citizen, service, documents, private_storage, django_capture_on_commit_callbacks
):
    institution = InstitutionSettings.load()
    institution.draft_retention_days = 7
    institution.save()
    client.force_login(citizen)
    client.post(url(service), details())
    old = Draft.objects.get()
    extract, _plan = documents
    client.post(step("documents", old), {f"document_{extract.pk}": pdf()})
    assert old.files.get() and (Draft.objects.get().expires_at - now()) < datetime.timedelta(days=7, minutes=1)
    Draft.objects.filter(pk=old.pk).update(expires_at=now() - datetime.timedelta(seconds=1))
    client.post(url(service), details(subject="Împrejmuire"))
    stored = old.files.get().file.name

    assert client.get(step("documents", old)).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        assert purge_expired_drafts.delay().get() == 1

    assert list(Draft.objects.values_list("data__subject", flat=True)) == ["Împrejmuire"]
    assert not private_storage.exists(stored)


def test_a_file_refused_on_submission_registers_nothing_and_keeps_the_draft(
    client, started, documents, private_storage
):
    extract, _plan = documents
    client.post(step("documents", started), {f"document_{extract.pk}": pdf(), "continue": "1"})
    stored = started.files.get().file.name
    with private_storage.open(stored, "wb") as spoiled:  # changed in storage since it was checked
        spoiled.write(b"MZ\x90\x00 not a PDF any more")

    response = client.post(step("review", started))

    assert "is not an accepted type of file" in response.content.decode()
    assert not Case.objects.exists() and Draft.objects.get() == started and private_storage.exists(stored)


def test_an_unpaid_fee_stops_the_submission_and_paying_it_online_lets_it_through(client, started, documents, service):
    from payments.models import DemoCheckout, Obligation

    service.fee_bani = 1500
    service.save()
    extract, _plan = documents
    client.post(step("documents", started), {f"document_{extract.pk}": pdf(), "continue": "1"})

    refused = client.post(step("review", started))
    assert refused.context["fee_due"] and not Case.objects.exists() and Draft.objects.exists()
    assert "Pay the fee of 15.00 lei online" in refused.content.decode()

    checkout = client.post(refused.context["fee_url"])  # the review page's button
    session = DemoCheckout.objects.get()
    assert checkout["Location"] == reverse("payments:demo_checkout", args=[session.session_id])
    assert session.amount == 1500
    paid = client.post(checkout["Location"], {"outcome": "pay"})
    payment_page = client.get(paid["Location"].removeprefix("http://testserver"))
    assert "Continue your application" in payment_page.content.decode()

    response = client.post(step("review", started))

    case = Case.objects.get()
    assert response["Location"] == reverse("services:receipt", args=[case.registration_number])
    fee = Obligation.objects.get(kind="fee")
    assert (fee.reference, fee.owner, fee.settled) == (case.registration_number, case.applicant, True)


def test_a_citizen_keeps_at_most_ten_unfinished_applications(client, citizen, service, documents):
    client.force_login(citizen)
    for n in range(drafts.MAX_OPEN_DRAFTS):
        client.post(url(service), details(subject=f"Cererea {n}"))

    response = client.post(url(service), details(subject="Încă una"))

    assert "You already have 10 unfinished applications" in response.content.decode()
    assert Draft.objects.count() == drafts.MAX_OPEN_DRAFTS


def test_deleting_a_draft_removes_its_files(
    client, started, documents, private_storage, django_capture_on_commit_callbacks
):
    extract, _plan = documents
    client.post(step("documents", started), {f"document_{extract.pk}": pdf()})
    stored = started.files.get().file.name

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(step("delete", started))

    assert response.url == reverse("services:my_cases")
    assert not Draft.objects.exists() and not private_storage.exists(stored)


def test_applying_needs_an_account(client, service):
    response = client.get(url(service))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_only_permits_are_applied_for_here(client, citizen, department):
    from tests.factories import ProcedureFactory, ServiceFactory

    petition = ServiceFactory(kind="petition", procedure=ProcedureFactory(owner_department=department))
    client.force_login(citizen)
    assert client.get(url(petition)).status_code == 404


def test_the_clerk_and_the_applicant_see_the_property_and_nobody_else_does(client, citizen, clerk, service, documents):
    extract, _plan = documents
    client.force_login(citizen)
    client.post(url(service), details())
    draft = Draft.objects.get()
    client.post(step("documents", draft), {f"document_{extract.pk}": pdf(), "continue": "1"})
    client.post(step("review", draft))
    case = Case.objects.get()
    assert (
        "str. Florilor nr. 3" in client.get(reverse("services:case", args=[case.registration_number])).content.decode()
    )
    client.force_login(clerk)
    page = client.get(reverse("backoffice:case", args=[case.registration_number])).content.decode()
    assert "50123" in page and "str. Florilor nr. 3" in page
    client.force_login(UserFactory())
    assert client.get(reverse("services:case", args=[case.registration_number])).status_code == 404


def test_the_new_request_page_offers_the_permit(client, citizen, service):
    client.force_login(citizen)
    assert url(service) in client.get(reverse("services:new_request")).content.decode()


def test_a_file_over_its_slots_size_is_stopped_while_it_arrives_and_the_other_file_is_kept(
    client, started, documents, private_storage
):
    extract, plan = documents
    plan.max_size_mb = 1
    plan.save()
    too_big = SimpleUploadedFile("plan mare.pdf", PDF + b"%" * (1024 * 1024))

    response = client.post(
        step("documents", started), {f"document_{extract.pk}": pdf(), f"document_{plan.pk}": too_big}
    )

    assert "“plan mare.pdf” is larger than 1.0\xa0MB, the most a file may have." in response.content.decode()
    assert response.context["form"].errors[f"document_{plan.pk}"]
    # Stopped by the upload handler while arriving: the view never received the file.
    assert [r.name for r in response.wsgi_request.upload_refusals[f"document_{plan.pk}"]] == ["plan mare.pdf"]
    assert not response.wsgi_request.FILES.getlist(f"document_{plan.pk}")
    assert list(started.files.values_list("original_name", flat=True)) == ["cf.pdf"]
