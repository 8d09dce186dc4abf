"""Bad input gets a clear validation error and saves nothing half-way.

Every rule is checked twice: through the services and ``full_clean`` (a clear message on
the field at fault, no rows written) and straight at the database (a CHECK constraint
refuses the same row when ``full_clean`` is bypassed).
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from wagtail.models import Revision
from wagtail.rich_text import RichText

import pytest

from hub.factories import CouncilFactory, VendorFactory
from listings.adoptions.services import adoption_record, evidence_add
from listings.factories import AdoptionFactory, CaseStudyPageFactory, SolutionPageFactory
from listings.models import (
    Adoption,
    SavingsEvidence,
    SolutionIndexPage,
    SolutionPage,
)

pytestmark = pytest.mark.django_db

THIS_YEAR = datetime.date.today().year
VALID_EVIDENCE = {
    "kind": "cashable",
    "amount_gbp": Decimal("25000.00"),
    "hours": None,
    "period": "per_year",
    "year_from": 2023,
    "year_to": 2024,
    "baseline": "Spend in the year before the tool.",
    "method": "Finance team comparison against the baseline.",
    "evidence_level": 3,
}
AMOUNT_RANGE = "Enter an amount between £0 and £1,000,000,000."
LEVEL_RANGE = "Choose an evidence level from 1 to 5."
YEARS_REVERSED = "The last year must not be before the first."
HOURS_NEEDED = "Enter the staff hours released."
HOURS_NOT_POUNDS = "Staff hours are recorded in hours, not pounds."
POUNDS_NOT_HOURS = "Only staff hours released are recorded in hours."
POUNDS_NEEDED = "Enter the amount in pounds."
HOURS_RANGE = "Enter a number of hours between 0 and 10,000,000."
STAFF_HOURS = {"kind": "staff_hours", "amount_gbp": None}

#: (overrides, field at fault, message) — all refused by full_clean *and* by the database.
BAD_EVIDENCE = {
    "negative amount": ({"amount_gbp": Decimal("-0.01")}, "amount_gbp", AMOUNT_RANGE),
    "absurd amount": ({"amount_gbp": Decimal("1000000000.01")}, "amount_gbp", AMOUNT_RANGE),
    "evidence level 0": ({"evidence_level": 0}, "evidence_level", LEVEL_RANGE),
    "evidence level 6": ({"evidence_level": 6}, "evidence_level", LEVEL_RANGE),
    "years reversed": ({"year_from": 2024, "year_to": 2022}, "year_to", YEARS_REVERSED),
    "year before 1990": (
        {"year_from": 1989, "year_to": 2020},
        "year_from",
        "Enter a year from 1990 onwards.",
    ),
    "staff hours without hours": (STAFF_HOURS, "hours", HOURS_NEEDED),
    "staff hours in pounds": (
        {"kind": "staff_hours", "hours": Decimal("100"), "amount_gbp": Decimal("5.00")},
        "amount_gbp",
        HOURS_NOT_POUNDS,
    ),
    "money kind with hours": ({"hours": Decimal("10")}, "hours", POUNDS_NOT_HOURS),
    "money kind without amount": ({"amount_gbp": None}, "amount_gbp", POUNDS_NEEDED),
    "zero hours": ({**STAFF_HOURS, "hours": Decimal("0")}, "hours", HOURS_RANGE),
}
#: Refused by full_clean only: the database cannot know today's date or parse URLs.
BAD_EVIDENCE_CLEAN_ONLY = {
    "year in the future": (
        {"year_from": THIS_YEAR, "year_to": THIS_YEAR + 1},
        "year_to",
        f"Evidence cannot cover years after {THIS_YEAR}.",
    ),
    "javascript: source URL": (
        {"source_url": "javascript:alert(document.cookie)"},
        "source_url",
        "Enter a valid URL.",
    ),
    "data: source URL": (
        {"source_url": "data:text/html,<script>alert(1)</script>"},
        "source_url",
        "Enter a valid URL.",
    ),
}


@pytest.fixture
def adoption(council):
    return AdoptionFactory(council=council)


def test_valid_evidence_is_saved(adoption):
    evidence_add(adoption=adoption, **VALID_EVIDENCE)
    adoption.solution.refresh_from_db()
    assert adoption.solution.annual_savings_gbp == Decimal("25000.00")


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [*BAD_EVIDENCE.values(), *BAD_EVIDENCE_CLEAN_ONLY.values()],
    ids=[*BAD_EVIDENCE, *BAD_EVIDENCE_CLEAN_ONLY],
)
def test_bad_evidence_gets_a_clear_error_on_its_field_and_saves_nothing(
    adoption, overrides, field, message
):
    with pytest.raises(ValidationError) as error:
        evidence_add(adoption=adoption, **{**VALID_EVIDENCE, **overrides})

    assert message in error.value.message_dict[field]
    assert SavingsEvidence.objects.count() == 0
    adoption.solution.refresh_from_db()
    assert adoption.solution.annual_savings_gbp == 0
    assert adoption.solution.best_evidence_level is None


@pytest.mark.parametrize(
    "overrides", [values[0] for values in BAD_EVIDENCE.values()], ids=list(BAD_EVIDENCE)
)
def test_the_database_refuses_bad_evidence_when_full_clean_is_bypassed(adoption, overrides):
    with pytest.raises(IntegrityError), transaction.atomic():
        SavingsEvidence.objects.create(adoption=adoption, **{**VALID_EVIDENCE, **overrides})
    assert SavingsEvidence.objects.count() == 0


@pytest.mark.parametrize(
    "changes",
    [
        {"amount_gbp": Decimal("-1.00")},
        {"evidence_level": 9},
        {"kind": "bitcoin"},
        {"period": "weekly"},  # short enough for varchar(10): the CHECK must refuse it
        {"year_to": 1999},
    ],
)
def test_the_database_refuses_bad_updates_too(adoption, changes):
    record = evidence_add(adoption=adoption, **VALID_EVIDENCE)
    with pytest.raises(IntegrityError), transaction.atomic():
        SavingsEvidence.objects.filter(pk=record.pk).update(**changes)
    record.refresh_from_db()
    assert record.amount_gbp == VALID_EVIDENCE["amount_gbp"]


# --------------------------------------------------------------------- solutions


@pytest.mark.parametrize("field", ["repository_url", "website", "accessibility_statement_url"])
@pytest.mark.parametrize("url", ["javascript:alert(document.cookie)", "JavaScript:alert(1)"])
def test_a_script_url_on_a_solution_is_refused_and_no_revision_is_saved(field, url):
    page = SolutionPageFactory()
    revisions = Revision.objects.count()
    setattr(page, field, url)

    with pytest.raises(ValidationError) as error:
        page.save_revision()

    assert "Enter a valid URL." in error.value.message_dict[field]
    assert Revision.objects.count() == revisions
    assert getattr(SolutionPage.objects.get(pk=page.pk), field) == ""


def test_a_new_solution_with_a_script_url_is_not_added_half_way():
    index = SolutionIndexPage.objects.get()
    children = index.numchild
    page = SolutionPage(
        title="Sneaky",
        slug="sneaky",
        summary="A listing with a script link.",
        problem="<p>Problem</p>",
        solution_type="dashboard",
        cost_model="free",
        hosting="saas",
        website="javascript:alert(1)",
    )

    with pytest.raises(ValidationError) as error:
        index.add_child(instance=page)

    assert "Enter a valid URL." in error.value.message_dict["website"]
    assert not SolutionPage.objects.filter(slug="sneaky").exists()
    assert SolutionIndexPage.objects.get().numchild == children


def test_a_reversed_price_range_gets_a_clear_error():
    page = SolutionPageFactory()
    page.price_min_gbp, page.price_max_gbp = Decimal("500.00"), Decimal("100.00")
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert error.value.message_dict["price_max_gbp"] == [
        "The upper price must not be below the lower."
    ]


@pytest.mark.parametrize(
    "changes",
    [
        {"price_min_gbp": Decimal("-1.00")},
        {"price_min_gbp": Decimal("500.00"), "price_max_gbp": Decimal("100.00")},
        {"best_evidence_level": 7},
    ],
)
def test_the_database_refuses_bad_solution_figures(changes):
    page = SolutionPageFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        SolutionPage.objects.filter(pk=page.pk).update(**changes)


def test_a_negative_price_is_refused_by_full_clean():
    page = SolutionPageFactory()
    page.price_min_gbp = Decimal("-1.00")
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert error.value.message_dict["price_min_gbp"] == ["Enter a price of £0 or more."]


# --------------------------------------------------------------------- adoptions


@pytest.mark.parametrize(
    "make_organisation",
    [
        VendorFactory,
        lambda: CouncilFactory(gss_code=None, is_current=False, name="Former District"),
        lambda: VendorFactory(kind="public_body", name="A public body"),
    ],
    ids=["vendor", "council without GSS code", "public body"],
)
def test_only_a_council_with_a_gss_code_can_adopt(make_organisation):
    solution = SolutionPageFactory()
    organisation = make_organisation()

    with pytest.raises(ValidationError) as error:
        adoption_record(solution=solution, council=organisation)

    assert "Choose a council with a GSS code." in error.value.message_dict["council"]
    assert Adoption.objects.count() == 0
    solution.refresh_from_db()
    assert solution.adopter_count == 0


def test_an_adoption_cannot_start_in_the_future(council):
    solution = SolutionPageFactory()
    with pytest.raises(ValidationError) as error:
        adoption_record(
            solution=solution,
            council=council,
            since=datetime.date.today() + datetime.timedelta(days=1),
        )
    assert "The start date cannot be in the future." in error.value.message_dict["since"]
    assert Adoption.objects.count() == 0


def test_the_database_refuses_a_second_adoption_or_an_unknown_status(council):
    adoption = AdoptionFactory(council=council)
    with pytest.raises(IntegrityError), transaction.atomic():
        Adoption.objects.create(solution=adoption.solution, council=council)
    with pytest.raises(IntegrityError), transaction.atomic():
        Adoption.objects.filter(pk=adoption.pk).update(status="rumoured")
    assert Adoption.objects.count() == 1


# --------------------------------------------------------- script in rich text

EVIL = (
    "<p>Visible text</p>"
    '<script>alert("xss-script")</script>'
    '<img src="x" onerror="alert(\'xss-onerror\')">'
    "<a href=\"javascript:alert('xss-href')\">a link</a>"
    "<p onclick=\"alert('xss-onclick')\">more</p>"
)


def _assert_no_script(html: str) -> None:
    assert "Visible text" in html
    assert "xss-" not in html
    assert "onerror" not in html
    assert "onclick" not in html
    assert "javascript:" not in html.lower()


def test_script_in_a_solutions_rich_text_never_reaches_the_page(client):
    page = SolutionPageFactory(
        problem=EVIL,
        description=[
            ("rich_text", RichText(EVIL)),
            ("quote", {"quote": '<script>alert("quoted")</script>', "attribution": ""}),
        ],
    )

    response = client.get(page.url)

    assert response.status_code == 200
    _assert_no_script(response.text)
    # A quote is plain text: shown escaped, never run.
    assert '<script>alert("quoted")' not in response.text
    assert "&lt;script&gt;alert(&quot;quoted&quot;)" in response.text
    assert "<script" not in SolutionPage.objects.get(pk=page.pk).problem


def test_script_in_raw_stream_data_never_reaches_the_page(client):
    """StreamField JSON as an API or import would send it, not through the editor."""
    page = SolutionPageFactory(description=[{"type": "rich_text", "value": EVIL}])
    response = client.get(page.url)
    assert response.status_code == 200
    _assert_no_script(response.text)


def test_script_in_a_case_study_never_reaches_the_page(client):
    solution = SolutionPageFactory()
    study = CaseStudyPageFactory(
        problem=EVIL,
        approach=EVIL,
        outcomes=EVIL,
        figures=EVIL,
        lessons=EVIL,
        solutions=[solution],
    )

    response = client.get(study.url)

    assert response.status_code == 200
    _assert_no_script(response.text)


def test_script_never_reaches_a_draft_revision():
    page = SolutionPageFactory()
    page.problem = EVIL
    page.description = [("rich_text", RichText(EVIL))]

    revision = page.save_revision()

    draft = revision.as_object()
    _assert_no_script(draft.problem)
    _assert_no_script(str(draft.description))
