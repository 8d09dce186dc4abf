"""Elasticsearch: the request bodies elasticsearch-dsl builds, and reading its responses.

No server runs here, and nothing pretends to be one: these tests assert the bodies
(``to_dict()``) and parse response bodies shaped as Elasticsearch's documentation shows
(search hits with highlight, term suggester, filter and terms/range aggregations).
Against a real Elasticsearch 8 the backend runs the whole shared suite
(``test_backends.py`` with ``search_backend``) when ELASTICSEARCH_URL is set.
"""

from django.http import QueryDict
from django.test import override_settings

import pytest

from listings.factories import SolutionPageFactory
from listings.search import get_backend
from listings.search.backends.base import MARK_END, MARK_START, TextQuery
from listings.search.backends.elasticsearch import (
    facet_rows,
    faceted_filters,
    parse_facets,
    parse_highlights,
    parse_ids,
    parse_suggestions,
)
from listings.search.elasticsearch_documents import (
    FIELDS,
    SolutionFacetedSearch,
    alias_name,
    document_classes,
    synonym_rules,
    text_query,
)
from listings.search.indexing import rebuild
from listings.search.synonyms import Clause
from listings.selectors.search import solution_search

CTR = Clause((("ctr",), ("council", "tax", "reduction")))
FRAUD = Clause((("fraud",),))


def phrase(text):
    return {"multi_match": {"query": text, "fields": FIELDS, "type": "phrase"}}


def test_all_words_must_match_each_clause_through_any_of_its_phrases():
    body = text_query(TextQuery((CTR, FRAUD))).to_dict()

    assert body == {
        "bool": {
            "must": [
                {
                    "bool": {
                        "should": [phrase("ctr"), phrase("council tax reduction")],
                        "minimum_should_match": 1,
                    }
                },
                {"bool": {"should": [phrase("fraud")], "minimum_should_match": 1}},
            ]
        }
    }


def test_any_word_needs_one_clause():
    body = text_query(TextQuery((CTR, FRAUD), any_word=True)).to_dict()

    assert body["bool"]["minimum_should_match"] == 1
    assert len(body["bool"]["should"]) == 2


@override_settings(ELASTICSEARCH_INDEX_PREFIX="hub", HUB_ENVIRONMENT="staging")
def test_index_names_are_per_environment():
    assert alias_name("solution") == "hub-staging-solutions"
    assert alias_name("case_study") == "hub-staging-case-studies"


def test_synonym_rules_are_solr_lines_of_lower_case_terms():
    assert synonym_rules([["CTR", "Council tax reduction"], ["alone"]]) == [
        "ctr, council tax reduction"
    ]


def test_the_mapping_stems_english_and_applies_synonyms_at_search_time():
    solution, _case_study = document_classes([["CTR", "council tax reduction"]])

    body = solution._index.to_dict()
    analysis = body["settings"]["analysis"]
    title = body["mappings"]["properties"]["title"]

    assert title == {
        "type": "text",
        "analyzer": "hub_english",
        "search_analyzer": "hub_english_search",
        "copy_to": "spell",
    }
    assert analysis["analyzer"]["hub_english"]["filter"] == [
        "lowercase",
        "hub_english_possessive",
        "hub_english_stop",
        "hub_english_stemmer",
    ]
    assert "hub_synonyms" in analysis["analyzer"]["hub_english_search"]["filter"]
    assert analysis["filter"]["hub_synonyms"] == {
        "type": "synonym_graph",
        "synonyms": ["ctr, council tax reduction"],
    }
    assert analysis["filter"]["hub_english_stemmer"] == {
        "type": "stemmer",
        "language": "english",
    }
    for keyword in ("service_area", "type", "nation", "region", "council_type"):
        assert body["mappings"]["properties"][keyword] == {"type": "keyword"}
    assert body["mappings"]["properties"]["min_evidence"] == {"type": "integer"}


def test_the_faceted_search_filters_hits_and_counts_every_facet_over_the_filtered_results():
    faceted = SolutionFacetedSearch(
        TextQuery((FRAUD,)),
        faceted_filters([("q", "fraud"), ("type", "dashboard"), ("min_evidence", "3")]),
        index="hub-test-solutions",
    )

    body = faceted._s.to_dict()
    every_filter = {
        "bool": {
            "must": [{"terms": {"type": ["dashboard"]}}, {"range": {"min_evidence": {"gte": 3}}}]
        }
    }

    assert body["query"] == text_query(TextQuery((FRAUD,))).to_dict()
    assert body["post_filter"] == every_filter
    assert body["aggs"]["_filter_type"] == {
        "filter": every_filter,
        "aggs": {"type": {"terms": {"field": "type", "size": 50}}},
    }
    assert body["aggs"]["_filter_min_evidence"]["aggs"]["min_evidence"] == {
        "range": {
            "field": "min_evidence",
            "keyed": False,
            "ranges": [{"from": n, "key": str(n)} for n in range(1, 6)],
        }
    }
    assert body["highlight"] == {
        "pre_tags": [MARK_START],
        "post_tags": [MARK_END],
        "fields": {
            "weight_b": {"number_of_fragments": 1, "fragment_size": 160},
            "weight_c": {"number_of_fragments": 1, "fragment_size": 160},
        },
    }
    assert set(body["aggs"]) == {f"_filter_{name}" for name in faceted.facets}


