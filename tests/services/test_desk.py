"""The registry desk: requests registered on anyone's behalf for every channel, with or without an account; the same
numbers, time limits and queues as online; the receipt on the spot (A4 and 80 mm); the general register of incoming
and outgoing documents, gap-free; and the claim of a desk case into an account with its access code."""

import io
import threading

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import close_old_connections, connection
from django.urls import reverse
from pypdf import PdfReader

from services import register, registration
from services.lifecycle import Status
from services.models import Case, Channel, Membership, RegisterEntry
from tests.factories import PDF, CaseFactory, MembershipFactory, StaffFactory, UserFactory, make_pdf

DESK_CHANNELS = [Channel.DESK, Channel.POST, Channel.EMAIL, Channel.PHONE, Channel.COURIER]


@pytest.fixture(autouse=True)
def _english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def form(chosen, **overrides):
    return {
        "service": chosen.pk,
        "channel": Channel.DESK,
        "account": "",
        "name": "Ion Mureșan",
        "address": "str. Morii nr. 7, Exemplu",
        "email": "",
        "phone": "0740 123 456",
        "cnp": "",
        "language": "ro",
        "subject": "Cerere certificat de urbanism, str. Morii nr. 7",
        "details": "Depusă la ghișeu.",
        **overrides,
    }


def text_of(pdf_bytes):
    return "".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf_bytes)).pages).split())


@pytest.mark.parametrize("channel", DESK_CHANNELS)
def test_a_request_without_an_account_enters_the_same_register_number_deadline_and_queue(
    desk, client, service, clerk, channel
):
    response = desk.post(reverse("desk:register_request"), form(service, channel=channel))

    case = Case.objects.get()
    assert response.url == reverse("desk:receipt", args=[case.registration_number])
    assert (case.channel, case.applicant, case.applicant_name, case.status) == (
        channel,
        None,
        "Ion Mureșan",
        Status.REGISTERED,
    )
    assert case.due_date is not None and case.department == service.procedure.owner_department
    entry = RegisterEntry.objects.get()
    assert (entry.number, entry.direction, entry.channel, entry.case) == (
        case.registration_number,
        "in",
        channel,
        case,
    )
    client.force_login(clerk)  # the department's clerk finds it in the queue
    assert case.registration_number in client.get(reverse("backoffice:queue")).content.decode()


@pytest.mark.parametrize("channel", DESK_CHANNELS)
def test_a_request_for_a_person_with_an_account_is_theirs_and_receipted_by_email(
    desk, service, citizen, channel, django_capture_on_commit_callbacks
):
    citizen.cnp = "1800101221144"
    citizen.save()
    with django_capture_on_commit_callbacks(execute=True):
        desk.post(reverse("desk:register_request"), form(service, channel=channel, account="1800101221144", name=""))

    case = Case.objects.get()
    assert (case.applicant, case.applicant_email, case.channel) == (citizen, citizen.email, channel)
    assert mail.outbox[-1].to == [citizen.email] and case.registration_number in mail.outbox[-1].subject
    assert mail.outbox[-1].attachments[0][2] == "application/pdf"


def test_the_account_is_found_by_email_too(desk, service, citizen):
    desk.post(reverse("desk:register_request"), form(service, account=citizen.email.upper(), name=""))
    assert Case.objects.get().applicant == citizen


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"name": ""}, "Enter the applicant's name."),
        ({"account": "nobody@example.ro"}, "No account has this e-mail address or CNP."),
        ({"cnp": "1800101221145"}, "This is not a valid personal numeric code (CNP)."),
        ({"service": ""}, "Choose the service the request is for."),
    ],
)
def test_bad_input_is_named_and_nothing_is_registered(desk, service, overrides, message):
    response = desk.post(reverse("desk:register_request"), form(service, **overrides))
    errors = [error for field_errors in response.context["form"].errors.values() for error in field_errors]
    assert any(error.startswith(message) for error in errors)
    assert not Case.objects.exists() and not RegisterEntry.objects.exists()


