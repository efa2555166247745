"""The Streamlit front end: pages over the public API, drafts autosaved to a workspace folder."""
