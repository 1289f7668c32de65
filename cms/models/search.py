"""Search text without diacritics: "autorizatie" finds "autorizație", "engedely" finds "engedély"."""

import unicodedata

from django.utils.html import strip_tags


def fold(text):
    """The text in lower case with its diacritics taken off (ă â î ș ț, á é í ó ö ő ú ü ű), as the index keeps it."""
    decomposed = unicodedata.normalize("NFKD", strip_tags(str(text or "")))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def stream_text(stream):
    """The readable text of a StreamField value, for the index."""
    parts = []

    def walk(value):
        if value is None:
            return
        if hasattr(value, "source"):  # RichText
            parts.append(value.source)
        elif isinstance(value, str):
            parts.append(value)
        elif isinstance(value, dict) or hasattr(value, "items"):
            for item in value.values():
                walk(item)
        elif isinstance(value, list | tuple) or hasattr(value, "__iter__"):
            for item in value:
                walk(getattr(item, "value", item))

    for child in stream or []:
        walk(child.value)
    return " ".join(parts)
