#!/usr/bin/env python3
"""Builds assetlint's labelled evaluation corpus (make eval, issue #3).

Every image is composed as an SVG from real artwork -- brand marks and icons
from npm packages (simple-icons, devicon, bootstrap-icons, @tabler/icons) and
words set in real Debian fonts -- on a chosen background, then rasterised
with rsvg-convert.  The labels are known by construction: we chose the
background, the colours, the gradients, the text and where everything sits.
Only hero-contrast is computed from the composed pixels, because the rule is
defined on them (90th percentile of relative luminance in the right 415 px).

Two splits: "dev" (look at it while tuning) and "test" (held out: other
seeds, other icons, other fonts, other words).  Output:
  OUT/corpus/{dev,test}/NNNN-ROLE.png   the images
  OUT/svg/{dev,test}/NNNN-ROLE.svg      their sources (outside the corpus)
  OUT/labels.tsv                        one row per image
  OUT/corpus/{dev,test}/sets/sNNN/{Small,Medium,Large,Wide}.png
                                        offer sets, one folder each, for
                                        the set rules distortion and
                                        set-inconsistent (see "offer sets")
  OUT/sets.tsv                          one row per set: the altered
                                        logo's role (or "set"), the kind
                                        (honest, distortion, inconsistent,
                                        mild) and both labels

Label values: 1 (the rule must fire), 0 (it must not), n/a (the rule does
not apply to the role), skip (the truth is not known by construction, e.g.
whether a brand mark made of letters is "text"; not scored).

Python 3 standard library only.
"""
import argparse
import colorsys
import concurrent.futures as cf
import math
import os
import random
import re
import subprocess
import sys
import threading
import zlib

ROLES = {"small": (40, 40), "medium": (90, 90), "large": (115, 115),
         "wide": (255, 115), "hero": (815, 290)}
LOGOS = ("small", "medium", "large", "wide")
RULES = ("background-white", "background-black", "background-transparent",
         "transparent-foreground", "gradient", "text", "palette",
         "hero-margin", "hero-contrast")
MARGIN = 415  # hero: the right 415 px must stay free

# Fonts: several families, serif/sans/mono; the test split uses others.
FONTS = {
    "dev": ["DejaVu Sans", "Liberation Serif", "Nimbus Mono PS",
            "URW Gothic", "C059", "Liberation Sans Narrow"],
    "test": ["Liberation Sans", "DejaVu Serif", "Liberation Mono",
             "Nimbus Sans", "URW Bookman", "P052", "DejaVu Sans Mono"],
}
WORDS = {
    "dev": ["Contoso", "Fabrikam", "Cloud", "Data", "Nimbus", "Atlas",
            "Orbit", "Vector", "Pulse", "Quanta", "Helix", "Ledger", "Nova",
            "Forge", "Relay", "Spark", "Vault", "Beacon", "Delta", "Prism",
            "Cortex", "Echo", "Flux", "Tidal", "Apex"],
    "test": ["Northwind", "Tailspin", "Wingtip", "Adatum", "Litware",
             "Proseware", "Sync", "Grid", "Stack", "Shield", "Lumen", "Core",
             "Sigma", "Mosaic", "Harbor", "Summit", "Radius", "Cobalt",
             "Zenith", "Ember", "Aero", "Nexus", "Pilot", "Kite", "Ion"],
}

# Mark colours on a transparent background: the rule flags white, black and
# blue.  Ambiguous colours (greys, cyan, violet) are not used there.
WHITE = ["#FFFFFF", "#FCFCFC", "#F8F8F8", "#F5F5F5"]
BLACK = ["#000000", "#0D0D0D", "#141414", "#1C1C1C", "#222222"]
BLUE = ["#0078D4", "#0000FF", "#1E90FF", "#003399", "#2B579A", "#4169E1",
        "#1F3A93", "#3B82F6", "#0A2472", "#2563EB", "#0050EF", "#1565C0"]
OTHER = ["#E81123", "#D13438", "#FF8C00", "#F7630C", "#FFB900", "#107C10",
         "#16A34A", "#8CBF26", "#E3008C", "#8B4513", "#A0522D", "#FF69B4",
         "#808000", "#800000", "#DAA520", "#DC143C", "#FF7F50", "#B8860B",
         "#228B22", "#C71585", "#D2691E", "#6B8E23", "#CD5C5C", "#FF4500"]
WHITE_BG = ["#FFFFFF"] * 4 + ["#FEFEFE", "#FDFDFD", "#FCFCFC", "#FAFAFA"]
BLACK_BG = ["#000000"] * 4 + ["#030303", "#050505", "#080808", "#0A0A0A"]


# ---- colour -------------------------------------------------------------

def hex2rgb(h):
    h = h.lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    return tuple(int(h[i:i + 2], 16) for i in (0, 2, 4))


def rgb2hex(rgb):
    return "#%02X%02X%02X" % tuple(max(0, min(255, int(round(c)))) for c in rgb)


def _lin(c):
    c /= 255.0
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def lab(h):
    r, g, b = (_lin(c) for c in hex2rgb(h))
    x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047
    y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
    z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883

    def f(t):
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116
    fx, fy, fz = f(x), f(y), f(z)
    return (116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz))


def de(a, b):
    la, lb = lab(a), lab(b)
    return math.sqrt(sum((p - q) ** 2 for p, q in zip(la, lb)))


def category(h):
    """white/black/blue/other/ambiguous, for devicon's own colours."""
    L, a, b = lab(h)
    C = math.hypot(a, b)
    hue = math.degrees(math.atan2(b, a)) % 360
    if L >= 93 and C <= 6:
        return "white"
    if L <= 14 and C <= 10:
        return "black"
    if C >= 25 and 255 <= hue <= 310:
        return "blue"
    if C <= 12 or 230 <= hue <= 330 or L <= 20 or L >= 90:
        return "ambiguous"
    return "other"


def hsl(rng, l_lo, l_hi, s_lo=0.3, s_hi=0.9):
    r, g, b = colorsys.hls_to_rgb(rng.random(), rng.uniform(l_lo, l_hi),
                                  rng.uniform(s_lo, s_hi))
    return rgb2hex((r * 255, g * 255, b * 255))


def mid_colour(rng):
    """A flat background colour that is neither white nor black."""
    while True:
        c = hsl(rng, 0.2, 0.8, 0.2, 0.95)
        if de(c, "#FFFFFF") >= 20 and de(c, "#000000") >= 20:
            return c


def tint_colour(rng, lo, hi):
    """A light tint at CIE76 distance @lo..@hi from white.  3..12: off-white
    (#F0F9FF, #EEEEEE) -- whether that "is white" is a matter of definition,
    so background-white is not scored on it; 14..25: a pale colour
    (#DBEAFE, #FFEDD5) that is clearly not white."""
    while True:
        c = hsl(rng, 0.82, 0.995, 0.0 if rng.random() < 0.2 else 0.4, 1.0)
        if lo <= de(c, "#FFFFFF") <= hi:
            return c


def dark_colour(rng):
    """Dark but coloured: navy, aubergine, forest -- not black."""
    while True:
        c = hsl(rng, 0.12, 0.22, 0.45, 0.9)
        if de(c, "#000000") >= 15:
            return c


def contrasting(rng, avoid, pool=None, min_de=30, tries=400):
    """A colour at least @min_de from every colour in @avoid."""
    for _ in range(tries):
        c = rng.choice(pool) if pool else hsl(rng, 0.15, 0.85, 0.35, 1.0)
        if all(de(c, a) >= min_de for a in avoid):
            return c
    return None


# ---- artwork --------------------------------------------------------------

TEXTY = re.compile(r"letter|number|abc|text|typo|font|alpha|braille|sql|json|"
                   r"html|css|txt|pdf|svg|png|jpg|gif|doc|xls|ppt|zip|csv|"
                   r"file-type|filetype|currency|math|sigma|omega|ascii|api|"
                   r"http|www|badge|sign|tag|label|markdown|spell|script|"
                   r"translate|language|hash|percent|\d|(^|-)[a-z]{1,2}(-|$)|"
                   r"brand|bootstrap|microsoft|google|facebook|sort|cursor|"
                   r"quote|paragraph|heading|bold|italic|underline|strike|"
                   r"clipboard|receipt|ticket|barcode|qrcode|calendar|clock|"
                   r"news|blockquote|code|terminal|keyboard|dialpad|emoji|"
                   r"mood|pilcrow|sum|infinity|exposure|iso|hdr|new|sale|"
                   r"vip|nfc|wifi|ad-|cc|at$|registered|copyright|trademark")


