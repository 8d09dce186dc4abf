"""GitHub harvesting through github3.py: sources, runs, harvested repositories and their
states, publiccode.yml parsing and validation, the /submit/import/ page and each
publisher's repository status page.

Writes into the catalogue only through ``listings.harvested`` and
``listings.submissions.services`` (data flows harvest -> listings).
"""
