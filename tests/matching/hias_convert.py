#!/usr/bin/env python3
"""Converts HIAS-placement-shaped data (cases, case x affiliate compatibility and employment
matrices, affiliate capacities) into a logis scenario with quotas, collective sites and scores."""

import argparse
import csv
import datetime
import json
import math
import os
import re
import sys

SITE_MAX = 1000                     # a shared dwelling has at most 1000 places (issue 15)
NO_AFFILIATE = "no-compatible-affiliate"
ID_NAMES = ("caseid", "case", "id", "caseno", "casenumber")
SIZE_NAMES = ("casesize", "size", "familysize", "members", "n", "persons")
ARRIVAL_NAMES = ("arrival", "arrivaldate", "arrivedate")


class InputError(Exception):
    """The HIAS-shaped files cannot be converted."""


def parse_args(argv=None):
    """The four files (default: DIR/cases.csv and so on), the output and the horizon start."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dir", default=".", help="folder of the default file names")
    parser.add_argument("--cases", help="case id and case size (and arrival) columns")
    parser.add_argument("--compat", help="case x affiliate matrix of 0/1/NA")
    parser.add_argument("--employment", help="case x affiliate matrix of probabilities/NA")
    parser.add_argument("--capacity", help="affiliate,capacity (persons a year)")
    parser.add_argument("--id-column", help="case id column of the cases file")
    parser.add_argument("--size-column", help="case size column of the cases file")
    parser.add_argument("--arrival-column", help="arrival column (YYYY-MM-DD), if any")
    parser.add_argument("--start", default="2027-01-01", help="horizon start (one year)")
    parser.add_argument("--households-file", action="store_true",
                        help="write the households to households.json beside the scenario")
    parser.add_argument("output", help="the scenario JSON to write")
    args = parser.parse_args(argv)
    for key, default in (("cases", "cases.csv"), ("compat", "compatibility.csv"),
                         ("employment", "employment.csv"), ("capacity", "capacity.csv")):
        if getattr(args, key) is None:
            setattr(args, key, os.path.join(args.dir, default))
    return args


def read_table(path):
    """A CSV file as its header and its non-empty rows, cells stripped."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            rows = [[cell.strip() for cell in row] for row in csv.reader(handle)]
    except OSError as exc:
        raise InputError(f"{path}: {exc}") from None
    rows = [row for row in rows if any(row)]
    if not rows:
        raise InputError(f"{path}: empty")
    return rows[0], rows[1:]


def normal(name):
    """A column name reduced to lower-case letters and digits."""
    return re.sub(r"[^a-z0-9]", "", name.lower())


def find_column(header, wanted, names, fallback, path):
    """The index of the column named `wanted`, else of a usual name, else `fallback`."""
    keys = [normal(h) for h in header]
    if wanted is not None:
        if normal(wanted) not in keys:
            raise InputError(f"{path}: no column {wanted!r}")
        return keys.index(normal(wanted))
    for candidate in names:
        if candidate in keys:
            return keys.index(candidate)
    return fallback


def read_cases(args):
    """The cases in file order: id, size and, when a column gives it, arrival."""
    header, rows = read_table(args.cases)
    id_col = find_column(header, args.id_column, ID_NAMES, 0, args.cases)
    size_col = find_column(header, args.size_column, SIZE_NAMES, 1, args.cases)
    arrival_col = find_column(header, args.arrival_column, ARRIVAL_NAMES, None, args.cases)
    cases, seen = [], set()
    for line, row in enumerate(rows, start=2):
        case_id = row[id_col]
        if not case_id or case_id in seen:
            raise InputError(f"{args.cases}:{line}: empty or repeated case id {case_id!r}")
        seen.add(case_id)
        try:
            size = int(float(row[size_col]))
        except (ValueError, IndexError):
            raise InputError(f"{args.cases}:{line}: case size is not a number") from None
        if not 1 <= size <= 30:
            raise InputError(f"{args.cases}:{line}: case size {size} (logis takes 1..30)")
        case = {"id": case_id, "size": size}
        if arrival_col is not None and row[arrival_col] not in ("", "NA"):
            case["arrival"] = datetime.date.fromisoformat(row[arrival_col])
        cases.append(case)
    return cases


def read_capacities(path):
    """Affiliate -> yearly capacity in persons, in file order."""
    _, rows = read_table(path)
    capacities = {}
    for line, row in enumerate(rows, start=2):
        try:
            capacity = int(float(row[1]))
        except (ValueError, IndexError):
            raise InputError(f"{path}:{line}: capacity is not a number") from None
        if not row[0] or row[0] in capacities or capacity < 0:
            raise InputError(f"{path}:{line}: empty or repeated affiliate, or capacity < 0")
        capacities[row[0]] = capacity
    return capacities


