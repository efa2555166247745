"""The standard page; its code is app_pages.standard_browser."""

from assessor.app import standard_browser

standard_browser.render()
