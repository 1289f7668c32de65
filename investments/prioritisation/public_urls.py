"""The citizens' pages of the prioritisation rounds at /investitii/prioritizare/ (namespace "prioritisation_public");
included before the investments' public pages, whose /investitii/<code>/ would otherwise catch them."""

from django.urls import path

from .views import public, results

app_name = "prioritisation_public"

urlpatterns = [
    path("investitii/prioritizare/", public.round_list, name="round_list"),
    path("investitii/prioritizare/<int:pk>/", public.round_detail, name="round_detail"),
    path("investitii/prioritizare/<int:pk>/vot/", public.vote, name="vote"),
    path("investitii/prioritizare/<int:pk>/comentariu/<int:candidate_pk>/", public.comment, name="comment"),
    path("investitii/prioritizare/<int:pk>/clasament.csv", results.opendata_csv, name="opendata_csv"),
]
