"""Reads a logis scenario (README "The scenario file" + issue 15) for the matching test tools.
Written from the documentation only; standard library only. Errors raise ScenarioError."""

import calendar
import csv
import datetime
import json
import os
import re

RULE_DEFAULTS = {"stay_months": 3, "support_months": 12, "max_wait_days": 0,
                 "start_step_days": 7, "turnover_days": 0, "notice_days": 0}
LEVELS = ("persons", "score", "wait", "empty")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class ScenarioError(Exception):
    """The scenario (or one of its files) cannot be read as the README describes it."""


def parse_date(text, where):
    """An ISO YYYY-MM-DD date, checked (2017-02-30 is an error)."""
    if not isinstance(text, str) or not DATE_RE.match(text):
        raise ScenarioError(f"{where}: not a YYYY-MM-DD date")
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as exc:
        raise ScenarioError(f"{where}: {exc}") from None


def add_months(day, months):
    """Adds months keeping the day, clamped to the month's end (11-30 + 3 = 02-28)."""
    year, month0 = divmod(day.month - 1 + months, 12)
    year += day.year
    last = calendar.monthrange(year, month0 + 1)[1]
    return datetime.date(year, month0 + 1, min(day.day, last))


def no_duplicates(pairs):
    """object_pairs_hook: a member given twice is an error, as in logis."""
    seen = {}
    for key, value in pairs:
        if key in seen:
            raise ScenarioError(f"member {key!r} given twice")
        seen[key] = value
    return seen


def load_json(path):
    """Reads a JSON file, refusing duplicate members."""
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle, object_pairs_hook=no_duplicates)
    except (OSError, ValueError) as exc:
        raise ScenarioError(f"{path}: {exc}") from None


def resolve_list(value, folder, name):
    """An inline array, or the path (relative to the scenario's folder) of a JSON array."""
    if isinstance(value, str):
        value = load_json(os.path.join(folder, value))
    if not isinstance(value, list):
        raise ScenarioError(f"{name}: must be an array or the path of a JSON array")
    return value


def check_int(value, low, high, where):
    """An integer (bool excluded) in [low, high]."""
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ScenarioError(f"{where}: must be an integer from {low} to {high} (got {value!r})")
    return value


def check_score(value, where):
    """A score: a number from 0 to 1000."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1000:
        raise ScenarioError(f"{where}: a score must be a number from 0 to 1000 (got {value!r})")
    return float(value)


def read_rules(raw):
    """The rules with their defaults."""
    rules = dict(RULE_DEFAULTS)
    for key, value in (raw or {}).items():
        if key in rules:
            rules[key] = check_int(value, 0, 3650, f"/rules/{key}")
    return rules


def read_quota(raw, where):
    """One quota window: [from, until), at most persons and/or households move-ins."""
    quota = {"from": parse_date(raw.get("from"), where + "/from"),
             "until": parse_date(raw.get("until"), where + "/until")}
    if quota["from"] >= quota["until"]:
        raise ScenarioError(f"{where}: from must be before until")
    for key in ("persons", "households"):
        if key in raw:
            quota[key] = check_int(raw[key], 0, 10**9, f"{where}/{key}")
    return quota


def read_territory(raw, index):
    """A territory: caseload (optional) and quotas (issue 15)."""
    where = f"/territories/{index}"
    caseload = raw.get("caseload")
    if caseload is not None:
        check_int(caseload, 0, 10**9, where + "/caseload")
    quotas = [read_quota(q, f"{where}/quotas/{k}") for k, q in enumerate(raw.get("quotas", []))]
    return {"id": raw["id"], "caseload": caseload, "quotas": quotas}


def read_dwelling(raw, index):
    """A dwelling with its defaults; a shared one may have up to 1000 places (issue 15)."""
    where = f"/dwellings/{index}"
    shared = raw.get("shared", False)
    lease = raw.get("lease", "temporary")
    if lease not in ("temporary", "sliding"):
        raise ScenarioError(f"{where}/lease: temporary or sliding")
    if shared and lease == "sliding":
        raise ScenarioError(f"{where}: a sliding dwelling is never shared")
    places = check_int(raw.get("places"), 1, 1000 if shared else 50, where + "/places")
    dwelling = {"id": raw["id"], "territory": raw.get("territory"), "places": places,
                "lease": lease, "shared": bool(shared), "features": set(raw.get("features", []))}
    for key in ("available_from", "available_until"):
        dwelling[key] = parse_date(raw[key], f"{where}/{key}") if key in raw else None
    return dwelling


def read_household(raw, index):
    """A household of the orientation list with its defaults, scores included."""
    where = f"/households/{index}"
    size = check_int(raw.get("size"), 1, 30, where + "/size")
    lease = raw.get("lease", "any")
    if lease not in ("any", "temporary", "sliding"):
        raise ScenarioError(f"{where}/lease: any, temporary or sliding")
    scores = {t: check_score(v, f"{where}/scores/{t}") for t, v in raw.get("scores", {}).items()}
    return {"id": raw["id"], "size": size, "arrival": parse_date(raw.get("arrival"), where),
            "stay_months": raw.get("stay_months"), "needs": set(raw.get("needs", [])),
            "territories": set(raw.get("territories") or []),
            "priority": check_int(raw.get("priority", 1), 1, 10, where + "/priority"),
            "may_share": raw.get("may_share", size == 1), "lease": lease, "scores": scores}


def by_id(records, name):
    """A dict id -> record, refusing duplicate ids."""
    table = {}
    for record in records:
        if record["id"] in table:
            raise ScenarioError(f"{name}: id {record['id']!r} given twice")
        table[record["id"]] = record
    return table


def read_scores_csv(path):
    """A score matrix: first column household ids, one column per territory; empty or NA = 0."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            rows = [row for row in csv.reader(handle) if any(cell.strip() for cell in row)]
    except OSError as exc:
        raise ScenarioError(f"{path}: {exc}") from None
    if not rows:
        raise ScenarioError(f"{path}: empty")
    header = [cell.strip() for cell in rows[0]][1:]
    entries = []
    for line, row in enumerate(rows[1:], start=2):
        for column, cell in enumerate(row[1:]):
            cell = cell.strip()
            if cell in ("", "NA"):
                continue
            if column >= len(header):
                raise ScenarioError(f"{path}:{line}: more cells than the header")
            try:
                value = float(cell)
            except ValueError:
                raise ScenarioError(f"{path}:{line}: {cell!r} is not a number") from None
            entries.append({"household": row[0].strip(), "territory": header[column],
                            "value": value})
    return entries


