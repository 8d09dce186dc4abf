"""The same behaviour from every search backend (``search_backend`` runs each available one).

Results are compared as sets where backends may rank differently, and as lists where the
order is the point (a title match above a passing mention).
"""

from django.http import QueryDict

import pytest

from listings.factories import CaseStudyPageFactory, SolutionPageFactory
from listings.models import SolutionPage
from listings.search.case_studies import case_study_context
from listings.search.models import SynonymGroup
from listings.search.text import text_search
from listings.selectors.search import solution_search


def search(query: str):
    return solution_search(QueryDict(query))


def titles(query: str) -> list[str]:
    return [solution.title for solution in search(query).results]


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("q=sublets", "Sublet finder"),
        ("q=inspections", "Inspection planner"),
        ("q=predicting", "Prediction model"),
    ],
)
def test_stemming_finds_other_forms_of_a_word(search_backend, query, title):
    SolutionPageFactory(title="Sublet finder", summary="Finds a sublet.")
    SolutionPageFactory(title="Inspection planner", summary="Plans an inspection.")
    SolutionPageFactory(title="Prediction model", summary="Predicts demand.")

    assert titles(query) == [title]


def test_shorthand_finds_the_long_form_and_back(search_backend):
    SolutionPageFactory(title="Reduction checker", summary="Checks council tax reduction.")
    SolutionPageFactory(title="CTR dashboard", summary="Claims by week.")
    SolutionPageFactory(title="Unrelated", summary="Plans bin rounds.")

    assert set(titles("q=CTR")) == {"Reduction checker", "CTR dashboard"}
    assert set(titles("q=council+tax+reduction")) == {"Reduction checker", "CTR dashboard"}


def test_a_moderators_new_synonym_applies_at_once(search_backend):
    SolutionPageFactory(title="Gully cleansing planner", summary="Plans gully cleansing.")
    assert titles("q=drain+clearing") == []

    SynonymGroup.objects.create(name="Gullies", terms="gully cleansing\ndrain clearing")

    assert titles("q=drain+clearing") == ["Gully cleansing planner"]


def test_every_word_is_needed_when_something_has_them_all(search_backend):
    SolutionPageFactory(title="Bulky waste rounds")
    SolutionPageFactory(title="Waste dashboard")

    result = search("q=bulky+waste")

    assert [s.title for s in result.results] == ["Bulky waste rounds"]
    assert not result.fallback


def test_nothing_with_every_word_falls_back_to_any_word_and_says_so(search_backend):
    SolutionPageFactory(title="Bulky waste rounds")
    SolutionPageFactory(title="Pothole model")
    SolutionPageFactory(title="Care dashboard")

    result = search("q=bulky+pothole")

    assert {s.title for s in result.results} == {"Bulky waste rounds", "Pothole model"}
    assert result.fallback
    assert "showing results for any of them" in result.fallback_message


def test_a_misspelling_gets_did_you_mean(search_backend):
    SolutionPageFactory(title="Tenancy fraud scorer", summary="Scores fraud risk.")

    result = search("q=tenancy+fruad")

    assert result.suggestion == "tenancy fraud"


def test_a_known_word_gets_no_did_you_mean(search_backend):
    SolutionPageFactory(title="Tenancy fraud scorer")

    assert search("q=fraud").suggestion == ""


def test_snippets_mark_the_matches_and_escape_the_text(search_backend):
    page = SolutionPageFactory(title="Scorer", summary="Scores fraud & <b>sublets</b>.")

    result = search("q=fraud")
    snippet = result.snippets([page])[page.pk]

    assert "<mark>fraud</mark>" in snippet
    assert "&amp;" in snippet
    assert "<b>" not in snippet


def test_a_title_match_ranks_above_a_passing_mention(search_backend):
    SolutionPageFactory(title="Route planner", summary="Plans rounds; also logs fly-tipping.")
    SolutionPageFactory(title="Fly-tipping reporter", summary="Residents report it.")

    assert titles("q=fly-tipping") == ["Fly-tipping reporter", "Route planner"]


def test_search_keeps_the_other_filters(search_backend):
    SolutionPageFactory(title="Fraud map", solution_type="geospatial")
    SolutionPageFactory(title="Fraud board", solution_type="dashboard")

    assert titles("q=fraud&type=geospatial") == ["Fraud map"]


def test_unpublished_and_deleted_pages_leave_the_index(search_backend):
    gone = SolutionPageFactory(title="Fraud finder one")
    hidden = SolutionPageFactory(title="Fraud finder two")
    SolutionPageFactory(title="Fraud finder three")

    hidden.unpublish()
    SolutionPage.objects.get(pk=gone.pk).delete()

    assert titles("q=fraud") == ["Fraud finder three"]


def test_a_published_revision_is_found_by_its_new_words(search_backend):
    page = SolutionPageFactory(title="Rounds planner", summary="Plans rounds.")
    page.summary = "Plans gritting rounds."
    page.save_revision().publish()

    assert titles("q=gritting") == ["Rounds planner"]


def test_case_studies_are_searched_too(search_backend, rf):
    CaseStudyPageFactory(title="Camden finds sublets", approach="<p>Matched records.</p>")
    CaseStudyPageFactory(title="Kent fixes potholes")
    index = CaseStudyPageFactory._meta.model.objects.first().get_parent()

    context = case_study_context(QueryDict("q=sublet"), index_page=index)

    assert [s.title for s in context["page_obj"].object_list] == ["Camden finds sublets"]


def test_case_studies_and_solutions_are_kept_apart(search_backend):
    SolutionPageFactory(title="Pothole model")
    CaseStudyPageFactory(title="Kent fixes potholes")

    assert titles("q=pothole") == ["Pothole model"]
    assert text_search("case_study", "pothole")


@pytest.mark.parametrize(
    "query",
    ['"', "(", "AND", "OR NOT", "*", "-", "fraud)", "NEAR(a b)", "tenancy:fraud", "é", "🏠🏠"],
)
def test_search_syntax_never_errors(search_backend, query):
    SolutionPageFactory(title="Tenancy fraud")

    assert isinstance(titles(f"q={query}"), list)


def test_a_moderator_edits_synonyms_in_wagtail_and_search_follows(
    search_backend, client, moderator
):
    SolutionPageFactory(title="Gully cleansing planner", summary="Plans gully cleansing.")
    group = SynonymGroup.objects.get(name="CTR")
    client.force_login(moderator)

    response = client.post(
        f"/admin/snippets/listings/synonymgroup/edit/{group.pk}/",
        {"name": "CTR", "terms": "CTR\ncouncil tax reduction\ngully cleansing"},
    )

    assert response.status_code == 302
    assert titles("q=CTR") == ["Gully cleansing planner"]
