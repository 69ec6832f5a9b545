"""Reindex a meeting after a transaction that changed it commits (once per meeting per transaction)."""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from councilwatch.meetings.models import AgendaItem, Decision, Meeting
from councilwatch.summaries.models import Summary

_pending: set[int] = set()


def _flush() -> None:
    from councilwatch.search.services import index_meeting

    while _pending:
        index_meeting(_pending.pop())


def schedule_index(meeting_id: int | None) -> None:
    if not meeting_id or not getattr(settings, "SEARCH_AUTO_INDEX", True):
        return
    first = not _pending
    _pending.add(meeting_id)
    if first:
        transaction.on_commit(_flush)


def _on_meeting(sender: type, instance: Meeting, **kwargs: object) -> None:
    schedule_index(instance.pk)


def _on_child(sender: type, instance: AgendaItem | Decision | Summary, **kwargs: object) -> None:
    schedule_index(instance.meeting_id)


def connect() -> None:
    post_save.connect(_on_meeting, sender=Meeting, dispatch_uid="search-meeting")
    for model in (AgendaItem, Decision, Summary):
        post_save.connect(_on_child, sender=model, dispatch_uid=f"search-{model.__name__}")
        post_delete.connect(_on_child, sender=model, dispatch_uid=f"search-del-{model.__name__}")
