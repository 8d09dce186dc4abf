"""Recording, reporting, confirming and attesting from the solution page (adoptions.views)."""

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest
from bs4 import BeautifulSoup

from hub.factories import CouncilFactory, MembershipFactory, UserFactory, VendorFactory
from hub.models import MembershipStatus
from listings.factories import AdoptionFactory, SavingsEvidenceFactory, SolutionPageFactory
from listings.models import Adoption, AdoptionStatus, SavingsEvidence

pytestmark = pytest.mark.django_db

VALID_EVIDENCE = {
    "kind": "cashable",
    "amount_gbp": "£12,500",
    "hours": "",
    "period": "per_year",
    "year_from": "2023",
    "year_to": "2024",
    "baseline": "Spending the year before.",
    "method": "Finance team comparison.",
    "evidence_level": "2",
    "source_url": "https://example.org/report",
}


def soup_of(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def text_of(node) -> str:
    return " ".join(node.get_text(" ").split())


def member_of(council, **kwargs):
    return MembershipFactory(organisation=council, **kwargs).user


def link_starting(node, text: str):
    """The first link whose visible text (hidden text included) starts with ``text``."""
    return next((a for a in node.find_all("a") if text_of(a).startswith(text)), None)


def adoption_row(soup, adoption):
    return soup.select_one(f'tr[data-adoption="{adoption.pk}"]')


def source_tag(soup, adoption) -> str:
    return text_of(adoption_row(soup, adoption).select_one(".hub-adopters__source"))


def fact(soup, name: str) -> str:
    return text_of(soup.select_one(f'[data-fact="{name}"] dd'))


def error_summary(soup) -> list[tuple[str, str]]:
    summary = soup.select_one(".govuk-error-summary")
    assert summary is not None, "no error summary"
    return [(link.get_text(strip=True), link["href"]) for link in summary.select("a")]


# ------------------------------------------------------------- the solution page


def test_anonymous_visitors_get_sign_in_links_and_no_cookie(client, council):
    solution = SolutionPageFactory()
    adoption = AdoptionFactory(solution=solution, council=council, confirmed=False)
    SavingsEvidenceFactory(adoption=adoption, attested_by_council=False)

    response = client.get(solution.url)
    soup = soup_of(response)

    assert not response.cookies
    report = reverse("listings:adoption_report", args=[solution.pk])
    link = soup.find("a", string="Sign in to report a council that uses this")
    assert link["href"] == f"/accounts/login/?next={report}"
    assert soup.find("a", string="Sign in to add evidence of savings") is not None
    assert not soup.select("form[method=post]")
    assert soup.find(string="Record that your council uses this") is None
    assert source_tag(soup, adoption) == "Reported"


def test_signed_in_visitors_can_report_but_not_record_confirm_or_attest(client, council):
    solution = SolutionPageFactory()
    adoption = AdoptionFactory(solution=solution, council=council, confirmed=False)
    SavingsEvidenceFactory(adoption=adoption, attested_by_council=False)
    client.force_login(UserFactory())

    soup = soup_of(client.get(solution.url))

    report = soup.find("a", string="Report a council that uses this")
    assert report["href"] == reverse("listings:adoption_report", args=[solution.pk])
    assert soup.find("a", string="Record that your council uses this") is None
    assert not soup.select('form[action$="/confirm/"]')
    assert not soup.select('form[action$="/attest/"]')
    add = link_starting(adoption_row(soup, adoption), "Add evidence")
    assert add["href"] == reverse("listings:evidence_add", args=[adoption.pk])


def test_members_see_confirm_and_attest_for_their_own_council_only(client, council):
    solution = SolutionPageFactory()
    ours = AdoptionFactory(solution=solution, council=council, confirmed=False)
    theirs = AdoptionFactory(solution=solution, council=CouncilFactory(), confirmed=False)
    our_record = SavingsEvidenceFactory(adoption=ours, attested_by_council=False)
    SavingsEvidenceFactory(adoption=theirs, attested_by_council=False)
    client.force_login(member_of(council))

    soup = soup_of(client.get(solution.url))

    record = soup.find("a", string="Record that your council uses this")
    assert record["href"] == reverse("listings:adoption_add", args=[solution.pk])
    assert [form["action"] for form in soup.select('form[action$="/confirm/"]')] == [
        reverse("listings:adoption_confirm", args=[ours.pk])
    ]
    assert [form["action"] for form in soup.select('form[action$="/attest/"]')] == [
        reverse("listings:evidence_attest", args=[our_record.pk])
    ]


def test_evidence_shows_attested_reported_and_verified(client):
    adoption = AdoptionFactory()
    SavingsEvidenceFactory(adoption=adoption, attested_by_council=True, verified_by_moderator=True)
    SavingsEvidenceFactory(adoption=adoption, attested_by_council=False, year_from=2020)

    soup = soup_of(client.get(adoption.solution.url))

    statuses = [text_of(cell) for cell in soup.select(".hub-evidence-status")]
    assert statuses == ["Attested by the council Verified by a moderator", "Reported"]


# ----------------------------------------------------------------------- report


def test_report_needs_sign_in(client):
    solution = SolutionPageFactory()
    url = reverse("listings:adoption_report", args=[solution.pk])

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(f"/accounts/login/?next={url}")


def test_report_of_a_draft_solution_is_not_found(client, user):
    client.force_login(user)
    draft = SolutionPageFactory(live=False)
    assert client.get(reverse("listings:adoption_report", args=[draft.pk])).status_code == 404


def test_report_form_lists_current_councils_with_gss_codes(client, user, council):
    CouncilFactory(name="Gone", gss_code=None, is_current=False)
    client.force_login(user)

    soup = soup_of(client.get(reverse("listings:adoption_report", args=[SolutionPageFactory().pk])))

    options = [option.get_text() for option in soup.select("#id_council option")]
    assert "Camden (E09000007)" in options
    assert not any(option.startswith("Gone") for option in options)


def test_reporting_shows_reported_and_refreshes_the_adopter_count(client, user, council):
    solution = SolutionPageFactory()
    client.force_login(user)

    response = client.post(
        reverse("listings:adoption_report", args=[solution.pk]),
        {"council": council.pk, "status": "production", "notes": "In a committee paper."},
        follow=True,
    )

    soup = soup_of(response)
    adoption = Adoption.objects.get()
    assert (adoption.council, adoption.confirmed, adoption.reported_by) == (council, False, user)
    assert source_tag(soup, adoption) == "Reported"
    assert fact(soup, "adopters").startswith("1 ")
    assert "reported until the council confirms it" in text_of(soup.select_one("main"))


def test_an_empty_report_shows_an_error_summary_and_saves_nothing(client, user):
    solution = SolutionPageFactory()
    client.force_login(user)

    response = client.post(reverse("listings:adoption_report", args=[solution.pk]), {})

    soup = soup_of(response)
    assert soup.title.get_text().startswith("Error: ")
    assert error_summary(soup) == [
        ("Choose the council that uses it", "#id_council"),
        ("Choose how the council is using it", "#id_status_0"),
    ]
    assert soup.select_one("#id_status_0") is not None
    assert not Adoption.objects.exists()


def test_reporting_a_confirmed_adoption_does_not_downgrade_it(client, user, council):
    adoption = AdoptionFactory(council=council, confirmed=True, status=AdoptionStatus.PRODUCTION)
    client.force_login(user)

    response = client.post(
        reverse("listings:adoption_report", args=[adoption.solution.pk]),
        {"council": council.pk, "status": "retired"},
        follow=True,
    )

    soup = soup_of(response)
    adoption.refresh_from_db()
    assert (adoption.confirmed, adoption.status) == (True, "production")
    assert source_tag(soup, adoption) == "Confirmed by the council"
    assert "already confirmed" in text_of(soup.select_one("main"))


# -------------------------------------------------------------- own council, confirm


def test_members_record_their_own_council_as_confirmed(client, council):
    solution = SolutionPageFactory()
    client.force_login(member_of(council))
    url = reverse("listings:adoption_add", args=[solution.pk])

    soup = soup_of(client.get(url))
    assert [label.get_text() for label in soup.select("#id_council_0 + label")] == [
        "Camden (E09000007)"
    ]

    response = client.post(
        url,
        {
            "council": council.pk,
            "status": "piloting",
            "since_month": "4",
            "since_year": "2024",
            "contact": "Data team",
        },
        follow=True,
    )

    soup = soup_of(response)
    adoption = Adoption.objects.get()
    assert adoption.confirmed
    assert str(adoption.since) == "2024-04-01"
    assert source_tag(soup, adoption) == "Confirmed by the council"
    assert fact(soup, "adopters").startswith("1 ")


def test_a_reported_adoption_confirmed_by_the_council_shows_confirmed(client, council):
    adoption = AdoptionFactory(council=council, confirmed=False)
    client.force_login(member_of(council))

    response = client.post(reverse("listings:adoption_confirm", args=[adoption.pk]), follow=True)

    soup = soup_of(response)
    adoption.refresh_from_db()
    assert adoption.confirmed
    assert source_tag(soup, adoption) == "Confirmed by the council"
    assert not soup.select('form[action$="/confirm/"]')


def test_adding_by_record_form_confirms_a_reported_adoption(client, council):
    adoption = AdoptionFactory(council=council, confirmed=False)
    client.force_login(member_of(council))

    client.post(
        reverse("listings:adoption_add", args=[adoption.solution.pk]),
        {"council": council.pk, "status": "production"},
    )

    adoption.refresh_from_db()
    assert adoption.confirmed
    assert Adoption.objects.count() == 1


def test_the_record_form_is_refused_to_people_who_are_not_council_members(client, council):
    solution = SolutionPageFactory()
    client.force_login(member_of(council, status=MembershipStatus.PENDING))
    url = reverse("listings:adoption_add", args=[solution.pk])

    response = client.get(url)
    assert response.status_code == 403
    assert b"Find your council" in response.content

    response = client.post(url, {"council": council.pk, "status": "production"})
    assert response.status_code == 403
    assert not Adoption.objects.exists()


def test_members_cannot_record_another_council(client, council):
    other = CouncilFactory()
    solution = SolutionPageFactory()
    client.force_login(member_of(council))

    response = client.post(
        reverse("listings:adoption_add", args=[solution.pk]),
        {"council": other.pk, "status": "production"},
    )

    soup = soup_of(response)
    assert error_summary(soup) == [("Choose a council you are a member of", "#id_council_0")]
    assert not Adoption.objects.exists()


def test_a_start_month_without_a_year_is_an_error(client, council):
    solution = SolutionPageFactory()
    client.force_login(member_of(council))

    response = client.post(
        reverse("listings:adoption_add", args=[solution.pk]),
        {"council": council.pk, "status": "production", "since_month": "4"},
    )

    assert error_summary(soup_of(response)) == [("Enter the year it started", "#id_since_year")]
    assert not Adoption.objects.exists()


def test_only_the_councils_members_can_confirm(client, council):
    adoption = AdoptionFactory(council=council, confirmed=False)
    url = reverse("listings:adoption_confirm", args=[adoption.pk])

    assert client.post(url).status_code == 302  # to sign in
    client.force_login(member_of(CouncilFactory()))
    assert client.post(url).status_code == 403
    assert client.get(url).status_code == 405

    adoption.refresh_from_db()
    assert adoption.confirmed is False


# ------------------------------------------------------------------------ evidence


def test_evidence_from_someone_else_is_reported(client, user, council):
    adoption = AdoptionFactory(council=council)
    client.force_login(user)
    url = reverse("listings:evidence_add", args=[adoption.pk])
    assert "shown as Reported" in text_of(soup_of(client.get(url)).select_one("main"))

    response = client.post(url, VALID_EVIDENCE, follow=True)

    soup = soup_of(response)
    record = SavingsEvidence.objects.get()
    assert (record.amount_gbp, record.attested_by_council) == (Decimal("12500.00"), False)
    assert [text_of(cell) for cell in soup.select(".hub-evidence-status")] == ["Reported"]
    assert fact(soup, "savings") == "£12,500.00"


def test_evidence_from_a_member_is_attested_by_the_council(client, council):
    adoption = AdoptionFactory(council=council)
    client.force_login(member_of(council))

    response = client.post(
        reverse("listings:evidence_add", args=[adoption.pk]), VALID_EVIDENCE, follow=True
    )

    soup = soup_of(response)
    assert SavingsEvidence.objects.get().attested_by_council is True
    assert [text_of(cell) for cell in soup.select(".hub-evidence-status")] == [
        "Attested by the council"
    ]


def test_invalid_evidence_shows_an_error_summary_and_saves_nothing(client, user):
    adoption = AdoptionFactory()
    client.force_login(user)

    response = client.post(
        reverse("listings:evidence_add", args=[adoption.pk]),
        {**VALID_EVIDENCE, "kind": "staff_hours", "year_from": "2024", "year_to": "2022"},
    )

    soup = soup_of(response)
    assert soup.title.get_text().startswith("Error: ")
    errors = error_summary(soup)
    assert ("Enter the staff hours released.", "#id_hours") in errors
    assert ("Staff hours are recorded in hours, not pounds.", "#id_amount_gbp") in errors
    assert ("The last year must not be before the first.", "#id_year_to") in errors
    assert soup.select_one("#id_hours")["aria-describedby"] == "id_hours-hint id_hours-error"
    assert not SavingsEvidence.objects.exists()


def test_empty_evidence_links_each_error_to_its_field(client, user):
    adoption = AdoptionFactory()
    client.force_login(user)

    soup = soup_of(client.post(reverse("listings:evidence_add", args=[adoption.pk]), {}))

    hrefs = [href for _text, href in error_summary(soup)]
    assert hrefs[:3] == ["#id_kind_0", "#id_amount_gbp", "#id_period_0"]
    assert "#id_evidence_level_0" in hrefs
    for href in hrefs:
        assert soup.select_one(href) is not None, href
    assert not SavingsEvidence.objects.exists()


def test_only_the_councils_members_can_attest(client, council):
    record = SavingsEvidenceFactory(
        adoption=AdoptionFactory(council=council), attested_by_council=False
    )
    url = reverse("listings:evidence_attest", args=[record.pk])

    client.force_login(UserFactory())
    assert client.post(url).status_code == 403
    record.refresh_from_db()
    assert record.attested_by_council is False

    client.force_login(member_of(council))
    soup = soup_of(client.post(url, follow=True))
    record.refresh_from_db()
    assert record.attested_by_council is True
    assert [text_of(cell) for cell in soup.select(".hub-evidence-status")] == [
        "Attested by the council"
    ]


def test_evidence_for_a_draft_solution_is_not_found(client, user):
    adoption = AdoptionFactory(solution=SolutionPageFactory(live=False))
    client.force_login(user)
    assert client.get(reverse("listings:evidence_add", args=[adoption.pk])).status_code == 404


# ------------------------------------------------------- propose changes, publiccode


def test_owner_members_see_propose_changes_others_do_not(client):
    vendor = VendorFactory()
    solution = SolutionPageFactory(owner_organisation=vendor)
    action = reverse("listings:propose_changes", args=[solution.pk])

    assert not soup_of(client.get(solution.url)).select(f'form[action="{action}"]')
    client.force_login(UserFactory())
    assert not soup_of(client.get(solution.url)).select(f'form[action="{action}"]')

    client.force_login(MembershipFactory(organisation=vendor).user)
    form = soup_of(client.get(solution.url)).select_one(f'form[action="{action}"]')
    assert form["method"] == "post"
    assert text_of(form.button).startswith("Propose changes")


def test_the_page_links_to_its_publiccode_yml(client):
    solution = SolutionPageFactory()
    soup = soup_of(client.get(solution.url))
    link = link_starting(soup, "Download publiccode.yml")
    assert link["href"] == reverse("listings:publiccode_export", args=[solution.pk])


def _solution_with(adopters: int):
    solution = SolutionPageFactory()
    for _ in range(adopters):
        adoption = AdoptionFactory(solution=solution, confirmed=False)
        SavingsEvidenceFactory(adoption=adoption, attested_by_council=False)
    return solution


def _queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_new_controls_add_no_queries_per_adoption(client, council):
    few, many = _solution_with(2), _solution_with(12)
    anonymous = (_queries(client, few.url), _queries(client, many.url))
    client.force_login(member_of(council))
    for solution in (few, many):
        AdoptionFactory(solution=solution, council=council, confirmed=False)

    assert anonymous[0] == anonymous[1]
    assert _queries(client, few.url) == _queries(client, many.url)
