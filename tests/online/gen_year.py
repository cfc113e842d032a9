#!/usr/bin/env python3
"""Seeded generator of FAAR-like years for logis (written from README.md only, independent of
bench/gen_scenario.c): five territories, ~193 dwellings / 903 places x scale, ~27 convoys."""
import argparse, datetime as dt, json, math, os, random

TERRITORIES = ["T01", "T02", "T03", "T04", "T05"]
T_WEIGHT = [0.28, 0.24, 0.20, 0.16, 0.12]
PLACES = {1: 4, 2: 10, 3: 16, 4: 22, 5: 18, 6: 13, 7: 8, 8: 5, 9: 3, 10: 1}          # dwellings, %
SIZES = {1: 14, 2: 8, 3: 13, 4: 17, 5: 15, 6: 12, 7: 9, 8: 6, 9: 4, 10: 2}           # households, %

def pick(rng, weights):
    return rng.choices(list(weights), list(weights.values()))[0]

def dwellings(rng, scale, start):
    n, target = round(193 * scale), round(903 * scale)
    out = []
    for i in range(n):
        d = {"id": "D%04d" % (i + 1), "territory": rng.choices(TERRITORIES, T_WEIGHT)[0]}
        u = rng.random()
        if u < 0.05:
            d.update(places=rng.randint(2, 5), lease="temporary", shared=True)
        else:
            d.update(places=pick(rng, PLACES), lease="sliding" if u < 0.15 else "temporary")
        if rng.random() < 0.08: d["features"] = ["accessible"]
        if rng.random() < 0.10:      # captured during the year
            d["available_from"] = (start + dt.timedelta(days=rng.randrange(30, 300))).isoformat()
        elif rng.random() < 0.03:    # handed back during the year
            d["available_until"] = (start + dt.timedelta(days=rng.randrange(120, 365))).isoformat()
        out.append(d)
    while sum(d["places"] for d in out) != target:   # hit the park's place count exactly
        d = rng.choice([d for d in out if not d.get("shared")])
        d["places"] = min(10, max(1, d["places"] + (1 if sum(x["places"] for x in out) < target else -1)))
    return out

def households(rng, scale, demand, start):
    n, convoys = round(700 * scale * demand), 27
    dates = sorted(start + dt.timedelta(days=round(k * 365 / convoys + rng.uniform(-3, 3)) if k else 0) for k in range(convoys))
    out = []
    for i in range(n):
        size = pick(rng, SIZES)
        adults = 1 if size == 1 else rng.choice([1, 2, 2, 2])
        h = {"id": "H%05d" % (i + 1), "size": size, "adults": adults, "children": size - adults,
             "arrival": rng.choice(dates).isoformat()}
        if rng.random() < 0.12: h["priority"] = rng.choice([2, 2, 3])
        if rng.random() < 0.05: h["needs"] = ["accessible"]
        if rng.random() < 0.11: h["territories"] = sorted(rng.sample(TERRITORIES, rng.choice([1, 2])))
        if rng.random() < 0.03: h["lease"] = "sliding"
        if size == 1 and rng.random() < 0.2: h["may_share"] = False
        out.append(h)
    out.sort(key=lambda h: (h["arrival"], h["id"]))
    for i, h in enumerate(out): h["id"] = "H%05d" % (i + 1)
    return out

def sensible_caseload(ds):
    """Households a team accompanies at once when each place turns over every 3 months for a
    12-month accompaniment: 4 per temporary dwelling (4 x places when shared), 1 per sliding."""
    return sum(1 if d["lease"] == "sliding" else 4 * (d["places"] if d.get("shared") else 1) for d in ds)

def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--demand", type=float, default=1.0)
    ap.add_argument("--caseload", type=float, help="caseload as a fraction of the sensible level")
    ap.add_argument("--wait", type=int, default=0, help="rules.max_wait_days")
    ap.add_argument("--turnover", type=int, default=0, help="rules.turnover_days")
    ap.add_argument("out_dir")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    start = dt.date(2027, 1, 4) + dt.timedelta(days=rng.randrange(7))
    end = start.replace(year=start.year + 1)
    ds = dwellings(rng, a.scale, start)
    terr = [{"id": t, "name": "Territory " + t[1:]} for t in TERRITORIES]
    if a.caseload is not None:
        for t in terr:
            t["caseload"] = math.ceil(a.caseload * sensible_caseload([d for d in ds if d["territory"] == t["id"]]))
    scen = {"name": "gen_year seed %d scale %g demand %g caseload %s" % (a.seed, a.scale, a.demand, a.caseload),
            "horizon": {"start": start.isoformat(), "end": end.isoformat()},
            "rules": {"stay_months": 3, "support_months": 12, "max_wait_days": a.wait,
                      "start_step_days": 7, "turnover_days": a.turnover},
            "territories": terr, "dwellings": ds, "households": "households.json"}
    os.makedirs(a.out_dir, exist_ok=True)
    with open(os.path.join(a.out_dir, "scenario.json"), "w") as f: json.dump(scen, f, indent=1)
    with open(os.path.join(a.out_dir, "households.json"), "w") as f:
        json.dump(households(rng, a.scale, a.demand, start), f, indent=1)

if __name__ == "__main__":
    main()
