"""The portfolio page; its code is assessor.app.portfolio."""

from assessor.app import portfolio

portfolio.render()
