#!/usr/bin/env python3
"""Checks the thinword and thinneg families of families.py by
construction, on stand-in artwork (no npm, no corpus):
  - a thinword image holds exactly one word, labelled text 1, in a font of
    its own split's THIN_FONTS (never one of the other split's), whose
    estimated box (the font's widest advance a letter) lies on the canvas,
    left of the hero's 415 px margin on heroes;
  - a thinneg image holds no <text> and is labelled text 0;
  - a "pale" ink is 8..30 dE (CIE76) from the ground (and 8 L* apart from
    it when its strokes are under a pixel wide), a "strong" one at least
    45, so the families hold what their docstrings say;
  - the fonts resolve: fontconfig lists every THIN_FONTS family (a name it
    does not know renders in a fallback font of other widths), else SKIP.
    python3 tools/eval/thin_fit.py [N]   (N images per family and split)
Prints one line per fault and "N checked, N faults"; exit 1 on any."""
import os
import random
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import families  # noqa: E402

g = families.g


def stand_in_art():
    square = g.parse_svg('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16">'
                         '<path d="M2 2h12v12H2z"/></svg>')
    square["name"] = "stand:square"
    line = {"name": "stand:line", "w": 24, "h": 24,
            "body": '<path fill="none" stroke="currentColor" stroke-width="1.5" '
                    'd="M4 4h16v16H4z"/>'}
    art = {sp: {"pict": [square], "pict_fill": [square]} for sp in ("dev", "test")}
    art["iconify"] = {sp: {"upict": [line], "ubrand": [line]} for sp in ("dev", "test")}
    return art


TEXT = re.compile(r'<text x="([-\d.]+)" y="([-\d.]+)" font-family="([^"]+)" '
                  r'font-size="([\d.]+)" font-style="([^"]*)" font-weight="([^"]+)" '
                  r'text-anchor="(\w+)"[^>]*>([^<]*)</text>')
INK = re.compile(r"ink=(#[0-9A-F]{6})\((pale|strong), dE (-?[\d.]+)\) bg=(\w+)")


def faults(fam, split, s, svg, L, role):
    bad = []
    texts = TEXT.findall(svg)
    m = INK.search(" ".join(s.desc))
    if not m:
        return ["no ink in desc %r" % s.desc]
    ink, how, de, bgk = m.group(1), m.group(2), float(m.group(3)), m.group(4)
    if bgk != "transparent":
        if how == "pale" and not 8 - 0.05 <= de <= 30 + 0.05:
            bad.append("pale ink %s at dE %.1f" % (ink, de))
        stem = re.search(r"(?:stem|stroke)=([\d.]+)px", " ".join(s.desc))
        bgc = re.search(r"bg=\w+\((#[0-9A-F]{6})\)", " ".join(s.desc))
        if how == "pale" and stem and bgc and float(stem.group(1)) < 1 and \
                abs(g.lab(ink)[0] - g.lab(bgc.group(1))[0]) < families.THIN_PALE_DL - 0.05:
            bad.append("pale ink %s on %s under %.0f L* apart with %spx strokes"
                       % (ink, bgc.group(1), families.THIN_PALE_DL, stem.group(1)))
        if how == "strong" and de < 45 - 0.05:
            bad.append("strong ink %s at dE %.1f" % (ink, de))
    if fam == "thinneg":
        if texts:
            bad.append("a word in a negative: %r" % (texts,))
        if L["text"] != 0:
            bad.append("thinneg labelled text %r" % L["text"])
        return bad
    if L["text"] != 1 or len(texts) != 1:
        return bad + ["text %r with %d words" % (L["text"], len(texts))]
    x, y, font, size, style, weight, anchor, word = texts[0]
    x, y, size = float(x), float(y), float(size)
    own = [f for f in families.THIN_FONTS[split] if f[:3] == (font, style, weight)]
    other = [f for f in families.THIN_FONTS["test" if split == "dev" else "dev"]
             if f[0] == font]
    if not own or other:
        return bad + ["font %s/%s/%s not of %s alone" % (font, style, weight, split)]
    w = len(word) * size * own[0][4]
    x0, x1 = (x, x + w) if anchor == "start" else (x - w / 2, x + w / 2)
    right = 392 if role == "hero" else s.W
    if x0 < -0.01 or x1 > right + 0.01:
        bad.append("word %r (%s %.1fpx) spans %.1f..%.1f of 0..%d" % (word, font, size, x0, x1,
                                                                      right))
    if y - size * 0.75 < -0.01 or y + size * 0.2 > s.H + 0.01:
        bad.append("word %r (%.1fpx) at baseline %.1f of %d" % (word, size, y, s.H))
    return bad


def fonts_listed():
    try:
        out = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True,
                             check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    have = {f.strip() for line in out.splitlines() for f in line.split(",")}
    return [f[0] for sp in ("dev", "test") for f in families.THIN_FONTS[sp] if f[0] not in have]


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    art = stand_in_art()
    checked = nbad = 0
    for fam in ("thinword", "thinneg"):
        for split in ("dev", "test"):
            for idx in range(n):
                rng = random.Random("assetlint-eval-fam-%s-%s-%d" % (fam, split, idx))
                s, svg, L, role, _, _, _ = families.FUNCS[fam](split, idx, rng, art)
                checked += 1
                bad = faults(fam, split, s, svg, L, role)
                if bad:
                    nbad += 1
                    print("%s %s %d: %s (%s)" % (fam, split, idx, "; ".join(bad),
                                                 " ".join(s.desc)))
    missing = fonts_listed()
    if missing is None:
        print("SKIP: fc-list not found, the THIN_FONTS families were not looked up")
    elif missing:
        # tools/eval.sh installs them; a machine without them cannot render
        # the families, and cannot run make eval either
        print("SKIP: fonts not installed here (make eval installs them): %s"
              % ", ".join(sorted(set(missing))))
    print("%d checked, %d faults" % (checked, nbad))
    return 1 if nbad else 0


if __name__ == "__main__":
    sys.exit(main())
