"""Moderators may add, change and view memberships in Wagtail, to decide requests to join.

Moderators may decide any request (hub.services.membership_decide); without these
permissions the membership admin turned them away.
"""

from django.db import migrations

ACTIONS = ("add", "change", "view")


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    moderators = Group.objects.filter(name="Moderators").first()
    if moderators is None:
        return
    content_type, _ = ContentType.objects.get_or_create(app_label="hub", model="membership")
    for action in ACTIONS:
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_membership",
            defaults={"name": f"Can {action} membership"},
        )
        moderators.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    moderators = Group.objects.filter(name="Moderators").first()
    if moderators is not None:
        moderators.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="hub",
                codename__in=[f"{action}_membership" for action in ACTIONS],
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("hub", "0003_create_home_page"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
