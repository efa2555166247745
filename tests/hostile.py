"""Builders for the hostile corpus (tests/data/hostile/cases.yaml): each makes one case's inputs in a folder
and returns the command line to run on them. Inputs too large, too odd (FIFOs, links) or too derived to
commit are built here; small literal ones live beside cases.yaml and are named by `file`.

A new input kind (a migration map, a signed PDF, a key) is a new builder plus its cases in cases.yaml.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from openpyxl import load_workbook

from tests.conftest import DATA, MINI, ROOT, load_yaml

HOSTILE = DATA / "hostile"
EXAMPLE = ROOT / "examples" / "mature-lab.yaml"
REVIEW = ROOT / "examples" / "reviews" / "mature-lab-review.yaml"
UPLOAD_RUNNER = Path(__file__).resolve().parent / "hostile_upload.py"
Builder = Callable[..., list[str]]
BUILDERS: dict[str, Builder] = {}


def builder(function: Builder) -> Builder:
    BUILDERS[function.__name__] = function
    return function


def dcr(*args: str) -> list[str]:
    """The command line of `dcr` run as a fresh interpreter, problems as JSON lines."""
    return [sys.executable, "-m", "assessor", *args]


def value_of(spec: Any) -> Any:
    """A value from its spec: {repeat: text, times: n} builds long text; anything else is itself."""
    if isinstance(spec, dict) and "repeat" in spec:
        return str(spec["repeat"]) * int(spec["times"])
    if isinstance(spec, dict) and "list" in spec:
        return [value_of(spec["list"])] * int(spec["times"])
    return spec


def set_path(data: Any, dotted: str, value: Any) -> None:
    """Set `a.b.0.c` in nested data, creating nothing: the path must exist up to its last part."""
    parts = [int(p) if p.isdigit() else p for p in dotted.split(".")]
    for part in parts[:-1]:
        data = data[part]
    data[parts[-1]] = value


def example_data() -> dict[str, Any]:
    data: dict[str, Any] = load_yaml(EXAMPLE.read_text(encoding="utf-8"))
    return data


def mutated(sets: dict[str, Any] | None) -> dict[str, Any]:
    data = example_data()
    for dotted, spec in (sets or {}).items():
        set_path(data, dotted, value_of(spec))
    return data


def replaced(text: str, replace: list[list[Any]] | None, where: str = "the case") -> str:
    """Text with each [old, new] replaced once; `new` may be a list of parts, each text or a repeat spec, and an
    `old` of the form "re:PATTERN" is a regular expression (so a case survives layout changes it does not probe)."""
    for old, new in replace or []:
        pattern = old[3:] if old.startswith("re:") else re.escape(old)
        assert re.search(pattern, text), f"{old!r} is not in {where}"
        parts = new if isinstance(new, list) else [new]
        replacement = "".join(str(value_of(part)) for part in parts)
        text = re.sub(pattern, lambda _m, r=replacement: r, text, count=1)  # type: ignore[misc]
    return text


def render(data: Any, fmt: str, replace: list[list[Any]] | None = None) -> str:
    text = json.dumps(data, default=str) if fmt == "json" else yaml.safe_dump(data, sort_keys=False, width=1 << 20)
    return replaced(text, replace)


def with_evidence(folder: Path) -> None:
    """The example's local evidence beside the case, so its sha256 claim is checked and holds."""
    shutil.copytree(ROOT / "examples" / "evidence", folder / "evidence", dirs_exist_ok=True)


@builder
def submission(folder: Path, fmt: str = "yaml", set: dict[str, Any] | None = None,
               replace: list[list[Any]] | None = None, text: str | None = None, args: list[str] | None = None,
               ) -> list[str]:  # fmt: skip
    """The example submission with values set or text replaced (or literal text), validated or assessed."""
    path = folder / f"submission.{fmt}"
    with_evidence(folder)
    body = text if text is not None else render(mutated(set), fmt, replace)
    path.write_text(body, encoding="utf-8", errors="surrogatepass")
    return dcr(*(args or ["validate"]), str(path))


