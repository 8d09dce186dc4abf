"""Give the user who signed up with a blank username a generated one.

Before usernames were generated, the first person to sign up through allauth got
``""``, and every later sign-up collided with it. The next migration then makes
the database refuse empty usernames.
"""

import secrets

from django.db import migrations


def repair_empty_usernames(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    for user in User.objects.filter(username=""):
        # The same shape as hub.accounts.models.username_generate, frozen here.
        user.username = f"user-{secrets.token_hex(8)}"
        user.save(update_fields=["username"])


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [migrations.RunPython(repair_empty_usernames, migrations.RunPython.noop)]
