"""The relevance set: queries a council officer types, with the demo listings that should
come first. ``bench/search.py`` scores every backend on it (precision at 1 and mean
reciprocal rank); ``tests/listings/search/test_relevance.py`` holds every backend to it.

Covered: shorthand (CTR, DFG, ASB, LLPG, HMO, NNDR, SPD), long forms of shorthand,
plurals and other inflections, misspellings, and words that appear in no listing's
summary (void properties, unoccupied homes, winter road treatment).
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Judgement:
    query: str
    #: Slugs that are a right first answer (usually one).
    expected: tuple[str, ...]
    kind: str  # what the query tests, for the report


RELEVANCE_SET: tuple[Judgement, ...] = (
    Judgement("void properties", ("empty-homes-finder",), "no word in the summary"),
    Judgement("unoccupied homes", ("empty-homes-finder",), "no word in the summary"),
    Judgement("winter road treatment", ("winter-gritting-route-optimiser",), "no word in it"),
    Judgement(
        "subletting fraud detection",
        ("tenancy-fraud-sublet-detector", "camden-residents-index"),
        "inflection and synonym",
    ),
    Judgement("CTR", ("council-tax-reduction-eligibility-checker",), "shorthand"),
    Judgement("council tax reduction", ("council-tax-reduction-eligibility-checker",), "long form"),
    Judgement("DFG", ("disabled-facilities-grant-tracker",), "shorthand"),
    Judgement("home adaptations grant", ("disabled-facilities-grant-tracker",), "synonym"),
    Judgement("ASB", ("antisocial-behaviour-case-manager",), "shorthand"),
    Judgement(
        "education health and care plan", ("ehcp-timeliness-tracker",), "long form of shorthand"
    ),
    Judgement("LLPG", ("uprn-address-matching",), "shorthand, words in no summary"),
    Judgement("HMO", ("unlicensed-hmo-finder",), "shorthand"),
    Judgement("houses in multiple occupation", ("unlicensed-hmo-finder",), "long form"),
    Judgement("NNDR", ("business-rates-property-discovery",), "shorthand"),
    Judgement("SPD review", ("council-tax-single-person-discount-review",), "shorthand"),
    Judgement("potholes", ("pothole-prediction-model",), "plural"),
    Judgement("predicting potholes", ("pothole-prediction-model",), "inflection"),
    Judgement(
        "bulky waste rounds",
        ("bulky-waste-route-optimisation-gis",),
        "phrase",
    ),
    Judgement("fly tipping", ("fly-tipping-hotspot-map",), "hyphen dropped"),
    Judgement("food hygiene inspections", ("food-safety-inspection-targeting",), "plural and tag"),
    Judgement("school places", ("school-place-planning-model",), "plural"),
    Judgement("damp mould", ("damp-and-mould-risk-model",), "two words"),
    Judgement("gritting routs", ("winter-gritting-route-optimiser",), "misspelling"),
    Judgement("pothole predicton", ("pothole-prediction-model",), "misspelling"),
    Judgement("tenancy fruad", ("tenancy-fraud-sublet-detector",), "misspelling"),
    Judgement("mandate fraud", ("duplicate-payments-detector",), "tag"),
)


@dataclass(frozen=True)
class Score:
    judgement: Judgement
    ranked: tuple[str, ...]

    @property
    def rank(self) -> int | None:
        """The 1-based position of the first expected slug, or None."""
        for position, slug in enumerate(self.ranked, start=1):
            if slug in self.judgement.expected:
                return position
        return None

    @property
    def reciprocal_rank(self) -> float:
        return 1 / self.rank if self.rank else 0.0


def evaluate(search: Callable[[str], list[str]], depth: int = 10) -> list[Score]:
    """Run every query through ``search`` (query -> ranked slugs) and score it."""
    return [Score(j, tuple(search(j.query)[:depth])) for j in RELEVANCE_SET]


def precision_at_1(scores: list[Score]) -> float:
    return sum(score.rank == 1 for score in scores) / len(scores)


def mean_reciprocal_rank(scores: list[Score]) -> float:
    return sum(score.reciprocal_rank for score in scores) / len(scores)