@builder
def literal(folder: Path, file: str, args: list[str] | None = None) -> list[str]:
    """A committed file from tests/data/hostile, validated (or run with `args`)."""
    path = folder / Path(file).name
    shutil.copy(HOSTILE / file, path)
    return dcr(*(args or ["validate"]), str(path))


@builder
def deep(folder: Path, fmt: str, levels: int, style: str = "flow") -> list[str]:
    """Nesting far beyond the limit, as YAML block or flow style or JSON."""
    if fmt == "json":
        body = '{"standard": ' + "[" * levels + "]" * levels + "}"
    elif style == "block":
        body = "".join("  " * i + "- \n" for i in range(levels)) + "  " * levels + "- x\n"
    else:
        body = "standard: " + "[" * levels + "]" * levels + "\n"
    path = folder / f"deep.{fmt}"
    path.write_text(body, encoding="utf-8")
    return dcr("validate", str(path))


@builder
def sized(folder: Path, fmt: str, size: int) -> list[str]:
    """A syntactically plain file of `size` bytes (a comment or whitespace padding)."""
    path = folder / f"big.{fmt}"
    pad = b"#" if fmt == "yaml" else b" "
    path.write_bytes(b"{}" + pad * (size - 2) if fmt == "json" else b"a: 1\n" + pad * (size - 5))
    return dcr("validate", str(path))


@builder
def special_file(folder: Path, what: str, role: str = "submission") -> list[str]:
    """A FIFO, a device or a folder where a file is expected (as the submission, review or standard part)."""
    target = _special(folder, what)
    if role == "review":
        sub = folder / "sub.yaml"
        shutil.copy(EXAMPLE, sub)
        return dcr("validate", str(sub), "--review", str(target))
    if role == "report":
        return dcr("verify", str(target))
    if role != "submission":  # a file of the standard, by name
        std = _mini_copy(folder)
        part = std / ("manifest.yaml" if role == "manifest" else role)
        part.unlink()
        part.symlink_to(target)
        return dcr("standard", "validate", str(std))
    return dcr("validate", str(target))


def _special(folder: Path, what: str) -> Path:
    if what == "fifo":
        path = folder / "pipe.yaml"
        os.mkfifo(path)
        return path
    if what == "device":
        path = folder / "zero.yaml"
        path.symlink_to("/dev/zero")
        return path
    path = folder / "folder.yaml"
    path.mkdir()
    return path


@builder
def evidence_target(folder: Path, what: str) -> list[str]:
    """The sha256-checked evidence item pointed at a missing file, a folder, a FIFO, a link loop or a link out."""
    with_evidence(folder)
    target = folder / "evidence" / "mature-lab" / "shutdown-drill-2026-q3.md"
    target.unlink()
    if what == "folder":
        target.mkdir()
    elif what == "fifo":
        os.mkfifo(target)
    elif what == "loop":
        target.symlink_to(target.name)
    elif what == "outside":
        target.symlink_to("/etc/hostname")
    elif what == "sparse":
        target.write_bytes(b"")
        os.truncate(target, 200 * 1024**3)  # 200 GB that take a few KB on disk
    elif what == "parent-link":
        shutil.copy(ROOT / "examples" / "evidence" / "mature-lab" / target.name, folder / target.name)
        (folder / "evidence" / "mature-lab").rename(folder / "evidence" / "moved")
        (folder / "evidence" / "mature-lab").symlink_to(folder)
    path = folder / "submission.yaml"
    path.write_text(render(example_data(), "yaml"), encoding="utf-8")
    return dcr("validate", str(path))


def _mini_copy(folder: Path) -> Path:
    std = folder / "standard"
    shutil.copytree(MINI, std)
    return std


