"""The Office document check: types decided from the archive's contents; bombs, passwords, packed files and macros
refused — bombs from the central directory, before anything is unpacked."""

import io
import os
import tracemalloc
import warnings
import zipfile

import pytest

from services import officecheck
from services.officecheck import DOCX, ODT, XLSX, Limits

from .office_files import (
    MB,
    ODF_TEXT,
    make_bomb,
    make_office,
    make_zip,
    odt_parts,
    ooxml_parts,
    patch_central_directory,
)

PRESENTATION = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)


def inspect(data, limits=officecheck.LIMITS):
    return officecheck.inspect(io.BytesIO(data), limits)


# --- what is accepted, and as what ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (make_office("docx"), DOCX),
        (make_office("xlsx"), XLSX),
        (make_office("odt"), ODT),
        (make_office("pptx"), PRESENTATION),
        (make_zip(ooxml_parts("docx"), compression=zipfile.ZIP_STORED), DOCX),
        (make_zip(list(reversed(ooxml_parts("docx")))), DOCX),
        (make_office("docx", parts=[("word/media/image1.emz", b"\x1f\x8b\x08\x00" + os.urandom(200))]), DOCX),
        (make_office("docx", parts=[("word/media/blank.bin", bytes(MB))]), DOCX),
        (make_office("xlsx", parts=[("xl/media/photo.jpg", os.urandom(2 * MB))]), XLSX),
    ],
    ids=[
        "docx",
        "xlsx",
        "odt",
        "pptx-is-named-for-the-caller-to-refuse",
        "stored-without-compression",
        "parts-in-any-order",
        "gzip-compressed-picture",
        "a-part-up-to-1-MB-may-compress-as-well-as-it-likes",
        "incompressible-2-MB-picture",
    ],
)
def test_an_office_document_is_named_by_what_it_contains(data, kind):
    assert inspect(data) == kind


def test_content_types_in_utf16_are_read():
    parts = ooxml_parts("docx")
    name, content = parts[0]
    parts[0] = (name, content.decode().encode("utf-16"))

    assert inspect(make_zip(parts)) == DOCX


@pytest.mark.parametrize(
    "parts",
    [
        [("notes.txt", b"just a zip")],
        [("[Content_Types].xml", b"<Types><Override PartName='/x.xml' ContentType='application/xml'/></Types>")],
        [("mimetype", b"application/epub+zip"), ("content.opf", b"<package/>")],
    ],
    ids=["plain-zip", "package-without-an-office-main-part", "epub"],
)
def test_an_archive_that_is_no_office_document_has_no_office_type(parts):
    assert inspect(make_zip(parts)) is None


def test_the_stream_is_left_at_its_start():
    stream = io.BytesIO(make_office("docx"))

    officecheck.inspect(stream)

    assert stream.tell() == 0


# --- macro-enabled formats by name -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["raport.docm", "buget.xlsm", "prezentare.pptm", "sablon.dotm", "RAPORT.DOCM"])
def test_a_macro_enabled_format_is_refused_by_its_name(name):
    with pytest.raises(officecheck.MacroEnabledName):
        officecheck.check_name(name)


@pytest.mark.parametrize("name", ["raport.docx", "buget.xlsx", "docm.pdf", "raport.odt"])
def test_other_names_pass_the_name_check(name):
    officecheck.check_name(name)


# --- bombs ------------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bomb():
    return make_bomb(size=200 * MB)


