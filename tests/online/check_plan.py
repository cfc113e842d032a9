#!/usr/bin/env python3
"""Independent checker of a logis plan against README.md's rules 1-7, the figures it states and,
with --now/--previous, the re-plan promise that what has begun cannot change. Exit 0 ok, 1 not."""
import argparse, calendar, datetime as dt, json, os, sys
from collections import Counter, defaultdict

def date(s):
    return dt.date.fromisoformat(s)

def add_months(d, m):
    y, mo = divmod(d.month - 1 + m, 12)
    y += d.year
    return dt.date(y, mo + 1, min(d.day, calendar.monthrange(y, mo + 1)[1]))

def load_scenario(path):
    """The scenario with its arrays inline and the README's defaults filled in."""
    s = json.load(open(path))
    for key in ("territories", "dwellings", "households", "fixed"):
        if isinstance(s.get(key), str):
            s[key] = json.load(open(os.path.join(os.path.dirname(path) or ".", s[key])))
    r = s.get("rules", {})
    s["rules"] = {"stay_months": r.get("stay_months", 3), "support_months": r.get("support_months", 12),
                  "max_wait_days": r.get("max_wait_days", 0), "start_step_days": r.get("start_step_days", 7),
                  "turnover_days": r.get("turnover_days", 0)}
    for d in s["dwellings"]:
        d.setdefault("lease", "temporary"); d.setdefault("shared", False); d.setdefault("features", [])
    for h in s["households"]:
        h.setdefault("stay_months", s["rules"]["stay_months"]); h.setdefault("needs", [])
        h.setdefault("priority", 1); h.setdefault("may_share", h["size"] == 1); h.setdefault("lease", "any")
        h["territories"] = h.get("territories") or []
        h["arrival_d"] = date(h["arrival"])
    s.setdefault("fixed", [])
    return s

def fits(h, d):
    """Rule 2: why dwelling d does not fit household h (None when it fits)."""
    if h["size"] > d["places"]: return "size %d > places %d" % (h["size"], d["places"])
    if not set(h["needs"]) <= set(d["features"]): return "needs %s not in features" % h["needs"]
    if h["territories"] and d["territory"] not in h["territories"]: return "territory %s not accepted" % d["territory"]
    if d["shared"] and not h["may_share"]: return "shared dwelling, household may not share"
    if h["lease"] != "any" and h["lease"] != d["lease"]: return "lease %s wanted, dwelling is %s" % (h["lease"], d["lease"])
    return None

def stay_end(s, h, d, start):
    """Rule 4."""
    return add_months(start, s["rules"]["support_months"] if d["lease"] == "sliding" else h["stay_months"])

def date_problem(s, h, d, start, end, fixed):
    """Rule 3 (for a fixed stay only arrival and availability bind)."""
    r, hz = s["rules"], s["horizon"]
    wait = (start - h["arrival_d"]).days
    if wait < 0: return "start %s before arrival %s" % (start, h["arrival"])
    if not fixed:
        if wait > r["max_wait_days"]: return "waits %d days > max_wait_days %d" % (wait, r["max_wait_days"])
        if wait % r["start_step_days"]: return "start %s not on the %d-day grid from arrival %s" % (start, r["start_step_days"], h["arrival"])
        if not date(hz["start"]) <= start < date(hz["end"]): return "start %s outside horizon" % start
    if "available_from" in d and start < date(d["available_from"]): return "start %s before available_from %s" % (start, d["available_from"])
    if "available_until" in d and end > date(d["available_until"]): return "end %s after available_until %s" % (end, d["available_until"])
    return None

