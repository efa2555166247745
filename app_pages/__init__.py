"""The Streamlit front end's pages: thin shells over the assessor package."""
