"""The import page: paste, upload or GitHub; errors block, warnings do not."""

import re
from pathlib import Path

from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

import pytest

from hub.factories import MembershipFactory, UserFactory, VendorFactory
from listings.models import Submission
from listings.models.submissions import SubmissionSource

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).resolve().parents[1] / "data" / "publiccode"
CLEAN = CORPUS / "Amsterdam__design-system.publiccode.yml"  # 0.7, no problems
WARNINGS_ONLY = CORPUS / "ARPALit__SIAPI.publiccode.yml"
BROKEN = CORPUS / "ConductionNL__OpenPub.publiccode.yml"  # releaseDate 2021-31-01, ...
URL = reverse("harvest:submission_import")
BAD_YAML = 'publiccodeYmlVersion: "0.4"\nname: [unclosed\nurl: x\n'


def check_url(submission):
    return reverse("listings:submission_check", kwargs={"public_id": submission.public_id})


def post(client, **data):
    return client.post(URL, data)


@pytest.fixture
def signed_in(client, vendor_member):
    client.force_login(vendor_member.user)
    return client


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "next=/submit/import/" in response["Location"]


def test_people_without_an_organisation_get_a_page_saying_how_to_join_one(client):
    """The same page, and status, as starting a submission by answering the questions."""
    client.force_login(UserFactory())
    response = client.get(URL)
    assert response.status_code == 200
    assert "Join an organisation to submit a solution" in response.text
    assert f'href="{reverse("organisation_list")}"' in response.text
    assert 'id="import-form"' not in response.text
    assert client.post(URL, {"method": "paste", "text": CLEAN.read_text()}).status_code == 200
    assert not Submission.objects.exists()


def test_a_pending_membership_is_not_enough(client):
    membership = MembershipFactory(status="pending")
    client.force_login(membership.user)
    response = client.get(URL)
    assert response.status_code == 200
    assert "Join an organisation to submit a solution" in response.text
    assert 'id="import-form"' not in response.text


def test_the_page_offers_three_ways_in_and_names_the_only_organisation(signed_in):
    response = signed_in.get(URL)
    assert response.status_code == 200
    html = response.text
    assert "Civic Data Co" in html
    assert 'name="organisation"' not in html
    for value in ("paste", "upload", "github"):
        assert f'value="{value}"' in html
    assert 'enctype="multipart/form-data"' in html
    assert 'data-aria-controls="conditional-id_method_1"' in html
    assert "Import despite errors" not in html


def test_pasting_a_valid_file_starts_a_submission_and_goes_to_the_check_page(
    signed_in, vendor_member
):
    text = CLEAN.read_text()
    response = post(signed_in, method="paste", text=text)

    submission = Submission.objects.get()
    assert response.status_code == 302
    assert response["Location"] == check_url(submission)
    assert submission.organisation == vendor_member.organisation
    assert submission.submitted_by == vendor_member.user
    assert submission.source == SubmissionSource.PUBLICCODE_PASTE
    assert submission.answers["title"] == "Amsterdam Design System"
    assert submission.publiccode_text == text
    assert submission.problems == []
    # Written with .git in the file; kept as listings store it, so a repeat is found.
    assert submission.answers["repository_url"] == "https://github.com/Amsterdam/design-system"


def test_without_a_radio_chosen_the_one_box_filled_in_is_used(signed_in):
    """Without JavaScript every box shows; filling in one is enough."""
    response = post(signed_in, text=CLEAN.read_text())
    assert response.status_code == 302
    assert Submission.objects.get().source == SubmissionSource.PUBLICCODE_PASTE


def test_nothing_chosen_and_nothing_given_is_an_error(signed_in):
    response = post(signed_in)
    assert response.status_code == 200
    assert "Select how you want to give us the publiccode.yml" in response.text
    assert 'href="#id_method_0"' in response.text


def test_invalid_yaml_shows_an_error_summary_with_the_line_and_keeps_the_text(signed_in):
    response = post(signed_in, method="paste", text=BAD_YAML)

    assert response.status_code == 200
    html = response.text
    assert "<title>Error: " in html
    assert "There is a problem" in html
    start = html.index("govuk-error-summary")
    summary = html[start : html.index("</ul>", start)]
    assert 'href="#id_text"' in summary
    assert "Line 3: invalid YAML" in summary
    assert 'href="#problem-1"' in summary
    assert 'id="problem-1"' in html
    assert "name: [unclosed" in html  # the textarea keeps what they pasted
    assert not Submission.objects.exists()


def test_an_empty_paste_is_an_error(signed_in):
    response = post(signed_in, method="paste", text="   ")
    assert "Paste the publiccode.yml" in response.text


def test_uploading_a_valid_file_starts_a_submission(signed_in):
    upload = SimpleUploadedFile("publiccode.yml", CLEAN.read_bytes(), "application/x-yaml")
    response = post(signed_in, method="upload", upload=upload)

    submission = Submission.objects.get()
    assert response["Location"] == check_url(submission)
    assert submission.source == SubmissionSource.PUBLICCODE_UPLOAD
    assert submission.answers["title"] == "Amsterdam Design System"


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is a binary file"),
        (b"name: caf\xe9\n", "is not UTF-8 text"),
        (b"a" * (1024 * 1024 + 1), "must be 1 MB or smaller"),
        (b"", "The selected file is empty"),
    ],
)
def test_binary_oversized_and_empty_uploads_are_refused(signed_in, content, says):
    upload = SimpleUploadedFile("publiccode.yml", content, "application/octet-stream")
    response = post(signed_in, method="upload", upload=upload)

    assert response.status_code == 200
    assert says in response.text
    assert 'href="#id_upload"' in response.text
    assert not Submission.objects.exists()


