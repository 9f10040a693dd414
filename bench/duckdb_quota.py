#!/usr/bin/env python3
"""The `banenafspraak quota` computation as SQL in DuckDB: the performance peer of spec section 7.

Usage:
    python bench/duckdb_quota.py --in DIR --out DIR --year T \
        --quota-percent markt=X --quota-percent overheid=Y --quota-percent total=Z \
        [--surcharge-percent R] [--regime-register current|widened] [--threads 2]

Reads employers.csv, register.csv, payroll.csv and the optional collaborations.csv of spec
section 4 with DuckDB and writes OUT/employers.csv (spec section 6, the contract columns) and
OUT/national.json (year, quota_percent, surcharge_percent, measurement, rows).

All legal figures are exact integers inside SQL (spec section 2): hours in centi-hours, money in
eurocents, the quotum percentage in basis points (hundredths of a percent), the surcharge rate in
milli-percent. Products that can pass 2^63 go through HUGEINT. There is no floating point in any
figure. DuckDB's `//` truncates toward zero, so floor and round are spelled out as macros.

Validation follows spec section 4 and 8.1-8.7 for the checks that matter to the figures:
required/empty fields, malformed ids, dates, periods, decimals and enums, hours outside 0-744,
negative wages, unknown employer or hirer, hirer = employer, duplicate (employer, person, period)
keys (the first valid row in file order wins, before the year split), registered_from after
registered_until, duplicate employer ids, and collaboration percent sums over 100. Rows with a
wrong field count are not detected here (DuckDB's reader would stop on them); the synthetic
generator does not inject them. This script writes no rejected.csv: it is a peer for the figures
and the row counts, not for the rejection report.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import time

import duckdb

# --------------------------------------------------------------------------------------------
# Parameters (spec section 3). Integer units: centi-hours (ch), cents, basis points (bp).
# --------------------------------------------------------------------------------------------
HOURS_PER_JOB_CH = 133_100            # 1331 h per job per year, Regeling Wfsv 3.28 (2015)
HOURS_PER_JOB_MONTH_CH = 11_092       # 110.92 h per job per month, Regeling Wfsv 3.29 (2015)
THRESHOLD_CH = 4_057_500              # 25 x 1623 h, Wfsv 34, Besluit Wfsv 2.20-2.21
LEVY_PER_JOB_CENTS = 500_000          # EUR 5,000, Wfsv 38h(4)
YIELD_PER_JOB_CENTS = 500_000         # EUR 5,000 per job due, seed 004
LKV_PER_HOUR_CENTS = 101              # EUR 1.01/h, Wtl 2.13 (batch: every year, spec 8.17)
LKV_CAP_CENTS = 200_000               # EUR 2,000 per worker per year
BONUS_PER_HOUR_CENTS = 377            # EUR 3.77/h, seed 004, no cap (decision)
BASELINE_DEC2012_CH = {"overheid": 105_547_400, "markt": 691_449_100}  # Regeling Wfsv (2015)
A0_JOBS = {"overheid": 12_196, "markt": 35_397}                          # Regeling Wfsv 3.31
MAX_PREMIELOON_CENTS = {                                                  # Wfsv 17
    2015: 5_197_600, 2016: 5_276_300, 2017: 5_370_100, 2018: 5_461_400, 2019: 5_592_700,
    2020: 5_723_200, 2021: 5_831_100, 2022: 5_970_600, 2023: 6_695_600, 2024: 7_162_800,
    2025: 7_586_400, 2026: 7_940_900,
}
GROWTH_PATH = {  # cumulative extra jobs at end of December (Regeling Wfsv 3.29; seed 004 table 1)
    "markt": {2015: 6000, 2016: 14000, 2017: 23000, 2018: 31000, 2019: 40000, 2020: 50000,
              2021: 60000, 2022: 70000, 2023: 80000, 2024: 90000, 2025: 100000, 2026: 100000},
    "overheid": {2015: 3000, 2016: 6500, 2017: 10000, 2018: 12500, 2019: 15000, 2020: 17500,
                 2021: 20000, 2022: 22500, 2023: 25000, 2024: 25000, 2025: 25000, 2026: 25000},
    "total": {2015: 9000, 2016: 20500, 2017: 33000, 2018: 43500, 2019: 55000, 2020: 67500,
              2021: 80000, 2022: 92500, 2023: 105000, 2024: 115000, 2025: 125000, 2026: 125000},
}
B_JOBS = {  # extra jobs due in year t, Regeling Wfsv 3.31(b); not tabled for 2015-2016
    "markt": {2017: 19500, 2018: 27000, 2019: 35500, 2020: 45000, 2021: 55000, 2022: 65000,
              2023: 75000, 2024: 85000, 2025: 95000, 2026: 100000},
    "overheid": {2017: 8750, 2018: 11250, 2019: 13750, 2020: 16250, 2021: 18750, 2022: 21250,
                 2023: 23750, 2024: 25000, 2025: 25000, 2026: 25000},
}
PUBLISHED_QUOTA_BP = {("overheid", 2018): 193, ("overheid", 2024): 276}  # rijksoverheid.nl; UWV

REGISTER_ROUTES = [
    "pwet_wml", "praktijkroute", "wsw", "wajong", "vso_pro", "besluit_other", "pwet_own_request",
    "former_wsw_wajong", "iva_experiment", "art38b2", "wiw_id",
    "wia_wml", "wajong_no_capacity", "ww_comparable",
]
WIDENING_ROUTES = ["wia_wml", "wajong_no_capacity", "ww_comparable"]  # seed 001, actielijn 1

# Columns of each input (spec section 4): (required, optional).
COLUMNS = {
    "employers.csv": (["employer_id", "sector", "region", "staffing_agency"], ["name", "prior_year_hours"]),
    "register.csv": (["person_id", "route", "registered_from"], ["registered_until"]),
    "payroll.csv": (["employer_id", "person_id", "period", "hours", "wage", "contract", "scheme"], ["hirer_id"]),
    "collaborations.csv": (["from_employer", "to_employer", "year", "percent"], []),
}


class Fatal(Exception):
    pass


def parse_fixed(text: str, scale: int, what: str) -> int:
    """'2.76' -> 276 at scale 2; the decimals rule of spec 8.3 (a sign is allowed here)."""
    s = text.strip()
    neg = s.startswith("-")
    if neg:
        s = s[1:]
    whole, _, frac = s.partition(".")
    if not whole.isdigit() or (frac and not frac.isdigit()) or len(frac) > scale or ("." in s and not frac):
        raise Fatal(f"{what}: malformed value {text!r}")
    v = int(whole) * 10**scale + (int(frac.ljust(scale, "0")) if frac else 0)
    return -v if neg else v


def read_header(path: str, name: str) -> list[str]:
    """The header row, checked against the contract (spec 4, 8.1): unknown, missing or duplicate
    columns are fatal. A UTF-8 BOM makes the first name unknown."""
    with open(path, newline="", encoding="utf-8") as f:
        header = next(csv.reader(f), None)
    if header is None:
        raise Fatal(f"{name}: empty file, no header")
    required, optional = COLUMNS[name]
    unknown = [c for c in header if c not in required and c not in optional]
    missing = [c for c in required if c not in header]
    dups = sorted({c for c in header if header.count(c) > 1})
    if unknown or missing or dups:
        parts = []
        if unknown:
            parts.append("unknown columns " + ", ".join(unknown))
        if missing:
            parts.append("missing columns " + ", ".join(missing))
        if dups:
            parts.append("duplicate columns " + ", ".join(dups))
        raise Fatal(f"{name}: " + "; ".join(parts))
    return header


def csv_source(path: str, header: list[str], all_cols: list[str]) -> str:
    """A read_csv() call with every column as VARCHAR in file order, plus NULL for absent
    optional columns (spec 8.1)."""
    cols = "{" + ", ".join(f"'{c}': 'VARCHAR'" for c in header) + "}"
    sel = ", ".join(c if c in header else f"NULL::VARCHAR AS {c}" for c in all_cols)
    p = path.replace("'", "''")
    return (f"(SELECT {sel} FROM read_csv('{p}', columns = {cols}, header = true, auto_detect = false, "
            f"delim = ',', quote = '\"', escape = '\"', all_varchar = true, allow_quoted_nulls = true))")


MACROS = r"""
-- floor(a / b) toward minus infinity for b > 0 (spec 2: "floor"). DuckDB's // truncates.
CREATE MACRO floor_div(a, b) AS CASE WHEN a >= 0 THEN a // b ELSE -((-a + b - 1) // b) END;
-- round(a / b) half away from zero for b > 0 (spec 2: "round").
CREATE MACRO round_div(a, b) AS CASE WHEN a >= 0 THEN (2 * a + b) // (2 * b) ELSE -((-2 * a + b) // (2 * b)) END;
-- Fixed-point text: units / 10^2 and / 10^1 with exactly 2 and 1 decimals (spec 2, 6).
CREATE MACRO fmt2(x) AS (CASE WHEN x < 0 THEN '-' ELSE '' END) || (abs(x) // 100)::VARCHAR || '.' || lpad((abs(x) % 100)::VARCHAR, 2, '0');
CREATE MACRO fmt1(x) AS (CASE WHEN x < 0 THEN '-' ELSE '' END) || (abs(x) // 10)::VARCHAR || '.' || (abs(x) % 10)::VARCHAR;
-- Decimal field, 0-2 decimals (spec 2, 8.3); a leading '-' is accepted by the syntax and
-- ranges are checked separately ('-0' and '-0.00' are 0).
CREATE MACRO is_dec2(s) AS regexp_full_match(s, '-?[0-9]+(\.[0-9]{1,2})?');
CREATE MACRO dec2_units(s) AS CAST(CAST(s AS DECIMAL(38, 2)) * 100 AS BIGINT);
CREATE MACRO is_id32(s) AS regexp_full_match(s, '[A-Za-z0-9]{1,32}');
CREATE MACRO is_id64(s) AS regexp_full_match(s, '[A-Za-z0-9]{1,64}');
-- A calendar date YYYY-MM-DD (try_strptime rejects impossible dates).
CREATE MACRO is_date(s) AS regexp_full_match(s, '[0-9]{4}-[0-9]{2}-[0-9]{2}') AND try_strptime(s, '%Y-%m-%d') IS NOT NULL;
-- Month index year*12 + (month-1) of a YYYY-MM(-DD) text.
CREATE MACRO month_index(s) AS CAST(substr(s, 1, 4) AS INTEGER) * 12 + CAST(substr(s, 6, 2) AS INTEGER) - 1;
CREATE MACRO is_period(s) AS regexp_full_match(s, '[0-9]{4}-(0[1-9]|1[0-2])');
"""


def run(args) -> dict:
    t0 = time.perf_counter()
    year = args.year
    indir, outdir = args.in_dir, args.out_dir
    os.makedirs(outdir, exist_ok=True)

    overrides: dict[str, int] = {}
    for item in args.quota_percent or []:
        sector, _, value = item.partition("=")
        if sector not in ("markt", "overheid", "total"):
            raise Fatal(f"--quota-percent: unknown sector {sector!r}")
        overrides[sector] = parse_fixed(value, 2, "--quota-percent")
    surcharge_override = parse_fixed(args.surcharge_percent, 3, "--surcharge-percent") if args.surcharge_percent else None
    if year not in MAX_PREMIELOON_CENTS:
        raise Fatal(f"--year {year}: no parameters")
    # Premium-base cap per monthly line: floor(max premieloon / 12) to the cent (spec 5.4, 8.16).
    cap_cents = MAX_PREMIELOON_CENTS[year] // 12

    paths, headers = {}, {}
    for name in COLUMNS:
        p = os.path.join(indir, name)
        if not os.path.exists(p):
            if name == "collaborations.csv":
                continue
            raise Fatal(f"{name}: missing file {p}")
        paths[name] = p
        headers[name] = read_header(p, name)

    con = duckdb.connect(config={"threads": args.threads,
                                 "preserve_insertion_order": True,
                                 **({"memory_limit": args.memory_limit} if args.memory_limit else {}),
                                 "temp_directory": args.temp_dir or os.path.join(outdir, ".duckdb_tmp")})
    con.execute(MACROS)
    if args.verbose:
        raw_execute = con.execute
        class Timed:  # stage timings on stderr
            def __getattr__(self, name):
                return getattr(con_raw, name)
            def execute(self, sql, *a):
                # one statement at a time, so that each gets its own time
                stmts = [sql] if a else [x for x in sql.split(";\n") if x.strip() and not all(
                    ln.strip().startswith("--") or not ln.strip() for ln in x.splitlines())]
                for stmt in stmts:
                    t = time.perf_counter()
                    if os.environ.get("BENCH_EXPLAIN") and os.environ["BENCH_EXPLAIN"] in stmt:
                        print(raw_execute("EXPLAIN ANALYZE " + stmt.split(" AS\n", 1)[1]).fetchall()[0][1], file=sys.stderr)
                    r = raw_execute(stmt, *a)
                    first = next((ln.strip() for ln in stmt.splitlines() if ln.strip() and not ln.strip().startswith("--")), "")
                    print(f"  {time.perf_counter() - t:8.2f} s  {first[:90]}", file=sys.stderr)
                return r
        con_raw = con
        con = Timed()
    widened = args.regime_register == "widened"

    def src(name):
        req, opt = COLUMNS[name]
        return csv_source(paths[name], headers[name], req + opt)

    # ---------------------------------------------------------------- employers (spec 4, 8.6)
    con.execute(f"""
    CREATE TEMP TABLE emp_raw AS
    SELECT row_number() OVER () AS rn, * FROM {src('employers.csv')};

    -- Per-row checks (spec 4 "Validation"): required fields, id charset, enums, decimals.
    CREATE TEMP TABLE emp_valid AS
    SELECT rn, employer_id, sector,
           CASE WHEN nullif(prior_year_hours, '') IS NULL THEN NULL ELSE dec2_units(prior_year_hours) END AS prior_ch
    FROM emp_raw
    WHERE is_id32(employer_id)
      AND sector IN ('markt', 'overheid')
      AND regexp_full_match(region, 'AMR(0[1-9]|[12][0-9]|3[0-5])')
      AND staffing_agency IN ('true', 'false')
      -- a negative prior_year_hours is malformed (spec 8.3); -0 counts as 0
      AND (nullif(prior_year_hours, '') IS NULL
           OR (is_dec2(prior_year_hours) AND (NOT starts_with(prior_year_hours, '-') OR dec2_units(prior_year_hours) = 0)));

    -- Duplicate employer ids: the first valid row wins (spec 8.6).
    CREATE TEMP TABLE emp AS
    SELECT employer_id, sector, prior_ch FROM emp_valid
    QUALIFY row_number() OVER (PARTITION BY employer_id ORDER BY rn) = 1;
    """)

    # ---------------------------------------------------------------- register (spec 5.1, 8.19)
    routes = ", ".join(f"'{r}'" for r in REGISTER_ROUTES)
    widening = ", ".join(f"'{r}'" for r in WIDENING_ROUTES)
    y0 = year * 12  # month index of January T
    con.execute(f"""
    CREATE TEMP TABLE reg_raw AS
    SELECT person_id, route, registered_from, nullif(registered_until, '') AS registered_until
    FROM {src('register.csv')};

    CREATE TEMP TABLE reg_valid AS
    SELECT person_id, route, month_index(registered_from) AS from_m,
           CASE WHEN registered_until IS NULL THEN NULL ELSE month_index(registered_until) END AS until_m
    FROM reg_raw
    WHERE is_id64(person_id) AND route IN ({routes}) AND is_date(registered_from)
      AND (registered_until IS NULL OR is_date(registered_until))
      -- registered_from after registered_until is rejected; until = from is valid (spec 4, 8.19)
      AND (registered_until IS NULL OR registered_from <= registered_until);

    -- Per person, two 12-bit masks of the months of year T in which they count as arbeidsbeperkt:
    -- bit (m-1) is set when any interval overlaps calendar month m (Wfsv 38g(8); spec 5.1, 8.19).
    --   mask_regular: for lines with scheme = regular;
    --   mask_wsw:     for lines with scheme = wsw (wajong_no_capacity counts only on regular lines, 8.11).
    -- Widening-only routes count only under the regime `widened` (seed 001). Lines with scheme =
    -- beschut never count (Besluit SUWI 3.2(3)), so they need no mask.
    CREATE TEMP TABLE person_mask AS
    WITH iv AS (
        SELECT person_id, route,
               greatest(from_m, {y0}) - {y0} AS lo,
               least(coalesce(until_m, {y0 + 11}), {y0 + 11}) - {y0} AS hi
        FROM reg_valid
        WHERE {'TRUE' if widened else f'route NOT IN ({widening})'}
    ), bits AS (
        SELECT person_id, route, ((1::BIGINT << (hi + 1)) - (1::BIGINT << lo)) AS bits
        FROM iv WHERE lo <= hi
    )
    SELECT person_id,
           bit_or(bits) AS mask_regular,
           coalesce(bit_or(bits) FILTER (WHERE route <> 'wajong_no_capacity'), 0) AS mask_wsw
    FROM bits GROUP BY person_id;
    """)

    # ---------------------------------------------------------------- payroll (spec 4, 8.6, 8.7)
    con.execute(f"""
    -- File order as an explicit row number. read_csv preserves insertion order (DuckDB "Order
    -- Preservation"), so in a table made from it the rowid is the row's position in the file.
    -- (row_number() OVER () on the scan gives the same numbers, but makes the whole pipeline up to
    -- the aggregation single-threaded; the table lets the checks below run on every thread.)
    CREATE TEMP TABLE pay_file AS
    SELECT employer_id, person_id, period, hours, wage, contract, scheme, nullif(hirer_id, '') AS hirer_id
    FROM {src('payroll.csv')};
    CREATE TEMP VIEW pay_raw AS SELECT rowid AS rn, * FROM pay_file;

    -- ok: the row passes every per-row check (spec 4): required fields, formats, hours 0-744,
    -- wage >= 0, employer and hirer among the ACCEPTED employers (8.7), hirer <> employer.
    CREATE TEMP VIEW pay_checked AS
    SELECT p.*,
           coalesce(is_id32(p.employer_id) AND is_id64(p.person_id) AND is_period(p.period)
             AND is_dec2(p.hours) AND dec2_units(p.hours) BETWEEN 0 AND 74400
             AND is_dec2(p.wage) AND dec2_units(p.wage) >= 0
             AND p.contract IN ('permanent', 'temporary')
             AND p.scheme IN ('regular', 'wsw', 'beschut')
             AND (p.hirer_id IS NULL OR (is_id32(p.hirer_id) AND p.hirer_id <> p.employer_id
                                         AND p.hirer_id IN (SELECT employer_id FROM emp)))
             AND p.employer_id IN (SELECT employer_id FROM emp), FALSE) AS ok
    FROM pay_raw p;

    -- Duplicate (employer_id, person_id, period): the first VALID row in file order wins (spec 8.6),
    -- i.e. per key the values of the row with the smallest rn. Deduplication runs before the split
    -- into in-year and outside-year rows. All invalid rows fall into one group with a NULL key, so a
    -- single pass over the file also yields the counts: n = rows in the group.
    -- Each kept line gets its target-group flag tg (spec 5.1): the person counts in the line's month
    -- on a line of its scheme (masks above); beschut lines never count.
    CREATE TEMP TABLE lines AS
    WITH g AS (
        SELECT CASE WHEN ok THEN employer_id END AS employer_id,
               CASE WHEN ok THEN person_id END AS person_id,
               CASE WHEN ok THEN month_index(period) END AS m,
               count(*) AS n,
               arg_min(CASE WHEN ok THEN struct_pack(hours_ch := dec2_units(hours), wage_c := dec2_units(wage),
                                                     scheme := scheme, hirer_id := hirer_id) END, rn) AS v
        FROM pay_checked
        GROUP BY ALL
    )
    SELECT g.employer_id, g.person_id, g.m - {y0} + 1 AS month, g.n,
           g.m BETWEEN {y0} AND {y0 + 11} AS in_year,
           g.v.hours_ch AS hours_ch, g.v.wage_c AS wage_c, g.v.scheme AS scheme, g.v.hirer_id AS hirer_id,
           CASE WHEN g.m NOT BETWEEN {y0} AND {y0 + 11} THEN FALSE
                WHEN g.v.scheme = 'regular' THEN coalesce((pm.mask_regular >> (g.m - {y0})) & 1, 0) = 1
                WHEN g.v.scheme = 'wsw'     THEN coalesce((pm.mask_wsw     >> (g.m - {y0})) & 1, 0) = 1
                ELSE FALSE
           END AS tg
    FROM g LEFT JOIN person_mask pm ON pm.person_id = g.person_id;

    -- Row counts: read = accepted + rejected + outside_year (contracts-internal).
    CREATE TEMP TABLE pay_counts AS
    SELECT sum(n)::BIGINT AS read,
           count(*) FILTER (WHERE employer_id IS NOT NULL AND in_year) AS accepted,
           count(*) FILTER (WHERE employer_id IS NOT NULL AND NOT in_year) AS outside_year
    FROM lines;
    DELETE FROM lines WHERE employer_id IS NULL OR NOT in_year;
    DROP VIEW pay_checked;
    DROP VIEW pay_raw;
    DROP TABLE pay_file;
    """)

    # ---------------------------------------------------------------- per employer (spec 5.3, 5.4)
    con.execute(f"""
    -- Own lines of the employer (the formal employer E):
    --   hours_total: every own line of year T (8.9);
    --   hours_a: without lent-out lines and non-lent-out wsw lines; beschut included (5.3, 8.10);
    --   c_own: own non-lent-out, non-wsw lines of target-group persons (beschut never counts, 8.10);
    --   premium_base: per line min(wage, floor(max premieloon/12)), without lent-out, wsw and
    --     beschut lines (5.4, 8.16).
    CREATE TEMP TABLE own AS
    SELECT employer_id,
           sum(hours_ch) AS hours_total,
           coalesce(sum(hours_ch) FILTER (WHERE hirer_id IS NULL AND scheme <> 'wsw'), 0) AS hours_a,
           coalesce(sum(hours_ch) FILTER (WHERE hirer_id IS NULL AND scheme = 'regular' AND tg), 0) AS c_own,
           coalesce(sum(least(wage_c, {cap_cents})) FILTER (WHERE hirer_id IS NULL AND scheme = 'regular'), 0) AS premium_base
    FROM lines GROUP BY employer_id;

    -- Lent-out target-group lines go to the hirer's C, seconded wsw included (Besluit Wfsv 2.28;
    -- decision 5.3), whatever the hirer's liability or sector (8.10).
    CREATE TEMP TABLE hired AS
    SELECT hirer_id AS employer_id, sum(hours_ch) AS c_hired
    FROM lines WHERE hirer_id IS NOT NULL AND tg GROUP BY hirer_id;

    -- LKV and bonus per (employer, person) for the year (spec 5.4, 8.17): hours of the formal
    -- employer's lines in target-group months, lent-out lines included (seconded wsw too), without
    -- non-lent-out wsw lines and beschut lines. Rounded (half away from zero) and the LKV capped per pair.
    CREATE TEMP TABLE pair_amounts AS
    SELECT employer_id,
           least(round_div(h::HUGEINT * {LKV_PER_HOUR_CENTS}, 100), {LKV_CAP_CENTS}) AS lkv,
           round_div(h::HUGEINT * {BONUS_PER_HOUR_CENTS}, 100) AS bonus
    FROM (
        SELECT employer_id, person_id, sum(hours_ch) AS h
        FROM lines
        WHERE tg AND NOT (hirer_id IS NULL AND scheme = 'wsw')
        GROUP BY employer_id, person_id
    );

    CREATE TEMP TABLE amounts AS
    SELECT employer_id, sum(lkv)::BIGINT AS lkv, sum(bonus)::BIGINT AS bonus FROM pair_amounts GROUP BY employer_id;

    -- Every accepted employer appears, with zeros when it has no lines (spec 6).
    -- Liable: hours_total >= 40,575 h, and prior_year_hours >= 40,575 h where given (5.3, 8.9).
    CREATE TEMP TABLE emp_fig AS
    SELECT e.employer_id, e.sector,
           coalesce(o.hours_total, 0) AS hours_total,
           coalesce(o.hours_a, 0) AS hours_a,
           coalesce(o.c_own, 0) + coalesce(h.c_hired, 0) AS hours_c,
           coalesce(o.premium_base, 0) AS premium_base,
           coalesce(a.lkv, 0) AS lkv,
           coalesce(a.bonus, 0) AS bonus,
           (coalesce(o.hours_total, 0) >= {THRESHOLD_CH} AND (e.prior_ch IS NULL OR e.prior_ch >= {THRESHOLD_CH})) AS liable
    FROM emp e
    LEFT JOIN own o USING (employer_id)
    LEFT JOIN hired h USING (employer_id)
    LEFT JOIN amounts a USING (employer_id);
    """)

    # ---------------------------------------------------------------- quotum percentages (5.3, 8.13)
    sums = dict(con.execute("""
        SELECT sector, sum(hours_a)::HUGEINT FROM emp_fig WHERE liable GROUP BY sector""").fetchall())
    sum_a = {s: int(sums.get(s, 0) or 0) for s in ("markt", "overheid")}
    sum_a["total"] = sum_a["markt"] + sum_a["overheid"]
    quota_bp = {}
    for sector in ("markt", "overheid", "total"):
        if sector in overrides:
            quota_bp[sector] = overrides[sector]
            continue
        if sector != "total" and (sector, year) in PUBLISHED_QUOTA_BP:   # published values never affect total
            quota_bp[sector] = PUBLISHED_QUOTA_BP[(sector, year)]
            continue
        if sector == "total":
            a0 = A0_JOBS["markt"] + A0_JOBS["overheid"]
            b = B_JOBS["markt"].get(year)
            b = None if b is None else b + B_JOBS["overheid"][year]
        else:
            a0, b = A0_JOBS[sector], B_JOBS[sector].get(year)
        if b is None:
            raise Fatal(f"quotum percentage {sector} {year}: B not tabled; use --quota-percent {sector}=X")
        # floor(100 x (A0+B) x 1331 / sum A, 2 decimals) in basis points; sum A = 0 gives 0.00 (8.13)
        quota_bp[sector] = 0 if sum_a[sector] == 0 else (10_000 * (a0 + b) * HOURS_PER_JOB_CH) // sum_a[sector]

    con.execute(f"""
    CREATE TEMP TABLE emp_q AS
    SELECT *,
           CASE sector WHEN 'markt' THEN {quota_bp['markt']} ELSE {quota_bp['overheid']} END AS q_bp
    FROM emp_fig;
    -- Required hours: floor(A x quotum%, 2 decimals) (5.3). Shortfall in tenths of a job:
    -- floor((required - C) / 1331, 1 decimal), 0 when negative (Besluit Wfsv 2.23(3)).
    CREATE TEMP TABLE emp_r AS
    SELECT *, greatest(floor_div((required_hours - hours_c)::HUGEINT * 10, {HOURS_PER_JOB_CH}), 0)::BIGINT AS shortfall_tenths
    FROM (SELECT *, floor_div(hours_a::HUGEINT * q_bp, 10000)::BIGINT AS required_hours FROM emp_q);
    """)

    # Surcharge rate in milli-percent (5.4, 8.15): round(100 x q x sum A x 5000 / (1331 x sum base), 3)
    #   = round(10 x q_bp x sumA_ch x yield_c / (1331_ch x sumbase_c)), liable employers only.
    sum_base = int(con.execute("SELECT coalesce(sum(premium_base)::HUGEINT, 0) FROM emp_r WHERE liable").fetchone()[0])
    if surcharge_override is not None:
        rate_mp = surcharge_override
    elif sum_base == 0:
        rate_mp = 0
    else:
        num = 10 * quota_bp["total"] * sum_a["total"] * YIELD_PER_JOB_CENTS
        den = HOURS_PER_JOB_CH * sum_base
        rate_mp = (2 * num + den) // (2 * den)   # num >= 0: half away from zero

    # ---------------------------------------------------------------- transfers (5.4, 8.8, 8.18)
    if "collaborations.csv" in paths:
        con.execute(f"""
        CREATE TEMP TABLE collab_raw AS SELECT * FROM {src('collaborations.csv')};
        CREATE TEMP TABLE collab_valid AS
        SELECT from_employer, to_employer, CAST(year AS INTEGER) AS year, dec2_units(percent) AS percent_bp
        FROM collab_raw
        WHERE is_id32(from_employer) AND is_id32(to_employer)
          AND regexp_full_match(year, '[0-9]{{4}}')
          AND is_dec2(percent) AND dec2_units(percent) BETWEEN 1 AND 10000
          AND from_employer IN (SELECT employer_id FROM emp) AND to_employer IN (SELECT employer_id FROM emp);
        -- The percentages from one employer for one year may add up to 100 at most; otherwise all of
        -- that employer's rows for that year are rejected (spec 4). from = to and identical rows are fine (8.8).
        CREATE TEMP TABLE collab AS
        SELECT * FROM collab_valid
        QUALIFY sum(percent_bp) OVER (PARTITION BY from_employer, year) <= 10000;
        """)
    else:
        con.execute("CREATE TEMP TABLE collab_raw (x VARCHAR); "
                    "CREATE TEMP TABLE collab (from_employer VARCHAR, to_employer VARCHAR, year INTEGER, percent_bp BIGINT);")
    con.execute(f"""
    -- Each transfer: floor(bonus of from_employer x percent) to the cent, from the giver's own bonus
    -- before any transfer in, whatever either side's liability (8.18). Only rows of year T apply (8.8).
    CREATE TEMP TABLE transfers AS
    SELECT c.from_employer, c.to_employer, floor_div(f.bonus::HUGEINT * c.percent_bp, 10000)::BIGINT AS amount
    FROM collab c JOIN emp_r f ON f.employer_id = c.from_employer
    WHERE c.year = {year};
    """)

    # ---------------------------------------------------------------- employers.csv (spec 6)
    out_csv = os.path.join(outdir, "employers.csv").replace("'", "''")
    con.execute(f"""
    COPY (
      WITH t_out AS (SELECT from_employer AS employer_id, sum(amount)::BIGINT AS v FROM transfers GROUP BY 1),
           t_in  AS (SELECT to_employer   AS employer_id, sum(amount)::BIGINT AS v FROM transfers GROUP BY 1),
           fig AS (
             SELECT r.*,
                    CASE WHEN liable THEN shortfall_tenths * {LEVY_PER_JOB_CENTS // 10} ELSE 0 END AS levy,
                    -- surcharge: round(premium base x rate), 0 when not liable (5.4, 8.14)
                    CASE WHEN liable THEN round_div(premium_base::HUGEINT * {rate_mp}, 100000)::BIGINT ELSE 0 END AS surcharge,
                    coalesce(o.v, 0) AS transfers_out, coalesce(i.v, 0) AS transfers_in
             FROM emp_r r LEFT JOIN t_out o USING (employer_id) LEFT JOIN t_in i USING (employer_id))
      SELECT employer_id, sector, CASE WHEN liable THEN 'true' ELSE 'false' END AS liable,
             fmt2(hours_total) AS hours_total, fmt2(hours_a) AS hours_a, fmt2(hours_c) AS hours_c,
             fmt2(required_hours) AS required_hours, fmt1(shortfall_tenths) AS shortfall_jobs,
             fmt2(levy) AS levy, fmt2(premium_base) AS premium_base, fmt2(surcharge) AS surcharge,
             fmt2(lkv) AS lkv, fmt2(bonus) AS bonus, fmt2(transfers_out) AS transfers_out,
             fmt2(transfers_in) AS transfers_in,
             -- net = LKV + bonus - transfers out + transfers in - surcharge (5.4)
             fmt2(lkv + bonus - transfers_out + transfers_in - surcharge) AS net
      FROM fig
      ORDER BY encode(employer_id)   -- byte order (spec 8.4)
    ) TO '{out_csv}' (HEADER, DELIMITER ',', QUOTE '"');
    """)

    # ---------------------------------------------------------------- measurement (spec 5.2, 8.12)
    # December T lines of target-group persons; a lent-out line counts in the hirer's sector, a wsw
    # line only when lent out, beschut never (tg is false); employers of every size.
    dec = dict(con.execute("""
        SELECT e.sector, sum(l.hours_ch)::HUGEINT
        FROM lines l JOIN emp e ON e.employer_id = coalesce(l.hirer_id, l.employer_id)
        WHERE l.month = 12 AND l.tg AND NOT (l.hirer_id IS NULL AND l.scheme = 'wsw')
        GROUP BY e.sector""").fetchall())
    hours_dec = {s: int(dec.get(s, 0) or 0) for s in ("markt", "overheid")}
    hours_dec["total"] = hours_dec["markt"] + hours_dec["overheid"]
    baseline = dict(BASELINE_DEC2012_CH)
    baseline["total"] = baseline["markt"] + baseline["overheid"]
    measurement = {}
    for s in ("markt", "overheid", "total"):
        # floor((hours - baseline) / 110.92, 2 decimals), in hundredths of a job; Python's // floors.
        extra = ((hours_dec[s] - baseline[s]) * 100) // HOURS_PER_JOB_MONTH_CH
        target = GROWTH_PATH[s][year]
        measurement[s] = {
            "hours_december": fmt_py(hours_dec[s], 2),
            "extra_jobs": fmt_py(extra, 2),
            "target": target,
            "activation_indicated": extra < target * 100,
            "baseline_hours": fmt_py(baseline[s], 2),
            "gap": fmt_py(target * 100 - extra, 2),   # target - realised (5.2 "against the growth path")
        }

    # ---------------------------------------------------------------- row counts (contracts-internal)
    # Payroll: read = accepted + rejected + outside_year. Accepted = valid, non-duplicate, in year T.
    pr = con.execute("SELECT read, accepted, outside_year FROM pay_counts").fetchone()
    rows = {
        "payroll": {"read": pr[0], "accepted": pr[1], "rejected": pr[0] - pr[1] - pr[2], "outside_year": pr[2]},
    }
    for key, raw, acc in (("register", "reg_raw", "reg_valid"), ("employers", "emp_raw", "emp"),
                          ("collaborations", "collab_raw", "collab")):
        r, a = con.execute(f"SELECT (SELECT count(*) FROM {raw}), (SELECT count(*) FROM {acc})").fetchone()
        rows[key] = {"read": r, "accepted": a, "rejected": r - a}

    national = {
        "year": year,
        "quota_percent": {s: fmt_py(quota_bp[s], 2) for s in ("markt", "overheid", "total")},
        "surcharge_percent": fmt_py(rate_mp, 3),
        "measurement": measurement,
        "rows": rows,
        "engine": {"name": "duckdb", "version": duckdb.__version__, "threads": args.threads,
                   "regime_register": args.regime_register,
                   "seconds": round(time.perf_counter() - t0, 3)},
    }
    with open(os.path.join(outdir, "national.json"), "w") as f:
        json.dump(national, f, indent=2)
        f.write("\n")
    return national


def fmt_py(units: int, scale: int) -> str:
    """units / 10^scale with exactly `scale` decimals, e.g. -6223570 at 2 -> '-62235.70'."""
    neg = units < 0
    m = abs(units)
    s = str(m // 10**scale) + "." + str(m % 10**scale).rjust(scale, "0")
    return ("-" if neg else "") + s


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--in", dest="in_dir", required=True)
    ap.add_argument("--out", dest="out_dir", required=True)
    ap.add_argument("--year", type=int, required=True)
    ap.add_argument("--quota-percent", action="append", metavar="SECTOR=VALUE")
    ap.add_argument("--surcharge-percent")
    ap.add_argument("--regime-register", choices=["current", "widened"], default="current")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--memory-limit", help="DuckDB memory_limit, e.g. 8GB (default: DuckDB's own)")
    ap.add_argument("--verbose", action="store_true", help="print the time of each SQL stage")
    ap.add_argument("--temp-dir", help="DuckDB spill directory (default: OUT/.duckdb_tmp)")
    args = ap.parse_args(argv)
    try:
        national = run(args)
    except Fatal as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    r = national["rows"]["payroll"]
    print(f"duckdb {duckdb.__version__}: payroll read {r['read']}, accepted {r['accepted']}, "
          f"rejected {r['rejected']}, outside year {r['outside_year']}; "
          f"surcharge {national['surcharge_percent']}%; {national['engine']['seconds']} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
