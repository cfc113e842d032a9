#!/usr/bin/env python3
"""Independent optimum of a static scenario (each household has one possible move-in date and
all stays overlap, as in HIAS-shaped scenarios) with CBC: persons level, then score level."""

import argparse
import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from scenario import ScenarioError, add_months, load_scenario, stay_end

MODELS = ("classes", "pairs")


class NotStatic(Exception):
    """The scenario is outside what this reference solves."""


def parse_args(argv=None):
    """SCENARIO, the model, the backend, a time limit and an optional plan to write."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("scenario")
    parser.add_argument("--model", choices=MODELS, default="classes",
                        help="classes: integer counts per dwelling and household class, "
                             "assignments continuous (exact, fast); pairs: one binary per "
                             "household and dwelling (plain, slow on large data)")
    parser.add_argument("--backend", choices=("auto", "pulp", "lp"), default="auto",
                        help="pulp's COIN_CMD, or an LP file written here and cbc (auto: pulp "
                             "when it imports)")
    parser.add_argument("--time-limit", type=float, default=None, help="seconds per level")
    parser.add_argument("--plan", help="also write the optimal assignment as a plan JSON")
    return parser.parse_args(argv)


# --- which stays are possible, and is the scenario static --------------------------------

def move_in(scenario, household):
    """The one move-in date of a household: its arrival, when the wait allows no other."""
    rules = scenario["rules"]
    if rules["max_wait_days"] >= rules["start_step_days"]:
        raise NotStatic("max_wait_days >= start_step_days: several move-in dates")
    return household["arrival"]


def fits(scenario, household, dwelling, start):
    """Rules 2 and 3 for one household, dwelling and move-in date."""
    h, d = household, dwelling
    if h["size"] > d["places"] or not h["needs"] <= d["features"]:
        return False
    if h["territories"] and d["territory"] not in h["territories"]:
        return False
    if (d["shared"] and not h["may_share"]) or h["lease"] not in ("any", d["lease"]):
        return False
    if not scenario["start"] <= start < scenario["end"]:
        return False
    if d["available_from"] and start < d["available_from"]:
        return False
    end = stay_end(scenario, h, d, start)
    return not (d["available_until"] and end > d["available_until"])


def candidates(scenario):
    """Every (household, dwelling, start, end) that rules 2-4 allow."""
    if scenario["fixed"]:
        raise NotStatic("fixed stays")
    pairs = []
    for h in scenario["households"].values():
        start = move_in(scenario, h)
        for d in scenario["dwellings"].values():
            if fits(scenario, h, d, start):
                pairs.append((h, d, start, stay_end(scenario, h, d, start)))
    return pairs


def check_static(scenario, pairs):
    """All stays (with turnover) and all accompaniments share a date, so capacity is static."""
    if not pairs:
        return
    turnover = datetime.timedelta(days=scenario["rules"]["turnover_days"])
    latest = max(p[2] for p in pairs)
    if latest >= min(p[3] + turnover for p in pairs):
        raise NotStatic("some stays do not overlap: occupancy is not one constraint a dwelling")
    support = scenario["rules"]["support_months"]
    if latest >= min(add_months(p[2], support) for p in pairs):
        raise NotStatic("some accompaniments do not overlap")


# --- the model: columns (name, kind B/I/C, upper bound) and rows (name, terms, sense, rhs) -

class Model:
    """Columns, rows and the two level objectives, as {column index: coefficient}."""

    def __init__(self):
        self.columns, self.rows = [], []
        self.objectives = {"persons": {}, "score": {}}

    def column(self, name, kind, upper=1):
        """Adds a column; returns its index."""
        self.columns.append((name, kind, upper))
        return len(self.columns) - 1

    def row(self, name, terms, sense, rhs):
        """Adds a row when it has terms."""
        if terms:
            self.rows.append((name, terms, sense, rhs))


def stay_columns(model, pairs, kind, linked):
    """One column per possible stay (binary for linked households), with its score."""
    x = []
    for j, (h, d, _, _) in enumerate(pairs):
        x.append(model.column(f"x{j}", "B" if h["id"] in linked else kind))
        if h["scores"].get(d["territory"]):
            model.objectives["score"][x[j]] = h["scores"][d["territory"]]
    return x


def once_rows(model, pairs, x):
    """Each household is housed at most once."""
    by_household = {}
    for j, (h, _, _, _) in enumerate(pairs):
        by_household.setdefault(h["id"], {})[x[j]] = 1
    for k, terms in enumerate(by_household.values()):
        model.row(f"once{k}", terms, "<=", 1)


def stay_loads(pairs, x):
    """pairs model: what each stay puts in its dwelling, {dwelling: {column: load}}; a load
    is (persons, priority x persons, move-in date) per unit of the column."""
    load = {}
    for j, (h, d, start, _) in enumerate(pairs):
        load.setdefault(d["id"], {})[x[j]] = (h["size"], h["priority"] * h["size"], start)
    return load


def class_loads(model, pairs, x):
    """classes model: an integer count per dwelling and class of households alike for every
    row but 'once' (size, priority, move-in date), tied to the class's stays by a row."""
    load, ties = {}, {}
    for j, (h, d, start, _) in enumerate(pairs):
        key = (d["id"], h["size"], h["priority"], start)
        if key not in ties:
            upper = d["places"] // h["size"] if d["shared"] else 1
            count = model.column(f"n{len(ties)}", "I", upper)
            ties[key] = {count: -1}
            load.setdefault(d["id"], {})[count] = (h["size"], h["priority"] * h["size"], start)
        ties[key][x[j]] = 1
    for k, terms in enumerate(ties.values()):
        model.row(f"class{k}", terms, "=", 0)
    return load


