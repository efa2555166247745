"""DCR Assessor front end from a checkout (`streamlit run app.py`); installed, `dcr app` runs the same pages."""

from assessor.app.main import run

run()
