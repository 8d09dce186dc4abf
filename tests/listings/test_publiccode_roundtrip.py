"""publiccode.yml import -> export -> import gives the same listing, and exports are valid.

Runs over every file in the corpus (real files from public repositories) that imports
without errors, through the real services: the answers become a draft page, the page is
exported, and the export is imported again.
"""

import itertools
import json
from pathlib import Path

import pytest
import yaml

from harvest.publiccode.importer import read_publiccode
from harvest.publiccode.validator import validate_publiccode
from hub.factories import CouncilFactory, MembershipFactory, VendorFactory
from listings.factories import SolutionPageFactory
from listings.models import SolutionPage
from listings.publiccode import (
    EXPORT_VERSION,
    answers_from_publiccode,
    preferred_language,
    publiccode_from_page,
    publiccode_yaml,
)
from listings.submissions.answers import (
    MAX_FEATURE_LENGTH,
    page_fields_from_answers,
    validate_answers,
)
from listings.submissions.services import (
    submission_send,
    submission_start,
    tidy_repository_url,
)

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).resolve().parent.parent / "harvest" / "data" / "publiccode"
IMPORTABLE = [
    path.name
    for path in sorted(CORPUS.glob("*.yml"))
    if not read_publiccode(path.read_bytes()).errors
]


def _cleaned(answers):
    form = validate_answers(answers)
    assert form.is_valid(), form.errors
    return {**answers, **form.cleaned_data}


def _listing(answers) -> dict:
    """What makes a listing: its page fields (usedBy handled separately), as stored."""
    fields = page_fields_from_answers(_cleaned(answers))
    fields["repository_url"] = tidy_repository_url(fields["repository_url"])
    fields["publiccode_metadata"] = {
        k: v for k, v in fields["publiccode_metadata"].items() if k != "usedByUnmatched"
    }
    return fields


def as_sent(answers: dict) -> dict:
    """The answers as a submitter sends them after the edit the hub asks for: a feature
    longer than a listing allows shortened (the only one the corpus needs)."""
    form = validate_answers(answers)
    if form.is_valid():
        return answers
    assert set(form.errors) == {"features"}, form.errors
    shortened = [feature[:MAX_FEATURE_LENGTH].rstrip() for feature in answers["features"]]
    return {**answers, "features": shortened}


def _import(member, text: bytes, answers: dict | None = None) -> SolutionPage:
    imported = read_publiccode(text)
    submission = submission_start(
        user=member.user,
        organisation=member.organisation,
        source="command",
        answers=imported.answers if answers is None else answers,
        publiccode_text=imported.text,
        problems=imported.problems,
    )
    submission = submission_send(submission=submission, user=member.user)
    return SolutionPage.objects.get(pk=submission.page_id).get_latest_revision_as_object()


@pytest.fixture
def member(db):
    return MembershipFactory(organisation=VendorFactory())


@pytest.mark.parametrize("name", IMPORTABLE)
def test_import_export_import_gives_the_same_listing(member, name):
    text = (CORPUS / name).read_bytes()
    sent = as_sent(read_publiccode(text).answers)
    page = _import(member, text, sent)

    exported = publiccode_yaml(page)
    again = read_publiccode(exported)

    assert not again.errors, again.errors
    assert _listing(again.answers) == _listing(sent)
    assert sorted(again.answers["used_by"]) == sorted(sent["used_by"])


@pytest.mark.parametrize("name", IMPORTABLE)
def test_every_export_is_a_valid_file_of_the_current_version(member, name):
    text = (CORPUS / name).read_bytes()
    page = _import(member, text, as_sent(read_publiccode(text).answers))

    result = validate_publiccode(publiccode_yaml(page))

    assert result.errors == []
    assert result.version == EXPORT_VERSION


def test_a_listing_made_by_an_editor_exports_a_valid_file():
    page = SolutionPageFactory(
        long_description="", features=[], platforms=[], licence="", repository_url=""
    )

    result = validate_publiccode(publiccode_yaml(page))

    assert result.errors == []
    assert yaml.safe_load(publiccode_yaml(page))["legal"]["license"] == "LicenseRef-proprietary"


