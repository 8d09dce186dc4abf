"""Co-funding: campaigns, pledges and their append-only ledger, commitments, bake-offs,
settlement, reminders, the co-funding API and exports.

Calls into ``listings`` (a delivered campaign records adoptions) and never the other way
round. See ``pledges.models`` for the design overview.
"""
