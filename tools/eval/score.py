#!/usr/bin/env python3
"""Scores an assetlint JSON report against the evaluation corpus's labels.

Usage: score.py LABELS.tsv REPORT.json OUTDIR [--sets SETS.tsv]
                [--check-seconds S] [--gen-seconds S] [--show-test]
                [--worst N]

For every pixel rule of SPEC section 2 and each split (dev, test) it counts
true/false positives/negatives over the files whose label is 0 or 1 (a file
"predicts" a rule when the report has any finding of that rule for it, of
any severity), prints precision, recall, F1 and n, then the worst misses and
false alarms by file (dev split; --show-test adds the held-out split), and
writes OUTDIR/report.tsv (the table) and OUTDIR/outcomes.tsv (one row per
file and rule).  With --sets, the two set rules that decide from pixels
(distortion, set-inconsistent) are scored the same way per labelled set
folder (corpus/SPLIT/sets/sNNN): a set "predicts" a rule when the report's
"sets" entry for that folder has a finding of it.  Set findings of any other
folder -- the flat corpus/SPLIT/ folders form one big set each -- are not
counted.  A set's role is the logo the generator altered (small, medium,
large, wide) or "set" for an unaltered set, so the by-role counts show
positives per altered logo and false alarms under "set"; for each true
positive it also checks that the finding names the altered logo first
("located").  Targets, judged on the test split: precision >= 0.95 and
recall >= 0.90; a missed target prints a "TARGET MISSED" line.  The exit
status is 0 even then -- this is a measurement, not a test -- and 2 only
when the inputs cannot be read.  A finding on a file whose label is "n/a"
(the rule does not apply to its role) is counted as "off-role".

Python 3 standard library only.
"""
import argparse
import json
import os
import re
import sys

RULES = ("background-white", "background-black", "background-transparent",
         "transparent-foreground", "gradient", "text", "palette",
         "hero-margin", "hero-contrast")
SET_RULES = ("distortion", "set-inconsistent")
SET_FILES = {"small": "Small.png", "medium": "Medium.png",
             "large": "Large.png", "wide": "Wide.png"}
MIN_PRECISION, MIN_RECALL = 0.95, 0.90
SPLITS = ("dev", "test")


def norm(path):
    """Report paths are as given on the command line joined with the walk;
    labels are relative to the eval folder.  Both end in corpus/..."""
    p = path.replace("\\", "/")
    i = p.rfind("corpus/")
    return p[i:] if i >= 0 else p