def read_matrix(path, affiliates, parse):
    """A case x affiliate matrix as {(case, affiliate): parse(cell)}; NA/empty cells absent."""
    header, rows = read_table(path)
    unknown = [a for a in header[1:] if a not in affiliates]
    if unknown:
        raise InputError(f"{path}: affiliates without a capacity: {unknown[:5]}")
    table = {}
    for line, row in enumerate(rows, start=2):
        for affiliate, cell in zip(header[1:], row[1:]):
            if cell.upper() in ("", "NA"):
                continue
            try:
                table[row[0], affiliate] = parse(cell)
            except ValueError:
                raise InputError(f"{path}:{line}: {cell!r} under {affiliate}") from None
    return table


def compatible_cell(cell):
    """A compatibility cell: 1/0 (or true/false)."""
    value = cell.lower()
    if value in ("1", "1.0", "true"):
        return True
    if value in ("0", "0.0", "false"):
        return False
    raise ValueError(cell)


def probability_cell(cell):
    """An employment cell: a number from 0 to 1000 (a probability)."""
    value = float(cell)
    if not 0 <= value <= 1000:
        raise ValueError(cell)
    return value


def sites(affiliate, capacity):
    """Collective shared sites holding `capacity` places, at most SITE_MAX each, near equal."""
    count = math.ceil(capacity / SITE_MAX)
    places = [capacity // count + (k < capacity % count) for k in range(count)]
    suffix = (lambda k: f"-site{k + 1}") if count > 1 else (lambda k: "-site")
    return [{"id": affiliate + suffix(k), "territory": affiliate, "places": p,
             "shared": True} for k, p in enumerate(places)]


def household(case, affiliates, compat, employ, start):
    """A case as a household: compatible affiliates as territories, employment as scores."""
    chosen = [a for a in affiliates if compat.get((case["id"], a))]
    scores = {a: employ[case["id"], a] for a in chosen if (case["id"], a) in employ}
    return {"id": case["id"], "size": case["size"],
            "arrival": case.get("arrival", start).isoformat(),
            "territories": chosen or [NO_AFFILIATE], "may_share": True, "scores": scores}


def build(args):
    """The scenario and its households list."""
    start = datetime.date.fromisoformat(args.start)
    end = start.replace(year=start.year + 1)
    capacities = read_capacities(args.capacity)
    cases = read_cases(args)
    for case in cases:
        if not start <= case.get("arrival", start) < end:
            raise InputError(f"case {case['id']}: arrival outside [{start}, {end})")
    compat = read_matrix(args.compat, capacities, compatible_cell)
    employ = read_matrix(args.employment, capacities, probability_cell)
    households = [household(c, list(capacities), compat, employ, start) for c in cases]
    territories = [{"id": a, "quotas": [{"from": start.isoformat(), "until": end.isoformat(),
                                         "persons": c}]} for a, c in capacities.items()]
    if any(h["territories"] == [NO_AFFILIATE] for h in households):
        territories.append({"id": NO_AFFILIATE})
    scenario = {"name": f"HIAS-shaped: {len(cases)} cases, {len(capacities)} affiliates",
                "horizon": {"start": start.isoformat(), "end": end.isoformat()},
                "rules": {"stay_months": 12, "support_months": 12, "max_wait_days": 0},
                "objective": ["persons", "score"], "territories": territories,
                "dwellings": [s for a, c in capacities.items() if c > 0 for s in sites(a, c)]}
    return scenario, households


def write_json(path, value):
    """Writes a JSON object or array with one element of an array of objects a line."""
    def lines(item):
        if isinstance(item, list) and item and isinstance(item[0], dict):
            return "[\n" + ",\n".join(json.dumps(x) for x in item) + "\n]"
        return json.dumps(item)
    if isinstance(value, dict):
        text = "{\n" + ",\n".join(f"{json.dumps(k)}: {lines(v)}" for k, v in value.items()) \
            + "\n}\n"
    else:
        text = lines(value) + "\n"
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)


def main(argv=None):
    """Converts; exit 2 with a message on input that cannot be converted."""
    args = parse_args(argv)
    try:
        scenario, households = build(args)
    except (InputError, ValueError) as exc:
        print(f"hias_convert: {exc}", file=sys.stderr)
        return 2
    if args.households_file:
        scenario["households"] = "households.json"
        write_json(os.path.join(os.path.dirname(os.path.abspath(args.output)),
                                "households.json"), households)
    else:
        scenario["households"] = households
    write_json(args.output, scenario)
    left = sum(h["territories"] == [NO_AFFILIATE] for h in households)
    print(f"{len(households)} households, {len(scenario['dwellings'])} sites, "
          f"{left} without a compatible affiliate", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
