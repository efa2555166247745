"""Trust: signing reports (PAdES for PDF, detached CMS for JSON) and verifying signatures, attachments and
the review's binding. Sits between reports and the API; imports nothing above it."""
