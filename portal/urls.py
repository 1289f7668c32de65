"""Root URL configuration."""

from django.conf import settings
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from . import views

portal_patterns = (
    [
        path("contul-meu/", views.dashboard, name="dashboard"),
        path("contul-meu/profil/", views.profile, name="profile"),
        path("declaratie-accesibilitate/", views.accessibility, name="accessibility"),
    ],
    "portal",
)

urlpatterns = [
    path("healthz/", views.healthz, name="healthz"),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("accounts/", include("allauth.urls")),
    # Everyone signs in through allauth, so staff always pass the two-factor step: Wagtail's own forms lead there.
    path("admin/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    path("admin/password_reset/", RedirectView.as_view(pattern_name="account_reset_password")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include(portal_patterns)),
    path("", include("services.urls")),
    path("", include("petitions.urls")),
    path("", include("services.permits.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns.append(path("", include(wagtail_urls)))
