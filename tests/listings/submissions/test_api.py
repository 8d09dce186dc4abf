"""/api/v1/submissions/: submit as JSON or publiccode.yml with a token, follow the status."""

from pathlib import Path

from wagtail.models import WorkflowState

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from harvest.publiccode.parser import MAX_BYTES
from hub.factories import MembershipFactory, UserFactory, VendorFactory
from hub.models import MembershipStatus
from listings.factories import SolutionPageFactory
from listings.models import SolutionPage, Submission, SubmissionSource
from tests.listings.submissions.test_services import _approve, valid_answers

pytestmark = pytest.mark.django_db

URL = "/api/v1/submissions/"
DATA = Path(__file__).resolve().parents[2] / "harvest" / "data" / "publiccode"
#: Validates with one warning; every answer the form needs maps from it.
WARNINGS_ONLY = DATA / "ARPA-SIMC__dballe.publiccode.yml"
#: Two errors (and a warning); the answers it maps to are complete.
WITH_ERRORS = DATA / "5Tsrl__emma-backend.publiccode.yml"
#: No errors, but its features are longer than a listing allows.
INCOMPLETE_LISTING = DATA / "Comune-Milano__Whistleblowing.publiccode.yml"
YAML = "application/yaml"


def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


@pytest.fixture
def member_api(vendor_member):
    return token_client(vendor_member.user)


def post_yaml(client, path: Path | bytes, content_type=YAML, **params):
    body = path.read_bytes() if isinstance(path, Path) else path
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return client.generic("POST", f"{URL}?{query}" if query else URL, body, content_type)


def nothing_saved():
    return not Submission.objects.exists() and not SolutionPage.objects.exists()


# Credentials


def test_submitting_needs_a_token_or_session():
    anonymous = APIClient()

    posted = anonymous.post(URL, valid_answers(), format="json")
    listed = anonymous.get(URL)

    assert posted.status_code == 401
    assert posted["WWW-Authenticate"] == "Token"
    assert "credentials" in posted.json()["detail"]
    assert listed.status_code == 401
    assert nothing_saved()


def test_a_bad_token_is_refused():
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")

    assert client.get(URL).status_code == 401


def test_a_signed_in_session_may_submit(vendor_member):
    client = APIClient()
    client.force_login(vendor_member.user)

    response = client.post(URL, valid_answers(), format="json")

    assert response.status_code == 201


# JSON


def test_json_answers_become_a_draft_in_moderation_then_published(
    member_api, vendor_member, moderator
):
    response = member_api.post(URL, valid_answers(), format="json")

    assert response.status_code == 201, response.json()
    body = response.json()
    submission = Submission.objects.get()
    assert body["id"] == str(submission.public_id)
    assert response["Location"] == body["url"]
    assert body["url"].endswith(f"{URL}{submission.public_id}/")
    assert body["status"] == "in_moderation"
    assert body["kind"] == "new"
    assert body["source"] == "api_json"
    assert body["organisation"] == vendor_member.organisation.slug
    assert body["problems"] == []
    page = SolutionPage.objects.get()
    assert body["page"] == {"id": page.pk, "title": page.title, "live": False, "url": ""}
    assert not page.live
    assert page.owner_organisation == vendor_member.organisation
    assert page.get_latest_revision_as_object().summary == valid_answers()["summary"]
    assert WorkflowState.objects.active().for_instance(page).get().status == "in_progress"
    assert submission.source == SubmissionSource.API_JSON
    assert submission.submitted_by == vendor_member.user

    status = member_api.get(body["url"])
    assert status.status_code == 200
    assert status.json()["status"] == "in_moderation"

    _approve(page, moderator)

    published = member_api.get(body["url"]).json()
    assert published["status"] == "published"
    assert published["page"]["live"] is True
    assert published["page"]["url"].endswith(f"/{page.slug}/")


def test_the_organisation_may_be_named_in_the_body(vendor_member):
    vendor_member.user.memberships.create(organisation=VendorFactory(), status="approved")
    client = token_client(vendor_member.user)

    response = client.post(
        URL, {"organisation": vendor_member.organisation.slug, **valid_answers()}, format="json"
    )

    assert response.status_code == 201
    assert Submission.objects.get().organisation == vendor_member.organisation


def test_a_member_of_several_organisations_must_say_which(vendor_member):
    other = VendorFactory(name="Second Co")
    MembershipFactory(user=vendor_member.user, organisation=other)
    client = token_client(vendor_member.user)

    response = client.post(URL, valid_answers(), format="json")

    assert response.status_code == 400
    assert "second-co" in response.json()["organisation"][0]
    assert nothing_saved()


