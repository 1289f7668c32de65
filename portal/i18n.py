"""Model fields kept in Romanian, Hungarian and English: `title` (ro), `title_hu`, `title_en`."""

from django.utils.translation import get_language


def localized(obj, field: str) -> str:
    """The value of `field` in the active language, falling back to the Romanian text when not translated."""
    lang = (get_language() or "ro")[:2]
    if lang != "ro":
        value = getattr(obj, f"{field}_{lang}", "")
        if value:
            return value
    return getattr(obj, field)


class TranslatedFieldsMixin:
    """Adds `obj.tr.<field>`: the field in the active language (usable in templates as {{ obj.tr.title }})."""

    @property
    def tr(self):
        return _Translated(self)


class _Translated:
    def __init__(self, obj):
        self._obj = obj

    def __getattr__(self, field):
        return localized(self._obj, field)
