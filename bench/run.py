"""`make bench`: run every benchmark row, print the table, write JSON, refresh bench/README.md.

Usage: python -m bench.run [--json OUT] [--readme README] [--submissions N]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from assessor.dcrs.loader import load_standard
from bench import app_rows, oscal_rows, pdf_words, rows, rows_batch, store_rows, trust_rows
from bench.rows import Row
from bench.synthetic import random_submission

MARK_START, MARK_END = "<!-- results:start -->", "<!-- results:end -->"


def main() -> int:
    """Run everything; exit 0 even when a target is missed (the table says so)."""
    args = _arguments()
    started = time.perf_counter()
    standard = load_standard(version="1.0.0")
    generated = [random_submission(standard, random.Random(seed)) for seed in range(args.submissions)]
    results: list[Row] = []
    for step in (
        rows.cli_cold_start,
        lambda: rows.validate_and_score(standard),
        lambda: rows.throughput(generated),
        lambda: rows.pdf_report(standard),
        lambda: rows.xlsx_report(standard),
        lambda: rows.workbook_import(standard),
        lambda: rows.scaling(standard),
        rows.app_rerun,
        rows.score_by_version,
        rows.validate_and_score_by_version,
        rows.store_saves,
        store_rows.drafts_list,
        app_rows.app_pages,
        oscal_rows.catalog_round_trip,
        oscal_rows.assessment_results,
        trust_rows.long_term_json,
        trust_rows.long_term_pdf,
        lambda: rows_batch.batch_throughput(generated),
        lambda: rows_batch.batch_memory(generated),
        lambda: rows_batch.impact_corpus(args.submissions),
        pdf_words.pdf_rows,
    ):
        produced = step()
        for row in produced if isinstance(produced, list) else [produced]:
            results.append(row)
            print(_line(row), flush=True)
    table = render_table(results, machine(), time.perf_counter() - started)
    print("\n" + table)
    if args.json:
        args.json.write_text(json.dumps(_as_json(results), indent=2) + "\n", encoding="utf-8")
    if args.readme:
        _update_readme(args.readme, table)
    return 0


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", type=Path, default=Path("bench/results.json"))
    parser.add_argument("--readme", type=Path, default=Path("bench/README.md"))
    parser.add_argument("--submissions", type=int, default=1000)
    return parser.parse_args()


def machine() -> str:
    """Where the figures were measured."""
    cpu = next(
        (line.split(":", 1)[1].strip() for line in _cpuinfo() if line.startswith("model name")), platform.processor()
    )
    return (
        f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()} {platform.release()}"
    )


def _cpuinfo() -> list[str]:
    try:
        return Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines()
    except OSError:
        return []


def _line(row: Row) -> str:
    mark = "ok  " if row.met else "MISS"
    figures = f"{row.ours.show()} vs floor {row.floor.show()} = {row.ratio:.2f}×"
    return f"[{mark}] {row.number}. {row.work}: {figures} {row.extra}"


def render_table(results: list[Row], where: str, seconds: float) -> str:
    """A Markdown table of every row, with the date and the machine."""
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"Measured {stamp} on {where}; the whole run took {seconds:.0f} s.",
        "",
        "| # | work | ours: median (min–max) | floor: median (min–max) | ratio | target | met | notes |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(f"| {r.number} | {r.work} | {r.ours.show()} | {r.floor_work}: {r.floor.show()} | {r.ratio:.2f}× "
                     f"| {r.target} | {'yes' if r.met else '**no**'} | {r.extra} |")  # fmt: skip
    return "\n".join(lines)


def _as_json(results: list[Row]) -> dict[str, object]:
    return {
        "measured": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "rows": [
            {"number": r.number, "work": r.work, "ours_s": r.ours.median, "ours_min_s": r.ours.low,
             "ours_max_s": r.ours.high, "runs": r.ours.runs, "floor": r.floor_work, "floor_s": r.floor.median,
             "ratio": round(r.ratio, 3), "target": r.target, "met": r.met, "notes": r.extra}
            for r in results
        ],
    }  # fmt: skip


def _update_readme(path: Path, table: str) -> None:
    text = path.read_text(encoding="utf-8")
    head, _, rest = text.partition(MARK_START)
    _, _, tail = rest.partition(MARK_END)
    path.write_text(f"{head}{MARK_START}\n{table}\n{MARK_END}{tail}", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
