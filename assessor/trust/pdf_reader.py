"""A PDF reader that indexes each object stream once.

pyHanko's reader finds an object inside an object stream by scanning the stream's header from the start, for every
object it reads. WeasyPrint writes a report's few thousand objects into one stream, so the modification analysis of
a timestamped report (which reads every object of every revision) scanned about 40 million header entries and took
minutes. This reader parses each stream's header once and looks objects up by number; everything else, including
what a damaged header or a missing object yields, is pyHanko's own behaviour, except that an object listed in
something other than an object stream is a read error (PdfReadError) where pyHanko asserts.
"""

from __future__ import annotations

import logging
from io import BytesIO
from typing import Any

from pyhanko.pdf_utils import generic, misc
from pyhanko.pdf_utils.decode_limits import DecodePurpose
from pyhanko.pdf_utils.misc import PdfReadError, PdfStrictReadError
from pyhanko.pdf_utils.reader import PdfFileReader

LOG = logging.getLogger(__name__)


class _StreamIndex:
    """One object stream's decoded data and header: object number → (position in the header, offset)."""

    def __init__(self, stream: generic.StreamObject) -> None:
        self.stream = stream  # kept alive, so the id() this index is filed under is never reused
        self.data = stream.read_data(DecodePurpose.OBJECT_STREAM)
        self.first = int(stream["/First"])
        self.entries: dict[int, tuple[int, int]] = {}
        self.damaged = False  # the header stops being readable part-way, as pyHanko's scan would find it
        header = BytesIO(self.data)
        for position in range(int(stream["/N"])):
            try:
                number, offset = _next_number(header), _next_number(header)
                _skip_whitespace(header)
            except ValueError:
                self.damaged = True
                break
            self.entries.setdefault(number, (position, offset))


def _skip_whitespace(header: BytesIO) -> None:
    """Past whitespace to the next token, as pyHanko's scan does after each header entry."""
    misc.read_non_whitespace(header, seek_back=True)  # type: ignore[no-untyped-call]


def _next_number(header: BytesIO) -> int:
    """The header's next number (ValueError when the next token is not one)."""
    _skip_whitespace(header)
    return int(generic.NumberObject.read_from_stream(header))  # type: ignore[no-untyped-call]


class IndexedPdfReader(PdfFileReader):
    """pyHanko's `PdfFileReader`, with each object stream's header parsed once instead of once per object."""

    def __init__(self, stream: Any, strict: bool = True) -> None:
        self._stream_indexes: dict[int, _StreamIndex] = {}
        super().__init__(stream, strict=strict)

    def _get_object_from_stream(self, idnum: int, stmnum: int, idx: int) -> Any:
        stream = generic.Reference(stmnum, 0, self).get_object()
        if not isinstance(stream, generic.StreamObject) or stream.get("/Type") != "/ObjStm":
            raise PdfReadError(f"object {idnum} is listed in object {stmnum}, which is not an object stream")
        if not (0 <= idx < stream["/N"]):
            if self.strict:
                raise PdfStrictReadError("Object stream does not contain index")
            return generic.NullObject()
        index = self._stream_indexes.get(id(stream))
        if index is None or index.stream is not stream:
            index = self._stream_indexes[id(stream)] = _StreamIndex(stream)
        found = index.entries.get(idnum)
        if found is None:
            if index.damaged and self.strict:
                raise PdfStrictReadError("Object stream header possibly corrupted")
            if self.strict:
                raise PdfStrictReadError("Object not found in stream, this is a fatal error in strict mode")
            return generic.NullObject()
        position, offset = found
        if self.strict and idx != position:
            raise PdfStrictReadError("Object is in wrong index.")
        return self._read_from_stream(index, idnum, position, offset)

    def _read_from_stream(self, index: _StreamIndex, idnum: int, position: int, offset: int) -> Any:
        """The object at `offset`, read as pyHanko reads it (a damaged object is null unless strict)."""
        data = BytesIO(index.data)
        data.seek(index.first + offset)
        try:
            obj = generic.read_object(data, generic.Reference(idnum, 0, self))
        except (misc.PdfStreamError, PdfReadError) as err:
            LOG.warning("Invalid stream (index %d) within object %d 0: %s", position, idnum, err)
            if self.strict:
                raise PdfStrictReadError(f"Can't read object stream: {err}") from err
            return generic.NullObject()
        if isinstance(obj, generic.StreamObject | generic.IndirectObject) and self.strict:
            raise PdfStrictReadError("Encountered forbidden object type in object stream")
        return obj