def room_rows(model, scenario, load):
    """Rule 5, static: a shared dwelling's places; one household in any other."""
    for k, (did, columns) in enumerate(load.items()):
        dwelling = scenario["dwellings"][did]
        if dwelling["shared"]:
            terms = {c: size for c, (size, _, _) in columns.items()}
            model.row(f"room{k}", terms, "<=", dwelling["places"])
        else:
            model.row(f"room{k}", {c: 1 for c in columns}, "<=", 1)


def territory_rows(model, scenario, load):
    """Rule 6 (static caseload) and rule 8 (quotas) of each territory."""
    for k, (tid, territory) in enumerate(scenario["territories"].items()):
        mine = {c: v for did, columns in load.items()
                if scenario["dwellings"][did]["territory"] == tid for c, v in columns.items()}
        if territory["caseload"] is not None:
            model.row(f"caseload{k}", {c: 1 for c in mine}, "<=", territory["caseload"])
        for q, quota in enumerate(territory["quotas"]):
            inside = {c: v for c, v in mine.items() if quota["from"] <= v[2] < quota["until"]}
            if "persons" in quota:
                model.row(f"quota{k}p{q}", {c: v[0] for c, v in inside.items()}, "<=",
                          quota["persons"])
            if "households" in quota:
                model.row(f"quota{k}h{q}", {c: 1 for c in inside}, "<=", quota["households"])


def link_rows(model, scenario, pairs, x):
    """Rule 9: a binary y per link and territory; each member is housed there iff y."""
    for k, members in enumerate(scenario["links"]):
        for t, tid in enumerate(scenario["territories"]):
            y = model.column(f"y{k}_{t}", "B")
            for m, hid in enumerate(members):
                terms = {x[j]: 1 for j, p in enumerate(pairs)
                         if p[0]["id"] == hid and p[1]["territory"] == tid}
                terms[y] = -1
                model.row(f"link{k}_{t}_{m}", terms, "=", 0)


def build_model(scenario, model_name):
    """The candidate stays, the index of each stay's column, and the model."""
    pairs = candidates(scenario)
    check_static(scenario, pairs)
    model = Model()
    linked = {hid for members in scenario["links"] for hid in members}
    x = stay_columns(model, pairs, "C" if model_name == "classes" else "B", linked)
    once_rows(model, pairs, x)
    load = class_loads(model, pairs, x) if model_name == "classes" else stay_loads(pairs, x)
    room_rows(model, scenario, load)
    territory_rows(model, scenario, load)
    link_rows(model, scenario, pairs, x)
    model.objectives["persons"] = {c: v[1] for columns in load.values()
                                   for c, v in columns.items()}
    return pairs, x, model


