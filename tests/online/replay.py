#!/usr/bin/env python3
"""Replays a logis year as it is lived: every STEP days re-plan with the households known LEAD days
ahead (logis plan --replan PREV --now DATE), check every plan, compare the end with hindsight."""
import argparse, datetime as dt, json, os, shutil, subprocess, sys, tempfile, time
sys.dont_write_bytecode = True   # keep tests/online free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_plan as cp

def write_scenario(path, raw, ids, forecast=None, announced_until=None):
    """raw with its arrays inline, only the households in ids (and their fixed stays)."""
    out = dict(raw, households=[h for h in raw["households"] if h["id"] in ids])
    out["fixed"] = [f for f in raw["fixed"] if f["household"] in ids]
    if forecast:
        out["forecast"] = {"households": forecast, "announced_until": announced_until}
    with open(path, "w") as f: json.dump(out, f, indent=1)

def run(cmd):
    t = time.monotonic()
    p = subprocess.run(cmd, capture_output=True, text=True)
    return p.returncode, time.monotonic() - t, p.stdout + p.stderr

def weighted(scen, plan):
    H = {h["id"]: h for h in scen["households"]}
    return sum(H[a["household"]].get("priority", 1) * H[a["household"]]["size"] for a in plan["assignments"])

def save_repro(work, tag, scen_path, prev_path, plan_path, now, cmd, problems):
    """A folder under WORK/repro with what it takes to see a rejected plan again."""
    d = os.path.join(work, "repro", tag)
    os.makedirs(d, exist_ok=True)
    shutil.copy(scen_path, os.path.join(d, "scenario.json"))
    shutil.copy(plan_path, os.path.join(d, "plan.json"))
    args = ["logis", "plan", "scenario.json"]
    if prev_path:
        shutil.copy(prev_path, os.path.join(d, "previous.json"))
        args += ["--replan", "previous.json", "--now", now]
    args += ["-o", "plan.json"] + cmd[cmd.index("--time-limit"):cmd.index("--time-limit") + 2]
    with open(os.path.join(d, "README.txt"), "w") as f:
        f.write("logis wrote plan.json with exit 0 by (in this folder, LOGIS = the logis binary):\n  $LOGIS %s\n"
                "check: python3 check_plan.py scenario.json plan.json%s ; $LOGIS verify scenario.json plan.json\n\n%s\n"
                % (" ".join(args[1:]), " --now %s --previous previous.json" % now if prev_path else "", "\n".join(problems)))
    return d

