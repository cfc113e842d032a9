#!/usr/bin/env python3
"""A first-come, smallest-fit plan that keeps rules 1-9, for testing check_rules.py on
scenarios logis cannot plan yet.  Usage: first_fit.py SCENARIO.json -o PLAN.json"""

import argparse
import datetime
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from scenario import add_months, load_scenario, stay_end


def load_within(intervals, begin, end):
    """The highest total weight of [b, e) intervals on a date of [begin, end)."""
    dates = [begin] + [b for b, _, _ in intervals if begin < b < end]
    return max(sum(w for b, e, w in intervals if b <= day < e) for day in dates)


class Park:
    """What the plan holds so far: stays per dwelling and territory."""

    def __init__(self, scenario):
        self.scenario = scenario
        self.turnover = datetime.timedelta(days=scenario["rules"]["turnover_days"])
        self.by_dwelling = {did: [] for did in scenario["dwellings"]}
        self.by_territory = {tid: [] for tid in scenario["territories"]}
        self.stays = []

    def room(self, household, dwelling, start, end):
        """Rule 5: the dwelling has room for the stay."""
        taken = self.by_dwelling[dwelling["id"]]
        if dwelling["lease"] == "sliding":
            return not taken
        busy = [(s["start"], s["end"] + self.turnover, s["size"]) for s in taken]
        if dwelling["shared"]:
            load = load_within(busy, start, end + self.turnover)
            return load + household["size"] <= dwelling["places"]
        return all(e <= start or end + self.turnover <= b for b, e, _ in busy)

    def team(self, household, territory, start):
        """Rules 6 and 8: the territory's caseload and quotas allow the stay."""
        support = self.scenario["rules"]["support_months"]
        mine = self.by_territory[territory["id"]]
        if territory["caseload"] is not None:
            spans = [(s["start"], add_months(s["start"], support), 1) for s in mine]
            if load_within(spans, start, add_months(start, support)) + 1 > \
                    territory["caseload"]:
                return False
        for quota in territory["quotas"]:
            if not quota["from"] <= start < quota["until"]:
                continue
            inside = [s for s in mine if quota["from"] <= s["start"] < quota["until"]]
            if sum(s["size"] for s in inside) + household["size"] > quota.get("persons", 1e18):
                return False
            if len(inside) + 1 > quota.get("households", 1e18):
                return False
        return True

    def add(self, household, dwelling, start, fixed=False):
        """Puts a stay in the plan."""
        stay = {"household": household["id"], "dwelling": dwelling["id"],
                "territory": dwelling["territory"], "start": start,
                "end": stay_end(self.scenario, household, dwelling, start),
                "size": household["size"], "places": dwelling["places"],
                "wait_days": (start - household["arrival"]).days}
        if fixed:
            stay.update(fixed=True, kept="given")
        self.stays.append(stay)
        self.by_dwelling[dwelling["id"]].append(stay)
        self.by_territory[dwelling["territory"]].append(stay)

    def remove_last(self, count):
        """Takes the last `count` stays back out (a link that could not be housed whole)."""
        for stay in self.stays[len(self.stays) - count:]:
            self.by_dwelling[stay["dwelling"]].remove(stay)
            self.by_territory[stay["territory"]].remove(stay)
        del self.stays[len(self.stays) - count:]


def fits(household, dwelling, territory_id):
    """Rule 2, in the territory asked for (any when None)."""
    h, d = household, dwelling
    return (h["size"] <= d["places"] and h["needs"] <= d["features"]
            and (not h["territories"] or d["territory"] in h["territories"])
            and (territory_id is None or d["territory"] == territory_id)
            and (h["may_share"] or not d["shared"]) and h["lease"] in ("any", d["lease"]))


def dates(scenario, household):
    """Rule 3: the household's move-in dates on its grid within the wait and the horizon."""
    rules = scenario["rules"]
    step = datetime.timedelta(days=rules["start_step_days"])
    day, last = household["arrival"], household["arrival"] + \
        datetime.timedelta(days=rules["max_wait_days"])
    while day <= last:
        if scenario["start"] <= day < scenario["end"]:
            yield day
        day += step


def place(park, household, territory_id=None):
    """Houses one household at its earliest date in its smallest fitting dwelling."""
    scenario = park.scenario
    dwellings = sorted((d for d in scenario["dwellings"].values()
                        if fits(household, d, territory_id)), key=lambda d: (d["places"], d["id"]))
    for start in dates(scenario, household):
        for d in dwellings:
            end = stay_end(scenario, household, d, start)
            if d["available_from"] and start < d["available_from"]:
                continue
            if d["available_until"] and end > d["available_until"]:
                continue
            if park.room(household, d, start, end) and \
                    park.team(household, scenario["territories"][d["territory"]], start):
                park.add(household, d, start)
                return True
    return False


def place_link(park, members, territories):
    """Houses linked households all in one of the territories, or none of them."""
    for tid in territories:
        placed = 0
        for household in members:
            if not place(park, household, tid):
                break
            placed += 1
        if placed == len(members):
            return True
        park.remove_last(placed)
    return False


def plan(scenario):
    """Fixed stays, then households by arrival (a link when its first member comes)."""
    park, done = Park(scenario), set()
    households = scenario["households"]
    for fixed in scenario["fixed"]:
        park.add(households[fixed["household"]], scenario["dwellings"][fixed["dwelling"]],
                 fixed["start"], fixed=True)
        done.add(fixed["household"])
    link_of = {hid: members for members in scenario["links"] for hid in members}
    for household in sorted(households.values(), key=lambda h: (h["arrival"], h["id"])):
        if household["id"] in done:
            continue
        link = link_of.get(household["id"], [household["id"]])
        held = {s["territory"] for s in park.stays if s["household"] in link}
        members = [households[hid] for hid in link if hid not in done]
        done.update(link)
        if len(link) > 1:
            place_link(park, members, sorted(held) or list(scenario["territories"]))
        else:
            place(park, household)
    return park.stays


def to_plan(scenario, stays):
    """The plan JSON: assignments, unassigned, weighted persons and score."""
    housed = {s["household"] for s in stays}
    households = scenario["households"]
    score = sum(households[s["household"]]["scores"].get(s["territory"], 0.0) for s in stays)
    stays = sorted(stays, key=lambda s: (s["dwelling"], s["start"], s["household"]))
    for stay in stays:
        stay["start"], stay["end"] = stay["start"].isoformat(), stay["end"].isoformat()
    return {"logis": "first_fit.py", "status": "feasible",
            "objective": {"weighted_persons_housed": sum(
                households[h]["priority"] * households[h]["size"] for h in housed),
                "score": round(score, 9)},
            "assignments": stays,
            "unassigned": [{"household": hid, "code": "capacity", "reason": "first_fit.py"}
                           for hid in households if hid not in housed]}


def main(argv=None):
    """Reads the scenario, writes the plan."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("scenario")
    parser.add_argument("-o", "--output", required=True)
    args = parser.parse_args(argv)
    scenario = load_scenario(args.scenario)
    result = to_plan(scenario, plan(scenario))
    with open(args.output, "w", encoding="utf-8") as handle:
        json.dump(result, handle, indent=1)
        handle.write("\n")
    print(f"{len(result['assignments'])} of {len(scenario['households'])} households housed",
          file=sys.stderr)


if __name__ == "__main__":
    main()
