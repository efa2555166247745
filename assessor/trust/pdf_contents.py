"""What a PDF signature's /Contents may hold: the hexadecimal CMS signature and zero padding, nothing else.

The signed byte ranges leave out the /Contents string, so a change inside it never breaks the signature: a PDF
reader ignores whitespace in a hex string, and the padding after the signature is not read at all. Bytes hidden
there would be an unsigned payload in a signed file, so any such change is reported as tampering.
"""

from __future__ import annotations

import re

HEX_STRING = re.compile(rb"<([0-9A-Fa-f]*)>")


def contents_problem(data: bytes, byte_range: list[int]) -> str | None:
    """Why the gap between the signed byte ranges is not exactly `<hex of the signature, then zeros>`; None
    when it is."""
    if len(byte_range) != 4:
        return "its byte range does not have four numbers"
    gap = data[byte_range[0] + byte_range[1] : byte_range[2]]
    match = HEX_STRING.fullmatch(gap)
    if match is None or len(match.group(1)) % 2:
        return "its /Contents holds characters other than hexadecimal digits"
    raw = bytes.fromhex(match.group(1).decode("ascii"))
    length = _der_length(raw)
    if length is None:
        return "its /Contents does not start with a complete signature"
    if raw[length:].strip(b"\x00"):
        return "its /Contents holds bytes after the signature that are not zero padding"
    return None


def _der_length(raw: bytes) -> int | None:
    """The length of the DER value at the start of `raw` (tag, length and content), or None when it is cut off."""
    if len(raw) < 2 or raw[0] != 0x30:
        return None
    first = raw[1]
    if first < 0x80:
        header, size = 2, first
    else:
        count = first & 0x7F
        if not 1 <= count <= 4 or len(raw) < 2 + count:
            return None
        header, size = 2 + count, int.from_bytes(raw[2 : 2 + count], "big")
    return header + size if header + size <= len(raw) else None
