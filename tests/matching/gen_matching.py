#!/usr/bin/env python3
"""Seeded generator of logis scenarios (10-800 households) exercising issue 15's matching:
scores, territory quotas, linked households, collective sites, with caseloads and waits."""

import argparse
import csv
import datetime
import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from scenario import add_months

DAY = datetime.timedelta(days=1)
SIZES = range(1, 10)
SIZE_WEIGHTS = [30, 14, 14, 13, 10, 8, 5, 4, 2]
FEATURES = ("accessible", "ground_floor")


def parse_args(argv=None):
    """--seed N OUTDIR and the features to exercise."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--households", type=int, help="10..800 (default: drawn from the seed)")
    parser.add_argument("--links", type=int, default=0, help="groups of 2-3 linked households")
    parser.add_argument("--quotas", action="store_true", help="quota windows on territories")
    parser.add_argument("--scores", action="store_true", help="scores (inline, CSV or array)")
    parser.add_argument("--collective", action="store_true",
                        help="collective shared sites of 51..1000 places")
    parser.add_argument("outdir")
    args = parser.parse_args(argv)
    if args.households is not None and not 10 <= args.households <= 800:
        parser.error("--households must be from 10 to 800")
    return args


def draw_size(rng):
    """A household size, skewed small."""
    return rng.choices(SIZES, SIZE_WEIGHTS)[0]


def make_frame(rng):
    """Horizon and rules."""
    start = datetime.date(2027, 1, 4) + 7 * DAY * rng.randrange(0, 26)
    end = add_months(start, rng.choice((6, 12)))
    support = rng.choice((6, 12))
    rules = {"stay_months": rng.choice([m for m in (2, 3, 3, 4, 6) if m <= support]),
             "support_months": support, "max_wait_days": rng.choice((0, 7, 14, 28)),
             "start_step_days": rng.choice((7, 7, 14)), "turnover_days": rng.choice((0, 0, 7))}
    return start, end, rules


def make_territories(rng, households):
    """2-6 territories; about half have a caseload."""
    count = rng.randint(2, 6)
    territories = []
    for k in range(count):
        territory = {"id": f"T{k + 1}", "name": f"Territory {k + 1}"}
        if rng.random() < 0.5:
            territory["caseload"] = max(3, round(households / count * rng.uniform(0.3, 0.9)))
        territories.append(territory)
    return territories


def random_date(rng, start, end):
    """A date in [start, end)."""
    return start + DAY * rng.randrange(0, (end - start).days)


def ordinary_dwelling(rng, k, territories, start, end):
    """A temporary, sliding or small shared dwelling of 1..9 places."""
    places = rng.choices(SIZES, [12, 14, 14, 14, 12, 10, 9, 8, 7])[0]
    dwelling = {"id": f"D{k + 1:04d}", "territory": rng.choice(territories)["id"],
                "places": places}
    roll = rng.random()
    if roll < 0.10:
        dwelling["lease"] = "sliding"
    elif roll < 0.22 and places >= 2:
        dwelling["shared"] = True
    features = [f for f, p in zip(FEATURES, (0.15, 0.10)) if rng.random() < p]
    if features:
        dwelling["features"] = features
    middle = start + (end - start) / 2
    if rng.random() < 0.10:
        dwelling["available_from"] = random_date(rng, start, middle).isoformat()
    if rng.random() < 0.10:
        dwelling["available_until"] = random_date(rng, middle, end).isoformat()
    return dwelling


def make_dwellings(rng, households, persons, territories, start, end, collective):
    """Ordinary dwellings (about one per four households) and collective sites."""
    dwellings = [ordinary_dwelling(rng, k, territories, start, end)
                 for k in range(max(3, households // 4))]
    if collective:
        chosen = rng.sample(territories, max(1, len(territories) // 2))
        for k, territory in enumerate(chosen):
            places = rng.randint(51, max(51, min(1000, persons // 2)))
            dwellings.append({"id": f"SITE{k + 1}", "territory": territory["id"],
                              "places": places, "shared": True})
    return dwellings


def make_household(rng, k, convoys, territories, collective):
    """One household of the orientation list."""
    size = draw_size(rng)
    household = {"id": f"H{k + 1:04d}", "size": size,
                 "arrival": rng.choice(convoys).isoformat()}
    needs = [f for f, p in zip(FEATURES, (0.10, 0.05)) if rng.random() < p]
    if needs:
        household["needs"] = needs
    if rng.random() < 0.25:
        count = rng.randint(1, min(2, len(territories)))
        household["territories"] = sorted(t["id"] for t in rng.sample(territories, count))
    if rng.random() < 0.2:
        household["priority"] = rng.randint(2, 3)
    if size == 1 and rng.random() < 0.05:
        household["may_share"] = False
    elif size > 1 and rng.random() < (0.4 if collective else 0.05):
        household["may_share"] = True
    roll = rng.random()
    if roll < 0.10:
        household["lease"] = "temporary"
    elif roll < 0.15:
        household["lease"] = "sliding"
    return household


def make_households(rng, count, territories, start, end, rules, collective):
    """The list: households come in convoys, a few before the horizon starts."""
    convoys = sorted({random_date(rng, start, end) for _ in range(max(2, count // 25))})
    convoys.append(start - DAY * rng.randint(1, 14))
    households = [make_household(rng, k, convoys, territories, collective) for k in range(count)]
    for household in households:
        if rng.random() < 0.10:
            household["stay_months"] = rng.randint(1, rules["support_months"])
    return households


def fits(household, dwelling):
    """Rule 2, for choosing fixed stays."""
    return (household["size"] <= dwelling["places"]
            and set(household.get("needs", [])) <= set(dwelling.get("features", []))
            and dwelling["territory"] in household.get("territories", [dwelling["territory"]])
            and household.get("lease", "any") in ("any", dwelling.get("lease", "temporary"))
            and not dwelling.get("shared"))


def make_fixed(rng, households, dwellings, rules):
    """0-3 fixed stays, each alone in its own unshared temporary dwelling, from arrival."""
    fixed, used, wanted = [], set(), rng.randint(0, 3)
    for household in rng.sample(households, min(len(households), 12)):
        if len(fixed) >= wanted:
            break
        arrival = datetime.date.fromisoformat(household["arrival"])
        months = household.get("stay_months", rules["stay_months"])
        for dwelling in dwellings:
            if dwelling["id"] in used or dwelling.get("lease") == "sliding" \
                    or not fits(household, dwelling) or "available_from" in dwelling \
                    or "available_until" in dwelling:
                continue
            fixed.append({"household": household["id"], "dwelling": dwelling["id"],
                          "start": arrival.isoformat(), "_end": add_months(arrival, months),
                          "_territory": dwelling["territory"], "_size": household["size"]})
            used.add(dwelling["id"])
            break
    return fixed


def quota_windows(rng, start, end):
    """2-4 consecutive windows over the horizon, sometimes with one over the whole of it."""
    cuts = sorted({random_date(rng, start + DAY, end) for _ in range(rng.randint(1, 3))})
    bounds = [start] + cuts + [end]
    windows = list(zip(bounds, bounds[1:]))
    if rng.random() < 0.3:
        windows.append((start, end))
    return windows


def make_quotas(rng, territories, households, fixed, start, end):
    """Quotas of persons and/or households; some binding (below demand), one in 20 closed."""
    per_territory = 1 / len(territories)
    for territory in territories:
        if rng.random() < 0.2:
            continue
        quotas = []
        for begin, until in quota_windows(rng, start, end):
            arriving = [h for h in households
                        if begin <= datetime.date.fromisoformat(h["arrival"]) < until]
            held = [f for f in fixed if f["_territory"] == territory["id"]
                    and begin <= datetime.date.fromisoformat(f["start"]) < until]
            factor = 0 if rng.random() < 0.05 else rng.uniform(0.4, 1.6) * per_territory
            quota = {"from": begin.isoformat(), "until": until.isoformat()}
            if rng.random() < 0.8:
                quota["persons"] = sum(f["_size"] for f in held) + \
                    round(factor * sum(h["size"] for h in arriving))
            if "persons" not in quota or rng.random() < 0.3:
                quota["households"] = len(held) + round(factor * len(arriving))
            quotas.append(quota)
        territory["quotas"] = quotas


def make_links(rng, count, households, territories, fixed):
    """Groups of 2-3 households; about one in three whose members cannot share a territory."""
    free = [h for h in households if h["id"] not in {f["household"] for f in fixed}]
    rng.shuffle(free)
    links = []
    for _ in range(count):
        members = [free.pop() for _ in range(rng.randint(2, 3)) if free]
        if len(members) < 2:
            break
        if rng.random() < 1 / 3 and len(territories) >= 2:
            apart = rng.sample(territories, 2)
            members[0]["territories"] = [apart[0]["id"]]
            members[1]["territories"] = [apart[1]["id"]]
        elif not set.intersection(*(set(m.get("territories", [t["id"] for t in territories]))
                                    for m in members)):
            for member in members:
                member.pop("territories", None)
        links.append({"households": [m["id"] for m in members], "same": "territory"})
    return links


def make_scores(rng, households, territories):
    """A score per household for most territories: probabilities or points."""
    top = rng.choice((1.0, 100.0, 1000.0))
    scores = {}
    for household in households:
        for territory in territories:
            if rng.random() < 0.8:
                value = round(rng.uniform(0, top), 4)
                scores[household["id"], territory["id"]] = value
    return scores


def write_scores(rng, outdir, scenario, households, territories, scores):
    """Scores inline, as a CSV matrix (with NA and empty cells) or as an array."""
    form = rng.choice(("inline", "csv", "array", "json-file"))
    if form == "inline":
        for household in households:
            mine = {t["id"]: scores[household["id"], t["id"]] for t in territories
                    if (household["id"], t["id"]) in scores}
            if mine:
                household["scores"] = mine
    elif form == "csv":
        with open(os.path.join(outdir, "scores.csv"), "w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(["household"] + [t["id"] for t in territories])
            for h in households:
                writer.writerow([h["id"]] + [scores.get((h["id"], t["id"]), rng.choice(
                    ("NA", ""))) for t in territories])
        scenario["scores"] = "scores.csv"
    else:
        array = [{"household": h, "territory": t, "value": v} for (h, t), v in scores.items()]
        scenario["scores"] = array
        if form == "json-file":
            write_json(os.path.join(outdir, "scores.json"), array)
            scenario["scores"] = "scores.json"
    choices = (None, ["persons", "score", "wait", "empty"], ["persons", "score"],
               ["score", "persons", "wait", "empty"], ["persons", "wait", "score", "empty"])
    objective = rng.choice(choices)
    if objective:
        scenario["objective"] = objective
    return form


def write_json(path, value):
    """JSON with one element of a top-level array (or of an object's arrays) a line."""
    def lines(item):
        if isinstance(item, list) and item and isinstance(item[0], dict):
            return "[\n  " + ",\n  ".join(json.dumps(x) for x in item) + "\n]"
        return json.dumps(item)
    if isinstance(value, dict):
        text = "{\n" + ",\n".join(f"{json.dumps(k)}: {lines(v)}" for k, v in value.items())
        text += "\n}\n"
    else:
        text = lines(value) + "\n"
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)


