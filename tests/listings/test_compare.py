"""/solutions/compare/?s=<slug>&s=<slug>: two to four solutions side by side."""

from decimal import Decimal

import pytest
from bs4 import BeautifulSoup

from listings.factories import AdoptionFactory, SavingsEvidenceFactory, SolutionPageFactory
from listings.models import CostModel

pytestmark = pytest.mark.django_db

URL = "/solutions/compare/"


def compare(client, *slugs):
    response = client.get(URL, {"s": list(slugs)})
    return response, BeautifulSoup(response.content, "html.parser")


def row(soup, name: str) -> list[str]:
    cells = soup.select_one(f'tr[data-row="{name}"]').find_all("td")
    return [" ".join(cell.get_text(" ").split()) for cell in cells]


def test_two_solutions_side_by_side(client):
    first = SolutionPageFactory(
        title="Resident index",
        cost_model=CostModel.SUBSCRIPTION,
        price_min_gbp=Decimal("1000"),
        price_max_gbp=Decimal("5000"),
        development_status="beta",
        licence="Proprietary",
        is_open_source=False,
    )
    adoption = AdoptionFactory(solution=first)
    SavingsEvidenceFactory(adoption=adoption, amount_gbp=Decimal("1234.56"), evidence_level=4)
    second = SolutionPageFactory(title="Bulky waste rounds", licence="MIT")

    response, soup = compare(client, first.slug, second.slug)

    assert response.status_code == 200
    headers = [th.a.get_text() for th in soup.select("table.hub-compare thead th")]
    assert headers == ["Resident index", "Bulky waste rounds"]
    assert row(soup, "cost") == ["Subscription £1,000.00 to £5,000.00", "Free"]
    assert row(soup, "status") == ["Beta", "Stable"]
    assert row(soup, "licence") == ["Proprietary (proprietary)", "MIT (open source)"]
    assert row(soup, "adopters") == ["1", "0"]
    assert row(soup, "savings") == ["£1,234.56", "£0.00"]
    assert row(soup, "evidence") == ["Level 4 of 5: independent replication", "No evidence yet"]


def test_four_solutions_can_be_compared_and_each_removed(client):
    solutions = SolutionPageFactory.create_batch(4)

    response, soup = compare(client, *[s.slug for s in solutions])

    assert response.status_code == 200
    assert len(soup.select("table.hub-compare thead th")) == 4
    remove = soup.select_one("table.hub-compare thead th a[href*='compare']")
    assert remove["href"].count("s=") == 3
    assert f"s={solutions[0].slug}" not in remove["href"]


def test_one_solution_is_an_error_that_offers_related_ones(client):
    solution = SolutionPageFactory(service_areas=["housing"])
    neighbour = SolutionPageFactory(service_areas=["housing"])

    response, soup = compare(client, solution.slug)

    assert response.status_code == 400
    summary = soup.select_one(".govuk-error-summary")
    assert "Choose at least 2 solutions to compare" in summary.get_text()
    assert soup.title.get_text().startswith("Error: ")
    assert soup.find("input", type="hidden", attrs={"name": "s"})["value"] == solution.slug
    assert [box["value"] for box in soup.select("input[type=checkbox]")] == [neighbour.slug]


def test_no_solutions_is_an_error(client):
    response, soup = compare(client)
    assert response.status_code == 400
    assert "Choose at least 2 solutions" in soup.select_one(".govuk-error-summary").get_text()


def test_five_solutions_is_an_error_with_ways_to_remove_one(client):
    solutions = SolutionPageFactory.create_batch(5)

    response, soup = compare(client, *[s.slug for s in solutions])

    assert response.status_code == 400
    assert "Choose no more than 4 solutions" in soup.select_one(".govuk-error-summary").get_text()
    assert len(soup.select("#compare-help a[href^='/solutions/compare/']")) == 5
    assert soup.select_one("table.hub-compare") is None


def test_unknown_and_draft_slugs_are_left_out_with_a_message(client):
    first, second = SolutionPageFactory.create_batch(2)
    draft = SolutionPageFactory(live=False)

    response, soup = compare(client, first.slug, "no-such-tool", second.slug, draft.slug)

    assert response.status_code == 200
    assert len(soup.select("table.hub-compare thead th")) == 2
    message = soup.select_one(".hub-compare-unknown").get_text(" ")
    assert "no-such-tool" in message
    assert draft.slug in message


def test_unknown_slugs_do_not_count_towards_the_minimum(client):
    solution = SolutionPageFactory()
    response, _ = compare(client, solution.slug, "no-such-tool")
    assert response.status_code == 400


def test_repeated_slugs_count_once(client):
    first, second = SolutionPageFactory.create_batch(2)

    response, soup = compare(client, first.slug, second.slug, first.slug)

    assert response.status_code == 200
    assert len(soup.select("table.hub-compare thead th")) == 2
