"""Co-funding: campaigns, pledges and their append-only ledger, bake-offs, settlement.

See ``pledges.models`` for the design overview.
"""
