"""The extraction child process: ``python -m councilwatch.documents.extract.worker --memory-mb N``.

It caps its own address space (RLIMIT_AS) first, then serves documents one after another over stdin/stdout:
a request is one JSON line ``{"size": n, "limits": {...}}`` followed by ``n`` bytes; the answer is JSON lines,
one ``{"page": [number, text, method, emphasis]}`` per page as soon as it is read, then ``{"done": {...}}``.
No Django here: extraction is pure.
"""

import argparse
import json
import os
import resource
import sys
from typing import BinaryIO

from councilwatch.documents.extract import extract_bytes
from councilwatch.documents.extract.types import ExtractedPage, Limits


def _send(out: BinaryIO, message: dict) -> None:
    out.write(json.dumps(message, ensure_ascii=True).encode() + b"\n")
    out.flush()


def serve(stdin: BinaryIO, stdout: BinaryIO) -> None:
    while True:
        header = stdin.readline()
        if not header:
            return
        request = json.loads(header)
        data = stdin.read(request["size"])
        limits = Limits(**request.get("limits", {}))

        def page_out(page: ExtractedPage) -> None:
            _send(stdout, {"page": [page.number, page.text, page.method, page.emphasis]})

        try:
            result = extract_bytes(data, limits, on_page=page_out)
            done = {
                "media_type": result.media_type,
                "status": result.status,
                "error": result.error,
                "warnings": result.warnings,
            }
        except MemoryError:
            done = {"media_type": "", "status": "failed", "error": "memory cap reached", "warnings": []}
        _send(stdout, {"done": done})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--memory-mb", type=int, default=0, help="address-space cap of this process in MB")
    args = parser.parse_args()
    if args.memory_mb > 0:
        cap = args.memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    os.environ["OMP_THREAD_LIMIT"] = "1"
    serve(sys.stdin.buffer, sys.stdout.buffer)


if __name__ == "__main__":
    main()
