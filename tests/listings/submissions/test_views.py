"""The submission form: start, question pages, check your answers, send."""

from django.urls import reverse

from wagtail.models import WorkflowState

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from hub.factories import MembershipFactory, UserFactory, VendorFactory
from listings.factories import SolutionPageFactory
from listings.models import SolutionPage, Submission, SubmissionStatus
from listings.submissions.answers import ListingAnswersForm
from listings.submissions.services import submission_start
from listings.submissions.steps import STEPS

pytestmark = pytest.mark.django_db

LONG = "A tool that matches council tax, housing and benefits records to find " * 3

STEP_DATA = {
    "about": {
        "title": "Resident Index",
        "summary": "Matches records across services to find the same resident.",
    },
    "problem": {"problem": "Records about one resident are scattered.", "audience": ""},
    "description": {"long_description": LONG, "features": "Fuzzy matching\nUPRN lookup"},
    "classification": {
        "solution_type": "data_matching",
        "service_areas": ["housing"],
        "development_status": "beta",
    },
    "code": {
        "is_open_source": "yes",
        "licence": "MIT",
        "repository_url": "https://github.com/example/resident-index",
        "website": "",
    },
    "software": {"software_type": "", "platforms": "web", "categories": "", "maintenance_type": ""},
    "cost-and-hosting": {
        "cost_model": "free",
        "price_min_gbp": "",
        "price_max_gbp": "",
        "hosting": "self_hosted",
    },
    "data-protection": {
        "data_needed": "",
        "data_standards": "UPRN",
        "processes_personal_data": "yes",
        "dpia_template_available": "no",
        "data_protection_notes": "",
    },
    "accessibility-and-security": {"accessibility_statement_url": "", "security_notes": ""},
    "contact": {"contact_name": "Ada", "contact_email": "ada@example.org"},
}


def step_url(submission, slug, query=""):
    url = reverse(
        "listings:submission_step", kwargs={"public_id": submission.public_id, "step": slug}
    )
    return url + query


def check_url(submission):
    return reverse("listings:submission_check", kwargs={"public_id": submission.public_id})


@pytest.fixture
def member_client(client, vendor_member):
    client.force_login(vendor_member.user)
    return client


@pytest.fixture
def draft(vendor_member):
    return submission_start(user=vendor_member.user, organisation=vendor_member.organisation)


def test_every_answer_is_asked_on_exactly_one_step():
    asked = [name for step in STEPS for name in step.fields]

    assert sorted(asked) == sorted(ListingAnswersForm.base_fields)
    assert [step.slug for step in STEPS] == list(STEP_DATA)


def test_anonymous_visitors_are_sent_to_sign_in(client, draft):
    for url in (reverse("listings:submission_new"), step_url(draft, "about"), check_url(draft)):
        response = client.get(url)

        assertRedirects(response, f"{reverse('account_login')}?next={url}")


def test_a_user_in_no_organisation_is_told_to_join_one(client):
    client.force_login(UserFactory())

    response = client.get(reverse("listings:submission_new"))

    assertContains(response, "Join an organisation to submit a solution")
    assertContains(response, f'href="{reverse("organisation_list")}"')


def test_the_start_page_skips_the_organisation_question_for_one_organisation(member_client):
    response = member_client.get(reverse("listings:submission_new"))

    assertContains(response, "You are submitting for <strong>Civic Data Co</strong>")
    assertNotContains(response, 'type="radio"')
    assertContains(response, f'href="{reverse("harvest:submission_import")}"')
    assertContains(response, "Import from a publiccode.yml instead")


def test_answering_questions_starts_a_draft_and_opens_the_first_step(member_client, vendor_member):
    response = member_client.post(reverse("listings:submission_new"))

    submission = Submission.objects.get()
    assertRedirects(response, step_url(submission, "about"))
    assert submission.organisation == vendor_member.organisation
    assert submission.submitted_by == vendor_member.user
    assert submission.status == SubmissionStatus.DRAFT


