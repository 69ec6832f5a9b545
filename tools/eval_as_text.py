"""Score reading and the summary on every corpus meeting re-imported with its PDFs as reading-order text.

Councils (and those who republish their papers) often give plain text taken from a PDF without its layout.
This turns each PDF of a corpus meeting into text with poppler's ``pdftotext`` (without ``-layout``; with
``--layout`` as printed), imports the meeting from those files in a rolled-back transaction and prints what
``councilwatch evaluate`` would score. Usage (a migrated database in DATABASE_URL)::

    .venv/bin/python tools/eval_as_text.py [--layout] [FILTER] [-v]
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "councilwatch.settings")

import django

django.setup()

from django.db import transaction  # noqa: E402

from councilwatch.summaries.backends import get_backend  # noqa: E402
from councilwatch.summaries.compose import compose  # noqa: E402
from councilwatch.summaries.corpus import (  # noqa: E402
    Expected,
    compare_structure,
    expected_files,
    import_meeting,
    score_summary,
)
from councilwatch.summaries.sources import load_sources  # noqa: E402


class _Rollback(Exception):
    pass


class _TextCopy(Expected):
    @property
    def name(self) -> str:
        return self.path.parent.name


def _as_text(expected: Expected, folder: Path, layout: bool) -> Expected:
    spec = dict(expected.data["import"])
    files = []
    for name in spec["files"]:
        source = expected.folder / name
        if source.suffix.lower() == ".pdf":
            target = folder / f"{source.stem}.txt"
            subprocess.run(["pdftotext", *(["-layout"] if layout else []), str(source), str(target)], check=True)
        else:
            target = folder / source.name
            shutil.copy(source, target)
        files.append(target.name)
    return _TextCopy(folder / expected.path.name, {**expected.data, "import": {**spec, "files": files}})


def main(argv: list[str]) -> None:
    layout = "--layout" in argv
    verbose = "-v" in argv
    words = [a for a in argv if not a.startswith("-")]
    totals: dict[str, list[int]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for expected in expected_files():
            if words and words[0] not in expected.name:
                continue
            folder = Path(tmp) / re.sub(r"\W+", "_", expected.name)
            folder.mkdir()
            copy = _as_text(expected, folder, layout)
            try:
                with transaction.atomic():
                    meeting = import_meeting(copy)
                    structure = compare_structure(meeting, copy)
                    composed = compose(load_sources(meeting), get_backend("extractive"))
                    summary = score_summary(composed.typed, composed.kind, copy)
                    figures = {
                        "items": structure.items, "decisions": structure.decisions, "motions": structure.motions,
                        "present": structure.present, "facts": summary.facts, "headline": summary.headline,
                    }  # fmt: skip
                    for key, (got, wanted) in figures.items():
                        totals.setdefault(key, [0, 0])
                        totals[key][0] += got
                        totals[key][1] += wanted
                    shown = " ".join(f"{k} {g}/{w}" for k, (g, w) in figures.items())
                    print(f"{expected.name:62} {shown} wrong {summary.wrong} stray {summary.stray_sections}")
                    if verbose:
                        for problem in structure.problems + summary.missed:
                            print(f"    {problem}")
                    raise _Rollback
            except _Rollback:
                pass
    print("total", " ".join(f"{k} {g}/{w}" for k, (g, w) in totals.items()))


if __name__ == "__main__":
    main(sys.argv[1:])