def expected_code(s, h, now=None):
    """The left-out code README gives for a household nobody else competes with: in a re-plan,
    past when its only dates are before now."""
    fit = [d for d in s["dwellings"] if fits(h, d) is None]
    if not fit: return "no_fit"
    r, past = s["rules"], False
    for k in range(r["max_wait_days"] // r["start_step_days"] + 1):
        start = h["arrival_d"] + dt.timedelta(days=k * r["start_step_days"])
        if any(date_problem(s, h, d, start, stay_end(s, h, d, start), False) is None for d in fit):
            if now is None or start >= now: return "capacity"
            past = True
    return "past" if past else "no_date"

def check(s, plan, now=None, prev=None):
    bad = []
    H = {h["id"]: h for h in s["households"]}
    D = {d["id"]: d for d in s["dwellings"]}
    T = {t["id"]: t for t in s["territories"]}
    r, hs, he = s["rules"], date(s["horizon"]["start"]), date(s["horizon"]["end"])
    fixed = {(f["household"], f["dwelling"], f["start"]) for f in s["fixed"]}
    if prev is not None:
        fixed |= {(a["household"], a["dwelling"], a["start"]) for a in prev["assignments"] if date(a["start"]) < now}
    if plan.get("status") == "infeasible":
        bad.append("status: infeasible (%s)" % "; ".join(plan.get("conflicts", [])))
    stays = []  # (household, dwelling, start, end) of well-formed assignments
    seen = Counter(a["household"] for a in plan["assignments"])
    for hid, n in seen.items():
        if n > 1: bad.append("rule 1: %s housed %d times" % (hid, n))
    for a in plan["assignments"]:
        h, d = H.get(a["household"]), D.get(a["dwelling"])
        if h is None or d is None:
            bad.append("rule 1: %s in %s: unknown household or dwelling" % (a["household"], a["dwelling"])); continue
        start, end = date(a["start"]), date(a["end"])
        where = "%s in %s from %s" % (h["id"], d["id"], a["start"])
        why = fits(h, d)
        if why: bad.append("rule 2: %s: %s" % (where, why))
        is_fixed = (h["id"], d["id"], a["start"]) in fixed
        why = date_problem(s, h, d, start, end, is_fixed)
        if why: bad.append("rule 3: %s: %s" % (where, why))
        if end != stay_end(s, h, d, start): bad.append("rule 4: %s: end %s, expected %s" % (where, end, stay_end(s, h, d, start)))
        for k, want in (("territory", d["territory"]), ("size", h["size"]), ("places", d["places"]),
                        ("wait_days", (start - h["arrival_d"]).days)):
            if a.get(k) != want: bad.append("figure: %s: %s %s, expected %s" % (where, k, a.get(k), want))
        stays.append((h, d, start, stay_end(s, h, d, start)))
    keys = [(a["dwelling"].encode(), a["start"]) for a in plan["assignments"]]
    if keys != sorted(keys): bad.append("figure: assignments not sorted by dwelling id, then start")
    # Rule 5: occupancy of each dwelling.
    by_dw = defaultdict(list)
    for st in stays: by_dw[st[1]["id"]].append(st)
    turn = dt.timedelta(days=r["turnover_days"])
    for did, ss in by_dw.items():
        d, ss = D[did], sorted(ss, key=lambda x: x[2])
        if d["lease"] == "sliding":
            if len(ss) > 1: bad.append("rule 5: sliding %s hosts %d households (%s)" % (did, len(ss), ", ".join(x[0]["id"] for x in ss)))
        elif not d["shared"]:
            for p, q in zip(ss, ss[1:]):
                if q[2] < p[3] + turn: bad.append("rule 5: %s: %s moves in %s before %s's end %s + %d turnover days" % (did, q[0]["id"], q[2], p[0]["id"], p[3], r["turnover_days"]))
        else:
            for x in ss:
                used = sum(y[0]["size"] for y in ss if y[2] <= x[2] < y[3] + turn)
                if used > d["places"]: bad.append("rule 5: shared %s: %d persons on %s > %d places" % (did, used, x[2], d["places"]))
    # Rule 6: caseload, checked on every move-in date (the count only rises then).
    for tid, t in T.items():
        if t.get("caseload") is None: continue
        acc = [(x[2], add_months(x[2], r["support_months"])) for x in stays if x[1]["territory"] == tid]
        for day in sorted({a for a, _ in acc}):
            n = sum(1 for a, b in acc if a <= day < b)
            if n > t["caseload"]: bad.append("rule 6: %s accompanies %d households on %s > caseload %d" % (tid, n, day, t["caseload"])); break
    # Rule 7: fixed stays of the scenario kept.
    got = {(a["household"], a["dwelling"], a["start"]) for a in plan["assignments"]}
    for f in s["fixed"]:
        if (f["household"], f["dwelling"], f["start"]) not in got: bad.append("rule 7: fixed stay %s in %s from %s missing" % (f["household"], f["dwelling"], f["start"]))
    # Re-plan: what has begun cannot change.
    if prev is not None:
        before = {(a["household"], a["dwelling"], a["start"], a["end"]) for a in prev["assignments"] if date(a["start"]) < now}
        mine = {(a["household"], a["dwelling"], a["start"], a["end"]) for a in plan["assignments"]}
        for a in plan["assignments"]:
            k = (a["household"], a["dwelling"], a["start"], a["end"])
            if date(a["start"]) < now and k not in before: bad.append("replan: %s in %s from %s starts before now %s but is not in the previous plan" % (k[:3] + (now,)))
        for k in sorted(before - mine): bad.append("replan: previous stay %s in %s from %s (before now %s) changed or dropped" % (k[:3] + (now,)))
        bad += check_replan_figures(plan, prev, now, H)
    bad += check_figures(s, plan, stays, H, D, T, hs, he, seen, now if prev is not None else None)
    return bad

def check_replan_figures(plan, prev, now, H):
    bad, rp = [], plan.get("replan")
    if rp is None: return ["figure: re-plan without a \"replan\" member"]
    old = {a["household"]: (a["dwelling"], a["start"]) for a in prev["assignments"]}
    new = {a["household"]: (a["dwelling"], a["start"]) for a in plan["assignments"]}
    want = {"now": now.isoformat(),
            "kept": sum(1 for k, v in old.items() if new.get(k) == v),
            "moved": sum(1 for k, v in old.items() if k in new and new[k] != v),
            "newly_housed": sum(1 for k in new if k not in old),
            "no_longer_housed": sum(1 for k in old if k not in new),   # withdrawn ones too, as logis warns
            "missing_from_scenario": sum(1 for k in old if k not in H)}
    for k, v in want.items():
        if rp.get(k) != v: bad.append("figure: replan.%s %s, expected %s" % (k, rp.get(k), v))
    place = lambda x: None if x is None else {"dwelling": x[0], "start": x[1]}
    changes = {c["household"]: (c["from"], c["to"]) for c in plan.get("changes", [])}
    expect = {k: (place(old.get(k)), place(new.get(k))) for k in set(old) | set(new) if old.get(k) != new.get(k)}
    for k in sorted(set(changes) | set(expect)):
        if changes.get(k) != expect.get(k): bad.append("figure: changes for %s: %s, expected %s" % (k, changes.get(k), expect.get(k)))
    return bad

def check_figures(s, plan, stays, H, D, T, hs, he, seen, now=None):
    bad = []
    def expect(name, got, want, tol=0):
        if got is None or abs(got - want) > tol: bad.append("figure: %s %s, expected %s" % (name, got, want))
    left = Counter(u["household"] for u in plan["unassigned"])
    for hid in H:
        if seen[hid] + left[hid] != 1: bad.append("figure: %s is %d times in assignments and %d in unassigned" % (hid, seen[hid], left[hid]))
    for u in plan["unassigned"]:
        want = expected_code(s, H[u["household"]], now) if u["household"] in H else None
        if want and u.get("code") != want:
            bad.append("figure: %s left out with code %s, expected %s" % (u["household"], u.get("code"), want))
    o, sm = plan["objective"], plan["summary"]
    value = sum(h["priority"] * h["size"] for h, *_ in stays)
    expect("objective.weighted_persons_housed", o.get("weighted_persons_housed"), value)
    expect("objective.wait_person_days", o.get("wait_person_days"), sum(h["size"] * (a - h["arrival_d"]).days for h, d, a, b in stays))
    expect("objective.empty_place_days", o.get("empty_place_days"),
           sum((d["places"] - h["size"]) * (b - a).days for h, d, a, b in stays if d["lease"] == "temporary" and not d["shared"]))
    if o.get("bound", 0) < value - 1e-6: bad.append("figure: objective.bound %s < value %s" % (o.get("bound"), value))
    if o.get("bound"): expect("objective.gap", o.get("gap"), round((o["bound"] - value) / o["bound"], 6), 1.5e-6)
    if plan.get("status") == "optimal" and o.get("bound", 0) - value >= 1: bad.append("figure: optimal but bound %s - value %s >= 1" % (o.get("bound"), value))
    for lv in plan["solver"]["levels"]:
        rp = plan.get("replan") or {}   # households_changed: those of the scenario moved or left out
        fig = {"weighted_persons_housed": value, "wait_person_days": o.get("wait_person_days"), "empty_place_days": o.get("empty_place_days"),
               "households_changed": rp.get("moved", 0) + rp.get("no_longer_housed", 0) - rp.get("missing_from_scenario", 0)}[lv["objective"]]
        if lv["status"] != "not solved": expect("solver.levels[%s].value" % lv["objective"], lv.get("value"), fig)
    def figures(name, summ, ss, ds):
        place_days = person_days = 0
        for d in ds:
            a, b = max(hs, date(d.get("available_from", "0001-01-01"))), min(he, date(d.get("available_until", "9999-12-31")))
            if d["lease"] == "sliding":
                b = min([b] + [y for h, dd, x, y in ss if dd is d])
            place_days += d["places"] * max(0, (b - a).days)
        for h, d, a, b in ss: person_days += h["size"] * max(0, (min(b, he) - max(a, hs)).days)
        expect(name + "households_housed", summ.get("households_housed"), len(ss))
        expect(name + "persons_housed", summ.get("persons_housed"), sum(h["size"] for h, *_ in ss))
        expect(name + "dwellings", summ.get("dwellings"), len(ds))
        expect(name + "places", summ.get("places"), sum(d["places"] for d in ds))
        expect(name + "occupancy", summ.get("occupancy"), round(person_days / place_days, 4) if place_days else 0, 1.5e-4)
    figures("summary.", sm, stays, s["dwellings"])
    expect("summary.households", sm.get("households"), len(H))
    expect("summary.persons", sm.get("persons"), sum(h["size"] for h in H.values()))
    expect("summary.mean_wait_days", sm.get("mean_wait_days"), round(sum((a - h["arrival_d"]).days for h, d, a, b in stays) / len(stays), 2) if stays else 0, 0.0051)
    ts = sm.get("territories", [])
    if [t.get("id") for t in ts] != list(T): bad.append("figure: summary.territories not the scenario's territories in order")
    for t in ts:
        if t.get("id") in T:
            figures("summary.territories[%s]." % t["id"], t, [x for x in stays if x[1]["territory"] == t["id"]],
                    [d for d in s["dwellings"] if d["territory"] == t["id"]])
    return bad

def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("scenario"); ap.add_argument("plan")
    ap.add_argument("--now"); ap.add_argument("--previous")
    a = ap.parse_args()
    if bool(a.now) != bool(a.previous): ap.error("--now and --previous go together")
    try:
        s, plan = load_scenario(a.scenario), json.load(open(a.plan))
        prev = json.load(open(a.previous)) if a.previous else None
    except (OSError, ValueError, KeyError) as e:
        print("check_plan: %s" % e, file=sys.stderr); return 2
    bad = check(s, plan, date(a.now) if a.now else None, prev)
    for line in bad: print(line)
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main())
