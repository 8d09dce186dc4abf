"""Following solutions: one digest email of each followed solution's news.

* ``services``: ``solution_follow`` / ``solution_unfollow`` change one user's follow of one
  solution; ``solution_update_record`` records a piece of news (the pledges app calls it
  for new co-funding campaigns).
* ``receivers``: record new adopters and evidence (connected from ``ListingsConfig.ready``).
* ``digest``: ``follow_digest_send`` emails one user one digest and moves each follow's
  cursor past what it sent, in one transaction, so running ``send_follow_digests`` twice
  never sends the same update twice.
* ``views``: the Follow/Unfollow buttons.
* The models are ``SolutionFollow`` and ``SolutionUpdate`` in ``listings/models/follows.py``.
"""
