"""Synonym groups in Wagtail (Snippets), where moderators keep the council shorthand."""

from wagtail.snippets.views.snippets import SnippetViewSet

from listings.search.models import SynonymGroup


class SynonymGroupViewSet(SnippetViewSet):
    model = SynonymGroup
    icon = "search"
    menu_label = "Search synonyms"
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["name", "terms"]
    search_fields = ["name", "terms"]