# Icons that spell letters although their names do not say so (tabler's
# "favicon" draws "ICO").  They stay in the artwork (taking them out would
# change every image drawn after them); an image showing one is not scored
# for text unless it holds a word anyway.
SPELLED = re.compile(r"[:-]favicon\b")


LETTERY = re.compile(r"(^|[-_])(button|input|mark|japanese|kanji|hiragana|"
                     r"katakana|ideograph|keycap)([-_]|$)")
DICT_WORDS = "/usr/share/dict/words"   # Debian's wamerican (tools/eval.sh)
_words = None


def drawn_letters(name):
    """True when an icon's name says it draws letters: a name token of 2 to
    5 letters that is no common (lower-case) English word is an
    abbreviation or a name, and icons named after one mostly spell it out
    ("seo", "sdk", "toml", "uhd", "zzz", "usb", "tex").
    TEXTY lists the words that do the same ("sql", "text", "badge"), and
    LETTERY those that emoji sets use for squared words and marks ("cool
    button", "input latin", "trade mark"); a few letterless icons go too."""
    global _words
    if TEXTY.search(name) or LETTERY.search(name):
        return True
    if _words is None:
        try:
            with open(DICT_WORDS, encoding="utf-8", errors="replace") as f:
                # common words only: names and acronyms the list spells
                # capitalised ("Tex", "USB") are not
                _words = {w.strip() for w in f if w.strip().isalpha() and w.strip().islower()}
        except OSError:
            sys.exit("gen_corpus: %s missing (Debian package wamerican); "
                     "it tells abbreviations in icon names" % DICT_WORDS)
    return any(2 <= len(t) <= 5 and t.lower() not in _words
               for t in re.split(r"[-_]", name) if t.isalpha())


def split_of(name):
    """Icons go to one split only, so the test split shows unseen artwork."""
    return "test" if zlib.crc32(name.encode()) % 3 == 0 else "dev"


def parse_svg(text):
    m = re.search(r"<svg\b([^>]*)>(.*)</svg>", text, re.S)
    if not m:
        return None
    attrs = dict(re.findall(r'([\w:-]+)\s*=\s*"([^"]*)"', m.group(1)))
    inner = re.sub(r"<title>.*?</title>", "", m.group(2), flags=re.S)
    vb = attrs.get("viewBox")
    if not vb and "width" in attrs and "height" in attrs:
        vb = "0 0 %s %s" % (attrs["width"].rstrip("px"),
                            attrs["height"].rstrip("px"))
    if not vb:
        return None
    keep = {k: v for k, v in attrs.items()
            if k in ("fill", "stroke", "stroke-width", "stroke-linecap",
                     "stroke-linejoin", "fill-rule", "clip-rule")}
    try:
        vbn = [float(v) for v in vb.replace(",", " ").split()]
    except ValueError:
        return None
    if len(vbn) != 4 or vbn[2] <= 0 or vbn[3] <= 0:
        return None
    return {"attrs": keep, "inner": inner, "vb": vbn}


def devicon_colours(text):
    """The flat colours a devicon SVG paints with, or None when we cannot
    know them from the source (gradients, CSS, opacity, named colours)."""
    low = text.lower()
    if any(k in low for k in ("gradient", "style", "class=", "<image",
                              "opacity", "<use", "mask", "filter", "<g fill",
                              "<g  fill", "rgb(")):
        return None
    cols = set()
    for attr, v in re.findall(r'\b(fill|stroke)="([^"]*)"', text):
        v = v.strip()
        if v in ("none", "transparent"):
            continue
        if not re.fullmatch(r"#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}", v):
            return None
        cols.add(rgb2hex(hex2rgb(v)))
    for tag in re.findall(r"<(?:path|circle|rect|polygon|ellipse|polyline)\b[^>]*>",
                          text):
        if "fill=" not in tag:
            cols.add("#000000")  # SVG's default fill
    return sorted(cols) if cols else None


def load_art(nm):
    art = {"dev": {}, "test": {}}
    for s in art.values():
        for k in ("pict", "pict_fill", "brand", "devicon", "devword"):
            s[k] = []

    def add(kind, name, path, extra=None):
        try:
            with open(path, encoding="utf-8") as f:
                text = f.read()
        except OSError:
            return
        p = parse_svg(text)
        if not p:
            return
        p["name"] = name
        if extra is not None:
            p["colours"] = extra
        art[split_of(name)][kind].append(p)

    bi = os.path.join(nm, "bootstrap-icons", "icons")
    for f in sorted(os.listdir(bi)):
        n = f[:-4]
        if f.endswith(".svg") and not drawn_letters(n):
            add("pict_fill" if n.endswith("-fill") else "pict",
                "bi:" + n, os.path.join(bi, f))
    for style in ("outline", "filled"):
        d = os.path.join(nm, "@tabler", "icons", "icons", style)
        for f in sorted(os.listdir(d)):
            n = f[:-4]
            if f.endswith(".svg") and not drawn_letters(n):
                add("pict_fill" if style == "filled" else "pict",
                    "tabler-%s:%s" % (style, n), os.path.join(d, f))
    si = os.path.join(nm, "simple-icons", "icons")
    for f in sorted(os.listdir(si)):
        if f.endswith(".svg"):
            add("brand", "si:" + f[:-4], os.path.join(si, f))
    dv = os.path.join(nm, "devicon", "icons")
    for d in sorted(os.listdir(dv)):
        for variant in ("original", "original-wordmark", "plain-wordmark"):
            path = os.path.join(dv, d, "%s-%s.svg" % (d, variant))
            if not os.path.exists(path):
                continue
            with open(path, encoding="utf-8") as f:
                cols = devicon_colours(f.read())
            if cols:
                add("devword" if "wordmark" in variant else "devicon",
                    "devicon:%s-%s" % (d, variant), path, cols)
    return art


# ---- composition ------------------------------------------------------------

class Sample:
    def __init__(self, split, idx, role, rng):
        self.split, self.idx, self.role, self.rng = split, idx, role, rng
        self.W, self.H = ROLES[role]
        self.defs, self.body = [], []
        self.colours = []      # distinct flat foreground colours
        self.gradient = False
        self.text = None       # 1 / 0 / "skip"
        self.palette_known = True
        self.crosses = False   # hero: something inside the margin
        self.desc = []
        self.nid = 0

    def gid(self):
        self.nid += 1
        return "ae%d" % self.nid

    def add_colour(self, c):
        if all(de(c, o) >= 10 for o in self.colours):
            self.colours.append(c)


def gradient_def(s, c1, c2, bbox=False, radial=False):
    """A gradient between two colours, across the whole image, or with
    @bbox across each painted shape's own bounding box -- so a mark shows
    the gradient's full span however little of its view box it inks."""
    rng = s.rng
    gid = s.gid()
    x, y, w, h = (0, 0, 1, 1) if bbox else (0, 0, s.W, s.H)
    units = "objectBoundingBox" if bbox else "userSpaceOnUse"
    if radial:
        cx, cy = x + rng.uniform(0.2, 0.8) * w, y + rng.uniform(0.2, 0.8) * h
        # The farthest corner is at least 0.8 r away, so the image shows
        # at least 80 % of the colour span (a wide hero with a radius of
        # its full width would show only a faint part of it).
        far = max(math.hypot(px - cx, py - cy)
                  for px in (x, x + w) for py in (y, y + h))
        r = far * rng.uniform(0.6, 1.25)
        s.defs.append('<radialGradient id="%s" gradientUnits="%s" '
                      'cx="%.3f" cy="%.3f" r="%.3f"><stop offset="0" '
                      'stop-color="%s"/><stop offset="1" stop-color="%s"/>'
                      '</radialGradient>' % (gid, units, cx, cy, r, c1, c2))
    else:
        a = rng.choice([0, 45, 90, 135, rng.uniform(0, 180)])
        dx, dy = math.cos(math.radians(a)), math.sin(math.radians(a))
        mx, my = x + w / 2, y + h / 2
        half = (abs(dx) * w + abs(dy) * h) / 2
        s.defs.append('<linearGradient id="%s" gradientUnits="%s" '
                      'x1="%.3f" y1="%.3f" x2="%.3f" y2="%.3f"><stop offset="0" '
                      'stop-color="%s"/><stop offset="1" stop-color="%s"/>'
                      '</linearGradient>' % (gid, units, mx - dx * half, my - dy * half,
                                             mx + dx * half, my + dy * half,
                                             c1, c2))
    return "url(#%s)" % gid


