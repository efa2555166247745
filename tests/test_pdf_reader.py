"""The verifier's PDF reader indexes each object stream once: for any object stream header — well formed, with
duplicates, missing or misplaced objects, wrong offsets, or damaged part-way — it reads exactly what pyHanko's own
reader reads, strict or not; an object listed in a stream that is not an object stream is a read error, where
pyHanko asserts."""

from __future__ import annotations

from io import BytesIO

from hypothesis import given
from hypothesis import strategies as st
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.reader import PdfFileReader

from assessor.trust.pdf_reader import IndexedPdfReader
from tests.property_settings import property_settings

BODIES = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>", b"(three)", b"[4 0 R 5]",
          b"<< /Length 0 >>", b"7 0 R"]  # fmt: skip


def object_stream_pdf(header: list[bytes], bodies: list[bytes]) -> bytes:
    """A PDF whose objects 1..n sit in one uncompressed object stream with the given header, found through an
    xref stream."""
    data = b" ".join(header) + b"\n"
    first = len(data)
    data += b"\n".join(bodies) + b"\n"
    stream_number, xref_number = len(bodies) + 1, len(bodies) + 2
    out = b"%PDF-1.7\n"
    stream_offset = len(out)
    out += b"%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Length %d >>\nstream\n" % (
        stream_number, len(bodies), first, len(data)) + data + b"\nendstream\nendobj\n"  # fmt: skip
    xref_offset = len(out)
    rows = [b"\x00" + bytes(4) + b"\xff\xff"]
    rows += [b"\x02" + stream_number.to_bytes(4, "big") + index.to_bytes(2, "big") for index in range(len(bodies))]
    rows += [b"\x01" + offset.to_bytes(4, "big") + bytes(2) for offset in (stream_offset, xref_offset)]
    table = b"".join(rows)
    out += b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n" % (
        xref_number, xref_number + 1, len(table)) + table + b"\nendstream\nendobj\n"  # fmt: skip
    return out + b"startxref\n%d\n%%%%EOF\n" % xref_offset


def offsets(bodies: list[bytes]) -> list[int]:
    """Where each body starts after the header."""
    places, at = [], 0
    for body in bodies:
        places.append(at)
        at += len(body) + 1
    return places


def outcome(reader_type: type[PdfFileReader], data: bytes, number: int, *, strict: bool) -> tuple[str, ...]:
    """What reading object `number` gives: its text, or the error's type and message."""
    try:
        reader = reader_type(BytesIO(data), strict=strict)
        found = reader.get_object(generic.Reference(number, 0, reader))  # type: ignore[no-untyped-call]
        return ("read", "null" if isinstance(found, generic.NullObject) else str(found))
    except Exception as err:
        return ("error", type(err).__name__, str(err))


@st.composite
def headers(draw: st.DrawFn) -> tuple[list[bytes], list[bytes]]:
    """Bodies and a header for them: each entry names some object at some offset, and one may be garbage."""
    bodies = BODIES[: draw(st.integers(2, len(BODIES)))]
    places = offsets(bodies)
    header = []
    for index in range(len(bodies)):
        number = draw(st.sampled_from([index + 1, index + 1, index + 1, 1, 2, len(bodies) + 5]))
        offset = draw(st.sampled_from([places[index], places[index], places[0], places[-1] + 2, 10_000]))
        header.append(b"%d %d" % (number, offset))
    if draw(st.booleans()):
        header[draw(st.integers(0, len(header) - 1))] = draw(st.sampled_from([b"x 0", b"3 y", b"<<", b""]))
    return header, bodies


def test_a_well_formed_stream_reads_every_object() -> None:
    """Every object of a well-formed object stream reads as written, through the indexed reader."""
    pdf = object_stream_pdf([b"%d %d" % (n + 1, o) for n, o in enumerate(offsets(BODIES))], BODIES)
    assert outcome(IndexedPdfReader, pdf, 3, strict=True) == ("read", "three")
    assert outcome(IndexedPdfReader, pdf, 4, strict=True) == ("read", "[IndirectObject(4, 0), 5]")


@property_settings(200)
@given(headers(), st.booleans())
def test_any_header_reads_as_pyhanko_reads_it(case: tuple[list[bytes], list[bytes]], strict: bool) -> None:
    """For any object stream header, every object reads (or fails) exactly as through pyHanko's reader."""
    header, bodies = case
    pdf = object_stream_pdf(header, bodies)
    for number in range(1, len(bodies) + 1):
        expected = outcome(PdfFileReader, pdf, number, strict=strict)
        assert outcome(IndexedPdfReader, pdf, number, strict=strict) == expected


def test_an_object_listed_in_another_kind_of_stream_is_a_read_error() -> None:
    """An object whose cross-reference entry names a stream that is not an object stream (one flipped bit of a
    signed report did that) is a read error the verifier reports, where pyHanko's own reader asserts."""
    pdf = object_stream_pdf([b"%d %d" % (n + 1, o) for n, o in enumerate(offsets(BODIES))], BODIES)
    stream_number, xref_number = len(BODIES) + 1, len(BODIES) + 2
    misfiled = pdf.replace(b"\x02" + stream_number.to_bytes(4, "big"), b"\x02" + xref_number.to_bytes(4, "big"))
    assert misfiled != pdf
    assert outcome(PdfFileReader, misfiled, 3, strict=False) == ("error", "AssertionError", "")
    assert outcome(IndexedPdfReader, misfiled, 3, strict=False) == (
        "error", "PdfReadError", f"object 3 is listed in object {xref_number}, which is not an object stream"
    )  # fmt: skip
