"""The public site's own views, under the language prefix like its pages (/cautare/, /hu/cautare/)."""

from django.urls import path

from . import views

app_name = "cms"

urlpatterns = [
    path("cautare/", views.search, name="search"),
    path("limba/<int:page_id>/<str:language>/", views.page_in_language, name="page_in_language"),
]