@builder
def standard(folder: Path, file: str = "manifest.yaml", replace: list[list[Any]] | None = None,
             append: str | None = None, set: dict[str, Any] | None = None) -> list[str]:  # fmt: skip
    """The mini standard with one file's text changed, validated with `dcr standard validate`."""
    std = _mini_copy(folder)
    path = std / file
    text = path.read_text(encoding="utf-8")
    if set:
        data = load_yaml(text)
        for dotted, spec in set.items():
            set_path(data, dotted, value_of(spec))
        text = yaml.safe_dump(data, sort_keys=False)
    path.write_text(replaced(text, replace, file) + (append or ""), encoding="utf-8")
    return dcr("standard", "validate", str(std))


@builder
def review(folder: Path, fmt: str = "yaml", set: dict[str, Any] | None = None,
           replace: list[list[Any]] | None = None, text: str | None = None) -> list[str]:  # fmt: skip
    """The example's review with values set or text replaced, checked against the example submission."""
    with_evidence(folder)
    sub = folder / "mature-lab.yaml"
    shutil.copy(EXAMPLE, sub)
    data = load_yaml(REVIEW.read_text(encoding="utf-8"))
    for dotted, spec in (set or {}).items():
        set_path(data, dotted, value_of(spec))
    body = text if text is not None else render(data, fmt, replace)
    path = folder / f"review.{fmt}"
    path.write_text(body, encoding="utf-8", errors="surrogatepass")
    return dcr("validate", str(sub), "--review", str(path))


@builder
def upload(folder: Path, build: str, **params: Any) -> list[str]:
    """Another case's input, uploaded through the app's upload check (as bytes, with its file name)."""
    command = BUILDERS[build](folder, **params)
    return [sys.executable, str(UPLOAD_RUNNER), command[-1]]


# Workbooks: the example's filled workbook, changed one way each.


def base_workbook(folder: Path) -> Path:
    """The example prefilled into the evidence workbook (built once per session by the test's fixture)."""
    cached = Path(os.environ["DCR_HOSTILE_WORKBOOK"])
    path = folder / "filled.xlsx"
    shutil.copy(cached, path)
    return path


@builder
def xlsx_cells(folder: Path, cells: dict[str, Any], args: list[str] | None = None) -> list[str]:
    """The example workbook with cells set (`Sheet!B2: value`), as typed in a spreadsheet program."""
    path = base_workbook(folder)
    wb = load_workbook(path)
    for ref, spec in cells.items():
        sheet, cell = ref.rsplit("!", 1)
        wb[sheet][cell].value = value_of(spec)
    wb.save(path)
    return dcr(*(args or ["validate"]), str(path))


@builder
def xlsx_rows(folder: Path, sheet: str, rows: int, text_len: int = 1, column: str = "A") -> list[str]:
    """Many rows appended to a sheet, all sharing one string of `text_len` characters."""
    path = base_workbook(folder)
    wb = load_workbook(path)
    ws = wb[sheet]
    start = ws.max_row + 1
    text = "x" * text_len
    for row in range(start, start + rows):
        ws[f"{column}{row}"] = text
    wb.save(path)
    return dcr("validate", str(path))


@builder
def xlsx_part(folder: Path, part: str, replace: list[list[Any]] | None = None, prepend: str = "",
              size: int = 0, extra: int = 0) -> list[str]:  # fmt: skip
    """The example workbook with one XML part rewritten: text replaced, a prefix, padding or extra parts."""
    path = base_workbook(folder)
    out = io.BytesIO()
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            body = zin.read(info.filename)
            if info.filename == part:
                text = replaced(body.decode("utf-8"), replace, part)
                body = (prepend + text).encode("utf-8") + b" " * size
            zout.writestr(info.filename, body)
        for index in range(extra):
            zout.writestr(f"xl/extra/part{index}.xml", b"<x/>")
    path.write_bytes(out.getvalue())
    return dcr("validate", str(path))


@builder
def raw_bytes(folder: Path, name: str, content: str, repeat: int = 1, args: list[str] | None = None) -> list[str]:
    """A file whose bytes are given (latin-1 text, repeated), validated (or run with `args`)."""
    path = folder / name
    path.write_bytes(content.encode("latin-1") * repeat)
    return dcr(*(args or ["validate"]), str(path))


