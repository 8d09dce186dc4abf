from django.urls import reverse

import pytest

from hub.factories import CouncilFactory, MembershipFactory, UserFactory
from hub.models import Membership, MembershipRole, MembershipStatus

pytestmark = pytest.mark.django_db


def test_list_shows_councils_with_their_codes(client, council):
    response = client.get("/organisations/")
    assert response.status_code == 200
    assert "Camden" in response.text
    assert "E09000007" in response.text


def test_list_filters_by_nation(client):
    CouncilFactory(name="Cardiff", nation="Wales")
    CouncilFactory(name="Leeds", nation="England")
    response = client.get("/organisations/", {"nation": "Wales"})
    assert "Cardiff" in response.text
    assert "Leeds" not in response.text


def test_list_searches_by_gss_code(client, council):
    CouncilFactory(name="Leeds")
    response = client.get("/organisations/", {"q": "E09000007"})
    assert "Camden" in response.text
    assert "Leeds" not in response.text


def test_list_hides_former_councils_unless_asked(client):
    CouncilFactory(name="Moyle", is_current=False)
    assert "Moyle" not in client.get("/organisations/").text
    assert "Moyle" in client.get("/organisations/", {"former": "on"}).text


def test_list_ignores_invalid_filter_values_instead_of_failing(client, council):
    response = client.get("/organisations/", {"nation": "Atlantis", "page": "banana"})
    assert response.status_code == 200
    assert "Camden" in response.text


def test_list_paginates_and_keeps_filters_in_links(client):
    CouncilFactory.create_batch(55, nation="Scotland")
    response = client.get("/organisations/", {"nation": "Scotland"})
    assert response.context["page"].paginator.num_pages == 2
    assert "nation=Scotland&amp;page=2" in response.text


def test_empty_results_explain_what_to_do(client):
    response = client.get("/organisations/", {"q": "zzz-no-such-place"})
    assert "No organisations match" in response.text


def test_detail_page_shows_council_facts(client, council):
    response = client.get(reverse("organisation_detail", args=["camden"]))
    assert response.status_code == 200
    assert "E09000007" in response.text
    assert "270,029" in response.text


def test_detail_page_of_unknown_slug_is_404(client, db):
    assert client.get("/organisations/atlantis/").status_code == 404


def test_signed_in_user_can_ask_to_join(client, user, council):
    client.force_login(user)
    response = client.post(reverse("membership_request", args=["camden"]))
    assert response.status_code == 302
    assert Membership.objects.get(user=user, organisation=council).status == "pending"


def test_anonymous_visitor_is_sent_to_sign_in_to_join(client, council):
    response = client.post(reverse("membership_request", args=["camden"]))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    assert not Membership.objects.exists()


def test_council_admin_sees_and_approves_requests(client, user, council):
    admin = MembershipFactory(organisation=council, role=MembershipRole.ADMIN).user
    pending = MembershipFactory(user=user, organisation=council, status=MembershipStatus.PENDING)
    client.force_login(admin)
    page = client.get(reverse("organisation_detail", args=["camden"]))
    assert "Requests to join" in page.text
    assert str(user) in page.text
    response = client.post(
        reverse("membership_decide", args=["camden", pending.pk]),
        {"decision": "approve", "role": "procurement_lead"},
    )
    assert response.status_code == 302
    pending.refresh_from_db()
    assert (pending.status, pending.role) == ("approved", "procurement_lead")


def test_member_without_admin_role_cannot_decide(client, user, council):
    member = MembershipFactory(organisation=council).user
    pending = MembershipFactory(user=user, organisation=council, status=MembershipStatus.PENDING)
    client.force_login(member)
    response = client.post(
        reverse("membership_decide", args=["camden", pending.pk]),
        {"decision": "approve", "role": "admin"},
    )
    assert response.status_code == 403
    pending.refresh_from_db()
    assert pending.status == "pending"


def test_non_admin_does_not_see_requests(client, user, council):
    MembershipFactory(organisation=council, status=MembershipStatus.PENDING)
    client.force_login(user)
    assert "Requests to join" not in client.get("/organisations/camden/").text


def test_account_page_lists_memberships(client, council):
    membership = MembershipFactory(organisation=council, role=MembershipRole.PROCUREMENT_LEAD)
    client.force_login(membership.user)
    response = client.get(reverse("account_dashboard"))
    assert "Camden" in response.text
    assert "Procurement lead" in response.text


def test_account_page_needs_sign_in(client, db):
    response = client.get(reverse("account_dashboard"))
    assert response.status_code == 302


def test_user_factory_default_is_verified(db):
    from allauth.account.models import EmailAddress

    person = UserFactory()
    assert EmailAddress.objects.get(user=person).verified
