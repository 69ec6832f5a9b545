"""Reindex a meeting after the transaction that changed it commits (once per meeting per transaction)."""

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models.signals import post_delete, post_save

from councilwatch.meetings.models import AgendaItem, Decision, Meeting
from councilwatch.summaries.models import Summary


class _IndexAfterCommit:
    """An on-commit callback; a meeting with one still waiting to run gets no second one."""

    def __init__(self, meeting_id: int) -> None:
        self.meeting_id = meeting_id
        self.ran = False

    def __call__(self) -> None:
        from councilwatch.search.services import index_meeting

        self.ran = True
        index_meeting(self.meeting_id)


def schedule_index(meeting_id: int | None, using: str = DEFAULT_DB_ALIAS) -> None:
    if not meeting_id or not getattr(settings, "SEARCH_AUTO_INDEX", True):
        return
    for entry in connections[using].run_on_commit:
        callback = entry[1]
        if isinstance(callback, _IndexAfterCommit) and callback.meeting_id == meeting_id and not callback.ran:
            return
    transaction.on_commit(_IndexAfterCommit(meeting_id), using=using)


def _on_meeting(sender: type, instance: Meeting, using: str = DEFAULT_DB_ALIAS, **kwargs: object) -> None:
    schedule_index(instance.pk, using)


def _on_child(
    sender: type, instance: AgendaItem | Decision | Summary, using: str = DEFAULT_DB_ALIAS, **kwargs: object
) -> None:
    schedule_index(instance.meeting_id, using)


def connect() -> None:
    post_save.connect(_on_meeting, sender=Meeting, dispatch_uid="search-meeting")
    for model in (AgendaItem, Decision, Summary):
        post_save.connect(_on_child, sender=model, dispatch_uid=f"search-{model.__name__}")
        post_delete.connect(_on_child, sender=model, dispatch_uid=f"search-del-{model.__name__}")
