"""The overview page; its code is app_pages.overview."""

from assessor.app import overview

overview.render()