def test_scanned_documents_are_checked_like_online_ones(desk, service):
    response = desk.post(
        reverse("desk:register_request"),
        form(service, documents=[SimpleUploadedFile("scan.pdf", PDF), SimpleUploadedFile("scan2.pdf", PDF)]),
    )
    case = Case.objects.get()
    assert response.status_code == 302
    assert sorted(case.documents.values_list("original_name", flat=True)) == ["scan.pdf", "scan2.pdf"]

    response = desk.post(
        reverse("desk:register_request"),
        form(service, documents=[SimpleUploadedFile("scan-js.pdf", make_pdf(javascript="app.alert(1)"))]),
    )
    assert "“scan-js.pdf” contains active content" in response.content.decode()
    assert Case.objects.count() == 1


def test_only_the_registry_desk_registers(client, service, clerk, citizen):
    for person in (clerk, citizen):
        client.force_login(person)
        assert client.get(reverse("desk:register_request")).status_code == 403
        assert client.post(reverse("desk:register_request"), form(service)).status_code == 403
    client.logout()
    assert client.get(reverse("desk:register_request")).status_code == 302
    assert not Case.objects.exists()


def test_the_receipt_is_printed_on_a4_and_on_the_80_mm_printer(desk, service):
    desk.post(reverse("desk:register_request"), form(service))
    case = Case.objects.get()
    url = reverse("desk:receipt_pdf", args=[case.registration_number])

    a4 = desk.get(url).content
    narrow = desk.get(url + "?format=narrow").content

    for pdf in (a4, narrow):
        assert case.registration_number.replace(" ", "") in text_of(pdf) and case.access_code in text_of(pdf)
    assert round(float(PdfReader(io.BytesIO(a4)).pages[0].mediabox.width)) == 595  # A4, in points
    assert round(float(PdfReader(io.BytesIO(narrow)).pages[0].mediabox.width)) == 227  # 80 mm


def test_a_person_without_an_account_claims_the_case_with_its_access_code(desk, client, service):
    desk.post(reverse("desk:register_request"), form(service))
    case = Case.objects.get()
    person = UserFactory(email="ion.muresan@example.ro")
    client.force_login(person)

    wrong = client.post(
        reverse("services:claim"), {"registration_number": case.registration_number, "access_code": "X"}
    )
    assert "We found no case" in wrong.content.decode()
    assert Case.objects.get().applicant is None

    response = client.post(
        reverse("services:claim"),
        {"registration_number": case.registration_number.lower(), "access_code": case.access_code.lower()},
    )
    assert response.url == reverse("services:case", args=[case.registration_number])
    case.refresh_from_db()
    assert (case.applicant, case.applicant_email) == (person, person.email)
    assert case.events.filter(action="claimed", visible_to_applicant=True).exists()

    client.force_login(UserFactory())  # the code does not give the case away twice
    again = client.post(
        reverse("services:claim"), {"registration_number": case.registration_number, "access_code": case.access_code}
    )
    assert "already belongs to an account" in again.content.decode()
    assert Case.objects.get().applicant == person


def test_a_case_filed_online_cannot_be_claimed(client, service, citizen):
    case = CaseFactory(service=service, applicant=citizen)
    with pytest.raises(registration.CannotClaim):
        registration.claim_case(case, by=UserFactory())


def test_what_is_sent_from_a_case_is_outgoing_with_its_own_number_answering_the_incoming_one(service, citizen, clerk):
    case = CaseFactory(service=service, applicant=citizen)
    first = CaseFactory(service=service, applicant=citizen)

    entry = register.record_outgoing(case, by=clerk, summary="Răspuns")

    assert entry.direction == "out" and entry.answers.number == case.registration_number
    assert entry.sequence == first.registration_sequence + 1
    assert (entry.channel, entry.sent_on is not None) == (Channel.EMAIL, True)
    assert case.events.get(action="sent").note == entry.number
    assert list(RegisterEntry.objects.values_list("sequence", flat=True)) == [1, 2, 3]


