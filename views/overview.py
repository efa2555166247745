"""The overview page; its code is app_pages.overview."""

from app_pages import overview

overview.render()
