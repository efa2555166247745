"""Writing YAML that reads back exactly: every string the reader accepts comes back character for character.

PyYAML with `allow_unicode` writes NEXT LINE (U+0085), LINE and PARAGRAPH SEPARATOR, carriage returns and
other break or control characters raw inside plain, single-quoted or literal text, where the reader folds or
normalises them (U+0085 became a space, changing the text and its hash). A string holding any of them is
written double-quoted, where the emitter escapes each one; other text with line breaks is a literal block.
"""

from __future__ import annotations

import unicodedata
from typing import Any

import yaml

_RAW_UNSAFE = frozenset("\r\x85\u2028\u2029\ufeff")


def needs_escapes(text: str) -> bool:
    """True when the text holds a character that only a double-quoted scalar keeps exactly."""
    return any(ch in _RAW_UNSAFE or (unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn") and ch not in "\n\t")
               for ch in text)  # fmt: skip


class ExactDumper(yaml.SafeDumper):
    """Safe YAML whose strings round-trip: double-quoted when they need escapes, literal blocks for other
    multi-line text, the emitter's choice otherwise."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = '"' if needs_escapes(value) else ("|" if "\n" in value else None)
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


ExactDumper.add_representer(str, _str)


def dump_yaml(data: Any, *, width: int = 110) -> str:
    """`data` as block-style YAML, Unicode kept readable, keys in their order, every string exact."""
    text: str = yaml.dump(data, Dumper=ExactDumper, sort_keys=False, allow_unicode=True, width=width)
    return text
