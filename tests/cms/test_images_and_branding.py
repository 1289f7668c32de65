"""Images are prepared when a page is published; the institution's logo and colour brand every page."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.images.models import Image, Rendition
from wagtail.images.tests.utils import get_test_image_file

from cms import renditions
from cms.models import NewsPage
from portal.branding import contrast_with_white, validate_brand_colour
from portal.models import InstitutionSettings

from .conftest import publish

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def image(db):
    return Image.objects.create(title="Strada Morii", file=get_test_image_file(size=(900, 600)))


def test_publishing_a_news_item_prepares_the_renditions_its_pages_show(client, public_site, image):
    item = NewsPage(title="Lucrări", slug="lucrari", summary="Strada Morii.", image=image, image_alt="Strada Morii")
    public_site.news.add_child(instance=item)
    assert not Rendition.objects.filter(image=image).exists()  # created, not yet published
    publish(item)
    prepared = set(Rendition.objects.filter(image=image).values_list("filter_spec", flat=True))
    assert prepared == {renditions.CONTENT, renditions.NEWS_LIST}

    assert client.get("/anunturi/").status_code == 200
    assert client.get("/anunturi/lucrari/").status_code == 200
    assert Rendition.objects.filter(image=image).count() == 2  # the visits made none


def test_an_image_block_is_prepared_on_publish(public_site, image):
    page = public_site.about
    page.body = [("image", {"image": image, "alt_text": "Primăria", "caption": ""})]
    publish(page)
    assert list(Rendition.objects.filter(image=image).values_list("filter_spec", flat=True)) == [renditions.CONTENT]


@pytest.mark.parametrize("colour", ["#1d3f72", "#0b0c0c", "#005ea5", "#8b0000"])
def test_a_dark_enough_colour_is_accepted(colour):
    validate_brand_colour(colour)
    assert contrast_with_white(colour) >= 4.5


@pytest.mark.parametrize("colour", ["#ffcc00", "#00a3e0", "#ffffff", "#7f7f7f"])
def test_a_colour_white_text_cannot_be_read_on_is_refused(colour):
    with pytest.raises(ValidationError, match="4.5:1"):
        validate_brand_colour(colour)


@pytest.mark.parametrize("colour", ["1d3f72", "#1d3f7", "#1d3f72a", "navy", ""])
def test_a_colour_must_be_written_as_six_hex_digits(colour):
    with pytest.raises(ValidationError, match="#1d3f72"):
        validate_brand_colour(colour)


def test_every_page_wears_the_institutions_colour_and_logo(client, public_site, image):
    institution = InstitutionSettings.load()
    institution.brand_colour = "#7a1f2b"
    institution.logo = image
    institution.save()
    for url in ("/", "/verifica-dosar/"):
        body = client.get(url).content.decode()
        assert "<style>:root { --portal-brand: #7a1f2b; }</style>" in body
        assert '<img class="portal-header__logo" src="' in body
    assert Rendition.objects.filter(image=image, filter_spec="height-80").exists()
