"""A WSGI app that returns one saved HTML page: the ceiling the real views are compared with."""

import os
from pathlib import Path

BODY = Path(os.environ["BENCH_STATIC_PAGE"]).read_bytes()
HEADERS = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(BODY)))]


def application(environ: dict, start_response) -> list[bytes]:
    start_response("200 OK", HEADERS)
    return [BODY]
