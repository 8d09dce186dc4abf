"""Rules of the publiccode.yml standard: each problem names its key path and line."""

import json

import pytest

from harvest.publiccode import validate_publiccode

LONG = "A long description of the software. " * 6  # 216 characters

VALID = f"""\
publiccodeYmlVersion: "{{version}}"
name: Bin Collections
url: https://github.com/council/bins.git
landingURL: https://council.example/bins
releaseDate: "2024-05-01"
platforms:
  - web
categories:
  - data-collection
developmentStatus: stable
softwareType: standalone/web
description:
  en:
    shortDescription: Tells residents which bin goes out this week.
    longDescription: >-
      {LONG}
    features:
      - Weekly bin calendar
legal:
  license: EUPL-1.2 OR MIT
maintenance:
  type: community
  contacts:
    - name: Jo Bloggs
      email: jo@council.example
localisation:
  localisationReady: true
  availableLanguages:
    - en
    - cy-GB
"""


def doc(version="0.7", **replace):
    text = VALID.format(version=version)
    for old, new in replace.items():
        old = old.replace("__", " ")
        assert old in text, old
        text = text.replace(old, new)
    return text


def problems(text, severity=None):
    result = validate_publiccode(text.encode())
    return [(p.key, p.line) for p in result.problems if severity is None or p.severity == severity]


def errors(text):
    return problems(text, "error")


@pytest.mark.parametrize(
    "version", ["0.2", "0.2.0", "0.2.2", "0.3", "0.4.0", "0.5", "0.5.0", "0.6", "0.7", "0.7.0"]
)
def test_a_complete_file_is_clean_in_every_published_version(version):
    result = validate_publiccode(doc(version).encode())
    assert result.problems == []
    assert result.status == "ok"


def test_a_later_minor_version_is_accepted_with_a_warning():
    result = validate_publiccode(doc("0.9").encode())
    assert result.status == "warnings"
    assert [(p.key, p.line) for p in result.warnings] == [("publiccodeYmlVersion", 1)]


def test_a_legacy_file_without_version_is_validated_with_a_warning():
    text = doc().replace('publiccodeYmlVersion: "0.7"\n', "")
    result = validate_publiccode(text.encode())
    assert result.status == "warnings"
    assert "legacy" in result.warnings[0].message


def test_an_unknown_major_version_is_an_error():
    assert errors(doc("1.0")) == [("publiccodeYmlVersion", 1)]


def test_missing_required_keys_are_errors_at_the_parent_line():
    text = doc(**{"developmentStatus: stable\n": ""})
    assert errors(text) == [("developmentStatus", 1)]
    text = doc(**{"  license: EUPL-1.2 OR MIT\n": "  mainCopyrightOwner: Council\n"})
    assert errors(text) == [("legal.license", 19)]


def test_each_description_needs_short_long_and_features():
    text = doc(**{"    features:\n      - Weekly bin calendar\n": ""})
    assert errors(text) == [("description.en.features", 13)]


def test_development_status_must_be_in_the_enumeration():
    assert errors(doc(**{"Status: stable": "Status: production"})) == [("developmentStatus", 10)]


def test_software_type_must_be_in_the_enumeration():
    assert errors(doc(**{"standalone/web": "standalone/utility"})) == [("softwareType", 11)]


def test_legacy_standalone_software_type_is_only_a_warning():
    text = doc(**{"softwareType: standalone/web": "softwareType: standalone"})
    assert problems(text, "error") == []
    assert problems(text, "warning") == [("softwareType", 11)]


def test_maintenance_type_must_be_in_the_enumeration():
    assert errors(doc(**{"type: community": "type: outsourced"})) == [("maintenance.type", 22)]


def test_contract_maintenance_needs_contractors_with_an_until_date():
    text = doc(**{"type: community": "type: contract\n  contractors:\n    - name: Acme"})
    assert errors(text) == [("maintenance.contractors[0].until", 24)]


def test_unknown_category_is_an_error_on_its_item():
    assert errors(doc(**{"- data-collection": "- bins"})) == [("categories[0]", 9)]


