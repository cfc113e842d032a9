#!/usr/bin/env python3
"""Independent checker of a logis plan against rules 1-9 (README rules 1-7, issue 15 rules 8-9),
written from the documentation only.  Usage: check_rules.py SCENARIO.json PLAN.json"""

import datetime
import os
import sys
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from scenario import ScenarioError, add_months, load_json, load_scenario, parse_date, stay_end

ONE_DAY = datetime.timedelta(days=1)


def read_stays(scenario, plan, report):
    """The plan's assignments as stays; an unreadable one is reported and left out."""
    stays = []
    for k, raw in enumerate(plan.get("assignments", [])):
        where = f"/assignments/{k}"
        household = scenario["households"].get(raw.get("household"))
        dwelling = scenario["dwellings"].get(raw.get("dwelling"))
        if household is None or dwelling is None:
            report("plan", f"{where}: unknown household {raw.get('household')!r} "
                           f"or dwelling {raw.get('dwelling')!r}")
            continue
        try:
            start = parse_date(raw.get("start"), where + "/start")
            stated_end = parse_date(raw.get("end"), where + "/end")
        except ScenarioError as exc:
            report("plan", str(exc))
            continue
        stays.append({"k": k, "raw": raw, "h": household, "d": dwelling, "start": start,
                      "stated_end": stated_end, "end": stay_end(scenario, household, dwelling,
                                                                start)})
    return stays


def name(stay):
    """How a message names a stay."""
    return f"household {stay['h']['id']} in {stay['d']['id']} from {stay['start']}"


def is_exempt(scenario, plan, stay):
    """A fixed stay (the scenario's, or one a re-plan kept): grid, wait and horizon do not bind."""
    key = (stay["h"]["id"], stay["d"]["id"], stay["start"])
    if key in {(f["household"], f["dwelling"], f["start"]) for f in scenario["fixed"]}:
        return True
    return "replan" in plan and stay["raw"].get("kept") in ("begun", "announced")


def check_partition(scenario, plan, report):
    """Every household is in assignments or in unassigned, once, and nothing else is."""
    housed = {a.get("household") for a in plan.get("assignments", [])}
    left = Counter(u.get("household") for u in plan.get("unassigned", []))
    for hid in scenario["households"]:
        if (hid in housed) + left[hid] != 1:
            report("plan", f"household {hid}: housed {hid in housed}, unassigned {left[hid]} "
                           "times (it must be in exactly one of them, once)")
    for hid in sorted(set(left) - set(scenario["households"]), key=str):
        report("plan", f"unassigned names unknown household {hid!r}")


def rule1_once(stays, report):
    """Rule 1: each household is housed at most once, in one dwelling."""
    seen = {}
    for stay in stays:
        hid = stay["h"]["id"]
        if hid in seen:
            report(1, f"household {hid} housed twice: {seen[hid]} and {name(stay)}")
        else:
            seen[hid] = name(stay)


def rule2_fit(stays, report):
    """Rule 2: size, needs, territory, sharing and lease fit the dwelling."""
    for stay in stays:
        h, d = stay["h"], stay["d"]
        if h["size"] > d["places"]:
            report(2, f"{name(stay)}: size {h['size']} > {d['places']} places")
        if not h["needs"] <= d["features"]:
            report(2, f"{name(stay)}: needs {sorted(h['needs'] - d['features'])} not met")
        if h["territories"] and d["territory"] not in h["territories"]:
            report(2, f"{name(stay)}: territory {d['territory']} not among the household's")
        if d["shared"] and not h["may_share"]:
            report(2, f"{name(stay)}: the dwelling is shared and the household may not share")
        if h["lease"] != "any" and h["lease"] != d["lease"]:
            report(2, f"{name(stay)}: lease {d['lease']}, the household wants {h['lease']}")


