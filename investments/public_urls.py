"""The public pages of investments: list, map, each investment's page, following it, and the open data."""

from django.urls import path

from . import opendata, public

app_name = "investments_public"

urlpatterns = [
    path("investitii/", public.investment_list, name="list"),
    path("investitii/harta/", public.investment_map, name="map"),
    path("investitii/date-deschise.csv", opendata.opendata_csv, name="opendata_csv"),
    path("investitii/date-deschise.json", opendata.opendata_json, name="opendata_json"),
    path("investitii/<str:code>/", public.investment_detail, name="detail"),
    path("investitii/<str:code>/urmarire/", public.follow, name="follow"),
    path("investitii/<str:code>/renuntare/", public.unfollow, name="unfollow"),
]
