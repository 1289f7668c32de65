"""How the demo site is written: pages created once and published, translations made through wagtail-localize."""

import io

from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments


def stream(*blocks):
    """A StreamField's raw value with fixed block ids, so that each language's copy has the same structure."""
    return [{"type": kind, "value": value, "id": f"b{n}"} for n, (kind, value) in enumerate(blocks, start=1)]


def items(*values):
    """A ListBlock's raw value with fixed item ids (see `stream`)."""
    return [{"type": "item", "value": value, "id": f"i{n}"} for n, value in enumerate(values, start=1)]


def ensure_page(parent, model, fields, **common):
    """The page `model` under `parent` with the Romanian `fields`, created and published if it is not there yet.

    An existing page is left as editors left it: loading the demo again changes nothing."""
    page = model.objects.child_of(parent).filter(slug=fields["slug"]).first()
    if page is None:
        page = parent.add_child(instance=model(locale_id=parent.locale_id, **common, **fields))
        page.save_revision().publish()
    return page


def ensure_translation(page, language, fields, patch=None):
    """The page's translation into `language`, made through wagtail-localize with `fields` as the translated text.

    Each translated string is stored in wagtail-localize's translation memory for the page's source, so editors see
    a synced translation they can update when the Romanian page changes. `patch(translation)` sets what
    wagtail-localize keeps synchronised with the source instead of translating (inline panels, table cells)."""
    locale = Locale.objects.get(language_code=language)
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    source, _created = TranslationSource.update_or_create_from_instance(page)
    translated = source.as_instance()
    for name, value in fields.items():
        setattr(translated, name, value)
    wanted = {
        (segment.path, segment.order): segment.string.data
        for segment in extract_segments(translated)
        if isinstance(segment, StringSegmentValue)
    }
    for segment in StringSegment.objects.filter(source=source).select_related("context", "string"):
        key = (segment.context.path, segment.order)
        if key not in wanted:
            raise ValueError(f"{page.title}: no {language} text for {key} ({segment.string.data[:60]!r})")
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": wanted[key], "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
        )
    translation, _created = source.create_or_update_translation(locale, publish=False)
    translation = translation.specific
    if patch is not None:
        patch(translation)
        translation.save()
    translation.save_revision().publish()
    return translation


def republish(page):
    page.save_revision().publish()


def ensure_image(title, alt_text, colours):
    """A small generated PNG (a banner in the institution's colours) as a Wagtail image, once."""
    model = get_image_model()
    image = model.objects.filter(title=title).first()
    if image is not None:
        return image
    if Collection.get_first_root_node() is None:  # a database emptied by a test keeps no migration's rows
        Collection.add_root(name="Root")
    picture = PillowImage.new("RGB", (640, 360), colours[0])
    draw = ImageDraw.Draw(picture)
    for n in range(6):
        draw.rectangle([40 + n * 100, 200 - n * 25, 110 + n * 100, 320], fill=colours[1])
    draw.rectangle([0, 330, 640, 360], fill=colours[2])
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    image = model(title=title, file=ImageFile(buffer, name="anunt-demo.png"))
    if hasattr(image, "description"):
        image.description = alt_text
    image.save()
    return image
