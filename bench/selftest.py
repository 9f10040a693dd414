#!/usr/bin/env python3
"""Self-test of the DuckDB peer: random messy data, checked against a naive row-by-row reference.

  bench/.venv/bin/python bench/selftest.py [--seeds 20] [--keep DIR]

The reference below is written independently of the SQL: plain Python loops over the CSV rows,
exact integers and fractions.Fraction, the spec rules read directly (sections 4, 5.1-5.4, 8).
Each seed makes a data set with lent-out, wsw and beschut lines, duplicates (some after an
invalid first row), rows outside the year, unknown employers and hirers, bad register intervals,
capped wages, LKV caps, half-cent roundings and collaborations, then compares employers.csv and
the national.json figures of both. Prints 'N passed, N failed'.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import shutil
import sys
import tempfile
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import duckdb_quota as dq  # noqa: E402  (parameters are shared: they are data, not logic)

ROUTES = dq.REGISTER_ROUTES


def make_data(d: str, rng: random.Random, year: int) -> None:
    n_emp = rng.randint(3, 12)
    emps = []
    with open(os.path.join(d, "employers.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        cols = ["employer_id", "name", "sector", "region", "staffing_agency", "prior_year_hours"]
        rng.shuffle(cols)
        w.writerow(cols)
        for i in range(n_emp):
            eid = rng.choice(["E", "e", "Z", "a"]) + str(i)
            emps.append(eid)
            row = {"employer_id": eid, "name": rng.choice(["x", "Big, \"BV\"", "multi\nline", ""]),
                   "sector": rng.choice(["markt", "overheid"]), "region": f"AMR{rng.randint(1, 35):02d}",
                   "staffing_agency": rng.choice(["true", "false"]),
                   "prior_year_hours": rng.choice(["", "", "100", "50000", "40575", "40574.99"])}
            w.writerow([row[c] for c in cols])
        # a duplicate employer id: the first valid row wins
        w.writerow([{"employer_id": emps[0], "name": "dup", "sector": "markt", "region": "AMR01",
                     "staffing_agency": "false", "prior_year_hours": ""}[c] for c in cols])
    persons = [f"P{i}" for i in range(rng.randint(20, 60))]
    with open(os.path.join(d, "register.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["person_id", "route", "registered_from", "registered_until"])
        for p in persons:
            for _ in range(rng.randint(0, 3)):
                fy = rng.choice([year - 1, year, year])
                fm, fd = rng.randint(1, 12), rng.randint(1, 28)
                frm = f"{fy}-{fm:02d}-{fd:02d}"
                if rng.random() < 0.4:
                    until = ""
                else:
                    uy = rng.choice([fy, fy, fy + 1])
                    until = f"{uy}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                w.writerow([p, rng.choice(ROUTES), frm, until])
    with open(os.path.join(d, "payroll.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        cols = ["employer_id", "person_id", "period", "hours", "wage", "contract", "scheme", "hirer_id"]
        rng.shuffle(cols)
        w.writerow(cols)
        for _ in range(rng.randint(50, 900)):
            # half of the lines at two employers, so that some are liable (40,575 h)
            e = rng.choice(emps[:2]) if rng.random() < 0.5 else rng.choice(emps + ["UNKNOWN"] * (rng.random() < 0.05))
            per_year = rng.choice([year] * 8 + [year - 1, year + 1])
            hours = rng.choice([f"{rng.randint(0, 744)}", f"{rng.randint(0, 743)}.{rng.randint(0, 99):02d}",
                                f"{rng.randint(0, 200)}.5", "0", "744", "744.01", "800", "-0", "-1", "1.234"])
            wage = rng.choice([f"{rng.randint(0, 9000)}.{rng.randint(0, 99):02d}", "5969.00", "5969.01", "-5",
                               f"{rng.randint(0, 3000)}"])
            hirer = ""
            r = rng.random()
            if r < 0.2:
                hirer = rng.choice(emps)
            elif r < 0.22:
                hirer = "NOPE"
            row = {"employer_id": e, "person_id": rng.choice(persons), "period": f"{per_year}-{rng.randint(1, 12):02d}",
                   "hours": hours, "wage": wage, "contract": rng.choice(["permanent", "temporary"]),
                   "scheme": rng.choice(["regular"] * 6 + ["wsw", "wsw", "beschut"]), "hirer_id": hirer}
            w.writerow([row[c] for c in cols])
        # big employers: a full year of valid lines for many persons, so that some are liable
        for e in emps[:2]:
            if rng.random() < 0.7:
                for p in persons:
                    for m in range(1, 13):
                        row = {"employer_id": e, "person_id": p, "period": f"{year}-{m:02d}",
                               "hours": f"{rng.randint(50, 744)}.{rng.randint(0, 99):02d}",
                               "wage": f"{rng.randint(1000, 8000)}.{rng.randint(0, 99):02d}",
                               "contract": "permanent", "scheme": rng.choice(["regular"] * 8 + ["wsw", "beschut"]),
                               "hirer_id": rng.choice(emps[1:]) if rng.random() < 0.1 else ""}
                        w.writerow([row[c] for c in cols])
    with open(os.path.join(d, "collaborations.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["from_employer", "to_employer", "year", "percent"])
        for _ in range(rng.randint(0, 6)):
            w.writerow([rng.choice(emps), rng.choice(emps + ["NOPE"]), rng.choice([year, year, year - 1]),
                        rng.choice(["10", "33.33", "50.00", "60", "0.01", "100", "0", "100.01"])])


# ------------------------------------------------------------------------------------- reference
def dec(s: str, scale: int = 2):
    """Parse a 0-2 decimal value into units; None when malformed (spec 8.3)."""
    t = s[1:] if s.startswith("-") else s
    whole, dot, frac = t.partition(".")
    if not whole.isdigit() or (dot and (not frac.isdigit() or len(frac) > scale)):
        return None
    v = int(whole) * 10**scale + (int(frac.ljust(scale, "0")) if frac else 0)
    return -v if s.startswith("-") else v


def rnd(x: Fraction) -> int:
    """Round half away from zero."""
    n = abs(x)
    r = int(n)
    if n - r >= Fraction(1, 2):
        r += 1
    return r if x >= 0 else -r


def floor_(x: Fraction) -> int:
    return x.numerator // x.denominator


def isid(s, n):
    return 1 <= len(s) <= n and all(c.isascii() and c.isalnum() for c in s)


def reference(d: str, year: int, q: dict, regime: str = "current") -> tuple[list[str], dict]:
    emp, order = {}, []
    emp_read = 0
    for r in csv.DictReader(open(os.path.join(d, "employers.csv"), newline="")):
        emp_read += 1
        pyh = r["prior_year_hours"]
        ok = (isid(r["employer_id"], 32) and r["sector"] in ("markt", "overheid")
              and (pyh == "" or (dec(pyh) is not None and dec(pyh) >= 0)))
        if ok and r["employer_id"] not in emp:
            emp[r["employer_id"]] = {"sector": r["sector"], "prior": dec(pyh) if pyh else None}
    reg = []
    reg_read = 0
    for r in csv.DictReader(open(os.path.join(d, "register.csv"), newline="")):
        reg_read += 1
        if r["registered_until"] and r["registered_from"] > r["registered_until"]:
            continue
        reg.append(r)

    def counts(person, y, m, scheme):
        if scheme == "beschut":
            return False
        key = f"{y:04d}-{m:02d}"
        for r in reg:
            if r["person_id"] != person:
                continue
            if r["route"] in dq.WIDENING_ROUTES and regime != "widened":
                continue
            if r["route"] == "wajong_no_capacity" and scheme != "regular":
                continue
            if r["registered_from"][:7] <= key and (not r["registered_until"] or r["registered_until"][:7] >= key):
                return True
        return False

    seen = set()
    lines = []
    read = rejected = outside = 0
    for r in csv.DictReader(open(os.path.join(d, "payroll.csv"), newline="")):
        read += 1
        h, w = dec(r["hours"]), dec(r["wage"])
        hirer = r["hirer_id"] or None
        ok = (r["employer_id"] in emp and h is not None and 0 <= h <= 74400 and w is not None and w >= 0
              and (hirer is None or (hirer in emp and hirer != r["employer_id"])))
        if not ok:
            rejected += 1
            continue
        key = (r["employer_id"], r["person_id"], r["period"])
        if key in seen:
            rejected += 1
            continue
        seen.add(key)
        y, m = int(r["period"][:4]), int(r["period"][5:])
        if y != year:
            outside += 1
            continue
        lines.append(dict(e=r["employer_id"], p=r["person_id"], m=m, h=h, w=w, s=r["scheme"], hirer=hirer,
                          tg=counts(r["person_id"], y, m, r["scheme"])))
    cap = dq.MAX_PREMIELOON_CENTS[year] // 12
    E = {e: dict(total=0, a=0, c=0, base=0, lkv=0, bonus=0, tout=0, tin=0) for e in emp}
    pair = {}
    dec_hours = {"markt": 0, "overheid": 0}
    for ln in lines:
        x = E[ln["e"]]
        x["total"] += ln["h"]
        if ln["hirer"] is None and ln["s"] != "wsw":
            x["a"] += ln["h"]
        if ln["tg"]:
            if ln["hirer"] is not None:
                E[ln["hirer"]]["c"] += ln["h"]
            elif ln["s"] == "regular":
                x["c"] += ln["h"]
            if not (ln["hirer"] is None and ln["s"] == "wsw"):
                pair[(ln["e"], ln["p"])] = pair.get((ln["e"], ln["p"]), 0) + ln["h"]
                if ln["m"] == 12:
                    dec_hours[emp[ln["hirer"] or ln["e"]]["sector"]] += ln["h"]
        if ln["hirer"] is None and ln["s"] == "regular":
            x["base"] += min(ln["w"], cap)
    for (e, _), h in pair.items():
        E[e]["lkv"] += min(rnd(Fraction(h * 101, 100)), 200000)
        E[e]["bonus"] += rnd(Fraction(h * 377, 100))
    liable = {e: E[e]["total"] >= 4057500 and (emp[e]["prior"] is None or emp[e]["prior"] >= 4057500) for e in emp}
    sumA = sum(E[e]["a"] for e in emp if liable[e])
    sumB = sum(E[e]["base"] for e in emp if liable[e])
    rate = 0 if sumB == 0 else rnd(Fraction(100 * 1000) * Fraction(q["total"], 10000) * Fraction(sumA, 100) * 5000
                                   / (1331 * Fraction(sumB, 100)))
    # collaborations
    cols = []
    for r in csv.DictReader(open(os.path.join(d, "collaborations.csv"), newline="")):
        p = dec(r["percent"])
        if r["from_employer"] in emp and r["to_employer"] in emp and p is not None and 1 <= p <= 10000:
            cols.append((r["from_employer"], r["to_employer"], int(r["year"]), p))
    sums = {}
    for f_, _, y, p in cols:
        sums[(f_, y)] = sums.get((f_, y), 0) + p
    for f_, t_, y, p in cols:
        if sums[(f_, y)] <= 10000 and y == year:
            amt = floor_(Fraction(E[f_]["bonus"] * p, 10000))
            E[f_]["tout"] += amt
            E[t_]["tin"] += amt

    def f2(v):
        return dq.fmt_py(v, 2)

    out = ["employer_id,sector,liable,hours_total,hours_a,hours_c,required_hours,shortfall_jobs,levy,"
           "premium_base,surcharge,lkv,bonus,transfers_out,transfers_in,net"]
    for e in sorted(emp, key=lambda k: k.encode()):
        x, s = E[e], emp[e]["sector"]
        req = floor_(Fraction(x["a"] * q[s], 10000))
        short = max(0, floor_(Fraction((req - x["c"]) * 10, 133100)))
        levy = short * 50000 if liable[e] else 0
        sur = rnd(Fraction(x["base"] * rate, 100000)) if liable[e] else 0
        net = x["lkv"] + x["bonus"] - x["tout"] + x["tin"] - sur
        out.append(",".join([e, s, "true" if liable[e] else "false", f2(x["total"]), f2(x["a"]), f2(x["c"]), f2(req),
                             dq.fmt_py(short, 1), f2(levy), f2(x["base"]), f2(sur), f2(x["lkv"]), f2(x["bonus"]),
                             f2(x["tout"]), f2(x["tin"]), f2(net)]))
    base = dict(dq.BASELINE_DEC2012_CH)
    dec_hours["total"] = dec_hours["markt"] + dec_hours["overheid"]
    base["total"] = base["markt"] + base["overheid"]
    meas = {}
    for s in ("markt", "overheid", "total"):
        extra = floor_(Fraction((dec_hours[s] - base[s]) * 100, 11092))
        meas[s] = {"hours_december": f2(dec_hours[s]), "extra_jobs": f2(extra), "target": dq.GROWTH_PATH[s][year],
                   "activation_indicated": extra < dq.GROWTH_PATH[s][year] * 100}
    nat = {"surcharge_percent": dq.fmt_py(rate, 3), "measurement": meas,
           "rows": {"payroll": {"read": read, "accepted": len(lines), "rejected": rejected, "outside_year": outside},
                    "employers": {"read": emp_read, "accepted": len(emp), "rejected": emp_read - len(emp)},
                    "register": {"read": reg_read, "accepted": len(reg), "rejected": reg_read - len(reg)}}}
    return out, nat


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", type=int, default=20)
    ap.add_argument("--keep")
    a = ap.parse_args()
    passed = failed = 0
    year = 2024
    for seed in range(a.seeds):
        rng = random.Random(seed)
        d = a.keep or tempfile.mkdtemp(prefix="bench-selftest-")
        os.makedirs(d, exist_ok=True)
        make_data(d, rng, year)
        regime = rng.choice(["current", "widened"])
        # quotum percentages up to 60 %, so that liable employers have shortfalls and a levy
        q = {"markt": rng.randint(0, 6000), "overheid": rng.randint(0, 6000), "total": rng.randint(1, 600)}
        out = os.path.join(d, "out")
        argv = ["--in", d, "--out", out, "--year", str(year), "--regime-register", regime]
        for s, v in q.items():
            argv += ["--quota-percent", f"{s}={dq.fmt_py(v, 2)}"]
        rc = dq.main(argv)
        exp_csv, exp_nat = reference(d, year, q, regime)
        got_csv = open(os.path.join(out, "employers.csv")).read().splitlines() if rc == 0 else []
        got_nat = json.load(open(os.path.join(out, "national.json"))) if rc == 0 else {}
        problems = [f"line {i + 1}: expected {x!r} got {y!r}" for i, (x, y) in enumerate(zip(exp_csv, got_csv)) if x != y]
        if len(exp_csv) != len(got_csv):
            problems.append(f"{len(exp_csv)} vs {len(got_csv)} lines")
        for k in ("surcharge_percent", "measurement"):
            if exp_nat[k] != got_nat.get(k):
                problems.append(f"{k}: expected {exp_nat[k]} got {got_nat.get(k)}")
        for k, v in exp_nat["rows"].items():
            if got_nat.get("rows", {}).get(k) != v:
                problems.append(f"rows.{k}: expected {v} got {got_nat.get('rows', {}).get(k)}")
        if problems:
            failed += 1
            print(f"seed {seed} ({regime}): FAILED, data in {d}")
            for p in problems[:10]:
                print("  " + p)
        else:
            passed += 1
            if not a.keep:
                shutil.rmtree(d)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
