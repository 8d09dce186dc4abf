"""Submitting listings: answers, the services that send them to moderation, and the forms.

* ``answers``: the one schema of a listing's answers (a dict of JSON values), its
  validation (``ListingAnswersForm``) and the conversions to and from a page.
* ``services``: start, save, send and decide submissions; proposals of changes.
* ``councils``: match publiccode.yml ``usedBy`` names to councils.
"""
