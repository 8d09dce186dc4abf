"""Helpers shared by every full-text search box on the site."""


def search_words(term: str) -> list[str]:
    """The words of a search term, with double quotes dropped.

    Quotes are phrase syntax to SQLite's FTS5, and Wagtail's SQLite backend passes an
    unmatched one through unescaped (an SQL error); in a plain-text search box they mean
    nothing, so every search reads them as spaces.
    """
    return term.replace('"', " ").split()
