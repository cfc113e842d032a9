#!/usr/bin/env python3
"""Synthetic data in the shape of the public HIAS placement data (Annie MOORE): cases, case x
affiliate compatibility and employment matrices, affiliate capacities. Deterministic per seed."""

import argparse
import csv
import datetime
import os
import random

SIZE_WEIGHTS = [30, 18, 15, 13, 9, 6, 4, 3, 2]      # case sizes 1..9, skewed small
INCOMPATIBLE = 0.30                                  # share of case x affiliate pairs ruled out
NA_SHARE = 0.02                                      # cells the data leave as NA


def parse_args(argv=None):
    """--seed, --cases, --affiliates, OUTDIR, and --arrivals for an arrival column."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--cases", type=int, required=True)
    parser.add_argument("--affiliates", type=int, required=True)
    parser.add_argument("--arrivals", metavar="START",
                        help="add an arrival column, dates within a year from START")
    parser.add_argument("outdir")
    return parser.parse_args(argv)


def make_cases(rng, count, arrivals):
    """Case ids and sizes, with arrival dates when asked."""
    cases = []
    for k in range(count):
        case = {"id": f"C{k + 1:05d}", "size": rng.choices(range(1, 10), SIZE_WEIGHTS)[0]}
        if arrivals:
            start = datetime.date.fromisoformat(arrivals)
            case["arrival"] = start + datetime.timedelta(days=rng.randrange(0, 365))
        cases.append(case)
    return cases


def make_capacities(rng, affiliates, persons):
    """Capacities in persons summing to 90-110% of the persons, split by random weights."""
    total = round(persons * rng.uniform(0.9, 1.1))
    weights = [rng.gammavariate(2.0, 1.0) for _ in affiliates]
    shares = [total * w / sum(weights) for w in weights]
    capacities = [int(s) for s in shares]
    order = sorted(range(len(shares)), key=lambda i: capacities[i] - shares[i])
    for i in order[:total - sum(capacities)]:          # largest remainders first
        capacities[i] += 1
    return dict(zip(affiliates, capacities))


def compatibility(rng, cases, affiliates):
    """1 (compatible), 0 or NA per case and affiliate."""
    table = {}
    for case in cases:
        for affiliate in affiliates:
            roll = rng.random()
            table[case["id"], affiliate] = "NA" if roll < NA_SHARE else \
                ("0" if roll < NA_SHARE + INCOMPATIBLE else "1")
    return table


def employment(rng, cases, affiliates):
    """A probability of employment 0..0.6 per case and affiliate (NA in a few cells)."""
    base = {a: rng.uniform(0.05, 0.4) for a in affiliates}
    table = {}
    for case in cases:
        drive = rng.uniform(0.3, 1.5) / (1 + 0.1 * (case["size"] - 1))
        for affiliate in affiliates:
            value = min(0.6, max(0.0, base[affiliate] * drive + rng.gauss(0, 0.05)))
            table[case["id"], affiliate] = "NA" if rng.random() < NA_SHARE else f"{value:.4f}"
    return table


def write_csv(path, header, rows):
    """One CSV file, RFC 4180 (csv module, CRLF line ends)."""
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def write_matrix(path, cases, affiliates, table):
    """A case x affiliate matrix: case_id, then one column per affiliate."""
    rows = [[c["id"]] + [table[c["id"], a] for a in affiliates] for c in cases]
    write_csv(path, ["case_id"] + affiliates, rows)


def main(argv=None):
    """Writes cases.csv, compatibility.csv, employment.csv and capacity.csv into OUTDIR."""
    args = parse_args(argv)
    rng = random.Random(args.seed)
    affiliates = [f"AF{k + 1:02d}" for k in range(args.affiliates)]
    cases = make_cases(rng, args.cases, args.arrivals)
    capacities = make_capacities(rng, affiliates, sum(c["size"] for c in cases))
    os.makedirs(args.outdir, exist_ok=True)
    header = ["case_id", "case_size"] + (["arrival"] if args.arrivals else [])
    write_csv(os.path.join(args.outdir, "cases.csv"), header,
              [[c["id"], c["size"]] + ([c["arrival"].isoformat()] if args.arrivals else [])
               for c in cases])
    write_matrix(os.path.join(args.outdir, "compatibility.csv"), cases, affiliates,
                 compatibility(rng, cases, affiliates))
    write_matrix(os.path.join(args.outdir, "employment.csv"), cases, affiliates,
                 employment(rng, cases, affiliates))
    write_csv(os.path.join(args.outdir, "capacity.csv"), ["affiliate", "capacity"],
              [[a, capacities[a]] for a in affiliates])


if __name__ == "__main__":
    main()
