from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "councilwatch.search"
    label = "search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from councilwatch.search import signals

        signals.connect()
