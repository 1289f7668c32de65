"""A corpus of hostile uploads: each is refused with its own code and a message naming the file, or — for hostile
names on a harmless file — accepted under a clean name."""

import functools
import gzip
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject, TextStringObject

from services import documents, officecheck
from services.models import RequiredDocument
from tests.factories import PDF, PNG, make_pdf

from .office_files import MB, make_bomb, make_office, make_zip, ooxml_parts, patch_central_directory

EVERY_TYPE = ",".join(RequiredDocument.FileType.values)
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
XML_SVG = b'<?xml version="1.0" encoding="UTF-8"?>\n' + SVG
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + bytes(200)


def requirement(types=EVERY_TYPE, max_size_mb=1):
    return RequiredDocument(accepted_types=types, max_size_mb=max_size_mb)


def check(name, content, types=EVERY_TYPE):
    return documents.check_upload(SimpleUploadedFile(name, content), requirement(types))


def _pdf(mutate):
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    mutate(writer)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _annotation(writer, entries):
    annotation = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Rect"): ArrayObject([NumberObject(0), NumberObject(0), NumberObject(10), NumberObject(10)]),
            **entries,
        }
    )
    writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(annotation)])


def _action(kind, **entries):
    return DictionaryObject({NameObject("/S"): NameObject(kind), **entries})


GOTO_FIRST_PAGE = {NameObject("/D"): ArrayObject([NumberObject(0), NameObject("/Fit")])}

# One PDF for each kind of active content, each carrying that one and no other where the format allows.
ACTIVE_PDFS = {
    "javascript-name-tree": lambda: make_pdf(javascript="app.alert('x')"),
    "js-without-action-type": lambda: _pdf(
        lambda w: _annotation(
            w,
            {
                NameObject("/Subtype"): NameObject("/Link"),
                NameObject("/A"): DictionaryObject({NameObject("/JS"): TextStringObject("app.alert(1)")}),
            },
        )
    ),
    "open-action": lambda: _pdf(
        lambda w: w._root_object.__setitem__(NameObject("/OpenAction"), _action("/GoTo", **GOTO_FIRST_PAGE))
    ),
    "additional-actions": lambda: _pdf(
        lambda w: w.pages[0].__setitem__(
            NameObject("/AA"), DictionaryObject({NameObject("/O"): _action("/GoTo", **GOTO_FIRST_PAGE)})
        )
    ),
    "launch": lambda: _pdf(
        lambda w: _annotation(
            w,
            {
                NameObject("/Subtype"): NameObject("/Link"),
                NameObject("/A"): _action("/Launch", **{NameObject("/F"): TextStringObject("calc.exe")}),
            },
        )
    ),
    "embedded-file": lambda: make_pdf(attachment=("payload.exe", b"MZ")),
    "rich-media": lambda: _pdf(
        lambda w: _annotation(
            w,
            {
                NameObject("/Subtype"): NameObject("/RichMedia"),
                NameObject("/RichMediaContent"): DictionaryObject({NameObject("/Assets"): DictionaryObject()}),
            },
        )
    ),
}


@functools.cache
def bomb():
    """200 MB of zeros in a 200 kB .docx, built once."""
    return make_bomb("docx", size=200 * MB)


def _with_a_part_flagged_encrypted():
    return patch_central_directory(make_office("docx"), "word/document.xml", flag_bits=0x1)


def _plain_zip():
    return make_zip([("notes.txt", b"not an Office document")])


