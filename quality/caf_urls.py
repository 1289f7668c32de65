"""Filled in by the CAF self-assessment work (issue #19)."""

urlpatterns = []