def test_boolean_and_licence_filters_are_typed_for_the_index():
    assert faceted_filters([("open_source", "true"), ("licence", "MIT"), ("sort", "x")]) == {
        "open_source": [True],
        "licence": ["mit"],
    }


# Responses shaped as in Elasticsearch's documentation -----------------------------

SEARCH_RESPONSE = {
    "took": 5,
    "timed_out": False,
    "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
    "hits": {
        "total": {"value": 2, "relation": "eq"},
        "max_score": 1.3,
        "hits": [
            {
                "_index": "hub-test-solutions-20260101000000",
                "_id": "42",
                "_score": 1.3,
                "highlight": {"weight_b": [f"Finds {MARK_START}fraud{MARK_END} in tenancies."]},
            },
            {
                "_index": "hub-test-solutions-20260101000000",
                "_id": "7",
                "_score": 0.2,
                "highlight": {"weight_c": [f"tags: {MARK_START}fraud{MARK_END}"]},
            },
        ],
    },
    "suggest": {
        "spelling": [
            {
                "text": "fruad",
                "offset": 0,
                "length": 5,
                "options": [{"text": "fraud", "score": 0.8, "freq": 12}],
            },
            {"text": "tenancy", "offset": 6, "length": 7, "options": []},
        ]
    },
    "aggregations": {
        "_filter_type": {
            "doc_count": 2,
            "type": {
                "doc_count_error_upper_bound": 0,
                "sum_other_doc_count": 0,
                "buckets": [{"key": "dashboard", "doc_count": 2}],
            },
        },
        "_filter_open_source": {
            "doc_count": 2,
            "open_source": {
                "buckets": [
                    {"key": 1, "key_as_string": "true", "doc_count": 1},
                    {"key": 0, "key_as_string": "false", "doc_count": 1},
                ]
            },
        },
        "_filter_min_evidence": {
            "doc_count": 2,
            "min_evidence": {
                "buckets": [
                    {"key": "1", "from": 1.0, "doc_count": 2},
                    {"key": "3", "from": 3.0, "doc_count": 1},
                ]
            },
        },
        "_filter_region": {
            "doc_count": 2,
            "region": {"buckets": [{"key": "London", "doc_count": 2}]},
        },
    },
}


def test_hits_become_page_ids_in_rank_order():
    assert parse_ids(SEARCH_RESPONSE) == [42, 7]


def test_highlights_prefer_the_summary_and_problem():
    assert parse_highlights(SEARCH_RESPONSE) == {
        42: f"Finds {MARK_START}fraud{MARK_END} in tenancies.",
        7: f"tags: {MARK_START}fraud{MARK_END}",
    }


def test_the_term_suggester_gives_did_you_mean_for_unknown_words_only():
    assert parse_suggestions(SEARCH_RESPONSE) == {"fruad": "fraud"}


def test_facet_buckets_are_read_by_key():
    counts = parse_facets(SEARCH_RESPONSE)

    assert counts["type"] == {"dashboard": 2}
    assert counts["open_source"] == {"true": 1, "false": 1}
    assert counts["min_evidence"] == {"1": 2, "3": 1}


def test_facet_rows_have_the_database_backends_shape():
    total, rows = facet_rows(SEARCH_RESPONSE, areas=[("housing", "Housing")])

    assert total == 2
    assert rows["service_area"] == [("housing", "Housing", 0)]
    assert ("dashboard", "Dashboard and reporting", 2) in rows["type"]
    assert rows["open_source"] == [("true", "Open source", 1), ("false", "Not open source", 1)]
    assert rows["min_evidence"][2] == ("3", "3", 1)
    assert rows["region"] == [("London", "London", 2)]
    assert ("Wales", "Wales", 0) in rows["nation"]


# Against a real Elasticsearch 8 (skipped, saying why, without ELASTICSEARCH_URL) --------


def test_rebuild_fills_a_new_index_then_moves_the_alias(search_backend):
    if search_backend != "elasticsearch":
        pytest.skip("Elasticsearch only: the database backends rebuild in a transaction")
    SolutionPageFactory(title="Fraud finder")
    backend = get_backend()
    backend.ensure_indexes()
    before = set(backend.client.indices.get_alias(name=alias_name("solution")))

    rebuild()

    after = set(backend.client.indices.get_alias(name=alias_name("solution")))
    assert after and after.isdisjoint(before)
    assert [s.title for s in solution_search(QueryDict("q=fraud")).results] == ["Fraud finder"]
