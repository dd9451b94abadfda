"""Views of the groups registry, one module per area (see groups/urls.py)."""
