from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "councilwatch.web"
    label = "web"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from councilwatch.web import signals

        signals.connect()
