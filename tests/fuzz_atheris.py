"""One text or byte fuzz target under atheris (coverage-guided libFuzzer), for `make fuzz` when atheris is
installed: `python -m tests.fuzz_atheris yaml-text|json-text|upload SECONDS`. libFuzzer prints the runs done;
a crash exits non-zero with the input saved beside it."""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from tests.fuzz_targets import json_text, upload_bytes, yaml_text

NAMES = ("a.yaml", "a.json", "a.xlsx")


def one_input(data: bytes) -> None:
    """Feed one libFuzzer input to the chosen target."""
    provider = atheris.FuzzedDataProvider(data)
    target = sys.argv[1]
    if target == "upload":
        upload_bytes((NAMES[provider.ConsumeIntInRange(0, 2)], provider.ConsumeBytes(len(data))))
    else:
        text = provider.ConsumeUnicodeNoSurrogates(len(data))
        (yaml_text if target == "yaml-text" else json_text)(text)


def main() -> None:
    """Run the target for the given seconds."""
    atheris.Setup([sys.argv[0], f"-max_total_time={sys.argv[2]}", "-print_final_stats=1"], one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
