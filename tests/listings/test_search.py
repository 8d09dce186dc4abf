"""The catalogue's search selector: filters, facet counts, full-text search and sorting."""

import datetime
from decimal import Decimal
from urllib.parse import urlencode

from django.http import QueryDict
from django.utils import timezone

import pytest

from hub.factories import CouncilFactory
from listings.factories import AdoptionFactory, SavingsEvidenceFactory, SolutionPageFactory
from listings.models import AdoptionStatus
from listings.selectors.search import FACETS, FacetOption, solution_facets, solution_search

pytestmark = pytest.mark.django_db


def search(query: str = ""):
    return solution_search(QueryDict(query))


def titles(query: str = "") -> list[str]:
    return [solution.title for solution in search(query).results]


def facet(query: str, name: str) -> dict[str, int]:
    return {option.value: option.count for option in search(query).facets[name]}


@pytest.fixture
def camden(db):
    return CouncilFactory(
        name="Camden",
        council_type="LBO",
        council_type_name="London borough",
        nation="England",
        region="London",
    )


@pytest.fixture
def cardiff(db):
    return CouncilFactory(
        name="Cardiff",
        council_type="UA",
        council_type_name="Unitary authority",
        nation="Wales",
        region="",
    )


# Filters ----------------------------------------------------------------------------


def test_service_area_filter_keeps_solutions_filed_under_any_chosen_area():
    SolutionPageFactory(title="Sublets", service_areas=["housing"])
    SolutionPageFactory(title="Rounds", service_areas=["waste-and-environment"])
    SolutionPageFactory(title="Care", service_areas=["adult-social-care"])

    assert titles("service_area=housing&service_area=waste-and-environment") == [
        "Rounds",
        "Sublets",
    ]


@pytest.mark.parametrize(
    ("query", "field", "wanted", "other"),
    [
        ("type=geospatial", "solution_type", "geospatial", "dashboard"),
        ("status=beta", "development_status", "beta", "stable"),
        ("cost=subscription", "cost_model", "subscription", "free"),
        ("hosting=saas", "hosting", "saas", "self_hosted"),
        ("licence=agpl-3.0-or-later", "licence", "AGPL-3.0-or-later", "MIT"),
        ("open_source=false", "is_open_source", False, True),
    ],
)
def test_field_filters_keep_only_matching_solutions(query, field, wanted, other):
    SolutionPageFactory(title="Wanted", **{field: wanted})
    SolutionPageFactory(title="Other", **{field: other})

    assert titles(query) == ["Wanted"]


def test_min_evidence_keeps_solutions_with_evidence_at_that_level_or_above():
    for level in (2, 3, 5):
        SavingsEvidenceFactory(adoption__solution__title=f"Level {level}", evidence_level=level)
    SolutionPageFactory(title="No evidence")

    assert titles("min_evidence=3") == ["Level 3", "Level 5"]


def test_verified_savings_filter_keeps_solutions_with_moderator_verified_money():
    SavingsEvidenceFactory(adoption__solution__title="Verified", verified_by_moderator=True)
    SavingsEvidenceFactory(adoption__solution__title="Claimed", verified_by_moderator=False)

    assert titles("verified_savings=true") == ["Verified"]
    assert titles("verified_savings=false") == ["Claimed"]


@pytest.mark.parametrize(
    "query",
    ["council_type=lbo", "nation=England", "region=london"],
    ids=["type", "nation", "region"],
)
def test_adopter_filters_keep_solutions_used_by_such_a_council(query, camden, cardiff):
    AdoptionFactory(solution__title="Used in Camden", council=camden)
    AdoptionFactory(solution__title="Used in Cardiff", council=cardiff)

    assert titles(query) == ["Used in Camden"]


def test_adopter_filters_ignore_councils_only_exploring_or_retired(camden):
    AdoptionFactory(solution__title="Exploring", council=camden, status=AdoptionStatus.EXPLORING)
    AdoptionFactory(solution__title="Retired", council=camden, status=AdoptionStatus.RETIRED)
    AdoptionFactory(solution__title="Piloting", council=camden, status=AdoptionStatus.PILOTING)

    assert titles("region=London") == ["Piloting"]


def test_filters_combine_with_and_across_facets():
    SolutionPageFactory(title="Both", service_areas=["housing"], solution_type="dashboard")
    SolutionPageFactory(title="Area only", service_areas=["housing"], solution_type="workflow")
    SolutionPageFactory(
        title="Type only", service_areas=["public-health"], solution_type="dashboard"
    )

    assert titles("service_area=housing&type=dashboard") == ["Both"]


def test_unpublished_solutions_are_never_listed():
    SolutionPageFactory(title="Live")
    SolutionPageFactory(title="Draft", live=False)

    assert titles() == ["Live"]