def background(s, kind):
    rng = s.rng
    s.bg_kind = kind
    s.bg_cols = []
    if kind == "transparent":
        s.desc.append("bg=transparent")
        return
    if kind in ("lingrad", "radgrad"):
        c1 = mid_colour(rng)
        c2 = contrasting(rng, [c1], [mid_colour(rng) for _ in range(40)], 25)
        if c2 is None:
            c2 = mid_colour(rng)
        fill = gradient_def(s, c1, c2, radial=(kind == "radgrad"))
        s.bg_cols = [c1, c2]
        s.gradient = True
        s.desc.append("bg=%s(%s..%s,dE=%.0f)" % (kind, c1, c2, de(c1, c2)))
    else:
        c = {"white": lambda: rng.choice(WHITE_BG),
             "black": lambda: rng.choice(BLACK_BG),
             "offwhite": lambda: tint_colour(rng, 3, 12),
             "tint": lambda: tint_colour(rng, 14, 25),
             "dark": lambda: dark_colour(rng),
             "flat": lambda: mid_colour(rng)}[kind]()
        fill = c
        s.bg_cols = [c]
        s.desc.append("bg=%s(%s,dE_white=%.1f,dE_black=%.1f)"
                      % (kind, c, de(c, "#FFFFFF"), de(c, "#000000")))
    s.body.append('<rect width="%d" height="%d" fill="%s"/>' % (s.W, s.H, fill))


def painted(icon, paint):
    """@icon's root attributes and inner SVG with currentColor (and a
    missing fill) set to @paint; unchanged when @paint is None."""
    attrs = dict(icon["attrs"])
    inner = icon["inner"]
    if paint is not None:
        for k in ("fill", "stroke"):
            if attrs.get(k) == "currentColor":
                attrs[k] = paint
        if "fill" not in attrs:
            attrs["fill"] = paint
        inner = inner.replace("currentColor", paint)
    return attrs, inner


def place_icon(s, icon, x, y, size, paint):
    """Draws @icon in the box (x, y, size, size).  @paint: a colour or a
    url(#gradient); None keeps the artwork's own colours (devicon)."""
    attrs, inner = painted(icon, paint)
    vb = icon["vb"]
    a = " ".join('%s="%s"' % kv for kv in sorted(attrs.items()))
    s.body.append('<svg x="%.1f" y="%.1f" width="%.1f" height="%.1f" '
                  'viewBox="%s" %s>%s</svg>'
                  % (x, y, size, size, " ".join("%g" % v for v in vb), a, inner))


def text_width(word, size, font, bold):
    per = 0.62 if "Mono" in font else (0.64 if not bold else 0.7)
    if "Narrow" in font:
        per = 0.5
    if font in ("URW Bookman", "C059", "P052", "URW Gothic"):
        per += 0.06
    return len(word) * size * per


def fg_colour(s, group):
    """A flat foreground colour: from @group on transparent backgrounds,
    otherwise anything that stands out from the background."""
    rng = s.rng
    # A new colour is >= 25 from every colour already used, or it is one of
    # them exactly: so the palette count is never in doubt.
    if s.bg_kind == "transparent":
        pool = {"wbb": WHITE + BLACK + BLUE, "other": OTHER}[group]
        c = contrasting(rng, s.colours, pool, 25)
        return c or (rng.choice(s.colours) if s.colours else rng.choice(pool))
    for _ in range(400):
        c = hsl(rng, 0.15, 0.85, 0.35, 1.0)
        if all(de(c, b) >= 30 for b in s.bg_cols) and \
           all(de(c, o) >= 25 for o in s.colours):
            return c
    if s.colours:
        return rng.choice(s.colours)
    return contrasting(rng, s.bg_cols, None, 30)


def fit_word(words, size, w, font, bold, caps):
    """The first word (upper-cased with @caps) that fits @w at >= 10 px,
    and its size; (None, 0) when none does."""
    for word in words:
        if caps:
            word = word.upper()
        sz = size
        while sz >= 10 and text_width(word, sz, font, bold) * (1.2 if caps else 1) > w:
            sz -= 1
        if sz >= 10:
            return word, sz
    return None, 0


def add_text(s, box, group, anchor="middle"):
    """Sets a word -- or two lines of words -- in a real font inside @box
    (x, y, w, h); returns the box used or None when nothing fits at
    >= 10 px."""
    rng = s.rng
    x, y, w, h = box
    font = rng.choice(FONTS[s.split])
    bold = rng.random() < 0.4
    caps = rng.random() < 0.2
    words = list(WORDS[s.split])
    rng.shuffle(words)
    two = h >= 28 and rng.random() < 0.25
    hmax = h * 0.4 if two else h * 0.8
    size = min(hmax, rng.uniform(10, max(10.5, hmax)))
    word, sz = fit_word(words, size, w, font, bold, caps)
    if word is None:
        return None
    lines = [word]
    if two:
        w2, sz2 = fit_word([v for v in words if v.upper() != word.upper()],
                           sz, w, font, bold, caps)
        if w2 is not None:
            lines.append(w2)
            sz = min(sz, sz2)
    tw = max(text_width(v, sz, font, bold) * (1.2 if caps else 1)
             for v in lines)
    c = fg_colour(s, group)
    s.add_colour(c)
    if anchor == "middle":
        tx, ta = x + w / 2, "middle"
    else:
        tx, ta = x, "start"
    step = sz * 1.15
    top = y + h / 2 - step * len(lines) / 2
    for k, v in enumerate(lines):
        ty = top + step * (k + 0.5) + sz * 0.35
        s.body.append('<text x="%.1f" y="%.1f" font-family="%s" '
                      'font-size="%.1f" font-weight="%s" fill="%s" '
                      'text-anchor="%s">%s</text>'
                      % (tx, ty, font, sz, "bold" if bold else "normal", c,
                         ta, v))
    s.text = 1
    s.desc.append('text="%s"(%s %s%.0fpx %s)' % ("/".join(lines), font,
                                                "bold " if bold else "", sz, c))
    x0 = tx - tw / 2 if anchor == "middle" else tx
    return (x0, top, tw, step * len(lines))


def draw_mark(s, kind, box, art, group):
    """Draws a mark of @kind into the square @box; returns nothing."""
    rng = s.rng
    x, y, size = box
    A = art[s.split]
    if kind == "mono":
        src = rng.choices(["pict", "pict_fill", "brand"], [4, 3, 3])[0]
        icon = rng.choice(A[src])
        c = fg_colour(s, group)
        s.add_colour(c)
        place_icon(s, icon, x, y, size, c)
        if src == "brand" and s.text is None:
            s.text = "skip"  # a brand mark may be made of letters
        s.desc.append("mark=%s(%s)" % (icon["name"], c))
    elif kind == "gradmark":
        icon = rng.choice(A[rng.choice(["pict_fill", "brand"])])
        if s.bg_kind == "transparent":
            pool = {"wbb": BLUE + BLACK, "other": OTHER}[group]
            c1 = rng.choice(pool)
            c2 = contrasting(rng, [c1], pool, 30) or rng.choice(pool)
        else:
            c1 = fg_colour(s, group)
            c2 = contrasting(rng, s.bg_cols + [c1], None, 35) or c1
        paint = gradient_def(s, c1, c2, bbox=True, radial=rng.random() < 0.3)
        place_icon(s, icon, x, y, size, paint)
        s.gradient = s.gradient or de(c1, c2) >= 30
        s.palette_known = False
        s.grad_cols = [c1, c2]
        if icon["name"].startswith("si:") and s.text is None:
            s.text = "skip"
        s.desc.append("mark=%s(gradient %s..%s,dE=%.0f)"
                      % (icon["name"], c1, c2, de(c1, c2)))
    elif kind == "grid":
        k = s.k
        cols = math.ceil(math.sqrt(k))
        rows = math.ceil(k / cols)
        cell = size / max(cols, rows)
        names = []
        for i in range(k):
            src = rng.choices(["pict_fill", "brand"], [3, 2])[0]
            icon = rng.choice(A[src])
            if src == "brand" and s.text is None:
                s.text = "skip"
            c = fg_colour(s, group)
            s.add_colour(c)
            r, q = divmod(i, cols)
            place_icon(s, icon, x + q * cell + cell * 0.06,
                       y + r * cell + cell * 0.06, cell * 0.88, c)
            names.append("%s(%s)" % (icon["name"], c))
        s.desc.append("grid%d=%s" % (k, ",".join(names)))
    elif kind in ("devicon", "devword"):
        icon = s.dev_icon
        place_icon(s, icon, x, y, size, None)
        for c in icon["colours"]:
            s.add_colour(c)
        if kind == "devword":
            # Some wordmarks set their name small under a big symbol: only
            # at hero size are its letters surely >= 10 px.
            s.text = 1 if s.role == "hero" else "skip"
        elif s.text is None:
            s.text = "skip"
        s.desc.append("mark=%s(%d colours)" % (icon["name"],
                                               len(icon["colours"])))