def test_a_member_of_two_organisations_must_choose_one(member_client, vendor_member):
    other = MembershipFactory(user=vendor_member.user, organisation=VendorFactory(name="Beta Ltd"))

    response = member_client.post(reverse("listings:submission_new"))

    assertContains(response, "<title>Error: Submit a solution")
    assertContains(response, 'href="#id_organisation_0">Select the organisation')
    assert not Submission.objects.exists()

    member_client.post(reverse("listings:submission_new"), {"organisation": other.organisation.pk})

    assert Submission.objects.get().organisation == other.organisation


def test_walking_every_step_then_sending_puts_a_draft_page_in_moderation(member_client, draft):
    for index, step in enumerate(STEPS):
        data = {**STEP_DATA[step.slug], "action": "continue"}
        response = member_client.post(step_url(draft, step.slug), data)

        following = STEPS[index + 1].slug if index + 1 < len(STEPS) else None
        expected = step_url(draft, following) if following else check_url(draft)
        assertRedirects(response, expected, fetch_redirect_response=False)

    check = member_client.get(check_url(draft))
    assertNotContains(check, "There is a problem")
    assertContains(check, "Resident Index")
    response = member_client.post(check_url(draft))

    assertRedirects(
        response, reverse("listings:submission_sent", kwargs={"public_id": draft.public_id})
    )
    draft.refresh_from_db()
    assert draft.status == SubmissionStatus.IN_MODERATION
    page = SolutionPage.objects.get(pk=draft.page_id)
    assert not page.live
    revision = page.get_latest_revision_as_object()
    assert revision.features == ["Fuzzy matching", "UPRN lookup"]
    assert list(revision.service_areas.values_list("slug", flat=True)) == ["housing"]
    assert WorkflowState.objects.active().for_instance(page).exists()


def test_a_step_is_prefilled_from_the_saved_answers(member_client, draft):
    draft.answers = {"title": "Resident Index", "is_open_source": True, "licence": "MIT"}
    draft.save()

    about = member_client.get(step_url(draft, "about"))
    code = member_client.get(step_url(draft, "code"))

    assertContains(about, 'value="Resident Index"')
    assertContains(
        code, 'id="id_is_open_source_0" name="is_open_source" type="radio" value="yes" checked'
    )


def test_an_invalid_step_shows_an_error_summary_linked_to_each_field(member_client, draft):
    response = member_client.post(
        step_url(draft, "classification"), {"development_status": "beta", "action": "continue"}
    )

    assert response.status_code == 200
    assertContains(response, "<title>Error: Type, services and maturity")
    assertContains(response, '<a href="#id_solution_type_0">Select what kind of solution it is</a>')
    assertContains(response, 'id="id_solution_type_0"')
    assertContains(response, 'aria-describedby="id_solution_type-error"')
    draft.refresh_from_db()
    assert draft.answers == {}


def test_a_text_field_error_links_to_the_input(member_client, draft):
    response = member_client.post(
        step_url(draft, "about"), {"title": "", "summary": "x" * 151, "action": "continue"}
    )

    assertContains(response, '<a href="#id_title">Enter the name of the solution</a>')
    assertContains(
        response, '<a href="#id_summary">The summary must be 150 characters or fewer</a>'
    )
    assertContains(response, 'class="govuk-input govuk-input--error"')


def test_save_and_come_back_later_keeps_valid_and_invalid_input(member_client, draft):
    response = member_client.post(
        step_url(draft, "cost-and-hosting"),
        {"cost_model": "free", "price_min_gbp": "lots", "price_max_gbp": "10", "action": "save"},
    )

    assertRedirects(response, reverse("listings:your_listings"))
    draft.refresh_from_db()
    assert draft.answers["cost_model"] == "free"
    assert draft.answers["price_min_gbp"] == "lots"
    assert draft.answers["price_max_gbp"] == "10"
    assert draft.answers["hosting"] is None
    assert draft.status == SubmissionStatus.DRAFT


