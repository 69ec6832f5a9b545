"""The Celery app: ``celery -A councilwatch.pipeline.celery worker -Q network,cpu,model,email``.

Settings come from Django's settings with the ``CELERY_`` prefix (broker from ``CELERY_BROKER_URL`` or
``REDIS_URL``; acks late, requeue on a lost worker, prefetch 1, visibility timeout). Beat's schedule: the
sweeper every minute, every enabled council crawled daily, digests weekly.
"""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "councilwatch.settings")

app = Celery("councilwatch")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["councilwatch.pipeline"])


def _time(value: str) -> tuple[str, int, int]:
    """``"[day ]HH:MM"`` → (day of week or "*", hour, minute); a clear error names the bad value."""
    day, _, clock = value.strip().rpartition(" ")
    try:
        hour, minute = (int(part) for part in clock.split(":"))
    except ValueError:
        raise ValueError(f"pipeline schedule time {value!r} is not [day ]HH:MM") from None
    return day or "*", hour, minute


def beat_schedule() -> dict:
    from django.conf import settings

    _, crawl_hour, crawl_minute = _time(settings.PIPELINE_CRAWL_TIME)
    digest_setting = getattr(settings, "DIGEST_TIME", None) or settings.PIPELINE_DIGEST_TIME
    digest_day, digest_hour, digest_minute = _time(digest_setting)
    if digest_day == "*":
        digest_day = str(getattr(settings, "DIGEST_DAY", "mon"))
    return {
        "sweep": {"task": "councilwatch.pipeline.sweep", "schedule": 60.0, "options": {"queue": "cpu"}},
        "crawl-daily": {
            "task": "councilwatch.pipeline.schedule_crawls",
            "schedule": crontab(hour=crawl_hour, minute=crawl_minute),
            "options": {"queue": "network"},
        },
        "digests-weekly": {
            "task": "councilwatch.pipeline.schedule_digests",
            "schedule": crontab(day_of_week=digest_day, hour=digest_hour, minute=digest_minute),
            "options": {"queue": "email"},
        },
    }


@app.on_after_finalize.connect
def _install_schedule(sender: Celery, **kwargs: object) -> None:
    sender.conf.beat_schedule = beat_schedule()
