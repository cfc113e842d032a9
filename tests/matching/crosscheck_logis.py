#!/usr/bin/env python3
"""Differential test of check_rules.py against `logis verify` on rules 1-7: generated scenarios
without issue 15's members, logis's plans, and randomly broken copies of them."""

import argparse
import copy
import datetime
import json
import os
import random
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from check_rules import check  # noqa: E402
from scenario import load_scenario  # noqa: E402


def parse_args(argv=None):
    """The logis program, the seeds and the number of broken copies per plan."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--logis", required=True, help="path of the logis program")
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--mutations", type=int, default=30)
    parser.add_argument("--time-limit", default="10")
    return parser.parse_args(argv)


def shift(day, days):
    """An ISO date moved by some days."""
    return (datetime.date.fromisoformat(day) + datetime.timedelta(days=days)).isoformat()


def mutate(rng, plan, scenario):
    """A copy of the plan with one random change that may break a rule; and what it was."""
    plan = copy.deepcopy(plan)
    stays = plan["assignments"]
    if not stays:
        return plan, "nothing to change"
    k = rng.randrange(len(stays))
    stay, kind = stays[k], rng.choice(("shift", "move", "twice", "drop", "end", "swap"))
    if kind == "shift":
        days = rng.choice((-7, 7, 14, 1, -1, 28))
        stay["start"], stay["end"] = shift(stay["start"], days), shift(stay["end"], days)
    elif kind == "move":
        dwelling = rng.choice(list(scenario["dwellings"].values()))
        stay.update(dwelling=dwelling["id"], territory=dwelling["territory"],
                    places=dwelling["places"])
    elif kind == "twice":
        stays.append(dict(stay, start=shift(stay["start"], 7), end=shift(stay["end"], 7)))
    elif kind == "drop":
        del stays[k]
        plan["unassigned"].append({"household": stay["household"], "code": "capacity",
                                   "reason": "mutated"})
    elif kind == "end":
        stay["end"] = shift(stay["end"], 1)
    else:
        other = rng.choice(stays)
        for key in ("dwelling", "territory", "places"):
            stay[key], other[key] = other[key], stay[key]
    return plan, f"{kind} {stay['household']}"


def logis_rules(logis, scenario_path, plan_path):
    """The rules `logis verify` says the plan breaks."""
    run = subprocess.run([logis, "verify", scenario_path, plan_path], text=True,
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    return {int(n) for n in re.findall(r"\brule (\d)\b", run.stdout)}


def our_rules(scenario, plan):
    """The rules 1-7 check_rules.py says the plan breaks."""
    found, _, _ = check(scenario, plan)
    return {rule for rule, _ in found if isinstance(rule, int) and rule <= 7}


def one_seed(args, seed, folder, tally):
    """Generates, plans with logis and compares verdicts; returns the disagreements."""
    out = os.path.join(folder, f"seed{seed}")
    subprocess.run([sys.executable, os.path.join(HERE, "gen_matching.py"), "--seed",
                    str(seed), out], check=True, stderr=subprocess.DEVNULL)
    scenario_path = os.path.join(out, "scenario.json")
    plan_path = os.path.join(out, "plan.json")
    subprocess.run([args.logis, "plan", scenario_path, "-o", plan_path, "--time-limit",
                    args.time_limit, "--quiet"], check=True, stderr=subprocess.DEVNULL)
    scenario = load_scenario(scenario_path)
    with open(plan_path, encoding="utf-8") as handle:
        plan = json.load(handle)
    problems = []
    if our_rules(scenario, plan) or logis_rules(args.logis, scenario_path, plan_path):
        problems.append(f"seed {seed}: logis's own plan is said to break a rule")
    rng = random.Random(seed)
    broken = os.path.join(out, "broken.json")
    for _ in range(args.mutations):
        changed, what = mutate(rng, plan, scenario)
        with open(broken, "w", encoding="utf-8") as handle:
            json.dump(changed, handle)
        theirs, ours = logis_rules(args.logis, scenario_path, broken), \
            our_rules(scenario, changed)
        tally[bool(ours)] += 1
        if theirs != ours:
            problems.append(f"seed {seed}, {what}: logis says rules {sorted(theirs)}, "
                            f"check_rules.py {sorted(ours)}")
    return problems


def main(argv=None):
    """Exit 1 when check_rules.py and logis verify disagree on some plan."""
    args = parse_args(argv)
    problems, tally = [], [0, 0]
    with tempfile.TemporaryDirectory() as folder:
        for seed in range(1, args.seeds + 1):
            problems += one_seed(args, seed, folder, tally)
    for problem in problems:
        print(problem)
    print(f"{args.seeds} scenarios, {sum(tally)} changed plans ({tally[1]} breaking a rule): "
          f"{len(problems)} disagreements", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