def test_short_description_is_at_most_150_characters():
    text = doc(**{"Tells residents which bin goes out this week.": "x" * 151})
    assert errors(text) == [("description.en.shortDescription", 14)]
    assert errors(doc(**{"Tells residents which bin goes out this week.": "x" * 150})) == []


@pytest.mark.parametrize("length", [149, 10_001])
def test_long_description_is_150_to_10000_characters(length):
    text = doc(**{LONG: "y" * length})
    assert errors(text) == [("description.en.longDescription", 15)]


def test_long_description_limits_are_inclusive():
    assert errors(doc(**{LONG: "y" * 150})) == []
    assert errors(doc(**{LONG: "y" * 10_000})) == []


@pytest.mark.parametrize("licence", ["EUPL-1.2 AND", "Not-A-Licence", "MIT OR (GPL-3.0-only"])
def test_licence_must_be_an_spdx_expression(licence):
    assert errors(doc(**{"license: EUPL-1.2 OR MIT": f"license: {licence}"})) == [
        ("legal.license", 20)
    ]


@pytest.mark.parametrize(
    "licence", ["AGPL-3.0-or-later", "GPL-2.0-or-later WITH Classpath-exception-2.0", "(MIT)"]
)
def test_valid_spdx_expressions_pass(licence):
    assert problems(doc(**{"license: EUPL-1.2 OR MIT": f"license: {licence}"})) == []


def test_lowercase_or_deprecated_spdx_ids_are_warnings():
    text = doc(**{"license: EUPL-1.2 OR MIT": "license: apache-2.0 OR GPL-3.0"})
    assert problems(text, "error") == []
    assert problems(text, "warning") == [("legal.license", 20), ("legal.license", 20)]


@pytest.mark.parametrize("date", ["2024-13-01", "2024-02-30", "01/05/2024", "2024-5-1"])
def test_release_date_must_be_a_real_yyyy_mm_dd_date(date):
    assert errors(doc(**{'"2024-05-01"': date})) == [("releaseDate", 5)]


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "council.example/bins", "ftp://council.example/", "data:x"]
)
def test_urls_must_be_absolute_http_urls(url):
    assert errors(doc(**{"https://council.example/bins": url})) == [("landingURL", 4)]


def test_repository_url_refuses_javascript():
    text = doc(**{"https://github.com/council/bins.git": "javascript:alert(1)"})
    assert errors(text) == [("url", 3)]


def test_email_must_be_valid():
    assert errors(doc(**{"jo@council.example": "jo at council"})) == [
        ("maintenance.contacts[0].email", 25)
    ]


def test_language_codes_must_be_bcp47():
    assert errors(doc(**{"    - cy-GB": "    - Welsh language"})) == [
        ("localisation.availableLanguages[1]", 30)
    ]


def test_localisation_ready_must_be_a_boolean():
    text = doc(**{"localisationReady: true": "localisationReady: maybe"})
    assert errors(text) == [("localisation.localisationReady", 27)]


def test_deprecated_keys_are_warnings_that_do_not_block():
    text = doc(**{"name: Bin Collections": "name: Bin Collections\nmonochromeLogo: logo.svg"})
    result = validate_publiccode(text.encode())
    assert result.status == "warnings"
    assert [(p.key, p.line) for p in result.warnings] == [("monochromeLogo", 3)]


def test_generic_name_is_deprecated_but_its_length_still_checked():
    text = doc(**{"  en:\n": "  en:\n    genericName: " + "z" * 36 + "\n"})
    assert problems(text, "warning") == [("description.en.genericName", 14)]
    assert errors(text) == [("description.en.genericName", 14)]


def test_unknown_top_level_keys_are_warnings():
    text = doc(**{"name: Bin Collections": "name: Bin Collections\nlandingUrl: https://x.org"})
    assert problems(text, "warning") == [("landingUrl", 3)]
    assert errors(text) == []


