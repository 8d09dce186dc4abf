"""Moderators may add, change and view adoptions in Wagtail, to verify savings evidence.

Without these permissions the Adoption snippet editor turned moderators away, so nobody
but a superuser could tick "verified by moderator".
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
    content_type, _ = ContentType.objects.get_or_create(app_label="listings", model="adoption")
    for action in ACTIONS:
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_adoption",
            defaults={"name": f"Can {action} adoption"},
        )
        moderators.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    moderators = Group.objects.filter(name="Moderators").first()
    if moderators is not None:
        moderators.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="listings",
                codename__in=[f"{action}_adoption" for action in ACTIONS],
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("listings", "0005_submissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
