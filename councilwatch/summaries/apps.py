from django.apps import AppConfig


class SummariesConfig(AppConfig):
    name = "councilwatch.summaries"
    label = "summaries"
    default_auto_field = "django.db.models.BigAutoField"
