"""Hostile and broken files made in the test from real Kent papers: truncated, corrupt, encrypted, bombs."""

import io
import zlib

import pypdfium2 as pdfium


def pdf_from_objects(objects: list[bytes], trailer_extra: bytes = b"") -> bytes:
    """A well-formed PDF file from numbered object bodies (1-based), with a correct cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R " % (len(objects) + 1) + trailer_extra + b">>\n")
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d " % len(data) + extra + b">>\nstream\n" + data + b"\nendstream"


def encrypted_pdf() -> bytes:
    """A PDF under the standard security handler whose user password is not empty."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        _stream(b"\x8a\x11\x93\x07" * 8),
        b"<< /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> /P -4 >>",
    ]
    return pdf_from_objects(objects, b"/Encrypt 5 0 R /ID [<" + b"ab" * 16 + b"> <" + b"ab" * 16 + b">] ")


def content_bomb_pdf(inflated_mb: int) -> bytes:
    """One page whose content stream is a few hundred KB compressed and ``inflated_mb`` MB inflated."""
    compressor = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    parts = [compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)]
    repeated = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    parts.extend([repeated] * (inflated_mb - 1))
    parts.append(compressor.flush())
    data = b"".join(parts)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        _stream(data, b"/Filter /FlateDecode "),
    ]
    return pdf_from_objects(objects)


def image_bomb_pdf(side: int) -> bytes:
    """One page showing a ``side`` x ``side`` grey image that inflates to side² bytes, from a tiny stream."""
    compressor = zlib.compressobj(9)
    row = b"\x80" * side
    rows_per_chunk = max(1, (1 << 22) // side)
    first = compressor.compress(row * rows_per_chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    repeated = compressor.compress(row * rows_per_chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    chunks = side // rows_per_chunk
    data = first + repeated * (chunks - 1) + compressor.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /XObject << /Im1 5 0 R >> >> >>",
        _stream(b"q 595 0 0 842 0 0 cm /Im1 Do Q"),
        _stream(
            data,
            b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode "
            % (side, chunks * rows_per_chunk),
        ),
    ]
    return pdf_from_objects(objects)


def many_pages_pdf(count: int) -> bytes:
    """A PDF of ``count`` pages, each with one line of text in a standard font."""
    kids = " ".join(f"{3 + 2 * n} 0 R" for n in range(count)).encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % count]
    font = b"<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>"
    for n in range(count):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources "
            + font
            + b" /Contents %d 0 R >>" % (4 + 2 * n)
        )
        objects.append(_stream(b"BT /F1 12 Tf 72 720 Td (Kent County Council Cabinet papers, page %d) Tj ET" % (n + 1)))
    return pdf_from_objects(objects)


def scanned_pdf(source_pdf: bytes, page_index: int, dpi: int = 300) -> tuple[bytes, str]:
    """An image-only PDF of one real page (rendered by pdfium, no text layer) and that page's original text."""
    source = pdfium.PdfDocument(source_pdf)
    page = source[page_index]
    width, height = page.get_size()
    original = page.get_textpage().get_text_range()
    bitmap = page.render(scale=dpi / 72, grayscale=True)
    out = pdfium.PdfDocument.new()
    new_page = out.new_page(width, height)
    image = pdfium.PdfImage.new(out)
    image.set_bitmap(bitmap)
    image.set_matrix(pdfium.PdfMatrix().scale(width, height))
    new_page.insert_obj(image)
    new_page.gen_content()
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue(), original


def pixel_bomb_png(side: int) -> bytes:
    """A valid black-and-white PNG of ``side`` x ``side`` pixels, all white: a few hundred KB that decode to
    side² pixels (a "pixel bomb")."""
    import struct

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"\x00" + b"\xff" * ((side + 7) // 8)  # filter byte, then 1-bit pixels
    rows_per_chunk = max(1, (1 << 22) // len(row))
    compressor = zlib.compressobj(9)
    first = compressor.compress(row * rows_per_chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    repeated = compressor.compress(row * rows_per_chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    rest = compressor.compress(row * (side % rows_per_chunk)) + compressor.flush()
    checksum = 1  # the zlib stream ends with the Adler-32 of everything it inflates to
    block = row * rows_per_chunk
    for _ in range(side // rows_per_chunk):
        checksum = zlib.adler32(block, checksum)
    checksum = zlib.adler32(row * (side % rows_per_chunk), checksum)
    body = [first, *[repeated] * (side // rows_per_chunk - 1), rest[:-4], struct.pack(">I", checksum)]
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)  # 1 bit, greyscale
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", b"".join(body)) + chunk(b"IEND", b"")
