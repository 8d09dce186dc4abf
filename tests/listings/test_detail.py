"""The solution page: summary card, adopters, savings, councils like mine, JSON-LD, case
studies and related solutions, and a query count that does not grow with adopters."""

import datetime
import json
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest
from bs4 import BeautifulSoup

from hub.factories import CouncilFactory, MembershipFactory, UserFactory, VendorFactory
from hub.formatting import format_gbp
from hub.models import MembershipStatus
from listings.factories import (
    AdoptionFactory,
    CaseStudyPageFactory,
    SavingsEvidenceFactory,
    SolutionPageFactory,
)
from listings.models import (
    AdoptionStatus,
    CostModel,
    EvidenceLevel,
    Hosting,
    SavingsKind,
    SavingsPeriod,
    SolutionIndexPage,
    SolutionPage,
)
from listings.models.choices import EVIDENCE_NAMES, NESTA_STANDARDS
from listings.presenters.evidence import savings_chart
from listings.presenters.facts import evidence_level_label
from listings.presenters.viewer import councils_like_mine
from listings.selectors.detail import solution_adoptions

pytestmark = pytest.mark.django_db


def soup_of(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def fact(soup: BeautifulSoup, name: str) -> str:
    return " ".join(soup.select_one(f'[data-fact="{name}"] dd').get_text(" ").split())


def test_the_evidence_levels_are_explained_in_the_same_words_as_the_form(client):
    solution = SolutionPageFactory()
    items = soup_of(client.get(solution.url)).select("#evidence-levels ol > li")

    assert [" ".join(item.get_text(" ").split()) for item in items] == [
        f"{EVIDENCE_NAMES[level].capitalize()}: {NESTA_STANDARDS[level]}"
        for level in EvidenceLevel.values
    ]
    assert [int(item["value"]) for item in items] == [1, 2, 3, 4, 5]


def test_money_is_formatted_with_pounds_commas_and_pence():
    assert format_gbp(Decimal("1234.5")) == "£1,234.50"
    assert format_gbp(Decimal("3400000")) == "£3,400,000.00"


def test_evidence_level_is_named_the_nesta_way():
    assert evidence_level_label(3) == "Level 3 of 5: causation"
    assert evidence_level_label(None) == "No evidence yet"


def test_summary_card_shows_status_licence_cost_hosting_adopters_savings_and_evidence(client):
    solution = SolutionPageFactory(
        development_status="beta",
        licence="AGPL-3.0-or-later",
        is_open_source=True,
        cost_model=CostModel.SUBSCRIPTION,
        price_min_gbp=Decimal("1234.56"),
        price_max_gbp=Decimal("5000"),
        hosting=Hosting.SAAS,
    )
    first = AdoptionFactory(solution=solution)
    SavingsEvidenceFactory(adoption=first, amount_gbp=Decimal("25000"), evidence_level=3)
    AdoptionFactory(solution=solution, status=AdoptionStatus.PILOTING)
    AdoptionFactory(solution=solution, status=AdoptionStatus.EXPLORING)

    soup = soup_of(client.get(solution.url))

    assert fact(soup, "status") == "Beta"
    assert fact(soup, "licence") == "AGPL-3.0-or-later (open source)"
    assert fact(soup, "cost") == "Subscription Indicative price: £1,234.56 to £5,000.00"
    assert fact(soup, "hosting") == "Software as a service"
    assert fact(soup, "adopters").startswith("2 ")  # exploring does not count
    assert fact(soup, "savings") == "£25,000.00"
    assert fact(soup, "evidence").startswith("Level 3 of 5: causation")
    assert "control group shows the tool caused the change" in fact(soup, "evidence")


def test_summary_card_says_proprietary_and_no_evidence(client):
    solution = SolutionPageFactory(licence="Proprietary", is_open_source=False)

    soup = soup_of(client.get(solution.url))

    assert fact(soup, "licence") == "Proprietary (proprietary)"
    assert fact(soup, "savings") == "£0.00"
    assert fact(soup, "evidence") == "No evidence yet"


def test_page_shows_problem_description_provider_data_and_protection(client):
    vendor = VendorFactory(name="Acme Data Ltd", slug="acme-data")
    solution = SolutionPageFactory(
        title="Resident index",
        problem="<p>Illegal sublets go unnoticed.</p>",
        audience="Housing fraud teams",
        description=[("rich_text", "<p>It matches records across services.</p>")],
        provider=vendor,
        repository_url="https://github.com/example/resident-index",
        data_standards="UPRN, USRN",
        processes_personal_data=True,
        dpia_template_available=True,
        accessibility_statement_url="https://example.org/accessibility",
        service_areas=["housing"],
        tags=["fraud"],
    )

    soup = soup_of(client.get(solution.url))
    text = " ".join(soup.get_text(" ").split())

    assert "Illegal sublets go unnoticed." in text
    assert "It matches records across services." in text
    assert "Housing fraud teams" in text
    assert soup.find("a", string="Acme Data Ltd")["href"] == "/organisations/acme-data/"
    assert soup.find("a", href="https://github.com/example/resident-index") is not None
    assert [tag.get_text() for tag in soup.select("#data ~ dl .govuk-tag")][:2] == ["UPRN", "USRN"]
    assert fact(soup, "personal-data") == "Yes"
    assert fact(soup, "dpia").startswith("Yes")
    assert soup.find("a", href="https://example.org/accessibility") is not None
    assert soup.find("a", string="Housing")["href"] == "/solutions/?service_area=housing"
    assert "fraud" in [tag.get_text() for tag in soup.select(".govuk-tag")]


def test_harvested_github_metrics_show_when_they_were_harvested(client):
    solution = SolutionPageFactory(
        github_stars=1234,
        github_forks=56,
        metrics_harvested_at=timezone.make_aware(datetime.datetime(2025, 3, 4, 12, 0)),
    )

    soup = soup_of(client.get(solution.url))

    metrics = soup.select_one(".hub-github-metrics").get_text(" ")
    assert "1,234" in metrics
    assert "56" in metrics
    assert "Harvested on 4 March 2025" in soup.select_one(".hub-harvested").get_text()


def test_github_section_is_absent_when_never_harvested(client):
    solution = SolutionPageFactory()
    assert soup_of(client.get(solution.url)).select_one(".hub-github-metrics") is None


def test_adopters_are_grouped_by_region_with_status_and_verification(client):
    solution = SolutionPageFactory()
    camden = CouncilFactory(name="Camden", slug="camden", region="London")
    barnet = CouncilFactory(name="Barnet", slug="barnet", region="London")
    wigan = CouncilFactory(name="Wigan", slug="wigan", region="North West")
    AdoptionFactory(solution=solution, council=camden, confirmed=True)
    AdoptionFactory(
        solution=solution, council=barnet, confirmed=False, status=AdoptionStatus.PILOTING
    )
    AdoptionFactory(solution=solution, council=wigan)

    soup = soup_of(client.get(solution.url))

    tables = soup.select("table.hub-adopters")
    assert [table.caption.get_text(strip=True) for table in tables] == ["London", "North West"]
    london_rows = tables[0].select("tbody tr")
    assert [row.th.a.get_text() for row in london_rows] == ["Barnet", "Camden"]
    assert london_rows[0].th.a["href"] == "/organisations/barnet/"
    barnet_tags = [tag.get_text() for tag in london_rows[0].select(".govuk-tag")]
    camden_tags = [tag.get_text() for tag in london_rows[1].select(".govuk-tag")]
    assert barnet_tags == ["Piloting", "Reported"]
    assert camden_tags == ["In production", "Confirmed by the council"]
    assert [row.th.a.get_text() for row in tables[1].select("tbody tr")] == ["Wigan"]


def test_savings_table_has_one_row_per_evidence_record(client):
    solution = SolutionPageFactory()
    camden = AdoptionFactory(solution=solution, council=CouncilFactory(name="Camden"))
    SavingsEvidenceFactory(
        adoption=camden,
        amount_gbp=Decimal("3400000"),
        year_from=2023,
        year_to=2024,
        evidence_level=3,
        attested_by_council=True,
        verified_by_moderator=True,
        source_url="https://example.org/camden-report",
    )
    SavingsEvidenceFactory(
        adoption=camden,
        kind=SavingsKind.STAFF_HOURS,
        amount_gbp=None,
        hours=Decimal("1200"),
        period=SavingsPeriod.ONE_OFF,
        year_from=2022,
        year_to=2022,
        evidence_level=2,
        attested_by_council=False,
    )

    soup = soup_of(client.get(solution.url))

    rows = [
        [" ".join(cell.get_text(" ").split()) for cell in row.find_all(["th", "td"])]
        for row in soup.select("table.hub-savings-table tbody tr")
    ]
    assert rows[0][:7] == [
        "Camden",
        "2023 to 2024",
        "Cashable saving",
        "£3,400,000.00",
        "Per year",
        "Level 3 of 5: causation",
        "Attested by the council Verified by a moderator",
    ]
    assert rows[0][7].startswith("Source")
    assert rows[1] == [
        "Camden",
        "2022",
        "Staff hours released",
        "1,200 hours",
        "One-off",
        "Level 2 of 5: correlation",
        "Reported",
        "None given",
    ]
    link = soup.select("table.hub-savings-table tbody tr")[0].find("a")
    assert link["href"] == "https://example.org/camden-report"


def test_chart_has_a_bar_per_council_and_year_in_pounds_only():
    solution = SolutionPageFactory()
    camden = AdoptionFactory(solution=solution, council=CouncilFactory(name="Camden"))
    brent = AdoptionFactory(solution=solution, council=CouncilFactory(name="Brent"))
    SavingsEvidenceFactory(
        adoption=camden, amount_gbp=Decimal("40000"), year_from=2023, year_to=2024
    )
    SavingsEvidenceFactory(
        adoption=camden,
        kind=SavingsKind.ADDITIONAL_INCOME,
        amount_gbp=Decimal("10000"),
        period=SavingsPeriod.ONE_OFF,
        year_from=2023,
        year_to=2024,
    )
    SavingsEvidenceFactory(
        adoption=brent,
        kind=SavingsKind.STAFF_HOURS,
        amount_gbp=None,
        hours=Decimal("500"),
        year_from=2024,
        year_to=2024,
    )

    chart = savings_chart(solution_adoptions(solution))

    assert [group.council.name for group in chart] == ["Camden"]  # hours are not pounds
    bars = [(bar.year, bar.label, bar.percent) for bar in chart[0].bars]
    assert bars == [(2023, "£40,000.00", 80), (2024, "£50,000.00", 100)]


def test_chart_renders_as_text_with_its_table_below(client):
    solution = SolutionPageFactory()
    adoption = AdoptionFactory(solution=solution, council=CouncilFactory(name="Camden"))
    SavingsEvidenceFactory(
        adoption=adoption, amount_gbp=Decimal("1000"), year_from=2024, year_to=2024
    )

    soup = soup_of(client.get(solution.url))

    chart = soup.select_one("figure.hub-chart")
    assert "Camden" in chart.get_text()
    assert [row.get_text(" ", strip=True) for row in chart.select(".hub-chart__row")] == [
        "2024 £1,000.00"
    ]
    assert chart.find_next("table")["class"] == ["govuk-table", "hub-savings-table"]


def test_json_ld_is_a_software_application_and_escapes_the_title(client):
    vendor = VendorFactory(name="Acme Data Ltd", slug="acme-data")
    title = 'Evil </script><script>alert("x")</script> & co'
    solution = SolutionPageFactory(
        title=title,
        provider=vendor,
        licence="MIT",
        is_open_source=True,
        cost_model=CostModel.ONE_OFF,
        price_min_gbp=Decimal("500"),
        price_max_gbp=Decimal("2500.5"),
        hosting=Hosting.SAAS,
    )

    response = client.get(solution.url)
    soup = soup_of(response)

    scripts = soup.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    data = json.loads(scripts[0].string)
    assert data["@type"] == "SoftwareApplication"
    assert data["name"] == title
    assert data["license"] == "https://spdx.org/licenses/MIT.html"
    assert data["operatingSystem"] == "Web browser"
    assert data["offers"] == {
        "@type": "AggregateOffer",
        "priceCurrency": "GBP",
        "lowPrice": "500.00",
        "highPrice": "2500.50",
    }
    assert data["provider"]["@type"] == "Organization"
    assert data["provider"]["url"].endswith("/organisations/acme-data/")
    assert data["url"].endswith(solution.url)
    assert "aggregateRating" not in data
    assert '<script>alert("x")' not in response.text
    assert "\\u003C/script\\u003E" in scripts[0].string


def test_councils_like_mine_keeps_same_type_within_half_either_way():
    mine = CouncilFactory(name="Mine", council_type="NMD", population=100_000)
    solution = SolutionPageFactory()
    for name, council_type, population in [
        ("Smaller", "NMD", 50_000),
        ("Bigger", "NMD", 150_000),
        ("Too small", "NMD", 49_999),
        ("Too big", "NMD", 150_001),
        ("Other type", "LBO", 100_000),
    ]:
        council = CouncilFactory(name=name, council_type=council_type, population=population)
        AdoptionFactory(solution=solution, council=council)
    retired = CouncilFactory(name="Retired", council_type="NMD", population=100_000)
    AdoptionFactory(solution=solution, council=retired, status=AdoptionStatus.RETIRED)
    AdoptionFactory(solution=solution, council=mine)

    result = councils_like_mine(adoptions=solution_adoptions(solution), council=mine)

    assert [adoption.council.name for adoption in result.adoptions] == ["Bigger", "Smaller"]
    assert result.own_adoption.council == mine


def test_councils_like_mine_cannot_compare_without_a_population():
    mine = CouncilFactory(population=None)
    solution = SolutionPageFactory()
    AdoptionFactory(solution=solution)

    result = councils_like_mine(adoptions=solution_adoptions(solution), council=mine)

    assert not result.can_compare
    assert result.adoptions == []


def test_councils_like_mine_lists_peers_for_an_approved_member(client):
    mine = CouncilFactory(name="Mine", council_type="NMD", population=100_000)
    peer = CouncilFactory(name="Peer", slug="peer", council_type="NMD", population=120_000)
    stranger = CouncilFactory(name="Stranger", council_type="LBO", population=120_000)
    solution = SolutionPageFactory()
    AdoptionFactory(solution=solution, council=peer)
    AdoptionFactory(solution=solution, council=stranger)
    member = MembershipFactory(organisation=mine).user
    client.force_login(member)

    soup = soup_of(client.get(solution.url))

    section = soup.select_one(".hub-like-mine")
    assert [a.get_text() for a in section.select(".hub-like-mine__list a")] == ["Peer"]
    assert "between 50,000 and 150,000 residents" in section.get_text(" ")


def test_councils_like_mine_asks_anonymous_visitors_to_sign_in(client):
    solution = SolutionPageFactory()
    section = soup_of(client.get(solution.url)).select_one(".hub-like-mine")
    assert section.find("a", string="Sign in")["href"] == f"/accounts/login/?next={solution.url}"


def test_councils_like_mine_needs_an_approved_membership(client):
    solution = SolutionPageFactory()
    pending = MembershipFactory(status=MembershipStatus.PENDING).user
    client.force_login(pending)

    section = soup_of(client.get(solution.url)).select_one(".hub-like-mine")

    assert "Join your council" in section.get_text()
    assert section.select_one(".hub-like-mine__list") is None


def _solution_with_adopters(count: int):
    solution = SolutionPageFactory(service_areas=["housing"], tags=["fraud"])
    for _ in range(count):
        adoption = AdoptionFactory(solution=solution)
        SavingsEvidenceFactory(adoption=adoption, year_from=2023, year_to=2023)
        SavingsEvidenceFactory(
            adoption=adoption,
            kind=SavingsKind.STAFF_HOURS,
            amount_gbp=None,
            hours=Decimal("100"),
        )
    CaseStudyPageFactory(solutions=[solution])
    SolutionPageFactory(service_areas=["housing"])
    return solution


def _queries_to_render(client, url) -> int:
    client.get(url)  # warm caches (site root paths) so both counts compare like with like
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_adopters_or_evidence(client):
    member = UserFactory()
    client.force_login(member)
    few = _solution_with_adopters(3)
    many = _solution_with_adopters(15)
    MembershipFactory(user=member, organisation=few.adoptions.first().council)

    assert _queries_to_render(client, few.url) == _queries_to_render(client, many.url)


def test_solution_page_links_to_its_live_case_studies_only(client):
    solution = SolutionPageFactory()
    CaseStudyPageFactory(
        title="How Camden found sublets", solutions=[solution], date=datetime.date(2024, 5, 1)
    )
    CaseStudyPageFactory(title="Draft story", solutions=[solution], live=False)

    soup = soup_of(client.get(solution.url))

    links = soup.select("#case-studies ~ ul a")
    assert [link.get_text() for link in links] == ["How Camden found sublets"]
    assert links[0]["href"].startswith("/case-studies/")


def test_case_study_page_links_back_to_its_solutions(client):
    solution = SolutionPageFactory(title="Resident index")
    study = CaseStudyPageFactory(
        solutions=[solution],
        council=CouncilFactory(name="Camden", slug="camden"),
        figures="<p>£3.4 million on track to be saved.</p>",
        lessons="<p>Involve frontline staff.</p>",
    )

    soup = soup_of(client.get(study.url))

    aside = soup.select_one(".hub-related")
    assert aside.find("a", string="Resident index")["href"] == solution.url
    text = soup.get_text(" ")
    assert "£3.4 million" in text
    assert "Involve frontline staff." in text
    assert soup.select_one(".govuk-caption-l a")["href"] == "/organisations/camden/"


def test_case_study_index_lists_live_studies_and_advertises_the_feed(client):
    CaseStudyPageFactory(title="Newer", date=datetime.date(2025, 1, 1))
    CaseStudyPageFactory(title="Older", date=datetime.date(2023, 1, 1))
    CaseStudyPageFactory(title="Hidden draft", live=False)

    soup = soup_of(client.get("/case-studies/"))

    titles = [a.get_text() for a in soup.select(".hub-result-list__item h2 a")]
    assert titles == ["Newer", "Older"]
    feed = soup.find("link", rel="alternate", type="application/atom+xml")
    assert feed["href"] == "/solutions/feed/"


def test_related_solutions_share_an_area_or_type_and_exclude_itself():
    solution = SolutionPageFactory(solution_type="geospatial", service_areas=["housing"])
    same_area = SolutionPageFactory(solution_type="dashboard", service_areas=["housing"])
    same_type = SolutionPageFactory(solution_type="geospatial")
    SolutionPageFactory(solution_type="dashboard")  # unrelated
    SolutionPageFactory(solution_type="geospatial", live=False)  # draft

    related = solution.related_solutions()

    assert related == [same_area, same_type]


def test_related_solutions_rank_by_shared_areas_then_adopters_then_title():
    solution = SolutionPageFactory(
        solution_type="geospatial", service_areas=["housing", "waste-and-environment"]
    )
    both = SolutionPageFactory(
        title="Both", solution_type="dashboard", service_areas=["housing", "waste-and-environment"]
    )
    one_popular = SolutionPageFactory(title="Zed", service_areas=["housing"], adopter_count=5)
    one_b = SolutionPageFactory(title="Bee", service_areas=["waste-and-environment"])
    one_a = SolutionPageFactory(title="Ant", service_areas=["housing"], solution_type="geospatial")
    type_popular = SolutionPageFactory(title="Yak", solution_type="geospatial", adopter_count=3)
    type_plain = SolutionPageFactory(title="Cat", solution_type="geospatial")

    assert solution.related_solutions(limit=10) == [
        both,
        one_popular,
        one_a,
        one_b,
        type_popular,
        type_plain,
    ]
    assert solution.related_solutions(limit=2) == [both, one_popular]
    assert solution.related_solutions(limit=5) == [both, one_popular, one_a, one_b, type_popular]


def test_related_solutions_are_cached_until_the_catalogue_changes(django_assert_num_queries):
    solution = SolutionPageFactory(solution_type="geospatial", service_areas=["housing"])
    first = SolutionPageFactory(service_areas=["housing"])
    assert solution.related_solutions() == [first]

    with django_assert_num_queries(3):  # its areas, view restrictions, the cached ids
        assert solution.related_solutions() == [first]

    second = SolutionPageFactory(service_areas=["housing"], adopter_count=4)
    assert solution.related_solutions() == [second, first]
    second.unpublish()
    assert solution.related_solutions() == [first]


def test_related_solutions_of_a_solution_with_no_areas_are_its_type():
    solution = SolutionPageFactory(solution_type="geospatial")
    same_type = SolutionPageFactory(solution_type="geospatial", service_areas=["housing"])
    SolutionPageFactory(solution_type="dashboard", service_areas=["housing"])

    assert solution.related_solutions() == [same_type]


def test_solution_page_offers_compare_with_related_solutions(client):
    solution = SolutionPageFactory(service_areas=["housing"])
    other = SolutionPageFactory(service_areas=["housing"])

    soup = soup_of(client.get(solution.url))

    form = soup.select_one("#compare-with form")
    assert form["action"] == "/solutions/compare/"
    assert form.find("input", type="hidden")["value"] == solution.slug
    assert [box["value"] for box in form.select("input[type=checkbox]")] == [other.slug]


def test_preview_of_a_page_not_yet_saved_renders():
    index = SolutionIndexPage.objects.get()
    draft = SolutionPage(
        title="Brand new tool",
        slug="brand-new-tool",
        summary="Not saved yet.",
        problem="<p>A problem.</p>",
        solution_type="other",
        cost_model=CostModel.FREE,
        hosting=Hosting.SAAS,
        depth=index.depth + 1,
        path=f"{index.path}ZZZZ",
    )
    draft.set_url_path(index)

    response = draft.make_preview_request()

    assert response.status_code == 200
    assert "Brand new tool" in response.rendered_content


def test_anonymous_solution_page_and_list_set_no_cookies(client):
    solution = SolutionPageFactory()
    for url in (solution.url, "/solutions/", "/case-studies/", "/solutions/feed/"):
        response = client.get(url)
        assert response.status_code == 200
        assert not response.cookies, f"{url} set {list(response.cookies)}"


def test_view_restricted_solution_is_left_out_of_lists_api_and_feed(client):
    from wagtail.models import PageViewRestriction

    private = SolutionPageFactory(title="Private tool", slug="private-tool")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    assert "Private tool" not in client.get("/solutions/").text
    assert client.get("/api/v1/solutions/private-tool/").status_code == 404
    assert "Private tool" not in client.get("/solutions/feed/").text
