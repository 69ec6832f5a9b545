from django.apps import AppConfig


class IngestConfig(AppConfig):
    name = "councilwatch.ingest"
    label = "ingest"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Importing the registry checks it: a broken connector stops Django from starting, not a crawl at 3 a.m.
        from councilwatch.ingest import registry  # noqa: F401
