"""Forms of the groups registry, one module per area."""
