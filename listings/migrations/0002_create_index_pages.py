"""Create /solutions/ and /case-studies/ under the home page."""

from django.db import migrations


def create_index_pages(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    HomePage = apps.get_model("hub.HomePage")
    Page = apps.get_model("wagtailcore.Page")
    home = HomePage.objects.first()
    if home is None:
        return
    pages = [
        ("SolutionIndexPage", "Solutions", "solutions",
         "<p>Proven data tools that UK councils use, with who uses each one and what it saved.</p>"),
        ("CaseStudyIndexPage", "Case studies", "case-studies",
         "<p>How councils used these tools, what they learned and what changed.</p>"),
    ]
    for model_name, title, slug, intro in pages:
        model = apps.get_model("listings", model_name)
        if model.objects.exists():
            continue
        content_type, _ = ContentType.objects.get_or_create(
            app_label="listings", model=model_name.lower()
        )
        home = Page.objects.get(pk=home.pk)
        # Treebeard's API is not available in migrations: compute the next child path.
        last_child = (
            Page.objects.filter(path__startswith=home.path, depth=home.depth + 1)
            .order_by("-path")
            .first()
        )
        if last_child is None:
            path = f"{home.path}0001"
        else:
            number = int(last_child.path[-4:], 36) + 1
            path = f"{home.path}{_base36(number).rjust(4, '0')}"
        model.objects.create(
            title=title,
            draft_title=title,
            slug=slug,
            content_type=content_type,
            path=path,
            depth=home.depth + 1,
            numchild=0,
            url_path=f"{home.url_path}{slug}/",
            locale_id=home.locale_id,
            live=True,
            intro=intro,
        )
        Page.objects.filter(pk=home.pk).update(numchild=home.numchild + 1)


def _base36(number: int) -> str:
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    digits = ""
    while number:
        number, remainder = divmod(number, 36)
        digits = alphabet[remainder] + digits
    return digits or "0"


class Migration(migrations.Migration):
    dependencies = [
        ("listings", "0001_initial"),
        ("hub", "0003_create_home_page"),
    ]

    operations = [migrations.RunPython(create_index_pages, migrations.RunPython.noop)]