def generate(args):
    """The scenario (and its side files) in OUTDIR; returns a one-line description."""
    rng = random.Random(args.seed)
    count = args.households or rng.choice((rng.randint(10, 60), rng.randint(60, 300),
                                           rng.randint(300, 800)))
    start, end, rules = make_frame(rng)
    territories = make_territories(rng, count)
    households = make_households(rng, count, territories, start, end, rules, args.collective)
    persons = sum(h["size"] for h in households)
    dwellings = make_dwellings(rng, count, persons, territories, start, end, args.collective)
    fixed = make_fixed(rng, households, dwellings, rules)
    if args.quotas:
        make_quotas(rng, territories, households, fixed, start, end)
    links = make_links(rng, args.links, households, territories, fixed)
    scenario = {"name": f"gen_matching seed {args.seed}",
                "horizon": {"start": start.isoformat(), "end": end.isoformat()},
                "rules": rules, "territories": territories, "dwellings": dwellings}
    os.makedirs(args.outdir, exist_ok=True)
    form = "none"
    if args.scores:
        form = write_scores(rng, args.outdir, scenario, households, territories,
                            make_scores(rng, households, territories))
    if rng.random() < 0.5:
        write_json(os.path.join(args.outdir, "households.json"), households)
        scenario["households"] = "households.json"
    else:
        scenario["households"] = households
    scenario["fixed"] = [{k: v for k, v in f.items() if not k.startswith("_")} for f in fixed]
    if links:
        scenario["links"] = links
    write_json(os.path.join(args.outdir, "scenario.json"), scenario)
    return (f"{count} households ({persons} persons), {len(dwellings)} dwellings, "
            f"{len(territories)} territories, {len(fixed)} fixed, {len(links)} links, "
            f"scores {form}")


def main(argv=None):
    """Generates and says what."""
    args = parse_args(argv)
    print(f"{args.outdir}: {generate(args)}", file=sys.stderr)


if __name__ == "__main__":
    main()
