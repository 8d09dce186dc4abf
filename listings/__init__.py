"""The catalogue: solutions and case studies (Wagtail pages), adoptions and savings evidence,
follows, submissions and their moderation, browse/filter/search, publiccode.yml export and
the listing API.

Never imports ``harvest`` or ``pledges``: they call into ``listings`` (``listings.harvested``,
``listings.adoptions.services``, ``listings.follows.services``). docs/architecture.md has
the map of where things are.
"""
