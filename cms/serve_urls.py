"""Wagtail's page URLs with the page view behind the page cache (the name stays `wagtail_serve`: Wagtail reverses it)."""

from django.urls import re_path
from wagtail import urls as wagtail_urls

from . import views

urlpatterns = [
    *wagtail_urls.urlpatterns[:-1],  # the password and login views of restricted pages
    re_path(wagtail_urls.serve_pattern, views.serve, name="wagtail_serve"),
]
