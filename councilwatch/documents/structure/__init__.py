"""The structure of UK council papers, parsed into data (see types.py for the shapes).

``parse_minutes(pages)``, ``parse_report(pages)`` and ``parse_agenda(pages)`` take the text of a document
page by page (index 0 is page 1) and return the records in ``types.py``; every span of text carries the page
it was found on.
"""

from councilwatch.documents.structure.agenda import parse_agenda
from councilwatch.documents.structure.minutes import parse_minutes
from councilwatch.documents.structure.report import parse_report

__all__ = ["parse_agenda", "parse_minutes", "parse_report"]
