from django.db import IntegrityError, transaction

import pytest

from hub.factories import CouncilFactory
from hub.models import Organisation, ServiceArea

pytestmark = pytest.mark.django_db

EXPECTED_SERVICE_AREAS = {
    "Housing",
    "Adult social care",
    "Children's services",
    "Waste and environment",
    "Planning and building control",
    "Revenues and benefits",
    "Highways and transport",
    "Public health",
    "Licensing and food safety",
    "Customer services",
    "Democracy and elections",
    "Corporate services",
    "Data and infrastructure",
}


def test_service_areas_are_seeded():
    assert set(ServiceArea.objects.values_list("name", flat=True)) == EXPECTED_SERVICE_AREAS


def test_moderators_is_a_wagtail_group():
    from django.contrib.auth.models import Group

    assert Group.objects.filter(name="Moderators").exists()


def test_database_refuses_a_current_council_without_gss_code():
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.create(
            kind="council", name="Nowhere", slug="nowhere", local_authority_code="NWH"
        )


def test_former_council_without_gss_code_is_allowed():
    council = Organisation.objects.create(
        kind="council", name="Moyle", slug="moyle", local_authority_code="NIR-E", is_current=False
    )
    assert council.pk


def test_database_refuses_duplicate_gss_codes():
    CouncilFactory(gss_code="E09000007")
    with pytest.raises(IntegrityError), transaction.atomic():
        CouncilFactory(gss_code="E09000007", local_authority_code="XXX", slug="another")


def test_database_refuses_an_unknown_kind():
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.create(kind="pirate", name="Arr", slug="arr")


def test_vendor_needs_no_codes(vendor):
    assert vendor.gss_code is None
    assert not vendor.is_council
