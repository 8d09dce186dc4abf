"""Reading the search box: caps, and no backend syntax from the input."""

import pytest

from listings.search.query import MAX_QUERY_LENGTH, MAX_QUERY_TERMS, QueryRejected, parse_query


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        ('"tenancy fraud', ("tenancy", "fraud")),
        ("fraud AND NOT sublets*", ("fraud", "not", "sublets")),
        ("tenancy:fraud NEAR(a b)", ("tenancy", "fraud", "near", "b")),
        ("fraud\x00detection", ("fraud", "detection")),
        ("🏠 empty homes 👀", ("empty", "homes")),
        ("fly-tipping", ("fly-tipping",)),
        ("council's tools for the homeless", ("councils", "tools", "homeless")),
        ("Café", ("café",)),
    ],
)
def test_input_becomes_plain_words(raw, words):
    assert parse_query(raw).words == words


def test_stop_words_and_repeats_are_dropped():
    assert parse_query("the fraud and the FRAUD").words == ("fraud",)


def test_only_punctuation_is_no_query():
    assert not parse_query('" ( ) * -')


def test_a_long_query_is_cut_for_pages():
    parsed = parse_query("fraud " * 20_000)

    assert parsed.truncated
    assert len(parsed.text) <= MAX_QUERY_LENGTH


def test_too_many_words_are_cut_for_pages():
    parsed = parse_query(" ".join(f"word{n}" for n in range(40)))

    assert parsed.truncated
    assert len(parsed.words) == MAX_QUERY_TERMS


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("x" * (MAX_QUERY_LENGTH + 1), "at most 200 characters"),
        (" ".join(["fraud"] * (MAX_QUERY_TERMS + 1)), "at most 12 words"),
    ],
)
def test_the_api_refuses_queries_past_the_caps_with_the_reason(raw, reason):
    with pytest.raises(QueryRejected, match=reason):
        parse_query(raw, strict=True)
