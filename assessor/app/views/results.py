"""The results page; its code is app_pages.results."""

from assessor.app import results

results.render()
