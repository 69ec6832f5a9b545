"""Small text helpers used across apps."""

import re
import unicodedata

_WS = re.compile(r"\s+")


def normalise_space(text: str) -> str:
    """Collapse runs of white space (including non-breaking spaces) into single spaces and strip the ends."""
    return _WS.sub(" ", text.replace("\xa0", " ")).strip()


def name_key(name: str) -> str:
    """A stable key for a person's or body's name: lower case, ASCII, honorifics and punctuation removed."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    folded = re.sub(r"\b(cllrs?|councillors?|mr|mrs|ms|miss|dr|sir|dame|rev|revd|the)\b\.?", " ", folded)
    folded = re.sub(r"\b(obe|mbe|cbe|kbe|dbe|jp|dl|qc|kc|bem|mp)\b", " ", folded)  # post-nominal letters
    folded = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
    return folded
