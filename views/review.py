"""The review page; its code is app_pages.review."""

from app_pages import review

review.render()