def test_invalid_json_answers_are_400_with_reasons_and_nothing_saved(member_api):
    answers = valid_answers(summary="x" * 151, cost_model="gratis", contact_email="nope")
    del answers["title"]

    response = member_api.post(URL, answers, format="json")

    assert response.status_code == 400
    errors = response.json()
    assert set(errors) == {"title", "summary", "cost_model", "contact_email"}
    assert errors["title"] == ["Enter the name of the solution"]
    assert errors["summary"] == ["The summary must be 150 characters or fewer"]
    assert nothing_saved()


def test_an_open_source_listing_needs_a_licence(member_api):
    response = member_api.post(URL, valid_answers(licence=""), format="json")

    assert response.status_code == 400
    assert response.json() == {"licence": ["Enter the licence of the open source code"]}


def test_unknown_answers_are_named(member_api):
    response = member_api.post(URL, valid_answers(colour="blue"), format="json")

    assert response.status_code == 400
    assert response.json()["detail"] == "Unknown answer(s): colour."
    assert "title" in response.json()["allowed"]
    assert nothing_saved()


@pytest.mark.parametrize(
    ("answer", "value", "reason"),
    [
        ("title", ["Resident Index"], "Give a single value, not a list or an object."),
        ("summary", {"en": "Hello"}, "Give a single value, not a list or an object."),
        ("features", [1, 2], "Give a list of strings."),
    ],
)
def test_answers_of_the_wrong_json_type_are_refused(member_api, answer, value, reason):
    response = member_api.post(URL, valid_answers(**{answer: value}), format="json")

    assert response.status_code == 400
    assert response.json() == {answer: [reason]}


@pytest.mark.parametrize(
    "answers", [valid_answers(features=["Fuzzy\x00matching"]), valid_answers(title="a\x00b")]
)
def test_nul_characters_are_refused(member_api, answers):
    response = member_api.post(URL, answers, format="json")

    assert response.status_code == 400
    assert "NUL" in response.json()["detail"]
    assert nothing_saved()


def test_unpaired_surrogates_are_refused(member_api):
    response = member_api.generic("POST", URL, b'{"title": "a\\ud800b"}', "application/json")

    assert response.status_code == 400
    assert "surrogates" in response.json()["detail"]


@pytest.mark.parametrize(
    "body", [b"[1, 2]", b'"text"', b"{not json", b"[" * 5000 + b"]" * 5000, b"NaN"]
)
def test_a_body_that_is_not_a_json_object_is_400(member_api, body):
    response = member_api.generic("POST", URL, body, "application/json")

    assert response.status_code == 400
    assert response.json()["detail"]


def test_a_json_body_over_1_mib_is_refused(member_api):
    body = b'{"title": "' + b"x" * (1024 * 1024) + b'"}'

    response = member_api.generic("POST", URL, body, "application/json")

    assert response.status_code == 413
    assert "1 MiB" in response.json()["detail"]


# publiccode.yml


def test_a_publiccode_yml_with_warnings_only_is_submitted(member_api):
    response = post_yaml(member_api, WARNINGS_ONLY)

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "in_moderation"
    assert body["source"] == "api_publiccode"
    assert body["title"] == "DB-All.e"
    assert [p["severity"] for p in body["problems"]] == ["warning"]
    submission = Submission.objects.get()
    assert submission.publiccode_text == WARNINGS_ONLY.read_text()
    assert submission.repository_url == "https://github.com/ARPA-SIMC/dballe"
    page = SolutionPage.objects.get().get_latest_revision_as_object()
    # The standard has no key for these; the mapping answers no.
    assert page.processes_personal_data is False
    assert page.dpia_template_available is False
    assert page.is_open_source is True


@pytest.mark.parametrize("content_type", ["application/x-yaml", "text/yaml", "text/x-yaml"])
def test_every_yaml_media_type_is_read(member_api, content_type):
    response = post_yaml(member_api, WARNINGS_ONLY, content_type=f"{content_type}; charset=utf-8")

    assert response.status_code == 201


def test_a_publiccode_yml_with_errors_is_400_with_its_problems(member_api):
    response = post_yaml(member_api, WITH_ERRORS)

    assert response.status_code == 400
    body = response.json()
    assert body["detail"].startswith("The publiccode.yml has 2 errors")
    errors = [p for p in body["problems"] if p["severity"] == "error"]
    assert len(errors) == 2
    for problem in errors:
        assert problem["key"]
        assert isinstance(problem["line"], int) and problem["line"] > 0
        assert problem["message"]
    assert [p["severity"] for p in body["problems"]].count("warning") == 1
    assert nothing_saved()


