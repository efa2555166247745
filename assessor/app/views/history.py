"""The history page; its code is assessor.app.history."""

from assessor.app import history

history.render()
