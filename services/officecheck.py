"""What an Office document (Word, Excel, OpenDocument) may not carry into a clerk's office suite, found by reading it
as the zip archive it is: too many parts or too much data once unpacked (a zip bomb), password protection, archives
or objects packed inside it, and macros. A bomb is refused from the archive's central directory, before any part is
unpacked; parts are then read in bounded chunks, never whole, since the sizes an archive declares can lie."""

import re
import zipfile
from dataclasses import dataclass
from typing import IO

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODT = "application/vnd.oasis.opendocument.text"

ZIP_SIGNATURE = b"PK\x03\x04"
# Formats that exist to carry macros: refused by their name, whatever they contain.
MACRO_EXTENSIONS = frozenset(
    {".docm", ".dotm", ".xlsm", ".xltm", ".xlam", ".pptm", ".potm", ".ppsm", ".ppam", ".sldm"}
)
# Where macros and other code live: VBA projects, ActiveX controls, OpenDocument Basic and script libraries.
MACRO_BASENAMES = ("vbaproject", "vbadata.xml")
MACRO_FOLDERS = ("/basic/", "/scripts/")
ACTIVEX_FOLDER = "/activex/"
# Content types of an OOXML package that only macro-enabled documents declare (.docm, .xlsm, their VBA part).
MACRO_CONTENT_TYPES = re.compile(rb"macroenabled|vbaproject", re.IGNORECASE)
# The first bytes of a part that is itself an archive or an embedded object (zip, OLE compound file, 7-Zip, RAR).
NESTED_SIGNATURES = (
    b"PK\x03\x04",
    b"PK\x05\x06",
    b"PK\x07\x08",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    b"7z\xbc\xaf\x27\x1c",
    b"Rar!\x1a\x07",
)
SIGNATURE_BYTES = max(len(s) for s in NESTED_SIGNATURES)
CENTRAL_DIRECTORY_SIGNATURE = b"PK\x01\x02"
ENCRYPTED_FLAGS = 0x01 | 0x40  # traditional and strong encryption
OOXML_PREFIX = "application/vnd.openxmlformats-officedocument."
OOXML_MAIN_SUFFIX = ".main+xml"
ODF_PREFIX = "application/vnd.oasis.opendocument."
CONTENT_TYPES = "[Content_Types].xml"
ODF_MIMETYPE = "mimetype"
ODF_MANIFEST = "META-INF/manifest.xml"
READ_CHUNK = 64 * 1024
OVERRIDE = re.compile(rb"<(?:\w+:)?Override\b([^>]*)>")
ATTRIBUTE = re.compile(rb"""\b(PartName|ContentType)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


@dataclass(frozen=True)
class Limits:
    """How much an Office document may hold; the defaults are generous for any real document."""

    entries: int = 1_000
    total_size: int = 100 * 1024 * 1024
    # A part may unpack to at most `ratio` times its packed size once it is larger than `ratio_floor`: text compresses
    # ten or twenty to one, a bomb a thousand to one.
    ratio: int = 100
    ratio_floor: int = 1024 * 1024
    # [Content_Types].xml, mimetype and the OpenDocument manifest are read whole, so they must be small.
    description_size: int = 1024 * 1024


LIMITS = Limits()


class Refused(Exception):
    """The document is refused; each subclass says why."""


class MacroEnabledName(Refused):
    """The name is that of a macro-enabled format (.docm, .xlsm, ...)."""


class TooLarge(Refused):
    """Too many parts, too much data once unpacked, or a part compressed beyond any document's ratio."""


class Encrypted(Refused):
    """Protected by a password."""


class Embedded(Refused):
    """Another archive or an embedded object is packed inside."""


class Macros(Refused):
    """Macros, scripts or ActiveX controls."""


class Unreadable(Refused):
    """Not a zip archive that can be read to the end, or not consistent with itself."""


def check_name(name: str) -> None:
    """Raise MacroEnabledName when the name ends in the extension of a macro-enabled format."""
    if any(name.lower().endswith(extension) for extension in MACRO_EXTENSIONS):
        raise MacroEnabledName(name)


def inspect(stream: IO[bytes], limits: Limits = LIMITS) -> str | None:
    """The MIME type of the Office document in the zip archive `stream` — DOCX, XLSX, ODT or another Office type —
    or None when the archive is not an Office document; raise a Refused subclass when it is one the portal refuses.

    The central directory is checked first (count of parts, declared sizes and ratios, encryption), so a bomb is
    refused without unpacking anything; only an Office document is then read, part by part in bounded chunks."""
    if _central_directory_records(stream, limits.entries) > limits.entries:
        raise TooLarge("too many parts")
    stream.seek(0)
    try:
        with zipfile.ZipFile(stream) as archive:
            infos = archive.infolist()
            _check_directory(infos, limits)
            kind = _identify(archive, limits)
            if kind is not None:
                _check_parts(archive, infos, limits)
            return kind
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError) as error:
        raise Unreadable(str(error)) from error
    finally:
        stream.seek(0)


