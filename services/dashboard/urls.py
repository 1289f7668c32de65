"""The ISO 9001 §9.1 indicators of heads of department and the quality manager."""

from django.urls import path

from . import views

app_name = "dashboard"

urlpatterns = [
    path("", views.indicators, name="indicators"),
    path("indicatori.csv", views.indicators_csv, name="indicators_csv"),
    path("evaluari.csv", views.ratings_csv, name="ratings_csv"),
]
