"""Case documents: the upload checks, the optional virus scan and the authorising download view."""

import hashlib
import io
import socket
import struct
import tempfile
import threading
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from services import documents, pdfcheck, workflow
from services.models import CaseDocument, CaseEvent
from tests.factories import PDF, PNG, CaseFactory, RequiredDocumentFactory, UserFactory, make_pdf


def upload(name="extras.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


@pytest.fixture
def awaiting_case(service, citizen, clerk):
    case = CaseFactory(service=service, applicant=citizen)
    return workflow.request_completion(case, by=clerk, note="Aduceți extrasul de carte funciară.")


@pytest.fixture
def pdf_only(service):
    return RequiredDocumentFactory(service=service, accepted_types="application/pdf", max_size_mb=1)


def test_a_real_pdf_is_stored_with_its_hash_size_and_sniffed_type(awaiting_case, citizen, pdf_only, private_storage):
    document = documents.attach_document(awaiting_case, by=citizen, upload=upload(), requirement=pdf_only)

    document.refresh_from_db()
    assert document.content_type == "application/pdf"
    assert document.size == len(PDF)
    assert document.sha256 == hashlib.sha256(PDF).hexdigest()
    assert document.original_name == "extras.pdf"
    assert private_storage.open(document.file.name).read() == PDF


def test_the_file_is_stored_under_a_random_key_not_its_name(awaiting_case, citizen):
    document = documents.attach_document(awaiting_case, by=citizen, upload=upload("extras.pdf"))

    assert "extras" not in document.file.name
    assert document.file.name.startswith("cases/")


def test_attaching_writes_a_document_added_event_visible_like_the_document(awaiting_case, clerk):
    shown = documents.attach_document(awaiting_case, by=clerk, upload=upload("raspuns.pdf"))
    hidden = documents.attach_document(
        awaiting_case, by=clerk, upload=upload("referat.pdf"), visible_to_applicant=False
    )

    events = CaseEvent.objects.filter(case=awaiting_case, action=CaseEvent.Action.DOCUMENT_ADDED)
    visibility = {e.data["document"]: e.visible_to_applicant for e in events}
    assert visibility == {shown.pk: True, hidden.pk: False}


def test_the_name_is_sanitised(awaiting_case, citizen):
    document = documents.attach_document(
        awaiting_case, by=citizen, upload=upload("../../acte/act  de identitate!.pdf")
    )

    assert document.original_name == "act de identitate!.pdf"


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("Extras de carte funciară – Șoimeni.pdf", "Extras de carte funciară – Șoimeni.pdf"),
        ("C:\\Users\\ana\\Telekkönyvi kivonat.pdf", "Telekkönyvi kivonat.pdf"),
        ("plan\x00\x1f situație.pdf", "plan situație.pdf"),
        ("..\u200b.pdf", "pdf"),
        ('raport: "final"?.pdf', "raport_ _final__.pdf"),
        ("", "document"),
    ],
)
def test_names_keep_their_diacritics_and_spaces_without_paths_or_invisible_characters(given, kept):
    assert documents.clean_name(given) == kept


def test_a_right_to_left_override_cannot_disguise_an_executable(awaiting_case, citizen):
    with pytest.raises(ValidationError) as refused:
        documents.attach_document(awaiting_case, by=citizen, upload=upload("plan\u202efdp.exe"))
    assert refused.value.code == "executable"
    assert "planfdp.exe" in refused.value.messages[0]


def test_a_long_name_is_cut_to_200_characters_keeping_the_extension(awaiting_case, citizen):
    document = documents.attach_document(awaiting_case, by=citizen, upload=upload("a" * 300 + ".pdf"))

    assert len(document.original_name) == 200
    assert document.original_name.endswith(".pdf")


def test_a_png_renamed_pdf_is_refused(awaiting_case, citizen):
    with pytest.raises(ValidationError) as refused:
        documents.attach_document(awaiting_case, by=citizen, upload=upload("plan.pdf", PNG))

    assert refused.value.code == "extension"
    assert "plan.pdf" in refused.value.messages[0]
    assert not CaseDocument.objects.exists()