# (name as uploaded, content, the code it is refused with)
REFUSED = {
    "image-renamed-pdf": ("plan.pdf", lambda: PNG, "extension"),
    "text-renamed-pdf": ("plan.pdf", lambda: b"just some text, not a PDF", "type"),
    "program-renamed-pdf": ("plan.pdf", lambda: EXE, "type"),
    "empty": ("plan.pdf", lambda: b"", "empty"),
    "oversize": ("plan.pdf", lambda: PDF + bytes(MB), "too_large"),
    "pdf-named-png": ("plan.png", lambda: PDF, "extension"),
    "docx-named-pdf": ("cerere.pdf", lambda: make_office("docx"), "extension"),
    "xlsx-named-docx": ("buget.docx", lambda: make_office("xlsx"), "extension"),
    "odt-named-docx": ("cerere.docx", lambda: make_office("odt"), "extension"),
    **{f"pdf-{kind}": ("plan.pdf", build, "pdf_active") for kind, build in ACTIVE_PDFS.items()},
    "pdf-encrypted": ("plan.pdf", lambda: make_pdf(password="secret"), "pdf_encrypted"),
    "zip-bomb-as-docx": ("cerere.docx", bomb, "office_too_large"),
    "zip-bomb-as-pdf": ("cerere.pdf", bomb, "office_too_large"),
    "docx-with-vba-project": (
        "cerere.docx",
        lambda: make_office("docx", parts=[("word/vbaProject.bin", EXE)]),
        "office_macros",
    ),
    "docm-renamed-docx": ("cerere.docx", lambda: make_office("docm"), "office_macros"),
    "odt-with-basic-macros": (
        "cerere.odt",
        lambda: make_office("odt", parts=[("Basic/Standard/M.xml", b"<m/>")]),
        "office_macros",
    ),
    "docm": ("cerere.docm", lambda: make_office("docm"), "office_macro_format"),
    "xlsm": ("buget.xlsm", lambda: make_office("xlsx"), "office_macro_format"),
    "pptm": ("prezentare.pptm", lambda: make_office("pptx"), "office_macro_format"),
    "dotm": ("sablon.dotm", lambda: make_office("docx"), "office_macro_format"),
    "docx-with-embedded-workbook": (
        "cerere.docx",
        lambda: make_office("docx", parts=[("word/embeddings/Book1.xlsx", make_office("xlsx"))]),
        "office_embedded",
    ),
    "docx-with-encrypted-part": ("cerere.docx", _with_a_part_flagged_encrypted, "office_encrypted"),
    "docx-truncated": ("cerere.docx", lambda: make_office("docx")[:-40], "office_unreadable"),
    "plain-zip-named-docx": ("cerere.docx", _plain_zip, "type"),
    # libmagic calls it Word from its first part's name; with no [Content_Types].xml no office suite opens it.
    "word-folder-without-content-types": (
        "cerere.docx",
        lambda: make_zip([("word/document.xml", b"<w:document/>")]),
        "type",
    ),
    "svg-as-png": ("plan.png", lambda: SVG, "svg"),
    "svg-with-xml-declaration-as-png": ("plan.png", lambda: XML_SVG, "svg"),
    "svg-as-svg": ("plan.svg", lambda: SVG, "svg"),
    "png-named-svg": ("plan.svg", lambda: PNG, "svg"),
    "svgz": ("plan.svgz", lambda: gzip.compress(SVG), "svg"),
    "pdf-named-pdf-exe": ("plan.pdf.exe", lambda: PDF, "executable"),
    "program-in-a-path": ("C:\\Users\\Public\\Startup\\plan.pdf\x00.exe", lambda: PDF, "executable"),
    "program-named-exe": ("setup.exe", lambda: EXE, "executable"),
    "script-named-js": ("plan.pdf.js", lambda: b"WScript.Shell", "executable"),
    "batch-named-bat": ("run.BAT", lambda: b"del /q *", "executable"),
    "powershell": ("plan.ps1", lambda: b"Invoke-Expression", "executable"),
    "shortcut": ("plan.pdf.lnk", lambda: b"L\x00\x00\x00", "executable"),
    "screensaver": ("poza.scr", lambda: EXE, "executable"),
    "java-archive": ("plan.jar", lambda: make_office("docx"), "executable"),
    "shell-script": ("install.sh", lambda: b"#!/bin/sh\nrm -rf /\n", "executable"),
}


@pytest.mark.parametrize(("name", "build", "code"), REFUSED.values(), ids=REFUSED.keys())
def test_a_hostile_upload_is_refused_with_its_reason_naming_the_file(name, build, code):
    with pytest.raises(ValidationError) as refused:
        check(name, build())

    assert refused.value.code == code
    with translation.override("en"):
        assert f"“{documents.clean_name(name)}”" in refused.value.messages[0]


