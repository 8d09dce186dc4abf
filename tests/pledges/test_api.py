"""The co-funding API: campaigns, pledging with an Idempotency-Key, amending, withdrawing,
the ledger. Bad input has its own file (test_api_bad_input.py)."""

from decimal import Decimal

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from hub.factories import CouncilFactory, UserFactory
from hub.models import IdempotencyKey
from pledges.factories import CampaignFactory, PledgeFactory, procurement_lead
from pledges.models import CampaignState, LedgerEntry, Pledge, PledgeStatus
from pledges.services.settlement import campaign_settle
from tests.concurrency import run_at_once, skip_unless_threads_can_share_the_test_database

pytestmark = pytest.mark.django_db
KEY = "Idempotency-Key"


def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


@pytest.fixture
def camden():
    return CouncilFactory(camden=True)


@pytest.fixture
def api(camden):
    return token_client(procurement_lead(camden))


def pledge_url(campaign):
    return f"/api/v1/campaigns/{campaign.slug}/pledges/"


def post_pledge(client, campaign, key="pledge-1", **body):
    body.setdefault("council", "camden")
    body.setdefault("amount_gbp", "25000.00")
    return client.post(pledge_url(campaign), body, format="json", headers={KEY: key})


# Campaigns


def test_campaigns_are_listed_with_their_totals(client, campaign):
    PledgeFactory(campaign=campaign, amount_gbp=Decimal("1234.50"))
    CampaignFactory(state=CampaignState.DRAFT)

    body = client.get("/api/v1/campaigns/").json()

    assert body["count"] == 1
    (item,) = body["results"]
    assert item["slug"] == campaign.slug
    assert (item["pledged_gbp"], item["currency"], item["council_count"]) == ("1234.50", "GBP", 1)
    assert item["target_gbp"] == "100000.00"
    assert item["lead_council"]["slug"] == campaign.lead_council.slug


def test_campaigns_filter_like_the_page(client):
    CampaignFactory(title="Open one")
    CampaignFactory(title="Funded one", state=CampaignState.FUNDED)

    funded = client.get("/api/v1/campaigns/", {"state": "funded"}).json()
    waiting = client.get("/api/v1/campaigns/", {"waiting": "true"}).json()

    assert [c["title"] for c in funded["results"]] == ["Funded one"]
    assert [c["title"] for c in waiting["results"]] == ["Open one"]


@pytest.mark.parametrize(
    "query", [{"colour": "red"}, {"state": "draft"}, {"region": "x" * 101}, {"waiting": "maybe"}]
)
def test_bad_list_parameters_are_400(client, query):
    assert client.get("/api/v1/campaigns/", query).status_code == 400


def test_a_campaign_in_detail_names_its_councils(client, campaign, camden):
    PledgeFactory(campaign=campaign, council=camden, amount_gbp=Decimal("500"))

    body = client.get(f"/api/v1/campaigns/{campaign.slug}/").json()

    assert [p["council"]["slug"] for p in body["pledges"]] == ["camden"]
    assert body["pledges"][0]["amount_gbp"] == "500.00"
    assert body["money_followed"] is None


def test_drafts_are_not_in_the_api(client):
    draft = CampaignFactory(state=CampaignState.DRAFT)

    assert client.get(f"/api/v1/campaigns/{draft.slug}/").status_code == 404


# Pledging


def test_a_procurement_lead_pledges_with_a_token(api, campaign):
    response = post_pledge(api, campaign, amount_gbp="25000.50", staff_days="2.5")

    assert response.status_code == 201
    body = response.json()
    assert (body["amount_gbp"], body["staff_days"], body["currency"]) == ("25000.50", "2.5", "GBP")
    assert body["council"]["slug"] == "camden" and body["status"] == "pledged"
    assert response["Location"] == body["url"]
    assert isinstance(response["Location"], str)
    campaign.refresh_from_db()
    assert campaign.pledged_gbp == Decimal("25000.50")


def test_a_json_number_amount_is_read_too(api, campaign):
    assert post_pledge(api, campaign, amount_gbp=1250.5).json()["amount_gbp"] == "1250.50"


def test_a_retried_pledge_gets_the_first_answer_and_pledges_once(api, campaign):
    first = post_pledge(api, campaign)
    retry = post_pledge(api, campaign)

    assert first.status_code == retry.status_code == 201
    assert retry.json() == first.json()
    assert retry["Idempotent-Replayed"] == "true"
    assert Pledge.objects.count() == 1
    assert LedgerEntry.objects.count() == 1