def rule3_dates(scenario, plan, stays, report):
    """Rule 3: arrival, waiting limit, grid, horizon, availability, re-plan date."""
    rules = scenario["rules"]
    now = plan.get("replan", {}).get("now")
    now = parse_date(now, "/replan/now") if now else None
    for stay in stays:
        h, d, start = stay["h"], stay["d"], stay["start"]
        wait = (start - h["arrival"]).days
        if wait < 0:
            report(3, f"{name(stay)}: move-in before arrival {h['arrival']}")
        if d["available_from"] and start < d["available_from"]:
            report(3, f"{name(stay)}: before available_from {d['available_from']}")
        if d["available_until"] and stay["end"] > d["available_until"]:
            report(3, f"{name(stay)}: ends {stay['end']} after available_until "
                      f"{d['available_until']}")
        if is_exempt(scenario, plan, stay):
            continue
        if wait > rules["max_wait_days"]:
            report(3, f"{name(stay)}: waits {wait} days > max_wait_days {rules['max_wait_days']}")
        if wait >= 0 and wait % rules["start_step_days"]:
            report(3, f"{name(stay)}: not on the grid of {rules['start_step_days']} days")
        if not scenario["start"] <= start < scenario["end"]:
            report(3, f"{name(stay)}: move-in outside the horizon")
        if now and start < now:
            report(3, f"{name(stay)}: starts before the re-plan date {now} and was not kept")


def rule4_end(stays, report):
    """Rule 4: the stated end is start + stay months (support months under a sliding lease)."""
    for stay in stays:
        if stay["stated_end"] != stay["end"]:
            report(4, f"{name(stay)}: ends {stay['stated_end']}, should end {stay['end']}")


def peak(intervals):
    """The highest total weight of half-open [begin, end) intervals on one date, and that date."""
    events = sorted([(b, 1, w) for b, e, w in intervals] + [(e, 0, -w) for b, e, w in intervals])
    best, when, total = 0, None, 0
    for date, _, weight in events:
        total += weight
        if total > best:
            best, when = total, date
    return best, when


def rule5_occupancy(scenario, stays, report):
    """Rule 5: one household at a time (turnover between), shared places, sliding once."""
    turnover = datetime.timedelta(days=scenario["rules"]["turnover_days"])
    by_dwelling = {}
    for stay in stays:
        by_dwelling.setdefault(stay["d"]["id"], []).append(stay)
    for did, group in sorted(by_dwelling.items()):
        dwelling = group[0]["d"]
        if dwelling["lease"] == "sliding" and len(group) > 1:
            report(5, f"sliding dwelling {did} hosts {len(group)} households (one in the plan)")
        elif dwelling["shared"]:
            load, date = peak([(s["start"], s["end"] + turnover, s["h"]["size"]) for s in group])
            if load > dwelling["places"]:
                report(5, f"shared dwelling {did} holds {load} persons on {date} "
                          f"> {dwelling['places']} places")
        else:
            group = sorted(group, key=lambda s: s["start"])
            for before, after in zip(group, group[1:]):
                if after["start"] < before["end"] + turnover:
                    report(5, f"{name(after)}: the dwelling is not free until "
                              f"{before['end'] + turnover} ({name(before)})")


def rule6_caseload(scenario, stays, report):
    """Rule 6: on every date a territory accompanies at most its caseload of households."""
    support = scenario["rules"]["support_months"]
    for tid, territory in sorted(scenario["territories"].items()):
        if territory["caseload"] is None:
            continue
        spans = [(s["start"], add_months(s["start"], support), 1)
                 for s in stays if s["d"]["territory"] == tid]
        load, date = peak(spans)
        if load > territory["caseload"]:
            report(6, f"territory {tid} accompanies {load} households on {date} "
                      f"> caseload {territory['caseload']}")


def rule7_fixed(scenario, plan, stays, report):
    """Rule 7: fixed stays are in the plan as given, and only they are marked fixed."""
    given = {(f["household"], f["dwelling"], f["start"]) for f in scenario["fixed"]}
    for stay in stays:
        key = (stay["h"]["id"], stay["d"]["id"], stay["start"])
        if key in given and stay["raw"].get("fixed") is not True:
            report(7, f"{name(stay)}: a fixed stay not marked fixed")
        kept = stay["raw"].get("kept", "given" if stay["raw"].get("fixed") else None)
        if kept == "given" and key not in given:
            report(7, f"{name(stay)}: marked fixed but not a fixed stay of the scenario")
        if kept in ("begun", "announced") and "replan" not in plan:
            report(7, f"{name(stay)}: kept {kept!r} in a plan that is not a re-plan")
    placed = {(s["h"]["id"], s["d"]["id"], s["start"]) for s in stays}
    for household, dwelling, start in sorted(given - placed):
        report(7, f"fixed stay of {household} in {dwelling} from {start} is not in the plan")


