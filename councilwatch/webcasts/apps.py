from django.apps import AppConfig


class WebcastsConfig(AppConfig):
    name = "councilwatch.webcasts"
    label = "webcasts"
    verbose_name = "Webcasts"

    def ready(self) -> None:
        from councilwatch.webcasts.backends import check_registry

        check_registry()
