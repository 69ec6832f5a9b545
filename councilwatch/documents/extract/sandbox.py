"""Extraction in a child process under a memory cap and a per-document time limit.

The child (``worker.py``) lives across documents so text PDFs do not pay a process start each; when a
document kills it (memory cap, crash) or runs out of time, the pages already streamed are kept, the child is
replaced, and the next document goes on.
"""

import json
import os
import selectors
import signal
import subprocess
import sys
import time
from dataclasses import asdict
from pathlib import Path
from types import TracebackType

from councilwatch.documents.extract import finish
from councilwatch.documents.extract.types import ExtractedPage, Extraction, Limits


class ExtractionWorker:
    """A reusable extraction child process. Use as a context manager, or call ``close()``."""

    def __init__(self, *, timeout: float = 300, memory_mb: int = 1536, limits: Limits | None = None) -> None:
        self.timeout = timeout
        self.memory_mb = memory_mb
        self.limits = limits or Limits()
        self._proc: subprocess.Popen[bytes] | None = None
        self._buffer = b""

    def __enter__(self) -> "ExtractionWorker":
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def _start(self) -> subprocess.Popen[bytes]:
        if self._proc is None or self._proc.poll() is not None:
            # The child imports this very copy of councilwatch, whatever the virtualenv has installed.
            root = str(Path(__file__).resolve().parents[3])
            path = os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH", "")) if p)
            env = {**os.environ, "OMP_THREAD_LIMIT": "1", "PYTHONPATH": path}
            self._proc = subprocess.Popen(
                [sys.executable, "-m", "councilwatch.documents.extract.worker", "--memory-mb", str(self.memory_mb)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env=env,
                start_new_session=True,  # so a kill also reaches tesseract
            )
            self._buffer = b""
        return self._proc

    def close(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        if proc.poll() is None:
            try:
                proc.stdin.close()  # type: ignore[union-attr]
                proc.wait(timeout=2)
            except (OSError, subprocess.TimeoutExpired):
                self._kill(proc)
        for stream in (proc.stdin, proc.stdout):
            if stream is not None and not stream.closed:
                stream.close()

    @staticmethod
    def _kill(proc: subprocess.Popen[bytes]) -> None:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            proc.kill()
        proc.wait()

    def _lines(self, proc: subprocess.Popen[bytes], deadline: float) -> "list[dict] | None":
        """Read complete JSON lines; None on timeout; raises EOFError when the child has gone."""
        assert proc.stdout is not None
        with selectors.DefaultSelector() as selector:
            selector.register(proc.stdout, selectors.EVENT_READ)
            while b"\n" not in self._buffer:
                remaining = deadline - time.monotonic()
                if remaining <= 0 or not selector.select(remaining):
                    return None
                chunk = os.read(proc.stdout.fileno(), 1 << 20)
                if not chunk:
                    raise EOFError
                self._buffer += chunk
        *complete, self._buffer = self._buffer.split(b"\n")
        return [json.loads(line) for line in complete if line]

    def extract(self, data: bytes) -> Extraction:
        """Extract one document; never raises for anything the document does."""
        if not data:
            return Extraction("application/octet-stream", status="failed", error="the file is empty (0 bytes)")
        proc = self._start()
        pages: list[ExtractedPage] = []
        deadline = time.monotonic() + self.timeout
        try:
            header = json.dumps({"size": len(data), "limits": asdict(self.limits)}).encode() + b"\n"
            proc.stdin.write(header)  # type: ignore[union-attr]
            proc.stdin.write(data)  # type: ignore[union-attr]
            proc.stdin.flush()  # type: ignore[union-attr]
            while True:
                messages = self._lines(proc, deadline)
                if messages is None:
                    self._kill(proc)
                    self.close()
                    return self._cut_short(pages, f"extraction took longer than {self.timeout:g} s and was stopped")
                for message in messages:
                    if "page" in message:
                        number, text, method, emphasis = message["page"]
                        emphasis = tuple(emphasis) if emphasis is not None else None
                        pages.append(ExtractedPage(number, text, method, emphasis))
                    elif "done" in message:
                        done = message["done"]
                        result = Extraction(done["media_type"], pages, list(done["warnings"]), done["status"])
                        result.error = done["error"]
                        result.page_count = len(pages)
                        return result
        except (EOFError, BrokenPipeError, ValueError):
            code = proc.wait()
            self.close()
            if code < 0:
                how = f"was killed by signal {signal.Signals(-code).name}"
            else:
                how = f"stopped with exit status {code}"
            return self._cut_short(
                pages,
                f"the extraction process {how}, most likely because the document needs more than the "
                f"{self.memory_mb} MB memory cap (EXTRACT_MEMORY_MB) or crashed the PDF library",
            )

    @staticmethod
    def _cut_short(pages: list[ExtractedPage], reason: str) -> Extraction:
        result = Extraction("", pages=pages)
        if pages:
            result.warnings.append(reason)
            result.error = f"stopped after page {len(pages)}: {reason}"
            result.status = "partial"
            return finish(result)
        result.status = "failed"
        result.error = reason
        return result
