"""The citizen's pages: my cases, a case, documents, and the public status lookup."""
from django.urls import path

from . import views

app_name = "services"

urlpatterns = [
    path("dosarele-mele/", views.my_cases, name="my_cases"),
    path("verifica-dosar/", views.lookup, name="lookup"),
]
