"""Turning the text of pages into lines that remember their page, and joining lines back into paragraphs."""

import re
from dataclasses import dataclass

# A line that starts a list entry: "1.", "1)", "(1)", "(a)", "a)", "A.", "i.", "•", "-".
LIST_MARKER = re.compile(r"^(?:\(?(\d{1,2}|[a-zA-Z]|[ivx]{1,4})[.)]|\((\d{1,2}|[a-zA-Z]|[ivx]{1,4})\)|[•\-–o▪●]\s)\s*")
_PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?\d{1,4}(?:\s+of\s+\d{1,4})?\s*$", re.IGNORECASE)
_PRIVATE_BULLETS = re.compile(r"[\uf0a7\uf0b7\uf0d8\uf076\uf0fc\uf0e0\u2023\u25aa\u25cf\u2043]\s*")
_SECTION_BANNERS = re.compile(r"^\s*(?:UNRESTRICTED ITEMS|EXEMPT ITEMS|\(Open Access to Minutes\))\s*$")


@dataclass(frozen=True)
class Line:
    text: str
    page: int
    # Whether the layout sets the line apart (bold, larger); None when the paper's format tells nothing of it.
    strong: bool | None = None


def clean_text(text: str) -> str:
    """Normalise what PDF text layers produce: CRLF, form feeds, pdfium's U+FFFE hyphens, odd spaces."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = text.replace("\ufffe", "-").replace("\xad", "").replace("\u00a0", " ").replace("\u200b", "")
    text = _PRIVATE_BULLETS.sub("• ", text)
    return text


def emphasis_key(text: str) -> str:
    """How an emphasised line is matched to a line of the page's text: cleaned, white space collapsed."""
    return flat(clean_text(text))


def page_lines(pages: list[str], emphasis: list[list[str] | None] | None = None) -> list[Line]:
    """Non-blank lines of every page (page numbers 1-based), without printed page numbers and banners.

    ``emphasis`` gives, page by page, the lines extraction found set apart (bold, larger), or None for a page
    whose format tells nothing of layout; each line then knows whether it is ``strong``.
    """
    out: list[Line] = []
    running = _running_lines(pages)
    for number, raw in enumerate(pages, start=1):
        marked = emphasis[number - 1] if emphasis is not None and number <= len(emphasis) else None
        strong = {emphasis_key(e) for e in marked} if marked is not None else None
        lines = [line.strip() for line in clean_text(raw or "").split("\n")]
        lines = [line for line in lines if line]
        if lines and _PAGE_NUMBER.match(lines[0]):
            lines = lines[1:]
        if lines and _PAGE_NUMBER.match(lines[-1]):
            lines = lines[:-1]
        edge = set(range(min(2, len(lines)))) | set(range(max(0, len(lines) - 2), len(lines)))
        lines = [
            line
            for index, line in enumerate(lines)
            if not _SECTION_BANNERS.match(line) and not (index in edge and _running_key(line) in running)
        ]
        out.extend(
            Line(line, number, None if strong is None else (flat(line) in strong or flat(text) in strong))
            for line, text in pair_markers(lines)
        )
    return out


# A list or heading marker with nothing after it on its line: "1", "12.", "3)", "(a)", "ii.", "•".
_ALONE = re.compile(r"^(?:\(?\d{1,3}[.)]?|\d{4}\.|\([a-z]{1,3}\)|[a-z]\)|[ivx]{1,4}\.|[•▪●])$")


# A line that breaks off mid-phrase: the next line carries it on, so it is not the next entry's text.
_RUNS_ON = re.compile(r"(?:\b(?:and|or|of|the|to|for|in|on|with|from|a|an|by|at|be|is|are)|[,\-–&/])$", re.I)