def pick_devicon(s, art, kind, group):
    """A devicon whose colours suit the background (all in @group when the
    background is transparent)."""
    rng = s.rng
    pool = art[s.split][kind]
    for _ in range(200):
        icon = rng.choice(pool)
        cats = {category(c) for c in icon["colours"]}
        if s.bg_kind == "transparent":
            want = {"white", "black", "blue"} if group == "wbb" else {"other"}
            if not cats <= want:
                continue
        elif any(de(c, b) < 12 for c in icon["colours"] for b in s.bg_cols):
            continue  # a part of the mark would vanish into the background
        return icon
    return None


def compose(split, idx, role, art):
    rng = random.Random("assetlint-eval-%s-%d" % (split, idx))
    s = Sample(split, idx, role, rng)
    hero = role == "hero"
    bgk = rng.choices(
        ["flat", "white", "offwhite", "tint", "black", "dark", "transparent",
         "lingrad", "radgrad"],
        [24, 12, 4, 5, 10, 5, 16, 16, 10] if hero else
        [26, 13, 4, 5, 10, 5, 24, 9, 6])[0]
    background(s, bgk)
    group = rng.choice(["wbb", "other"])
    mk = rng.choices(["mono", "gradmark", "grid", "devicon", "devword", "none"],
                     [34, 13, 26, 11, 6, 10])[0]
    if s.gradient is True and mk == "gradmark":
        mk = "mono"
    s.k = rng.choice([2, 3, 4, 4, 5, 5, 6, 6, 7]) if mk == "grid" else 1
    if mk == "devword" and role in ("small", "medium"):
        mk = "devicon"  # a wordmark's letters would be under 10 px there
    if mk in ("devicon", "devword"):
        s.dev_icon = pick_devicon(s, art, mk, group)
        if s.dev_icon is None:
            mk = "mono"
    want_text = mk == "none" or (mk != "devword" and rng.random() < 0.3)
    W, H = s.W, s.H

    if not hero:
        if W == H:
            if want_text and mk != "none":
                msz = H * rng.uniform(0.5, 0.62)
                mbox = ((W - msz) / 2, H * 0.05, msz)
                tbox = (2, H * 0.05 + msz, W - 4, H * 0.95 - msz - H * 0.05)
            else:
                msz = H * rng.uniform(0.55, 0.85)
                mbox = ((W - msz) / 2, (H - msz) / 2, msz)
                tbox = (3, H * 0.25, W - 6, H * 0.5)
        else:  # wide
            if want_text and mk != "none":
                msz = H * rng.uniform(0.5, 0.8)
                mbox = (W * 0.05, (H - msz) / 2, msz)
                tx = W * 0.05 + msz + 6
                tbox = (tx, H * 0.25, W - tx - 6, H * 0.5)
            else:
                msz = H * rng.uniform(0.55, 0.85)
                mbox = ((W - msz) / 2, (H - msz) / 2, msz)
                tbox = (10, H * 0.2, W - 20, H * 0.6)
        if mk == "devword":
            msz = H * 0.95  # letters of >= 10 px need the full height
            mbox = ((W - msz) / 2, (H - msz) / 2, msz)
        if mk != "none":
            draw_mark(s, mk, mbox, art, group)
        if want_text:
            add_text(s, tbox, group)
    else:
        cross = rng.random() < 0.45
        # Left-only content is clipped at x < 392 so nothing enters the
        # margin (x >= 400) by construction, not even anti-aliasing.
        clip = s.gid()
        s.defs.append('<clipPath id="%s"><rect x="0" y="0" width="392" '
                      'height="%d"/></clipPath>' % (clip, H))
        s.body.append('<g clip-path="url(#%s)">' % clip)
        msz = H * rng.uniform(0.55 if mk == "devword" else 0.35, 0.7)
        mx = rng.uniform(20, 60)
        if mk != "none":
            draw_mark(s, mk, (mx, (H - msz) / 2, msz), art, group)
            tx = mx + msz + 14
        else:
            tx = mx
        if want_text:
            th = rng.uniform(28, 70)
            add_text(s, (tx, (H - th) / 2, 385 - tx, th), group, "start")
        s.body.append("</g>")
        if cross:
            # Something inside the right 415 px: a second mark, a word, or
            # the main artwork shifted over.
            what = rng.choice(["icon", "word", "bar"])
            x0 = W - MARGIN + rng.uniform(5, 300)
            if what == "icon":
                sz = min(rng.uniform(40, 150), W - x0 - 5)
                sz = max(sz, 30)
                x0 = min(x0, W - sz - 2)
                icon = rng.choice(art[split][rng.choice(["pict", "pict_fill"])])
                c = fg_colour(s, group)
                place_icon(s, icon, x0, rng.uniform(10, H - sz - 10), sz, c)
                s.desc.append("margin-icon=%s@x%.0f" % (icon["name"], x0))
            elif what == "word":
                x0 = min(x0, W - 140)
                r = add_text(s, (x0, rng.uniform(20, H - 80), W - x0 - 10,
                                 rng.uniform(30, 60)), group, "start")
                if r is None:
                    what = "bar"
                else:
                    s.desc.append("margin-word@x%.0f" % x0)
            if what == "bar":
                c = fg_colour(s, group)
                bw = rng.uniform(20, 200)
                x0 = min(x0, W - bw - 5)
                s.body.append('<rect x="%.1f" y="%.1f" width="%.1f" '
                              'height="%.1f" rx="%.1f" fill="%s"/>'
                              % (x0, rng.uniform(10, H - 60), bw,
                                 rng.uniform(8, 50), rng.uniform(0, 10), c))
                s.desc.append("margin-shape@x%.0f" % x0)
            s.crosses = True
    if s.text is None:
        s.text = 0
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" '
           'xmlns:xlink="http://www.w3.org/1999/xlink" width="%d" height="%d" '
           'viewBox="0 0 %d %d"><defs>%s</defs>%s</svg>\n'
           % (W, H, W, H, "".join(s.defs), "".join(s.body)))
    return s, svg, mk, group


def labels_of(s, mk, group):
    role, hero = s.role, s.role == "hero"
    L = {}
    # Off-white: a tint within CIE76 7 of white (#F0F9FF is 5.3) reads as
    # white on the portal's white theme, so it is white; 7..12 stays
    # unscored (a matter of definition), 14..25 ("tint") is not white.
    if s.bg_kind == "offwhite":
        L["background-white"] = 1 if de(s.bg_cols[0], "#FFFFFF") <= 7 else "skip"
    else:
        L["background-white"] = int(s.bg_kind == "white")
    L["background-black"] = int(s.bg_kind == "black")
    L["background-transparent"] = int(s.bg_kind == "transparent") if hero else "n/a"
    if hero:
        L["transparent-foreground"] = "n/a"
    elif s.bg_kind != "transparent":
        L["transparent-foreground"] = 0
    else:
        L["transparent-foreground"] = int(group == "wbb")
    L["gradient"] = int(s.gradient)
    # 40x40: letters there are under ~8 px, out of the text rule's reach by
    # design (assetlint(1), RULES); not scored rather than counted a miss.
    L["text"] = "skip" if role == "small" and s.text == 1 else s.text
    if hero:
        L["palette"] = "n/a"
    elif not s.palette_known or s.gradient:
        L["palette"] = "skip"  # a gradient has many colours by nature
    elif mk == "devicon" or mk == "devword":
        L["palette"] = 0 if len(s.colours) <= 4 else "skip"
    else:
        L["palette"] = int(len(s.colours) > 4)
    L["hero-margin"] = int(s.crosses) if hero else "n/a"
    L["hero-contrast"] = "n/a"  # filled from pixels for opaque heroes
    return L


