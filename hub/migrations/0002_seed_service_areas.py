"""Seed the main areas of council services; moderators edit them in Wagtail afterwards."""

from django.db import migrations

SERVICE_AREAS = [
    ("Housing", "housing", "Housing management, homelessness, allocations and tenancy fraud."),
    ("Adult social care", "adult-social-care", "Care assessments, commissioning and support."),
    ("Children's services", "childrens-services", "Early help, safeguarding, education and SEND."),
    ("Waste and environment", "waste-and-environment", "Collections, street cleansing, climate."),
    (
        "Planning and building control",
        "planning-and-building-control",
        "Planning applications, enforcement and building regulations.",
    ),
    (
        "Revenues and benefits",
        "revenues-and-benefits",
        "Council tax, business rates, benefits and fraud.",
    ),
    ("Highways and transport", "highways-and-transport", "Roads, street faults and parking."),
    ("Public health", "public-health", "Health improvement and protection."),
    (
        "Licensing and food safety",
        "licensing-and-food-safety",
        "Licences, food hygiene and trading standards.",
    ),
    ("Customer services", "customer-services", "Contact centres, online services and channels."),
    ("Democracy and elections", "democracy-and-elections", "Elections, registration, committees."),
    ("Corporate services", "corporate-services", "Finance, HR, procurement and legal."),
    ("Data and infrastructure", "data-and-infrastructure", "Data platforms, addresses, identity."),
]


def seed(apps, schema_editor):
    ServiceArea = apps.get_model("hub", "ServiceArea")
    for order, (name, slug, description) in enumerate(SERVICE_AREAS):
        ServiceArea.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "sort_order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("hub", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