def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("logis"); ap.add_argument("scenario")
    ap.add_argument("--lead", type=int, required=True); ap.add_argument("--step", type=int, required=True)
    ap.add_argument("--time-limit", default="10"); ap.add_argument("--workdir")
    ap.add_argument("--forecast", help="a past list in the households format: each re-plan plans against it")
    a = ap.parse_args()
    logis = os.path.abspath(a.logis)
    work = a.workdir or tempfile.mkdtemp(prefix="logis-replay-")
    os.makedirs(work, exist_ok=True)
    tag = "%s-lead%d-step%d" % (os.path.basename(os.path.dirname(os.path.abspath(a.scenario))), a.lead, a.step)
    scen = cp.load_scenario(a.scenario)
    raw = json.load(open(a.scenario))       # as written, without the checker's defaults
    for k in ("territories", "dwellings", "households", "fixed"):
        if isinstance(raw.get(k), str): raw[k] = json.load(open(os.path.join(os.path.dirname(a.scenario) or ".", raw[k])))
    raw.setdefault("fixed", [])
    limit = ["--time-limit", a.time_limit, "--quiet"]
    rejections, steps = [], []

    def examine(name, scen_path, plan_path, now, prev_path, cmd, rc, secs, out):
        entry = {"step": name, "now": now, "rc": rc, "seconds": round(secs, 2)}
        if rc != 0 or not os.path.exists(plan_path):
            entry["output"] = out.strip()[-2000:]
            print("%s %s: logis exit %d: %s" % (name, now, rc, out.strip()[-300:]))
            return entry, None
        plan = json.load(open(plan_path))
        s = cp.load_scenario(scen_path)
        prev = json.load(open(prev_path)) if prev_path else None
        problems = cp.check(s, plan, cp.date(now) if prev else None, prev)
        vrc, _, vout = run([logis, "verify", scen_path, plan_path])
        if vrc != 0: problems += ["logis verify (exit %d): %s" % (vrc, l) for l in vout.strip().splitlines()]
        entry.update(status=plan["status"], households=len(s["households"]), weighted=plan["objective"]["weighted_persons_housed"],
                     gap=plan["objective"]["gap"], replan=plan.get("replan"), problems=problems)
        if problems:
            entry["repro"] = save_repro(work, "%s-%s" % (tag, name), scen_path, prev_path, plan_path, now, cmd, problems)
            rejections.append(entry)
        rp = plan.get("replan") or {}
        print("%s %s: %4d known, %-8s weighted %5d, kept %s moved %s new %s dropped %s, %.1f s%s" % (
            name, now, len(s["households"]), plan["status"], entry["weighted"], rp.get("kept", "-"), rp.get("moved", "-"),
            rp.get("newly_housed", "-"), rp.get("no_longer_housed", "-"), secs,
            "" if not problems else "  REJECTED: " + "; ".join(problems[:3])), flush=True)
        return entry, plan

    # Hindsight: the whole year known from the start.
    full = os.path.join(work, "full.json")
    write_scenario(full, raw, {h["id"] for h in scen["households"]})
    hind_plan = os.path.join(work, "hindsight.plan.json")
    cmd = [logis, "plan", full, "-o", hind_plan] + limit
    hind, hplan = examine("hindsight", full, hind_plan, scen["horizon"]["start"], None, cmd, *run(cmd))
    # Online: every step days.
    day, end, k, prev = cp.date(scen["horizon"]["start"]), cp.date(scen["horizon"]["end"]), 0, None
    plan = None
    while day < end:
        known = {h["id"] for h in scen["households"] if h["arrival_d"] < day + dt.timedelta(days=a.lead)}
        sp, pp = os.path.join(work, "step-%03d.json" % k), os.path.join(work, "step-%03d.plan.json" % k)
        forecast = None
        if a.forecast:
            forecast = json.load(open(a.forecast))
        write_scenario(sp, raw, known, forecast, (day + dt.timedelta(days=a.lead)).isoformat())
        if os.path.exists(pp): os.remove(pp)
        cmd = [logis, "plan", sp, "-o", pp] + limit + (["--replan", prev, "--now", day.isoformat()] if prev else [])
        entry, got = examine("step-%03d" % k, sp, pp, day.isoformat(), prev, cmd, *run(cmd))
        steps.append(entry)
        if got is not None and got["status"] != "infeasible":
            prev, plan = pp, got
        day, k = day + dt.timedelta(days=a.step), k + 1
    online = weighted(scen, plan) if plan else 0
    hindsight = weighted(scen, hplan) if hplan else 0
    summary = {"scenario": os.path.abspath(a.scenario), "lead": a.lead, "step": a.step, "time_limit": a.time_limit,
               "replans": sum(1 for s in steps if s["step"] != "step-000"), "failed_runs": sum(1 for s in steps if s["rc"] != 0),
               "online_weighted": online, "hindsight_weighted": hindsight, "ratio": round(online / hindsight, 4) if hindsight else None,
               "hindsight_seconds": hind["seconds"], "online_seconds_total": round(sum(s["seconds"] for s in steps), 1),
               "online_seconds_max": max(s["seconds"] for s in steps), "not_optimal": sum(1 for s in steps if s.get("status") != "optimal"),
               "rejected": [{"step": r["step"], "now": r["now"], "repro": r["repro"], "problems": r["problems"]} for r in rejections],
               "hindsight": hind, "steps": steps}
    with open(os.path.join(work, "summary.json"), "w") as f: json.dump(summary, f, indent=1)
    print("online %d / hindsight %d = %s; %d re-plans, %.1f s online (max %.1f), %.1f s hindsight; %d plans rejected; summary in %s"
          % (online, hindsight, summary["ratio"], summary["replans"], summary["online_seconds_total"], summary["online_seconds_max"],
             hind["seconds"], len(rejections), os.path.join(work, "summary.json")))
    return 1 if rejections else 0

if __name__ == "__main__":
    sys.exit(main())