def test_a_petition_answer_is_registered_as_outgoing(petition_case, clerk, head):
    from petitions import answers

    answers.draft_answer(petition_case, by=clerk, text="Răspuns.")
    answers.approve_answer(petition_case, by=head)

    outgoing = RegisterEntry.objects.get(direction="out")
    assert outgoing.answers.case == petition_case and outgoing.document is not None


@pytest.fixture
def petition_case(department, citizen):
    from tests.factories import ProcedureFactory, ServiceFactory

    service = ServiceFactory(kind="petition", procedure=ProcedureFactory(owner_department=department))
    return CaseFactory(service=service, applicant=citizen)


@pytest.fixture
def head_of_registry(db):
    return MembershipFactory(role=Membership.Role.HEAD, user=StaffFactory()).user


def test_the_register_lists_filters_and_exports_for_the_registry_and_heads(
    client, registry_clerk, head_of_registry, clerk, service, citizen
):
    case = CaseFactory(service=service, applicant=citizen, subject="Certificat Morii 7")
    CaseFactory(service=service, applicant=citizen, subject="Altceva")
    register.record_outgoing(case, by=clerk, summary="Răspuns Morii 7")

    for reader in (registry_clerk, head_of_registry):
        client.force_login(reader)
        page = client.get(reverse("desk:register"), {"q": "Morii"})
        assert [e.summary for e in page.context["entries"]] == ["Certificat Morii 7", "Răspuns Morii 7"]
        outgoing = client.get(reverse("desk:register"), {"direction": "out"}).context["entries"]
        assert [e.answers.number for e in outgoing] == [case.registration_number]
    csv = client.get(reverse("desk:register_csv")).content.decode("utf-8-sig")
    assert csv.count("\n") == 4 and case.registration_number in csv
    assert case.registration_number in text_of(client.get(reverse("desk:register_pdf")).content)

    client.force_login(clerk)
    assert client.get(reverse("desk:register")).status_code == 403
    assert client.get(reverse("desk:register_csv")).status_code == 403


def test_the_register_page_runs_the_same_queries_for_10_or_60_entries(
    client, registry_clerk, service, citizen, django_assert_max_num_queries
):
    client.force_login(registry_clerk)
    for _ in range(10):
        CaseFactory(service=service, applicant=citizen)
    client.get(reverse("desk:register"))
    # session, user, authenticator, the user's and the groups' permissions, institution settings, memberships and
    # headships (navigation), the count, the departments for the filter, the page of entries with their department
    # and the entry they answer
    with django_assert_max_num_queries(11):
        client.get(reverse("desk:register"))
    for _ in range(50):
        CaseFactory(service=service, applicant=citizen)
    with django_assert_max_num_queries(11):
        client.get(reverse("desk:register"))


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite serialises writers: no race to show")
@pytest.mark.django_db(transaction=True)
def test_incoming_and_outgoing_numbers_stay_one_gap_free_register_under_concurrency(service, citizen, clerk):
    cases = [CaseFactory(service=service, applicant=citizen) for _ in range(4)]
    start = threading.Barrier(4)
    errors = []

    def work(n):
        try:
            start.wait(timeout=10)
            for _ in range(5):
                if n % 2:
                    CaseFactory(service=service, applicant=citizen)
                else:
                    register.record_outgoing(cases[n], by=clerk, summary="Răspuns")
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    workers = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert errors == []
    sequences = list(RegisterEntry.objects.order_by("sequence").values_list("sequence", flat=True))
    assert sequences == list(range(1, 4 + 4 * 5 + 1))


def test_a_register_too_large_for_one_pdf_asks_for_a_filter(client, registry_clerk, service, citizen, monkeypatch):
    from services.desk import views as desk_views

    monkeypatch.setattr(desk_views, "REGISTER_PDF_MAX_ENTRIES", 1)
    CaseFactory(service=service, applicant=citizen)
    CaseFactory(service=service, applicant=citizen)
    client.force_login(registry_clerk)

    response = client.get(reverse("desk:register_pdf"), {"direction": "in"}, follow=True)

    assert response.redirect_chain[-1][0].startswith(reverse("desk:register") + "?direction=in")
    assert "The PDF holds at most 1 entries" in response.content.decode()