def apply_scores(raw, folder, households, territories):
    """Top-level scores (a CSV path, a JSON file path or an array) merged into the households."""
    if isinstance(raw, str) and not raw.lower().endswith(".json"):
        entries = read_scores_csv(os.path.join(folder, raw))
    else:
        entries = resolve_list(raw, folder, "scores")
    for k, entry in enumerate(entries):
        hid, tid = entry.get("household"), entry.get("territory")
        if hid not in households or tid not in territories:
            raise ScenarioError(f"/scores/{k}: unknown household {hid!r} or territory {tid!r}")
        households[hid]["scores"][tid] = check_score(entry.get("value"), f"/scores/{k}/value")


def read_links(raw, folder, households):
    """Linked households: lists of ids housed all or none, in one territory."""
    links = []
    for k, link in enumerate(resolve_list(raw or [], folder, "links")):
        members = link.get("households", [])
        if link.get("same", "territory") != "territory":
            raise ScenarioError(f"/links/{k}/same: only \"territory\" is known")
        for hid in members:
            if hid not in households:
                raise ScenarioError(f"/links/{k}: unknown household {hid!r}")
        links.append(list(members))
    return links


def check_references(scenario):
    """Every reference to a territory, household or dwelling resolves."""
    territories = scenario["territories"]
    for dwelling in scenario["dwellings"].values():
        if dwelling["territory"] not in territories:
            raise ScenarioError(f"dwelling {dwelling['id']}: unknown territory")
    for household in scenario["households"].values():
        for tid in household["territories"] | set(household["scores"]):
            if tid not in territories:
                raise ScenarioError(f"household {household['id']}: unknown territory {tid!r}")
    for k, stay in enumerate(scenario["fixed"]):
        if stay["household"] not in scenario["households"]:
            raise ScenarioError(f"/fixed/{k}: unknown household")
        if stay["dwelling"] not in scenario["dwellings"]:
            raise ScenarioError(f"/fixed/{k}: unknown dwelling")


def read_objective(raw, has_scores):
    """The planner's order of objective levels (issue 15), with its defaults."""
    if raw is None:
        return ["persons", "score", "wait", "empty"] if has_scores else ["persons", "wait", "empty"]
    if not isinstance(raw, list) or any(level not in LEVELS for level in raw) \
            or len(set(raw)) != len(raw):
        raise ScenarioError(f"/objective: a list of distinct levels from {LEVELS}")
    return list(raw)


def load_scenario(path):
    """The whole scenario as plain dicts, ids resolved, defaults applied, dates parsed."""
    raw = load_json(path)
    folder = os.path.dirname(os.path.abspath(path))
    horizon = raw.get("horizon") or {}
    scenario = {
        "start": parse_date(horizon.get("start"), "/horizon/start"),
        "end": parse_date(horizon.get("end"), "/horizon/end"),
        "rules": read_rules(raw.get("rules")),
        "territories": by_id([read_territory(t, k) for k, t in enumerate(
            resolve_list(raw.get("territories"), folder, "territories"))], "territories"),
        "dwellings": by_id([read_dwelling(d, k) for k, d in enumerate(
            resolve_list(raw.get("dwellings"), folder, "dwellings"))], "dwellings"),
        "households": by_id([read_household(h, k) for k, h in enumerate(
            resolve_list(raw.get("households"), folder, "households"))], "households"),
    }
    scenario["fixed"] = [{"household": f.get("household"), "dwelling": f.get("dwelling"),
                          "start": parse_date(f.get("start"), f"/fixed/{k}/start")}
                         for k, f in enumerate(resolve_list(raw.get("fixed", []), folder,
                                                            "fixed"))]
    if "scores" in raw:
        apply_scores(raw["scores"], folder, scenario["households"], scenario["territories"])
    scenario["links"] = read_links(raw.get("links"), folder, scenario["households"])
    check_references(scenario)
    has_scores = any(h["scores"] for h in scenario["households"].values())
    scenario["objective"] = read_objective(raw.get("objective"), has_scores)
    return scenario


def stay_end(scenario, household, dwelling, start):
    """Rule 4: start + the household's stay months, or + support months under a sliding lease."""
    rules = scenario["rules"]
    if dwelling["lease"] == "sliding":
        return add_months(start, rules["support_months"])
    months = household["stay_months"] or rules["stay_months"]
    return add_months(start, months)