def test_an_invalid_value_ignores_that_filter_only():
    SolutionPageFactory(title="Beta map", development_status="beta", solution_type="geospatial")
    SolutionPageFactory(title="Stable map", development_status="stable", solution_type="geospatial")
    SolutionPageFactory(title="Beta board", development_status="beta", solution_type="dashboard")

    result = search("status=beta&type=nonsense&min_evidence=9&sort=sideways")

    assert [s.title for s in result.results] == ["Beta board", "Beta map"]
    assert result.applied == [("status", "beta")]
    assert set(result.filterset.errors) == {"type", "min_evidence", "sort"}


def test_applied_parameters_are_the_canonical_query_string():
    result = search("q=+fraud+&type=dashboard&type=dashboard&open_source=true&sort=relevance")

    assert result.applied == [("q", "fraud"), ("type", "dashboard"), ("open_source", "true")]


# Facet counts -----------------------------------------------------------------------


def test_facets_cover_every_parameter_the_page_offers():
    assert list(search().facets) == list(FACETS)


def test_service_area_counts_are_over_the_filtered_results():
    SolutionPageFactory(
        service_areas=["housing", "revenues-and-benefits"], solution_type="dashboard"
    )
    SolutionPageFactory(service_areas=["housing"], solution_type="dashboard")
    SolutionPageFactory(service_areas=["housing"], solution_type="workflow")

    counts = facet("type=dashboard", "service_area")

    assert counts["housing"] == 2
    assert counts["revenues-and-benefits"] == 1
    assert counts["public-health"] == 0


def test_fixed_choice_facets_list_every_choice_with_its_count():
    SolutionPageFactory(solution_type="dashboard", cost_model="free", hosting="saas")
    SolutionPageFactory(solution_type="dashboard", cost_model="one_off", hosting="saas")

    assert facet("", "type")["dashboard"] == 2
    assert facet("", "type")["geospatial"] == 0
    assert facet("", "cost") == {"free": 1, "one_off": 1, "subscription": 0, "per_use": 0}
    assert facet("", "hosting") == {"saas": 2, "self_hosted": 0, "either": 0}


def test_status_and_open_source_counts():
    SolutionPageFactory(development_status="beta", is_open_source=True)
    SolutionPageFactory(development_status="beta", is_open_source=False)
    SolutionPageFactory(development_status="stable", is_open_source=True)

    assert facet("", "status")["beta"] == 2
    assert facet("", "open_source") == {"true": 2, "false": 1}


def test_licence_counts_list_licences_present_most_common_first():
    SolutionPageFactory(licence="MIT")
    SolutionPageFactory(licence="MIT")
    SolutionPageFactory(licence="Apache-2.0")
    SolutionPageFactory(licence="")

    assert list(facet("", "licence").items()) == [("MIT", 2), ("Apache-2.0", 1)]


def test_min_evidence_counts_are_cumulative():
    for level in (1, 3, 3, 5):
        SavingsEvidenceFactory(evidence_level=level)
    SolutionPageFactory()

    assert facet("", "min_evidence") == {"1": 4, "2": 3, "3": 3, "4": 1, "5": 1}


def test_verified_savings_counts():
    SavingsEvidenceFactory(verified_by_moderator=True)
    SavingsEvidenceFactory(verified_by_moderator=False)
    SolutionPageFactory()

    assert facet("", "verified_savings") == {"true": 1, "false": 2}


def test_adopter_facets_count_distinct_solutions_not_adoptions(camden, cardiff):
    islington = CouncilFactory(
        council_type="LBO", council_type_name="London borough", region="London"
    )
    shared = SolutionPageFactory()
    AdoptionFactory(solution=shared, council=camden)
    AdoptionFactory(solution=shared, council=islington)
    AdoptionFactory(council=cardiff)
    AdoptionFactory(council=camden, status=AdoptionStatus.EXPLORING)

    assert facet("", "council_type") == {"LBO": 1, "UA": 1}
    assert facet("", "nation") == {
        "England": 1,
        "Scotland": 0,
        "Wales": 1,
        "Northern Ireland": 0,
    }
    assert facet("", "region") == {"London": 1}


def test_council_type_options_are_labelled_with_the_type_name(camden):
    AdoptionFactory(council=camden)

    [option] = search().facets["council_type"]

    assert (option.value, option.label) == ("LBO", "London borough")


def test_facet_options_say_which_are_applied():
    SolutionPageFactory(service_areas=["housing"], licence="MIT")

    facets = search("service_area=housing&licence=mit").facets

    assert [o.value for o in facets["service_area"] if o.selected] == ["housing"]
    assert [o.value for o in facets["licence"] if o.selected] == ["MIT"]
    assert not any(o.selected for o in facets["type"])


def test_an_applied_option_no_result_has_is_still_listed():
    SolutionPageFactory(licence="MIT")

    options = search("licence=EUPL-1.2").facets["licence"]

    assert FacetOption(value="EUPL-1.2", label="EUPL-1.2", count=0, selected=True) in options