def test_a_moderator_may_override_the_errors(vendor_member, moderator):
    client = token_client(moderator)

    response = post_yaml(
        client,
        WITH_ERRORS,
        organisation=vendor_member.organisation.slug,
        override_errors="true",
    )

    assert response.status_code == 201, response.json()
    submission = Submission.objects.get()
    assert submission.errors_overridden_by == moderator
    assert submission.organisation == vendor_member.organisation
    assert submission.error_count == 2


def test_only_moderators_may_override(member_api):
    response = post_yaml(member_api, WITH_ERRORS, override_errors="true")

    assert response.status_code == 403
    assert "moderators" in response.json()["detail"]
    assert nothing_saved()


def test_override_errors_takes_true_or_false(member_api):
    response = post_yaml(member_api, WARNINGS_ONLY, override_errors="perhaps")

    assert response.status_code == 400
    assert response.json() == {"override_errors": ["Give true or false."]}


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (b"name: Tool\nurl: https://example.org\ndescription:\n\ten:\n", 4, "tab character"),
        (b"name: Tool\nurl: [unclosed\nlegal: {}\n", 3, "invalid YAML"),
    ],
)
def test_invalid_yaml_is_400_with_its_line(member_api, text, line, words):
    response = post_yaml(member_api, text)

    assert response.status_code == 400
    (problem,) = response.json()["problems"]
    assert problem["severity"] == "error"
    assert problem["line"] == line
    assert words in problem["message"]
    assert nothing_saved()


