"""The Celery app: ``celery -A councilwatch.pipeline.celery worker -Q network,cpu,model,email``.

Settings come from Django's settings with the ``CELERY_`` prefix (broker from ``CELERY_BROKER_URL`` or
``REDIS_URL``; acks late, requeue on a lost worker, prefetch 1, visibility timeout). Beat's schedule: the
sweeper every minute, every enabled council crawled daily, digests weekly, alerts every few minutes.
"""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "councilwatch.settings")

app = Celery("councilwatch")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["councilwatch.pipeline"])


def _clock(value: str) -> tuple[int, int]:
    """``"HH:MM"`` → (hour, minute); a clear error names the bad value."""
    try:
        hour, minute = (int(part) for part in value.strip().split(":"))
    except ValueError:
        raise ValueError(f"PIPELINE_CRAWL_TIME must be HH:MM, got {value!r}") from None
    return hour, minute


def beat_schedule() -> dict:
    from django.conf import settings

    crawl_hour, crawl_minute = _clock(settings.PIPELINE_CRAWL_TIME)
    return {
        "sweep": {"task": "councilwatch.pipeline.sweep", "schedule": 60.0, "options": {"queue": "cpu"}},
        "crawl-daily": {
            "task": "councilwatch.pipeline.schedule_crawls",
            "schedule": crontab(hour=crawl_hour, minute=crawl_minute),
            "options": {"queue": "network"},
        },
        # Each council's digest is queued once its week is due (DIGEST_WEEKDAY at DIGEST_TIME) and built once.
        "digests": {"task": "councilwatch.pipeline.schedule_digests", "schedule": 900.0, "options": {"queue": "email"}},
        "alerts": {
            "task": "councilwatch.pipeline.schedule_alerts",
            "schedule": 60.0 * settings.PIPELINE_ALERT_MINUTES,
            "options": {"queue": "email"},
        },
    }


@app.on_after_finalize.connect
def _install_schedule(sender: Celery, **kwargs: object) -> None:
    sender.conf.beat_schedule = beat_schedule()
