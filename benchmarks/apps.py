from django.apps import AppConfig


class BenchmarksConfig(AppConfig):
    """The load generator behind ``manage.py seed_scale`` (docs/PERFORMANCE.md)."""

    name = "benchmarks"
    verbose_name = "Benchmarks"
