"""The review page; its code is app_pages.review."""

from assessor.app import review

review.render()
