"""Uploads are limited while they arrive: a file past its field's limit is skipped unstored while the rest of the form
arrives, and a request larger than the portal accepts gets the translated 413 page before its body is read."""

import io
import os
import tracemalloc

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import SkipFile
from django.test import Client, RequestFactory
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from portal.uploads import LimitedUploadHandler, Refusal, UploadsAlreadyRead, limit_uploads

from .uploads_urls import PLAN_LIMIT

pytestmark = [pytest.mark.urls("tests.portal.uploads_urls"), pytest.mark.django_db]

MB = 1024 * 1024


@pytest.fixture(autouse=True)
def upload_dir(settings, tmp_path):
    """Temporary upload files go to a directory of the test's own, so the test can see what lies on disk."""
    directory = tmp_path / "uploads"
    directory.mkdir()
    settings.FILE_UPLOAD_TEMP_DIR = str(directory)
    return directory


def english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def a_form(plan_size):
    """Fields before and after an over-large file, and a small file after it."""
    return {
        "title": "Extindere locuință",
        "plan": SimpleUploadedFile("plan situație.pdf", b"p" * plan_size, content_type="application/pdf"),
        "note": "Anexez planul și fotografia.",
        "photo": SimpleUploadedFile("fațadă.jpg", b"small photo", content_type="image/jpeg"),
    }


def csrf_client(url):
    """A client that enforces CSRF checks, with the cookie and the token a page would have given it."""
    client = Client(enforce_csrf_checks=True)
    token = client.get(url).json()["csrf"]
    return client, token


def text(response):
    page = BeautifulSoup(response.content.decode(), "html.parser")
    return page, " ".join(page.find("main").get_text(" ", strip=True).split())


# --- a file past its field's limit ------------------------------------------------------------------------------


def test_a_file_over_its_fields_limit_is_refused_while_the_other_fields_and_files_arrive(client, settings):
    english(client, settings)

    received = client.post("/test-uploads/decorated/", a_form(PLAN_LIMIT + 1)).json()

    assert received["post"] == {"title": ["Extindere locuință"], "note": ["Anexez planul și fotografia."]}
    assert list(received["files"]) == ["photo"]
    assert received["files"]["photo"][0]["content"] == "small photo"
    assert received["errors"] == {"plan": ["“plan situație.pdf” is larger than 10.0\xa0KB, the most a file may have."]}


def test_a_file_at_its_fields_limit_arrives(client):
    received = client.post("/test-uploads/decorated/", a_form(PLAN_LIMIT)).json()

    assert received["files"]["plan"][0]["size"] == PLAN_LIMIT
    assert received["errors"] == {}


def test_the_refusal_is_said_in_the_readers_language(client):
    received = client.post("/test-uploads/decorated/", a_form(PLAN_LIMIT + 1)).json()

    assert received["errors"]["plan"] == [
        "Fișierul „plan situație.pdf” depășește 10,0\xa0KO, dimensiunea maximă admisă."
    ]


def test_a_field_without_a_limit_of_its_own_has_the_portals_limit(client, settings):
    settings.UPLOAD_MAX_BYTES = 100
    form = a_form(10)
    form["photo"] = SimpleUploadedFile("fațadă.jpg", b"f" * 101, content_type="image/jpeg")

    received = client.post("/test-uploads/decorated/", form).json()

    assert list(received["files"]) == ["plan"]
    assert list(received["errors"]) == ["photo"]


def test_a_view_that_sets_no_limits_is_not_called_with_a_file_missing_but_the_413_page_names_it(client, settings):
    settings.UPLOAD_MAX_BYTES = 2048
    english(client, settings)

    response = client.post("/test-uploads/plain/", a_form(2049))

    assert response.status_code == 413
    _, words = text(response)
    assert "“plan situație.pdf” is larger than 2.0 KB, the most a file may have." in words
    assert "Go back, and send smaller files or fewer at once; what you already saved is kept." in words
    assert "together" not in words