def test_lowercase_it_section_is_deprecated_from_0_4_and_all_country_sections_in_0_7():
    section = "it:\n  countryExtensionVersion: '0.2'\n  piattaforme:\n    spid: true\n"
    assert problems(doc("0.2") + section) == []
    assert problems(doc("0.4") + section) == [("it", 31)]
    assert problems(doc("0.7") + section.replace("it:", "IT:")) == [("IT", 31)]


def test_organisation_needs_a_uri_and_arrived_in_0_5():
    org = "organisation:\n  name: Council\n"
    assert errors(doc("0.5") + org) == [("organisation.uri", 31)]
    text = doc("0.4") + org + "  uri: https://council.example\n"
    assert problems(text) == [("organisation", 31)]
    assert problems(text, "error") == []


def test_supports_takes_known_aliases_or_uris():
    ok = "supports:\n  - id: alias:gdpr\n  - id: https://example.org/standard\n"
    assert problems(doc() + ok) == []
    assert errors(doc() + "supports:\n  - id: alias:nonsense\n") == [("supports[0].id", 32)]


def test_a_list_where_text_is_expected_is_a_type_error():
    text = doc(**{"name: Bin Collections": "name: [Bin, Collections]"})
    assert errors(text) == [("name", 2)]


# The hub's facts line (docs/publiccode.md)

FACTS = {
    "listingURL": "https://hub.example/solutions/bins/",
    "solutionType": "citizen_service",
    "costModel": "subscription",
    "hosting": "saas",
    "priceMinGBP": "1250.00",
    "serviceAreas": ["waste-and-environment"],
    "processesPersonalData": True,
    "dpiaTemplateAvailable": False,
}


def with_facts(facts=None, **changes) -> str:
    line = json.dumps({**(FACTS if facts is None else facts), **changes})
    return f"# council-solutions-hub: {line}\n" + doc()


def test_the_hubs_facts_line_is_known_and_checked():
    result = validate_publiccode(with_facts().encode())

    assert result.problems == []
    assert result.hub_facts == FACTS


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("costModel", "cheap"),
        ("hosting", "cloud"),
        ("solutionType", "app"),
        ("priceMinGBP", "lots"),
        ("processesPersonalData", "sometimes"),
        ("listingURL", "bins"),
        ("serviceAreas", "housing"),
    ],
)
def test_a_bad_value_in_the_hubs_facts_is_an_error_on_their_line(key, value):
    assert errors(with_facts(**{key: value})) == [(f"council-solutions-hub.{key}", 1)]


def test_an_unknown_key_in_the_hubs_facts_is_a_warning():
    text = with_facts(colour="green")

    assert problems(text, "warning") == [("council-solutions-hub.colour", 1)]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "not valid JSON"),
        ('["a list"]', "must be a JSON object"),
        ('{"priceMinGBP": NaN}', "not valid JSON"),
    ],
)
def test_an_unreadable_facts_line_is_a_warning_and_the_file_still_imports(line, message):
    result = validate_publiccode(f"{doc()}# council-solutions-hub: {line}\n".encode())

    assert [(p.severity, p.key) for p in result.problems] == [("warning", "council-solutions-hub")]
    assert message in result.problems[0].message
    assert result.problems[0].line == doc().count("\n") + 1
    assert result.hub_facts is None


def test_a_comment_that_only_mentions_the_hub_is_not_a_facts_line():
    result = validate_publiccode(("# council-solutions-hub wrote this\n" + doc()).encode())

    assert (result.problems, result.hub_facts) == ([], None)


LEGACY_SECTION = """\
x-council-solutions-hub:
  costModel: subscription
  hosting: saas
"""


def test_the_section_earlier_exports_wrote_is_read_with_a_warning():
    result = validate_publiccode((doc() + LEGACY_SECTION).encode())

    assert [(p.severity, p.key) for p in result.problems] == [
        ("warning", "x-council-solutions-hub")
    ]
    assert "official parser refuses" in result.problems[0].message


def test_a_bad_value_in_the_earlier_section_is_still_an_error():
    text = doc() + LEGACY_SECTION.replace("hosting: saas", "hosting: cloud")

    assert [k for k, _line in errors(text)] == ["x-council-solutions-hub.hosting"]
