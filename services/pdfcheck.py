"""What a PDF may not carry into a clerk's viewer: scripts, actions run on opening, launches, embedded files and rich
media, found by walking the document's objects with pypdf (never a byte search, which misses compressed object
streams and is fooled by names split across them). Encrypted PDFs are refused too: the clerk could not open them."""

from pypdf import PdfReader
from pypdf.errors import PdfReadError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

# Keys whose presence anywhere makes the document active.
ACTIVE_KEYS = frozenset({"/JavaScript", "/JS", "/OpenAction", "/AA", "/Launch", "/EmbeddedFile", "/EmbeddedFiles",
                         "/RichMedia"})  # fmt: skip
# Annotation types (the /Subtype of an annotation) that play an embedded program: Flash in a rich media annotation.
ACTIVE_SUBTYPES = frozenset({"/RichMedia"})
# Action types (the /S of an action dictionary) that run something.
ACTIVE_ACTIONS = frozenset({"/JavaScript", "/Launch", "/RichMediaExecute", "/ImportData", "/SubmitForm"})
# A document with more objects than this is refused rather than walked for ever.
MAX_OBJECTS = 200_000


class Unreadable(Exception):
    """The file cannot be read as a PDF."""


class Encrypted(Exception):
    pass


class TooComplex(Exception):
    pass


def active_content(stream):
    """The first active element found in the PDF (such as "/JavaScript"), or None when it has none.

    Raises Encrypted, Unreadable or TooComplex."""
    try:
        reader = PdfReader(stream, strict=False)
        if reader.is_encrypted:
            raise Encrypted
        return _walk(reader.trailer)
    except (Encrypted, TooComplex):
        raise
    except (PdfReadError, ValueError, TypeError, KeyError, AttributeError, RecursionError) as error:
        raise Unreadable from error


def _walk(root):
    seen = set()
    stack = [root]
    visited = 0
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            item = item.get_object()
        visited += 1
        if visited > MAX_OBJECTS:
            raise TooComplex
        if isinstance(item, DictionaryObject):
            for name, value in item.items():
                if name in ACTIVE_KEYS:
                    return str(name)
                if name == "/S" and str(value) in ACTIVE_ACTIONS:
                    return str(value)
                if name == "/Subtype" and str(value) in ACTIVE_SUBTYPES:
                    return str(value)
                stack.append(value)
        elif isinstance(item, ArrayObject):
            stack.extend(item)
    return None
