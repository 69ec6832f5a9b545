"""The explicit connector registry: platform → connector class, checked when this module loads.

Built-in and future connectors are registered the same way: add the class to ``CONNECTORS`` (and a section to
docs/connectors.md; a test checks).
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured

from councilwatch.councils.models import Platform
from councilwatch.ingest.connectors.base import Connector
from councilwatch.ingest.connectors.cmis import CmisConnector
from councilwatch.ingest.connectors.moderngov import ModernGovConnector

CONNECTORS: dict[str, type[Connector]] = {
    Platform.MODERNGOV.value: ModernGovConnector,
    Platform.CMIS.value: CmisConnector,
}


class UnsupportedPlatform(LookupError):
    pass


def check_registry(registry: dict[str, type[Connector]]) -> None:
    """Every key is a known platform and maps to a complete Connector subclass declaring that platform."""
    known = set(Platform.values)
    for platform, cls in registry.items():
        if platform not in known:
            raise ImproperlyConfigured(f"connector registry: unknown platform {platform!r}")
        if not (isinstance(cls, type) and issubclass(cls, Connector)):
            raise ImproperlyConfigured(f"connector registry: {platform!r} maps to {cls!r}, not a Connector")
        if getattr(cls, "platform", None) != platform:
            raise ImproperlyConfigured(f"connector registry: {cls.__name__}.platform is not {platform!r}")
        if getattr(cls, "__abstractmethods__", None):
            missing = ", ".join(sorted(cls.__abstractmethods__))
            raise ImproperlyConfigured(f"connector registry: {cls.__name__} does not implement {missing}")
        if not getattr(cls, "reads", ""):
            raise ImproperlyConfigured(f"connector registry: {cls.__name__} does not say what it reads")


def connector_class(platform: str) -> type[Connector]:
    try:
        return CONNECTORS[platform]
    except KeyError:
        supported = ", ".join(sorted(CONNECTORS))
        raise UnsupportedPlatform(f"no connector for platform {platform!r} (supported: {supported})") from None


check_registry(CONNECTORS)
