"""Co-funded proofs of concept, pledges and their ledger (filled in by the pledging issue)."""