def test_solution_facets_takes_any_queryset_of_results():
    SolutionPageFactory(solution_type="dashboard")
    SolutionPageFactory(solution_type="workflow")
    results = search("type=workflow").results

    counts = {o.value: o.count for o in solution_facets(results)["type"]}

    assert counts["workflow"] == 1
    assert counts["dashboard"] == 0


# Search -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("term", "found"),
    [
        ("sublets", {"title": "Sublets finder"}),
        ("tenancies", {"summary": "Checks tenancies against other council records."}),
        ("gazetteer", {"tags": ["gazetteer"]}),
        ("homelessness", {"problem": "<p>Rising homelessness costs.</p>"}),
    ],
    ids=["title", "summary", "tag", "problem"],
)
def test_search_finds_solutions_by_their_text(term, found):
    SolutionPageFactory(**{"title": "Found", **found})
    SolutionPageFactory(title="Unrelated", summary="Plans bin collection rounds.")

    assert len(titles(f"q={term}")) == 1
    assert "Unrelated" not in titles(f"q={term}")


def test_search_finds_solutions_by_service_area_name():
    SolutionPageFactory(title="Filed under licensing", service_areas=["licensing-and-food-safety"])
    SolutionPageFactory(title="Filed elsewhere", service_areas=["housing"])

    assert titles("q=licensing") == ["Filed under licensing"]


def test_search_needs_every_word():
    SolutionPageFactory(title="Bulky waste rounds")
    SolutionPageFactory(title="Waste dashboard")

    assert titles("q=bulky+waste") == ["Bulky waste rounds"]


def test_search_ranks_a_title_match_above_a_passing_mention():
    SolutionPageFactory(title="Route planner", summary="Plans rounds; also logs fly-tipping.")
    SolutionPageFactory(title="Fly-tipping reporter", summary="Residents report fly-tipping.")

    assert titles("q=fly-tipping") == ["Fly-tipping reporter", "Route planner"]


def test_search_stays_within_the_other_filters():
    SolutionPageFactory(title="Fraud map", solution_type="geospatial")
    SolutionPageFactory(title="Fraud board", solution_type="dashboard")
    SolutionPageFactory(title="Bin map", solution_type="geospatial")

    assert titles("q=fraud&type=geospatial") == ["Fraud map"]


def test_facets_count_only_the_search_matches():
    SolutionPageFactory(title="Fraud map", solution_type="geospatial")
    SolutionPageFactory(title="Bin map", solution_type="geospatial")
    SolutionPageFactory(title="Fraud board", solution_type="dashboard")

    counts = facet("q=fraud", "type")

    assert counts["geospatial"] == 1
    assert counts["dashboard"] == 1


def test_search_with_another_sort_orders_matches_by_that_field():
    SolutionPageFactory(title="Fraud finder")
    popular = SolutionPageFactory(title="Council tool", summary="Finds fraud.")
    AdoptionFactory(solution=popular)

    assert titles("q=fraud&sort=most_adopted") == ["Council tool", "Fraud finder"]


@pytest.mark.parametrize(
    "term", ['"', "(", "AND", "OR NOT", "*", "-", "fraud)", "NEAR(a b)", "tenancy:fraud", "é"]
)
def test_search_syntax_in_the_term_never_errors(term):
    SolutionPageFactory(title="Tenancy fraud")

    assert isinstance(titles(urlencode({"q": term})), list)


# Sorting ----------------------------------------------------------------------------


def test_default_order_without_a_search_is_by_title():
    for title in ("Beta", "Alpha", "Gamma"):
        SolutionPageFactory(title=title)

    assert titles() == ["Alpha", "Beta", "Gamma"]


def test_most_adopted_sort():
    few, many = SolutionPageFactory(title="Few"), SolutionPageFactory(title="Many")
    SolutionPageFactory(title="None")
    AdoptionFactory(solution=few)
    AdoptionFactory.create_batch(3, solution=many)

    assert titles("sort=most_adopted") == ["Many", "Few", "None"]


def test_highest_savings_sort():
    SavingsEvidenceFactory(adoption__solution__title="Small", amount_gbp=Decimal("5000"))
    SavingsEvidenceFactory(adoption__solution__title="Large", amount_gbp=Decimal("90000"))
    SolutionPageFactory(title="Nothing")

    assert titles("sort=highest_savings") == ["Large", "Small", "Nothing"]


def test_recently_updated_sort():
    now = timezone.now()
    for title, days in (("Last year", 365), ("Yesterday", 1), ("Last month", 30)):
        SolutionPageFactory(title=title, last_published_at=now - datetime.timedelta(days=days))

    assert titles("sort=recently_updated") == ["Yesterday", "Last month", "Last year"]
