"""POST /api/v1/submissions/ with an Idempotency-Key: a retry never submits twice."""

import pytest

from hub.api.idempotency import HEADER, REPLAYED_HEADER
from listings.models import SolutionPage, Submission
from tests.listings.submissions.test_api import URL, token_client
from tests.listings.submissions.test_services import valid_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def member_api(vendor_member):
    return token_client(vendor_member.user)


def post(client, answers, key):
    return client.post(URL, answers, format="json", headers={HEADER: key})


def test_a_retried_submission_gets_the_first_answer_and_lists_nothing_twice(member_api):
    first = post(member_api, valid_answers(), "submit-1")

    retry = post(member_api, valid_answers(), "submit-1")

    assert first.status_code == retry.status_code == 201
    assert retry.json() == first.json()
    assert retry["Location"] == first["Location"]
    assert retry[REPLAYED_HEADER] == "true"
    assert Submission.objects.count() == 1
    assert SolutionPage.objects.count() == 1


def test_the_key_reused_for_another_listing_is_422_and_saves_nothing(member_api):
    post(member_api, valid_answers(), "submit-1")

    reused = post(member_api, valid_answers(title="Another tool"), "submit-1")

    assert reused.status_code == 422
    assert "different request" in reused.json()["detail"]
    assert Submission.objects.count() == 1


def test_a_new_key_is_a_new_submission(member_api):
    post(member_api, valid_answers(), "submit-1")

    second = post(
        member_api,
        valid_answers(title="Another tool", repository_url="https://github.com/Example/Other"),
        "submit-2",
    )

    assert second.status_code == 201
    assert Submission.objects.count() == 2


def test_a_refused_submission_is_answered_the_same_on_retry(member_api):
    first = post(member_api, valid_answers(title=""), "submit-1")
    retry = post(member_api, valid_answers(title=""), "submit-1")

    assert first.status_code == retry.status_code == 400
    assert retry.json() == first.json()
    assert not Submission.objects.exists()


def test_submitting_without_a_key_still_works(member_api):
    response = member_api.post(URL, valid_answers(), format="json")

    assert response.status_code == 201
