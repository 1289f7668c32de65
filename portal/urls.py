"""Root URL configuration."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.generic import RedirectView
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
    path("", include("payments.urls")),
    path("", include("quality.urls")),
    path("", include("quality.public_urls")),
    path("", include("quality.report_urls")),
    path("", include("investments.urls")),
    path("", include("investments.prioritisation.urls")),
    path("", include("investments.prioritisation.public_urls")),
    path("", include("investments.public_urls")),
]

if not settings.PRODUCTION:
    # The embedded defaults (make run) serve the public media (Wagtail's images) themselves, DEBUG or not; in
    # production they come from object storage or the web server. `static()` only serves with DEBUG on, so the
    # view is routed here directly.
    from django.urls import re_path
    from django.views.static import serve

    urlpatterns.append(
        re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    )

# The public site: Romanian at /, Hungarian at /hu/, English at /en/ (portal.middleware.LocaleMiddleware).
urlpatterns += i18n_patterns(
    path("", include("cms.urls")),
    path("", include("cms.serve_urls")),
    prefix_default_language=False,
)