# --- solving with CBC ----------------------------------------------------------------------

def lp_terms(terms, columns):
    """A linear expression in LP format, a few terms a line."""
    parts = [f"{'+' if c >= 0 else '-'} {abs(c):.12g} {columns[j][0]}" for j, c in terms.items()]
    return "\n   ".join(" ".join(parts[i:i + 8]) for i in range(0, len(parts), 8))


def write_lp(path, model, rows, objective):
    """The model in CPLEX LP format, maximising `objective`."""
    columns = model.columns
    with open(path, "w", encoding="ascii") as out:
        out.write(f"Maximize\n obj: {lp_terms(objective, columns) or '0 ' + columns[0][0]}\n")
        out.write("Subject To\n")
        for name, terms, sense, rhs in rows:
            out.write(f" {name}: {lp_terms(terms, columns)} {sense} {rhs:.12g}\n")
        out.write("Bounds\n")
        for name, kind, upper in columns:
            if kind != "B":
                out.write(f" 0 <= {name} <= {upper}\n")
        for section, kind in (("Generals", "I"), ("Binaries", "B")):
            names = [name for name, k, _ in columns if k == kind]
            if names:
                out.write(section + "\n")
                for i in range(0, len(names), 10):
                    out.write(" " + " ".join(names[i:i + 10]) + "\n")
        out.write("End\n")


def log_bound(log, fallback):
    """CBC's last proven bound from its log (it minimises the negated objective)."""
    found = re.findall(r"best possible (-?[0-9.e+-]+)", log)
    return -float(found[-1]) if found else fallback


def solve_lp(model, rows, objective, time_limit):
    """Solves with cbc on an LP file written here: (status, {column: value}, log)."""
    cbc = shutil.which("cbc")
    if cbc is None:
        raise RuntimeError("cbc not found (apt-get install coinor-cbc)")
    with tempfile.TemporaryDirectory() as folder:
        path, solution = os.path.join(folder, "m.lp"), os.path.join(folder, "m.sol")
        write_lp(path, model, rows, objective)
        command = [cbc, path, "ratioGap", "0", "allowableGap", "1e-9"]
        command += ["sec", str(time_limit)] if time_limit else []
        log = subprocess.run(command + ["solve", "solu", solution], check=True, text=True,
                             stdout=subprocess.PIPE).stdout
        with open(solution, encoding="ascii") as handle:
            header = handle.readline()
            status = "no solution" if "no integer solution" in header \
                else header.split()[0].lower()
            cells = [line.replace("**", " ").split() for line in handle]
    index = {name: k for k, (name, _, _) in enumerate(model.columns)}
    return status, {index[c[1]]: float(c[2]) for c in cells if len(c) >= 3}, log


def solve_pulp(model, rows, objective, time_limit):
    """Solves with pulp's COIN_CMD (cbc): (status, {column: value}, log)."""
    import pulp
    problem = pulp.LpProblem("reference", pulp.LpMaximize)
    kinds = {"B": pulp.LpBinary, "I": pulp.LpInteger, "C": pulp.LpContinuous}
    var = [pulp.LpVariable(name, 0, upper, kinds[kind]) for name, kind, upper in model.columns]
    problem += pulp.lpSum(c * var[j] for j, c in objective.items())
    for name, terms, sense, rhs in rows:
        expression = pulp.lpSum(c * var[j] for j, c in terms.items())
        problem += {"<=": expression <= rhs, ">=": expression >= rhs,
                    "=": expression == rhs}[sense], name
    with tempfile.TemporaryDirectory() as folder:
        log_path = os.path.join(folder, "cbc.log")
        problem.solve(pulp.COIN_CMD(path=shutil.which("cbc"), msg=False, timeLimit=time_limit,
                                    gapRel=0, logPath=log_path))
        with open(log_path, encoding="utf-8", errors="replace") as handle:
            log = handle.read()
    status = "optimal" if problem.sol_status == pulp.LpSolutionOptimal else \
        ("stopped" if problem.sol_status == pulp.LpSolutionIntegerFeasible
         else pulp.LpStatus[problem.status].lower())
    return status, {j: v.varValue or 0.0 for j, v in enumerate(var)}, log


