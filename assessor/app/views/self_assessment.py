"""The self_assessment page; its code is app_pages.self_assessment."""

from assessor.app import self_assessment

self_assessment.render()
