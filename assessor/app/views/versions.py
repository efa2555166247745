"""The versions page; its code is app_pages.versions."""

from assessor.app import versions

versions.render_page()