SRGB_LUT = [_lin(v) for v in range(256)]


def margin_contrast(png, W, H):
    """WCAG contrast of #FFFFFF against the 90th percentile of relative
    luminance in the right 415 px, from the rendered pixels."""
    raw = png[:-4] + ".raw"
    subprocess.run(["vips", "rawsave", png, raw], check=True)
    with open(raw, "rb") as f:
        data = f.read()
    os.unlink(raw)
    nb = len(data) // (W * H)
    lut = SRGB_LUT
    ys = []
    for yy in range(H):
        row = (yy * W + (W - MARGIN)) * nb
        for i in range(row, row + MARGIN * nb, nb):
            ys.append(0.2126 * lut[data[i]] + 0.7152 * lut[data[i + 1]]
                      + 0.0722 * lut[data[i + 2]])
    ys.sort()
    # nearest-rank percentile
    p90 = ys[min(len(ys) - 1, int(math.ceil(0.9 * len(ys))) - 1)]
    return 1.05 / (p90 + 0.05)


def compose_one(args):
    """Composes one sample and writes its SVG; returns its row (labels
    without hero-contrast, which needs the pixels)."""
    out, split, idx, role, art = args
    s, svg, mk, group = compose(split, idx, role, art)
    name = "%04d-%s" % (idx, role)
    svgp = os.path.join(out, "svg", split, name + ".svg")
    pngp = os.path.join(out, "corpus", split, name + ".png")
    with open(svgp, "w", encoding="utf-8") as f:
        f.write(svg)
    row = {"path": os.path.join("corpus", split, name + ".png"),
           "svg": svgp, "png": pngp, "split": split, "role": role,
           "bg": s.bg_kind, "mark": mk, "labels": labels_of(s, mk, group),
           "desc": s.desc}
    if row["labels"]["palette"] == 1 and len(s.bg_cols) <= 1:
        # Five colours drawn are five prominent colours only when each
        # covers some of the mark: a brand mark in a grid cell of a 40-px
        # logo can be a wordmark a few pixels tall.  Labelled from a
        # render up to 4x larger without anti-aliasing, as the palette
        # family is (families.resolve_post).
        k = max(1, min(4, 320 // max(s.W, s.H)))
        twin = os.path.join(out, "svg", split, name + "-twin.svg")
        with open(twin, "w", encoding="utf-8") as f:
            f.write(svg.replace('width="%d" height="%d"' % (s.W, s.H),
                                'width="%d" height="%d"' % (s.W * k, s.H * k), 1)
                    .replace("<svg ", '<svg shape-rendering="crispEdges" ', 1))
        row["twin_svg"], row["twin_png"] = twin, twin[:-4] + ".png"
        row["palette_bg"] = s.bg_cols[0] if s.bg_cols else None
        row["labels"]["palette"] = "post"
    return row


# ---- offer sets (the set rules) ---------------------------------------------
#
# A set is its own folder, OUT/corpus/SPLIT/sets/sNNN/, holding Small,
# Medium, Large and Wide (.png, or .jpg on an opaque background; roles from
# the names), so assetlint groups it as one offer; the flat images above
# form one big set per split, whose set findings are not scored.  All logos
# of a set share one background and one mark; what differs between the
# sizes is what differs between honest exports, and none of it changes the
# truth: the mark's size in the canvas (padding), its position (whole or
# half pixels), a slight re-export blur, JPEG (quality 55..95 per logo) or
# PNG, a heavier stroke on one size (outline icons), and on the wide logo
# a word beside (either side) or under the mark.  The mark is an icon of one of these sources:
#   brand, pict, pict_fill  one colour (simple-icons, bootstrap, tabler),
#                           drawn plain, on a rounded tile of another colour
#                           (the tile is part of the mark), or hatched
#   devicon, devword        the artwork's own colours (devword: symbol and
#                           name, as many real square logos are)
#                           -- these and the next two also on a tile
#                           whose colour keeps clear of the artwork's
#   flatlogo, gradlogo      brand logos in their own colours, flat or filled
#                           with gradients (@iconify-json/logos, vscode-icons,
#                           skill-icons)
#   flatillu                flat multi-colour illustrations
# Kinds:
#   honest        every logo shows the mark at its own proportions
#   distortion    one logo's mark is drawn with a non-uniform scale: its x/y
#                 factor is 1.3..2.0 or the inverse (usually the wide logo,
#                 its mark pulled sideways to fill 255x115; or one square
#                 logo, either way)
#   inconsistent  one square logo shows another icon (of the same source,
#                 same colour or another; on a tile, the same tile), or the
#                 same icon in another colour (one-colour sources)
#   mild          one logo stretched by 1.05..1.15: distortion "skip"

SET_RULES = ("distortion", "set-inconsistent")
# JPEG qualities of the sets' JPEG logos (one drawn per logo)
SET_JPEG_Q = (55, 65, 75, 82, 88, 92, 95)
USET_EVERY = 5   # every fifth set comes from families.compose_uset
SET_FILES = {"small": "Small", "medium": "Medium", "large": "Large",
             "wide": "Wide"}
SET_SOURCES = {"brand": 22, "pict": 18, "pict_fill": 16, "devicon": 12,
               "devword": 5, "flatlogo": 10, "gradlogo": 8, "flatillu": 9}
PAINTED = ("brand", "pict", "pict_fill")  # one colour, chosen here
HEX = re.compile(r"#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b")


def stem(name):
    """The icon's family ("tabler-filled:circle-check" -> "circle"), so
    that a different mark is not a sibling of the same shape."""
    return re.split(r"[-_]", name.split(":", 1)[1])[0]


def hex6(c):
    return "#" + "".join(ch * 2 for ch in c[1:]) if len(c) == 4 else c


def set_pool(art, split, src):
    """The icons of @src in parse_svg()'s form; the @iconify-json ones are
    converted once (own colours, from the body's hex colours)."""
    if src not in ("flatlogo", "gradlogo", "flatillu"):
        return art[split][src]
    cache = art.setdefault("set_pool", {})
    if (split, src) not in cache:
        cache[(split, src)] = [
            {"name": r["name"], "attrs": {}, "inner": r["body"],
             "vb": [0, 0, r["w"], r["h"]],
             "colours": sorted(set(hex6(c).upper()
                                   for c in HEX.findall(r["body"])))}
            for r in art["iconify"][split][src]]
    return cache[(split, src)]


def fit_box(icon, size):
    """Width and height of @icon's view box fitted into a @size square."""
    vw, vh = icon["vb"][2], icon["vb"][3]
    return (size, size * vh / vw) if vw >= vh else (size * vw / vh, size)


def icon_svg(icon, paint, x, y, w, h, aspect="none"):
    attrs, inner = painted(icon, paint)
    a = " ".join('%s="%s"' % kv for kv in sorted(attrs.items()))
    return ('<svg x="%.2f" y="%.2f" width="%.2f" height="%.2f" viewBox="%s" '
            'preserveAspectRatio="%s" %s>%s</svg>'
            % (x, y, w, h, " ".join("%g" % v for v in icon["vb"]), aspect, a,
               inner))


def place_icon_scaled(s, icon, cx, cy, size, sx, sy, paint, snap=False):
    """Draws @icon fitted into a @size square centred on (cx, cy), then
    scaled by @sx horizontally and @sy vertically (sx == sy: undistorted;
    otherwise the view box is stretched, preserveAspectRatio none); with
    @snap its top-left corner on whole pixels."""
    bw, bh = fit_box(icon, size)
    w, h = bw * sx, bh * sy
    x, y = cx - w / 2, cy - h / 2
    if snap:
        x, y = round(x), round(y)
    s.body.append(icon_svg(icon, paint, x, y, w, h))
    return w, h


def tile_style(rng):
    """One set's tile: its padding around the icon and its corner radius
    (sharp, rounded or round), as fractions of the tile."""
    pad = rng.uniform(0.14, 0.3)
    if rng.random() < 0.25:
        return pad + 0.08, 0.5  # a round tile needs room for the corners
    return pad, rng.choice([0.0, 0.1, 0.2])


def tile_icon(icon, paint, tile, style):
    """@icon painted @paint on a square tile of colour @tile shaped by
    @style (tile_style()): one mark, stretched as a whole."""
    bw, bh = fit_box(icon, 100.0)
    pad, r = style
    T = 100.0 * (1 + 2 * pad)
    body = ('<rect width="%.2f" height="%.2f" rx="%.2f" fill="%s"/>%s'
            % (T, T, T * r, tile,
               icon_svg(icon, paint, (T - bw) / 2, (T - bh) / 2, bw, bh,
                        "xMidYMid meet")))
    return {"name": icon["name"], "attrs": {}, "inner": body,
            "vb": [0, 0, T, T]}


def hatch_icon(icon, paint, style, pid):
    """@icon filled with diagonal stripes of @paint; @style: (period as a
    fraction of the view box's width, share of the period inked), one per
    set.  At 40 px the stripes blend into a lighter tone."""
    p = icon["vb"][2] * style[0]
    pat = ('<defs><pattern id="%s" patternUnits="userSpaceOnUse" '
           'width="%.3f" height="%.3f" patternTransform="rotate(45)">'
           '<rect width="%.3f" height="%.3f" fill="%s"/></pattern></defs>'
           % (pid, p, p, p * style[1], p, paint))
    attrs, inner = painted(icon, "url(#%s)" % pid)
    return {"name": icon["name"], "attrs": attrs, "inner": pat + inner,
            "vb": icon["vb"]}


def heavier(icon, k):
    """An outline icon with its stroke @k times heavier (exported
    separately for one size), or None when it has no stroke width."""
    try:
        sw = float(icon["attrs"].get("stroke-width", ""))
    except ValueError:
        return None
    out = dict(icon)
    out["attrs"] = dict(icon["attrs"], **{"stroke-width": "%.2f" % (sw * k)})
    return out


def set_background(s, kind, colour):
    s.bg_kind = kind
    s.bg_cols = [] if kind == "transparent" else [colour]
    if kind != "transparent":
        s.body.append('<rect width="%d" height="%d" fill="%s"/>'
                      % (s.W, s.H, colour))


def set_mark_colour(rng, bg_cols, avoid=(), min_avoid=30):
    for _ in range(400):
        c = hsl(rng, 0.15, 0.85, 0.35, 1.0)
        if all(de(c, b) >= 35 for b in bg_cols) and \
           all(de(c, o) >= min_avoid for o in avoid):
            return c
    return None


# Plain geometric shapes are not used as a set's mark: a bar or a disc
# stretched is another bar or an ellipse -- no one can tell it from a
# design that is meant so, so "distorted" would not be known.
PLAIN = re.compile(r":(dash|minus|square|circle|rectangle|rect|dot|dots|"
                   r"record|stop|app|slash|line|oval|ellipse|hexagon|octagon|"
                   r"pentagon|triangle|diamond|separator|border)"
                   r"(-(fill|filled|lg|sm|small|large|rounded))*$")


def pick_set_icon(rng, art, split, src, bg_kind, bg_cols, avoid_stem=None):
    """An icon of @src; one in its own colours only when none of them
    vanishes into the background."""
    pool = set_pool(art, split, src)
    if not pool:
        return None
    for _ in range(300):
        icon = rng.choice(pool)
        if avoid_stem is not None and stem(icon["name"]) == avoid_stem:
            continue
        if PLAIN.search(icon["name"]):
            continue
        if src not in PAINTED:
            cols = icon.get("colours") or []
            if not cols or any(de(c, b) < 20 for c in cols for b in bg_cols):
                continue
            if bg_kind == "transparent" and \
               any(category(c) == "white" for c in cols):
                continue
        return icon
    return None


def fit_scaled(icon, size, sx, sy, wmax, hmax):
    """@size, reduced so that @icon scaled by (sx, sy) fits wmax x hmax."""
    bw, bh = fit_box(icon, size)
    over = max(bw * sx / wmax, bh * sy / hmax)
    return size / over if over > 1 else size


def compose_set(split, idx, art):
    """Composes one set: returns its row and four (role, svg, ext) triples."""
    rng = random.Random("assetlint-eval-set-%s-%d" % (split, idx))
    bgk = rng.choices(["flat", "transparent", "tint", "dark"],
                      [45, 30, 12, 13])[0]
    bgc = {"flat": lambda: mid_colour(rng), "transparent": lambda: None,
           "tint": lambda: tint_colour(rng, 14, 25),
           "dark": lambda: dark_colour(rng)}[bgk]()
    bg_cols = [] if bgc is None else [bgc]
    kind = rng.choices(["honest", "distortion", "inconsistent", "mild"],
                       [44, 26, 24, 6])[0]
    src = rng.choices(list(SET_SOURCES), list(SET_SOURCES.values()))[0]
    icon = pick_set_icon(rng, art, split, src, bgk, bg_cols)
    if icon is None:
        src = "pict_fill"
        icon = pick_set_icon(rng, art, split, src, bgk, bg_cols)
    colour = set_mark_colour(rng, bg_cols) if src in PAINTED else None
    # how a one-colour icon is drawn: plain, on a tile, hatched
    pres = "plain"
    tile, style = None, None
    if src in PAINTED:
        # hatching only fills solid shapes: on thin strokes it would cut
        # the mark into fragments
        pres = rng.choices(["plain", "tile", "hatch"],
                           [72, 18, 10 if src == "pict_fill" else 0])[0]
        if pres == "tile":
            tile = set_mark_colour(rng, bg_cols, [colour], 40)
            style = tile_style(rng)
            if tile is None:
                pres = "plain"
        elif pres == "hatch":
            style = (1 / rng.uniform(14, 20), rng.uniform(0.45, 0.65))
    wide_layout = rng.choices(["alone", "word-right", "word-left",
                               "word-below"], [40, 33, 12, 15])[0]
    target, f, horizontal = None, 1.0, True
    if kind in ("distortion", "mild"):
        target = rng.choices(["wide", "small", "medium", "large"],
                             [55, 15, 15, 15])[0]
        f = rng.uniform(1.3, 2.0) if kind == "distortion" \
            else rng.uniform(1.05, 1.15)
        horizontal = rng.random() < (0.8 if target == "wide" else 0.5)
    other, other_colour, inc = None, colour, None
    if kind == "inconsistent":
        target = rng.choice(["small", "medium", "large"])
        inc = "icon"
        if src in PAINTED and rng.random() < 0.25:
            # the same icon in another colour
            other_colour = set_mark_colour(rng, bg_cols + ([tile] if tile
                                                           else []),
                                           [colour], 40)
            inc = "colour" if other_colour else "icon"
        if inc == "icon":
            other_colour = colour
            other = pick_set_icon(rng, art, split, src, bgk, bg_cols,
                                  avoid_stem=stem(icon["name"]))
            if other is None:
                kind, target, inc = "honest", None, None
            elif src in PAINTED and rng.random() < 0.3:
                other_colour = set_mark_colour(rng, bg_cols, [colour]) or colour
    # Marks in their own colours on a tile too (an app icon of a
    # multi-colour logo): the tile's colour keeps clear of every colour of
    # the mark (and of the other icon's), drawn from its own stream so
    # that the draws above and below stay as they were.
    rt = random.Random("assetlint-eval-settile-%s-%d" % (split, idx))
    if src not in PAINTED and rt.random() < 0.22:
        cols = list(icon.get("colours") or []) + \
            list((other or {}).get("colours") or [])
        t = None
        for _ in range(300):
            c = hsl(rt, 0.1, 0.95, 0.0, 0.9)
            if all(de(c, b) >= 30 for b in bg_cols) and \
               all(de(c, o) >= 30 for o in cols):
                t = c
                break
        if t is not None:
            pres, tile, style = "tile", t, tile_style(rt)
    # export: PNG, or JPEG (opaque backgrounds only) for all or some logos,
    # each JPEG at its own quality (4:2:0 chroma below 90, 4:4:4 above:
    # vips's default), drawn from its own stream so that the draws above
    # and below stay as they were
    jpg = "none" if bgk == "transparent" else \
        rng.choices(["none", "all", "some"], [72, 16, 12])[0]
    rq = random.Random("assetlint-eval-setjpeg-%s-%d" % (split, idx))
    # one size exported with a heavier stroke (outline icons)
    thick_role, thick_k = None, 1.0
    if pres == "plain" and heavier(icon, 1.0) and rng.random() < 0.25:
        thick_role = rng.choice(["small", "medium", "large"])
        thick_k = rng.uniform(1.25, 1.7)
    # Honest variations of real offers' exports, drawn from their own
    # stream so that the draws above stay as they were:
    #   appicon  the tile fills the square canvases (an app icon): at 40 px
    #            its colour reaches the border and is taken for the
    #            background, its cut-out for the mark
    #   wash     the 40-px logo resampled from the master: thin strokes
    #            wash into the background (a blur of 0.8..1.2 px)
    #   symbol   the 40-px logo drops the wordmark and shows the symbol
    #            only (the article asks for no text on logos at all)
    rv = random.Random("assetlint-eval-setvar-%s-%d" % (split, idx))
    appicon = pres == "tile" and rv.random() < 0.5
    wash = rv.random() < 0.2
    symbol = None
    if src == "devword" and rv.random() < 0.5 and target != "small":
        # the same artwork's symbol: "-original" beside "-original-wordmark"
        # (a "-plain-wordmark" is drawn in other colours); only when the
        # wordmark shows that symbol -- every colour of the symbol is in
        # the wordmark (a wordmark that is just the name, beside another
        # picture as the brand's symbol, is another design)
        base = re.sub(r"-original-wordmark$", "", icon["name"])
        for ic in art[split]["devicon"]:
            if ic["name"] == base + "-original" != icon["name"] and \
               all(any(de(c, w) <= 10 for w in icon.get("colours") or [])
                   for c in ic.get("colours") or ["#000000"]):
                symbol = ic
                break
    desc = ["set=%s" % kind]
    if target:
        desc.append("target=%s" % target)
    if kind in ("distortion", "mild"):
        desc.append("stretch=%.2f%s" % (f, "x" if horizontal else "y"))
    if inc:
        desc.append("inconsistent=%s" % inc)
    desc.append("bg=%s%s" % (bgk, "(%s)" % bgc if bgc else ""))
    desc.append("src=%s" % src)
    desc.append("mark=%s%s" % (icon["name"],
                               "(%s)" % colour if colour else "(own colours)"))
    if pres != "plain":
        desc.append("pres=%s%s" % (pres, "(%s)" % tile if tile else ""))
    if kind == "inconsistent":
        desc.append("other=%s%s" % ((other or icon)["name"],
                                    "(%s)" % other_colour
                                    if other_colour else ""))
    if thick_role:
        desc.append("heavier=%s*%.2f" % (thick_role, thick_k))
    if jpg != "none":
        desc.append("jpg=%s" % jpg)
    if appicon:
        desc.append("appicon")
    if wash:
        desc.append("small-wash")
    if symbol:
        desc.append("small-symbol=%s" % symbol["name"])
    desc.append("wide=%s" % wide_layout)

    def mark_for(role, s):
        mk, paint = icon, colour
        if role == target and kind == "inconsistent":
            mk, paint = other or icon, other_colour
        if role == thick_role:
            mk = heavier(mk, thick_k) or mk
        if role == "small" and symbol is not None:
            mk = symbol
        if pres == "tile":
            return tile_icon(mk, paint, tile, style), None
        if pres == "hatch":
            return hatch_icon(mk, paint, style, s.gid()), None
        return mk, paint

    svgs = []
    for role in LOGOS:
        s = Sample(split, idx, role, rng)
        set_background(s, bgk, bgc)
        first = len(s.body)
        W, H = s.W, s.H
        mk, paint = mark_for(role, s)
        sx = sy = 1.0
        if role == target and kind in ("distortion", "mild"):
            sx, sy = (f, 1.0) if horizontal else (1.0, f)
        snap = rng.random() < 0.5
        if W == H:
            # Padding differs between honest exports; the small logo is
            # often filled more, to stay legible.
            frac = rng.uniform(0.62, 0.96) if role == "small" \
                else rng.uniform(0.42, 0.88)
            room = 0.94
            if appicon:
                frac = rv.uniform(0.93, 1.0) if role == "small" \
                    else rv.uniform(0.86, 1.0)
                room = 1.0
            size = fit_scaled(mk, H * frac, sx, sy, W * room, H * room)
            bw, bh = fit_box(mk, size)
            mw, mh = bw * sx, bh * sy
            jx = max(0.0, min((W - mw) / 2 - 1, W * 0.06))
            jy = max(0.0, min((H - mh) / 2 - 1, H * 0.06))
            place_icon_scaled(s, mk, W / 2 + rng.uniform(-jx, jx),
                              H / 2 + rng.uniform(-jy, jy), size, sx, sy,
                              paint, snap)
            desc.append("%s=%.0f%%" % (role, 100 * size / H))
        else:  # wide
            layout = wide_layout
            msz = H * rng.uniform(0.45, 0.88)
            hmax = H * 0.9
            if layout == "word-below":
                msz, hmax = min(msz, H * 0.55), H * 0.55
            # a distorted wide mark: the square mark pulled out sideways
            # (or squashed), still inside the canvas
            msz = fit_scaled(mk, msz, sx, sy, W * 0.9, hmax)
            bw, bh = fit_box(mk, msz)
            mw, mh = bw * sx, bh * sy
            if layout in ("word-right", "word-left") and mw > W * 0.55:
                layout = "alone"
            if layout == "alone":
                jx = max(0.0, (W - mw) / 2 - 8) * 0.4
                place_icon_scaled(s, mk, W / 2 + rng.uniform(-jx, jx), H / 2,
                                  msz, sx, sy, paint, snap)
            elif layout == "word-right":
                x0 = W * rng.uniform(0.04, 0.1)
                place_icon_scaled(s, mk, x0 + mw / 2, H / 2, msz, sx, sy,
                                  paint, snap)
                tx = x0 + mw + rng.uniform(6, 14)
                if add_text(s, (tx, H * 0.25, W - tx - 6, H * 0.5), "other",
                            "start") is None:
                    layout = "alone*"
            elif layout == "word-left":
                x1 = W * (1 - rng.uniform(0.04, 0.1))
                place_icon_scaled(s, mk, x1 - mw / 2, H / 2, msz, sx, sy,
                                  paint, snap)
                tx = x1 - mw - rng.uniform(6, 14)
                if add_text(s, (6, H * 0.25, tx - 6, H * 0.5), "other",
                            "start") is None:
                    layout = "alone*"
            else:  # a word under the mark
                top = H * 0.06
                place_icon_scaled(s, mk, W / 2, top + mh / 2, msz, sx, sy,
                                  paint, snap)
                ty = top + mh + 3
                if add_text(s, (10, ty, W - 20, H - ty - 4), "other") is None:
                    layout = "alone*"
            desc.append("wide=%.0f%%" % (100 * msz / H))
            if layout != wide_layout:
                desc.append("wide-layout=%s" % layout)
        # a slight re-export blur (the mark only, not the canvas's edges)
        blur = rng.random() < 0.2
        sd = rng.uniform(0.3, 0.75) if blur else 0.0
        if role == "small" and wash:
            blur, sd = True, rv.uniform(0.8, 1.2)
        if blur:
            fid = s.gid()
            s.defs.append('<filter id="%s" x="-10%%" y="-10%%" width="120%%" '
                          'height="120%%"><feGaussianBlur stdDeviation="%.2f"/>'
                          '</filter>' % (fid, sd))
            s.body[first:] = (['<g filter="url(#%s)">' % fid] + s.body[first:]
                              + ["</g>"])
            desc.append("%s-blur=%.2f" % (role, sd))
        ext = ".jpg" if jpg == "all" or (jpg == "some" and
                                         rng.random() < 0.5) else ".png"
        q = rq.choice(SET_JPEG_Q)
        if ext == ".jpg":
            desc.append("%s-jpeg-q=%d" % (role, q))
        svgs.append((role, s, ext, q if ext == ".jpg" else None))
    desc += [d for _, s, _, _ in svgs for d in s.desc]
    L = {"distortion": {"distortion": 1, "mild": "skip"}.get(kind, 0),
         "set-inconsistent": int(kind == "inconsistent")}
    out = []
    for role, s, ext, q in svgs:
        out.append((role, '<svg xmlns="http://www.w3.org/2000/svg" '
                    'xmlns:xlink="http://www.w3.org/1999/xlink" width="%d" '
                    'height="%d" viewBox="0 0 %d %d"><defs>%s</defs>%s</svg>\n'
                    % (s.W, s.H, s.W, s.H, "".join(s.defs), "".join(s.body)),
                    ext, q))
    row = {"split": split, "role": target if target else "set",
           "kind": kind, "bg": bgk, "mark": src, "labels": L, "desc": desc}
    return row, out


def compose_set_one(args):
    """Composes set @idx and writes its four SVGs; returns the set's row
    and the images' render rows."""
    out, split, idx, art = args
    if idx % USET_EVERY == USET_EVERY - 1:
        # one set in USET_EVERY is drawn by families.compose_uset: other
        # pools, marks on rounded tiles, one square logo with another mark
        # of the same colour, a sixth of the opaque ones saved as JPEG
        import families  # beside this file; imports this module back
        row, svgs = families.compose_uset(split, idx, art)
    else:
        row, svgs = compose_set(split, idx, art)
    name = "s%03d" % idx
    rel = os.path.join("corpus", split, "sets", name)
    os.makedirs(os.path.join(out, rel), exist_ok=True)
    os.makedirs(os.path.join(out, "svg", split, "sets", name), exist_ok=True)
    imgs = []
    for role, svg, ext, q in svgs:
        svgp = os.path.join(out, "svg", split, "sets", name,
                            SET_FILES[role] + ".svg")
        with open(svgp, "w", encoding="utf-8") as f:
            f.write(svg)
        img = {"svg": svgp, "role": role,
               "png": os.path.join(out, rel, SET_FILES[role] + ext)}
        if q is not None:
            # rendered as PNG, saved as JPEG at quality q by
            # set_jpegs() (on white, like the renderers' JPEGs)
            img["jpeg_out"], img["jpeg_q"] = img["png"], q
            img["png"] = svgp[:-len(".svg")] + "-render.png"
        imgs.append(img)
    row["path"] = rel
    return row, imgs


def set_jpegs(imgs, jobs):
    """Saves the sets' JPEG logos (rendered as PNG) at their qualities."""
    def one(r):
        subprocess.run(["vips", "jpegsave", r["png"], r["jpeg_out"], "--Q",
                        str(r["jpeg_q"]), "--background", "255"], check=True)
        os.unlink(r["png"])
    with cf.ThreadPoolExecutor(max_workers=max(1, jobs)) as ex:
        list(ex.map(one, [r for r in imgs if "jpeg_out" in r]))


def render_vips(rows, renderer, jobs):
    """Renders with tools/gen_eval (one process per job, each a share of the
    list); returns {png: margin contrast or None}."""
    procs = []
    for k in range(jobs):
        part = rows[k::jobs]
        p = subprocess.Popen([renderer], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True)
        procs.append((p, "".join("%s\t%s\n" % (r["svg"], r["png"])
                                 for r in part)))
    res = {}
    # One thread per child, so no child blocks on a full pipe.
    outs = [None] * len(procs)

    def run(i):
        outs[i] = procs[i][0].communicate(procs[i][1])[0]
    ts = [threading.Thread(target=run, args=(i,)) for i in range(len(procs))]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    for (p, _), o in zip(procs, outs):
        if p.returncode != 0:
            raise RuntimeError("gen_eval failed (exit %d)" % p.returncode)
        for line in o.splitlines():
            png, w, h, opaque, cr = line.split("\t")
            res[png] = None if cr == "-" else float(cr)
    return res


def render_rsvg(rows, jobs):
    """Fallback without gen_eval: rsvg-convert per image (slower)."""
    def one(r):
        if r["png"].endswith(".jpg"):
            tmp = r["png"][:-4] + ".tmp.png"
            subprocess.run(["rsvg-convert", "-o", tmp, r["svg"]], check=True)
            subprocess.run(["vips", "flatten", tmp, r["png"] + "[Q=88]",
                            "--background", "255 255 255"], check=True)
            os.unlink(tmp)
        else:
            subprocess.run(["rsvg-convert", "-o", r["png"], r["svg"]], check=True)
        if r["role"] == "hero":
            return r["png"], margin_contrast(r["png"], *ROLES["hero"])
        return r["png"], None
    with cf.ThreadPoolExecutor(max_workers=max(1, jobs)) as ex:
        return dict(ex.map(one, rows))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--node-modules", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--n-dev", type=int, default=700)
    ap.add_argument("--n-test", type=int, default=700)
    ap.add_argument("--n-sets", type=int, default=900,
                    help="offer sets per split (the set rules)")
    ap.add_argument("--n-fam", type=int, default=600,
                    help="images per split in the families of families.py")
    ap.add_argument("-j", type=int, default=2)
    ap.add_argument("--renderer", help="path of tools/gen_eval (faster); "
                    "default: rsvg-convert per image")
    a = ap.parse_args()
    art = load_art(a.node_modules)
    import families  # beside this file; imports this module back
    art["iconify"] = families.load_iconify(a.node_modules)
    for sp in ("dev", "test"):
        print("gen_corpus: %s iconify %s" % (sp, {k: len(v) for k, v in
                                                  art["iconify"][sp].items()}),
              file=sys.stderr)
    for sp in ("dev", "test"):
        counts = {k: len(v) for k, v in art[sp].items()}
        print("gen_corpus: %s artwork %s" % (sp, counts), file=sys.stderr)
        if not all(counts.values()):
            print("gen_corpus: missing artwork", file=sys.stderr)
            return 1
    jobs = []
    # Heroes twice as often: three rules (transparent, margin, contrast)
    # decide on heroes only and need enough of them.
    roles = ["small", "medium", "large", "wide", "hero", "hero"]
    for sp, n in (("dev", a.n_dev), ("test", a.n_test)):
        for d in ("svg", "corpus"):
            os.makedirs(os.path.join(a.out, d, sp), exist_ok=True)
        for i in range(n):
            jobs.append((a.out, sp, i, roles[i % len(roles)], art))
    rows = [compose_one(j) for j in jobs]
    for r in rows:
        r["family"] = "base"
        r["labels"]["dimensions"] = 0
    fam_rows = []
    for sp in ("dev", "test"):
        for fam, n in families.plan(a.n_fam):
            for i in range(n):
                fam_rows.append(families.compose_family(a.out, sp, fam, i, art))
    twins = [{"svg": r[k + "_svg"], "png": r[k + "_png"], "role": "twin"}
             for r in rows + fam_rows for k in ("twin", "design") if k + "_svg" in r]
    sets, imgs = [], []
    for sp in ("dev", "test"):
        for i in range(a.n_sets):
            row, im = compose_set_one((a.out, sp, i, art))
            sets.append(row)
            imgs += im
    if a.renderer:
        contrast = render_vips(rows + fam_rows + imgs + twins, a.renderer,
                               max(1, a.j))
    else:
        contrast = render_rsvg(rows + fam_rows + imgs + twins, a.j)
    set_jpegs(imgs, a.j)
    families.resolve_all(rows + fam_rows, a.j)
    rows += fam_rows
    for r in rows:
        if r["role"] != "hero":
            continue
        if r["bg"] == "transparent":
            r["labels"]["hero-contrast"] = "skip"  # white on nothing
        elif r["labels"]["hero-contrast"] != "skip":
            cr = contrast[r["png"]]
            r["labels"]["hero-contrast"] = int(cr < 4.5)
            r["desc"].append("margin-contrast=%.2f" % cr)
    for r in rows:
        if r["labels"].get("text") == 0 and SPELLED.search(" ".join(r["desc"])):
            r["labels"]["text"] = "skip"
    tmp = os.path.join(a.out, "labels.tsv.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("\t".join(("path", "split", "role", "family", "bg", "mark")
                          + RULES + ("dimensions", "desc")) + "\n")
        for r in rows:
            f.write("\t".join([r["path"], r["split"], r["role"], r["family"],
                               r["bg"], r["mark"]]
                              + [str(r["labels"][k]) for k in RULES]
                              + [str(r["labels"]["dimensions"]),
                                 " ".join(r["desc"])]) + "\n")
    os.replace(tmp, os.path.join(a.out, "labels.tsv"))
    tmp = os.path.join(a.out, "sets.tsv.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("\t".join(("path", "split", "role", "kind", "bg", "mark")
                          + SET_RULES + ("desc",)) + "\n")
        for r in sets:
            f.write("\t".join([r["path"], r["split"], r["role"], r["kind"],
                               r["bg"], r["mark"]]
                              + [str(r["labels"][k]) for k in SET_RULES]
                              + [" ".join(r["desc"])]) + "\n")
    os.replace(tmp, os.path.join(a.out, "sets.tsv"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
