"""The standard page; its code is app_pages.standard_browser."""

from app_pages import standard_browser

standard_browser.render()
