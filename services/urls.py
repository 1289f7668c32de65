"""URLs of the services app: the citizen's pages and the clerks' back office (/birou/)."""

from django.urls import include, path

from .citizen import rating

# The rating of the service: from the case page (signed in) and from the e-mail's link (without signing in).
rating_urls = [
    path("dosarele-mele/<str:registration_number>/evaluare/", rating.answer_on_case, name="answer"),
    path("evaluare/<str:token>/", rating.answer_by_token, name="by_token"),
]

urlpatterns = [
    path("", include("services.citizen.urls")),
    path("", include((rating_urls, "ratings"))),
    path("birou/indicatori/", include("services.dashboard.urls")),
    path("birou/", include("services.desk.urls")),
    path("birou/", include("services.backoffice.urls")),
]
