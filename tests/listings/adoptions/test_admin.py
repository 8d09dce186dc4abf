"""The Adoption snippet editor (listings.admin_forms): verifying evidence is a moderator's act."""

from decimal import Decimal

from django.contrib.auth.models import Permission

import pytest
from bs4 import BeautifulSoup

from hub.factories import UserFactory
from listings.factories import AdoptionFactory, SavingsEvidenceFactory
from listings.models import SavingsEvidence

pytestmark = pytest.mark.django_db

VERIFIED = "evidence-0-verified_by_moderator"


def edit_url(adoption):
    return f"/admin/snippets/listings/adoption/edit/{adoption.pk}/"


def form_as_sent(html: str) -> dict:
    """What the browser would post from the editor's form, unchanged."""
    form = BeautifulSoup(html, "html.parser").select_one("form[data-edit-form]")
    data = {}
    for field in form.select("input[name], select[name], textarea[name]"):
        name = field["name"]
        if field.name == "select":
            selected = field.select_one("option[selected]")
            data[name] = selected["value"] if selected else ""
        elif field.name == "textarea":
            data[name] = field.text
        elif field.get("type") == "checkbox":
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        elif field.get("type") not in ("submit", "button"):
            data[name] = field.get("value", "")
    return data


@pytest.fixture
def evidence(council):
    return SavingsEvidenceFactory(
        adoption=AdoptionFactory(council=council), amount_gbp=Decimal("10000.00")
    )


def test_a_moderator_verifying_evidence_is_recorded_and_refreshes_the_figures(
    client, moderator, evidence
):
    client.force_login(moderator)
    adoption = evidence.adoption
    data = form_as_sent(client.get(edit_url(adoption)).text)
    data[VERIFIED] = "on"
    data["evidence-0-amount_gbp"] = "12500.00"

    response = client.post(edit_url(adoption), data)

    assert response.status_code == 302, response.text[:2000]
    evidence.refresh_from_db()
    assert evidence.verified_by_moderator
    assert evidence.verified_by == moderator
    adoption.solution.refresh_from_db()
    assert adoption.solution.has_verified_savings
    assert adoption.solution.annual_savings_gbp == Decimal("12500.00")


def test_taking_the_tick_away_forgets_who_verified(client, moderator, evidence):
    evidence.verified_by_moderator, evidence.verified_by = True, moderator
    evidence.save()
    client.force_login(moderator)
    data = form_as_sent(client.get(edit_url(evidence.adoption)).text)
    del data[VERIFIED]

    client.post(edit_url(evidence.adoption), data)

    evidence.refresh_from_db()
    assert (evidence.verified_by_moderator, evidence.verified_by) == (False, None)
    evidence.adoption.solution.refresh_from_db()
    assert not evidence.adoption.solution.has_verified_savings


def test_someone_who_is_not_a_moderator_cannot_verify(client, evidence):
    editor = UserFactory(email="editor@example.org")
    editor.user_permissions.add(
        *Permission.objects.filter(codename__in=["access_admin", "change_adoption"])
    )
    client.force_login(editor)
    data = form_as_sent(client.get(edit_url(evidence.adoption)).text)
    data[VERIFIED] = "on"

    response = client.post(edit_url(evidence.adoption), data)

    assert response.status_code == 200
    assert "Only a moderator can verify savings evidence." in response.text
    assert not SavingsEvidence.objects.get(pk=evidence.pk).verified_by_moderator


def test_moderators_may_open_the_adoption_editor(client, moderator, evidence):
    client.force_login(moderator)
    assert client.get(edit_url(evidence.adoption)).status_code == 200