def test_the_key_reused_with_another_body_is_422_and_changes_nothing(api, campaign):
    post_pledge(api, campaign, amount_gbp="100")

    reused = post_pledge(api, campaign, amount_gbp="200")

    assert reused.status_code == 422
    assert "different request" in reused.json()["detail"]
    assert Pledge.objects.get().amount_gbp == Decimal("100")
    assert LedgerEntry.objects.count() == 1


def test_a_new_key_for_a_second_pledge_is_refused_as_already_pledged(api, campaign):
    post_pledge(api, campaign, key="one")

    second = post_pledge(api, campaign, key="two")

    assert second.status_code == 400
    assert "already pledged" in str(second.json())


def test_a_pledge_without_a_key_is_refused(api, campaign):
    response = api.post(
        pledge_url(campaign), {"council": "camden", "amount_gbp": "1"}, format="json"
    )

    assert response.status_code == 400
    assert KEY in response.json()
    assert not Pledge.objects.exists()


def test_pledging_needs_credentials(campaign):
    response = post_pledge(APIClient(), campaign)

    assert response.status_code == 401
    assert not Pledge.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_identical_pledges_at_once_pledge_once():
    skip_unless_threads_can_share_the_test_database()
    campaign = CampaignFactory()
    lead = procurement_lead(CouncilFactory(camden=True))
    clients = [token_client(lead), token_client(lead)]
    answers = []

    run_at_once(
        [
            lambda c=client: answers.append(post_pledge(c, campaign, key="same-key"))
            for client in clients
        ]
    )

    assert sorted(a.status_code for a in answers) == [201, 201]
    assert answers[0].json() == answers[1].json()
    assert Pledge.objects.count() == 1 and LedgerEntry.objects.count() == 1
    assert IdempotencyKey.objects.count() == 1


# Amending and withdrawing


@pytest.fixture
def pledged(api, campaign):
    return post_pledge(api, campaign, amount_gbp="10000").json()


def test_amending_records_the_change(api, pledged):
    response = api.patch(
        pledged["url"],
        {"amount_gbp": "12500", "reason": "Budget confirmed", "sign_off": "budget_holder"},
        format="json",
        headers={KEY: "amend-1"},
    )

    assert response.status_code == 200
    assert (response.json()["amount_gbp"], response.json()["sign_off"]) == (
        "12500.00",
        "budget_holder",
    )
    entry = LedgerEntry.objects.order_by("pk").last()
    assert (entry.kind, entry.amount_before, entry.amount_after) == (
        "amended",
        Decimal("10000"),
        Decimal("12500"),
    )


def test_a_retried_amendment_is_applied_once(api, pledged):
    for _ in range(3):
        api.patch(
            pledged["url"],
            {"amount_gbp": "12500", "reason": "x"},
            format="json",
            headers={KEY: "amend-1"},
        )

    assert LedgerEntry.objects.filter(kind="amended").count() == 1


def test_withdrawing(api, pledged):
    response = api.post(
        f"{pledged['url']}withdraw/", {"reason": "No budget"}, format="json", headers={KEY: "w-1"}
    )

    assert response.status_code == 200 and response.json()["status"] == "withdrawn"
    assert Pledge.objects.get().status == PledgeStatus.WITHDRAWN


def test_your_pledges_are_listed_and_others_are_not_found(api, pledged, campaign):
    other = PledgeFactory(campaign=campaign)

    listed = api.get("/api/v1/pledges/").json()
    hidden = api.get(f"/api/v1/pledges/{other.public_id}/")

    assert [p["id"] for p in listed["results"]] == [pledged["id"]]
    assert hidden.status_code == 404


def test_a_committed_pledge_shows_its_commitment(api, pledged, campaign):
    campaign.min_councils, campaign.target_gbp = 1, Decimal("10000")
    campaign.save()
    campaign_settle(campaign=campaign, now=campaign.closes_at)

    body = api.get(pledged["url"]).json()

    assert body["status"] == "committed"
    assert body["commitment"]["status"] == "committed"
    assert body["commitment"]["amount_gbp"] == "10000.00"


# The ledger


def test_participants_read_the_ledger(api, pledged, campaign):
    body = api.get(f"/api/v1/campaigns/{campaign.slug}/ledger/").json()

    (entry,) = body["results"]
    assert entry["kind"] == "pledged" and entry["amount_after"] == "10000.00"
    assert entry["pledge"] == pledged["id"]


def test_the_ledger_is_not_for_outsiders(campaign, client):
    outsider = token_client(UserFactory())

    assert outsider.get(f"/api/v1/campaigns/{campaign.slug}/ledger/").status_code == 403
    assert APIClient().get(f"/api/v1/campaigns/{campaign.slug}/ledger/").status_code == 401
