"""Storage is crash-safe: a file at a hash path is whole, a damaged one is written again or fetched again."""

import hashlib
import multiprocessing
import os
import signal
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from councilwatch.documents.services import extract_document
from councilwatch.documents.storage import blob_path, store_bytes
from councilwatch.documents.tests.kent import CABINET_MINUTES

pytestmark = pytest.mark.django_db


def _file(storage, data: bytes) -> Path:
    return Path(storage.path(blob_path(hashlib.sha256(data).hexdigest())))


def _store_in_child(data: bytes) -> None:
    store_bytes(data)
    os._exit(0)


def test_a_sender_killed_mid_write_leaves_no_partial_file_at_the_hash_path(document_storage):
    """SIGKILL while the bytes are being written, then store them again: the file at the hash path is whole."""
    data = bytes(range(256)) * (1 << 18)  # 64 MiB
    final = _file(document_storage, data)
    child = multiprocessing.get_context("fork").Process(target=_store_in_child, args=(data,))
    child.start()
    folder, caught = final.parent, ""
    while child.is_alive() and not caught:
        for path in folder.glob("*") if folder.exists() else ():
            size = path.stat().st_size if path.exists() else 0
            if 0 < size < len(data) or (path != final and size):
                os.kill(child.pid, signal.SIGKILL)
                caught = f"{path.name}: {size} bytes"
                break
        time.sleep(0.0005)
    child.join(30)
    if child.exitcode != -signal.SIGKILL:
        pytest.skip("the write finished before it could be interrupted: this run shows nothing")
    assert not final.exists() or final.stat().st_size == len(data), caught
    store_bytes(data)
    assert final.read_bytes() == data


def test_a_stored_file_cut_short_is_written_again(document_storage):
    real = CABINET_MINUTES.read_bytes()
    first = store_bytes(real)
    assert first.created
    path = _file(document_storage, real)
    path.write_bytes(real[:1000])
    again = store_bytes(real)
    assert again.created and path.read_bytes() == real
    assert not store_bytes(real).created  # whole now: trusted


def test_extraction_of_a_damaged_copy_has_it_fetched_again(stored_document, document_storage):
    real = CABINET_MINUTES.read_bytes()
    cut = stored_document(real, "printed minutes")
    path = _file(document_storage, real)
    path.write_bytes(real[:1000])
    document = extract_document(cut.pk)
    assert document.fetch_error == (
        f"the stored copy {cut.storage_path} has 1000 of its {len(real)} bytes; it will be fetched again"
    )
    assert (document.extraction_status, document.extracted_sha256) == ("failed", "")
    assert not path.exists() and (Path(document_storage.path("damaged")) / path.name).read_bytes() == real[:1000]

    store_bytes(real)  # as the next fetch does; then the same size but other bytes inside
    flipped = bytearray(real)
    flipped[len(real) // 3 : len(real) // 3 + 4096] = b"\0" * 4096
    flipped[-2000:] = b"\0" * 2000  # the cross-reference table is gone too: pdfium cannot open it
    path.write_bytes(bytes(flipped))
    document = extract_document(cut.pk, force=True)
    assert document.fetch_error.startswith(f"the stored copy {cut.storage_path} holds other bytes than its sha256")
    assert document.extracted_sha256 == "" and not path.exists()


def test_verify_reports_and_sets_aside_damaged_files(stored_document, document_storage, capsys):
    real = CABINET_MINUTES.read_bytes()
    other = (CABINET_MINUTES.parent / "24-00096 - PRoD.pdf").read_bytes()
    whole = stored_document(real, "whole")
    cut = stored_document(other, "cut")
    _file(document_storage, other).write_bytes(other[:1000])
    with pytest.raises(CommandError, match="1 stored files are damaged"):
        call_command("verify", "--dry-run")
    out = capsys.readouterr().out
    assert f"document {cut.pk}: {cut.storage_path} has 1000 of its {len(other)} bytes" in out
    assert f"document {whole.pk}" not in out and _file(document_storage, other).exists()

    call_command("verify", "--council", "ken")
    out = capsys.readouterr().out
    assert out.endswith(
        "checked 2 stored files (" + f"{(len(real) + len(other)) / 1e6:.1f}" + " MB): 1 damaged, "
        "set aside, to be fetched again\n"
    )
    cut.refresh_from_db()
    assert cut.fetch_error.endswith("; it will be fetched again") and not _file(document_storage, other).exists()
    whole.refresh_from_db()
    assert whole.fetch_error == "" and _file(document_storage, real).exists()
