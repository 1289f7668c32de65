"""The back office of investments, under /birou/investitii/."""

from . import import_urls, staff_urls

app_name = "investments"

urlpatterns = [*staff_urls.urlpatterns, *import_urls.urlpatterns]
