"""Read queries: querysets and plain data, never formatting (that is ``listings.presenters``)."""
