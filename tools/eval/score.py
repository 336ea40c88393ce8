#!/usr/bin/env python3
"""Scores assetlint JSON reports against labels: the synthetic evaluation
corpus (splits dev and test) and, when given, the labelled real corpus.

Usage: score.py LABELS.tsv REPORT.json OUTDIR [--sets SETS.tsv]
                [--real REAL-LABELS.tsv --real-report REAL.json
                 --real-root DIR] [--check-seconds S] [--gen-seconds S]
                [--show-test] [--review-dev]

Three sets side by side: "dev" and "test" (the synthetic splits; test is
held out: other icons, fonts and words) and "real" (real marketplace
images labelled by a reviewer).  For every rule and set it counts
true/false positives/negatives over the items whose label is 0 or 1; an
item "predicts" a rule when the report has any finding of that rule for
it, of any severity.  Targets, judged on every set: precision >= 0.97 and
recall >= 0.93; a rule with fewer than 5 positives in a set is listed but
not judged.  Each missed target prints a "TARGET MISSED" line.

Synthetic labels (labels.tsv, written by gen_corpus.py): one column per
rule with 1 (must fire), 0 (must not), n/a (the rule does not apply to the
role; a finding there is counted "off-role") or skip (truth unknown; not
scored); a missing column is not scored.  The "role" column is the role
the tool must assign (role accuracy).  With --sets, the set rules that
decide from pixels (distortion, set-inconsistent) are scored per labelled
offer-set folder (corpus/SPLIT/sets/sNNN) from the report's "sets" entry;
set findings of other folders are not counted.

Real labels (real-labels.tsv, see its README): columns file, role, expect,
ambiguous, note.  A rule in "expect" must fire, one in "ambiguous" is not
scored, every other rule must not fire -- except the format rules
file-format and extension-mismatch, judged from bytes, and the set rules.
A file marked skip-svg (in either column) is not scored, nor is a role of
"-".  Report paths are matched to labels by stripping --real-root.

Output: the table, the role accuracy, every miss and false alarm on real
and dev (test: counts only unless --show-test), and in OUTDIR:
  report.tsv     the table (rule, set, counts, precision, recall, verdict)
  outcomes.tsv   one row per item and rule (TP/FP/FN/TN)
  review.tsv     one row per real miss or false alarm (and dev with
                 --review-dev) for tools/eval_review: image, output PNG,
                 regions, caption.
The exit status is 0 even when targets are missed -- this is a
measurement, not a test -- and 2 only when the inputs cannot be read.

Python 3 standard library only.
"""
import argparse
import json
import os
import re
import sys

PIXEL_RULES = ("background-white", "background-black",
               "background-transparent", "transparent-foreground",
               "gradient", "text", "palette", "hero-margin", "hero-contrast")
FILE_RULES = PIXEL_RULES + ("dimensions",)
SET_RULES = ("distortion", "set-inconsistent")
# Judged from bytes, not from what a reviewer sees: not scored on real.
FORMAT_RULES = ("file-format", "extension-mismatch")
SET_FILES = {"small": "Small.png", "medium": "Medium.png",
             "large": "Large.png", "wide": "Wide.png"}
MIN_PRECISION, MIN_RECALL, MIN_POSITIVES = 0.97, 0.93, 5
SETS = ("dev", "test", "real")
ROLE_NAMES = ("small", "medium", "large", "wide", "hero", "unknown")


def norm(path):
    """Synthetic report paths are as given on the command line joined with
    the walk; labels are relative to the eval folder.  Both end in
    corpus/..."""
    p = path.replace("\\", "/")
    i = p.rfind("corpus/")
    return p[i:] if i >= 0 else p


