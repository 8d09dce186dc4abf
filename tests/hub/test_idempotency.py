"""hub.api.idempotency: a retried key gets the first answer and the write runs once."""

import time

import pytest
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.test import APIRequestFactory, force_authenticate
from rest_framework.views import APIView

from hub.api.idempotency import HEADER, KEY_REUSED, REPLAYED_HEADER, idempotent
from hub.factories import UserFactory
from hub.models import IdempotencyKey, Organisation
from tests.concurrency import run_at_once, skip_unless_threads_can_share_the_test_database

factory = APIRequestFactory()


def create_record(name: str) -> Organisation:
    """The write each test view does: one vendor row (no search index, no content types,
    so it behaves the same after a transactional test has flushed the database)."""
    return Organisation.objects.create(kind="vendor", name=name, slug=name)


class CreateArea(APIView):
    """Creates one record per run: the count of records is the count of runs."""

    answer_status = status.HTTP_201_CREATED
    pause = 0.0

    @idempotent(required=True)
    def post(self, request):
        area = create_record(request.data["name"])
        time.sleep(self.pause)
        return Response(
            {"id": area.pk, "name": area.name},
            status=self.answer_status,
            headers={"Location": f"/areas/{area.pk}/"},
        )


class OptionalKey(APIView):
    @idempotent(required=False)
    def post(self, request):
        create_record(request.data["name"])
        return Response({"ok": True}, status=status.HTTP_201_CREATED)


class Refuses(APIView):
    @idempotent(required=True)
    def post(self, request):
        create_record("half-done")
        raise_validation()


def raise_validation():
    raise ValidationError({"name": ["Refused."]})


def send(view, user, body, key="key-1", **initkwargs):
    headers = {HEADER: key} if key is not None else {}
    request = factory.post("/areas/", body, format="json", headers=headers)
    force_authenticate(request, user=user)
    return view.as_view(**initkwargs)(request)


def areas(prefix="area"):
    return Organisation.objects.filter(slug__startswith=prefix).count()


@pytest.fixture
def person(db):
    return UserFactory()


def test_a_new_key_runs_the_write_and_stores_the_answer(person):
    response = send(CreateArea, person, {"name": "area-a"})

    assert response.status_code == 201
    record = IdempotencyKey.objects.get(user=person, key="key-1")
    assert record.status_code == 201
    assert record.response_body == response.data
    assert record.location == response["Location"]
    assert areas() == 1


def test_a_retry_gets_the_first_answer_and_does_not_write_again(person):
    first = send(CreateArea, person, {"name": "area-a"})

    retry = send(CreateArea, person, {"name": "area-a"})

    assert retry.status_code == first.status_code == 201
    assert retry.data == first.data
    assert retry["Location"] == first["Location"]
    assert retry[REPLAYED_HEADER] == "true"
    assert REPLAYED_HEADER not in first
    assert areas() == 1


def test_key_order_and_spacing_in_the_body_do_not_make_a_different_request(person):
    send(CreateArea, person, {"name": "area-a", "x": 1})

    retry = send(CreateArea, person, {"x": 1, "name": "area-a"})

    assert retry.status_code == 201
    assert areas() == 1


def test_the_same_key_with_a_different_body_is_422_and_writes_nothing(person):
    send(CreateArea, person, {"name": "area-a"})

    reused = send(CreateArea, person, {"name": "area-b"})

    assert reused.status_code == 422
    assert reused.data == {"detail": KEY_REUSED}
    assert areas() == 1


def test_keys_belong_to_their_user(person):
    send(CreateArea, person, {"name": "area-a"})

    other = send(CreateArea, UserFactory(), {"name": "area-b"})

    assert other.status_code == 201
    assert areas() == 2


def test_a_required_key_that_is_missing_is_400_and_nothing_is_written(person):
    response = send(CreateArea, person, {"name": "area-a"}, key=None)

    assert response.status_code == 400
    assert HEADER in response.data
    assert areas() == 0


@pytest.mark.parametrize("key", ["", "has space", "x" * 256, "naïve"])
def test_a_malformed_key_is_400(person, key):
    response = send(CreateArea, person, {"name": "area-a"}, key=key)

    assert response.status_code == 400
    assert areas() == 0


def test_an_optional_key_may_be_left_out(person):
    first = send(OptionalKey, person, {"name": "area-a"}, key=None)
    second = send(OptionalKey, person, {"name": "area-b"}, key=None)

    assert first.status_code == second.status_code == 201
    assert areas() == 2
    assert not IdempotencyKey.objects.exists()


def test_an_optional_key_that_is_given_still_protects_the_write(person):
    send(OptionalKey, person, {"name": "area-a"})

    retry = send(OptionalKey, person, {"name": "area-a"})

    assert retry[REPLAYED_HEADER] == "true"
    assert areas() == 1


def test_a_refused_request_is_remembered_with_its_answer_and_undoes_its_writes(person):
    first = send(Refuses, person, {"name": "x"})
    retry = send(Refuses, person, {"name": "x"})

    assert first.status_code == retry.status_code == 400
    assert retry.data == {"name": ["Refused."]}
    assert retry[REPLAYED_HEADER] == "true"
    assert not Organisation.objects.filter(slug="half-done").exists()


def test_a_server_error_is_not_remembered_so_the_retry_runs_again(person):
    failed = send(CreateArea, person, {"name": "area-a"}, answer_status=503)

    retry = send(CreateArea, person, {"name": "area-a"})

    assert failed.status_code == 503
    assert retry.status_code == 201
    assert REPLAYED_HEADER not in retry
    assert areas() == 1  # the failed run's write was rolled back


@pytest.mark.django_db(transaction=True)
def test_two_identical_requests_at_once_write_once_and_get_the_same_answer():
    skip_unless_threads_can_share_the_test_database()
    person = UserFactory()
    answers = []

    def client():
        answers.append(send(CreateArea, person, {"name": "area-a"}, pause=0.3))

    run_at_once([client, client])

    assert [answer.status_code for answer in answers] == [201, 201]
    assert answers[0].data == answers[1].data
    assert sorted(answer.get(REPLAYED_HEADER, "") for answer in answers) == ["", "true"]
    assert areas() == 1
