"""Families of the evaluation corpus aimed at what fails outside it
(issue #8 section 2): each family draws one kind of artwork, labelled by
construction, and varies everything the truth does not depend on.

  names       random ids with abbreviations inside (wd3ah6-large.png),
              abbreviations as whole tokens (logo-wd.png), role words
              embedded (cheflogo255xwide.png); role and dimensions scored
  frame       white or black background with a 1-px grey frame line
  card        a tile or band touching one canvas edge (on white: still a
              white background) or all of them (the card is the
              background); on transparency too
  edge        marks and line-art strokes touching the edge of a
              transparent canvas (a white grid is not a white background)
  darkmark    near-black, mid-grey, navy, azure, dithered and noisy marks
              on transparency (transparent-foreground)
  heromargin  faint discs, rings, panels, watermark icons 8..15 CIE76 from
              the background in the right 415 px; content poking 6..10 px
              past x = width - 415; content stopping 1..8 px before it
  text        icon + name side by side or stacked, the name inside an icon
              (badge, ring, monitor, a plate it is cut out of), wordmarks in many fonts
              and styles (serif, script, italic, condensed, heavy,
              outlined), words on 40x40 and 90x90 from a 5 px cap height
  textneg     line-art icons, bar grids, isometric blocks, stretched marks,
              textures, dither: no text
  huge        several thousand px wide images with big wordmarks
  gradlogo    brand marks whose own fills are gradients (@iconify-json
              logos, vscode-icons, skill-icons, and generated shards, bars,
              wedges, rings with linear or radial fills, one over the mark
              or one per piece), labelled from a flattened twin render;
              flat logos of the same sets as negatives
  devgrad     devicon's colour marks painted with gradients (stops in
              styles, clip paths, fills that turn), placed like gradlogo;
              its flat ones as negatives
  flatjpeg    flat multi-colour illustrations (the palette family's
              icon sets) saved as JPEG at quality 35..92: gradient 0,
              palette from the design drawn large
  emoji       emoji and colour icons of other hands, flat ones and ones
              shaded with gradients (dev: twemoji, fluent-color; test:
              openmoji, noto), at every role on opaque backgrounds, three
              quarters saved as JPEG at quality 35..92: many small close
              tones with soft seams (gradient 0) against shading that drifts
              (gradient from a flattened twin, as gradlogo)
  tonejpeg    flat shapes in two or three close tones (15..35 apart, often
              dark) touching or overlapping on a base shape, often pale
              and near the background, as JPEG at quality 35..92 (dev:
              discs, bars, triangles; test: hexagons, rings, wedges;
              each split's filled icons): the seams and the base's
              smoothed rim are not gradients
  paljpeg     flat designs in 2..9 colours, some shades 15..20 apart
              (scenes, rows of shapes), saved as JPEG at quality 35..92:
              palette from the design drawn large
  emojipal    flat emoji of other hands than the palette family's sets
              (dev twemoji, test openmoji and noto), a third with a dark
              outline round every shape, mostly at 40 and 90 px where a
              colour is a few pixels wide, two thirds saved
              as JPEG at quality 35..92: palette from the design drawn
              large (the other rules skip)
  dotneg      rows of small repeated shapes (rain drops, streaks or
              snowflakes under a cloud or a pictogram, dots, dashes, plus
              signs, crosses, stars, hearts; one or two rows, 2..9 px
              shapes from 40 px logos up) that OCR reads as short words:
              text 0
  palother    flat emoji and colour icons of sets no other family draws
              (dev Emoji One and Streamline colour icons, test Firefox OS
              and Streamline emoji; the Streamline ones outlined in dark
              brown) at 40..216 px, role sizes and others (48, 64, 128,
              160, 216), half as JPEG at quality 35..92: palette from the
              design drawn large (the other rules skip)
  gradtone    a linear or radial fill whose one end lies 2..12 CIE76
              from a flat shape it touches, lies on or carries (dev:
              discs, bars, triangles, icons; test: hexagons, rings,
              wedges, other icons), a third of the opaque ones as JPEG;
              a quarter with the fill flat (gradient 0)
  grainhero   heroes on a plain colour under a fine grain (stray pixels
              10..20 CIE76 off it; dev one noise, test a noise per
              channel): artwork stopping 3..30 px before the margin, or
              poking 6..10 px past it, or a clear shape inside it
  roundhero   heroes whose plain canvas is cut with rounded corners
              (transparent outside; dev circular, test elliptical
              corners): artwork stopping 3..30 px before the margin, or
              poking 6..10 px past it
  glow        glows and light cones over flat backgrounds
  texture     photo-like textures (gradient: skip; text: 0)
  palette     flat illustrations in 5..9 colours at 40..216 px: shapes
              apart, shapes that overlap and touch (scenes, quilts), flat
              icon sets; labelled from their rendered colour shares
  palneg      2..3 colour marks with heavy anti-aliasing: hatching, and
              fine rings and outline icons under 1 px
  flatscale   flat marks (devicon, iconify, simple-icons, icons, scenes)
              rendered at another size and resampled (bilinear, bicubic,
              Mitchell, Lanczos; down 1.5..7.3x, up 1.5..2.5x), half saved
              as JPEG at quality 35..92: gradient 0
  shapeneg    shapes that OCR reads as words: grids of equal shapes, rows
              of triangles and blobs, arrows and chevrons, sliders, rain
              drops, tiles with icons cut out (text: 0)
  textglow    words over a radial or linear gradient, a glow spot, or a
              photo under a dark veil, alone or beside an icon (text: 1)
  textedge    what a probe outside the eval found hard: abbreviations
              with I and O (read 1 and 0) in a badge or ring of their
              colour that their letters touch or poke through, hairline
              weights set large, capitals tracked 0.5..1 em apart
              (text: 1); rows of small solid triangles, discs and
              diamonds, 9..16 px (text: 0)
  iconrow     rows and grids of 3..6 different pictograms of the split's
              icon sets, 5..48 px, bare or cut out of plates, alone or
              beside or under a mark (text: 0); short words after or under
              such a row, or tracked apart like one (text: 1)
  texttrack   capitals tracked 0.6..1.9 cap heights apart, alone, under or
              beside a mark (text: 1 from a 5 px cap height); rows of 3..6
              pictograms as far apart, some with thin separators (text: 0)
  paltint     flat UI icons in a tonal set (3..4 shades of one hue on one
              line in sRGB, as blue-greys are) with 0..2 accents, 40..90
              px, PNG: small boxes and 1-px lines in a light shade (dev:
              checklists and calendars; test: bar charts and documents),
              a third with sub-pixel rings in a shade instead (their
              mixes are no colour); palette from the design drawn large
  textring    words set along a circle around a pictogram, over its top,
              under its bottom or both, each letter turned by its angle,
              with or without ring outlines (text: 1 from a 5 px cap
              height); the same arcs of pictograms, dots or stars (text: 0)
  cropmark    a disc or ring (test: also hexagons) cut by 1..3 edges of a
              white, black or coloured logo, the canvas in all four
              corners, a fifth JPEG (background-white / -black: 1 by the
              canvas colour)
  canvasjpeg  a large base 6..25 CIE76 from a flat canvas (dev: discs and
              rounded cards; test: hexagons, cards, squircles) on a mostly
              small logo in JPEG at quality 35..85, with 0..2 dark flat
              shapes on it: half filled with a gradient from the base's
              colour (gradient 1, from a flattened twin), half flat
              (gradient 0)
  softframe   white, black or coloured logos inside a frame drawn off the
              pixel grid (soft lines), 1..4 px, square or rounded corners,
              or a disc over one corner with the canvas in the other three;
              a quarter JPEG (background from the canvas)

  ubg, udark, ugrad, upal
              (s13) the shapes of background, dark marks, gradient and
              palette above drawn from icon sets no other family draws
              (U_PICT, U_BRAND, U_GRAD, U_RICH, U_FEW; test other sets
              than dev): an outside probe found main failing on them
              (gradient fills in line icons and small JPEGs, 5-colour
              emoji at 40..64 px, white marks cut by the edges of a
              transparent canvas, full-bleed cards on heroes, navy
              marks).  utext, umargin, unames and compose_uset (offer
              sets) draw the same pools and the fonts of U_FONTS for that
              probe and are not in the mix.

Python 3 standard library only.
"""
import json
import math
import os
import random
import re
import string
import struct
import zlib

import gen_corpus as g

# family -> images per split per 100 of --n-fam (keeps the mix fixed)
FAMILIES = (("names", 8), ("frame", 7), ("card", 8), ("edge", 7),
            ("darkmark", 10), ("heromargin", 9), ("text", 12),
            ("textneg", 8), ("huge", 1), ("gradlogo", 10), ("glow", 5),
            ("texture", 3), ("palette", 7), ("palneg", 4), ("shapeneg", 5),
            ("textglow", 5))
# Families added later come on top, with the same weights per 100 of the
# mix above: the counts (and so the images) of the families above stay.
EXTRA_FAMILIES = (("flatscale", 6), ("textabbr", 6), ("textstyle", 8), ("devgrad", 8),
                  ("flatjpeg", 6), ("emoji", 12), ("paljpeg", 8), ("textedge", 6),
                  ("tonejpeg", 8), ("emojipal", 10), ("dotneg", 5), ("palother", 10),
                  ("iconrow", 10), ("gradtone", 8), ("grainhero", 5), ("roundhero", 4),
                  ("texttrack", 6), ("paltint", 6), ("textring", 5))

# Fonts and styles for the text family; test sees other families.
TEXT_FONTS = {
    "dev": [("Open Sans", "normal", "normal"), ("Roboto Condensed", "normal", "bold"),
            ("Lato Black", "normal", "normal"), ("EB Garamond", "italic", "normal"),
            ("Z003", "normal", "normal"), ("TeX Gyre Termes", "normal", "bold"),
            ("Cantarell", "normal", "normal"), ("League Spartan Black", "normal", "normal"),
            ("Linux Biolinum O", "italic", "normal"), ("Carlito", "normal", "bold"),
            ("URW Gothic", "normal", "normal"), ("Liberation Sans Narrow", "italic", "bold")],
    "test": [("Roboto", "normal", "normal"), ("Open Sans Condensed", "normal", "bold"),
             ("Lato", "italic", "bold"), ("Linux Libertine O", "normal", "normal"),
             ("TeX Gyre Chorus", "normal", "normal"), ("Caladea", "italic", "normal"),
             ("Comic Neue", "normal", "bold"), ("TeX Gyre Heros Cn", "normal", "normal"),
             ("Roboto Black", "normal", "normal"), ("TeX Gyre Adventor", "normal", "bold"),
             ("Open Sans Extrabold", "italic", "normal"), ("TeX Gyre Pagella", "normal", "normal")],
}
SCRIPT = ("Z003", "TeX Gyre Chorus")
TEXT_WORDS = {
    "dev": ["Aquila", "Brightway", "Corvid", "Dynamo", "Everest", "Finch",
            "Granite", "Horizon", "Indigo", "Juniper", "Keystone", "Lattice",
            "Meridian", "Northstar", "Opal", "Pinnacle", "Quarry", "Rocket",
            "Sable", "Trellis", "Umbra", "Vireo", "Willow", "Yonder"],
    "test": ["Alder", "Bastion", "Cascade", "Drift", "Elm", "Fjord",
             "Glacier", "Hollow", "Iris", "Jasper", "Kestrel", "Lumina",
             "Maple", "Nimbus", "Onyx", "Pebble", "Quill", "Raven", "Sequoia",
             "Tundra", "Umber", "Vale", "Wren", "Zephyr"],
}
# Type that the fonts above do not cover, for fam_textstyle: light and
# thin weights, monospace, condensed and other serifs; test sees others.
# (family, style, weight, stroke: "thin" for hairline-like weights)
STYLE_FONTS = {
    "dev": [("Roboto Light", "normal", "normal", ""), ("Lato Light", "italic", "normal", ""),
            ("Open Sans Light", "normal", "normal", ""), ("DejaVu Sans Condensed", "normal", "bold", ""),
            ("Nimbus Roman", "normal", "normal", ""), ("TeX Gyre Bonum", "italic", "normal", ""),
            ("DejaVu Sans Mono", "normal", "normal", ""), ("League Spartan Light", "normal", "normal", ""),
            ("Cantarell Light", "normal", "normal", ""), ("Roboto Thin", "normal", "normal", "thin"),
            ("Roboto Condensed Light", "italic", "normal", ""), ("Linux Libertine Display O", "normal", "normal", "")],
    "test": [("TeX Gyre Schola", "normal", "bold", ""), ("TeX Gyre Cursor", "normal", "normal", ""),
             ("Nimbus Sans Narrow", "normal", "normal", ""), ("League Spartan ExtraLight", "normal", "normal", "thin"),
             ("Lato Hairline", "normal", "normal", "thin"), ("DejaVu Serif Condensed", "italic", "normal", ""),
             ("Open Sans Condensed Light", "normal", "normal", ""), ("Comic Neue Light", "normal", "normal", ""),
             ("Liberation Mono", "normal", "bold", ""), ("P052", "italic", "normal", ""),
             ("Lato Medium", "normal", "normal", ""), ("Roboto Medium", "italic", "normal", "")],
}
STYLE_WORDS = {
    "dev": ["Contoso", "Fabrikam", "Tailspin", "Northwind", "Litware", "Adatum", "Proseware",
            "Cobalt", "Summit", "Vertex", "Ionic", "Orbit", "Lumen", "Kairo"],
    "test": ["Wingtip", "Relecloud", "Woodgrove", "Alpine", "Nexa", "Blue", "Tidal",
             "Polar", "Origin", "Atlas", "Helix", "Mosaic", "Strata", "Quanta"],
}
TAGLINES = {
    "dev": ["cloud services", "data platform", "secure backup", "analytics"],
    "test": ["managed security", "digital workspace", "smart storage", "insights"],
}
# Short upper-case words (product abbreviations) set inside icons and
# tiles by fam_textabbr; test sees others.
ABBR_WORDS = {
    "dev": ["SQL", "API", "CRM", "ERP", "GIS", "CMS", "VPN", "ETL", "BOT", "HUB"],
    "test": ["DNS", "SAP", "LMS", "HPC", "KMS", "WAF", "NAS", "PDF", "DEV", "LAB"],
}
# fam_textedge: abbreviations with I and O, hairline fonts; test sees others.
EDGE_ABBR = {
    "dev": ["IOT", "IDP", "OTP", "ISV", "POS", "BIO"],
    "test": ["IOS", "ROI", "IAM", "OLAP", "OIDC", "DOI"],
}
HAIRLINE_FONTS = {
    "dev": [("Roboto Thin", "normal"), ("Lato Thin", "italic"), ("Lato Thin", "normal")],
    "test": [("Lato Hairline", "normal"), ("Cantarell Thin", "normal"),
             ("League Spartan ExtraLight", "normal")],
}
# Abbreviations of roles: whole tokens only give a role.
ABBR = {"small": "sm", "medium": "md", "large": "lg", "wide": "wd"}
SIZE_ROLE = {v: k for k, v in g.ROLES.items()}


# ---- helpers --------------------------------------------------------------

def sample(split, idx, role, rng, W=None, H=None):
    s = g.Sample(split, idx, role, rng)
    if W is not None:
        s.W, s.H = W, H
    s.bg_kind, s.bg_cols = "transparent", []
    return s


def na(labels, role):
    """Fills the labels a role does not take with n/a."""
    hero = role == "hero"
    if not hero:
        for r in ("background-transparent", "hero-margin", "hero-contrast"):
            labels[r] = "n/a"
    else:
        labels["transparent-foreground"] = "n/a"
        labels["palette"] = "n/a"
        labels.setdefault("hero-contrast", "n/a")  # from pixels later
    return labels


def labels(role, **kw):
    """All rules' labels: 0 unless given (names with _ for -)."""
    L = {r: 0 for r in g.RULES}
    L["dimensions"] = 0
    for k, v in kw.items():
        L[k.replace("_", "-")] = v
    return na(L, role)


def svg_doc(s):
    return ('<svg xmlns="http://www.w3.org/2000/svg" '
            'xmlns:xlink="http://www.w3.org/1999/xlink" width="%d" height="%d" '
            'viewBox="0 0 %d %d"><defs>%s</defs>%s</svg>\n'
            % (s.W, s.H, s.W, s.H, "".join(s.defs), "".join(s.body)))


def rect(s, x, y, w, h, fill, rx=0, extra=""):
    s.body.append('<rect x="%.2f" y="%.2f" width="%.2f" height="%.2f" rx="%.2f" '
                  'fill="%s" %s/>' % (x, y, w, h, rx, fill, extra))


def pict(rng, art, split, filled=None):
    kinds = ["pict", "pict_fill"] if filled is None else \
        (["pict_fill"] if filled else ["pict"])
    return rng.choice(art[split][rng.choice(kinds)])


def grey(rng, lo, hi):
    v = rng.randint(lo, hi)
    return "#%02X%02X%02X" % (v, v, v)


def colour_away(rng, avoid, min_de=35, l_lo=0.15, l_hi=0.85):
    for _ in range(500):
        c = g.hsl(rng, l_lo, l_hi, 0.35, 1.0)
        if all(g.de(c, a) >= min_de for a in avoid):
            return c
    return g.hsl(rng, l_lo, l_hi, 0.35, 1.0)


def other_colour(rng, avoid=(), min_de=25):
    """A colour that is clearly not white, black or blue (nor grey)."""
    for _ in range(500):
        c = g.hsl(rng, 0.3, 0.7, 0.5, 1.0)
        if g.category(c) == "other" and all(g.de(c, a) >= min_de for a in avoid):
            return c
    return rng.choice(g.OTHER)


def mark_box(rng, W, H, lo=0.5, hi=0.8):
    sz = min(W, H) * rng.uniform(lo, hi)
    jx = (W - sz) / 2 * 0.5
    jy = (H - sz) / 2 * 0.5
    return (W - sz) / 2 + rng.uniform(-jx, jx), (H - sz) / 2 + rng.uniform(-jy, jy), sz


def hero_clip(s, right):
    """Starts a group clipped to x < @right (content meant to stay left)."""
    cid = s.gid()
    s.defs.append('<clipPath id="%s"><rect x="0" y="0" width="%.2f" height="%d"/>'
                  '</clipPath>' % (cid, right, s.H))
    s.body.append('<g clip-path="url(#%s)">' % cid)


def word_width(word, size, font, weight):
    per = 0.6
    if any(k in font for k in ("Condensed", "Narrow", "Cn")):
        per = 0.47
    elif any(k in font for k in ("Black", "Extrabold", "Spartan", "Adventor",
                                 "Gothic", "Comic")) or weight == "bold":
        per = 0.72
    elif font in SCRIPT:
        per = 0.55
    return len(word) * size * per


def set_word(s, word, x, y, size, colour, font, style, weight, anchor="start",
             outline=False):
    """One line of text with its baseline at @y."""
    paint = 'fill="%s"' % colour
    if outline:
        paint = ('fill="none" stroke="%s" stroke-width="%.2f"'
                 % (colour, max(0.6, size / 22)))
    s.body.append('<text x="%.2f" y="%.2f" font-family="%s" font-size="%.2f" '
                  'font-style="%s" font-weight="%s" text-anchor="%s" %s>%s</text>'
                  % (x, y, font, size, style, weight, anchor, paint, word))


def pick_font(rng, split):
    f = rng.choice(TEXT_FONTS[split])
    outline = f[0] not in SCRIPT and rng.random() < 0.12
    return f, outline


def fit_size(word, w, h, font, weight, lo, hi):
    """Largest size in [lo, hi] whose estimated width fits @w and cap
    height fits @h; None when even @lo does not."""
    size = hi
    while size >= lo:
        if word_width(word, size, font, weight) <= w and size * 0.72 <= h:
            return size
        size *= 0.93
    return None


# ---- PNG reading, for the labels that need the rendered pixels ------------

def read_png(path):
    """(w, h, channels, bytes) of an 8-bit RGB/RGBA non-interlaced PNG (as
    tools/gen_eval writes them)."""
    with open(path, "rb") as f:
        data = f.read()
    pos, idat, w = 8, [], 0
    while pos < len(data):
        n, t = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if t == b"IHDR":
            w, h, depth, ctype, _, _, inter = struct.unpack(">IIBBBBB", body)
            if depth != 8 or inter or ctype not in (2, 6):
                raise ValueError("%s: not 8-bit RGB(A)" % path)
            ch = 3 if ctype == 2 else 4
        elif t == b"IDAT":
            idat.append(body)
        pos += 12 + n
    raw = zlib.decompress(b"".join(idat))
    stride = w * ch
    out = bytearray(stride * h)
    prev = bytearray(stride)
    for y in range(h):
        ft = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if ft == 1:
            for i in range(ch, stride):
                line[i] = (line[i] + line[i - ch]) & 255
        elif ft == 2:
            for i in range(stride):
                line[i] = (line[i] + prev[i]) & 255
        elif ft == 3:
            for i in range(stride):
                a = line[i - ch] if i >= ch else 0
                line[i] = (line[i] + ((a + prev[i]) >> 1)) & 255
        elif ft == 4:
            for i in range(stride):
                a = line[i - ch] if i >= ch else 0
                b = prev[i]
                c = prev[i - ch] if i >= ch else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pr = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pr) & 255
        out[y * stride:(y + 1) * stride] = line
        prev = line
    return w, h, ch, bytes(out)


_LAB = {}


def lab_px(rgb):
    v = _LAB.get(rgb)
    if v is None:
        v = _LAB[rgb] = g.lab(g.rgb2hex(rgb))
    return v


def dist(a, b):
    return math.sqrt(sum((p - q) ** 2 for p, q in zip(a, b)))


def pixels(path):
    """Opaque pixels as (r, g, b) over white-free compositing: pixels with
    alpha < 128 are None."""
    w, h, ch, d = read_png(path)
    px = []
    for i in range(0, len(d), ch):
        if ch == 4 and d[i + 3] < 128:
            px.append(None)
        else:
            px.append((d[i], d[i + 1], d[i + 2]))
    return w, h, px


