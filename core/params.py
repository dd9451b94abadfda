"""Free text read straight from the query string, made safe to put in a query."""

SEARCH_LIMIT = 100


def search_text(request, name: str = "q") -> str:
    """The user's search: NUL characters dropped (PostgreSQL refuses them), length bounded."""
    return request.GET.get(name, "").replace("\x00", "").strip()[:SEARCH_LIMIT]
