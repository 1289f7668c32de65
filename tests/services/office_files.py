"""Minimal Office documents and hostile archives, built with zipfile for the upload tests (no Django)."""

import io
import struct
import zipfile

WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
EXCEL_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
POWERPOINT_MAIN = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
WORD_MACRO_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"
# The main part of each kind of OOXML package: its name, its content type and a little content.
OOXML = {
    "docx": ("word/document.xml", WORD_MAIN, b"<w:document><w:body><w:p/></w:body></w:document>"),
    "xlsx": ("xl/workbook.xml", EXCEL_MAIN, b"<workbook><sheets/></workbook>"),
    "pptx": ("ppt/presentation.xml", POWERPOINT_MAIN, b"<p:presentation/>"),
    "docm": ("word/document.xml", WORD_MACRO_MAIN, b"<w:document><w:body><w:p/></w:body></w:document>"),
}
ODF_TEXT = "application/vnd.oasis.opendocument.text"
MANIFEST = b'<manifest:manifest><manifest:file-entry manifest:full-path="/"/></manifest:manifest>'
MB = 1024 * 1024


def content_types(main_part, main_type, defaults=()):
    extra = "".join(f'<Default Extension="{ext}" ContentType="{kind}"/>' for ext, kind in defaults)
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        f'<Default Extension="xml" ContentType="application/xml"/>{extra}'
        f'<Override PartName="/{main_part}" ContentType="{main_type}"/></Types>'
    ).encode()


def ooxml_parts(kind="docx", *, defaults=()):
    main_part, main_type, main = OOXML[kind]
    return [
        ("[Content_Types].xml", content_types(main_part, main_type, defaults)),
        (
            "_rels/.rels",
            b'<Relationships><Relationship Id="rId1" Target="' + main_part.encode() + b'"/></Relationships>',
        ),
        (main_part, main),
    ]


def odt_parts(*, manifest=MANIFEST, mimetype=ODF_TEXT):
    return [
        ("mimetype", mimetype.encode()),
        ("META-INF/manifest.xml", manifest),
        (
            "content.xml",
            b"<office:document-content><office:body><office:text/></office:body></office:document-content>",
        ),
    ]


def make_zip(parts, *, compression=zipfile.ZIP_DEFLATED):
    """A zip of (name, bytes) parts; `mimetype` is stored uncompressed, as OpenDocument requires."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts:
            archive.writestr(name, data, compress_type=zipfile.ZIP_STORED if name == "mimetype" else compression)
    return buffer.getvalue()


def make_office(kind="docx", *, parts=(), defaults=()):
    """A minimal valid DOCX, XLSX, PPTX, DOCM (OOXML) or ODT, with `parts` added."""
    base = odt_parts() if kind == "odt" else ooxml_parts(kind, defaults=defaults)
    return make_zip([*base, *parts])


def make_bomb(kind="docx", *, size=200 * MB, part="word/media/image1.png"):
    """An Office document with one part of `size` zeros that packs to about a thousandth of it; written in chunks,
    so neither the test nor the archive ever holds the unpacked data."""
    buffer = io.BytesIO()
    chunk = bytes(MB)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in odt_parts() if kind == "odt" else ooxml_parts(kind):
            archive.writestr(name, data)
        with archive.open(part, "w", force_zip64=True) as entry:
            for _ in range(size // MB):
                entry.write(chunk)
    return buffer.getvalue()


def patch_central_directory(archive, name, *, flag_bits=None, file_size=None):
    """The archive with the central directory record of part `name` changed: what a crafted archive declares."""
    data = bytearray(archive)
    end = data.rindex(b"PK\x05\x06")
    start = struct.unpack_from("<I", data, end + 16)[0]
    while start < end:
        name_length, extra_length, comment_length = struct.unpack_from("<3H", data, start + 28)
        if data[start + 46 : start + 46 + name_length] == name.encode():
            if flag_bits is not None:
                struct.pack_into("<H", data, start + 8, flag_bits)
            if file_size is not None:
                struct.pack_into("<I", data, start + 24, file_size)
            return bytes(data)
        start += 46 + name_length + extra_length + comment_length
    raise KeyError(name)
