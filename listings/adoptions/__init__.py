"""Adoptions ("who uses this") and savings evidence, recorded by councils and reported by anyone.

* ``services``: record, report, confirm and attest (who may: ``listings.permissions``).
* ``forms`` and ``views``: the pages behind the solution page's adoption buttons.
* The models are ``Adoption`` and ``SavingsEvidence`` in ``listings/models/records.py``;
  each solution's derived figures are ``listings.services``'.
"""