def test_saved_input_is_shown_again_and_confirmed(member_client, draft):
    response = member_client.post(
        step_url(draft, "about"),
        {"title": "Half done", "summary": "y" * 160, "action": "save"},
        follow=True,
    )

    assertContains(response, "Your answers have been saved")
    page = member_client.get(step_url(draft, "about"))
    assertContains(page, 'value="Half done"')
    assertContains(page, "y" * 160)


def test_the_check_page_lists_missing_answers_as_errors_linking_to_their_step(member_client, draft):
    draft.answers = {"title": "Resident Index"}
    draft.save()

    response = member_client.get(check_url(draft))

    assertContains(response, "<title>Error: Check your answers before sending")
    summary_link = step_url(draft, "about", "?return=check#id_summary")
    assertContains(response, f'<a href="{summary_link}">Enter a one-sentence summary</a>')
    radio_link = step_url(draft, "classification", "?return=check#id_solution_type_0")
    assertContains(response, f'<a href="{radio_link}">Select what kind of solution it is</a>')


def test_sending_invalid_answers_shows_errors_and_sends_nothing(member_client, draft):
    response = member_client.post(check_url(draft))

    assert response.status_code == 200
    assertContains(response, "There is a problem")
    draft.refresh_from_db()
    assert draft.status == SubmissionStatus.DRAFT
    assert draft.page_id is None
    assert not SolutionPage.objects.exists()


def test_change_links_carry_return_to_check(member_client, draft):
    response = member_client.get(check_url(draft))

    change = step_url(draft, "contact", "?return=check#id_contact_email")
    assertContains(response, f'href="{change}">Change<span class="govuk-visually-hidden">')


def test_continuing_after_a_change_link_returns_to_check(member_client, draft):
    page = member_client.get(step_url(draft, "about", "?return=check"))
    assertContains(page, f'<a href="{check_url(draft)}" class="govuk-back-link">Back</a>')

    response = member_client.post(
        step_url(draft, "about", "?return=check"), {**STEP_DATA["about"], "action": "continue"}
    )

    assertRedirects(response, check_url(draft), fetch_redirect_response=False)


def test_outsiders_get_404_for_every_page_of_a_submission(client, draft):
    client.force_login(MembershipFactory().user)
    sent = reverse("listings:submission_sent", kwargs={"public_id": draft.public_id})

    for url in (step_url(draft, "about"), check_url(draft), sent):
        assert client.get(url).status_code == 404
    assert (
        client.post(step_url(draft, "about"), {"title": "Mine", "action": "save"}).status_code
        == 404
    )
    assert client.post(check_url(draft)).status_code == 404


def test_an_unknown_step_is_404(member_client, draft):
    assert member_client.get(step_url(draft, "not-a-step")).status_code == 404


def test_a_sent_submission_cannot_be_edited(member_client, draft):
    draft.status = SubmissionStatus.IN_MODERATION
    draft.page = SolutionPageFactory()
    draft.save()

    response = member_client.get(step_url(draft, "about"))

    assertRedirects(response, reverse("listings:your_listings"), fetch_redirect_response=False)
    assert member_client.get(check_url(draft)).status_code == 302


def test_the_check_page_shows_answers_as_people_read_them(member_client, draft):
    draft.answers = {
        "title": "Resident Index",
        "features": ["Fuzzy matching", "UPRN lookup"],
        "service_areas": ["housing"],
        "is_open_source": True,
        "cost_model": "one_off",
        "price_min_gbp": "1500",
    }
    draft.save()

    response = member_client.get(check_url(draft))

    content = response.content.decode()
    assert "<li>Fuzzy matching</li><li>UPRN lookup</li>" in content
    assert "<li>Housing</li>" in content
    assert "£1,500.00" in content
    assert "One-off" in content
    assert "dict_items" not in content and "('name'," not in content
    assertContains(response, "Not answered")
