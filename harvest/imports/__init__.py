"""Importing a publiccode.yml as a submission at /submit/import/ (forms and the view)."""
