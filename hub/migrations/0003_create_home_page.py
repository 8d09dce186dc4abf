"""Replace Wagtail's welcome page with the hub's HomePage and point the site at it."""

from django.db import migrations


def create_home_page(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("hub.HomePage")

    if HomePage.objects.exists():
        return
    Page.objects.filter(depth=2, slug="home", content_type__model="page").delete()
    content_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="hub")
    root = Page.objects.get(depth=1)
    home = HomePage.objects.create(
        title="Council Solutions Hub",
        draft_title="Council Solutions Hub",
        slug="home",
        content_type=content_type,
        path=f"{root.path}0001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale_id=root.locale_id,
        live=True,
        heading="Find data tools other councils already use",
        search_prompt="What problem are you trying to solve?",
    )
    root.numchild = 1
    root.save(update_fields=["numchild"])
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)


def remove_home_page(apps, schema_editor):
    apps.get_model("hub.HomePage").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("hub", "0002_seed_service_areas"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_home_page, remove_home_page)]
