"""The permit application."""

from django.urls import path

from . import views

app_name = "permits"

urlpatterns = [
    path("autorizatii/<slug:service>/", views.apply, name="apply"),
]
