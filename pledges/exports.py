"""Exports of funded campaigns and their pledges: CSV, OCDS 1.1 and 360Giving.

* CSV: one row per live pledge of every funded, in-delivery or delivered campaign.
* OCDS 1.1 release package (https://standard.open-contracting.org/1.1/): one release per
  campaign. A joint procurement has no single ``buyer``: every pledging council is a
  party with the role ``buyer``, the lead council is ``tender.procuringEntity``, and each
  council's share is a ``planning.budget.budgetBreakdown`` entry whose ``sourceParty`` is
  that council. ocids are ``<PLEDGES_OCDS_OCID_PREFIX>-<campaign slug>``.
* 360Giving (https://standard.threesixtygiving.org/): one grant per paying council (a
  commitment with money) of each funded, in-delivery or delivered campaign, from that
  council to the lead council; grant ids are ``360G-<PLEDGES_360GIVING_PREFIX>-...``.

Organisations are named by their org-id.guide identifier where a council has one
(GB-LAE England, GB-PLA Wales, GB-LAS Scotland, all keyed on the register code the hub
loads from mySociety); otherwise by an identifier under the hub's own prefix.
Amounts in JSON are numbers of pounds with pence (as both standards require).
"""

from __future__ import annotations

import csv
import io
from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from hub.models import Organisation
from hub.models.organisations import Nation, OrganisationKind
from listings.exports import neutralise_formula
from pledges.models import Bid, BidStatus, Campaign, CampaignState, Pledge
from pledges.money import CURRENCY
from pledges.selectors import export_pledges, funded_campaigns_for_export

OCDS_VERSION = "1.1"
#: org-id.guide lists of UK local authorities, keyed on the three-letter register code.
ORG_ID_SCHEMES = {
    Nation.ENGLAND: "GB-LAE",
    Nation.WALES: "GB-PLA",
    Nation.SCOTLAND: "GB-LAS",
}

CSV_HEADER = [
    "Campaign",
    "Campaign URL",
    "State",
    "Funding model",
    "Lead council",
    "Lead council GSS code",
    "Target GBP",
    "Pledged at settlement GBP",
    "Match funder",
    "Match funding GBP",
    "Council",
    "Council GSS code",
    "Council org-id",
    "Pledge status",
    "Amount GBP",
    "Staff days",
    "Sign-off",
    "Budget year",
    "Commitment status",
    "Purchase order",
    "Ordered",
    "Invoiced",
    "Paid",
]


def org_id(organisation: Organisation) -> tuple[str, str]:
    """(scheme, identifier) from org-id.guide for a council that has one, else the hub's."""
    scheme = ORG_ID_SCHEMES.get(organisation.nation)
    code = organisation.local_authority_code or ""
    if (
        organisation.kind == OrganisationKind.COUNCIL
        and scheme
        and organisation.is_current
        and len(code) == 3
        and code.isalpha()
    ):
        return scheme, code.upper()
    return f"XI-HUB-{settings.PLEDGES_360GIVING_PREFIX}", organisation.slug


def org_id_text(organisation: Organisation) -> str:
    scheme, identifier = org_id(organisation)
    return f"{scheme}-{identifier}"


def _iso(value: datetime | None) -> str:
    return timezone.localtime(value).isoformat() if value else ""


def _money(amount: Decimal) -> dict:
    return {"amount": float(amount), "currency": CURRENCY}


def _absolute(path: str) -> str:
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{path}"


def _campaigns_and_pledges():
    campaigns = list(funded_campaigns_for_export())
    return campaigns, export_pledges(campaigns)


# CSV -------------------------------------------------------------------------------------------


def campaigns_csv() -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    campaigns, pledges = _campaigns_and_pledges()
    for campaign in campaigns:
        for pledge in pledges.get(campaign.pk, []):
            commitment = getattr(pledge, "commitment", None)
            row = [
                campaign.title,
                _absolute(campaign.get_absolute_url()),
                campaign.get_state_display(),
                campaign.get_funding_model_display(),
                campaign.lead_council.name,
                campaign.lead_council.gss_code or "",
                campaign.target_gbp,
                campaign.settled_gbp if campaign.settled_gbp is not None else "",
                campaign.match_funder.name if campaign.match_funder else "",
                campaign.match_gbp if campaign.match_gbp is not None else "",
                pledge.council.name,
                pledge.council.gss_code or "",
                org_id_text(pledge.council),
                pledge.get_status_display(),
                pledge.amount_gbp,
                pledge.staff_days,
                pledge.get_sign_off_display(),
                pledge.budget_year,
                commitment.get_status_display() if commitment else "",
                commitment.po_number if commitment else "",
                _iso(commitment.ordered_at) if commitment else "",
                _iso(commitment.invoiced_at) if commitment else "",
                _iso(commitment.paid_at) if commitment else "",
            ]
            writer.writerow([neutralise_formula(cell) for cell in row])
    return out.getvalue()


# OCDS ------------------------------------------------------------------------------------------


def ocid(campaign: Campaign) -> str:
    return f"{settings.PLEDGES_OCDS_OCID_PREFIX}-{campaign.slug}"


