"""Helpers shared by every full-text search box on the site."""

#: The longest search term any search box or API takes: nobody types more, and every
#: character costs the database time (a longer term is refused with the reason).
SEARCH_MAX_LENGTH = 200


def search_words(term: str) -> list[str]:
    """The words of a search term, with double quotes dropped.

    Quotes are phrase syntax to SQLite's FTS5, and Wagtail's SQLite backend passes an
    unmatched one through unescaped (an SQL error); in a plain-text search box they mean
    nothing, so every search reads them as spaces.
    """
    return term.replace('"', " ").split()