def test_a_request_far_over_the_limit_is_refused_before_it_is_read(signed_in):
    upload = SimpleUploadedFile("publiccode.yml", b"a" * (3 * 1024 * 1024), "text/yaml")
    response = post(signed_in, method="upload", upload=upload)

    assert response.status_code == 413
    assert "<title>Error: " in response.text
    assert "The selected file must be 1 MB or smaller" in response.text
    assert not Submission.objects.exists()


def test_the_form_is_still_protected_against_csrf(vendor_member):
    client = Client(enforce_csrf_checks=True)
    client.force_login(vendor_member.user)

    refused = client.post(URL, {"method": "paste", "text": CLEAN.read_text()})
    assert refused.status_code == 403
    assert not Submission.objects.exists()

    client.get(URL)
    token = client.cookies["csrftoken"].value
    data = {"method": "paste", "text": CLEAN.read_text(), "csrfmiddlewaretoken": token}
    assert client.post(URL, data).status_code == 302


def test_errors_block_a_member_and_every_problem_is_listed(signed_in):
    response = post(signed_in, method="paste", text=BROKEN.read_text(), override_errors="on")

    assert response.status_code == 200
    html = response.text
    assert not Submission.objects.exists()
    assert "The publiccode.yml has 7 errors" in html
    assert "Import despite errors" not in html
    rows = re.findall(r'<tr class="govuk-table__row" id="problem-\d+"', html)
    assert len(rows) == 12  # 7 errors and 5 warnings
    assert "<code>releaseDate</code>" in html
    assert "Line 9 (releaseDate): must be a date with format" in html


def test_a_moderator_can_import_despite_errors(client, moderator, vendor_member):
    MembershipFactory(user=moderator, organisation=vendor_member.organisation)
    client.force_login(moderator)

    blocked = post(client, method="paste", text=BROKEN.read_text())
    assert "Import despite errors" in blocked.text
    assert "or tick “Import despite errors”" in blocked.text
    assert not Submission.objects.exists()

    response = post(client, method="paste", text=BROKEN.read_text(), override_errors="on")

    submission = Submission.objects.get()
    assert response["Location"] == check_url(submission)
    assert submission.errors_overridden_by == moderator
    assert submission.error_count == 7


def test_warnings_are_shown_but_do_not_block(signed_in):
    response = post(signed_in, method="paste", text=WARNINGS_ONLY.read_text())

    submission = Submission.objects.get()
    assert response["Location"] == check_url(submission)
    assert submission.warning_count == 1
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert "It has 1 warning: it" in message


def test_a_member_of_several_organisations_chooses_one(client, vendor_member):
    other = MembershipFactory(user=vendor_member.user, organisation=VendorFactory(name="Other Co"))
    client.force_login(vendor_member.user)

    page = client.get(URL)
    assert 'name="organisation"' in page.text
    missing = post(client, method="paste", text=CLEAN.read_text())
    assert '<a href="#id_organisation_0">Select the organisation you are submitting for</a>' in (
        missing.text
    )
    assert not Submission.objects.exists()

    post(client, method="paste", text=CLEAN.read_text(), organisation=other.organisation.pk)
    assert Submission.objects.get().organisation == other.organisation


def test_an_organisation_they_do_not_belong_to_cannot_be_chosen(client, vendor_member):
    MembershipFactory(user=vendor_member.user, organisation=VendorFactory(name="Other Co"))
    stranger = VendorFactory(name="Stranger Ltd")
    client.force_login(vendor_member.user)

    response = post(client, method="paste", text=CLEAN.read_text(), organisation=stranger.pk)
    assert "Select a valid choice" in response.text
    assert not Submission.objects.exists()


def test_importing_from_a_github_repository_reads_it_through_the_api(signed_in, github_stub):
    github_stub.add_repository(
        "Amsterdam", "design-system", files={"publiccode.yml": CLEAN.read_bytes()}
    )

    response = post(
        signed_in, method="github", repository_url="https://github.com/Amsterdam/design-system"
    )

    submission = Submission.objects.get()
    assert response["Location"] == check_url(submission)
    assert submission.source == SubmissionSource.GITHUB
    assert submission.publiccode_text == CLEAN.read_text()
    assert submission.answers["title"] == "Amsterdam Design System"
    assert all(path.startswith("/api/v3/repos/") for path in github_stub.paths_requested())


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/admin/",
        "https://169.254.169.254/latest/meta-data/",
        "https://github.com.evil.com/a/b",
        "https://user@github.com/a/b",
    ],
)
def test_a_repository_address_not_on_github_is_refused_without_any_request(
    signed_in, github_stub, url
):
    response = post(signed_in, method="github", repository_url=url)

    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert 'href="#id_repository_url"' in response.text
    assert github_stub.requests == []
    assert not Submission.objects.exists()


def test_github_problems_are_shown_on_the_address(signed_in, github_stub):
    github_stub.add_repository("camden", "secret", private=True)

    missing = post(signed_in, method="github", repository_url="https://github.com/camden/nope")
    private = post(signed_in, method="github", repository_url="https://github.com/camden/secret")

    assert "There is no public GitHub repository camden/nope" in missing.text
    assert "The repository camden/secret is private" in private.text
    assert 'value="https://github.com/camden/nope"' in missing.text
    assert not Submission.objects.exists()


def test_a_github_file_with_errors_says_to_fix_it_in_the_repository(signed_in, github_stub):
    github_stub.add_repository(
        "conduction", "openpub", files={"publiccode.yml": BROKEN.read_bytes()}
    )

    response = post(
        signed_in, method="github", repository_url="https://github.com/conduction/openpub"
    )

    assert "Fix the publiccode.yml in the repository" in response.text
    assert not Submission.objects.exists()