def _party(organisation: Organisation, roles: list[str]) -> dict:
    scheme, identifier = org_id(organisation)
    party = {
        "id": f"{scheme}-{identifier}",
        "name": organisation.official_name or organisation.name,
        "identifier": {"scheme": scheme, "id": identifier, "legalName": organisation.name},
        "roles": roles,
    }
    if organisation.website:
        party["details"] = {"url": organisation.website}
    return party


def _release(campaign: Campaign, pledges: list[Pledge], winner: Bid | None) -> dict:
    released = campaign.settled_at or campaign.updated_at
    parties: dict[int, dict] = {}
    for pledge in pledges:
        parties[pledge.council_id] = _party(pledge.council, ["buyer"])
    lead = parties.setdefault(campaign.lead_council_id, _party(campaign.lead_council, []))
    lead["roles"] = sorted({*lead["roles"], "procuringEntity"})
    if campaign.match_funder is not None:
        parties[campaign.match_funder_id] = _party(campaign.match_funder, ["funder"])
    if winner is not None:
        parties.setdefault(winner.vendor_id, _party(winner.vendor, []))["roles"] = [
            "supplier",
            "tenderer",
        ]
    tags = ["planning", "tender"] + (["award"] if winner else [])
    release = {
        "ocid": ocid(campaign),
        "id": f"{ocid(campaign)}-{released:%Y%m%dT%H%M%S}",
        "date": _iso(released),
        "tag": tags,
        "initiationType": "tender",
        "language": "en",
        "parties": list(parties.values()),
        "planning": {
            "rationale": campaign.business_case,
            "budget": {
                "description": f"Pledged by {len(pledges)} councils for {campaign.budget_year}",
                "amount": _money(sum((p.amount_gbp for p in pledges), Decimal("0"))),
                "budgetBreakdown": [
                    {
                        "id": str(pledge.public_id),
                        "description": f"{pledge.council.name}'s share",
                        "amount": _money(pledge.amount_gbp),
                        "sourceParty": {
                            "id": parties[pledge.council_id]["id"],
                            "name": parties[pledge.council_id]["name"],
                        },
                    }
                    for pledge in pledges
                ],
            },
        },
        "tender": {
            "id": campaign.slug,
            "title": campaign.title,
            "description": campaign.pitch,
            "status": "complete" if winner or campaign.state != CampaignState.FUNDED else "active",
            "procuringEntity": {"id": lead["id"], "name": lead["name"]},
            "value": _money(campaign.target_gbp),
            "procurementMethodDetails": campaign.procurement_route,
            "tenderPeriod": {
                "startDate": _iso(campaign.opens_at),
                "endDate": _iso(campaign.closes_at),
            },
        },
    }
    if winner is not None:
        release["awards"] = [
            {
                "id": f"{campaign.slug}-award",
                "status": "active",
                "value": _money(winner.price_gbp),
                "suppliers": [
                    {
                        "id": parties[winner.vendor_id]["id"],
                        "name": parties[winner.vendor_id]["name"],
                    }
                ],
            }
        ]
    return release


def ocds_release_package(*, uri: str) -> dict:
    campaigns, pledges = _campaigns_and_pledges()
    winners = {
        bid.campaign_id: bid
        for bid in Bid.objects.filter(campaign__in=campaigns, status=BidStatus.WON).select_related(
            "vendor"
        )
    }
    return {
        "uri": uri,
        "version": OCDS_VERSION,
        "publishedDate": timezone.now().isoformat(),
        "publisher": {"name": settings.WAGTAIL_SITE_NAME, "uri": _absolute("/")},
        "publicationPolicy": _absolute("/campaigns/"),
        "releases": [
            _release(campaign, pledges.get(campaign.pk, []), winners.get(campaign.pk))
            for campaign in campaigns
        ],
    }


# 360Giving -------------------------------------------------------------------------------------


def _grant_org(organisation: Organisation) -> dict:
    return {
        "id": org_id_text(organisation),
        "name": organisation.official_name or organisation.name,
    }


def threesixtygiving_grants(*, uri: str) -> dict:
    """One grant per paying council of each funded campaign: its commitment's money."""
    prefix = settings.PLEDGES_360GIVING_PREFIX
    campaigns, pledges = _campaigns_and_pledges()
    grants = []
    for campaign in campaigns:
        for pledge in pledges.get(campaign.pk, []):
            commitment = getattr(pledge, "commitment", None)
            if commitment is None or commitment.amount_gbp <= 0:
                continue
            awarded = campaign.settled_at or commitment.created_at
            grants.append(
                {
                    "id": f"360G-{prefix}-{campaign.slug}-{pledge.council.slug}",
                    "title": f"{pledge.council.name} towards “{campaign.title}”",
                    "description": campaign.pitch,
                    "currency": CURRENCY,
                    "amountAwarded": float(commitment.amount_gbp),
                    "awardDate": timezone.localtime(awarded).date().isoformat(),
                    "fundingOrganization": [_grant_org(pledge.council)],
                    "recipientOrganization": [_grant_org(campaign.lead_council)],
                    "dateModified": _iso(campaign.updated_at),
                    "dataSource": _absolute(campaign.get_absolute_url()),
                }
            )
    return {"grants": grants, "uri": uri}
