"""Following a solution: the button, the updates recorded for followers, and the digest."""

from decimal import Decimal
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.test import Client, override_settings

import pytest
from bs4 import BeautifulSoup

from hub.factories import CouncilFactory, UserFactory
from listings.adoptions.services import adoption_record
from listings.factories import AdoptionFactory, SavingsEvidenceFactory, SolutionPageFactory
from listings.follows.digest import follow_digests_send
from listings.follows.services import solution_follow, solution_update_record
from listings.models import (
    AdoptionStatus,
    SolutionFollow,
    SolutionUpdate,
    SolutionUpdateKind,
)

pytestmark = pytest.mark.django_db


def follow_url(solution) -> str:
    return f"/solutions/{solution.pk}/follow/"


def unfollow_url(solution) -> str:
    return f"/solutions/{solution.pk}/unfollow/"


def test_signed_in_user_can_follow_a_solution(client, user):
    solution = SolutionPageFactory()
    client.force_login(user)

    response = client.post(follow_url(solution))

    assert response.status_code == 302
    assert response["Location"] == solution.url
    assert SolutionFollow.objects.filter(user=user, solution=solution).exists()


def test_following_twice_keeps_one_follow(client, user):
    solution = SolutionPageFactory()
    client.force_login(user)

    client.post(follow_url(solution))
    client.post(follow_url(solution))

    assert SolutionFollow.objects.filter(user=user, solution=solution).count() == 1


def test_signed_in_user_can_unfollow(client, user):
    solution = SolutionPageFactory()
    solution_follow(user=user, solution=solution)
    client.force_login(user)

    response = client.post(unfollow_url(solution))

    assert response.status_code == 302
    assert not SolutionFollow.objects.exists()


def test_page_shows_unfollow_to_a_follower(client, user):
    solution = SolutionPageFactory()
    solution_follow(user=user, solution=solution)
    client.force_login(user)

    soup = BeautifulSoup(client.get(solution.url).content, "html.parser")

    assert soup.find("form", action=unfollow_url(solution)) is not None
    assert soup.find("form", action=follow_url(solution)) is None


def test_anonymous_visitor_is_sent_to_sign_in_and_back(client):
    solution = SolutionPageFactory()

    response = client.post(follow_url(solution))

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={solution.url}"
    assert not SolutionFollow.objects.exists()


def test_follow_needs_post(client, user):
    solution = SolutionPageFactory()
    client.force_login(user)
    assert client.get(follow_url(solution)).status_code == 405
    assert not SolutionFollow.objects.exists()


def test_follow_needs_a_csrf_token(user):
    solution = SolutionPageFactory()
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert client.post(follow_url(solution)).status_code == 403
    assert not SolutionFollow.objects.exists()


def test_draft_solutions_cannot_be_followed(client, user):
    draft = SolutionPageFactory(live=False)
    client.force_login(user)
    assert client.post(follow_url(draft)).status_code == 404


def test_a_new_adopter_is_recorded_as_an_update():
    solution = SolutionPageFactory()
    camden = CouncilFactory(name="Camden")

    adoption_record(solution=solution, council=camden, confirmed=True)

    update = SolutionUpdate.objects.get(solution=solution)
    assert update.kind == SolutionUpdateKind.NEW_ADOPTER
    assert update.text == "Camden uses it in production (confirmed by the council)."


def test_changing_an_adoption_records_nothing_new():
    adoption = AdoptionFactory()
    SolutionUpdate.objects.all().delete()

    adoption_record(
        solution=adoption.solution, council=adoption.council, status=AdoptionStatus.RETIRED
    )

    assert not SolutionUpdate.objects.exists()


def test_new_evidence_is_recorded_as_an_update():
    adoption = AdoptionFactory(council=CouncilFactory(name="Camden"))

    SavingsEvidenceFactory(adoption=adoption, amount_gbp=Decimal("3400000"), evidence_level=3)

    update = SolutionUpdate.objects.get(kind=SolutionUpdateKind.NEW_EVIDENCE)
    assert update.solution == adoption.solution
    assert update.text == (
        "Camden added evidence: £3,400,000.00 cashable saving per year, 2023 to 2024 "
        "(Level 3 of 5: causation)."
    )


def test_campaigns_are_recorded_through_the_public_service():
    solution = SolutionPageFactory()

    update = solution_update_record(
        solution=solution,
        kind=SolutionUpdateKind.NEW_CAMPAIGN,
        text="Leeds proposes a joint proof of concept.   Pledge by 1 May.",
    )

    assert update.kind == "new_campaign"
    assert update.text == "Leeds proposes a joint proof of concept. Pledge by 1 May."


@override_settings(WAGTAILADMIN_BASE_URL="https://hub.example.org")
def test_digest_is_sent_once_with_text_html_and_links():
    solution = SolutionPageFactory(title="Resident index")
    follower = UserFactory(email="innovator@example.org")
    solution_follow(user=follower, solution=solution)
    AdoptionFactory(solution=solution, council=CouncilFactory(name="Camden"))

    first = follow_digests_send()
    second = follow_digests_send()

    assert (first.sent, first.updates_sent) == (1, 1)
    assert (second.sent, second.nothing_new) == (0, 1)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["innovator@example.org"]
    assert message.subject == "News about Resident index"
    assert "Camden uses it in production" in message.body
    link = f"https://hub.example.org{solution.url}"  # no request: the configured base URL
    assert link in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="{link}"' in html
    assert "localhost" not in message.body + html


def test_next_digest_has_only_what_is_new():
    solution = SolutionPageFactory()
    follower = UserFactory()
    solution_follow(user=follower, solution=solution)
    AdoptionFactory(solution=solution, council=CouncilFactory(name="Camden"))
    follow_digests_send()

    AdoptionFactory(solution=solution, council=CouncilFactory(name="Brent"))
    follow_digests_send()

    assert len(mail.outbox) == 2
    assert "Brent" in mail.outbox[1].body
    assert "Camden" not in mail.outbox[1].body


def test_updates_from_before_following_are_not_sent():
    solution = SolutionPageFactory()
    AdoptionFactory(solution=solution)
    solution_follow(user=UserFactory(), solution=solution)

    stats = follow_digests_send()

    assert stats.sent == 0
    assert mail.outbox == []


def test_one_digest_covers_every_followed_solution():
    follower = UserFactory()
    first, second = SolutionPageFactory.create_batch(2)
    for solution in (first, second):
        solution_follow(user=follower, solution=solution)
        AdoptionFactory(solution=solution)

    follow_digests_send()

    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "News about 2 solutions you follow"
    assert first.title in mail.outbox[0].body
    assert second.title in mail.outbox[0].body


def test_each_follower_gets_their_own_digest():
    solution = SolutionPageFactory()
    for email in ("a@example.org", "b@example.org"):
        solution_follow(user=UserFactory(email=email), solution=solution)
    AdoptionFactory(solution=solution)

    follow_digests_send()

    assert sorted(message.to[0] for message in mail.outbox) == ["a@example.org", "b@example.org"]


def test_command_reports_a_summary_and_a_second_run_sends_nothing():
    solution = SolutionPageFactory()
    solution_follow(user=UserFactory(), solution=solution)
    AdoptionFactory(solution=solution)

    out = StringIO()
    call_command("send_follow_digests", "--no-progress", stdout=out)
    again = StringIO()
    call_command("send_follow_digests", "--no-progress", stdout=again)

    assert "Digests sent: 1 (1 update)" in out.getvalue()
    assert "Digests sent: 0 (0 updates)" in again.getvalue()
    assert "Nothing new: 1" in again.getvalue()
    assert len(mail.outbox) == 1
