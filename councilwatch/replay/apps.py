from django.apps import AppConfig


class ReplayConfig(AppConfig):
    name = "councilwatch.replay"
    label = "replay"
    verbose_name = "Replay server (a recorded ModernGov site for tests and the demo)"
    default_auto_field = "django.db.models.BigAutoField"