def load_tsv(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        head = f.readline().rstrip("\n").split("\t")
        for line in f:
            v = line.rstrip("\n").split("\t")
            if len(v) == len(head):
                rows.append(dict(zip(head, v)))
    return rows


def load_report(path, key=norm):
    with open(path, encoding="utf-8") as f:
        rep = json.load(f)
    files = {}
    for fr in rep.get("files", []):
        files[key(fr["path"])] = fr
    sets = {}
    for sr in rep.get("sets", []) or []:
        sets[key(sr["path"]).rstrip("/")] = sr.get("findings", []) or []
    return files, sets


def strength(rule, desc, finding):
    """How clear-cut a case is, to list the worst ones first: for a false
    alarm the finding's measured/limit gap, for a miss a property of the
    sample (gradient span, word size, number of colours, margin contrast)."""
    if finding is not None:
        m, lim = finding.get("measured"), finding.get("limit")
        if isinstance(m, (int, float)) and isinstance(lim, (int, float)) and lim:
            return abs(m - lim) / abs(lim)
        return 0.0
    if rule == "gradient":
        v = [float(x) for x in re.findall(r"dE=(\d+)", desc)]
        return max(v) if v else 0.0
    if rule == "text":  # a big word missed is worse than a 10 px one
        v = [float(x) for x in re.findall(r"(\d+)px", desc)]
        return max(v) if v else 0.0
    if rule == "palette":
        m = re.search(r"grid(\d+)", desc)
        return float(m.group(1)) if m else 0.0
    if rule == "hero-contrast":
        m = re.search(r"margin-contrast=([\d.]+)", desc)
        return abs(float(m.group(1)) - 4.5) if m else 0.0
    if rule == "distortion":  # a 2x stretch missed is worse than 1.3x
        m = re.search(r"stretch=([\d.]+)", desc)
        return float(m.group(1)) if m else 0.0
    return 0.0


def fmt(x):
    return "    -" if x is None else "%.3f" % x


def tokens(cell):
    return {t.strip() for t in cell.split(",") if t.strip() not in ("", "-")}


class Score:
    def __init__(self):
        self.stats = {}     # (set, rule) -> counts
        self.bad = {}       # (set, rule) -> [(strength, item)]
        self.byrole = {}    # (set, rule, role) -> counts
        self.byfam = {}     # (set, rule, family) -> counts (synthetic)
        self.roles = {}     # set -> [right, total, [wrong items]]
        self.located = {}   # (set, rule) -> [named first, hits]
        self.outcomes = []
        self.missing = {}   # set -> [paths absent from the report]
        self.composition = []

    def count(self, st, rule, role, truth, hits, item, offrole=False):
        s = self.stats.setdefault((st, rule), {"tp": 0, "fp": 0, "fn": 0,
                                               "tn": 0, "off": 0})
        if offrole:
            if hits:
                s["off"] += 1
            return None
        pred = bool(hits)
        k = ("tp" if truth else "fp") if pred else ("fn" if truth else "tn")
        s[k] += 1
        self.outcomes.append((item["path"], st, rule, k.upper()))
        self.byrole.setdefault((st, rule, role), {"tp": 0, "fp": 0, "fn": 0,
                                                  "tn": 0})[k] += 1
        fam = item["labels"].get("family")
        if fam:
            self.byfam.setdefault((st, rule, fam), {"tp": 0, "fp": 0, "fn": 0,
                                                    "tn": 0})[k] += 1
        if k in ("fp", "fn"):
            h = hits[0] if hits else None
            self.bad.setdefault((st, rule), []).append(
                (strength(rule, item.get("desc", ""), h), k, item, hits))
        return k

    def role(self, st, want, got, item):
        r = self.roles.setdefault(st, [0, 0, []])
        r[1] += 1
        if want == got:
            r[0] += 1
        else:
            r[2].append((item, got))


def score_synthetic(sc, rows, files, set_rows, sets):
    for row in rows:
        st = row["split"]
        fr = files.get(row["path"])
        if fr is None:
            sc.missing.setdefault(st, []).append(row["path"])
            continue
        fnd = fr.get("findings", []) or []
        item = {"path": row["path"], "desc": row.get("desc", ""),
                "image": None, "findings": fnd, "role": row["role"],
                "tool_role": fr.get("role"), "labels": row,
                "size": (fr.get("width"), fr.get("height"))}
        sc.role(st, row["role"], fr.get("role"), item)
        for r in FILE_RULES:
            lab = row.get(r)
            if lab is None:
                continue
            hits = [f for f in fnd if f.get("rule") == r]
            if lab == "n/a":
                sc.count(st, r, row["role"], False, hits, item, offrole=True)
            elif lab in ("0", "1"):
                sc.count(st, r, row["role"], lab == "1", hits, item)
    for row in set_rows:
        st = row["split"]
        if row["path"] not in sets:
            sc.missing.setdefault(st, []).append(row["path"])
            continue
        fnd = sets[row["path"]]
        item = {"path": row["path"], "desc": row.get("desc", ""),
                "image": None, "findings": fnd, "role": row["role"],
                "labels": row}
        for r in SET_RULES:
            lab = row.get(r)
            if lab not in ("0", "1"):
                continue
            hits = [f for f in fnd if f.get("rule") == r]
            k = sc.count(st, r, row["role"], lab == "1", hits, item)
            if k == "tp" and row["role"] in SET_FILES:
                loc = sc.located.setdefault((st, r), [0, 0])
                loc[1] += 1
                # the altered logo named first (.png, or .jpg when the
                # set was exported as JPEG)
                if hits[0].get("message", "").startswith(
                        SET_FILES[row["role"]][:-len("png")]):
                    loc[0] += 1


def score_real(sc, rows, files, root, rules):
    for row in rows:
        fr = files.get(row["file"])
        if fr is None:
            sc.missing.setdefault("real", []).append(row["file"])
            continue
        expect, amb = tokens(row["expect"]), tokens(row["ambiguous"])
        fnd = fr.get("findings", []) or []
        item = {"path": row["file"], "desc": row.get("note", ""),
                "image": os.path.join(root, row["file"]), "findings": fnd,
                "role": row["role"], "tool_role": fr.get("role"),
                "labels": row, "size": (fr.get("width"), fr.get("height"))}
        if "skip-svg" in expect | amb:
            continue
        if row["role"] not in ("", "-"):
            sc.role("real", row["role"], fr.get("role"), item)
        for r in rules:
            if r in amb:
                continue
            hits = [f for f in fnd if f.get("rule") == r]
            sc.count("real", r, row["role"], r in expect, hits, item)


def verdict(s):
    """(precision, recall, judged, ok) of a rule's counts."""
    tp, fp, fn = s["tp"], s["fp"], s["fn"]
    prec = tp / (tp + fp) if tp + fp else None
    rec = tp / (tp + fn) if tp + fn else None
    judged = tp + fn >= MIN_POSITIVES
    ok = (not judged) or ((prec is None or prec >= MIN_PRECISION) and
                          (rec is None or rec >= MIN_RECALL))
    return prec, rec, judged, ok


def print_table(sc, rules, present):
    cols = [s for s in SETS if s in present]
    w = 29
    print("%-23s" % "" + "".join(("  " + ("-" * 5 + " %s " % s).ljust(w, "-"))
                                  for s in cols))
    print("%-23s" % "rule" + "".join("  %4s %4s %4s %4s  %5s %5s "
                                      % ("n", "pos", "FP", "FN", "prec", "rec")
                                      for _ in cols))
    table, missed = [], []
    for r in rules:
        line = "%-23s" % r
        shown = False
        for st in cols:
            s = sc.stats.get((st, r))
            if s is None:
                line += "  %-*s" % (w, "      .")
                continue
            shown = True
            tp, fp, fn, tn = s["tp"], s["fp"], s["fn"], s["tn"]
            prec, rec, judged, ok = verdict(s)
            mark = " " if ok else "!"
            if not judged:
                mark = "~"
            line += "  %4d %4d %4d %4d  %5s %5s%s" % (
                tp + fp + fn + tn, tp + fn, fp, fn, fmt(prec), fmt(rec), mark)
            table.append((r, st, tp + fp + fn + tn, tp + fn, tp, fp, fn, tn,
                          prec, rec, s["off"],
                          "missed" if not ok else
                          ("ok" if judged else "not-judged")))
            if not ok:
                missed.append("TARGET MISSED: %-23s %-4s precision %s recall %s"
                              % (r, st, fmt(prec).strip(), fmt(rec).strip()))
        if shown:
            print(line)
    line = "%-23s" % "role (accuracy)"
    for st in cols:
        r = sc.roles.get(st)
        if r is None:
            line += "  %-*s" % (w, "      .")
            continue
        acc = r[0] / r[1] if r[1] else None
        line += "  %4d %4s %4d %4s  %5s %5s " % (r[1], "", r[1] - r[0], "",
                                                 fmt(acc), "")
        table.append(("role", st, r[1], "", r[0], r[1] - r[0], "", "", acc,
                      "", "", "ok" if r[0] == r[1] else "missed"))
    print(line)
    print("\n(FP: false alarms; FN: misses; ! target missed; ~ fewer than %d "
          "positives: listed, not judged; role row: FP = wrong roles)"
          % MIN_POSITIVES)
    print("targets on every set: precision >= %.2f, recall >= %.2f; every "
          "role right" % (MIN_PRECISION, MIN_RECALL))
    for st in cols:
        r = sc.roles.get(st)
        if r and r[0] != r[1]:
            missed.append("ROLES WRONG: %d of %d on %s" % (r[1] - r[0], r[1],
                                                            st))
    for m in missed:
        print(m)
    if not missed:
        print("all judged targets met")
    return table


def caption_of(st, rule, k, item):
    """Lines of text that explain one case in the review render."""
    what = {"fn": "MISS", "fp": "FALSE ALARM"}[k]
    lines = ["%s %s  [%s] %s" % (what, rule, st, item["path"])]
    lab = item["labels"]
    if st == "real":
        lines.append("label: role %s; expect %s; ambiguous %s"
                     % (lab["role"], lab["expect"], lab["ambiguous"]))
        lines.append("note: " + lab.get("note", ""))
    else:
        lines.append("label: role %s; %s" % (lab["role"], " ".join(
            "%s=%s" % (r, lab[r]) for r in FILE_RULES
            if lab.get(r) not in (None, "n/a", "0"))))
        lines.append("desc: " + item["desc"])
    lines.append("tool: role %s" % item.get("tool_role"))
    for f in item["findings"]:
        g = f.get("region")
        lines.append("  %s%s: %s" % (f.get("rule"), " @%d,%d %dx%d" % (
            g["x"], g["y"], g["w"], g["h"]) if g else "", f.get("message", "")))
    return lines


def write_review(path, outdir, cases):
    """One row per case for tools/eval_review: IMAGE, PNG, REGIONS
    (x,y,w,h,hot;...  hot 1 for the rule's own findings), CAPTION (lines
    joined by U+001F)."""
    tmp = path + ".tmp"
    n = 0
    with open(tmp, "w", encoding="utf-8") as f:
        for st, rule, k, item in cases:
            if not item.get("image"):
                continue
            regs = []
            w, h = item.get("size") or (None, None)
            if "hero" in (item.get("role"), item.get("tool_role")) and \
               isinstance(w, int) and isinstance(h, int) and w > 415:
                regs.append("%d,0,2,%d,2" % (w - 415, h))  # margin guide
            for fd in item["findings"]:
                g = fd.get("region")
                if g:
                    regs.append("%d,%d,%d,%d,%d" % (
                        g["x"], g["y"], g["w"], g["h"],
                        int(fd.get("rule") == rule)))
            name = re.sub(r"[^A-Za-z0-9._-]+", "_", item["path"])
            out = os.path.join(outdir, "review", st,
                               "%s--%s-%s.png" % (name, rule, k.upper()))
            cap = "\x1f".join(caption_of(st, rule, k, item))
            cap = cap.replace("\t", " ").replace("\n", " ")
            f.write("%s\t%s\t%s\t%s\n" % (item["image"], out,
                                          ";".join(regs) or "-", cap))
            n += 1
    os.replace(tmp, path)
    return n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("labels")
    ap.add_argument("report")
    ap.add_argument("outdir")
    ap.add_argument("--sets", help="the sets' labels (sets.tsv)")
    ap.add_argument("--real", help="real-labels.tsv")
    ap.add_argument("--real-report", help="assetlint's JSON on the real corpus")
    ap.add_argument("--real-root", default="",
                    help="the folder given to assetlint for the real corpus")
    ap.add_argument("--eval-dir", help="folder the synthetic labels' paths "
                    "are relative to (for review images; default: the "
                    "labels' folder)")
    ap.add_argument("--check-seconds", type=float)
    ap.add_argument("--gen-seconds", type=float)
    ap.add_argument("--show-test", action="store_true")
    ap.add_argument("--review-dev", action="store_true",
                    help="also write review rows for the dev split")
    a = ap.parse_args()
    root = a.real_root.rstrip("/") + "/" if a.real_root else ""

    def real_key(p):
        p = p.replace("\\", "/")
        return p[len(root):] if root and p.startswith(root) else p
    try:
        rows = load_tsv(a.labels)
        files, sets = load_report(a.report)
        set_rows = load_tsv(a.sets) if a.sets else []
        real_rows = load_tsv(a.real) if a.real else []
        real_files = {}
        if a.real:
            real_files, _ = load_report(a.real_report, real_key)
            for c in ("file", "role", "expect", "ambiguous"):
                if real_rows and c not in real_rows[0]:
                    raise KeyError("%s: no column %s" % (a.real, c))
    except (OSError, ValueError, KeyError, TypeError) as e:
        print("score: cannot read inputs: %s" % e, file=sys.stderr)
        return 2

    sc = Score()
    score_synthetic(sc, rows, files, set_rows, sets)
    # Real: every rule the labels name or the report reports, besides the
    # file rules; format and set rules excepted.
    real_rules = list(FILE_RULES)
    for row in real_rows:
        for r in sorted(tokens(row["expect"]) | tokens(row["ambiguous"])):
            if r not in real_rules and r != "skip-svg":
                real_rules.append(r)
    for fr in real_files.values():
        for f in fr.get("findings", []) or []:
            r = f.get("rule")
            if r and r not in real_rules:
                real_rules.append(r)
    real_rules = [r for r in real_rules
                  if r not in FORMAT_RULES and r not in SET_RULES]
    if real_rows:
        score_real(sc, real_rows, real_files, root, real_rules)

    # composition
    for sp in ("dev", "test"):
        part = [r for r in rows if r["split"] == sp]
        comp = []
        for key in ("role", "bg", "mark", "family"):
            cnt = {}
            for r in part:
                if key in r:
                    cnt[r[key]] = cnt.get(r[key], 0) + 1
            if cnt:
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
    if real_rows:
        svg = sum(1 for r in real_rows
                  if "skip-svg" in tokens(r["expect"]) | tokens(r["ambiguous"]))
        cnt = {}
        for r in real_rows:
            cnt[r["role"]] = cnt.get(r["role"], 0) + 1
        print("real, %d files (%d SVG not scored); role: %s"
              % (len(real_rows), svg, " ".join("%s %d" % kv
                                               for kv in sorted(cnt.items()))))
    else:
        print("real: not scored (no labels given)")
    for st, m in sorted(sc.missing.items()):
        print("%s: %d labelled items absent from the report, e.g. %s"
              % (st, len(m), m[0]))
    print()

    present = {"dev", "test"} | ({"real"} if real_rows else set())
    rules = list(FILE_RULES) + [r for r in real_rules if r not in FILE_RULES]
    if a.sets:
        rules += list(SET_RULES)
    table = print_table(sc, rules, present)

    print("\nBy role (hits/positives, false alarms/negatives):")
    roles = ("small", "medium", "large", "wide", "hero", "unknown", "set")
    for r in rules:
        for st in SETS:
            cells = []
            for ro in roles:
                c = sc.byrole.get((st, r, ro))
                if c:
                    cells.append("%s %d/%d %d/%d" % (
                        ro, c["tp"], c["tp"] + c["fn"], c["fp"],
                        c["fp"] + c["tn"]))
            if cells:
                print("  %-23s %-4s  %s" % (r, st, "  ".join(cells)))
    fams = sorted({k[2] for k in sc.byfam})
    if len(fams) > 1:
        print("\nBy family (hits/positives, false alarms/negatives; only "
              "families with a miss or a false alarm):")
        for r in rules:
            for st in ("dev", "test"):
                cells = []
                for fa in fams:
                    c = sc.byfam.get((st, r, fa))
                    if c and (c["fn"] or c["fp"]):
                        cells.append("%s %d/%d %d/%d" % (
                            fa, c["tp"], c["tp"] + c["fn"], c["fp"],
                            c["fp"] + c["tn"]))
                if cells:
                    print("  %-23s %-4s  %s" % (r, st, "  ".join(cells)))
    if a.sets:
        print("\nSet findings that name the altered logo first (located/hits):")
        for r in SET_RULES:
            print("  %-23s %s" % (r, "  ".join(
                "%s %d/%d" % (st, sc.located.get((st, r), [0, 0])[0],
                              sc.located.get((st, r), [0, 0])[1])
                for st in ("dev", "test"))))

    shown = [s for s in ("real", "dev", "test")
             if s in present and (s != "test" or a.show_test)]
    review = []
    for st in shown:
        r = sc.roles.get(st)
        if r and r[2]:
            print("\nWrong roles, %s (%d):" % (st, len(r[2])))
            for item, got in r[2]:
                print("  %s  label %s, tool %s" % (item["path"], item["role"],
                                                   got))
        print("\nEvery miss and false alarm, %s:" % st)
        any_bad = False
        for rule in rules:
            for k, what in (("fn", "miss"), ("fp", "false alarm")):
                lst = sorted([b for b in sc.bad.get((st, rule), ())
                              if b[1] == k],
                             key=lambda t: (-t[0], t[2]["path"]))
                if not lst:
                    continue
                any_bad = True
                print("  %s: %d %s%s" % (rule, len(lst), what,
                                          "es" if what == "miss" and len(lst) != 1
                                          else ("s" if len(lst) != 1 and
                                                what != "miss" else "")))
                for _, _, item, hits in lst:
                    extra = ""
                    if hits:
                        extra = " | %s" % hits[0].get("message", "")[:140]
                    print("    %s  %s%s" % (item["path"], item["desc"][:170],
                                            extra))
                    if st == "real" or (st == "dev" and a.review_dev):
                        review.append((st, rule, k, item))
        if not any_bad:
            print("  none")
    if "test" not in shown:
        print("\n(held-out test split: counts only; per-file outcomes in "
              "%s/outcomes.tsv)" % a.outdir)

    if a.gen_seconds is not None or a.check_seconds is not None:
        print()
        if a.gen_seconds is not None:
            print("corpus generation: %.1f s" % a.gen_seconds)
        if a.check_seconds is not None:
            n = len(files) + len(real_files)
            print("assetlint check: %.1f s for %d files (%.1f ms/file)"
                  % (a.check_seconds, n, 1000 * a.check_seconds / max(1, n)))

    os.makedirs(a.outdir, exist_ok=True)
    eval_dir = a.eval_dir or os.path.dirname(os.path.abspath(a.labels))
    for st, rule, k, item in review:
        if item["image"] is None:
            im = os.path.join(eval_dir, item["path"])
            item["image"] = im if os.path.isfile(im) else None
    write_review(os.path.join(a.outdir, "review.tsv"), a.outdir, review)
    tmp = os.path.join(a.outdir, "report.tsv.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("rule\tset\tn\tpositives\ttp\tfp\tfn\ttn\tprecision\trecall"
                "\toff_role\ttarget\n")
        for t in table:
            f.write("\t".join("" if v is None else
                              ("%.4f" % v if isinstance(v, float) else str(v))
                              for v in t) + "\n")
    os.replace(tmp, os.path.join(a.outdir, "report.tsv"))
    tmp = os.path.join(a.outdir, "outcomes.tsv.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("path\tset\trule\toutcome\n")
        for o in sc.outcomes:
            f.write("\t".join(o) + "\n")
    os.replace(tmp, os.path.join(a.outdir, "outcomes.tsv"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