@pytest.fixture
def forbid_unpacking(monkeypatch):
    """Call it once the archive is built: from then on opening any part of any archive fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError("a part was opened")

    return lambda: monkeypatch.setattr(zipfile.ZipFile, "open", refuse)


def test_a_bomb_is_refused_from_the_central_directory_without_unpacking_anything(bomb, forbid_unpacking):
    forbid_unpacking()
    with pytest.raises(officecheck.TooLarge):
        inspect(bomb)


def test_a_bomb_is_refused_in_little_memory(bomb):
    tracemalloc.start()
    try:
        with pytest.raises(officecheck.TooLarge):
            inspect(bomb)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()

    assert peak < 5 * MB


def test_a_part_compressed_more_than_100_to_1_and_over_1_MB_is_refused(forbid_unpacking):
    data = make_office("docx", parts=[("word/media/image1.png", bytes(2 * MB))])

    forbid_unpacking()
    with pytest.raises(officecheck.TooLarge):
        inspect(data)


def test_more_data_than_the_cap_in_total_is_refused_without_unpacking_anything(forbid_unpacking):
    data = make_office("docx", parts=[(f"word/media/image{i}.jpg", os.urandom(40_000)) for i in range(3)])

    forbid_unpacking()
    with pytest.raises(officecheck.TooLarge):
        inspect(data, Limits(total_size=100_000))


def test_more_parts_than_the_cap_are_refused_before_the_archive_is_opened(monkeypatch):
    data = make_office("docx", parts=[(f"word/media/p{i}.xml", b"<p/>") for i in range(1_000)])
    monkeypatch.setattr(zipfile, "ZipFile", None)  # opening the archive would fail with a TypeError

    with pytest.raises(officecheck.TooLarge):
        inspect(data)


def test_a_thousand_parts_are_accepted():
    data = make_office("docx", parts=[(f"word/media/p{i}.xml", b"<p/>") for i in range(1_000 - 3)])

    assert inspect(data) == DOCX


def test_a_description_larger_than_its_cap_is_refused_unread(forbid_unpacking):
    data = make_office("docx")
    forbid_unpacking()

    with pytest.raises(officecheck.TooLarge):
        inspect(data, Limits(description_size=100))


def test_unpacking_stops_at_the_cap_even_when_the_directory_was_not_believed(bomb, monkeypatch):
    monkeypatch.setattr(officecheck, "_check_directory", lambda infos, limits: None)
    tracemalloc.start()
    try:
        with pytest.raises(officecheck.TooLarge):
            inspect(bomb, Limits(total_size=10 * MB))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()

    assert peak < 5 * MB


def test_a_part_that_unpacks_to_more_than_it_declares_is_refused_as_unreadable():
    data = make_office("docx", parts=[("word/media/image1.png", bytes(900_000))])
    lying = patch_central_directory(data, "word/media/image1.png", file_size=1_000)

    with pytest.raises(officecheck.Unreadable):
        inspect(lying)


# --- passwords, packed files, macros ----------------------------------------------------------------------------------


def test_an_encrypted_part_is_refused(forbid_unpacking):
    data = patch_central_directory(make_office("docx"), "word/document.xml", flag_bits=0x1)

    forbid_unpacking()
    with pytest.raises(officecheck.Encrypted):
        inspect(data)


def test_a_password_protected_opendocument_is_refused():
    manifest = b'<manifest:manifest><manifest:encryption-data manifest:checksum="x"/></manifest:manifest>'

    with pytest.raises(officecheck.Encrypted):
        inspect(make_zip(odt_parts(manifest=manifest)))


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("word/embeddings/Microsoft_Excel_Worksheet.xlsx", make_office("xlsx")),
        ("word/embeddings/empty.zip", make_zip([])),
        ("word/embeddings/oleObject1.bin", OLE),
        ("word/media/image1.png", b"7z\xbc\xaf\x27\x1c" + bytes(32)),
        ("word/media/image2.png", b"Rar!\x1a\x07\x01\x00" + bytes(32)),
    ],
    ids=["office-document", "empty-zip", "ole-object", "7-zip", "rar"],
)
def test_an_archive_or_object_packed_inside_is_refused(name, content):
    with pytest.raises(officecheck.Embedded):
        inspect(make_office("docx", parts=[(name, content)]))


@pytest.mark.parametrize(
    "data",
    [
        make_office("docx", parts=[("word/vbaProject.bin", OLE)]),
        make_office("xlsx", parts=[("xl/vbaProject.bin", OLE)]),
        make_office("docx", parts=[("word/vbaData.xml", b"<wne:vbaSuppData/>")]),
        make_office("docm"),
        make_office("docx", defaults=[("bin", "application/vnd.ms-office.vbaProject")]),
        make_office("docx", parts=[("word/activeX/activeX1.xml", b"<ax:ocx/>")]),
        make_office("odt", parts=[("Basic/Standard/Module1.xml", b"<script:module/>")]),
        make_office("odt", parts=[("Scripts/python/run.py", b"import os")]),
    ],
    ids=[
        "word-vba-project",
        "excel-vba-project",
        "word-vba-data",
        "macro-enabled-content-type",
        "vba-content-type",
        "activex-control",
        "opendocument-basic",
        "opendocument-script",
    ],
)
def test_macros_are_refused(data):
    with pytest.raises(officecheck.Macros):
        inspect(data)


def test_an_opendocument_without_macros_passes():
    assert inspect(make_zip(odt_parts(mimetype=ODF_TEXT))) == ODT


# --- what cannot be read --------------------------------------------------------------------------------------------


def _corrupt_crc():
    data = bytearray(make_office("docx", parts=[("word/media/notes.txt", os.urandom(5_000))]))
    data[data.index(b"word/media/notes.txt") + 100] ^= 0xFF  # a byte of the stored random data
    return bytes(data)


def _two_parts_of_one_name():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns of the duplicate name
        return make_zip([*ooxml_parts("docx"), ("word/document.xml", b"<w:document/>")])


@pytest.mark.parametrize(
    "data",
    [
        b"PK\x03\x04" + bytes(100),
        make_office("docx")[:-30],
        _corrupt_crc(),
        _two_parts_of_one_name(),
        make_zip(ooxml_parts("docx")[:2]),
        make_zip(ooxml_parts("docx"), compression=zipfile.ZIP_BZIP2),
    ],
    ids=["not-a-zip", "truncated", "bad-crc", "two-parts-of-one-name", "main-part-missing", "bzip2-compression"],
)
def test_an_archive_that_cannot_be_read_consistently_is_refused(data):
    with pytest.raises(officecheck.Unreadable):
        inspect(data)