def test_a_binary_body_is_400(member_api):
    response = post_yaml(member_api, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")

    assert response.status_code == 400
    (problem,) = response.json()["problems"]
    assert "binary content" in problem["message"]


def test_an_empty_publiccode_yml_is_400(member_api):
    response = post_yaml(member_api, b"")

    assert response.status_code == 400
    assert response.json()["detail"] == "The publiccode.yml is empty."


def test_a_publiccode_yml_over_1_mib_is_refused(member_api):
    body = b"name: x\n" + b"#" * MAX_BYTES

    response = post_yaml(member_api, body)

    assert response.status_code == 413
    assert response.json() == {"detail": "publiccode.yml is larger than 1 MiB."}
    assert nothing_saved()


def test_a_valid_file_describing_an_incomplete_listing_is_400_naming_the_answers(member_api):
    response = post_yaml(member_api, INCOMPLETE_LISTING)

    assert response.status_code == 400
    body = response.json()
    assert set(body["answers"]) == {"features"}
    assert "incomplete" in body["detail"]
    assert nothing_saved()


def test_a_proprietary_tool_needs_a_cost_model_the_standard_cannot_give(member_api):
    text = WARNINGS_ONLY.read_text().replace(
        "license: GPL-2.0-only", "license: LicenseRef-proprietary"
    )
    assert "LicenseRef-proprietary" in text

    response = post_yaml(member_api, text.encode())

    assert response.status_code == 400
    assert {"cost_model", "hosting"} <= set(response.json()["answers"])
    assert nothing_saved()


# Organisations


def test_submitting_for_another_organisation_is_403(member_api):
    other = VendorFactory(name="Someone Else Ltd")

    posted = member_api.post(URL, {"organisation": other.slug, **valid_answers()}, format="json")
    uploaded = post_yaml(member_api, WARNINGS_ONLY, organisation=other.slug)

    for response in (posted, uploaded):
        assert response.status_code == 403
        assert "not an approved member of Someone Else Ltd" in response.json()["detail"]
    assert nothing_saved()


def test_a_pending_member_cannot_submit(vendor_member):
    vendor_member.status = MembershipStatus.PENDING
    vendor_member.save()
    client = token_client(vendor_member.user)

    without = client.post(URL, valid_answers(), format="json")
    named = client.post(
        URL, {"organisation": vendor_member.organisation.slug, **valid_answers()}, format="json"
    )

    assert without.status_code == 403
    assert named.status_code == 403
    assert nothing_saved()


@pytest.mark.parametrize("slug", ["no-such-organisation", "bad slug!", 42])
def test_an_unknown_organisation_is_400(member_api, slug):
    response = member_api.post(URL, {"organisation": slug, **valid_answers()}, format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["organisation"]


def test_a_repository_already_listed_is_linked_not_listed_again(member_api, vendor_member):
    council_member = MembershipFactory()
    first = token_client(council_member.user).post(URL, valid_answers(), format="json")
    assert first.status_code == 201

    again = member_api.post(
        URL,
        valid_answers(repository_url="https://github.com/example/resident-index.git"),
        format="json",
    )

    assert again.status_code == 201
    body = again.json()
    assert body["status"] == "linked"
    # The first listing is another organisation's unpublished draft: not shown.
    assert body["page"] is None
    assert Submission.objects.get(public_id=body["id"]).page_id == first.json()["page"]["id"]
    assert SolutionPage.objects.count() == 1
    assert Submission.objects.count() == 2


def test_a_publiccode_yml_of_a_listed_repository_is_linked(member_api):
    listed = SolutionPageFactory(repository_url="https://github.com/ARPA-SIMC/dballe")

    response = post_yaml(member_api, WARNINGS_ONLY)

    assert response.status_code == 201
    assert response.json()["status"] == "linked"
    assert response.json()["page"]["id"] == listed.pk
    assert response.json()["page"]["live"] is True
    assert SolutionPage.objects.count() == 1


# Reading


def test_others_submissions_are_404_and_not_listed(member_api, vendor_member):
    mine = member_api.post(URL, valid_answers(), format="json").json()
    outsider = token_client(UserFactory())

    assert outsider.get(mine["url"]).status_code == 404
    assert outsider.get(URL).json()["count"] == 0
    assert outsider.get(f"{URL}00000000-0000-0000-0000-000000000000/").status_code == 404
    assert member_api.get(f"{URL}not-a-uuid/").status_code == 404


def test_the_list_holds_the_organisations_submissions_and_filters(
    member_api, vendor_member, moderator
):
    colleague = MembershipFactory(organisation=vendor_member.organisation)
    theirs = token_client(colleague.user).post(URL, valid_answers(), format="json").json()
    mine = member_api.post(
        URL,
        valid_answers(title="Bin Rounds", repository_url="https://github.com/example/bins"),
        format="json",
    ).json()
    token_client(MembershipFactory().user).post(URL, valid_answers(), format="json")  # linked
    _approve(SolutionPage.objects.get(pk=theirs["page"]["id"]), moderator)

    everything = member_api.get(URL).json()
    published = member_api.get(URL, {"status": "published"}).json()

    assert {row["id"] for row in everything["results"]} == {theirs["id"], mine["id"]}
    assert [row["id"] for row in published["results"]] == [theirs["id"]]
    assert member_api.get(URL, {"colour": "blue"}).status_code == 400
    assert member_api.get(URL, {"status": "lost"}).status_code == 400


def test_the_owner_sending_a_listed_repository_again_proposes_a_change(member_api):
    first = member_api.post(URL, valid_answers(), format="json").json()

    again = member_api.post(URL, valid_answers(title="Resident Index 2"), format="json").json()

    assert again["kind"] == "change"
    assert again["status"] == "in_moderation"
    assert again["page"]["id"] == first["page"]["id"]
    assert SolutionPage.objects.count() == 1


# Refused requests


@pytest.mark.parametrize(
    ("content_type", "body"),
    [("text/plain", b"name: x"), ("application/octet-stream", b"\x00\x01")],
)
def test_an_unsupported_media_type_is_415(member_api, content_type, body):
    response = member_api.generic("POST", URL, body, content_type)

    assert response.status_code == 415
    assert content_type in response.json()["detail"]
    assert nothing_saved()


def test_a_form_post_is_415(member_api):
    response = member_api.post(URL, {"title": "x"}, format="multipart")

    assert response.status_code == 415


def test_unknown_query_parameters_on_post_are_400(member_api):
    response = member_api.post(f"{URL}?organization=x", valid_answers(), format="json")

    assert response.status_code == 400
    assert response.json()["allowed"] == ["organisation", "override_errors"]


def test_no_submission_is_left_behind_when_sending_fails(member_api, monkeypatch):
    from django.core.exceptions import ValidationError

    import listings.submissions.api as api

    def refuse(**kwargs):
        raise ValidationError({"slug": ["Taken."]})

    monkeypatch.setattr(api, "submission_send", refuse)

    response = member_api.post(URL, valid_answers(), format="json")

    assert response.status_code == 400
    assert response.json() == {"slug": ["Taken."]}
    assert nothing_saved()


# Schema


def test_the_schema_documents_both_request_bodies(client):
    schema = client.get("/api/v1/schema/?format=json").json()

    post = schema["paths"][URL]["post"]
    content = post["requestBody"]["content"]
    assert content["application/json"]["schema"]["$ref"].endswith("/NewSubmissionRequest")
    assert {"application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"} <= set(content)
    assert {"201", "400", "401", "403", "413", "415", "422"} <= set(post["responses"])
    assert {p["name"] for p in post["parameters"]} == {
        "organisation",
        "override_errors",
        "Idempotency-Key",
    }
    assert f"{URL}{{id}}/" in schema["paths"]
