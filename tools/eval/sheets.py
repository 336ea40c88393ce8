#!/usr/bin/env python3
"""Contact sheets of the evaluation corpus, one per family and split, to
look at the images and their labels before trusting them:
  sheets.py LABELS.tsv EVAL_DIR OUT_DIR RENDERER [--split dev] [--per 48]
writes OUT_DIR/SPLIT-FAMILY.png with tools/eval_review --sheet; each tile
is captioned with the file, the rules labelled 1 and those labelled skip.
Python 3 standard library only."""
import argparse
import os
import subprocess
import sys

RULES = ("background-white", "background-black", "background-transparent",
         "transparent-foreground", "gradient", "text", "palette",
         "hero-margin", "hero-contrast", "dimensions")
SHORT = {"background-white": "bw", "background-black": "bb",
         "background-transparent": "bt", "transparent-foreground": "tf",
         "gradient": "grad", "text": "text", "palette": "pal",
         "hero-margin": "margin", "hero-contrast": "contrast",
         "dimensions": "dim"}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("labels")
    ap.add_argument("evaldir")
    ap.add_argument("out")
    ap.add_argument("renderer")
    ap.add_argument("--split", default="dev")
    ap.add_argument("--per", type=int, default=48)
    a = ap.parse_args()
    with open(a.labels, encoding="utf-8") as f:
        head = f.readline().rstrip("\n").split("\t")
        rows = [dict(zip(head, l.rstrip("\n").split("\t"))) for l in f]
    fams = {}
    for r in rows:
        if r["split"] == a.split:
            fams.setdefault(r.get("family", "base"), []).append(r)
    os.makedirs(a.out, exist_ok=True)
    st = 0
    for fam, lst in sorted(fams.items()):
        lines = []
        for r in lst[:a.per]:
            ones = [SHORT[k] for k in RULES if r.get(k) == "1"]
            skips = [SHORT[k] for k in RULES if r.get(k) == "skip"]
            cap = "%s %s\x1f1: %s\x1fskip: %s" % (
                os.path.basename(r["path"]), r["role"], " ".join(ones) or "-",
                " ".join(skips) or "-")
            lines.append("%s\t%s\n" % (os.path.join(a.evaldir, r["path"]), cap))
        out = os.path.join(a.out, "%s-%s.png" % (a.split, fam))
        p = subprocess.run([a.renderer, "--sheet", out, "--cols", "8",
                            "--cell", "150"], input="".join(lines), text=True)
        st |= p.returncode
        print("sheets: %s (%d of %d)" % (out, min(a.per, len(lst)), len(lst)))
    return 1 if st else 0


if __name__ == "__main__":
    sys.exit(main())
