#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""bench/count.py FILE.jsonl — the comparison for samplan-indicators on JSON Lines: a
straightforward Python script (json module, one case per line) doing the core of the same
counting per unit and overall: cases, screened, screened within 14 days, the distribution
of risk areas (a domain is a need when `needs` is not empty, or a current problem has no
contact), needs, and needs whose handover was confirmed by release minus 14 days (any handover of the
domain; the earliest confirmation decides)."""
import json
import sys
from collections import defaultdict
from datetime import date

DOMAINS = ["physical_health", "mental_health", "substance_use", "housing", "finances",
           "family", "legal", "work_education"]


def day(s):
    return date.fromisoformat(s) if s else None


def main(path):
    groups = defaultdict(lambda: defaultdict(int))
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            case = json.loads(line)
            for key in ("overall", case["unit"]["id"]):
                g = groups[key]
                g["cases"] += 1
                scr = case.get("screening")
                start = day(case["sentence"]["start"])
                release = day(case["sentence"].get("release"))
                needs = []
                if scr:
                    g["screened"] += 1
                    if (day(scr["date"]) - start).days <= 14:
                        g["timely"] += 1
                    for d in DOMAINS:
                        a = scr["domains"].get(d)
                        if a and (a["needs"] or (a["current"] and not a.get("contact"))):
                            needs.append(d)
                    g["risk_%d" % len(needs)] += 1
                # every handover of a domain counts: the earliest confirmation decides
                confirmed = defaultdict(list)
                for h in case.get("handovers") or []:
                    if h.get("confirmed"):
                        confirmed[h["domain"]].append(day(h["confirmed"]))
                for d in needs:
                    g["needs"] += 1
                    if release and confirmed[d] and (min(confirmed[d]) - release).days <= -14:
                        g["confirmed_by_deadline"] += 1
    json.dump(groups, sys.stdout, sort_keys=True)
    print()


if __name__ == "__main__":
    main(sys.argv[1])
