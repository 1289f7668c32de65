"""The demo public site (see `cms.demo_site`): what `manage.py load_demo_data` and the end-to-end tests load."""

from .demo_site import load_home_page, load_site

__all__ = ["load_home_page", "load_site"]
