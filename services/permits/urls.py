"""The permit application, step by step, and its unfinished drafts."""

from django.urls import path

from . import views

app_name = "permits"

urlpatterns = [
    path("autorizatii/<slug:service>/", views.apply, name="apply"),
    path("cereri-nefinalizate/<uuid:token>/", views.resume, name="draft"),
    path("cereri-nefinalizate/<uuid:token>/date/", views.details, name="details"),
    path("cereri-nefinalizate/<uuid:token>/documente/", views.documents, name="documents"),
    path("cereri-nefinalizate/<uuid:token>/documente/<int:file_id>/sterge/", views.remove_file, name="remove_file"),
    path("cereri-nefinalizate/<uuid:token>/verificare/", views.review, name="review"),
    path("cereri-nefinalizate/<uuid:token>/sterge/", views.delete, name="delete"),
]