def pair_markers(lines: list[str]) -> list[tuple[str, str]]:
    """Lines with a marker standing alone joined to the text it numbers, as the printed page shows them.

    Text taken from a PDF in reading order, and plain text copied from one, often put a number on a line of
    its own ("1." / "Apologies"), or a whole column of numbers before the column of titles ("2564." … "2570."
    / "Police Report" … ): the k markers are paired in order with the k lines that follow, when each of those
    starts as a title or an entry does (not a marker, not a continuation of the line before). Returns (line, the text
    after the marker) pairs.
    """
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and _ALONE.match(lines[j]):
            j += 1
        if j == i:
            out.append((lines[i], lines[i]))
            i += 1
            continue
        markers, following = lines[i:j], lines[j : j + (j - i)]
        several = len(markers) > 1
        # "2024." alone mostly ends a sentence ("… Regulations / 2024."); four digits number items only in a column
        year_like = not several and re.fullmatch(r"\d{4}\.", markers[0])
        starts = (
            not year_like
            and len(following) == len(markers)
            and all(
                not _ALONE.match(t) and not (several and (t[:1].islower() or (n and _RUNS_ON.search(following[n - 1]))))
                for n, t in enumerate(following)
            )
        )
        if starts:
            out.extend((f"{m} {t}", t) for m, t in zip(markers, following, strict=True))
            i = j + len(markers)
        else:
            out.extend((m, m) for m in markers)
            i = j
    return out


def _running_key(line: str) -> str:
    return re.sub(r"\d+", "#", flat(line).lower())


def _running_lines(pages: list[str]) -> set[str]:
    """Headers and footers: lines at the top or bottom of most pages (an e-mail address, "Page # of #")."""
    if len(pages) < 3:
        return set()
    seen: dict[str, int] = {}
    for raw in pages:
        lines = [line.strip() for line in clean_text(raw or "").split("\n") if line.strip()]
        edges = {_running_key(line) for line in lines[:2] + lines[-2:]}
        for key in edges:
            seen[key] = seen.get(key, 0) + 1
    threshold = max(3, int(len(pages) * 0.4))
    return {key for key, count in seen.items() if count >= threshold and len(key) <= 120}


def join_lines(lines: list[Line]) -> str:
    """Join wrapped lines into paragraphs: a list marker starts a new line, anything else continues."""
    parts: list[str] = []
    for line in lines:
        text = line.text
        if not parts or LIST_MARKER.match(text):
            parts.append(text)
        elif parts[-1].endswith("-") and not parts[-1].endswith(" -"):
            parts[-1] = parts[-1] + text
        else:
            parts[-1] = f"{parts[-1]} {text}"
    return "\n".join(re.sub(r"[ \t]+", " ", p).strip() for p in parts)


def flat(text: str) -> str:
    """All white space collapsed to single spaces."""
    return re.sub(r"\s+", " ", text).strip()


# A full stop that ends an abbreviation, not a sentence: "Cllr. P. Harries", "Mr. Jones", "No. 3", "C.C.C.", "e.g.".
_ABBREVIATED = r"(?<!\bCllr\.)(?<!\bCllrs\.)(?<!\bMr\.)(?<!\bMrs\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bSt\.)(?<!\bNo\.)(?<!\bRev\.)(?<!\bRevd\.)(?<!\bProf\.)(?<!\bCh\.)(?<!\bapprox\.)(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\betc\.)(?<!\bvs\.)(?<!\bref\.)(?<!\bpara\.)(?<!\bPara\.)(?<!\bNos\.)(?<!\bCo\.)(?<!\b[A-Z]\.)"
_SENTENCE_END = re.compile(_ABBREVIATED + r"(?<=[.;!?])\s+(?=[A-Z(“\"‘'£0-9])")


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph, without splitting at the full stops of abbreviations and initials."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


_DOTTED = re.compile(r"\b(Cllrs?|Mrs?|Ms|Dr|Rev|Revd|Prof)\.\s*|\b([A-Z])\.(?=\s+[A-Z])")


def undot_names(text: str) -> str:
    """'Cllr. P. Harries' → 'Cllr P Harries': how names are matched and listed."""
    return _DOTTED.sub(lambda m: f"{m.group(1)} " if m.group(1) else f"{m.group(2)} ", text).replace("  ", " ")


_ENDS_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]|\b(?:Cllrs?|Mrs?|Ms|Dr|St|No|Rev|Revd|Prof|Ch|approx|etc|ref|para|Nos|Co))\.$"
)


def ends_sentence(text: str) -> bool:
    """Whether a line ends a sentence (a full stop of 'Cllr. H.' or 'No.' does not)."""
    text = text.rstrip()
    return bool(re.search(r"[.!?:]$", text)) and not _ENDS_ABBREVIATION.search(text)
