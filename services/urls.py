"""URLs of the services app: the citizen's pages and the clerks' back office (/birou/)."""

from django.urls import include, path

urlpatterns = [
    path("", include("services.citizen.urls")),
    path("birou/indicatori/", include("services.dashboard.urls")),
    path("birou/", include("services.desk.urls")),
    path("birou/", include("services.backoffice.urls")),
]
