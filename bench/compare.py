#!/usr/bin/env python3
"""Compare the outputs of two `quota` runs (ours and the DuckDB peer).

Usage: python bench/compare.py OURS_DIR DUCKDB_DIR [--max-diffs N]

Checks, exactly and as text:
- OUT/employers.csv: the header and every row (spec 6), matched by position and by employer_id;
- OUT/national.json: `year`, `quota_percent`, `surcharge_percent`, every `measurement` figure and
  the `rows` counts (spec 6, 8.20).
Prints the first differing rows with the columns that differ, and exits 1 on any difference
(2 when a file is missing or unreadable), 0 when everything is equal.
"""

from __future__ import annotations

import argparse
import json
import os
import sys


def read_lines(path: str) -> list[str]:
    with open(path, "rb") as f:
        data = f.read()
    text = data.decode("utf-8")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [ln[:-1] if ln.endswith("\r") else ln for ln in lines]


def compare_employers(a_path: str, b_path: str, max_diffs: int) -> list[str]:
    problems: list[str] = []
    a, b = read_lines(a_path), read_lines(b_path)
    if not a or not b:
        return [f"employers.csv: empty file ({'ours' if not a else 'duckdb'})"]
    if a[0] != b[0]:
        problems.append(f"employers.csv header differs:\n  ours:   {a[0]}\n  duckdb: {b[0]}")
        return problems
    header = a[0].split(",")
    rows_a = {ln.split(",", 1)[0]: ln for ln in a[1:]}
    rows_b = {ln.split(",", 1)[0]: ln for ln in b[1:]}
    if len(a) != len(b):
        problems.append(f"employers.csv: {len(a) - 1} rows (ours) vs {len(b) - 1} rows (duckdb)")
    only_a = [k for k in rows_a if k not in rows_b]
    only_b = [k for k in rows_b if k not in rows_a]
    if only_a:
        problems.append(f"employers only in ours ({len(only_a)}): " + ", ".join(only_a[:max_diffs]))
    if only_b:
        problems.append(f"employers only in duckdb ({len(only_b)}): " + ", ".join(only_b[:max_diffs]))
    differing = 0
    col_counts: dict[str, int] = {}
    shown = 0
    for line_no, ln in enumerate(a[1:], start=2):
        key = ln.split(",", 1)[0]
        other = rows_b.get(key)
        if other is None or other == ln:
            continue
        differing += 1
        fa, fb = ln.split(","), other.split(",")
        cols = [header[i] if i < len(header) else f"#{i}"
                for i in range(max(len(fa), len(fb)))
                if (fa[i] if i < len(fa) else None) != (fb[i] if i < len(fb) else None)]
        for c in cols:
            col_counts[c] = col_counts.get(c, 0) + 1
        if shown < max_diffs:
            shown += 1
            detail = "; ".join(
                f"{c}: ours {fa[header.index(c)] if c in header and header.index(c) < len(fa) else '?'}"
                f" duckdb {fb[header.index(c)] if c in header and header.index(c) < len(fb) else '?'}"
                for c in cols)
            problems.append(f"employers.csv line {line_no} ({key}): {detail}")
    if differing:
        problems.append(f"employers.csv: {differing} rows differ; by column: "
                        + ", ".join(f"{c} {n}" for c, n in sorted(col_counts.items(), key=lambda x: -x[1])))
    if not problems:
        # Same rows in another order: the contract sorts by employer_id byte order.
        if a != b:
            keys = [ln.split(",", 1)[0] for ln in a[1:]]
            if keys != sorted(keys, key=lambda k: k.encode()):
                problems.append("employers.csv (ours) is not sorted by employer_id byte order")
            else:
                problems.append("employers.csv: rows in a different order")
    return problems


def flatten(obj, prefix=""):
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from flatten(v, f"{prefix}.{k}" if prefix else k)
    else:
        yield prefix, obj


# The keys of national.json that the contract names (spec 6, 8.20); both must have them.
CONTRACT_KEYS = (
    ["year", "surcharge_percent"]
    + [f"quota_percent.{s}" for s in ("markt", "overheid", "total")]
    + [f"measurement.{s}.{k}" for s in ("markt", "overheid", "total")
       for k in ("hours_december", "extra_jobs", "target", "activation_indicated")]
    + [f"rows.{f}.{k}" for f in ("payroll", "register", "employers") for k in ("read", "accepted", "rejected")]
    + ["rows.payroll.outside_year"]
)


def compare_national(a_path: str, b_path: str) -> list[str]:
    """Contract keys must be present and equal in both; other keys under quota_percent,
    measurement and rows (more are allowed, spec 6) are compared where both have them."""
    with open(a_path) as f:
        a = dict(flatten(json.load(f)))
    with open(b_path) as f:
        b = dict(flatten(json.load(f)))
    problems = []
    for k in CONTRACT_KEYS:
        if k not in a:
            problems.append(f"national.json {k}: missing in ours")
        elif k not in b:
            problems.append(f"national.json {k}: missing in duckdb")
        elif a[k] != b[k]:
            problems.append(f"national.json {k}: ours {a[k]!r} duckdb {b[k]!r}")
    for k in sorted(set(a) & set(b)):
        if k not in CONTRACT_KEYS and k.split(".")[0] in ("quota_percent", "measurement", "rows") and a[k] != b[k]:
            problems.append(f"national.json {k}: ours {a[k]!r} duckdb {b[k]!r}")
    return problems


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Compare two quota output folders.")
    ap.add_argument("ours")
    ap.add_argument("duckdb")
    ap.add_argument("--max-diffs", type=int, default=10)
    args = ap.parse_args(argv)
    try:
        problems = compare_employers(os.path.join(args.ours, "employers.csv"),
                                     os.path.join(args.duckdb, "employers.csv"), args.max_diffs)
        problems += compare_national(os.path.join(args.ours, "national.json"),
                                     os.path.join(args.duckdb, "national.json"))
    except (OSError, ValueError) as e:
        print(f"compare: {e}", file=sys.stderr)
        return 2
    if problems:
        print("compare: DIFFERENT", file=sys.stderr)
        for p in problems:
            print("  " + p, file=sys.stderr)
        return 1
    print("compare: employers.csv and national.json figures are equal", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