@builder
def output_target(folder: Path, what: str) -> list[str]:
    """`dcr assess` of the example with its --json output aimed at a hostile target."""
    with_evidence(folder)
    sub = folder / "submission.yaml"
    shutil.copy(EXAMPLE, sub)
    args = ["--json", str(folder / "out.json")]
    if what == "device":  # a character device like /dev/null (made here: mknod needs root)
        try:
            os.mknod(folder / "null", 0o020666, os.makedev(1, 3))
            args = ["--json", str(folder / "null")]
        except PermissionError:  # not root: the real one, which only root could have replaced
            args = ["--json", "/dev/null"]
    elif what == "long-name":
        args = ["--json", str(folder / ("o" * 250))]
    elif what == "long-path":
        args = ["--json", str(folder / ("d" * 5000) / "out.json")]
    elif what == "the-input":
        args = ["--json", str(sub), "--force"]
    elif what == "two-at-one-path":
        args = ["--json", str(folder / "report"), "--xlsx", str(folder / "report")]
    elif what == "existing":
        (folder / "prior.json").write_text("keep me")
        args = ["--json", str(folder / "prior.json")]
    elif what == "dev-fd":
        args = ["--json", "/dev/fd/1"]
    return dcr("assess", str(sub), *args)


def deep_pdf(levels: int) -> bytes:
    """A well-formed PDF (catalog, pages, cross-reference table) whose embedded-files tree nests `levels` deep."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles 3 0 R >> >>",
        b"<< /Type /Pages /Kids [] /Count 0 >>",
        b"<< /Names [(a) " + b"[" * levels + b"]" * levels + b"] >>",
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Root 1 0 R /Size %d >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


@builder
def verify_pdf(folder: Path, levels: int = 5, trust: str | None = None) -> list[str]:
    """`dcr verify` of a nested PDF, optionally with a --trust file that is a private key (PEM or DER)."""
    path = folder / "report.pdf"
    path.write_bytes(deep_pdf(levels))
    args = ["verify", str(path)]
    if trust is not None:
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import ec

        key = ec.generate_private_key(ec.SECP256R1())
        encoding = serialization.Encoding.PEM if trust == "pem" else serialization.Encoding.DER
        data = key.private_bytes(encoding, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
        (folder / f"key.{trust}").write_bytes(data)
        args += ["--trust", str(folder / f"key.{trust}")]
    return dcr(*args)


@builder
def sign_inputs(folder: Path, what: str) -> list[str]:
    """`dcr sign` of a report with a hostile key, certificate or report (a device, a FIFO, a 3 GB sparse file)."""
    from tests.pki import make_pki

    pki = make_pki(folder / "pki")
    report = folder / "result.json"
    report.write_text("{}", encoding="utf-8")
    key, cert = pki.key, pki.cert
    if what == "zero-key":
        key = folder / "zero.pem"
        key.symlink_to("/dev/zero")
    elif what == "fifo-cert":
        cert = folder / "cert.pem"
        os.mkfifo(cert)
    elif what == "huge-report":
        with report.open("r+b") as handle:
            handle.truncate(3 * 1024**3)
    return dcr("sign", str(report), "--key", str(key), "--cert", str(cert))


@builder
def oscal_catalog(folder: Path, set: dict[str, Any] | None = None, deep: int = 0, size: int = 0) -> list[str]:
    """The DCRS 1.2.0 OSCAL catalog with values set (or nested `deep` levels, or padded to `size` bytes),
    read back with `dcr standard import --oscal`."""
    from assessor.api_oscal import oscal_catalog as catalog_of
    from assessor.dcrs.loader import load_standard

    path = folder / "catalog.json"
    if deep:
        body = '{"catalog": ' + "[" * deep + "]" * deep + "}"
    elif size:
        body = '{"catalog": {}}' + " " * (size - 15)
    else:
        data = catalog_of(load_standard(version="1.2.0"))
        for dotted, value in (set or {}).items():
            set_path(data, dotted, value_of(value))
        body = json.dumps(data)
    path.write_text(body, encoding="utf-8")
    return dcr("standard", "import", "--oscal", str(path))
