"""Filing petitions and information requests online."""

from django.urls import path

from . import views

app_name = "petitions"

urlpatterns = [
    path("petitii/confirmare/<str:token>/", views.confirm, name="confirm"),
    path("petitii/statistici/", views.statistics, name="statistics"),
    path("petitii/<slug:service>/", views.file, name="file"),
]