def load_labels(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        head = f.readline().rstrip("\n").split("\t")
        for line in f:
            v = line.rstrip("\n").split("\t")
            if len(v) == len(head):
                rows.append(dict(zip(head, v)))
    return rows


def load_report(path):
    with open(path, encoding="utf-8") as f:
        rep = json.load(f)
    found = {}
    for fr in rep.get("files", []):
        found[norm(fr["path"])] = fr.get("findings", []) or []
    sets = {}
    for sr in rep.get("sets", []) or []:
        sets[norm(sr["path"]).rstrip("/")] = sr.get("findings", []) or []
    return rep, found, sets


def strength(rule, row, finding):
    """How clear-cut a case is, to list the worst ones first: for a false
    alarm the finding's measured/limit gap, for a miss a property of the
    sample (gradient span, word size, number of colours, margin contrast)."""
    if finding is not None:
        m, lim = finding.get("measured"), finding.get("limit")
        if isinstance(m, (int, float)) and isinstance(lim, (int, float)) and lim:
            return abs(m - lim) / abs(lim)
        return 0.0
    d = row.get("desc", "")
    if rule == "gradient":
        v = [float(x) for x in re.findall(r"dE=(\d+)", d)]
        return max(v) if v else 0.0
    if rule == "text":  # a big word missed is worse than a 10 px one
        v = [float(x) for x in re.findall(r"(\d+)px", d)]
        return max(v) if v else 0.0
    if rule == "palette":
        m = re.search(r"grid(\d+)", d)
        return float(m.group(1)) if m else 0.0
    if rule == "hero-contrast":
        m = re.search(r"margin-contrast=([\d.]+)", d)
        return abs(float(m.group(1)) - 4.5) if m else 0.0
    if rule == "distortion":  # a 2x stretch missed is worse than 1.3x
        m = re.search(r"stretch=([\d.]+)", d)
        return float(m.group(1)) if m else 0.0
    return 0.0


def fmt(x):
    return "    -" if x is None else "%.3f" % x


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("labels")
    ap.add_argument("report")
    ap.add_argument("outdir")
    ap.add_argument("--sets", help="the sets' labels (sets.tsv)")
    ap.add_argument("--check-seconds", type=float)
    ap.add_argument("--gen-seconds", type=float)
    ap.add_argument("--show-test", action="store_true")
    ap.add_argument("--worst", type=int, default=5)
    a = ap.parse_args()
    try:
        rows = load_labels(a.labels)
        rep, found, found_sets = load_report(a.report)
        set_rows = load_labels(a.sets) if a.sets else []
    except (OSError, ValueError, KeyError) as e:
        print("score: cannot read inputs: %s" % e, file=sys.stderr)
        return 2

    rules = RULES + (SET_RULES if a.sets else ())
    stats = {(sp, r): {"tp": 0, "fp": 0, "fn": 0, "tn": 0, "offrole": 0}
             for sp in SPLITS for r in rules}
    bad = {(sp, r): {"fp": [], "fn": []} for sp in SPLITS for r in rules}
    located = {(sp, r): [0, 0] for sp in SPLITS for r in SET_RULES}
    missing = []
    outcomes = []
    byrole = {}
    items = [(row, found, RULES) for row in rows] + \
        [(row, found_sets, SET_RULES) for row in set_rows]
    for row, where, item_rules in items:
        sp = row["split"]
        if row["path"] not in where:
            missing.append(row["path"])
            continue
        fnd = where[row["path"]]
        for r in item_rules:
            lab = row[r]
            hits = [f for f in fnd if f.get("rule") == r]
            if lab == "n/a":
                if hits:
                    stats[(sp, r)]["offrole"] += 1
                continue
            if lab not in ("0", "1"):
                continue
            pred, truth = bool(hits), lab == "1"
            k = ("tp" if truth else "fp") if pred else ("fn" if truth else "tn")
            stats[(sp, r)][k] += 1
            outcomes.append((row["path"], sp, r, k.upper()))
            byrole.setdefault((sp, r, row["role"]), {"tp": 0, "fp": 0,
                                                     "fn": 0, "tn": 0})[k] += 1
            if k in ("fp", "fn"):
                h = hits[0] if hits else None
                bad[(sp, r)][k].append((strength(r, row, h), row, h))
            if k == "tp" and r in SET_RULES and row["role"] in SET_FILES:
                located[(sp, r)][1] += 1
                if hits[0].get("message", "").startswith(SET_FILES[row["role"]]):
                    located[(sp, r)][0] += 1

    for sp in SPLITS:
        part = [r for r in rows if r["split"] == sp]
        comp = []
        for key in ("role", "bg", "mark"):
            cnt = {}
            for r in part:
                cnt[r[key]] = cnt.get(r[key], 0) + 1
            comp.append("%s: %s" % (key, " ".join(
                "%s %d" % kv for kv in sorted(cnt.items()))))
        print("corpus %s, %d images; %s" % (sp, len(part), "; ".join(comp)))
        part = [r for r in set_rows if r["split"] == sp]
        if part:
            comp = []
            for key in ("kind", "role", "bg", "mark"):
                cnt = {}
                for r in part:
                    cnt[r[key]] = cnt.get(r[key], 0) + 1
                comp.append("%s: %s" % (key, " ".join(
                    "%s %d" % kv for kv in sorted(cnt.items()))))
            print("sets %s, %d sets of 4 logos; %s"
                  % (sp, len(part), "; ".join(comp)))
    print()
    hdr = "%-23s %-4s %5s %4s %4s %4s %4s %5s %5s %5s %5s %4s" % (
        "rule", "split", "n", "pos", "TP", "FP", "FN", "TN", "prec", "recall",
        "F1", "off")
    print(hdr)
    print("-" * len(hdr))
    table = []
    missed = []
    for r in rules:
        for sp in SPLITS:
            s = stats[(sp, r)]
            tp, fp, fn, tn = s["tp"], s["fp"], s["fn"], s["tn"]
            n = tp + fp + fn + tn
            prec = tp / (tp + fp) if tp + fp else None
            rec = tp / (tp + fn) if tp + fn else None
            f1 = (2 * prec * rec / (prec + rec)
                  if prec is not None and rec is not None and prec + rec
                  else None)
            print("%-23s %-5s %5d %4d %4d %4d %4d %4d %5s %5s %5s %4d" % (
                r, sp, n, tp + fn, tp, fp, fn, tn, fmt(prec), fmt(rec),
                fmt(f1), s["offrole"]))
            ok = ((prec is None or prec >= MIN_PRECISION) and
                  (rec is None or rec >= MIN_RECALL))
            table.append((r, sp, n, tp + fn, tp, fp, fn, tn, prec, rec, f1,
                          s["offrole"], "ok" if ok else "missed"))
            if sp == "test" and not ok:
                missed.append("TARGET MISSED: %s precision %s recall %s "
                              "(targets %.2f / %.2f, test split)"
                              % (r, fmt(prec).strip(), fmt(rec).strip(),
                                 MIN_PRECISION, MIN_RECALL))
    print()
    for m in missed:
        print(m)
    if not missed:
        print("all targets met on the test split (precision >= %.2f, recall "
              ">= %.2f)" % (MIN_PRECISION, MIN_RECALL))
    if missing:
        print("\n%d labelled files absent from the report, e.g. %s"
              % (len(missing), missing[0]))

    # Where a rule misses or cries wolf, by role: "hits/positives" and
    # "false alarms/negatives", both splits (counts reveal no file).
    print("\nBy role (hits/positives, false alarms/negatives):")
    roles = ("small", "medium", "large", "wide", "hero", "set")
    for r in rules:
        for sp in SPLITS:
            cells = []
            for ro in roles:
                c = byrole.get((sp, r, ro))
                if c:
                    cells.append("%s %d/%d %d/%d" % (
                        ro, c["tp"], c["tp"] + c["fn"], c["fp"],
                        c["fp"] + c["tn"]))
            if cells:
                print("  %-23s %-4s  %s" % (r, sp, "  ".join(cells)))
    if a.sets:
        print("\nSet findings that name the altered logo first (located/hits):")
        for r in SET_RULES:
            print("  %-23s %s" % (r, "  ".join(
                "%s %d/%d" % (sp, located[(sp, r)][0], located[(sp, r)][1])
                for sp in SPLITS)))

    shown = SPLITS if a.show_test else ("dev",)
    for sp in shown:
        print("\nWorst cases, %s split (label desc):" % sp)
        for r in rules:
            for k, what in (("fn", "miss"), ("fp", "false alarm")):
                lst = sorted(bad[(sp, r)][k], key=lambda t: (-t[0], t[1]["path"]))
                if not lst:
                    continue
                print("  %s: %d %s%s" % (r, len(lst), what,
                                          "es" if what == "miss" and len(lst) != 1
                                          else ("s" if len(lst) != 1 else "")))
                for st, row, h in lst[:a.worst]:
                    extra = ""
                    if h is not None:
                        extra = " | %s" % h.get("message", "")[:120]
                    print("    %s  %s%s" % (row["path"], row["desc"][:160], extra))
    if not a.show_test:
        print("\n(held-out test split: counts only; per-file outcomes in "
              "%s/outcomes.tsv)" % a.outdir)

    if a.gen_seconds is not None or a.check_seconds is not None:
        print()
        if a.gen_seconds is not None:
            print("corpus generation: %.1f s" % a.gen_seconds)
        if a.check_seconds is not None:
            print("assetlint check: %.1f s for %d files (%.1f ms/file)"
                  % (a.check_seconds, len(found),
                     1000 * a.check_seconds / max(1, len(found))))

    os.makedirs(a.outdir, exist_ok=True)
    tmp = os.path.join(a.outdir, "report.tsv.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("rule\tsplit\tn\tpositives\ttp\tfp\tfn\ttn\tprecision\trecall"
                "\tf1\toff_role\ttarget\n")
        for t in table:
            f.write("\t".join("" if v is None else
                              ("%.4f" % v if isinstance(v, float) else str(v))
                              for v in t) + "\n")
    os.replace(tmp, os.path.join(a.outdir, "report.tsv"))
    tmp = os.path.join(a.outdir, "outcomes.tsv.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("path\tsplit\trule\toutcome\n")
        for o in outcomes:
            f.write("\t".join(o) + "\n")
    os.replace(tmp, os.path.join(a.outdir, "outcomes.tsv"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