# (name as uploaded, the name it is kept under)
CLEANED = {
    "path-traversal": ("../../../etc/plan.pdf", "plan.pdf"),
    "windows-path-traversal": ("..\\..\\Windows\\System32\\plan.pdf", "plan.pdf"),
    "absolute-path": ("/var/www/plan.pdf", "plan.pdf"),
    "control-characters": ("plan\x00\x07\r\n.pdf", "plan.pdf"),
    "right-to-left-override": ("plan\u202efdp.pdf", "planfdp.pdf"),
    "leading-dots": ("...plan.pdf", "plan.pdf"),
    "zero-width-space": ("plan\u200b.pdf", "plan.pdf"),
}


@pytest.mark.parametrize(("given", "kept"), CLEANED.values(), ids=CLEANED.keys())
def test_a_harmless_file_with_a_hostile_name_is_accepted_under_a_clean_name(given, kept):
    checked = check(given, PDF)

    assert checked.name == kept
    assert checked.content_type == "application/pdf"


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("cerere.docx", make_office("docx"), officecheck.DOCX),
        ("buget.xlsx", make_office("xlsx"), officecheck.XLSX),
        ("cerere.odt", make_office("odt"), officecheck.ODT),
        ("cerere.DOCX", make_office("docx"), officecheck.DOCX),
    ],
)
def test_an_office_document_is_accepted_as_the_type_its_contents_show(name, content, content_type):
    assert check(name, content).content_type == content_type


def test_an_office_document_libmagic_calls_a_zip_is_recognised_from_its_parts():
    # libmagic names OOXML by its first parts: with a large part first it sees only a zip.
    content = make_zip([("docProps/app.xml", bytes(4096)), *ooxml_parts("docx")], compression=0)
    assert documents.magic.from_buffer(content[: documents.SNIFF_BYTES], mime=True) != officecheck.DOCX

    assert check("cerere.docx", content).content_type == officecheck.DOCX


def test_an_office_document_is_refused_where_only_pdf_is_accepted():
    with pytest.raises(ValidationError) as refused:
        check("cerere.docx", make_office("docx"), types="application/pdf")

    assert refused.value.code == "type"


# The new messages in full, as a person reads them.
MESSAGES = {
    "executable": (
        "plan.pdf.exe",
        PDF,
        "“plan.pdf.exe” is a program, which is not accepted: upload PDF, Word (DOCX).",
    ),
    "svg": (
        "plan.png",
        SVG,
        "“plan.png” is an SVG drawing, which is not accepted because it can carry scripts: upload PDF, Word (DOCX).",
    ),
    "office_macro_format": (
        "cerere.docm",
        make_office("docm"),
        "“cerere.docm” is an Office file with macros, which is not accepted: save it without macros and upload PDF, "
        "Word (DOCX).",
    ),
    "office_macros": (
        "cerere.docx",
        make_office("docx", parts=[("word/vbaProject.bin", EXE)]),
        "“cerere.docx” contains macros or other code that runs when it is opened, which is not accepted: save it "
        "without them and upload PDF, Word (DOCX).",
    ),
    "office_too_large": (
        "cerere.docx",
        make_office("docx", parts=[("word/media/image1.png", bytes(2 * MB))]),
        "“cerere.docx” unpacks to more data than a document may hold (at most 100.0\xa0MB in 1000 parts), which is "
        "not accepted: save it again and upload PDF, Word (DOCX).",
    ),
    "office_encrypted": (
        "cerere.docx",
        _with_a_part_flagged_encrypted(),
        "“cerere.docx” is protected by a password: send the document without protection.",
    ),
    "office_embedded": (
        "cerere.docx",
        make_office("docx", parts=[("word/embeddings/Book1.xlsx", make_office("xlsx"))]),
        "“cerere.docx” has another file packed inside it (an archive or an object from another program), which is "
        "not accepted: remove it and upload PDF, Word (DOCX).",
    ),
    "office_unreadable": (
        "cerere.docx",
        make_office("docx")[:-40],
        "“cerere.docx” is damaged and cannot be opened: save it again and upload PDF, Word (DOCX).",
    ),
}


@pytest.mark.parametrize(("name", "content", "message"), MESSAGES.values(), ids=MESSAGES.keys())
def test_each_refusal_says_what_was_wrong_and_what_is_accepted(name, content, message):
    types = f"application/pdf,{officecheck.DOCX}"

    with pytest.raises(ValidationError) as refused, translation.override("en"):
        check(name, content, types)  # the limit is formatted in the language of the request

    with translation.override("en"):
        assert refused.value.messages == [message]
