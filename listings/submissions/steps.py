"""The question pages of the submission form, in order.

Each step asks a few of ``ListingAnswersForm``'s questions; together the steps ask every
one of them exactly once, so the check-your-answers page can send any finished draft.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class Step:
    slug: str
    #: The page's one heading, and the section heading on the check-your-answers page.
    heading: str
    fields: tuple[str, ...]
    intro: str = ""


STEPS: tuple[Step, ...] = (
    Step("about", "About the solution", ("title", "summary")),
    Step("problem", "The problem it solves", ("problem", "audience")),
    Step(
        "description",
        "Describe the solution",
        ("long_description", "features"),
        intro="Tell councils what it does and how it works.",
    ),
    Step(
        "classification",
        "Type, services and maturity",
        ("solution_type", "service_areas", "development_status"),
    ),
    Step(
        "code",
        "Code and licence",
        ("is_open_source", "licence", "repository_url", "website"),
    ),
    Step(
        "software",
        "About the software",
        ("software_type", "platforms", "categories", "maintenance_type"),
        intro="These questions are optional. They match the fields of a publiccode.yml file.",
    ),
    Step(
        "cost-and-hosting",
        "Cost and hosting",
        ("cost_model", "price_min_gbp", "price_max_gbp", "hosting"),
    ),
    Step(
        "data-protection",
        "Data and data protection",
        (
            "data_needed",
            "data_standards",
            "processes_personal_data",
            "dpia_template_available",
            "data_protection_notes",
        ),
    ),
    Step(
        "accessibility-and-security",
        "Accessibility and security",
        ("accessibility_statement_url", "security_notes"),
        intro="These questions are optional.",
    ),
    Step(
        "contact",
        "Contact details",
        ("contact_name", "contact_email"),
        intro="Who councils can contact about the solution. We will publish these details.",
    ),
)

#: Short names for the check-your-answers page ("Change name", not "Change name of the …").
SHORT_LABELS = {
    "title": "Name",
    "summary": "Summary",
    "problem": "Problem it solves",
    "audience": "Who it is for",
    "long_description": "Description",
    "features": "Main features",
    "solution_type": "Kind of solution",
    "service_areas": "Council services",
    "development_status": "Maturity",
    "is_open_source": "Open source",
    "licence": "Licence",
    "repository_url": "Source code repository",
    "website": "Website",
    "software_type": "Type of software",
    "platforms": "Platforms",
    "categories": "Categories",
    "maintenance_type": "Who maintains it",
    "cost_model": "How it is paid for",
    "price_min_gbp": "Price from",
    "price_max_gbp": "Price to",
    "hosting": "Hosting",
    "data_needed": "Data it needs",
    "data_standards": "Data standards",
    "processes_personal_data": "Processes personal data",
    "dpia_template_available": "DPIA template available",
    "data_protection_notes": "Data protection notes",
    "accessibility_statement_url": "Accessibility statement",
    "security_notes": "Security notes",
    "contact_name": "Contact name",
    "contact_email": "Contact email address",
}

_BY_SLUG = {step.slug: step for step in STEPS}
_BY_FIELD = {name: step for step in STEPS for name in step.fields}


def get_step(slug: str) -> Step | None:
    return _BY_SLUG.get(slug)


def step_for_field(name: str) -> Step | None:
    return _BY_FIELD.get(name)


def step_number(step: Step) -> int:
    return STEPS.index(step) + 1


def next_step(step: Step) -> Step | None:
    index = STEPS.index(step)
    return STEPS[index + 1] if index + 1 < len(STEPS) else None


def previous_step(step: Step) -> Step | None:
    index = STEPS.index(step)
    return STEPS[index - 1] if index > 0 else None


def first_unanswered_step(answers: dict) -> Step | None:
    """Where a draft left off: the first page none of whose questions has an answer yet."""
    for step in STEPS:
        if not any(name in answers for name in step.fields):
            return step
    return None


def step_url(submission, step: Step, *, return_to_check: bool = False, anchor: str = "") -> str:
    url = reverse(
        "listings:submission_step",
        kwargs={"public_id": submission.public_id, "step": step.slug},
    )
    if return_to_check:
        url += "?return=check"
    if anchor:
        url += f"#{anchor}"
    return url
