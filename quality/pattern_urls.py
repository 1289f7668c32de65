"""Filled in by the nonconformity work (issue #22)."""

urlpatterns = []
