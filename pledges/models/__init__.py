"""Design overview of co-funding (CC2I-style campaigns), shaped to how councils buy.

* ``Campaign``: a council's procurement lead proposes a joint proof of concept or a
  co-development (of a need, or of a listed solution), with a money target *and* a
  minimum number of councils, a deadline, a funding model (all-or-nothing by default,
  or keep-what-is-pledged), a named lead and an optional match funder. Moderators
  approve it before it opens. Its state moves draft → submitted → open → funded or
  unsuccessful → in delivery → delivered (or cancelled before delivered); the allowed
  states are a database check and every move is a service under the campaign's row lock
  (``pledges.services.lifecycle``).
* ``Pledge``: one council's promise of money and/or staff days, made by one of its
  approved procurement leads; at most one live pledge per council per campaign (a
  conditional unique constraint). It may be amended or withdrawn until the deadline.
* ``LedgerEntry``: the append-only history of every pledge change (who, when, before,
  after, why). The database refuses UPDATE and DELETE on it. The campaign's
  ``pledged_gbp``, ``pledged_staff_days`` and ``council_count`` are the sums of its
  deltas, kept in the campaign row under the same lock, so they always equal the sum of
  the live pledges.
* ``Commitment``: at funding each live pledge becomes one, followed through purchase
  order raised → invoiced → paid.
* The bake-off (``models/bids.py``): weighted ``Criterion`` rows, vendors' ``Bid``\\ s,
  each pledging council's ``ConflictDeclaration`` and ``Score``\\ s, the lead's
  ``Decision``\\ s.
* Tending (``models/updates.py``): the lead's ``CampaignUpdate``\\ s, ``CampaignFollow``
  and ``ReminderSent`` (so cron never sends a reminder twice).

Money is ``Decimal`` GBP (``pledges.money``). Nothing in ``listings`` or ``hub`` imports
this app; a delivered campaign records adoptions through ``listings.services``.
"""

from pledges.models.bids import Bid, ConflictDeclaration, Criterion, Decision, Score
from pledges.models.campaigns import Campaign
from pledges.models.choices import (
    BidStatus,
    CampaignKind,
    CampaignState,
    CommitmentStatus,
    DecisionKind,
    DeliveryStage,
    FundingModel,
    LedgerKind,
    PledgeStatus,
    ReminderKind,
    SignOff,
)
from pledges.models.commitments import Commitment
from pledges.models.pledges import AppendOnlyError, LedgerEntry, Pledge
from pledges.models.updates import CampaignFollow, CampaignUpdate, ReminderSent

__all__ = [
    "AppendOnlyError",
    "Bid",
    "BidStatus",
    "Campaign",
    "CampaignFollow",
    "CampaignKind",
    "CampaignState",
    "CampaignUpdate",
    "Commitment",
    "CommitmentStatus",
    "ConflictDeclaration",
    "Criterion",
    "Decision",
    "DecisionKind",
    "DeliveryStage",
    "FundingModel",
    "LedgerEntry",
    "LedgerKind",
    "Pledge",
    "PledgeStatus",
    "ReminderKind",
    "ReminderSent",
    "Score",
    "SignOff",
]