def test_used_by_councils_become_reported_adoptions_when_published(member):
    camden = CouncilFactory(name="Camden", official_name="London Borough of Camden")
    text = (CORPUS / "Amsterdam__signals-frontend.publiccode.yml").read_text()
    text = text.replace("usedBy:", "usedBy:\n  - London Borough of Camden", 1)
    assert "London Borough of Camden" in text

    page = _import(member, text.encode())
    assert not page.adoptions.exists()  # nothing is recorded before moderators decide

    page.get_latest_revision().publish()

    adoption = page.adoptions.get()
    assert adoption.council == camden
    assert not adoption.confirmed
    assert adoption.reported_by == member.user
    used_by = yaml.safe_load(publiccode_yaml(page))["usedBy"]
    assert used_by[0] == "Camden"
    assert "Gemeente Amsterdam" in used_by


def test_english_description_is_preferred_and_the_others_are_kept():
    data = {
        "name": "X",
        "description": {
            "it": {"shortDescription": "Italiano"},
            "en-GB": {"shortDescription": "English"},
        },
    }

    answers = answers_from_publiccode(data)

    assert preferred_language(data["description"]) == "en-GB"
    assert answers["summary"] == "English"
    assert answers["publiccode_metadata"]["otherDescriptions"] == {
        "it": {"shortDescription": "Italiano"}
    }


def test_another_language_is_used_when_there_is_no_english():
    answers = answers_from_publiccode(
        {"description": {"nl": {"shortDescription": "Nederlands", "features": ["a"]}}}
    )

    assert answers["summary"] == "Nederlands"
    assert answers["features"] == ["a"]
    assert answers["publiccode_metadata"]["descriptionLanguage"] == "nl"


def test_the_it_extension_and_other_keys_are_kept_for_export():
    answers = answers_from_publiccode(
        {
            "it": {"riuso": {"codiceIPA": "c_h501"}},
            "fundedBy": [{"name": "EU"}],
            "dependsOn": {"open": [{"name": "PostgreSQL"}]},
        }
    )

    kept = answers["publiccode_metadata"]
    assert kept["it"] == {"riuso": {"codiceIPA": "c_h501"}}
    assert kept["fundedBy"] == [{"name": "EU"}]
    assert kept["dependsOn"] == {"open": [{"name": "PostgreSQL"}]}


def test_the_export_view_serves_the_live_listing_as_yaml(client):
    page = SolutionPageFactory(title="Bulky Waste Router")

    response = client.get(f"/solutions/{page.pk}/publiccode.yml")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/yaml")
    assert yaml.safe_load(response.content)["name"] == "Bulky Waste Router"


def test_the_export_view_does_not_serve_drafts(client):
    page = SolutionPageFactory(live=False)

    assert client.get(f"/solutions/{page.pk}/publiccode.yml").status_code == 404


def test_export_is_used_by_an_unmatched_name_only_once():
    page = SolutionPageFactory(publiccode_metadata={"usedByUnmatched": ["Gemeente Utrecht"]})

    assert publiccode_from_page(page)["usedBy"] == ["Gemeente Utrecht"]


def test_a_file_from_an_earlier_export_still_gives_its_cost_model_and_hosting():
    answers = answers_from_publiccode(
        {"x-council-solutions-hub": {"costModel": "subscription", "hosting": "saas"}}
    )

    assert (answers["cost_model"], answers["hosting"]) == ("subscription", "saas")


def test_the_facts_line_wins_over_an_earlier_exports_section():
    answers = answers_from_publiccode(
        {"x-council-solutions-hub": {"costModel": "subscription"}},
        hub_facts={"costModel": "one_off"},
    )

    assert answers["cost_model"] == "one_off"


def test_the_export_view_starts_with_the_hubs_facts_line(client):
    page = SolutionPageFactory(title="Bulky Waste Router", cost_model="subscription")

    lines = client.get(f"/solutions/{page.pk}/publiccode.yml").content.decode().splitlines()

    header = list(itertools.takewhile(lambda line: line.startswith("#"), lines))
    facts = [line for line in header if line.startswith("# council-solutions-hub: ")]
    assert len(facts) == 1
    assert json.loads(facts[0].removeprefix("# council-solutions-hub: "))["costModel"] == (
        "subscription"
    )
    assert lines[len(header)].startswith("publiccodeYmlVersion:")
    assert not any(line.startswith("x-council-solutions-hub") for line in lines)