def test_a_view_that_sets_no_limits_gets_its_files_under_the_portals_limit(client):
    received = client.post("/test-uploads/plain/", a_form(2049)).json()

    assert sorted(received["files"]) == ["photo", "plan"]


def test_a_limit_can_be_computed_from_the_views_arguments(client):
    assert client.post("/test-uploads/callable/100/", a_form(101)).json()["errors"]
    assert not client.post("/test-uploads/callable/101/", a_form(101)).json()["errors"]


def test_the_refused_file_leaves_nothing_on_disk_while_the_accepted_ones_stream_there(client, settings, upload_dir):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024  # so that every file of this request goes to disk
    form = a_form(PLAN_LIMIT * 20)
    form["photo"] = SimpleUploadedFile("fațadă.jpg", b"f" * 4096, content_type="image/jpeg")

    received = client.post("/test-uploads/decorated/", form).json()

    accepted = [upload["path"] for uploads in received["files"].values() for upload in uploads]
    assert len(accepted) == 1 and accepted[0].startswith(str(upload_dir))
    assert received["on_disk"] == [os.path.basename(accepted[0])]
    assert os.listdir(upload_dir) == []  # and the accepted file's is removed when the response is done


def test_the_handler_passes_chunks_on_and_keeps_no_data():
    request = RequestFactory().post("/")
    limit_uploads(request, {"plan": 100})
    handler = LimitedUploadHandler(request)
    handler.new_file("plan", "plan.pdf", "application/pdf", None)
    chunk = b"x" * 60

    assert handler.receive_data_chunk(chunk, 0) is chunk
    with pytest.raises(SkipFile):
        handler.receive_data_chunk(chunk, 60)
    assert handler.receive_data_chunk(chunk, 120) is None
    assert handler.file_complete(180) is None
    assert not any(isinstance(value, (bytes, bytearray, memoryview, io.IOBase)) for value in vars(handler).values())
    assert request.upload_refusals == {"plan": [Refusal("plan.pdf", 100)]}


def test_a_large_upload_streams_to_disk_without_growing_memory():
    size = 3 * MB  # over FILE_UPLOAD_MAX_MEMORY_SIZE, which is all a request may hold in memory
    body = encode_multipart(BOUNDARY, {"plan": SimpleUploadedFile("plan.pdf", b"p" * size)})
    request = RequestFactory().generic("POST", "/", body, MULTIPART_CONTENT)

    tracemalloc.start()
    try:
        assert request.FILES["plan"].size == size
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        request.close()

    assert peak < MB


# --- CSRF -------------------------------------------------------------------------------------------------------


def test_the_limits_apply_under_csrf_protection():
    client, token = csrf_client("/test-uploads/decorated/")

    response = client.post("/test-uploads/decorated/", {**a_form(PLAN_LIMIT + 1), "csrfmiddlewaretoken": token})

    assert response.status_code == 200
    assert list(response.json()["errors"]) == ["plan"]


def test_a_form_without_its_csrf_token_is_still_refused():
    client, _ = csrf_client("/test-uploads/decorated/")

    assert client.post("/test-uploads/decorated/", a_form(10)).status_code == 403


def test_limits_set_in_an_exempt_view_apply_to_its_protected_inner_view():
    client, token = csrf_client("/test-uploads/on-the-fly/")

    response = client.post("/test-uploads/on-the-fly/", {**a_form(PLAN_LIMIT + 1), "csrfmiddlewaretoken": token})

    assert list(response.json()["errors"]) == ["plan"]
    assert client.post("/test-uploads/on-the-fly/", a_form(10)).status_code == 403


def test_limits_set_after_the_body_was_read_are_an_error_not_silently_ignored(client):
    with pytest.raises(UploadsAlreadyRead):
        client.post("/test-uploads/too-late/", a_form(10))


# --- the 413 page -----------------------------------------------------------------------------------------------


