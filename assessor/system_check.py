"""Check the system libraries the assessor needs, and say how to install what is missing."""

from __future__ import annotations

import sys
import warnings

from assessor.core.resources import bundled


def debian_packages() -> list[str]:
    """The Debian packages listed in system-packages.txt."""
    lines = bundled("system-packages.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def missing_components() -> list[str]:
    """What cannot be loaded, in words."""
    missing = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            import weasyprint  # noqa: F401  (loads Pango through cffi; fails when it is absent)
        except OSError as err:
            missing.append(f"Pango for WeasyPrint ({err})")
    # WeasyPrint warns (rather than fails) when HarfBuzz's subsetter is absent; the tests treat warnings as errors.
    missing += [f"HarfBuzz-Subset for WeasyPrint ({w.message})" for w in caught if "HarfBuzz" in str(w.message)]
    return missing


def main() -> int:
    """Exit 0 when everything loads; otherwise print what is missing and the install command."""
    missing = missing_components()
    if not missing:
        return 0
    print("Missing system libraries:", *missing, sep="\n  ", file=sys.stderr)
    print(f"Install them with:\n  sudo apt-get install {' '.join(debian_packages())}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