def gradient_label(png, twin_png):
    """From the render and its twin with every gradient flattened to one
    colour: which pixels the gradients paint, and the colour span they show
    there.  1 when they cover >= 4 % of the image (>= 30 px) and span >= 25
    CIE76; 0 when they paint next to nothing or span < 6; skip between."""
    w, h, a = pixels(png)
    _, _, b = pixels(twin_png)
    gp = []
    for p, q in zip(a, b):
        if p is None or q is None:
            continue
        if p != q and dist(lab_px(p), lab_px(q)) > 4:
            gp.append(lab_px(p))
    n = len(gp)
    if n < 0.005 * w * h:
        return 0, n, 0.0
    span = 0.0
    for k in range(3):
        v = sorted(gp, key=lambda t: t[k])
        lo = v[: max(1, n // 10)]
        hi = v[-max(1, n // 10):]
        ml = [sum(t[j] for t in lo) / len(lo) for j in range(3)]
        mh = [sum(t[j] for t in hi) / len(hi) for j in range(3)]
        span = max(span, dist(ml, mh))
    if n >= max(30, 0.04 * w * h) and span >= 15:
        return 1, n, span
    if span < 5:
        return 0, n, span
    return "skip", n, span


def crisp(doc):
    """@doc drawn without anti-aliasing (shape-rendering crispEdges): the
    render for palette_label, whose exact colours are the design's -- a
    ramp of blends along a thin stroke, even at 320 px, is no colour."""
    return doc.replace("<svg ", '<svg shape-rendering="crispEdges" ', 1)


def crisp_twin(doc, W, H):
    """The palette twin of a W x H @doc: drawn crisp (crisp()) at up to 4x,
    so that its short side reaches 320 px where it can."""
    k = max(1, min(4, 320 // min(W, H)))
    return crisp(doc.replace('width="%d" height="%d"' % (W, H),
                             'width="%d" height="%d"' % (W * k, H * k), 1))


def centre_icon(s, ic, W, H, rng):
    """Places @ic centred on @s at 70..95 % of W x H, sets its palette
    twin (crisp_twin()) and returns the SVG."""
    f = rng.uniform(0.7, 0.95)
    w, h = fit_iconify(ic, W * f, H * f)
    place_iconify(s, ic, (W - w) / 2, (H - h) / 2, w, h)
    doc = svg_doc(s)
    s.twin = crisp_twin(doc, W, H)
    return doc


def palette_label(png, bg):
    """Colours of a flat render: exact colours with their pixel shares
    (anti-aliasing blends are many colours of tiny share).  Colours within
    10 CIE76 are merged; the background (@bg, or transparency) is not
    counted.  1 when >= 5 colours each hold >= 3 % of the mark's pixels
    (and a sixth of the image at least... of the mark), 0 when at most 4
    colours hold >= 0.5 %, skip between."""
    w, h, px = pixels(png)
    cnt = {}
    for p in px:
        if p is None:
            continue
        cnt[p] = cnt.get(p, 0) + 1
    bl = g.lab(bg) if bg else None
    groups = []  # [lab, count]
    for p, c in sorted(cnt.items(), key=lambda t: -t[1]):
        L = lab_px(p)
        if bl is not None and dist(L, bl) < 10:
            continue
        for gr in groups:
            if dist(gr[0], L) < 10:
                gr[1] += c
                break
        else:
            groups.append([L, c])
    mark = sum(c for _, c in groups) or 1
    big = sum(1 for _, c in groups if c >= 0.03 * mark)
    some = sum(1 for _, c in groups if c >= 0.005 * mark)
    if big >= 5:
        return 1, big, some
    if some <= 4:
        return 0, big, some
    return "skip", big, some


# ---- artwork from @iconify-json packages ----------------------------------

def iconify_icons(nm, pkg):
    """Yields (name, body, width, height) for the icons of the
    @iconify-json set @pkg under node_modules @nm, by name, leaving out
    bodies the renderer cannot take alone (embedded images, references,
    masks, filters, styles, text); nothing when the set is missing."""
    path = os.path.join(nm, "@iconify-json", pkg, "icons.json")
    try:
        with open(path, encoding="utf-8") as f:
            d = json.load(f)
    except (OSError, ValueError):
        return
    W0, H0 = d.get("width", 16), d.get("height", 16)
    for name, ic in sorted(d["icons"].items()):
        body = ic["body"]
        if any(k in body for k in ("<image", "<use", "mask", "filter",
                                   "<style", "class=", "<text")):
            continue
        yield name, body, ic.get("width", W0), ic.get("height", H0)


def load_iconify(nm):
    """{"dev"|"test": {"gradlogo": [...], "flatlogo": [...], "flatillu": [...]}}
    Each icon: name, body, w, h, gradient (bool)."""
    out = {sp: {"gradlogo": [], "flatlogo": [], "flatillu": []}
           for sp in ("dev", "test")}
    # dev: logos (2/3 of names) + vscode-icons; test: logos (1/3) + skill-icons
    sources = (("logos", None), ("vscode-icons", "dev"), ("skill-icons", "test"),
               ("flat-color-icons", "dev"), ("fluent-emoji-flat", "test"))
    for pkg, only in sources:
        for name, body, w, h in iconify_icons(nm, pkg):
            full = "%s:%s" % (pkg, name)
            sp = only or g.split_of(full)
            grad = "Gradient" in body
            rec = {"name": full, "body": body, "w": w, "h": h,
                   "gradient": grad, "wordmark": not (name.endswith("-icon") or
                                                     pkg != "logos" or w <= h * 1.3)}
            if pkg in ("flat-color-icons", "fluent-emoji-flat"):
                # labelled text 0: none that spells a word ("sos-button")
                if not grad and "opacity" not in body and not g.drawn_letters(name):
                    out[sp]["flatillu"].append(rec)
            elif grad:
                out[sp]["gradlogo"].append(rec)
            elif "opacity" not in body:
                out[sp]["flatlogo"].append(rec)
    load_devicon_marks(nm, out)
    load_emoji(nm, out)
    load_palother(nm, out)
    return out


# Emoji and colour icon sets of the emoji family, by split: flat ones and
# ones shaded with gradients from each.
EMOJI_SETS = {"dev": ("twemoji", "fluent-color"), "test": ("openmoji", "noto")}


def load_emoji(nm, out):
    """Adds to @out (load_iconify's) "emojiflat" and "emojigrad": the
    icons of EMOJI_SETS (none that spells a word), in load_iconify's form."""
    for sp, pkgs in EMOJI_SETS.items():
        out[sp]["emojiflat"], out[sp]["emojigrad"] = [], []
        for pkg in pkgs:
            for name, body, w, h in iconify_icons(nm, pkg):
                # fluent-color names end in a size ("add-circle-24")
                if g.drawn_letters(re.sub(r"-\d+$", "", name)):
                    continue
                grad = "Gradient" in body
                out[sp]["emojigrad" if grad else "emojiflat"].append(
                    {"name": "%s:%s" % (pkg, name), "body": body, "w": w, "h": h,
                     "gradient": grad, "wordmark": False})


# Flat emoji and colour icons that no other family draws, for palother:
# by split, sets of other hands (dev: Emoji One, Streamline's flat colour
# icons with dark outlines; test: Firefox OS emoji, Streamline's emoji
# with dark outlines).
PALOTHER_SETS = {"dev": ("emojione", "streamline-ultimate-color"),
                 "test": ("fxemoji", "streamline-emojis")}


def load_palother(nm, out):
    """Adds to @out (load_iconify's) "palother": the flat icons of
    PALOTHER_SETS (no gradient, none that spells a word), their
    translucent shapes (Streamline's ground shadows) left out, and
    none with other translucency."""
    for sp, pkgs in PALOTHER_SETS.items():
        out[sp]["palother"] = []
        for pkg in pkgs:
            for name, body, w, h in iconify_icons(nm, pkg):
                body = re.sub(r'<(path|ellipse|circle)\b[^>]*\bopacity="[^"]*"[^>]*/>', "", body)
                if ("Gradient" in body or "opacity" in body or "<use" in body
                        or g.drawn_letters(name)):
                    continue
                out[sp]["palother"].append(
                    {"name": "%s:%s" % (pkg, name), "body": body, "w": w, "h": h,
                     "gradient": False, "wordmark": False})


def load_devicon_marks(nm, out):
    """Adds to @out (load_iconify's) "devgrad": devicon's own colour
    artwork (original and wordmark variants) painted with gradients, and
    "devflat": the flat ones, in load_iconify's form.  Not in the other
    families: brand marks drawn by other hands than the @iconify-json
    sets' (stops in styles, clip paths, three-stop fills that turn), split
    by name."""
    for sp in ("dev", "test"):
        out[sp]["devgrad"], out[sp]["devflat"] = [], []
    dv = os.path.join(nm, "devicon", "icons")
    try:
        names = sorted(os.listdir(dv))
    except OSError:
        return
    for d in names:
        for variant in ("original", "original-wordmark"):
            path = os.path.join(dv, d, "%s-%s.svg" % (d, variant))
            try:
                with open(path, encoding="utf-8") as f:
                    text = f.read()
            except OSError:
                continue
            low = text.lower()
            if any(k in low for k in ("<style", "class=", "<image", "<use", "mask",
                                      "filter", "<text")):
                continue
            p = g.parse_svg(text)
            if not p:
                continue
            vb = p["vb"]
            attrs = "".join(' %s="%s"' % kv for kv in sorted(p["attrs"].items()))
            body = '<g transform="translate(%g %g)"%s>%s</g>' % (-vb[0], -vb[1], attrs,
                                                                 p["inner"])
            grad = "gradient" in low
            full = "devicon:%s-%s" % (d, variant)
            out[g.split_of(full)]["devgrad" if grad else "devflat"].append(
                {"name": full, "body": body, "w": vb[2], "h": vb[3], "gradient": grad,
                 "wordmark": "wordmark" in variant})


def uniq_ids(body, prefix):
    """Renames the ids of an iconify body so several can share a document."""
    ids = re.findall(r'\bid="([^"]+)"', body)
    for i in ids:
        body = re.sub(r'(["(#])%s([")])' % re.escape(i), r"\g<1>%s%s\g<2>" % (prefix, i), body)
        body = body.replace('id="%s"' % i, 'id="%s%s"' % (prefix, i))
    return body


def style_paints(body):
    """Moves fill:url(#..) and stroke:url(#..) out of style attributes into
    presentation attributes (devicon writes style="fill:url(#a)"), so
    flatten_gradients() finds them; the style wins over an attribute of
    the same name, which is dropped."""
    def tag(t):
        el = t.group(0)
        st = re.search(r'\sstyle="([^"]*)"', el)
        if not st:
            return el
        decls = [d.strip() for d in st.group(1).split(";") if d.strip()]
        keep, paint = [], {}
        for d in decls:
            k, _, v = d.partition(":")
            k, v = k.strip(), v.strip()
            if k in ("fill", "stroke", "fill-opacity", "stroke-opacity") and \
                    (k.endswith("opacity") or v.startswith("url(")):
                paint[k] = v.replace("'", "").replace('"', "")
            else:
                keep.append(d)
        if not any(v.startswith("url(") for v in paint.values()):
            return el
        for k in paint:
            el = re.sub(r'\s%s="[^"]*"' % k, "", el)
        st = re.search(r'\sstyle="([^"]*)"', el)
        attrs = "".join(' %s="%s"' % kv for kv in paint.items())
        return el[:st.start()] + (' style="%s"' % ";".join(keep) if keep else "") + attrs + el[st.end():]
    return re.sub(r'<[a-zA-Z][^<>]*\sstyle="[^"]*url\([^<>]*>', tag, body)


def flatten_gradients(body):
    """The twin: every gradient replaced by the mean of its stops."""
    body = style_paints(body)
    grads = {}
    for m in re.finditer(r'<(linear|radial)Gradient\b[^>]*\bid="([^"]+)"[^>]*>(.*?)'
                         r'</\1Gradient>', body, re.S):
        stops = re.findall(r'<stop\b[^>]*>', m.group(3))
        cols, ops = [], []
        for st in stops:
            c = re.search(r'stop-color="([^"]+)"', st) or \
                re.search(r'stop-color:\s*([^;"]+)', st)
            o = re.search(r'stop-opacity="([^"]+)"', st)
            cv = c.group(1).strip() if c else "#000"
            if not re.fullmatch(r"#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}", cv):
                cv = {"white": "#fff", "black": "#000"}.get(cv.lower(), "#000")
            cols.append(g.hex2rgb(cv))
            ops.append(float(o.group(1)) if o else 1.0)
        if cols:
            mean = g.rgb2hex([sum(c[k] for c in cols) / len(cols) for k in range(3)])
            grads[m.group(2)] = (mean, sum(ops) / len(ops))
    # gradients that inherit stops through xlink:href
    for m in re.finditer(r'<(linear|radial)Gradient\b[^>]*\bid="([^"]+)"[^>]*'
                         r'href="#([^"]+)"', body):
        if m.group(3) in grads:
            grads[m.group(2)] = grads[m.group(3)]

    def tag(t):
        # an element's own fill-/stroke-opacity multiplies the gradient's
        body = t.group(0)
        for attr in ("fill", "stroke"):
            m = re.search(r'\b%s="url\(#([^)]+)\)"' % attr, body)
            if not m:
                continue
            col, op = grads.get(m.group(1), ("#808080", 1.0))
            own = re.search(r'\s%s-opacity="([^"]*)"' % attr, body)
            if own:
                try:
                    op *= float(own.group(1))
                except ValueError:
                    pass
                body = body[:own.start()] + body[own.end():]
            body = re.sub(r'\b%s="url\(#[^)]+\)"' % attr,
                          '%s="%s" %s-opacity="%.3f"' % (attr, col, attr, op), body, count=1)
        return body
    return re.sub(r'<[^<>]*\b(?:fill|stroke)="url\(#[^)]+\)"[^<>]*>', tag, body)


def place_iconify(s, ic, x, y, w, h, flat=False):
    body = uniq_ids(ic["body"], "i%d" % s.nid)
    s.nid += 1
    if flat:
        body = flatten_gradients(body)
    s.body.append('<svg x="%.2f" y="%.2f" width="%.2f" height="%.2f" viewBox="0 0 %g %g">%s</svg>'
                  % (x, y, w, h, ic["w"], ic["h"], body))


def fit_iconify(ic, bw, bh):
    k = min(bw / ic["w"], bh / ic["h"])
    return ic["w"] * k, ic["h"] * k


# ---- families ---------------------------------------------------------------

def fam_names(split, idx, rng, art):
    role = rng.choice(["small", "medium", "large", "wide", "hero"])
    s, svg, mk, group = g.compose(split, 100000 + idx, role, art)
    L = g.labels_of(s, mk, group)
    L["dimensions"] = 0
    alnum = string.ascii_lowercase + string.digits
    style = rng.choice(["id-word", "id-only", "abbr", "embedded", "embedded",
                        "hexid", "index"])
    want = role
    others = [r for r in ("small", "medium", "large", "wide", "hero") if r != role]
    if style == "hexid":
        # A hex id (content hash, upload id) holding another role's width
        # among its digits: no size, the role comes from the word or the
        # exact size.
        width = str(g.ROLES[rng.choice(others)][0])
        hx = "".join(rng.choice("0123456789abcdef") for _ in range(rng.randint(5, 9)))
        k = rng.randint(1, len(hx) - 1)
        # (led by another digit, so the id is no "logo40")
        rid = rng.choice("123456789") + rng.choice("abcdef") + hx[:k] + width + hx[k:]
        name = rid if rng.random() < 0.5 else \
            rng.choice(["%s-%s", "%s_%s", "%s-%s"]) % ((rid, role) if rng.random() < 0.5
                                                      else (role, rid))
    elif style == "index":
        # An index or version with a leading zero that spells a width.
        name = rng.choice(["%03d-%s", "%s-%04d", "%s_v%03d"])
        width = g.ROLES[rng.choice([r for r in others
                                    if g.ROLES[r][0] < (100 if "%03d" in name else 1000)])][0]
        word = rng.choice(["contoso", "brand", "offer", "img", "asset"])
        name = name % ((width, word) if name.startswith("%0") else (word, width))
    elif style == "id-word" or style == "id-only":
        # A random id that holds other roles' abbreviations inside it.
        ab = rng.choice([a for r, a in ABBR.items() if r != role] or ["sm"])
        core = "".join(rng.choice(alnum) for _ in range(4))
        k = rng.randint(0, 4)
        rid = core[:k] + ab + core[k:]
        if rng.random() < 0.35:
            # a mixed-case id (nanoid, base62) with the abbreviation cut
            # off by a change of case: still not a role
            rid = rng.choice(string.ascii_lowercase) + ab.capitalize() + \
                rng.choice(string.digits) + "".join(
                    rng.choice(string.ascii_letters + string.digits) for _ in range(3))
        if style == "id-word":
            name = rng.choice(["%s-%s", "%s_%s", "%s.%s"]) % (rid, role)
        else:
            name = rid  # role from the exact size
    elif style == "abbr":
        if role == "hero":
            name = rng.choice(["hero-%s", "%s-hero", "%s_hero_banner"]) % \
                rng.choice(["contoso", "app", "offer", "img"])
        else:
            name = rng.choice(["logo-%s", "logo_%s", "%s-logo", "brand.%s",
                               "%s_icon", "contoso-%s"]) % ABBR[role]
    else:
        word = role
        if rng.random() < 0.3:
            word = word.capitalize()
        w, h = g.ROLES[role]
        name = rng.choice(["chef%s%dx%s", "acme%slogo", "%sLogoV2", "contoso%s",
                           "img%s%d"])
        if name.count("%") == 3:
            name = name % ("logo", w, word)
        elif "%d" in name:
            name = name % (word, h)
        else:
            name = name % word
        if re.search(r"\d+x\d+", name) and not re.search(r"%dx" % w, name):
            name = name.replace("x", "")
    ext = ".png"
    if role == "hero" and s.bg_kind != "transparent" and rng.random() < 0.3:
        ext = ".jpg"
    return s, svg, L, want, name + ext, "names", mk


def fam_frame(split, idx, rng, art):
    role = rng.choice(["small", "medium", "large", "wide", "hero", "small"])
    W, H = g.ROLES[role]
    s = sample(split, idx, role, rng)
    white = rng.random() < 0.55
    bg = rng.choice(g.WHITE_BG if white else g.BLACK_BG)
    frame = grey(rng, 0x90, 0xE0) if white else grey(rng, 0x28, 0x90)
    if rng.random() < 0.25:
        frame = other_colour(rng, [bg], 30)  # a brand-coloured keyline
    fw = rng.choice([1, 1, 1, 2])
    s.bg_kind, s.bg_cols = ("white" if white else "black"), [bg]
    rect(s, 0, 0, W, H, bg)
    # The frame: a 1- or 2-px line on the outermost pixels (crisp edges).
    s.body.append('<rect x="%g" y="%g" width="%d" height="%d" fill="none" '
                  'stroke="%s" stroke-width="%d" shape-rendering="crispEdges"/>'
                  % (fw / 2, fw / 2, W - fw, H - fw, frame, fw))
    c = colour_away(rng, [bg, frame])
    icon = pict(rng, art, split)
    if role == "hero":
        hero_clip(s, 392)
        sz = H * rng.uniform(0.35, 0.65)
        g.place_icon(s, icon, rng.uniform(30, 380 - sz), (H - sz) / 2, sz, c)
        s.body.append("</g>")
    else:
        x, y, sz = mark_box(rng, W, H, 0.45, 0.75)
        g.place_icon(s, icon, x, y, sz, c)
    # Some are JPEGs: the frame line smears into the first 8x8 blocks.
    jpg = rng.random() < 0.25
    s.desc.append("frame=%s(%dpx) on %s mark=%s(%s)%s"
                  % (frame, fw, bg, icon["name"], c, " jpeg" if jpg else ""))
    L = labels(role, background_white=int(white), background_black=int(not white),
               hero_margin="skip")
    if jpg and role != "hero":
        # JPEG ringing around a flat logo mark: not what this family
        # measures (the gradient rule still flags some; see issue 8 notes)
        L["palette"] = L["gradient"] = "skip"
    return s, svg_doc(s), L, role, (role + ".jpg") if jpg else None, "frame", "pict"


def fam_card(split, idx, rng, art):
    role = rng.choice(["small", "medium", "large", "wide"])
    W, H = g.ROLES[role]
    s = sample(split, idx, role, rng)
    canvas = rng.choice(["white", "transparent"])
    touch = rng.choice(["one", "one", "all"])
    card = other_colour(rng) if canvas == "transparent" or rng.random() < 0.7 \
        else rng.choice(g.BLUE)
    if canvas == "white":
        bg = rng.choice(g.WHITE_BG)
        rect(s, 0, 0, W, H, bg)
        s.bg_kind, s.bg_cols = "white", [bg]
        card = colour_away(rng, [bg], 40)
    icon = pict(rng, art, split, filled=True)
    on_card = rng.choice(["#FFFFFF", colour_away(rng, [card], 40)])
    off_card = colour_away(rng, [card] + s.bg_cols, 40)
    mc = on_card
    if touch == "all":
        rx = min(W, H) * rng.uniform(0, 0.12)
        rect(s, 0, 0, W, H, card, rx)
        x, y, sz = mark_box(rng, W, H, 0.45, 0.7)
        desc = "card=all(%s,rx=%.0f)" % (card, rx)
        # The card is the background: not white; on transparency its
        # colour is no logo colour to judge (skip when it is blue/black).
        tf = "skip" if canvas == "transparent" else "n/a"
        if canvas == "transparent" and g.category(card) == "other":
            tf = 0
        bw = 0
    else:
        edge = rng.choice(["bottom", "top", "left", "right", "band", "tile",
                           "tile"])
        frac = rng.uniform(0.22, 0.4)
        rx = rng.uniform(0, 6)
        if edge in ("bottom", "top"):
            h = H * frac
            rect(s, -rx if rng.random() < 0.5 else 0, 0 if edge == "top" else H - h,
                 W + rx, h, card, rx)
            sz = min(H * 0.45, H - h - 6)
            x, y = (W - sz) / 2, (h + (H - h - sz) / 2 if edge == "top"
                                  else (H - h - sz) / 2)
            mc = off_card  # the mark sits on the canvas, not on the band
        elif edge == "tile":
            # A tile that touches one edge only, centred along it.
            side = rng.choice(["bottom", "top", "left", "right"])
            t = min(W, H) * rng.uniform(0.45, 0.65)
            rx = t * rng.uniform(0, 0.2)
            if side in ("bottom", "top"):
                tx, ty = (W - t) / 2, (0 if side == "top" else H - t)
            else:
                tx, ty = (0 if side == "left" else W - t), (H - t) / 2
            rect(s, tx, ty, t, t, card, rx)
            sz = t * 0.6
            x, y = tx + t * 0.2, ty + t * 0.2
            frac = t * t / (W * H)
            edge = "tile-" + side
        elif edge == "band":
            h = H * frac
            y0 = (H - h) / 2
            rect(s, 0, y0, W, h, card)
            sz = h * 0.8
            x, y = (W - sz) / 2, y0 + h * 0.1
        else:
            w = W * frac
            rect(s, 0 if edge == "left" else W - w, 0, w, H, card)
            sz = min(w * 0.8, H * 0.6)
            x = (w - sz) / 2 if edge == "left" else W - w + (w - sz) / 2
            y = (H - sz) / 2
        desc = "card=%s(%s,%.0f%%)" % (edge, card, 100 * frac)
        bw = int(canvas == "white")
        tf = "n/a"
    g.place_icon(s, icon, x, y, sz, mc)
    s.desc.append("%s canvas=%s mark=%s(%s)" % (desc, canvas, icon["name"], mc))
    if canvas == "transparent" and touch == "one":
        # The card and the mark are the logo's visible content.
        cats = {g.category(card), g.category(mc)}
        if cats <= {"white", "black", "blue"}:
            tf = 1
        elif g.category(card) == "other":
            tf = 0
        else:
            tf = "skip"
    L = labels(role, background_white=bw,
               transparent_foreground=(0 if tf == "n/a" else tf), palette="skip")
    return s, svg_doc(s), L, role, None, "card", "pict"


def fam_edge(split, idx, rng, art):
    role = rng.choice(["small", "medium", "large", "wide", "hero"])
    W, H = g.ROLES[role]
    s = sample(split, idx, role, rng)
    group = rng.choice(["wbb", "other"])
    pool = (g.WHITE + g.BLACK + g.BLUE) if group == "wbb" else g.OTHER
    c = rng.choice(pool)
    kind = rng.choice(["grid", "strokes", "cropped"])
    sw = max(1.0, min(W, H) * rng.uniform(0.02, 0.06))
    if kind == "grid":
        n = rng.randint(2, 6)
        for k in range(1, n + 1):
            x = W * k / (n + 1)
            y = H * k / (n + 1)
            s.body.append('<line x1="%.2f" y1="0" x2="%.2f" y2="%d" stroke="%s" '
                          'stroke-width="%.2f"/>' % (x, x, H, c, sw))
            s.body.append('<line x1="0" y1="%.2f" x2="%d" y2="%.2f" stroke="%s" '
                          'stroke-width="%.2f"/>' % (y, W, y, c, sw))
        desc = "grid%d" % n
    elif kind == "strokes":
        n = rng.randint(2, 5)
        for _ in range(n):
            pts = [(rng.uniform(-5, W + 5), rng.choice([-2, H + 2])),
                   (rng.uniform(0, W), rng.uniform(0, H)),
                   (rng.choice([-2, W + 2]), rng.uniform(-5, H + 5))]
            s.body.append('<path d="M%.1f %.1f Q%.1f %.1f %.1f %.1f" fill="none" '
                          'stroke="%s" stroke-width="%.2f" stroke-linecap="round"/>'
                          % (pts[0] + pts[1] + pts[2] + (c, sw)))
        desc = "strokes%d" % n
    else:
        icon = pict(rng, art, split)
        sz = min(W, H) * rng.uniform(1.1, 1.5)
        g.place_icon(s, icon, (W - sz) / 2 + rng.uniform(-W * 0.2, W * 0.2),
                     (H - sz) / 2, sz, c)
        desc = "cropped=%s" % icon["name"]
    s.desc.append("edge=%s(%s)" % (desc, c))
    L = labels(role, background_transparent=1,
               transparent_foreground=int(group == "wbb"), palette=0,
               hero_margin=1, hero_contrast="skip")
    return s, svg_doc(s), L, role, None, "edge", "pict"


DARK = ["#1A1A1A", "#202020", "#262626", "#2B2B2B", "#333333", "#202030",
        "#1E1E24", "#2A2A2E", "#231F20", "#1C1C1C"]
MIDGREY = ["#7F7F7F", "#808080", "#8A8A8A", "#999999", "#A0A0A0", "#AAAAAA",
           "#B3B3B3", "#BEBEBE", "#888888", "#949494"]
NAVY_AZURE = ["#000080", "#001F5B", "#0A1F44", "#14213D", "#1B2A4E", "#002147",
              "#007FFF", "#0089D6", "#1E90FF", "#3399FF", "#0096FF", "#0072C6"]


def fam_darkmark(split, idx, rng, art):
    role = rng.choice(["small", "medium", "large", "wide"])
    W, H = g.ROLES[role]
    s = sample(split, idx, role, rng)
    kind = rng.choices(["dark", "grey", "navyazure", "dither-dark", "dither-white",
                        "noise-dark", "noise-white"], [25, 22, 20, 9, 8, 8, 8])[0]
    icon = pict(rng, art, split, filled=rng.random() < 0.7)
    x, y, sz = mark_box(rng, W, H, 0.55, 0.85)
    tf = 1
    if kind == "dark":
        paint = rng.choice(DARK)
    elif kind == "grey":
        paint = rng.choice(MIDGREY)
        tf = 0
    elif kind == "navyazure":
        paint = rng.choice(NAVY_AZURE)
    elif kind.startswith("dither"):
        # Ordered 2x2 dither of two nearby colours.
        a, b = (("#101010", "#383838") if kind == "dither-dark"
                else ("#FFFFFF", "#E6E6E6"))
        if rng.random() < 0.5:
            a, b = (("#000000", "#2E2E2E") if kind == "dither-dark"
                    else ("#F4F4F4", "#FFFFFF"))
        pid = s.gid()
        s.defs.append('<pattern id="%s" width="2" height="2" patternUnits="userSpaceOnUse">'
                      '<rect width="2" height="2" fill="%s"/><rect width="1" height="1" '
                      'fill="%s"/><rect x="1" y="1" width="1" height="1" fill="%s"/>'
                      '</pattern>' % (pid, a, b, b))
        paint = "url(#%s)" % pid
    else:
        base = "#1E1E1E" if kind == "noise-dark" else "#F2F2F2"
        fid = s.gid()
        amp = rng.uniform(0.06, 0.14)
        s.defs.append('<filter id="%s" x="0" y="0" width="1" height="1">'
                      '<feTurbulence type="fractalNoise" baseFrequency="%.2f" '
                      'numOctaves="2" seed="%d" result="n"/>'
                      '<feColorMatrix in="n" type="matrix" values="0 0 0 %.3f %.3f '
                      '0 0 0 %.3f %.3f 0 0 0 %.3f %.3f 0 0 0 0 1" result="m"/>'
                      '<feComposite in="m" in2="SourceGraphic" operator="arithmetic" '
                      'k1="0" k2="1" k3="1" k4="%.3f"/>'
                      '<feComposite in2="SourceGraphic" operator="in"/></filter>'
                      % (fid, rng.uniform(0.6, 1.2), rng.randint(1, 999),
                         amp, 0, amp, 0, amp, 0, -amp / 2))
        paint = base
        s.body.append('<g filter="url(#%s)">' % fid)
    g.place_icon(s, icon, x, y, sz, paint)
    if kind.startswith("noise"):
        s.body.append("</g>")
    s.desc.append("darkmark=%s mark=%s(%s)" % (kind, icon["name"], paint))
    L = labels(role, transparent_foreground=tf, palette="skip")
    return s, svg_doc(s), L, role, None, "darkmark", "pict"


def hero_bg(rng):
    kind = rng.choice(["flat", "flat", "dark", "tint"])
    c = {"flat": lambda: g.mid_colour(rng), "dark": lambda: g.dark_colour(rng),
         "tint": lambda: g.tint_colour(rng, 14, 25)}[kind]()
    return kind, c


def faint(rng, bg, lo, hi):
    """A colour @lo..@hi CIE76 from @bg."""
    L0 = g.lab(bg)
    for _ in range(2000):
        r, gg, b = g.hex2rgb(bg)
        d = rng.uniform(6, 40)
        sign = rng.choice([-1, 1]) if 15 < L0[0] < 85 else (1 if L0[0] <= 15 else -1)
        c = g.rgb2hex((r + sign * d * rng.uniform(0.5, 1.2),
                       gg + sign * d * rng.uniform(0.5, 1.2),
                       b + sign * d * rng.uniform(0.5, 1.2)))
        if lo <= g.de(c, bg) <= hi:
            return c
    return None


def fam_heromargin(split, idx, rng, art):
    role = "hero"
    W, H = g.ROLES[role]
    s = sample(split, idx, role, rng)
    kind, bg = hero_bg(rng)
    s.bg_kind, s.bg_cols = kind, [bg]
    rect(s, 0, 0, W, H, bg)
    what = rng.choices(["faint", "poke", "near"], [55, 25, 20])[0]
    grad = None
    if what != "faint" and rng.random() < 0.4:
        # A smooth background gradient under clear content: the margin
        # is judged by its content, never by the drift (faint shapes stay
        # on flat colours, where their contrast is known).
        b2 = faint(rng, bg, 15, 35) or bg
        gid = s.gid()
        s.defs.append('<linearGradient id="%s" x1="%.2f" y1="%.2f" x2="%.2f" y2="%.2f">'
                      '<stop offset="0" stop-color="%s"/><stop offset="1" stop-color="%s"/>'
                      '</linearGradient>' % (gid, rng.uniform(0, 0.3), rng.uniform(0, 1),
                                             rng.uniform(0.7, 1), rng.uniform(0, 1), bg, b2))
        rect(s, 0, 0, W, H, "url(#%s)" % gid)
        grad = b2
    mc = colour_away(rng, [bg] + ([grad] if grad else []), 40)
    icon = pict(rng, art, split, filled=rng.random() < 0.6)
    edge = W - g.MARGIN
    if what == "poke":
        right = edge + rng.uniform(6, 10)
    elif what == "near":
        right = edge - rng.uniform(1, 8)
    else:
        right = 392
    right = round(right)
    hero_clip(s, right)
    sz = H * rng.uniform(0.35, 0.65)
    g.place_icon(s, icon, rng.uniform(20, 120), (H - sz) / 2, sz, mc)
    # A panel or a bar that runs to the clip line, so the content reaches it.
    if what != "faint" or rng.random() < 0.5:
        ph = rng.uniform(20, 80)
        rect(s, rng.uniform(160, 300), rng.uniform(10, H - ph - 10), 400,
             ph, colour_away(rng, [bg] + ([grad] if grad else []), 35), rng.uniform(0, 12))
    s.body.append("</g>")
    d = "margin=%s(right=%d)" % (what, right)
    if what == "faint":
        fc = faint(rng, bg, 8, 15)
        shape = rng.choice(["disc", "ring", "panel", "watermark", "dots", "dots"])
        x0 = rng.uniform(edge + 10, W - 120)
        sz = rng.uniform(60, min(220, W - x0 - 5))
        y0 = rng.uniform(-sz * 0.3, H - sz * 0.7)
        if shape == "disc":
            s.body.append('<circle cx="%.1f" cy="%.1f" r="%.1f" fill="%s"/>'
                          % (x0 + sz / 2, y0 + sz / 2, sz / 2, fc))
        elif shape == "ring":
            s.body.append('<circle cx="%.1f" cy="%.1f" r="%.1f" fill="none" '
                          'stroke="%s" stroke-width="%.1f"/>'
                          % (x0 + sz / 2, y0 + sz / 2, sz / 2.4, fc, rng.uniform(3, 14)))
        elif shape == "panel":
            rect(s, x0, rng.uniform(10, H * 0.5), sz, rng.uniform(40, H * 0.45), fc,
                 rng.uniform(0, 16))
        elif shape == "dots":
            # A decorative grid of dots: tiny clear ones (each a speck
            # of a few pixels) or larger faint ones.
            square = rng.random() < 0.4
            if rng.random() < 0.6:
                fc = colour_away(rng, [bg], 30)
                # pixel-aligned squares of 2 x 2 px (1-px dots are dust
                # nobody sees: not drawn), or discs whose anti-aliased rim
                # fades into the background
                r = 1.0 if square else rng.uniform(0.6, 1.6)
            else:
                r = rng.uniform(2.5, 4.0)
            pitch = rng.uniform(max(7.0, 4 * r), 24)
            if square:   # whole pixels
                pitch, x0 = round(pitch), round(x0)
            ncol = max(3, int(rng.uniform(0.3, 0.9) * (W - x0 - 8) / pitch))
            nrow = max(3, int(rng.uniform(0.3, 0.9) * (H - 16) / pitch))
            yd = rng.uniform(8, max(9, H - 8 - nrow * pitch))
            if square:
                yd = round(yd)
            for j in range(nrow):
                for i in range(ncol):
                    cx, cy = x0 + i * pitch, yd + j * pitch
                    if square:
                        rect(s, cx - r, cy - r, 2 * r, 2 * r, fc)
                    else:
                        s.body.append('<circle cx="%.1f" cy="%.1f" r="%.1f" fill="%s"/>'
                                      % (cx, cy, r, fc))
            d += " dots(r=%.1f,pitch=%.0f,%dx%d)" % (r, pitch, ncol, nrow)
        else:
            ic = pict(rng, art, split, filled=True)
            g.place_icon(s, ic, x0, max(5, min(y0, H - sz - 5)), sz, fc)
        d += " faint=%s(%s,dE=%.1f)" % (shape, fc, g.de(fc, bg))
    if grad:
        d += " lingrad-to=%s(dE=%.0f)" % (grad, g.de(grad, bg))
    s.desc.append("bg=%s(%s) %s mark=%s(%s)" % (kind, bg, d, icon["name"], mc))
    L = labels(role, hero_margin=int(what != "near"), palette="n/a")
    if grad:
        L["gradient"] = "skip"
        L["background-white"] = L["background-black"] = "skip"

    ext = ".jpg" if rng.random() < 0.25 else ".png"
    return s, svg_doc(s), L, role, "hero" + ext if ext == ".jpg" else None, \
        "heromargin", "pict"


def ground_colour(rng, kind):
    """A random ground colour of @kind: "flat" (mid), "white", "dark" or
    "tint"; None for "transparent" (and any kind the caller draws itself,
    such as "photo")."""
    if kind == "flat":
        return g.mid_colour(rng)
    if kind == "white":
        return rng.choice(g.WHITE_BG)
    if kind == "dark":
        return g.dark_colour(rng)
    if kind == "tint":
        return g.tint_colour(rng, 14, 25)
    return None


def fam_text(split, idx, rng, art):
    role = rng.choices(["small", "medium", "large", "wide", "hero"],
                       [22, 22, 14, 24, 18])[0]
    W, H = g.ROLES[role]
    s = sample(split, idx, role, rng)
    bgk = rng.choice(["flat", "white", "transparent", "dark", "tint"])
    bg = ground_colour(rng, bgk)
    if bg:
        rect(s, 0, 0, W, H, bg)
        s.bg_kind, s.bg_cols = bgk, [bg]
    (font, style, weight), outline = pick_font(rng, split)
    word = rng.choice(TEXT_WORDS[split])
    if rng.random() < 0.2:
        word = word.upper()
    tc = other_colour(rng, [bg] if bg else [], 40) if bgk == "transparent" \
        else colour_away(rng, [bg], 45)
    layout = rng.choice(["word", "side", "stacked", "inside"])
    if role == "hero":
        hero_clip(s, 392)
        area = (20, 20, 360, H - 40)
    else:
        pad = max(2, W * 0.05)
        area = (pad, pad, W - 2 * pad, H - 2 * pad)
    x0, y0, aw, ah = area
    icon = pict(rng, art, split, filled=True)
    lo = 7.5 if font not in SCRIPT else 10  # cap height about 5 px
    size = None
    if layout == "side" and aw > ah * 1.4:
        isz = ah * rng.uniform(0.4, 0.7)
        g.place_icon(s, icon, x0, y0 + (ah - isz) / 2, isz, tc)
        tx = x0 + isz + max(2, isz * 0.15)
        size = fit_size(word, x0 + aw - tx, ah, font, weight, lo, ah * 0.8)
        if size:
            set_word(s, word, tx, y0 + ah / 2 + size * 0.35, size, tc, font, style,
                     weight, outline=outline)
    elif layout == "stacked" and ah >= 30:
        isz = ah * rng.uniform(0.4, 0.55)
        g.place_icon(s, icon, x0 + (aw - isz) / 2, y0, isz, tc)
        size = fit_size(word, aw, ah - isz - 2, font, weight, lo, (ah - isz) * 0.9)
        if size:
            set_word(s, word, x0 + aw / 2, y0 + isz + 1 + size * 0.78, size, tc,
                     font, style, weight, "middle", outline)
    elif layout == "inside" and min(aw, ah) >= 30:
        size = text_inside(s, rng, word, area, tc, bg, font, style, weight,
                           outline, lo)
    if size is None:
        layout = "word"
        s.body = s.body[:1] if bg else []
        if role == "hero":
            hero_clip(s, 392)
        hi = ah * 0.8 if role != "small" else rng.uniform(8, 13)
        size = fit_size(word, aw, ah, font, weight, lo, hi)
        if size is None:
            word = word[:4]
            size = fit_size(word, aw, ah, font, weight, lo, hi) or lo
        set_word(s, word, x0 + aw / 2, y0 + ah / 2 + size * 0.36, size, tc, font,
                 style, weight, "middle", outline)
    if role == "hero":
        s.body.append("</g>")
    cap = size * 0.7
    s.desc.append('text="%s"(%s %s %s%s %.1fpx cap=%.1f %s) layout=%s bg=%s(%s)'
                  % (word, font, style, weight, " outline" if outline else "",
                     size, cap, tc, layout, bgk, bg))
    tf = 0
    if bgk == "transparent":
        tf = 0 if g.category(tc) == "other" else "skip"
    L = labels(role, background_white=int(bgk == "white"),
               transparent_foreground=tf if role != "hero" else "n/a",
               background_transparent=int(bgk == "transparent") if role == "hero" else "n/a",
               text=1 if cap >= 5 else "skip", palette=0)
    if role == "hero" and bgk == "transparent":
        L["hero-contrast"] = "skip"
    return s, svg_doc(s), L, role, None, "text", "word"


def text_inside(s, rng, word, area, tc, bg, font, style, weight, outline, lo,
                tight=False):
    """The word inside an icon: a badge or ring outline, a monitor, or a
    filled plate the letters are cut out of.  With @tight the word fills
    the frame from side to side, so that its first and last letters touch
    the outline (of its colour) or cut into the plate's edge.  Returns the
    font size, or None when the word does not fit."""
    x0, y0, aw, ah = area
    kind = rng.choice(["badge", "ring", "monitor", "plate"])
    bw = aw * rng.uniform(0.75, 1.0)
    bh = min(ah * rng.uniform(0.7, 1.0), bw * rng.uniform(0.5, 1.0))
    if kind == "ring":
        bw = bh = min(bw, ah)
    bx, by = x0 + (aw - bw) / 2, y0 + (ah - bh) / 2
    sw = max(1.0, bh * rng.uniform(0.05, 0.1))
    ink = tc
    if kind == "monitor":
        bh *= 0.78
        s.body.append('<rect x="%.2f" y="%.2f" width="%.2f" height="%.2f" fill="none" '
                      'stroke="%s" stroke-width="%.2f"/>' % (bx, by, bw, bh, tc, sw))
        rect(s, bx + bw * 0.42, by + bh, bw * 0.16, ah * 0.1, tc)
        rect(s, bx + bw * 0.3, by + bh + ah * 0.1, bw * 0.4, max(1.0, sw), tc)
    elif kind == "ring":
        s.body.append('<circle cx="%.2f" cy="%.2f" r="%.2f" fill="none" stroke="%s" '
                      'stroke-width="%.2f"/>' % (bx + bw / 2, by + bh / 2, bw / 2 - sw / 2,
                                                 tc, sw))
    elif kind == "badge":
        s.body.append('<rect x="%.2f" y="%.2f" width="%.2f" height="%.2f" rx="%.2f" '
                      'fill="none" stroke="%s" stroke-width="%.2f"/>'
                      % (bx, by, bw, bh, bh * rng.uniform(0, 0.3), tc, sw))
    else:
        rect(s, bx, by, bw, bh, tc, bh * rng.uniform(0, 0.5))
        # on transparency an "other" colour, so transparent-foreground is 0
        ink = bg if bg and g.de(bg, tc) >= 40 else \
            (other_colour(rng, [tc], 45) if not bg else colour_away(rng, [tc], 45))
        outline = False
    # room inside the frame (a ring's inscribed square)
    iw, ih = (bw * 0.62, bh * 0.62) if kind == "ring" else (bw - 4 * sw, bh - 4 * sw)
    if tight:
        # the word's ends on the outline: a ring's chord at the letters'
        # middle, a frame's inner edge give or take a stroke; cut into a
        # plate's edge by a little, so that the letters stay readable
        over = rng.uniform(0.0, 0.05) if kind == "plate" else rng.uniform(-0.5, 1.0) * sw
        iw = (bw * 0.82 if kind == "ring" else bw - 2 * sw) + 2 * over
        ih = bh * (0.6 if kind == "ring" else 0.75)
    size = fit_size(word, iw, ih, font, weight, lo, ih * 0.8)
    if size is None:
        return None
    set_word(s, word, bx + bw / 2, by + bh / 2 + size * 0.35, size, ink, font, style,
             weight, "middle", outline)
    s.desc.append("inside=%s(%s)%s" % (kind, ink, " tight" if tight else ""))
    return size


def fam_textabbr(split, idx, rng, art):
    """A short upper-case word (SQL, API, ...) in small letters inside an
    icon -- a monitor, badge or ring outline, a plate it is cut out of, an
    app tile -- or under a small icon, on every logo size (cap height
    from 5 px), over flat, dark, white, tinted, transparent and linear
    gradient backgrounds."""
    role = rng.choices(["small", "medium", "large", "wide"], [30, 30, 20, 20])[0]
    W, H = g.ROLES[role]
    s = sample(split, idx, role, rng)
    bgk = rng.choice(["flat", "flat", "white", "transparent", "dark", "tint", "linear"])
    bg = {"flat": lambda: g.mid_colour(rng), "white": lambda: rng.choice(g.WHITE_BG),
          "transparent": lambda: None, "dark": lambda: g.dark_colour(rng),
          "tint": lambda: g.tint_colour(rng, 14, 25),
          "linear": lambda: g.mid_colour(rng)}[bgk]()
    ends = [bg] if bg else []
    if bgk == "linear":
        c2 = colour_away(rng, [bg], rng.uniform(25, 60))
        gid = s.gid()
        s.defs.append('<linearGradient id="%s" x1="0" y1="0" x2="%.2f" y2="%.2f">'
                      '<stop offset="0" stop-color="%s"/><stop offset="1" '
                      'stop-color="%s"/></linearGradient>'
                      % (gid, rng.uniform(0.3, 1), rng.uniform(0, 1), bg, c2))
        rect(s, 0, 0, W, H, "url(#%s)" % gid)
        ends = [bg, c2]
        s.bg_kind, s.bg_cols = "gradient", ends
    elif bg:
        rect(s, 0, 0, W, H, bg)
        s.bg_kind, s.bg_cols = bgk, [bg]
    (font, style, weight), _ = pick_font(rng, split)
    if font in SCRIPT or rng.random() < 0.4:
        weight = "bold"
    word = rng.choice(ABBR_WORDS[split])
    tc = other_colour(rng, ends, 40) if bgk == "transparent" else \
        rng.choice(["#FFFFFF", "#F4F4F4", colour_away(rng, ends, 50)])
    if g.de(tc, ends[0] if ends else "#FFFFFF") < 40 and ends:
        tc = colour_away(rng, ends, 50)
    pad = max(2, W * 0.05)
    area = (pad, pad, W - 2 * pad, H - 2 * pad)
    x0, y0, aw, ah = area
    if role == "wide":
        # the icon part of a wide logo: a square on one side
        x0 += rng.choice([0, aw - ah])
        aw = ah
        area = (x0, y0, aw, ah)
    lo = 7.2  # cap height about 5 px
    kind = rng.choice(["inside", "inside", "tile", "under"])
    # letters that reach the frame or plate around them, or poke out of
    # their tile, merge with its outline or split its edge
    tight = kind in ("inside", "tile") and rng.random() < 0.35
    size = None
    if kind == "inside":
        size = text_inside(s, rng, word, area, tc, bg, font, style, weight, False, lo,
                           tight)
    elif kind == "tile":
        tile = colour_away(rng, ends + [tc], 45) if ends else other_colour(rng, [tc], 45)
        inset = aw * rng.uniform(0, 0.12)
        rect(s, x0 + inset, y0 + inset, aw - 2 * inset, ah - 2 * inset, tile,
             (aw - 2 * inset) * rng.uniform(0.05, 0.25))
        iw = aw - 2 * inset
        if tight:
            # wider than the tile: the first and last letters stick out
            size = fit_size(word, iw * rng.uniform(0.95, 1.12), ah * 0.6, font, weight, lo,
                            ah * 0.6)
        else:
            size = fit_size(word, iw * 0.8, ah * 0.5, font, weight, lo,
                            rng.uniform(lo, max(lo, ah * 0.35)))
        if size:
            set_word(s, word, x0 + aw / 2, y0 + ah / 2 + size * 0.35, size, tc, font,
                     style, weight, "middle")
        s.desc.append("tile(%s)%s" % (tile, " tight" if tight else ""))
    if kind == "under" or size is None:
        kind = "under"
        s.body = s.body[:1] if ends else []
        isz = ah * rng.uniform(0.4, 0.55)
        g.place_icon(s, pict(rng, art, split, filled=True), x0 + (aw - isz) / 2, y0, isz, tc)
        size = fit_size(word, aw * 0.9, ah - isz - 2, font, weight, lo,
                        rng.uniform(lo, max(lo, (ah - isz) * 0.8))) or lo
        set_word(s, word, x0 + aw / 2, y0 + isz + 1 + size * 0.78, size, tc, font, style,
                 weight, "middle")
    cap = size * 0.7
    s.desc.append('text="%s"(%s %s %s %.1fpx cap=%.1f %s) layout=%s bg=%s(%s)'
                  % (word, font, style, weight, size, cap, tc, kind, bgk, bg))
    tf = 0
    if bgk == "transparent":
        tf = 0 if g.category(tc) == "other" else "skip"
    L = labels(role, background_white=int(bgk == "white"), transparent_foreground=tf,
               text=1 if cap >= 5 else "skip", palette=0)
    if bgk == "linear":
        L["gradient"] = L["palette"] = "skip"
        L["background-black"] = 0
    if kind == "tile" or bgk == "transparent":
        # a tile of another colour: palette is not what this family checks
        L["palette"] = "skip"
    return s, svg_doc(s), L, role, None, "textabbr", kind


def fam_textstyle(split, idx, rng, art):
    """Wordmarks in type the text family lacks: light and thin weights,
    monospace, condensed, other serifs (fonts of STYLE_FONTS; test sees
    others), set plainly, letter-spaced in capitals, as a name over a small
    tagline, light on dark in small capitals, or beside an icon; on every
    size (cap height from 5 px) over flat, white, dark, tinted and
    transparent ground, and over a photo-like texture in heroes."""
    role = rng.choices(["small", "medium", "large", "wide", "hero"], [18, 20, 16, 26, 20])[0]
    W, H = g.ROLES[role]
    s = sample(split, idx, role, rng)
    kind = rng.choice(["plain", "spaced", "tagline", "smallcaps", "side"])
    bgk = rng.choice(["flat", "white", "transparent", "dark", "tint"])
    if kind == "smallcaps":
        bgk = "dark"
    if role == "hero" and rng.random() < 0.3:
        bgk = "photo"
    bg = ground_colour(rng, bgk)
    if bgk == "photo":
        texture(s, rng, 0, 0, W, H)
        rect(s, 0, 0, W, H, "#000000", 0, 'fill-opacity="%.2f"' % rng.uniform(0.45, 0.6))
        s.bg_kind, s.bg_cols = "texture", []
    elif bg:
        rect(s, 0, 0, W, H, bg)
        s.bg_kind, s.bg_cols = bgk, [bg]
    font, style, weight, stroke = rng.choice(STYLE_FONTS[split])
    word = rng.choice(STYLE_WORDS[split])
    if kind in ("spaced", "smallcaps") or rng.random() < 0.15:
        word = word.upper()
    if bgk == "photo":
        tc = rng.choice(["#FFFFFF", "#F2F2F2", "#FFE9A8"])
    elif bgk == "transparent":
        tc = other_colour(rng, [], 40)
    elif kind == "smallcaps":
        tc = rng.choice(["#FFFFFF", "#EDEDED", colour_away(rng, [bg], 55, 0.6, 0.9)])
    else:
        tc = colour_away(rng, [bg], 45)
    if role == "hero":
        hero_clip(s, 392)
        x0, y0, aw, ah = 20, 20, 360, H - 40
    else:
        pad = max(2, W * 0.05)
        x0, y0, aw, ah = pad, pad, W - 2 * pad, H - 2 * pad
    if kind == "side" and aw > ah * 1.3:
        isz = ah * rng.uniform(0.35, 0.6)
        g.place_icon(s, pict(rng, art, split, filled=True), x0, y0 + (ah - isz) / 2, isz, tc)
        aw -= isz * 1.2
        x0 += isz * 1.2
    elif kind == "side":
        kind = "plain"
    thin = stroke == "thin"
    lo = 7.2 if not thin else 11.5  # cap height 5 px (8 px for hairlines)
    # letter spacing in em; the width estimate grows with it
    ls = rng.uniform(0.15, 0.5) if kind == "spaced" else 0.0
    hi = ah * 0.8 if role != "small" else rng.uniform(lo, 14)
    if kind == "smallcaps":
        hi = min(hi, rng.uniform(lo, max(lo, 22)))
    def fit(word, h):
        # capitals are wider than word_width()'s mix; spacing adds ls em
        # a letter
        per = word_width(word, 1, font, weight) / len(word) * \
            (1.3 if word.isupper() else 1.05)
        size = hi
        while size >= lo:
            if len(word) * size * (per + ls) <= aw and size * 0.72 <= h:
                return size
            size *= 0.93
        return None
    size = fit(word, ah * (0.6 if kind == "tagline" else 1))
    if size is None:
        word = word[:4]
        size = fit(word, ah) or lo
    cy = y0 + ah / 2 + size * 0.36
    tag = None
    if kind == "tagline":
        tag = rng.choice(TAGLINES[split])
        tsize = max(size * rng.uniform(0.3, 0.45), 5)
        cy = y0 + ah / 2 + size * 0.36 - tsize * 0.6
    extra = ' letter-spacing="%.2f"' % (ls * size) if ls else ""
    s.body.append('<text x="%.2f" y="%.2f" font-family="%s" font-size="%.2f" '
                  'font-style="%s" font-weight="%s" text-anchor="middle" fill="%s"%s>%s</text>'
                  % (x0 + aw / 2, cy, font, size, style, weight, tc, extra, word))
    if tag:
        s.body.append('<text x="%.2f" y="%.2f" font-family="%s" font-size="%.2f" '
                      'text-anchor="middle" fill="%s">%s</text>'
                      % (x0 + aw / 2, cy + tsize * 1.5, font, tsize, tc, tag))
    if role == "hero":
        s.body.append("</g>")
    cap = size * 0.7
    s.desc.append('text="%s"(%s %s %s %.1fpx cap=%.1f %s%s) layout=%s bg=%s(%s)'
                  % (word, font, style, weight, size, cap, tc,
                     " spacing=%.2fem" % ls if ls else "", kind, bgk, bg))
    tf = 0
    if bgk == "transparent":
        tf = 0 if g.category(tc) == "other" else "skip"
    L = labels(role, background_white=int(bgk == "white"),
               transparent_foreground=tf if role != "hero" else "n/a",
               background_transparent=int(bgk == "transparent") if role == "hero" else "n/a",
               text=1 if cap >= (5 if not thin else 8) else "skip", palette=0)
    if role == "hero":
        if bgk in ("transparent", "photo"):
            L["hero-contrast"] = "skip"
        if bgk == "photo":
            L["hero-margin"] = "skip"
    if bgk == "photo":
        L["gradient"] = "skip"
        L["background-black"] = "skip"
    if kind == "side" or bgk == "photo":
        L["palette"] = "skip" if role != "hero" else "n/a"
    return s, svg_doc(s), L, role, None, "textstyle", kind


def isometric(s, rng, x, y, sz, cols):
    """Isometric blocks: each block three flat faces (top, left, right)."""
    n = rng.randint(1, 3)
    u = sz / (2.2 * n)
    for i in range(n):
        for j in range(n - i):
            c = rng.choice(cols)
            cx = x + sz / 2 + (i - j) * u * 0.87
            cy = y + sz * 0.35 + (i + j) * u * 0.5 - (n - i - j) * 0.0
            top = "%.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f" % (
                cx, cy - u * 0.5, cx + u * 0.87, cy, cx, cy + u * 0.5, cx - u * 0.87, cy)
            left = "%.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f" % (
                cx - u * 0.87, cy, cx, cy + u * 0.5, cx, cy + u * 1.5, cx - u * 0.87, cy + u)
            right = "%.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f" % (
                cx + u * 0.87, cy, cx, cy + u * 0.5, cx, cy + u * 1.5, cx + u * 0.87, cy + u)
            r, gg, b = g.hex2rgb(c)
            for pts, k in ((top, 1.0), (left, 0.78), (right, 0.6)):
                s.body.append('<polygon points="%s" fill="%s"/>'
                              % (pts, g.rgb2hex((r * k, gg * k, b * k))))


def fam_textneg(split, idx, rng, art):
    role = rng.choice(["small", "medium", "large", "wide", "hero"])
    W, H = g.ROLES[role]
    s = sample(split, idx, role, rng)
    bgk = rng.choice(["flat", "white", "transparent", "dark"])
    bg = {"flat": lambda: g.mid_colour(rng), "white": lambda: rng.choice(g.WHITE_BG),
          "transparent": lambda: None, "dark": lambda: g.dark_colour(rng)}[bgk]()
    kind = rng.choice(["lineart", "bars", "isometric", "stretched", "texture",
                       "dither", "lineart"])
    if kind == "texture":
        bgk, bg = "texture", None
        texture(s, rng, 0, 0, W, H)
    elif bg:
        rect(s, 0, 0, W, H, bg)
    if bg:
        s.bg_kind, s.bg_cols = bgk, [bg]
    c = colour_away(rng, [bg] if bg else ["#808080"], 45) if bgk != "transparent" \
        else other_colour(rng)
    if role == "hero":
        hero_clip(s, 392)
        x, y, sz = rng.uniform(20, 120), H * 0.15, H * 0.7
    else:
        x, y, sz = mark_box(rng, W, H, 0.6, 0.9)
    d = kind
    if kind in ("lineart", "texture"):
        icon = pict(rng, art, split, filled=False)
        g.place_icon(s, icon, x, y, sz, c)
        d += "=" + icon["name"]
    elif kind == "bars":
        # A grid of bars (Talos-like) or a bar chart.
        n = rng.randint(3, 6)
        m = rng.randint(1, 3)
        bw = sz / (n * 1.6)
        for i in range(n):
            for j in range(m):
                h = sz / m * rng.uniform(0.3, 0.9)
                rect(s, x + i * bw * 1.6, y + j * sz / m + (sz / m - h), bw, h, c,
                     bw * rng.choice([0, 0.5]))
        if rng.random() < 0.4:
            s.body.append('<polygon points="%.1f,%.1f %.1f,%.1f %.1f,%.1f" fill="%s"/>'
                          % (x + sz * 1.05, y + sz, x + sz * 1.35, y, x + sz * 1.65, y + sz, c))
        d += "%dx%d" % (n, m)
    elif kind == "isometric":
        cols = [colour_away(rng, [bg] if bg else [], 40) for _ in range(rng.randint(1, 3))]
        isometric(s, rng, x, y, sz, cols)
    elif kind == "stretched":
        icon = pict(rng, art, split)
        f = rng.uniform(1.6, 2.6)
        sx, sy = (f, 1.0) if rng.random() < 0.6 else (1.0, f)
        wmax = W * 0.9 if role != "hero" else 360
        size = g.fit_scaled(icon, sz, sx, sy, wmax, H * 0.9)
        bw_, bh_ = g.fit_box(icon, size)
        cx = W / 2 if role != "hero" else 20 + bw_ * sx / 2
        g.place_icon_scaled(s, icon, cx, H / 2, size, sx, sy, c)
        d += "=%s(%.1f%s)" % (icon["name"], f, "x" if sx > 1 else "y")
    else:  # dither
        pid = s.gid()
        a, b = c, colour_away(rng, [c], 20)
        s.defs.append('<pattern id="%s" width="2" height="2" patternUnits="userSpaceOnUse">'
                      '<rect width="2" height="2" fill="%s"/><rect width="1" height="1" '
                      'fill="%s"/><rect x="1" y="1" width="1" height="1" fill="%s"/>'
                      '</pattern>' % (pid, a, b, b))
        icon = pict(rng, art, split, filled=True)
        g.place_icon(s, icon, x, y, sz, "url(#%s)" % pid)
        d += "=" + icon["name"]
    if role == "hero":
        s.body.append("</g>")
    s.desc.append("textneg=%s bg=%s(%s) colour=%s" % (d, bgk, bg, c))
    L = labels(role, background_white=int(bgk == "white"),
               background_transparent=int(bgk == "transparent") if role == "hero" else "n/a",
               transparent_foreground=0 if bgk == "transparent" and role != "hero" else
               ("n/a" if role == "hero" else 0),
               gradient="skip" if kind in ("texture", "isometric") else 0,
               palette="skip", text=0)
    if role == "hero" and bgk in ("transparent", "texture"):
        L["hero-contrast"] = "skip"
    if role == "hero" and bgk == "texture":
        L["hero-margin"] = "skip"  # is a texture an element?
    return s, svg_doc(s), L, role, None, "textneg", kind


def shape_row(s, rng, kind, x, y, sz, cols, bg, art, split):
    """Pictures whose parts Tesseract reads as letters: a grid of equal
    shapes, a row of triangles and blobs, arrows or chevrons, a slider, rain
    drops, a row of tiles with icons cut out.  Draws into the box (x, y,
    sz, sz); returns a short description."""
    n = rng.randint(2, 4)
    cell = sz / n
    if kind == "grid":
        shape = rng.choice(["disc", "square", "rsquare", "triangle", "diamond", "hex"])
        m = rng.randint(1, 3)
        g_ = cell * rng.uniform(0.1, 0.35)
        one = rng.random() < 0.5
        for i in range(n):
            for j in range(m):
                c = cols[0] if one else rng.choice(cols)
                cx, cy, r = x + i * cell + cell / 2, y + j * cell + cell / 2, (cell - g_) / 2
                blob(s, shape, cx, cy, r, c)
        return "grid%dx%d-%s" % (n, m, shape)
    if kind == "blobs":
        d = []
        for i in range(n + 1):
            shape = rng.choice(["disc", "square", "triangle", "triangle", "down", "diamond"])
            r = cell * rng.uniform(0.3, 0.45)
            blob(s, shape, x + i * cell * 0.85 + cell / 2, y + sz / 2, r, rng.choice(cols))
            d.append(shape)
        return "blobs-" + "-".join(d)
    if kind == "arrows":
        c = rng.choice(cols)
        chevron = rng.random() < 0.5
        for i in range(n + 1):
            cx, cy, r = x + i * cell * 0.8 + cell / 2, y + sz / 2, cell * 0.4
            flip = -1 if rng.random() < 0.3 else 1
            if chevron:
                w = r * rng.uniform(0.3, 0.5)
                pts = [(-r * 0.5, -r), (-r * 0.5 + w, -r), (r * 0.5 + w, 0),
                       (-r * 0.5 + w, r), (-r * 0.5, r), (r * 0.5, 0)]
            else:
                t = r * 0.3
                pts = [(-r, -t), (0, -t), (0, -r), (r, 0), (0, r), (0, t), (-r, t)]
            s.body.append('<polygon points="%s" fill="%s"/>' % (" ".join(
                "%.1f,%.1f" % (cx + flip * px, cy + py) for px, py in pts), c))
        return "arrows-%s" % ("chevron" if chevron else "arrow")
    if kind == "slider":
        c = rng.choice(cols)
        bw = cell * rng.uniform(0.12, 0.25)
        kw, kh = cell * rng.uniform(0.5, 0.85), sz * rng.uniform(0.15, 0.3)
        for i in range(n):
            bx = x + i * cell + cell / 2
            rect(s, bx - bw / 2, y, bw, sz, c, bw / 2)
            ky = y + rng.uniform(0, sz - kh)
            if rng.random() < 0.5:
                rect(s, bx - kw / 2, ky, kw, kh, c, kw * rng.uniform(0, 0.5))
            else:
                s.body.append('<circle cx="%.1f" cy="%.1f" r="%.1f" fill="%s"/>'
                              % (bx, ky + kh / 2, kw / 2, c))
        return "slider%d" % n
    if kind == "drops":
        c = rng.choice(cols)
        w = cell * rng.uniform(0.15, 0.3)
        k = n + rng.randint(1, 3)
        for i in range(k):
            h = sz * rng.uniform(0.2, 0.45)
            dy = rng.uniform(0, sz - h)
            s.body.append('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s" '
                          'stroke-width="%.1f" stroke-linecap="round"/>'
                          % (x + (i + 0.5) * sz / k, y + dy + w / 2, x + (i + 0.5) * sz / k,
                             y + dy + h - w / 2, c, w))
        return "drops%d" % k
    # tiles: a row of plates, an icon cut out of each (in the background's
    # colour, or another)
    d = []
    for i in range(n):
        c = rng.choice(cols)
        tx, ts = x + i * cell + cell * 0.06, cell * 0.88
        rect(s, tx, y + sz / 2 - ts / 2, ts, ts, c, ts * rng.uniform(0, 0.25))
        icon = pict(rng, art, split, filled=True)
        cut = bg if bg else colour_away(rng, [c], 45)
        g.place_icon(s, icon, tx + ts * 0.15, y + sz / 2 - ts * 0.35, ts * 0.7, cut)
        d.append(icon["name"])
    return "tiles=" + ",".join(d)


def blob(s, shape, cx, cy, r, c):
    """A filled disc, square, rounded square, triangle (up or down),
    diamond or hexagon of radius @r."""
    if shape == "disc":
        s.body.append('<circle cx="%.1f" cy="%.1f" r="%.1f" fill="%s"/>' % (cx, cy, r, c))
    elif shape in ("square", "rsquare"):
        rect(s, cx - r, cy - r, 2 * r, 2 * r, c, r * 0.4 if shape == "rsquare" else 0)
    else:
        pts = {"triangle": [(0, -1), (1, 1), (-1, 1)], "down": [(0, 1), (1, -1), (-1, -1)],
               "diamond": [(0, -1), (1, 0), (0, 1), (-1, 0)],
               "hex": [(math.cos(a), math.sin(a)) for a in
                       (k * math.pi / 3 + math.pi / 6 for k in range(6))]}[shape]
        s.body.append('<polygon points="%s" fill="%s"/>' % (" ".join(
            "%.1f,%.1f" % (cx + r * px, cy + r * py) for px, py in pts), c))


def fam_shapeneg(split, idx, rng, art):
    """Negatives for text: arrangements of shapes that Tesseract reads as
    words (triangles "DAA", a slider "fit", rain drops "Pale", icon tiles
    "EDRS"), at every size, on flat, white, dark and transparent ground."""
    role = rng.choice(["small", "medium", "large", "wide", "hero"])
    W, H = g.ROLES[role]
    s = sample(split, idx, role, rng)
    bgk = rng.choice(["flat", "white", "transparent", "dark"])
    bg = {"flat": lambda: g.mid_colour(rng), "white": lambda: rng.choice(g.WHITE_BG),
          "transparent": lambda: None, "dark": lambda: g.dark_colour(rng)}[bgk]()
    if bg:
        rect(s, 0, 0, W, H, bg)
        s.bg_kind, s.bg_cols = bgk, [bg]
    cols = []
    for _ in range(rng.randint(1, 4)):
        cols.append(other_colour(rng, cols) if not bg else
                    colour_away(rng, [bg] + cols, 40))
    if role == "hero":
        hero_clip(s, 392)
        x, y, sz = rng.uniform(20, 100), H * 0.2, H * 0.6
    else:
        x, y, sz = mark_box(rng, W, H, 0.55, 0.85)
    kind = rng.choice(["grid", "blobs", "arrows", "slider", "drops", "tiles"])
    d = shape_row(s, rng, kind, x, y, sz, cols, bg, art, split)
    if role == "hero":
        s.body.append("</g>")
    s.desc.append("shapeneg=%s bg=%s(%s) colours=%s" % (d, bgk, bg, ",".join(cols)))
    L = labels(role, background_white=int(bgk == "white"),
               background_transparent=int(bgk == "transparent") if role == "hero" else "n/a",
               transparent_foreground=0 if role != "hero" else "n/a",
               palette="skip", text=0)
    if role == "hero" and bgk == "transparent":
        L["hero-contrast"] = "skip"
    return s, svg_doc(s), L, role, None, "shapeneg", kind


def small_shape(s, kind, cx, cy, r, c, tilt=0.0):
    """One small repeated shape of radius @r centred on (cx, cy): a dot, a
    teardrop (a rain drop, tip up, leaning by @tilt), a dash, a slanted
    streak, a plus, a cross, a star, a heart or a snowflake of three
    bars."""
    def path(d):
        s.body.append('<path d="%s" fill="%s" transform="translate(%.2f %.2f) '
                      'rotate(%.1f) scale(%.3f)"/>' % (d, c, cx, cy, tilt, r))
    if kind == "dot":
        s.body.append('<circle cx="%.2f" cy="%.2f" r="%.2f" fill="%s"/>' % (cx, cy, r, c))
    elif kind == "drop":
        path("M0,-1 C0.35,-0.45 0.7,-0.05 0.7,0.3 A0.7,0.7 0 1 1 -0.7,0.3 "
             "C-0.7,-0.05 -0.35,-0.45 0,-1 Z")
    elif kind in ("dash", "streak"):
        w = max(0.8, r * 0.45)
        dx = r * 0.45 if kind == "streak" else 0
        s.body.append('<line x1="%.2f" y1="%.2f" x2="%.2f" y2="%.2f" stroke="%s" '
                      'stroke-width="%.2f" stroke-linecap="round"/>'
                      % (cx + dx, cy - r, cx - dx, cy + r, c, w))
    elif kind in ("plus", "cross"):
        w = max(0.8, r * 0.45)
        for a in ((0, 90) if kind == "plus" else (45, 135)):
            t = math.radians(a)
            s.body.append('<line x1="%.2f" y1="%.2f" x2="%.2f" y2="%.2f" stroke="%s" '
                          'stroke-width="%.2f"/>' % (cx - r * math.cos(t), cy - r * math.sin(t),
                                                     cx + r * math.cos(t), cy + r * math.sin(t),
                                                     c, w))
    elif kind == "star":
        pts = []
        for k in range(10):
            a = math.pi / 2 + k * math.pi / 5
            q = 1 if k % 2 == 0 else 0.42
            pts.append("%.2f,%.2f" % (cx + r * q * math.cos(a), cy - r * q * math.sin(a)))
        s.body.append('<polygon points="%s" fill="%s"/>' % (" ".join(pts), c))
    elif kind == "heart":
        path("M0,0.9 C-0.5,0.5 -1,0.1 -1,-0.35 A0.5,0.5 0 0 1 0,-0.45 "
             "A0.5,0.5 0 0 1 1,-0.35 C1,0.1 0.5,0.5 0,0.9 Z")
    else:  # snowflake
        w = max(0.7, r * 0.3)
        for a in (90, 30, 150):
            t = math.radians(a)
            s.body.append('<line x1="%.2f" y1="%.2f" x2="%.2f" y2="%.2f" stroke="%s" '
                          'stroke-width="%.2f" stroke-linecap="round"/>'
                          % (cx - r * math.cos(t), cy - r * math.sin(t),
                             cx + r * math.cos(t), cy + r * math.sin(t), c, w))


DOT_SHAPES = ["dot", "drop", "dash", "streak", "plus", "cross", "star", "heart", "snow"]


def fam_dotneg(split, idx, rng, art):
    """Negatives for text: rows of small repeated shapes, which OCR reads as
    short words ("ere" in three rain drops, "ooo" in dots): rain drops,
    streaks or snowflakes under a cloud (drawn, or a pictogram of the
    split's icon set), a row of dots (an ellipsis, a pager with one dot
    larger), dashes, plus signs, stars or hearts (a rating), alone or beside
    a pictogram; from 2 px shapes on 40 px logos to large ones, one or two
    rows, even or staggered, on every ground."""
    role = rng.choice(["small", "small", "medium", "large", "wide", "hero"])
    W, H = g.ROLES[role]
    s = sample(split, idx, role, rng)
    bgk = rng.choice(["flat", "white", "transparent", "dark", "tint"])
    bg = ground_colour(rng, bgk)
    if bg:
        rect(s, 0, 0, W, H, bg)
        s.bg_kind, s.bg_cols = bgk, [bg]
    c = other_colour(rng) if not bg else colour_away(rng, [bg], 40)
    c2 = c if rng.random() < 0.6 else (other_colour(rng, [c]) if not bg else
                                       colour_away(rng, [bg, c], 40))
    if role == "hero":
        hero_clip(s, 392)
        x, y, sz = rng.uniform(20, 100), H * 0.15, H * rng.uniform(0.4, 0.7)
    else:
        x, y, sz = mark_box(rng, W, H, 0.55, 0.9)
    layout = rng.choice(["weather", "row", "row", "beside"])
    shape = rng.choice(DOT_SHAPES)
    n = rng.randint(2, 6)
    rows = 1 if rng.random() < 0.7 else 2
    stagger = rng.random() < 0.4
    tilt = rng.uniform(-25, 25) if rng.random() < 0.5 else 0.0
    top, rw = y, sz
    if layout == "weather":
        # a cloud above, the shapes falling from it
        shape = rng.choice(["drop", "drop", "streak", "dash", "dot", "snow"])
        ch = sz * rng.uniform(0.4, 0.55)
        if rng.random() < 0.5:
            g.place_icon(s, pict(rng, art, split, filled=True), x + sz * 0.1, y, sz * 0.8, c)
            ch = sz * 0.65
        else:
            for cx_, cy_, rr in ((0.3, 0.62, 0.2), (0.52, 0.45, 0.27), (0.74, 0.62, 0.18)):
                s.body.append('<circle cx="%.2f" cy="%.2f" r="%.2f" fill="%s"/>'
                              % (x + sz * cx_, y + ch * cy_, sz * rr * 0.9, c))
            rect(s, x + sz * 0.12, y + ch * 0.62, sz * 0.76, ch * 0.36, c, ch * 0.18)
        top, rw = y + ch + sz * 0.05, sz * 0.8
        x += sz * 0.1
        n = rng.randint(2, 4)
    elif layout == "beside" and W > H * 1.2:
        isz = sz * 0.8
        g.place_icon(s, pict(rng, art, split), x, y + (sz - isz) / 2, isz, c)
        x += isz * 1.2
        rw = min(sz * 1.5, W - x - 4)
        top = y + sz * 0.3
    else:
        top = y + sz * 0.3
    cell = rw / n
    r = min(cell * rng.uniform(0.2, 0.42), sz * 0.3)
    if role == "small":
        r = min(r, rng.uniform(1.2, 4.5))
    big = rng.randrange(n) if shape == "dot" and rng.random() < 0.3 else -1
    for j in range(rows):
        for i in range(n):
            cy = top + r * 1.2 + j * r * 3 + (r * 1.1 if stagger and i % 2 else 0)
            if cy + r > H - 1:
                continue
            rr = r * (1.5 if i == big else 1)
            small_shape(s, shape, x + (i + 0.5) * cell, cy, rr, c if j == 0 else c2, tilt)
    if role == "hero":
        s.body.append("</g>")
    s.desc.append("dotneg=%s %s n=%d rows=%d r=%.1f%s bg=%s(%s) colours=%s,%s"
                  % (layout, shape, n, rows, r, " staggered" if stagger else "", bgk, bg,
                     c, c2))
    L = labels(role, background_white=int(bgk == "white"),
               background_transparent=int(bgk == "transparent") if role == "hero" else "n/a",
               transparent_foreground=0 if role != "hero" else "n/a",
               palette="skip", text=0)
    if role == "hero" and bgk == "transparent":
        L["hero-contrast"] = "skip"
    return s, svg_doc(s), L, role, None, "dotneg", layout


def fam_textglow(split, idx, rng, art):
    """Words over a background that is not flat: a radial glow, a linear
    gradient, a glow spot on a flat colour, or a photo-like texture; the
    word alone or beside an icon."""
    role = rng.choice(["medium", "large", "wide", "wide", "hero"])
    W, H = g.ROLES[role]
    s = sample(split, idx, role, rng)
    kind = rng.choice(["radial", "linear", "spot", "texture"])
    gid = s.gid()
    c1 = g.mid_colour(rng)
    c2 = colour_away(rng, [c1], rng.uniform(25, 70))
    if kind == "texture":
        # a photo under a dark veil, as heroes put words over photos
        texture(s, rng, 0, 0, W, H)
        rect(s, 0, 0, W, H, "#000000", 0, 'fill-opacity="%.2f"' % rng.uniform(0.45, 0.6))
        c1 = "#262626"
        ends = [c1, "#5A5A5A"]
    else:
        if kind == "linear":
            s.defs.append('<linearGradient id="%s" x1="0" y1="0" x2="%.2f" y2="%.2f">'
                          '<stop offset="0" stop-color="%s"/><stop offset="1" '
                          'stop-color="%s"/></linearGradient>'
                          % (gid, rng.uniform(0.3, 1), rng.uniform(0, 1), c1, c2))
        else:
            s.defs.append('<radialGradient id="%s" cx="%.2f" cy="%.2f" r="%.2f">'
                          '<stop offset="0" stop-color="%s"/><stop offset="1" '
                          'stop-color="%s" stop-opacity="%s"/></radialGradient>'
                          % (gid, rng.uniform(0.3, 0.7), rng.uniform(0.3, 0.8),
                             rng.uniform(0.35, 0.8), c2, c1,
                             "0" if kind == "spot" else "1"))
        rect(s, 0, 0, W, H, c1)
        rect(s, 0, 0, W, H, "url(#%s)" % gid)
        ends = [c1, c2]
    s.bg_kind, s.bg_cols = "gradient", ends
    (font, style, weight), _ = pick_font(rng, split)
    outline = False  # thin outlines over a glow: see fam_text
    word = rng.choice(TEXT_WORDS[split])
    if rng.random() < 0.25:
        word = word.upper()
    tc = colour_away(rng, ends, 50) if kind != "texture" else \
        rng.choice(["#FFFFFF", "#F2F2F2", "#FFE9A8"])
    if role == "hero":
        hero_clip(s, 392)
        x0, y0, aw, ah = 20, 30, 360, H - 60
    else:
        pad = max(3, W * 0.06)
        x0, y0, aw, ah = pad, pad, W - 2 * pad, H - 2 * pad
    layout = "word"
    if aw > ah * 1.4 and rng.random() < 0.5:
        layout = "side"
        isz = ah * rng.uniform(0.4, 0.7)
        g.place_icon(s, pict(rng, art, split, filled=True), x0, y0 + (ah - isz) / 2, isz, tc)
        aw -= isz * 1.15
        x0 += isz * 1.15
    lo = 11 if font not in SCRIPT else 14  # cap height about 8 px
    size = fit_size(word, aw, ah, font, weight, lo, min(ah * 0.8, 60))
    if size is None:
        word = word[:4]
        size = fit_size(word, aw, ah, font, weight, lo, min(ah * 0.8, 60)) or lo
    set_word(s, word, x0 + aw / 2, y0 + ah / 2 + size * 0.36, size, tc, font, style,
             weight, "middle", outline)
    if role == "hero":
        s.body.append("</g>")
    s.desc.append('textglow=%s(%s..%s) text="%s"(%s %s %s%s %.1fpx %s) layout=%s'
                  % (kind, c1, c2, word, font, style, weight, " outline" if outline else "",
                     size, tc, layout))
    L = labels(role, gradient="skip", palette="skip", hero_margin="skip",
               hero_contrast="skip" if role == "hero" else "n/a",
               background_transparent=0 if role == "hero" else "n/a",
               background_black="skip" if kind == "texture" else 0,
               text=1)
    return s, svg_doc(s), L, role, None, "textglow", kind


def fam_textedge(split, idx, rng, art):
    """Text where the detector is weakest, found on a probe outside the
    eval (other fonts, words and icon sets): an abbreviation with I and O
    in a badge, ring or monitor of its colour, its letters touching the
    outline or poking through it by up to 1.5 px; a word in a hairline
    weight, large and often light; capitals tracked 0.5..1 em apart.
    Negatives: a row of small solid triangles, discs, diamonds and squares
    (9..16 px, which OCR reads as "DOA", "AVA"), alone or twice."""
    kind = rng.choice(["badge", "badge", "hairline", "tracked", "blobs", "blobs"])
    roles = {"badge": ["small", "medium", "large", "wide"],
             "hairline": ["medium", "large", "wide", "hero"],
             "tracked": ["medium", "large", "wide", "hero"],
             "blobs": ["small", "medium", "large", "wide", "hero"]}[kind]
    role = rng.choice(roles)
    W, H = g.ROLES[role]
    s = sample(split, idx, role, rng)
    bgk = rng.choice(["flat", "white", "transparent", "dark", "tint"])
    bg = ground_colour(rng, bgk)
    if bg:
        rect(s, 0, 0, W, H, bg)
        s.bg_kind, s.bg_cols = bgk, [bg]
    ends = [bg] if bg else []
    tc = other_colour(rng, ends, 40) if bgk == "transparent" else colour_away(rng, ends, 45)
    if role == "hero":
        hero_clip(s, 392)
        x0, y0, aw, ah = 20, 20, 360, H - 40
    else:
        pad = max(2, W * 0.05)
        x0, y0, aw, ah = pad, pad, W - 2 * pad, H - 2 * pad
        if role == "wide" and kind in ("badge", "blobs"):
            x0 += rng.choice([0, aw - ah])
            aw = ah
    cap, lo_cap, d = 0, 5, kind
    if kind == "badge":
        (font, style, weight), _ = pick_font(rng, split)
        if font in SCRIPT or rng.random() < 0.4:
            weight = "bold"
        word = rng.choice(EDGE_ABBR[split])
        size = text_inside(s, rng, word, (x0, y0, aw, ah), tc, bg, font, style, weight,
                           False, 7.2, tight=rng.random() < 0.7)
        if size is None:
            size = fit_size(word, aw * 0.9, ah * 0.6, font, weight, 7.2, ah * 0.6) or 7.2
            set_word(s, word, x0 + aw / 2, y0 + ah / 2 + size * 0.35, size, tc, font,
                     style, weight, "middle")
        cap = size * 0.7
        d = 'text="%s"(%s %s %s %.1fpx cap=%.1f %s)' % (word, font, style, weight, size,
                                                       cap, tc)
    elif kind in ("hairline", "tracked"):
        if kind == "hairline":
            font, style = rng.choice(HAIRLINE_FONTS[split])
            weight, ls, lo_cap = "normal", 0.0, 8
            word = rng.choice(STYLE_WORDS[split])
            if rng.random() < 0.3:
                word = word.upper()
            if bgk != "transparent" and rng.random() < 0.5:
                # light: a pale tint of the ink against the ground
                tc = colour_away(rng, ends, 30, 0.65, 0.9) if bgk in ("white", "tint") \
                    else colour_away(rng, ends, 30, 0.7, 0.95)
        else:
            (font, style, weight), _ = pick_font(rng, split)
            ls = rng.uniform(0.5, 1.0)
            word = rng.choice(STYLE_WORDS[split]).upper()
        per = word_width(word, 1, font, weight) / len(word) * 1.3
        size = min(ah * 0.8, rng.uniform(12, 90) if role == "hero" else ah * 0.8)
        while size > 7.2 and len(word) * size * (per + ls) > aw:
            size *= 0.93
        extra = ' letter-spacing="%.2f"' % (ls * size) if ls else ""
        s.body.append('<text x="%.2f" y="%.2f" font-family="%s" font-size="%.2f" '
                      'font-style="%s" font-weight="%s" text-anchor="middle" fill="%s"%s>'
                      '%s</text>' % (x0 + aw / 2, y0 + ah / 2 + size * 0.36, font, size,
                                     style, weight, tc, extra, word))
        cap = size * 0.7
        d = 'text="%s"(%s %s %s %.1fpx cap=%.1f %s%s)' % (
            word, font, style, weight, size, cap, tc, " spacing=%.2fem" % ls if ls else "")
    else:
        cols = []
        for _ in range(rng.randint(1, 3)):
            cols.append(other_colour(rng, cols) if not bg else
                        colour_away(rng, [bg] + cols, 40))
        r = rng.uniform(4.5, 8)
        n = rng.randint(3, 6)
        rows = 1 if rng.random() < 0.7 or role == "small" else 2
        step = 2 * r * rng.uniform(1.05, 1.5)
        width = n * step
        bx = x0 + max(0, (min(aw, 360) - width) / 2)
        shapes = []
        for j in range(rows):
            cy = y0 + ah / 2 + (j - (rows - 1) / 2) * step * 1.3
            for i in range(n):
                shape = rng.choice(["disc", "square", "triangle", "triangle", "down",
                                    "diamond"])
                blob(s, shape, bx + i * step + r, cy, r, rng.choice(cols))
                shapes.append(shape)
        d = "blobs r=%.1f %s colours=%s" % (r, "-".join(shapes), ",".join(cols))
    if role == "hero":
        s.body.append("</g>")
    s.desc.append("textedge=%s %s bg=%s(%s)" % (kind, d, bgk, bg))
    tf = 0
    if bgk == "transparent":
        tf = 0 if g.category(tc) == "other" else "skip"
    text = 0 if kind == "blobs" else (1 if cap >= lo_cap else "skip")
    L = labels(role, background_white=int(bgk == "white"),
               transparent_foreground=tf if role != "hero" else "n/a",
               background_transparent=int(bgk == "transparent") if role == "hero" else "n/a",
               text=text, palette="skip" if role != "hero" else "n/a")
    if role == "hero" and bgk == "transparent":
        L["hero-contrast"] = "skip"
    return s, svg_doc(s), L, role, None, "textedge", kind


def texture(s, rng, x, y, w, h):
    """A photo-like texture: fractal noise coloured over a base."""
    fid = s.gid()
    base = g.mid_colour(rng)
    r, gg, b = (v / 255 for v in g.hex2rgb(base))
    s.defs.append('<filter id="%s" x="0" y="0" width="1" height="1">'
                  '<feTurbulence type="%s" baseFrequency="%.3f" numOctaves="%d" seed="%d"/>'
                  '<feColorMatrix type="matrix" values="%.2f 0 0 0 %.3f 0 %.2f 0 0 %.3f '
                  '0 0 %.2f 0 %.3f 0 0 0 0 1"/></filter>'
                  % (fid, rng.choice(["fractalNoise", "turbulence"]),
                     rng.uniform(0.005, 0.05), rng.randint(2, 5), rng.randint(1, 9999),
                     rng.uniform(0.4, 0.9), r * 0.6, rng.uniform(0.4, 0.9), gg * 0.6,
                     rng.uniform(0.4, 0.9), b * 0.6))
    s.body.append('<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" filter="url(#%s)"/>'
                  % (x, y, w, h, fid))


def fam_texture(split, idx, rng, art):
    role = rng.choice(["hero", "hero", "large", "wide"])
    W, H = g.ROLES[role]
    s = sample(split, idx, role, rng)
    texture(s, rng, 0, 0, W, H)
    s.bg_kind = "texture"
    s.desc.append("texture")
    L = labels(role, gradient="skip", palette="skip", hero_margin="skip",
               hero_contrast="skip" if role == "hero" else "n/a", text=0)
    ext = ".jpg" if role == "hero" and rng.random() < 0.4 else None
    return s, svg_doc(s), L, role, "hero" + ext if ext else None, "texture", "none"


def fam_huge(split, idx, rng, art):
    W = rng.randint(1800, 3200)
    H = int(W * rng.uniform(0.25, 0.6))
    named = rng.choice(["wide", "large", None, "hero"])
    role = named or "unknown"
    s = sample(split, idx, role if named else "wide", rng, W, H)
    s.role = role
    bgk = rng.choice(["flat", "white", "transparent"])
    bg = {"flat": lambda: g.mid_colour(rng), "white": lambda: rng.choice(g.WHITE_BG),
          "transparent": lambda: None}[bgk]()
    if bg:
        rect(s, 0, 0, W, H, bg)
        s.bg_kind, s.bg_cols = bgk, [bg]
    (font, style, weight), outline = pick_font(rng, split)
    word = rng.choice(TEXT_WORDS[split])
    tc = other_colour(rng, [bg] if bg else [], 40)
    icon = pict(rng, art, split, filled=True)
    isz = H * 0.6
    g.place_icon(s, icon, W * 0.05, H * 0.2, isz, tc)
    tx = W * 0.05 + isz + H * 0.1
    size = fit_size(word, W - tx - W * 0.05, H * 0.7, font, weight, 40, H * 0.6) or H * 0.3
    set_word(s, word, tx, H / 2 + size * 0.35, size, tc, font, style, weight,
             outline=outline)
    s.desc.append('huge %dx%d text="%s"(%s %.0fpx) bg=%s(%s)' % (W, H, word, font,
                                                                size, bgk, bg))
    L = labels("hero" if role == "hero" else "wide", dimensions=1, text=1,
               background_white=int(bgk == "white"), palette=0,
               transparent_foreground=0 if bgk == "transparent" else 0)
    if role == "hero":
        L["background-transparent"] = int(bgk == "transparent")
        L["hero-margin"] = "skip"
        L["hero-contrast"] = "skip"
    name = {"wide": "logo-wide", "large": "large", "hero": "hero-banner",
            None: "brand"}[named] + rng.choice([".png", ".png", "-full.png"])
    return s, svg_doc(s), L, role, name, "huge", "word"


def synth_gradmark(rng, split):
    """A generated brand mark whose pieces are filled with gradients, as
    an iconify-like record (100x100 view box): shards, bars, wedges or
    rings (dev and test draw different shapes), linear or radial fills,
    one fill over the whole mark (userSpaceOnUse) or one per piece
    (objectBoundingBox), stops 12..70 CIE76 apart, sometimes beside a flat
    block of another colour.  Labelled like the iconify logos, from a twin
    with every gradient flattened."""
    shapes = {"dev": ["shards", "bars"], "test": ["wedges", "rings"]}[split]
    shape = rng.choice(shapes)
    a = colour_away(rng, [], 20, 0.25, 0.8)
    for _ in range(50):
        b = colour_away(rng, [a], 12, 0.2, 0.85)
        if 12 <= g.de(a, b) <= 70:
            break
    radial = rng.random() < 0.35
    shared = rng.random() < 0.5
    defs, body, n = [], [], 0

    def grad(gid, units):
        if radial:
            return ('<radialGradient id="%s"%s cx="%s" cy="%s" r="%s"><stop offset="0" '
                    'stop-color="%s"/><stop offset="1" stop-color="%s"/></radialGradient>'
                    % (gid, units, *(("50", "50", "60") if units else (".5", ".5", ".7")), a, b))
        ang = rng.uniform(0, math.pi)
        dx, dy = math.cos(ang) / 2, math.sin(ang) / 2
        if units:
            c = (50 - 50 * dx, 50 - 50 * dy, 50 + 50 * dx, 50 + 50 * dy)
        else:
            c = (.5 - dx, .5 - dy, .5 + dx, .5 + dy)
        return ('<linearGradient id="%s"%s x1="%.3f" y1="%.3f" x2="%.3f" y2="%.3f">'
                '<stop offset="0" stop-color="%s"/><stop offset="1" stop-color="%s"/>'
                '</linearGradient>' % (gid, units, *c, a, b))
    if shared:
        defs.append(grad("sg", ' gradientUnits="userSpaceOnUse"'))

    def fill():
        nonlocal n
        if shared:
            return "url(#sg)"
        n += 1
        defs.append(grad("pg%d" % n, ""))
        return "url(#pg%d)" % n
    if shape == "shards":
        k = rng.randint(3, 5)
        for i in range(k):
            x0 = 4 + 92 * i / k
            x1 = 4 + 92 * (i + 1) / k - rng.uniform(4, 9)
            tilt = rng.uniform(-15, 15)
            body.append('<polygon points="%.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f" fill="%s"/>'
                        % (x0, 10 + tilt, x1, 10 - tilt, x1, 90 - tilt, x0, 90 + tilt, fill()))
    elif shape == "bars":
        k = rng.randint(4, 8)
        bw = 92 / k
        for i in range(k):
            top = rng.uniform(10, 70) if rng.random() < 0.5 else 80 - 65 * i / k
            body.append('<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" rx="%.1f" fill="%s"/>'
                        % (4 + i * bw, top, bw * rng.uniform(0.45, 0.75), 92 - top,
                           bw * 0.1, fill()))
    elif shape == "wedges":
        k = rng.randint(3, 6)
        for i in range(k):
            a0 = 2 * math.pi * i / k + 0.12
            a1 = 2 * math.pi * (i + 1) / k - 0.12
            r = rng.uniform(38, 46)
            body.append('<path d="M50,50 L%.1f,%.1f A%.1f,%.1f 0 0 1 %.1f,%.1f Z" fill="%s"/>'
                        % (50 + r * math.cos(a0), 50 + r * math.sin(a0), r, r,
                           50 + r * math.cos(a1), 50 + r * math.sin(a1), fill()))
    else:
        k = rng.randint(2, 3)
        for i in range(k):
            r = 44 - i * (36 / k)
            wd = rng.uniform(5, 36 / k - 2)
            body.append('<circle cx="50" cy="50" r="%.1f" fill="none" stroke="%s" '
                        'stroke-width="%.1f"/>' % (r - wd / 2, fill(), wd))
    if rng.random() < 0.3:
        c = colour_away(rng, [a, b], 35)
        body.append('<rect x="20" y="%.1f" width="60" height="10" fill="%s"/>'
                    % (rng.choice([2, 88]), c))
    return {"name": "synth:%s-%s-%s" % (shape, "radial" if radial else "linear",
                                        "shared" if shared else "per-piece"),
            "body": "<defs>%s</defs>%s" % ("".join(defs), "".join(body)),
            "w": 100, "h": 100, "gradient": True, "wordmark": False}


def fam_gradlogo(split, idx, rng, art):
    icons = art["iconify"][split]
    flat = rng.random() < 0.3
    pool = icons["flatlogo" if flat else "gradlogo"]
    ic = rng.choice(pool)
    if not flat and rng.random() < 0.35:
        ic = synth_gradmark(rng, split)
    return place_logo(split, idx, rng, ic, "gradlogo")


def fam_devgrad(split, idx, rng, art):
    """devicon's colour marks painted with gradients (devgrad; 30 %: its
    flat ones), placed as fam_gradlogo places the @iconify-json marks."""
    icons = art["iconify"][split]
    flat = rng.random() < 0.3 or not icons["devgrad"]
    ic = rng.choice(icons["devflat" if flat else "devgrad"])
    return place_logo(split, idx, rng, ic, "devgrad")


def opaque_background(s, rng, W, H):
    """Paints @s's W x H background white, flat, tinted, dark or black;
    returns (kind, colour)."""
    bgk = rng.choice(["white", "flat", "tint", "dark", "black"])
    bg = {"flat": lambda: g.mid_colour(rng), "white": lambda: rng.choice(g.WHITE_BG),
          "tint": lambda: g.tint_colour(rng, 14, 25), "dark": lambda: g.dark_colour(rng),
          "black": lambda: rng.choice(g.BLACK_BG)}[bgk]()
    rect(s, 0, 0, W, H, bg)
    s.bg_kind, s.bg_cols = bgk, [bg]
    return bgk, bg


def fam_flatjpeg(split, idx, rng, art):
    """A flat multi-colour illustration (the flatillu pool: other sets in
    test) on an opaque background, saved as JPEG at quality 35..92: close
    tones joined by softened seams, ringing and chroma bleeding are not
    gradients (gradient 0), and JPEG noise must not hide or add colours
    (palette from the design drawn large without anti-aliasing)."""
    role = rng.choice(["small", "medium", "medium", "large", "large", "wide"])
    W, H = g.ROLES[role]
    s = sample(split, idx, role, rng)
    bgk, bg = opaque_background(s, rng, W, H)
    ic = rng.choice(art["iconify"][split]["flatillu"])
    doc = centre_icon(s, ic, W, H, rng)
    s.jpeg = rng.choice(JPEG_QUALITY)
    s.desc.append("illustration=%s bg=%s(%s) jpeg Q=%d" % (ic["name"], bgk, bg, s.jpeg))
    L = labels(role, background_white=int(bgk == "white"),
               background_black=int(bgk == "black"), text=0, gradient=0,
               palette="post")
    return s, doc, L, role, "%s.jpg" % role, "flatjpeg", "illu"


def fam_paljpeg(split, idx, rng, art):
    """Flat designs in 2..9 colours, some only 15..20 CIE76 apart (shades
    of one hue, as icon sets use them), drawn as the palette family's
    scenes (other shapes in test) or as a row of shapes, on an opaque
    background and saved as JPEG at quality 35..92: JPEG's chroma noise
    must neither split one flat colour in two nor hide a small area
    (palette from the design drawn large without anti-aliasing)."""
    role = rng.choice(["small", "small", "medium", "large", "wide"])
    W, H = g.ROLES[role]
    s = sample(split, idx, role, rng)
    bgk, bg = opaque_background(s, rng, W, H)
    k = rng.choice([2, 3, 3, 4, 4, 5, 5, 6, 7, 9])
    cols = []
    while len(cols) < k:
        near = cols and rng.random() < 0.3
        c = colour_away(rng, [bg] + cols, 28, 0.15, 0.85)
        if near:
            # a shade of a colour already used, 15..20 from it
            base = rng.choice(cols)
            for _ in range(200):
                c2 = g.hsl(rng, 0.15, 0.85, 0.35, 1.0)
                if 15 <= g.de(c2, base) <= 20 and all(
                        g.de(c2, o) >= 15 for o in [bg] + cols):
                    c = c2
                    break
        cols.append(c)
    size = min(W, H) * rng.uniform(0.75, 0.95)
    ox, oy = (W - size) / 2, (H - size) / 2
    n0 = len(s.body)
    if rng.random() < 0.5:
        scene_shapes(s, rng, size, cols, split)
        kind = "scene"
    else:
        # a row (or grid) of shapes, one colour each
        n = math.ceil(math.sqrt(k)) if role != "wide" else k
        rows = math.ceil(k / n)
        cell = min(size * (W / H if role == "wide" else 1) / n, size / rows)
        gx, gy = (W - n * cell) / 2 - ox, (H - rows * cell) / 2 - oy
        for i, c in enumerate(cols):
            r, q = divmod(i, n)
            x, y, m = gx + q * cell, gy + r * cell, cell * 0.08
            shp = rng.choice(["disc", "square", "tri"])
            if shp == "disc":
                s.body.append('<circle cx="%.2f" cy="%.2f" r="%.2f" fill="%s"/>'
                              % (x + cell / 2, y + cell / 2, cell / 2 - m, c))
            elif shp == "square":
                rect(s, x + m, y + m, cell - 2 * m, cell - 2 * m, c, cell * 0.15)
            else:
                s.body.append('<polygon points="%.2f,%.2f %.2f,%.2f %.2f,%.2f" fill="%s"/>'
                              % (x + m, y + cell - m, x + cell / 2, y + m, x + cell - m,
                                 y + cell - m, c))
        kind = "shapes"
    s.body[n0:] = ['<g transform="translate(%.2f,%.2f)">%s</g>'
                   % (ox, oy, "".join(s.body[n0:]))]
    doc = svg_doc(s)
    s.twin = crisp_twin(doc, W, H)
    s.jpeg = rng.choice(JPEG_QUALITY)
    s.desc.append("%s=%d(%s) bg=%s(%s) jpeg Q=%d" % (kind, k, ",".join(cols), bgk, bg,
                                                    s.jpeg))
    L = labels(role, background_white=int(bgk == "white"),
               background_black=int(bgk == "black"), text=0, gradient=0,
               palette="post")
    return s, doc, L, role, "%s.jpg" % role, "paljpeg", kind


def fam_emoji(split, idx, rng, art):
    """Emoji and colour icons (EMOJI_SETS), half flat, half shaded with
    gradients, on opaque backgrounds, three quarters as JPEG; placed and
    labelled as fam_gradlogo's marks."""
    icons = art["iconify"][split]
    grad = rng.random() < 0.5 and icons["emojigrad"]
    pool = icons["emojigrad" if grad else "emojiflat"] or icons["flatillu"]
    return place_logo(split, idx, rng, rng.choice(pool), "emoji",
                      opaque=True, jpeg=0.75)


def fam_emojipal(split, idx, rng, art):
    """A flat emoji or colour illustration of another hand than the
    palette family's sets (EMOJI_SETS' flat ones: dev twemoji, test
    openmoji and noto), a third with a dark outline round every shape,
    mostly at 40 and 90 px, where a colour is a few pixels wide: on an
    opaque background, two thirds saved as JPEG at
    quality 35..92, or as PNG (transparent too).  Palette from the
    design drawn large without anti-aliasing; the other rules are not
    what this family checks (skip)."""
    role = rng.choice(["small", "small", "small", "medium", "medium", "medium",
                       "large", "wide"])
    W, H = g.ROLES[role]
    s = sample(split, idx, role, rng)
    jpeg = rng.random() < 2 / 3
    bgk, bg = "transparent", None
    if jpeg or rng.random() < 0.6:
        bgk, bg = opaque_background(s, rng, W, H)
    pool = art["iconify"][split].get("emojiflat") or art["iconify"][split]["flatillu"]
    ic = rng.choice(pool)
    outline = ""
    if rng.random() < 0.35:
        # a dark outline round every shape, as some emoji sets draw them
        oc = rng.choice(["#000000", "#1A1A1A", "#25282B", "#3D2A1E"])
        outline = " outline=%s" % oc
        ic = dict(ic, body='<g stroke="%s" stroke-width="%.2f" stroke-linejoin="round">%s</g>'
                  % (oc, ic["w"] * rng.uniform(0.015, 0.035), ic["body"]))
    doc = centre_icon(s, ic, W, H, rng)
    if jpeg:
        s.jpeg = rng.choice(JPEG_QUALITY)
    s.desc.append("emoji=%s%s bg=%s(%s)%s" % (ic["name"], outline, bgk, bg,
                                             " jpeg Q=%d" % s.jpeg if jpeg else ""))
    L = labels(role, background_white="skip", background_black="skip",
               transparent_foreground="skip", text="skip", gradient="skip",
               palette="post")
    return s, doc, L, role, ("%s.jpg" % role) if jpeg else None, "emojipal", \
        "jpeg" if jpeg else "png"


def fam_palother(split, idx, rng, art):
    """A flat emoji or colour icon of sets no other family draws
    (PALOTHER_SETS: dev Emoji One and Streamline colour icons, test
    Firefox OS emoji and Streamline emoji, both Streamline sets with a
    dark outline round every shape; three in five with 5 fills or more)
    at 40..216 px, the role sizes and
    others (48, 64, 128, 160, 216: role unknown) and the wide 255x115;
    on an opaque background, or (PNG only) on transparency; half saved as
    JPEG at quality 35..92.  Palette from the design drawn large without
    anti-aliasing; the other rules are not what this family checks
    (skip), dimensions 1 off the role sizes."""
    size = rng.choice([40, 40, 48, 64, 90, 90, 115, 115, 128, 160, 216, 0])
    W, H = (255, 115) if size == 0 else (size, size)
    role = SIZE_ROLE.get((W, H), "unknown")
    s = sample(split, idx, role if role != "unknown" else "large", rng, W, H)
    s.role = role
    jpeg = rng.random() < 0.5
    bgk, bg = "transparent", None
    if jpeg or rng.random() < 0.6:
        bgk, bg = opaque_background(s, rng, W, H)
    pool = art["iconify"][split].get("palother") or art["iconify"][split]["flatillu"]
    # most of these sets' icons have 2..4 colours: three in five are
    # drawn from those whose SVG names 5 fills or more (the labels still
    # come from the rendered design)
    rich = [ic for ic in pool if len(set(re.findall(r'fill="(#[0-9a-fA-F]{3,6})"',
                                                    ic["body"]))) >= 5]
    ic = rng.choice(rich if rich and rng.random() < 0.6 else pool)
    doc = centre_icon(s, ic, W, H, rng)
    if jpeg:
        s.jpeg = rng.choice(JPEG_QUALITY)
    s.desc.append("icon=%s bg=%s(%s)%s" % (ic["name"], bgk, bg,
                                          " jpeg Q=%d" % s.jpeg if jpeg else ""))
    L = labels(role, background_white="skip", background_black="skip",
               transparent_foreground="skip", text="skip", gradient="skip",
               palette="post", dimensions=int(role == "unknown"))
    ext = "jpg" if jpeg else "png"
    if role == "unknown":
        name = "%s-%dx%d.%s" % (rng.choice(["logo", "icon", "emoji"]), W, H, ext)
    else:
        name = "%s.%s" % (role, ext)
    return s, doc, L, role, name, "palother", "jpeg" if jpeg else "png"


def place_logo(split, idx, rng, ic, family, opaque=False, jpeg=0.35):
    """A logo of any role showing the mark @ic on a flat, white, tinted,
    dark, black or transparent background (@opaque: not transparent),
    @jpeg of the opaque ones as JPEG; gradient labelled from a twin with
    the gradients flattened."""
    role = rng.choice(["small", "medium", "large", "wide", "hero"])
    W, H = g.ROLES[role]
    s = sample(split, idx, role, rng)
    bgk = rng.choice(["flat", "white", "tint", "dark", "black"] if opaque else
                     ["flat", "white", "transparent", "tint", "dark", "black"])
    bg = {"flat": lambda: g.mid_colour(rng), "white": lambda: rng.choice(g.WHITE_BG),
          "transparent": lambda: None, "tint": lambda: g.tint_colour(rng, 14, 25),
          "dark": lambda: g.dark_colour(rng), "black": lambda: rng.choice(g.BLACK_BG)}[bgk]()
    if bg:
        rect(s, 0, 0, W, H, bg)
        s.bg_kind, s.bg_cols = bgk, [bg]
    if role == "hero":
        hero_clip(s, 392)
        bw, bh = 340, H * rng.uniform(0.4, 0.8)
        x0, y0 = 25, (H - bh) / 2
    else:
        f = rng.uniform(0.6, 0.9)
        bw, bh = W * f, H * f
        x0, y0 = (W - bw) / 2, (H - bh) / 2
    w, h = fit_iconify(ic, bw, bh)
    pos = (x0 + (bw - w) / 2, y0 + (bh - h) / 2, w, h)
    # the twin shares everything but the gradients
    twin_body = list(s.body)
    place_iconify(s, ic, *pos)
    s.nid -= 1
    if role == "hero":
        s.body.append("</g>")
    tw = g.Sample(split, idx, role, rng)
    tw.W, tw.H, tw.defs, tw.body, tw.nid = W, H, list(s.defs), twin_body, s.nid
    place_iconify(tw, ic, *pos, flat=True)
    if role == "hero":
        tw.body.append("</g>")
    s.desc.append("logo=%s(%s) bg=%s(%s)" % (ic["name"], "gradient" if ic["gradient"]
                                             else "flat", bgk, bg))
    L = labels(role, background_white=int(bgk == "white"),
               background_black=int(bgk == "black"),
               transparent_foreground="skip" if role != "hero" else "n/a",
               gradient="post" if ic["gradient"] else 0,
               text="skip", palette="skip")
    if role == "hero":
        L["background-transparent"] = int(bgk == "transparent")
        if bgk == "transparent":
            L["hero-contrast"] = "skip"
    s.twin = svg_doc(tw)
    # a third of the opaque ones saved as JPEG (labelled from the render
    # first): block noise and ringing over flat and gradient fills alike
    name = None
    if bg and rng.random() < jpeg:
        s.jpeg = rng.choice(JPEG_QUALITY)
        s.desc.append("jpeg Q=%d" % s.jpeg)
        name = "%s.jpg" % role
    return s, svg_doc(s), L, role, name, family, "gradient" if ic["gradient"] else "flat"


def fam_glow(split, idx, rng, art):
    role = rng.choice(["hero", "hero", "large", "wide", "medium"])
    W, H = g.ROLES[role]
    s = sample(split, idx, role, rng)
    kind = rng.choice(["flat", "dark"])
    bg = g.mid_colour(rng) if kind == "flat" else g.dark_colour(rng)
    s.bg_kind, s.bg_cols = kind, [bg]
    rect(s, 0, 0, W, H, bg)
    if role == "hero":
        hero_clip(s, 392)
    light = rng.choice(["#FFFFFF", "#FFFFFF", g.tint_colour(rng, 5, 20)])
    a0 = rng.uniform(0.25, 0.85)
    shape = rng.choice(["glow", "cone"])
    gid = s.gid()
    right = 392 if role == "hero" else W
    if shape == "glow":
        cx, cy = rng.uniform(0.2, 0.8) * right, rng.uniform(0.2, 0.8) * H
        r = rng.uniform(0.35, 0.7) * min(right, H * 1.5)
        s.defs.append('<radialGradient id="%s" gradientUnits="userSpaceOnUse" cx="%.1f" '
                      'cy="%.1f" r="%.1f"><stop offset="0" stop-color="%s" stop-opacity="%.2f"/>'
                      '<stop offset="1" stop-color="%s" stop-opacity="0"/></radialGradient>'
                      % (gid, cx, cy, r, light, a0, light))
        rect(s, 0, 0, right, H, "url(#%s)" % gid)
    else:
        top = rng.uniform(0.2, 0.8) * right
        spread = rng.uniform(0.3, 0.7) * right
        s.defs.append('<linearGradient id="%s" x1="0" y1="0" x2="0" y2="1">'
                      '<stop offset="0" stop-color="%s" stop-opacity="%.2f"/>'
                      '<stop offset="1" stop-color="%s" stop-opacity="0"/></linearGradient>'
                      % (gid, light, a0, light))
        s.body.append('<polygon points="%.1f,0 %.1f,0 %.1f,%d %.1f,%d" fill="url(#%s)"/>'
                      % (top - 6, top + 6, top + spread / 2, H, top - spread / 2, H, gid))
    icon = pict(rng, art, split, filled=True)
    sz = H * rng.uniform(0.3, 0.5)
    mc = colour_away(rng, [bg, light], 40)
    g.place_icon(s, icon, rng.uniform(0.1, 0.5) * right, (H - sz) / 2, sz, mc)
    if role == "hero":
        s.body.append("</g>")
    r0, g0, b0 = g.hex2rgb(bg)
    r1, g1, b1 = g.hex2rgb(light)
    peak = g.rgb2hex((r0 + (r1 - r0) * a0, g0 + (g1 - g0) * a0, b0 + (b1 - b0) * a0))
    span = g.de(peak, bg)
    s.desc.append("%s(%s a=%.2f span=%.0f) bg=%s(%s) mark=%s" % (shape, light, a0, span,
                                                               kind, bg, icon["name"]))
    L = labels(role, gradient=1 if span >= 25 else ("skip" if span >= 8 else 0),
               palette="skip", text=0)
    # a third saved as JPEG (4:2:0 below quality 90, 4:4:4 above): a glow
    # over a flat background must survive ringing and chroma bleeding
    # around the mark
    name = None
    if rng.random() < 0.35:
        s.jpeg = rng.choice(JPEG_QUALITY)
        s.desc.append("jpeg Q=%d" % s.jpeg)
        name = "%s.jpg" % role
    return s, svg_doc(s), L, role, name, "glow", "pict"


def scene_shapes(s, rng, size, cols, split):
    """Draws len(cols) flat shapes that overlap in a size x size box: a
    base disc or card, then bands, discs, triangles and bars across it
    (dev), or a quilt of wedges and stripes (test)."""
    c = size / 2
    if split == "dev":
        s.body.append('<circle cx="%.2f" cy="%.2f" r="%.2f" fill="%s"/>'
                      % (c, c, size * 0.46, cols[0]))
        for i, col in enumerate(cols[1:]):
            kind = rng.choice(["band", "disc", "tri", "bar"])
            x, y = rng.uniform(0.15, 0.6) * size, rng.uniform(0.15, 0.6) * size
            w = rng.uniform(0.22, 0.4) * size
            if kind == "band":
                rect(s, size * 0.08, y, size * 0.84, w * 0.45, col)
            elif kind == "disc":
                s.body.append('<circle cx="%.2f" cy="%.2f" r="%.2f" fill="%s"/>'
                              % (x + w / 2, y + w / 2, w / 2, col))
            elif kind == "tri":
                s.body.append('<polygon points="%.2f,%.2f %.2f,%.2f %.2f,%.2f" fill="%s"/>'
                              % (x, y + w, x + w / 2, y, x + w, y + w, col))
            else:
                rect(s, x, size * 0.1, w * 0.4, size * 0.8, col, w * 0.1)
    else:
        k = len(cols)
        ang0 = rng.uniform(0, 360)
        for i, col in enumerate(cols):
            a0 = math.radians(ang0 + 360 * i / k)
            a1 = math.radians(ang0 + 360 * (i + 1) / k)
            r = size * 0.46
            s.body.append('<path d="M%.2f,%.2f L%.2f,%.2f A%.2f,%.2f 0 0 1 %.2f,%.2f Z" '
                          'fill="%s"/>' % (c, c, c + r * math.cos(a0), c + r * math.sin(a0),
                                           r, r, c + r * math.cos(a1), c + r * math.sin(a1),
                                           col))
        # a stripe across in the first colour, over the wedges
        rect(s, size * 0.1, c - size * 0.07, size * 0.8, size * 0.14, cols[0])


def fam_palette(split, idx, rng, art):
    size = rng.choice([40, 40, 48, 64, 90, 90, 115, 128, 160, 216])
    role = SIZE_ROLE.get((size, size), "unknown")
    s = sample(split, idx, role if role != "unknown" else "large", rng, size, size)
    s.role = role
    bgk = rng.choice(["flat", "white", "transparent", "tint"])
    bg = ground_colour(rng, bgk)
    if bg:
        rect(s, 0, 0, size, size, bg)
        s.bg_kind, s.bg_cols = bgk, [bg]
    illu = art["iconify"][split]["flatillu"]
    post = False
    r0 = rng.random()
    if r0 < 0.25:
        # a flat scene: shapes that overlap and touch, so anti-aliasing
        # mixes two colours of the mark, not only one and the background
        k = rng.randint(5, 9)
        cols = []
        while len(cols) < k:
            cols.append(colour_away(rng, ([bg] if bg else []) + cols, 30, 0.15, 0.85))
        scene_shapes(s, rng, size, cols, split)
        distinct = sum(1 for i, c in enumerate(cols)
                       if all(g.de(c, o) >= 25 for o in cols[:i]))
        s.desc.append("scene=%d(%s) bg=%s(%s)" % (k, ",".join(cols), bgk, bg))
        post = True
        k = distinct
    elif r0 < 0.55 and illu:
        ic = rng.choice(illu)
        f = rng.uniform(0.75, 0.95)
        w, h = fit_iconify(ic, size * f, size * f)
        place_iconify(s, ic, (size - w) / 2, (size - h) / 2, w, h)
        post = True
        s.desc.append("illustration=%s bg=%s(%s)" % (ic["name"], bgk, bg))
        k = None
    else:
        k = rng.randint(5, 9)
        cols = []
        avoid = [bg] if bg else []
        while len(cols) < k:
            c = colour_away(rng, avoid + cols, 28, 0.2, 0.8)
            if all(g.de(c, o) >= 28 for o in avoid + cols):
                cols.append(c)
            elif len(cols) < k:
                cols.append(c)  # rare: accept, labelled by count below
        n = math.ceil(math.sqrt(k))
        rows = math.ceil(k / n)
        cell = size * 0.92 / n
        ox, oy = size * 0.04, (size - rows * cell) / 2
        for i, c in enumerate(cols):
            r, q = divmod(i, n)
            x, y = ox + q * cell, oy + r * cell
            shp = rng.choice(["disc", "square", "tri", "icon"])
            m = cell * 0.06
            if shp == "disc":
                s.body.append('<circle cx="%.2f" cy="%.2f" r="%.2f" fill="%s"/>'
                              % (x + cell / 2, y + cell / 2, cell / 2 - m, c))
            elif shp == "square":
                rect(s, x + m, y + m, cell - 2 * m, cell - 2 * m, c, cell * 0.15)
            elif shp == "tri":
                s.body.append('<polygon points="%.2f,%.2f %.2f,%.2f %.2f,%.2f" fill="%s"/>'
                              % (x + m, y + cell - m, x + cell / 2, y + m, x + cell - m,
                                 y + cell - m, c))
            else:
                rect(s, x + m, y + m, cell - 2 * m, cell - 2 * m, c, cell * 0.2)
        distinct = sum(1 for i, c in enumerate(cols)
                       if all(g.de(c, o) >= 25 for o in cols[:i]))
        s.desc.append("shapes=%d(%s) bg=%s(%s)" % (k, ",".join(cols), bgk, bg))
        k = distinct
    if post:
        big = g.Sample(split, idx, role if role != "unknown" else "large", rng)
        big.W, big.H, big.defs, big.body = size, size, s.defs, s.body
        doc = svg_doc(big)
        k = max(1, min(4, 320 // size))
        s.twin = crisp(doc.replace('width="%d" height="%d"' % (size, size),
                                   'width="%d" height="%d"' % (size * k, size * k), 1))
    L = labels(role, background_white=int(bgk == "white"), text=0,
               transparent_foreground=0 if bgk == "transparent" else 0,
               palette="post" if post else (1 if k >= 5 else "skip"),
               gradient=0, dimensions=int(role == "unknown"))
    if bgk == "transparent":
        L["transparent-foreground"] = "skip"
    name = "%s-%dx%d.png" % (rng.choice(["illustration", "logo", "icon"]), size, size) \
        if role == "unknown" else None
    if role == "unknown":
        role = "unknown"
    return s, svg_doc(s), L, role, name, "palette", "illu" if post else "shapes"


def fam_palneg(split, idx, rng, art):
    role = rng.choice(["small", "small", "medium"])
    W, H = g.ROLES[role]
    s = sample(split, idx, role, rng)
    bg = rng.choice([g.mid_colour(rng), rng.choice(g.WHITE_BG), g.tint_colour(rng, 14, 25)])
    rect(s, 0, 0, W, H, bg)
    s.bg_kind, s.bg_cols = "flat", [bg]
    a = colour_away(rng, [bg], 40)
    b = colour_away(rng, [bg, a], 35)
    pid = s.gid()
    gap = rng.uniform(1.6, 3.2)
    s.defs.append('<pattern id="%s" width="%.2f" height="%.2f" patternUnits="userSpaceOnUse" '
                  'patternTransform="rotate(%d)"><rect width="%.2f" height="%.2f" fill="%s"/>'
                  '<rect width="%.2f" height="%.2f" fill="%s"/></pattern>'
                  % (pid, gap, gap, rng.choice([30, 45, 60, 135]), gap, gap, b,
                     gap * rng.uniform(0.35, 0.6), gap, a))
    x, y, sz = mark_box(rng, W, H, 0.7, 0.92)
    if rng.random() < 0.4:
        # no hatch: fine detail in two or three colours, mostly rims --
        # thin rings in a and b over a disc in a third colour or none,
        # and an outline icon with strokes under 1 px
        third = colour_away(rng, [bg, a, b], 35) if rng.random() < 0.5 else None
        if third:
            s.body.append('<circle cx="%.1f" cy="%.1f" r="%.1f" fill="%s"/>'
                          % (x + sz / 2, y + sz / 2, sz / 2, third))
        k = rng.randint(3, 6)
        for i in range(k):
            s.body.append('<circle cx="%.1f" cy="%.1f" r="%.2f" fill="none" stroke="%s" '
                          'stroke-width="%.2f"/>'
                          % (x + sz / 2, y + sz / 2, sz / 2 * (0.95 - 0.8 * i / k),
                             a if i % 2 == 0 else b, rng.uniform(0.5, 1.3)))
        icon = pict(rng, art, split, filled=False)
        g.place_icon(s, icon, x + sz * 0.3, y + sz * 0.3, sz * 0.4, b)
        s.desc.append("fine(%s/%s/%s) bg=%s mark=%s" % (a, b, third, bg, icon["name"]))
        L = labels(role, background_white=int(bg in g.WHITE_BG), palette=0, text=0,
                   transparent_foreground=0)
        return s, svg_doc(s), L, role, None, "palneg", "fine"
    if rng.random() < 0.5:
        s.body.append('<circle cx="%.1f" cy="%.1f" r="%.1f" fill="url(#%s)"/>'
                      % (x + sz / 2, y + sz / 2, sz / 2, pid))
        icon = pict(rng, art, split, filled=False)
        g.place_icon(s, icon, x + sz * 0.15, y + sz * 0.15, sz * 0.7, a)
    else:
        icon = pict(rng, art, split, filled=True)
        g.place_icon(s, icon, x, y, sz, "url(#%s)" % pid)
    s.desc.append("hatch(%s/%s gap=%.1f) bg=%s mark=%s" % (a, b, gap, bg, icon["name"]))
    L = labels(role, background_white=int(bg in g.WHITE_BG), palette=0, text=0,
               transparent_foreground=0)
    return s, svg_doc(s), L, role, None, "palneg", "hatch"


# Kernels and scales of the flatscale family: what image editors, make-set
# and web tools do to a flat logo on its way to 40..255 px.
SCALE_KERNELS = ("linear", "cubic", "mitchell", "lanczos2", "lanczos3")
SCALE_FACTORS = (0.4, 0.5, 0.67, 1.5, 1.75, 2, 2.5, 3, 4, 7.3)
JPEG_QUALITY = (35, 50, 65, 75, 85, 92)


def fam_flatscale(split, idx, rng, art):
    """A flat mark (devicon originals, flat iconify logos, simple-icons
    brands, one-colour icons, flat scenes) rendered at another size and
    resampled to the logo's (bilinear, bicubic, Mitchell, Lanczos; down
    by 1.5..7.3 or up by 1.5..2.5), half of them then saved as JPEG at
    quality 35..92: scaling steps, halos, ringing and blocking are not
    gradients.  Labelled gradient 0; palette from the source render
    where the design rendered large agrees (else skip: a source rendered
    small counts its blends as colours)."""
    role = rng.choice(["small", "medium", "medium", "large", "large", "wide"])
    W, H = g.ROLES[role]
    s = sample(split, idx, role, rng)
    jpeg = rng.random() < 0.5
    bgk = rng.choice(["white", "flat", "tint", "dark", "black"] +
                     ([] if jpeg else ["transparent", "transparent"]))
    bg = {"flat": lambda: g.mid_colour(rng), "white": lambda: rng.choice(g.WHITE_BG),
          "transparent": lambda: None, "tint": lambda: g.tint_colour(rng, 14, 25),
          "dark": lambda: g.dark_colour(rng), "black": lambda: rng.choice(g.BLACK_BG)}[bgk]()
    if bg:
        rect(s, 0, 0, W, H, bg)
        s.bg_kind, s.bg_cols = bgk, [bg]
    f = rng.uniform(0.6, 0.9)
    bw, bh = W * f, H * f
    src = rng.choice(["devicon", "devicon", "flatlogo", "flatlogo", "brand", "pict",
                      "scene"])
    text = "skip"
    if src == "devicon" and art[split]["devicon"]:
        icon = rng.choice(art[split]["devicon"])
        sz = min(bw, bh)
        g.place_icon(s, icon, (W - sz) / 2, (H - sz) / 2, sz, None)
        name = icon["name"]
    elif src == "flatlogo" and art["iconify"][split]["flatlogo"]:
        ic = rng.choice(art["iconify"][split]["flatlogo"])
        w, h = fit_iconify(ic, bw, bh)
        place_iconify(s, ic, (W - w) / 2, (H - h) / 2, w, h)
        name = ic["name"]
    elif src == "scene":
        k = rng.randint(2, 6)
        cols = []
        while len(cols) < k:
            cols.append(colour_away(rng, ([bg] if bg else []) + cols, 30, 0.15, 0.85))
        sz = min(bw, bh)
        s.body.append('<g transform="translate(%.2f %.2f)">' % ((W - sz) / 2, (H - sz) / 2))
        scene_shapes(s, rng, sz, cols, split)
        s.body.append("</g>")
        name = "scene%d" % k
    else:
        icon = rng.choice(art[split]["brand" if src == "brand" else "pict_fill"])
        c = colour_away(rng, [bg] if bg else [], 40)
        sz = min(bw, bh)
        g.place_icon(s, icon, (W - sz) / 2, (H - sz) / 2, sz, c)
        name = icon["name"]
        text = 0 if src == "pict" else "skip"
    k = rng.choice(SCALE_FACTORS)
    kern = rng.choice(SCALE_KERNELS)
    q = rng.choice(JPEG_QUALITY) if jpeg else None
    sw, sh = max(8, round(W * k)), max(8, round(H * k))
    doc = svg_doc(s)
    s.twin = doc.replace('width="%d" height="%d"' % (W, H), 'width="%d" height="%d"' % (sw, sh), 1)
    # the design itself, 320 px or more and without anti-aliasing: a
    # source rendered small (then scaled up) shows blends of 3 % and more
    kd = max(1.0, 320.0 / min(W, H))
    s.design = crisp(doc.replace('width="%d" height="%d"' % (W, H),
                                 'width="%d" height="%d"' % (round(W * kd), round(H * kd)), 1))
    s.resample = {"kernel": kern, "w": W, "h": H, "q": q}
    s.desc.append("flat=%s scaled %dx%d->%dx%d %s%s bg=%s(%s)"
                  % (name, sw, sh, W, H, kern, " jpeg Q=%d" % q if q else "", bgk, bg))
    L = labels(role, background_white=int(bgk == "white"),
               background_black=int(bgk == "black"),
               transparent_foreground="skip", gradient=0, text=text, palette="post")
    return s, svg_doc(s), L, role, ("%s.jpg" % role) if jpeg else None, "flatscale", src


def resample_row(row):
    """The flatscale family's post step: the source render (its twin)
    resampled to the logo's size with the row's kernel (premultiplied when
    it has alpha), then written over the image, as JPEG when asked."""
    import subprocess
    import tempfile
    rs = row["resample"]
    src = row["twin_png"]
    with tempfile.TemporaryDirectory() as tmp:
        sw, sh, ch, _ = read_png(src)
        cur = src
        if ch == 4:
            subprocess.run(["vips", "premultiply", cur, tmp + "/p.v"], check=True)
            cur = tmp + "/p.v"
        subprocess.run(["vips", "resize", cur, tmp + "/r.v", "%.9f" % (rs["w"] / sw),
                        "--vscale", "%.9f" % (rs["h"] / sh), "--kernel", rs["kernel"]],
                       check=True)
        cur = tmp + "/r.v"
        if ch == 4:
            subprocess.run(["vips", "unpremultiply", cur, tmp + "/u.v"], check=True)
            subprocess.run(["vips", "cast", tmp + "/u.v", tmp + "/c.v", "uchar"], check=True)
            cur = tmp + "/c.v"
        else:
            subprocess.run(["vips", "cast", cur, tmp + "/c.v", "uchar"], check=True)
            cur = tmp + "/c.v"
        if rs["q"]:
            if ch == 4:
                subprocess.run(["vips", "flatten", cur, tmp + "/f.v", "--background",
                                "255 255 255"], check=True)
                cur = tmp + "/f.v"
            subprocess.run(["vips", "jpegsave", cur, row["png"], "--Q", str(rs["q"])],
                           check=True)
        else:
            subprocess.run(["vips", "pngsave", cur, row["png"]], check=True)


def shade_near(rng, base, lo, hi, avoid=()):
    """A colour @lo..@hi CIE76 from @base (another shade or a near hue),
    at least 12 from each of @avoid."""
    for _ in range(400):
        c = g.hsl(rng, 0.08, 0.8, 0.3, 1.0)
        if lo <= g.de(c, base) <= hi and all(g.de(c, a) >= 12 for a in avoid):
            return c
    return base


def tone_shape(s, rng, split, kind, x, y, w, h, fill):
    """One flat shape of fam_tonejpeg in the box (x, y, w, h)."""
    if kind == "disc":
        r = min(w, h) / 2
        s.body.append('<circle cx="%.2f" cy="%.2f" r="%.2f" fill="%s"/>'
                      % (x + w / 2, y + h / 2, r, fill))
    elif kind == "bar":
        rect(s, x, y, w, h, fill, min(w, h) * 0.2)
    elif kind == "tri":
        s.body.append('<polygon points="%.2f,%.2f %.2f,%.2f %.2f,%.2f" fill="%s"/>'
                      % (x, y + h, x + w / 2, y, x + w, y + h, fill))
    elif kind == "hex":
        cx, cy, r = x + w / 2, y + h / 2, min(w, h) / 2
        pts = " ".join("%.2f,%.2f" % (cx + r * math.cos(math.radians(30 + 60 * i)),
                                      cy + r * math.sin(math.radians(30 + 60 * i)))
                       for i in range(6))
        s.body.append('<polygon points="%s" fill="%s"/>' % (pts, fill))
    elif kind == "ring":
        r = min(w, h) / 2
        s.body.append('<circle cx="%.2f" cy="%.2f" r="%.2f" fill="none" stroke="%s" '
                      'stroke-width="%.2f"/>' % (x + w / 2, y + h / 2, r * 0.75, fill, r * 0.5))
    elif kind == "wedge":
        cx, cy, r = x + w / 2, y + h / 2, min(w, h) / 2
        a0 = math.radians(rng.uniform(0, 360))
        a1 = a0 + math.radians(rng.uniform(90, 250))
        big = 1 if a1 - a0 > math.pi else 0
        s.body.append('<path d="M%.2f,%.2f L%.2f,%.2f A%.2f,%.2f 0 %d 1 %.2f,%.2f Z" fill="%s"/>'
                      % (cx, cy, cx + r * math.cos(a0), cy + r * math.sin(a0), r, r, big,
                         cx + r * math.cos(a1), cy + r * math.sin(a1), fill))
    else:  # an icon of the split's filled pictograms, in one colour
        icon = rng.choice(s.icons)
        sz = min(w, h)
        g.place_icon(s, icon, x + (w - sz) / 2, y + (h - sz) / 2, sz, fill)


TONE_SHAPES = {"dev": ("disc", "bar", "tri", "icon"),
               "test": ("hex", "ring", "wedge", "icon")}


def fam_tonejpeg(split, idx, rng, art):
    """Flat shapes in two or three close tones (15..35 CIE76 apart, often
    dark: a bar against a triangle, discs that overlap) on a large base
    shape, often pale and near the background's colour, saved as JPEG at
    quality 35..92 (dev: discs, bars, triangles and the dev split's filled
    icons; test: hexagons, rings, wedges and the test split's filled
    icons).  JPEG joins the tones across soft seams and smooths the base's
    rim into steep crescents: not gradients (gradient 0)."""
    role = rng.choice(["small", "medium", "large", "large", "wide"])
    W, H = g.ROLES[role]
    s = sample(split, idx, role, rng)
    s.icons = art[split]["pict_fill"]
    bgk, bg = opaque_background(s, rng, W, H)
    size = min(W, H) * rng.uniform(0.8, 0.95)
    ox, oy = (W - size) / 2, (H - size) / 2
    dark = rng.random() < 0.5
    c1 = colour_away(rng, [bg], 35, 0.08 if dark else 0.2, 0.3 if dark else 0.7)
    tones = [c1, shade_near(rng, c1, 15, 35, [bg])]
    if rng.random() < 0.35:
        tones.append(shade_near(rng, rng.choice(tones), 15, 35, [bg] + tones))
    base = shade_near(rng, bg, 12, 30, tones) if rng.random() < 0.7 else \
        colour_away(rng, [bg] + tones, 25, 0.5, 0.9)
    kinds = TONE_SHAPES[split]
    n0 = len(s.body)
    # the base: a disc or a card over most of the box
    if rng.random() < 0.6:
        tone_shape(s, rng, split, "disc", size * 0.02, size * 0.02, size * 0.96, size * 0.96,
                   base)
    else:
        rect(s, size * 0.04, size * 0.04, size * 0.92, size * 0.92, base, size * 0.12)
    # the tones, against each other: each next shape overlaps or touches
    # the one before
    x, y = rng.uniform(0.12, 0.3) * size, rng.uniform(0.12, 0.3) * size
    shapes = []
    for c in tones:
        kind = rng.choice(kinds)
        w = rng.uniform(0.3, 0.5) * size
        h = min(w * (rng.uniform(1.2, 2.0) if kind == "bar" else 1.0), size * 0.8)
        tone_shape(s, rng, split, kind, x, y, w, h, c)
        shapes.append(kind)
        # the next one starts where this one ends (touching) or inside it
        x = min(size * 0.55, x + w * rng.uniform(0.6, 1.0))
        y = min(size * 0.55, y + h * rng.uniform(0.0, 0.5))
    s.body[n0:] = ['<g transform="translate(%.2f,%.2f)">%s</g>'
                   % (ox, oy, "".join(s.body[n0:]))]
    s.jpeg = rng.choice(JPEG_QUALITY)
    s.desc.append("tones=%s(%s) base=%s bg=%s(%s) jpeg Q=%d"
                  % (",".join(tones), ",".join(shapes), base, bgk, bg, s.jpeg))
    L = labels(role, background_white=int(bgk == "white"),
               background_black=int(bgk == "black"), text=0, gradient=0,
               palette="skip", transparent_foreground="skip")
    return s, svg_doc(s), L, role, "%s.jpg" % role, "tonejpeg", "tones"

def grain(s, rng, split, bg):
    """Paints the hero's plain @bg with a fine grain: per-pixel noise of
    about +-5..10 levels (dev: one noise on all channels; test: a noise per
    channel).  Returns (amplitude, kind)."""
    fid = s.gid()
    amp = rng.uniform(0.02, 0.04)
    kind = "fractalNoise"
    if split == "dev":
        mat = "1 0 0 0 0  1 0 0 0 0  1 0 0 0 0  0 0 0 0 1"
    else:
        mat = "1 0 0 0 0  0 1 0 0 0  0 0 1 0 0  0 0 0 0 1"
    s.defs.append('<filter id="%s" x="0" y="0" width="1" height="1">'
                  '<feTurbulence type="%s" baseFrequency="%.2f" numOctaves="%d" seed="%d" '
                  'result="n"/><feColorMatrix in="n" type="matrix" values="%s" result="g"/>'
                  '<feComposite in="SourceGraphic" in2="g" operator="arithmetic" k1="0" '
                  'k2="1" k3="%.3f" k4="%.3f"/></filter>'
                  % (fid, kind, rng.uniform(0.5, 0.95), rng.randint(1, 2), rng.randint(1, 9999),
                     mat, 2 * amp, -amp))
    rect(s, 0, 0, s.W, s.H, bg, extra='filter="url(#%s)"' % fid)
    return amp, "mono" if split == "dev" else "rgb"


def hero_artwork(s, rng, art, split, bg, right):
    """The artwork of a plain hero whose content ends at x = @right
    (hero_clip()): a mark at the left, a panel reaching past @right and
    cut there.  Returns the mark's colour and icon."""
    H = s.H
    mc = colour_away(rng, [bg], 40)
    hero_clip(s, right)
    icon = pict(rng, art, split, filled=rng.random() < 0.6)
    sz = H * rng.uniform(0.35, 0.65)
    g.place_icon(s, icon, rng.uniform(20, 120), (H - sz) / 2, sz, mc)
    ph = rng.uniform(20, 80)
    rect(s, rng.uniform(160, 300), rng.uniform(10, H - ph - 10), 400, ph,
         colour_away(rng, [bg], 35), rng.uniform(0, 12))
    s.body.append("</g>")
    return mc, icon


def fam_grainhero(split, idx, rng, art):
    """Heroes on a plain colour under a fine grain (film or paper noise,
    stray pixels 10..20 CIE76 off the colour, most of them on deep and
    saturated colours): artwork stopping 3..30 px before x = width - 415
    leaves the margin free (hero-margin 0); artwork poking 6..10 px past it,
    or a clear shape inside it, does not (1)."""
    role = "hero"
    W, H = g.ROLES[role]
    s = sample(split, idx, role, rng)
    kind = rng.choice(["flat", "dark", "dark", "deep"])
    if kind == "deep":
        # saturated and deep: the same grain is farther in CIELAB there
        while True:
            bg = g.hsl(rng, 0.15, 0.35, 0.6, 1.0)
            if g.de(bg, "#000000") >= 15:
                break
    else:
        bg = g.mid_colour(rng) if kind == "flat" else g.dark_colour(rng)
    s.bg_kind, s.bg_cols = kind, [bg]
    amp, gk = grain(s, rng, split, bg)
    what = rng.choices(["clear", "poke", "inside"], [50, 30, 20])[0]
    edge = W - g.MARGIN
    right = round(edge + rng.uniform(6, 10)) if what == "poke" else \
        round(edge - rng.uniform(3, 30))
    mc, icon = hero_artwork(s, rng, art, split, bg, right)
    d = "grain=%s(%.3f) margin=%s(right=%d)" % (gk, amp, what, right)
    if what == "inside":
        c = colour_away(rng, [bg], 35)
        x0 = rng.uniform(edge + 15, W - 130)
        sz = rng.uniform(50, min(200, W - x0 - 10))
        shape = rng.choice(["disc", "panel", "icon"])
        if shape == "disc":
            s.body.append('<circle cx="%.1f" cy="%.1f" r="%.1f" fill="%s"/>'
                          % (x0 + sz / 2, H / 2, sz / 2, c))
        elif shape == "panel":
            rect(s, x0, rng.uniform(10, H * 0.5), sz, rng.uniform(30, H * 0.45), c,
                 rng.uniform(0, 16))
        else:
            g.place_icon(s, pict(rng, art, split, filled=True), x0,
                         (H - sz) / 2, sz, c)
        d += " inside=%s(%s)" % (shape, c)
    s.desc.append("bg=%s(%s) %s mark=%s(%s)" % (kind, bg, d, icon["name"], mc))
    L = labels(role, hero_margin=int(what != "clear"), palette="n/a", gradient="skip")
    ext = ".jpg" if rng.random() < 0.25 else ".png"
    return s, svg_doc(s), L, role, "hero" + ext if ext == ".jpg" else None, \
        "grainhero", "pict"



def fam_roundhero(split, idx, rng, art):
    """Heroes whose plain canvas is cut with rounded corners (transparent
    outside, anti-aliased rim; dev circular corners, test a rounded
    rectangle with different radii per side): artwork stopping 3..30 px
    before x = width - 415 leaves the margin free (0); artwork poking
    6..10 px past it does not (1)."""
    role = "hero"
    W, H = g.ROLES[role]
    s = sample(split, idx, role, rng)
    kind, bg = hero_bg(rng)
    s.bg_kind, s.bg_cols = kind, [bg]
    if split == "dev":
        r = rng.uniform(6, 40)
        s.body.append('<rect x="0" y="0" width="%d" height="%d" rx="%.1f" fill="%s"/>'
                      % (W, H, r, bg))
        d = "round(r=%.0f)" % r
    else:
        rx, ry = rng.uniform(6, 40), rng.uniform(6, 40)
        s.body.append('<rect x="0" y="0" width="%d" height="%d" rx="%.1f" ry="%.1f" fill="%s"/>'
                      % (W, H, rx, ry, bg))
        d = "round(rx=%.0f,ry=%.0f)" % (rx, ry)
    poke = rng.random() < 0.4
    edge = W - g.MARGIN
    right = round(edge + rng.uniform(6, 10)) if poke else round(edge - rng.uniform(3, 30))
    mc, icon = hero_artwork(s, rng, art, split, bg, right)
    s.desc.append("bg=%s(%s) %s margin=%s(right=%d) mark=%s(%s)"
                  % (kind, bg, d, "poke" if poke else "clear", right, icon["name"], mc))
    L = labels(role, hero_margin=int(poke), palette="n/a")
    return s, svg_doc(s), L, role, None, "roundhero", "pict"


# Short words for fam_iconrow's positives; test sees others.
ROW_WORDS = {
    "dev": ["Finch", "Opal", "Sable", "Umbra", "Vireo", "Dune", "Kite", "Loop", "Mesa",
            "Pulse", "Gust", "Halo"],
    "test": ["Alder", "Drift", "Elm", "Fjord", "Iris", "Maple", "Onyx", "Quill", "Raven",
             "Vale", "Wren", "Brook"],
}


def icon_row(s, rng, art, split, x, y, aw, ah, c, bg, n, rows):
    """@n pictograms of the split's icon sets (different icons) in @rows
    rows within (x, y, aw, ah): one size, a gap of 0.1..0.6 of it, one
    colour or one each, bare or each cut out of a plate (disc, square or
    rounded square).  Returns (description, icon size, row width)."""
    gap = rng.uniform(0.1, 0.6)
    sz = min(ah / (rows + (rows - 1) * gap), aw / (n + (n - 1) * gap))
    cols = [c] * n
    if rng.random() < 0.4:
        cols = [colour_away(rng, [bg], 40) if bg else other_colour(rng) for _ in range(n)]
    plate = rng.random() < 0.3
    rx = rng.choice([0, 0.2, 0.5])
    names = []
    for j in range(rows):
        for i in range(n):
            icon = pict(rng, art, split, filled=None if not plate else rng.random() < 0.5)
            ix, iy = x + i * sz * (1 + gap), y + j * sz * (1 + gap)
            if plate:
                rect(s, ix, iy, sz, sz, cols[i], sz * rx)
                g.place_icon(s, icon, ix + sz * 0.16, iy + sz * 0.16, sz * 0.68,
                             bg if bg else "#FFFFFF")
            else:
                g.place_icon(s, icon, ix, iy, sz, cols[i])
            names.append(icon["name"])
    return ("%dx%d sz=%.1f gap=%.2f%s %s" % (n, rows, sz, gap, " plates" if plate else "",
                                            ",".join(names)),
            sz, n * sz + (n - 1) * sz * gap)


def row_canvas(split, idx, rng, roles, pad_hi):
    """The canvas of iconrow's and texttrack's rows: a role from @roles, a
    ground of any kind (none: transparent), an ink colour away from it,
    and the area the rows and marks may use (a hero's left part; a logo
    less a padding of 4 %..@pad_hi of its width).  Returns the sample,
    its role, the ground's kind and colour (None: transparent), the ink
    and the area (x0, y0, w, h)."""
    role = rng.choice(roles)
    W, H = g.ROLES[role]
    s = sample(split, idx, role, rng)
    bgk = rng.choice(["flat", "white", "transparent", "dark", "tint"])
    bg = ground_colour(rng, bgk)
    if bg:
        rect(s, 0, 0, W, H, bg)
        s.bg_kind, s.bg_cols = bgk, [bg]
    c = other_colour(rng) if not bg else colour_away(rng, [bg], 45)
    if role == "hero":
        hero_clip(s, 392)
        return s, role, bgk, bg, c, (20.0, H * 0.15, 360.0, H * 0.7)
    pad = max(2, W * rng.uniform(0.04, pad_hi))
    return s, role, bgk, bg, c, (pad, pad, W - 2 * pad, H - 2 * pad)


def row_labels(s, role, bgk, bg, c, desc, cap):
    """Closes a row_canvas() sample (a hero's clip, the description) and
    returns its labels: the ground's rules, text 1 from a @cap of 5 px
    (None: no text), palette and gradient not judged."""
    if role == "hero":
        s.body.append("</g>")
    s.desc.append("%s bg=%s(%s) colour=%s" % (desc, bgk, bg, c))
    L = labels(role, background_white=int(bgk == "white"),
               background_transparent=int(bgk == "transparent") if role == "hero" else "n/a",
               transparent_foreground=0 if role != "hero" else "n/a",
               palette="skip", gradient="skip",
               text=0 if cap is None else (1 if cap >= 5 else "skip"))
    if role == "hero" and bgk == "transparent":
        L["hero-contrast"] = "skip"
    return L


def fam_iconrow(split, idx, rng, art):
    """Rows and grids of 3..6 different pictograms (the split's icon sets:
    OCR reads a row of small icons as capitals, "HOLS", "Bea"), 5..48 px,
    gaps 0.1..0.6 of their size, one colour or several, bare or cut out of
    plates, alone or beside or under a mark: text 0.  Positives in the
    same layouts (two fifths): a short word after a row of 2..3 icons or
    under a row, or its letters tracked apart like the icons of a row:
    text 1 from a 5 px cap height."""
    s, role, bgk, bg, c, (x0, y0, aw, ah) = row_canvas(
        split, idx, rng, ["small", "medium", "medium", "large", "wide", "wide", "hero"], 0.12)
    positive = rng.random() < 0.4
    n = rng.randint(3, 6)
    rows = 2 if rng.random() < 0.25 else 1
    cap = None
    if not positive:
        layout = rng.choice(["row", "row", "beside", "under"])
        if layout == "beside" and aw > ah * 1.3:
            msz = ah * rng.uniform(0.5, 0.8)
            g.place_icon(s, pict(rng, art, split, filled=True), x0, y0 + (ah - msz) / 2, msz, c)
            rh = ah * rng.uniform(0.2, 0.45)
            d, _, _ = icon_row(s, rng, art, split, x0 + msz * 1.2, y0 + (ah - rh) / 2,
                               aw - msz * 1.2, rh, c, bg, n, rows)
        elif layout == "under" and ah >= 40:
            msz = ah * rng.uniform(0.4, 0.55)
            g.place_icon(s, pict(rng, art, split, filled=True), x0 + (aw - msz) / 2, y0, msz, c)
            d, _, _ = icon_row(s, rng, art, split, x0, y0 + msz * 1.15, aw,
                               ah - msz * 1.15, c, bg, n, rows)
        else:
            layout = "row"
            rh = ah * rng.uniform(0.15, 0.6) * (2 if rows == 2 else 1)
            rh = min(rh, ah)
            d, _, rw = icon_row(s, rng, art, split, x0, y0 + (ah - rh) * rng.uniform(0.2, 0.8),
                                aw, rh, c, bg, n, rows)
        desc = "iconrow=%s %s" % (layout, d)
    else:
        (font, style, weight), _ = pick_font(rng, split)
        word = rng.choice(ROW_WORDS[split] + ABBR_WORDS[split])
        if rng.random() < 0.3:
            word = word.upper()
        layout = rng.choice(["after", "under", "tracked"])
        lo = 7.5 if font not in SCRIPT else 10
        size = None
        d = ""
        if layout == "after" and aw > ah * 1.3:
            rh = ah * rng.uniform(0.3, 0.55)
            d, sz, rw = icon_row(s, rng, art, split, x0, y0 + (ah - rh) / 2, aw * 0.45, rh,
                                 c, bg, rng.randint(2, 3), 1)
            tx = x0 + rw + max(2, sz * 0.4)
            size = fit_size(word, x0 + aw - tx, ah, font, weight, lo, max(lo, sz * 1.3))
            if size:
                set_word(s, word, tx, y0 + ah / 2 + size * 0.35, size, c, font, style, weight)
        elif layout == "under" and ah >= 30:
            rh = ah * rng.uniform(0.3, 0.5)
            d, sz, rw = icon_row(s, rng, art, split, x0, y0, aw, rh, c, bg, n, 1)
            size = fit_size(word, aw, ah - rh - 2, font, weight, lo, (ah - rh) * 0.8)
            if size:
                set_word(s, word, x0 + aw / 2, y0 + rh + 2 + size * 0.75, size, c, font,
                         style, weight, "middle")
        if size is None:
            s.body = s.body[:1] if bg else []
            if role == "hero":
                hero_clip(s, 392)
            layout, d = "tracked", ""
            sp = rng.uniform(0.1, 0.4)
            hi = ah * 0.6 if role != "small" else rng.uniform(8, 13)
            size = fit_size(word, aw / (1 + sp * 1.1), ah, font, weight, lo, hi) or lo
            s.body.append('<text x="%.2f" y="%.2f" font-family="%s" font-size="%.2f" '
                          'font-style="%s" font-weight="%s" text-anchor="middle" '
                          'letter-spacing="%.2f" fill="%s">%s</text>'
                          % (x0 + aw / 2, y0 + ah / 2 + size * 0.36, font, size, style,
                             weight, size * sp, c, word))
        cap = size * 0.7
        desc = 'iconrow=word-%s text="%s"(%s %s %s %.1fpx cap=%.1f) %s' % (
            layout, word, font, style, weight, size, cap, d)
    L = row_labels(s, role, bgk, bg, c, desc, cap)
    return s, svg_doc(s), L, role, None, "iconrow", "word" if positive else "row"


GRADTONE_SHAPES = {"dev": ("disc", "bar", "tri", "icon"),
                   "test": ("hex", "ring", "wedge", "icon")}


def fam_gradtone(split, idx, rng, art):
    """A gradient fill beside a close flat tone: a shape filled with a
    linear or radial gradient whose one end lies 2..12 CIE76 from a flat
    shape it touches, overlaps or lies on (a ramp on a flat base that it
    fades into, a ramp beside a flat block, a flat shape on a ramp), so
    the ramp runs into the flat tone without an edge; a quarter have the
    fill flat too, 12..30 from the flat tone (gradient 0).  Dev: discs,
    bars, triangles and the dev split's filled icons; test: hexagons,
    rings, wedges and the test split's filled icons.  Every logo role,
    any background, opaque ones a third as JPEG at quality 35..92;
    labelled from a twin with the gradient flattened to its near end."""
    role = rng.choice(["small", "small", "medium", "large", "wide"])
    W, H = g.ROLES[role]
    s = sample(split, idx, role, rng)
    s.icons = art[split]["pict_fill"]
    if rng.random() < 0.25:
        bgk, bg = "transparent", None
    else:
        bgk, bg = opaque_background(s, rng, W, H)
    avoid = [bg] if bg else []
    flat = colour_away(rng, avoid, 30, 0.15, 0.85)
    near = shade_near(rng, flat, 2, 12, avoid)
    far = shade_near(rng, near, 25, 70, avoid + [flat])
    graded = rng.random() < 0.75
    kinds = GRADTONE_SHAPES[split]
    size = min(W, H) * rng.uniform(0.75, 0.95)
    ox, oy = (W - size) / 2, (H - size) / 2
    gid = s.gid()
    radial = rng.random() < 0.3
    layout = rng.choice(["onbase", "beside", "onramp"])
    if radial:
        # the near end outside: the fill fades out into the flat tone
        ends = (far, near)
        s.defs.append('<radialGradient id="%s" cx=".5" cy=".5" r="%.2f"><stop offset="0" '
                      'stop-color="%s"/><stop offset="1" stop-color="%s"/></radialGradient>'
                      % (gid, rng.uniform(0.5, 0.75), ends[0], ends[1]))
    else:
        ang = rng.uniform(0, 2 * math.pi)
        dx, dy = math.cos(ang) / 2, math.sin(ang) / 2
        s.defs.append('<linearGradient id="%s" x1="%.3f" y1="%.3f" x2="%.3f" y2="%.3f">'
                      '<stop offset="0" stop-color="%s"/><stop offset="1" stop-color="%s"/>'
                      '</linearGradient>' % (gid, .5 - dx, .5 - dy, .5 + dx, .5 + dy,
                                             near, far))
    paint = "url(#%s)" % gid if graded else shade_near(rng, flat, 12, 30, avoid)
    n0 = len(s.body)
    k1, k2 = rng.choice(kinds), rng.choice(kinds)
    if layout == "onbase":
        # a flat base over most of the box, the fill on it
        if rng.random() < 0.5:
            tone_shape(s, rng, split, "disc", 0, 0, size, size, flat)
        else:
            rect(s, 0, 0, size, size, flat, size * rng.choice([0.0, 0.12, 0.25]))
        w = size * rng.uniform(0.45, 0.7)
        h = min(w * (rng.uniform(1.1, 1.5) if k1 == "bar" else 1.0), size * 0.8)
        tone_shape(s, rng, split, k1, (size - w) / 2, (size - h) / 2, w, h, paint)
    elif layout == "beside":
        # two shapes side by side, touching or overlapping a little
        w1 = size * rng.uniform(0.4, 0.55)
        w2 = size - w1 * rng.uniform(0.8, 1.0)
        h1 = size * rng.uniform(0.6, 1.0)
        h2 = size * rng.uniform(0.6, 1.0)
        first = [(k1, 0, (size - h1) / 2, w1, h1, flat),
                 (k2, size - w2, (size - h2) / 2, w2, h2, paint)]
        if rng.random() < 0.5:
            first.reverse()
        for k, x, y, w, h, c in first:
            tone_shape(s, rng, split, k, x, y, w, h, c)
    else:
        # the fill as the base, a flat shape on it in a tone close to
        # its near end
        if rng.random() < 0.5:
            tone_shape(s, rng, split, "disc", 0, 0, size, size, paint)
        else:
            rect(s, 0, 0, size, size, paint, size * rng.choice([0.0, 0.12, 0.25]))
        w = size * rng.uniform(0.3, 0.5)
        x = rng.uniform(0.1, 0.9 - w / size) * size
        y = rng.uniform(0.1, 0.9 - w / size) * size
        tone_shape(s, rng, split, k1, x, y, w, w, flat)
    s.body[n0:] = ['<g transform="translate(%.2f,%.2f)">%s</g>'
                   % (ox, oy, "".join(s.body[n0:]))]
    s.desc.append("%s %s flat=%s fill=%s bg=%s(%s)"
                  % (layout, ("radial" if radial else "linear") + "(%s..%s)" % (near, far)
                     if graded else "flat", flat, paint if not graded else "ramp", bgk, bg))
    L = labels(role, background_white=int(bgk == "white"),
               background_black=int(bgk == "black"), text=0,
               gradient="post" if graded else 0, palette="skip",
               transparent_foreground="skip")
    if graded:
        s.twin = svg_doc(s).replace("url(#%s)" % gid, near)
    name = None
    if bg and rng.random() < 0.35:
        s.jpeg = rng.choice(JPEG_QUALITY)
        s.desc.append("jpeg Q=%d" % s.jpeg)
        name = "%s.jpg" % role
    return s, svg_doc(s), L, role, name, "gradtone", "gradient" if graded else "tones"


FUNCS = {"names": fam_names, "frame": fam_frame, "card": fam_card,
         "edge": fam_edge, "darkmark": fam_darkmark,
         "heromargin": fam_heromargin, "text": fam_text,
         "shapeneg": fam_shapeneg, "textglow": fam_textglow,
         "textneg": fam_textneg, "huge": fam_huge, "gradlogo": fam_gradlogo,
         "glow": fam_glow, "devgrad": fam_devgrad, "flatjpeg": fam_flatjpeg, "emoji": fam_emoji, "paljpeg": fam_paljpeg, "emojipal": fam_emojipal, "texture": fam_texture, "palette": fam_palette,
         "palneg": fam_palneg, "flatscale": fam_flatscale,
         "textabbr": fam_textabbr, "textstyle": fam_textstyle,
         "textedge": fam_textedge, "tonejpeg": fam_tonejpeg, "dotneg": fam_dotneg,
         "palother": fam_palother, "iconrow": fam_iconrow,
         "gradtone": fam_gradtone, "grainhero": fam_grainhero,
         "roundhero": fam_roundhero}


def compose_family(out, split, fam, idx, art):
    """Composes sample @idx of @fam; writes its SVG (and twin); returns the
    row for labels.tsv (post labels resolved after rendering)."""
    rng = random.Random("assetlint-eval-fam-%s-%s-%d" % (fam, split, idx))
    s, svg, L, role, name, family, mk = FUNCS[fam](split, idx, rng, art)
    folder = os.path.join("corpus", split, "fam", fam)
    base = "%04d-%s" % (idx, role)
    ext = ".png"
    if name is not None:
        if name.startswith("hero.") or name in ("hero.jpg",):
            ext = name[4:]
        else:
            folder = os.path.join(folder, "%04d" % idx)
            base, ext = os.path.splitext(name)
    os.makedirs(os.path.join(out, folder), exist_ok=True)
    svgdir = os.path.join(out, "svg", split, "fam", fam)
    os.makedirs(svgdir, exist_ok=True)
    svgp = os.path.join(svgdir, "%04d.svg" % idx)
    with open(svgp, "w", encoding="utf-8") as f:
        f.write(svg)
    row = {"path": os.path.join(folder, base + ext), "svg": svgp,
           "png": os.path.join(out, folder, base + ext), "split": split,
           "role": role, "bg": s.bg_kind, "mark": mk, "family": family,
           "labels": L, "desc": s.desc}
    # extra renders for labels: the twin, the design rendered large
    for kind in ("twin", "design"):
        doc = getattr(s, kind, None)
        if not doc:
            continue
        p = os.path.join(svgdir, "%04d-%s.svg" % (idx, kind))
        with open(p, "w", encoding="utf-8") as f:
            f.write(doc)
        row[kind + "_svg"] = p
        row[kind + "_png"] = p[:-4] + ".png"
    if getattr(s, "resample", None):
        row["resample"] = s.resample
    if getattr(s, "jpeg", None):
        # rendered as PNG (the labels read it), then saved as JPEG
        row["jpeg"], row["jpeg_out"] = s.jpeg, row["png"]
        row["png"] = os.path.join(svgdir, "%04d-render.png" % idx)
    return row


def resolve_all(rows, jobs):
    """resolve_post over @rows, @jobs processes at a time."""
    import concurrent.futures as cf
    todo = [r for r in rows if "post" in r["labels"].values() or r.get("jpeg")]
    if not todo:
        return
    with cf.ProcessPoolExecutor(max_workers=max(1, jobs)) as ex:
        for r, (L, desc) in zip(todo, ex.map(resolve_post, todo)):
            r["labels"], r["desc"] = L, desc


def resolve_post(row):
    """Labels that need the rendered pixels (gradient of iconify logos,
    palette of flat illustrations); returns (labels, desc)."""
    L = row["labels"]
    if row.get("resample"):
        resample_row(row)
    png = row["png"]
    if L.get("gradient") == "post":
        v, n, span = gradient_label(png, row["twin_png"])
        L["gradient"] = v
        row["desc"].append("gradient-px=%d span=%.0f" % (n, span))
    if L.get("palette") == "post":
        bg = row.get("palette_bg")
        m = re.search(r"bg=\w+\((#[0-9A-F]{6})\)", " ".join(row["desc"]))
        if m and "palette_bg" not in row:
            bg = m.group(1)
        v, big, some = palette_label(row["twin_png"], bg)
        row["desc"].append("colours>=3%%=%d >=0.5%%=%d" % (big, some))
        if row.get("design_png"):
            vd, big, some = palette_label(row["design_png"], bg)
            row["desc"].append("design colours>=3%%=%d >=0.5%%=%d" % (big, some))
            if vd != v:
                v = "skip"
        L["palette"] = v
    if row.get("jpeg"):
        import subprocess
        subprocess.run(["vips", "jpegsave", row["png"], row["jpeg_out"], "--Q",
                        str(row["jpeg"])], check=True)
    return L, row["desc"]


def plan(n_fam):
    """(family, count) per split for --n-fam images."""
    tot = sum(w for _, w in FAMILIES)
    return [(f, max(1, round(n_fam * w / tot))) for f, w in FAMILIES + EXTRA_FAMILIES]


# fam_texttrack: words set in spaced capitals; test sees others.
TRACK_WORDS = {
    "dev": ["MINIM", "DESK", "ORBIT", "LINEN", "TIDAL", "NORDIC", "VISTA", "ATRIUM",
            "KINETIC", "SOLSTICE", "MERIDIAN", "HALCYON"],
    "test": ["UNIT", "NIMBLE", "CIVIC", "ISLAND", "POLARIS", "TRIDENT", "AXIOM",
             "INFINITE", "CAPITAL", "LUMINA", "HORIZON", "SIENNA"],
}


def fam_texttrack(split, idx, rng, art):
    """Capitals tracked far apart (a letter-spaced wordmark: gaps of
    0.6..1.9 cap heights, words with I, whose bar is no letter to the
    detector's row test), alone, under or beside a mark, in the split's
    text and style fonts, cap height 5..40 px: text 1 (5 px up).
    Negatives (half): rows of 3..6 pictograms of one size spaced as far
    apart (1..2.2 of their size), alone or under a mark, a third of them
    with thin upright separators between the icons: text 0."""
    s, role, bgk, bg, c, (x0, y0, aw, ah) = row_canvas(
        split, idx, rng, ["small", "medium", "large", "wide", "wide", "hero", "hero"], 0.1)
    positive = rng.random() < 0.5
    cap = None
    layout = rng.choice(["alone", "under", "beside"])
    if layout == "beside" and aw < ah * 1.8:
        layout = "under"
    if layout == "under" and ah < 50:
        layout = "alone"
    # the row's box: the whole area, or what a mark leaves
    rx, ry, rw, rh = x0, y0, aw, ah
    if layout == "under":
        msz = ah * rng.uniform(0.35, 0.5)
        g.place_icon(s, pict(rng, art, split, filled=True), x0 + (aw - msz) / 2, y0, msz, c)
        ry, rh = y0 + msz * 1.2, ah - msz * 1.2
    elif layout == "beside":
        msz = ah * rng.uniform(0.45, 0.75)
        g.place_icon(s, pict(rng, art, split, filled=True), x0, y0 + (ah - msz) / 2, msz, c)
        rx, rw = x0 + msz * 1.25, aw - msz * 1.25
    if positive:
        if rng.random() < 0.6:
            (font, style, weight), _ = pick_font(rng, split)
        else:
            font, style, weight, _ = rng.choice(STYLE_FONTS[split])
        word = rng.choice(TRACK_WORDS[split])
        gap = rng.uniform(0.6, 1.9)  # extra space per letter, in cap heights
        n = len(word)
        # width of the word: n letters of ~0.68 cap... plus n-1 gaps
        size = min(rh * 0.8 / 0.72, rw / (n * 0.72 * 0.95 + (n - 1) * gap * 0.72) * 0.95)
        size = min(size, 56)
        if role == "small":
            size = min(size, rng.uniform(8, 12))
        sp = gap * size * 0.72
        tw = n * size * 0.72 * 0.95 + (n - 1) * sp
        tx = rx + max(0, (rw - tw) / 2) if layout != "beside" else rx
        ty = ry + rh / 2 + size * 0.36
        s.body.append('<text x="%.2f" y="%.2f" font-family="%s" font-size="%.2f" '
                      'font-style="%s" font-weight="%s" letter-spacing="%.2f" '
                      'fill="%s">%s</text>'
                      % (tx, ty, font, size, style, weight, sp, c, word))
        cap = size * 0.72
        desc = 'texttrack=%s text="%s"(%s %s %s %.1fpx cap=%.1f gap=%.2fcap)' % (
            layout, word, font, style, weight, size, cap, gap)
    else:
        n = rng.randint(3, 6)
        gap = rng.uniform(1.0, 2.2)
        sz = min(rh * rng.uniform(0.3, 0.8), rw / (n + (n - 1) * gap))
        seps = rng.random() < 0.35
        cols = [c] * n
        if rng.random() < 0.3:
            cols = [colour_away(rng, [bg], 40) if bg else other_colour(rng) for _ in range(n)]
        rowx = rx + (rw - (n * sz + (n - 1) * sz * gap)) / 2
        iy = ry + (rh - sz) / 2
        names = []
        for i in range(n):
            icon = pict(rng, art, split)
            ix = rowx + i * sz * (1 + gap)
            g.place_icon(s, icon, ix, iy, sz, cols[i])
            names.append(icon["name"])
            if seps and i < n - 1:
                rect(s, ix + sz * (1 + gap / 2) - max(0.8, sz * 0.06) / 2, iy,
                     max(0.8, sz * 0.06), sz, c)
        desc = "texttrack=icons-%s %dx sz=%.1f gap=%.2f%s %s" % (
            layout, n, sz, gap, " seps" if seps else "", ",".join(names))
    L = row_labels(s, role, bgk, bg, c, desc, cap)
    return s, svg_doc(s), L, role, None, "texttrack", "tracked" if positive else "row"


FUNCS["texttrack"] = fam_texttrack


def fam_paltint(split, idx, rng, art):
    """A flat UI icon drawn in a tonal set: 3..4 shades of one hue that
    lie on one line in sRGB (white to a dark shade, as Material's
    blue-greys do), with 0..2 accent colours, at 40..90 px as PNG.  The
    light shades are drawn in small boxes (2..4 px) and lines 1 px wide
    on the pixel grid, so each lies between the white under it and the
    dark frame exactly as a thin ring's mix would, though it is one
    colour.  Dev draws checklists and calendars, test bar charts and
    documents.  A third draw, instead of the light shades' lines, rings
    under a pixel wide in a shade over a disc (their mixes are no
    colour).  Palette from the design drawn large without
    anti-aliasing."""
    size = rng.choice([40, 40, 48, 48, 64, 90])
    role = SIZE_ROLE.get((size, size), "unknown")
    s = sample(split, idx, role if role != "unknown" else "large", rng, size, size)
    s.role = role
    bgk = rng.choice(["flat", "flat", "tint", "transparent", "white"])
    bg = ground_colour(rng, bgk)
    if bg:
        rect(s, 0, 0, size, size, bg)
        s.bg_kind, s.bg_cols = bgk, [bg]
    # the tonal set: shades of one dark colour towards white
    while True:
        dark = g.hsl(rng, 0.18, 0.32, 0.15, 0.6)
        ts = sorted(rng.sample([0.2, 0.3, 0.45, 0.6, 0.75], rng.choice([2, 3])))
        tones = [g.rgb2hex(tuple(255 + t * (d - 255) for d in g.hex2rgb(dark)))
                 for t in ts]
        shades = tones + [dark]
        if all(g.de(a, b) >= 15 for i, a in enumerate(shades) for b in shades[i + 1:]) \
                and (not bg or all(g.de(c, bg) >= 20 for c in shades)):
            break
    accents = []
    for _ in range(rng.choice([0, 1, 1, 2])):
        accents.append(colour_away(rng, ([bg] if bg else []) + shades + accents + ["#FFFFFF"],
                                   30, 0.35, 0.7))
    u = size / 40.0
    px = max(1, round(u))          # the 1-px lines, on the grid at 40 px
    rings = rng.random() < 1 / 3
    light = tones[0]
    items = tones + accents
    x0, y0 = round(6 * u), round(6 * u)
    x1, y1 = size - round(6 * u), size - round(4 * u)
    fw = max(1, round(2 * u))
    rect(s, x0, y0, x1 - x0, y1 - y0, dark)
    rect(s, x0 + fw, y0 + fw, x1 - x0 - 2 * fw, y1 - y0 - 2 * fw, "#FFFFFF")
    ix0, iy0, ix1, iy1 = x0 + fw, y0 + fw, x1 - fw, y1 - fw
    layout = rng.choice(["checklist", "calendar"] if split == "dev" else ["bars", "document"])
    if layout in ("checklist", "document"):
        # a clip or a folded corner in the mid shade
        mid = tones[-1] if len(tones) > 1 else dark
        if layout == "checklist":
            rect(s, round(size * 0.35), round(3 * u), round(size * 0.3), round(5 * u), mid)
        else:
            s.body.append('<polygon points="%d,%d %d,%d %d,%d" fill="%s"/>'
                          % (ix1 - round(7 * u), iy0, ix1, iy0, ix1, iy0 + round(7 * u), mid))
        pitch = max(5, round(6 * u))
        rows = max(2, min(len(items), (iy1 - iy0 - round(4 * u)) // pitch))
        for r in range(rows):
            c = items[r % len(items)]
            y = iy0 + round(4 * u) + r * pitch
            bx = ix0 + round(3 * u)
            if layout == "checklist":
                b = rng.choice([3, 3, 4]) if size < 64 else round(rng.choice([3, 4]) * u)
                rect(s, bx, y, b, b, c)
                lx = bx + b + round(2 * u)
            else:
                lx = bx
            lw = ix1 - round(3 * u) - lx
            rect(s, lx, y + 1, round(lw * rng.uniform(0.6, 1.0)), px, c)
            if not rings:
                rect(s, lx, y + 1 + 2 * px, round(lw * rng.uniform(0.4, 0.9)), px, c)
    else:
        # calendar cells or chart bars in the shades and accents
        cols = rng.choice([3, 4])
        cw = (ix1 - ix0 - round(2 * u)) // cols
        for k in range(cols * (2 if layout == "calendar" else 1)):
            c = items[k % len(items)]
            q, r = k % cols, k // cols
            x = ix0 + round(u) + q * cw
            if layout == "calendar":
                y = iy0 + round(6 * u) + r * (cw + px)
                rect(s, x, y, max(2, cw - 2 * px), max(2, cw - 2 * px), c)
            else:
                h = round((iy1 - iy0 - round(6 * u)) * rng.uniform(0.3, 0.9))
                rect(s, x, iy1 - round(2 * u) - h, max(2, cw - 2 * px), h, c)
        # a 1-px rule in the light shade
        rect(s, ix0 + round(u), iy0 + round(3 * u), ix1 - ix0 - round(2 * u), px, light)
    if rings:
        # rings under a pixel wide in a shade over a disc of another
        cx, cy = (ix0 + ix1) / 2, (iy0 + iy1) / 2
        r0 = (iy1 - iy0) * rng.uniform(0.18, 0.28)
        s.body.append('<circle cx="%.2f" cy="%.2f" r="%.2f" fill="%s"/>'
                      % (cx, cy, r0, rng.choice(accents or [dark])))
        ring = rng.choice(tones)
        for k in range(rng.randint(2, 3)):
            s.body.append('<circle cx="%.2f" cy="%.2f" r="%.2f" fill="none" stroke="%s" '
                          'stroke-width="%.2f"/>' % (cx, cy, r0 * (0.85 - 0.28 * k), ring,
                                                   rng.uniform(0.45, 0.9) * u))
    s.desc.append("paltint=%s tones=%s dark=%s accents=%s%s bg=%s(%s)"
                  % (layout, ",".join(tones), dark, ",".join(accents) or "-",
                     " rings" if rings else "", bgk, bg))
    s.twin = crisp_twin(svg_doc(s), size, size)
    L = labels(role, background_white=int(bgk == "white"), text=0, gradient=0,
               transparent_foreground="skip" if bgk == "transparent" else 0,
               palette="post", dimensions=int(role == "unknown"))
    name = "%s-%dx%d.png" % (rng.choice(["icon", "logo"]), size, size) \
        if role == "unknown" else None
    return s, svg_doc(s), L, role, name, "paltint", layout


FUNCS["paltint"] = fam_paltint
def fam_cropmark(split, idx, rng, art):
    """A disc or ring (test: also a hexagon) cut by one to three edges of
    a white, black or coloured logo, covering much of the border, with the
    canvas in all four corners, a pictogram of the split's sets inside
    half of them, a fifth saved as JPEG: the background is the canvas
    (background-white / -black by its colour).  s11-probe found the
    model calling such canvases mixed with no canvas colour."""
    role = rng.choice(["small", "small", "medium", "large", "wide"])
    W, H = g.ROLES[role]
    s = sample(split, idx, role, rng)
    bgk = rng.choice(["white", "black", "flat"])
    bg = {"white": lambda: rng.choice(g.WHITE_BG), "black": lambda: rng.choice(g.BLACK_BG),
          "flat": lambda: g.mid_colour(rng)}[bgk]()
    rect(s, 0, 0, W, H, bg)
    s.bg_kind, s.bg_cols = bgk, [bg]
    shapes = ["disc", "ring"] + (["hexagon"] if split == "test" else [])
    shape = rng.choice(shapes)
    c = colour_away(rng, [bg], 40)
    m = min(W, H)
    for _ in range(200):
        r = m * rng.uniform(0.45, 0.62)
        cx = rng.uniform(r * 0.55, W - r * 0.55)
        cy = rng.uniform(r * 0.55, H - r * 0.55)
        sides = (cx - r < 0) + (cx + r > W) + (cy - r < 0) + (cy + r > H)
        corner = min(math.hypot(px - cx, py - cy) for px in (0.5, W - 0.5)
                     for py in (0.5, H - 0.5))
        if 1 <= sides <= 3 and corner > r + 2.5:
            break
    if shape == "disc":
        s.body.append('<circle cx="%.2f" cy="%.2f" r="%.2f" fill="%s"/>' % (cx, cy, r, c))
    elif shape == "ring":
        sw = r * rng.uniform(0.25, 0.45)
        s.body.append('<circle cx="%.2f" cy="%.2f" r="%.2f" fill="none" stroke="%s" '
                      'stroke-width="%.2f"/>' % (cx, cy, r - sw / 2, c, sw))
    else:
        pts = " ".join("%.2f,%.2f" % (cx + r * math.cos(math.pi / 3 * k),
                                      cy + r * math.sin(math.pi / 3 * k)) for k in range(6))
        s.body.append('<polygon points="%s" fill="%s"/>' % (pts, c))
    icon = None
    if shape != "ring" and rng.random() < 0.5:
        icon = pict(rng, art, split, filled=True)
        isz = r * 0.7
        g.place_icon(s, icon, cx - isz / 2, cy - isz / 2, isz, colour_away(rng, [c, bg], 40))
    jpg = rng.random() < 0.2
    if jpg:
        s.jpeg = rng.choice(JPEG_QUALITY)
    s.desc.append("cropmark=%s(%s r=%.1f at %.1f,%.1f) bg=%s(%s)%s%s"
                  % (shape, c, r, cx, cy, bgk, bg, " icon=" + icon["name"] if icon else "",
                     " jpeg Q=%d" % s.jpeg if jpg else ""))
    L = labels(role, background_white=int(bgk == "white"),
               background_black=int(bgk == "black"), palette="skip",
               gradient="skip" if jpg else 0)
    return s, svg_doc(s), L, role, ("%s.jpg" % role) if jpg else None, "cropmark", "shape"


FUNCS["cropmark"] = fam_cropmark
EXTRA_FAMILIES += (("cropmark", 5),)
# fam_textring: words set around a ring; test sees others.
RING_WORDS = {
    "dev": ["CERTIFIED", "PARTNER", "NORTHWIND", "QUALITY", "CONTOSO", "SECURE",
            "FABRIKAM", "PREMIUM", "CLOUD", "ORIGINAL", "TRUSTED", "ESTATE"],
    "test": ["VERIFIED", "ALLIANCE", "WOODGROVE", "GENUINE", "TAILSPIN", "SHIELD",
             "LITWARE", "SELECT", "HARBOR", "OFFICIAL", "GUARDIAN", "MARKET"],
}


def fam_textring(split, idx, rng, art):
    """Words set along a circle (a seal, a badge): each letter turned by
    its angle, over the circle's top (standing outward) or under its
    bottom (inward) or both, around a pictogram, with or without ring
    outlines, in the split's text and style fonts, letters 0.6..1.1 of a
    letter apart, cap height 5..20 px: text 1 (5 px up).  Negatives (two
    fifths): the same arcs of small pictograms, dots or stars instead of
    letters: text 0."""
    s, role, bgk, bg, c, (x0, y0, aw, ah) = row_canvas(
        split, idx, rng, ["medium", "large", "large", "wide", "wide", "hero"], 0.06)
    positive = rng.random() < 0.6
    cx, cy = x0 + aw / 2, y0 + ah / 2
    R = min(aw, ah) / 2 * rng.uniform(0.62, 0.86)
    msz = R * rng.uniform(0.7, 1.05)
    g.place_icon(s, pict(rng, art, split), cx - msz / 2, cy - msz / 2, msz, c)
    outline = rng.choice(["none", "one", "two"])
    size = R * rng.uniform(0.28, 0.46)
    if outline != "none":
        sw = max(0.8, R * rng.uniform(0.02, 0.05))
        for r in ([R + size * 0.62] if outline == "one" else
                  [R + size * 0.62, R - size * 0.62]):
            s.body.append('<circle cx="%.2f" cy="%.2f" r="%.2f" fill="none" stroke="%s" '
                          'stroke-width="%.2f"/>' % (cx, cy, r, c, sw))
    sides = rng.choice(["top", "top", "bottom", "both"])
    cap = None
    if positive:
        if rng.random() < 0.6:
            (font, style, weight), _ = pick_font(rng, split)
        else:
            font, style, weight, _ = rng.choice(STYLE_FONTS[split])
        words = rng.sample(RING_WORDS[split], 2)
        cap = size * 0.72
    spread = rng.uniform(0.6, 1.1)  # letter pitch, in sizes
    names = []
    for side, word in zip(["top", "bottom"] if sides == "both" else [sides],
                          words if positive else ["x" * rng.randint(3, 7)] * 2):
        n = len(word)
        # at most a half turn of the circle
        pitch = min(size * spread / R, math.pi * 0.9 / max(1, n - 1))
        icon = pict(rng, art, split, filled=True) if not positive else None
        kind = rng.choice(["icon", "dot", "star"]) if not positive else "letter"
        for k in range(n):
            a = (k - (n - 1) / 2) * pitch * 180 / math.pi
            rot = a if side == "top" else -a
            y = cy - R if side == "top" else cy + R
            if kind == "letter":
                s.body.append('<g transform="rotate(%.2f %.2f %.2f)"><text x="%.2f" y="%.2f" '
                              'font-family="%s" font-size="%.2f" font-style="%s" '
                              'font-weight="%s" text-anchor="middle" fill="%s">%s</text></g>'
                              % (rot, cx, cy, cx, y + size * 0.36, font, size, style,
                                 weight, c, word[k]))
            elif kind == "icon":
                s.body.append('<g transform="rotate(%.2f %.2f %.2f)">' % (rot, cx, cy))
                g.place_icon(s, icon if rng.random() < 0.5 else pict(rng, art, split),
                             cx - size * 0.4, y - size * 0.4, size * 0.8, c)
                s.body.append('</g>')
            elif kind == "dot":
                s.body.append('<circle cx="%.2f" cy="%.2f" r="%.2f" fill="%s" '
                              'transform="rotate(%.2f %.2f %.2f)"/>'
                              % (cx, y, size * 0.22, c, rot, cx, cy))
            else:
                pts = " ".join("%.2f,%.2f" % (cx + size * (0.4 if j % 2 == 0 else 0.17) *
                                              math.sin(j * math.pi / 5),
                                              y - size * (0.4 if j % 2 == 0 else 0.17) *
                                              math.cos(j * math.pi / 5)) for j in range(10))
                s.body.append('<polygon points="%s" fill="%s" transform="rotate(%.2f %.2f %.2f)"/>'
                              % (pts, c, rot, cx, cy))
        names.append("%s:%s" % (side, word if positive else kind))
    if positive:
        desc = 'textring=%s %s(%s %s %s %.1fpx cap=%.1f R=%.1f pitch=%.2f ring=%s)' % (
            sides, "+".join(names), font, style, weight, size, cap, R, spread, outline)
    else:
        desc = 'textring=shapes-%s %s size=%.1f R=%.1f ring=%s' % (
            sides, "+".join(names), size, R, outline)
    L = row_labels(s, role, bgk, bg, c, desc, cap)
    return s, svg_doc(s), L, role, None, "textring", "ring" if positive else "ringneg"


FUNCS["textring"] = fam_textring


# fam_canvasjpeg: a base of nearly the canvas's colour, flat or graded.
CANVAS_BASES = {"dev": ("disc", "card"), "test": ("hex", "card", "squircle")}


def fam_canvasjpeg(split, idx, rng, art):
    """A large base shape (dev: a disc or a rounded card; test: a hexagon,
    a card or a squircle) 6..25 CIE76 from a flat canvas (a mid colour or
    white), on a logo (mostly small) saved as JPEG at quality 35..85,
    with zero to two dark
    flat shapes of the split's kinds on it.  Half the bases are filled
    with a linear or radial gradient that starts at the base's colour and
    runs 15..45 away (gradient 1, labelled from a twin with the fill
    flat), half are flat (gradient 0): JPEG smears such a base's rim into
    the canvas, and the two join one region, flat or not."""
    role = rng.choice(["small", "small", "medium", "large"])
    W, H = g.ROLES[role]
    s = sample(split, idx, role, rng)
    s.icons = art[split]["pict_fill"]
    bg = g.mid_colour(rng) if rng.random() < 0.8 else rng.choice(g.WHITE_BG)
    bgk = "white" if bg in g.WHITE_BG else "flat"
    rect(s, 0, 0, W, H, bg)
    s.bg_kind, s.bg_cols = bgk, [bg]
    base = shade_near(rng, bg, 6, 25)
    graded = rng.random() < 0.5
    gid = s.gid()
    if graded:
        far = shade_near(rng, base, 15, 45, [bg])
        if rng.random() < 0.5:
            s.defs.append('<radialGradient id="%s" cx=".5" cy=".5" r="%.2f"><stop offset="0" '
                          'stop-color="%s"/><stop offset="1" stop-color="%s"/></radialGradient>'
                          % (gid, rng.uniform(0.5, 0.8), far, base))
            kind = "radial"
        else:
            ang = rng.uniform(0, 2 * math.pi)
            dx, dy = math.cos(ang) / 2, math.sin(ang) / 2
            s.defs.append('<linearGradient id="%s" x1="%.3f" y1="%.3f" x2="%.3f" y2="%.3f">'
                          '<stop offset="0" stop-color="%s"/><stop offset="1" stop-color="%s"/>'
                          '</linearGradient>' % (gid, .5 - dx, .5 - dy, .5 + dx, .5 + dy,
                                                 base, far))
            kind = "linear"
        paint = "url(#%s)" % gid
    else:
        paint, far, kind = base, base, "flat"
    size = min(W, H) * rng.uniform(0.7, 0.92)
    ox, oy = (W - size) / 2, (H - size) / 2
    shape = rng.choice(CANVAS_BASES[split])
    n0 = len(s.body)
    if shape == "disc":
        tone_shape(s, rng, split, "disc", 0, 0, size, size, paint)
    elif shape == "hex":
        tone_shape(s, rng, split, "hex", 0, 0, size, size, paint)
    else:
        rect(s, 0, 0, size, size, paint, size * (0.12 if shape == "card" else 0.3))
    marks = []
    for _ in range(rng.choice([0, 1, 1, 2])):
        c = colour_away(rng, [bg, base, far], 35, 0.08, 0.35)
        k = rng.choice(TONE_SHAPES[split])
        w = size * rng.uniform(0.2, 0.35)
        tone_shape(s, rng, split, k, rng.uniform(0.15, 0.8 - w / size) * size,
                   rng.uniform(0.15, 0.8 - w / size) * size, w, w, c)
        marks.append("%s(%s)" % (k, c))
    s.body[n0:] = ['<g transform="translate(%.2f,%.2f)">%s</g>'
                   % (ox, oy, "".join(s.body[n0:]))]
    s.jpeg = rng.choice(JPEG_QUALITY[:-1])
    s.desc.append("base=%s %s(%s..%s) marks=%s bg=%s(%s) jpeg Q=%d"
                  % (shape, kind, base, far, ",".join(marks) or "none", bgk, bg, s.jpeg))
    L = labels(role, background_white=int(bgk == "white"),
               background_black=int(bgk == "black"), text=0,
               gradient="post" if graded else 0, palette="skip",
               transparent_foreground="skip")
    if graded:
        s.twin = svg_doc(s).replace("url(#%s)" % gid, base)
    return s, svg_doc(s), L, role, "%s.jpg" % role, "canvasjpeg", \
        "gradient" if graded else "tones"


FUNCS["canvasjpeg"] = fam_canvasjpeg
EXTRA_FAMILIES += (("canvasjpeg", 4),)


def fam_softframe(split, idx, rng, art):
    """A white, black or coloured logo inside a frame line drawn off the
    pixel grid (its outer and inner lines are soft mixes), 1-3 px wide (4
    from 115 px), with square or rounded corners, in grey or a colour, a
    pictogram of the split's sets inside; or (a third) a disc covering one
    corner, the canvas in the other three; a quarter saved as JPEG.  The
    background is the inside (the canvas).  s12-bg's probe found frames
    with soft lines or rounded corners, and discs over a corner, missed."""
    role = rng.choice(["small", "small", "medium", "large", "wide"])
    W, H = g.ROLES[role]
    s = sample(split, idx, role, rng)
    bgk = rng.choice(["white", "black", "flat"])
    bg = {"white": lambda: rng.choice(g.WHITE_BG), "black": lambda: rng.choice(g.BLACK_BG),
          "flat": lambda: g.mid_colour(rng)}[bgk]()
    rect(s, 0, 0, W, H, bg)
    s.bg_kind, s.bg_cols = bgk, [bg]
    m = min(W, H)
    kind = rng.choice(["frame", "frame", "cornerdisc"])
    if kind == "frame":
        grey = rng.randint(0x70, 0xC8)
        fc = rng.choice(["#%02X%02X%02X" % (grey, grey, grey), colour_away(rng, [bg], 25)])
        fw = rng.choice([1, 2, 3] + ([4] if m >= 115 else []))
        off = rng.uniform(0.2, 0.5)
        rx = rng.choice([0, 0, rng.uniform(0.05, 0.12) * m])
        s.body.append('<rect x="%.2f" y="%.2f" width="%.2f" height="%.2f" rx="%.2f" fill="none" '
                      'stroke="%s" stroke-width="%d"/>' % (fw / 2 + off, fw / 2 + off, W - fw - 2 * off,
                                                           H - fw - 2 * off, rx, fc, fw))
        isz = m * rng.uniform(0.4, 0.6)
        icon = pict(rng, art, split, filled=rng.random() < 0.5)
        g.place_icon(s, icon, (W - isz) / 2, (H - isz) / 2, isz, colour_away(rng, [bg, fc], 40))
        what = "frame(%s %dpx off=%.2f rx=%.1f)" % (fc, fw, off, rx)
    else:
        c = colour_away(rng, [bg], 40)
        r = m * rng.uniform(0.45, 0.7)
        cx = rng.choice([0, W]) + rng.uniform(-0.15, 0.15) * m
        cy = rng.choice([0, H]) + rng.uniform(-0.15, 0.15) * m
        s.body.append('<circle cx="%.2f" cy="%.2f" r="%.2f" fill="%s"/>' % (cx, cy, r, c))
        icon = None
        what = "cornerdisc(%s r=%.1f at %.1f,%.1f)" % (c, r, cx, cy)
    jpg = rng.random() < 0.25
    if jpg:
        s.jpeg = rng.choice(JPEG_QUALITY)
    s.desc.append("softframe=%s bg=%s(%s)%s%s" % (what, bgk, bg, " icon=" + icon["name"] if icon else "",
                                                 " jpeg Q=%d" % s.jpeg if jpg else ""))
    L = labels(role, background_white=int(bgk == "white"),
               background_black=int(bgk == "black"), palette="skip",
               gradient="skip" if jpg else 0)
    return s, svg_doc(s), L, role, ("%s.jpg" % role) if jpg else None, "softframe", "shape"


FUNCS["softframe"] = fam_softframe
EXTRA_FAMILIES += (("softframe", 5),)


# ---- artwork no other family draws (s13 judge) ------------------------------
# Families "u*" draw from icon sets and fonts that neither the families
# above nor the probes of earlier sessions used, in the shapes issue #8
# lists; they began as an outside probe of every pixel rule.  By split:
# dev Solar and Iconoir pictograms, Font Awesome 6 brands, token-branded
# marks, Emoji One v1 and material-icon-theme; test Majesticons and
# Gravity UI, Boxicons logos, Fluent emoji and Meteocons (shaded), Noto v1, catppuccin
# and Streamline freehand colour icons.  Fonts likewise (Debian fonts-*).
U_PICT = {"dev": ("solar", "iconoir"), "test": ("majesticons", "gravity-ui")}
U_BRAND = {"dev": ("fa6-brands",), "test": ("bxl",)}
U_GRAD = {"dev": ("token-branded",), "test": ("fluent-emoji", "meteocons")}
U_RICH = {"dev": ("emojione-v1",), "test": ("noto-v1", "streamline-freehand-color")}
U_FEW = {"dev": ("material-icon-theme",), "test": ("catppuccin",)}
U_FONTS = {
    "dev": [("Dancing Script", "normal", "bold"), ("Bebas Neue", "normal", "normal"),
            ("Manrope", "normal", "bold"), ("Manrope", "normal", "normal"),
            ("Vollkorn", "italic", "normal"), ("Vollkorn", "normal", "bold"),
            ("Yanone Kaffeesatz", "normal", "normal")],
    "test": [("Charis SIL", "normal", "normal"), ("Charis SIL", "italic", "bold"),
             ("B612", "normal", "bold"), ("Courier Prime", "normal", "normal"),
             ("Averia Sans GWF", "normal", "normal"), ("Hack", "normal", "bold"),
             ("Gillius ADF", "normal", "normal"), ("Gillius ADF Cond", "normal", "bold")],
}
U_WORDS = {
    "dev": ["Marlow", "Brisk", "Tessera", "Copperline", "Halvard", "Nordlys", "Quokka",
            "Saffron", "Ravel", "Ostara", "Bramble", "Kinetica", "Lodestar", "Verdant"],
    "test": ["Pellucid", "Garnet", "Thornbury", "Calypso", "Wexford", "Ashgrove",
             "Mirabel", "Sorrel", "Fenwick", "Ivory", "Dunmore", "Belvedere", "Rookery"],
}
U_NARROW = ("Bebas Neue", "Yanone Kaffeesatz", "Gillius ADF Cond")


def load_unseen(nm, out):
    """Adds to @out (load_iconify's) the u* pools: "upict" (one-colour
    pictograms, currentColor), "ubrand" (one-colour brand marks), "ugrad"
    and "ugflat" (colour marks with and without gradient fills), "urich"
    (flat colour icons), "ufew" (flat icons of 2..3 colours); none with
    translucency, none whose name says it draws letters."""
    for sp in ("dev", "test"):
        d = out[sp]
        for k in ("upict", "ubrand", "ugrad", "ugflat", "urich", "ufew"):
            d[k] = []
        for key, pkgs in (("upict", U_PICT[sp]), ("ubrand", U_BRAND[sp]),
                          ("ugrad", U_GRAD[sp]), ("urich", U_RICH[sp]), ("ufew", U_FEW[sp])):
            for pkg in pkgs:
                for name, body, w, h in iconify_icons(nm, pkg):
                    # (a gradient's stop-opacity is no translucent shape)
                    if "opacity" in (body.replace("stop-opacity", "") if key == "ugrad" else body) \
                            or "duotone" in name or "broken" in name:
                        continue
                    grad = "Gradient" in body
                    brand = key in ("ubrand", "ugrad")
                    if not brand and g.drawn_letters(name):
                        continue
                    rec = {"name": "%s:%s" % (pkg, name), "body": body, "w": w, "h": h,
                           "gradient": grad, "wordmark": False}
                    if key == "ugrad":
                        d["ugrad" if grad else "ugflat"].append(rec)
                    elif not grad:
                        d[key].append(rec)


_load_iconify_base = load_iconify


def load_iconify(nm):  # noqa: F811 -- the u* pools on top of the others
    out = _load_iconify_base(nm)
    load_unseen(nm, out)
    return out


def u_pool(art, split, key):
    return art["iconify"][split].get(key) or []


def u_paint(ic, paint):
    """@ic (a one-colour iconify record) painted with @paint."""
    r = dict(ic)
    r["body"] = ic["body"].replace("currentColor", paint)
    return r


def u_mark(s, rng, art, split, x, y, w, h, paint, brand=0.25):
    """A pictogram (or, @brand of the time, a brand mark) of the split
    painted @paint fitted in the box; returns its record."""
    pool = u_pool(art, split, "ubrand") if rng.random() < brand else []
    ic = rng.choice(pool or u_pool(art, split, "upict"))
    iw, ih = fit_iconify(ic, w, h)
    place_iconify(s, u_paint(ic, paint), x + (w - iw) / 2, y + (h - ih) / 2, iw, ih)
    return ic


def u_canvas(s, rng, W, H, kinds):
    bgk = rng.choice(kinds)
    bg = {"white": lambda: rng.choice(g.WHITE_BG), "black": lambda: rng.choice(g.BLACK_BG),
          "flat": lambda: g.mid_colour(rng), "tint": lambda: g.tint_colour(rng, 14, 25),
          "dark": lambda: g.dark_colour(rng), "transparent": lambda: None}[bgk]()
    if bg:
        rect(s, 0, 0, W, H, bg)
        s.bg_kind, s.bg_cols = bgk, [bg]
    return bgk, bg


def fam_ubg(split, idx, rng, art):
    """White and black backgrounds as issue #8 lists them, with artwork of
    the u* pools: a 1..2 px grey frame line on the outermost pixels, a
    tile or card touching one or two edges (still the canvas's colour),
    a card filling the canvas (its colour is the background), marks
    touching the edges of a transparent canvas (no background colour);
    pale tints and dark colours as negatives; a fifth of the opaque ones
    as JPEG."""
    role = rng.choice(["small", "small", "medium", "large", "wide", "wide", "hero"])
    W, H = g.ROLES[role]
    s = sample(split, idx, role, rng)
    kind = rng.choice(["frame", "frame", "card", "fullcard", "edge", "plain"])
    kinds = {"edge": ["transparent"], "fullcard": ["white", "black"]}.get(
        kind, ["white", "white", "black", "black", "flat", "tint", "dark"])
    bgk, bg = u_canvas(s, rng, W, H, kinds)
    m = min(W, H)
    right = 392 if role == "hero" else W
    what = kind
    label_bg = bgk
    tf = 0
    if role == "hero":
        hero_clip(s, right)
    if kind == "frame":
        fw = rng.choice([1, 1, 2])
        v = rng.randint(0xA8, 0xDC) if bgk != "black" and bgk != "dark" else rng.randint(0x30, 0x60)
        fc = "#%02X%02X%02X" % (v, v, v)
        if role == "hero":
            s.body.append("</g>")
        s.body.append('<rect x="%g" y="%g" width="%g" height="%g" fill="none" stroke="%s" '
                      'stroke-width="%d" shape-rendering="crispEdges"/>'
                      % (fw / 2, fw / 2, W - fw, H - fw, fc, fw))
        if role == "hero":
            hero_clip(s, right)
        mc = colour_away(rng, [bg, fc], 40)
        sz = m * rng.uniform(0.45, 0.7)
        ic = u_mark(s, rng, art, split, (right - sz) / 2, (H - sz) / 2, sz, sz, mc)
        what = "frame(%s %dpx)" % (fc, fw)
    elif kind == "card":
        cc = colour_away(rng, [bg], 40)
        side = rng.choice(["left", "bottom", "top", "right", "corner"])
        cw, ch = right * rng.uniform(0.35, 0.6), H * rng.uniform(0.35, 0.6)
        x = {"left": 0, "right": right - cw}.get(side, rng.uniform(0.1, 0.5) * (right - cw))
        y = {"top": 0, "bottom": H - ch}.get(side, rng.uniform(0.2, 0.8) * (H - ch))
        if side == "corner":
            x, y = 0, H - ch
        rect(s, x, y, cw, ch, cc, rng.choice([0, 0, m * 0.06]))
        mc = colour_away(rng, [cc], 40)
        k = min(cw, ch) * 0.7
        ic = u_mark(s, rng, art, split, x + (cw - k) / 2, y + (ch - k) / 2, k, k, mc)
        what = "card(%s %s)" % (side, cc)
    elif kind == "fullcard":
        cc = g.mid_colour(rng)
        rx = m * rng.uniform(0.06, 0.16)
        if role == "hero":  # the card fills the whole hero, margin too
            s.body.append("</g>")
        rect(s, 0, 0, W, H, cc, rx)
        if role == "hero":
            hero_clip(s, right)
        mc = colour_away(rng, [cc], 40)
        sz = m * rng.uniform(0.45, 0.7)
        ic = u_mark(s, rng, art, split, (right - sz) / 2, (H - sz) / 2, sz, sz, mc)
        what = "fullcard(%s rx=%.1f)" % (cc, rx)
        label_bg = "card"
    elif kind == "edge":
        mc = rng.choice(["#FFFFFF", "#FFFFFF", "#000000", other_colour(rng)])
        # a mark larger than the canvas, cut by its edges, or a grid of lines
        if rng.random() < 0.5:
            sz = m * rng.uniform(1.05, 1.4)
            ic = u_mark(s, rng, art, split, (right - sz) / 2 + rng.uniform(-0.1, 0.1) * m,
                        (H - sz) / 2, sz, sz, mc, brand=0)
            what = "edge(big mark %s)" % mc
        else:
            pitch = m * rng.uniform(0.18, 0.35)
            sw = max(1.0, m * rng.uniform(0.02, 0.05))
            ic = None
            x = rng.uniform(0, pitch)
            while x < right:
                rect(s, x, 0, sw, H, mc)
                x += pitch
            y = rng.uniform(0, pitch)
            while y < H:
                rect(s, 0, y, right, sw, mc)
                y += pitch
            what = "edge(grid %s pitch=%.1f)" % (mc, pitch)
        tf = int(g.category(mc) in ("white", "black", "blue"))
    else:
        mc = colour_away(rng, [bg], 40)
        sz = m * rng.uniform(0.5, 0.8)
        ic = u_mark(s, rng, art, split, (right - sz) / 2, (H - sz) / 2, sz, sz, mc)
        what = "plain(%s)" % mc
    if role == "hero":
        s.body.append("</g>")
    jpg = bg is not None and rng.random() < 0.2
    if jpg:
        s.jpeg = rng.choice(JPEG_QUALITY)
    s.desc.append("ubg=%s bg=%s(%s)%s%s" % (what, bgk, bg, " mark=" + ic["name"] if ic else "",
                                           " jpeg Q=%d" % s.jpeg if jpg else ""))
    brand = ic is not None and ":" in ic["name"] and ic["name"].split(":")[0] in U_BRAND[split]
    L = labels(role, background_white=int(label_bg == "white"),
               background_black=int(label_bg == "black"),
               transparent_foreground=tf if bgk == "transparent" else 0,
               text="skip" if brand else 0, palette="skip",
               gradient="skip" if jpg else 0)
    if role == "hero":
        L["background-transparent"] = int(bgk == "transparent")
        L["transparent-foreground"] = "n/a"
        if bgk == "transparent":
            L["hero-contrast"] = "skip"
    return s, svg_doc(s), L, role, ("%s.jpg" % role) if jpg else None, "ubg", kind


FUNCS["ubg"] = fam_ubg
EXTRA_FAMILIES += (("ubg", 4),)


def u_grey(v, tint=(0, 0, 0)):
    return g.rgb2hex((v + tint[0], v + tint[1], v + tint[2]))


def fam_udark(split, idx, rng, art):
    """Marks of the u* pools on a transparent canvas in colours drawn
    from ranges, not lists: near-black #1A1A1A..#333333, some tinted
    (#202030), near-white, navy and azure (transparent-foreground 1);
    mid-grey from #7F7F7F up and clear other colours (0); a fifth of the
    marks a pictogram with a brand mark or second pictogram beside it in
    the same colour."""
    role = rng.choice(["small", "medium", "large", "wide"])
    W, H = g.ROLES[role]
    s = sample(split, idx, role, rng)
    kind = rng.choices(["dark", "grey", "navy", "azure", "white", "other"],
                       [28, 22, 12, 12, 10, 16])[0]
    if kind == "dark":
        v = rng.randint(0x1A, 0x33)
        t = rng.choice([(0, 0, 0), (0, 0, 0), (0, 0, rng.randint(6, 16)),
                        (rng.randint(3, 8), 0, 0), (0, rng.randint(2, 6), rng.randint(2, 6))])
        paint, tf = u_grey(v, t), 1
    elif kind == "grey":
        v = rng.randint(0x7F, 0xC4)
        paint, tf = u_grey(v, rng.choice([(0, 0, 0), (0, 0, 4), (3, 2, 0)])), 0
    elif kind == "navy":
        paint, tf = g.rgb2hex(colorsys_rgb(rng.uniform(0.6, 0.68), rng.uniform(0.12, 0.3),
                                           rng.uniform(0.55, 1.0))), 1
    elif kind == "azure":
        paint, tf = g.rgb2hex(colorsys_rgb(rng.uniform(0.56, 0.61), rng.uniform(0.42, 0.55),
                                           rng.uniform(0.8, 1.0))), 1
    elif kind == "white":
        v = rng.randint(0xF2, 0xFF)
        paint, tf = u_grey(v), 1
    else:
        paint, tf = other_colour(rng), 0
    x, y, sz = mark_box(rng, W, H, 0.55, 0.85)
    if role == "wide" and rng.random() < 0.5:
        a = H * rng.uniform(0.5, 0.75)
        ic = u_mark(s, rng, art, split, W / 2 - a - 4, (H - a) / 2, a, a, paint, brand=0)
        ic2 = u_mark(s, rng, art, split, W / 2 + 4, (H - a) / 2, a, a, paint)
        names = ic["name"] + "+" + ic2["name"]
    else:
        ic = u_mark(s, rng, art, split, x, y, sz, sz, paint)
        names = ic["name"]
    brand = any(n.split(":")[0] in U_BRAND[split] for n in names.split("+"))
    s.desc.append("udark=%s paint=%s mark=%s" % (kind, paint, names))
    L = labels(role, transparent_foreground=tf, palette="skip",
               text="skip" if brand else 0)
    return s, svg_doc(s), L, role, None, "udark", kind


def colorsys_rgb(h, l, s):
    import colorsys
    r, gg, b = colorsys.hls_to_rgb(h, l, s)
    return (r * 255, gg * 255, b * 255)


FUNCS["udark"] = fam_udark
EXTRA_FAMILIES += (("udark", 3),)


def u_gradient(s, rng, ic, c1, c2, radial):
    """A gradient in the user space of @ic's view box from @c1 to @c2
    (maybe over a third colour); returns its paint."""
    gid = s.gid()
    stops = '<stop offset="0" stop-color="%s"/><stop offset="1" stop-color="%s"/>' % (c1, c2)
    if radial:
        d = ('<radialGradient id="%s" gradientUnits="userSpaceOnUse" cx="%.2f" cy="%.2f" '
             'r="%.2f">%s</radialGradient>' % (gid, ic["w"] * rng.uniform(0.2, 0.6),
                                               ic["h"] * rng.uniform(0.2, 0.6),
                                               max(ic["w"], ic["h"]) * rng.uniform(0.6, 1.0), stops))
    else:
        a = rng.uniform(0, math.pi)
        cx, cy, r = ic["w"] / 2, ic["h"] / 2, max(ic["w"], ic["h"]) / 2
        d = ('<linearGradient id="%s" gradientUnits="userSpaceOnUse" x1="%.2f" y1="%.2f" '
             'x2="%.2f" y2="%.2f">%s</linearGradient>'
             % (gid, cx - r * math.cos(a), cy - r * math.sin(a), cx + r * math.cos(a),
                cy + r * math.sin(a), stops))
    return gid, d


def fam_ugrad(split, idx, rng, art):
    """Gradients in marks of the u* pools, at every role: colour marks
    that ship gradient fills (token-branded, Fluent emoji) and their flat
    siblings (placed as place_logo does), pictograms filled with a
    linear or radial gradient in their own view box, or flat (0), and a
    glow over a flat background behind a flat pictogram.  Labels from a
    flattened twin (gradient_label)."""
    kind = rng.choices(["brandgrad", "brandflat", "pictgrad", "pictflat", "glow"],
                       [25, 12, 30, 18, 15])[0]
    if kind in ("brandgrad", "brandflat"):
        pool = u_pool(art, split, "ugrad" if kind == "brandgrad" else "ugflat")
        if pool:
            s, doc, L, role, name, fam, mk = place_logo(split, idx, rng, rng.choice(pool), "ugrad")
            return s, doc, L, role, name, "ugrad", kind
        kind = "pictgrad"
    role = rng.choice(["small", "small", "medium", "large", "wide", "hero"])
    W, H = g.ROLES[role]
    s = sample(split, idx, role, rng)
    bgk, bg = u_canvas(s, rng, W, H, ["flat", "white", "transparent", "tint", "dark", "black"]
                       if kind != "glow" else ["flat", "dark"])
    right = 392 if role == "hero" else W
    if role == "hero":
        hero_clip(s, right)
    twin_extra = []
    m = min(right, H)
    if kind == "glow":
        light = rng.choice(["#FFFFFF", g.tint_colour(rng, 5, 20), other_colour(rng)])
        a0 = rng.uniform(0.3, 0.9)
        gid = s.gid()
        cx, cy = rng.uniform(0.2, 0.8) * right, rng.uniform(0.2, 0.8) * H
        r = rng.uniform(0.4, 0.8) * max(right, H)
        s.defs.append('<radialGradient id="%s" gradientUnits="userSpaceOnUse" cx="%.1f" '
                      'cy="%.1f" r="%.1f"><stop offset="0" stop-color="%s" stop-opacity="%.2f"/>'
                      '<stop offset="1" stop-color="%s" stop-opacity="0"/></radialGradient>'
                      % (gid, cx, cy, r, light, a0, light))
        rect(s, 0, 0, right, H, "url(#%s)" % gid)
        mc = colour_away(rng, [bg, light], 40)
        sz = m * rng.uniform(0.4, 0.6)
        ic = u_mark(s, rng, art, split, (right - sz) / 2, (H - sz) / 2, sz, sz, mc, brand=0)
        r0, g0, b0 = g.hex2rgb(bg)
        r1, g1, b1 = g.hex2rgb(light)
        peak = g.rgb2hex((r0 + (r1 - r0) * a0, g0 + (g1 - g0) * a0, b0 + (b1 - b0) * a0))
        span = g.de(peak, bg)
        grad = 1 if span >= 25 else ("skip" if span >= 8 else 0)
        what = "glow(%s a=%.2f span=%.0f)" % (light, a0, span)
    else:
        pool = [ic for ic in u_pool(art, split, "upict") if 'fill="currentColor"' in ic["body"]
                and "stroke=" not in ic["body"]] or u_pool(art, split, "upict")
        ic = rng.choice(pool)
        c1 = colour_away(rng, [bg] if bg else [], 35)
        if kind == "pictgrad":
            c2 = colour_away(rng, [c1] + ([bg] if bg else []), 40)
            gid, d = u_gradient(s, rng, ic, c1, c2, rng.random() < 0.4)
            body = ic["body"].replace("currentColor", "url(#%s)" % gid)
            rec = dict(ic, body="<defs>%s</defs>%s" % (d, body))
            what = "pictgrad(%s..%s)" % (c1, c2)
        else:
            rec = u_paint(ic, c1)
            what = "pictflat(%s)" % c1
        f = rng.uniform(0.6, 0.9)
        w, h = fit_iconify(rec, right * f, H * f)
        pos = ((right - w) / 2, (H - h) / 2, w, h)
        twin_body = list(s.body)
        place_iconify(s, rec, *pos)
        s.nid -= 1
        tw = g.Sample(split, idx, role, rng)
        tw.W, tw.H, tw.defs, tw.body, tw.nid = W, H, list(s.defs), twin_body, s.nid
        place_iconify(tw, rec, *pos, flat=True)
        twin_extra = [tw]
        grad = "post" if kind == "pictgrad" else 0
    if role == "hero":
        s.body.append("</g>")
        for tw in twin_extra:
            tw.body.append("</g>")
    if twin_extra:
        s.twin = svg_doc(twin_extra[0])
    jpg = bg is not None and rng.random() < 0.3
    if jpg:
        s.jpeg = rng.choice(JPEG_QUALITY)
    s.desc.append("ugrad=%s mark=%s bg=%s(%s)%s" % (what, ic["name"], bgk, bg,
                                                   " jpeg Q=%d" % s.jpeg if jpg else ""))
    L = labels(role, background_white=int(bgk == "white"),
               background_black=int(bgk == "black"),
               transparent_foreground="skip" if bgk == "transparent" else 0,
               gradient=grad, text=0, palette="skip")
    if role == "hero":
        L["background-transparent"] = int(bgk == "transparent")
        L["transparent-foreground"] = "n/a"
        if bgk == "transparent":
            L["hero-contrast"] = "skip"
    return s, svg_doc(s), L, role, ("%s.jpg" % role) if jpg else None, "ugrad", kind


FUNCS["ugrad"] = fam_ugrad
EXTRA_FAMILIES += (("ugrad", 5),)


def u_word_width(word, size, font, weight):
    if font in U_NARROW:
        return len(word) * size * 0.42
    if font in ("Dancing Script",):
        return len(word) * size * 0.5
    if font in ("Courier Prime", "Hack", "B612"):
        return len(word) * size * 0.66
    return word_width(word, size, font, weight)


def u_fit(word, w, h, font, weight, lo, hi):
    size = hi
    while size >= lo:
        if u_word_width(word, size, font, weight) <= w and size * 0.72 <= h:
            return size
        size *= 0.93
    return None


def fam_utext(split, idx, rng, art):
    """Text in fonts no other family sets (U_FONTS), with marks of the
    u* pools: an icon and a brand name side by side or stacked, a
    wordmark alone (from a 5 px cap height on 40 and 90 px logos), a
    wordmark on a huge canvas (2000..4000 px wide, role unknown); and
    negatives with no text: line-art pictograms alone or in a row,
    isometric blocks, a grid of bars, a dithered patch."""
    kind = rng.choices(["side", "stacked", "word", "huge", "lineart", "iconrow", "iso",
                        "bars", "dither"], [16, 12, 16, 5, 14, 10, 9, 9, 9])[0]
    if kind == "huge":
        W, H = rng.choice([(2400, 900), (3200, 1200), (4000, 1440), (2000, 2000)])
        role = "unknown"
        s = sample(split, idx, "large", rng, W, H)
        s.role = role
    else:
        role = {"side": ["wide", "wide", "hero", "large"], "stacked": ["large", "medium", "wide"],
                "word": ["small", "small", "medium", "medium", "large", "wide", "hero"]}.get(
            kind, ["small", "medium", "large", "wide", "hero"])
        role = rng.choice(role)
        W, H = g.ROLES[role]
        s = sample(split, idx, role, rng)
    bgk, bg = u_canvas(s, rng, W, H, ["flat", "white", "transparent", "tint", "dark"])
    right = 392 if role == "hero" else W
    if role == "hero":
        hero_clip(s, right)
    font, style, weight = rng.choice(U_FONTS[split])
    word = rng.choice(U_WORDS[split])
    if rng.random() < 0.2 and font not in ("Dancing Script",):
        word = word.upper()
    tc = colour_away(rng, [bg] if bg else [], 45)
    mc = rng.choice([tc, colour_away(rng, [bg] if bg else [], 45)])
    text, what, brand = 0, kind, False
    ic = None
    if kind == "side":
        a = H * rng.uniform(0.45, 0.7)
        x0 = right * rng.uniform(0.04, 0.1)
        ic = u_mark(s, rng, art, split, x0, (H - a) / 2, a, a, mc, brand=0)
        tx = x0 + a + a * 0.15
        size = u_fit(word, right - tx - 4, H * 0.6, font, weight, 6, H * 0.5)
        if size:
            set_word(s, word, tx, H / 2 + size * 0.35, size, tc, font, style, weight)
            text = 1
            what = "side(%.1fpx)" % size
    elif kind == "stacked":
        a = H * rng.uniform(0.4, 0.55)
        ic = u_mark(s, rng, art, split, (right - a) / 2, H * 0.06, a, a, mc, brand=0)
        size = u_fit(word, right * 0.9, H - a - H * 0.12, font, weight, 7, H * 0.3)
        if size:
            set_word(s, word, right / 2, H * 0.06 + a + size * 0.95, size, tc, font, style,
                     weight, anchor="middle")
            text = 1
            what = "stacked(%.1fpx)" % size
    elif kind in ("word", "huge"):
        lo = 7.0 if role in ("small", "medium") else 9
        size = u_fit(word, right * 0.9, H * 0.8, font, weight, lo, H * 0.7)
        if size is None:
            word = word[:4]
            size = u_fit(word, right * 0.92, H * 0.8, font, weight, lo, H * 0.7) or lo
        set_word(s, word, right / 2, H / 2 + size * 0.35, size, tc, font, style, weight,
                 anchor="middle", outline=rng.random() < 0.1 and size > 20)
        text = 1
        what = "%s(%.1fpx)" % (kind, size)
    elif kind == "lineart":
        pool = [i for i in u_pool(art, split, "upict") if "stroke=" in i["body"]] or \
            u_pool(art, split, "upict")
        ic = rng.choice(pool)
        sz = min(right, H) * rng.uniform(0.55, 0.85)
        w, h = fit_iconify(ic, sz, sz)
        place_iconify(s, u_paint(ic, mc), (right - w) / 2, (H - h) / 2, w, h)
    elif kind == "iconrow":
        n = rng.randint(3, 5)
        a = min(H * 0.4, right * 0.8 / n)
        gap = a * rng.uniform(0.2, 0.6)
        x = (right - n * a - (n - 1) * gap) / 2
        names = []
        for _ in range(n):
            names.append(u_mark(s, rng, art, split, x, (H - a) / 2, a, a, mc, brand=0)["name"])
            x += a + gap
        what = "iconrow(%s)" % ",".join(names)
    elif kind == "iso":
        cols = [colour_away(rng, [bg] if bg else [], 35) for _ in range(3)]
        sz = min(right, H) * rng.uniform(0.7, 0.95)
        isometric(s, rng, (right - sz) / 2, (H - sz) / 2, sz, cols)
    elif kind == "bars":
        n, k = rng.randint(3, 6), rng.randint(2, 4)
        bw = min(right, H) * 0.7 / n
        for i in range(n):
            for j in range(k):
                hh = H * 0.6 / k * rng.uniform(0.4, 0.9)
                rect(s, (right - n * bw) / 2 + i * bw + bw * 0.15, H * 0.2 + j * H * 0.6 / k,
                     bw * 0.7, hh, mc, rng.choice([0, bw * 0.1]))
    else:  # dither
        pid = s.gid()
        c2 = colour_away(rng, [mc] + ([bg] if bg else []), 30)
        s.defs.append('<pattern id="%s" width="2" height="2" patternUnits="userSpaceOnUse">'
                      '<rect width="2" height="2" fill="%s"/><rect width="1" height="1" '
                      'fill="%s"/><rect x="1" y="1" width="1" height="1" fill="%s"/>'
                      '</pattern>' % (pid, mc, c2, c2))
        sz = min(right, H) * rng.uniform(0.5, 0.8)
        s.body.append('<circle cx="%.1f" cy="%.1f" r="%.1f" fill="url(#%s)"/>'
                      % (right / 2, H / 2, sz / 2, pid))
    if role == "hero":
        s.body.append("</g>")
    if ic is not None:
        brand = ic["name"].split(":")[0] in U_BRAND[split]
    s.desc.append("utext=%s word=%s font=%s/%s/%s bg=%s(%s)%s" % (
        what, word if text else "-", font, style, weight, bgk, bg,
        " mark=" + ic["name"] if ic else ""))
    L = labels(role if role != "unknown" else "large",
               background_white=int(bgk == "white"), gradient=0, palette="skip",
               transparent_foreground="skip" if bgk == "transparent" else 0,
               text=("skip" if brand and not text else text),
               dimensions=int(role == "unknown"))
    if role == "hero":
        L["background-transparent"] = int(bgk == "transparent")
        L["transparent-foreground"] = "n/a"
        if bgk == "transparent":
            L["hero-contrast"] = "skip"
    name = None
    if role == "unknown":
        name = "wordmark-%dx%d.png" % (W, H)
        L["background-transparent"] = L["hero-margin"] = L["hero-contrast"] = "n/a"
    return s, svg_doc(s), L, role, name, "utext", kind


FUNCS["utext"] = fam_utext


def fam_umargin(split, idx, rng, art):
    """Heroes with artwork of the u* pools left of the margin, and in the
    right 415 px: a faint disc, ring, panel, wave or watermark pictogram
    8..15 CIE76 from a flat background (hero-margin 1), or content poking
    6..10 px past x = width - 415 (1); content stopping 2..12 px before
    it, or a clean margin (0)."""
    role = "hero"
    W, H = g.ROLES[role]
    s = sample(split, idx, role, rng)
    kind, bg = hero_bg(rng)
    s.bg_kind, s.bg_cols = kind, [bg]
    rect(s, 0, 0, W, H, bg)
    what = rng.choices(["faint", "poke", "near", "clean"], [45, 25, 18, 12])[0]
    edge = W - g.MARGIN
    right = {"poke": edge + rng.uniform(6, 10), "near": edge - rng.uniform(2, 12)}.get(
        what, rng.uniform(300, 390))
    right = round(right)
    hero_clip(s, right)
    mc = colour_away(rng, [bg], 40)
    a = H * rng.uniform(0.35, 0.6)
    ic = u_mark(s, rng, art, split, rng.uniform(20, 80), (H - a) / 2, a, a, mc, brand=0)
    shape = None
    if what in ("poke", "near") or rng.random() < 0.4:
        # something that runs to the clip line: a band, a chart, a pictogram row
        pc = colour_away(rng, [bg], 35)
        # (a row of pictograms leaves gaps: only where it need not reach the line)
        part = rng.choice(["band", "chart"] + (["icons"] if what == "faint" else []))
        if part == "band":
            ph = rng.uniform(14, 70)
            rect(s, rng.uniform(150, 280), rng.uniform(10, H - ph - 10), 500, ph, pc,
                 rng.uniform(0, 10))
        elif part == "chart":
            x = rng.uniform(150, 250)
            while x < right + 30:
                bh = rng.uniform(30, H * 0.7)
                rect(s, x, H - 20 - bh, 16, bh, pc)
                x += 22
        else:
            x = rng.uniform(150, 250)
            b = rng.uniform(28, 50)
            while x < right + b:
                u_mark(s, rng, art, split, x, H * 0.7 - b / 2, b, b, pc, brand=0)
                x += b * 1.3
        shape = part
    s.body.append("</g>")
    if what == "faint":
        fc = faint(rng, bg, 8, 15)
        sh = rng.choice(["disc", "ring", "panel", "wave", "watermark", "watermark"])
        x0 = rng.uniform(edge + 10, W - 130)
        sz = rng.uniform(70, min(240, W - x0 - 5))
        y0 = rng.uniform(-sz * 0.3, H - sz * 0.7)
        if sh == "disc":
            s.body.append('<circle cx="%.1f" cy="%.1f" r="%.1f" fill="%s"/>'
                          % (x0 + sz / 2, y0 + sz / 2, sz / 2, fc))
        elif sh == "ring":
            s.body.append('<circle cx="%.1f" cy="%.1f" r="%.1f" fill="none" stroke="%s" '
                          'stroke-width="%.1f"/>' % (x0 + sz / 2, y0 + sz / 2, sz / 2.3, fc,
                                                     rng.uniform(4, 16)))
        elif sh == "panel":
            rect(s, x0, rng.uniform(10, H * 0.5), sz, rng.uniform(40, H * 0.45), fc,
                 rng.uniform(0, 18))
        elif sh == "wave":
            yb = rng.uniform(H * 0.5, H * 0.85)
            amp = rng.uniform(10, 35)
            s.body.append('<path d="M%.1f %.1f Q %.1f %.1f %.1f %.1f T %d %.1f V %d H %.1f Z" '
                          'fill="%s"/>' % (edge + 5, yb, edge + 100, yb - amp, edge + 200, yb,
                                           W, yb, H, edge + 5, fc))
        else:
            u_mark(s, rng, art, split, x0, y0, sz, sz, fc, brand=0.3)
        what = "faint(%s %s %.1f)" % (sh, fc, g.de(fc, bg))
    s.desc.append("umargin=%s right=%d mark=%s%s bg=%s(%s)" % (
        what, right, ic["name"], " +" + shape if shape else "", kind, bg))
    L = labels(role, hero_margin=int(what.startswith("faint") or what == "poke"),
               text=0, gradient=0)
    return s, svg_doc(s), L, role, None, "umargin", what.split("(")[0]


FUNCS["umargin"] = fam_umargin


def fam_upal(split, idx, rng, art):
    """Palette with artwork of the u* pools: flat colour icons (Emoji One
    v1; test Noto v1 and Streamline freehand) at 40..216 px, labelled
    from the design drawn large (palette_label); 2..3 colour file icons
    (material-icon-theme, catppuccin) likewise; and pictograms in one
    colour with a second pictogram and a hatched disc in a second colour
    at 40..64 px: 2..3 colours with heavy anti-aliasing (0)."""
    size = rng.choice([40, 40, 48, 64, 90, 90, 115, 128, 160, 216, 0])
    W, H = (255, 115) if size == 0 else (size, size)
    role = SIZE_ROLE.get((W, H), "unknown")
    s = sample(split, idx, role if role != "unknown" else "large", rng, W, H)
    s.role = role
    kind = rng.choices(["rich", "few", "hatch"], [55, 25, 20])[0]
    if kind == "hatch" and size == 0:
        kind = "rich"
    bgk, bg = "transparent", None
    if rng.random() < 0.6 or kind == "hatch":
        bgk, bg = u_canvas(s, rng, W, H, ["white", "flat", "tint", "dark", "black"])
    if kind in ("rich", "few"):
        pool = u_pool(art, split, "urich" if kind == "rich" else "ufew")
        if kind == "rich":
            rich = [ic for ic in pool if len(set(re.findall(r'fill="(#[0-9a-fA-F]{3,6})"',
                                                            ic["body"]))) >= 5]
            pool = rich if rich and rng.random() < 0.7 else pool
        ic = rng.choice(pool)
        doc = centre_icon(s, ic, W, H, rng)
        pal = "post"
        what = ic["name"]
    else:
        c1 = colour_away(rng, [bg], 40)
        c2 = colour_away(rng, [bg, c1], 40)
        pid = s.gid()
        pitch = rng.uniform(1.6, 3.0)
        s.defs.append('<pattern id="%s" width="%.2f" height="%.2f" patternUnits="userSpaceOnUse" '
                      'patternTransform="rotate(%d)"><rect width="%.2f" height="%.2f" fill="%s"/>'
                      '</pattern>' % (pid, pitch, pitch, rng.choice([30, 45, 60, 135]),
                                      pitch * rng.uniform(0.35, 0.55), pitch, c2))
        r = W * rng.uniform(0.3, 0.42)
        s.body.append('<circle cx="%.1f" cy="%.1f" r="%.1f" fill="url(#%s)"/>' % (W / 2, H / 2, r, pid))
        a = W * rng.uniform(0.4, 0.55)
        ic = u_mark(s, rng, art, split, (W - a) / 2, (H - a) / 2, a, a, c1, brand=0)
        if rng.random() < 0.5:
            b = W * 0.25
            u_mark(s, rng, art, split, W - b - 1, 1, b, b, c2, brand=0)
        doc = svg_doc(s)
        pal = 0
        what = "hatch(%s,%s) %s" % (c1, c2, ic["name"])
    s.desc.append("upal=%s bg=%s(%s)" % (what, bgk, bg))
    L = labels(role if role != "unknown" else "large", background_white="skip",
               background_black="skip", transparent_foreground="skip", text="skip",
               gradient="skip", palette=pal, dimensions=int(role == "unknown"))
    name = "icon-%dx%d.png" % (W, H) if role == "unknown" else None
    return s, doc, L, role, name, "upal", kind


FUNCS["upal"] = fam_upal
EXTRA_FAMILIES += (("upal", 4),)


def fam_unames(split, idx, rng, art):
    """Role names as an agency's tree spells them, on logos of the u*
    pools: random ids holding role abbreviations inside (k3sm9q-large,
    x7wd2k: the role from the word or the size), abbreviations as whole
    tokens after other separators (logo.lg.png, Logo+SM.png, logo wd.png),
    role words embedded (contosoWideLogo), and a claimed role at another
    size (dimensions 1).  Only role and dimensions are scored."""
    roles = ["small", "medium", "large", "wide", "hero"]
    size_role = rng.choice(roles)
    W, H = g.ROLES[size_role]
    s = sample(split, idx, size_role, rng)
    bgk, bg = u_canvas(s, rng, W, H, ["flat", "tint", "dark"])
    a = min(W, H) * 0.6
    u_mark(s, rng, art, split, (W - a) / 2 if size_role != "hero" else 60, (H - a) / 2, a, a,
           colour_away(rng, [bg], 40))
    alnum = string.ascii_lowercase + string.digits
    style = rng.choice(["idabbr", "idabbr", "idonly", "token", "embedded", "claim"])
    role, dims = size_role, 0

    def rid(n):
        return "".join(rng.choice(alnum) for _ in range(n))
    if style in ("idabbr", "idonly"):
        ab = rng.choice(list(ABBR.values()))
        k = rng.randint(1, 4)
        ident = rid(k) + ab + rid(rng.randint(1, 4))
        ident = ident if ident[0].isalpha() or rng.random() < 0.5 else "q" + ident
        name = ident if style == "idonly" else rng.choice(
            ["%s-%s", "%s_%s", "%s.%s"]) % ((ident, role) if rng.random() < 0.6 else (role, ident))
        if style == "idabbr" and rng.random() < 0.3:
            name = name.replace(role, role.capitalize())
    elif style == "token":
        if size_role == "hero":
            tok = "hero"
        else:
            tok = ABBR[size_role]
        tok = tok.upper() if rng.random() < 0.3 else tok
        name = rng.choice(["logo.%s", "Logo+%s", "logo %s", "%s-logo", "brand_%s_v2",
                           "%s.logo"]) % tok
    elif style == "embedded":
        base = rng.choice(["acme", "Northgate", "pixelworks", "ZenLabs"])
        w = role if rng.random() < 0.5 else role.capitalize()
        name = rng.choice(["%s%sLogo", "%slogo%s", "%s%s", "%s_logo%s2x"]) % (base, w)
    else:
        role = rng.choice([r for r in roles if r != size_role])
        dims = 1
        name = rng.choice(["%s-%s", "%s_%s"]) % (rid(6), role)
    s.desc.append("unames=%s size=%s" % (style, size_role))
    L = {r: "skip" for r in g.RULES}
    L["dimensions"] = dims
    return s, svg_doc(s), L, role, name + ".png", "unames", style


FUNCS["unames"] = fam_unames


def u_place(s, ic, x, y, w, h, paint=None):
    """@ic (painted @paint when one-colour) drawn into exactly w x h
    (stretched when the box's aspect is not the icon's)."""
    body = uniq_ids(ic["body"] if paint is None else ic["body"].replace("currentColor", paint),
                    "i%d" % s.nid)
    s.nid += 1
    s.body.append('<svg x="%.2f" y="%.2f" width="%.2f" height="%.2f" viewBox="0 0 %g %g" '
                  'preserveAspectRatio="none">%s</svg>' % (x, y, w, h, ic["w"], ic["h"], body))


def compose_uset(split, idx, art):
    """An offer set (Small, Medium, Large, Wide) drawn from the u* pools,
    in compose_set's form: the same mark at all four sizes (honest), one
    logo's mark stretched or squashed 1.3..2.0x (distortion), or one
    square logo showing another mark of the same pool in the same colour
    (inconsistent); plain or on a rounded tile, on a flat, tinted, dark
    or transparent canvas, the wide one with the brand name beside the
    mark at times; a sixth of the opaque sets saved as JPEG.  Returns the
    set's row and four (role, svg, ext, quality) tuples."""
    rng = random.Random("assetlint-eval-uset-%s-%d" % (split, idx))
    bgk = rng.choice(["flat", "flat", "transparent", "tint", "dark"])
    bg = {"flat": lambda: g.mid_colour(rng), "transparent": lambda: None,
          "tint": lambda: g.tint_colour(rng, 14, 25), "dark": lambda: g.dark_colour(rng)}[bgk]()
    kind = rng.choices(["honest", "distortion", "inconsistent"], [45, 30, 25])[0]
    src = rng.choices(["upict", "ubrand", "urich"], [55, 20, 25])[0]
    pool = u_pool(art, split, src) or u_pool(art, split, "upict")
    # marks of a fair aspect, so that a stretch is a stretch
    pool = [ic for ic in pool if 0.6 <= ic["w"] / ic["h"] <= 1.6] or pool
    ic = rng.choice(pool)
    paint = colour_away(rng, [bg] if bg else [], 45) if src != "urich" else None
    tile = None
    if rng.random() < 0.3:
        tile = colour_away(rng, ([bg] if bg else []) + ([paint] if paint else []), 40)
        if paint is not None:
            paint = colour_away(rng, [tile] + ([bg] if bg else []), 45)
    f = rng.uniform(0.62, 0.85)
    target, fac, horiz, other = None, 1.0, True, None
    if kind == "distortion":
        target = rng.choice(["small", "medium", "large", "wide", "wide"])
        fac = rng.uniform(1.3, 2.0)
        horiz = rng.random() < (0.8 if target == "wide" else 0.5)
    elif kind == "inconsistent":
        target = rng.choice(["small", "medium", "large"])
        other = rng.choice([o for o in pool if o["name"] != ic["name"]])
    word = rng.choice(U_WORDS[split]) if rng.random() < 0.4 else None
    font = rng.choice(U_FONTS[split])
    out = []
    for role in ("small", "medium", "large", "wide"):
        W, H = g.ROLES[role]
        s = sample(split, idx, role, rng)
        if bg:
            rect(s, 0, 0, W, H, bg)
        m = min(W, H)
        mk = other if role == target and other else ic
        box = m * f
        iw, ih = fit_iconify(mk, box, box)
        if role == target and kind == "distortion":
            if horiz:
                iw *= fac
            else:
                ih *= fac
            k = min(1.0, W * 0.96 / iw, H * 0.96 / ih)  # fits, aspect kept
            iw, ih = iw * k, ih * k
        if role == "wide" and word:
            size = u_fit(word, W * 0.55, H * 0.4, font[0], font[2], 8, H * 0.3) or 10
            tw = u_word_width(word, size, font[0], font[2])
            # The tile's margin left of the mark, the mark, the gap and
            # the word must fit 96 % of the width: a long word beside a
            # stretched mark pushed the mark off the left edge and the
            # word off the right one, cutting away the evidence (s16,
            # issue #8).  The mark shrinks, its stretch kept.
            lead = min(iw, ih) * 0.18 if tile else 0.0
            if lead + iw + ih * 0.2 + tw > W * 0.96:
                k = (W * 0.96 - tw) / (lead + iw + ih * 0.2)
                iw, ih, lead = iw * k, ih * k, lead * k
            x0 = (W - iw - ih * 0.2 - tw) / 2
            if x0 < lead:  # the tile would run off: centre it all
                x0 = (W - iw - ih * 0.2 - tw + lead) / 2
        else:
            x0 = (W - iw) / 2
        y0 = (H - ih) / 2
        if tile:
            pad = min(iw, ih) * 0.18
            rect(s, x0 - pad, y0 - pad, iw + 2 * pad, ih + 2 * pad, tile, min(iw, ih) * 0.22)
        u_place(s, mk, x0, y0, iw, ih, paint)
        if role == "wide" and word:
            set_word(s, word, x0 + iw + ih * 0.2, H / 2 + size * 0.35, size,
                     paint or colour_away(rng, [bg] if bg else [], 45), font[0], font[1], font[2])
        out.append((role, svg_doc(s)))
    jq = rng.choice(JPEG_QUALITY) if bg and rng.random() < 0.17 else None
    row = {"split": split, "role": target or "set", "kind": kind, "bg": bgk, "mark": src,
           "labels": {"distortion": int(kind == "distortion"),
                      "set-inconsistent": int(kind == "inconsistent")},
           "desc": ["uset=%s target=%s stretch=%.2fx%s mark=%s%s paint=%s tile=%s bg=%s(%s) f=%.2f"
                    "%s%s" % (kind, target, fac, "" if horiz else "v", ic["name"],
                             " other=" + other["name"] if other else "", paint, tile, bgk, bg, f,
                             " word=%s(%s)" % (word, font[0]) if word else "",
                             " jpeg Q=%d" % jq if jq else "")]}
    return row, [(r, svg, ".jpg" if jq else ".png", jq) for r, svg in out]
def fam_jpegframe(split, idx, rng, art):
    """A white, black or coloured logo, mostly 40 px, inside a saturated
    frame line 1-3 px wide (4 from 115 px), crisp or drawn off the pixel
    grid, square or rounded, saved as JPEG at low to middle quality: the
    line keeps its lightness while its chroma is smeared into blocks and
    rings into the inside.  The background is the inside (the canvas).
    closing-s12 listed JPEG frames on 40-px logos as missed; s13-bg's
    probes (8 icon sets from other packages) found 7 of 8 background
    misses there."""
    role = rng.choice(["small", "small", "small", "medium", "large"])
    W, H = g.ROLES[role]
    s = sample(split, idx, role, rng)
    bgk = rng.choice(["white", "black", "flat"])
    bg = {"white": lambda: rng.choice(g.WHITE_BG), "black": lambda: rng.choice(g.BLACK_BG),
          "flat": lambda: g.mid_colour(rng)}[bgk]()
    rect(s, 0, 0, W, H, bg)
    s.bg_kind, s.bg_cols = bgk, [bg]
    m = min(W, H)
    fc = colour_away(rng, [bg], 35, 0.3, 0.7)
    fw = rng.choice([1, 2, 2, 3] + ([4] if m >= 115 else []))
    off = rng.choice([0.0, rng.uniform(0.2, 0.5)])
    rx = rng.choice([0, 0, rng.uniform(0.05, 0.12) * m])
    crisp = ' shape-rendering="crispEdges"' if off == 0 and rx == 0 else ""
    s.body.append('<rect x="%.2f" y="%.2f" width="%.2f" height="%.2f" rx="%.2f" fill="none" '
                  'stroke="%s" stroke-width="%d"%s/>' % (fw / 2 + off, fw / 2 + off, W - fw - 2 * off,
                                                        H - fw - 2 * off, rx, fc, fw, crisp))
    isz = m * rng.uniform(0.4, 0.6)
    icon = pict(rng, art, split, filled=rng.random() < 0.5)
    g.place_icon(s, icon, (W - isz) / 2, (H - isz) / 2, isz, colour_away(rng, [bg, fc], 40))
    s.jpeg = rng.choice((25, 35, 45, 55, 65, 75))
    s.desc.append("jpegframe=(%s %dpx off=%.2f rx=%.1f) bg=%s(%s) icon=%s jpeg Q=%d"
                  % (fc, fw, off, rx, bgk, bg, icon["name"], s.jpeg))
    L = labels(role, background_white=int(bgk == "white"),
               background_black=int(bgk == "black"), palette="skip", gradient="skip")
    return s, svg_doc(s), L, role, "%s.jpg" % role, "jpegframe", "shape"


FUNCS["jpegframe"] = fam_jpegframe
EXTRA_FAMILIES += (("jpegframe", 4),)


def fam_ugradline(split, idx, rng, art):
    """Line pictograms (icons drawn with strokes, 1-3 px at logo sizes:
    Iconoir and Solar in dev, Majesticons in test) whose stroke is painted
    with a linear or radial gradient in their own view box, or flat (the
    negatives), on a flat, white, tinted, dark or black canvas, saved as
    JPEG more often than not: JPEG's half-resolution chroma runs across a
    saturated stroke's width, and a thin stroke is mostly its rim.
    Labels from a flattened twin (gradient_label), as in ugrad."""
    kind = rng.choices(["linegrad", "lineflat"], [65, 35])[0]
    role = rng.choice(["small", "small", "medium", "large", "wide", "hero"])
    W, H = g.ROLES[role]
    s = sample(split, idx, role, rng)
    bgk, bg = u_canvas(s, rng, W, H, ["flat", "white", "tint", "dark", "black", "transparent"])
    right = 392 if role == "hero" else W
    if role == "hero":
        hero_clip(s, right)
    pool = [ic for ic in u_pool(art, split, "upict") if 'stroke="currentColor"' in ic["body"]] \
        or u_pool(art, split, "upict")
    ic = rng.choice(pool)
    c1 = colour_away(rng, [bg] if bg else [], 35)
    if kind == "linegrad":
        c2 = colour_away(rng, [c1] + ([bg] if bg else []), 40)
        gid, d = u_gradient(s, rng, ic, c1, c2, rng.random() < 0.3)
        body = ic["body"].replace("currentColor", "url(#%s)" % gid)
        rec = dict(ic, body="<defs>%s</defs>%s" % (d, body))
        what = "linegrad(%s..%s)" % (c1, c2)
    else:
        rec = u_paint(ic, c1)
        what = "lineflat(%s)" % c1
    f = rng.uniform(0.6, 0.9)
    w, h = fit_iconify(rec, right * f, H * f)
    pos = ((right - w) / 2, (H - h) / 2, w, h)
    twin_body = list(s.body)
    place_iconify(s, rec, *pos)
    s.nid -= 1
    tw = g.Sample(split, idx, role, rng)
    tw.W, tw.H, tw.defs, tw.body, tw.nid = W, H, list(s.defs), twin_body, s.nid
    place_iconify(tw, rec, *pos, flat=True)
    if role == "hero":
        s.body.append("</g>")
        tw.body.append("</g>")
    s.twin = svg_doc(tw)
    jpg = bg is not None and rng.random() < 0.6
    if jpg:
        s.jpeg = rng.choice(JPEG_QUALITY)
    s.desc.append("ugradline=%s mark=%s bg=%s(%s)%s" % (what, ic["name"], bgk, bg,
                                                       " jpeg Q=%d" % s.jpeg if jpg else ""))
    L = labels(role, background_white=int(bgk == "white"),
               background_black=int(bgk == "black"),
               transparent_foreground="skip" if bgk == "transparent" else 0,
               gradient="post" if kind == "linegrad" else 0, text=0, palette="skip")
    if role == "hero":
        L["background-transparent"] = int(bgk == "transparent")
        L["transparent-foreground"] = "n/a"
        if bgk == "transparent":
            L["hero-contrast"] = "skip"
    return s, svg_doc(s), L, role, ("%s.jpg" % role) if jpg else None, "ugradline", kind


FUNCS["ugradline"] = fam_ugradline
EXTRA_FAMILIES += (("ugradline", 4),)


# ---- thin, pale and script words; thin pale strokes with no word (s17) ------
# Judge 3 found what the families above lack: pale and hairline wordmarks
# (1-px strokes anti-aliased over two pixels, a few ΔE from the ground),
# script type with letters of mixed heights, and small italic serif words
# beside a mark.  fam_thinword sets such words (text 1); fam_thinneg draws,
# with the same inks, stroke widths, boxes and layouts, thin things that
# hold no word (text 0): hairline line-art pictograms, rules and ornaments,
# flourishes, signature-like scribbles, wavy lines and faint watermark
# shapes -- so a detector that fires on "thin pale strokes" loses precision.
# Fonts (Debian fonts-*) that no family above and none of the outside
# judges set; test sees others:
#   dev  Havana, Breip (script, hand), Steve (hand, mixed heights), Inter
#        Thin and Extra Light italic, Roboto Slab Thin, Gentium italic,
#        C059 italic
#   test Delphine (thin hand), Rufscript, Kaushan Script (brush script),
#        Clear Sans Thin, Quicksand Light, Comfortaa Light, Fira Code Light,
#        Tinos italic, TeX Gyre Pagella italic, Linux Libertine O italic
# (family, style, weight, kind, widest advance a letter in em -- measured
# with rsvg-convert at 100 px on the words below --, stem width in em)
THIN_FONTS = {
    "dev": [("Havana", "normal", "normal", "script", 0.74, 0.06),
            ("Breip", "normal", "normal", "script", 0.72, 0.035),
            ("Steve", "normal", "normal", "script", 0.80, 0.05),
            ("Inter Thin", "normal", "normal", "thin", 0.69, 0.022),
            ("Inter Extra Light", "italic", "normal", "thin", 0.70, 0.04),
            ("Roboto Slab", "normal", "100", "thin", 0.76, 0.022),
            ("Gentium", "italic", "normal", "italic", 0.61, 0.08),
            ("C059", "italic", "normal", "italic", 0.81, 0.09)],
    "test": [("Delphine", "normal", "normal", "script", 0.49, 0.035),
             ("Rufscript", "normal", "normal", "script", 0.63, 0.08),
             ("Kaushan Script", "normal", "normal", "script", 0.72, 0.1),
             ("Clear Sans Thin", "normal", "normal", "thin", 0.63, 0.04),
             ("Quicksand Light", "normal", "normal", "thin", 0.70, 0.05),
             ("Comfortaa Light", "normal", "normal", "thin", 0.79, 0.05),
             ("Fira Code Light", "normal", "normal", "thin", 0.61, 0.06),
             ("Tinos", "italic", "normal", "italic", 0.70, 0.08),
             ("TeX Gyre Pagella", "italic", "normal", "italic", 0.78, 0.08),
             ("Linux Libertine O", "italic", "normal", "italic", 0.69, 0.08)],
}
THIN_WORDS = {
    "dev": ["Larkspur", "Fieldnote", "Harbourly", "Quillon", "Wexham", "Goldfinch",
            "Mayfair", "Cloudberry", "Brightwater", "Kelpie", "Oakhurst", "Saltmarsh",
            "Yarrow", "Pippin"],
    "test": ["Bellwether", "Dovetail", "Foxglove", "Halcyon", "Larchmont", "Moorland",
             "Nightjar", "Pemberly", "Riverlight", "Sloeberry", "Tanglewood", "Wildacre",
             "Hazeldean", "Gryphon"],
}
# short names, for the narrow boxes
THIN_SHORT = {"dev": ["Pip", "Oak", "Lark", "Fern", "Moss", "Tide", "Kite", "Bram"],
              "test": ["Fox", "Elk", "Dove", "Moor", "Sloe", "Teal", "Yew", "Hale"]}
# smallest font size a word is set at (a careful reader still reads it):
# script letters have small x-heights; at or above it a word stays legible
THIN_LO = {"script": 13.0, "thin": 10.0, "italic": 9.0}
# and the smallest size a word is set pale at (smaller pale script and
# italic words were not legible on the contact sheets)
THIN_PALE = {"script": 24.0, "thin": 12.0, "italic": 14.0}
# and the lightness difference (CIE L*) a pale ink needs when its strokes
# are under a pixel wide
THIN_PALE_DL = 8.0


def thin_setup(split, idx, rng):
    """Role, canvas, ground and layout shared by thinword and thinneg."""
    role = rng.choices(["small", "medium", "large", "wide", "hero"], [15, 20, 18, 25, 22])[0]
    W, H = g.ROLES[role]
    s = sample(split, idx, role, rng)
    bgk, bg = u_canvas(s, rng, W, H, ["white", "white", "flat", "tint", "tint", "dark",
                                     "transparent"])
    kind = rng.choices(["alone", "side", "under", "tag"], [35, 25, 20, 20])[0]
    if role == "hero":
        hero_clip(s, 392)
        x0, y0, aw, ah = 20.0, 20.0, 352.0, H - 40.0
    else:
        pad = max(2.0, W * 0.05)
        x0, y0, aw, ah = pad, pad, W - 2 * pad, H - 2 * pad
    if kind == "side" and aw < ah * 1.3:
        kind = "under" if role != "small" else "alone"
    if kind == "under" and role == "small":
        kind = "alone"
    if kind == "tag" and role == "small":
        kind = "alone"
    return s, role, W, H, bgk, bg, kind, (x0, y0, aw, ah)


def thin_ink(rng, bg, stem, pale=True):
    """The ink of a word (or a look-alike) whose strokes are @stem px wide:
    pale, 8..30 ΔE from the ground (more when the stroke covers less than a
    pixel, so it still shows; only when @pale), or standing out; on
    transparency a colour that is not white, black or blue."""
    if bg is None:
        return other_colour(rng, [], 30), "strong"
    lo = 8.0 / min(1.0, max(stem, 0.05))
    # a stroke under a pixel wide shows its lightness, hardly its hue: a
    # pale ink differing from the ground in hue alone (lime on yellow)
    # was not legible at 1x on the contact sheets
    dl = 0.0 if stem >= 1 else THIN_PALE_DL
    if pale and lo <= 26 and rng.random() < 0.7:
        for _ in range(400):
            c = g.hsl(rng, 0.05, 0.97, 0.0 if rng.random() < 0.3 else 0.2, 0.9)
            if lo <= g.de(c, bg) <= 30 and abs(g.lab(c)[0] - g.lab(bg)[0]) >= dl:
                return c, "pale"
        c = faint(rng, bg, lo, 30)
        if c and abs(g.lab(c)[0] - g.lab(bg)[0]) >= dl:
            return c, "pale"
    return colour_away(rng, [bg], 45, 0.05, 0.95), "strong"


def thin_word(rng, split, box, kind_hint=None, small=False):
    """(word, font record, size) fitting @box (x, y, w, h); @small sets it
    at the smallest legible sizes (6..9 px letters), italic serifs
    preferred; None when nothing fits."""
    x, y, w, h = box
    fonts = THIN_FONTS[split]
    if small and rng.random() < 0.7:
        fonts = [f for f in fonts if f[3] == "italic"]
    elif not small and h >= 20 and rng.random() < 0.3:
        fonts = [f for f in fonts if f[3] == "script"]
    for _ in range(12):
        f = rng.choice(fonts)
        word = rng.choice(THIN_WORDS[split])
        if rng.random() < 0.15 and f[3] != "script":
            word = word.upper()
        if rng.random() < 0.25 or _ >= 6:
            word = rng.choice(THIN_SHORT[split])
        lo = THIN_LO[f[3]]
        hi = min(50.0, h / 0.95)
        if small:
            hi = min(hi, lo * 1.35)
        size = hi
        while size >= lo:
            if len(word) * size * f[4] * 1.08 <= w:
                return word, f, size
            size *= 0.93
    return None


def thin_mark(s, rng, art, split, x, y, a, c):
    """A pictogram (filled, or a line icon) in the @a square at (x, y)."""
    if rng.random() < 0.5:
        g.place_icon(s, pict(rng, art, split, filled=True), x, y, a, c)
        return "pict"
    return u_mark(s, rng, art, split, x, y, a, a, c, brand=0)["name"]


def thin_layout(s, rng, art, split, kind, area, bg):
    """Places the mark of @kind and returns the box left for the word (or
    its look-alike), a (x, y, w, h) tuple, what the mark was, and whether
    the word goes beside the mark (True), under it (False) or alone (None)."""
    x0, y0, aw, ah = area
    mc = other_colour(rng, [], 30) if bg is None else colour_away(rng, [bg], 45)
    if kind == "side":
        a = ah * rng.uniform(0.45, 0.75)
        m = thin_mark(s, rng, art, split, x0, y0 + (ah - a) / 2, a, mc)
        gx = x0 + a * rng.uniform(1.1, 1.35)
        return (gx, y0, x0 + aw - gx, ah), m, True
    if kind == "under":
        a = ah * rng.uniform(0.4, 0.6)
        m = thin_mark(s, rng, art, split, x0 + (aw - a) / 2, y0, a, mc)
        gy = y0 + a * 1.1
        return (x0, gy, aw, y0 + ah - gy), m, False
    if kind == "tag":
        if aw > ah * 1.3:
            a = ah * rng.uniform(0.5, 0.8)
            m = thin_mark(s, rng, art, split, x0, y0 + (ah - a) / 2, a, mc)
            gx = x0 + a * 1.15
            return (gx, y0, x0 + aw - gx, ah), m, True
        a = ah * rng.uniform(0.6, 0.72)
        m = thin_mark(s, rng, art, split, x0 + (aw - a) / 2, y0, a, mc)
        gy = y0 + a * 1.08
        return (x0, gy, aw, y0 + ah - gy), m, False
    return area, None, None


def thin_labels(role, bgk):
    L = labels(role, background_white=int(bgk == "white"), gradient=0, palette="skip",
               transparent_foreground="skip" if bgk == "transparent" else 0)
    if role == "hero":
        L["background-transparent"] = int(bgk == "transparent")
        L["transparent-foreground"] = "n/a"
        if bgk == "transparent":
            L["hero-contrast"] = "skip"
    return L


def fam_thinword(split, idx, rng, art):
    """Words in hairline, light, script and italic type (THIN_FONTS), 6..36
    px high, on 40..255 px logos and heroes: alone, beside or under a mark,
    or as a small italic word (6..9 px letters) beside a mark; inked pale
    (8..30 ΔE from the ground) or strongly, on white, tinted, flat, dark
    and transparent ground."""
    s, role, W, H, bgk, bg, kind, area = thin_setup(split, idx, rng)
    box, mark, beside = thin_layout(s, rng, art, split, kind, area, bg)
    got = thin_word(rng, split, box, small=kind == "tag")
    if got is None and kind != "alone":
        s.body = s.body[:1] if bg else []
        if role == "hero":
            hero_clip(s, 392)
        kind, mark, box, beside = "alone", None, area, None
        got = thin_word(rng, split, box)
    word, f, size = got if got else (THIN_SHORT[split][0], THIN_FONTS[split][-1],
                                                THIN_LO["italic"])
    font, style, weight, fk, per, stem = f
    tc, how = thin_ink(rng, bg, size * stem, size >= THIN_PALE[fk])
    x, y, w, h = box
    tw = len(word) * size * per
    if beside:
        tx, anchor = x, "start"
    else:
        tx, anchor = x + w / 2, "middle"
    by = y + h / 2 + size * 0.33
    if beside is False:
        by = y + min(h, size * 1.05) * 0.5 + size * 0.33
    set_word(s, word, tx, by, size, tc, font, style, weight, anchor=anchor)
    if role == "hero":
        s.body.append("</g>")
    s.desc.append('thinword=%s text="%s"(%s %s %s %s %.1fpx stem=%.2fpx est-w=%.0f) ink=%s(%s,'
                  ' dE %.1f) bg=%s(%s)%s'
                  % (kind, word, font, style, weight, fk, size, size * stem, tw, tc, how,
                     g.de(tc, bg) if bg else -1, bgk, bg, " mark=%s" % mark if mark else ""))
    L = thin_labels(role, bgk)
    L["text"] = 1
    return s, svg_doc(s), L, role, None, "thinword", kind


FUNCS["thinword"] = fam_thinword
EXTRA_FAMILIES += (("thinword", 10),)


def thin_path(pts):
    """A smooth path through @pts (Catmull-Rom as cubic Béziers)."""
    d = "M%.2f,%.2f" % pts[0]
    for i in range(len(pts) - 1):
        p0 = pts[max(0, i - 1)]
        p1, p2 = pts[i], pts[i + 1]
        p3 = pts[min(len(pts) - 1, i + 2)]
        c1 = (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
        c2 = (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
        d += " C%.2f,%.2f %.2f,%.2f %.2f,%.2f" % (c1 + c2 + p2)
    return d


def thin_stroke(s, d, c, sw, extra=""):
    s.body.append('<path d="%s" fill="none" stroke="%s" stroke-width="%.2f" '
                  'stroke-linecap="round" stroke-linejoin="round" %s/>' % (d, c, sw, extra))


def thin_scribble(s, rng, box, c, sw):
    """A signature-like scrawl: a pen line running right with irregular
    rises, dips and a loop or two, maybe a swash under it; no letters."""
    x, y, w, h = box
    n = rng.randint(5, 11)
    pts, px = [], x
    for i in range(n):
        px = x + w * (i + rng.uniform(-0.3, 0.3)) / (n - 1)
        pts.append((min(max(px, x), x + w), y + h * rng.uniform(0.1, 0.9)))
        if rng.random() < 0.2 and i < n - 1:
            r = h * rng.uniform(0.15, 0.35)
            cx, cy = pts[-1]
            pts += [(cx + r, cy - r), (cx, cy - 2 * r), (cx - r * 0.6, cy - r)]
    thin_stroke(s, thin_path(pts), c, sw)
    if rng.random() < 0.5:
        yy = y + h * rng.uniform(0.85, 1.0)
        thin_stroke(s, thin_path([(x + w * 0.05, yy), (x + w * 0.5, yy + h * rng.uniform(-0.15, 0.1)),
                                  (x + w, yy - h * rng.uniform(0.1, 0.4))]), c, sw)


def thin_rule(s, rng, box, c, sw):
    """A thin rule: single, double or dashed, with a diamond, ring or dots."""
    x, y, w, h = box
    cy = y + h / 2
    v = rng.choice(["single", "double", "dashed", "diamond", "dots"])
    ww = w * rng.uniform(0.6, 1.0)
    xa = x + (w - ww) / 2
    if v == "double":
        gap = max(1.5, sw * rng.uniform(2, 4))
        for yy in (cy - gap / 2, cy + gap / 2):
            thin_stroke(s, "M%.2f,%.2f H%.2f" % (xa, yy, xa + ww), c, sw)
    elif v == "dashed":
        dash = max(1.0, h * rng.uniform(0.1, 0.4))
        thin_stroke(s, "M%.2f,%.2f H%.2f" % (xa, cy, xa + ww), c, sw,
                    'stroke-dasharray="%.2f %.2f"' % (dash, dash * rng.uniform(0.5, 1.5)))
    else:
        thin_stroke(s, "M%.2f,%.2f H%.2f" % (xa, cy, xa + ww), c, sw)
    if v == "diamond":
        r = max(1.5, h * rng.uniform(0.15, 0.35))
        mx = xa + ww / 2
        d = "M%.2f,%.2f L%.2f,%.2f L%.2f,%.2f L%.2f,%.2f Z" % (mx - r, cy, mx, cy - r,
                                                            mx + r, cy, mx, cy + r)
        s.body.append('<path d="%s" fill="%s"/>' % (d, rng.choice([c, bg_of(s) or c])))
        thin_stroke(s, d, c, sw)
    if v == "dots":
        r = max(0.8, sw * rng.uniform(1, 2.5))
        for xx in (xa, xa + ww):
            s.body.append('<circle cx="%.2f" cy="%.2f" r="%.2f" fill="%s"/>' % (xx, cy, r, c))


def bg_of(s):
    return s.bg_cols[0] if s.bg_cols else None


def thin_flourish(s, rng, box, c, sw):
    """An ornament: a swash with a curl at each end (spirals), or a wave."""
    x, y, w, h = box
    cy = y + h / 2
    if rng.random() < 0.5:
        n = rng.randint(2, 4)
        pts = [(x + w * i / (4 * n), cy + h * 0.35 * math.sin(i * math.pi / 2)
                * rng.uniform(0.6, 1.0)) for i in range(4 * n + 1)]
        thin_stroke(s, thin_path(pts), c, sw)
        return
    r0 = min(h * 0.45, w * 0.15)
    turns = rng.uniform(1.2, 2.2)
    for side in (-1, 1):
        cx = x + w / 2 + side * (w / 2 - r0)
        pts = []
        for k in range(40):
            t = k / 39
            a = -math.pi / 2 + t * turns * 2 * math.pi
            r = r0 * (1 - t * 0.85)
            pts.append((cx + side * r * math.cos(a), cy + r * math.sin(a)))
        pts.reverse()
        thin_stroke(s, thin_path(pts), c, sw)
    thin_stroke(s, thin_path([(x + r0, cy - r0), (x + w / 2, cy + h * rng.uniform(-0.2, 0.2)),
                              (x + w - r0, cy - r0)]), c, sw)


def thin_waves(s, rng, box, c, sw):
    """Two to five parallel wavy hairlines (contour lines)."""
    x, y, w, h = box
    n = rng.randint(2, 5)
    amp = h * rng.uniform(0.05, 0.2)
    per = w / rng.uniform(1, 3)
    ph = rng.uniform(0, 6.28)
    for j in range(n):
        yy = y + h * (j + 1) / (n + 1)
        pts = [(x + w * k / 20, yy + amp * math.sin(ph + 2 * math.pi * (w * k / 20) / per))
               for k in range(21)]
        thin_stroke(s, thin_path(pts), c, sw)


def thin_lineart(s, rng, art, split, box, c, sw):
    """Hairline line pictograms (their strokes set @sw px wide): one
    fitted to the box, or a row of two to four."""
    x, y, w, h = box
    pool = [i for i in u_pool(art, split, "upict") if 'stroke="currentColor"' in i["body"]] \
        or u_pool(art, split, "upict")
    n = 1 if w < h * 1.8 else rng.randint(2, 4)
    a = min(h, w / (n * 1.25))
    gap = (w - n * a) / max(1, n - 1) if n > 1 else 0
    xx = x + (w - a) / 2 if n == 1 else x
    names = []
    for _ in range(n):
        ic = rng.choice(pool)
        iw, ih = fit_iconify(ic, a, a)
        k = iw / ic["w"]
        body = re.sub(r'stroke-width="[0-9.]+"', 'stroke-width="%.3f"' % (sw / k), ic["body"])
        if "stroke-width" not in body:
            body = '<g stroke-width="%.3f">%s</g>' % (sw / k, body)
        rec = dict(ic, body=body.replace("currentColor", c))
        place_iconify(s, rec, xx + (a - iw) / 2, y + (h - ih) / 2, iw, ih)
        names.append(ic["name"])
        xx += a + gap
    return ",".join(names)


def thin_watermark(s, rng, art, split, box, c):
    """A faint shape: a disc, ring, rounded panel, filled pictogram or a
    diagonal band, in a pale ink."""
    x, y, w, h = box
    v = rng.choice(["disc", "ring", "panel", "pict", "band"])
    r = min(w, h) / 2 * rng.uniform(0.7, 1.0)
    cx, cy = x + w / 2, y + h / 2
    if v == "disc":
        s.body.append('<circle cx="%.2f" cy="%.2f" r="%.2f" fill="%s"/>' % (cx, cy, r, c))
    elif v == "ring":
        s.body.append('<circle cx="%.2f" cy="%.2f" r="%.2f" fill="none" stroke="%s" '
                      'stroke-width="%.2f"/>' % (cx, cy, r * 0.85, c, r * rng.uniform(0.05, 0.3)))
    elif v == "panel":
        ww, hh = w * rng.uniform(0.6, 1.0), h * rng.uniform(0.5, 1.0)
        rect(s, cx - ww / 2, cy - hh / 2, ww, hh, c, min(ww, hh) * rng.uniform(0, 0.3))
    elif v == "pict":
        g.place_icon(s, pict(rng, art, split, filled=True), cx - r, cy - r, 2 * r, c)
    else:
        bw = min(w, h) * rng.uniform(0.15, 0.4)
        s.body.append('<path d="M%.2f,%.2f L%.2f,%.2f L%.2f,%.2f L%.2f,%.2f Z" fill="%s"/>'
                      % (x, y + h, x + bw, y + h, x + w, y, x + w - bw, y, c))
    return v


def fam_thinneg(split, idx, rng, art):
    """No word, drawn like fam_thinword's words: in the box a word would
    take (its width and letter height from a font and size thinword would
    pick) and with the stroke width of that font at that size, in the same
    pale or strong inks: hairline line pictograms, a thin rule or ornament,
    a flourish, a signature-like scribble, wavy hairlines, or (pale only) a
    faint watermark shape behind or beside a mark."""
    s, role, W, H, bgk, bg, kind, area = thin_setup(split, idx, rng)
    box, mark, beside = thin_layout(s, rng, art, split, kind, area, bg)
    got = thin_word(rng, split, box, small=kind == "tag") or \
        (THIN_SHORT[split][0], THIN_FONTS[split][-1], THIN_LO["italic"])
    word, f, size = got
    font, style, weight, fk, per, stem = f
    sw = max(0.3, size * stem)
    c, how = thin_ink(rng, bg, sw, size >= THIN_PALE[fk])
    x, y, w, h = box
    tw = min(w, len(word) * size * per)
    th = size * rng.uniform(0.6, 1.0)
    if beside:
        gb = (x, y + (h - th) / 2, tw, th)
    elif beside is False:
        gb = (x + (w - tw) / 2, y + (min(h, size * 1.05) - th) / 2, tw, th)
    else:
        gb = (x + (w - tw) / 2, y + (h - th) / 2, tw, th)
    thing = rng.choice(["lineart", "rule", "flourish", "scribble", "waves"] +
                       (["watermark"] * 2 if how == "pale" else []))
    what = thing
    if thing == "watermark":
        wb = area
        if kind != "alone" and rng.random() < 0.5:
            # over the word's place, at least half the area's height
            hh = max(gb[3], area[3] * rng.uniform(0.5, 0.8))
            wb = (gb[0], gb[1] + gb[3] / 2 - hh / 2, max(gb[2], hh), hh)
        # behind the mark when the layout has one: drawn first
        mark_body = s.body[1:] if bg else list(s.body)
        del s.body[1 if bg else 0:]
        if role == "hero":
            hero_clip(s, 392)
        what += "(%s)" % thin_watermark(s, rng, art, split, wb, c)
        s.body += [b for b in mark_body if not b.startswith("<g clip-path")]
    elif thing == "lineart":
        what += "(%s)" % thin_lineart(s, rng, art, split, gb, c, sw)
    else:
        {"rule": thin_rule, "flourish": thin_flourish, "scribble": thin_scribble,
         "waves": thin_waves}[thing](s, rng, gb, c, sw)
    if role == "hero":
        s.body.append("</g>")
    s.desc.append("thinneg=%s/%s box=%.0fx%.0f stroke=%.2fpx(as %s %.1fpx) ink=%s(%s, dE %.1f)"
                  " bg=%s(%s)%s" % (kind, what, gb[2], gb[3], sw, font, size, c, how,
                                    g.de(c, bg) if bg else -1, bgk, bg,
                                    " mark=%s" % mark if mark else ""))
    L = thin_labels(role, bgk)
    L["text"] = 0
    return s, svg_doc(s), L, role, None, "thinneg", kind


FUNCS["thinneg"] = fam_thinneg
EXTRA_FAMILIES += (("thinneg", 9),)
