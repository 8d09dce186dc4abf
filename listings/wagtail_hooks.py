from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from listings.models import Adoption


class AdoptionViewSet(SnippetViewSet):
    """Adoptions with their savings evidence inline, edited with revisions."""

    model = Adoption
    icon = "group"
    menu_label = "Adoptions"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["council", "solution", "status", "confirmed", "updated_at"]
    list_filter = ["status", "confirmed"]
    search_fields = ["notes", "contact"]


register_snippet(AdoptionViewSet)
