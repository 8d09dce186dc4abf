"""Every state change of the co-funding module, one module per concept.

* ``lifecycle``: propose, submit, approve, settle, deliver, cancel a campaign;
* ``pledging``: create, amend and withdraw a pledge (and its ledger entries, ``ledger``);
* ``commitments``: purchase order raised, invoiced, paid;
* ``bakeoff``: criteria, bids, conflict declarations, scores, decisions;
* ``tending``: the lead's updates and following a campaign;
* ``reminders``: the cron-run reminders and update digests.

Each service is ``<entity>_<action>(*, ...)`` under ``transaction.atomic`` and takes the
campaign's row lock first (``lock_campaign``), then any pledge or commitment row, so two
changes to one campaign always run one after the other and never deadlock.
"""