def test_an_oversized_file_is_refused_naming_the_file_and_the_limit(awaiting_case, citizen, pdf_only):
    big = PDF + b"0" * (1024 * 1024)

    with pytest.raises(ValidationError) as refused, translation.override("en"):
        documents.attach_document(awaiting_case, by=citizen, upload=upload("mare.pdf", big), requirement=pdf_only)

    assert refused.value.code == "too_large"
    with translation.override("en"):
        assert refused.value.messages[0] == "“mare.pdf” is larger than 1.0\xa0MB, the most a file may have."


def test_without_a_requirement_the_size_limit_is_the_setting(awaiting_case, citizen, settings):
    settings.UPLOAD_MAX_BYTES = len(PDF) - 1

    with pytest.raises(ValidationError) as refused:
        documents.attach_document(awaiting_case, by=citizen, upload=upload())

    assert refused.value.code == "too_large"


def test_an_empty_file_is_refused(awaiting_case, citizen):
    with pytest.raises(ValidationError) as refused:
        documents.attach_document(awaiting_case, by=citizen, upload=upload("gol.pdf", b""))

    assert refused.value.code == "empty"
    assert "gol.pdf" in refused.value.messages[0]


def test_a_type_the_requirement_does_not_accept_is_refused(awaiting_case, citizen, pdf_only):
    with pytest.raises(ValidationError) as refused:
        documents.attach_document(awaiting_case, by=citizen, upload=upload("plan.png", PNG), requirement=pdf_only)

    assert refused.value.code == "type"


def test_a_png_is_accepted_by_default(awaiting_case, citizen):
    document = documents.attach_document(awaiting_case, by=citizen, upload=upload("plan.png", PNG))

    assert document.content_type == "image/png"


def test_text_is_refused_by_default(awaiting_case, citizen):
    with pytest.raises(ValidationError) as refused:
        documents.attach_document(awaiting_case, by=citizen, upload=upload("nota.pdf", b"just some text"))

    assert refused.value.code == "type"


def test_the_applicant_cannot_upload_when_no_completion_was_requested(service, citizen):
    case = CaseFactory(service=service, applicant=citizen)

    with pytest.raises(workflow.TransitionNotAllowed):
        documents.attach_document(case, by=citizen, upload=upload())


def test_another_citizen_cannot_upload(awaiting_case):
    with pytest.raises(PermissionDenied):
        documents.attach_document(awaiting_case, by=UserFactory(), upload=upload())


def test_staff_of_another_department_cannot_attach(awaiting_case, other_department_clerk):
    with pytest.raises(PermissionDenied):
        documents.attach_document(awaiting_case, by=other_department_clerk, upload=upload())


def test_staff_of_the_department_can_attach_to_a_case_under_review(service, citizen, clerk):
    case = CaseFactory(service=service, applicant=citizen)

    document = documents.attach_document(case, by=clerk, upload=upload())

    assert document.uploaded_by == clerk


# --- the optional virus scan -----------------------------------------------------------------------------------


class FakeClamd:
    """A clamd that answers one INSTREAM on a unix socket with a fixed reply and keeps what it received."""

    def __init__(self, path, reply):
        self.received = b""
        self.command = b""
        self._reply = reply
        self._server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._server.bind(str(path))
        self._server.listen(1)
        self._server.settimeout(10)
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _read(self, conn, n):
        data = b""
        while len(data) < n:
            part = conn.recv(n - len(data))
            if not part:
                raise ConnectionError("closed")
            data += part
        return data

    def _serve(self):
        conn, _addr = self._server.accept()
        with conn:
            self.command = self._read(conn, len(b"zINSTREAM\0"))
            while size := struct.unpack("!L", self._read(conn, 4))[0]:
                self.received += self._read(conn, size)
            conn.sendall(self._reply)

    def close(self):
        self._thread.join(timeout=10)
        self._server.close()


@pytest.fixture
def clamd_socket(settings):
    # A short directory: unix socket paths are limited to about 100 characters.
    with tempfile.TemporaryDirectory(prefix="clamd") as directory:
        path = Path(directory) / "clamd.sock"
        settings.CLAMAV_SOCKET = str(path)
        yield path


