#!/usr/bin/env python3
"""Checks that families.compose_uset keeps the wide logo's artwork on the
canvas: the mark (stretched or not), the tile's margin left of it and the
brand word fit the 255 px width, whatever the draw.  Issue #8 (s16): a
long word beside a stretched mark pushed the mark off the left edge and
the word off the right one, so the distortion's evidence was cut away.

Runs on stand-in artwork (square, wide and tall one-colour marks of the
pools' aspect range), so it needs neither npm nor the corpus:
    python3 tools/eval/uset_fit.py [N]     (N sets per split, default 600)
Prints one line per overflow and "N checked, N overflowing"; exit 1 when
any overflows."""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import families  # noqa: E402

W = families.g.ROLES["wide"][0]


def stand_in_art():
    def icon(name, w, h):
        return {"name": name, "w": w, "h": h,
                "body": '<rect x="0" y="0" width="%d" height="%d" fill="currentColor"/>' % (w, h)}
    pool = [icon("sq", 24, 24), icon("wide", 38, 24), icon("tall", 24, 38),
            icon("wider", 24, 16)]
    keys = ("upict", "ubrand", "urich")
    return {"iconify": {sp: {k: list(pool) for k in keys} for sp in ("dev", "test")}}


MARK = re.compile(r'<svg x="([-\d.]+)" y="[-\d.]+" width="([\d.]+)" height="([\d.]+)" viewBox')
RECT = re.compile(r'<rect x="([-\d.]+)" y="[-\d.]+" width="([\d.]+)"')
TEXT = re.compile(r'<text x="([-\d.]+)" y="[-\d.]+" font-family="([^"]+)" font-size="([\d.]+)" '
                  r'font-style="[^"]*" font-weight="([^"]+)"[^>]*>([^<]*)</text>')


def overflow(svg, row):
    """What of the wide logo leaves the canvas (a list of strings)."""
    bad = []
    x, w, _ = map(float, MARK.search(svg).groups())
    if x < 0 or x + w > W + 0.01:
        bad.append("mark %.1f..%.1f" % (x, x + w))
    t = TEXT.search(svg)
    if t:
        tx, font, size, weight, word = t.groups()
        weight = int(weight) if weight.isdigit() else weight
        end = float(tx) + families.u_word_width(word, float(size), font, weight)
        if end > W + 0.01:
            bad.append("word %r ends at %.1f" % (word, end))
        # the tile (a rect drawn before the mark, not the canvas) left of the mark
        if "tile=None" not in row["desc"][0]:
            rects = RECT.findall(svg.split("<svg x=")[0])
            tile_x = float(rects[-1][0])
            if tile_x < 0:
                bad.append("tile from %.1f" % tile_x)
    return bad


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 600
    art = stand_in_art()
    checked = over = 0
    for split in ("dev", "test"):
        for idx in range(n):
            row, out = families.compose_uset(split, idx, art)
            svg = dict((r, s) for r, s, _, _ in out)["wide"]
            checked += 1
            bad = overflow(svg, row)
            if bad:
                over += 1
                print("%s %d: %s (%s)" % (split, idx, "; ".join(bad), row["desc"][0]))
    print("%d checked, %d overflowing" % (checked, over))
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
