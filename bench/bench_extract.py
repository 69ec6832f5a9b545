"""Extraction throughput on the Kent corpus (data/kent), next to poppler's pdftotext on the same files.

Both sides read every PDF of data/kent page by page, in the same run:
* councilwatch: the sandboxed extraction worker the service uses (one child process for the whole run, pages
  streamed back), started before timing; its start-up cost is printed on its own;
* baseline: ``pdftotext -layout``-free default mode, one process per file (how poppler is normally used).
The ratio is councilwatch's pages per second over pdftotext's (target ≥ 0.8 for text PDFs).
"""

import shutil
import subprocess
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
KENT = HERE.parent / "data" / "kent"


def main() -> None:
    from councilwatch.documents.extract.sandbox import ExtractionWorker

    files = sorted(KENT.glob("*/*/*.pdf"))
    blobs = [path.read_bytes() for path in files]
    size_mb = sum(map(len, blobs)) / 1e6

    started = time.perf_counter()
    worker = ExtractionWorker(timeout=300, memory_mb=1536)
    worker.extract(blobs[0])
    startup = time.perf_counter() - started

    def ours() -> int:
        pages = 0
        for data in blobs:
            result = worker.extract(data)
            assert result.status == "done", result.reason()
            pages += len(result.pages)
        return pages

    def poppler() -> int:
        pages = 0
        for path in files:
            text = subprocess.run(["pdftotext", "-q", str(path), "-"], capture_output=True, check=True).stdout
            pages += text.count(b"\f")
        return pages

    have_poppler = shutil.which("pdftotext") is not None
    ours_runs, poppler_runs = [], []
    try:
        for _ in range(3):  # interleaved, so both sides see the same machine load
            ours_runs.append(_timed(ours))
            if have_poppler:
                poppler_runs.append(_timed(poppler))
    finally:
        worker.close()
    best_ours, pages = min(ours_runs)
    print(f"corpus: {len(files)} PDFs, {size_mb:.1f} MB, {pages} pages (data/kent)")
    print(f"councilwatch worker start-up (once per run): {startup * 1000:.0f} ms")
    ours_rate = pages / best_ours
    print(f"councilwatch (pypdfium2, sandboxed): {best_ours:.2f} s  {ours_rate:.0f} pages/s")
    if not have_poppler:
        print("pdftotext not installed (apt-get install poppler-utils): no baseline, no ratio")
        return
    best_poppler, poppler_pages = min(poppler_runs)
    poppler_rate = poppler_pages / best_poppler
    print(
        f"baseline pdftotext (poppler):        {best_poppler:.2f} s  {poppler_rate:.0f} pages/s ({poppler_pages} pages)"
    )
    print(f"ratio councilwatch / pdftotext: {ours_rate / poppler_rate:.2f} (target >= 0.8)")


def _timed(fn) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    pages = fn()
    return time.perf_counter() - started, pages


if __name__ == "__main__":
    main()
