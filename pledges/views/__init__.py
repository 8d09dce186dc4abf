"""The co-funding pages: thin views over ``pledges.services`` and ``pledges.selectors``.

* ``campaigns``: the list, "waiting for co-funders", a campaign's page, its ledger, follow;
* ``pledging``: the pledge question pages through check your answers, withdrawing,
  "My council's pledges" and following the money;
* ``proposing``: proposing a campaign, through check your answers;
* ``running``: the lead's page (updates, stage gates, closing, delivery, cancelling);
* ``bakeoff``: criteria, bids, the conflict declaration and scores, the lead's decisions.

Who may do what is asked of ``pledges.permissions``; a refusal the service raises is
shown to the person, never turned into a 500.
"""
