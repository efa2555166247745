"""The results page; its code is app_pages.results."""

from app_pages import results

results.render()
