"""A signature's /Contents may hold only the hexadecimal signature and zero padding: every other form is named."""

from __future__ import annotations

import pytest

from assessor.trust.pdf_contents import contents_problem

SIGNATURE = bytes([0x30, 0x03, 0x02, 0x01, 0x05])  # a DER SEQUENCE holding one INTEGER


def signed(contents: bytes) -> tuple[bytes, list[int]]:
    """A file whose two signed ranges sit either side of `contents`, with its byte range."""
    before, after = b"%PDF-1.7 /Contents ", b" >> %%EOF"
    data = before + contents + after
    return data, [0, len(before), len(before) + len(contents), len(after)]


def test_signature_then_zero_padding_is_clean() -> None:
    """Hex of the signature followed by zeros, in either case of hex digit, is what a signer writes."""
    for contents in (b"<" + SIGNATURE.hex().encode() + b"0000>", b"<" + SIGNATURE.hex().upper().encode() + b">"):
        assert contents_problem(*signed(contents)) is None


@pytest.mark.parametrize(
    ("contents", "problem"),
    [
        (b"<" + SIGNATURE.hex().encode() + b"00 0>", "characters other than hexadecimal digits"),
        (b"<" + SIGNATURE.hex().encode() + b"000>", "characters other than hexadecimal digits"),
        (b"(" + SIGNATURE.hex().encode() + b")", "characters other than hexadecimal digits"),
        (b"<" + SIGNATURE.hex().encode() + b"0001>", "not zero padding"),
        (b"<30050201>", "does not start with a complete signature"),
        (b"<04000000>", "does not start with a complete signature"),
        (b"<>", "does not start with a complete signature"),
    ],
    ids=["space", "odd-digits", "literal-string", "payload", "cut-off", "not-a-sequence", "empty"],
)
def test_anything_else_is_named(contents: bytes, problem: str) -> None:
    """Whitespace, a stray digit, another kind of string, a payload after the signature or a cut-off signature."""
    found = contents_problem(*signed(contents))
    assert found is not None and problem in found


def test_a_byte_range_without_four_numbers() -> None:
    """A byte range that is not two ranges is a problem, not an exception."""
    data, _ = signed(b"<00>")
    assert contents_problem(data, [0, 5]) == "its byte range does not have four numbers"