def test_a_clean_file_passes_the_virus_scan(awaiting_case, citizen, clamd_socket):
    clamd = FakeClamd(clamd_socket, b"stream: OK\0")

    document = documents.attach_document(awaiting_case, by=citizen, upload=upload())
    clamd.close()

    assert document.pk
    assert clamd.command == b"zINSTREAM\0"
    assert clamd.received == PDF


def test_an_infected_file_is_refused(awaiting_case, citizen, clamd_socket):
    clamd = FakeClamd(clamd_socket, b"stream: Eicar-Test-Signature FOUND\0")

    with pytest.raises(ValidationError) as refused:
        documents.attach_document(awaiting_case, by=citizen, upload=upload())
    clamd.close()

    assert refused.value.code == "virus"
    assert not CaseDocument.objects.exists()


def test_an_unreachable_scanner_refuses_the_upload(awaiting_case, citizen, clamd_socket):
    with pytest.raises(ValidationError) as refused:
        documents.attach_document(awaiting_case, by=citizen, upload=upload())

    assert refused.value.code == "scanner_unavailable"
    assert not CaseDocument.objects.exists()


def test_a_scanner_error_reply_refuses_the_upload(awaiting_case, citizen, clamd_socket):
    clamd = FakeClamd(clamd_socket, b"INSTREAM size limit exceeded. ERROR\0")

    with pytest.raises(ValidationError) as refused:
        documents.attach_document(awaiting_case, by=citizen, upload=upload())
    clamd.close()

    assert refused.value.code == "scanner_unavailable"


# --- the download view -----------------------------------------------------------------------------------------


@pytest.fixture
def document(awaiting_case, clerk):
    return documents.attach_document(awaiting_case, by=clerk, upload=upload("aviz.pdf"))


@pytest.fixture
def hidden_document(awaiting_case, clerk):
    return documents.attach_document(awaiting_case, by=clerk, upload=upload("referat.pdf"), visible_to_applicant=False)


def download(client, document):
    return client.get(reverse("services:document", args=[document.pk]))


def test_the_applicant_downloads_the_file_as_an_attachment(client, citizen, document):
    client.force_login(citizen)

    response = download(client, document)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="aviz.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"


def test_another_citizen_gets_404(client, document):
    client.force_login(UserFactory())

    assert download(client, document).status_code == 404


def test_an_anonymous_visitor_is_sent_to_sign_in(client, document):
    response = download(client, document)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_staff_of_the_department_download_the_file(client, clerk, document):
    client.force_login(clerk)

    assert download(client, document).status_code == 200


def test_staff_of_another_department_get_404(client, other_department_clerk, document):
    client.force_login(other_department_clerk)

    assert download(client, document).status_code == 404


def test_a_hidden_document_is_404_for_the_applicant(client, citizen, hidden_document):
    client.force_login(citizen)

    assert download(client, hidden_document).status_code == 404


def test_staff_of_the_department_download_a_hidden_document(client, clerk, hidden_document):
    client.force_login(clerk)

    assert download(client, hidden_document).status_code == 200


def test_an_unknown_document_is_404(client, citizen, db):
    client.force_login(citizen)

    assert client.get(reverse("services:document", args=[999999])).status_code == 404


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (make_pdf(javascript="app.alert('x')"), "pdf_active"),
        (make_pdf(open_action=True), "pdf_active"),
        (make_pdf(attachment=("payload.exe", b"MZ")), "pdf_active"),
        (make_pdf(password="secret"), "pdf_encrypted"),
        (b"%PDF-1.7\n" + b"\x00" * 200, "pdf_unreadable"),
    ],
    ids=["javascript", "launch-on-open", "embedded-file", "encrypted", "broken"],
)
def test_a_pdf_with_active_content_or_that_cannot_be_opened_is_refused_with_its_reason(
    awaiting_case, citizen, content, code
):
    with pytest.raises(ValidationError) as refused:
        documents.attach_document(awaiting_case, by=citizen, upload=upload("plan.pdf", content))
    assert refused.value.code == code
    assert "plan.pdf" in refused.value.messages[0]
    assert not CaseDocument.objects.exists()


def test_a_plain_pdf_passes_the_active_content_check():
    assert pdfcheck.active_content(io.BytesIO(PDF)) is None