class Unreadable(io.RawIOBase):
    """A request body that fails the test if anything reads it."""

    def readinto(self, buffer):
        raise AssertionError("the body of a request over MAX_REQUEST_BYTES was read")


def too_large(client, url="/test-uploads/decorated/", **headers):
    return client.generic(
        "POST",
        url,
        CONTENT_TYPE=MULTIPART_CONTENT,
        CONTENT_LENGTH=str(110 * MB + 1),
        **{"wsgi.input": Unreadable()},
        **headers,
    )


def test_a_request_over_the_portals_limit_gets_the_413_page_before_its_body_is_read(client, settings):
    settings.MAX_REQUEST_BYTES = 110 * MB
    english(client, settings)

    response = too_large(client)

    assert response.status_code == 413
    page, words = text(response)
    assert page.find("h1").get_text(strip=True) == "The file is too large"
    assert page.find("title").get_text().startswith("The file is too large")
    assert "The files you sent together are larger than 110.0 MB, the most the portal accepts at once." in words
    assert "Go back, and send smaller files or fewer at once; what you already saved is kept." in words
    assert page.find("footer") is not None


def test_the_413_page_is_in_romanian_by_default(client, settings):
    settings.MAX_REQUEST_BYTES = 110 * MB

    page, words = text(too_large(client))

    assert page.find("html")["lang"] == "ro"
    assert page.find("h1").get_text(strip=True) == "Fișierul este prea mare"
    assert "Fișierele trimise împreună depășesc 110,0 MO, cât acceptă portalul într-o singură trimitere." in words
    assert (
        "Întoarceți-vă și trimiteți fișiere mai mici sau mai puține deodată; ce ați salvat deja se păstrează." in words
    )


def test_the_413_page_is_in_hungarian_for_a_hungarian_reader(client, settings):
    settings.MAX_REQUEST_BYTES = 110 * MB
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "hu"

    page, words = text(too_large(client))

    assert page.find("h1").get_text(strip=True) == "A fájl túl nagy"
    assert "Az együtt elküldött fájlok nagyobbak, mint 110,0 MB, amennyit a portál egyszerre elfogad." in words
    assert "Lépjen vissza, és küldjön kisebb vagy kevesebb fájlt egyszerre; amit már elmentett, megmarad." in words


def test_the_413_page_shows_a_signed_in_clerk_as_signed_in(client, settings, clerk):
    settings.MAX_REQUEST_BYTES = 110 * MB
    english(client, settings)
    client.force_login(clerk)

    response = too_large(client)

    assert response.status_code == 413
    page, _ = text(response)
    assert page.find("header").find(string=clerk.display_name) is not None


def test_the_413_page_comes_before_the_csrf_check_and_says_nothing_of_the_server(settings):
    settings.MAX_REQUEST_BYTES = 110 * MB
    settings.DEBUG = True
    client = Client(enforce_csrf_checks=True)

    response = too_large(client)

    assert response.status_code == 413
    assert b"MAX_REQUEST_BYTES" not in response.content
    assert b"Traceback" not in response.content


def test_a_request_at_the_portals_limit_is_read(client, settings):
    body = encode_multipart(BOUNDARY, a_form(10))
    settings.MAX_REQUEST_BYTES = len(body)

    response = client.generic("POST", "/test-uploads/decorated/", body, content_type=MULTIPART_CONTENT)

    assert response.status_code == 200


def test_form_fields_over_the_memory_limit_get_the_413_page_under_csrf_protection(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    client, token = csrf_client("/test-uploads/decorated/")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.post("/test-uploads/decorated/", {"csrfmiddlewaretoken": token, "note": "n" * 1001})

    assert response.status_code == 413
    _, words = text(response)
    assert "larger than 1000 bytes" in words


def test_a_body_over_the_memory_limit_read_by_an_exempt_view_gets_the_413_page(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    english(client, settings)

    response = client.post("/test-uploads/body/", "x" * 1001, content_type="application/json")

    assert response.status_code == 413
    assert b"RequestDataTooBig" not in response.content
