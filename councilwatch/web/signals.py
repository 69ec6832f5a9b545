"""Drop cached pages when the data behind them changes (per council, and site-wide)."""

from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save

from councilwatch.councils.models import Committee, Council, Person
from councilwatch.documents.models import Document, DocumentPage
from councilwatch.meetings.models import AgendaItem, Attendance, Decision, Meeting
from councilwatch.search.services import meeting_indexed
from councilwatch.summaries.models import Summary
from councilwatch.web.cache import bump


def _code(council_id: int | None) -> str:
    if not council_id:
        return ""
    return Council.objects.filter(pk=council_id).order_by().values_list("code", flat=True).first() or ""


def _code_by(model: type[Model], pk: int) -> str:
    """The council code of a meeting's or document's row, in one query (unordered: one row by primary key)."""
    return model.objects.filter(pk=pk).order_by().values_list("council__code", flat=True).first() or ""


def _loaded(instance: Model, name: str) -> Model | None:
    """The row ``instance`` refers to by its foreign key ``name`` when Django already holds it (no query), else None."""
    field = instance._meta.get_field(name)
    return field.get_cached_value(instance) if field.is_cached(instance) else None


def _council_code(instance: object) -> str:
    """The code of the council the saved row belongs to ('' when none), with at most one query: rows saved together
    mostly carry their council (or meeting) along, so a crawl does not ask for the same code once per row."""
    if isinstance(instance, Council):
        return instance.code
    if hasattr(instance, "council_id"):
        council = _loaded(instance, "council")
        return council.code if council is not None else _code(instance.council_id)
    meeting_id = getattr(instance, "meeting_id", None)
    if meeting_id:
        meeting = _loaded(instance, "meeting")
        if meeting is not None:
            return _council_code(meeting)
        return _code_by(Meeting, meeting_id)
    if isinstance(instance, DocumentPage):
        return _code_by(Document, instance.document_id)
    return ""


def _changed(sender: type, instance: object, **kwargs: object) -> None:
    bump(_council_code(instance))


def _indexed(sender: type, council_id: int, **kwargs: object) -> None:
    bump(_code(council_id))


def connect() -> None:
    models = (Council, Committee, Person, Meeting, AgendaItem, Attendance, Decision, Document, DocumentPage, Summary)
    for model in models:
        post_save.connect(_changed, sender=model, dispatch_uid=f"web-cache-{model.__name__}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"web-cache-del-{model.__name__}")
    m2m_changed.connect(_changed, sender=Summary.topics.through, dispatch_uid="web-cache-summary-topics")
    meeting_indexed.connect(_indexed, dispatch_uid="web-cache-indexed")
    _connect_subscriptions()


def _site_changed(sender: type, **kwargs: object) -> None:
    bump()


def _connect_subscriptions() -> None:
    """Waiting counts on /councils/ change with subscriptions (when the subscriptions app has its models)."""
    from django.apps import apps

    for name in ("Subscription", "Subscriber"):
        try:
            model = apps.get_model("subscriptions", name)
        except LookupError:
            continue
        post_save.connect(_site_changed, sender=model, dispatch_uid=f"web-cache-{name}")
        post_delete.connect(_site_changed, sender=model, dispatch_uid=f"web-cache-del-{name}")