def rule8_quotas(scenario, stays, report):
    """Rule 8: at most N persons (households) of a territory move in within a quota's window."""
    for tid, territory in sorted(scenario["territories"].items()):
        for quota in territory["quotas"]:
            inside = [s for s in stays if s["d"]["territory"] == tid
                      and quota["from"] <= s["start"] < quota["until"]]
            persons = sum(s["h"]["size"] for s in inside)
            window = f"territory {tid} [{quota['from']}, {quota['until']})"
            if "persons" in quota and persons > quota["persons"]:
                report(8, f"{window}: {persons} persons move in > quota {quota['persons']}")
            if "households" in quota and len(inside) > quota["households"]:
                report(8, f"{window}: {len(inside)} households move in "
                          f"> quota {quota['households']}")


def rule9_links(scenario, stays, report):
    """Rule 9: linked households are housed all or none, all in one territory."""
    where = {}
    for stay in stays:
        where.setdefault(stay["h"]["id"], set()).add(stay["d"]["territory"])
    for k, members in enumerate(scenario["links"]):
        housed = [hid for hid in members if hid in where]
        if housed and len(housed) != len(members):
            report(9, f"link {k} {members}: only {housed} housed (all or none)")
        territories = set().union(*(where[hid] for hid in housed)) if housed else set()
        if len(territories) > 1:
            report(9, f"link {k} {members}: housed in several territories {sorted(territories)}")


def close(stated, computed):
    """Equal to 1e-6 relative (absolute below 1)."""
    return abs(stated - computed) <= 1e-6 * max(1.0, abs(computed))


def check_objective(plan, stays, report):
    """The plan's weighted persons housed and score are the ones its stays give."""
    first = {}
    for stay in stays:
        first.setdefault(stay["h"]["id"], stay)
    weighted = sum(s["h"]["priority"] * s["h"]["size"] for s in first.values())
    score = sum(s["h"]["scores"].get(s["d"]["territory"], 0.0) for s in first.values())
    objective = plan.get("objective", {})
    stated = objective.get("weighted_persons_housed")
    if stated != weighted:
        report("objective", f"weighted_persons_housed {stated}, the stays give {weighted}")
    stated = objective.get("score")
    if isinstance(stated, dict):
        stated = stated.get("value")
    if "score" in objective and (not isinstance(stated, (int, float)) or not close(stated, score)):
        report("objective", f"score {stated}, the stays give {score:.9g}")
    return weighted, score


def check_figures(stays, report):
    """What each assignment states besides dates: territory, size, places, wait."""
    for stay in stays:
        raw, h, d = stay["raw"], stay["h"], stay["d"]
        expected = {"territory": d["territory"], "size": h["size"], "places": d["places"],
                    "wait_days": (stay["start"] - h["arrival"]).days}
        for key, value in expected.items():
            if key in raw and raw[key] != value:
                report("figures", f"{name(stay)}: {key} {raw[key]!r}, should be {value!r}")


def check(scenario, plan):
    """Every violation as (rule, message); the recomputed weighted persons and score."""
    found = []

    def report(rule, message):
        found.append((rule, message))

    stays = read_stays(scenario, plan, report)
    check_partition(scenario, plan, report)
    rule1_once(stays, report)
    rule2_fit(stays, report)
    rule3_dates(scenario, plan, stays, report)
    rule4_end(stays, report)
    rule5_occupancy(scenario, stays, report)
    rule6_caseload(scenario, stays, report)
    rule7_fixed(scenario, plan, stays, report)
    rule8_quotas(scenario, stays, report)
    rule9_links(scenario, stays, report)
    check_figures(stays, report)
    weighted, score = check_objective(plan, stays, report)
    return found, weighted, score


def main(argv):
    """Exit 0 when the plan keeps every rule, 1 with the violations, 2 on unreadable input."""
    if len(argv) != 3:
        print("usage: check_rules.py SCENARIO.json PLAN.json", file=sys.stderr)
        return 2
    try:
        scenario = load_scenario(argv[1])
        plan = load_json(argv[2])
        found, weighted, score = check(scenario, plan)
    except (ScenarioError, KeyError, TypeError, AttributeError) as exc:
        print(f"check_rules: cannot read the input: {exc!r}", file=sys.stderr)
        return 2
    for rule, message in found:
        label = f"rule {rule}" if isinstance(rule, int) else rule
        print(f"{label}: {message}")
    housed = len({a.get("household") for a in plan.get("assignments", [])})
    verdict = "VIOLATIONS" if found else "ok"
    print(f"{verdict}: {len(found)} violations; {housed} households housed, weighted persons "
          f"{weighted}, score {score:.6f}", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
