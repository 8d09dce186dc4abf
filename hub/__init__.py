"""The Django project and what every app shares.

Owns: settings (``hub.settings``) and the environment (``hub.env``), URLs, the home page,
organisations (councils from mySociety's list, vendors, public bodies), accounts and
memberships (``hub.permissions``), the service-area taxonomy, the API router and its
plumbing (``hub.api``), money and number formatting (``hub.formatting``), absolute links,
the Content-Security-Policy and the GOV.UK shell. Imports none of the apps.
"""
