from django.apps import AppConfig


class SummariesConfig(AppConfig):
    name = "councilwatch.summaries"
    label = "summaries"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from councilwatch.summaries.backends import check_registry

        check_registry()
