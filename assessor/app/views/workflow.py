"""The submissions page; its code is assessor.app.workflow."""

from assessor.app import workflow

workflow.render()