def pick_backend(name):
    """The backend asked for (auto: pulp when it imports) and its solve function."""
    if name == "auto":
        try:
            import pulp  # noqa: F401
            name = "pulp"
        except ImportError:
            name = "lp"
    return name, solve_pulp if name == "pulp" else solve_lp


def levels(scenario):
    """The persons and score levels in the scenario's order."""
    return [level for level in scenario["objective"] if level in ("persons", "score")] \
        or ["persons"]


def solve_levels(scenario, model, x, args):
    """Each level with the ones before held at their value; the chosen stays and a report."""
    solve = pick_backend(args.backend)[1]
    rows, values, report = list(model.rows), {}, {}
    for level in levels(scenario):
        objective = model.objectives[level]
        status, values, log = solve(model, rows, objective, args.time_limit)
        if status not in ("optimal", "stopped"):
            raise RuntimeError(f"level {level}: cbc says {status}")
        value = sum(c * values.get(j, 0.0) for j, c in objective.items())
        report[level] = {"status": status, "value": value,
                         "bound": value if status == "optimal" else log_bound(log, None)}
        slack = 0.5 if level == "persons" else 1e-7 * max(1.0, abs(value))
        rows.append((f"hold_{level}", objective, ">=", value - slack))
    fractional = [j for j in x if 1e-6 < values.get(j, 0.0) < 1 - 1e-6]
    if fractional:
        raise RuntimeError(f"{len(fractional)} fractional stays in the solution")
    return {j for j, col in enumerate(x) if values.get(col, 0.0) > 0.5}, report


def totals(pairs, chosen):
    """Weighted persons and score of the chosen stays, recomputed from the scenario."""
    persons = sum(pairs[j][0]["priority"] * pairs[j][0]["size"] for j in chosen)
    score = sum(pairs[j][0]["scores"].get(pairs[j][1]["territory"], 0.0) for j in chosen)
    return persons, score


def write_plan(path, scenario, pairs, chosen, status):
    """The assignment found as a logis-shaped plan (checked by check_rules.py)."""
    stays = sorted((pairs[j] for j in chosen), key=lambda p: (p[1]["id"], p[2], p[0]["id"]))
    housed = {p[0]["id"] for p in stays}
    persons, score = totals(pairs, chosen)
    plan = {"logis": "reference.py", "status": "optimal" if status == "optimal" else "feasible",
            "objective": {"weighted_persons_housed": persons, "score": round(score, 9)},
            "assignments": [{"household": h["id"], "dwelling": d["id"],
                             "territory": d["territory"], "start": s.isoformat(),
                             "end": e.isoformat(), "size": h["size"], "places": d["places"],
                             "wait_days": (s - h["arrival"]).days} for h, d, s, e in stays],
            "unassigned": [{"household": hid, "code": "capacity", "reason": "reference.py"}
                           for hid in scenario["households"] if hid not in housed]}
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(plan, handle, indent=1)
        handle.write("\n")


def main(argv=None):
    """Prints {"persons", "score", "seconds", ...}; exit 2 on a scenario it cannot solve, 3 when
    CBC fails or a time limit leaves a level without a solution."""
    args = parse_args(argv)
    began = time.monotonic()
    try:
        scenario = load_scenario(args.scenario)
        pairs, x, model = build_model(scenario, args.model)
        chosen, report = solve_levels(scenario, model, x, args) if pairs else (set(), {})
    except (ScenarioError, NotStatic) as exc:
        print(f"reference: {exc}", file=sys.stderr)
        return 2
    except RuntimeError as exc:
        print(f"reference: {exc}", file=sys.stderr)
        return 3
    status = "optimal" if all(r["status"] == "optimal" for r in report.values()) \
        else "stopped"
    if args.plan:
        write_plan(args.plan, scenario, pairs, chosen, status)
    persons, score = totals(pairs, chosen)
    result = {"persons": persons, "score": round(score, 9),
              "seconds": round(time.monotonic() - began, 2),
              "status": status, "levels": report, "model": args.model,
              "backend": pick_backend(args.backend)[0], "columns": len(model.columns),
              "rows": len(model.rows)}
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