def _central_directory_records(stream: IO[bytes], limit: int) -> int:
    """How many central directory records the file may hold, counted up to just past `limit`. Opening a zip reads
    its whole central directory into objects, one for each record starting with this signature; counting the
    signature bounds that work whatever end record the reader trusts."""
    stream.seek(0)
    count = 0
    tail = b""
    while count <= limit and (chunk := stream.read(READ_CHUNK)):
        data = tail + chunk
        count += data.count(CENTRAL_DIRECTORY_SIGNATURE)
        tail = data[-(len(CENTRAL_DIRECTORY_SIGNATURE) - 1) :]
    return count


def _check_directory(infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    names = [info.filename for info in infos]
    if len(set(names)) != len(names):
        # Readers disagree on which of two same-named parts counts: one could hide what the other shows.
        raise Unreadable("duplicate part names")
    total = 0
    for info in infos:
        if info.flag_bits & ENCRYPTED_FLAGS:
            raise Encrypted(info.filename)
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise Unreadable(f"{info.filename}: compression method {info.compress_type}")
        if info.file_size > limits.ratio_floor and info.file_size > limits.ratio * max(info.compress_size, 1):
            raise TooLarge(f"{info.filename}: compressed {info.file_size // max(info.compress_size, 1)} to 1")
        total += info.file_size
        if total > limits.total_size:
            raise TooLarge("too much data")


def _identify(archive: zipfile.ZipFile, limits: Limits) -> str | None:
    names = set(archive.namelist())
    if ODF_MIMETYPE in names:
        declared = _read_whole(archive, ODF_MIMETYPE, limits).strip().decode("ascii", "replace")
        if declared.startswith(ODF_PREFIX):
            if ODF_MANIFEST in names and b"encryption-data" in _read_whole(archive, ODF_MANIFEST, limits):
                raise Encrypted(ODF_MANIFEST)
            return declared
    if CONTENT_TYPES in names:
        content_types = _read_whole(archive, CONTENT_TYPES, limits)
        if content_types.startswith((b"\xff\xfe", b"\xfe\xff")):
            content_types = content_types.decode("utf-16").encode("utf-8")
        if MACRO_CONTENT_TYPES.search(content_types):
            raise Macros(CONTENT_TYPES)
        return _ooxml_type(content_types, names)
    return None


def _ooxml_type(content_types: bytes, names: set[str]) -> str | None:
    """The document type of the package's main part as [Content_Types].xml declares it ("….wordprocessingml.document"
    for "….wordprocessingml.document.main+xml"); the part itself must be there."""
    for override in OVERRIDE.finditer(content_types):
        attributes = {m[1]: (m[2] or m[3]).decode("utf-8", "replace") for m in ATTRIBUTE.finditer(override[1])}
        content_type = attributes.get(b"ContentType", "")
        if content_type.startswith(OOXML_PREFIX) and content_type.endswith(OOXML_MAIN_SUFFIX):
            if attributes.get(b"PartName", "").lstrip("/") not in names:
                raise Unreadable(f"main part {attributes.get(b'PartName')!r} missing")
            return content_type.removesuffix(OOXML_MAIN_SUFFIX)
    return None


def _read_whole(archive: zipfile.ZipFile, name: str, limits: Limits) -> bytes:
    info = archive.getinfo(name)
    if info.file_size > limits.description_size:
        raise TooLarge(name)
    with archive.open(info) as part:
        return part.read(limits.description_size)


def _check_parts(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    for info in infos:
        lower = "/" + info.filename.lower()
        basename = lower.rsplit("/", 1)[-1]
        if basename.startswith(MACRO_BASENAMES) or lower.startswith(MACRO_FOLDERS) or ACTIVEX_FOLDER in lower:
            raise Macros(info.filename)
    # Every part is read to its end, so that zipfile checks its CRC. zipfile returns no more than a part's declared
    # size, whose total was checked above; the count stops at the cap all the same, whatever the reader does.
    unpacked = 0
    for info in infos:
        if info.is_dir():
            continue
        with archive.open(info) as part:
            head = part.read(SIGNATURE_BYTES)
            if head.startswith(NESTED_SIGNATURES):
                raise Embedded(info.filename)
            unpacked += len(head)
            while chunk := part.read(READ_CHUNK):
                unpacked += len(chunk)
                if unpacked > limits.total_size:
                    raise TooLarge("too much data")
